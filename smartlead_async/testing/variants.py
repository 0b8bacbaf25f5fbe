"""Canned answers for the sandbox: make one route answer a given body, status or shape.

The real API answers some endpoints in shapes the sandbox's own routes never produce (other
envelopes, ``null`` data, an empty 200, a redirect). A test that needs a server to send one
registers it on a running sandbox::

    sb.answer_with("GET", r"/campaigns/\\d+/leads", json={"data": None})
    sb.answer_with("GET", "/campaigns", status=302, headers={"Location": "https://elsewhere/"})

Authentication and rate limiting still apply; faults and the route itself do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, TypedDict, Unpack

import orjson
from aiohttp import web

__all__ = ["NO_JSON", "Answer", "Variant", "Variants"]

#: ``json=`` not given (so ``json=None`` can send a JSON null body).
NO_JSON: Any = object()


class Answer(TypedDict, total=False):
    """A canned answer: ``status`` (200), ``json`` serialised as the body, or else ``body`` as
    it is (empty: no body at all, as a 204 has), ``content_type`` (JSON), ``headers``, and
    ``times`` it is given (None: until cleared)."""

    status: int
    json: Any
    body: bytes | str
    content_type: str
    headers: dict[str, str] | None
    times: int | None


@dataclass(slots=True)
class Variant:
    """One canned answer: for ``method`` and a path (below ``/api/v1``) that ``pattern``
    matches in full, answer ``status`` with ``body``; ``times`` answers (None: until cleared)."""

    method: str
    pattern: re.Pattern[str]
    status: int
    body: bytes
    content_type: str | None
    headers: dict[str, str] = field(default_factory=dict)
    times: int | None = None
    served: int = 0

    def response(self) -> web.Response:
        self.served += 1
        if self.times is not None:
            self.times -= 1
        return web.Response(
            status=self.status,
            body=self.body or None,
            content_type=self.content_type if self.body else None,
            headers=self.headers,
        )


class Variants:
    """The canned answers of one sandbox, newest first."""

    def __init__(self) -> None:
        self._variants: list[Variant] = []

    def add(self, method: str, path: str, **answer: Unpack[Answer]) -> Variant:
        """Answer ``method`` on paths matching the regular expression ``path`` as ``answer``
        says (see :class:`Answer`)."""
        status = answer.get("status", 200)
        json = answer.get("json", NO_JSON)
        body = answer.get("body", b"")
        times = answer.get("times")
        if not 100 <= status <= 599:
            raise ValueError(f"status must be an HTTP status (100-599), got {status}")
        if times is not None and times < 1:
            raise ValueError(f"times must be at least 1 (or None for always), got {times}")
        raw = orjson.dumps(json) if json is not NO_JSON else body
        variant = Variant(
            method=method.upper(),
            pattern=re.compile(path.rstrip("/") or "/"),
            status=status,
            body=raw.encode() if isinstance(raw, str) else raw,
            content_type=answer.get("content_type", "application/json"),
            headers=dict(answer.get("headers") or {}),
            times=times,
        )
        self._variants.insert(0, variant)
        return variant

    def clear(self) -> None:
        """Remove every canned answer."""
        self._variants.clear()

    def match(self, method: str, path: str) -> Variant | None:
        """The newest live variant for ``method`` and ``path`` (below ``/api/v1``), if any."""
        path = path.rstrip("/") or "/"
        self._variants = [v for v in self._variants if v.times is None or v.times > 0]
        return next(
            (v for v in self._variants if v.method == method and v.pattern.fullmatch(path)), None
        )
