"""`hkd import DIR`: upload a folder of scans through the same path as the API (accept_upload).

Prints a progress line while it works and a summary at the end: new, duplicate, rejected with reasons.
"""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TextIO

import msgspec

from service.documents.uploads import accept_upload
from service.errors import UploadRejectedError
from service.i18n.messages import text
from service.runtime import Runtime

Divert = Callable[[Path, bytes], Awaitable[str | None]]
"""Takes a file another way (a scanned stack becomes a batch) and says what became of it, or None."""


class ImportSummary(msgspec.Struct):
    new: list[str] = msgspec.field(default_factory=list)
    batches: list[str] = msgspec.field(default_factory=list)  # "file: what became of it"
    duplicate: list[str] = msgspec.field(default_factory=list)
    rejected: list[tuple[str, str]] = msgspec.field(default_factory=list)  # (file, reason)

    def render(self) -> str:
        lines = [
            text("import.new", count=len(self.new)),
            text("import.duplicate", count=len(self.duplicate)),
            text("import.rejected", count=len(self.rejected)),
        ]
        lines += [f"  ▤ {line}" for line in self.batches]
        lines += [f"  ✗ {name}: {reason}" for name, reason in self.rejected]
        return "\n".join(lines)


def list_files(directory: Path) -> list[Path]:
    """Every regular file below `directory` (hidden files skipped), in a stable order."""
    return sorted(
        p for p in directory.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.parts)
    )


async def import_directory(
    runtime: Runtime, directory: Path, out: TextIO = sys.stderr, *, divert: Divert | None = None
) -> ImportSummary:
    settings = runtime.settings
    files = list_files(directory)
    summary = ImportSummary()
    for index, path in enumerate(files, start=1):
        name = str(path.relative_to(directory))
        try:
            size = path.stat().st_size
            if size > (
                max(settings.max_upload_bytes, settings.batch_max_bytes)
                if divert
                else settings.max_upload_bytes
            ):
                summary.rejected.append((name, text("import.too_large", size=size)))
                continue
            data = path.read_bytes()
            if divert is not None and (diverted := await divert(path, data)) is not None:
                summary.batches.append(f"{name}: {diverted}")
                continue
            view = await accept_upload(
                runtime.pool,
                runtime.blobs,
                data,
                path.name,
                settings.upload_limits,
                max_attempts=settings.job_attempts,
            )
            (summary.duplicate if view.duplicate else summary.new).append(name)
        except UploadRejectedError as exc:
            summary.rejected.append((name, f"{exc.message_vi} ({exc.code})"))
        except OSError as exc:
            summary.rejected.append((name, text("import.unreadable", reason=exc.strerror)))
        finally:
            _progress(out, index, len(files))
    if files:
        out.write("\n")
    return summary


def _progress(out: TextIO, done: int, total: int, width: int = 30) -> None:
    filled = width * done // max(total, 1)
    out.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    out.flush()
