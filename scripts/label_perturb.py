"""Silent errors under label perturbation: dev documents' cached OCR words (`benchmarks.extractor_pair
ocr`), one label at a time reworded, abbreviated, its colon dropped or moved, an office's own line
inserted, label and value split or two items joined on one line, a value wrapped
(scripts/perturb_kinds.py), extracted by the extractor on PYTHONPATH and scored strictly
(`samples.strict_score`). Aggregates only.

    PYTHONPATH=<tree> python scripts/label_perturb.py --seeds 182198,762367 --count 12 --cache DIR

The perturbed words are written under DIR/perturbed on the first run and read back after, so a
before/after (PYTHONPATH=/work/main, then the branch) scores the same inputs whatever either
extractor's anchors are (`--prepare` writes them alone, so two extractors can then run side by side). Run as a file (not -m): it must work with the main checkout on PYTHONPATH.

Columns per kind: `n` perturbed documents, `fields` counted units, `wrong`, `silent` (wrong and `ok`),
`new silent` (silent units of a path that was not silent in the same document unperturbed).
`--detail` adds which paths went silent (no values). `--wordings heldout` draws the reworded labels,
abbreviations and inserted lines from a second list, written after the fixes and not used to make them.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import random
import sys
from collections import Counter
from pathlib import Path

import msgspec

sys.path.insert(0, str(Path(__file__).resolve().parent))

from perturb_kinds import ACTIVE, KINDS, WORDING_SETS, Row, Rows

from benchmarks.extractor_pair import plan
from ocr.extraction import extract_record
from ocr.extraction.fields import read_document
from ocr.extraction.lines import build_lines
from ocr.results import PageResult
from samples.strict_score import Unit, View, review_counts, score_document
from schemas.record import Record

SKIP = ("_", "members_heading", "business_lines", "amendment", "capital_words")
"""Anchors not perturbed: section and table headings (their own harnesses), the amendment clause."""

Variant = tuple[str, str, list[PageResult]]  # kind, field, pages


def to_rows(pages: list[PageResult]) -> tuple[Rows, object]:
    lines = build_lines(pages)
    doc = read_document(lines)
    return [Row(line.page, [t.word for t in line.tokens]) for line in lines], doc


def to_pages(rows: Rows, pages: list[PageResult]) -> list[PageResult]:
    return [
        msgspec.structs.replace(p, words=[w for r in rows if r.page == p.number for w in r.words])
        for p in pages
    ]


def variants(key: str, pages: list[PageResult]) -> list[Variant]:
    rows, doc = to_rows(pages)
    seen: set[str] = set()
    out: list[Variant] = []
    for anchor in doc.anchors:  # type: ignore[attr-defined]
        if anchor.name.startswith(SKIP) or anchor.name in seen:
            continue
        seen.add(anchor.name)
        for kind, perturb in KINDS.items():
            digest = hashlib.sha256(f"{key}/{kind}/{anchor.name}".encode()).digest()
            new = perturb(rows, doc, anchor, random.Random(digest))  # type: ignore[arg-type]
            if new is not None:
                out.append((kind, anchor.name, to_pages(new, pages)))
    return out


def cached_variants(path: Path, key: str, pages: list[PageResult]) -> list[Variant]:
    if path.exists():
        found: list[Variant] = pickle.loads(path.read_bytes())  # noqa: S301 (our own cache)
        return found
    found = variants(key, pages)
    path.write_bytes(pickle.dumps(found))
    return found


def units_of(pages: list[PageResult], truth: Record) -> tuple[list[Unit], tuple[int, int]]:
    ex = extract_record("x.png", pages)
    statuses = {k: str(getattr(v.status, "value", v.status)) for k, v in ex.fields.items()}
    view = View(layout=str(ex.layout), record=ex.record, statuses=statuses)
    return score_document(view, truth), review_counts(view, truth)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", required=True)
    parser.add_argument("--count", type=int, default=12)
    parser.add_argument("--cache", required=True)
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--detail", action="store_true")
    parser.add_argument("--wordings", choices=tuple(WORDING_SETS), default="dev")
    parser.add_argument("--prepare", action="store_true", help="only write the perturbed words")
    args = parser.parse_args()
    kinds = args.kinds.split(",")
    ACTIVE["set"] = args.wordings
    store = Path(args.cache) / ("perturbed" if args.wordings == "dev" else f"perturbed-{args.wordings}")
    store.mkdir(parents=True, exist_ok=True)
    table: dict[str, Counter[str]] = {k: Counter() for k in ("unperturbed", *kinds)}
    paths: dict[str, Counter[str]] = {k: Counter() for k in table}
    for job in plan([int(s) for s in args.seeds.split(",")], args.count, None, args.cache):
        cached = Path(job[4]) / f"{job[0]}_{job[1]}_{job[3]}.pkl"
        if not cached.exists():
            continue  # words not read yet (benchmarks.extractor_pair ocr reads them)
        truth, tier, pages = pickle.loads(cached.read_bytes())  # noqa: S301
        key = f"{job[0]}_{job[1]}_{job[3]}"
        if args.prepare:
            cached_variants(store / f"{key}.pkl", key, pages)
            continue
        base, (seen, counted) = units_of(pages, truth)
        base_silent = Counter(u.path for u in base if u.silent)
        row = table["unperturbed"]
        row.update(n=1, fields=len(base), wrong=sum(not u.correct for u in base))
        row.update(silent=sum(u.silent for u in base))
        if tier == "clean":
            row.update(review_clean=seen, shown_clean=counted)
        paths["unperturbed"].update(base_silent)
        for kind, field, new_pages in cached_variants(store / f"{key}.pkl", key, pages):
            if kind not in kinds:
                continue
            units, _ = units_of(new_pages, truth)
            silent = Counter(u.path for u in units if u.silent)
            fresh = silent - base_silent
            row = table[kind]
            row.update(n=1, fields=len(units), wrong=sum(not u.correct for u in units))
            row.update(silent=sum(silent.values()), new_silent=sum(fresh.values()))
            paths[kind].update(f"{field}→{p}" for p in fresh.elements())
    if args.prepare:
        return
    print("kind | n | fields | wrong | silent | new silent")
    for kind, c in table.items():
        print(f"{kind} | {c['n']} | {c['fields']} | {c['wrong']} | {c['silent']} | {c['new_silent']}")
    u = table["unperturbed"]
    if u["shown_clean"]:
        print(f"review on clean (unperturbed): {u['review_clean']}/{u['shown_clean']}"
              f" = {100 * u['review_clean'] / u['shown_clean']:.1f} %")  # fmt: skip
    if args.detail:
        for kind, c in paths.items():
            if c:
                print(f"{kind}: " + ", ".join(f"{p} {n}" for p, n in c.most_common()))


if __name__ == "__main__":
    main()
