"""An uploaded file copied to a temporary file in chunks, its size checked while it is copied: a batch
of hundreds of megabytes never sits in memory, and one above the limit is refused (413) as soon as it
passes it, before anything is stored."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Protocol

from ocr.errors import TooLargeError
from service.errors import UploadRejectedError

CHUNK = 1024 * 1024


class ChunkedUpload(Protocol):
    async def read(self, size: int = -1) -> bytes: ...


@contextlib.asynccontextmanager
async def spooled(upload: ChunkedUpload, max_bytes: int, file_name: str) -> AsyncIterator[Path]:
    """The upload as a temporary file (deleted afterwards); UploadRejectedError once it passes
    `max_bytes`."""
    fd, name = tempfile.mkstemp(prefix="hkd-upload-")
    path = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            size = 0
            while chunk := await upload.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise UploadRejectedError(TooLargeError(f"more than {max_bytes} bytes"), file_name)
                await asyncio.to_thread(out.write, chunk)
        yield path
    finally:
        await asyncio.to_thread(path.unlink, missing_ok=True)


def file_sha256(path: Path) -> str:
    """The file's SHA-256, read in chunks (call it in a thread)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
