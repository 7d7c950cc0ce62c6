"""Tone marks on upper-case given names: a word that is no common name, but becomes one by a tone mark
Tesseract is known to drop or confuse, is that name.

On capitals `vie` drops a huyền or sắc sitting on a hat (HẰNG → HĂNG, YẾN → YÊN, HUYỀN → HUYÊN) and
reads hỏi or huyền as sắc (HƯỞNG → HƯỚNG, HUYỀN → HUYẾN): the letters survive, the tone does not. Given names come from a
short list, so when exactly one common name has the same letters and a tone that fits the misread,
it is taken — never trusted: the field still goes to review, where the reviewer sees the image.

Source: common Vietnamese given and middle names, see ocr/data/SOURCES.md (not the sample generator).
"""

from __future__ import annotations

import unicodedata
from functools import cache

from schemas.vietnamese import normalize_tone_marks

_GIVEN_LIST = """
    AN ANH ÁNH BẢO BẮC BÍCH BÌNH CẢNH CHÂU CHI CHIẾN CHÍNH CHÍ CÔNG CÚC CƯỜNG DANH DIỄM DIỆP DIỆU DŨNG
    DUNG DUY DUYÊN DƯƠNG ĐẠI ĐÀO ĐẠT ĐIỆP ĐÌNH ĐỊNH ĐÔNG ĐỨC GẤM GIA GIANG HÀ HẠ HẢI HẠNH HÀO HẰNG HÂN HẬU
    HIỀN HIỂN HIỆP HIẾU HÒA HOA HOÀI HOÀN HOÀNG HỒNG HỢP HUẾ HUỆ HÙNG HUY HUYỀN HƯNG HƯƠNG HƯỜNG HƯỞNG
    HỮU KHẢI KHANG KHÁNH KHIÊM KHOA KHÔI KIÊN KIỀU KIM LAN LÂM LỆ LIÊN LIỄU LINH LOAN LỘC LỢI LONG LUÂN
    LỤA LỰC LY LÝ MAI MẠNH MẾN MINH MY MỸ NAM NGA NGÂN NGHĨA NGỌC NGUYÊN NGUYỆT NHÀN NHÂN NHẬT NHI NHƯ
    NHUNG OANH PHÁT PHONG PHÚ PHÚC PHƯỚC PHƯƠNG PHƯỢNG QUANG QUÂN QUỐC QUÝ QUYÊN QUỲNH SANG SEN SƠN TÀI
    TÂM TÂN THẠCH THẮM THẮNG THANH THÀNH THẢO THẾ THỊ THIỆN THỊNH THOA THÔNG THU THỦY THÚY THƯ THƯƠNG
    TIÊN TIẾN TÍN TOÀN TRANG TRÂM TRÍ TRINH TRỌNG TRUNG TRƯỜNG TÚ TUẤN TÙNG TUYẾT UYÊN VĂN VÂN VI VIỆT
    VINH VĨNH VŨ XUÂN YẾN
"""
GIVEN_NAMES = frozenset(normalize_tone_marks(w) for w in _GIVEN_LIST.split())

_TONE_MARKS = {"\u0300": "huyền", "\u0301": "sắc", "\u0303": "ngã", "\u0309": "hỏi", "\u0323": "nặng"}
MISREAD_AS: dict[str, tuple[set[str], ...]] = {
    "": ({"huyền", "sắc", "hỏi", "ngã", "nặng"},),  # a mark lost on a capital that already wears a hat
    "sắc": ({"hỏi"}, {"huyền"}),  # hỏi first (HƯỚNG → HƯỞNG, not HƯỜNG), then its mirror (HUYẾN → HUYỀN)
    "hỏi": ({"sắc"},),
    # a grave read as a tilde over a hat or an I (HUYỀN → HUYỄN, ĐÌNH → ĐĨNH)
    "ngã": ({"huyền"},),
}
"""Tone read → the tones it may really have been, most likely first: the first group with exactly one
common name decides. Only these confusions are repaired (seen on development seeds 3101–3103, 3106;
ngã for huyền on 720626 and 248064)."""


def split_tone(word: str) -> tuple[str, str]:
    """'HƯỚNG' → ('HƯƠNG', 'sắc'): the word without its tone mark (hats and horns kept), and the tone."""
    tone = ""
    kept = []
    for ch in unicodedata.normalize("NFD", word):
        if ch in _TONE_MARKS:
            tone = _TONE_MARKS[ch]
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)), tone


@cache
def _names_by_letters() -> dict[str, tuple[tuple[str, str], ...]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for name in sorted(GIVEN_NAMES):
        letters, tone = split_tone(name)
        out.setdefault(letters, []).append((name, tone))
    return {k: tuple(v) for k, v in out.items()}


def snap_given_name(word: str) -> str | None:
    """The common given name a misread upper-case word stands for (HĂNG → HẰNG, HƯỚNG → HƯỞNG); None when
    the word is a common name already, or no single name fits."""
    upper = normalize_tone_marks(word.upper())
    if upper in GIVEN_NAMES:
        return None
    letters, tone = split_tone(upper)
    names = _names_by_letters().get(letters, ())
    for tones in MISREAD_AS.get(tone, ()):
        fits = [name for name, t in names if t in tones]
        if fits:
            return fits[0] if len(fits) == 1 else None
    return None
