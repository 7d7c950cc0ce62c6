"""Security headers sent with every response, normal or error (no inline script or style is needed)."""

from __future__ import annotations

from litestar.datastructures import ResponseHeader

SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def security_response_headers() -> list[ResponseHeader]:
    return [ResponseHeader(name=k, value=v) for k, v in SECURITY_HEADERS.items()]
