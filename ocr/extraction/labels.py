"""Label wordings per field, accent-folded (as `fold_key` gives them), across the three generations.

Local offices reword and renumber items, so each field lists every variant seen on the forms of
Decree 78/2015 (Circular 20/2015), Decree 01/2021 (Circular 02/2023) and Decree 168/2025 (Circular
68/2025/TT-BTC). Names that are not record fields (`_section…`, `_stop…`) only end the value before them.
"""

from __future__ import annotations

LABELS: dict[str, tuple[str, ...]] = {
    "registration_number": (
        "ma so ho kinh doanh",
        "so giay chung nhan dang ky ho kinh doanh",
        "so dang ky ho kinh doanh",
        "ma so dang ky ho kinh doanh",
    ),
    "first_registered_on": ("dang ky lan dau", "dang ky lan dau ngay"),
    "amendment": ("dang ky thay doi lan thu", "thay doi lan thu"),
    "business_name": (
        "ten ho kinh doanh",
        "ten ho kinh doanh viet bang tieng viet",
        "ten ho kinh doanh ghi bang chu in hoa",
        "ten ho kinh doanh viet bang chu in hoa",
    ),
    "address": (
        "dia diem kinh doanh",
        "dia chi tru so ho kinh doanh",
        "dia chi tru so chinh",
        "dia chi tru so",
        "dia chi kinh doanh",
        "dia diem tru so",
        "tru so cua ho kinh doanh",
        "tru so ho kinh doanh",
    ),
    "phone": ("dien thoai", "so dien thoai", "dt"),
    "fax": ("fax",),
    "email": ("email", "e mail", "thu dien tu"),
    "website": ("website", "trang thong tin dien tu"),
    "business_lines": ("nganh nghe kinh doanh", "nganh nghe", "linh vuc kinh doanh"),
    "capital": ("von kinh doanh", "tong so von", "von dieu le"),
    "capital_figures": ("von kinh doanh bang so",),
    "capital_words": ("von kinh doanh bang chu",),
    "employees": ("so lao dong", "tong so lao dong", "so luong lao dong"),
    "owner.full_name": (
        "ho va ten",
        "ho ten",
        "ho va ten chu ho kinh doanh",
        "ho va ten dai dien ho kinh doanh",
    ),
    "owner.gender": ("gioi tinh",),
    "owner.birth_date": ("sinh ngay", "ngay sinh", "ngay thang nam sinh"),
    "owner.ethnicity": ("dan toc",),
    "owner.nationality": ("quoc tich",),
    "owner.id_type": (
        "loai giay to phap ly cua ca nhan",
        "loai giay to chung thuc ca nhan",
        "loai giay chung thuc ca nhan",
        "loai giay to tuy than",
    ),
    "owner.id_number": (
        "so giay to phap ly cua ca nhan",
        "so giay to chung thuc ca nhan",
        "so giay chung thuc ca nhan",
        "so dinh danh ca nhan",
        "so giay to tuy than",
        "chung minh nhan dan so!",
        "can cuoc cong dan so!",
        "so cmnd",
        "so cccd",
    ),
    "owner.id_issued_on": ("ngay cap",),
    "owner.id_issued_by": ("noi cap", "co quan cap"),
    "owner.permanent_address": (
        "dia chi thuong tru",
        "noi dang ky ho khau thuong tru",
        "noi thuong tru",
        "dia chi noi thuong tru",
    ),
    "owner.current_address": (
        "dia chi lien lac",
        "cho o hien tai",
        "noi o hien tai",
        "dia chi lien he",
        "dia chi cu tru hien tai",
    ),
    "_section_owner": (
        "thong tin ve chu ho kinh doanh",
        "thong tin ve chu ho",
        "thong tin ve dai dien ho kinh doanh",
        "thong tin chu ho kinh doanh",
    ),
    "_section_founder": ("chu the thanh lap ho kinh doanh", "chu the thanh lap"),
    "members_heading": (
        "thong tin ve cac thanh vien ho gia dinh tham gia thanh lap ho kinh doanh",
        "thong tin ve cac thanh vien ho gia dinh",
        "danh sach thanh vien ho gia dinh",
        "danh sach ca nhan gop von thanh lap ho kinh doanh",
        "thanh vien ho gia dinh",
    ),
    "_stop_title": ("giay chung nhan dang ky ho kinh doanh",),
}

MULTILINE: dict[str, int] = {
    "address": 4, "owner.permanent_address": 4, "owner.current_address": 4, "business_name": 2,
    "owner.id_issued_by": 2, "capital": 2, "capital_words": 2, "owner.full_name": 1, "owner.nationality": 1,
    "owner.ethnicity": 1, "owner.id_type": 1,
}  # fmt: skip
"""How many continuation lines a wrapped value may take (inline pairs wrap at the right margin)."""

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
