"""xlsx: an openpyxl write-only workbook; the large sheets' rows stream to a temp file, never memory.

openpyxl writes the cover, the headers, styles, widths, frozen header and auto-filter, and the
"Tổng hợp" sheet with its charts; the data rows of "Sổ theo dõi" and "Lịch sử thay đổi" go through
`sheet_xml.SheetRows` (openpyxl's per-cell path is too slow for 100,000 rows; see sheet_xml.py).

Capital uses the number format `#,##0`: Excel shows the locale's thousands separator, so a
Vietnamese-locale Excel/LibreOffice shows 150.000.000. Dates use dd/mm/yyyy.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from service.export.rows import HEADERS, ExportRow, row_values
from service.export.sheet_xml import ILLEGAL_XML, SheetRows, splice_rows
from service.export.summary import UNKNOWN, RegisterSummary
from service.export.xlsx_print import add_charts, set_print
from service.i18n.sheets import CAPITAL_HEADING, COVER, HISTORY_HEADERS, SUMMARY, section_title

WIDTHS = [8, 13, 24, 30, 11, 20, 18, 36, 40, 17, 8, 22, 15, 12, 14, 12, 12, 8]
"""Narrow enough that the 18 columns, fitted to a landscape page's width, stay readable when printed."""
HISTORY_WIDTHS = [10, 20, 10, 14, 14, 12, 36, 18, 12]
CAPITAL_COL = HEADERS.index(CAPITAL_HEADING)
HISTORY_CAPITAL_COL = HISTORY_HEADERS.index(CAPITAL_HEADING)
DATE_FORMAT = "dd/mm/yyyy"
MONEY_FORMAT = "#,##0"


def header_cells(ws: WriteOnlyWorksheet, names: list[str]) -> list[WriteOnlyCell]:
    """Bold, wrapped within the column's width (a long heading takes two lines, never the next cell)."""
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    cells = []
    for name in names:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = bold
        cell.alignment = wrap
        cells.append(cell)
    return cells


def style_id(ws: WriteOnlyWorksheet, number_format: str) -> int:
    """The workbook's cell-format index for a number format (registered once, written to styles.xml)."""
    cell = WriteOnlyCell(ws, value=0)
    cell.number_format = number_format
    return int(cell.style_id)


def money_cell(ws: WriteOnlyWorksheet, value: int) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = MONEY_FORMAT
    return cell


def start_sheet(
    ws: WriteOnlyWorksheet, headers: list[str], widths: list[int], directory: str | None, money_col: int
) -> SheetRows:
    """Header row, widths and frozen header through openpyxl; the data rows' temp file."""
    for i, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = width
    ws.freeze_panes = "A2"
    set_print(ws)
    ws.append(header_cells(ws, headers))
    fd, name = tempfile.mkstemp(suffix=".rows.xml", dir=directory)
    os.close(fd)
    return SheetRows(
        Path(name), len(headers), {money_col: style_id(ws, MONEY_FORMAT)}, style_id(ws, DATE_FORMAT)
    )


async def write_xlsx(
    rows: AsyncIterator[ExportRow],
    cover: dict[str, str],
    counter: list[int],
    directory: str | None = None,
    history: Callable[[list[int]], AsyncIterator[list[Any]]] | None = None,
) -> Path:
    """Write the workbook to a temp file and return its path (the caller streams and deletes it)."""
    wb = Workbook(write_only=True)
    info = wb.create_sheet(SUMMARY["sheet.cover"])
    sheet = wb.create_sheet(SUMMARY["sheet.register"])
    changes = wb.create_sheet(SUMMARY["sheet.history"])
    summary_ws = wb.create_sheet(SUMMARY["sheet.summary"])
    chart_sheets = (
        wb.create_sheet(SUMMARY["sheet.chart_months"]),
        wb.create_sheet(SUMMARY["sheet.chart_sections"]),
        wb.create_sheet(SUMMARY["sheet.chart_communes"]),
    )
    register_rows = start_sheet(sheet, HEADERS, WIDTHS, directory, CAPITAL_COL)
    history_rows = start_sheet(changes, HISTORY_HEADERS, HISTORY_WIDTHS, directory, HISTORY_CAPITAL_COL)
    try:
        business_ids: list[int] = []
        summary = RegisterSummary()
        async for row in rows:
            register_rows.append(row_values(row))
            business_ids.append(row.business_id)
            summary.add(row)
            counter[0] += 1  # progress, read while the export runs
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{len(business_ids) + 1}"
        if history is not None:
            async for values in history(business_ids):
                history_rows.append(values)
        changes.auto_filter.ref = f"A1:{get_column_letter(len(HISTORY_HEADERS))}{history_rows.last_row}"
        write_summary(summary_ws, summary, chart_sheets)
        write_cover(info, cover, len(business_ids))
        parts = {sheet: register_rows, changes: history_rows}
        return await asyncio.to_thread(save_workbook, wb, directory, parts)
    finally:
        for sheet_rows in (register_rows, history_rows):
            sheet_rows.close()
            os.unlink(sheet_rows.path)


def save_workbook(wb: Workbook, directory: str | None, parts: dict[WriteOnlyWorksheet, SheetRows]) -> Path:
    """openpyxl saves the workbook (numbering the sheets: ws.path is the part name from then on), then
    the rows go into their sheets."""
    fd, name = tempfile.mkstemp(suffix=".xlsx", dir=directory)
    os.close(fd)
    path = Path(name)
    try:
        wb.save(path)
        splice_rows(path, {str(ws.path).lstrip("/"): rows for ws, rows in parts.items()})
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def write_cover(ws: WriteOnlyWorksheet, cover: dict[str, str], count: int) -> None:
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 60
    set_print(ws, title_rows=None)
    ws.append(header_cells(ws, [COVER["title"], ""]))
    for key, value in cover.items():  # a typed filter may hold control characters openpyxl refuses
        ws.append([key, ILLEGAL_XML.sub("", value)])
    ws.append([COVER["count"], count])


class SheetCursor:
    """Appends rows to a write-only sheet and knows the number of the last one (for chart ranges)."""

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        self.ws = ws
        self.row = 0

    def append(self, values: list[Any]) -> int:
        self.ws.append(values)
        self.row += 1
        return self.row

    def header(self, names: list[str]) -> int:
        return self.append(header_cells(self.ws, names))


def money_width(value: int) -> int:
    """Characters a sum takes as #,##0 (150.000.000), plus a margin: a column never shows ###."""
    return len(f"{value:,}") + 3


def summary_widths(summary: RegisterSummary, sections: list[str], communes: list[str]) -> list[float]:
    """Column widths of "Tổng hợp" from what it will hold: the largest sum of capital of any cell or
    total, the commune names, the (wrapped) section names."""
    capital_cells = [cell[1] for cell in summary.cells.values()]
    by_commune = [sum(summary.cells.get((c, s), [0, 0])[1] for s in sections) for c in communes]
    grand = sum(capital_cells)
    biggest = max(
        [grand, *capital_cells, *by_commune, *(v[1] for v in summary.by_status.values())], default=0
    )
    numbers = max(14, money_width(biggest))
    first = max([36, *(len(c) + 2 for c in communes)])
    return [min(first, 60), *[numbers] * (len(sections) + 2)]


def write_summary(
    ws: WriteOnlyWorksheet,
    summary: RegisterSummary,
    chart_sheets: tuple[WriteOnlyWorksheet, WriteOnlyWorksheet, WriteOnlyWorksheet],
) -> None:
    """By status; new registrations and terminations for every month of the range; communes × VSIC
    sections (count and capital); the charts over these tables, each on its own sheet."""
    out = SheetCursor(ws)
    sections = summary.sections()
    communes = summary.commune_names()
    for i, width in enumerate(summary_widths(summary, sections, communes)):
        ws.column_dimensions[get_column_letter(i + 1)].width = width
    set_print(ws, title_rows=None)
    out.header([SUMMARY["status"], SUMMARY["count"], SUMMARY["capital"]])
    for name, (count, capital) in sorted(summary.by_status.items()):
        out.append([name, count, money_cell(ws, capital)])
    out.append([])
    month_header = out.header([SUMMARY["month"], SUMMARY["new"], SUMMARY["terminated"], SUMMARY["revoked"]])
    month_max = 0
    for year, month in summary.months():
        key = (year, month)
        values = [
            summary.new_by_month.get(key, 0), summary.terminated_by_month.get(key, 0),
            summary.revoked_by_month.get(key, 0),
        ]  # fmt: skip
        month_max = max(month_max, *values)
        out.append([f"{month:02d}/{year}", *values])
    month_last = out.row
    out.append([])
    count_header = write_cross_table(out, summary, communes, sections, 0, SUMMARY["count_by_commune_section"])
    out.append([])
    write_cross_table(out, summary, communes, sections, 1, SUMMARY["capital_by_commune_section"])
    section_totals = [sum(summary.cells.get((c, s), [0, 0])[0] for c in communes) for s in sections]
    commune_totals = [sum(summary.cells.get((c, s), [0, 0])[0] for s in sections) for c in communes]
    add_charts(
        ws, chart_sheets, (month_header, month_last, month_max), (count_header, len(communes), len(sections)),
        (max(section_totals, default=0), max(commune_totals, default=0)),
    )  # fmt: skip


def write_cross_table(
    out: SheetCursor,
    summary: RegisterSummary,
    communes: list[str],
    sections: list[str],
    measure: int,
    title: str,
) -> int:
    """Communes down, VSIC sections (by name) across, a total column and a total row; returns the
    header's row."""
    out.append(header_cells(out.ws, [title]))
    header = out.header([SUMMARY["commune"], *(section_heading(s) for s in sections), SUMMARY["total"]])
    totals = [0] * (len(sections) + 1)
    for commune in communes:
        values = [summary.cells.get((commune, section), [0, 0])[measure] for section in sections]
        values.append(sum(values))
        totals = [a + b for a, b in zip(totals, values, strict=True)]
        out.append([commune, *(cell_of(out.ws, v, measure) for v in values)])
    out.append([*header_cells(out.ws, [SUMMARY["total"]]), *(cell_of(out.ws, v, measure) for v in totals)])
    return header


def section_heading(section: str) -> str:
    """ "G – Bán buôn, bán lẻ; sửa chữa xe" (the chart's category names come from these headings)."""
    return section if section == UNKNOWN else section_title(section)


def cell_of(ws: WriteOnlyWorksheet, value: int, measure: int) -> object:
    return money_cell(ws, value) if measure == 1 else value
