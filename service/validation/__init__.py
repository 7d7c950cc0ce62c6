"""Validation: pure rules over a record and the in-memory reference data (no database).

`validate_record(record, layout, today)` runs every rule; the pieces are importable on their own
(`resolve_address`, `check_capital_words`, `search_units`, …). Shared structural rules and the
finding codes live in schemas/ (identifiers, date_rules, numbers_vi, finding_codes) so extraction
can use them too.
"""

from service.validation.address import AddressResolution, resolve_address
from service.validation.addresses import validate_address
from service.validation.autocomplete import search_units, search_vsic
from service.validation.capital import check_capital_words
from service.validation.record import validate_record

__all__ = [
    "AddressResolution",
    "check_capital_words",
    "resolve_address",
    "search_units",
    "search_vsic",
    "validate_address",
    "validate_record",
    "warm_up",
]


def warm_up() -> None:
    """Build the in-memory indexes now (1–3 s of CPU) instead of during the first request or job."""
    resolve_address("Số 1 Lê Lợi, Phường Hải Châu, Thành phố Đà Nẵng")
    search_units("hai chau")
    search_vsic("ban le", version="2018")
    search_vsic("ban le", version="2025")
