"""The strict scorer counts what the register would receive: nothing empty or unflagged slips through."""

from __future__ import annotations

import datetime as dt
import unicodedata

import msgspec
import pytest

from samples.bench_score import score_extraction
from samples.strict_score import (
    View,
    calibration_gap,
    legacy_correct,
    match_items,
    outcome_of,
    outcome_passes,
    reliability,
    review_counts,
    score_document,
    view_from_json,
)
from schemas.record import (
    RECORD_FIELD_PATHS,
    BusinessLine,
    Extraction,
    FieldResult,
    FieldStatus,
    Layout,
    Member,
    Person,
    Record,
)

TRUTH = Record(
    registration_number="41N8033112",
    first_registered_on=dt.date(2019, 3, 5),
    issuing_authority="PHÒNG TÀI CHÍNH - KẾ HOẠCH, UBND HUYỆN CỦ CHI",
    business_name="SALON TÓC HOÀ",
    address="Ấp Tân Hòa, Xã Tân Thạnh Đông, Huyện Củ Chi, Thành phố Hồ Chí Minh",
    business_lines=[BusinessLine("9631", "Cắt tóc, làm đầu, gội đầu"), BusinessLine(None, "Bán mỹ phẩm")],
    capital_vnd=50_000_000,
    owner=Person(
        full_name="TRẦN THỊ THUỶ", gender="Nữ", id_type="Chứng minh nhân dân", id_number="025123456"
    ),
    members=[Member("Trần Văn Hòa", dt.date(1990, 1, 2), "Nam", "079090001234")],
)
COUNTED = 10 + 2 + 1  # ten scalar fields with a truth, two trades, one member


def view_of(record: Record, status: str = "ok", confidence: float = 0.97, **statuses: str) -> View:
    """A result whose every field has `status`, except those named (owner__id_type = owner.id_type)."""
    every = {p: status for p in RECORD_FIELD_PATHS} | {k.replace("__", "."): v for k, v in statuses.items()}
    return View("2015", record, every, {p: confidence for p in every})


def test_a_perfect_record_is_all_right_and_counts_only_fields_with_a_truth() -> None:
    units = score_document(view_of(TRUTH), TRUTH)
    assert len(units) == COUNTED
    assert all(u.correct and not u.silent for u in units)


@pytest.mark.parametrize("view", [None, View("unrecognised", None), View("2015", Record())])
def test_an_empty_or_missing_record_counts_every_field_wrong_and_silent(view: View | None) -> None:
    units = score_document(view, TRUTH)
    assert len(units) == COUNTED
    assert not any(u.correct for u in units)
    assert all(u.silent for u in units)


def test_an_empty_record_is_silent_even_when_every_status_says_review() -> None:
    units = score_document(view_of(Record(), "needs_review"), TRUTH)
    assert all(u.silent and u.status == "empty_record" for u in units)


def test_wrong_and_ok_is_silent_wrong_and_flagged_is_not() -> None:
    wrong = msgspec.structs.replace(TRUTH, business_name="SALON TÓC HOA", registration_number=None)
    units = {u.path: u for u in score_document(view_of(wrong, registration_number="missing"), TRUTH)}
    assert units["business_name"].silent
    assert units["registration_number"].flagged and not units["registration_number"].silent
    review = score_document(view_of(wrong, "needs_review"), TRUTH)
    assert not any(u.silent for u in review)


def test_a_field_without_status_counts_as_unflagged() -> None:
    wrong = msgspec.structs.replace(TRUTH, capital_vnd=5_000_000)
    view = View("2015", wrong, {}, {})
    capital = next(u for u in score_document(view, TRUTH) if u.path == "capital_vnd")
    assert capital.silent and capital.confidence is None


def test_a_value_where_the_truth_has_none_is_an_invented_wrong_field() -> None:
    extra = msgspec.structs.replace(TRUTH, fax="02838123456")
    units = score_document(view_of(extra), TRUTH)
    assert len(units) == COUNTED + 1
    fax = next(u for u in units if u.path == "fax")
    assert fax.invented and fax.silent


def test_values_compare_in_nfc_but_tone_placement_and_case_count() -> None:
    decomposed = msgspec.structs.replace(TRUTH, business_name=unicodedata.normalize("NFD", "SALON TÓC  HOÀ"))
    assert all(u.correct for u in score_document(view_of(decomposed), TRUTH))
    for name in ("SALON TÓC HÒA", "Salon Tóc Hoà", "SA LON TÓC HOÀ"):
        changed = msgspec.structs.replace(TRUTH, business_name=name)
        assert not next(
            u for u in score_document(view_of(changed), TRUTH) if u.path == "business_name"
        ).correct


def test_list_items_match_as_a_multiset_and_extras_are_invented() -> None:
    a, b, c = ("1", "x"), ("2", "y"), ("3", "z")
    assert match_items([a, b], [b, a]) == (2, 0, 0)
    assert match_items([a, b], [a]) == (1, 1, 0)
    assert match_items([a, b], [a, c]) == (1, 1, 0)
    assert match_items([a], [a, b, c]) == (1, 0, 2)
    assert match_items([a, a], [a]) == (1, 1, 0)


def test_a_list_field_scores_item_by_item_with_its_field_status() -> None:
    glued = [BusinessLine("9631", "Cắt tóc, làm đầu, gội đầu Bán mỹ phẩm")]
    view = view_of(msgspec.structs.replace(TRUTH, business_lines=glued), business_lines="needs_review")
    lines = [u for u in score_document(view, TRUTH) if u.path == "business_lines"]
    assert [u.correct for u in lines] == [False, False]
    assert all(u.flagged for u in lines)
    no_codes = [BusinessLine(None, "Cắt tóc, làm đầu, gội đầu"), BusinessLine(None, "Bán mỹ phẩm")]
    lines = [u for u in score_document(view_of(msgspec.structs.replace(TRUTH, business_lines=no_codes)), TRUTH)
             if u.path == "business_lines"]  # fmt: skip
    assert sorted(u.correct for u in lines) == [False, True]  # the item without a code is right


def test_review_is_counted_per_field_on_the_screen() -> None:
    view = view_of(TRUTH, "ok", business_name="needs_review", fax="needs_review")
    assert review_counts(view, TRUTH) == (2, 13)  # fax has no truth but was sent to a reviewer
    assert review_counts(None, TRUTH) == (0, 12)


def test_reliability_bins_count_errors_by_confidence() -> None:
    wrong = msgspec.structs.replace(TRUTH, business_name="X")
    units = score_document(view_of(wrong, confidence=0.99), TRUTH) + score_document(
        view_of(TRUTH, confidence=0.3), TRUTH
    )
    bins = {(b.low, round(b.high, 2)): b for b in reliability(units)}
    top, bottom = bins[(0.98, 1.0)], bins[(0.0, 0.5)]
    assert (top.units, top.wrong, bottom.units, bottom.wrong) == (COUNTED, 1, COUNTED, 0)
    assert calibration_gap(reliability(units)) > 30  # 0.3 confidence but always right: badly calibrated


def test_outcomes_name_what_the_clerk_is_told() -> None:
    assert outcome_of(None) == "error"
    assert outcome_of(View("unrecognised", Record(), codes=["unrecognised_layout"])) == "unrecognised_layout"
    assert outcome_of(View("unrecognised", Record(), codes=["not_a_certificate"])) == "not_a_certificate"
    assert outcome_of(View("2015", TRUTH, codes=["layout_uncertain"])) == "layout_uncertain"
    assert outcome_of(View("2015", Record(), codes=["layout_uncertain"])) == "layout_uncertain (empty)"
    assert outcome_passes("layout_uncertain", "record") and not outcome_passes(
        "layout_uncertain", "record (empty)"
    )
    assert not outcome_passes("not_a_certificate", "unrecognised_layout")


def test_views_decode_leniently_from_hkd_extract_json() -> None:
    line = {"file": "a.png", "pages": 1, "layout": "layout_uncertain", "record": msgspec.to_builtins(TRUTH),
            "fields": {"business_name": {"value": "x", "confidence": 0.5, "status": "needs_review", "evidence": []}},
            "findings": [{"code": "layout_uncertain", "field": None}]}  # fmt: skip
    view = view_from_json(line)
    assert view.record == TRUTH and view.statuses == {"business_name": "needs_review"}
    assert outcome_of(view) == "layout_uncertain"


def test_the_legacy_rule_matches_the_old_scorer() -> None:
    record = msgspec.structs.replace(TRUTH, business_name="SALON TÓC HOA", fax=None)
    extraction = Extraction("a.png", 1, Layout.ERA_2015, record,
                            {"business_name": FieldResult("SALON TÓC HOA", 0.9, status=FieldStatus.OK)})  # fmt: skip
    old = score_extraction(extraction, TRUTH)
    assert legacy_correct(View("2015", record), TRUTH) == (sum(o.correct for o in old), len(old))
