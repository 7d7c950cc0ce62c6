"""Field extraction: page words → the record contract, with per-field confidence and status.

build_lines → read_document (label anchors) → detect_layout → read each field → cross-checks
→ statuses (ok only when confident) → the cross-check rules' findings (rules.validate_cross_checks)
→ Extraction
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import msgspec

from ocr.extraction import checks, contact, fields, id_kind, layout_gate, vocab
from ocr.extraction import normalise as nz
from ocr.extraction.fields import Candidate, Document
from ocr.extraction.labels import LAYOUT_EVIDENCE
from ocr.extraction.lines import Line, Token, build_lines
from ocr.extraction.names import (
    correct_name,
    doubt_stacked_capitals,
    reconcile_names,
    strip_label_words,
)
from ocr.extraction.reread import Reread, propose_rereads
from ocr.extraction.second_reading import SecondReading, apply_second_reading, read_again
from ocr.results import PageResult
from rules.record import validate_cross_checks
from schemas.record import (
    RECORD_FIELD_PATHS,
    Extraction,
    FieldResult,
    FieldStatus,
    Finding,
    Layout,
    Member,
    Person,
    Record,
)
from schemas.vietnamese import fold_key

OK_THRESHOLD = 0.86
"""A field is `ok` (trusted without a human) only at or above this calibrated confidence."""

OPTIONAL_FIELDS = {
    "phone",
    "fax",
    "email",
    "website",
    "employees",
    "amendment_number",
    "amended_on",
    "members",
    "owner.current_address",
    "owner.id_issued_on",
    "owner.id_issued_by",
}


def extract_record(
    file_name: str,
    pages: Sequence[PageResult],
    *,
    today: dt.date | None = None,
    reread: Reread | None = None,
) -> Extraction:
    """Words of every page → the contract's Extraction. `reread` (optional) re-reads doubtful digits.
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
    record = build_record(cands)
    extraction = Extraction(
        file=file_name,
        pages=len(pages),
        layout=layout,
        record=record,
        fields={path: to_field_result(path, cands[path], optional) for path in RECORD_FIELD_PATHS},
        findings=[*findings, *validate_cross_checks(record, layout, day)],
    )
    return layout_gate.mark_uncertain(extraction) if kind is layout_gate.PageKind.UNCERTAIN else extraction


def detect_layout(doc: Document, page_widths: dict[int, int]) -> Layout:
    """The generation of a page the layout gate let through (`layout_gate`), by header and label
    evidence: commune office → 2025; 'Số:' number → 2015; tax-code label → 2021."""
    header = " ".join(fold_key(line.text()) for line in doc.lines[:20])
    authority = read_issuing_authority(doc.lines, page_widths)
    committee = fold_key(str(authority.value or "")).partition("uy ban nhan dan ")[2]
    if committee.startswith(("xa ", "phuong ", "dac khu ")):
        return Layout.ERA_2025
    if not committee and any(k in header for k in LAYOUT_EVIDENCE["commune"]):
        return Layout.ERA_2025
    reg = doc.first("registration_number")
    if reg is not None and fold_key(
        " ".join(t.key for t in doc.lines[reg.line].tokens[reg.start : reg.end])
    ).startswith("ma so"):
        return Layout.ERA_2021
    if fields._header_number(doc) is not None or (
        doc.first("address") is not None
        and any(
            a.name == "address"
            and doc.lines[a.line].tokens[a.start].key == "dia"
            and doc.lines[a.line].tokens[a.start + 1].key == "diem"
            for a in doc.anchors
        )
    ):
        return Layout.ERA_2015
    return Layout.ERA_2021


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
    c["members"] = fields.read_members(doc)
    strip_label_words(c["owner.full_name"])
    for path in (
        "business_name",
        "owner.full_name",
        "address",
        "owner.permanent_address",
        "owner.current_address",
    ):
        correct_name(c[path])
    reconcile_names(c["business_name"], c["owner.full_name"])
    for path in ("business_name", "owner.full_name"):
        doubt_stacked_capitals(c[path])
    vocab.snap_closed_fields(c)
    c["owner.id_type"] = id_kind.infer_id_type(doc, c["owner.id_type"], c["owner.id_number"])
    vocab.settle_committee_place(c["issuing_authority"], c["address"])
    contact.reconcile_email(c["email"], c["owner.full_name"])
    return c


def _left_block(tokens: list[Token], width: int) -> list[Token]:
    """The header's left column: words up to the first wide gap or the national motto, left of centre."""
    out: list[Token] = []
    # scanner edges and specks: no letters, or one or two lower-case letters in an upper-case header
    tokens = [
        t
        for t in tokens
        if any(ch.isalnum() for ch in t.word.text) and not (len(t.word.text) <= 2 and t.word.text.islower())
    ]
    heights = sorted(t.word.bbox[3] for t in tokens)
    gap_limit = 2.5 * heights[len(heights) // 2] if heights else 100
    for i, tok in enumerate(tokens):
        if out and tok.word.bbox[0] - (out[-1].word.bbox[0] + out[-1].word.bbox[2]) > gap_limit:
            break
        nxt = tokens[i + 1].key if i + 1 < len(tokens) else ""
        if (tok.key, nxt) in {("cong", "hoa"), ("doc", "lap")} or tok.key in {"cong hoa", "doc lap"}:
            break
        out.append(tok)
    while out and not any(ch.isalnum() for ch in out[-1].word.text):
        out.pop()
    while out and not any(ch.isalnum() for ch in out[0].word.text):
        out.pop(0)
    if not out or out[0].word.bbox[0] + out[0].word.bbox[2] / 2 > 0.5 * width:
        return []
    return out


def read_issuing_authority(lines: list[Line], page_widths: dict[int, int]) -> Candidate:
    """The header's left block above the title: office first, then committee, joined by ', '."""
    committee: list[str] = []
    office: list[str] = []
    tokens = []
    for line in lines[:12]:
        key = fold_key(line.text())
        if "giay chung nhan" in key:
            break
        left = _left_block(line.tokens, page_widths.get(line.page, 2480))
        if not left or left[0].key == "so":
            continue
        text = " ".join(t.word.text for t in left)
        if fold_key(text).startswith("phong") or office:
            office.append(text)
        else:
            committee.append(text)
        tokens.extend(left)
    committee_text, sure = vocab.normalise_committee(" ".join(committee)) if committee else ("", True)
    parts = [p for p in (vocab.normalise_office(" ".join(office)), committee_text) if p]
    if not parts:
        return Candidate(value=None, span=None, confidence=0.0, label_found=False)
    span = fields.Span(tokens=tokens, text=", ".join(parts))
    confidence = fields._conf(tokens) if sure else min(0.6, fields._conf(tokens))
    notes = [] if sure else [vocab.PLACE_UNSURE]
    return Candidate(value=nz.clean_text(", ".join(parts)), span=span, confidence=confidence, notes=notes)


def run_checks(c: dict[str, Candidate], layout: Layout, findings: list[Finding], today: dt.date) -> None:
    checks.check_identity(c, findings)
    findings.extend(id_kind.id_type_findings(c["owner.id_type"], c["owner.id_number"]))
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


def optional_fields(doc: Document) -> set[str]:
    """Fields this print may legitimately leave out: Circular 68/2025 forms print "Số định danh cá nhân"
    and no ID type, issue date or issuer."""
    extra: set[str] = set()
    id_anchor = doc.first("owner.id_number")
    if id_anchor is not None:
        label = " ".join(t.key for t in doc.lines[id_anchor.line].tokens[id_anchor.start : id_anchor.end])
        if "dinh danh" in label and doc.first("owner.id_type") is None:
            extra |= {"owner.id_type", "owner.id_issued_on", "owner.id_issued_by"}
    return OPTIONAL_FIELDS | extra


def to_field_result(path: str, cand: Candidate, optional: set[str] = OPTIONAL_FIELDS) -> FieldResult:
    empty = cand.value is None or cand.value == []
    if empty:
        # "missing" only for a field this print may leave out, whose label is absent or whose value is
        # blank; a required field without value, or a value we could not parse, goes to a human.
        blank = not cand.label_found or cand.confidence >= 0.5
        status = FieldStatus.MISSING if path in optional and blank else FieldStatus.NEEDS_REVIEW
    else:
        status = FieldStatus.OK if cand.confidence >= OK_THRESHOLD else FieldStatus.NEEDS_REVIEW
    span = cand.span
    value: Any = cand.value
    return FieldResult(
        value=value if not isinstance(value, dt.date) else value.isoformat(),
        confidence=round(cand.confidence, 3),
        page=span.page if span else None,
        bbox=span.bbox() if span else None,
        status=status,
    )
