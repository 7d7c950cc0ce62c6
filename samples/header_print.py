"""How offices print the certificate header and the business block: label wordings per generation.

The three forms fix the wording ("Số:", "Mã số hộ kinh doanh:", "Đăng ký lần đầu, ngày …"), but local
prints abbreviate ("Số GCN ĐKHKD", "Mã số HKD", "ĐT", "UBND"), spell out ("Số giấy chứng nhận đăng ký
hộ kinh doanh"), drop the colon, set a label in capitals, put the value on the next line, put two
fields on one line, number items "1.", "1)", "a)" or not at all, and write loanwords in shop names
("SALON TÓC", "CAFE"). Every choice here is drawn from a stream derived from the document's stream
without consuming it, so the other choices of an old seed stay as they were; the truth is what is
printed (a committee printed "UBND QUẬN X" has that as its truth).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

COMMITTEE_FULL = "ỦY BAN NHÂN DÂN"
COMMITTEE_HEADS = (COMMITTEE_FULL, COMMITTEE_FULL, "UBND", "UỶ BAN NHÂN DÂN")
"""The committee as printed: the full wording, its abbreviation, or the old tone placement."""

LOANWORD_NAMES = {
    "TIỆM TÓC ": ("SALON TÓC ", "SALON "),
    "QUÁN CÀ PHÊ ": ("CAFE ", "COFFEE "),
    "SỬA XE ": ("GARA ", "GARA XE MÁY "),
    "CỬA HÀNG TẠP HÓA ": ("MINI MART ", "SHOP "),
    "NHÀ NGHỈ ": ("MOTEL ", "HOMESTAY "),
    "TIỆM BÁNH ": ("BAKERY ",),
}
"""Shop-name heads that offices also register in a borrowed word, kept as printed (not syllables)."""

NUMBER_LABELS = {
    "2015": ("Số", "Số giấy chứng nhận ĐKHKD", "Số giấy chứng nhận đăng ký hộ kinh doanh", "Số GCN ĐKHKD",
             "Số ĐKKD", "Số đăng ký kinh doanh"),
    "2021": ("Mã số hộ kinh doanh", "Mã số HKD", "Mã số đăng ký hộ kinh doanh", "Số giấy chứng nhận ĐKHKD",
             "Mã số"),
    "2025": ("Mã số hộ kinh doanh", "Mã số HKD", "Mã số đăng ký hộ kinh doanh", "Mã số"),
}  # fmt: skip
FIRST_LABELS = ("Đăng ký lần đầu{sep}", "Đăng ký lần đầu ", "Ngày đăng ký lần đầu: ", "Đăng ký lần đầu vào ")
AMEND_LABELS = ("Đăng ký thay đổi lần thứ{sep}{n}, ", "Đăng ký thay đổi lần thứ {n} ", "Thay đổi lần thứ {n}, ",
                "Đăng ký thay đổi lần {n}, ", "Đăng ký thay đổi lần thứ {n:02d}, ")  # fmt: skip
NAME_LABELS = ("Tên hộ kinh doanh", "TÊN HỘ KINH DOANH", "Tên HKD", "Tên cơ sở kinh doanh",
               "Tên hộ kinh doanh viết bằng tiếng Việt")  # fmt: skip
SITE_LABELS = (
    "Địa chỉ kinh doanh",
    "Địa chỉ trụ sở",
    "Trụ sở hộ kinh doanh",
    "Địa điểm KD",
    "ĐỊA ĐIỂM KINH DOANH",
)
PHONE_LABELS = ("Điện thoại", "Số điện thoại", "ĐT", "Điện thoại liên hệ", "SĐT", "Tel")
FAX_LABELS = ("Fax", "Số fax")
EMAIL_LABELS = ("Email", "E-mail", "Thư điện tử", "Địa chỉ email")
WEBSITE_LABELS = ("Website", "Trang web", "Trang thông tin điện tử")
CAPITAL_LABELS = (
    "Vốn kinh doanh",
    "VỐN KINH DOANH",
    "Tổng số vốn",
    "Tổng vốn kinh doanh",
    "Số vốn kinh doanh",
)
NUMBERINGS = ("{n}. ", "{n}. ", "{n}) ", "{a}) ", "")
"""Item numbers as offices print them: "1.", "1)", "a)" or none."""


@dataclass
class HeaderWording:
    """One document's choices for the header and the business block (None: the era's own wording)."""

    number_label: str | None = None
    number_colon: bool = True
    number_next_line: bool = False
    first_label: str | None = None
    amend_label: str | None = None
    dates_one_line: bool = False
    name_label: str | None = None
    name_next_line: bool = False
    site_label: str | None = None
    contact_labels: tuple[str, str, str, str] | None = None
    contact_layout: str = "pairs"  # pairs | phone_email | each_line
    capital_label: str | None = None
    words_next_line: bool = False
    numbering: str = "{n}. "


def derived_rng(rng: random.Random, purpose: str) -> random.Random:
    """A stream seeded from `rng`'s state without drawing from it (old seeds keep their other choices)."""
    state = rng.getstate()[1]
    return random.Random(f"hkd-header:{purpose}:{state[:6]}:{state[-2:]}")


def committee_head(rng: random.Random) -> str:
    return derived_rng(rng, "committee").choice(COMMITTEE_HEADS)


def loanword_name(rng: random.Random, name: str) -> str:
    """Some shops are registered under a borrowed head word: 'TIỆM TÓC HẰNG' → 'SALON TÓC HẰNG'."""
    own = derived_rng(rng, "name")
    for head, borrowed in LOANWORD_NAMES.items():
        if name.startswith(head) and own.random() < 0.5:
            return own.choice(borrowed) + name[len(head) :]
    return name


def choose_wording(rng: random.Random, era: str) -> HeaderWording:
    """About half the documents keep their era's wording; the rest draw each part independently."""
    own = derived_rng(rng, "wording")
    if own.random() < 0.4:
        return HeaderWording()

    def maybe(options: tuple[str, ...], share: float = 0.5) -> str | None:
        return own.choice(options) if own.random() < share else None

    contact = (
        own.choice(PHONE_LABELS),
        own.choice(FAX_LABELS),
        own.choice(EMAIL_LABELS),
        own.choice(WEBSITE_LABELS),
    )
    return HeaderWording(
        number_label=maybe(NUMBER_LABELS[era], 0.7),
        number_colon=own.random() < 0.8,
        number_next_line=own.random() < 0.15,
        first_label=maybe(FIRST_LABELS),
        amend_label=maybe(AMEND_LABELS),
        dates_one_line=own.random() < 0.2,
        name_label=maybe(NAME_LABELS),
        name_next_line=own.random() < 0.15,
        site_label=maybe(SITE_LABELS, 0.35),
        contact_labels=contact if own.random() < 0.6 else None,
        contact_layout=own.choice(("pairs", "phone_email", "each_line")),
        capital_label=maybe(CAPITAL_LABELS, 0.4),
        words_next_line=own.random() < 0.25,
        numbering=own.choice(NUMBERINGS),
    )


def item_number(numbering: str, n: int) -> str:
    """'{n}. ' → '3. ', '{a}) ' → 'c) ', '' → ''."""
    return numbering.format(n=n, a="abcdefghiklmnopq"[n - 1])
