"""Findings about capital (vốn kinh doanh) and employee counts; figures vs words for extraction."""

from __future__ import annotations

from schemas.finding_codes import make_finding
from schemas.numbers_vi import words_to_int
from schemas.record import Finding, Record

__all__ = ["check_capital_words", "validate_amounts"]


def check_capital_words(capital_vnd: int, words_text: str, field: str = "capital_vnd") -> list[Finding]:
    """Compare capital in figures with the printed words ("Một trăm năm mươi triệu đồng").

    The record keeps only the figures, so extraction calls this while it still has both texts.
    """
    words_value = words_to_int(words_text)
    if words_value is None:
        return [make_finding("capital.words_unreadable", field, words=words_text)]
    if words_value != capital_vnd:
        return [
            make_finding(
                "capital.words_mismatch", field, figures=f"{capital_vnd:,}".replace(",", "."),
                words_value=f"{words_value:,}".replace(",", "."),
            )
        ]  # fmt: skip
    return []


def validate_amounts(record: Record) -> list[Finding]:
    """Capital must be positive; employees not negative."""
    findings: list[Finding] = []
    if record.capital_vnd is not None and record.capital_vnd <= 0:
        findings.append(make_finding("capital.not_positive", "capital_vnd"))
    if record.employees is not None and record.employees < 0:
        findings.append(make_finding("employees.negative", "employees"))
    return findings
