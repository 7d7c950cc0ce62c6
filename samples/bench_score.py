"""Scoring for the OCR benchmark: compare an extraction with the truth record, field by field.

A field is right when its normalised value equals the truth's (NFC, one space; dates ISO; lists of
business lines / members compared whole). A silent error is a wrong field not sent to review
(status `ok`, or `missing` while the truth has a value): nobody would look at it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import msgspec

from schemas.record import RECORD_FIELD_PATHS, Extraction, FieldStatus, Record
from schemas.vietnamese import normalize_text


def field_value(record: Record, path: str) -> Any:
    obj: Any = record
    for part in path.split("."):
        obj = getattr(obj, part)
    return canonical(obj)


def canonical(value: Any) -> Any:
    if isinstance(value, str):
        return normalize_text(value) or None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [
            canonical(msgspec.structs.asdict(v)) if isinstance(v, msgspec.Struct) else canonical(v)
            for v in value
        ]
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items()}
    return value


class FieldOutcome(msgspec.Struct, frozen=True):
    path: str
    correct: bool
    status: str
    truth: Any
    got: Any
    confidence: float = 0.0


def score_extraction(extraction: Extraction, truth: Record) -> list[FieldOutcome]:
    out = []
    for path in RECORD_FIELD_PATHS:
        want = field_value(truth, path)
        got = field_value(extraction.record, path)
        result = extraction.fields.get(path)
        status = result.status.value if result is not None else FieldStatus.MISSING.value
        out.append(
            FieldOutcome(
                confidence=result.confidence if result is not None else 0.0,
                path=path,
                correct=(want == got) or (want in (None, []) and got in (None, [])),
                status=status,
                truth=want,
                got=got,
            )
        )
    return out


def is_silent(o: FieldOutcome) -> bool:
    return not o.correct and o.status != FieldStatus.NEEDS_REVIEW.value


class Tally(msgspec.Struct):
    fields: int = 0
    correct: int = 0
    silent: int = 0
    review: int = 0

    def add(self, o: FieldOutcome) -> None:
        self.fields += 1
        self.correct += o.correct
        self.silent += is_silent(o)
        self.review += o.status == FieldStatus.NEEDS_REVIEW.value

    def pct(self, n: int) -> float:
        return 100.0 * n / self.fields if self.fields else 0.0


def tally(outcomes: list[tuple[str, list[FieldOutcome]]]) -> tuple[Tally, dict[str, Tally], dict[str, Tally]]:
    """(overall, per tier, per field) from (tier, outcomes) pairs."""
    overall = Tally()
    tiers: dict[str, Tally] = defaultdict(Tally)
    fields: dict[str, Tally] = defaultdict(Tally)
    for tier, items in outcomes:
        for o in items:
            overall.add(o)
            tiers[tier].add(o)
            fields[o.path].add(o)
    return overall, dict(tiers), dict(fields)
