"""SmartleadClient: configuration, session lifecycle and the resource namespaces."""

from __future__ import annotations

import os
from collections.abc import Mapping
from types import TracebackType
from typing import Any

import aiohttp

from smartlead_async._redact import Secret, mask_secret
from smartlead_async._response import QueryValue, Response
from smartlead_async._transport import (
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT,
    Transport,
    validate_base_url,
)
from smartlead_async._validate import check_timeout
from smartlead_async.bulk import Bulk
from smartlead_async.errors import ConfigurationError
from smartlead_async.gates import (
    DEFAULT_RATE_LIMIT,
    RateGate,
    RateLimits,
    RateLimitSpec,
    key_fingerprint,
    normalize_limits,
    shared_gate,
)
from smartlead_async.gates._headers import DEFAULT_MAX_PAUSE, check_max_pause
from smartlead_async.imports import run_import
from smartlead_async.resources.analytics import AnalyticsResource
from smartlead_async.resources.campaigns import CampaignsResource
from smartlead_async.resources.clients import ClientsResource
from smartlead_async.resources.email_accounts import EmailAccountsResource
from smartlead_async.resources.inbox import InboxResource
from smartlead_async.resources.lead_lists import LeadListsResource
from smartlead_async.resources.leads import LeadsResource
from smartlead_async.resources.webhooks import WebhooksResource
from smartlead_async.retry import RetryPolicy

_UNSET: Any = object()


_NOT_OPTIONS = frozenset({"self", "api_key"})


def _api_key(api_key: str | Secret | None) -> Secret:
    """The key given (or ``SMARTLEAD_API_KEY``), stripped, as a :class:`Secret`."""
    if isinstance(api_key, Secret):
        return api_key
    key = api_key if api_key is not None else os.environ.get("SMARTLEAD_API_KEY")
    if key is not None and not isinstance(key, str):
        raise ConfigurationError(f"api_key must be a str, got {type(key).__name__}")
    if not key or not key.strip():
        raise ConfigurationError(
            "no API key: pass api_key=... or set the SMARTLEAD_API_KEY environment variable"
        )
    return Secret(key.strip())


class _Options(dict[str, Any]):
    """A client's constructor arguments; its repr never shows them (the key is one)."""

    def __repr__(self) -> str:
        return f"<client options: {', '.join(self)}>"


class SmartleadClient:
    """Async client for the Smartlead API.

    >>> async with SmartleadClient() as sl:          # key from SMARTLEAD_API_KEY
    ...     campaigns = await sl.campaigns.list()

    Every request passes one rate gate per API key (shared by all clients of the process
    that use the key), is retried per ``retry`` and raises a typed :mod:`~smartlead_async.errors`
    error on failure. ``max_response_bytes`` (default 256 MiB, room for a campaign's CSV
    export) caps one response body: it is read in chunks and a larger one raises
    :class:`~smartlead_async.errors.ResponseTooLargeError`.

    A response value that doesn't fit an optional field's type bends: the field is ``None``, the
    raw value stays in the model's ``extra`` and one WARNING is logged. With
    ``strict_responses=True`` (for CI against the sandbox) any field failure raises
    :class:`~smartlead_async.errors.ResponseValidationError` instead.
    """

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        rate_limit: RateLimitSpec = DEFAULT_RATE_LIMIT,
        retry: RetryPolicy | None = _UNSET,
        gate: RateGate | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        session: aiohttp.ClientSession | None = None,
        allow_insecure: bool = False,
        max_pause: float = DEFAULT_MAX_PAUSE,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        strict_responses: bool = False,
    ) -> None:
        # every argument but the key as given; the key from here on only as a Secret, so that
        # no frame of a failing constructor holds it in plain text
        options = {name: value for name, value in locals().items() if name not in _NOT_OPTIONS}
        key = _api_key(api_key)
        del api_key
        self._key_hint = mask_secret(key.value)
        url = base_url or os.environ.get("SMARTLEAD_BASE_URL") or DEFAULT_BASE_URL
        self.base_url = validate_base_url(url, allow_insecure=allow_insecure)
        self.rate_limits = normalize_limits(rate_limit)
        if gate is not None and (isinstance(gate, type) or not isinstance(gate, RateGate)):
            raise ConfigurationError(
                "gate must provide async acquire() and on_response(); pass an instance, "
                f"e.g. LocalGate(...), got {gate!r}"
            )
        gate_key = getattr(gate, "key_fingerprint", None)
        if gate_key is not None and gate_key != key_fingerprint(key.value):
            raise ConfigurationError(
                "gate was built for another API key; a shared gate must budget the key it serves"
            )
        if retry is _UNSET:
            retry = RetryPolicy()
        if retry is not None and not isinstance(retry, RetryPolicy):
            raise ConfigurationError("retry must be a RetryPolicy or None")
        if not isinstance(strict_responses, bool):
            raise ConfigurationError(
                f"strict_responses must be True or False, got {strict_responses!r}"
            )
        if session is not None and not isinstance(session, aiohttp.ClientSession):
            raise ConfigurationError("session must be an aiohttp.ClientSession")
        if (
            isinstance(max_response_bytes, bool)
            or not isinstance(max_response_bytes, int)
            or max_response_bytes <= 0
        ):
            raise ConfigurationError(
                f"max_response_bytes must be a positive int, got {max_response_bytes!r}"
            )
        limits = self.rate_limits
        #: The longest shared pause a server hint may cause (seconds); see :class:`LocalGate`.
        self.max_pause = cap = check_max_pause(max_pause)
        self._transport = Transport(
            api_key=key.value,
            base_url=self.base_url,
            gate=gate
            if gate is not None
            else (lambda: shared_gate(key.value, limits, max_pause=cap)),
            retry=retry,
            timeout=check_timeout(timeout, error=ConfigurationError),
            session=session,
            max_response_bytes=max_response_bytes,
            strict_responses=strict_responses,
        )
        # every constructor argument (the key and URL resolved): with_options rebuilds from it
        self._options = _Options(options, api_key=key, base_url=self.base_url, retry=retry)
        self._init_namespaces()

    def _init_namespaces(self) -> None:
        self.campaigns = CampaignsResource(self._transport, importer=run_import)
        self.leads = LeadsResource(self._transport)
        self.email_accounts = EmailAccountsResource(self._transport)
        self.lead_lists = LeadListsResource(self._transport, importer=run_import)
        self.inbox = InboxResource(self._transport)
        self.analytics = AnalyticsResource(self._transport)
        self.webhooks = WebhooksResource(self._transport)
        self.clients = ClientsResource(self._transport)
        self.bulk = Bulk(
            campaigns=self.campaigns, leads=self.leads, lead_lists=self.lead_lists, inbox=self.inbox
        )

    # --- configuration -------------------------------------------------------------------

    @property
    def gate(self) -> RateGate:
        """The rate gate every request of this client passes."""
        return self._transport.gate

    @property
    def effective_rate_limits(self) -> RateLimits:
        """The windows this client's gate enforces: those configured, and any stricter one it
        learned from the server (read inside the running event loop). ``rate_limits`` holds
        the configured windows alone."""
        gate = self.gate
        return RateLimits(
            configured=tuple(getattr(gate, "limits", ())),
            learned=getattr(gate, "learned_limit", None),
        )

    @property
    def retry(self) -> RetryPolicy | None:
        return self._transport.retry

    @property
    def timeout(self) -> float:
        return self._transport.timeout

    @property
    def strict_responses(self) -> bool:
        """Whether any field that doesn't fit its model raises (instead of bending to None)."""
        return self._transport.strict_responses

    @property
    def requests_sent(self) -> int:
        """HTTP attempts made by this client (retries included)."""
        return self._transport.attempts

    @property
    def rate_limited(self) -> int:
        """429 responses this client received."""
        return self._transport.rate_limited

    def with_options(
        self,
        *,
        timeout: float | None = None,
        retry: RetryPolicy | None = _UNSET,
        strict_responses: bool | None = None,
    ) -> SmartleadClient:
        """A copy with other timeout, retry or strictness settings that shares this client's
        session and gate.

        The copy needs no closing of its own; it stops working once this client is closed.
        """
        changes: dict[str, Any] = {}
        if timeout is not None:
            changes["timeout"] = timeout
        if retry is not _UNSET:
            changes["retry"] = retry
        if strict_responses is not None:
            changes["strict_responses"] = strict_responses
        clone = SmartleadClient(**{**self._options, **changes})
        clone._transport.borrow(self._transport)
        return clone

    # --- lifecycle -----------------------------------------------------------------------

    async def __aenter__(self) -> SmartleadClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the client: its HTTP session if it created it (a borrowed session stays open).

        A closed client refuses further requests with :class:`ConfigurationError`. Closing a
        :meth:`with_options` copy does nothing: the original owns the session.
        """
        await self._transport.aclose()

    # --- escape hatch ----------------------------------------------------------------------

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, QueryValue] | None = None,
        json: Any = None,
        timeout: float | None = None,
        idempotent: bool | None = None,
    ) -> Response:
        """Call any endpoint: ``await sl.request("GET", "/campaigns/")`` returns the raw response.

        ``path`` is relative to the base URL and must be a plain path (no query string, no
        braces); the key is added for you. Errors are raised as for every other call.
        """
        if not isinstance(path, str) or any(char in path for char in "{}?#"):
            raise ConfigurationError(
                f"path must be a plain API path such as '/campaigns/', got {path!r}; "
                "pass query values through params="
            )
        if not path.startswith("/"):
            raise ConfigurationError(
                f"path must start with '/' and be relative to the base URL ({self.base_url}), "
                f"e.g. '/campaigns/', got {path!r}"
            )
        return await self._transport.request(
            method, path, params=params, json=json, timeout=timeout, idempotent=idempotent
        )

    def __repr__(self) -> str:
        base_url = getattr(self, "base_url", None)  # a constructor that failed halfway: no URL
        return f"SmartleadClient(base_url={base_url!r}, api_key={self._key_hint!r})"
