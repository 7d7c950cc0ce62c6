"""A clerk uploads three generated certificates in the browser and sees each one processed to "done";
the same file again is reported as already there, a file that is not a scan is refused with the reason.
(The work happens in the session fixture `uploaded`, which the review tests reuse.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS

pytestmark = pytest.mark.e2e


def test_clerk_uploads_three_scans_and_sees_them_processed(uploaded: dict[str, int]) -> None:
    assert len(uploaded) == 3 and len(set(uploaded.values())) == 3
    assert (SCREENSHOTS / "upload.png").stat().st_size > 10_000


def test_a_whole_folder_uploads_its_scans_only(
    new_page, uploaded: dict[str, int], scan_files: list[Path], tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "ho-so-xa" / "thang-11"
    folder.mkdir(parents=True)
    (folder / "ban-sao.jpg").write_bytes(scan_files[1].read_bytes())
    (folder / "ghi-chu.txt").write_text("không phải bản quét")
    page = new_page("vanthu")
    page.set_input_files("#folder-input", str(tmp_path / "ho-so-xa"))
    rows = page.locator("#upload-rows tr[data-file]")
    expect(rows).to_have_count(1)
    assert rows.first.get_attribute("data-file", timeout=2000).endswith("thang-11/ban-sao.jpg")
    expect(rows.first.locator(".badge")).to_contain_text("Đã có")
