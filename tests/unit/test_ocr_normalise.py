"""Value normalisers: what the contract stores for what the certificate prints (and OCR mangles)."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from ocr.extraction import normalise as nz


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ngày 05 tháng 3 năm 2019", dt.date(2019, 3, 5)),
        ("ngày 5 tháng 03 năm 2019", dt.date(2019, 3, 5)),
        ("Ngay 05 thang 03 nam 2019", dt.date(2019, 3, 5)),
        ("12/05/1980", dt.date(1980, 5, 12)),
        ("12-05-1980", dt.date(1980, 5, 12)),
        ("l2/O5/198O", dt.date(1980, 5, 12)),
        ("ngày 12/05/2021", dt.date(2021, 5, 12)),
        ("31/02/2020", None),
        ("không rõ", None),
    ],
)
def test_parse_date(text: str, expected: dt.date | None) -> None:
    assert nz.parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("150.000.000 đồng (Một trăm năm mươi triệu đồng)", 150_000_000),
        ("300. .000: 000vnđ", 300_000_000),
        ("2.500.000.000 VNĐ (Hai tỷ năm trăm triệu đồng)", 2_500_000_000),
        ("", None),
    ],
)
def test_parse_amount(text: str, expected: int | None) -> None:
    assert nz.parse_amount(text) == expected


def test_amount_in_words_takes_the_bracketed_part() -> None:
    assert (
        nz.amount_in_words("150.000.000 đồng (Một trăm năm mươi triệu đồng)")
        == "Một trăm năm mươi triệu đồng"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12.A8.018999", "12A8018999"),
        ("41N8033112", "41N8033112"),
        ("8340125748 - 002", "8340125748-002"),
        ("834O125748", "8340125748"),
        ("048180001234", "048180001234"),
    ],
)
def test_clean_registration_number(text: str, expected: str) -> None:
    assert nz.clean_registration_number(text) == expected


def test_phone_keeps_digits_only() -> None:
    assert nz.clean_phone("(0236) 3826 123") == "02363826123"
    assert nz.clean_phone("0905.123.456") == "0905123456"


def test_gender_snaps_and_id_type_is_kept_as_printed() -> None:
    assert nz.clean_gender("Nữ") == "Nữ"
    assert nz.clean_gender("Nu") == "Nữ"
    assert nz.clean_gender("Nam") == "Nam"
    # matching an ID kind to the list (with its evidence) is vocab's job: cleaning keeps the reading
    assert nz.clean_id_type("Thẻ  căn cước công dân ") == "Thẻ căn cước công dân"
    assert nz.clean_id_type("Giấy phép lái xe") == "Giấy phép lái xe"


def test_clean_text_is_nfc_and_drops_leaders() -> None:
    decomposed = "Nguye\u0302\u0303n"  # NFD
    assert nz.clean_text(f" {decomposed}  Văn ... ") == "Nguyễn Văn"
    assert nz.is_blank_value(" ....... ")


def test_email_at_sign_misread_as_bracket_is_put_back() -> None:
    assert nz.clean_email("quyettrar76(2yahoo.com") == "quyettrar76@yahoo.com"
    assert nz.clean_email("abc(a)gmail.com") == "abc@gmail.com"
    assert nz.clean_email("khoanguyen80(yahoo.com") == "khoanguyen80@yahoo.com"  # a bare "(" (seed 3103)
    assert nz.clean_email("ndtrung868@gmailcom") == "ndtrung868@gmail.com"  # lost dot (seed 3103 photos)
    assert nz.clean_email("khiem.tran75@yahoo.com.vn_") == "khiem.tran75@yahoo.com.vn"
    assert nz.clean_email("Inuoc82@outlook.com-:") == "lnuoc82@outlook.com"  # l read as I
    assert nz.clean_email("no(2domain") is None  # no domain after it: not an address


def test_website_is_nfc_after_its_spaces_go() -> None:
    value = nz.clean_website("abc.vn H \u0323")  # fuzz case: a stray dot below after a space
    assert value is not None and unicodedata.is_normalized("NFC", value)


def test_email_ends_where_the_next_label_begins() -> None:
    """Stop 23 (dev seed, clean page): the website label, wrapped to the next line, was not found and
    its first words were glued onto the address ('…@gmail.comtrangthngtinin', kept as ok)."""
    assert nz.clean_email("phuongtran79@gmail.com Trang thông tin điện") == "phuongtran79@gmail.com"
    assert nz.clean_email("an.le@yahoo.com Website") == "an.le@yahoo.com"
    assert nz.clean_email("an.le@yahoo. com") == "an.le@yahoo.com"
