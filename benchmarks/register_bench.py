"""The register at province scale: 100,000 synthetic businesses, searched and listed over real HTTP.

    python -m benchmarks.register_bench [--businesses 100000] [--clients 50] [--seconds 30] [--think-ms 0]
                                     [--api-processes 0]

Starts a throwaway PostgreSQL (embedded), creates a fresh database, applies the migrations
(`hkd migrate`), loads the businesses with COPY (`copy_records_to_table`), starts `hkd serve` with
DATABASE_URL pointing at it, HKD_WORKERS=0 and HKD_API_PROCESSES=`--api-processes` (0: its default), then
runs `--clients` concurrent clients on loopback (keep-alive connections, a lean asyncio HTTP/1.1 client):
first searches (`GET /api/businesses?q=…`: accent-free and misspelt names, owners, addresses,
identifiers), then list pages (`GET /api/businesses?…` with commune/status/section filters and
pages). Each client waits `--think-ms` (±50 %) between requests (0: back to back, a closed loop).
Prints p50/p90/p99 per operation and exits 1 on any error.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
import urllib.parse
from pathlib import Path

import asyncpg
import httpx
import msgspec

from benchmarks.upload_bench import hkd, machine, percentile
from samples.business import KINDS, make_number_2015
from samples.people import make_name
from schemas.reference import load_units_2025
from service.db.embedded import EmbeddedPostgres

STREETS = ("Lê Lợi", "Trần Hưng Đạo", "Nguyễn Huệ", "Hai Bà Trưng", "Quang Trung", "Lý Thường Kiệt",
           "Phan Chu Trinh", "Hùng Vương", "Nguyễn Trãi", "Lê Duẩn", "Điện Biên Phủ", "Bạch Đằng")  # fmt: skip
SECTION = {"1": "C", "4": "G", "5": "I", "9": "S"}


def fold(text: str) -> str:
    """What hkd_unaccent() gives: lower case, no tone marks, đ → d."""
    text = text.lower().replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def search_text(*parts: str) -> str:
    """What hkd_search_text() gives (computed here so COPY needs no UPDATE afterwards)."""
    return " " + re.sub(r"[^0-9a-z]+", " ", fold(" ".join(parts))).strip() + " "


def typo(text: str, rng: random.Random) -> str:
    """One letter left out of the longest word of the query (what people type in a hurry)."""
    words = text.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    if len(word) < 5:
        return text
    cut = rng.randrange(1, len(word) - 1)
    words[longest] = word[:cut] + word[cut + 1 :]
    return " ".join(words)


def make_rows(
    n: int, rng: random.Random
) -> tuple[list[tuple], list[tuple], list[tuple], list[dict[str, str]]]:
    communes = [u for u in load_units_2025() if u.kind != "province"][:300]  # a province-sized spread
    businesses, versions, identifiers, probes = [], [], [], []
    for i in range(1, n + 1):
        unit = rng.choice(communes)
        owner = make_name(rng, rng.choice(("Nam", "Nữ")))
        pattern, code, line = rng.choice(KINDS)
        name = pattern.format(
            n=owner.split()[-1].upper() + (f" {rng.randint(1, 99)}" if rng.random() < 0.5 else "")
        )
        address = f"Số {rng.randint(1, 300)} {rng.choice(STREETS)}, {unit.name}, {unit.province_name}"
        reg = make_number_2015(rng, unit.province_code[:2])
        owner_id = (
            f"0{rng.randint(10, 96)}{rng.randint(0, 3)}{rng.randint(40, 99)}{rng.randint(0, 999_999):06d}"
        )
        since = dt.date(2010, 1, 1) + dt.timedelta(days=rng.randint(0, 5400))
        status = rng.choices(("active", "suspended", "terminated"), (90, 5, 5))[0]
        record = {
            "registration_number": reg, "first_registered_on": since.isoformat(), "business_name": name,
            "address": address, "business_lines": [{"code": code, "name": line}],
            "capital_vnd": rng.choice((10, 20, 50, 100, 200)) * 1_000_000, "employees": rng.randint(0, 9),
            "owner": {"full_name": owner, "id_number": owner_id}, "members": [],
        }  # fmt: skip
        businesses.append((i, 1, status))
        searchable = search_text(name, owner, address, reg, owner_id)
        versions.append((
            i, i, "first_registration", since, asyncpg.Range(since, None), status, "2021",
            msgspec.json.encode(record).decode(), reg, name, owner, owner_id, address, unit.code, unit.name,
            unit.province_code, unit.province_name, record["capital_vnd"], record["employees"],
            [SECTION.get(code[0], "G")], searchable,
        ))  # fmt: skip
        identifiers.append((i, i, "registration_number_old", reg, since))
        if i % 97 == 0:
            probes.append(
                {"name": name, "owner": owner, "reg": reg, "address": address, "commune": unit.code}
            )
    return businesses, versions, identifiers, probes


VERSION_COLUMNS = (
    "id", "business_id", "kind", "effective_on", "valid", "status", "layout", "record", "registration_number",
    "business_name", "owner_name", "owner_id_number", "address", "commune_code", "commune_name", "province_code",
    "province_name", "capital_vnd", "employees", "sections", "search_text",
)  # fmt: skip


async def load(url: str, n: int) -> tuple[list[dict[str, str]], float]:
    rng = random.Random(2026)
    businesses, versions, identifiers, probes = make_rows(n, rng)
    started = time.perf_counter()
    conn = await asyncpg.connect(url)
    try:
        await conn.set_type_codec(  # binary COPY: jsonb is a version byte (1) and the text
            "jsonb",
            encoder=lambda v: b"\x01" + v.encode(),
            decoder=lambda v: v[1:].decode(),
            schema="pg_catalog",
            format="binary",
        )
        async with conn.transaction():
            await conn.copy_records_to_table(
                "businesses", records=businesses, columns=("id", "version", "status")
            )
            await conn.copy_records_to_table("business_versions", records=versions, columns=VERSION_COLUMNS)
            await conn.copy_records_to_table(
                "business_identifiers", records=identifiers,
                columns=("id", "business_id", "kind", "value", "valid_from"),
            )  # fmt: skip
            for table in ("businesses", "business_versions", "business_identifiers"):
                await conn.execute(f"select setval(pg_get_serial_sequence('{table}', 'id'), {n})")
        await conn.execute(
            "insert into register_words select distinct w from business_versions, "
            "regexp_split_to_table(trim(search_text), ' ') w where length(w) >= 2 and w !~ '[0-9]{5}' on conflict do nothing"
        )
    finally:
        await conn.close()
    loaded = time.perf_counter() - started
    conn = await asyncpg.connect(url)
    try:  # what autovacuum does within a minute of a bulk load (it ran during the first recorded runs):
        # statistics, the visibility map (index-only list pages) and the word index's pending list
        tables = (
            "register_words",
            "businesses",
            "business_versions",
            "business_identifiers",
            "register_search",
        )
        for table in tables:
            await conn.execute(f"vacuum analyze {table}")
    finally:
        await conn.close()
    return probes, loaded


def search_queries(probes: list[dict[str, str]], rng: random.Random) -> list[str]:
    out: list[str] = []
    for p in probes:
        out += [fold(p["name"]), typo(p["name"], rng), fold(p["owner"]), typo(fold(p["owner"]), rng), p["reg"],
                p["address"].split(",")[0] + " " + p["address"].split(",")[1]]  # fmt: skip
    return out


def list_params(probes: list[dict[str, str]], rng: random.Random) -> list[dict[str, str | int]]:
    out: list[dict[str, str | int]] = []
    for p in probes:
        out += [{"commune": p["commune"]}, {"status": "active", "offset": rng.randint(0, 20) * 50},
                {"section": rng.choice("GIS"), "offset": rng.randint(0, 10) * 50}, {},
                {"commune": p["commune"], "status": "active"}]  # fmt: skip
    return out


class Page(msgspec.Struct):
    items: list[msgspec.Raw]


async def get(conn: tuple[asyncio.StreamReader, asyncio.StreamWriter], request: bytes) -> tuple[int, bytes]:
    """One keep-alive HTTP/1.1 GET on an open connection: (status, body). A few lines of asyncio instead
    of httpx, whose client CPU (3.6–4.4 ms a request, measured) on the two cores the server uses skewed
    the numbers; this one takes 0.25 ms."""
    reader, writer = conn
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    if length is None:
        raise ConnectionError("response without content-length")
    return int(head[9:12]), await reader.readexactly(int(length[1]))


def request_bytes(port: int, token: str, params: dict[str, str | int]) -> bytes:
    query = urllib.parse.urlencode({**params, "limit": 50})
    return (
        f"GET /api/businesses?{query} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Authorization: Bearer {token}\r\n\r\n"
    ).encode()


async def drive(
    port: int,
    token: str,
    op: str,
    requests: list[dict[str, str | int]],
    clients: int,
    seconds: float,
    think: float,
) -> tuple[list[float], list[str]]:
    latencies: list[float] = []
    errors: list[str] = []
    prepared = [(params, request_bytes(port, token, params)) for params in requests]
    until = time.perf_counter() + seconds

    async def client(k: int) -> None:
        rng = random.Random(k)
        await asyncio.sleep(think * rng.random())  # users arrive spread out, not all in the same millisecond
        conn = await asyncio.open_connection("127.0.0.1", port)
        try:
            while time.perf_counter() < until:
                params, request = rng.choice(prepared)
                started = time.perf_counter()
                try:
                    status, body = await get(conn, request)
                    if status != 200 or (op == "search" and not msgspec.json.decode(body, type=Page).items):
                        errors.append(f"{op} {params}: {status} {body[:100]!r}")
                except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as exc:
                    errors.append(f"{op} {params}: {exc!r}")
                    conn[1].close()
                    conn = await asyncio.open_connection("127.0.0.1", port)
                latencies.append(time.perf_counter() - started)
                if think:
                    await asyncio.sleep(think * rng.uniform(0.5, 1.5))
        finally:
            conn[1].close()

    await asyncio.gather(*(client(k) for k in range(clients)))
    return latencies, errors


async def create_database(server_url: str, name: str) -> None:
    conn = await asyncpg.connect(server_url)
    try:
        await conn.execute(f'create database "{name}"')
    finally:
        await conn.close()


def start_server(env: dict[str, str]) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve"], env=env, stdout=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{env['HKD_PORT']}"
    for _ in range(300):
        try:
            if httpx.get(base + "/readyz", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    server.kill()
    raise RuntimeError("hkd serve did not become ready")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--businesses", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--think-ms", type=float, default=0)
    parser.add_argument("--port", type=int, default=8767)
    parser.add_argument("--api-processes", type=int, default=0, help="HKD_API_PROCESSES (0: serve's default)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hkd-register-bench-") as tmp:
        pg = EmbeddedPostgres(Path(tmp) / "pg", fsync=False)
        server_url = pg.start()
        try:
            url = pg.url("register_bench")
            asyncio.run(create_database(server_url, "register_bench"))
            env = dict(os.environ, DATABASE_URL=url, HKD_DATA_DIR=str(Path(tmp) / "var"), HKD_PORT=str(args.port),
                       HKD_WORKERS="0", HKD_LOG_LEVEL="WARNING", HKD_API_PROCESSES=str(args.api_processes),
                       HKD_SEARCH_PER_MINUTE="1000000")  # fmt: skip  # one token drives every client
            hkd(env, "migrate")
            hkd(
                env,
                "user",
                "add",
                "bench-reviewer",
                "--role",
                "reviewer",
                "--password",
                "tải-thử-nghiệm-2026",
            )
            token = hkd(env, "token", "create", "bench-reviewer").strip().splitlines()[-1]
            probes, load_seconds = asyncio.run(load(url, args.businesses))
            rng = random.Random(5)
            server = start_server(env)
            try:
                think = args.think_ms / 1000
                results, loads, client_cpu = {}, {}, {}
                searches: list[dict[str, str | int]] = [{"q": q} for q in search_queries(probes, rng)]
                for op, reqs in (("search", searches), ("list", list_params(probes, rng))):
                    asyncio.run(drive(args.port, token, op, reqs, 10, 3, 0))  # warm caches, pools, processes
                    loads[op] = os.getloadavg()[0]
                    cpu = time.process_time()
                    results[op] = asyncio.run(
                        drive(args.port, token, op, reqs, args.clients, args.seconds, think)
                    )
                    client_cpu[op] = (time.process_time() - cpu) / max(1, len(results[op][0]))
            finally:
                server.terminate()
                server.wait(60)
        finally:
            pg.destroy()
    print(f"machine: {machine()}")
    print(f"{args.businesses} businesses loaded with COPY in {load_seconds:.1f} s")
    print(
        f"{args.clients} clients, {args.seconds:.0f} s per operation, think time {args.think_ms:.0f} ms, "
        f"API processes {args.api_processes or 'default'}"
    )
    print(
        f"{'operation':<10} {'count':>7} {'req/s':>7} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} "
        f"{'max ms':>8} {'load1':>6} {'client CPU ms/req':>18}"
    )
    failed = False
    for op, (lat, errors) in results.items():
        print(
            f"{op:<10} {len(lat):>7} {len(lat) / args.seconds:>7.0f} {percentile(lat, 50) * 1000:>8.1f} "
            f"{percentile(lat, 90) * 1000:>8.1f} {percentile(lat, 99) * 1000:>8.1f} {max(lat) * 1000:>8.1f} "
            f"{loads[op]:>6.2f} {client_cpu[op] * 1000:>18.2f}"
        )
        for line in errors[:10]:
            print("  error: " + line)
        failed |= bool(errors)
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
