"""`hkd`: serve, worker, migrate, import, extract — every command reads its settings from the environment.

Data directory (embedded database, local blobs): `HKD_DATA_DIR`, default `./var`.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import msgspec

from service.settings import ENV_VARS, Settings, SettingsError, load_settings

log = logging.getLogger("hkd")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings(host=getattr(args, "host", None), port=getattr(args, "port", None))
    except SettingsError as exc:
        print(f"hkd: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    handler: Callable[[Settings, argparse.Namespace], int] = args.handler
    try:
        return handler(settings, args)
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    env_help = "\n".join(f"  {var:<26} {text}" for var, text in ENV_VARS.values())
    parser = argparse.ArgumentParser(
        prog="hkd",
        description="HKD Register: số hoá Giấy chứng nhận đăng ký hộ kinh doanh.",
        epilog=f"environment:\n{env_help}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", help="start the web service and OCR workers")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.set_defaults(handler=_cmd_serve)

    worker = sub.add_parser("worker", help="run an OCR worker (for extra machines)")
    worker.set_defaults(handler=_cmd_worker)

    migrate = sub.add_parser("migrate", help="apply database migrations")
    migrate.add_argument("--check", action="store_true", help="only list pending migrations (exit 1 if any)")
    migrate.set_defaults(handler=_cmd_migrate)

    imp = sub.add_parser("import", help="upload every scan in a folder (recursively)")
    imp.add_argument("directory", type=Path)
    imp.set_defaults(handler=_cmd_import)

    extract = sub.add_parser("extract", help="read certificates locally, without a database")
    extract.add_argument("files", nargs="+", type=Path)
    extract.add_argument("--json", action="store_true", help="JSON Lines output (the record contract)")
    extract.set_defaults(handler=_cmd_extract)
    return parser


def _run(coro: Coroutine[Any, Any, int]) -> int:
    return asyncio.run(coro)


def _cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    from service.serve import serve

    return _run(serve(settings))


def _cmd_worker(settings: Settings, args: argparse.Namespace) -> int:
    from service.db import database_url_for
    from service.worker import run_worker

    async def go() -> int:
        async with database_url_for(settings) as url:
            await _migrate(url)
            await run_worker(settings, url)
        return 0

    return _run(go())


def _cmd_migrate(settings: Settings, args: argparse.Namespace) -> int:
    import asyncpg

    from service.db import database_url_for
    from service.migrate import pending_migrations

    async def go() -> int:
        async with database_url_for(settings) as url:
            if args.check:
                conn = await asyncpg.connect(url)
                try:
                    pending = await pending_migrations(conn)
                finally:
                    await conn.close()
                print("\n".join(pending) if pending else "up to date")
                return 1 if pending else 0
            applied = await _migrate(url)
            print("\n".join(f"applied {name}" for name in applied) if applied else "up to date")
        return 0

    return _run(go())


async def _migrate(url: str) -> list[str]:
    import asyncpg

    from service.migrate import apply_migrations

    conn = await asyncpg.connect(url)
    try:
        return await apply_migrations(conn)
    finally:
        await conn.close()


def _cmd_import(settings: Settings, args: argparse.Namespace) -> int:
    from service.importer import import_directory

    if not args.directory.is_dir():
        print(f"hkd import: {args.directory} is not a folder", file=sys.stderr)
        return 2

    async def go() -> int:
        from service.db import database_url_for

        async with database_url_for(settings) as url:
            await _migrate(url)
            summary = await import_directory(settings, url, args.directory)
        print(summary.render(), file=sys.stdout)
        return 0 if not summary.rejected else 1

    return _run(go())


def _cmd_extract(settings: Settings, args: argparse.Namespace) -> int:
    from ocr.errors import InputError
    from ocr.pipeline import run_document

    status = 0
    for path in args.files:
        try:
            result = run_document(path.read_bytes(), path.name, timeout_s=settings.ocr_timeout_seconds)
        except (OSError, InputError) as exc:
            detail = getattr(exc, "detail", str(exc))
            print(f"hkd extract: {path}: {detail}", file=sys.stderr)
            status = 1
            continue
        if args.json:
            sys.stdout.write(msgspec.json.encode(result.extraction).decode() + "\n")
        else:
            rec = result.extraction.record
            print(f"{path}: {result.extraction.layout} {rec.registration_number or '-'} {rec.business_name or '-'}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
