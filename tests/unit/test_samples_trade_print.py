"""The dev generator's trade sections print their truth: every name as it stands in the record, and
its code beside it exactly when the record has one (a table without a code column, or a code-less
list, has no codes in the truth)."""

from __future__ import annotations

import random

from samples.content import make_certificate
from samples.forms import build_document
from samples.layout import Paragraph, Table
from samples.trade_print import TABLES, choose_trade_print


def trade_section_text(seed: int, layout: str) -> tuple[list[tuple[str | None, str | None]], str, str | None]:
    rng = random.Random(seed)
    cert = make_certificate(rng, layout)
    blocks, _ = build_document(rng, cert)
    out, on = [], False
    for block in blocks:
        if isinstance(block, Paragraph):
            text = "".join(r.text for r in block.runs)
            if "ngành" in text.lower() and "kinh doanh" in text.lower() and not on:
                on = True
            elif "Vốn kinh doanh" in text:
                on = False
            if on:
                out.append(text)
        elif isinstance(block, Table) and on:
            out.append(" | ".join(block.headers))
            out += [" | ".join(row) for row in block.rows]
    tp = choose_trade_print(cert.record.registration_number or "", cert.record.business_lines)
    truth = [(line.code, line.name) for line in cert.record.business_lines]
    return truth, "\n".join(out), tp.kind if tp else None


def test_every_printed_trade_variant_prints_its_truth() -> None:
    kinds = set()
    for seed in range(240):
        truth, printed, kind = trade_section_text(seed, ("2015", "2021", "2025")[seed % 3])
        kinds.add(kind)
        for code, name in truth:
            assert name and name in printed, (seed, name)
            if code is not None:
                assert code in printed, (seed, code)
        if kind == "no_code":
            assert all(code is None for code, _ in truth)
    # "commas" is left out: it is drawn only when no name has a comma (see benchmarks.md, stop 22)
    assert set(TABLES) <= kinds and {"semicolons", "bullets", "inline", None} <= kinds
