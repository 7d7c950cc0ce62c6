"""Score a split against a generated batch's truth: boundaries, flags, blanks, roles.

A boundary is the first page of a document. Right boundaries are those in both the truth and the
split; wrong ones are missed (in the truth only) or spurious (in the split only). A wrong boundary is
flagged when the document the clerk would look at is marked uncertain: the split's document that holds
the missed first page, or the spurious document itself. Blanks: every true blank dropped, and no
page with content dropped.
"""

from __future__ import annotations

import msgspec

from ocr.batch.split import Split
from samples.batch import BatchTruth


class SplitScore(msgspec.Struct, frozen=True):
    pages: int
    boundaries: int  # in the truth
    right: int
    missed: list[int]
    spurious: list[int]
    unflagged_wrong: list[int]
    blanks: int
    blanks_dropped: int
    content_dropped: list[int]  # pages with content taken for blank
    roles_right: int
    flagged: int  # documents marked uncertain (what the clerk checks first)

    @property
    def boundary_rate(self) -> float:
        total = self.right + len(self.missed) + len(self.spurious)
        return self.right / total if total else 1.0

    def line(self) -> str:
        return (
            f"boundaries {self.right}/{self.boundaries} right ({100 * self.boundary_rate:.1f} %), "
            f"missed {self.missed}, spurious {self.spurious}, unflagged wrong {self.unflagged_wrong}; "
            f"blanks dropped {self.blanks_dropped}/{self.blanks}, content dropped {self.content_dropped}; "
            f"roles right {self.roles_right}/{self.boundaries}; flagged documents {self.flagged}"
        )


def score_split(split: Split, truth: BatchTruth) -> SplitScore:
    true_starts = {d.pages[0]: d for d in truth.documents if d.pages}
    got_starts = {d.pages[0]: d for d in split.documents}
    holder = {p: d for d in split.documents for p in d.pages}
    missed = sorted(set(true_starts) - set(got_starts))
    spurious = sorted(set(got_starts) - set(true_starts))
    unflagged = [p for p in missed if p in holder and not holder[p].uncertain]
    unflagged += [p for p in missed if p not in holder]  # dropped as blank: never seen by the clerk
    unflagged += [p for p in spurious if not got_starts[p].uncertain]
    true_blanks = {p.page for p in truth.pages if p.kind == "blank"}
    roles = sum(
        1
        for start, doc in true_starts.items()
        if start in got_starts
        and got_starts[start].role.value == doc.kind
        and got_starts[start].pages == doc.pages
    )
    return SplitScore(
        pages=len(truth.pages),
        boundaries=len(true_starts),
        right=len(set(true_starts) & set(got_starts)),
        missed=missed,
        spurious=spurious,
        unflagged_wrong=sorted(unflagged),
        blanks=len(true_blanks),
        blanks_dropped=len(true_blanks & set(split.blanks)),
        content_dropped=sorted(set(split.blanks) - true_blanks),
        roles_right=roles,
        flagged=sum(1 for d in split.documents if d.uncertain),
    )
