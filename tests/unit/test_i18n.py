"""Every text the pages and scripts ask for exists in both languages, and on-screen formats are Vietnamese."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest

from schemas.record import RECORD_FIELD_PATHS
from service.i18n import CATALOGUE, FIELD_LABELS, format_date, format_money, translate

WEB = Path(__file__).resolve().parents[2] / "service" / "web"
TEMPLATE_KEY = re.compile(r"""\bt\(\s*["']([\w.]+)["']""")
SCRIPT_KEY = re.compile(r"""\bt\(\s*"([\w.]+)"\s*[,)]""")


def test_every_key_used_in_templates_exists() -> None:
    used = {k for f in (WEB / "templates").glob("*.html") for k in TEMPLATE_KEY.findall(f.read_text())}
    assert used, "the templates use the catalogue"
    assert sorted(k for k in used if k not in CATALOGUE and not k.endswith(".")) == []  # "status." ~ s


def test_every_key_used_in_scripts_exists() -> None:
    used = {k for f in (WEB / "static").glob("*.js") for k in SCRIPT_KEY.findall(f.read_text())}
    assert used
    missing = sorted(
        k for k in used if f"js.{k}" not in CATALOGUE and not k.startswith(("field.", "status.", "step."))
    )
    assert missing == []


@pytest.mark.parametrize("key", sorted(CATALOGUE) + sorted(FIELD_LABELS))
def test_both_languages_present_and_nfc(key: str) -> None:
    vi, en = CATALOGUE.get(key) or FIELD_LABELS[key]
    assert vi and en
    assert unicodedata.normalize("NFC", vi) == vi


def test_every_record_field_has_a_label() -> None:
    assert set(RECORD_FIELD_PATHS) <= set(FIELD_LABELS)


def test_formats() -> None:
    assert format_date(dt.date(2023, 8, 14)) == "14/08/2023"
    assert format_date("2019-03-05") == "05/03/2019"
    assert format_date(dt.datetime(2026, 1, 2, 9, 5), with_time=True) == "02/01/2026 09:05"
    assert format_date(None) == "" and format_date("not a date") == "not a date"
    assert format_money(150000000) == "150.000.000"
    assert format_money(999) == "999" and format_money(None) == ""
    assert translate("en", "nav.upload") == "Upload" and translate("vi", "nav.upload") == "Tải lên"
    assert translate("vi", "js.claimed_by", user="Bình") == "Hồ sơ này đang được Bình kiểm tra."
    assert translate("xx", "no.such.key") == "no.such.key"


def test_every_kind_of_evidence_is_said_in_words_both_ways() -> None:
    from schemas.record import EvidenceKind

    for kind in EvidenceKind:
        for key in (f"js.evidence.{kind.value}", f"js.evidence.{kind.value}.no"):
            vi, en = CATALOGUE[key]
            assert vi != en and any(ord(ch) > 127 for ch in vi), key


def test_every_row_an_approval_preview_can_show_is_in_words_both_ways() -> None:
    """The preview's diff (register.history.diff_records) names paths and register statuses; each must
    have its words in both languages, or the reviewer reads a raw key ("field.status — active")."""
    import msgspec

    from schemas.record import Person, Record
    from service.register.history import diff_records
    from service.register.model import STATUS_BY_KIND

    full = msgspec.to_builtins(Record(owner=Person()))
    paths = set(
        diff_records(
            None, {k: "x" for k in full} | {"owner": {k: "x" for k in full["owner"]}}, None, "active"
        )
    )
    assert "status" in paths and "owner.full_name" in paths
    unlabelled = sorted(p for p in paths if p not in FIELD_LABELS and f"js.field.{p}" not in CATALOGUE)
    assert unlabelled == []
    for status in set(STATUS_BY_KIND.values()):
        vi, en = CATALOGUE[f"js.status.{status}"]
        assert vi != status and en, status  # Vietnamese words, not the stored key
