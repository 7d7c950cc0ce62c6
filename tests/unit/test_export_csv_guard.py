"""CSV cells that a spreadsheet would evaluate are neutralised; ordinary Vietnamese text is untouched."""

from service.export.csv import guard_formulas


def test_formula_like_text_gets_an_apostrophe() -> None:
    cells = guard_formulas(['=HYPERLINK("http://x","bấm")', "+84 912", "-1+2", "@SUM(A1)", "\tx", "\rX"])
    assert cells == ['\'=HYPERLINK("http://x","bấm")', "'+84 912", "'-1+2", "'@SUM(A1)", "'\tx", "'\rX"]


def test_plain_values_are_unchanged() -> None:
    cells: list[object] = ["Cửa hàng tạp hóa Lan", "Số 5, ấp 3", 150_000_000, -5, None, "", "a=b"]
    assert guard_formulas(list(cells)) == cells
