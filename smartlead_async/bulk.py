"""The one fan-out engine: run many SDK calls inside the rate gate, results in input order."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterable, Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from smartlead_async.errors import ValidationError

if TYPE_CHECKING:
    from smartlead_async.client import SmartleadClient

T = TypeVar("T")
R = TypeVar("R")

DEFAULT_CONCURRENCY = 16


@attrs.frozen
class ItemResult(Generic[T, R]):
    """The outcome of one input of :meth:`Bulk.map`: a value or the error it raised."""

    item: T
    value: R | None = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def check_concurrency(concurrency: int | None) -> int:
    if concurrency is None:
        return DEFAULT_CONCURRENCY
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
        raise ValidationError(f"concurrency must be a positive int, got {concurrency!r}")
    return concurrency


async def fan_out(
    fn: Callable[[T], Awaitable[R]],
    items: Iterable[T] | AsyncIterable[T],
    *,
    concurrency: int | None = None,
) -> AsyncIterable[tuple[int, T, R | None, BaseException | None]]:
    """Run ``fn`` over ``items`` with at most ``concurrency`` calls in flight.

    Yields ``(index, item, value, error)`` as calls finish (not in input order). Inputs are
    pulled lazily, so memory stays bounded by ``concurrency`` whatever the input size. Closing
    the iterator cancels the calls in flight.
    """
    limit = check_concurrency(concurrency)
    source = _aiter(items)
    running: dict[asyncio.Task[R], tuple[int, T]] = {}
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
                running[asyncio.ensure_future(fn(item))] = (index, item)
                index += 1
            if not running:
                return
            done, _ = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                position, item = running.pop(task)
                error = task.exception()
                value = None if error is not None else task.result()
                yield position, item, value, error
    finally:
        for task in running:
            task.cancel()
        if running:
            await asyncio.gather(*running, return_exceptions=True)


async def _aiter(items: Iterable[T] | AsyncIterable[T]) -> Any:
    if isinstance(items, AsyncIterable):
        async for item in items:
            yield item
    else:
        for item in items:
            yield item


class Bulk:
    """``client.bulk``: fan-out helpers that keep every call inside the client's rate gate."""

    def __init__(self, client: SmartleadClient) -> None:
        self._client = client

    def __repr__(self) -> str:
        return "<Bulk>"

    async def map(
        self,
        fn: Callable[[T], Awaitable[R]],
        items: Iterable[T] | AsyncIterable[T],
        *,
        concurrency: int | None = None,
        return_exceptions: bool = True,
    ) -> list[ItemResult[T, R]]:
        """Call ``fn(item)`` for every item, concurrently inside the gate; results in input order.

        With ``return_exceptions=True`` (the default) a failing item is captured in its
        :class:`ItemResult`; with False the first error cancels the rest and is raised.
        """
        results: dict[int, ItemResult[T, R]] = {}
        async for index, item, value, error in fan_out(fn, items, concurrency=concurrency):
            if error is not None and not return_exceptions:
                raise error
            results[index] = ItemResult(item=item, value=value, error=error)
        return [results[index] for index in range(len(results))]
