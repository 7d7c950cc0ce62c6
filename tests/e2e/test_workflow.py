"""The acceptance path in a real browser: a clerk uploads three generated certificates and watches them
being processed; a reviewer corrects a field with the keyboard only and approves; the business is in the
register with the corrected value; the document's audit trail shows the correction."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import Server, screenshot

pytestmark = pytest.mark.e2e
OCR_TIMEOUT_MS = 240_000


@pytest.fixture(scope="session")
def scan_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Three one-page certificates (one per template generation where possible), as JPEG like a scanner."""
    from samples.generate import encode_sample, generate_sample

    out = tmp_path_factory.mktemp("scans")
    files: list[Path] = []
    index = 0
    for layout in ("2021", "2025", "2015", "2021", "2025", "2015", "2021"):
        if len(files) == 3:
            break
        sample = generate_sample(20261128, index, layout, "clean")
        index += 1
        if len(sample.images) != 1:
            continue
        path = out / f"giay-chung-nhan-{layout}-{index}.jpg"
        path.write_bytes(encode_sample(sample, "jpg", 85))
        files.append(path)
    assert len(files) == 3
    return files


@pytest.fixture(scope="session")
def uploaded(browser, hkd_server: Server, scan_files: list[Path]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Clerk uploads the three scans in the browser and waits until each row says done."""
    from tests.e2e.conftest import log_in

    context = browser.new_context(base_url=hkd_server.base_url, viewport={"width": 1366, "height": 768})
    page = context.new_page()
    try:
        log_in(page, "vanthu")
        assert page.url.endswith("/upload")
        page.set_input_files("#file-input", [str(p) for p in scan_files])
        rows = page.locator("#upload-rows tr[data-file]")
        assert rows.count() == 3
        page.wait_for_function(
            "document.querySelectorAll('#upload-rows tr[data-step=\"done\"]').length === 3",
            timeout=OCR_TIMEOUT_MS,
        )
        ids = {
            rows.nth(i).get_attribute("data-file") or "": int(
                rows.nth(i).get_attribute("data-document-id") or 0
            )
            for i in range(3)
        }
        assert all(ids.values())
        for i in range(3):
            assert "Xong" in rows.nth(i).inner_text()
        # The same file again is a duplicate, and a file that is not a scan is refused with the reason.
        bogus = scan_files[0].parent / "ghi-chu.pdf"
        bogus.write_bytes(b"this is not a pdf at all")
        page.set_input_files("#file-input", [str(scan_files[0]), str(bogus)])
        page.wait_for_function("document.querySelectorAll('#upload-rows tr[data-file]').length === 5")
        dup = page.locator("#upload-rows tr[data-file]").nth(3)
        bad = page.locator("#upload-rows tr[data-file]").nth(4)
        dup.locator(".badge", has_text="Đã có").wait_for()
        bad.locator(".badge", has_text="Bị từ chối").wait_for()
        assert "tệp" in bad.inner_text().lower()
        screenshot(page, "upload")
        return ids
    finally:
        context.close()


def test_clerk_uploads_three_scans_and_sees_them_processed(uploaded: dict[str, int]) -> None:
    assert len(uploaded) == 3 and len(set(uploaded.values())) == 3
