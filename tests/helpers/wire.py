"""Mocked-wire helpers: URL patterns for aioresponses and a decoded view of what was sent."""

from __future__ import annotations

import re
from typing import Any

import orjson
from aioresponses import aioresponses
from yarl import URL

#: The fake API root the wire tests talk to (plain http, so clients need ``allow_insecure``).
BASE = "http://h/api/v1"
#: The path prefix of every API URL.
PREFIX = "/api/v1"


def route(path: str, base: str = BASE) -> re.Pattern[str]:
    """Match ``base + path`` with a query string (every request carries ``api_key``)."""
    return re.compile("^" + re.escape(base + path) + r"\?.*$")


def requests_made(m: aioresponses) -> list[tuple[str, URL, dict[str, Any]]]:
    """Every request ``m`` saw, in order: (method, full URL with query, call kwargs)."""
    return [
        (method, URL(str(url)), call.kwargs)
        for (method, url), calls in (m.requests or {}).items()
        for call in calls
    ]


def attempts(m: aioresponses) -> int:
    """How many requests ``m`` saw (retries included)."""
    return len(requests_made(m))


def json_body(kwargs: dict[str, Any], missing: Any = None) -> Any:
    """The decoded JSON body a request was sent with, ``missing`` when it had none."""
    data = kwargs.get("data")
    return orjson.loads(data) if data else missing


def sent(m: aioresponses, prefix: str = PREFIX) -> list[tuple[str, str, dict[str, str], Any]]:
    """(method, path below ``prefix``, query without api_key, JSON body) of every request."""
    out = []
    for method, url, kwargs in requests_made(m):
        assert url.path.startswith(prefix), f"{method} {url.path} is not under {prefix}"
        query = {k: v for k, v in url.query.items() if k != "api_key"}
        out.append((method, url.path.removeprefix(prefix), query, json_body(kwargs)))
    return out


def ok_data(data: Any) -> dict[str, Any]:
    """The ``{"ok": true, "data": ...}`` envelope many endpoints answer with."""
    return {"ok": True, "data": data}
