"""Surnames, business-name heads, punctuation and glued syllables in upper-case names."""

from __future__ import annotations

import pytest

from ocr.extraction.fields import Candidate
from ocr.extraction.name_words import (
    repair_member_surname,
    snap_loanword,
    snap_surname,
    split_glued,
    tidy_name_text,
    tidy_names,
)


def cands(owner: str, business: str, conf: float = 0.95) -> dict[str, Candidate]:
    return {
        "owner.full_name": Candidate(value=owner, span=None, confidence=conf),
        "business_name": Candidate(value=business, span=None, confidence=conf),
    }


@pytest.mark.parametrize(
    ("read", "want"),
    [("PHẨM", "PHẠM"), ("PHẬM", "PHẠM"), ("NGUYÊN", "NGUYỄN"), ("TRẤN", "TRẦN"), ("HƯỜNH", "HUỲNH")],
)
def test_misread_surnames_snap_to_the_one_listed_spelling(read: str, want: str) -> None:
    assert snap_surname(read) == want


@pytest.mark.parametrize("word", ["LÊ", "LA", "LÃ", "NGỌC", "LẢ", "THƯ"])
def test_listed_or_ambiguous_or_unrelated_words_stay(word: str) -> None:
    assert snap_surname(word) is None  # LẢ: both LA and LÃ fold alike, so the letters decide nothing


def test_glued_syllables_split_only_one_way() -> None:
    assert split_glued("NGỌCLAN") == "NGỌC LAN"
    assert split_glued("NGUYỄN") is None  # a syllable already
    assert split_glued("NGỌCƯỚC") == "NGỌC ƯỚC"  # not NGỌ CƯỚC: the split with a common name (seed 3103)
    assert split_glued("THANHHA") == "THANH HA"
    assert split_glued("XYZQ") is None


def test_punctuation_inside_and_around_names_goes() -> None:
    assert tidy_name_text("QUÁN CÀ PHÊ TRẦN LỆ.NHUNG") == "QUÁN CÀ PHÊ TRẦN LỆ NHUNG"
    assert tidy_name_text("QUẦY-THUỐC GIANG") == "QUẦY THUỐC GIANG"
    assert tidy_name_text("‘HUỲNH LỆ XUÂN THỦY") == "HUỲNH LỆ XUÂN THỦY"
    assert tidy_name_text("CỬA HÀNG A-B") == "CỬA HÀNG A-B"  # single letters: a real hyphen


def test_surname_and_head_fixed_everywhere_and_sent_to_review() -> None:
    c = cands("NGUYÊN HỒNG PHƯƠNG", "HỘ KINH DOANH NGUYÊN HỒNG PHƯƠNG")
    tidy_names(c)
    assert c["owner.full_name"].value == "NGUYỄN HỒNG PHƯƠNG"
    assert c["business_name"].value == "HỘ KINH DOANH NGUYỄN HỒNG PHƯƠNG"
    assert c["owner.full_name"].confidence <= 0.8 and c["business_name"].confidence <= 0.8
    c = cands("LÊ THỊ THỦY", "QUÂY THUỐC THỦY")
    tidy_names(c)
    assert c["business_name"].value == "QUẦY THUỐC THỦY"
    assert c["business_name"].confidence <= 0.8
    assert c["owner.full_name"].confidence == 0.95  # unchanged, still trusted


def test_correct_names_are_left_alone() -> None:
    c = cands("TRẦN VĂN NGUYÊN", "CỬA HÀNG TẠP HÓA NGUYÊN")
    tidy_names(c)  # Nguyên is a given name here, not a surname
    assert c["owner.full_name"].value == "TRẦN VĂN NGUYÊN"
    assert c["business_name"].value == "CỬA HÀNG TẠP HÓA NGUYÊN"
    assert c["business_name"].confidence == 0.95


def test_a_loanword_with_a_misread_letter_is_restored() -> None:
    assert snap_loanword("SHQP") == "SHOP"  # seed 3103: SHQP THỜI TRANG KHOA
    assert snap_loanword("6ARA") == "GARA"
    assert snap_loanword("SHOP") is None
    assert snap_loanword("HOA") is None  # a Vietnamese syllable is never taken for a loanword


def test_member_surnames_that_lost_a_letter_or_gained_a_stray_word_are_repaired() -> None:
    assert repair_member_surname("guyễn Xuân Kiên") == "Nguyễn Xuân Kiên"  # seed 3103
    assert repair_member_surname("Ki Nguyễn Thị Thảo") == "Nguyễn Thị Thảo"  # the row's edge
    assert repair_member_surname("Lê Văn An") == "Lê Văn An"
    assert repair_member_surname("An Văn Bình") == "An Văn Bình"  # no listed surname behind it: kept
