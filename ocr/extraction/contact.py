"""Contact fields checked against the owner: a household business's e-mail address is mostly made of
the owner's name (given name + surname, or initials + given name), so a reading that fits the name
only after undoing Tesseract's q↔g confusion was misread."""

from __future__ import annotations

from itertools import product

from ocr.extraction.candidate import Candidate
from schemas.vietnamese import fold_key

SWAPS = {"g": "q", "q": "g"}
FIXED_EMAIL_CONFIDENCE = 0.6
"""A letter restored from the name is evidence, not a reading: a human confirms it."""


def fits_name(local: str, parts: list[str]) -> bool:
    """`local`'s letters are a sequence of the name's parts, whole or as initials ('nqkien')."""
    letters = "".join(ch for ch in local if ch.isalpha())
    if not letters or not parts:
        return False
    pieces = {p for p in parts if p} | {p[0] for p in parts if p}
    reach = [True] + [False] * len(letters)
    for end in range(1, len(letters) + 1):
        reach[end] = any(reach[end - len(p)] and letters.endswith(p, 0, end) for p in pieces if len(p) <= end)
    return reach[-1]


def reconcile_email(email: Candidate, owner_name: Candidate) -> None:
    """'ngkien330@yahoo.com' for NGUYỄN QUỐC KIÊN → 'nqkien330@yahoo.com' (sent to review)."""
    if not isinstance(email.value, str) or not isinstance(owner_name.value, str):
        return
    local, at, domain = email.value.partition("@")
    parts = fold_key(owner_name.value).split()
    if not at or fits_name(local, parts):
        return
    spots = [i for i, ch in enumerate(local) if ch in SWAPS]
    if not spots or len(spots) > 3:
        return
    for flips in product((False, True), repeat=len(spots)):
        if not any(flips):
            continue
        chars = list(local)
        for i, flip in zip(spots, flips, strict=True):
            if flip:
                chars[i] = SWAPS[chars[i]]
        if fits_name("".join(chars), parts):
            email.value = "".join(chars) + at + domain
            email.confidence = min(email.confidence, FIXED_EMAIL_CONFIDENCE)
            email.notes.append("email_letter_from_name")
            return
