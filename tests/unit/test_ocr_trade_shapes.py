"""Trade tables and lists in the shapes offices print (issue 13, items 1 and 4), on synthetic word
boxes (no Tesseract): tables of two to five columns read by their header's columns, lists with codes
in every position and every separator. The text is written here."""

from __future__ import annotations

from ocr.extraction import fields
from ocr.extraction.lines import build_lines
from ocr.results import PageResult
from schemas.record import BusinessLine
from tests.unit.test_ocr_extraction import page_of
from tests.unit.test_ocr_lists_tables import grid_page


def read(page: PageResult) -> list[BusinessLine]:
    value: list[BusinessLine] = fields.read_business_lines(fields.read_document(build_lines([page]))).value
    return value


def table(header: list[tuple[int, str]], *rows: list[tuple[int, str]]) -> list[BusinessLine]:
    return read(
        grid_page(
            [
                [(150, "3. Ngành, nghề kinh doanh:")],
                header,
                *rows,
                [(150, "4. Vốn kinh doanh: 50.000.000 đồng")],
            ]
        )
    )


def listed(*lines: str) -> list[BusinessLine]:
    return read(page_of(["3. Ngành, nghề kinh doanh:", *lines, "4. Vốn kinh doanh: 50.000.000 đồng"]))


def test_a_note_column_after_the_code_is_not_part_of_the_name() -> None:
    got = table(
        [(160, "STT"), (700, "Tên ngành"), (1700, "Mã ngành"), (2050, "Ghi chú")],
        [
            (170, "1"),
            (360, "Bán lẻ thực phẩm trong các cửa hàng chuyên doanh"),
            (1740, "4722"),
            (2000, "Ngành chính"),
        ],
        [(170, "2"), (360, "Dịch vụ phục vụ đồ uống"), (1740, "5630")],
    )
    assert got == [
        BusinessLine("4722", "Bán lẻ thực phẩm trong các cửa hàng chuyên doanh"),
        BusinessLine("5630", "Dịch vụ phục vụ đồ uống"),
    ]


def test_a_main_trade_mark_column_is_not_part_of_the_name_and_names_wrap() -> None:
    got = table(
        [(160, "STT"), (600, "Tên ngành, nghề kinh doanh"), (1650, "Mã ngành"), (2000, "Ngành chính")],
        [(170, "1"), (360, "Bán lẻ sách, báo, tạp chí, văn phòng phẩm trong"), (1690, "4761"), (2100, "x")],
        [(360, "các cửa hàng chuyên doanh")],
        [(170, "2"), (360, "Cắt tóc, làm đầu, gội đầu"), (1690, "9631")],
    )
    assert got == [
        BusinessLine("4761", "Bán lẻ sách, báo, tạp chí, văn phòng phẩm trong các cửa hàng chuyên doanh"),
        BusinessLine("9631", "Cắt tóc, làm đầu, gội đầu"),
    ]


def test_a_code_column_before_the_name_in_a_five_column_table() -> None:
    got = table(
        [(150, "STT"), (300, "Mã ngành"), (900, "Tên ngành"), (1750, "Ngành chính"), (2100, "Ghi chú")],
        [(165, "1"), (340, "4752"), (560, "Bán lẻ đồ ngũ kim, sơn, kính trong các"), (1850, "x")],
        [(560, "cửa hàng chuyên doanh")],
        [(165, "2"), (340, "1410"), (560, "May trang phục (trừ trang phục từ da lông thú)")],
    )
    assert got == [
        BusinessLine("4752", "Bán lẻ đồ ngũ kim, sơn, kính trong các cửa hàng chuyên doanh"),
        BusinessLine("1410", "May trang phục (trừ trang phục từ da lông thú)"),
    ]


def test_a_table_without_a_code_column_has_no_codes() -> None:
    got = table(
        [(160, "STT"), (900, "Tên ngành, nghề kinh doanh")],
        [(170, "1"), (360, "Bán bún, phở, cháo")],
        [(170, "2"), (360, "Xay xát lúa gạo 2000 bao")],  # a number in a free-text name is no code
    )
    assert got == [BusinessLine(None, "Bán bún, phở, cháo"), BusinessLine(None, "Xay xát lúa gạo 2000 bao")]


def test_a_table_without_a_row_number_column() -> None:
    got = table(
        [(800, "Tên ngành"), (1800, "Mã ngành")],
        [(160, "Bán lẻ đồ uống trong các cửa hàng chuyên doanh"), (1840, "4723")],
        [(160, "Giặt là, làm sạch các sản phẩm dệt và lông thú"), (1840, "9620")],
    )
    assert [line.code for line in got] == ["4723", "9620"]
    assert got[1].name == "Giặt là, làm sạch các sản phẩm dệt và lông thú"


def test_a_header_cell_wrapped_onto_a_second_line_is_still_the_header() -> None:
    got = table(
        [(160, "STT"), (700, "Tên ngành"), (1650, "Mã ngành"), (2050, "Ngành")],
        [(2050, "chính")],
        [(170, "1"), (360, "Dịch vụ phục vụ đồ uống"), (1690, "5630"), (2100, "x")],
    )
    assert got == [BusinessLine("5630", "Dịch vụ phục vụ đồ uống")]


def test_a_code_in_lower_case_brackets_or_after_ma_is_the_code() -> None:
    assert listed("- Dịch vụ phục vụ đồ uống (mã ngành 5630)", "+ Mã 9631 - Cắt tóc, làm đầu, gội đầu") == [
        BusinessLine("5630", "Dịch vụ phục vụ đồ uống"),
        BusinessLine("9631", "Cắt tóc, làm đầu, gội đầu"),
    ]


def test_commas_between_coded_trades_separate_them() -> None:
    assert listed("Bán lẻ thực phẩm (4722), Dịch vụ phục vụ đồ uống (5630).") == [
        BusinessLine("4722", "Bán lẻ thực phẩm"),
        BusinessLine("5630", "Dịch vụ phục vụ đồ uống"),
    ]
    assert listed("4722: Bán lẻ thực phẩm, 5630: Dịch vụ phục vụ đồ uống.") == [
        BusinessLine("4722", "Bán lẻ thực phẩm"),
        BusinessLine("5630", "Dịch vụ phục vụ đồ uống"),
    ]


def test_a_comma_inside_a_coded_name_stays() -> None:
    assert listed("- Cắt tóc, làm đầu, gội đầu (9631)") == [BusinessLine("9631", "Cắt tóc, làm đầu, gội đầu")]


def read_with_label(label: str, *lines: str) -> list[BusinessLine]:
    return read(page_of([label, *lines, "4. Vốn kinh doanh: 50.000.000 đồng"]))


def test_label_wordings_and_a_trade_on_the_label_line() -> None:
    want = [BusinessLine("4722", "Bán lẻ thực phẩm")]
    assert read_with_label("3. NGÀNH, NGHỀ KINH DOANH:", "- Bán lẻ thực phẩm (Mã ngành: 4722)") == want
    assert read_with_label("3. Ngành nghề kinh doanh:", "- Bán lẻ thực phẩm (Mã ngành: 4722)") == want
    assert read_with_label("3. Ngành, nghề kinh doanh: Bán lẻ thực phẩm (Mã ngành: 4722)") == want


def test_semicolons_between_codeless_official_names_with_a_closing_full_stop() -> None:
    got = listed("Bán lẻ thực phẩm trong các cửa hàng chuyên doanh; Vận tải hàng hóa bằng đường bộ.")
    assert got == [
        BusinessLine(None, "Bán lẻ thực phẩm trong các cửa hàng chuyên doanh"),
        BusinessLine(None, "Vận tải hàng hóa bằng đường bộ"),
    ]


def test_bullets_plus_dot_and_letters_with_glued_codes() -> None:
    got = listed("• 4722-Bán lẻ thực phẩm", "a) 5630: Dịch vụ phục vụ đồ uống", "b) Mua bán gạo")
    assert got == [
        BusinessLine("4722", "Bán lẻ thực phẩm"),
        BusinessLine("5630", "Dịch vụ phục vụ đồ uống"),
        BusinessLine(None, "Mua bán gạo"),
    ]


def test_a_note_cell_holding_more_than_a_note_sends_the_list_to_review() -> None:
    page = grid_page(
        [
            [(150, "3. Ngành, nghề kinh doanh:")],
            [(160, "STT"), (700, "Tên ngành"), (1700, "Mã ngành"), (2050, "Ghi chú")],
            [(170, "1"), (360, "Bán lẻ thực phẩm"), (1740, "4722"), (2000, "trong các cửa hàng")],
            [(150, "4. Vốn kinh doanh: 50.000.000 đồng")],
        ]
    )
    cand = fields.read_business_lines(fields.read_document(build_lines([page])))
    assert cand.value == [BusinessLine("4722", "Bán lẻ thực phẩm")]
    assert cand.confidence <= 0.6


def test_a_misread_code_cell_is_put_right_by_its_name_and_reviewed() -> None:
    page = grid_page(
        [
            [(150, "3. Ngành, nghề kinh doanh:")],
            [(160, "STT"), (700, "Tên ngành"), (1700, "Mã ngành")],
            [(170, "1"), (360, "Vận tải hàng hóa bằng đường bộ"), (1740, "49333")],
            [(170, "2"), (360, "Bán lẻ thực phẩm"), (1740, "9l7")],  # too far from 4722: left alone
            [(150, "4. Vốn kinh doanh: 50.000.000 đồng")],
        ]
    )
    cand = fields.read_business_lines(fields.read_document(build_lines([page])))
    assert cand.value == [
        BusinessLine("4933", "Vận tải hàng hóa bằng đường bộ"),
        BusinessLine(None, "Bán lẻ thực phẩm"),
    ]
    assert any(e.reason == "printed.repaired_from_list" and e.was == "49333" for e in cand.evidence)


def test_header_cells_closer_than_a_column_gap_are_cut_by_their_words() -> None:
    page = grid_page(
        [
            [(150, "3. Ngành, nghề kinh doanh:")],
            [(280, "STT"), (370, "Mã ngành"), (950, "Tên ngành"), (1550, "Ngành"), (1750, "Ghi chú")],
            [(1550, "chính")],
            [(300, "1"), (420, "4771"), (620, "Bán lẻ hàng may mặc, giày, dép, hàng da"), (1600, "X")],
            [(620, "và giả da")],
            [(300, "2"), (420, "1392"), (620, "Sản xuất hàng dệt sẵn (trừ trang phục)")],
            [(150, "4. Vốn kinh doanh: 50.000.000 đồng")],
        ]
    )
    assert read(page) == [
        BusinessLine("4771", "Bán lẻ hàng may mặc, giày, dép, hàng da và giả da"),
        BusinessLine("1392", "Sản xuất hàng dệt sẵn (trừ trang phục)"),
    ]


def test_a_misread_row_number_alone_in_the_stt_column_is_no_name_word() -> None:
    got = table(
        [(160, "STT"), (700, "Tên ngành"), (1700, "Mã ngành")],
        [(170, "r§"), (360, "Bán lẻ thực phẩm trong các cửa hàng chuyên doanh"), (1740, "4722")],
        [(170, "2"), (360, "Dịch vụ phục vụ đồ uống"), (1740, "5630")],
    )
    assert got[0] == BusinessLine("4722", "Bán lẻ thực phẩm trong các cửa hàng chuyên doanh")


def test_a_detail_line_under_a_trade_does_not_end_the_list() -> None:
    got = listed(
        "- Nhà hàng và các dịch vụ ăn uống phục vụ lưu động.",
        "Chi tiết: bán nước giải khát (Mã ngành: 5610)",
        "- Bán lẻ thực phẩm (Mã ngành: 4722)",
    )
    assert got == [
        BusinessLine(
            "5610", "Nhà hàng và các dịch vụ ăn uống phục vụ lưu động. Chi tiết: bán nước giải khát"
        ),
        BusinessLine("4722", "Bán lẻ thực phẩm"),
    ]


def test_a_wrapped_trade_line_that_looks_like_a_label_does_not_end_the_list() -> None:
    got = listed(
        "- Bán lẻ đồ điện gia dụng, giường, tủ, bàn, ghế và đồ",
        "nội thất tương tự, đèn và bộ đèn điện (Mã ngành: 4759)",
        "- Bán lẻ thực phẩm (Mã ngành: 4722)",
    )
    assert [line.code for line in got] == ["4759", "4722"]
    assert (
        got[0].name
        == "Bán lẻ đồ điện gia dụng, giường, tủ, bàn, ghế và đồ nội thất tương tự, đèn và bộ đèn điện"
    )


def test_a_bullet_read_as_another_lone_mark_still_opens_an_item() -> None:
    got = listed(
        "« 4719-Bán lẻ khác trong các cửa hàng kinh doanh tổng hợp", "° 1079-Sản xuất thực phẩm khác"
    )
    assert got == [
        BusinessLine("4719", "Bán lẻ khác trong các cửa hàng kinh doanh tổng hợp"),
        BusinessLine("1079", "Sản xuất thực phẩm khác"),
    ]


def test_a_speck_before_a_wrapped_line_opens_no_item() -> None:
    got = listed("- Bán lẻ thực phẩm trong các (Mã ngành: 4722)", ". cửa hàng chuyên doanh")
    assert len(got) == 1


def test_a_row_number_glued_to_a_vsic_name_is_kept_as_read_but_not_agreed() -> None:
    from ocr.extraction.tables import snap_to_vsic

    name = "Bán lẻ thực phẩm trong các cửa hàng chuyên doanh"
    glued = BusinessLine("4722", f"1... {name}")
    assert snap_to_vsic(glued) == (glued, False)
    assert snap_to_vsic(BusinessLine("4722", f"{name} (trừ rượu bia)"))[1]
    got = table(
        [(160, "STT"), (700, "Tên ngành"), (1700, "Mã ngành")],
        [(170, "1..."), (360, name), (1740, "4722")],
    )
    assert got == [BusinessLine("4722", name)]


def test_an_inline_item_letter_before_a_code_opens_the_next_trade() -> None:
    got = listed("a) 1071-Sản xuất các loại bánh từ bột b) 4610-Đại lý, môi giới, đấu giá hàng hóa")
    assert got == [
        BusinessLine("1071", "Sản xuất các loại bánh từ bột"),
        BusinessLine("4610", "Đại lý, môi giới, đấu giá hàng hóa"),
    ]


def test_a_misread_code_before_a_listed_name_is_put_right_by_its_name_and_reviewed() -> None:
    """Stop 23 (dev seed, clean page): '- B610: Nhà hàng …' lost its code (a '5' read as 'B'); the
    VSIC name after it names 5610, one edit away. A name that names another code leaves it alone."""
    page = page_of(
        [
            "3. Ngành, nghề kinh doanh:",
            "- B610: Nhà hàng và các dịch vụ ăn uống phục vụ lưu động",
            "- 47I1: Bán buôn gạo, lúa mì, hạt ngũ cốc khác, bột mì",
            "4. Vốn kinh doanh: 50.000.000 đồng",
        ]
    )
    cand = fields.read_business_lines(fields.read_document(build_lines([page])))
    assert cand.value[0] == BusinessLine("5610", "Nhà hàng và các dịch vụ ăn uống phục vụ lưu động")
    assert cand.value[1].code != "4711"
    assert any(e.reason == "printed.repaired_from_list" and "B610" in (e.was or "") for e in cand.evidence)


def test_a_bullet_read_as_a_lone_consonant_opens_an_item() -> None:
    """Stop 23 (dev seed, phone photo): '•' read as 's' joined two trades into one ('s Bán trái cây s
    Mua bán …'); a consonant alone is no word. A wrapped line still joins its item."""
    assert listed("s Bán trái cây", "s Mua bán phụ tùng xe máy", "- Dịch vụ trang điểm cô dâu") == [
        BusinessLine(None, "Bán trái cây"),
        BusinessLine(None, "Mua bán phụ tùng xe máy"),
        BusinessLine(None, "Dịch vụ trang điểm cô dâu"),
    ]
    assert listed("- Mua bán phụ tùng xe máy và", "xe đạp các loại") == [
        BusinessLine(None, "Mua bán phụ tùng xe máy và xe đạp các loại")
    ]
