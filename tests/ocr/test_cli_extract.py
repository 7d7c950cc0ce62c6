"""`hkd extract FILE… --json`: one record-contract line per file; non-zero exit only for unusable input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from schemas.record import Extraction, Record

FIXED = Path(__file__).parents[2] / "samples" / "fixed"


@pytest.mark.ocr
def test_extract_json_lines_match_the_truth(tmp_path: Path) -> None:
    files = [FIXED / "01_2021_clean.jpg", FIXED / "neg_english_letter.png"]
    result = subprocess.run(
        [sys.executable, "-m", "service.cli", "extract", *map(str, files), "--json"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    first = msgspec.json.decode(lines[0], type=Extraction)
    truth = msgspec.json.decode((FIXED / "01_2021_clean.truth.json").read_bytes(), type=Record)
    assert first.file == "01_2021_clean.jpg" and first.layout == "2021"
    for path in ("registration_number", "business_name", "capital_vnd", "first_registered_on"):
        assert getattr(first.record, path) == getattr(truth, path), path
    assert first.record.owner.id_number == truth.owner.id_number
    assert first.fields["business_name"].status in ("ok", "needs_review")
    letter = msgspec.json.decode(lines[1], type=Extraction)
    assert letter.layout == "unrecognised"
    assert "not_a_certificate" in [f.code for f in letter.findings]


def test_extract_exits_non_zero_for_unusable_input(tmp_path: Path) -> None:
    text = tmp_path / "note.jpg"
    text.write_text("không phải ảnh")
    result = subprocess.run(
        [sys.executable, "-m", "service.cli", "extract", str(text), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert "note.jpg" in result.stderr and "JPEG, PNG, TIFF or PDF" in result.stderr
