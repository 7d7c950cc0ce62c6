"""Findings about addresses: resolved to real units, old units mapped to the 2025 commune, split
communes and ambiguous readings handed to a human with candidates."""

from __future__ import annotations

import msgspec

from rules.address import AddressResolution, resolve_address
from rules.findings import make_finding
from schemas.record import Finding, Layout, Record, Severity
from schemas.reference import AdminUnit, Scheme

__all__ = ["unit_candidate", "validate_address", "validate_addresses"]


def unit_candidate(unit: AdminUnit) -> dict[str, object]:
    """A unit as a finding candidate (what the review screen offers to pick)."""
    return {
        "scheme": unit.scheme,
        "code": unit.code,
        "name": unit.name,
        "district_name": unit.district_name,
        "province_code": unit.province_code,
        "province_name": unit.province_name,
    }


def validate_address(text: str | None, field: str, scheme_hint: Scheme | None = None) -> list[Finding]:
    """Resolve one address; findings say what a human must look at (nothing if all is clear)."""
    if not text:
        return []
    return findings_for_resolution(resolve_address(text, scheme_hint), field)


def findings_for_resolution(result: AddressResolution, field: str) -> list[Finding]:
    if result.commune is None:
        return [make_finding("address.unresolved", field)]
    if not result.is_confident:
        options = (result.commune, *result.alternatives)
        return [make_finding("address.ambiguous", field, candidates=[unit_candidate(u) for u in options])]
    if result.scheme != "pre2025":
        return []
    if result.is_split:
        candidates = [unit_candidate(u) for u in result.new_communes]
        return [make_finding("address.split_commune", field, candidates=candidates, old=result.commune.name)]
    if result.new_communes:
        new = result.new_communes[0]
        label = f"{new.name}, {new.province_name}"
        return [make_finding("address.old_units", field, candidates=[unit_candidate(new)], new=label)]
    return []


_HINTS: dict[Layout, Scheme | None] = {
    Layout.ERA_2015: "pre2025",
    Layout.ERA_2021: "pre2025",
    Layout.ERA_2025: "2025",
    Layout.UNRECOGNISED: None,
}


def validate_addresses(record: Record, layout: Layout) -> list[Finding]:
    """The business address (era gives the likely scheme) and the owner's addresses (ID-card
    addresses follow no era, and only get informational findings)."""
    findings = validate_address(record.address, "address", _HINTS[layout])
    for field in ("permanent_address", "current_address"):
        for finding in validate_address(getattr(record.owner, field), f"owner.{field}"):
            findings.append(_as_info(finding))
    return findings


def _as_info(finding: Finding) -> Finding:
    """The same finding, for a human's information only."""
    return msgspec.structs.replace(finding, severity=Severity.INFO)
