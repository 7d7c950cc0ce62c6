"""Date order rules (rules.dates) as properties: consistent dates pass, each break is named."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from rules.dates import age_on, check_date_order

TODAY = dt.date(2026, 11, 28)
days = st.integers(min_value=0, max_value=20_000)


@st.composite
def consistent(draw: st.DrawFn) -> dict[str, dt.date]:
    """birth + ≥14 years ≤ ID issue ≤ certificate date; first registration ≤ amendment ≤ today."""
    birth = draw(st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(1980, 12, 31)))
    # day 28 + 3 days reaches the 14th birthday even for one born on the 29th–31st (Feb 29 too)
    issued = dt.date(birth.year + 14, birth.month, 28) + dt.timedelta(days=3 + draw(days) % 9000)
    first = draw(st.dates(min_value=dt.date(2000, 1, 1), max_value=TODAY))
    amended = first + dt.timedelta(days=draw(days) % max(1, (TODAY - first).days + 1))
    issued = min(issued, amended)
    return {"birth_date": birth, "id_issued_on": issued, "first_registered_on": first, "amended_on": amended}


@given(consistent())
def test_consistent_dates_pass(dates: dict[str, dt.date]) -> None:
    assert (
        age_on(dates["birth_date"], dates["id_issued_on"]) >= 14
        or dates["id_issued_on"] == dates["amended_on"]
    )
    problems = check_date_order(today=TODAY, **dates)
    assert all(p.code == "dates.id_issued_under_14" for p in problems)


@given(consistent(), st.integers(min_value=1, max_value=3000))
def test_a_future_date_is_named(dates: dict[str, dt.date], ahead: int) -> None:
    dates["amended_on"] = TODAY + dt.timedelta(days=ahead)
    codes = {(p.code, p.field) for p in check_date_order(today=TODAY, **dates)}
    assert ("dates.in_future", "amended_on") in codes


@given(consistent(), st.integers(min_value=1, max_value=3000))
def test_amendment_before_first_registration_is_named(dates: dict[str, dt.date], back: int) -> None:
    dates["amended_on"] = dates["first_registered_on"] - dt.timedelta(days=back)
    codes = {p.code for p in check_date_order(today=TODAY, **dates)}
    assert "dates.amendment_before_first_registration" in codes


def test_id_issued_before_14th_birthday() -> None:
    problems = check_date_order(
        today=TODAY, birth_date=dt.date(2000, 6, 1), id_issued_on=dt.date(2014, 5, 31)
    )
    assert [(p.code, p.field) for p in problems] == [("dates.id_issued_under_14", "owner.id_issued_on")]
    assert (
        check_date_order(today=TODAY, birth_date=dt.date(2000, 6, 1), id_issued_on=dt.date(2014, 6, 1)) == []
    )
