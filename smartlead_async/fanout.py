"""The one fan-out engine: run many async calls with bounded concurrency, results by index.

It knows nothing about endpoints: :func:`fan_out` drives any ``fn(item)`` over any (async)
iterable, pulling inputs lazily so that memory stays bounded by the concurrency. ``client.bulk``
(:mod:`smartlead_async.bulk`) and the import engine (:mod:`smartlead_async.imports`) run on it.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import (
    AsyncGenerator,
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
)
from typing import Generic, TypeVar, cast

import attrs

from smartlead_async._validate import check_int
from smartlead_async.errors import InvalidTypeError

T = TypeVar("T")
R = TypeVar("R")

DEFAULT_CONCURRENCY = 16


@attrs.frozen
class ItemResult(Generic[T, R]):
    """The outcome of one input of a bulk call: a value or the error it raised."""

    item: T
    value: R | None = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        """True when the call succeeded (then :meth:`unwrap` returns its value)."""
        return self.error is None

    def unwrap(self) -> R:
        """The call's value, typed as the call returns it; raises the call's error if it failed."""
        if self.error is not None:
            raise self.error
        return cast(R, self.value)


class BulkResults(list[ItemResult[T, R]]):
    """The results of a bulk call, in input order, with summaries of what failed."""

    @property
    def ok(self) -> bool:
        """True when every item succeeded."""
        return all(result.ok for result in self)

    @property
    def values(self) -> list[R | None]:
        """Each item's value (None for failed items), in input order."""
        return [result.value for result in self]

    @property
    def succeeded(self) -> list[ItemResult[T, R]]:
        """The items that succeeded."""
        return [result for result in self if result.ok]

    @property
    def failed(self) -> list[ItemResult[T, R]]:
        """The items whose call raised (the error is in :attr:`ItemResult.error`)."""
        return [result for result in self if not result.ok]

    def raise_first(self) -> None:
        """Raise the first captured error, if any."""
        for result in self:
            if result.error is not None:
                raise result.error


def check_concurrency(concurrency: int | None) -> int:
    """Calls in flight at once: a positive int (None: :data:`DEFAULT_CONCURRENCY`)."""
    if concurrency is None:
        return DEFAULT_CONCURRENCY
    return check_int("concurrency", concurrency, 1, hint=" (a positive int)")


def _start(fn: Callable[[T], Awaitable[R]], item: T) -> asyncio.Future[R]:
    """Call ``fn(item)`` and schedule the awaitable it returns."""
    awaitable = fn(item)
    if not inspect.isawaitable(awaitable):
        raise InvalidTypeError(
            f"fn must be an async function such as sl.campaigns.get; {fn!r} returned "
            f"{type(awaitable).__name__}, not an awaitable"
        )
    return asyncio.ensure_future(awaitable)


async def fan_out(
    fn: Callable[[T], Awaitable[R]],
    items: Iterable[T] | AsyncIterable[T],
    *,
    concurrency: int | None = None,
) -> AsyncGenerator[tuple[int, T, R | None, BaseException | None], None]:
    """Run ``fn`` over ``items`` with at most ``concurrency`` calls in flight.

    Yields ``(index, item, value, error)`` as calls finish (not in input order). Inputs are
    pulled lazily, so memory stays bounded by ``concurrency`` whatever the input size. Closing
    the iterator cancels the calls in flight.
    """
    limit = check_concurrency(concurrency)
    if not callable(fn):
        raise InvalidTypeError(
            f"fn must be an async function such as sl.campaigns.get, got {type(fn).__name__}"
        )
    source = iterate_any(items)
    running: dict[asyncio.Future[R], tuple[int, T]] = {}
    exhausted = False
    index = 0
    try:
        while True:
            while not exhausted and len(running) < limit:
                try:
                    item = await anext(source)
                except StopAsyncIteration:
                    exhausted = True
                    break
                running[_start(fn, item)] = (index, item)
                index += 1
            if not running:
                return
            done, _ = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
            for task in sorted(done, key=lambda finished: running[finished][0]):
                position, item = running.pop(task)
                error = asyncio.CancelledError() if task.cancelled() else task.exception()
                value = None if error is not None else task.result()
                yield position, item, value, error
    finally:
        for task in running:
            task.cancel()
        if running:
            await asyncio.gather(*running, return_exceptions=True)


async def iterate_any(items: Iterable[T] | AsyncIterable[T]) -> AsyncIterator[T]:
    """Iterate a plain or async iterable asynchronously (pulled lazily, one item at a time)."""
    if isinstance(items, AsyncIterable):
        async for item in items:
            yield item
    else:
        for item in items:
            yield item


async def iterate_chunks(
    items: Iterable[T] | AsyncIterable[T], size: int
) -> AsyncIterator[list[T]]:
    """The items of a plain or async iterable in lists of up to ``size``, pulled lazily.

    Should the input raise, the items read before it still come out first.
    """
    if isinstance(items, AsyncIterable):
        async for chunk in _async_chunks(items, size):
            yield chunk
        return
    iterator = iter(items)
    while True:
        batch: list[T] = []
        try:
            for item in iterator:
                batch.append(item)
                if len(batch) >= size:
                    break
        except Exception:
            if batch:
                yield batch
            raise
        if not batch:
            return
        yield batch


async def _async_chunks(items: AsyncIterable[T], size: int) -> AsyncIterator[list[T]]:
    chunk: list[T] = []
    try:
        async for item in items:
            chunk.append(item)
            if len(chunk) >= size:
                yield chunk
                chunk = []
    except Exception:
        if chunk:
            yield chunk
        raise
    if chunk:
        yield chunk
