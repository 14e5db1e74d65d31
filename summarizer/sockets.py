"""The socket layer under our httpx transports (record, replay, cache, scrub): aiohttp.

aiohttp parses HTTP in C and keeps its connections in one pool per session, so a request costs about a
quarter fewer Python calls than through httpx2/httpcore2 (7,100 against 9,600 per article on the batch
path, ``bench/batch_throughput.py``), and at 64 requests in flight its pool does not rescan every
connection as httpcore 1.0's does. Hand-rolled rather than httpx-aiohttp, whose error map turns a
refused connection and a dropped one into ``ConnectTimeout``: the retry policy must tell a dead server
(refused, retried at once) from a slow one, and a caller must read "connection refused".

A batch's requests go out before its CPU work. Before Python 3.12, aiohttp writes a request's body in a
task of its own, queued behind every task ready to run: when a batch's answers arrived together, every
article's parsing and grounding ran before any next request went out (a 200 ms call took 260 ms at
concurrency 16). So an answer is handed on only once the bodies given to aiohttp are written; and under
:class:`RequestSlots` a finished request hands its slot straight to a request already prepared.
"""

from __future__ import annotations

import asyncio
import base64
import collections
import contextlib
import contextvars
import ipaddress
import ssl
import urllib.request

import aiohttp
import aiohttp.abc
import aiohttp.payload
import httpx
from yarl import URL

# Headers that described the body on the wire: aiohttp has already joined and decompressed it.
_WIRE_ONLY = {b"content-encoding", b"content-length", b"transfer-encoding"}
# A body up to the transport's high-water mark goes out in one write, with no wait for the reader to drain.
_ONE_WRITE = 2**16
# The longest an answer waits for other requests to go out: a handed-over request on a new connection may
# first connect, and a connection that hangs must not hold every answer behind it.
_SEND_FIRST_S = 0.05


class RequestSlots:
    """At most ``size`` requests out at once, for the tasks that :meth:`use` it; a finished request hands
    its slot straight to the longest-waiting one. Hand-rolled because asyncio.Semaphore does not say whom
    it woke: each slot counts as unsent from hand-over until its body is written, and answers wait for that.
    """

    def __init__(self, size: int | None = None) -> None:
        self._free = size
        self._waiting: collections.deque[asyncio.Future[None]] = collections.deque()
        self._unsent = 0
        self._sent = asyncio.Event()
        self._sent.set()

    def use(self) -> None:
        """The requests of the running task, and of the tasks it starts from now on, take their slots here."""
        _slots.set(self)

    async def take(self) -> None:
        if self._free is None or self._free > 0:
            self._free = None if self._free is None else self._free - 1
            self._counted(+1)
            return
        waiter = asyncio.get_running_loop().create_future()
        self._waiting.append(waiter)
        try:
            await waiter  # the giver counted this request as unsent
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():  # handed over as it was cancelled: pass it on
                self.written()
                self.give()
            else:
                self._waiting.remove(waiter)
            raise

    def written(self) -> None:
        """The request's body is on the wire, or its request ended without writing it."""
        self._counted(-1)

    def give(self) -> None:
        while self._waiting:
            waiter = self._waiting.popleft()
            if not waiter.done():
                self._counted(+1)
                waiter.set_result(None)
                return
        if self._free is not None:
            self._free += 1

    async def sent(self) -> None:
        """Once the requests holding a slot have gone out (or after a short while)."""
        if self._unsent:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._sent.wait(), _SEND_FIRST_S)

    def _counted(self, change: int) -> None:
        self._unsent += change
        if self._unsent:
            self._sent.clear()
        else:
            self._sent.set()


_slots: contextvars.ContextVar[RequestSlots | None] = contextvars.ContextVar("summarizer_request_slots", default=None)


class _Body(aiohttp.payload.BytesPayload):
    """A request body that tells its slots once it is written."""

    def __init__(self, value: bytes, slots: RequestSlots) -> None:
        super().__init__(value)
        self._slots: RequestSlots | None = slots

    async def write_with_length(self, writer: aiohttp.abc.AbstractStreamWriter, content_length: int | None) -> None:
        try:
            await super().write_with_length(writer, content_length)
        finally:
            self.written()

    def written(self) -> None:
        slots, self._slots = self._slots, None
        if slots is not None:
            slots.written()


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


class EnvProxies:
    """The proxy for each URL from HTTP_PROXY, HTTPS_PROXY, ALL_PROXY and NO_PROXY, as urllib (and curl, requests,
    httpx) read them: read once, answered per host from a cache. A loopback host is never proxied, so a local
    llama.cpp server stays reachable behind a corporate proxy (as Go's net/http does). Not aiohttp's
    ``trust_env``: it reads the environment again in a thread for every request, which a batch pays for."""

    def __init__(self) -> None:
        self._proxies = urllib.request.getproxies_environment()
        self._found: dict[tuple[str, str], tuple[URL | None, dict[str, str] | None]] = {}

    def __call__(self, url: httpx.URL) -> tuple[URL | None, dict[str, str] | None]:
        """The proxy for ``url`` (None: go direct) and the headers for it (its credentials, if it has some)."""
        key = (url.scheme, url.host)
        if key not in self._found:
            proxy = self._proxies.get(url.scheme) or self._proxies.get("all")
            if not proxy or _loopback(url.host) or urllib.request.proxy_bypass(url.host):  # NO_PROXY
                self._found[key] = (None, None)
            else:
                found = URL(proxy if "://" in proxy else f"http://{proxy}")
                login = f"{found.user}:{found.password or ''}".encode()
                auth = {"Proxy-Authorization": f"Basic {base64.b64encode(login).decode()}"} if found.user else None
                self._found[key] = (found.with_user(None), auth)
        return self._found[key]


def _loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class AiohttpSocket(httpx.AsyncBaseTransport):
    """Sends an httpx request over an aiohttp session and answers with the whole body read."""

    def __init__(self, verify: ssl.SSLContext, max_connections: int) -> None:
        self._verify, self._limit = verify, max_connections
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._unlimited = RequestSlots()
        self._proxies = EnvProxies()

    def _current(self) -> aiohttp.ClientSession:
        """The session of the running event loop (a session cannot move between loops, nor can slots)."""
        loop = asyncio.get_running_loop()
        if self._session is None or self._session.closed or self._loop is not loop:
            connector = aiohttp.TCPConnector(limit=self._limit, ssl=self._verify)
            self._session, self._loop = aiohttp.ClientSession(connector=connector), loop
            self._unlimited, self._proxies = RequestSlots(), EnvProxies()
        return self._session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        limits = request.extensions.get("timeout", {})
        timeout = aiohttp.ClientTimeout(sock_connect=limits.get("connect"), sock_read=limits.get("read"))
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw]
        session, raw = self._current(), await request.aread()
        slots = _slots.get() or self._unlimited
        await slots.take()
        body = _Body(raw, slots) if 0 < len(raw) <= _ONE_WRITE else raw or None
        if not isinstance(body, _Body):
            slots.written()  # no body, or one large enough to wait on the reader: not waited for
        proxy, proxy_headers = self._proxies(request.url)
        if proxy_headers and request.url.scheme == "http":  # a plain request is the proxy's own (no CONNECT)
            headers, proxy_headers = headers + list(proxy_headers.items()), None
        try:
            async with session.request(
                request.method,
                str(request.url),
                headers=headers,
                data=body,
                allow_redirects=False,
                timeout=timeout,
                proxy=proxy,
                proxy_headers=proxy_headers,
            ) as answer:
                content = await answer.read()
        except (aiohttp.ClientError, OSError, TimeoutError, ValueError) as exc:
            raise _error(exc)(str(exc) or type(exc).__name__, request=request) from exc
        finally:
            if isinstance(body, _Body):
                body.written()
            slots.give()
        await slots.sent()
        kept = [(k, v) for k, v in answer.raw_headers if k.lower() not in _WIRE_ONLY]
        return httpx.Response(answer.status, headers=kept, content=content, request=request)

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
