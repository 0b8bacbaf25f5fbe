"""What reached the sandbox server: a bounded request log and counters.

Paths are logged without the query string, so the API key never appears.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field

__all__ = ["DROPPED", "Counters", "RequestLog", "RequestRecord"]

DROPPED = 0
"""Status recorded for a request whose connection was dropped without an answer."""


@dataclass(frozen=True, slots=True)
class RequestRecord:
    """One request: arrival ``time`` (monotonic seconds), ``route`` is the matched pattern."""

    time: float
    method: str
    path: str
    status: int
    route: str
    duration: float


class RequestLog:
    """Append-only log of :class:`RequestRecord`; keeps the newest ``max_records``."""

    def __init__(self, max_records: int | None = 1_000_000) -> None:
        self._records: deque[RequestRecord] = deque(maxlen=max_records)

    def append(self, record: RequestRecord) -> None:
        self._records.append(record)

    def clear(self) -> None:
        """Forget every record."""
        self._records.clear()

    @property
    def records(self) -> list[RequestRecord]:
        """A snapshot list of the records, oldest first."""
        return list(self._records)

    def filter(
        self, *, method: str | None = None, path: str | None = None, status: int | None = None
    ) -> list[RequestRecord]:
        """Records matching every given field (``path`` is a prefix)."""
        return [
            r
            for r in self._records
            if (method is None or r.method == method)
            and (path is None or r.path.startswith(path))
            and (status is None or r.status == status)
        ]

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[RequestRecord]:
        return iter(list(self._records))


@dataclass(slots=True)
class Counters:
    """Totals since start (or :meth:`clear`): all requests, by status, 429s, by route."""

    total: int = 0
    rate_limited: int = 0
    dropped: int = 0
    by_status: Counter[int] = field(default_factory=Counter)
    by_route: Counter[str] = field(default_factory=Counter)

    def add(self, record: RequestRecord) -> None:
        self.total += 1
        self.by_status[record.status] += 1
        self.by_route[record.route] += 1
        if record.status == 429:
            self.rate_limited += 1
        elif record.status == DROPPED:
            self.dropped += 1

    def clear(self) -> None:
        """Reset every counter to zero."""
        self.total = self.rate_limited = self.dropped = 0
        self.by_status.clear()
        self.by_route.clear()
