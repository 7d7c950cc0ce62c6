"""`hkd user …` and `hkd token …`: manage accounts from the command line, audited as the OS user,
and never print a token's secret except once, when it is made."""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncpg
import pytest

from service import cli
from service.runtime.settings import Settings
from service.users import Role, create_user, user_for_token


@pytest.fixture
def hkd(db_settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """`await hkd("user", "list")` → (exit code, stdout, stderr): `hkd` in this process, on the test
    database (in a thread: the command runs its own event loop, as from a terminal)."""
    monkeypatch.setenv("DATABASE_URL", db_settings.database_url or "")
    monkeypatch.setenv("HKD_DATA_DIR", str(Path(db_settings.data_dir)))
    monkeypatch.setenv("HKD_TOKEN_DAYS", "30")

    async def run(*argv: str) -> tuple[int, str, str]:
        code = await asyncio.to_thread(cli.main, list(argv))
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


async def test_user_commands_change_and_audit_accounts(hkd, pool: asyncpg.Pool) -> None:  # type: ignore[no-untyped-def]
    await create_user(pool, "quan.tri", Role.ADMIN, "mật khẩu quản trị 1")
    code, out, _ = await hkd(
        "user",
        "add",
        "mai.kehoach",
        "--role",
        "planner",
        "--password",
        "mật khẩu kế hoạch",
        "--display-name",
        "Đỗ Thị Mai",
    )
    assert code == 0 and "mai.kehoach" in out
    code, out, _ = await hkd("user", "set-role", "mai.kehoach", "reviewer")
    assert code == 0 and "reviewer" in out
    code, out, _ = await hkd("user", "set-password", "mai.kehoach", "--password", "mật khẩu mới hơn 2")
    assert code == 0
    code, out, _ = await hkd("user", "disable", "mai.kehoach")
    assert code == 0 and "mai.kehoach" in out
    code, out, _ = await hkd("user", "list")
    lines = {line.split()[1]: line.split() for line in out.splitlines()[1:]}
    assert out.splitlines()[0].split()[:4] == ["id", "username", "role", "status"]
    assert lines["mai.kehoach"][2:4] == ["reviewer", "disabled"] and lines["quan.tri"][2:4] == [
        "admin",
        "active",
    ]
    assert "Đỗ Thị Mai" in out
    code, out, _ = await hkd("user", "enable", "mai.kehoach")
    assert code == 0

    code, _, err = await hkd("user", "disable", "quan.tri")  # the last admin
    assert code == 2 and "quản trị viên cuối cùng" in err
    code, _, err = await hkd("user", "disable", "khong.co")
    assert code == 2 and "Không tìm thấy người dùng" in err
    code, _, err = await hkd("user", "set-password", "mai.kehoach", "--password", "mai.kehoach-123")
    assert code == 2 and "tên đăng nhập" in err

    audit = await pool.fetch(
        "select actor_id, action, detail from audit_log where entity = 'user' order by id"
    )
    assert [r["action"] for r in audit] == [
        "user.create", "user.set_role", "user.set_password", "user.disable", "user.enable",
    ]  # fmt: skip
    assert all(r["actor_id"] is None and r["detail"]["via"].startswith("cli:") for r in audit)
    assert "mật khẩu" not in str([r["detail"] for r in audit])


async def test_token_commands_list_without_secrets_and_revoke(hkd, pool: asyncpg.Pool) -> None:  # type: ignore[no-untyped-def]
    await create_user(pool, "may.xuat", Role.PLANNER, None)
    code, out, _ = await hkd("token", "create", "may.xuat", "--label", "xuất hằng đêm")
    assert code == 0
    secret = out.strip().splitlines()[-1]
    assert secret.startswith("hkd_")
    user = await user_for_token(pool, secret)
    assert user is not None and user.username == "may.xuat"
    days = await pool.fetchval("select extract(day from expires_at - created_at) from api_tokens")
    assert days == 30  # HKD_TOKEN_DAYS

    code, out, _ = await hkd("token", "list")
    assert code == 0 and secret not in out
    header, row = out.splitlines()
    assert header.split() == ["id", "user", "label", "created", "last_used", "expires", "status"]
    token_id = row.split()[0]
    assert "may.xuat" in row and "xuất hằng đêm" in row and row.split()[-1] == "active"
    code, out, _ = await hkd("token", "list", "may.xuat")
    assert code == 0 and token_id in out

    code, out, _ = await hkd("token", "revoke", token_id)
    assert code == 0 and token_id in out
    assert await user_for_token(pool, secret) is None
    code, out, _ = await hkd("token", "list")
    assert out.splitlines()[1].split()[-1] == "revoked"
    code, _, err = await hkd("token", "revoke", "424242")
    assert code == 2 and "Không tìm thấy mã truy cập" in err

    audit = await pool.fetch(
        "select action, entity, detail from audit_log where entity = 'token' order by id"
    )
    assert [r["action"] for r in audit] == ["token.create", "token.revoke"]
    assert secret not in str([r["detail"] for r in audit])
