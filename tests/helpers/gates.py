"""A stand-in rate gate: admits at once and records what the client told it."""

from __future__ import annotations

import time
from collections.abc import Mapping


class RecordingGate:
    """Admits every request at once; records when each acquire happened and every outcome."""

    def __init__(self) -> None:
        self.acquired: list[float] = []
        self.outcomes: list[int | None] = []

    async def acquire(self) -> None:
        self.acquired.append(time.monotonic())

    async def on_response(self, status: int | None, headers: Mapping[str, str]) -> None:
        self.outcomes.append(status)
