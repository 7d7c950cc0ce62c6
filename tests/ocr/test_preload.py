"""OCR children inherit the second reader and the reference data from their forkserver (ocr.preload)
instead of loading them for every document: a worker reads one document per child, so whatever a child
loads itself is paid again on the next document."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ocr.second_reader import model_files as mf

pytestmark = pytest.mark.ocr

PROBE = textwrap.dedent(
    """
    import sys
    from ocr.bounded import prepare_children, run_bounded

    def loaded():
        from ocr.extraction.cross_reading import reference_words
        from ocr.second_reader.model import load_line_model
        from rules.address_index import build_address_index
        return [f.cache_info().currsize for f in (load_line_model, build_address_index, reference_words)]

    if __name__ == "__main__":
        if sys.argv[1] == "prepared":
            prepare_children(second_reader=sys.argv[2] == "1", models_dir=None)
        print(run_bounded(loaded, kill_after_s=120, memory_mb=2048))
    """
)


ROOT = Path(__file__).resolve().parents[2]


def child_caches(tmp: Path, *args: str) -> list[int]:
    """Which caches an OCR child finds filled when it starts, in a fresh process (the forkserver is
    one per process, so its configuration cannot be changed inside the test process)."""
    script = tmp / "probe.py"  # a file, not `-c`: the child unpickles `loaded` from it
    script.write_text(PROBE)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, str(script), *args], capture_output=True, text=True, timeout=120, check=True, env=env
    )
    return [int(n) for n in out.stdout.strip().strip("[]").split(",")]


@pytest.mark.skipif(not mf.installed(mf.default_models_dir()), reason="second reader model not set up")
def test_a_worker_s_children_start_with_the_model_and_reference_data_loaded(tmp_path: Path) -> None:
    assert child_caches(tmp_path, "prepared", "1") == [1, 1, 1]


def test_the_model_is_not_loaded_when_the_second_reader_is_off(tmp_path: Path) -> None:
    model, address_index, words = child_caches(tmp_path, "prepared", "0")
    assert model == 0 and address_index == 1 and words == 1
