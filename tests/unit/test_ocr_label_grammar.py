"""The label grammar on synthetic word boxes (no Tesseract): 2015-era wordings with abbreviations and
spelt-out ID labels, labels wrapped onto two lines, labels we do not know, and the ID type inferred from
the label or the number's length. The certificate text is written here, not copied from anywhere."""

from __future__ import annotations

import datetime as dt

from ocr.extraction import extract_record
from ocr.extraction.id_kind import kind_named_by
from ocr.extraction.labels import LABELS, expand
from schemas.record import Extraction, FieldStatus, Layout
from tests.unit.test_ocr_extraction import page_of

TODAY = dt.date(2026, 1, 1)

HEAD_2015 = [
    "UBND HUYỆN ĐÔNG ANH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "PHÒNG TÀI CHÍNH - KẾ HOẠCH | Độc lập - Tự do - Hạnh phúc",
    "GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH",
]
NUMBER_LINE = "Số giấy chứng nhận ĐKHKD: 01F8004217"
BODY_2015 = [
    "Đăng ký lần đầu: ngày 11 tháng 06 năm 2016",
    "1. Tên hộ kinh doanh: TIỆM MAY THU HẰNG",
    "2. Địa điểm kinh doanh: Thôn Đìa, Xã Nam Hồng, Huyện Đông Anh, Thành phố Hà Nội",
    "3. Ngành, nghề kinh doanh:",
    "- May trang phục (trừ trang phục từ da lông thú) (1410)",
    "4. Vốn kinh doanh: 40.000.000 đồng (Bốn mươi triệu đồng)",
    "5. Họ và tên đại diện hộ kinh doanh: ĐỖ THU HẰNG Giới tính: Nữ",
    "Sinh ngày: 03/02/1985 Dân tộc: Kinh Quốc tịch: Việt Nam",
]
ID_LINE = "Số chứng minh nhân dân: 013456789"
TAIL_2015 = [
    "Ngày cấp: 20/05/2010 Nơi cấp: Công an thành phố Hà Nội",
    "Nơi đăng ký hộ khẩu thường trú: Thôn Đìa, Xã Nam Hồng, Huyện Đông Anh, Thành phố Hà Nội",
    "Chỗ ở hiện tại: Như trên",
]


def read_2015(number_lines: list[str] | None = None, id_lines: list[str] | None = None) -> Extraction:
    lines = [*HEAD_2015, *(number_lines or [NUMBER_LINE]), *BODY_2015, *(id_lines or [ID_LINE]), *TAIL_2015]
    return extract_record("x.png", [page_of(lines)], today=TODAY)


def test_rules_expand_to_spelt_out_and_abbreviated_wordings() -> None:
    assert set(expand("so {gcn} {dkhkd}")) >= {
        "so giay chung nhan dang ky ho kinh doanh",
        "so giay chung nhan dkhkd",
        "so gcn dkhkd",
    }
    assert expand("(cho|noi) o hien (tai|nay)") == (
        "cho o hien tai",
        "cho o hien nay",
        "noi o hien tai",
        "noi o hien nay",
    )
    assert "so the can cuoc cong dan" in LABELS["owner.id_number"]
    assert "so cmnd" in LABELS["owner.id_number"] and "chung minh nhan dan so!" in LABELS["owner.id_number"]


def test_abbreviated_2015_number_label_keeps_the_number() -> None:
    ex = read_2015()
    assert ex.layout is Layout.ERA_2015
    assert ex.record.registration_number == "01F8004217"


def test_spelt_out_cmnd_label_reads_the_number_and_names_the_kind() -> None:
    ex = read_2015()
    owner = ex.record.owner
    assert owner.id_number == "013456789"
    assert owner.nationality == "Việt Nam"  # the ID line is not glued onto the nationality
    assert owner.id_type == "Chứng minh nhân dân"
    assert "id_type.from_label" in {f.code for f in ex.findings}
    assert ex.fields["owner.nationality"].status is FieldStatus.OK


def test_citizen_card_label_spelt_out_with_the_card() -> None:
    ex = read_2015(id_lines=["Số thẻ căn cước công dân: 001185012345"])
    owner = ex.record.owner
    assert owner.id_number == "001185012345"
    assert owner.nationality == "Việt Nam"
    assert owner.id_type == "Thẻ căn cước công dân"


def test_kind_first_label_with_the_number_word_last() -> None:
    ex = read_2015(id_lines=["Căn cước công dân số: 001185012345"])
    assert ex.record.owner.id_number == "001185012345"
    assert ex.record.owner.id_type == "Căn cước công dân"


def test_a_label_wrapped_onto_two_lines_still_anchors() -> None:
    ex = read_2015(number_lines=["Số giấy chứng nhận đăng ký hộ", "kinh doanh: 01F8004217"])
    assert ex.record.registration_number == "01F8004217"


def test_an_unknown_label_line_is_not_glued_onto_the_value_above() -> None:
    ex = read_2015(id_lines=["Số hiệu giấy tờ tùy thân cũ: 013456789"])
    assert ex.record.owner.nationality == "Việt Nam"


def test_id_type_from_the_number_length_when_no_label_names_it() -> None:
    nine = read_2015(id_lines=["Số giấy tờ pháp lý của cá nhân: 013456789"])
    assert nine.record.owner.id_type == "Chứng minh nhân dân"
    assert nine.fields["owner.id_type"].status is FieldStatus.NEEDS_REVIEW
    assert "id_type.from_number_length" in {f.code for f in nine.findings}
    twelve = read_2015(id_lines=["Số giấy tờ pháp lý của cá nhân: 001185012345"])
    assert twelve.record.owner.id_type == "Căn cước công dân"
    assert twelve.fields["owner.id_type"].status is FieldStatus.NEEDS_REVIEW


def test_a_printed_type_line_is_never_overridden() -> None:
    ex = read_2015(
        id_lines=["Loại giấy tờ chứng thực cá nhân: Hộ chiếu", "Số giấy tờ chứng thực cá nhân: 013456789"]
    )
    assert ex.record.owner.id_type == "Hộ chiếu"
    assert not {"id_type.from_number_length", "id_type.from_label"} & {f.code for f in ex.findings}


def test_kind_named_by_prefers_the_longest_wording() -> None:
    assert kind_named_by("so the can cuoc cong dan") == "Thẻ căn cước công dân"
    assert kind_named_by("so cccd") == "Căn cước công dân"
    assert kind_named_by("so cmnd") == "Chứng minh nhân dân"
    assert kind_named_by("so giay to phap ly cua ca nhan") is None
