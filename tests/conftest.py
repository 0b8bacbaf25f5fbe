"""Fixtures and markers every test package shares."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import pytest
from aiohttp import web
from aioresponses import aioresponses

from tests.helpers.server import serve_app


@pytest.fixture
def m() -> Iterator[aioresponses]:
    """Mock the wire: every aiohttp request in the test is answered (or refused) by ``m``."""
    with aioresponses() as mocked:
        yield mocked


@pytest.fixture
async def slow_server() -> AsyncIterator[str]:
    """A local server whose ``GET /slow`` answers ``{"ok": true}`` after ``?delay=`` seconds (2)."""

    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(float(request.query.get("delay", "2")))
        return web.json_response({"ok": True})

    app = web.Application()
    app.router.add_get("/slow", slow)
    async with serve_app(app, handler_cancellation=True) as base_url:
        yield base_url
