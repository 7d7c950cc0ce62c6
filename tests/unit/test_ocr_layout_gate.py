"""The layout gate's three answers on synthetic word boxes (no Tesseract): a certificate read as usual, a
certificate we could not read well (a partial record, every field in review, `layout_uncertain`), and a
page that is not a certificate (`not_a_certificate`, no record). The text is written here."""

from __future__ import annotations

import datetime as dt

from ocr.extraction import extract_record
from ocr.extraction.fields import read_document
from ocr.extraction.layout_gate import PageKind, has_title, judge_page
from ocr.extraction.lines import build_lines
from rules.record import validate_extraction
from schemas.record import FieldStatus, Layout
from tests.unit.test_ocr_extraction import CERT_2021, page_of

TODAY = dt.date(2026, 1, 1)

FADED_2021 = [
    "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "QUẬN HẢI CHÂU | Độc lập - Tự do - Hạnh phúc",
    "GlẤY CHỨNG NHẠN ĐĂNG KÝ HỌ KINH DOANH",  # the title through blur
    "Mã số hộ kinh doanh: 8000000004",
    "1. Tn hộ kih doah: QUÁN PHỞ HOA",  # labels faded past recognition
    "2. Đa ch trụ s: Số 12 Lê Lợi",
    "3. Nàh, nhề kih doah:",
    "4. Vốn kinh doanh: 150.000.000 đồng (Một trăm năm mươi triệu đồng)",
    "Hm và tê: NGUYỄN THỊ HOA Giơi tih: Nữ",
]

MARRIAGE = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "GIẤY CHỨNG NHẬN KẾT HÔN",
    "Họ và tên chồng: TRẦN VĂN AN Họ và tên vợ: LÊ THỊ BÌNH",
    "Ngày sinh: 02/03/1990 Ngày sinh: 04/05/1992",
    "Dân tộc: Kinh Quốc tịch: Việt Nam",
    "Nơi cư trú: Thôn 2, Xã Hòa Phong",
    "Giấy tờ tùy thân: 048090001234",
]


def test_a_full_certificate_passes_the_gate() -> None:
    lines = build_lines([page_of(CERT_2021)])
    doc = read_document(lines)
    assert judge_page(doc.lines, doc.anchors) is PageKind.CERTIFICATE


def test_a_blurred_title_is_still_the_title() -> None:
    assert has_title(build_lines([page_of(["GlẤY CHỨNG NHẠN ĐĂNG KÝ HỌ KINH DOANH"])]))
    assert not has_title(build_lines([page_of(["GIẤY CHỨNG NHẬN KẾT HÔN"])]))


def test_a_faded_certificate_gives_a_partial_record_with_every_field_in_review() -> None:
    ex = validate_extraction(extract_record("faded.jpg", [page_of(FADED_2021, conf=70.0)], today=TODAY))
    assert ex.layout is not Layout.UNRECOGNISED
    assert ex.findings[0].code == "layout_uncertain"
    assert ex.record.registration_number == "8000000004"  # what could be read is kept
    assert ex.record.capital_vnd == 150_000_000
    assert ex.fields and all(f.status is FieldStatus.NEEDS_REVIEW for f in ex.fields.values())
    assert all(f.confidence <= 0.5 for f in ex.fields.values())
    assert any(e.reason == "layout_uncertain" for e in ex.fields["capital_vnd"].evidence)


def test_a_page_without_title_but_with_business_labels_is_uncertain() -> None:
    lines = [line for line in CERT_2021[:12] if "GIẤY CHỨNG NHẬN" not in line]
    doc_lines = build_lines([page_of(lines[4:9])])  # no header, the number, dates, name and site
    doc = read_document(doc_lines)
    assert judge_page(doc.lines, doc.anchors) is PageKind.UNCERTAIN


def test_another_kind_of_certificate_is_not_a_certificate() -> None:
    ex = extract_record("marriage.jpg", [page_of(MARRIAGE)], today=TODAY)
    assert ex.layout is Layout.UNRECOGNISED
    assert [f.code for f in ex.findings] == ["not_a_certificate"]
    assert ex.fields == {}
