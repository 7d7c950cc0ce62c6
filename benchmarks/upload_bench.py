"""Upload latency and queue overhead, measured against a real `hkd serve` on loopback.

    python -m benchmarks.upload_bench --clients 20 --uploads 400 --size-mb 2 --workers 0
    python -m benchmarks.upload_bench --queue-jobs 300

Upload: starts `hkd serve` (embedded PostgreSQL in a temp data dir), creates a clerk and a token, and
sends distinct ~2 MB JPEGs from N concurrent httpx clients; prints p50/p90/p99 latency and throughput.
Queue: enqueues M one-page documents, runs one worker in-process and compares the time per job with the
time of the job's own work (load + render of the same page), so the difference is what the queue and the
job bookkeeping cost.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np
from PIL import Image

from service.db.embedded import EmbeddedPostgres


def make_jpegs(count: int, size_mb: float, seed: int = 1) -> list[bytes]:
    """Distinct JPEGs of about `size_mb` each (noise compresses badly, so size tracks pixel count)."""
    rng = np.random.default_rng(seed)
    side = int(1057 * size_mb**0.5)
    base = rng.integers(0, 255, (side, side, 3), dtype=np.uint8)
    out = []
    for i in range(count):
        img = base.copy()
        img[i % side, :, :] = (i * 7) % 255  # one line differs: a new hash, same size
        buf = io.BytesIO()
        Image.fromarray(img).save(buf, "JPEG", quality=90)
        out.append(buf.getvalue())
    return out


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def hkd(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [sys.executable, "-m", "service.cli", *args], env=env, check=True, capture_output=True, text=True
    ).stdout


async def run_uploads(base: str, token: str, payloads: list[bytes], clients: int) -> list[float]:
    latencies: list[float] = []
    queue: asyncio.Queue[tuple[int, bytes]] = asyncio.Queue()
    for item in enumerate(payloads):
        queue.put_nowait(item)

    async def client() -> None:
        async with httpx.AsyncClient(
            base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60
        ) as c:
            while not queue.empty():
                i, data = queue.get_nowait()
                start = time.perf_counter()
                r = await c.post("/api/documents", files={"file": (f"{i}.jpg", data, "image/jpeg")})
                latencies.append(time.perf_counter() - start)
                if r.status_code != 201:
                    raise RuntimeError(f"upload {i}: {r.status_code} {r.text[:200]}")

    await asyncio.gather(*(client() for _ in range(clients)))
    return latencies


def bench_uploads(args: argparse.Namespace) -> None:
    payloads = make_jpegs(args.uploads + 20, args.size_mb)
    with tempfile.TemporaryDirectory(prefix="hkd-bench-") as tmp:
        port = "8765"
        env = dict(
            os.environ, HKD_DATA_DIR=str(Path(tmp) / "var"), HKD_PORT=port, HKD_WORKERS=str(args.workers)
        )
        env["HKD_LOG_LEVEL"] = "WARNING"
        hkd(env, "migrate")
        hkd(env, "user", "add", "bench", "--role", "clerk", "--password", "toc-do-tai-len-2026")
        token = hkd(env, "token", "create", "bench").strip().splitlines()[-1]
        server = subprocess.Popen(
            [sys.executable, "-m", "service.cli", "serve"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            asyncio.run(run_uploads(base, token, payloads[:20], args.clients))  # warm-up
            start = time.perf_counter()
            lat = asyncio.run(run_uploads(base, token, payloads[20:], args.clients))
            wall = time.perf_counter() - start
        finally:
            server.terminate()
            server.wait(60)
            EmbeddedPostgres(Path(tmp) / "var").destroy()  # as root the cluster lives outside tmp
    size = sum(len(p) for p in payloads[20:]) / len(payloads[20:]) / 1e6
    print(f"machine: {machine()}")
    print(
        f"uploads: {len(lat)} distinct JPEGs of {size:.2f} MB, {args.clients} concurrent clients, workers={args.workers}"
    )
    print(
        f"latency ms: p50 {percentile(lat, 50) * 1000:.0f}  p90 {percentile(lat, 90) * 1000:.0f}  "
        f"p99 {percentile(lat, 99) * 1000:.0f}  max {max(lat) * 1000:.0f}"
    )
    print(f"throughput: {len(lat) / wall:.1f} uploads/s, {len(lat) * size / wall:.1f} MB/s")


async def bench_queue(args: argparse.Namespace) -> None:
    import asyncpg
    import msgspec

    from ocr.pages import load_pages
    from service.db import create_pool
    from service.db.embedded import EmbeddedPostgres
    from service.db.migrate import apply_migrations
    from service.documents.uploads import accept_upload
    from service.runtime.settings import Settings
    from service.runtime.storage import BlobStore
    from service.worker import run_worker

    tiny = [make_jpegs(1, 0.01, seed=s)[0] for s in range(args.queue_jobs)]
    with tempfile.TemporaryDirectory(prefix="hkd-qbench-") as tmp:
        server = EmbeddedPostgres(Path(tmp) / "var")
        url = server.start()
        try:
            settings = msgspec.structs.replace(
                Settings(data_dir_name=str(Path(tmp) / "var")), database_url=url
            )
            conn = await asyncpg.connect(url)
            await apply_migrations(conn)
            await conn.close()
            pool = await create_pool(url, settings)
            blobs = BlobStore.open(None, settings.blob_dir)
            for i, data in enumerate(tiny):
                await accept_upload(pool, blobs, data, f"{i}.jpg", settings.upload_limits)
            work_start = time.perf_counter()
            for data in tiny[:50]:
                for page in load_pages(data, settings.upload_limits):
                    page.save(io.BytesIO(), "PNG", optimize=False, compress_level=3)  # a page's review PNG
            work_per_job = (time.perf_counter() - work_start) / 50
            stop = asyncio.Event()
            start = time.perf_counter()
            task = asyncio.create_task(run_worker(settings, url, stop))
            while await pool.fetchval("select count(*) from jobs where status <> 'succeeded'") > 0:
                await asyncio.sleep(0.05)
            wall = time.perf_counter() - start
            stop.set()
            await task
            await pool.close()
        finally:
            server.destroy()
    per_job = wall / len(tiny)
    print(f"machine: {machine()}")
    print(f"queue: {len(tiny)} one-page jobs, 1 worker: {per_job * 1000:.1f} ms/job in total")
    print(f"  the job's own work (decode + render PNG): {work_per_job * 1000:.1f} ms/job")
    print(f"  queue + bookkeeping overhead: {(per_job - work_per_job) * 1000:.1f} ms/job")
    print(
        f"  (an OCR page takes ~1000 ms, so the overhead is {(per_job - work_per_job) / 1.0 * 100:.1f}% of a page)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--uploads", type=int, default=400)
    parser.add_argument("--size-mb", type=float, default=2.0)
    parser.add_argument("--workers", type=int, default=0, help="OCR workers running during the upload bench")
    parser.add_argument("--queue-jobs", type=int, default=0, help="run the queue bench with this many jobs")
    args = parser.parse_args()
    if args.queue_jobs:
        asyncio.run(bench_queue(args))
    else:
        bench_uploads(args)


if __name__ == "__main__":
    main()
