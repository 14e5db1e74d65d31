"""The socket layer under our httpx transports (record, replay, cache, scrub): aiohttp.

aiohttp parses HTTP in C and keeps its connections in one pool per session, so a request costs about a
quarter fewer Python calls than through httpx2/httpcore2 (7,100 against 9,600 per article on the batch
path, ``bench/batch_throughput.py``), and at 64 requests in flight its pool does not rescan every
connection as httpcore 1.0's does. Hand-rolled rather than httpx-aiohttp, whose error map turns a
refused connection and a dropped one into ``ConnectTimeout``: the retry policy must tell a dead server
(refused, retried at once) from a slow one, and a caller must read "connection refused".
"""

from __future__ import annotations

import asyncio
import ssl

import aiohttp
import httpx

# Headers that described the body on the wire: aiohttp has already joined and decompressed it.
_WIRE_ONLY = {b"content-encoding", b"content-length", b"transfer-encoding"}


def _error(exc: Exception) -> type[httpx.TransportError]:
    """The httpx error that means what ``exc`` (an aiohttp or socket failure) means."""
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return httpx.ConnectTimeout
    if isinstance(exc, (aiohttp.SocketTimeoutError, TimeoutError)):
        return httpx.ReadTimeout
    if isinstance(exc, aiohttp.ClientConnectorError):  # refused, unreachable, DNS, TLS handshake
        return httpx.ConnectError
    if isinstance(exc, (aiohttp.ServerDisconnectedError, aiohttp.ClientPayloadError, aiohttp.ClientResponseError)):
        return httpx.RemoteProtocolError  # closed before a whole answer, or not HTTP
    if isinstance(exc, ValueError):  # aiohttp refuses a header with a line break before sending anything
        return httpx.LocalProtocolError
    return httpx.ReadError


class AiohttpSocket(httpx.AsyncBaseTransport):
    """Sends an httpx request over an aiohttp session and answers with the whole body read."""

    def __init__(self, verify: ssl.SSLContext, max_connections: int) -> None:
        self._verify, self._limit = verify, max_connections
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def _current(self) -> aiohttp.ClientSession:
        """The session of the running event loop (a session cannot move between loops)."""
        loop = asyncio.get_running_loop()
        if self._session is None or self._session.closed or self._loop is not loop:
            connector = aiohttp.TCPConnector(limit=self._limit, ssl=self._verify)
            self._session, self._loop = aiohttp.ClientSession(connector=connector), loop
        return self._session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        limits = request.extensions.get("timeout", {})
        timeout = aiohttp.ClientTimeout(sock_connect=limits.get("connect"), sock_read=limits.get("read"))
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw]
        try:
            async with self._current().request(
                request.method,
                str(request.url),
                headers=headers,
                data=await request.aread() or None,
                allow_redirects=False,
                timeout=timeout,
            ) as answer:
                content = await answer.read()
        except (aiohttp.ClientError, OSError, TimeoutError, ValueError) as exc:
            raise _error(exc)(str(exc) or type(exc).__name__, request=request) from exc
        kept = [(k, v) for k, v in answer.raw_headers if k.lower() not in _WIRE_ONLY]
        return httpx.Response(answer.status, headers=kept, content=content, request=request)

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
