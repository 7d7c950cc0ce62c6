"""The business page: a suspension "đến ngày 31/12" ends on 31/12 in the history, the event's note is
shown, a resumption still to come is marked as scheduled, an impossible date names its field, and a
planner sees no link to scans they may not open."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def some_business(page: Any) -> int:
    """A business of the register; when the session has approved none yet, approve a waiting
    document through the API (accept every doubtful field as read, acknowledge every error)."""
    items = page.request.get("/api/businesses?limit=1").json()["items"]
    if items:
        return int(items[0]["id"])
    csrf = {"X-CSRF-Token": page.locator('meta[name="csrf-token"]').get_attribute("content") or ""}
    for item in page.request.get("/api/review/queue").json()["items"]:
        doc = item["document_id"]
        if item["claimed_by"] or item["layout"] == "unrecognised":
            continue
        assert page.request.post(f"/api/review/{doc}/claim", headers=csrf).ok
        view = page.request.get(f"/api/review/{doc}").json()
        blocking = page.request.post(f"/api/review/{doc}/preview", headers=csrf).json()["blocking"]
        revision = view["revision"]
        record = view["extraction"]["record"]
        for path in blocking["fields_to_review"]:
            value: Any = record
            for key in path.split("."):
                value = value.get(key) if isinstance(value, dict) else None
            saved = page.request.post(f"/api/review/{doc}/corrections", headers=csrf,
                                      data={"field": path, "value": value, "revision": revision})  # fmt: skip
            assert saved.ok, saved.text()
            revision = saved.json()["revision"]
        for finding in blocking["unacknowledged_findings"]:
            acked = page.request.post(f"/api/review/{doc}/findings/{finding['index']}/ack", headers=csrf,
                                      data={"revision": revision})  # fmt: skip
            if acked.ok:
                revision = acked.json()["revision"]
        done = page.request.post(f"/api/review/{doc}/approve", headers=csrf, data={"revision": revision})
        if done.ok and done.json()["business_id"]:
            return int(done.json()["business_id"])
    raise AssertionError("no document could be approved into the register")


@pytest.mark.xfail(
    reason="no document of its seeded set can be approved since the evidence/layout-gate merge (open defect, closing note of stop 19)",
    strict=False,
)
def test_events_end_inclusively_with_notes_and_scheduled_and_field_errors(new_page) -> None:  # type: ignore[no-untyped-def]
    page = new_page("kiemtra2")
    business_id = some_business(page)
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
