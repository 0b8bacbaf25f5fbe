"""The one HTTP path: gate -> aiohttp -> decode -> typed error, under the retry policy.

This is the only module that imports aiohttp's client. Paths are built from literal templates
and integer ids only; the API key is added to the query at send time and redacted everywhere.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import hashlib
import ipaddress
import logging
import os
import re
import string
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

import aiohttp
import orjson

from smartlead_async._redact import (
    MIN_LITERAL as _MIN_LITERAL_KEY,
)
from smartlead_async._redact import (
    REDACTED,
    redact_data,
    redact_text,
)
from smartlead_async._response import QueryValue, Response
from smartlead_async._validate import check_query_value, check_timeout
from smartlead_async.errors import (
    APIError,
    ConfigurationError,
    ConnectError,
    InvalidTypeError,
    MalformedResponseError,
    RedirectError,
    RequestTimeoutError,
    ResponseTooLargeError,
    SmartleadError,
    TransportError,
    ValidationError,
    error_class_for_status,
)
from smartlead_async.gates import RateGate
from smartlead_async.gates._headers import retry_after_from
from smartlead_async.retry import RetryPolicy, may_have_been_processed, run_with_retry

if TYPE_CHECKING:
    from smartlead_async.catalog import Endpoint

logger = logging.getLogger("smartlead_async")

DEFAULT_BASE_URL = "https://server.smartlead.ai/api/v1"
DEFAULT_TIMEOUT = 30.0
#: The default cap on one response body: a campaign's CSV export is the largest legitimate answer.
DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024
_CHUNK = 64 * 1024

_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "DELETE", "PUT"})
_SAFE_PATH = re.compile(r"^/[A-Za-z0-9/_\-.]*$")


class RequestCounter:
    """Counts of one :func:`track_requests` scope.

    ``attempts``: HTTP attempts made; ``rate_limited``: of those, answered 429;
    ``unanswered``: attempts that may have reached the server and been processed but gave no
    usable answer (a 5xx, a timeout or reset after sending, a malformed body). A retry after
    an unanswered attempt may find the attempt's effects already in place.
    """

    __slots__ = ("attempts", "rate_limited", "unanswered")

    def __init__(self) -> None:
        self.attempts = 0
        self.rate_limited = 0
        self.unanswered = 0


_active_counters: contextvars.ContextVar[tuple[RequestCounter, ...]] = contextvars.ContextVar(
    "smartlead_async_request_counters", default=()
)


class track_requests:
    """Count every HTTP attempt made by this task and the tasks it starts.

    >>> with track_requests() as counter:
    ...     await client.campaigns.list()
    >>> counter.attempts
    """

    def __init__(self) -> None:
        self._counter = RequestCounter()
        self._token: contextvars.Token[tuple[RequestCounter, ...]] | None = None

    def __enter__(self) -> RequestCounter:
        self._token = _active_counters.set((*_active_counters.get(), self._counter))
        return self._counter

    def __exit__(self, *exc: object) -> None:
        if self._token is not None:
            _active_counters.reset(self._token)


def _shown(path: str, query: Mapping[str, str]) -> str:
    """A path with its query for logs (the key is never in ``query``: it is added on send)."""
    return f"{path}?{urlencode(query)}" if query else path


def _note_unanswered(error: BaseException) -> None:
    """Count a failed attempt that may have been processed in every active scope."""
    if may_have_been_processed(error):
        for counter in _active_counters.get():
            counter.unanswered += 1


@functools.lru_cache(maxsize=1024)
def _slot_names(template: str) -> tuple[str, ...]:
    """The ``{name}`` slots of a path template, in order (parsed once per template)."""
    try:
        return tuple(
            field for _, field, _, _ in string.Formatter().parse(template) if field is not None
        )
    except ValueError:
        raise ValidationError(f"path {template!r} is not a plain API path") from None


def build_path(template: str, path_params: Mapping[str, int] | None = None) -> str:
    """Fill ``{name}`` slots of a literal path template with validated positive integers."""
    if not isinstance(template, str):
        raise InvalidTypeError(f"path must be a str, got {type(template).__name__}")
    names = _slot_names(template)
    params = dict(path_params or {})
    values: dict[str, str] = {}
    for name in names:
        if name not in params:
            raise ValidationError(f"path {template!r} needs a value for {{{name}}}")
        value = params.pop(name)
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidTypeError(f"{name} must be an int, got {type(value).__name__} {value!r}")
        if value < 0:
            raise ValidationError(f"{name} must be a non-negative id, got {value}")
        values[name] = str(value)
    if params:
        raise ValidationError(f"unused path parameters for {template!r}: {sorted(params)}")
    path = template.format(**values)
    if not _SAFE_PATH.match(path) or "/../" in path or path.endswith("/.."):
        raise ValidationError(f"path {path!r} is not a plain API path")
    return path


def encode_query(params: Mapping[str, QueryValue] | None) -> dict[str, str]:
    """Query values as the API expects them: true/false, comma-joined lists, no None.

    Each value must be a scalar or a list of scalars (see
    :func:`~smartlead_async._validate.check_query_value`); nothing is sent as a ``str()``.
    """
    encoded: dict[str, str] = {}
    for key, value in (params or {}).items():
        if not isinstance(key, str):
            raise InvalidTypeError(f"query parameter names must be str, got {key!r}")
        if key.lower() == "api_key":
            raise ValidationError("pass the API key to the client, not as a query parameter")
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            encoded[key] = ",".join(
                check_query_value(key, item) for item in value if item is not None
            )
        else:
            encoded[key] = check_query_value(key, value)
    return encoded


def _encode_body(json: Any) -> bytes | None:
    if json is None:
        return None
    try:
        return orjson.dumps(json)
    except TypeError as exc:  # orjson.JSONEncodeError is a TypeError
        raise InvalidTypeError(f"the request body is not JSON-serialisable: {exc}") from None


def _is_loopback(host: str) -> bool:
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def validate_base_url(base_url: str, *, allow_insecure: bool = False) -> str:
    """Check a base URL: absolute, https (plain http only for loopback or ``allow_insecure``)."""
    if not isinstance(base_url, str):
        raise ConfigurationError(f"base_url must be a str, got {type(base_url).__name__}")
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigurationError(
            f"base_url must be an absolute http(s) URL such as {DEFAULT_BASE_URL!r}, "
            f"got {base_url!r}"
        )
    if parts.query or parts.fragment:
        raise ConfigurationError("base_url must not carry a query string or fragment")
    if parts.scheme == "http" and not (allow_insecure or _is_loopback(parts.hostname)):
        raise ConfigurationError(
            "base_url uses plain http; the API key would travel in clear text. Use https, "
            "or pass allow_insecure=True (the CLI's --allow-insecure) for a trusted network."
        )
    return base_url.rstrip("/")


def _error_message(data: Any, text: str, status: int) -> str:
    if isinstance(data, Mapping):
        for key in ("message", "error", "msg", "detail"):
            value = data.get(key)
            if isinstance(value, Mapping):
                value = value.get("message") or value.get("code")
            if isinstance(value, str) and value:
                return value
    snippet = " ".join(text.split())[:200]
    return snippet or f"HTTP {status}"


#: Keys of a failed acknowledgement such as ``{"ok": false, "message": "..."}``.
_FAILURE_KEYS = frozenset(
    {"ok", "success", "message", "error", "msg", "detail", "code", "errors", "status", "statusCode"}
)


def _is_failure(data: Any) -> bool:
    """Whether a 2xx body reports a failure.

    ``success: false`` always does; ``ok: false`` does when the body carries nothing but a
    message (a result with ``ok: false``, such as an import's counts, is left to its decoder).
    """
    if not isinstance(data, Mapping):
        return False
    if data.get("success") is False:
        return True
    if data.get("ok") is not False:
        return False
    return all(
        key in _FAILURE_KEYS or (key == "data" and not isinstance(value, (Mapping, list)))
        for key, value in data.items()
    )


def _retry_after(headers: Mapping[str, str], data: Any) -> float | None:
    """The header's Retry-After, else the body's (``{"error": {"retry_after": 30}}``)."""
    from_header = retry_after_from(headers)
    if from_header is not None or not isinstance(data, Mapping):
        return from_header
    for holder in (data, data.get("error")):
        if isinstance(holder, Mapping):
            value = holder.get("retry_after")
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
                return float(value)
    return None


def _decode(content_type: str, raw: bytes) -> tuple[Any, str, bool]:
    """``(data, text, is_json)``: JSON bodies decoded, anything else returned as text."""
    text = raw.decode("utf-8", errors="replace")
    if not raw.strip():
        return None, text, False
    if "json" in content_type or (not content_type and raw.lstrip()[:1] in (b"{", b"[")):
        return orjson.loads(raw), text, True
    return text, text, False


async def _read_capped(resp: aiohttp.ClientResponse, limit: int) -> bytes | None:
    """The body, read in chunks; ``None`` as soon as it is known to exceed ``limit`` bytes."""
    declared = resp.content_length
    if declared is not None:  # aiohttp reads exactly the declared length
        return None if declared > limit else await resp.read()
    body = bytearray()
    async for chunk in resp.content.iter_chunked(_CHUNK):
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


async def _write_capped(
    resp: aiohttp.ClientResponse, destination: str | os.PathLike[str], limit: int
) -> int | None:
    """Write the body to ``destination`` in chunks; bytes written, ``None`` over ``limit``."""
    written = 0
    out = await asyncio.to_thread(open, destination, "wb")
    try:
        async for chunk in resp.content.iter_chunked(_CHUNK):
            written += len(chunk)
            if written > limit:
                return None
            out.write(chunk)
    finally:
        out.close()
    return written


#: A private header carrying a download's byte count from the exchange to its caller.
_WRITTEN = "X-Smartlead-Async-Written"


class _SessionHolder:
    """The aiohttp session shared by a client and its ``with_options`` copies."""

    def __init__(self, session: aiohttp.ClientSession | None) -> None:
        self._session = session
        self._owned = session is None
        self._closed = False

    def get(self) -> aiohttp.ClientSession:
        if self._closed:
            raise ConfigurationError(
                "this SmartleadClient is closed (aclose() or the end of its `async with` block); "
                "create a new client to send more requests"
            )
        if self._session is not None and not self._session.closed:
            return self._session
        if not self._owned:
            raise ConfigurationError("the aiohttp session passed to the client is closed")
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=100, ttl_dns_cache=300)
        )
        return self._session

    async def aclose(self) -> None:
        self._closed = True
        if self._owned and self._session is not None and not self._session.closed:
            await self._session.close()
        if self._owned:
            self._session = None


class Transport:
    """Sends requests for one client configuration; shared by clients made with ``with_options``."""

    def __init__(
        self,
        *,
        api_key: str,
        base_url: str,
        gate: RateGate | Callable[[], RateGate],
        retry: RetryPolicy | None,
        timeout: float,
        session: aiohttp.ClientSession | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        strict_responses: bool = False,
    ) -> None:
        self._api_key = api_key
        self.max_response_bytes = max_response_bytes
        #: Field failures raise instead of bending (``SmartleadClient(strict_responses=True)``).
        self.strict_responses = strict_responses
        self.base_url = base_url
        self._gate = gate if isinstance(gate, RateGate) else None
        self._gate_factory = None if isinstance(gate, RateGate) else gate
        self.retry = retry
        self.timeout = timeout
        self._sessions = _SessionHolder(session)
        # A with_options() copy borrows the session: closing the copy leaves the original open.
        self._closes_sessions = True
        self.attempts = 0
        self.rate_limited = 0

    @property
    def account(self) -> str:
        """Which account this transport talks to, without the key: ``host#fingerprint``.

        The fingerprint is a salted hash of the key (12 hex digits), enough to tell two keys
        apart in an import journal and useless for recovering the key.
        """
        digest = hashlib.blake2b(
            self._api_key.encode(errors="surrogatepass"),
            digest_size=6,
            person=b"sl-journal-acct",
        ).hexdigest()
        return f"{urlsplit(self.base_url).netloc}#{digest}"

    @property
    def gate(self) -> RateGate:
        """The rate gate (resolved on first use, inside the running event loop)."""
        if self._gate is None:
            assert self._gate_factory is not None
            try:
                asyncio.get_running_loop()
            except RuntimeError:
                raise ConfigurationError(
                    "the client's rate gate is created inside the running event loop; read "
                    "client.gate from a coroutine, or pass gate=LocalGate(...) to the client"
                ) from None
            self._gate = self._gate_factory()
        return self._gate

    def borrow(self, owner: Transport) -> None:
        """Send through ``owner``'s session and gate (a ``with_options`` copy).

        Closing this transport then closes nothing: the session stays ``owner``'s.
        """
        self._sessions = owner._sessions
        self._closes_sessions = False
        self._gate = owner._gate
        self._gate_factory = None if owner._gate is not None else owner._owner_gate

    def _owner_gate(self) -> RateGate:
        return self.gate

    def __repr__(self) -> str:
        return f"Transport(base_url={self.base_url!r})"

    def redact(self, text: str) -> str:
        """Mask the API key in ``text``."""
        return redact_text(text, self._api_key)

    async def aclose(self) -> None:
        """Close the session if this transport created it (a copy's aclose does nothing)."""
        if self._closes_sessions:
            await self._sessions.aclose()

    async def request(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, int] | None = None,
        params: Mapping[str, QueryValue] | None = None,
        json: Any = None,
        idempotent: bool | None = None,
        timeout: float | None = None,
        retry: RetryPolicy | bool | None = True,
    ) -> Response:
        """Send one logical request (with retries) and return the decoded response.

        ``idempotent`` defaults by method (GET, PUT and DELETE are; POST and PATCH are not) and
        decides which failures are retried. ``retry=False`` sends exactly one attempt.
        """
        if not isinstance(method, str) or method.upper() not in _METHODS:
            raise ValidationError(f"method must be one of {', '.join(_METHODS)}, got {method!r}")
        method = method.upper()
        built = build_path(path, path_params)
        query = encode_query(params)
        body = _encode_body(json)
        if idempotent is None:
            idempotent = method in _IDEMPOTENT_METHODS
        policy = self.retry if retry is True else (None if retry is False else retry)
        seconds = self.timeout if timeout is None else check_timeout(timeout)

        async def attempt() -> Response:
            return await self._attempt(method, built, query, body, seconds)

        return await run_with_retry(
            attempt,
            policy,
            idempotent=idempotent,
            describe=f"{method} {built}",
            max_pause=getattr(self.gate, "max_pause", None),
        )

    async def send(
        self,
        endpoint: Endpoint[Any],
        *,
        path_params: Mapping[str, int] | None = None,
        params: Mapping[str, QueryValue] | None = None,
        json: Any = None,
        timeout: float | None = None,
        path: str | None = None,
    ) -> Response:
        """Send a request to a catalogued ``endpoint``, retried as its row's retry class allows.

        ``timeout`` (or else the row's own, or else the client's) bounds each attempt; ``path``
        replaces the row's path template (its ``fallback``).
        """
        return await self.request(
            endpoint.method,
            endpoint.path if path is None else path,
            path_params=path_params,
            params=params,
            json=json,
            idempotent=endpoint.retry.retry_safe(json),
            timeout=endpoint.timeout if timeout is None else timeout,
        )

    async def download(
        self,
        path: str,
        destination: str | os.PathLike[str],
        *,
        path_params: Mapping[str, int] | None = None,
        params: Mapping[str, QueryValue] | None = None,
        timeout: float | None = None,
    ) -> int:
        """GET ``path`` and stream its body to the file ``destination``; return bytes written.

        The body never sits in memory whole: it is written in chunks, up to
        ``max_response_bytes`` (over it, :class:`ResponseTooLargeError`). Each retry rewrites
        the file from the start. Error statuses raise as :meth:`request` does.
        """
        if not isinstance(destination, (str, os.PathLike)):
            raise InvalidTypeError(
                f"destination must be a file path, got {type(destination).__name__}"
            )
        built = build_path(path, path_params)
        query = encode_query(params)
        seconds = self.timeout if timeout is None else check_timeout(timeout)

        async def attempt() -> int:
            session = self._sessions.get()
            await self.gate.acquire()
            self.attempts += 1
            for counter in _active_counters.get():
                counter.attempts += 1
            outcome = await self._exchange(
                session, "GET", built, query, None, seconds, destination=destination
            )
            if isinstance(outcome, TransportError):
                await self.gate.on_response(None, {})
                raise outcome
            status, headers, content_type, raw = outcome
            await self.gate.on_response(status, headers)
            logger.debug("GET %s -> %s (download)", built, status)
            if status == 429:
                self.rate_limited += 1
                for counter in _active_counters.get():
                    counter.rate_limited += 1
            if 200 <= status < 300:
                return int(headers.get(_WRITTEN, "0"))
            self._interpret("GET", built, status, headers, content_type, raw)
            raise APIError(status, f"HTTP {status}", method="GET", path=built)

        return await run_with_retry(attempt, self.retry, idempotent=True, describe=f"GET {built}")

    async def _attempt(
        self, method: str, path: str, query: dict[str, str], body: bytes | None, seconds: float
    ) -> Response:
        session = self._sessions.get()
        await self.gate.acquire()
        self.attempts += 1
        for counter in _active_counters.get():
            counter.attempts += 1
        started = time.monotonic()
        # The exchange runs in its own frame, which has returned by the time anything is
        # raised here: aiohttp's request/response objects (whose reprs hold the full URL, key
        # included) are never in a traceback's frame locals.
        outcome = await self._exchange(session, method, path, query, body, seconds)
        elapsed = time.monotonic() - started
        if isinstance(outcome, TransportError):
            await self.gate.on_response(None, {})
            if logger.isEnabledFor(logging.DEBUG):
                shown = self.redact(_shown(path, query))
                logger.debug("%s %s -> no response in %.3fs", method, shown, elapsed)
            _note_unanswered(outcome)
            raise outcome
        status, response_headers, content_type, raw = outcome
        await self.gate.on_response(status, response_headers)
        if logger.isEnabledFor(logging.DEBUG):
            shown = self.redact(_shown(path, query))
            logger.debug("%s %s -> %s in %.3fs", method, shown, status, elapsed)
        if status == 429:
            self.rate_limited += 1
            for counter in _active_counters.get():
                counter.rate_limited += 1
        try:
            return self._interpret(method, path, status, response_headers, content_type, raw)
        except SmartleadError as exc:
            _note_unanswered(exc)
            raise

    async def _exchange(
        self,
        session: aiohttp.ClientSession,
        method: str,
        path: str,
        query: dict[str, str],
        body: bytes | None,
        seconds: float,
        *,
        destination: str | os.PathLike[str] | None = None,
    ) -> tuple[int, dict[str, str], str, bytes] | TransportError:
        """One HTTP exchange: ``(status, headers, content type, body)``, or the failure.

        Never raises aiohttp's errors (their text holds the URL) and returns only plain,
        key-free values: headers and body have any echo of the key masked.
        """
        headers = {"Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        try:
            async with session.request(
                method,
                self.base_url + path,
                params={**query, "api_key": self._api_key},
                data=body,
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=seconds),
                allow_redirects=False,
            ) as resp:
                status = resp.status
                if destination is not None and 200 <= status < 300:
                    written = await _write_capped(resp, destination, self.max_response_bytes)
                    raw = b"" if written is not None else None
                else:
                    raw = await _read_capped(resp, self.max_response_bytes)
                response_headers = self._redacted_headers(resp.headers)
                content_type = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
        except aiohttp.ClientConnectorError as exc:
            return ConnectError(
                f"could not connect: {self.redact(str(exc.os_error) or type(exc).__name__)}",
                method=method,
                path=path,
            )
        except aiohttp.ConnectionTimeoutError:
            return RequestTimeoutError(
                f"could not connect within {seconds:g}s", method=method, path=path, sent=False
            )
        except (TimeoutError, aiohttp.ServerTimeoutError):
            return RequestTimeoutError(
                f"no complete response within {seconds:g}s", method=method, path=path
            )
        except aiohttp.ClientError as exc:
            return TransportError(
                f"connection failed: {type(exc).__name__}: {self.redact(str(exc))}",
                method=method,
                path=path,
            )
        if raw is None:
            return ResponseTooLargeError(
                f"the response body is larger than max_response_bytes="
                f"{self.max_response_bytes}; reading stopped",
                limit=self.max_response_bytes,
                method=method,
                path=path,
            )
        if destination is not None and 200 <= status < 300:
            response_headers[_WRITTEN] = str(written)
        secret = self._api_key.encode()
        if len(self._api_key) >= _MIN_LITERAL_KEY and secret in raw:
            raw = raw.replace(secret, REDACTED.encode())
        return status, response_headers, content_type, raw

    def _redacted_headers(self, headers: Mapping[str, str]) -> dict[str, str]:
        """The response headers as a dict, the key masked in any value that echoes it."""
        plain = dict(headers.items())
        joined = "\n".join(plain.values())  # one scan for the usual answer, which has no key
        if self.redact(joined) == joined:
            return plain
        return {name: self.redact(value) for name, value in plain.items()}

    def _interpret(
        self,
        method: str,
        path: str,
        status: int,
        headers: Mapping[str, str],
        content_type: str,
        raw: bytes,
    ) -> Response:
        try:
            data, text, is_json = _decode(content_type, raw)
            malformed = False
        except orjson.JSONDecodeError:  # its .doc holds the body: do not keep it as __context__
            data, text, is_json = None, raw.decode("utf-8", errors="replace"), False
            malformed = True
        if malformed and status < 400:
            raise MalformedResponseError(
                f"HTTP {status} with a body that is not valid JSON ({len(raw)} bytes)",
                method=method,
                path=path,
            )
        if self._api_key in text:
            data = redact_data(data, self._api_key)
        text = self.redact(text)
        if 300 <= status < 400:
            location = urlsplit(headers.get("Location", "")).netloc or "an unnamed location"
            raise RedirectError(
                status,
                f"the server redirected to {location}; redirects are not followed "
                "(the API key would be sent along)",
                text,
                method=method,
                path=path,
                data=data if is_json else None,
            )
        if status >= 400 or (status < 300 and _is_failure(data)):
            error_cls = error_class_for_status(status) if status >= 400 else APIError
            raise error_cls(
                status,
                self.redact(_error_message(data, text, status)),
                text,
                method=method,
                path=path,
                retry_after=_retry_after(headers, data if is_json else None),
                # Only a JSON body is "data": a 503 with an HTML page comes from a proxy in
                # front of the API, so the request was never processed (see retry.py).
                data=data if is_json else None,
            )
        return Response(
            status=status,
            headers=headers,
            body=data,
            text=text,
            content_type=content_type,
            method=method,
            path=path,
        )
