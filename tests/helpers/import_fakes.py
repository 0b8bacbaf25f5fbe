"""A scriptable fake of the lead-import endpoint, used as the engine's batch sender in tests."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

from smartlead_async.errors import BadRequestError, SmartleadError
from smartlead_async.imports import BatchOutcome
from smartlead_async.models.lead_input import LeadInput


def rows(count: int, *, start: int = 0, domain: str = "example.com") -> list[dict[str, Any]]:
    """``count`` distinct valid rows."""
    return [
        {"email": f"lead{i}@{domain}", "first_name": f"N{i}"} for i in range(start, start + count)
    ]


def row_stream(count: int, pulled: list[int] | None = None) -> Iterator[dict[str, Any]]:
    """A generator of distinct valid rows that records how many were pulled."""
    for i in range(count):
        if pulled is not None:
            pulled.append(i)
        yield {"email": f"lead{i}@example.com"}


class FakeImportServer:
    """Answers batches like the real endpoint: uploads new emails, reports repeats.

    ``cap`` rejects larger batches with the documented 400 body; ``lead_limit`` stops
    uploads once that many rows were uploaded; ``fail`` decides per call (1-based call number,
    rows) whether to raise an error instead.
    """

    def __init__(
        self,
        *,
        cap: int | None = None,
        cap_body: dict[str, Any] | None = None,
        cap_message: str | None = None,
        lead_limit: int | None = None,
        fail: Callable[[int, list[LeadInput]], SmartleadError | None] | None = None,
        delay: float = 0.0,
    ) -> None:
        self.cap = cap
        self.cap_body = cap_body
        self.cap_message = cap_message
        self.lead_limit = lead_limit
        self.fail = fail
        self.delay = delay
        self.stored: set[str] = set()
        self.calls: list[list[str]] = []
        self.in_flight = 0
        self.max_in_flight = 0

    @property
    def sizes(self) -> list[int]:
        return [len(call) for call in self.calls]

    async def send(self, batch: list[LeadInput]) -> BatchOutcome:
        self.calls.append([lead.email for lead in batch])
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.delay)
            return self._answer(batch)
        finally:
            self.in_flight -= 1

    def _answer(self, batch: list[LeadInput]) -> BatchOutcome:
        if self.fail is not None:
            error = self.fail(len(self.calls), batch)
            if error is not None:
                raise error
        if self.cap is not None and len(batch) > self.cap:
            body = (
                self.cap_body
                if self.cap_body is not None
                else {
                    "error": f"lead_list cannot exceed {self.cap} leads per request",
                    "provided_count": len(batch),
                    "max_allowed": self.cap,
                }
            )
            message = self.cap_message or str(body.get("error", "too large"))
            raise BadRequestError(400, message, str(body), data=body)
        uploaded = already = stopped = 0
        exhausted = False
        for lead in batch:
            key = lead.email.lower()
            if key in self.stored:
                already += 1
            elif self.lead_limit is not None and len(self.stored) >= self.lead_limit:
                stopped += 1
                exhausted = True
            else:
                self.stored.add(key)
                uploaded += 1
        return BatchOutcome(
            uploaded=uploaded,
            already_in_campaign=already,
            not_attempted=stopped,
            lead_limit_exhausted=exhausted,
        )
