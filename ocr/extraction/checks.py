"""Cross-checks that raise or lower field confidence.

A value that agrees with an independent source (the ID number's sex/birth-year digits, the capital in
words, the tax-code check digit, the VSIC name of the printed code) is trusted more; a disagreement
sends every field involved to review. Thresholds live here so they are tuned in one place.

The rules themselves and their findings are the rules room's (rules/): the findings of these
cross-checks are made once, over the finished record (rules.validate_cross_checks). A check adds to
`findings` only evidence the record no longer holds (the capital in words, a year read before 1900);
every check takes the list, so a new one can.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ocr.extraction.candidate import Candidate, add_evidence
from ocr.extraction.regnumber import LETTER_GUESS_CONFIDENCE, with_district_letter
from ocr.extraction.tables import KEPT_FORMS
from rules.capital import compare_capital
from rules.dates import MIN_ID_AGE, check_date_order
from rules.findings import make_finding
from rules.identifiers import IdProblem, check_personal_id, decode_personal_id, is_valid_tax_code
from rules.printed import compare_printed
from schemas.record import BusinessLine, Evidence, EvidenceKind, Finding
from schemas.reference import VsicVersion, load_vsic
from schemas.vietnamese import fold_key

AGREE = 0.12  # confidence added when an independent check agrees


def boost(c: Candidate, amount: float = AGREE) -> None:
    """An independent check agrees: more confidence, and the cross-check as evidence."""
    if c.value is not None:
        c.confidence = min(1.0, c.confidence + amount)
        add_evidence(c, Evidence(kind=EvidenceKind.CROSS_CHECK_PASS))


def doubt(c: Candidate, cap: float = 0.4) -> None:
    """A check disagrees (or cannot be made): the cap, and the failed cross-check as evidence."""
    c.confidence = min(c.confidence, cap)
    if c.value is not None:
        add_evidence(c, Evidence(kind=EvidenceKind.CROSS_CHECK_PASS, holds=False))


def check_identity(f: dict[str, Candidate], findings: list[Finding]) -> None:
    """Personal ID vs sex, birth year and the province table."""
    number, gender, birth = f["owner.id_number"], f["owner.gender"], f["owner.birth_date"]
    if not isinstance(number.value, str):
        return
    if len(number.value) == 9:
        boost(number, 0.03)
        return
    decoded = decode_personal_id(number.value)
    if decoded is None:
        doubt(number)
        return
    birth_date = birth.value if isinstance(birth.value, dt.date) else None
    sex = gender.value if isinstance(gender.value, str) else None
    problems = set(check_personal_id(number.value, sex, birth_date))
    agree = IdProblem.PROVINCE_UNKNOWN not in problems
    if sex is not None:
        if IdProblem.GENDER_MISMATCH in problems:
            agree = False
            doubt(gender)
        else:
            boost(gender)
    if birth_date is not None:
        if problems & {IdProblem.CENTURY_MISMATCH, IdProblem.BIRTH_YEAR_MISMATCH}:
            agree = False
            doubt(birth)
        else:
            boost(birth)
    if agree:
        boost(number)
    else:
        doubt(number)


def check_registration(f: dict[str, Candidate], layout: str, findings: list[Finding]) -> None:
    reg = f["registration_number"]
    value = reg.value
    if not isinstance(value, str):
        return
    if layout == "2015" and re.fullmatch(r"\d{2}[0-9]8\d{6}", value):
        # 2015 certificates print only the old number: a tax code cannot stand here, so a digit in the
        # district letter's place is a misread letter even when the ten digits pass the checksum.
        restored = with_district_letter(value)
        if restored != value:
            reg.value = value = restored
            doubt(reg, LETTER_GUESS_CONFIDENCE)
    if re.fullmatch(r"\d{10}(-\d{3})?|\d{13}", value):
        if is_valid_tax_code(value[:10]):
            boost(reg, 0.2)
        else:
            doubt(reg)
    elif re.fullmatch(r"\d{12}", value):
        owner = f["owner.id_number"]
        if owner.value == value and min(owner.confidence, reg.confidence) >= 0.5:
            # Two separate readings of the same twelve digits agree (and no other check objected).
            reg.confidence = max(reg.confidence, 0.97)
            owner.confidence = max(owner.confidence, 0.97)
        elif layout == "2025" and owner.value:
            doubt(reg)
            doubt(owner)
    elif re.fullmatch(r"\d{2}[A-Z0-9]\d{7}", value):
        boost(reg, 0.03)
    else:
        doubt(reg)


def check_capital(capital: Candidate, spoken: int | None, findings: list[Finding]) -> None:
    if capital.value is None:
        return
    if spoken is None:
        doubt(capital, 0.7)
    elif spoken == capital.value:
        boost(capital, 0.3)
    else:
        doubt(capital)
        findings.extend(compare_capital(capital.value, spoken))
        if Levenshtein.distance(str(capital.value), str(spoken)) == 1:
            # one digit more, less or different in the figures (a speck, a fold): the words, read
            # as a whole phrase, are the likelier value; it stays in review with the finding.
            capital.value = spoken
            capital.notes.append("capital_from_words")


DATE_FIELDS = ("owner.birth_date", "owner.id_issued_on", "first_registered_on", "amended_on")
EARLIEST_YEAR = 1900


def check_dates(f: dict[str, Candidate], findings: list[Finding], today: dt.date) -> None:
    """The order rules (rules.dates; their findings are made over the finished record) plus the owner's
    14th birthday before registering and no year before 1900 (a finding: the record keeps the year as
    read); every date a broken rule involves is doubted."""

    def d(name: str) -> dt.date | None:
        v = f[name].value
        return v if isinstance(v, dt.date) else None

    birth, issued, first, amended = (d(name) for name in DATE_FIELDS)
    own = "amended_on" if amended else "first_registered_on"
    involved = {
        "dates.in_future": (),
        "dates.birth_after_id_issue": ("owner.birth_date", "owner.id_issued_on"),
        "dates.id_issued_under_14": ("owner.birth_date", "owner.id_issued_on"),
        "dates.id_issued_after_certificate": ("owner.id_issued_on", own),
        "dates.birth_after_registration": ("owner.birth_date", "first_registered_on"),
        "dates.amendment_before_first_registration": ("first_registered_on", "amended_on"),
    }
    problems = check_date_order(
        today=today, birth_date=birth, id_issued_on=issued, first_registered_on=first, amended_on=amended
    )
    for problem in problems:
        names = involved.get(problem.code, ())
        for name in names:
            doubt(f[name], 0.5)
        if not names:
            doubt(f[problem.field])
    for name in DATE_FIELDS:
        v = d(name)
        if v is not None and v.year < EARLIEST_YEAR:
            doubt(f[name])
            findings.append(make_finding("dates.implausible_year", name, value=v.isoformat()))
    if birth and first and birth < first < _add_years(birth, MIN_ID_AGE):
        doubt(f["owner.birth_date"], 0.5)
        doubt(f["first_registered_on"], 0.5)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@cache
def _vsic_names() -> dict[str, str]:
    names: dict[str, str] = {}
    versions: tuple[VsicVersion, ...] = ("2018", "2025")
    for version in versions:
        for code, entry in load_vsic(version).items():
            if len(code) == 4:
                names.setdefault(code, entry.name)
                names[code + "@" + version] = entry.name
    return names


def _repair(was: str | None) -> Evidence:
    return Evidence(kind=EvidenceKind.REPAIRED, holds=False, reason="printed.repaired_from_list", was=was)


def check_business_lines(lines: Candidate, findings: list[Finding], layout: str = "2021") -> None:
    """Code vs name: snap a near-identical OCR'd name to the official wording; disagreement → review."""
    if not lines.value:
        return
    names = _vsic_names()
    fixed: list[BusinessLine] = []
    agreements = 0
    for item in lines.value:
        best_name, best_score = None, 0.0
        if item.code:
            for key in (item.code + "@2025", item.code + "@2018"):
                official = names.get(key)
                if official and item.name:
                    score = fuzz.ratio(fold_key(item.name), fold_key(official))
                    if score > best_score:
                        best_name, best_score = official, score
        if best_name is not None and best_score >= 93:
            agreements += 1
            if compare_printed(item.name or "", best_name) in KEPT_FORMS:
                fixed.append(item)  # the printed wording is the value; the code is its canonical form
            else:
                fixed.append(BusinessLine(code=item.code, name=best_name))
                add_evidence(lines, _repair(item.name))
        else:
            fixed.append(item)
    lines.value = fixed
    if item_count := len(fixed):
        if agreements == item_count:
            boost(lines, 0.25)
        elif any(i.code for i in fixed):
            doubt(lines, 0.6)
