"""A last line of defence for Decree 13/2023: scrub ID numbers and dates from every log line.

Code must not log personal data in the first place (tests check a whole workflow's logs); this filter
catches what slips through anyway, e.g. a database error message quoting a value.
"""

from __future__ import annotations

import logging
import re

_PATTERNS = [
    re.compile(r"(?<!\d)\d{12}(?!\d)"),  # personal ID number (CCCD)
    re.compile(r"(?<!\d)\d{9}(?!\d)"),  # old ID card (CMND)
    re.compile(r"(?<!\d)\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}(?!\d)"),  # dd/mm/yyyy
    re.compile(r"(?<!\d)(?:19|20)\d{2}-\d{2}-\d{2}(?!\d)(?![T ]\d{2}:)"),  # ISO dates (not timestamps)
]


def redact(text: str) -> str:
    for pattern in _PATTERNS:
        text = pattern.sub("[đã ẩn]", text)
    return text


class RedactPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


def install_redaction() -> None:
    """Attach the filter to every handler of the root logger (call after logging is configured)."""
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactPersonalData())
