"""A short run of the mixed load test against a real `hkd serve` (the full 60 s run is in docs/benchmarks.md)."""

from __future__ import annotations

import pytest

from samples.load_bench import run


@pytest.mark.slow
def test_mixed_load_has_no_errors() -> None:
    stats = run(uploaders=8, browsers=8, seconds=6, workers=1, port=8767)
    assert stats.errors == []
    assert len(stats.latency["upload"]) >= 8 and len(stats.latency["units"]) >= 4
