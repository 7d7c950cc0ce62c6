"""Every message key a browser script names literally is in the catalogue (a missing one would show
the raw key, e.g. "upload.summary", on a Vietnamese page)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from service.i18n import script_messages

STATIC = Path(__file__).resolve().parents[2] / "service" / "web" / "static"
LITERAL_KEY = re.compile(r"""\bt\(\s*"([a-z0-9_.]+)"\s*[,)]""")


@pytest.mark.parametrize("script", sorted(p.name for p in STATIC.glob("*.js")))
def test_every_literal_key_of_a_script_is_in_both_languages(script: str) -> None:
    keys = set(LITERAL_KEY.findall((STATIC / script).read_text(encoding="utf-8")))
    for lang in ("vi", "en"):
        missing = sorted(k for k in keys if k not in script_messages(lang))
        assert missing == [], f"{script} ({lang}): {missing}"
