"""The register: versioned businesses built from approved certificates and recorded events.

The review workflow calls `apply_extraction` (inside its transaction) and `preview_extraction`
(read-only); the API and exports call the queries.
"""

from service.register.apply import apply_extraction, preview_extraction
from service.register.events import EventIn, EventResult, record_event
from service.register.model import ApplyResult, RegisterAction, RegisterFinding
from service.register.queries import business_history, count_businesses, get_business
from service.register.search import search_businesses

__all__ = [
    "ApplyResult",
    "EventIn",
    "EventResult",
    "RegisterAction",
    "RegisterFinding",
    "apply_extraction",
    "business_history",
    "count_businesses",
    "get_business",
    "preview_extraction",
    "record_event",
    "search_businesses",
]
