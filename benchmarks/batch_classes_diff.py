"""Whether two runs of the batch classifier agree page for page: the `--dump` files of
`benchmarks.batch_bench` (classes-batch.pdf.json, classes-batch.tif.json, one per tier folder) made by
two versions of the code on the same cached batches. Every page's class (kind, other paper, rotation,
confidence, reasons, blob count) and the split built from them (documents, roles, boundaries and their
flags, blanks) must be the same: a change meant only to make the batch pass cheaper must not move a
page or a boundary, or the boundary benchmarks measured on the other version no longer hold.

    python -m benchmarks.batch_classes_diff var/bench-main var/bench-branch
"""

from __future__ import annotations

import argparse
from pathlib import Path

import msgspec

from ocr.batch.classify import PageClass
from ocr.batch.split import split_pages


class Row(msgspec.Struct):
    got: PageClass


class Dump(msgspec.Struct):
    pages: list[Row]


def load(path: Path) -> list[PageClass]:
    return [row.got for row in msgspec.json.decode(path.read_bytes(), type=Dump).pages]


def differences(before: list[PageClass], after: list[PageClass]) -> list[str]:
    """What differs, page by page and then in the split (empty when the two agree)."""
    if len(before) != len(after):
        return [f"{len(before)} pages against {len(after)}"]
    found = [f"page {n}: {a} -> {b}" for n, (a, b) in enumerate(zip(before, after, strict=True), 1) if a != b]
    split_a, split_b = split_pages(before), split_pages(after)
    if split_a != split_b:
        found.append(f"split: {split_a} -> {split_b}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.batch_classes_diff", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("before", type=Path, help="cache folder of the first run (--cache of batch_bench)")
    parser.add_argument("after", type=Path, help="cache folder of the second run")
    args = parser.parse_args(argv)
    dumps = sorted(p.relative_to(args.before) for p in args.before.glob("*/classes-*.json"))
    if not dumps:
        print(f"no classes-*.json under {args.before}")
        return 2
    failed = 0
    for name in dumps:
        before, after = load(args.before / name), load(args.after / name)
        found = differences(before, after)
        documents = len(split_pages(before).documents)
        print(f"{name}: {len(before)} pages, {documents} documents: {'SAME' if not found else 'DIFFERENT'}")
        for line in found:
            print(f"  {line}")
        failed += bool(found)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
