"""What every resource namespace shares: the transport and one way to call a catalog row.

Argument checks live in :mod:`smartlead_async._validate`, endpoint facts in
:mod:`smartlead_async.catalog`, response envelopes in :mod:`smartlead_async._envelopes`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext
from typing import Any, TypeVar

from smartlead_async._convert import strict_responses
from smartlead_async._response import QueryValue, Response
from smartlead_async._transport import Transport
from smartlead_async._validate import id_params
from smartlead_async.catalog import Endpoint
from smartlead_async.errors import NotFoundError
from smartlead_async.pagination import Page, Paginator, check_page_size

M = TypeVar("M")


class Resource:
    """Base of the namespaces (``client.campaigns`` and so on)."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"

    def _import_job(self, kind: str, target: int) -> dict[str, Any]:
        """How an import into ``target`` is named in its journal: the kind, the target and
        the account (host and key fingerprint), so that a journal never resumes elsewhere."""
        return {"kind": kind, "target": target, "account": self._transport.account}

    def _reading(self) -> AbstractContextManager[None]:
        """The decode mode: strict when the client was made with ``strict_responses=True``."""
        return strict_responses() if self._transport.strict_responses else nullcontext()

    async def _response(
        self,
        endpoint: Endpoint[Any],
        *,
        params: Mapping[str, QueryValue] | None = None,
        json: Any = None,
        timeout: float | None = None,
        **path: int,
    ) -> Response:
        """Send ``endpoint``'s request; ``path`` fills its ``{name}`` slots (checked as ids)."""
        return await self._transport.send(
            endpoint,
            path_params=id_params(**path),
            params=params,
            json=json,
            timeout=timeout,
        )

    async def _send(
        self,
        endpoint: Endpoint[M],
        *,
        params: Mapping[str, QueryValue] | None = None,
        json: Any = None,
        timeout: float | None = None,
        **path: int,
    ) -> M:
        """Send ``endpoint``'s request and read its answer as the row's envelope and model."""
        response = await self._response(endpoint, params=params, json=json, timeout=timeout, **path)
        return self._read(endpoint, response, path)

    def _read(self, endpoint: Endpoint[M], response: Response, path: Mapping[str, int]) -> M:
        with self._reading():
            result: M = endpoint.envelope.read(response, endpoint.model, endpoint.id, path)
        return result

    async def _send_or_fallback(
        self, endpoint: Endpoint[M], *, json: Any, fallback: Mapping[str, int], **path: int
    ) -> M:
        """As :meth:`_send`; on a 404, once more at the row's ``fallback`` path, without the
        body and with ``fallback``'s extra path parameters (the other documented form)."""
        if endpoint.fallback is None:
            raise TypeError(f"catalog row {endpoint.id} has no fallback path")
        try:
            response = await self._transport.send(
                endpoint, path_params=id_params(**path), json=json
            )
        except NotFoundError:
            response = await self._transport.send(
                endpoint,
                path_params=id_params(**path, **fallback),
                path=endpoint.fallback,
            )
        return self._read(endpoint, response, path)

    async def _send_list(
        self,
        endpoint: Endpoint[M],
        *,
        params: Mapping[str, QueryValue] | None = None,
        json: Any = None,
        timeout: float | None = None,
        **path: int,
    ) -> list[M]:
        """As :meth:`_send`, for a row whose envelope holds an array of its model."""
        response = await self._response(endpoint, params=params, json=json, timeout=timeout, **path)
        with self._reading():
            result: list[M] = endpoint.envelope.read(response, endpoint.model, endpoint.id, path)
        return result

    def _pages(
        self,
        endpoint: Endpoint[M],
        params: Mapping[str, QueryValue],
        *,
        limit: int | None,
        start: int = 0,
        max_items: int | None = None,
        page_of: Callable[[Response, int, int], Page[M]] | None = None,
        **path: int,
    ) -> Paginator[M]:
        """Walk a paginated row with ``offset``/``limit`` query parameters.

        ``limit`` is checked against the row's page maximum (None: the row's default). Each
        answer is read by the row's envelope as a page (its items and the total it carries),
        or by ``page_of(response, offset, count)`` where the page says more (``has_more``).
        """
        paging = endpoint.paging
        if paging is None:
            raise TypeError(f"catalog row {endpoint.id} does not page")
        size = check_page_size(limit, default=paging.size, maximum=paging.maximum)
        path = id_params(**path)  # checked before any page is fetched

        async def fetch(offset: int, count: int) -> Page[M]:
            query = {**params, "offset": offset, "limit": count}
            response = await self._response(endpoint, params=query, **path)
            with self._reading():
                if page_of is not None:
                    return page_of(response, offset, count)
                return endpoint.envelope.page(
                    response, endpoint.model, endpoint.id, path, offset, count
                )

        return Paginator(
            fetch,
            style=paging.style,
            limit=size,
            start=start,
            max_items=max_items,
            retry=self._transport.retry,
            label=endpoint.id,
        )

    def _cursor_pages(
        self,
        endpoint: Endpoint[M],
        params: Mapping[str, QueryValue],
        cursor: str,
        key: Callable[[M], Any],
        *,
        limit: int | None,
        start: Any = None,
        max_items: int | None = None,
    ) -> Paginator[M]:
        """Walk a row that pages by cursor: the query's ``cursor`` is ``key`` of the last item."""
        paging = endpoint.paging
        if paging is None or paging.style != "cursor":
            raise TypeError(f"catalog row {endpoint.id} does not page by cursor")
        size = check_page_size(limit, default=paging.size, maximum=paging.maximum)

        async def fetch(position: Any, count: int) -> Page[M]:
            query = {**params, "limit": count, cursor: position}
            items = await self._send_list(endpoint, params=query)
            return Page(items, limit=count, next_cursor=key(items[-1]) if items else None)

        return Paginator(fetch, style="cursor", limit=size, start=start, max_items=max_items)
