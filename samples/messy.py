"""Deliberate mistakes that real certificates carry, so validation has something to catch.

The truth stays what is printed (the extractor reads what is there); the manifest names the anomaly, so
a test can expect the matching finding. Off by default: `--messy 0.05` puts one in ~5 % of documents.
"""

from __future__ import annotations

import datetime as dt
import random

import msgspec

from samples.content import Certificate
from samples.people import add_years

ANOMALIES = ("id_11_digits", "id_issued_before_14", "id_sex_mismatch", "tax_code_checksum")


def possible_anomalies(cert: Certificate) -> list[str]:
    """The anomalies that make sense for this certificate's fields."""
    owner, number = cert.record.owner, cert.record.registration_number or ""
    out = []
    if owner.id_number and len(owner.id_number) == 12:
        out.append("id_sex_mismatch")
        if cert.layout != "2025":
            out.append("id_11_digits")
    if owner.id_issued_on is not None:
        out.append("id_issued_before_14")
    if cert.layout == "2021" and number[:10].isdigit() and len(number.split("-")[0]) == 10:
        out.append("tax_code_checksum")
    return out


def apply_anomaly(rng: random.Random, cert: Certificate, name: str) -> Certificate:
    """Return the certificate with one printed mistake; the record holds the mistaken value."""
    rec, owner = cert.record, cert.record.owner
    id_number, birth = owner.id_number, owner.birth_date
    assert id_number is not None and birth is not None
    if name == "id_11_digits":
        cut = rng.randrange(12)
        owner = msgspec.structs.replace(owner, id_number=id_number[:cut] + id_number[cut + 1 :])
    elif name == "id_issued_before_14":
        early = add_years(birth, rng.randint(8, 13)) + dt.timedelta(days=rng.randint(0, 300))
        owner = msgspec.structs.replace(owner, id_issued_on=early)
    elif name == "id_sex_mismatch":
        digit = int(id_number[3]) ^ 1
        owner = msgspec.structs.replace(owner, id_number=id_number[:3] + str(digit) + id_number[4:])
    elif name == "tax_code_checksum":
        number = rec.registration_number or ""
        wrong = (int(number[9]) + rng.randint(1, 9)) % 10
        rec = msgspec.structs.replace(rec, registration_number=number[:9] + str(wrong) + number[10:])
    else:
        raise ValueError(f"unknown anomaly {name!r}; known: {', '.join(ANOMALIES)}")
    if cert.layout == "2025":
        rec = msgspec.structs.replace(rec, registration_number=owner.id_number)
    return msgspec.structs.replace(cert, record=msgspec.structs.replace(rec, owner=owner))
