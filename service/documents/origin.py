"""Where a document's paper is, when it was split from a scanned stack: the batch, its label (box or
folder, commune, who scanned it and when) and the document's pages in it. The review screen shows it
and every review action's audit row carries it, so a reviewer can find the sheet in the box."""

from __future__ import annotations

import datetime as dt

import msgspec

from service.db import Executor

SELECT_ORIGIN = """
select b.id, b.original_name, b.label, d.batch_pages
from documents d join batches b on b.id = d.batch_id where d.id = $1
"""


class BatchOrigin(msgspec.Struct, frozen=True):
    batch_id: int
    file_name: str
    box: str
    commune: str
    scanned_by: str
    scanned_on: dt.date | None
    pages: list[int]


async def batch_origin(db: Executor, document_id: int) -> BatchOrigin | None:
    """None for a document uploaded on its own."""
    row = await db.fetchrow(SELECT_ORIGIN, document_id)
    if row is None:
        return None
    label = row["label"] or {}
    scanned_on = label.get("scanned_on")
    return BatchOrigin(
        row["id"],
        row["original_name"],
        label.get("box", ""),
        label.get("commune", ""),
        label.get("scanned_by", ""),
        dt.date.fromisoformat(scanned_on) if scanned_on else None,
        list(row["batch_pages"] or []),
    )
