"""The header and business-block label grammar on synthetic word boxes (no Tesseract): registration
number wordings of each generation, a value alone on the line below its label, both dates on one
line, contact and capital labels, letter item numbers, and the committee head as printed. The
certificate text is written here, not copied from anywhere."""

from __future__ import annotations

import datetime as dt

import pytest

from ocr.extraction import extract_record, vocab
from ocr.extraction.normalise import parse_amount
from ocr.results import PageResult, Word
from schemas.record import Extraction, FieldStatus

TODAY = dt.date(2026, 1, 1)
CENTRE = "^"
"""A line starting with this mark is set centred (its words start right of the labels' ends)."""

HEAD = [
    "UBND QUẬN HẢI CHÂU | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "PHÒNG TÀI CHÍNH - KẾ HOẠCH | Độc lập - Tự do - Hạnh phúc",
    "GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH",
]
NUMBER = ["Mã số hộ kinh doanh: 8000000004"]
DATES = ["Đăng ký lần đầu: ngày 05 tháng 03 năm 2019"]
BUSINESS = [
    "1. Tên hộ kinh doanh: QUÁN BÚN CHẢ THU",
    "2. Địa chỉ trụ sở hộ kinh doanh: Số 7 Hùng Vương, Phường Hải Châu, Quận Hải Châu, Thành phố Đà Nẵng",
    "Điện thoại: 0905 222 333 Fax:",
    "Email: Website:",
]
REST = [
    "3. Ngành, nghề kinh doanh:",
    "- Nhà hàng và các dịch vụ ăn uống phục vụ lưu động (Mã ngành: 5610)",
    "4. Vốn kinh doanh: 80.000.000 đồng (Tám mươi triệu đồng)",
    "5. Chủ thể thành lập hộ kinh doanh: Cá nhân",
    "6. Thông tin về chủ hộ kinh doanh:",
    "Họ và tên: LÊ THỊ THU Giới tính: Nữ",
    "Sinh ngày: 02/09/1979 Dân tộc: Kinh Quốc tịch: Việt Nam",
    "Loại giấy tờ pháp lý của cá nhân: Căn cước công dân",
    "Số giấy tờ pháp lý của cá nhân: 048179004321",
    "Ngày cấp: 10/07/2021 Nơi cấp: Cục Cảnh sát quản lý hành chính về trật tự xã hội",
    "Địa chỉ thường trú: Số 7 Hùng Vương, Phường Hải Châu, Quận Hải Châu, Thành phố Đà Nẵng",
    "Địa chỉ liên lạc: Như trên",
]


def page_of(lines: list[str]) -> PageResult:
    """One printed line per 60 px from x = 150 (x = 900 for a centred line); columns split by ' | '."""
    words: list[Word] = []
    for row, text in enumerate(lines):
        x = 900 if text.startswith(CENTRE) else 150
        for col, part in enumerate(text.lstrip(CENTRE).split(" | ")):
            if col:
                x = max(x + 40, 1300)
            for token in part.split():
                w = 22 * len(token)
                words.append(
                    Word(text=token, conf=95.0, bbox=(x, 200 + 60 * row, w, 40), line=row, block=col)
                )
                x += w + 18
    return PageResult(number=1, width=2480, height=3508, rotation=0, image_png=b"", words=words)


def read(
    number: list[str] = NUMBER,
    dates: list[str] = DATES,
    business: list[str] = BUSINESS,
    rest: list[str] = REST,
) -> Extraction:
    return extract_record("x.png", [page_of([*HEAD, *number, *dates, *business, *rest])], today=TODAY)


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Số giấy chứng nhận ĐKHKD: 32A8004217", "32A8004217"),
        ("Số GCN ĐKHKD: 32A8004217", "32A8004217"),
        ("Số ĐKKD: 32A8004217", "32A8004217"),
        ("Số đăng ký kinh doanh: 32A8004217", "32A8004217"),
        ("Mã số HKD: 8000000004", "8000000004"),
        ("Mã số đăng ký hộ kinh doanh: 8000000004", "8000000004"),
        ("Mã số: 8000000004", "8000000004"),
        ("MÃ SỐ HỘ KINH DOANH 8000000004", "8000000004"),
    ],
)
def test_every_generations_number_wording_reads_the_number(line: str, number: str) -> None:
    assert read(number=[line]).record.registration_number == number


@pytest.mark.parametrize("label", ["Mã số hộ kinh doanh:", "Số:", "Số giấy chứng nhận ĐKHKD:"])
def test_a_number_centred_on_the_line_below_its_label_is_read(label: str) -> None:
    ex = read(number=[f"{CENTRE}{label}", f"{CENTRE}32A8004217"])
    assert ex.record.registration_number == "32A8004217"
    assert ex.record.first_registered_on == dt.date(2019, 3, 5)


def test_both_dates_on_one_line_after_a_semicolon_even_wrapped_before_the_date() -> None:
    one_line = read(dates=["Đăng ký lần đầu: ngày 05/03/2019; đăng ký thay đổi lần thứ 2, ngày 14/08/2023"])
    wrapped = read(
        dates=[f"{CENTRE}Ngày đăng ký lần đầu: ngày 05/03/2019; thay đổi lần 2, ngày", f"{CENTRE}14/08/2023"]
    )
    for ex in (one_line, wrapped):
        rec = ex.record
        assert rec.first_registered_on == dt.date(2019, 3, 5)
        assert (rec.amendment_number, rec.amended_on) == (2, dt.date(2023, 8, 14))


@pytest.mark.parametrize(
    "dates",
    [
        ["Đăng ký lần đầu vào ngày 05/03/2019", "Đăng ký thay đổi lần 3, ngày 14/08/2023"],
        ["Đăng ký lần đầu ngày 05/03/2019", "Thay đổi lần thứ 03, ngày 14/08/2023"],
    ],
)
def test_date_wordings_without_thu_or_with_vao(dates: list[str]) -> None:
    rec = read(dates=dates).record
    assert rec.first_registered_on == dt.date(2019, 3, 5)
    assert (rec.amendment_number, rec.amended_on) == (3, dt.date(2023, 8, 14))


@pytest.mark.parametrize(
    "contact",
    [
        ["SĐT: 0905 222 333 E-mail: thu.le79@gmail.com", "Số fax: Trang web:"],
        ["Tel: 0905.222.333", "Số fax:", "Địa chỉ email: thu.le79@gmail.com", "Trang thông tin điện tử:"],
        ["Điện thoại liên hệ: 0905222333", "Fax:", "Thư điện tử: thu.le79@gmail.com", "Website:"],
    ],
)
def test_contact_wordings_do_not_run_into_the_address(contact: list[str]) -> None:
    ex = read(business=[*BUSINESS[:2], *contact])
    rec = ex.record
    assert rec.address == "Số 7 Hùng Vương, Phường Hải Châu, Quận Hải Châu, Thành phố Đà Nẵng"
    assert (rec.phone, rec.email, rec.fax, rec.website) == ("0905222333", "thu.le79@gmail.com", None, None)


def test_letter_item_numbers_and_short_labels_end_the_name() -> None:
    """'b) Địa điểm KD:' under a loanword name: the name is kept whole, as printed, and ends there."""
    ex = read(business=["a) Tên hộ kinh doanh: SALON TÓC THU", "b) Địa điểm KD: Số 7 Hùng Vương, Phường Hải Châu,",
                        "Quận Hải Châu, Thành phố Đà Nẵng", *BUSINESS[2:]])  # fmt: skip
    assert ex.record.business_name == "SALON TÓC THU"
    assert ex.record.address == "Số 7 Hùng Vương, Phường Hải Châu, Quận Hải Châu, Thành phố Đà Nẵng"


@pytest.mark.parametrize("label", ["1. Tên cơ sở kinh doanh:", "1. Tên HKD:", "1. TÊN HỘ KINH DOANH:"])
def test_a_name_centred_below_its_label_is_read(label: str) -> None:
    ex = read(business=[label, f"{CENTRE}CAFE MỘC THU", *BUSINESS[1:]])
    assert ex.record.business_name == "CAFE MỘC THU"


@pytest.mark.parametrize("label", ["Tổng số vốn", "Số vốn kinh doanh", "VỐN KINH DOANH"])
def test_capital_with_its_words_on_the_line_below(label: str) -> None:
    rest = [*REST[:2], f"4. {label}: 80.000.000đ", "Bằng chữ: Tám mươi triệu đồng.", *REST[3:]]
    ex = read(rest=rest)
    assert ex.record.capital_vnd == 80_000_000


def test_capital_figures_end_at_the_currency_or_the_words() -> None:
    assert parse_amount("160.250.000đ Bằng chữ: Một trăm sáu mươi triệu") == 160_250_000
    assert parse_amount("160.250.000 Bằng chữ: Một trăm sáu mươi triệu") == 160_250_000
    assert parse_amount("45.000.000 VNĐ") == 45_000_000


def test_the_committee_abbreviation_is_kept_as_printed() -> None:
    ex = read()
    assert ex.record.issuing_authority == "PHÒNG TÀI CHÍNH - KẾ HOẠCH, UBND QUẬN HẢI CHÂU"
    assert ex.fields["issuing_authority"].status is FieldStatus.OK


def test_a_misread_committee_head_repairs_only_its_misread_word() -> None:
    """'UỶ' (the old tone placement) is a spelling, kept; 'BẠN' is a misread 'BAN', replaced, reviewed."""
    read_ = vocab.normalise_committee("UỶ BẠN NHÂN DÂN HUYỆN PHÙ CÁT")
    assert (read_.text, read_.repaired) == ("UỶ BAN NHÂN DÂN HUYỆN PHÙ CÁT", True)
    kept = vocab.normalise_committee("UỶ BAN NHÂN DÂN HUYỆN PHÙ CÁT")
    assert (kept.text, kept.repaired) == ("UỶ BAN NHÂN DÂN HUYỆN PHÙ CÁT", False)
    assert vocab.normalise_committee("Uy bạn nhân dân huyện Phù Cát").text.startswith("ỦY BAN NHÂN DÂN ")
