"""CSV: UTF-8 with BOM so Excel opens Vietnamese correctly, ISO dates, streamed in chunks."""

from __future__ import annotations

import csv as csvlib
import io
from collections.abc import AsyncIterator

from service.export.rows import HEADERS, ExportRow, row_values

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard_formulas(values: list[object]) -> list[object]:
    """Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first: OWASP "CSV
    injection") gets a leading apostrophe; register text comes from OCR and people, not from us."""
    for i, value in enumerate(values):
        if type(value) is str and value.startswith(FORMULA_STARTS):
            values[i] = "'" + value
    return values


async def write_csv(rows: AsyncIterator[ExportRow], counter: list[int]) -> AsyncIterator[bytes]:
    """Bytes of the CSV, ~64 KB at a time; counter[0] ends as the number of rows written.

    Dates need no formatting: the csv module writes str(date), which is ISO 8601 already."""
    buf = io.StringIO()
    writer = csvlib.writer(buf, lineterminator="\r\n")
    writer.writerow(HEADERS)
    yield ("\ufeff" + buf.getvalue()).encode()
    buf.seek(0)
    buf.truncate()
    batch: list[list[object]] = []
    async for row in rows:
        batch.append(guard_formulas(row_values(row)))
        counter[0] += 1
        if len(batch) == 500:
            writer.writerows(batch)
            batch.clear()
            if buf.tell() > 65536:
                yield buf.getvalue().encode()
                buf.seek(0)
                buf.truncate()
    writer.writerows(batch)
    if buf.tell():
        yield buf.getvalue().encode()
