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
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from service.export.rows import HEADERS, ExportRow, row_values
from service.export.sheet_xml import SheetRows, splice_rows
from service.export.summary import RegisterSummary
from service.i18n.sheets import CAPITAL_HEADING, COVER, HISTORY_HEADERS, SUMMARY

WIDTHS = [10, 14, 30, 36, 12, 24, 20, 50, 60, 18, 10, 26, 16, 14, 16, 14, 14, 10]
HISTORY_WIDTHS = [10, 20, 10, 14, 14, 12, 36, 18, 12]
CAPITAL_COL = HEADERS.index(CAPITAL_HEADING)
HISTORY_CAPITAL_COL = HISTORY_HEADERS.index(CAPITAL_HEADING)
DATE_FORMAT = "dd/mm/yyyy"
MONEY_FORMAT = "#,##0"


def header_cells(ws: WriteOnlyWorksheet, names: list[str]) -> list[WriteOnlyCell]:
    bold = Font(bold=True)
    cells = []
    for name in names:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = bold
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
        write_summary(summary_ws, summary)
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
    ws.append(header_cells(ws, [COVER["title"], ""]))
    for key, value in cover.items():
        ws.append([key, value])
    ws.append([COVER["count"], count])


CHART_ROWS = 16  # rows one chart covers (7.5 cm at the default row height)


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


def write_summary(ws: WriteOnlyWorksheet, summary: RegisterSummary) -> None:
    """By status; new registrations and terminations per month; communes × VSIC sections (count and
    capital); native charts of the months, the sections and the communes to the right of the tables."""
    out = SheetCursor(ws)
    ws.column_dimensions["A"].width = 36
    for col in "BCDE":
        ws.column_dimensions[col].width = 16
    out.header([SUMMARY["status"], SUMMARY["count"], SUMMARY["capital"]])
    for name, (count, capital) in sorted(summary.by_status.items()):
        out.append([name, count, money_cell(ws, capital)])
    out.append([])
    month_header = out.header([SUMMARY["month"], SUMMARY["new"], SUMMARY["terminated"], SUMMARY["revoked"]])
    for year, month in summary.months():
        key = (year, month)
        out.append([
            f"{month:02d}/{year}", summary.new_by_month.get(key, 0),
            summary.terminated_by_month.get(key, 0), summary.revoked_by_month.get(key, 0),
        ])  # fmt: skip
    month_last = out.row
    while out.row < 3 * CHART_ROWS + 4:  # the cross-tables start below the charts
        out.append([])
    out.append([])
    sections = summary.sections()
    communes = summary.commune_names()
    count_header = write_cross_table(out, summary, communes, sections, 0, SUMMARY["count_by_commune_section"])
    out.append([])
    write_cross_table(out, summary, communes, sections, 1, SUMMARY["capital_by_commune_section"])
    add_charts(ws, month_header, month_last, count_header, len(communes), len(sections))


def write_cross_table(
    out: SheetCursor,
    summary: RegisterSummary,
    communes: list[str],
    sections: list[str],
    measure: int,
    title: str,
) -> int:
    """Communes down, VSIC sections across, a total column and a total row; returns the header's row."""
    out.append(header_cells(out.ws, [title]))
    header = out.header(
        [SUMMARY["commune"], *(SUMMARY["section"].format(section=s) for s in sections), SUMMARY["total"]]
    )
    totals = [0] * (len(sections) + 1)
    for commune in communes:
        values = [summary.cells.get((commune, section), [0, 0])[measure] for section in sections]
        values.append(sum(values))
        totals = [a + b for a, b in zip(totals, values, strict=True)]
        out.append([commune, *(cell_of(out.ws, v, measure) for v in values)])
    out.append([*header_cells(out.ws, [SUMMARY["total"]]), *(cell_of(out.ws, v, measure) for v in totals)])
    return header


def cell_of(ws: WriteOnlyWorksheet, value: int, measure: int) -> object:
    return money_cell(ws, value) if measure == 1 else value


def add_charts(
    ws: WriteOnlyWorksheet,
    month_header: int,
    month_last: int,
    cross_header: int,
    communes: int,
    sections: int,
) -> None:
    anchor = get_column_letter(7)
    line = LineChart()
    line.title = SUMMARY["chart.months"]
    line.y_axis.title = SUMMARY["count"]
    last = max(month_last, month_header + 1)
    line.add_data(
        Reference(ws, min_col=2, max_col=4, min_row=month_header, max_row=last), titles_from_data=True
    )
    line.set_categories(Reference(ws, min_col=1, min_row=month_header + 1, max_row=last))
    ws.add_chart(line, f"{anchor}2")

    total_row = cross_header + communes + 1
    by_section = BarChart()
    by_section.title = SUMMARY["chart.sections"]
    by_section.add_data(
        Reference(ws, min_col=2, max_col=max(sections, 1) + 1, min_row=total_row), from_rows=True
    )
    by_section.set_categories(Reference(ws, min_col=2, max_col=max(sections, 1) + 1, min_row=cross_header))
    by_section.legend = None
    ws.add_chart(by_section, f"{anchor}{2 + CHART_ROWS + 1}")

    by_commune = BarChart()
    by_commune.title = SUMMARY["chart.communes"]
    total_col = sections + 2
    rows = max(communes, 1)
    by_commune.add_data(
        Reference(ws, min_col=total_col, min_row=cross_header, max_row=cross_header + rows),
        titles_from_data=True,
    )
    by_commune.set_categories(Reference(ws, min_col=1, min_row=cross_header + 1, max_row=cross_header + rows))
    by_commune.legend = None
    ws.add_chart(by_commune, f"{anchor}{2 + 2 * (CHART_ROWS + 1)}")
