"""Findings about capital (vốn kinh doanh) and employee counts, and the one figures-vs-words check.

The record keeps only the figures, so the words are compared while they are still at hand: by
extraction (ocr/, which has both printed texts) through `compare_capital`, or by a caller holding the
printed words through `check_capital_words`.
"""

from __future__ import annotations

from rules.findings import make_finding
from schemas.numbers_vi import words_to_int
from schemas.record import Finding, Record

__all__ = ["check_capital_words", "compare_capital", "validate_amounts"]


def compare_capital(figures: int, words_value: int, field: str = "capital_vnd") -> list[Finding]:
    """The capital in figures must equal the capital in words (both as integers of đồng)."""
    if words_value == figures:
        return []
    return [
        make_finding(
            "capital.words_mismatch", field, figures=_dotted(figures), words_value=_dotted(words_value)
        )
    ]


def check_capital_words(capital_vnd: int, words_text: str, field: str = "capital_vnd") -> list[Finding]:
    """Compare capital in figures with the printed words ("Một trăm năm mươi triệu đồng")."""
    words_value = words_to_int(words_text)
    if words_value is None:
        return [make_finding("capital.words_unreadable", field, words=words_text)]
    return compare_capital(capital_vnd, words_value, field)


def validate_amounts(record: Record) -> list[Finding]:
    """Capital must be positive; employees not negative."""
    findings: list[Finding] = []
    if record.capital_vnd is not None and record.capital_vnd <= 0:
        findings.append(make_finding("capital.not_positive", "capital_vnd"))
    if record.employees is not None and record.employees < 0:
        findings.append(make_finding("employees.negative", "employees"))
    return findings


def _dotted(amount: int) -> str:
    """150.000.000: thousands separated by dots, as Vietnamese documents print them."""
    return f"{amount:,}".replace(",", ".")
