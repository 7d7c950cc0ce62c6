"""The clerk's page in the browser: a folder with certificates, an English letter, a blank page, a
.docx, a .txt and a duplicate. Rows come in name order with each outcome and its reason, the summary
counts them, every skipped file is listed with why, and switching the language keeps the batch."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from samples.negatives import make_blank_page, make_english_letter
from tests.e2e.conftest import screenshot, write_certificates

pytestmark = pytest.mark.e2e
READ_TIMEOUT_MS = 120_000
"""Two workers read three certificates and two other pages: under 50 s on this 2-core machine with
a load of 14 (the blank page takes seconds: it has no ink, so Tesseract is not asked)."""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("clerk") / "ho-so-thang-12"
    root.mkdir()
    certificates = write_certificates(root, 20261202, 2, prefix="gcn")
    make_english_letter(random.Random(1)).convert("RGB").save(root / "thu-tieng-anh.jpg", quality=85)
    make_blank_page(random.Random(2)).save(root / "trang-trang.jpg", quality=85)
    (root / "to-trinh.docx").write_bytes(b"PK\x03\x04 not a scan")
    (root / "ghi-chu.txt").write_text("danh sách hồ sơ")
    (root / "zz-ban-sao.jpg").write_bytes(certificates[0].read_bytes())
    return root


def test_clerk_sees_each_outcome_a_summary_and_the_skipped_files(new_page, folder: Path) -> None:  # type: ignore[no-untyped-def]
    page = new_page("vanthu")
    page.evaluate("sessionStorage.clear()")
    page.set_input_files("#folder-input", str(folder))
    rows = page.locator("#upload-rows tr[data-file]")
    names = ["gcn-01.jpg", "gcn-02.jpg", "thu-tieng-anh.jpg", "trang-trang.jpg", "zz-ban-sao.jpg"]
    expect(rows).to_have_count(len(names))
    assert [r.rsplit("/", 1)[-1] for r in rows.evaluate_all("rs => rs.map(r => r.dataset.file)")] == names
    skipped = page.locator("#skipped li")
    expect(skipped).to_have_count(3)
    expect(skipped.filter(has_text="to-trinh.docx")).to_contain_text("không phải ảnh")
    expect(skipped.filter(has_text="ghi-chu.txt")).to_contain_text("không phải ảnh")
    expect(skipped.filter(has_text="zz-ban-sao.jpg")).to_contain_text("gcn-01.jpg")  # the same content

    # The language switch waits for the files being sent, then the batch comes back from sessionStorage.
    page.locator("a.lang").click()
    page.wait_for_url(re.compile(r"/upload"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#upload-rows tr[data-file]")).to_have_count(len(names))
    expect(page.locator("#skipped li")).to_have_count(3)
    page.locator("a.lang").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")

    rows = page.locator("#upload-rows tr[data-file]")
    expect(page.locator('#upload-rows tr[data-step="done"]')).to_have_count(
        len(names), timeout=READ_TIMEOUT_MS
    )
    outcome = {n: rows.nth(i).get_attribute("data-outcome") for i, n in enumerate(names)}
    assert outcome == {
        "gcn-01.jpg": "waiting_review",
        "gcn-02.jpg": "waiting_review",
        "thu-tieng-anh.jpg": "not_a_certificate",
        "trang-trang.jpg": "unreadable",
        "zz-ban-sao.jpg": "waiting_review",
    }
    expect(rows.nth(2)).to_contain_text("Không phải giấy chứng nhận")
    expect(rows.nth(2)).to_contain_text("Không nhận ra mẫu giấy chứng nhận")
    expect(rows.nth(3)).to_contain_text("Hầu như không đọc được chữ nào")
    expect(rows.nth(0)).to_contain_text("Đã đọc, chờ kiểm tra")
    expect(page.locator("#batch-summary")).to_have_text("5/5 xong, 2 lỗi, bỏ qua 3 tệp")

    # The list of one's uploads shows the same outcomes and filters by them.
    mine = page.locator("#mine-rows tr[data-document-id]")
    expect(mine.filter(has_text="thu-tieng-anh.jpg")).to_have_attribute("data-outcome", "not_a_certificate")
    page.get_by_label("Kết quả", exact=True).select_option("unreadable")
    expect(mine).to_have_count(1)
    expect(mine.first).to_contain_text("trang-trang.jpg")
    page.get_by_label("Kết quả", exact=True).select_option("")
    screenshot(page, "upload")
