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
        from ocr import tesseract_engine
        from rules.address_index import build_address_index
        caches = [f.cache_info().currsize for f in (load_line_model, build_address_index, reference_words)]
        return caches + [int(getattr(tesseract_engine._local, "engine", None) is not None)]

    if __name__ == "__main__":
        if sys.argv[1] == "prepared":
            prepare_children(second_reader=sys.argv[2] == "1", models_dir=None)
        print(run_bounded(loaded, kill_after_s=120, memory_mb=2048))
    """
)


ROOT = Path(__file__).resolve().parents[2]


def child_caches(tmp: Path, *args: str, probe: str = PROBE) -> list[int]:
    """Which caches an OCR child finds filled when it starts, in a fresh process (the forkserver is
    one per process, so its configuration cannot be changed inside the test process)."""
    script = tmp / "probe.py"  # a file, not `-c`: the child unpickles `loaded` from it
    script.write_text(probe)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, str(script), *args], capture_output=True, text=True, timeout=120, check=True, env=env
    )
    return [int(n) for n in out.stdout.strip().strip("[]").split(",")]


@pytest.mark.skipif(not mf.installed(mf.default_models_dir()), reason="second reader model not set up")
def test_a_worker_s_children_start_with_the_model_and_reference_data_loaded(tmp_path: Path) -> None:
    assert child_caches(tmp_path, "prepared", "1") == [1, 1, 1, 1]  # and Tesseract's engine


def test_the_model_is_not_loaded_when_the_second_reader_is_off(tmp_path: Path) -> None:
    model, address_index, words, tesseract = child_caches(tmp_path, "prepared", "0")
    assert model == 0 and address_index == 1 and words == 1 and tesseract == 1


LATE_LOADERS_PROBE = textwrap.dedent(
    """
    import sys
    from ocr.bounded import prepare_children, run_bounded

    def loaded():
        from ocr.extraction import label_windows, tables
        from schemas.reference import load_old_to_new_index
        loaders = (load_old_to_new_index, tables._vsic_words, label_windows.label_index)
        return [f.cache_info().currsize for f in loaders]

    if __name__ == "__main__":
        prepare_children(second_reader=False, models_dir=None)
        print(run_bounded(loaded, kill_after_s=120, memory_mb=2048))
    """
)


def test_children_start_with_the_loaders_the_first_document_used_to_pay_for(tmp_path: Path) -> None:
    """Stop 23 profile of a child's first document after the preload: the old → new units index (0.23
    CPU s), the VSIC word lists of `odd_marks` (0.08 s) and the label index were still loaded in
    every child, that is for every document a worker reads."""
    assert child_caches(tmp_path, probe=LATE_LOADERS_PROBE) == [1, 1, 1]


def test_ctrl_c_while_the_forkserver_loads_prints_no_traceback() -> None:
    """Ctrl-C reaches the whole process group, the forkserver too, while it still loads (seen in CI: a
    KeyboardInterrupt traceback in `hkd serve`'s output); loading ignores SIGINT, and the default
    handler is back afterwards, for the children."""
    import signal
    import time

    code = (
        "import signal, sys\n"
        "import ocr.preload\n"
        "sys.stdout.write(str(signal.getsignal(signal.SIGINT) is signal.default_int_handler))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)  # fmt: skip
    time.sleep(0.3)  # inside the imports and the loading, which take seconds
    for _ in range(3):
        child.send_signal(signal.SIGINT)
        time.sleep(0.2)
    out, err = child.communicate(timeout=120)
    assert "Traceback" not in err and child.returncode == 0, err[-2000:]
    assert out == "True"


GROUP_PROBE = textwrap.dedent(
    """
    import os, signal, sys
    from ocr.bounded import prepare_children, run_bounded

    if __name__ == "__main__":
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the test's Ctrl-C is for the forkserver
        signal.signal(signal.SIGINT, signal.default_int_handler)
        prepare_children(second_reader=False, models_dir=None)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        print("started", flush=True)
        sys.stdin.readline()  # the test has sent its signals
        from multiprocessing import forkserver
        server = forkserver._forkserver._forkserver_pid
        print(os.waitpid(server, os.WNOHANG) == (0, 0), flush=True)  # it is still the one running
        print(run_bounded(os.getpid, kill_after_s=120, memory_mb=2048) != os.getpid(), flush=True)
    """
)


def test_ctrl_c_to_the_group_while_the_forkserver_starts_python_prints_no_traceback(tmp_path: Path) -> None:
    """The forkserver is a new Python: Ctrl-C that reaches it while it still imports `site`, before any
    of our code runs, killed it with 'Fatal Python error: init_import_site' and a KeyboardInterrupt
    traceback in `hkd serve`'s output (seen in CI), or silently before Python had installed its handler.
    It starts with SIGINT ignored: the same forkserver is running afterwards, and serves."""
    import signal
    import time

    script = tmp_path / "group_probe.py"
    script.write_text(GROUP_PROBE)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, str(script)], env=env, cwd=ROOT, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)  # fmt: skip
    assert child.stdout is not None and child.stdin is not None
    assert child.stdout.readline().strip() == "started"
    deadline = time.monotonic() + 1.5  # the forkserver's start: site, then the OCR modules
    while time.monotonic() < deadline:
        os.killpg(child.pid, signal.SIGINT)
        time.sleep(0.005)
    out, err = child.communicate("go\n", timeout=120)
    assert "Traceback" not in err and "Fatal Python error" not in err, err[-2000:]
    assert child.returncode == 0 and out.split() == ["True", "True"], (out, err[-2000:])
