"""Plain aiohttp calls against a sandbox, for tests of the sandbox's own routes."""

from __future__ import annotations

from typing import Any

import aiohttp
import orjson

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
