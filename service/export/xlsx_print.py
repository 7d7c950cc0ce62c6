"""The workbook on paper: page setup of every sheet, and the charts, each on a sheet of its own.

Every sheet prints landscape on A4, as wide as one page (as many pages down as it needs), its header
row repeated on each page. Each chart has its own sheet ("Biểu đồ …"), sized to fill one landscape
page and set to print on exactly one, so no chart is cut by a page break. Charts name VSIC sections
(not letters), show every month of the range, and count in whole numbers (integer axis steps).
"""

from __future__ import annotations

import math

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart._chart import ChartBase
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from service.i18n.sheets import SUMMARY

CHART_WIDTH_CM = 25.0  # A4 landscape less the default margins: 26.1 × 17.2 cm
CHART_HEIGHT_CM = 15.5


def set_print(ws: WriteOnlyWorksheet, title_rows: str | None = "1:1", one_page: bool = False) -> None:
    """Landscape A4, fit to one page wide (and tall when `one_page`), header rows on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1 if one_page else 0  # 0: as many pages down as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows


def count_axis(chart: ChartBase, largest: int) -> None:
    """A count axis from 0 in whole steps (never 0.2 … 1.2), about ten steps at most."""
    step = max(1, math.ceil(largest / 10))
    chart.y_axis.majorUnit = step
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = max(step, math.ceil(largest / step) * step)
    chart.y_axis.number_format = "0"
    chart.y_axis.delete = False
    chart.x_axis.delete = False


def place_chart(ws: WriteOnlyWorksheet, chart: ChartBase) -> None:
    chart.width = CHART_WIDTH_CM
    chart.height = CHART_HEIGHT_CM
    ws.add_chart(chart, "A1")
    set_print(ws, title_rows=None, one_page=True)


def add_charts(
    summary: WriteOnlyWorksheet,
    sheets: tuple[WriteOnlyWorksheet, WriteOnlyWorksheet, WriteOnlyWorksheet],
    months: tuple[int, int, int],
    cross: tuple[int, int, int],
    largest: tuple[int, int],
) -> None:
    """Three charts over the "Tổng hợp" tables, one per sheet of `sheets` (months, sections, communes).

    `months`: (header row, last row, largest count) of the month table; `cross`: (header row, number of
    communes, number of sections) of the count cross-table, whose totals the bar charts read;
    `largest`: the largest section total and commune total (for the axes' steps)."""
    month_header, month_last, month_max = months
    cross_header, communes, sections = cross
    line = LineChart()
    line.title = SUMMARY["chart.months"]
    line.y_axis.title = SUMMARY["count"]
    last = max(month_last, month_header + 1)
    data = Reference(summary, min_col=2, max_col=4, min_row=month_header, max_row=last)
    line.add_data(data, titles_from_data=True)
    line.set_categories(Reference(summary, min_col=1, min_row=month_header + 1, max_row=last))
    for series in line.series:
        series.smooth = False  # a count per month: straight segments, no curve below zero or above a peak
    count_axis(line, month_max)
    line.legend.position = "b"
    place_chart(sheets[0], line)

    total_row = cross_header + communes + 1
    by_section = BarChart()
    by_section.type = "bar"  # horizontal: the section names are long
    by_section.title = SUMMARY["chart.sections"]
    columns = max(sections, 1) + 1
    by_section.add_data(Reference(summary, min_col=2, max_col=columns, min_row=total_row), from_rows=True)
    by_section.set_categories(Reference(summary, min_col=2, max_col=columns, min_row=cross_header))
    by_section.legend = None
    count_axis(by_section, largest[0])
    place_chart(sheets[1], by_section)

    by_commune = BarChart()
    by_commune.type = "bar"
    by_commune.title = SUMMARY["chart.communes"]
    total_col = sections + 2
    rows = max(communes, 1)
    by_commune.add_data(
        Reference(summary, min_col=total_col, min_row=cross_header, max_row=cross_header + rows),
        titles_from_data=True,
    )
    by_commune.set_categories(
        Reference(summary, min_col=1, min_row=cross_header + 1, max_row=cross_header + rows)
    )
    by_commune.legend = None
    count_axis(by_commune, largest[1])
    place_chart(sheets[2], by_commune)
