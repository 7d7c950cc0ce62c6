"""`hkd`: serve, worker, migrate, import, user, token, refdata, doctor, export, extract.

The `user` and `token` commands are in service.cli_accounts.

Every command reads its settings from the environment once (service.runtime.settings) and gets its
database, storage and reference data from the composition root (`open_runtime`). Only `serve` and
`migrate` change the schema; the others refuse to run on a database with pending migrations.
Data directory (embedded database, local blobs): `HKD_DATA_DIR`, default `./var`.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import msgspec

from service.cli_accounts import add_account_commands
from service.errors import AppError
from service.i18n import local_today
from service.i18n.messages import text
from service.personal_data import configure_logging
from service.runtime import Purpose, Runtime, open_runtime
from service.runtime.settings import ENV_VARS, Settings, describe_setting, load_settings

Command = Callable[[Runtime, argparse.Namespace], Awaitable[int]]


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings(host=getattr(args, "host", None), port=getattr(args, "port", None))
        configure_logging(settings.log_level)
        handler: Callable[[Settings, argparse.Namespace], int] = args.handler
        return handler(settings, args)
    except AppError as exc:  # a refusal we can explain (settings, pending migrations, …): no traceback
        print(f"hkd: {exc.message_vi} ({exc.detail})", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    env_help = "\n".join(f"  {var:<26} {describe_setting(field)}" for field, (var, _) in ENV_VARS.items())
    parser = argparse.ArgumentParser(
        prog="hkd",
        description=text("cli.description"),
        epilog=f"environment:\n{env_help}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", help="start the web service and OCR workers")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.set_defaults(handler=_cmd_serve)

    worker = sub.add_parser("worker", help="run an OCR worker (for extra machines)")
    worker.add_argument("--parent-pid", type=int, help=argparse.SUPPRESS)  # `serve`'s: die with it
    worker.set_defaults(handler=_cmd_worker)

    migrate = sub.add_parser("migrate", help="apply database migrations")
    migrate.add_argument("--check", action="store_true", help="only list pending migrations (exit 1 if any)")
    migrate.set_defaults(handler=_with_runtime(Purpose.MIGRATE, _migrate))

    imp = sub.add_parser("import", help="upload every scan in a folder (recursively), or one scanned stack")
    imp.add_argument("directory", type=Path, help="a folder, or with --batch one PDF/TIFF file")
    imp.add_argument(
        "--batch", action="store_true", help="the file is a scanned stack: split it into documents"
    )
    imp.add_argument("--box", default="", help="batch label: box or folder number")
    imp.add_argument("--commune", default="", help="batch label: commune")
    imp.add_argument("--scanned-by", default="", help="batch label: who scanned it")
    imp.add_argument("--scanned-on", type=_date, default=None, help="batch label: when (dd/mm/yyyy)")
    imp.add_argument("--wait", action="store_true", help="print the batch's progress until it is read")
    imp.set_defaults(handler=_cmd_import)

    add_account_commands(sub, _with_runtime)

    refdata = sub.add_parser("refdata", help="reference data (administrative units, VSIC, ID prefixes)")
    refdata_sub = refdata.add_subparsers(required=True, metavar="ACTION")
    refdata_handler = _with_runtime(Purpose.COMMAND, _refdata)
    refdata_sub.add_parser("status", help="versions and row counts").set_defaults(
        handler=refdata_handler, load=False
    )
    refdata_sub.add_parser("load", help="(re)load from the package").set_defaults(
        handler=refdata_handler, load=True
    )

    doctor = sub.add_parser("doctor", help="check that storage, documents, jobs and the queue agree")
    doctor.add_argument("--repair", action="store_true", help="delete old orphan blobs, re-queue lost jobs")
    doctor.set_defaults(handler=_with_runtime(Purpose.COMMAND, _doctor))

    export = sub.add_parser("export", help="export the register (as of a date, filtered) to xlsx or csv")
    export.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    export.add_argument("--out", type=Path, required=True)
    for name in ("province", "commune", "status", "section"):
        export.add_argument(f"--{name}")
    for name in ("registered-from", "registered-to", "as-of", "changed-since"):
        export.add_argument(f"--{name}", type=dt.date.fromisoformat)
    export.add_argument("--personal-data", choices=["masked", "full"], default="masked")
    export.set_defaults(handler=_with_runtime(Purpose.COMMAND, _export))

    extract = sub.add_parser("extract", help="read certificates locally, without a database")
    extract.add_argument("files", nargs="+", type=Path)
    extract.add_argument("--json", action="store_true", help="JSON Lines output (the record contract)")
    extract.set_defaults(handler=_cmd_extract)
    return parser


def _with_runtime(purpose: Purpose, command: Command) -> Callable[[Settings, argparse.Namespace], int]:
    """A command run inside `open_runtime(settings, purpose)`: the one open/check/close frame."""

    def handler(settings: Settings, args: argparse.Namespace) -> int:
        async def go() -> int:
            async with open_runtime(settings, purpose) as runtime:
                return await command(runtime, args)

        return asyncio.run(go())

    return handler


def _cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    from service.serve import serve

    return asyncio.run(serve(settings))


def _cmd_worker(settings: Settings, args: argparse.Namespace) -> int:
    import logging
    import os

    from service.db import database_url_for
    from service.parent_death import die_with_parent
    from service.worker import StopTimeoutError, run_worker

    if args.parent_pid is not None and not die_with_parent(args.parent_pid):
        return 0  # started by `serve`, which is already gone

    async def go() -> int:
        try:
            async with database_url_for(settings) as url:  # the worker opens its own runtime
                await run_worker(settings, url)
        except StopTimeoutError:  # exit now, as if killed: the running job is re-picked after its lease
            logging.shutdown()
            os._exit(0)
        return 0

    return asyncio.run(go())


async def _migrate(runtime: Runtime, args: argparse.Namespace) -> int:
    from service.db.migrate import pending_migrations

    if args.check:
        async with runtime.pool.acquire() as conn:
            pending = await pending_migrations(conn)
        print("\n".join(pending) if pending else "up to date")
        return 1 if pending else 0
    applied = await runtime.migrate()
    print("\n".join(f"applied {name}" for name in applied) if applied else "up to date")
    return 0


async def _import(runtime: Runtime, args: argparse.Namespace) -> int:
    from service.batches.diversion import is_batch_sized
    from service.batches.importer import follow_batch, import_batch
    from service.batches.model import BatchLabel
    from service.documents.importer import import_directory

    label = BatchLabel(args.box, args.commune, args.scanned_by, args.scanned_on)
    if args.batch:
        try:
            # the file itself, read in chunks where needed: a stack of hundreds of MB is never in memory
            result = await import_batch(runtime, args.directory, args.directory.name, label)
        except AppError as exc:
            print(f"hkd import: {exc.message_vi} ({exc.detail})", file=sys.stderr)
            return 1
        key = "batch.duplicate" if result.duplicate else "batch.new"
        print(text(key, id=result.batch.id, pages=result.batch.page_count))
        return await follow_batch(runtime, result.batch.id, wait=args.wait)

    async def divert(path: Path, data: bytes) -> str | None:
        if not is_batch_sized(data, runtime.settings.batch_from_pages):
            return None
        result = await import_batch(runtime, data, path.name, label)
        return text(
            "batch.duplicate" if result.duplicate else "batch.new",
            id=result.batch.id,
            pages=result.batch.page_count,
        )

    summary = await import_directory(runtime, args.directory, divert=divert)
    print(summary.render(), file=sys.stdout)
    return 0 if not summary.rejected else 1


def _date(value: str) -> dt.date:
    try:
        return dt.datetime.strptime(value, "%d/%m/%Y").date()
    except ValueError as exc:
        raise argparse.ArgumentTypeError("dd/mm/yyyy") from exc


def _cmd_import(settings: Settings, args: argparse.Namespace) -> int:
    if args.batch:
        if not args.directory.is_file():
            print(f"hkd import: {args.directory} is not a file", file=sys.stderr)
            return 2
        return _with_runtime(Purpose.COMMAND, _import)(settings, args)
    if not args.directory.is_dir():
        print(f"hkd import: {args.directory} is not a folder", file=sys.stderr)
        return 2
    return _with_runtime(Purpose.COMMAND, _import)(settings, args)


async def _refdata(runtime: Runtime, args: argparse.Namespace) -> int:
    """`status`: counts, file versions, exit 1 if missing or outdated; `load`: (re)load every table."""
    from service.db.refdata import get_refdata_status, load_reference_data

    async with runtime.pool.acquire() as conn:
        status = await (load_reference_data(conn) if args.load else get_refdata_status(conn))
    print(status.render())
    return 0 if status.is_current or args.load else 1


async def _doctor(runtime: Runtime, args: argparse.Namespace) -> int:
    from service.doctor import examine

    report = await examine(
        runtime.pool, runtime.blobs, repair=args.repair, max_attempts=runtime.settings.job_attempts
    )
    print(report.render())
    return 0 if report.healthy or args.repair else 1


async def _export(runtime: Runtime, args: argparse.Namespace) -> int:
    from service.export.cover import cover_fields
    from service.export.rows import ExportFilters
    from service.export.run import export_to_file
    from service.i18n.sheets import COVER

    filters = ExportFilters(
        province=args.province, commune=args.commune, status=args.status, section=args.section,
        registered_from=args.registered_from, registered_to=args.registered_to, as_of=args.as_of,
        changed_since=args.changed_since,
    )  # fmt: skip
    full = args.personal_data == "full"
    zone = runtime.settings.zone
    filters = filters.dated(local_today(zone))
    cover = cover_fields(filters, COVER["cli"], full, zone)
    count = await export_to_file(runtime.pool, args.format, args.out, filters, full, cover=cover)
    print(text("cli.exported", count=count, path=args.out))
    return 0


def _cmd_extract(settings: Settings, args: argparse.Namespace) -> int:
    from ocr.errors import InputError
    from ocr.pipeline import load_second_reader, run_document
    from rules.record import validate_extraction

    status = 0
    reader = load_second_reader(settings.ocr_second_reader, settings.models_dir_name)
    for path in args.files:
        try:
            data = path.read_bytes()
            result = run_document(
                data,
                path.name,
                timeout_s=settings.ocr_timeout_seconds,
                limits=settings.upload_limits,
                second_reader=reader,
            )
        except (OSError, InputError) as exc:
            detail = getattr(exc, "detail", str(exc))
            print(f"hkd extract: {path}: {detail}", file=sys.stderr)
            status = 1
            continue
        extraction = validate_extraction(result.extraction)  # same findings and statuses as the API
        if args.json:
            sys.stdout.write(msgspec.json.encode(extraction).decode() + "\n")
        else:
            rec = extraction.record
            number, name = rec.registration_number or "-", rec.business_name or "-"
            print(f"{path}: {extraction.layout} {number} {name}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
