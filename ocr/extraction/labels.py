"""Label wordings per field, accent-folded (as `fold_key` gives them), across the three generations.

Local offices reword, abbreviate and renumber items, so each field's labels are a small grammar rather
than a list: `RULES` writes them with alternatives `(a|b|)` (an empty branch makes the group optional)
and named parts `{gcn}` (spelt out or abbreviated: "giấy chứng nhận" / "GCN", "đăng ký hộ kinh doanh"
/ "ĐKHKD", "chứng minh nhân dân" / "CMND", …), and `LABELS` is their expansion, one tuple of wordings
per field, for the fuzzy matcher (`label_match.find_anchors`: case and a missing colon are its business, a
label wrapped onto two lines and a label repeated as a table header too). A wording ending in '!' has
words that also occur in values and must match exactly. Names that are not record fields
(`_section…`, `_stop…`, `_label_head`) only end the value before them.
"""

from __future__ import annotations

import re

PARTS: dict[str, str] = {
    "hkd": "(ho kinh doanh|hkd)",
    "dk": "(dang ky|dk)",
    "dkhkd": "(dang ky ho kinh doanh|dang ky kinh doanh|dkhkd|dkkd)",
    "gcn": "(giay chung nhan|gcn)",
    "kd": "(kinh doanh|kd)",
    "cmnd": "(chung minh nhan dan|cmnd|chung minh thu)",
    "cccd": "(can cuoc cong dan|cccd)",
    "id_card": "({cmnd}|{cccd}|the {cccd}|the can cuoc|can cuoc|ho chieu|dinh danh ca nhan)",
    "id_doc": "(giay to (phap ly|chung thuc|tuy than) (cua ca nhan|ca nhan|)|giay chung thuc ca nhan)",
    "hktt": "(ho khau thuong tru|hktt)",
}
"""Named parts of labels: the spelt-out form and its abbreviations as certificates print them."""

RULES: dict[str, tuple[str, ...]] = {
    "registration_number": (
        "ma so {hkd}",
        "ma so {dk} {hkd}",
        "so {gcn} {dkhkd}",
        "so {gcn}",
        "so {dkhkd}",
        "ma so!",
    ),
    "first_registered_on": ("{dk} lan dau (vao|) (ngay|)", "ngay {dk} lan dau"),
    "amendment": ("{dk} thay doi lan (thu|)", "thay doi lan (thu|)"),
    "business_name": (
        "ten {hkd} (viet bang tieng viet|ghi bang chu in hoa|viet bang chu in hoa|bang tieng viet|)",
        "ten co so {kd}",
    ),
    "address": (
        "dia diem {kd}",
        "dia chi {kd}",
        "dia diem tru so",
        "dia chi tru so (chinh|{hkd}|cua {hkd}|)",
        "tru so (cua|) {hkd}",
    ),
    "phone": ("(so|) dien thoai (lien he|lien lac|)", "dt", "so dt", "sdt", "tel"),
    "fax": ("(so|) fax",),
    "email": ("(dia chi|) (email|e mail|thu dien tu)",),
    "website": ("website", "trang web", "trang thong tin dien tu"),
    "business_lines": ("(ten|) nganh nghe kinh doanh", "nganh nghe", "linh vuc kinh doanh"),
    "capital": ("(tong|so|) von kinh doanh", "tong so von (kinh doanh|)", "von dieu le"),
    "capital_figures": ("von kinh doanh bang so",),
    "capital_words": ("von kinh doanh bang chu",),
    "employees": ("(tong|) so lao dong", "so luong lao dong"),
    "owner.full_name": ("ho (va|) ten", "ho (va|) ten (chu|dai dien) {hkd}"),
    "owner.gender": ("gioi tinh",),
    "owner.birth_date": ("sinh ngay", "ngay sinh", "ngay thang nam sinh"),
    "owner.ethnicity": ("dan toc",),
    "owner.nationality": ("quoc tich",),
    "owner.id_type": ("loai {id_doc}", "loai giay chung thuc ca nhan"),
    "owner.id_number": (
        "so {id_doc}",
        "so {id_card}",
        "so (cmnd|chung minh nhan dan) (hoac|) (cccd|can cuoc cong dan) (hoac|) (ho chieu|)",
        "{cmnd} so!",
        "(the|) {cccd} so!",
        "(the|) can cuoc so!",
        "ho chieu so!",
    ),
    "owner.id_issued_on": ("ngay cap",),
    "owner.id_issued_by": ("noi cap", "co quan cap"),
    "owner.permanent_address": (
        "(dia chi|noi) (dang ky|) (ho khau|) thuong tru",
        "dia chi noi thuong tru",
        "(noi dang ky|dia chi|) {hktt}",
        "thuong tru",
    ),
    "owner.current_address": (
        "dia chi lien (lac|he)",
        "(cho|noi) o hien (tai|nay)",
        "dia chi cu tru hien tai",
    ),
    "_section_owner": (
        "thong tin (ve|) chu {hkd}",
        "thong tin ve chu ho",
        "thong tin ve dai dien {hkd}",
    ),
    "_section_founder": ("chu the thanh lap {hkd}", "chu the thanh lap"),
    "members_heading": (
        "thong tin ve cac thanh vien ho gia dinh tham gia thanh lap {hkd}",
        "thong tin ve cac thanh vien ho gia dinh",
        "danh sach (cac|) thanh vien ho gia dinh",
        "danh sach ca nhan gop von thanh lap {hkd}",
        "thanh vien ho gia dinh",
    ),
    "_stop_title": ("{gcn} {dkhkd}",),
    "_label_head": (),  # the first line of a label wrapped onto two lines (label_match.find_wrapped_labels)
}
"""Each field's labels as a grammar (see the module docstring); `LABELS` is the expansion."""

_GROUP = re.compile(r"\(([^()]*)\)")


def expand(rule: str, parts: dict[str, str] = PARTS) -> tuple[str, ...]:
    """Every wording a rule allows, in order, without duplicates: 'so {gcn}' → 'so giay chung nhan',
    'so gcn'. Named parts are replaced first, then the innermost groups, one at a time."""
    for _ in range(10):  # named parts may name parts
        new = re.sub(r"\{(\w+)\}", lambda m: parts[m.group(1)], rule)
        if new == rule:
            break
        rule = new
    found: list[str] = []
    pending = [rule]
    while pending:
        text = pending.pop(0)
        m = _GROUP.search(text)
        if m is None:
            wording = " ".join(text.split())
            if wording and wording not in found:
                found.append(wording)
            continue
        pending += [text[: m.start()] + option + text[m.end() :] for option in m.group(1).split("|")]
    return tuple(found)


LABELS: dict[str, tuple[str, ...]] = {
    name: tuple(dict.fromkeys(w for rule in rules for w in expand(rule))) for name, rules in RULES.items()
}
"""Every wording of every field's labels (the matcher's input)."""

MULTILINE: dict[str, int] = {
    "address": 4, "owner.permanent_address": 4, "owner.current_address": 4, "business_name": 2,
    "owner.id_issued_by": 2, "capital": 2, "capital_words": 2, "owner.full_name": 1, "owner.nationality": 1,
    "owner.ethnicity": 1, "owner.id_type": 1,
}  # fmt: skip
"""How many continuation lines a wrapped value may take (inline pairs wrap at the right margin)."""

AFTER_SEMICOLON = frozenset({"amendment"})
"""Labels that may open a clause after ';' mid-line, without a colon: offices print both dates on one
line ('Đăng ký lần đầu: ngày …; đăng ký thay đổi lần thứ 2, ngày …')."""

STOP_PHRASES = ("giay chung nhan nay", "ky ghi ho ten", "truong phong", "kt truong phong", "pho truong phong",
                "tm uy ban", "nguoi ky", "noi nhan")  # fmt: skip
"""Lines that end any value: the closing line and the signature block."""

SAME_AS_ABOVE = ("nhu tren", "nhu dia chi thuong tru", "nhu dia chi tren", "trung dia chi thuong tru")

LAYOUT_EVIDENCE: dict[str, tuple[str, ...]] = {
    "title": ("giay chung nhan dang ky ho kinh doanh",),
    "commune": (
        "ubnd xa",
        "phong kinh te ha tang",
        "ubnd phuong",
        "ubnd dac khu",
        "uy ban nhan dan xa",
        "uy ban nhan dan phuong",
        "uy ban nhan dan dac khu",
    ),
    "district": (
        "ubnd quan",
        "ubnd huyen",
        "ubnd thi xa",
        "ubnd thanh pho",
        "uy ban nhan dan quan",
        "uy ban nhan dan huyen",
        "uy ban nhan dan thi xa",
        "uy ban nhan dan thanh pho",
        "phong tai chinh ke hoach",
        "phong tai chinh",
    ),
}
