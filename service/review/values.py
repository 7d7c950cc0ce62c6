"""Reviewer-typed values in the record contract's form, and an extraction with corrections applied.

Pure functions, no I/O. A correction names a field path of `schemas.record.RECORD_FIELD_PATHS`
(e.g. ``owner.id_number``) and a JSON value; the value is normalised like the extractor's output (NFC,
collapsed spaces, ISO dates, integers for money and counts, registration numbers without dots, phone
numbers as digits) and must have the field's type, else `InvalidInputError` (422).
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from typing import Any

import msgspec

from rules.identifiers import normalize_phone
from schemas.record import (
    RECORD_FIELD_PATHS,
    BusinessLine,
    Extraction,
    FieldResult,
    FieldStatus,
    Member,
    Person,
    Record,
)
from schemas.vietnamese import normalize_text
from service.errors import InvalidInputError
from service.i18n.messages import text
from service.review.bounds import MAX_ITEMS, scalar_out_of_bounds

HUMAN_CONFIDENCE = 1.0
FIRST_YEAR, LAST_YEAR = 1900, 2100  # certificates, birth dates
_DMY = re.compile(r"^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$")
_THOUSANDS = re.compile(r"^[0-9]{1,3}([.,\s][0-9]{3})+$")
_RECORD_HINTS = typing.get_type_hints(Record)
_PERSON_HINTS = typing.get_type_hints(Person)


class Correction(msgspec.Struct, frozen=True):
    """One stored correction, as the audit trail shows it (`user` is the display name)."""

    field: str
    ocr_value: Any
    corrected_value: Any
    user: str
    at: dt.datetime


def field_type(path: str) -> Any:
    """The Python type of a contract field path; unknown paths are a 422."""
    if path not in RECORD_FIELD_PATHS:
        raise InvalidInputError(
            f"unknown field {path!r}", message_vi=text("review.unknown_field"), field=path
        )
    if path.startswith("owner."):
        return _PERSON_HINTS[path.removeprefix("owner.")]
    return _RECORD_HINTS[path]


def normalise_value(path: str, value: Any) -> Any:
    """The contract's JSON form of `value` for field `path` (None for an empty value)."""
    kind = field_type(path)
    try:
        typed = msgspec.convert(_prepare(path, kind, value), kind)
    except (msgspec.ValidationError, ValueError, TypeError) as exc:
        raise InvalidInputError(
            f"value for {path} has the wrong type or form: {type(exc).__name__}",
            message_vi=text("review.wrong_type"),
            field=path,
        ) from exc
    normalised = _finish(path, msgspec.to_builtins(typed))
    check_bounds(path, normalised)
    return normalised


def check_bounds(path: str, value: Any) -> None:
    """A 422 naming the field when the register could not store `value` (too long, out of range)."""
    problem = _out_of_bounds(path, value)
    if problem:
        raise InvalidInputError(
            f"value for {path} is out of bounds: {problem}",
            message_vi=text("review.out_of_bounds"),
            field=path,
        )


def _out_of_bounds(path: str, value: Any) -> str | None:
    if isinstance(value, str) and _is_iso_date(value) and not FIRST_YEAR <= int(value[:4]) <= LAST_YEAR:
        return f"a date outside {FIRST_YEAR}–{LAST_YEAR}"
    if isinstance(value, list):
        if len(value) > MAX_ITEMS:
            return f"more than {MAX_ITEMS} items"
        for item in value:
            for key, inner in item.items() if isinstance(item, dict) else ():
                problem = _out_of_bounds(f"{path}.{key}", inner)
                if problem:
                    return f"{key}: {problem}"
        return None
    return scalar_out_of_bounds(path, value)


def _is_iso_date(value: str) -> bool:
    return (
        len(value) == 10
        and value[4] == "-"
        and value[7] == "-"
        and value[:4].isascii()
        and value[:4].isdigit()
    )


def _prepare(path: str, kind: Any, value: Any) -> Any:
    if isinstance(value, str):
        value = normalize_text(value)
        if value == "":
            return None
    if value is None:
        return None if path not in ("business_lines", "members") else []
    if kind == int | None and isinstance(value, str):
        digits = value.replace(" ", "")
        if _THOUSANDS.match(value) or (digits.isascii() and digits.isdigit()):
            return int(re.sub(r"\D", "", digits))
        raise ValueError("not a whole number")
    if kind == int | None and isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if kind == dt.date | None and isinstance(value, str):
        match = _DMY.match(value)
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day).isoformat()
        return dt.date.fromisoformat(value).isoformat()
    if path == "business_lines" and isinstance(value, list):
        return [_text_items(item) for item in value]
    if path == "members" and isinstance(value, list):
        return [_text_items(item) for item in value]
    return value


def _text_items(item: Any) -> Any:
    if not isinstance(item, dict):
        return item
    cleaned = {}
    for key, val in item.items():
        text = normalize_text(val) if isinstance(val, str) else val
        cleaned[key] = None if text == "" else text
    return cleaned


def _finish(path: str, value: Any) -> Any:
    if isinstance(value, str):
        if path == "registration_number":
            return re.sub(r"[.\s]", "", value).upper() or None
        if path in ("phone", "fax"):
            return normalize_phone(value) or None
        if path == "owner.id_number":
            return value.replace(" ", "")
    return value


def apply_corrections(original: Extraction, corrections: list[Correction]) -> Extraction:
    """The extraction as the reviewers left it: each corrected field holds its newest human value,
    status ok, confidence 1.0 (the reviewer's word is final; `source` is added by `view_fields`)."""
    record = msgspec.to_builtins(original.record)
    fields = dict(original.fields)
    for path, value in latest_values(corrections).items():
        _set_path(record, path, value)
        before = fields.get(path) or FieldResult()
        fields[path] = FieldResult(
            value=value,
            confidence=HUMAN_CONFIDENCE,
            page=before.page,
            bbox=before.bbox,
            status=FieldStatus.OK,
        )
    return msgspec.structs.replace(original, record=msgspec.convert(record, Record), fields=fields)


def latest_values(corrections: list[Correction]) -> dict[str, Any]:
    """The newest value per field (corrections are in time order)."""
    return {c.field: c.corrected_value for c in corrections}


def value_at(record: Record, path: str) -> Any:
    """The JSON value of `path` in `record` (what OCR read, for the audit trail)."""
    data = msgspec.to_builtins(record)
    for part in path.split("."):
        data = data.get(part) if isinstance(data, dict) else None
    return data


def _set_path(record: dict[str, Any], path: str, value: Any) -> None:
    if path.startswith("owner."):
        record.setdefault("owner", {})[path.removeprefix("owner.")] = value
    else:
        record[path] = value


def view_fields(extraction: Extraction, corrected: set[str]) -> dict[str, Any]:
    """The extraction as JSON, each field with `source`: "human" when corrected, else "ocr"."""
    data: dict[str, Any] = msgspec.to_builtins(extraction)
    for path, result in data["fields"].items():
        result["source"] = "human" if path in corrected else "ocr"
    return data


__all__ = [
    "BusinessLine",
    "Correction",
    "Member",
    "apply_corrections",
    "normalise_value",
    "value_at",
    "view_fields",
]
