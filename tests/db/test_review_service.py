"""Review service functions on a real database: claim races, append-only corrections, rotations the
OCR worker honours on a re-run."""

from __future__ import annotations

import asyncio
import io

import asyncpg
import pytest
from PIL import Image

from service.documents.rotation import rotate_pages
from service.errors import ConflictError
from service.review.claims import add_correction, claim_document
from service.review.decisions import approve_document, preview_approval, rerun_ocr
from service.users import Role, create_user
from tests.api.test_review_api import insert_document, make_extraction


async def reviewers(pool: asyncpg.Pool, n: int) -> list:  # type: ignore[type-arg]
    return [await create_user(pool, f"rv{i}", Role.REVIEWER, None, f"Người kiểm tra {i}") for i in range(n)]


async def test_concurrent_claims_have_one_winner_every_time(pool) -> None:  # type: ignore[no-untyped-def]
    users = await reviewers(pool, 4)
    for round_ in range(5):
        doc_id = await insert_document(pool, make_extraction(), name=f"race{round_}.jpg")
        results = await asyncio.gather(
            *(claim_document(pool, doc_id, u) for u in users), return_exceptions=True
        )
        wins = [r for r in results if not isinstance(r, BaseException)]
        losses = [r for r in results if isinstance(r, ConflictError)]
        assert len(wins) == 1 and len(losses) == 3, results
        assert all(e.extra["claimed_by"] == wins[0].claimed_by for e in losses)
        holder = await pool.fetchval("select claimed_by from review_states where document_id = $1", doc_id)
        assert holder == next(u.id for u in users if u.display_name == wins[0].claimed_by)


async def test_corrections_cannot_be_rewritten(pool) -> None:  # type: ignore[no-untyped-def]
    [user] = await reviewers(pool, 1)
    doc_id = await insert_document(pool, make_extraction())
    await claim_document(pool, doc_id, user)
    await add_correction(pool, doc_id, user, "business_name", "CỬA HÀNG HOA", 0)
    with pytest.raises(asyncpg.RaiseError, match="append-only"):
        await pool.execute("update review_corrections set corrected_value = '\"X\"'")
    assert await pool.fetchval("select corrected_value from review_corrections") == "CỬA HÀNG HOA"


def _marked_page(width: int, height: int) -> Image.Image:
    page = Image.new("RGB", (width, height), (255, 255, 255))
    page.paste((255, 0, 0), (0, 0, 20, 20))  # a red square in the top-left corner
    return page


def test_rotate_pages_turns_clockwise_page_by_page() -> None:
    buf = io.BytesIO()
    first, second = _marked_page(300, 400), _marked_page(300, 400)
    first.save(buf, "TIFF", save_all=True, append_images=[second])
    turned = Image.open(io.BytesIO(rotate_pages(buf.getvalue(), {"1": 90})))
    assert turned.n_frames == 2
    assert turned.size == (400, 300)
    assert turned.convert("RGB").getpixel((395, 5)) == (255, 0, 0)  # top-left went to top-right
    turned.seek(1)
    assert turned.size == (300, 400)
    assert turned.convert("RGB").getpixel((5, 5)) == (255, 0, 0)


async def test_rerun_job_reads_the_turned_pages(pool, db_settings) -> None:  # type: ignore[no-untyped-def]
    from service.documents.uploads import accept_upload
    from service.runtime.storage import BlobStore
    from service.worker import run_worker

    blobs = BlobStore.open(db_settings.storage_url, db_settings.blob_dir)
    buf = io.BytesIO()
    Image.new("RGB", (900, 1300), (250, 248, 235)).save(buf, "JPEG", quality=90)
    view = await accept_upload(pool, blobs, buf.getvalue(), "blank.jpg", db_settings.upload_limits)

    async def run_jobs() -> None:
        stop = asyncio.Event()
        task = asyncio.create_task(run_worker(db_settings, db_settings.database_url, stop))
        try:
            for _ in range(300):
                status = await pool.fetchval("select status from documents where id = $1", view.id)
                if status == "not_certificate":  # a blank page is read, and kept out of the queue
                    break
                await asyncio.sleep(0.1)
        finally:
            stop.set()
            await asyncio.wait_for(task, 30)

    await run_jobs()
    width, height = await pool.fetchrow("select width, height from pages where document_id = $1", view.id)
    assert height > width
    [user] = await reviewers(pool, 1)
    await claim_document(pool, view.id, user)
    job = await rerun_ocr(pool, view.id, user, {"1": 90}, max_attempts=1)
    await run_jobs()
    assert await pool.fetchval("select status from jobs where id = $1", job.id) == "succeeded"
    width, height = await pool.fetchrow("select width, height from pages where document_id = $1", view.id)
    assert width > height
    assert await pool.fetchval("select count(*) from extractions where document_id = $1", view.id) == 2


def failing_register(fail: bool):  # type: ignore[no-untyped-def]
    """The real register, then (optionally) a failure after it wrote: proves the transaction boundary."""
    from service.register import apply_extraction

    async def apply_then_fail(conn, extraction, **kwargs):  # type: ignore[no-untyped-def]
        result = await apply_extraction(conn, extraction, **kwargs)
        if fail:
            raise ConflictError("the business changed meanwhile")
        return result

    return apply_then_fail


@pytest.mark.parametrize("fail", [False, True])
async def test_approve_and_register_commit_together(pool, monkeypatch, fail: bool) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("service.review.decisions.apply_extraction", failing_register(fail))
    [user] = await reviewers(pool, 1)
    doc_id = await insert_document(pool, make_extraction(needs_review=()))
    await claim_document(pool, doc_id, user)
    preview = await preview_approval(pool, doc_id)
    assert (preview.action, preview.business_id) == ("create_business", None)
    assert preview.diff and "business_name" in str(preview.diff)
    if fail:
        with pytest.raises(ConflictError):
            await approve_document(pool, doc_id, user, 0, business_id=None)
    else:
        approval = await approve_document(pool, doc_id, user, 0, business_id=None)
        assert approval.action == "create_business" and approval.business_id and approval.version_id
    status = await pool.fetchval("select status from documents where id = $1", doc_id)
    versions = await pool.fetchval("select count(*) from business_versions where document_id = $1", doc_id)
    stored = await pool.fetchval("select count(*) from approved_records where document_id = $1", doc_id)
    assert (status, versions, stored) == (("in_review", 0, 0) if fail else ("approved", 1, 1))
