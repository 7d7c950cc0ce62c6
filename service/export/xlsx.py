"""xlsx in openpyxl write-only mode: rows go to a temp file as they come, never a workbook in memory.

Capital uses the number format `#,##0`: Excel shows the locale's thousands separator, so a
Vietnamese-locale Excel/LibreOffice shows 150.000.000. Dates use dd/mm/yyyy.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import tempfile
from collections import Counter
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from service.export.history import HISTORY_HEADERS
from service.export.rows import HEADERS, STATUS_VI, ExportRow, row_values

WIDTHS = [10, 14, 30, 36, 12, 24, 20, 50, 60, 18, 10, 26, 16, 14, 16, 14, 14, 10]
CAPITAL_COL = HEADERS.index("Vốn kinh doanh (đồng)")


def header_cells(ws: WriteOnlyWorksheet, names: list[str]) -> list[WriteOnlyCell]:
    bold = Font(bold=True)
    cells = []
    for name in names:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = bold
        cells.append(cell)
    return cells


def date_cell(ws: WriteOnlyWorksheet, value: dt.date) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = "dd/mm/yyyy"
    return cell


def data_cells(ws: WriteOnlyWorksheet, values: list[object]) -> list[object]:
    out: list[object] = []
    for i, value in enumerate(values):
        if isinstance(value, dt.date):
            cell = WriteOnlyCell(ws, value=value)
            cell.number_format = "dd/mm/yyyy"
            out.append(cell)
        elif i == CAPITAL_COL and value is not None:
            cell = WriteOnlyCell(ws, value=value)
            cell.number_format = "#,##0"
            out.append(cell)
        else:
            out.append(value)
    return out


async def write_xlsx(
    rows: AsyncIterator[ExportRow],
    cover: dict[str, str],
    counter: list[int],
    directory: str | None = None,
    history: Callable[[list[int]], AsyncIterator[list[Any]]] | None = None,
) -> Path:
    """Write the workbook to a temp file and return its path (the caller streams and deletes it)."""
    wb = Workbook(write_only=True)
    info = wb.create_sheet("Thông tin")
    sheet = wb.create_sheet("Sổ theo dõi")
    changes = wb.create_sheet("Lịch sử thay đổi")
    summary = wb.create_sheet("Tổng hợp")
    business_ids: list[int] = []
    for i, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + i)].width = width
    sheet.freeze_panes = "A2"
    sheet.append(header_cells(sheet, HEADERS))
    by_commune: Counter[str] = Counter()
    capital_by_commune: Counter[str] = Counter()
    by_status: Counter[str] = Counter()
    by_month: Counter[str] = Counter()
    async for row in rows:
        sheet.append(data_cells(sheet, row_values(row)))
        counter[0] += 1
        business_ids.append(row.business_id)
        commune = f"{row.commune_code or ''} {row.commune_name or '(chưa rõ)'}".strip()
        by_commune[commune] += 1
        capital_by_commune[commune] += row.capital_vnd or 0
        by_status[STATUS_VI.get(row.status, row.status)] += 1
        if row.first_registered_on:
            by_month[row.first_registered_on.strftime("%Y-%m")] += 1
    sheet.auto_filter.ref = f"A1:{chr(ord('A') + len(HEADERS) - 1)}{counter[0] + 1}"
    changes.freeze_panes = "A2"
    for i, width in enumerate([10, 20, 10, 14, 14, 12, 36, 18, 12]):
        changes.column_dimensions[chr(ord("A") + i)].width = width
    changes.append(header_cells(changes, HISTORY_HEADERS))
    if history is not None:
        async for values in history(business_ids):
            changes.append([date_cell(changes, v) if isinstance(v, dt.date) else v for v in values])
    write_summary(summary, by_commune, capital_by_commune, by_status, by_month)
    info.column_dimensions["A"].width = 28
    info.column_dimensions["B"].width = 60
    info.append(header_cells(info, ["Sổ đăng ký hộ kinh doanh", ""]))
    for key, value in cover.items():
        info.append([key, value])
    info.append(["Số hộ kinh doanh", counter[0]])
    fd, name = tempfile.mkstemp(suffix=".xlsx", dir=directory)
    os.close(fd)
    await asyncio.to_thread(wb.save, name)
    return Path(name)


def write_summary(
    ws: WriteOnlyWorksheet,
    by_commune: Counter[str],
    capital: Counter[str],
    by_status: Counter[str],
    by_month: Counter[str],
) -> None:
    """Counts by commune, status and month of first registration, with native bar and line charts."""
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 14
    ws.column_dimensions["C"].width = 20
    ws.append(header_cells(ws, ["Xã/phường", "Số hộ", "Vốn (đồng)"]))
    communes = sorted(by_commune)
    for name in communes:
        cell = WriteOnlyCell(ws, value=capital[name])
        cell.number_format = "#,##0"
        ws.append([name, by_commune[name], cell])
    row = len(communes) + 3
    ws.append([])
    ws.append(header_cells(ws, ["Tình trạng", "Số hộ"]))
    for name, count in sorted(by_status.items()):
        ws.append([name, count])
    month_start = row + len(by_status) + 2
    ws.append([])
    ws.append(header_cells(ws, ["Tháng đăng ký lần đầu", "Số hộ đăng ký mới"]))
    months = sorted(by_month)
    for month in months:
        ws.append([month, by_month[month]])
    bar = BarChart()
    bar.title = "Số hộ kinh doanh theo xã/phường"
    bar.add_data(
        Reference(ws, min_col=2, min_row=1, max_row=max(len(communes), 1) + 1), titles_from_data=True
    )
    bar.set_categories(Reference(ws, min_col=1, min_row=2, max_row=max(len(communes), 1) + 1))
    ws.add_chart(bar, "E2")
    line = LineChart()
    line.title = "Đăng ký mới theo tháng"
    last = month_start + max(len(months), 1)
    line.add_data(Reference(ws, min_col=2, min_row=month_start, max_row=last), titles_from_data=True)
    line.set_categories(Reference(ws, min_col=1, min_row=month_start + 1, max_row=last))
    ws.add_chart(line, "E20")
