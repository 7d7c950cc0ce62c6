"""Logs never contain ID numbers or birth dates (Decree 13/2023): a whole workflow, every log record read."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import msgspec
import pytest

from schemas.record import Record
from service.worker import run_worker

FIXED = Path(__file__).parents[2] / "samples" / "fixed"


def personal_strings(record: Record) -> set[str]:
    found = set()
    people = [record.owner, *record.members]
    for person in people:
        if person.id_number:
            found.add(person.id_number)
        if person.birth_date:
            d = person.birth_date
            found |= {d.isoformat(), f"{d.day:02d}/{d.month:02d}/{d.year}", f"{d.day}/{d.month}/{d.year}"}
    return found


@pytest.mark.ocr
async def test_upload_ocr_and_review_log_no_personal_data(api_client, db_settings, caplog) -> None:  # type: ignore[no-untyped-def]
    sample = FIXED / "02_2025_clean.jpg"
    truth = msgspec.json.decode((FIXED / "02_2025_clean.truth.json").read_bytes(), type=Record)
    secrets = personal_strings(truth)
    assert secrets, "the sample must carry an ID number and a birth date"
    caplog.set_level(logging.DEBUG)
    clerk = await api_client(role="clerk")
    reviewer = await api_client(role="reviewer")
    up = await clerk.post("/api/documents", files={"file": (sample.name, sample.read_bytes(), "image/jpeg")})
    assert up.status_code == 201
    doc_id = up.json()["documents"][0]["id"]
    stop = asyncio.Event()
    task = asyncio.create_task(run_worker(db_settings, db_settings.database_url, stop))
    try:
        for _ in range(600):
            job = (await clerk.get(f"/api/documents/{doc_id}")).json()["job"]
            if job["status"] in ("succeeded", "failed", "dead"):
                break
            await asyncio.sleep(0.1)
    finally:
        stop.set()
        await asyncio.wait_for(task, 60)
    assert job["status"] == "succeeded", job
    extraction = (await reviewer.get(f"/api/documents/{doc_id}/extraction")).json()
    assert extraction["record"]["owner"]["id_number"] == truth.owner.id_number  # the data is there …
    logged = "\n".join(f"{r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert len(caplog.records) > 5
    leaked = [s for s in secrets if s in logged]
    assert leaked == []  # … but not in the logs
