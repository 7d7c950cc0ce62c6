"""The dev generator's header and business-block variants: the truth is what the page prints, and the
variant draws leave the document's own stream alone (old seeds keep their other choices)."""

from __future__ import annotations

import random
from collections import Counter

from samples import header_print
from samples.content import make_certificate
from samples.forms import build_document
from samples.layout import Header, Paragraph

ERAS = ("2015", "2021", "2025")


def printed(i: int) -> tuple[list[str], list[str], header_print.HeaderWording, object]:
    rng = random.Random(f"header-print:{i}")
    cert = make_certificate(rng, ERAS[i % 3])
    blocks, style = build_document(rng, cert)
    header = next(b for b in blocks if isinstance(b, Header))
    left = ["".join(r.text for r in p.runs) for p in header.left]
    body = ["".join(r.text for r in b.runs) for b in blocks if isinstance(b, Paragraph)]
    return left, body, style.header, cert


def test_derived_streams_do_not_draw_from_the_documents_stream() -> None:
    rng = random.Random("any")
    before = rng.getstate()
    header_print.choose_wording(rng, "2015")
    header_print.committee_head(rng)
    header_print.loanword_name(rng, "TIỆM TÓC HOA")
    assert rng.getstate() == before


def test_the_committee_and_the_name_in_the_truth_are_as_printed() -> None:
    heads: Counter[str] = Counter()
    for i in range(120):
        left, body, _, cert = printed(i)
        record = cert.record  # type: ignore[attr-defined]
        office = cert.office  # type: ignore[attr-defined]
        assert record.issuing_authority.startswith(office + ", ")
        committee = record.issuing_authority[len(office) + 2 :]
        if committee.startswith("UBND "):
            assert committee in left  # one line: "UBND QUẬN …"
        else:
            assert " ".join(left[:2]) == committee
        assert office == left[-1]
        heads[committee.split()[0]] += 1
        assert any(record.business_name in line for line in body)
    assert heads["UBND"] and heads["UỶ"] and heads["ỦY"]


def test_every_number_label_of_each_generation_is_printed_before_the_number() -> None:
    seen: dict[str, set[str]] = {era: set() for era in ERAS}
    for i in range(300):
        _, body, wording, cert = printed(i)
        number = cert.record.registration_number  # type: ignore[attr-defined]
        lines = [line for line in body if line.replace(".", "").endswith(number.replace(".", ""))]
        assert lines, number
        if wording.number_label:
            seen[ERAS[i % 3]].add(wording.number_label)
    for era in ERAS:
        assert seen[era] == set(header_print.NUMBER_LABELS[era])


def test_item_numbers_as_offices_print_them() -> None:
    assert [header_print.item_number(f, 3) for f in ("{n}. ", "{n}) ", "{a}) ", "")] == [
        "3. ",
        "3) ",
        "c) ",
        "",
    ]
