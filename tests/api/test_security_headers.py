"""Every response carries the security headers, with a CSP that allows no inline script or style."""

from __future__ import annotations


async def test_security_headers_on_api_pages_and_errors(api_client) -> None:  # type: ignore[no-untyped-def]
    client = await api_client(role=None)
    for path in ("/healthz", "/api/documents", "/nowhere", "/login"):
        response = await client.get(path)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp, path
        assert "frame-ancestors 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "same-origin"
