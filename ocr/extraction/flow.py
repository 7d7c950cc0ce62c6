"""Extraction as a flow: page words → the record contract, with per-field evidence and status.

build_lines → read_document (label anchors) → detect_layout → read_fields (each field's reader,
then the name, vocabulary and contact passes) → second readings → run_checks (cross-checks)
→ targeted re-reads → build_record → to_field_result (status derived from evidence, status.py)
→ the cross-check rules' findings (rules.validate_cross_checks) → Extraction
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import msgspec

from ocr.extraction import checks, cross_reading, fields, id_kind, layout_gate, member_rows
from ocr.extraction import normalise as nz
from ocr.extraction.authority import read_issuing_authority
from ocr.extraction.candidate import Candidate, with_evidence
from ocr.extraction.explained import explain_by_labels
from ocr.extraction.fields import Document
from ocr.extraction.layout import detect_layout
from ocr.extraction.lines import build_lines
from ocr.extraction.passes import run_passes
from ocr.extraction.reread import Reread, propose_rereads
from ocr.extraction.second_reading import SecondReading, apply_second_reading, read_again
from ocr.extraction.status import OK_THRESHOLD, optional_fields, to_field_result
from ocr.results import PageResult
from ocr.second_reader.crops import LineReader
from rules.findings import MESSAGES, make_finding
from rules.record import finding_concerns, validate_cross_checks
from schemas.record import (
    RECORD_FIELD_PATHS,
    Evidence,
    EvidenceKind,
    Extraction,
    Finding,
    Layout,
    Member,
    Person,
    Record,
    Severity,
)


def extract_record(
    file_name: str,
    pages: Sequence[PageResult],
    *,
    today: dt.date | None = None,
    reread: Reread | None = None,
    line_reader: LineReader | None = None,
) -> Extraction:
    """Words of every page → the contract's Extraction. `reread` (optional) re-reads doubtful digits;
    `line_reader` (optional) reads every value's lines again with the second reader, and the two vote.
    Findings: the checks' evidence, then the cross-check rules over the finished record."""
    lines = build_lines(pages)
    doc = fields.read_document(lines)
    widths = {p.number: p.width for p in pages}
    kind = layout_gate.judge_page(doc.lines, doc.anchors)
    if kind is layout_gate.PageKind.NOT_A_CERTIFICATE:
        return layout_gate.not_a_certificate(file_name, len(pages))
    layout = detect_layout(doc, widths)
    day = today or dt.date.today()
    findings: list[Finding] = []
    cands = read_fields(doc, widths)
    second = read_again(cands, reread) if reread else SecondReading()
    apply_second_reading(cands, second)
    optional = optional_fields(doc)
    run_checks(cands, layout, findings, day)
    proposals = propose_rereads(cands, reread) if reread else {}
    if proposals:
        trial = read_fields(doc, widths)
        apply_second_reading(trial, second)
        trial.update({p: msgspec.structs.replace(c) for p, c in proposals.items()})
        run_checks(trial, layout, [], day)
        better = {
            p: trial[p]
            for p in proposals
            if trial[p].confidence > cands[p].confidence
            or (cands[p].value is None and trial[p].value is not None)
        }  # a value where there was none, even a doubtful one, is a start for the reviewer
        if better:
            findings = []
            cands = read_fields(doc, widths)
            apply_second_reading(cands, second)
            cands.update({p: msgspec.structs.replace(proposals[p]) for p in better})
            run_checks(cands, layout, findings, day)
    if line_reader is not None:
        cross_reading.apply_votes(cands, cross_reading.read_twice(cands, line_reader, OK_THRESHOLD))
    cands = explain_by_labels(doc, {path: evidence_from_notes(cand) for path, cand in cands.items()})
    record = build_record(cands)
    rules_said = validate_cross_checks(record, layout, day)
    findings = [*findings, *evidence_findings(cands), *rules_said]
    cands = validator_evidence(cands, findings)
    extraction = Extraction(
        file=file_name,
        pages=len(pages),
        layout=layout,
        record=record,
        fields={path: to_field_result(path, cands[path], optional) for path in RECORD_FIELD_PATHS},
        findings=findings,
    )
    return layout_gate.mark_uncertain(extraction) if kind is layout_gate.PageKind.UNCERTAIN else extraction


VALIDATED = (
    "registration_number",
    "first_registered_on",
    "amendment_number",
    "amended_on",
    "business_lines",
    "capital_vnd",
    "owner.birth_date",
    "owner.id_number",
    "owner.id_issued_on",
)
"""Fields the cross-check rules validate (rules.validate_cross_checks): no finding about them is a pass."""


OWN_CODES = ("printed.", "label.")
"""Findings made from the evidence itself (evidence_findings): they are no validator's."""


def validator_evidence(cands: dict[str, Candidate], findings: list[Finding]) -> dict[str, Candidate]:
    """`validators_pass` from the findings: against every field a non-informational finding is about
    (its code the reason), for each validated field with a value that none is about."""
    out = dict(cands)
    for path in RECORD_FIELD_PATHS:
        cand = cands[path]
        if cand.value in (None, []):
            continue
        against = [
            f
            for f in findings
            if f.severity is not Severity.INFO
            and finding_concerns(f, path)
            and not f.code.startswith(OWN_CODES)
        ]
        if against:
            fail = Evidence(kind=EvidenceKind.VALIDATORS_PASS, holds=False, reason=against[0].code)
            out[path] = with_evidence(cand, fail)
        elif path in VALIDATED:
            out[path] = with_evidence(cand, Evidence(kind=EvidenceKind.VALIDATORS_PASS))
    return out


NOTE_EVIDENCE: dict[str, Evidence] = {
    note: Evidence(kind=EvidenceKind.REPAIRED, holds=False, reason="printed.ocr_repaired")
    for note in (
        "surname_fixed",
        "name_tidied",
        "label_stripped",
        "reread_replaced",
        "reread_twin",
        "email_letter_from_name",
        "capital_from_words",
    )
} | {
    "reread_agrees": Evidence(kind=EvidenceKind.READERS_AGREE),
    cross_reading.AGREE: Evidence(kind=EvidenceKind.READERS_AGREE),
    cross_reading.DISAGREE: Evidence(
        kind=EvidenceKind.READERS_AGREE, holds=False, reason=cross_reading.DISAGREE_REASON
    ),
    "readings_disagree": Evidence(
        kind=EvidenceKind.READERS_AGREE, holds=False, reason="printed.readings_disagree"
    ),
}
"""What the notes of the older passes say, as evidence (a pass that returns evidence itself needs none)."""


def evidence_from_notes(cand: Candidate) -> Candidate:
    """The candidate with the evidence its notes stand for (a repair already recorded is kept as is)."""
    items = [NOTE_EVIDENCE[n] for n in dict.fromkeys(cand.notes) if n in NOTE_EVIDENCE]
    has = {(e.kind, e.holds) for e in cand.evidence}
    new = [e for e in items if (e.kind, e.holds) not in has]
    return with_evidence(cand, *new) if new else cand


def evidence_findings(cands: dict[str, Candidate]) -> list[Finding]:
    """One finding per reason a field's evidence gives against it (a repair, a disagreement), so the
    reviewer reads why the field is in review."""
    out: list[Finding] = []
    for path in RECORD_FIELD_PATHS:
        cand = cands[path]
        for reason in dict.fromkeys(e.reason for e in cand.evidence if not e.holds and e.reason):
            if reason in MESSAGES:
                was = next(e.was for e in cand.evidence if e.reason == reason)
                out.append(make_finding(reason, path, printed=was or "", value=shown(cand.value)))
    return out


def shown(value: Any) -> str:
    """A value as the reviewer reads it in a message."""
    if isinstance(value, list):
        return "; ".join(str(getattr(v, "name", None) or v) for v in value)
    return "" if value is None else str(value)


def read_fields(doc: Document, page_widths: dict[int, int]) -> dict[str, Candidate]:
    c: dict[str, Candidate] = {}
    members_at = doc.first("members_heading")
    owner_from = doc.first("_section_owner")
    stop = members_at.line if members_at else None
    after = owner_from.line - 1 if owner_from else -1
    c["registration_number"] = fields.read_registration(doc)
    c["first_registered_on"] = fields.read_date(doc, "first_registered_on")
    c["amendment_number"], c["amended_on"] = fields.read_amendment(doc)
    c["issuing_authority"] = read_issuing_authority(doc.lines, page_widths)
    c["business_name"] = fields.read_text(doc, "business_name")
    c["address"] = fields.read_text(doc, "address")
    c["phone"] = fields.read_text(doc, "phone", nz.clean_phone)
    c["fax"] = fields.read_text(doc, "fax", nz.clean_phone)
    c["email"] = fields.read_text(doc, "email", nz.clean_email)
    c["website"] = fields.read_text(doc, "website", nz.clean_website)
    c["business_lines"] = fields.read_business_lines(doc)
    c["capital_vnd"], c["_capital_words"] = fields.read_capital(doc)  # type: ignore[assignment]
    c["employees"] = fields.read_text(doc, "employees", nz.parse_int)
    for path, clean in (
        ("owner.full_name", nz.clean_text),
        ("owner.gender", nz.clean_gender),
        ("owner.ethnicity", nz.clean_text),
        ("owner.nationality", nz.clean_text),
        ("owner.id_type", nz.clean_id_type),
        ("owner.id_number", nz.clean_id_number),
        ("owner.id_issued_by", nz.clean_text),
        ("owner.permanent_address", nz.clean_text),
        ("owner.current_address", nz.clean_text),
    ):
        c[path] = fields.read_text(doc, path, clean, after=after, before=stop)
    for path in ("owner.birth_date", "owner.id_issued_on"):
        c[path] = fields.read_date(doc, path, after=after, before=stop)
    c["owner.current_address"] = fields.resolve_same_as_above(
        c["owner.current_address"], c["owner.permanent_address"]
    )
    c["members"] = member_rows.read_members(doc)
    c = run_passes(c)
    certified = c["amended_on"] if c["amended_on"].value is not None else c["first_registered_on"]
    c["owner.id_type"] = id_kind.infer_id_type(
        doc, c["owner.id_type"], c["owner.id_number"], c["owner.id_issued_on"], certified
    )
    return c


def run_checks(c: dict[str, Candidate], layout: Layout, findings: list[Finding], today: dt.date) -> None:
    checks.check_identity(c, findings)
    findings.extend(id_kind.id_type_findings(c["owner.id_type"]))
    checks.check_registration(c, layout.value, findings)
    checks.check_capital(c["capital_vnd"], c.pop("_capital_words"), findings)  # type: ignore[arg-type]
    checks.check_dates(c, findings, today)
    checks.check_business_lines(c["business_lines"], findings, layout.value)


def build_record(c: dict[str, Candidate]) -> Record:
    def v(path: str) -> Any:
        return c[path].value

    owner = Person(**{p.split(".", 1)[1]: v(p) for p in RECORD_FIELD_PATHS if p.startswith("owner.")})
    members: list[Member] = v("members") or []
    top = {p: v(p) for p in RECORD_FIELD_PATHS if "." not in p and p not in {"members", "business_lines"}}
    return Record(**top, business_lines=v("business_lines") or [], owner=owner, members=members)
