"""E-mail letters checked against the owner's name (no Tesseract)."""

from __future__ import annotations

from ocr.extraction.contact import fits_name, reconcile_email
from ocr.extraction.fields import Candidate


def test_q_read_as_g_is_restored_from_the_name_and_sent_to_review() -> None:
    email = Candidate(value="ngkien330@yahoo.com", span=None, confidence=0.95)
    reconcile_email(email, Candidate(value="NGUYỄN QUỐC KIÊN", span=None, confidence=0.9))
    assert (email.value, email.confidence) == ("nqkien330@yahoo.com", 0.6)


def test_an_address_that_fits_the_name_or_has_nothing_to_do_with_it_stays() -> None:
    for value in ("kien.nguyen90@gmail.com", "contact@shop.vn"):
        email = Candidate(value=value, span=None, confidence=0.95)
        reconcile_email(email, Candidate(value="NGUYỄN QUỐC KIÊN", span=None, confidence=0.9))
        assert (email.value, email.confidence) == (value, 0.95)


def test_fits_name_takes_whole_parts_and_initials() -> None:
    assert fits_name("nqkien", ["nguyen", "quoc", "kien"])
    assert fits_name("kiennguyen", ["nguyen", "quoc", "kien"])
    assert not fits_name("ngkien", ["nguyen", "quoc", "kien"])
