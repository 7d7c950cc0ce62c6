"""Reviewer values (pure, no database): accepting what the certificate says never changes it, and
corrections land in the corrected view the way the register will read them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import msgspec
import pytest

from schemas.record import RECORD_FIELD_PATHS, Extraction, FieldResult, FieldStatus, Layout, Record
from service.errors import InvalidInputError
from service.review.values import Correction, apply_corrections, normalise_value, value_at

FIXED = Path(__file__).parents[2] / "samples" / "fixed"
TRUTHS = sorted(FIXED.glob("*.truth.json"))


@pytest.mark.parametrize("truth", TRUTHS, ids=[t.name.split(".")[0] for t in TRUTHS])
def test_accepting_every_true_value_keeps_it(truth: Path) -> None:
    record = msgspec.json.decode(truth.read_bytes(), type=Record)
    for path in RECORD_FIELD_PATHS:
        value = value_at(record, path)
        assert normalise_value(path, value) == value, path


def test_corrections_apply_newest_first_and_keep_the_box() -> None:
    original = Extraction(
        file="a.jpg",
        pages=1,
        layout=Layout.ERA_2025,
        record=Record(business_name="TIỆM MAY", capital_vnd=5),
        fields={"business_name": FieldResult("TIỆM MAY", 0.4, 1, [1, 2, 3, 4], FieldStatus.NEEDS_REVIEW)},
    )
    at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    corrections = [
        Correction("business_name", "TIỆM MAY", "TIỆM MAY CÔ BA", "lan", at),
        Correction("business_name", "TIỆM MAY", "TIỆM MAY CÔ BẢY", "hoa", at),
        Correction("capital_vnd", 5, 5_000_000, "hoa", at),
    ]
    corrected = apply_corrections(original, corrections)
    assert corrected.record.business_name == "TIỆM MAY CÔ BẢY"
    assert corrected.record.capital_vnd == 5_000_000
    field = corrected.fields["business_name"]
    assert (field.status, field.confidence, field.bbox) == (FieldStatus.OK, 1.0, [1, 2, 3, 4])
    assert corrected.fields["capital_vnd"].status == FieldStatus.OK
    assert original.record.business_name == "TIỆM MAY"  # the OCR result is not touched


@pytest.mark.parametrize("value", ["12abc", "1.5", [1], {"a": 1}, True, 1.5])
def test_money_must_be_a_whole_number(value: object) -> None:
    with pytest.raises(InvalidInputError):
        normalise_value("capital_vnd", value)


def test_a_negative_amount_is_for_validation_not_a_type_error() -> None:
    # Refused when the correction is made (issue 14: bounds the register can store), naming the field.
    with pytest.raises(InvalidInputError, match="capital_vnd"):
        normalise_value("capital_vnd", -1)
