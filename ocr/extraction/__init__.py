"""Field extraction: page words → the record contract, with per-field evidence, confidence and status.

The flow is in `flow.py` (read once, then named passes); a field's status is derived from its
evidence in `status.py`; `Candidate` (a reading with its evidence) is in `candidate.py`.
"""

from __future__ import annotations

from ocr.extraction.authority import read_issuing_authority
from ocr.extraction.flow import build_record, extract_record, read_fields, run_checks
from ocr.extraction.layout import MIN_ANCHORS, detect_layout
from ocr.extraction.status import OK_THRESHOLD, OPTIONAL_FIELDS, optional_fields, to_field_result

__all__ = [
    "MIN_ANCHORS",
    "OK_THRESHOLD",
    "OPTIONAL_FIELDS",
    "build_record",
    "detect_layout",
    "extract_record",
    "optional_fields",
    "read_fields",
    "read_issuing_authority",
    "run_checks",
    "to_field_result",
]
