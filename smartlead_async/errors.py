"""The exception hierarchy. Every error the SDK raises is a :class:`SmartleadError`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import orjson

from smartlead_async._redact import mask_credentials

_BODY_LIMIT = 500


def _truncate(body: str | None, limit: int = _BODY_LIMIT) -> str | None:
    if body is None or len(body) <= limit:
        return body
    return body[:limit] + f"... ({len(body) - limit} more characters)"


class SmartleadError(Exception):
    """Base class of every error raised by smartlead_async."""


class ConfigurationError(SmartleadError):
    """The client was configured wrongly (missing key, bad base URL, bad option)."""


class ValidationError(SmartleadError, ValueError):
    """An argument was rejected client-side, before any request was sent."""


class InvalidTypeError(SmartleadError, TypeError):
    """An argument had the wrong type; rejected client-side before any request was sent."""


class _RequestError(SmartleadError):
    """Common fields of errors tied to one HTTP request."""

    def __init__(
        self,
        message: str,
        *,
        method: str | None = None,
        path: str | None = None,
        attempts: int = 1,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.method = method
        self.path = path
        self.attempts = attempts

    def _where(self) -> str:
        if self.method and self.path:
            return f" ({self.method} {self.path})"
        return ""

    def __str__(self) -> str:
        tail = f" after {self.attempts} attempts" if self.attempts > 1 else ""
        return f"{self.message}{self._where()}{tail}"


class TransportError(_RequestError):
    """The request failed below HTTP: connection error, timeout, or an unreadable body."""

    def __init__(
        self,
        message: str,
        *,
        method: str | None = None,
        path: str | None = None,
        attempts: int = 1,
        sent: bool = True,
    ) -> None:
        super().__init__(message, method=method, path=path, attempts=attempts)
        #: False only when the request provably never left the machine (connect failure).
        self.sent = sent


class ConnectError(TransportError):
    """The connection could not be opened; the request never reached the server."""

    def __init__(
        self, message: str, *, method: str | None = None, path: str | None = None, attempts: int = 1
    ) -> None:
        super().__init__(message, method=method, path=path, attempts=attempts, sent=False)


class RequestTimeoutError(TransportError):
    """The request timed out; the server may or may not have processed it."""


class MalformedResponseError(TransportError):
    """The server answered with a body that could not be decoded."""


class APIError(_RequestError):
    """The server answered with an error status (or a 200 with ``success: false``)."""

    def __init__(
        self,
        status: int,
        message: str,
        body: str | None = None,
        *,
        method: str | None = None,
        path: str | None = None,
        attempts: int = 1,
        retry_after: float | None = None,
        data: Any = None,
    ) -> None:
        super().__init__(message, method=method, path=path, attempts=attempts)
        self.status = status
        if data is not None:
            # Credential fields (mailbox passwords, client API keys) are masked as in models.
            masked = mask_credentials(data)
            if masked != data:
                data = masked
                body = orjson.dumps(masked).decode()
        self.body = _truncate(body)
        self.retry_after = retry_after
        #: The decoded error body when it was JSON.
        self.data = data

    def __str__(self) -> str:
        return f"HTTP {self.status}: {super().__str__()}"

    def __repr__(self) -> str:
        name = type(self).__name__
        return f"{name}(status={self.status}, message={self.message!r}, path={self.path!r})"


class BadRequestError(APIError):
    """HTTP 400."""


class AuthenticationError(APIError):
    """HTTP 401: the API key is missing or invalid."""


class PermissionDeniedError(APIError):
    """HTTP 403."""


class NotFoundError(APIError):
    """HTTP 404, or a resource the API reports as gone (e.g. a deleted campaign)."""


class UnprocessableEntityError(APIError):
    """HTTP 422: the server rejected the request's values."""


class RateLimitError(APIError):
    """HTTP 429: the key is over its rate budget. ``retry_after`` holds the server's hint."""


class ServerError(APIError):
    """HTTP 5xx."""


class RedirectError(APIError):
    """HTTP 3xx: the server redirected. Redirects are never followed (the key would travel)."""


class ResponseTooLargeError(TransportError):
    """The response body exceeded the client's ``max_response_bytes``; reading was stopped."""

    def __init__(
        self,
        message: str,
        *,
        limit: int,
        method: str | None = None,
        path: str | None = None,
        attempts: int = 1,
    ) -> None:
        super().__init__(message, method=method, path=path, attempts=attempts)
        #: The cap, in bytes, that the body went over.
        self.limit = limit


class ResponseValidationError(SmartleadError):
    """A response body did not match the model it should decode to."""

    def __init__(
        self,
        message: str,
        *,
        model: str | None = None,
        body: str | None = None,
        field: str | None = None,
        endpoint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.model = model
        self.body = _truncate(body)
        self.field = field
        self.endpoint = endpoint

    def __str__(self) -> str:
        where = f" ({self.endpoint})" if self.endpoint else ""
        return f"could not decode {self.model or 'response'}{where}: {self.message}"


class InconsistentPageError(ResponseValidationError):
    """A page contradicted itself (a total above its own offset, yet no rows), on every try."""

    def __init__(
        self, message: str, *, offset: int, total: int, attempts: int, endpoint: str | None = None
    ) -> None:
        super().__init__(message, endpoint=endpoint)
        self.offset = offset
        self.total = total
        self.attempts = attempts

    def __str__(self) -> str:
        where = f" ({self.endpoint})" if self.endpoint else ""
        return f"inconsistent page{where}: {self.message}"


class GateUnavailableError(SmartleadError):
    """The shared rate gate (e.g. Redis) cannot be reached, so no request may start safely."""


_STATUS_ERRORS: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def error_class_for_status(status: int) -> type[APIError]:
    """The :class:`APIError` subclass that stands for an HTTP status."""
    if status in _STATUS_ERRORS:
        return _STATUS_ERRORS[status]
    if status >= 500:
        return ServerError
    return APIError


# --- errors of the engines, the journal, webhooks, the CLI and the sandbox -------------------


class ImportAccountingError(SmartleadError):
    """An :class:`~smartlead_async.models.imports.ImportReport` does not account for every
    input row exactly once."""


class JournalError(SmartleadError):
    """The journal file cannot be used (unreadable, damaged, or not an import journal)."""


class JournalMismatchError(JournalError):
    """The journal belongs to another job or another input than the one being imported."""


class WebhookPayloadError(SmartleadError, ValueError):
    """A webhook request body that is not a Smartlead event (not JSON, not an object...)."""


class SyncFailedError(SmartleadError):
    """Some workspaces or resources of a warehouse sync failed; the rest were loaded.

    ``failures`` lists each one (:class:`~smartlead_async.sync.SyncFailure`): which
    workspace, resource and campaign, and the error. Their incremental state did not move, so
    the next sync reads them again.
    """

    def __init__(self, failures: Sequence[Any]) -> None:
        self.failures = list(failures)
        first = self.failures[0] if self.failures else None
        more = f" (and {len(self.failures) - 1} more)" if len(self.failures) > 1 else ""
        super().__init__(f"{len(self.failures)} part(s) of the sync failed: {first}{more}")


class SyncLoadError(SmartleadError):
    """A warehouse sync could not be extracted, normalized or loaded (the destination is
    unreachable, its credentials are wrong, a table cannot take a row...). Nothing of the
    failed step was committed; run the sync again once the cause is fixed."""

    def __init__(self, message: str, *, destination: str | None = None) -> None:
        where = f" into {destination}" if destination else ""
        super().__init__(f"the sync{where} failed: {message}")
        self.destination = destination


#: The CLI's exit status for a usage error (``CliError``'s default).
EXIT_USAGE = 2


class CliError(Exception):
    """A problem the user can fix; printed as one ``error:`` line with exit status ``code``."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


class SandboxApiError(Exception):
    """An error answer of the sandbox: raise it from a handler to reply with ``status``.

    ``body`` is sent as JSON unless it is a ``str`` (then plain text). Re-exported as
    ``smartlead_async.testing.ApiError``.
    """

    def __init__(self, status: int, body: object, headers: Mapping[str, str] | None = None):
        super().__init__(status, body)
        self.status = status
        self.body = body
        self.headers = dict(headers or {})


class FastPathMiss(Exception):
    """Internal: the generated fast decoder gave up on a row; the tolerant path decides."""


__all__ = [
    "APIError",
    "AuthenticationError",
    "BadRequestError",
    "CliError",
    "ConfigurationError",
    "ConnectError",
    "GateUnavailableError",
    "ImportAccountingError",
    "InvalidTypeError",
    "JournalError",
    "JournalMismatchError",
    "MalformedResponseError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RedirectError",
    "RequestTimeoutError",
    "ResponseTooLargeError",
    "ResponseValidationError",
    "SandboxApiError",
    "ServerError",
    "SmartleadError",
    "SyncFailedError",
    "SyncLoadError",
    "TransportError",
    "UnprocessableEntityError",
    "ValidationError",
    "WebhookPayloadError",
    "error_class_for_status",
]
