"""Business-line tables and lists on synthetic word boxes (no Tesseract): rows by their code cell,
wrapped name cells, VSIC reference names."""

from __future__ import annotations

from ocr.extraction import fields, trade_items
from ocr.extraction.checks import check_registration
from ocr.extraction.fields import Candidate
from ocr.extraction.lines import build_lines
from ocr.extraction.regnumber import clean_old_number, restore_district_letter
from ocr.extraction.tables import plausible_words, snap_to_vsic
from ocr.results import PageResult, Word
from schemas.record import BusinessLine

COLUMNS = (160, 420, 2000)  # STT, Tên ngành, Mã ngành


def table_page(rows: list[tuple[str, str, str]], conf: float = 95.0) -> PageResult:
    """A label line then table rows (stt, name, code), one printed line per 60 px."""
    words: list[Word] = []
    y = 200

    def put(text: str, x: int, row: int) -> None:
        for token in text.split():
            w = 22 * len(token)
            words.append(Word(text=token, conf=conf, bbox=(x, y, w, 40), line=row, block=0))
            x += w + 18

    put("3. Ngành, nghề kinh doanh:", 150, 0)
    for row, cells in enumerate([("STT", "Tên ngành", "Mã ngành"), *rows], start=1):
        y += 60
        for text, x in zip(cells, COLUMNS, strict=True):
            put(text, x, row)
    y += 60
    put("4. Vốn kinh doanh: 150.000.000 đồng", 150, len(rows) + 2)
    return PageResult(number=1, width=2480, height=3508, rotation=0, image_png=b"", words=words)


def business_lines(page: PageResult) -> list[BusinessLine]:
    doc = fields.read_document(build_lines([page]))
    value: list[BusinessLine] = fields.read_business_lines(doc).value
    return value


def test_wrapped_name_cells_belong_to_the_row_of_their_code() -> None:
    page = table_page(
        [
            ("1", "Bán lẻ sách, báo, tạp chí, văn phòng phẩm trong các", "4761"),
            ("", "cửa hàng chuyên doanh", ""),
            ("l|", "Sản xuất thực phẩm khác chưa được phân vào", "1079"),  # row number misread
            ("", "đâu", ""),
            ("", "Bán lẻ khác trong các cửa hàng kinh doanh tổng hợp", "4719"),  # row number lost
        ]
    )
    assert business_lines(page) == [
        BusinessLine("4761", "Bán lẻ sách, báo, tạp chí, văn phòng phẩm trong các cửa hàng chuyên doanh"),
        BusinessLine("1079", "Sản xuất thực phẩm khác chưa được phân vào đâu"),
        BusinessLine("4719", "Bán lẻ khác trong các cửa hàng kinh doanh tổng hợp"),
    ]


def test_table_rules_read_as_bars_are_not_text() -> None:
    page = table_page([("1 |", "| Cắt tóc, làm đầu, gội đầu |", "| 9631")])
    assert business_lines(page) == [BusinessLine("9631", "Cắt tóc, làm đầu, gội đầu")]


def test_misread_name_takes_its_codes_reference_wording() -> None:
    line, agreed = snap_to_vsic(BusinessLine("9631", "Cáttóc, lảm đầu, gội đẩu"))
    assert (line, agreed) == (BusinessLine("9631", "Cắt tóc, làm đầu, gội đầu"), True)


def test_name_of_another_code_is_not_snapped() -> None:
    name = "Bán lẻ sách, báo, tạp chí, văn phòng phẩm trong các cửa hàng chuyên doanh"  # 4761's name
    line, agreed = snap_to_vsic(BusinessLine("1079", name))
    assert (line, agreed) == (BusinessLine("1079", name), False)


def test_code_split_by_a_space_in_the_brackets() -> None:
    line = trade_items.parse_business_line("- Bán lẻ tổng hợp với lương thực (Mã ngành: 471 1)")
    assert line == BusinessLine("4711", "Bán lẻ tổng hợp với lương thực")


def test_district_letter_read_as_a_digit_is_restored_by_position() -> None:
    assert restore_district_letter("7588980005") == "75B8980005"
    assert restore_district_letter("8340125748") is None  # a valid tax code stays digits
    assert restore_district_letter("048180001234") is None


def test_old_number_with_lookalikes_in_digit_positions() -> None:
    assert clean_old_number("4lN8O33112") == "41N8033112"
    assert clean_old_number("12.A8.018999") == "12A8018999"
    assert clean_old_number("8340125748") is None
    assert clean_old_number("31R8§900144") == "31R8900144"  # a speck read as '§' (seed 3103)
    assert clean_old_number("30X8532748-") == "30X8532748"  # a rule read as a trailing hyphen


def test_noise_lines_and_a_garbled_next_label_end_the_list() -> None:
    page = table_page([("1", "Bán lẻ thực phẩm trong các cửa hàng chuyên doanh", "4722")])
    noise = [
        Word(text="5a", conf=0.0, bbox=(1100, 375, 40, 40), line=9, block=0),  # below the last row
        Word(text="4-Vốn;kinhdöanh:", conf=0.0, bbox=(150, 435, 300, 40), line=10, block=0),
        Word(text="1)3222113", conf=0.0, bbox=(500, 435, 200, 40), line=10, block=0),
    ]
    page.words[:] = [w for w in page.words if w.bbox[1] < 375] + noise
    assert business_lines(page) == [BusinessLine("4722", "Bán lẻ thực phẩm trong các cửa hàng chuyên doanh")]


def test_glued_syllables_in_free_text_are_implausible() -> None:
    assert plausible_words("In ấn, photocopy")
    assert not plausible_words("Inấn, photocopy")


def test_code_with_an_italic_seven_read_as_a_slash() -> None:
    line = trade_items.parse_business_line("- Bán lẻ thực phẩm trong các cửa hàng chuyên doanh (4/22)")
    assert line == BusinessLine("4722", "Bán lẻ thực phẩm trong các cửa hàng chuyên doanh")


def test_one_misread_code_digit_is_put_right_by_the_name_but_reviewed() -> None:
    name = "Bán lẻ thuốc, dụng cụ y tế, mỹ phẩm và vật phẩm vệ sinh trong các cửa hàng chuyên doanh"
    line, agreed = snap_to_vsic(BusinessLine("4712", name))  # 4772's name
    assert (line, agreed) == (BusinessLine("4772", name), False)


def test_table_row_number_with_a_dot_close_to_the_name() -> None:
    page = table_page([("1.", "Cắt tóc, làm đầu, gội đầu", "9631")])
    page.words[:] = [
        w if w.text != "Cắt" else Word(text="Cắt", conf=95.0, bbox=(200, w.bbox[1], 66, 40), line=1, block=0)
        for w in page.words
    ]
    assert business_lines(page) == [BusinessLine("9631", "Cắt tóc, làm đầu, gội đầu")]


def test_on_a_2015_certificate_a_digit_in_the_letter_place_is_taken_for_the_letter() -> None:
    for layout, want in (("2015", "83T8940369"), ("2021", "8318940369")):
        f = {"registration_number": Candidate(value="8318940369", span=None, confidence=0.93)}
        check_registration(f, layout, [])
        assert f["registration_number"].value == want  # seed 3102: 83T8940369 read with T as 1
        assert f["registration_number"].confidence < 0.86
