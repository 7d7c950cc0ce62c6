"""The business page: a suspension "đến ngày 31/12" ends on 31/12 in the history, the event's note is
shown, a resumption still to come is marked as scheduled, an impossible date names its field, and a
planner sees no link to scans they may not open.

The business comes from a certificate the test uploads and approves itself, as a reviewer would (the
test once took whatever the review queue held, and found it empty when run alone or early)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import write_certificates

pytestmark = pytest.mark.e2e
READ_TIMEOUT_S = 120
"""One certificate read by a free worker: 15-30 s on this shared 2-core machine."""


def upload_certificate(clerk: Any, folder: Path) -> int:
    """The clerk sends one certificate of its own (seeded, never read by another test)."""
    path = write_certificates(folder, 20261204, 1, prefix="su-kien")[0]
    csrf = clerk.locator('meta[name="csrf-token"]').get_attribute("content") or ""
    response = clerk.request.post(
        "/api/documents/",
        multipart={"file": {"name": path.name, "mimeType": "image/jpeg", "buffer": path.read_bytes()}},
        headers={"X-CSRF-Token": csrf},
    )
    assert response.ok, response.text()
    return int(response.json()["documents"][0]["id"])


def approve_as_reviewer(page: Any, doc: int) -> int:
    """What a reviewer does: claim, confirm every field that waits for a decision with the value
    read (a reviewer looking at the scan beside it), acknowledge each error finding still open,
    approve. Evidence rules stay as they are: a field in review is cleared only by a person."""
    csrf = {"X-CSRF-Token": page.locator('meta[name="csrf-token"]').get_attribute("content") or ""}
    deadline = time.monotonic() + READ_TIMEOUT_S
    while page.request.get(f"/api/documents/{doc}").json()["status"] in ("queued", "processing"):
        assert time.monotonic() < deadline, f"document {doc} was not read in {READ_TIMEOUT_S} s"
        page.wait_for_timeout(500)
    assert page.request.post(f"/api/review/{doc}/claim", headers=csrf).ok
    view = page.request.get(f"/api/review/{doc}").json()
    revision, fields = view["revision"], view["extraction"]["fields"]
    blocking = page.request.post(f"/api/review/{doc}/preview", headers=csrf).json()["blocking"]
    for path in blocking["fields_to_review"]:
        saved = page.request.post(f"/api/review/{doc}/corrections", headers=csrf,
                                  data={"field": path, "value": fields[path]["value"], "revision": revision})  # fmt: skip
        assert saved.ok, saved.text()
        revision = saved.json()["revision"]
    # Confirming a field acknowledges the findings about it; what is left is asked again (fresh indices).
    blocking = page.request.post(f"/api/review/{doc}/preview", headers=csrf).json()["blocking"]
    assert blocking["fields_to_review"] == [], blocking
    for finding in blocking["unacknowledged_findings"]:
        acked = page.request.post(f"/api/review/{doc}/findings/{finding['index']}/ack", headers=csrf,
                                  data={"revision": revision})  # fmt: skip
        assert acked.ok, acked.text()
        revision = acked.json()["revision"]
    done = page.request.post(f"/api/review/{doc}/approve", headers=csrf, data={"revision": revision})
    assert done.ok, done.text()
    return int(done.json()["business_id"])


def test_events_end_inclusively_with_notes_and_scheduled_and_field_errors(new_page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = upload_certificate(new_page("vanthu"), tmp_path)
    page = new_page("kiemtra2")
    business_id = approve_as_reviewer(page, doc)
    page.goto(f"/businesses/{business_id}")
    expect(page.locator("#event-form")).to_be_visible()
    year = dt.date.today().year + 1  # in the future: the resumption is scheduled
    page.get_by_label("Sự kiện", exact=True).select_option("suspension")
    page.get_by_label("Từ ngày", exact=True).fill(f"01/10/{year}")
    page.get_by_label("Đến ngày (nếu tạm ngừng)").fill(f"31/02/{year + 1}")
    page.get_by_role("button", name="Ghi sự kiện").click()
    expect(page.locator("#b-banner")).to_contain_text("Đến ngày: ngày không hợp lệ")
    expect(page.get_by_label("Đến ngày (nếu tạm ngừng)")).to_be_focused()
    expect(page.get_by_label("Đến ngày (nếu tạm ngừng)")).to_have_attribute("aria-invalid", "true")

    page.get_by_label("Đến ngày (nếu tạm ngừng)").fill(f"31/12/{year}")
    page.get_by_label("Ghi chú, số văn bản").fill("Đơn xin tạm ngừng số 7/ĐN")
    page.get_by_role("button", name="Ghi sự kiện").click()
    expect(page.locator("#b-banner")).to_contain_text("Đã ghi sự kiện.")
    suspension = page.locator('#b-history li[data-kind="suspension"]').last
    expect(suspension).to_contain_text(f"Hiệu lực từ 01/10/{year} đến hết ngày 31/12/{year}")
    expect(suspension).to_contain_text("Ghi chú: Đơn xin tạm ngừng số 7/ĐN")
    expect(suspension).to_contain_text("Đã lên lịch")
    resumption = page.locator('#b-history li[data-kind="resumption"]').last
    expect(resumption).to_contain_text(f"Hiệu lực từ 01/01/{year + 1}")
    expect(resumption.locator(".badge.scheduled")).to_be_visible()

    planner = new_page("kehoach")
    planner.goto(f"/businesses/{business_id}")
    expect(planner.locator("#b-history li[data-version]").first).to_be_visible()
    expect(planner.get_by_text("Xem bản quét")).to_have_count(0)
    expect(planner.locator("#b-sources")).to_have_count(0)
    expect(planner.locator("#b-history")).to_contain_text("Ghi chú: Đơn xin tạm ngừng số 7/ĐN")
