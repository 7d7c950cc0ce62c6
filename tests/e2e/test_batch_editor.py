"""A clerk uploads a scanned stack with its label, sees its pages grouped into certificates, moves one
boundary with the mouse and merges two documents with the keyboard; the review queue then holds the
corrected documents (and not the superseded ones), the review screen names the box the paper is in,
and the audit says who changed the split. The stack is small (3 certificates, 2 blank backs) so the
test takes seconds of OCR, not minutes."""

from __future__ import annotations

import json
import time
from pathlib import Path

import asyncpg
import pytest
from playwright.sync_api import expect

from samples.batch import BatchTruth, write_batch
from tests.e2e.conftest import OCR_TIMEOUT_MS, Server, run_async, screenshot

pytestmark = pytest.mark.e2e
SEED = 20261203  # pages: [1, 2] [3, (4 blank), 5] [6] (7 blank)
NAME = "hop-12-tan-phu.pdf"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BatchTruth]:
    out = tmp_path_factory.mktemp("stack")
    truth = write_batch(SEED, out, certificates=3, blanks=2, others=0, tier="clean", formats=("pdf",))
    path = out / NAME
    (out / "batch.pdf").rename(path)
    return path, truth


def split_of(page) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    sections = page.locator("#split .split-doc[data-pages]")
    return [(s.get_attribute("data-role") or "", s.get_attribute("data-pages") or "") for s in sections.all()]


def audit_of(server: Server, entity: str, ids: list[int]) -> list[tuple[str, str | None, dict]]:
    rows: list[tuple[str, str | None, dict]] = []

    async def fetch() -> None:
        conn = await asyncpg.connect(server.database_url)
        try:
            for r in await conn.fetch(
                "select a.action, u.username, a.detail from audit_log a left join users u on u.id = a.actor_id"
                " where a.entity = $1 and a.entity_id = any($2::text[]) order by a.id",
                entity,
                [str(i) for i in ids],
            ):
                rows.append((r["action"], r["username"], json.loads(r["detail"])))
        finally:
            await conn.close()

    run_async(fetch)
    return rows


def reject_all(page, document_ids: list[int]) -> None:  # type: ignore[no-untyped-def]
    csrf = {"X-CSRF-Token": page.locator('meta[name="csrf-token"]').get_attribute("content") or ""}
    for document_id in document_ids:
        assert page.request.post(f"/api/review/{document_id}/claim", headers=csrf).ok
        revision = page.request.get(f"/api/review/{document_id}").json()["revision"]
        done = page.request.post(f"/api/review/{document_id}/reject", headers=csrf,
                                 data={"reason": "kiểm thử lô", "revision": revision})  # fmt: skip
        assert done.ok, done.text()


def test_clerk_corrects_a_split_and_the_queue_holds_the_corrected_documents(
    new_page, hkd_server: Server, stack: tuple[Path, BatchTruth]
) -> None:  # type: ignore[no-untyped-def]
    path, truth = stack
    assert [d.pages for d in truth.documents] == [[1, 2], [3, 5], [6]]
    page = new_page("vanthu")
    page.goto("/upload")
    page.set_input_files("#stack-file", str(path))
    page.locator("#stack-box").fill("Hộp 12")
    page.locator("#stack-commune").fill("Xã Tân Phú")
    page.locator("#stack-scanned-on").fill("01/12/2026")
    page.locator("#stack-submit").click()
    page.wait_for_url("**/batches/*")
    batch_id = int(page.url.rsplit("/", 1)[-1])
    expect(page.locator("#batch-label")).to_contain_text("Hộp 12")
    expect(page.locator("#batch-label")).to_contain_text("Xã Tân Phú")
    expect(page.locator("#batch-status")).to_have_text("Đã tách xong", timeout=OCR_TIMEOUT_MS)
    assert split_of(page) == [("certificate", "1,2"), ("certificate", "3,5"), ("certificate", "6")]
    expect(page.locator("#blanks .split-page")).to_have_count(2)
    expect(page.locator("#split img").first).to_have_js_property("complete", True)
    screenshot(page, "batch-editor")

    # The mouse: the boundary before document 2 moves one page earlier (page 2 starts it).
    page.locator("#doc-1 [data-action=earlier]").click()
    expect(page.locator("#batch-message")).to_have_text(page.evaluate("HKD.t('batch.saved')"))
    assert split_of(page) == [("certificate", "1"), ("certificate", "2,3,5"), ("certificate", "6")]
    # The keyboard: from page 5, → to page 6, "j" joins it to the document before (a merge).
    page.locator('[data-page="5"]').focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator('[data-page="6"]')).to_be_focused()
    page.keyboard.press("j")
    expect(page.locator("#split .split-doc[data-pages]")).to_have_count(2)
    assert split_of(page) == [("certificate", "1"), ("certificate", "2,3,5,6")]
    expect(page.locator('[data-page="6"]')).to_be_focused()  # the focus stays where the clerk was
    expect(page.locator('[data-page="6"]')).to_have_class("split-page overridden")

    # The review queue holds the two corrected documents once they are read, and none of the others.
    reviewer = new_page("kiemtra1")
    names = {f"{NAME} tr.1-1", f"{NAME} tr.2-6"}

    def batch_items() -> list[dict]:
        items = reviewer.request.get("/api/review/queue?limit=200").json()["items"]
        return [i for i in items if i["original_name"].startswith(NAME)]

    def read() -> bool:
        view = page.request.get(f"/api/batches/{batch_id}").json()
        return all(c["document_status"] not in ("queued", "processing") for c in view["children"])

    deadline = time.monotonic() + OCR_TIMEOUT_MS / 1000
    while not read():
        assert time.monotonic() < deadline, page.request.get(f"/api/batches/{batch_id}").text()
        time.sleep(2)
    reviewer.goto("/review")
    rows = reviewer.locator("#queue-rows tr[data-document-id]", has_text=NAME)
    expect(rows).to_have_count(2), (page.request.get(f"/api/batches/{batch_id}").text(), batch_items())
    queued = batch_items()
    assert {i["original_name"] for i in queued} == names
    view = page.request.get(f"/api/batches/{batch_id}").json()
    assert sorted(c["document_id"] for c in view["children"]) == sorted(i["document_id"] for i in queued)

    # The review screen says where the paper is: the batch, its box and commune, the pages.
    merged = next(i["document_id"] for i in queued if i["original_name"].endswith("tr.2-6"))
    reviewer.goto(f"/review/{merged}")
    origin = reviewer.locator("#batch-origin")
    expect(origin).to_contain_text("Hộp 12")
    expect(origin).to_contain_text("Xã Tân Phú")
    expect(origin).to_contain_text("2, 3, 5, 6")
    expect(origin.get_by_role("link")).to_have_attribute("href", f"/batches/{batch_id}")
    reject_all(reviewer, [i["document_id"] for i in queued])  # the other tests' queue stays theirs

    # The audit: who uploaded, who changed the split (twice), and the splits that followed.
    audit = audit_of(hkd_server, "batch", [batch_id])
    actions = [(a, who) for a, who, _ in audit]
    assert actions[0] == ("batch.upload", "vanthu")
    assert actions.count(("batch.edit", "vanthu")) == 2
    assert [who for a, who in actions if a == "batch.split"] == [None, "vanthu", "vanthu"]
    edits = [d for a, _, d in audit if a == "batch.edit"]
    assert edits == [{"overrides": {"2": "certificate_first", "3": "continuation"}},
                     {"overrides": {"6": "continuation"}}]  # fmt: skip
    assert all(d["label"]["box"] == "Hộp 12" for a, _, d in audit if a in ("batch.upload", "batch.split"))
    # Each review action on a document of the batch says in the audit where its paper is.
    rejected = [
        d
        for a, _, d in audit_of(hkd_server, "document", [i["document_id"] for i in queued])
        if a == "review.reject"
    ]
    assert sorted(tuple(d["batch"]["pages"]) for d in rejected) == [(1,), (2, 3, 5, 6)]
    assert all(d["batch"]["box"] == "Hộp 12" and d["batch"]["batch_id"] == batch_id for d in rejected)


def test_a_stack_dropped_on_the_ordinary_upload_becomes_a_batch(new_page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """More pages than HKD_BATCH_FROM_PAGES (10): the row says it is a batch and links to its split."""
    from tests import files

    stack = tmp_path / "hop-khong-danh-dau.pdf"
    stack.write_bytes(files.make_pdf(12))
    page = new_page("vanthu")
    page.goto("/upload")
    page.set_input_files("#file-input", str(stack))
    row = page.locator(f'#upload-rows tr[data-file="{stack.name}"]')
    expect(row).to_have_attribute("data-step", "done")
    expect(row).to_contain_text("Là một lô")
    link = row.get_by_role("link")
    batch_id = int(row.get_attribute("data-batch-id") or 0)
    assert batch_id and row.get_attribute("data-document-id") is None
    expect(link).to_have_attribute("href", f"/batches/{batch_id}")
    link.click()
    page.wait_for_url(f"**/batches/{batch_id}")
    expect(page.locator("#batch-status")).to_have_text(
        "Lô chỉ có trang trắng: không tạo hồ sơ nào", timeout=OCR_TIMEOUT_MS
    )
