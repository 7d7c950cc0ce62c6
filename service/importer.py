"""`hkd import DIR`: upload a folder of scans through the same path as the API (accept_upload).

Prints a progress line while it works and a summary at the end: new, duplicate, rejected with reasons.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

import msgspec

from service.db import create_pool
from service.documents import accept_upload
from service.errors import UploadRejectedError
from service.settings import Settings
from service.storage import BlobStore


class ImportSummary(msgspec.Struct):
    new: list[str] = msgspec.field(default_factory=list)
    duplicate: list[str] = msgspec.field(default_factory=list)
    rejected: list[tuple[str, str]] = msgspec.field(default_factory=list)  # (file, reason)

    def render(self) -> str:
        lines = [
            f"Mới / new: {len(self.new)}",
            f"Trùng / duplicate: {len(self.duplicate)}",
            f"Bị từ chối / rejected: {len(self.rejected)}",
        ]
        lines += [f"  ✗ {name}: {reason}" for name, reason in self.rejected]
        return "\n".join(lines)


def list_files(directory: Path) -> list[Path]:
    """Every regular file below `directory` (hidden files skipped), in a stable order."""
    return sorted(
        p for p in directory.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.parts)
    )


async def import_directory(
    settings: Settings, database_url: str, directory: Path, out: TextIO = sys.stderr
) -> ImportSummary:
    files = list_files(directory)
    summary = ImportSummary()
    pool = await create_pool(database_url, settings, max_size=2)
    blobs = BlobStore.open(settings.storage_url, settings.blob_dir)
    try:
        for index, path in enumerate(files, start=1):
            name = str(path.relative_to(directory))
            try:
                size = path.stat().st_size
                if size > settings.max_upload_bytes:
                    summary.rejected.append((name, f"quá lớn / too large ({size} bytes)"))
                    continue
                view = await accept_upload(
                    pool,
                    blobs,
                    path.read_bytes(),
                    path.name,
                    settings.upload_limits,
                    max_attempts=settings.job_attempts,
                )
                (summary.duplicate if view.duplicate else summary.new).append(name)
            except UploadRejectedError as exc:
                summary.rejected.append((name, f"{exc.message_vi} ({exc.code})"))
            except OSError as exc:
                summary.rejected.append((name, f"không đọc được / unreadable: {exc.strerror}"))
            finally:
                _progress(out, index, len(files))
    finally:
        await pool.close()
    if files:
        out.write("\n")
    return summary


def _progress(out: TextIO, done: int, total: int, width: int = 30) -> None:
    filled = width * done // max(total, 1)
    out.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    out.flush()
