"""The account settings (token and session lifetimes, trusted proxies), the client address behind
proxies, the throttle's waits, and a README that lists every setting."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest

from service.auth import resolve_client
from service.login_throttle import FIRST_DELAY_SECONDS, FREE_FAILURES, MAX_DELAY_SECONDS, wait_after
from service.runtime.settings import DEFAULTS, ENV_VARS, SettingsError, load_settings

README = Path(__file__).resolve().parents[2] / "README.md"
PROXIES = (ipaddress.ip_network("10.0.0.0/8"), ipaddress.ip_network("::1/128"))


def test_account_settings_and_their_defaults() -> None:
    assert (DEFAULTS.token_days, DEFAULTS.session_idle_minutes, DEFAULTS.session_hours) == (90, 30, 12)
    assert DEFAULTS.trusted_proxies == ()  # no proxy is trusted unless configured
    settings = load_settings(
        {
            "HKD_TOKEN_DAYS": "7",
            "HKD_SESSION_IDLE_MINUTES": "45",
            "HKD_TRUSTED_PROXIES": " 10.0.0.1 , fd00::/8 ,",
        }
    )
    assert (settings.token_days, settings.session_idle_minutes) == (7, 45)
    assert settings.trusted_proxies == ("10.0.0.1", "fd00::/8")
    assert [str(n) for n in settings.trusted_networks] == ["10.0.0.1/32", "fd00::/8"]


@pytest.mark.parametrize(
    "env",
    [{"HKD_TRUSTED_PROXIES": "proxy.example"}, {"HKD_TOKEN_DAYS": "0"}, {"HKD_SESSION_IDLE_MINUTES": "-5"}],
)
def test_unusable_account_settings_are_refused(env: dict[str, str]) -> None:
    with pytest.raises(SettingsError):
        load_settings(env)


@pytest.mark.parametrize(
    ("peer", "forwarded", "trusted", "client"),
    [
        ("127.0.0.1", "203.0.113.9", (), "127.0.0.1"),  # nothing trusted: the header is ignored
        ("192.0.2.5", "203.0.113.9", PROXIES, "192.0.2.5"),  # not from a proxy: ignored
        ("10.0.0.2", "203.0.113.9", PROXIES, "203.0.113.9"),
        (
            "10.0.0.2",
            "6.6.6.6, 203.0.113.9, 10.9.9.9",
            PROXIES,
            "203.0.113.9",
        ),  # left of it: client's own words
        ("10.0.0.2", "", PROXIES, "10.0.0.2"),
        ("10.0.0.2", "10.1.1.1, 10.2.2.2", PROXIES, "10.1.1.1"),  # only proxies: the farthest one
        ("10.0.0.2", "not-an-address, 10.2.2.2", PROXIES, "10.2.2.2"),
        ("::1", "2001:db8::7", PROXIES, "2001:db8::7"),
    ],
)
def test_client_address_behind_proxies(peer: str, forwarded: str, trusted: tuple, client: str) -> None:  # type: ignore[type-arg]
    assert resolve_client(peer, forwarded, trusted) == client


def test_waits_double_from_the_first_delay_up_to_the_cap() -> None:
    assert [wait_after(n) for n in range(FREE_FAILURES)] == [0.0] * FREE_FAILURES
    assert [wait_after(FREE_FAILURES + k) for k in range(3)] == [FIRST_DELAY_SECONDS * 2**k for k in range(3)]
    assert wait_after(10_000) == MAX_DELAY_SECONDS


def test_readme_lists_every_setting() -> None:
    text = README.read_text()
    missing = [var for var, _ in ENV_VARS.values() if f"`{var}`" not in text]
    assert missing == []
