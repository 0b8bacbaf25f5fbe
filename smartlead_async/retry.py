"""Retry policy: which failures are retried, how long to wait, when to give up."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Awaitable, Callable, Generator
from typing import Any, TypeVar

import attrs

try:  # python-backoff (the declared dependency) and the original backoff >= 2.2 both work
    import backoff
except ImportError:  # pragma: no cover - exercised by a subprocess test
    raise ImportError(
        "smartlead_async needs the 'backoff' module, which is missing: it is provided by "
        "python-backoff (pip install python-backoff) or backoff>=2.2 (both install 'backoff/'; "
        "uninstalling one of the two removes it for both: reinstall one)"
    ) from None
if not hasattr(backoff, "on_exception"):  # pragma: no cover - a broken or foreign module
    raise ImportError(
        f"the 'backoff' module at {getattr(backoff, '__file__', '?')} is not the retry library; "
        "pip install --force-reinstall python-backoff"
    )

from smartlead_async.errors import (
    APIError,
    ConfigurationError,
    RateLimitError,
    ResponseTooLargeError,
    ServerError,
    SmartleadError,
    TransportError,
)

logger = logging.getLogger("smartlead_async.retry")

T = TypeVar("T")


def _non_negative(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ConfigurationError(f"RetryPolicy.{attribute.name} must be >= 0, got {value!r}")


def _positive_int(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigurationError(
            f"RetryPolicy.{attribute.name} must be an int >= 1 (1 disables retries), got {value!r}"
        )


@attrs.frozen
class RetryPolicy:
    """How failed attempts are retried.

    ``max_attempts`` counts every attempt (1 disables retries); ``max_elapsed`` bounds the
    total time in seconds. Waits grow exponentially from ``base_delay`` up to ``max_delay``
    with full jitter, and never undercut a server's ``Retry-After``.
    """

    max_attempts: int = attrs.field(default=6, validator=_positive_int)
    max_elapsed: float | None = attrs.field(default=300.0, validator=_non_negative)
    base_delay: float = attrs.field(default=0.5, validator=_non_negative)
    max_delay: float = attrs.field(default=30.0, validator=_non_negative)
    jitter: bool = True

    def delay_for(self, attempt: int, retry_after: float | None) -> float:
        """Seconds to wait before attempt ``attempt + 1`` (``attempt`` counts from 1)."""
        ceiling = min(self.max_delay, self.base_delay * (2 ** (attempt - 1)))
        delay = random.uniform(0, ceiling) if self.jitter else ceiling
        if retry_after is not None:
            delay = max(delay, retry_after)
        return delay


NO_RETRY = RetryPolicy(max_attempts=1)


def may_have_been_processed(error: BaseException) -> bool:
    """Whether the request that failed with ``error`` may still have taken effect.

    False when the server certainly did not act on it: a 429, a request that never left
    (connect errors), a proxy's non-JSON 503, or any answer the API gave on purpose (4xx,
    ``success: false``). True for 5xx with a JSON body, timeouts and resets after sending, and
    malformed or over-cap answers.
    """
    if isinstance(error, TransportError):
        return error.sent
    if isinstance(error, ServerError):
        return not (error.status == 503 and error.data is None)
    return False


def is_retryable(error: BaseException, *, idempotent: bool) -> bool:
    """Whether ``error`` may be retried for a request of this idempotency.

    429 is always retried (the server did not process the request). A request that cannot
    have been processed (see :func:`may_have_been_processed`) is always retried; one that may
    have been is retried only when it is idempotent (GET, delete by id, dedup-safe imports).
    An over-cap body is never retried: the same answer would be just as large.
    """
    if isinstance(error, RateLimitError):
        return True
    if isinstance(error, ResponseTooLargeError):
        return False
    if isinstance(error, (TransportError, ServerError)):
        return idempotent or not may_have_been_processed(error)
    return False


def _wait_generator(
    policy: RetryPolicy, started: float, max_pause: float | None = None
) -> Generator[float, BaseException | None, None]:
    attempt = 0
    error = yield 0.0  # backoff primes the generator with an empty send
    while True:
        attempt += 1
        retry_after = error.retry_after if isinstance(error, APIError) else None
        if (
            retry_after is not None
            and policy.max_elapsed is not None
            and time.monotonic() - started + retry_after > policy.max_elapsed
        ):
            # The server's hint does not fit the time budget: give up now rather than let
            # backoff shorten the wait and retry before the server said it may.
            return
        if retry_after is not None and max_pause is not None:
            retry_after = min(retry_after, max_pause)  # the gate caps the shared pause alike
        error = yield policy.delay_for(attempt, retry_after)


async def run_with_retry(
    attempt: Callable[[], Awaitable[T]],
    policy: RetryPolicy | None,
    *,
    idempotent: bool,
    describe: str,
    max_pause: float | None = None,
) -> T:
    """Run ``attempt`` under ``policy``; giving up raises the last error with ``attempts`` set.

    A server hint longer than the remaining ``max_elapsed`` budget raises the error at once;
    a hint is never waited on for longer than ``max_pause``.
    """
    if policy is None:
        policy = NO_RETRY
    attempts = 0
    started = time.monotonic()

    async def counted() -> T:
        nonlocal attempts
        attempts += 1
        try:
            return await attempt()
        except SmartleadError as exc:
            if hasattr(exc, "attempts"):
                exc.attempts = attempts
            raise

    def on_backoff(details: Any) -> None:
        error = details.get("exception")
        logger.debug(
            "retrying %s in %.2fs after attempt %d failed: %s",
            describe,
            details.get("wait", 0.0),
            details.get("tries", attempts),
            type(error).__name__ if error is not None else "?",
        )

    # The first attempt runs on its own: most requests succeed, and building backoff's
    # retrying wrapper costs more client CPU than the rest of a request's own Python.
    try:
        return await counted()
    except SmartleadError as exc:
        if policy.max_attempts == 1 or not is_retryable(exc, idempotent=idempotent):
            raise
        first: SmartleadError | None = exc

    elapsed = time.monotonic() - started  # backoff's budget starts now: the rest of ours

    async def replayed() -> T:
        """backoff's first try: the failure already seen (then real attempts)."""
        nonlocal first
        if first is not None:
            error, first = first, None
            raise error
        return await counted()

    retrying = backoff.on_exception(
        lambda: _wait_generator(policy, started, max_pause),
        SmartleadError,
        max_tries=policy.max_attempts,
        max_time=None if policy.max_elapsed is None else policy.max_elapsed - elapsed,
        jitter=None,  # jitter is applied inside the policy, never on top of Retry-After
        giveup=lambda exc: not is_retryable(exc, idempotent=idempotent),
        on_backoff=on_backoff,
        logger=None,  # backoff's own lines would print arguments; we log redacted ones
    )(replayed)
    return await retrying()
