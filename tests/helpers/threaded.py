"""A sandbox on its own event loop in a daemon thread, for code that calls ``asyncio.run``."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from smartlead_async.testing import SandboxServer

T = TypeVar("T")


class ThreadedSandbox:
    """A :class:`SandboxServer` on a private event loop in a daemon thread."""

    def __init__(self, **kwargs: Any) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._kwargs = kwargs
        self.server: SandboxServer

    def call(self, coro: Coroutine[Any, Any, T]) -> T:
        """Run a coroutine on the sandbox's loop and wait for its result."""
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout=60)

    def sync(self, fn: Callable[[SandboxServer], T]) -> T:
        """Run ``fn(server)`` on the sandbox's loop (safe access to its state)."""

        async def run() -> T:
            return fn(self.server)

        return self.call(run())

    def start(self) -> ThreadedSandbox:
        self._thread.start()

        async def start() -> SandboxServer:
            return await SandboxServer(**self._kwargs).start()

        self.server = self.call(start())
        return self

    def stop(self) -> None:
        self.call(self.server.close())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()


def new_campaign(sandbox: ThreadedSandbox, name: str = "CLI import") -> int:
    """A new empty campaign in a threaded sandbox; its id."""
    return sandbox.sync(lambda sb: sb.seed_campaign(name=name, leads=0, history=False).id)


def campaign_emails(sandbox: ThreadedSandbox, campaign_id: int) -> list[str]:
    """The emails enrolled in a campaign of a threaded sandbox, in enrolment order."""

    def read(sb: SandboxServer) -> list[str]:
        state = sb.state
        camp = state.campaigns[campaign_id]
        return [state.leads[state.campaign_leads[m].lead_id].email for m in camp.lead_map_ids]

    return sandbox.sync(read)
