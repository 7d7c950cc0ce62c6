"""Findings about business lines (ngành nghề kinh doanh): the VSIC code exists in the version of the
certificate's era and the printed name matches the code's name.

Era → version: 2015 and 2021 forms use VSIC 2018 (QĐ 27/2018); 2025 forms may carry VSIC 2025
(QĐ 36/2025) or, during the transition, 2018 codes, so both are accepted there. The VSIC 2018 table
we have lacks ~22 level-4 codes (SOURCES.md), so a well-formed code missing from it is a warning for
a human, never an error. Printed names often add detail ("… Chi tiết: …"), so names are compared
with a token-set ratio on accent-folded text.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from rules.findings import make_finding
from schemas.record import BusinessLine, Finding, Layout
from schemas.reference import VsicVersion, load_vsic
from schemas.vietnamese import fold_key

__all__ = ["NAME_MATCH_MIN", "name_match_score", "validate_business_lines", "vsic_versions_for"]

NAME_MATCH_MIN = 70.0


def vsic_versions_for(layout: Layout) -> tuple[VsicVersion, ...]:
    """VSIC versions a certificate of this era may use, preferred first."""
    match layout:
        case Layout.ERA_2015 | Layout.ERA_2021:
            return ("2018",)
        case Layout.ERA_2025:
            return ("2025", "2018")
        case _:
            return ("2018", "2025")


def name_match_score(printed: str, official: str) -> float:
    """0–100: how well a printed business-line name matches an official VSIC name."""
    a, b = fold_key(printed), fold_key(official)
    return max(fuzz.token_set_ratio(a, b), fuzz.ratio(a, b))


def validate_business_lines(lines: list[BusinessLine], layout: Layout) -> list[Finding]:
    """Code format, existence in the era's VSIC version(s), and printed name vs official name."""
    findings: list[Finding] = []
    versions = vsic_versions_for(layout)
    for i, line in enumerate(lines):
        if not line.code:
            continue
        field = f"business_lines[{i}].code"
        code = line.code.replace(".", "").strip()
        if len(code) != 4 or not code.isdigit():
            findings.append(make_finding("business_lines.code_format", field, code=line.code))
            continue
        found = [v for v in versions if (c := load_vsic(v).get(code)) is not None and c.level == 4]
        if not found:
            findings.append(_missing_code(code, versions, field))
            continue
        if line.name:
            scores = {v: name_match_score(line.name, load_vsic(v)[code].name) for v in found}
            best = max(scores, key=lambda v: scores[v])
            if scores[best] < NAME_MATCH_MIN:
                official = load_vsic(found[0])[code].name
                findings.append(
                    make_finding(
                        "business_lines.name_mismatch",
                        f"business_lines[{i}].name",
                        code=code,
                        official=official,
                    )
                )
    return findings


def _missing_code(code: str, versions: tuple[VsicVersion, ...], field: str) -> Finding:
    others = [v for v in ("2018", "2025") if v not in versions and code in load_vsic(v)]
    if others:
        return make_finding(
            "business_lines.code_other_version", field, code=code, other=others[0], version=versions[0]
        )
    if "2018" in versions:
        return make_finding("business_lines.code_unknown", field, code=code, version=versions[0])
    return make_finding("business_lines.code_not_in_vsic", field, code=code, version=versions[0])
