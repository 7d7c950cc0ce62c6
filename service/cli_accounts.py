"""`hkd user add|list|disable|enable|set-role|set-password|set-communes` and `hkd token create|list|revoke`.

Every change goes through service.accounts (validated, audited with the operating-system user as
`via`, never the password or the token). A token's secret is printed once, as the last line, when it
is made; `token list` shows what an administrator needs (id, user, label, created, last used,
expiry, status) and never the secret, which nobody has. A refusal (no such user, the last admin, a
weak password) is an AppError: `hkd` prints its Vietnamese message and exits with 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING

from service.i18n.messages import text
from service.runtime import Purpose, Runtime
from service.runtime.settings import Settings

if TYPE_CHECKING:
    from service.accounts import Actor

Command = Callable[[Runtime, argparse.Namespace], Awaitable[int]]
WithRuntime = Callable[[Purpose, Command], Callable[[Settings, argparse.Namespace], int]]
ROLES = ["clerk", "reviewer", "planner", "admin"]


def add_account_commands(sub: argparse._SubParsersAction, with_runtime: WithRuntime) -> None:
    """The `user` and `token` commands, each run inside `with_runtime(Purpose.COMMAND, …)`."""
    run = lambda command: with_runtime(Purpose.COMMAND, command)  # noqa: E731

    user = sub.add_parser("user", help="manage users").add_subparsers(required=True, metavar="ACTION")
    add = user.add_parser("add", help="create a user (asks for the password when --password is absent)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--password")
    add.add_argument("--display-name", default="")
    add.set_defaults(handler=_asking_password(run(_user_add)))
    user.add_parser("list", help="users with role, status and last login").set_defaults(
        handler=run(_user_list)
    )
    for action, help_ in (("disable", "disable NAME: ends their sessions, revokes their tokens"),
                          ("enable", "enable NAME again (old tokens stay revoked)")):  # fmt: skip
        parser = user.add_parser(action, help=help_)
        parser.add_argument("name")
        parser.set_defaults(handler=run(_user_set_active), active=action == "enable")
    set_role = user.add_parser("set-role", help="give NAME another role")
    set_role.add_argument("name")
    set_role.add_argument("role", choices=ROLES)
    set_role.set_defaults(handler=run(_user_set_role))
    communes = user.add_parser(
        "set-communes", help="NAME works for these communes (2025 codes), or --province for all"
    )
    communes.add_argument("name")
    scope = communes.add_mutually_exclusive_group(required=True)
    scope.add_argument("codes", nargs="*", default=[], metavar="CODE")
    scope.add_argument("--province", action="store_true", help="the whole province (no commune limit)")
    communes.set_defaults(handler=run(_user_set_communes))
    set_password = user.add_parser(
        "set-password", help="a new password for NAME (asks when --password is absent)"
    )
    set_password.add_argument("name")
    set_password.add_argument("--password")
    set_password.set_defaults(handler=_asking_password(run(_user_set_password)))

    token = sub.add_parser("token", help="API tokens for scripts").add_subparsers(
        required=True, metavar="ACTION"
    )
    create = token.add_parser("create", help="create a bearer token for user NAME (printed last)")
    create.add_argument("name")
    create.add_argument("--label", default="cli")
    create.set_defaults(handler=run(_token_create))
    listing = token.add_parser(
        "list", help="tokens (of NAME): id, user, created, last used, expiry; never the secret"
    )
    listing.add_argument("name", nargs="?")
    listing.set_defaults(handler=run(_token_list))
    revoke = token.add_parser("revoke", help="revoke the token with id ID (see `hkd token list`)")
    revoke.add_argument("id", type=int)
    revoke.set_defaults(handler=run(_token_revoke))


def cli_actor() -> Actor:
    """The command line acts as nobody in the database; the audit row names the OS user instead."""
    from service.accounts import Actor

    try:
        who = getpass.getuser()
    except (OSError, KeyError):  # no name for this uid (a container)
        who = str(os.getuid())
    return Actor(None, f"cli:{who}")


def _asking_password(
    handler: Callable[[Settings, argparse.Namespace], int],
) -> Callable[[Settings, argparse.Namespace], int]:
    """Ask for the password twice on the terminal when --password is not given."""

    def ask(settings: Settings, args: argparse.Namespace) -> int:
        if args.password is None:
            args.password = getpass.getpass(text("cli.password_prompt", name=args.name))
            if args.password != getpass.getpass(text("cli.password_again")):
                print(f"hkd: {text('cli.passwords_differ')}", file=sys.stderr)
                return 2
        return handler(settings, args)

    return ask


async def _user_add(runtime: Runtime, args: argparse.Namespace) -> int:
    from service.accounts import create_account
    from service.users import Role

    account = await create_account(
        runtime.pool, cli_actor(), args.name, Role(args.role), args.password, args.display_name
    )
    print(f"created user {account.username} ({account.role})")
    return 0


async def _user_list(runtime: Runtime, args: argparse.Namespace) -> int:
    from service.accounts import list_accounts

    rows = [
        [str(a.id), a.username, a.role, "active" if a.active else "disabled", _when(a.last_login_at),
         str(a.live_tokens), _when(a.created_at), ",".join(a.communes or ["province"]), a.display_name]
        for a in await list_accounts(runtime.pool)
    ]  # fmt: skip
    header = [
        "id",
        "username",
        "role",
        "status",
        "last_login",
        "tokens",
        "created",
        "communes",
        "display_name",
    ]
    print(_table(header, rows))
    return 0


async def _user_set_active(runtime: Runtime, args: argparse.Namespace) -> int:
    from service.accounts import account_id, set_active

    user_id = await account_id(runtime.pool, args.name)
    account, ended = await set_active(runtime.pool, cli_actor(), user_id, args.active)
    if args.active:
        print(text("cli.user_enabled", name=account.username))
    else:
        print(text("cli.user_disabled", name=account.username, sessions=ended.sessions, tokens=ended.tokens))
    return 0


async def _user_set_role(runtime: Runtime, args: argparse.Namespace) -> int:
    from service.accounts import account_id, set_role
    from service.users import Role

    account = await set_role(
        runtime.pool, cli_actor(), await account_id(runtime.pool, args.name), Role(args.role)
    )
    print(text("cli.role_set", name=account.username, role=account.role))
    return 0


async def _user_set_communes(runtime: Runtime, args: argparse.Namespace) -> int:
    from service.accounts import account_id
    from service.communes import commune_names, set_communes

    if args.province == bool(args.codes):
        print(f"hkd: {text('communes.none')}", file=sys.stderr)
        return 2
    user_id = await account_id(runtime.pool, args.name)
    account = await set_communes(runtime.pool, cli_actor(), user_id, None if args.province else args.codes)
    names = [f"{c} {commune_names()[c]}" for c in account.communes or ()]
    print(
        text(
            "cli.communes_set", name=account.username, communes="; ".join(names) or text("communes.province")
        )
    )
    return 0


async def _user_set_password(runtime: Runtime, args: argparse.Namespace) -> int:
    from service.accounts import account_id, set_password

    ended = await set_password(
        runtime.pool, cli_actor(), await account_id(runtime.pool, args.name), args.password
    )
    print(text("cli.password_set", name=args.name, sessions=ended))
    return 0


async def _token_create(runtime: Runtime, args: argparse.Namespace) -> int:
    from service.accounts import account_id, issue_token

    days = runtime.settings.token_days
    user_id = await account_id(runtime.pool, args.name)
    token_id, secret = await issue_token(runtime.pool, cli_actor(), user_id, args.label, days)
    expires = dt.datetime.now().astimezone() + dt.timedelta(days=days)
    print(text("cli.token_created", id=token_id, name=args.name, day=expires.strftime("%d/%m/%Y")))
    print(secret)
    return 0


async def _token_list(runtime: Runtime, args: argparse.Namespace) -> int:
    from service.accounts import account_id, list_tokens

    user_id = await account_id(runtime.pool, args.name) if args.name else None
    rows = [
        [
            str(t.id),
            t.username,
            t.name,
            _when(t.created_at),
            _when(t.last_used_at),
            _when(t.expires_at),
            t.status,
        ]
        for t in await list_tokens(runtime.pool, user_id)
    ]
    print(_table(["id", "user", "label", "created", "last_used", "expires", "status"], rows))
    return 0


async def _token_revoke(runtime: Runtime, args: argparse.Namespace) -> int:
    from service.accounts import revoke_token

    token = await revoke_token(runtime.pool, cli_actor(), args.id)
    print(text("cli.token_revoked", id=token.id, name=token.username, label=token.name))
    return 0


def _when(value: dt.datetime | None) -> str:
    """dd/mm/yyyy HH:MM in this machine's time zone; "-" for never."""
    return value.astimezone().strftime("%d/%m/%Y %H:%M") if value else "-"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]
    return "\n".join(lines)
