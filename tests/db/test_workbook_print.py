"""The exported workbook prints: LibreOffice renders the workbook of 100 businesses to PDF, landscape,
as wide as one page, each chart on exactly one page; page 1 is saved for the README."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import subprocess
import zipfile
from pathlib import Path

import asyncpg
import openpyxl
import pypdfium2 as pdfium
import pytest

from service.export.cover import cover_fields
from service.export.history import stream_history
from service.export.rows import ExportFilters, stream_rows
from service.export.xlsx import write_xlsx
from service.register.model import section_of
from service.runtime.settings import DEFAULTS

pytestmark = [pytest.mark.asyncio(loop_scope="session"), pytest.mark.slow]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
CODES = ["4711", "5610", "4520", "1410", "4772", "9602", "0111", "4933"]
COMMUNES = [
    ("04831", "Xã Đà Bắc", "25"),
    ("20242", "Phường Hải Châu", "48"),
    ("00004", "Phường Ba Đình", "01"),
]
BUSINESSES = 100
EXPECTED_PAGES = (
    10  # measured with Debian 12's LibreOffice: cover 1, register 2, history 3, summary 1, charts 3 × 1
)


async def build(pool: asyncpg.Pool) -> None:
    """100 businesses over 30 months (some months without any), 8 sectors, 3 communes, large capitals."""
    async with pool.acquire() as conn, conn.transaction():
        for i in range(BUSINESSES):
            commune, name, province = COMMUNES[i % 3]
            since = dt.date(2022, 1, 1) + dt.timedelta(days=(i * 9) % 900)
            business_id = await conn.fetchval("insert into businesses default values returning id")
            version_id = await conn.fetchval(
                "insert into business_versions (business_id, kind, effective_on, valid, status, record,"
                " business_name, owner_name, address, commune_code, commune_name, province_code, province_name,"
                " capital_vnd, sections)"
                " values ($1, 'first_registration', $2, $3, 'active', '{}', $4, $5, $6, $7, $8, $9, $10, $11, $12)"
                " returning id",
                business_id, since, asyncpg.Range(since, None), f"Hộ kinh doanh Thương mại Dịch vụ số {i}",
                f"Nguyễn Văn {i}", f"Số {i} đường Lê Lợi, {name}", commune, name, province, f"Tỉnh {province}",
                (i + 1) * 97_000_000_000, [section_of(CODES[i % len(CODES)])],
            )  # fmt: skip
            await conn.execute(
                "insert into business_lines (version_id, position, code, vsic_version, name)"
                " values ($1, 0, $2, '2018', 'Bán lẻ hàng hóa các loại')",
                version_id,
                CODES[i % len(CODES)],
            )


def pages_of(pdf: Path) -> list[str]:
    document = pdfium.PdfDocument(str(pdf))
    try:
        texts = []
        for page in document:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return texts
    finally:
        document.close()


async def test_workbook_of_100_businesses_prints_on_landscape_pages(
    pool: asyncpg.Pool, tmp_path: Path
) -> None:
    await build(pool)
    filters = ExportFilters(as_of=dt.date(2025, 6, 30))
    async with pool.acquire() as conn:
        path = await write_xlsx(
            stream_rows(conn, filters), cover_fields(filters, "Lê Thị Kế Hoạch (ke_hoach, Cán bộ kế hoạch)", False,
                                                     DEFAULTS.zone), [0], directory=str(tmp_path),
            history=lambda ids: stream_history(conn, ids, filters.as_of),
        )  # fmt: skip
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
    assert wb["Sổ theo dõi"].print_title_rows == "$1:$1" == wb["Lịch sử thay đổi"].print_title_rows
    months = [r[0] for r in wb["Tổng hợp"].iter_rows(values_only=True)]
    first, last = months.index("01/2022"), months.index("06/2024")
    assert months[first : last + 1] == [f"{m:02d}/{y}" for y in (2022, 2023, 2024) for m in range(1, 13)][:30]
    with zipfile.ZipFile(path) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 3 and all('majorUnit val="' in c for c in charts)  # whole-number steps

    profile = tmp_path / "lo-profile"
    done = await asyncio.to_thread(
        subprocess.run,
        ["libreoffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path / "pdf"), str(path)],
        capture_output=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    pdf = next((tmp_path / "pdf").glob("*.pdf"))
    texts = pages_of(pdf)
    assert "###" not in "".join(texts)  # every number fits its column
    document = pdfium.PdfDocument(str(pdf))
    sizes = [document[i].get_size() for i in range(len(document))]
    assert all(w > h for w, h in sizes), sizes  # landscape
    for title in ("Đăng ký mới và chấm dứt theo tháng", "Số hộ theo ngành VSIC", "Số hộ kinh doanh theo xã"):
        assert sum(title in text for text in texts) == 1, title  # each chart on exactly one page
    assert "Bán buôn, bán lẻ; sửa chữa xe" in "".join(texts)  # section names, not letters
    # every page of the register and of the history starts with the sheet's header row
    register = [t for t in texts if "Các mã định danh" in t[:100]]
    history = [t for t in texts if "Hiệu lực đến" in t[:100]]
    assert len(register) >= 2 and len(history) >= 2, [t[:100] for t in texts]
    assert sum(t.count("Hộ kinh doanh Thương mại") for t in register) == BUSINESSES
    assert sum(t.count("Hộ kinh doanh Thương mại") for t in history) == BUSINESSES
    assert "active" not in "".join(texts)  # statuses in Vietnamese
    assert len(texts) == EXPECTED_PAGES, [t[:60] for t in texts]
    if os.environ.get("HKD_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for index, name in (
            (0, "workbook-page1.png"),
            (texts.index(next(t for t in texts if "theo tháng" in t)), "workbook-chart.png"),
        ):
            document[index].render(scale=1.5).to_pil().save(SCREENSHOTS / name)
    document.close()
