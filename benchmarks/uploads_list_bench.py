"""The clerk's list of uploads at commune scale: how long one poll takes.

    python -m benchmarks.uploads_list_bench [--mine 3000] [--others 20000] [--runs 40]
                                            [--database-url postgresql://postgres@127.0.0.1:5432/postgres]

Creates a throwaway database on that server, applies the migrations, loads `--mine` documents of one
clerk and `--others` of other people (each with its job and extraction; one in ten unrecognised, with
its words; some rejected and approved), then times `list_uploads` as the upload page polls it: the
first page, a page filtered by outcome, a page searched by file name, and a batch of 20 ids.
Prints p50/p90 per query.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import uuid

import asyncpg

from service.db.migrate import apply_migrations
from service.documents.outcomes import Outcome, list_uploads

SEED = """
insert into users (username, role) values ('clerk', 'clerk'), ('other', 'clerk');
insert into documents (sha256, media_type, size_bytes, page_count, original_name, uploaded_by, status)
select md5(g::text) || md5((g * 7)::text), 'image/jpeg', 1000, 1, 'scan-' || g || '.jpg',
       case when g <= $1 then 1 else 2 end,
       case when g % 10 = 3 then 'rejected' when g % 10 = 4 then 'approved' when g % 50 = 5 then 'queued'
            else 'processed' end
from generate_series(1, $1 + $2) g;
"""
SEED_ROWS = """
insert into jobs (document_id, status, step) select id, 'succeeded', 'done' from documents;
insert into extractions (document_id, layout, record, fields, findings)
select id, case when id % 10 = 7 then 'unrecognised' else '2021' end, '{}', '{}', '[]' from documents;
insert into words (document_id, page, seq, text, conf, x, y, w, h, line, block)
select d.id, 1, s, 'chữ', 90, 0, 0, 1, 1, 1, 1 from documents d, generate_series(1, 40) s where d.id % 10 = 7;
insert into review_states (document_id, reject_reason) select id, 'Ảnh mờ' from documents where status = 'rejected';
insert into approved_records (document_id, layout, record, action, business_id, approved_by)
select id, '2021', '{}', 'create_business', id, 1 from documents where status = 'approved';
analyze;
"""


async def main(args: argparse.Namespace) -> None:
    name = f"bench_uploads_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(args.database_url)
    await admin.execute(f'create database "{name}"')
    url = args.database_url.rsplit("/", 1)[0] + "/" + name
    try:
        conn = await asyncpg.connect(url)
        await apply_migrations(conn)
        seed_users, seed_docs = SEED.split(";", 1)[0], SEED.split(";", 1)[1]
        await conn.execute(seed_users)
        await conn.execute(seed_docs.replace("$1", str(args.mine)).replace("$2", str(args.others)))
        await conn.execute(SEED_ROWS)
        await conn.close()
        pool = await asyncpg.create_pool(url, min_size=1, max_size=2)
        ids = list(range(args.mine - 19, args.mine + 1))
        cases = {
            "first page": {},
            "outcome=not_a_certificate": {"outcome": Outcome.NOT_A_CERTIFICATE},
            "q=scan-12": {"name": "scan-12"},
            "20 ids (a batch)": {"ids": ids},
        }
        for label, kwargs in cases.items():
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                page = await list_uploads(pool, 1, **kwargs)  # type: ignore[arg-type]
                times.append((time.perf_counter() - start) * 1000)
            times.sort()
            p90 = times[int(len(times) * 0.9) - 1]
            print(
                f"{label:28} p50 {statistics.median(times):6.1f} ms  p90 {p90:6.1f} ms  ({page.total} rows)"
            )
        await pool.close()
    finally:
        await admin.execute(f'drop database if exists "{name}" with (force)')
        await admin.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mine", type=int, default=3000)
    parser.add_argument("--others", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--database-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    asyncio.run(main(parser.parse_args()))
