"""The HTTP link to the central server: retries with jittered backoff, one refresh on expiry."""

from __future__ import annotations

import random
import re
import ssl
import time
from collections.abc import Callable
from typing import Any, Protocol

import httpx
import orjson
import truststore


class Offline(ConnectionError):
    """The server could not be reached (network down, timeouts, 5xx) after retrying."""


class Refused(Exception):
    """The server answered and said no (4xx): retrying will not help. `detail` is the whole
    answer (a refused formulary's row-by-row report, say)."""

    def __init__(self, status: int, code: str, message: str, detail: dict[str, Any] | None = None):
        super().__init__(message)
        self.status, self.code, self.detail = status, code, detail or {}


class TokenSource(Protocol):
    """Gives the access token and can renew it."""

    def access_token(self) -> str | None: ...

    def renew(self) -> bool: ...


RETRYABLE_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
# A 429 with one of these codes is the server's answer to this login (too many failures), not a
# load hiccup: retrying would only be refused again.
REFUSING_CODES = frozenset({"throttled", "locked"})


def tls_context(ca_file: str | None = None) -> ssl.SSLContext:
    """Verification against the OS trust store, plus the hospital's CA file when one is named
    in the station config (a server certificate signed by the hospital's own CA)."""
    context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if ca_file:
        context.load_verify_locations(cafile=ca_file)
    return context


def server_addresses(text: str) -> list[str]:
    """The addresses of a server setting: one, or several separated by spaces or commas."""
    return [address.rstrip("/") for address in re.split(r"[\s,]+", text) if address]


class ServerLink:
    """JSON requests to the hospital's server with full-jitter exponential backoff on transient
    failures. Given several addresses (the server's processes or sites, from the station config),
    a request that finds one down goes on to the next at once, and the link stays with the one
    that answered."""

    def __init__(
        self, base_url: str, *, tokens: TokenSource | None = None, timeout: float = 15.0, attempts: int = 5,
        base_delay: float = 0.2, max_delay: float = 5.0, transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep, ca_file: str | None = None,
    ):  # fmt: skip
        addresses = server_addresses(base_url)
        if not addresses:
            raise ValueError("no server address given")
        context = tls_context(ca_file)
        self.clients = [
            httpx.Client(base_url=address, timeout=timeout, transport=transport, verify=context)
            for address in addresses
        ]
        self.current = self._round_start = (
            0  # the address that answered last; where a request began
        )
        self.tokens = tokens
        self.attempts, self.base_delay, self.max_delay = attempts, base_delay, max_delay
        self.sleep = sleep
        self.random = random.Random()

    @property
    def client(self) -> httpx.Client:
        """The client of the address in use."""
        return self.clients[self.current]

    def close(self) -> None:
        """Close the connection pools."""
        for client in self.clients:
            client.close()

    def _headers(self, bearer: str | None = None) -> dict[str, str]:
        headers = {"content-type": "application/json"}
        token = bearer or (self.tokens.access_token() if self.tokens else None)
        if token:
            headers["authorization"] = f"Bearer {token}"
        return headers

    def request(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        params: dict[str, Any] | None = None,
        bearer: str | None = None,
    ) -> Any:
        """Send one request (retrying transient failures); the decoded JSON answer. `body` may be a
        function: each attempt then sends a fresh body (a login's device proof is good for one use,
        and the server may have taken it although its answer was lost)."""
        content = None if body is None or callable(body) else orjson.dumps(body)
        renewed = False
        self._round_start = self.current
        for attempt in range(1, self.attempts + 1):
            try:
                response = self.client.request(
                    method, path, content=orjson.dumps(body()) if callable(body) else content,
                    params=params, headers=self._headers(bearer),
                )  # fmt: skip
            except httpx.TransportError as exc:
                error: str = f"{type(exc).__name__}: {exc}"
                wait = 0.0
            else:
                if (
                    response.status_code == 401
                    and not renewed
                    and self.tokens
                    and _code(response) == "expired"
                ):
                    renewed = self.tokens.renew()
                    if renewed:
                        continue
                if (
                    response.status_code not in RETRYABLE_STATUS
                    or _code(response) in REFUSING_CODES
                ):
                    return _answer(response)
                error = f"HTTP {response.status_code}"
                wait = _retry_after(response)
            if attempt < self.attempts and not self._next_address():
                self.sleep(max(self._backoff(attempt), min(wait, self.max_delay)))
        tried = ", ".join(str(c.base_url) for c in self.clients)
        raise Offline(f"server {tried} unreachable: {error}")

    def _next_address(self) -> bool:
        """Move to the next address; True when it is one not yet tried in this round (no wait)."""
        self.current = (self.current + 1) % len(self.clients)
        return self.current != self._round_start

    def _backoff(self, attempt: int) -> float:
        return self.random.uniform(0, min(self.max_delay, self.base_delay * 2 ** (attempt - 1)))


def _retry_after(response: httpx.Response) -> float:
    """The server's Retry-After in seconds (0 when absent or given as a date)."""
    value = response.headers.get("retry-after", "")
    return float(value) if value.isdigit() else 0.0


def _code(response: httpx.Response) -> str:
    try:
        return str(response.json().get("error", ""))
    except ValueError:
        return ""


def _answer(response: httpx.Response) -> Any:
    try:
        data = orjson.loads(response.content) if response.content else None
    except orjson.JSONDecodeError:
        data = None
    if response.is_success:
        if data is None:
            raise Offline(f"server answered {response.status_code} without a JSON body")
        return data
    message = data.get("message") if isinstance(data, dict) else None
    code = data.get("error") if isinstance(data, dict) else None
    raise Refused(
        response.status_code, code or "http_error", message or f"HTTP {response.status_code}",
        data if isinstance(data, dict) else None,
    )  # fmt: skip
