"""Slow clients are timed out: headers must arrive within `header_seconds` of a request's first byte
(or of the connection, if nothing comes), and a body may pause at most `body_seconds` between reads.

uvicorn's HTTP/1.1 protocol has neither: any byte cancels its keep-alive timer, so a client that sends a
header line now and then (or half a body and then nothing) held a connection and an upload's task
forever; a few hundred such clients exhaust a server. This is its h11 protocol with two timers; on
expiry the client gets 408 (when no response has started) and the connection is closed.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol


class TimedH11Protocol(H11Protocol):
    """H11Protocol with a header timer and a body idle timer (class attributes set by `timed_protocol`)."""

    header_seconds: float = 10.0
    body_seconds: float = 30.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._slow_timer: asyncio.TimerHandle | None = None
        self._arm(self.header_seconds)

    def data_received(self, data: bytes) -> None:
        waiting_for_headers = self._waiting_for_headers()
        if waiting_for_headers and self._slow_timer is None:
            self._arm(self.header_seconds)  # the first byte of a new request on a kept-alive connection
        super().data_received(data)
        if self.transport.is_closing():
            self._disarm()
        elif self._waiting_for_headers():
            pass  # still reading headers: the header timer keeps running, more bytes do not reset it
        elif self.conn.their_state is h11.SEND_BODY:
            self._arm(self.body_seconds)  # each read of the body resets the idle timer
        else:
            self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        self._disarm()
        super().on_response_complete()  # the keep-alive timer takes over until the next request

    def _waiting_for_headers(self) -> bool:
        return self.conn.their_state in (h11.IDLE, h11.DONE) and (
            self.cycle is None or self.cycle.response_complete
        )

    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._slow_timer = self.loop.call_later(seconds, self._timed_out)

    def _disarm(self) -> None:
        timer = getattr(self, "_slow_timer", None)
        if timer is not None:
            timer.cancel()
        self._slow_timer = None

    def _timed_out(self) -> None:
        self._slow_timer = None
        if self.transport.is_closing():
            return
        if self.cycle is None or not self.cycle.response_started:
            self._send_408()
        self.transport.close()

    def _send_408(self) -> None:
        headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close")]
        try:
            if self.conn.our_state is h11.DONE:  # between two requests on a kept-alive connection
                return
            out = self.conn.send(h11.Response(status_code=408, headers=headers, reason=b"Request Timeout"))
            out += self.conn.send(h11.Data(data=b"request timeout")) or b""
            out += self.conn.send(h11.EndOfMessage()) or b""
            self.transport.write(out or b"")
        except h11.LocalProtocolError:
            pass  # h11 cannot answer in this state: closing is all that is left


def timed_protocol(header_seconds: float, body_seconds: float) -> type[H11Protocol]:
    """The protocol class for `uvicorn.Config(http=…)` with these limits."""
    attrs: dict[str, Any] = {"header_seconds": header_seconds, "body_seconds": body_seconds}
    return type("HkdH11Protocol", (TimedH11Protocol,), attrs)
