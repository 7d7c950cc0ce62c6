"""The owner block in wordings local offices print (issue 13, items 2–4): an ID label that names two
card kinds, residence labels of the hộ khẩu era, the owner's name label without "và", a unit word read
in capitals, a ruled table on a scan that is not the sheet's edge, and member rows whose address cell wraps or
whose gender is read onto the birth date. Text and pages are made here."""

from __future__ import annotations

import datetime as dt

import cv2
import numpy as np

from ocr.extraction import extract_record
from ocr.extraction.id_kind import kind_named_by, kinds_named_by
from ocr.extraction.places import capitals_misread, snap_address
from ocr.images import find_page_quad, surround_is_paper
from schemas.record import Extraction, FieldStatus, Member
from tests.unit.test_ocr_extraction import CERT_2021, page_of
from tests.unit.test_ocr_lists_tables import grid_page

TODAY = dt.date(2026, 1, 1)
HEAD = [
    "UBND HUYỆN GIA LÂM | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "PHÒNG TÀI CHÍNH - KẾ HOẠCH | Độc lập - Tự do - Hạnh phúc",
    "GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH",
    "Số: 01H8002231",
    "Đăng ký lần đầu, ngày 02 tháng 09 năm 2017",
    "1. Tên hộ kinh doanh: CỬA HÀNG GẠO BA TRÚC",
    "2. Địa điểm kinh doanh: Thôn Lời, Xã Đông Dư, Huyện Gia Lâm, Thành phố Hà Nội",
    "3. Ngành, nghề kinh doanh:",
    "- Bán lẻ lương thực trong các cửa hàng chuyên doanh (4721)",
    "4. Vốn kinh doanh: 60.000.000 đồng (Sáu mươi triệu đồng)",
]
NAME_LINE = "5. Họ và tên chủ hộ kinh doanh: LÃ VĂN TRÚC Giới tính: Nam"
BIRTH_LINE = "Sinh ngày: 14/07/1979 Dân tộc: Kinh Quốc tịch: Việt Nam"
ID_LINE = "Số CMND: 013298765"
ISSUE_LINE = "Ngày cấp: 11/03/2012 Nơi cấp: Công an thành phố Hà Nội"
HOME_LINE = "Nơi đăng ký hộ khẩu thường trú: Thôn Lời, Xã Đông Dư, Huyện Gia Lâm, Thành phố Hà Nội"
NOW_LINE = "Chỗ ở hiện tại: Như trên"


def read(*, name: str = NAME_LINE, id_line: str = ID_LINE, home: str = HOME_LINE) -> Extraction:
    lines = [*HEAD, name, BIRTH_LINE, id_line, ISSUE_LINE, home, NOW_LINE]
    return extract_record("x.png", [page_of(lines)], today=TODAY)


def test_a_label_naming_two_card_kinds_leaves_the_kind_to_the_number_in_review() -> None:
    nine = read(id_line="Số CMND/CCCD: 013298765")
    owner = nine.record.owner
    assert owner.id_number == "013298765"
    assert owner.nationality == "Việt Nam"  # the ID line is a label of its own, not the nationality's tail
    assert owner.id_type == "Chứng minh nhân dân"
    assert nine.fields["owner.id_type"].status is FieldStatus.NEEDS_REVIEW
    twelve = read(id_line="Số CMND/CCCD: 001079012345")
    assert twelve.record.owner.id_number == "001079012345"
    assert twelve.record.owner.id_type == "Căn cước công dân"
    assert twelve.fields["owner.id_type"].status is FieldStatus.NEEDS_REVIEW


def test_kinds_named_by_counts_each_mention_once_by_its_longest_wording() -> None:
    assert kinds_named_by("so cmnd cccd") == ["Căn cước công dân", "Chứng minh nhân dân"]
    assert kind_named_by("so cmnd cccd") is None
    assert kinds_named_by("so the can cuoc cong dan") == ["Thẻ căn cước công dân"]
    assert kind_named_by("so the can cuoc") == "Thẻ căn cước"


def test_residence_labels_of_the_ho_khau_era_read_the_permanent_address() -> None:
    address = "Thôn Lời, Xã Đông Dư, Huyện Gia Lâm, Thành phố Hà Nội"
    for label in ("Hộ khẩu thường trú", "Nơi đăng ký HKTT", "Thường trú"):
        ex = read(home=f"{label}: {address}")
        assert ex.record.owner.permanent_address == address, label
        assert ex.record.owner.current_address == address, label  # "Như trên" refers to it


def test_the_owners_name_label_without_va_reads_the_name() -> None:
    ex = read(name="5. Họ tên chủ hộ kinh doanh: LÃ VĂN TRÚC Giới tính: Nam")
    assert ex.record.owner.full_name == "LÃ VĂN TRÚC"
    assert ex.record.owner.gender == "Nam"


def test_a_unit_word_read_in_capitals_is_kept_but_doubted() -> None:
    snapped = snap_address("Ấp 2, Phường VII, Thành phố VỊ Thanh, Tỉnh Hậu Giang")
    assert snapped is not None
    assert snapped[0] == "Ấp 2, Phường VII, Thành phố VỊ Thanh, Tỉnh Hậu Giang"  # as read, not re-cased
    assert snapped[1] < 95
    assert snap_address("Ấp 2, Phường VII, Thành phố Vị Thanh, Tỉnh Hậu Giang") == (
        "Ấp 2, Phường VII, Thành phố Vị Thanh, Tỉnh Hậu Giang",
        100.0,
    )
    assert not capitals_misread("THÀNH PHỐ VỊ THANH", "Thành phố Vị Thanh")  # a printer's capitals
    assert not capitals_misread("Phường VII", "Phường VII")


def _page_with_table(background: int) -> np.ndarray:
    """An A4-shaped scan at 1/4 scale: lines of text, then a tall ruled table; `background` around
    the sheet (255: the sheet fills the frame)."""
    sheet = np.full((877, 620, 3), 250, np.uint8)
    for y in range(60, 420, 22):
        cv2.rectangle(sheet, (60, y), (60 + (y * 7) % 420 + 80, y + 8), (30, 30, 30), -1)
    cv2.rectangle(sheet, (70, 440), (560, 760), (0, 0, 0), 3)
    for x in (130, 260, 330, 400, 470):
        cv2.line(sheet, (x, 440), (x, 760), (0, 0, 0), 3)
    if background == 255:
        return sheet
    frame = np.full((1000, 760, 3), background, np.uint8)
    frame[60:937, 70:690] = sheet
    return frame


def test_a_ruled_table_on_a_scan_is_not_taken_for_the_sheet() -> None:
    scan = _page_with_table(255)
    assert find_page_quad(scan) is None  # the page is not cut down to its table
    photo = _page_with_table(70)
    quad = find_page_quad(photo)
    assert quad is not None
    assert abs(float(quad[0][0]) - 70) < 15 and abs(float(quad[0][1]) - 60) < 15  # the sheet's corner


def test_surround_is_paper_compares_inside_and_outside() -> None:
    grey = np.full((100, 100), 240, np.uint8)
    quad = np.array([[20, 20], [80, 20], [80, 80], [20, 80]])
    assert surround_is_paper(grey, quad)
    grey[:, :10] = grey[:, 90:] = grey[:10] = grey[90:] = 60
    grey[10:20] = grey[80:90] = grey[:, 10:20] = grey[:, 80:90] = 60
    assert not surround_is_paper(grey, quad)


ADDRESS_COLUMNS = (
    150,
    260,
    900,
    1250,
    1480,
    1700,
    2000,
)  # STT, name, birth, gender, nationality, ID, address


def _members_with_address_column(rows: list[list[tuple[int, str]]]) -> list[Member]:
    x = ADDRESS_COLUMNS
    header = [(x[0], "STT"), (x[1], "Họ và tên"), (x[2], "Ngày sinh"), (x[3], "Giới tính"), (x[4], "Quốc"),
              (x[5], "Số giấy tờ"), (x[6], "Chỗ ở hiện tại")]  # fmt: skip
    head = [[(150, line)] for line in CERT_2021[:-1]]
    heading = [[(150, "7. Thông tin về các thành viên hộ gia đình tham gia thành lập hộ kinh doanh:")]]
    page = grid_page([*head, *heading, header, *rows])
    return extract_record("x.png", [page], today=TODAY).record.members


def test_an_address_cell_wrapped_six_times_does_not_end_the_member_table() -> None:
    x = ADDRESS_COLUMNS
    address = [
        (x[6], part)
        for part in (
            "Số nhà 71",
            "Lê Hồng Phong,",
            "Phường III,",
            "Thành phố",
            "Vị Thanh,",
            "Tỉnh Hậu",
            "Giang",
        )
    ]
    rows = [
        [(x[0], "1"), (x[1], "Tô Ngọc Hà"), (x[2], "04/05/1981"), (x[3], "Nữ"), (x[4], "Việt"), (x[5], "093181004444"), address[0]],
        [(x[4], "Nam"), address[1]],
        *[[part] for part in address[2:]],
        [(x[0], "2"), (x[1], "Tô Văn Kha"), (x[2], "19/12/1978"), (x[3], "Nam"), (x[4], "Việt"), (x[5], "093078005555"), address[0]],
        [(x[4], "Nam"), address[1]],
    ]  # fmt: skip
    assert _members_with_address_column(rows) == [
        Member("Tô Ngọc Hà", dt.date(1981, 5, 4), "Nữ", "093181004444"),
        Member("Tô Văn Kha", dt.date(1978, 12, 19), "Nam", "093078005555"),
    ]


def test_a_gender_glued_onto_the_birth_date_is_still_read() -> None:
    x = ADDRESS_COLUMNS
    rows = [
        [(x[0], "1"), (x[1], "Tô Văn Kha"), (x[2], "19/12/1978Nam"), (x[4], "Việt"), (x[5], "093078005555")]
    ]
    assert _members_with_address_column(rows) == [
        Member("Tô Văn Kha", dt.date(1978, 12, 19), "Nam", "093078005555")
    ]


def test_a_name_wrapped_before_the_gender_label_keeps_its_last_word() -> None:
    """Stop 23 (dev seed, phone photo): 'NGHĨA Giới tính: Nam' under '… kinh doanh: NGUYỄN NGỌC NGỌC'
    was taken for an unknown label line (plain words and a colon) and the name lost 'NGHĨA'; a line
    opening with a label we do not know still ends the value above."""
    name = ["5. Họ và tên chủ hộ kinh doanh: NGUYỄN NGỌC NGỌC", "NGHĨA Giới tính: Nam"]
    lines = [*HEAD, *name, BIRTH_LINE, ID_LINE, ISSUE_LINE, HOME_LINE, NOW_LINE]
    owner = extract_record("x.png", [page_of(lines)], today=TODAY).record.owner
    assert (owner.full_name, owner.gender) == ("NGUYỄN NGỌC NGỌC NGHĨA", "Nam")
    lines = [*HEAD, NAME_LINE, BIRTH_LINE, "Số hiệu thẻ cũ: 12345 Ngày cấp: 11/03/2012", HOME_LINE, NOW_LINE]
    assert extract_record("x.png", [page_of(lines)], today=TODAY).record.owner.nationality == "Việt Nam"
