"""Street names and the words that open a street or hamlet part of an address (Ấp, Thôn, Tổ dân phố).

The commonest street names honour the same national figures and events in every province, so a
street part whose letters spell one of them with other marks (Tôn Đức Thăng) is that street; the
repaired address goes to review, and a street missing from the list is left as read. The opening
words are a closed list: one that cannot exist as a syllable (Âp) takes the listed marks.

Source: see ocr/data/SOURCES.md (street names shared by most Vietnamese cities).
"""

from __future__ import annotations

import re
from functools import cache

from ocr.extraction.places import is_unit_part
from ocr.extraction.syllables import is_syllable
from rules.printed import PrintedMatch, compare_printed
from schemas.vietnamese import fold_key

_STREETS = """
    Lê Lợi; Trần Hưng Đạo; Nguyễn Huệ; Hai Bà Trưng; Quang Trung; Lý Thường Kiệt; Nguyễn Trãi; Lê Duẩn;
    Phan Chu Trinh; Phan Châu Trinh; Hùng Vương; Điện Biên Phủ; Trần Phú; Nguyễn Văn Cừ; Võ Thị Sáu;
    Bạch Đằng; Ngô Quyền; Lê Thánh Tông; Nguyễn Du; Phạm Văn Đồng; Tôn Đức Thắng; Hoàng Diệu;
    Lạc Long Quân; Âu Cơ; Cách Mạng Tháng Tám; Nguyễn Thị Minh Khai; Chu Văn An; Yết Kiêu;
    Phan Đình Phùng; Mạc Đĩnh Chi; Huỳnh Thúc Kháng; Lê Hồng Phong; Trường Chinh; Xô Viết Nghệ Tĩnh;
    Phan Bội Châu; Lê Lai; Lê Đại Hành; Lê Hoàn; Đinh Tiên Hoàng; Lý Thái Tổ; Lý Tự Trọng; Lê Quý Đôn;
    Nguyễn Thái Học; Nguyễn Đình Chiểu; Nguyễn Chí Thanh; Nguyễn Văn Linh; Võ Nguyên Giáp; Võ Văn Kiệt;
    Hoàng Văn Thụ; Hoàng Hoa Thám; Trần Quốc Toản; Trần Quang Khải; Trần Nhân Tông; Trần Khánh Dư;
    Trần Bình Trọng; Bà Triệu; Kim Đồng; Tô Hiến Thành; Nguyễn Công Trứ; Nguyễn Khuyến; Nguyễn Trung Trực;
    Nguyễn Văn Trỗi; Nguyễn Tất Thành; Nguyễn Sinh Sắc; Cao Thắng; Hàm Nghi; Duy Tân; Thống Nhất;
    Độc Lập; Hòa Bình; Nam Kỳ Khởi Nghĩa; Ba Tháng Hai; Ba Mươi Tháng Tư; Hai Mươi Tháng Tư;
    Phạm Ngũ Lão; Phạm Hùng; Lê Văn Sỹ; Lê Thánh Tôn; Lý Chính Thắng; Nguyễn Bỉnh Khiêm; Tôn Thất Thuyết;
    Ngô Gia Tự; Ngô Thì Nhậm; Đào Duy Từ; Đoàn Thị Điểm; Nguyễn Trường Tộ; Phan Huy Chú; Trưng Trắc;
    Trưng Nhị; An Dương Vương; Mai Hắc Đế; Đinh Bộ Lĩnh; Lê Thái Tổ; Nguyễn Hữu Thọ; Tố Hữu; Xuân Thủy;
    Trần Đại Nghĩa; Nguyễn Văn Trỗi; Lê Văn Tám; Nguyễn Viết Xuân; Phan Đăng Lưu; Lê Trọng Tấn
"""
STREET_NAMES = tuple(dict.fromkeys(s.strip() for s in _STREETS.split(";") if s.strip()))


@cache
def _by_words() -> dict[tuple[str, ...], str]:
    """Folded words → the street's spelling; names that fold alike (Lê Thánh Tông / Tôn) both stay out
    of doubt because their folded words differ."""
    return {tuple(fold_key(w) for w in name.split()): name for name in STREET_NAMES}


PLACE_WORDS = (
    "Ấp",
    "Thôn",
    "Xóm",
    "Bản",
    "Buôn",
    "Làng",
    "Khóm",
    "Sóc",
    "Tổ",
    "Khu phố",
    "Tổ dân phố",
    "Số nhà",
    "Ngõ",
    "Ngách",
    "Hẻm",
    "Kiệt",
)
"""The words that open a hamlet or street part of an address: a closed list, so 'Âp An Hòa' (no such
syllable) is 'Ấp An Hòa' (seed 3105, marked `ok`)."""


@cache
def _place_words() -> dict[tuple[str, ...], str]:
    return {tuple(fold_key(w) for w in word.split()): word for word in PLACE_WORDS}


def snap_place_words(text: str) -> str:
    """Each street/hamlet part's opening word takes its printed marks ('Âp' → 'Ấp', 'Thồn' → 'Thôn',
    'Tố 8' → 'Tổ 8'), keeping the case it was read in."""
    pieces = re.split(r"(,\s*)", text)
    return "".join(p if i % 2 or is_unit_part(p) else _snap_opening(p) for i, p in enumerate(pieces))


_NUMBER = re.compile(r"\d+[A-Za-z]?(?:/\d+[A-Za-z]?)*")
"""A hamlet or group number ('8', '12A', '3/2'): a word before it that folds to an opening word is that
word ('Tố 8' is 'Tổ 8'), whatever syllable the marks spell; a place named by a word stays as read."""


def _snap_opening(part: str) -> str:
    words = part.split(" ")
    for n in (3, 2, 1):
        word = _place_words().get(tuple(fold_key(w) for w in words[:n])) if len(words) >= n else None
        numbered = len(words) > n and bool(_NUMBER.fullmatch(words[n]))
        if word is not None and n == 1 and is_syllable(words[0]) and not numbered:
            return part  # 'Bàn Cờ' is a place, not 'Bản': only a word that cannot exist is replaced
        if word is not None:
            fixed = word.split()
            if words[0][:1].islower():
                fixed[0] = fixed[0].lower()
            return " ".join([*fixed, *words[n:]])
    return part


def snap_street_names(text: str) -> str:
    """'Số 122 đường Tôn Đức Thăng, Xã …' → 'Số 122 đường Tôn Đức Thắng, Xã …': a run of words in a
    street part (not a xã/huyện/tỉnh part) that folds to a listed street takes the listed marks."""
    pieces = re.split(r"(,\s*)", text)
    return "".join(p if i % 2 or is_unit_part(p) else _snap_part(p) for i, p in enumerate(pieces))


def _snap_part(part: str) -> str:
    words = part.split()
    keys = [fold_key(w) for w in words]
    table = _by_words()
    lengths = sorted({len(k) for k in table}, reverse=True)
    i = 0
    while i < len(words):
        for n in lengths:
            name = table.get(tuple(keys[i : i + n])) if i + n <= len(words) else None
            if name is not None:
                if compare_printed(" ".join(words[i : i + n]), name) is not PrintedMatch.VARIANT:
                    words[i : i + n] = name.split()  # Hoà Bình is Hòa Bình spelt another way: kept
                i += n - 1
                break
        i += 1
    return " ".join(words)
