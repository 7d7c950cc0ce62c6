"""Review in the browser, keyboard only: correct a field, approve, find the business in the register with
the corrected value and the correction in the document's audit trail; a second reviewer is told the
document is claimed and gets a read-only screen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DISPLAY, release_claim, screenshot

pytestmark = pytest.mark.e2e
NEW_NAME = "CỬA HÀNG KIỂM THỬ HOA MAI"


@pytest.fixture(autouse=True)
def review_api(hkd_server) -> None:  # type: ignore[no-untyped-def]
    """The review API comes from the review issue; until it is merged these tests have nothing to drive."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(hkd_server.base_url + "/api/review/queue")  # noqa: S310
    request.add_header("Authorization", "Bearer " + hkd_server.token("kiemtra2"))
    try:
        urllib.request.urlopen(request, timeout=10).close()  # noqa: S310
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            pytest.skip("GET /api/review/queue is not on this server yet (review issue)")


def focused_path(page) -> str | None:  # type: ignore[no-untyped-def]
    return page.evaluate("document.activeElement && document.activeElement.dataset.path || null")


def focus_field(page, path: str) -> None:  # type: ignore[no-untyped-def]
    """↑ to the top, then ↓ until `path` has the focus: keyboard only, like a reviewer."""
    for _ in range(40):
        before = focused_path(page)
        page.keyboard.press("ArrowUp")
        if focused_path(page) == before:
            break
    for _ in range(40):
        if focused_path(page) == path:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"could not reach {path} with the keyboard")


def accept_everything_doubtful(page) -> None:  # type: ignore[no-untyped-def]
    """Enter on each doubtful field (accept as read; the focus moves to the next one) and on each
    acknowledge button, until the focus reaches Approve."""
    for _ in range(60):
        path = focused_path(page)
        if path is not None:
            page.keyboard.press("Enter")
            expect(page.locator(f'.frow[data-path="{path}"]')).to_have_class(re.compile("accepted"))
            continue
        if page.evaluate("!!document.activeElement.closest('#general-findings')"):
            before = page.locator("#general-findings button").count()
            page.keyboard.press("Enter")
            expect(page.locator("#general-findings button")).to_have_count(before - 1)
            continue
        break
    assert page.evaluate("document.activeElement.id") == "approve"


def open_from_queue(page) -> int:  # type: ignore[no-untyped-def]
    """The riskiest document not claimed by anyone, opened with the keyboard."""
    row = page.locator("#queue-rows tr[data-document-id]:not(.claimed)").first
    expect(row).to_be_visible()
    document_id = int(row.get_attribute("data-document-id") or 0)
    row.get_by_role("link").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/review/{document_id}")
    expect(page.locator("#fields input[data-path]").first).to_be_visible()
    expect(page.locator("#page-img")).to_have_attribute("src", re.compile(r"/pages/1\.png$"))
    return document_id


def test_reviewer_corrects_a_field_with_the_keyboard_and_approves(new_page, uploaded: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    page = new_page("kiemtra1")
    assert page.url.endswith("/review")
    screenshot(page, "review-queue")
    document_id = open_from_queue(page)
    expect(page.locator("#fields input[data-doubtful]:focus")).to_have_count(1)  # the first doubtful field

    focus_field(page, "business_name")
    page.keyboard.press("Control+A")
    page.keyboard.type(NEW_NAME)
    page.keyboard.press("Enter")
    audit = page.locator("#audit-rows")
    expect(audit).to_contain_text(NEW_NAME)
    expect(page.locator('.frow[data-path="business_name"]')).to_have_class(re.compile("accepted"))
    accept_everything_doubtful(page)

    page.keyboard.press("Control+Enter")
    dialog = page.locator("#approve-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(re.compile("hộ kinh doanh"))
    page.keyboard.press("Enter")  # the confirm button has the focus
    expect(page.locator("#approved")).to_be_visible()  # on top of the next document, if there is one
    release_next(page, document_id)

    page.goto(f"/review/{document_id}")  # read-only now, with the audit trail
    audit = page.locator("#audit-rows")
    expect(audit).to_contain_text(NEW_NAME)
    assert "kiemtra1" in audit.inner_text() or DISPLAY["kiemtra1"] in audit.inner_text()
    expect(page.locator("#approve")).to_be_disabled()

    link = page.request.get(f"/api/review/{document_id}")
    assert link.ok and link.json()["document"]["status"] == "approved"
    planner = new_page("kehoach")
    if planner.request.get("/api/businesses").status == 404:
        pytest.skip("approved and audited; GET /api/businesses (register issue) is not on this server yet")
    planner.get_by_label("Tìm kiếm").fill("kiểm thử hoa mai")
    planner.keyboard.press("Enter")
    row = planner.locator("#register-rows tr[data-business-id]", has_text=NEW_NAME)
    expect(row).to_have_count(1)
    business_id = int(row.get_attribute("data-business-id") or 0)
    screenshot(planner, "register")
    planner.goto(f"/businesses/{business_id}")
    expect(planner.locator("#b-current")).to_contain_text(NEW_NAME)
    expect(planner.locator("#b-history li[data-version]")).to_have_count(1)
    two_people_save_the_same_business(new_page, business_id)


def two_people_save_the_same_business(new_page, business_id: int) -> None:  # type: ignore[no-untyped-def]
    """Both load version N and record an event: one wins, the other gets the Vietnamese 409; nothing lost."""
    pages = [new_page(name) for name in ("kiemtra1", "kiemtra2")]
    for page in pages:
        page.goto(f"/businesses/{business_id}")
        expect(page.locator("#event-form")).to_be_visible()
    for page, (kind, day) in zip(
        pages, [("suspension", "01/09/2026"), ("termination", "01/10/2026")], strict=True
    ):
        page.get_by_label("Sự kiện", exact=True).select_option(kind)
        page.get_by_label("Từ ngày", exact=True).fill(day)
        page.get_by_label("Ghi chú, số văn bản").fill(f"Thử {kind}")
    pages[0].get_by_role("button", name="Ghi sự kiện").click()
    expect(pages[0].locator("#b-banner")).to_contain_text("Đã ghi sự kiện.")
    pages[1].get_by_role("button", name="Ghi sự kiện").click()
    expect(pages[1].locator("#b-banner")).to_contain_text("đã được người khác cập nhật")
    pages[1].reload()
    expect(pages[1].locator("#b-status")).to_have_text("Tạm ngừng")  # the first save is there
    pages[1].get_by_label("Sự kiện", exact=True).select_option("termination")
    pages[1].get_by_label("Từ ngày", exact=True).fill("01/10/2026")
    pages[1].get_by_role("button", name="Ghi sự kiện").click()
    expect(pages[1].locator("#b-banner")).to_contain_text("Đã ghi sự kiện.")
    history = pages[1].request.get(f"/api/businesses/{business_id}/history").json()
    kinds = [e["kind"] for e in history["events"]]
    assert kinds == ["suspension", "termination"]
    pages[1].reload()
    expect(pages[1].locator("#b-history li[data-version]")).to_have_count(3)
    screenshot(pages[1], "business")


def test_second_reviewer_is_told_the_document_is_claimed(new_page, uploaded: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    first = new_page("kiemtra1")
    document_id = open_from_queue(first)
    second = new_page("kiemtra2")
    second.goto(f"/review/{document_id}")
    banner = second.locator("#banner")
    expect(banner).to_contain_text("đang được")
    expect(banner).to_contain_text(re.compile("kiemtra1|" + DISPLAY["kiemtra1"]))
    expect(second.locator("#approve")).to_be_disabled()
    assert second.locator("#fields input[data-path]").first.get_attribute("readonly") is not None
    first.get_by_role("button", name="Trả lại hàng đợi").click()
    first.wait_for_url("**/review")


def test_each_field_shows_its_evidence_in_words(new_page, uploaded: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    page = new_page("kiemtra1")
    open_from_queue(page)
    evidence = page.locator('.frow[data-path="registration_number"] .evidence')
    expect(evidence).to_contain_text("Căn cứ")
    expect(evidence.locator("[data-kind=words_confident]")).to_have_count(1)
    expect(evidence).to_contain_text(re.compile("chữ đọc rõ|chữ đọc chưa rõ"))
    page.get_by_role("button", name="Trả lại hàng đợi").click()
    page.wait_for_url("**/review")


def correct(page, path: str, value: str) -> None:  # type: ignore[no-untyped-def]
    focus_field(page, path)
    page.keyboard.press("Control+A")
    page.keyboard.type(value)
    page.keyboard.press("Enter")


def test_two_saves_of_the_same_document_one_conflict_no_update_lost(
    new_page, uploaded: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    """The same reviewer in two windows: the second save was based on an old revision → 409 in Vietnamese;
    after reloading, both corrections are kept (nothing silently overwritten)."""
    first = new_page("kiemtra2")
    document_id = open_from_queue(first)
    second = new_page("kiemtra2")
    second.goto(f"/review/{document_id}")
    expect(second.locator("#fields input[data-path]").first).to_be_visible()

    correct(first, "business_name", "TIỆM MAY CÔ BA")
    expect(first.locator("#audit-rows")).to_contain_text("TIỆM MAY CÔ BA")
    correct(second, "business_name", "TIỆM MAY CÔ BẢY")
    expect(second.locator("#banner")).to_contain_text("đã được thay đổi ở nơi khác")
    expect(second.locator("#audit-rows")).not_to_contain_text("TIỆM MAY CÔ BẢY")

    second.reload()
    expect(second.locator("#audit-rows")).to_contain_text("TIỆM MAY CÔ BA")
    correct(second, "business_name", "TIỆM MAY CÔ BẢY")
    audit = second.locator("#audit-rows")
    expect(audit).to_contain_text("TIỆM MAY CÔ BẢY")
    expect(audit).to_contain_text("TIỆM MAY CÔ BA")
    release_claim(second, document_id)


def release_next(page, decided: int) -> None:  # type: ignore[no-untyped-def]
    """After a decision the next document opens (and is claimed): give it back for the other tests."""
    match = re.search(r"/review/(\d+)$", page.url)
    if match and int(match.group(1)) != decided:
        release_claim(page, int(match.group(1)))


def test_reject_needs_a_reason_and_leaves_the_document_read_only(new_page, uploaded: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    page = new_page("kiemtra1")
    document_id = open_from_queue(page)
    page.get_by_role("button", name="Từ chối").click()
    dialog = page.locator("#reject-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Không phải giấy chứng nhận đăng ký hộ kinh doanh")).to_be_focused()
    dialog.get_by_label("Lý do khác (ghi rõ bên dưới)").check()
    dialog.get_by_role("button", name="Từ chối hồ sơ").click()  # "other" without words: no reason yet
    expect(dialog.get_by_label("Ghi chú thêm")).to_be_focused()
    dialog.get_by_label("Bản quét mờ, không đọc được; đề nghị quét lại").check()
    dialog.get_by_label("Ghi chú thêm").fill("mất góc trên")
    dialog.get_by_role("button", name="Từ chối hồ sơ").click()
    expect(page.locator("#banner")).to_contain_text(f"#{document_id} · Đã từ chối hồ sơ.")
    release_next(page, document_id)
    page.goto(f"/review/{document_id}")
    expect(page.locator("#approve")).to_be_disabled()
    view = page.request.get(f"/api/review/{document_id}").json()
    assert view["document"]["status"] == "rejected"


def test_rotate_a_page_and_rerun_ocr(new_page, uploaded: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    page = new_page("kiemtra1")
    document_id = open_from_queue(page)
    rotate = page.get_by_role("button", name="Xoay 90°")
    rotate.click()
    rotate.click()
    request_body: list[str] = []
    page.on("request", lambda r: request_body.append(r.post_data or "") if r.url.endswith("/rerun") else None)
    page.get_by_role("button", name="Nhận dạng lại").click()
    expect(page.locator("#banner")).to_contain_text("Đã gửi nhận dạng lại.")
    assert request_body == ['{"rotations":{"1":180}}']
    expect(page.locator("#banner")).to_contain_text("Xong", timeout=180_000)
    expect(page.locator("#fields input[data-path]").first).to_be_visible()
    view = page.request.get(f"/api/review/{document_id}").json()
    assert view["document"]["status"] == "processed"
    release_claim(page, document_id)


def test_autocomplete_offers_communes_and_vsic_codes_and_esc_reverts(
    new_page, uploaded: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    page = new_page("kiemtra1")
    document_id = open_from_queue(page)
    options = page.locator("#ac-list option")

    focus_field(page, "address")
    before = page.locator("#fields input[data-path='address']").input_value()
    page.keyboard.press("End")
    page.keyboard.type(", Phường Hải Ch")
    expect(options.first).to_have_attribute("value", re.compile("Hải Châu"))
    page.keyboard.press("Escape")
    assert page.locator("#fields input[data-path='address']").input_value() == before

    focus_field(page, "business_lines")
    page.keyboard.press("End")
    page.keyboard.type("; 4711")
    expect(options.first).to_have_attribute("value", re.compile(r"; 4711 – \w"))
    page.keyboard.press("Escape")
    release_claim(page, document_id)
