"""The HTTP server's guard against slow clients: uvicorn closes an idle keep-alive connection, but not one
that sends its request line and headers a byte at a time (any data resets its timer), so 200 such clients
would hold every connection. Here a connection must finish each request's headers within
``settings.WEB_HEADER_TIMEOUT`` seconds of opening (or of its previous response), or it is closed."""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http import h11_impl
from uvicorn.protocols.http.h11_impl import H11Protocol

from .. import settings


class HeaderTimeoutProtocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request's headers."""

    header_timeout: float = float(settings.WEB_HEADER_TIMEOUT)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(self.header_timeout, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if (self.cycle is None or self.cycle.response_complete) and not self.transport.is_closing():
            self.transport.close()  # its request's headers never came whole

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        before = self.cycle
        super().handle_events()
        if self.cycle is not before and self.cycle is not None:  # a request's headers arrived whole
            self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and (self.cycle is None or self.cycle.response_complete):
            self._arm()


async def busy(scope: Any, receive: Any, send: Any) -> None:  # noqa: ARG001
    """uvicorn's answer when its connection limit is reached, in the form the path is served in: JSON under /api/
    (as every other error there), a short page elsewhere."""
    import json

    api = str(scope.get("path", "")).startswith("/api/")
    body = (json.dumps({"error": "the server is busy: too many connections; try again shortly"}).encode() if api else
            "<!doctype html><meta charset=utf-8><title>vncite</title><p>Máy chủ đang bận (quá nhiều kết nối); vui lòng thử "
            "lại sau giây lát. / The server is busy; try again shortly.</p>".encode())
    await send({"type": "http.response.start", "status": 503,
                "headers": [(b"content-type", b"application/json" if api else b"text/html; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), (b"connection", b"close"), (b"retry-after", b"2")]})
    await send({"type": "http.response.body", "body": body, "more_body": False})


h11_impl.service_unavailable = busy  # the module's name for it, read when the limit is reached
