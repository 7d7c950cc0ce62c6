"""Mixed load on a real `hkd serve`: clerks uploading while planners and reviewers browse and search.

    python -m benchmarks.load_bench --uploaders 50 --browsers 50 --seconds 60

Starts an embedded PostgreSQL in a temp dir, migrates, COPY-loads a register of synthetic businesses
(so register search has something to find), starts `hkd serve` (OCR workers on), creates users and
tokens, then runs the clients on loopback for the given time. Uploaders post scans and poll the
document; browsers list documents, the review queue, commune/VSIC autocomplete and register search
(`GET /api/businesses?q=`). Every response must be what the route promises (2xx, or 200 for a
repeated upload); anything else, and any 5xx or transport error, counts as an error. Afterwards the
documents the clients were told about are reconciled with the database (uploaded = stored = jobs).
Prints p50/p90/p99 per operation and exits 1 if there was any error.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import asyncpg
import httpx

from benchmarks.register_bench import create_database, load
from benchmarks.upload_bench import hkd, machine, make_jpegs, percentile
from service.db.embedded import EmbeddedPostgres

QUERIES = ["hai", "phu", "thanh", "an", "tan", "long", "binh", "hoa", "son", "ninh", "xa", "phuong"]
"""Autocomplete prefixes (communes, VSIC); register search adds names and owners from the register."""


class Stats:
    def __init__(self) -> None:
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.document_ids: set[int] = set()  # every document an upload answer named
        self.created = 0  # 201 answers
        self.stored = 0  # documents rows after the run
        self.jobs = 0  # documents with an OCR job after the run

    def record(self, op: str, started: float, response: httpx.Response | None, ok: set[int]) -> None:
        self.latency[op].append(time.perf_counter() - started)
        if response is None or response.status_code not in ok:
            code = "transport" if response is None else response.status_code
            self.errors.append(f"{op}: {code} {'' if response is None else response.text[:120]}")


async def uploader(
    base: str, token: str, payloads: list[bytes], stats: Stats, until: float, rng: random.Random
) -> None:
    async with httpx.AsyncClient(
        base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60
    ) as c:
        while time.perf_counter() < until:
            data = payloads[rng.randrange(len(payloads))]
            started = time.perf_counter()
            try:
                r = await c.post("/api/documents", files={"file": ("scan.jpg", data, "image/jpeg")})
            except httpx.HTTPError:
                r = None
            stats.record("upload", started, r, {200, 201})
            if r is not None and r.status_code in (200, 201):
                doc_id = r.json()["documents"][0]["id"]
                stats.document_ids.add(doc_id)
                stats.created += r.status_code == 201
                started = time.perf_counter()
                try:
                    r = await c.get(f"/api/documents/{doc_id}")
                except httpx.HTTPError:
                    r = None
                stats.record("status", started, r, {200})


async def browser(
    base: str, tokens: dict[str, str], searches: list[str], stats: Stats, until: float, rng: random.Random
) -> None:
    role = rng.choice(["reviewer", "planner"])
    async with httpx.AsyncClient(
        base_url=base, headers={"Authorization": f"Bearer {tokens[role]}"}, timeout=60
    ) as c:
        while time.perf_counter() < until:
            q = rng.choice(QUERIES)
            if role == "reviewer":
                op, path = rng.choice(
                    [
                        ("list", "/api/documents?limit=50"),
                        ("units", f"/api/refdata/units?q={q}"),
                        ("queue", "/api/review/queue"),
                    ]
                )
            else:
                op, path = rng.choice(
                    [
                        ("search", f"/api/businesses?q={rng.choice(searches)}"),
                        ("search", f"/api/businesses?q={rng.choice(searches)}"),
                        ("units", f"/api/refdata/units?q={q}"),
                        ("vsic", f"/api/refdata/vsic?q={q}"),
                    ]
                )
            started = time.perf_counter()
            try:
                r = await c.get(path)
            except httpx.HTTPError:
                r = None
            stats.record(op, started, r, {200})


def start_server(env: dict[str, str]) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
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


def search_terms(probes: list[dict[str, str]]) -> list[str]:
    """What planners type: a business name, an owner, a name's last word, a registration number."""
    out: list[str] = []
    for p in probes:
        out += [p["name"], p["owner"], p["name"].split()[-1], p["reg"]]
    return [quote(t) for t in out]


def run(
    uploaders: int, browsers: int, seconds: float, workers: int, port: int = 8766, businesses: int = 5000
) -> Stats:
    payloads = make_jpegs(200, 0.1)
    with tempfile.TemporaryDirectory(prefix="hkd-load-") as tmp:
        pg = EmbeddedPostgres(Path(tmp) / "pg")
        try:
            url = pg.url("load_bench")
            asyncio.run(create_database(pg.start(), "load_bench"))
            env = dict(os.environ, DATABASE_URL=url, HKD_DATA_DIR=str(Path(tmp) / "var"), HKD_PORT=str(port),
                       HKD_WORKERS=str(workers), HKD_LOG_LEVEL="WARNING",
                       HKD_SEARCH_PER_MINUTE="1000000")  # fmt: skip  # many browsers share one user
            hkd(env, "migrate")
            tokens = {}
            for role in ("clerk", "reviewer", "planner"):
                hkd(env, "user", "add", f"load-{role}", "--role", role, "--password", "tải-thử-nghiệm-2026")
                tokens[role] = hkd(env, "token", "create", f"load-{role}").strip().splitlines()[-1]
            probes, _ = asyncio.run(load(url, businesses))
            searches = search_terms(probes) or QUERIES
            stats = Stats()
            server = start_server(env)
            try:
                base = f"http://127.0.0.1:{port}"

                async def go() -> None:
                    until = time.perf_counter() + seconds
                    await asyncio.gather(
                        *(
                            uploader(base, tokens["clerk"], payloads, stats, until, random.Random(i))
                            for i in range(uploaders)
                        ),
                        *(
                            browser(base, tokens, searches, stats, until, random.Random(1000 + i))
                            for i in range(browsers)
                        ),
                    )

                asyncio.run(go())
                alive = server.poll() is None
            finally:
                server.terminate()
                server.wait(60)
            asyncio.run(reconcile(url, stats))
        finally:
            pg.destroy()
    if not alive:
        stats.errors.append("the server died during the run")
    return stats


async def reconcile(url: str, stats: Stats) -> None:
    """Every document a client was told about is stored and has its OCR job; nothing else was stored."""
    conn = await asyncpg.connect(url)
    try:
        stored = {r["id"] for r in await conn.fetch("select id from documents")}
        with_job = {r["document_id"] for r in await conn.fetch("select distinct document_id from jobs")}
    finally:
        await conn.close()
    stats.stored, stats.jobs = len(stored), len(with_job)
    if not (stats.document_ids == stored == with_job):
        stats.errors.append(
            f"reconcile: answered {len(stats.document_ids)} documents, stored {len(stored)}, "
            f"with a job {len(with_job)}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--uploaders", type=int, default=50)
    parser.add_argument("--browsers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=1, help="OCR workers running during the test")
    parser.add_argument("--businesses", type=int, default=5000, help="synthetic businesses in the register")
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()
    load_before = os.getloadavg()
    stats = run(args.uploaders, args.browsers, args.seconds, args.workers, args.port, args.businesses)
    print(f"machine: {machine()}")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in load_before)}")
    print(
        f"{args.uploaders} uploaders + {args.browsers} browsers for {args.seconds:.0f} s, "
        f"{args.workers} OCR worker(s), {args.businesses} businesses in the register"
    )
    print(f"{'operation':<10} {'count':>7} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8}")
    for op, values in sorted(stats.latency.items()):
        print(
            f"{op:<10} {len(values):>7} {percentile(values, 50) * 1000:>8.0f} "
            f"{percentile(values, 90) * 1000:>8.0f} {percentile(values, 99) * 1000:>8.0f}"
        )
    print(
        f"documents: {len(stats.document_ids)} answered ({stats.created} created with 201, the rest repeats), "
        f"{stats.stored} stored, {stats.jobs} with an OCR job"
    )
    print(f"errors: {len(stats.errors)}")
    for line in stats.errors[:20]:
        print("  " + line)
    raise SystemExit(1 if stats.errors else 0)


if __name__ == "__main__":
    main()
