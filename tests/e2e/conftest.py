"""The real thing, once per session: `hkd serve` in a subprocess on a fresh database, users made with
`hkd user add`, and Debian's Chromium driven by Playwright (never a downloaded browser).

The database is a new one on the test PostgreSQL (TEST_DATABASE_URL, or the session's embedded
server), so the server under test starts no second embedded PostgreSQL.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import asyncpg
import pytest

from tests.conftest import with_database
from tests.serve import ROOT, base_url, free_port, serve_env, start_serve, stop_serve

SCREENSHOTS = ROOT / "docs" / "screenshots"
PASSWORD = "correct horse battery"
USERS = {
    "vanthu": "clerk",
    "kiemtra1": "reviewer",
    "kiemtra2": "reviewer",
    "kehoach": "planner",
    "quantri": "admin",
}
DISPLAY = {
    "vanthu": "Trần Thị Lan",
    "kiemtra1": "Nguyễn Văn Bình",
    "kiemtra2": "Lê Thị Hồng",
    "kehoach": "Phạm Minh Đức",
    "quantri": "Quản trị",
}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def run_hkd(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "service.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


class Server:
    def __init__(self, base_url: str, env: dict[str, str], database_url: str) -> None:
        self.base_url, self.env, self.database_url = base_url, env, database_url
        self.tokens: dict[str, str] = {}

    def token(self, username: str) -> str:
        if username not in self.tokens:
            self.tokens[username] = run_hkd(self.env, "token", "create", username).strip().splitlines()[-1]
        return self.tokens[username]


def run_async(make_coro) -> None:  # type: ignore[no-untyped-def]
    """asyncio.run in a thread: sync Playwright keeps an event loop running in the main thread."""
    with ThreadPoolExecutor(1) as pool:
        pool.submit(lambda: asyncio.run(make_coro())).result()


@pytest.fixture(scope="session")
def hkd_server(server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    name = f"e2e_{uuid.uuid4().hex[:10]}"

    async def create() -> None:
        admin = await asyncpg.connect(server_url)
        try:
            await admin.execute(f'create database "{name}"')
        finally:
            await admin.close()

    async def drop() -> None:
        admin = await asyncpg.connect(server_url)
        try:
            await admin.execute(f'drop database if exists "{name}" with (force)')
        finally:
            await admin.close()

    run_async(create)
    database_url = with_database(server_url, name)
    env = serve_env(
        database_url, tmp_path_factory.mktemp("hkd"), free_port(), HKD_WORKERS="2", OMP_THREAD_LIMIT="1"
    )
    run_hkd(env, "migrate")  # only `serve` and `migrate` migrate; the users are made before serving
    for username, role in USERS.items():
        run_hkd(env, "user", "add", username, "--role", role, "--password", PASSWORD,
                "--display-name", DISPLAY[username])  # fmt: skip
    log = (tmp_path_factory.getbasetemp() / "hkd-serve.log").open("wb")
    proc = start_serve(env, output=log, timeout=240)  # a shared 2-core machine can be slow to start it
    try:
        yield Server(base_url(env), env, database_url)
    finally:
        stop_serve(proc)
        log.close()
        run_async(drop)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def new_page(browser, hkd_server: Server):  # type: ignore[no-untyped-def]
    """A factory: `new_page("kiemtra1")` → a logged-in page in its own context (its own cookies)."""
    contexts = []

    def make(username: str | None = None, lang: str = "vi", width: int = 1366, height: int = 768):  # type: ignore[no-untyped-def]
        context = browser.new_context(
            base_url=hkd_server.base_url, viewport={"width": width, "height": height}
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        if lang != "vi":
            context.add_cookies([{"name": "lang", "value": lang, "url": hkd_server.base_url}])
        page = context.new_page()
        if username:
            log_in(page, username)
        return page

    yield make
    for context in contexts:
        context.close()


def log_in(page, username: str, password: str = PASSWORD) -> None:  # type: ignore[no-untyped-def]
    if "/login" not in page.url:
        page.goto("/login")
    page.locator("#username").fill(username)  # by id: works in either language
    page.locator("#password").fill(password)
    page.locator("form[action='/login'] button[type=submit]").click()
    page.wait_for_url(lambda url: "/login" not in url)


def screenshot(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    """A screenshot of the page; into docs/screenshots (the README's pictures) only with
    HKD_SCREENSHOTS=1, so an ordinary test run leaves the working tree clean."""
    folder = (
        SCREENSHOTS
        if os.environ.get("HKD_SCREENSHOTS") == "1"
        else Path(tempfile.gettempdir()) / "hkd-screenshots"
    )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path))
    return path


OCR_TIMEOUT_MS = 240_000


@pytest.fixture(scope="session")
def scan_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Three one-page certificates (one per template generation where possible), as JPEG like a scanner."""
    from samples.generate import encode_sample, generate_sample

    out = tmp_path_factory.mktemp("scans")
    files: list[Path] = []
    index = 0
    for layout in ("2021", "2025", "2015", "2021", "2025", "2015", "2021"):
        if len(files) == 3:
            break
        sample = generate_sample(20261128, index, layout, "clean")
        index += 1
        if len(sample.images) != 1:
            continue
        path = out / f"giay-chung-nhan-{layout}-{index}.jpg"
        path.write_bytes(encode_sample(sample, "jpg", 85))
        files.append(path)
    assert len(files) == 3
    return files


def write_certificates(out: Path, seed: int, count: int, prefix: str = "gcn") -> list[Path]:
    """`count` one-page generated certificates (2021 and 2025 templates) as scanner JPEGs in `out`."""
    from samples.generate import encode_sample, generate_sample

    files: list[Path] = []
    index = 0
    while len(files) < count:
        layout = ("2021", "2025")[index % 2]
        sample = generate_sample(seed, index, layout, "clean")
        index += 1
        if len(sample.images) == 1:
            path = out / f"{prefix}-{len(files) + 1:02d}.jpg"
            path.write_bytes(encode_sample(sample, "jpg", 85))
            files.append(path)
    return files


@pytest.fixture(scope="session")
def uploaded(browser, hkd_server: Server, scan_files: list[Path]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    """Clerk uploads the three scans in the browser and waits until each row says done."""
    context = browser.new_context(
        base_url=hkd_server.base_url,
        viewport={"width": 1366, "height": 768},
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
    )
    page = context.new_page()
    try:
        log_in(page, "vanthu")
        assert page.url.endswith("/upload")
        page.set_input_files("#file-input", [str(p) for p in scan_files])
        rows = page.locator("#upload-rows tr[data-file]")
        assert rows.count() == 3
        expect(page.locator('#upload-rows tr[data-step="done"]')).to_have_count(3, timeout=OCR_TIMEOUT_MS)
        ids = {
            rows.nth(i).get_attribute("data-file") or "": int(
                rows.nth(i).get_attribute("data-document-id") or 0
            )
            for i in range(3)
        }
        assert all(ids.values())
        for i in range(3):  # read as certificates, waiting for a reviewer
            assert rows.nth(i).get_attribute("data-outcome") == "waiting_review", rows.nth(i).inner_text()
        # The same file again is a duplicate, and a file that is not a scan is refused with the reason.
        bogus = scan_files[0].parent / "ghi-chu.pdf"
        bogus.write_bytes(b"this is not a pdf at all")
        page.set_input_files("#file-input", [str(scan_files[0]), str(bogus)])
        expect(page.locator("#upload-rows tr[data-file]")).to_have_count(5)
        dup = page.locator(f'#upload-rows tr[data-file="{scan_files[0].name}"]').nth(1)
        bad = page.locator('#upload-rows tr[data-file="ghi-chu.pdf"]')
        dup.locator(".badge", has_text="Đã có").wait_for()
        bad.locator(".badge", has_text="Bị từ chối").wait_for()
        assert "tệp" in bad.inner_text().lower()
        return ids
    finally:
        context.close()


def release_claim(page, document_id: int) -> None:  # type: ignore[no-untyped-def]
    """Opening a review page claims the document; tests that only look at it give it back."""
    csrf = page.locator('meta[name="csrf-token"]').get_attribute("content") or ""
    response = page.request.delete(f"/api/review/{document_id}/claim", headers={"X-CSRF-Token": csrf})
    assert response.ok, response.text()
