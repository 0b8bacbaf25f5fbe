"""What one HTTP exchange gives back and what a query may hold (below transport and envelopes)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from smartlead_async._redact import mask_credentials

QueryValue = str | int | float | bool | None | list[Any] | tuple[Any, ...]


def _body_repr(body: Any) -> str:
    return repr(mask_credentials(body))


@attrs.frozen
class Response:
    """A decoded HTTP response: status, headers and the body (JSON data, text, or None).

    ``repr`` masks credentials in the body (mailbox passwords, client API keys).
    """

    status: int
    headers: Mapping[str, str] = attrs.field(repr=False)
    body: Any = attrs.field(repr=_body_repr)
    text: str = attrs.field(repr=False)
    content_type: str = ""
    method: str = ""
    path: str = ""

    @property
    def is_json(self) -> bool:
        return self.content_type.endswith("json")
