"""Strict field scoring (issue 13): what the register would receive, counted so that nothing flatters it.

Rules (README of samples/stranger has the why):

- A *unit* is one scalar field, or one item of a list field (`business_lines`, `members`). A field
  counts when its truth is not empty, or when the extraction gave it a value the truth does not have
  (an *invented* value, always wrong). Fields empty on both sides are not counted: nothing to get right.
- Values compare after NFC and white-space collapsing (the contract's normal form), dates as ISO,
  money and counts as integers. Nothing else is folded: tone placement, case, punctuation and
  abbreviations must be as printed.
- List items are matched as a multiset: each truth item equal to an unused extracted item is right;
  the truth items left over are wrong (paired in order with the extracted items left over, or missing);
  extracted items beyond the truth's count are invented units. A business line is (code, name); a member
  is (name, birth date, gender, ID number). Every unit of a list carries the list field's status.
- A wrong unit is *silent* when its status is `ok` or when it has no status at all; it is *flagged* when
  its status is `needs_review` or `missing`. An empty record (no file result, an error, or no value at
  all) makes every counted field wrong and silent, whatever the statuses say.
- *Review* is per field on the reviewer's screen: fields with status `needs_review`, over the fields
  whose truth is not empty plus any other field sent to review.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from typing import Any

import msgspec

from schemas.record import RECORD_FIELD_PATHS, Record
from schemas.vietnamese import normalize_text

LIST_FIELDS = ("business_lines", "members")
UNFLAGGED = ("ok", "none", "empty_record")
BINS = (0.0, 0.5, 0.7, 0.8, 0.86, 0.9, 0.95, 0.98, 1.0001)


class View(msgspec.Struct):
    """One file's result as the scorer needs it, decoded leniently (new statuses or layouts still load)."""

    layout: str
    record: Record | None
    statuses: dict[str, str] = msgspec.field(default_factory=dict)
    confidences: dict[str, float] = msgspec.field(default_factory=dict)
    codes: list[str] = msgspec.field(default_factory=list)


class Unit(msgspec.Struct, frozen=True):
    path: str
    correct: bool
    status: str  # ok | needs_review | missing | none | empty_record
    confidence: float | None
    invented: bool = False

    @property
    def silent(self) -> bool:
        return not self.correct and self.status in UNFLAGGED

    @property
    def flagged(self) -> bool:
        return self.status in ("needs_review", "missing")


def view_from_json(obj: dict[str, Any]) -> View:
    """A `hkd extract --json` line (or the API's extraction) → View."""
    fields = obj.get("fields") or {}
    record = msgspec.convert(obj["record"], Record) if obj.get("record") is not None else None
    return View(
        layout=str(obj.get("layout")),
        record=record,
        statuses={k: str(v.get("status")) for k, v in fields.items() if isinstance(v, dict)},
        confidences={k: float(v.get("confidence") or 0.0) for k, v in fields.items() if isinstance(v, dict)},
        codes=[str(f.get("code")) for f in obj.get("findings") or [] if isinstance(f, dict)],
    )


def outcome_of(view: View | None) -> str:
    """What the clerk is told: not_a_certificate, layout_uncertain, unrecognised_layout, record, or error;
    a record or a partial record with no value at all is marked "(empty)"."""
    if view is None:
        return "error"
    if "not_a_certificate" in view.codes or view.layout == "not_a_certificate":
        return "not_a_certificate"
    if "unrecognised_layout" in view.codes or view.layout == "unrecognised":
        return "unrecognised_layout"
    name = (
        "layout_uncertain"
        if "layout_uncertain" in view.codes or view.layout == "layout_uncertain"
        else "record"
    )
    return f"{name} (empty)" if is_empty_record(view) else name


def outcome_passes(expected: str, observed: str) -> bool:
    """`not_a_certificate` must be said exactly; a certificate we could not read fully must still give
    values: a partial record with `layout_uncertain`, or a record."""
    if expected == "layout_uncertain":
        return observed in ("layout_uncertain", "record")
    return observed == expected


def canonical(value: Any) -> Any:
    if isinstance(value, str):
        return normalize_text(value) or None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, msgspec.Struct):
        return tuple(canonical(getattr(value, f)) for f in value.__struct_fields__)
    if isinstance(value, list):
        return [canonical(v) for v in value]
    return value


def value_at(record: Record, path: str) -> Any:
    obj: Any = record
    for part in path.split("."):
        obj = getattr(obj, part)
    return canonical(obj)


def is_empty_record(view: View | None) -> bool:
    if view is None or view.record is None:
        return True
    return all(value_at(view.record, p) in (None, []) for p in RECORD_FIELD_PATHS)


def match_items(want: list[Any], got: list[Any]) -> tuple[int, int, int]:
    """(right, wrong, invented) units of one list field."""
    left = list(got)
    right = 0
    missed = []
    for item in want:
        if item in left:
            left.remove(item)
            right += 1
        else:
            missed.append(item)
    invented = max(0, len(left) - len(missed))
    return right, len(missed), invented


def score_document(view: View | None, truth: Record) -> list[Unit]:
    """Every counted unit of one certificate."""
    units: list[Unit] = []
    empty = is_empty_record(view)
    for path in RECORD_FIELD_PATHS:
        want = value_at(truth, path)
        got = None if empty or view is None or view.record is None else value_at(view.record, path)
        status = "empty_record" if empty else (view.statuses.get(path, "none") if view else "none")
        conf = None if empty or view is None else view.confidences.get(path)
        if path in LIST_FIELDS:
            right, wrong, invented = match_items(want or [], got or [])
            units += [Unit(path, True, status, conf)] * right + [Unit(path, False, status, conf)] * wrong
            units += [Unit(path, False, status, conf, invented=True)] * invented
        elif want is not None:
            units.append(Unit(path, want == got, status, conf))
        elif got is not None:
            units.append(Unit(path, False, status, conf, invented=True))
    return units


def review_counts(view: View | None, truth: Record) -> tuple[int, int]:
    """(fields sent to review, fields on the screen that count) for one document."""
    statuses = {} if view is None else view.statuses
    review = counted = 0
    for path in RECORD_FIELD_PATHS:
        in_review = statuses.get(path) == "needs_review"
        if value_at(truth, path) not in (None, []) or in_review:
            counted += 1
            review += in_review
    return review, counted


def legacy_correct(view: View | None, truth: Record) -> tuple[int, int]:
    """The old benchmark's rule (samples.bench_score): all 26 fields, lists whole, empty = empty is right."""
    record = view.record if view is not None and view.record is not None else Record()
    right = sum((value_at(truth, p) or None) == (value_at(record, p) or None) for p in RECORD_FIELD_PATHS)
    return right, len(RECORD_FIELD_PATHS)


class Tally(msgspec.Struct):
    units: int = 0
    correct: int = 0
    silent: int = 0
    flagged_wrong: int = 0
    invented: int = 0
    review: int = 0
    review_of: int = 0
    documents: int = 0
    empty: int = 0  # documents whose record came back empty (or not at all)

    def add_units(self, units: Iterable[Unit]) -> None:
        for u in units:
            self.units += 1
            self.correct += u.correct
            self.silent += u.silent
            self.flagged_wrong += (not u.correct) and u.flagged
            self.invented += u.invented

    @property
    def wrong(self) -> int:
        return self.units - self.correct

    def share(self, n: int, of: int | None = None) -> float:
        base = self.units if of is None else of
        return 100.0 * n / base if base else 0.0

    @property
    def accuracy(self) -> float:
        return self.share(self.correct)

    @property
    def silent_rate(self) -> float:
        return self.share(self.silent)

    @property
    def flag_recall(self) -> float:
        return self.share(self.flagged_wrong, self.wrong)

    @property
    def review_rate(self) -> float:
        return self.share(self.review, self.review_of)


class Bin(msgspec.Struct):
    low: float
    high: float
    units: int = 0
    wrong: int = 0
    confidence_sum: float = 0.0

    @property
    def error_rate(self) -> float:
        return 100.0 * self.wrong / self.units if self.units else 0.0

    @property
    def mean_confidence(self) -> float:
        return self.confidence_sum / self.units if self.units else 0.0


def reliability(units: Iterable[Unit]) -> list[Bin]:
    """Confidence bins against the observed error rate (units that carry a confidence)."""
    bins = [Bin(lo, hi) for lo, hi in itertools.pairwise(BINS)]
    for u in units:
        if u.confidence is None:
            continue
        for b in bins:
            if b.low <= u.confidence < b.high:
                b.units += 1
                b.wrong += not u.correct
                b.confidence_sum += u.confidence
                break
    return bins


def calibration_gap(bins: list[Bin]) -> float:
    """Expected calibration error in points: Σ share × |error rate − (1 − mean confidence)|."""
    total = sum(b.units for b in bins)
    if not total:
        return 0.0
    return sum(b.units / total * abs(b.error_rate - 100 * (1 - b.mean_confidence)) for b in bins)
