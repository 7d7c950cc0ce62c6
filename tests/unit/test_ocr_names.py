"""Choosing between the page reading and the line re-reading of upper-case names."""

from __future__ import annotations

from ocr.extraction.fields import Candidate
from ocr.extraction.names import (
    apply_name_rereads,
    prefer_business_word,
    strip_label_words,
)
from tests.unit.ocr_spans import span_of


def name(text: str, conf: float = 93.0, row: int = 0) -> Candidate:
    return Candidate(value=text, span=span_of(text, conf, row), confidence=0.8)


def fields(owner: str, business: str) -> dict[str, Candidate]:
    return {"owner.full_name": name(owner), "business_name": name(business, row=1)}


def test_agreeing_readings_are_trusted() -> None:
    c = fields("KIỀU THỊ DIỄM", "SHOP THỜI TRANG DIỄM")
    apply_name_rereads(c, {"owner.full_name": ("KIỀU THỊ DIỄM", 92.0)})
    assert c["owner.full_name"].value == "KIỀU THỊ DIỄM"
    assert c["owner.full_name"].confidence >= 0.86


def test_confident_reread_replaces_a_tone_but_still_goes_to_review() -> None:
    c = fields("NGUYỄN NGỌC THĂNG", "TẠP HÓA AN")
    apply_name_rereads(c, {"owner.full_name": ("NGUYỄN NGỌC THẮNG", 91.0)})
    assert c["owner.full_name"].value == "NGUYỄN NGỌC THẮNG"
    assert c["owner.full_name"].confidence < 0.86


def test_weak_disagreeing_reread_keeps_the_value_and_doubts_it() -> None:
    c = fields("NHÀ NGHỈ NHUNG", "NHÀ NGHỈ NHUNG")
    apply_name_rereads(c, {"business_name": ("NHÀ NGHĨ NHUNG", 35.0)})
    assert c["business_name"].value == "NHÀ NGHỈ NHUNG"
    assert c["business_name"].confidence <= 0.6


def test_impossible_syllable_is_replaced_and_reviewed() -> None:
    c = fields("HƯỲNH THÀNH NGỮ", "TIỆM BÁNH NGỮ")
    apply_name_rereads(c, {"owner.full_name": ("HUỲNH THÀNH NGỮ", 70.0)})
    assert c["owner.full_name"].value == "HUỲNH THÀNH NGỮ"
    assert c["owner.full_name"].confidence < 0.86


def test_a_reading_of_other_letters_is_ignored() -> None:
    c = fields("LÊ VĂN AN", "QUÁN AN")
    apply_name_rereads(c, {"owner.full_name": ("LE VAN ANH", 95.0)})
    assert c["owner.full_name"].value == "LÊ VĂN AN"
    assert c["owner.full_name"].confidence == 0.8


def test_owner_and_business_names_must_agree_on_shared_words() -> None:
    c = fields("TRẦN THỊ HUYỀN", "TIỆM TÓC HUYÊN")
    apply_name_rereads(c, {"owner.full_name": ("TRẦN THỊ HUYỀN", 92.0)})
    assert c["business_name"].value == "TIỆM TÓC HUYỀN"  # the name read twice alike wins
    assert c["owner.full_name"].confidence < 0.86 and c["business_name"].confidence < 0.86
    c = fields("TRẦN THỊ HUYỀN", "TIỆM TÓC HUYÊN")
    apply_name_rereads(c, {"owner.full_name": ("TRẦN THỊ HUYỀN", 50.0)})  # weak: nobody read twice
    assert c["owner.full_name"].confidence <= 0.6 and c["business_name"].confidence <= 0.6


def test_a_name_read_twice_alike_lends_its_spelling_to_the_other() -> None:
    c = fields("NGUYỄN NGỌC THẮNG", "HỘ KINH DOANH NGUYỄN NGỌC THĂNG")
    apply_name_rereads(c, {"owner.full_name": ("NGUYỄN NGỌC THẮNG", 92.0)})
    assert c["business_name"].value == "HỘ KINH DOANH NGUYỄN NGỌC THẮNG"
    assert c["business_name"].confidence < 0.86


def test_trade_words_keep_cua_hang_against_a_confident_cua() -> None:
    c = fields("TRẦN VĂN AN", "CỬA HÀNG TẠP HÓA AN")
    apply_name_rereads(c, {"business_name": ("CỦA HÀNG TẠP HÓA AN", 93.0)})
    assert c["business_name"].value == "CỬA HÀNG TẠP HÓA AN"
    assert c["business_name"].confidence < 0.86  # the readings disagreed: a human looks


def test_trade_words_take_sua_chua_from_the_second_reading() -> None:
    c = fields("TRẦN VĂN AN", "SỦA CHỮA XE MÁY AN")
    apply_name_rereads(c, {"business_name": ("SỬA CHỮA XE MÁY AN", 60.0)})  # weak, but the words say so
    assert c["business_name"].value == "SỬA CHỮA XE MÁY AN"
    assert c["business_name"].confidence < 0.86


def test_trade_words_do_not_decide_between_two_proper_names() -> None:
    assert prefer_business_word(["QUÁN", "PHỞ", "HÙNG"], 2, "HÙNG", "HƯNG") is None
    assert prefer_business_word(["TIỆM", "SỦA", "XE"], 1, "SỦA", "SỬA") == "SỬA"


def test_label_tail_glued_by_a_hyphen_is_stripped_from_the_owner_name() -> None:
    cand = name("chủ hộ-kinh doanh: LÊ ANH THẮNG")
    cand.confidence = 0.95
    strip_label_words(cand)
    assert cand.value == "LÊ ANH THẮNG"
    assert cand.span is not None and [t.word.text for t in cand.span.tokens] == ["LÊ", "ANH", "THẮNG"]
    assert cand.confidence < 0.86


def test_a_name_that_starts_like_a_label_word_is_kept() -> None:
    for text in ("HỒ THỊ LAN", "Hồ Thị Lan", "TÊN VĂN HỒ"):
        cand = name(text)
        strip_label_words(cand)
        assert cand.value == text
