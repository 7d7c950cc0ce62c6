"""`hkd`: serve, worker, migrate, import, extract — every command reads its settings from the environment.

Data directory (embedded database, local blobs): `HKD_DATA_DIR`, default `./var`.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
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
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    from service.log_redaction import install_redaction

    install_redaction()
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

    user = sub.add_parser("user", help="manage users").add_subparsers(required=True, metavar="ACTION")
    user_add = user.add_parser("add", help="create a user (asks for the password when --password is absent)")
    user_add.add_argument("name")
    user_add.add_argument("--role", required=True, choices=["clerk", "reviewer", "planner", "admin"])
    user_add.add_argument("--password")
    user_add.add_argument("--display-name", default="")
    user_add.set_defaults(handler=_cmd_user_add)

    token = sub.add_parser("token", help="API tokens for scripts").add_subparsers(
        required=True, metavar="ACTION"
    )
    token_create = token.add_parser("create", help="create a bearer token for user NAME (printed last)")
    token_create.add_argument("name")
    token_create.add_argument("--label", default="cli")
    token_create.set_defaults(handler=_cmd_token_create)

    refdata = sub.add_parser("refdata", help="reference data (administrative units, VSIC, ID prefixes)")
    refdata_sub = refdata.add_subparsers(required=True, metavar="ACTION")
    refdata_sub.add_parser("status", help="versions and row counts").set_defaults(
        handler=_cmd_refdata, load=False
    )
    refdata_sub.add_parser("load", help="(re)load from the package").set_defaults(
        handler=_cmd_refdata, load=True
    )

    doctor = sub.add_parser("doctor", help="check that storage, documents, jobs and the queue agree")
    doctor.add_argument("--repair", action="store_true", help="delete old orphan blobs, re-queue lost jobs")
    doctor.set_defaults(handler=_cmd_doctor)

    export = sub.add_parser("export", help="export the register (as of a date, filtered) to xlsx or csv")
    export.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    export.add_argument("--out", type=Path, required=True)
    for name in ("province", "commune", "status", "section"):
        export.add_argument(f"--{name}")
    for name in ("registered-from", "registered-to", "as-of", "changed-since"):
        export.add_argument(f"--{name}", type=dt.date.fromisoformat)
    export.add_argument("--personal-data", choices=["masked", "full"], default="masked")
    export.set_defaults(handler=_cmd_export)

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


def _cmd_user_add(settings: Settings, args: argparse.Namespace) -> int:
    import getpass

    import asyncpg

    from service.db import database_url_for
    from service.users import PasswordPolicyError, Role, create_user

    password = args.password
    if password is None:
        password = getpass.getpass(f"Mật khẩu cho {args.name} / password: ")
        if password != getpass.getpass("Nhập lại / again: "):
            print("hkd user add: hai mật khẩu không khớp / passwords differ", file=sys.stderr)
            return 2

    async def go() -> int:
        async with database_url_for(settings) as url:
            await _migrate(url)
            conn = await asyncpg.connect(url)
            try:
                user = await create_user(conn, args.name, Role(args.role), password, args.display_name)
            except PasswordPolicyError as exc:
                print(f"hkd user add: {exc}", file=sys.stderr)
                return 2
            except asyncpg.UniqueViolationError:
                print(f"hkd user add: người dùng {args.name} đã tồn tại / already exists", file=sys.stderr)
                return 1
            finally:
                await conn.close()
        print(f"created user {user.username} ({user.role})")
        return 0

    return _run(go())


def _cmd_token_create(settings: Settings, args: argparse.Namespace) -> int:
    import asyncpg

    from service.db import database_url_for
    from service.users import create_token

    async def go() -> int:
        async with database_url_for(settings) as url:
            await _migrate(url)
            conn = await asyncpg.connect(url)
            try:
                user_id = await conn.fetchval(
                    "select id from users where username = $1 and active", args.name
                )
                if user_id is None:
                    print(
                        f"hkd token create: không có người dùng {args.name} / no such user", file=sys.stderr
                    )
                    return 1
                token = await create_token(conn, user_id, args.label)
            finally:
                await conn.close()
        print(f"token for {args.name} (shown once; use it as 'Authorization: Bearer <token>'):")
        print(token)
        return 0

    return _run(go())


def _cmd_refdata(settings: Settings, args: argparse.Namespace) -> int:
    from service.refdata import cmd_refdata_load, cmd_refdata_status

    return (cmd_refdata_load if args.load else cmd_refdata_status)(settings, args)


def _cmd_doctor(settings: Settings, args: argparse.Namespace) -> int:
    from service.db import create_pool, database_url_for
    from service.doctor import examine
    from service.storage import BlobStore

    async def go() -> int:
        async with database_url_for(settings) as url:
            await _migrate(url)
            pool = await create_pool(url, settings, max_size=2)
            try:
                blobs = BlobStore.open(settings.storage_url, settings.blob_dir)
                report = await examine(pool, blobs, repair=args.repair, max_attempts=settings.job_attempts)
            finally:
                await pool.close()
        print(report.render())
        return 0 if report.healthy or args.repair else 1

    return _run(go())


def _cmd_export(settings: Settings, args: argparse.Namespace) -> int:
    from service.db import create_pool, database_url_for
    from service.export.rows import ExportFilters
    from service.export.run import export_to_file

    filters = ExportFilters(
        province=args.province, commune=args.commune, status=args.status, section=args.section,
        registered_from=args.registered_from, registered_to=args.registered_to, as_of=args.as_of,
        changed_since=args.changed_since,
    )  # fmt: skip

    async def go() -> int:
        async with database_url_for(settings) as url:
            await _migrate(url)
            pool = await create_pool(url, settings, max_size=2)
            try:
                full = args.personal_data == "full"
                count = await export_to_file(pool, args.format, args.out, filters, full)
            finally:
                await pool.close()
        print(f"{count} hộ kinh doanh → {args.out}")
        return 0

    return _run(go())


def _cmd_extract(settings: Settings, args: argparse.Namespace) -> int:
    from ocr.errors import InputError
    from ocr.pipeline import run_document
    from rules.record import validate_extraction

    status = 0
    for path in args.files:
        try:
            result = run_document(path.read_bytes(), path.name, timeout_s=settings.ocr_timeout_seconds)
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
