"""The rules room: every check a certificate's record must pass, below both of its users.

Pure: rules over a record and the in-memory reference data (no database, no HTTP). Extraction (ocr/)
uses the structural rules (identifiers, dates, the capital check) to weigh its readings and ends with
`validate_extraction`; the service validates records a human typed (`validate_record`) and searches
the same admin-unit index (`search_units`). Layers: service → ocr → rules → schemas.

    findings        every finding code and message, and `make_finding` (the one constructor)
    identifiers     personal ID, tax code, old registration number, phone numbers: structure
    dates           date order rules and the date findings
    capital         figures vs words, amounts
    people, codes, business_lines, addresses    findings per part of the record
    address_index, address, autocomplete        the admin-unit index, address resolution, lookup
    record          `validate_record`, `validate_extraction`
"""

from rules.address import AddressResolution, resolve_address
from rules.addresses import validate_address
from rules.autocomplete import search_units, search_vsic
from rules.capital import check_capital_words
from rules.record import validate_extraction, validate_record

__all__ = [
    "AddressResolution",
    "check_capital_words",
    "resolve_address",
    "search_units",
    "search_vsic",
    "validate_address",
    "validate_extraction",
    "validate_record",
    "warm_up",
]


def warm_up() -> None:
    """Build the in-memory indexes now (1–3 s of CPU) instead of during the first request or job."""
    resolve_address("Số 1 Lê Lợi, Phường Hải Châu, Thành phố Đà Nẵng")
    search_units("hai chau")
    search_vsic("ban le", version="2018")
    search_vsic("ban le", version="2025")
