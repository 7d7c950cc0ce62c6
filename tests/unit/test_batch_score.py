"""The batch benchmark's scorer: right, missed and spurious boundaries, which wrong ones were flagged."""

from __future__ import annotations

from benchmarks.batch_score import score_split
from ocr.batch.split import Role, Split, SplitDocument
from samples.batch import BatchTruth, DocumentTruth, PageTruth

TRUTH = BatchTruth(
    seed=1, tier="clean", box=1, commune="x",
    pages=[PageTruth(1, "certificate_first", 0), PageTruth(2, "continuation", 0), PageTruth(3, "blank", None),
           PageTruth(4, "certificate_first", 1), PageTruth(5, "id_card", 2)],
    documents=[DocumentTruth(0, "certificate", [1, 2]), DocumentTruth(1, "certificate", [4]),
               DocumentTruth(2, "attachment", [5], attached_to=1)],
)  # fmt: skip


def test_a_perfect_split() -> None:
    split = Split([SplitDocument(Role.CERTIFICATE, [1, 2], "t"), SplitDocument(Role.CERTIFICATE, [4], "t"),
                   SplitDocument(Role.ATTACHMENT, [5], "t", attached_to=1)], blanks=[3])  # fmt: skip
    score = score_split(split, TRUTH)
    assert (score.right, score.missed, score.spurious, score.boundary_rate) == (3, [], [], 1.0)
    assert score.blanks_dropped == 1 and score.content_dropped == [] and score.roles_right == 3


def test_missed_and_spurious_boundaries_and_their_flags() -> None:
    split = Split([SplitDocument(Role.CERTIFICATE, [1], "t"), SplitDocument(Role.CERTIFICATE, [2, 4], "t", uncertain=True)],
                  blanks=[3, 5])  # fmt: skip
    score = score_split(split, TRUTH)
    assert score.missed == [4, 5] and score.spurious == [2]
    assert score.unflagged_wrong == [5]  # 4 is inside an uncertain document, 2 starts one; 5 was dropped
    assert score.content_dropped == [5] and score.boundary_rate == 1 / 4
