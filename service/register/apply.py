"""Approved extractions into the register: create, amend (placed by date and number), duplicate, or ask."""

from __future__ import annotations

from typing import Any

import msgspec

from rules.findings import REGISTER_LABELS
from schemas.record import Extraction, Record
from service.audit import write_audit
from service.db import Conn
from service.register.history import SELECT_ORDERED, diff_records, placed_between, recut_history
from service.register.matching import match_business
from service.register.model import (
    NORMALISED_COLUMNS,
    ApplyResult,
    RegisterAction,
    RegisterFinding,
    certificate_kind,
    clean_identifier,
    effective_date,
    identifier_kind,
    normalise,
    normalised_placeholders,
    record_of,
    register_finding,
)

# A business belongs to its registered address's commune; an address that names none leaves it with
# the commune of the document that created it (service.db.scope hides it from other communes).
INSERT_BUSINESS = """
insert into businesses (status, commune_code)
values ('active', coalesce($1, (select commune_code from documents where id = $2))) returning id
"""
INSERT_VERSION = f"""
insert into business_versions (business_id, kind, amendment_number, effective_on, valid, status, layout, record,
    {", ".join(NORMALISED_COLUMNS)}, document_id, approved_by)
values ($1, $2, $3, $4, 'empty', $5, $6, $7, {", ".join(normalised_placeholders(8))},
        ${8 + len(NORMALISED_COLUMNS)}, ${9 + len(NORMALISED_COLUMNS)})
returning id
"""
INSERT_LINES = """
insert into business_lines (version_id, position, code, vsic_version, name)
select $1, p, c, $2, n from unnest($3::text[], $4::text[]) with ordinality as t(c, n, p)
"""
INSERT_MEMBERS = """
insert into business_members (version_id, position, role, full_name, birth_date, id_number)
select $1, p - 1, case when p = 1 then 'owner' else 'member' end, f, b, i
from unnest($2::text[], $3::date[], $4::text[]) with ordinality as t(f, b, i, p)
"""
UPSERT_IDENTIFIER = """
insert into business_identifiers (business_id, kind, value, valid_from) values ($1, $2, $3, $4)
on conflict (business_id, kind, value) do update
set valid_from = least(business_identifiers.valid_from, excluded.valid_from)
"""
LOCK_BUSINESS = "select id, version, status from businesses where id = $1 for update"
INSERT_WORDS = """
insert into register_words
select distinct w from business_versions, regexp_split_to_table(trim(search_text), ' ') w
where id = $1 and length(w) >= 2 and w !~ '[0-9]{5}'  -- words, not identifiers
on conflict do nothing
"""
SELECT_VERSION_DIFF = "select diff from business_versions where id = $1"


class Plan(msgspec.Struct):
    result: ApplyResult
    record: dict[str, Any]
    kind: str
    effective_on: Any = None


async def plan_extraction(conn: Conn, extraction: Extraction, business_id: int | None = None) -> Plan:
    """The decision for an extraction, written nowhere (shared by preview and apply)."""
    rec = extraction.record
    data, kind, when = record_of(extraction), certificate_kind(rec), effective_date(rec)
    if when is None:
        field = "amended_on" if rec.amendment_number else "first_registered_on"
        f = register_finding("register_no_date", field)
        return Plan(ApplyResult(RegisterAction.NEEDS_HUMAN, business_id, findings=[f]), data, kind)
    candidates: list[dict[str, Any]] = []
    if business_id is None:
        business_id, candidates = await match_business(conn, rec)
        if business_id is None and candidates:
            f = register_finding("register_ambiguous_match", candidates=candidates)
            result = ApplyResult(RegisterAction.NEEDS_HUMAN, None, candidates=candidates, findings=[f])
            return Plan(result, data, kind, when)
    if business_id is None:
        findings = []
        if rec.amendment_number:
            first = register_finding(
                "register_amendment_first", "amendment_number", number=rec.amendment_number
            )
            findings.append(first)
        diff = diff_records(None, data, None, "active")
        result = ApplyResult(RegisterAction.CREATE_BUSINESS, None, diff=diff, findings=findings)
        return Plan(result, data, kind, when)
    rows = list(await conn.fetch(SELECT_ORDERED, business_id))
    if not rows:
        f = register_finding("register_unknown_business")
        return Plan(ApplyResult(RegisterAction.NEEDS_HUMAN, business_id, findings=[f]), data, kind, when)
    number = rec.amendment_number or None
    same = [r for r in rows if r["kind"] == kind and (r["amendment_number"] or None) == number]
    if same:
        if any(r["record"] == data for r in same):
            result = ApplyResult(RegisterAction.DUPLICATE, business_id, version_id=same[0]["id"], diff={})
            return Plan(result, data, kind, when)
        label_vi, label_en = REGISTER_LABELS["amendment" if number else "first_registration"]
        f = register_finding(
            "register_conflicting_certificate", "amendment_number", existing_version_id=same[0]["id"],
            label_vi=label_vi.format(number=number), label_en=label_en.format(number=number),
        )  # fmt: skip
        candidates = [{"business_id": business_id}]
        result = ApplyResult(RegisterAction.NEEDS_HUMAN, business_id, candidates=candidates, findings=[f])
        return Plan(result, data, kind, when)
    findings = sequence_findings(rows, kind, number, when)
    before = placed_between(rows, when, number)
    diff = diff_records(
        before["record"] if before else None, data, before["status"] if before else None, "active"
    )
    result = ApplyResult(RegisterAction.AMEND_BUSINESS, business_id, diff=diff, findings=findings)
    return Plan(result, data, kind, when)


def sequence_findings(rows: list[Any], kind: str, number: int | None, when: Any) -> list[RegisterFinding]:
    """N should follow N−1, and dates should grow with the numbers."""
    numbers = {r["amendment_number"] or 0 for r in rows if r["kind"] in ("first_registration", "amendment")}
    has_first = any(r["kind"] == "first_registration" for r in rows)
    new = number or 0
    found = []
    if kind == "amendment" and new > 1 and (new - 1) not in numbers:
        found.append(
            register_finding("register_amendment_gap", "amendment_number", previous=new - 1, number=new)
        )
    if kind == "amendment" and not has_first:
        found.append(register_finding("register_no_first_registration", "amendment_number"))
    certs = [r for r in rows if r["kind"] in ("first_registration", "amendment")]
    if any(((r["amendment_number"] or 0) < new) != (r["effective_on"] <= when) for r in certs):
        found.append(register_finding("register_date_order", "amended_on"))
    return found


async def apply_extraction(
    conn: Conn, extraction: Extraction, *, document_id: int, approved_by: int, business_id: int | None
) -> ApplyResult:
    """Apply an approved extraction inside the caller's transaction."""
    plan = await plan_extraction(conn, extraction, business_id)
    result = plan.result
    if result.action in (RegisterAction.NEEDS_HUMAN, RegisterAction.DUPLICATE):
        return result
    old: dict[str, Any] | None = None
    if result.action == RegisterAction.CREATE_BUSINESS:
        commune = normalise(extraction.record, str(extraction.layout)).commune_code
        result.business_id = await conn.fetchval(INSERT_BUSINESS, commune, document_id)
    else:
        row = await conn.fetchrow(LOCK_BUSINESS, result.business_id)
        assert row is not None
        old = {"status": row["status"], "version": row["version"]}
        plan = await plan_extraction(conn, extraction, result.business_id)  # again, now that we hold the lock
        result = plan.result
        if result.action != RegisterAction.AMEND_BUSINESS:
            return result
    assert result.business_id is not None
    result.version_id = await insert_version(
        conn,
        result.business_id,
        plan.kind,
        extraction.record.amendment_number or None,
        plan.effective_on,
        "active",
        str(extraction.layout),
        plan.record,
        document_id,
        approved_by,
    )
    reg = clean_identifier(extraction.record.registration_number)
    if reg:
        await conn.execute(
            UPSERT_IDENTIFIER, result.business_id, identifier_kind(reg), reg, plan.effective_on
        )
    status, version = await recut_history(conn, result.business_id)
    result.diff = await conn.fetchval(SELECT_VERSION_DIFF, result.version_id)
    detail = {
        "version_id": result.version_id,
        "document_id": document_id,
        "kind": plan.kind,
        "amendment_number": extraction.record.amendment_number,
        "diff": result.diff,
        "old": old,
        "new": {"status": status, "version": version},
        "findings": result.findings,
    }
    action = "register.create" if result.action == RegisterAction.CREATE_BUSINESS else "register.amend"
    await write_audit(conn, approved_by, action, "business", result.business_id, detail)
    return result


async def insert_version(
    conn: Conn,
    business_id: int,
    kind: str,
    number: int | None,
    effective_on: Any,
    status: str,
    layout: str | None,
    record: dict[str, Any],
    document_id: int | None,
    approved_by: int | None,
) -> int:
    rec = msgspec.convert(record, type=Record)
    version_id: int = await conn.fetchval(
        INSERT_VERSION, business_id, kind, number, effective_on, status, layout, record,
        *msgspec.structs.astuple(normalise(rec, layout)), document_id, approved_by,
    )  # fmt: skip
    await conn.execute(INSERT_WORDS, version_id)
    vsic = "2025" if layout == "2025" else "2018"
    lines = rec.business_lines
    if lines:
        await conn.execute(INSERT_LINES, version_id, vsic, [x.code for x in lines], [x.name for x in lines])
    people = [(rec.owner.full_name, rec.owner.birth_date, rec.owner.id_number)]
    people += [(m.full_name, m.birth_date, m.id_number) for m in rec.members]
    await conn.execute(INSERT_MEMBERS, version_id, *[list(col) for col in zip(*people, strict=True)])
    return version_id


async def preview_extraction(conn: Conn, extraction: Extraction) -> ApplyResult:
    """What apply_extraction would do, written nowhere."""
    return (await plan_extraction(conn, extraction)).result
