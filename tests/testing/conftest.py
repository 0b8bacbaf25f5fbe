"""Shared fixtures for the sandbox tests: a server without rate limiting and a JSON client."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import orjson
import pytest_asyncio

from smartlead_async.testing import SandboxServer


class Api:
    """Plain aiohttp calls against a sandbox; adds the key, decodes JSON when it can."""

    def __init__(self, session: aiohttp.ClientSession, server: SandboxServer) -> None:
        self.session = session
        self.server = server

    async def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        key: str | None = None,
        raw_body: bytes | None = None,
        **params: Any,
    ) -> tuple[int, Any]:
        """Send a request; returns ``(status, decoded JSON or text)``."""
        query = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in params.items()}
        query["api_key"] = self.server.api_key if key is None else key
        kwargs: dict[str, Any] = {"params": query}
        if raw_body is not None:
            kwargs["data"] = raw_body
            kwargs["headers"] = {"Content-Type": "application/json"}
        elif body is not None:
            kwargs["json"] = body
        async with self.session.request(method, self.server.url(path), **kwargs) as resp:
            text = await resp.text()
            if resp.content_type == "application/json" and text:
                return resp.status, orjson.loads(text)
            return resp.status, text

    async def get(self, path: str, **params: Any) -> tuple[int, Any]:
        return await self.call("GET", path, **params)

    async def post(self, path: str, body: Any = None, **params: Any) -> tuple[int, Any]:
        return await self.call("POST", path, body, **params)

    async def ok(self, method: str, path: str, body: Any = None, **params: Any) -> Any:
        """Send and assert a 200; returns the decoded body."""
        status, data = await self.call(method, path, body, **params)
        assert status == 200, (status, data)
        return data


@pytest_asyncio.fixture
async def sandbox() -> AsyncIterator[SandboxServer]:
    """A started sandbox with no rate limit, seeded with 11, holding only the defaults."""
    async with SandboxServer(rate_limits=None, seed=11, api_key="test-key") as server:
        yield server


@pytest_asyncio.fixture
async def api(sandbox: SandboxServer) -> AsyncIterator[Api]:
    """An :class:`Api` bound to the ``sandbox`` fixture."""
    async with aiohttp.ClientSession() as session:
        yield Api(session, sandbox)
