"""A short run of the mixed load test against a real `hkd serve` (the full 60 s run is in docs/benchmarks.md)."""

from __future__ import annotations

import pytest

from benchmarks.load_bench import run


@pytest.mark.slow
def test_mixed_load_has_no_errors_and_reconciles() -> None:
    stats = run(uploaders=8, browsers=8, seconds=6, workers=1, port=8767, businesses=1000)
    assert stats.errors == []
    browsing = sum(len(stats.latency[op]) for op in ("list", "queue", "search", "units", "vsic"))
    assert len(stats.latency["upload"]) >= 8 and browsing >= 8  # every client got answers
    assert stats.latency["search"]  # register search (GET /api/businesses?q=) is part of the mix
    assert stats.document_ids and len(stats.document_ids) == stats.stored == stats.jobs
