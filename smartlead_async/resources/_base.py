"""What every resource namespace shares: the transport and the request-and-decode shortcuts.

Argument checks live in :mod:`smartlead_async._validate`,
response envelopes in :mod:`smartlead_async.resources._decode`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from smartlead_async._transport import QueryValue, Response
from smartlead_async.pagination import Page, Paginator
from smartlead_async.resources._decode import decode, decode_ack, decode_list

if TYPE_CHECKING:
    from smartlead_async.client import SmartleadClient

T = TypeVar("T")


class Resource:
    """Base of the namespaces (``client.campaigns`` and so on)."""

    def __init__(self, client: SmartleadClient) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"

    async def _request(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, int] | None = None,
        params: Mapping[str, QueryValue] | None = None,
        json: Any = None,
        idempotent: bool | None = None,
        timeout: float | None = None,
    ) -> Response:
        return await self._client._transport.request(
            method,
            path,
            path_params=path_params,
            params=params,
            json=json,
            idempotent=idempotent,
            timeout=timeout,
        )

    async def _body(
        self, method: str, path: str, unwrap: Callable[[Any], Any] | None, **kwargs: Any
    ) -> Any:
        """Send a request; its decoded body, passed through ``unwrap`` when given."""
        body = (await self._request(method, path, **kwargs)).body
        return body if unwrap is None else unwrap(body)

    async def _call(
        self,
        cls: type[T],
        method: str,
        path: str,
        *,
        unwrap: Callable[[Any], Any] | None = None,
        **kwargs: Any,
    ) -> T:
        """Send a request and decode its body (optionally unwrapped first) into ``cls``."""
        return decode(await self._body(method, path, unwrap, **kwargs), cls)

    async def _call_list(
        self,
        cls: type[T],
        method: str,
        path: str,
        *,
        unwrap: Callable[[Any], Any] | None = None,
        **kwargs: Any,
    ) -> list[T]:
        """Send a request whose (unwrapped) body is an array and decode each item into ``cls``."""
        return decode_list(await self._body(method, path, unwrap, **kwargs), cls)

    async def _call_ack(
        self, cls: type[T], method: str, path: str, *, strict: bool = False, **kwargs: Any
    ) -> T:
        """Send a request answered by an acknowledgement (see :func:`decode_ack`)."""
        return decode_ack(await self._request(method, path, **kwargs), cls, strict=strict)

    def _offset_pages(
        self,
        cls: type[T],
        path: str,
        params: Mapping[str, QueryValue],
        *,
        limit: int,
        start: int = 0,
        max_items: int | None = None,
        unwrap: Callable[[Any], Any] | None = None,
        path_params: Mapping[str, int] | None = None,
    ) -> Paginator[T]:
        """Walk a ``GET`` list that takes ``offset``/``limit`` query parameters until a short page.

        Each answer is ``unwrap``-ped (when given) and decoded as an array of ``cls``.
        """

        async def fetch(offset: int, count: int) -> Page[T]:
            query = {**params, "offset": offset, "limit": count}
            body = await self._body("GET", path, unwrap, path_params=path_params, params=query)
            return Page(decode_list(body, cls), offset=offset, limit=count)

        return Paginator(fetch, style="short", limit=limit, start=start, max_items=max_items)
