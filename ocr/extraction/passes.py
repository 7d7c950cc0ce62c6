"""The named passes that follow the field readers: each takes the candidates and returns new ones.

A pass never changes the candidates it was given: it works on copies (value, notes and evidence of
their own), so the flow can keep, compare or drop what a pass proposed (flow.extract_record re-runs
the readers for its re-read trial). The older repair functions they call still update the copy in
place; the newer ones (vocab.match_address, vocab.snap_to_entry, explained.explain_by_labels) return
new candidates themselves.
"""

from __future__ import annotations

from collections.abc import Callable

import msgspec

from ocr.extraction import contact, vocab
from ocr.extraction.candidate import Candidate
from ocr.extraction.names import correct_name, doubt_stacked_capitals, reconcile_names, strip_label_words

Candidates = dict[str, Candidate]
Pass = Callable[[Candidates], Candidates]

NAME_FIELDS = (
    "business_name",
    "owner.full_name",
    "address",
    "owner.permanent_address",
    "owner.current_address",
)
"""Fields where a personal name may appear (a street is often named after a person)."""


def copied(cands: Candidates) -> Candidates:
    """Copies a pass may change: their lists are their own (the capital's words, an amount the
    capital check reads, ride along as they are)."""
    return {
        path: msgspec.structs.replace(cand, notes=list(cand.notes), evidence=list(cand.evidence))
        if isinstance(cand, Candidate)
        else cand
        for path, cand in cands.items()
    }


def repair_names(cands: Candidates) -> Candidates:
    """The label's tail off the owner's name, misread surnames repaired, owner and business names
    weighed against each other, doubtful stacked-diacritic capitals sent to review."""
    c = copied(cands)
    strip_label_words(c["owner.full_name"])
    for path in NAME_FIELDS:
        correct_name(c[path])
    reconcile_names(c["business_name"], c["owner.full_name"])
    for path in ("business_name", "owner.full_name"):
        doubt_stacked_capitals(c[path])
    return c


def match_closed_vocabularies(cands: Candidates) -> Candidates:
    """Ethnicity, nationality, ID kind and office, the addresses' units against their lists (kept as
    printed where they are a valid form), then the committee's place settled by the address."""
    c = copied(cands)
    vocab.snap_closed_fields(c)
    vocab.settle_committee_place(c["issuing_authority"], c["address"])
    return c


def reconcile_contacts(cands: Candidates) -> Candidates:
    """The e-mail address read against the owner's name (q/g confusions)."""
    c = copied(cands)
    contact.reconcile_email(c["email"], c["owner.full_name"])
    return c


AFTER_READING: tuple[tuple[str, Pass], ...] = (
    ("repair_names", repair_names),
    ("match_closed_vocabularies", match_closed_vocabularies),
    ("reconcile_contacts", reconcile_contacts),
)
"""The passes after the readers, in order."""


def run_passes(cands: Candidates, passes: tuple[tuple[str, Pass], ...] = AFTER_READING) -> Candidates:
    for _, run in passes:
        cands = run(cands)
    return cands
