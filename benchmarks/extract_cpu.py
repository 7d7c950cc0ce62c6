"""CPU a page of `hkd extract`'s work, file by file, without start-up, and each file's answer (stop 23).

    PYTHONPATH=<checkout> python -m benchmarks.extract_cpu OUT_DIR FILE... [--profile PROF]

Does in one process what `hkd extract --json` does (settings, the second reader loaded once,
`run_document`, `validate_extraction`) and prints the CPU (user + system of the process and its
children, getrusage) around each file, then the total a page. Each file's answer is written to
OUT_DIR/<name>.json, so that two checkouts (run this with each one's PYTHONPATH) can be compared byte
for byte with `cmp`: a speed change that is meant to change no reading must leave them identical.
`--profile` dumps a cProfile (process-CPU timer) of the files, start-up excluded.
"""

from __future__ import annotations

import argparse
import cProfile
import resource
import time
from pathlib import Path


def cpu_s() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.extract_cpu", description=__doc__.splitlines()[0]
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("files", type=Path, nargs="+")
    parser.add_argument("--profile", type=Path)
    args = parser.parse_args(argv)

    started = cpu_s()
    import msgspec

    from ocr.pipeline import load_second_reader, run_document
    from rules.record import validate_extraction
    from service.runtime.settings import load_settings

    settings = load_settings()
    reader = load_second_reader(settings.ocr_second_reader, settings.models_dir_name)
    print(f"start-up {cpu_s() - started:.2f} CPU s")
    args.out.mkdir(parents=True, exist_ok=True)
    profile = cProfile.Profile(time.process_time) if args.profile else None
    total = 0.0
    for path in args.files:
        data = path.read_bytes()
        before = cpu_s()
        if profile:
            profile.enable()
        result = run_document(data, path.name, timeout_s=settings.ocr_timeout_seconds,
                              limits=settings.upload_limits, second_reader=reader)  # fmt: skip
        extraction = validate_extraction(result.extraction)
        if profile:
            profile.disable()
        spent = cpu_s() - before
        total += spent
        (args.out / f"{path.name}.json").write_bytes(msgspec.json.encode(extraction))
        print(f"{path.name} {spent:.2f}")
    print(f"total {total:.2f} CPU s, {total / len(args.files):.3f} a file")
    if profile and args.profile:
        profile.dump_stats(args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
