"""smartlead_async: asyncio SDK for the Smartlead API with strict rate limits and bulk helpers."""

from __future__ import annotations

import logging

from smartlead_async._response import Response
from smartlead_async._transport import track_requests
from smartlead_async._version import __version__
from smartlead_async.bulk import BulkResults, ItemResult
from smartlead_async.client import SmartleadClient
from smartlead_async.errors import (
    APIError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConnectError,
    GateUnavailableError,
    InconsistentPageError,
    InvalidTypeError,
    MalformedResponseError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RedirectError,
    RequestTimeoutError,
    ResponseTooLargeError,
    ResponseValidationError,
    ServerError,
    SmartleadError,
    TransportError,
    UnprocessableEntityError,
    ValidationError,
)
from smartlead_async.gates import PLAN_PRESETS, RateGate, RateLimit, RateLimits
from smartlead_async.gates.local import LocalGate
from smartlead_async.journal import JournalError, JournalMismatchError
from smartlead_async.models.imports import (
    FailedBatch,
    ImportAccountingError,
    ImportReport,
    RejectedRow,
)
from smartlead_async.models.lead_input import LeadInput
from smartlead_async.pagination import Page, Paginator
from smartlead_async.retry import RetryPolicy
from smartlead_async.webhook_events import (
    WebhookEvent,
    WebhookPayloadError,
    parse_webhook,
    verify_webhook,
)

logging.getLogger("smartlead_async").addHandler(logging.NullHandler())

__all__ = [
    "PLAN_PRESETS",
    "APIError",
    "AuthenticationError",
    "BadRequestError",
    "BulkResults",
    "ConfigurationError",
    "ConnectError",
    "FailedBatch",
    "GateUnavailableError",
    "ImportAccountingError",
    "ImportReport",
    "InconsistentPageError",
    "InvalidTypeError",
    "ItemResult",
    "JournalError",
    "JournalMismatchError",
    "LeadInput",
    "LocalGate",
    "MalformedResponseError",
    "NotFoundError",
    "Page",
    "Paginator",
    "PermissionDeniedError",
    "RateGate",
    "RateLimit",
    "RateLimitError",
    "RateLimits",
    "RedirectError",
    "RejectedRow",
    "RequestTimeoutError",
    "Response",
    "ResponseTooLargeError",
    "ResponseValidationError",
    "RetryPolicy",
    "ServerError",
    "SmartleadClient",
    "SmartleadError",
    "TransportError",
    "UnprocessableEntityError",
    "ValidationError",
    "WebhookEvent",
    "WebhookPayloadError",
    "__version__",
    "parse_webhook",
    "track_requests",
    "verify_webhook",
]
