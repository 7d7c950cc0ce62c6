"""List separators and table shapes on synthetic word boxes (no Tesseract): ';' and inline numbering on
one line, dashes of every width as bullets, a trade table whose header repeats the section label, and a
six-column member table whose cells wrap. The text is written here."""

from __future__ import annotations

import datetime as dt

from ocr.extraction import extract_record, fields
from ocr.extraction.lines import build_lines
from ocr.extraction.tables import split_items
from ocr.results import PageResult, Word
from schemas.record import BusinessLine, Member
from tests.unit.test_ocr_extraction import CERT_2021, page_of

TODAY = dt.date(2026, 1, 1)


def grid_page(rows: list[list[tuple[int, str]]], conf: float = 95.0) -> PageResult:
    """One printed line per row, 60 px apart; each cell (x, text) starts at its own x."""
    words: list[Word] = []
    for row, cells in enumerate(rows):
        for x, text in cells:
            for token in text.split():
                w = 22 * len(token)
                words.append(Word(text=token, conf=conf, bbox=(x, 200 + 60 * row, w, 40), line=row, block=0))
                x += w + 18
    return PageResult(number=1, width=2480, height=3508, rotation=0, image_png=b"", words=words)


def business_lines(lines: list[str]) -> list[BusinessLine]:
    page = page_of(["3. Ngành, nghề kinh doanh:", *lines, "4. Vốn kinh doanh: 50.000.000 đồng"])
    value: list[BusinessLine] = fields.read_business_lines(fields.read_document(build_lines([page]))).value
    return value


def test_semicolons_on_one_line_are_separate_trades() -> None:
    assert business_lines(["- Bán tạp hóa; sửa chữa xe máy; cắt tóc gội đầu"]) == [
        BusinessLine(None, "Bán tạp hóa"),
        BusinessLine(None, "sửa chữa xe máy"),
        BusinessLine(None, "cắt tóc gội đầu"),
    ]
    coded = business_lines(
        ["- Bán lẻ đồ uống trong các cửa hàng chuyên doanh (4723); Cắt tóc, gội đầu (9631)"]
    )
    assert [line.code for line in coded] == ["4723", "9631"]


def test_a_semicolon_inside_an_official_name_stays() -> None:
    assert split_items("- Gia công cơ khí; xử lý và tráng phủ kim loại (2592)") == [
        "- Gia công cơ khí; xử lý và tráng phủ kim loại (2592)"
    ]
    assert split_items("Rèn, dập, ép và cán kim loại; luyện bột kim loại") == [
        "Rèn, dập, ép và cán kim loại; luyện bột kim loại"
    ]


def test_dashes_of_every_width_and_numbering_open_items() -> None:
    got = business_lines(
        [
            "– Bán lẻ hàng may mặc, giày dép, hàng da và giả da trong các",
            "cửa hàng chuyên doanh",
            "— Sửa chữa thiết bị liên lạc",
            "• Giặt là, làm sạch các sản phẩm dệt và lông thú",
            "a) Photo, chuẩn bị tài liệu 1. Dịch vụ đánh máy",
        ]
    )
    assert [line.name for line in got] == [
        "Bán lẻ hàng may mặc, giày dép, hàng da và giả da trong các cửa hàng chuyên doanh",
        "Sửa chữa thiết bị liên lạc",
        "Giặt là, làm sạch các sản phẩm dệt và lông thú",
        "Photo, chuẩn bị tài liệu",
        "Dịch vụ đánh máy",
    ]


def test_a_trade_table_whose_header_repeats_the_section_label() -> None:
    page = grid_page(
        [
            [(150, "3. Ngành, nghề kinh doanh:")],
            [(160, "STT"), (420, "Tên ngành, nghề kinh doanh"), (2000, "Mã ngành")],
            [(160, "1"), (420, "Bán lẻ thực phẩm trong các cửa hàng chuyên doanh"), (2000, "4722")],
            [(160, "2"), (420, "Dịch vụ phục vụ đồ uống"), (2000, "5630")],
            [(150, "4. Vốn kinh doanh: 50.000.000 đồng")],
        ]
    )
    value = fields.read_business_lines(fields.read_document(build_lines([page]))).value
    assert [line.code for line in value] == ["4722", "5630"]


MEMBER_COLUMNS = (150, 260, 900, 1250, 1480, 1700)  # STT, name, birth, gender, nationality, ID


def test_a_six_column_member_table_with_wrapped_cells_keeps_every_row() -> None:
    x = MEMBER_COLUMNS
    table = [
        [(x[0], "STT"), (x[1], "Họ và tên"), (x[2], "Ngày sinh"), (x[3], "Giới tính"), (x[4], "Quốc"), (x[5], "Số giấy tờ")],
        [(x[4], "tịch"), (x[5], "pháp lý")],
        [(x[0], "1"), (x[1], "Trần Văn Bình"), (x[2], "02/03/1979"), (x[3], "Nam"), (x[4], "Việt"), (x[5], "048079001111")],
        [(x[4], "Nam")],
        [(x[0], "2"), (x[1], "Nguyễn Thị Thu"), (x[2], "15/11/1983"), (x[3], "Nữ"), (x[4], "Việt"), (x[5], "048183002222")],
        [(x[1], "Hương"), (x[4], "Nam")],
        [(x[0], "3"), (x[1], "Trần Minh Khôi"), (x[2], "09/09/2005"), (x[3], "Nam"), (x[4], "Việt"), (x[5], "048205003333")],
        [(x[4], "Nam")],
    ]  # fmt: skip
    head = [[(150, line)] for line in CERT_2021[:-1]]  # the certificate, then the members
    heading = [[(150, "7. Thông tin về các thành viên hộ gia đình tham gia thành lập hộ kinh doanh:")]]
    page = grid_page([*head, *heading, *table])
    members = extract_record("x.png", [page], today=TODAY).record.members
    assert members == [
        Member("Trần Văn Bình", dt.date(1979, 3, 2), "Nam", "048079001111"),
        Member("Nguyễn Thị Thu Hương", dt.date(1983, 11, 15), "Nữ", "048183002222"),
        Member("Trần Minh Khôi", dt.date(2005, 9, 9), "Nam", "048205003333"),
    ]


def test_names_under_a_centred_header_keep_their_surname() -> None:
    """The 'Họ và tên' header is centred over a wide column; the names start at its left edge, nearer
    the 'STT' cell than the header is."""
    table = [
        [(150, "STT"), (560, "Họ và tên"), (1000, "Ngày sinh"), (1300, "Giới tính"), (1600, "Số giấy tờ")],
        [(180, "1"), (300, "Quách Ngọc Yến"), (1000, "23/11/1973"), (1330, "Nữ"), (1600, "002173564941")],
        [(180, "2"), (300, "Lê Văn Tư"), (1000, "01/02/1990"), (1330, "Nam"), (1600, "002090111222")],
    ]  # fmt: skip
    head = [[(150, line)] for line in CERT_2021[:-1]]
    heading = [[(150, "7. Thông tin về các thành viên hộ gia đình tham gia thành lập hộ kinh doanh:")]]
    members = extract_record("x.png", [grid_page([*head, *heading, *table])], today=TODAY).record.members
    assert [m.full_name for m in members] == ["Quách Ngọc Yến", "Lê Văn Tư"]


def test_a_word_left_of_the_name_cell_sends_the_members_to_review() -> None:
    """A row's word that no cell took (here a surname printed under 'STT') may be part of a name: the
    rows are not explained, so they are not `ok`."""
    header = [
        (150, "STT"),
        (560, "Họ và tên"),
        (1000, "Ngày sinh"),
        (1300, "Giới tính"),
        (1600, "Số giấy tờ"),
    ]
    rows = {
        "explained": [(180, "1"), (300, "Lê Văn Tư"), (1000, "01/02/1990"), (1330, "Nam"), (1600, "002090111222")],
        "left over": [(160, "1"), (190, "Đỗ"), (300, "Văn Tư"), (1000, "01/02/1990"), (1330, "Nam"), (1600, "002090111222")],
    }  # fmt: skip
    head = [[(150, line)] for line in CERT_2021[:-1]]
    heading = [[(150, "7. Thông tin về các thành viên hộ gia đình tham gia thành lập hộ kinh doanh:")]]
    result = {}
    for name, row in rows.items():
        extraction = extract_record("x.png", [grid_page([*head, *heading, header, row])], today=TODAY)
        result[name] = extraction.fields["members"]
    assert result["explained"].status == "ok"
    assert result["left over"].status == "needs_review"
    assert any(e.reason == "label.words_left_over" and e.was == "Đỗ" for e in result["left over"].evidence)


def test_a_member_name_without_a_known_surname_is_not_ok() -> None:
    """A name cell that lost its first word ('Ngọc Yến') or misread it ('Lâ Phương Huệ') is kept as
    read, in review; the same rows with their surnames are `ok`."""
    header = [
        (150, "STT"),
        (300, "Họ và tên"),
        (1000, "Ngày sinh"),
        (1300, "Giới tính"),
        (1600, "Số giấy tờ"),
    ]
    head = [[(150, line)] for line in CERT_2021[:-1]]
    heading = [[(150, "7. Thông tin về các thành viên hộ gia đình tham gia thành lập hộ kinh doanh:")]]
    statuses = {}
    for first, second in (("Quách Ngọc Yến", "Lê Phương Huệ"), ("Ngọc Yến", "Lâ Phương Huệ")):
        rows = [
            [(180, "1"), (300, first), (1000, "23/11/1973"), (1330, "Nữ"), (1600, "002173564941")],
            [(180, "2"), (300, second), (1000, "26/12/1988"), (1330, "Nữ"), (1600, "173299479")],
        ]
        extraction = extract_record("x.png", [grid_page([*head, *heading, header, *rows])], today=TODAY)
        assert [m.full_name for m in extraction.record.members] == [first, second]
        statuses[first] = extraction.fields["members"]
    assert statuses["Quách Ngọc Yến"].status == "ok"
    assert statuses["Ngọc Yến"].status == "needs_review"
    assert any(
        e.reason == "printed.unknown_surname" and e.was == "Ngọc Lâ" for e in statuses["Ngọc Yến"].evidence
    )
