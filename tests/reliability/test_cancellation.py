"""Cancellation: an import, a prefetching walk or a crowd of gate waiters cancelled midway
leaves no pending SDK task, no unclosed session, a working gate and a consistent journal."""

from __future__ import annotations

import asyncio
import gc
import warnings
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import orjson
import pytest

from smartlead_async import RateLimit
from smartlead_async.journal import ImportJournal
from smartlead_async.testing import SandboxServer
from smartlead_async.testing.faults import Faults
from tests.helpers.clients import sandbox_client
from tests.reliability._rows import campaign_emails, mixed_rows

pytestmark = pytest.mark.slow

SLOW_IMPORTS = Faults(slow=1.0, slow_delay=0.05, path=r"/campaigns/\d+/leads/?$")


def sdk_tasks() -> list[asyncio.Task[Any]]:
    """Pending tasks running SDK code (the sandbox's own server tasks excluded)."""
    current = asyncio.current_task()
    found = []
    for task in asyncio.all_tasks():
        if task is current or task.done():
            continue
        code = getattr(task.get_coro(), "cr_code", None)
        filename = code.co_filename if code is not None else ""
        if "smartlead_async" in filename and "testing" not in filename:
            found.append(task)
    return found


@contextmanager
def no_resource_leaks() -> Iterator[list[Any]]:
    """Fail on any ResourceWarning or loop error (aiohttp reports unclosed sessions so)."""
    loop = asyncio.get_running_loop()
    errors: list[Any] = []
    previous = loop.get_exception_handler()
    loop.set_exception_handler(lambda _loop, context: errors.append(context))
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ResourceWarning)
            yield errors
            gc.collect()
        leaks = [w for w in caught if issubclass(w.category, ResourceWarning)]
        assert not leaks, [str(w.message) for w in leaks]
        assert not errors, errors
    finally:
        loop.set_exception_handler(previous)


async def cancel_when(task: asyncio.Task[Any], condition: Any, guard: float = 30.0) -> None:
    """Cancel ``task`` as soon as ``condition()`` holds (with SDK tasks running inside it, so
    the check afterwards is not vacuous), and wait for it to end."""
    async with asyncio.timeout(guard):  # a hang guard, not a timing assert
        while not (condition() and sdk_tasks()):
            assert not task.done(), "the task finished before the cancel point"
            await asyncio.sleep(0.002)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


@asynccontextmanager
async def sandbox(**options: Any) -> AsyncIterator[SandboxServer]:
    async with SandboxServer(**{"rate_limits": None, **options}) as sb:
        yield sb


async def test_cancelled_import_leaves_nothing_running_and_a_journal_that_resumes(
    tmp_path: Path,
) -> None:
    journal = tmp_path / "cancel.journal"
    mix = mixed_rows(8_000)
    async with sandbox(faults=SLOW_IMPORTS) as sb:
        camp = sb.state.add_campaign("cancel me").id
        with no_resource_leaks():
            async with sandbox_client(sb) as sl:
                job = asyncio.ensure_future(
                    sl.campaigns.import_leads(camp, mix.rows, journal=journal, concurrency=6)
                )

                def some_confirmed() -> bool:
                    return journal.exists() and journal.read_bytes().count(b'"batch"') >= 3

                await cancel_when(job, some_confirmed)
                await asyncio.sleep(0)
                assert sdk_tasks() == []
        # the journal reopens cleanly and confirms only rows the server holds
        job = orjson.loads(journal.read_bytes().splitlines()[0])["job"]
        async with ImportJournal(journal, job) as reopened:
            confirmed_rows = sum(entry.rows for entry in reopened.entries.values())
        assert 0 < confirmed_rows <= len(campaign_emails(sb, camp))
        sb.set_faults(None)
        async with sandbox_client(sb) as sl:
            report = await sl.campaigns.import_leads(camp, mix.rows, journal=journal)
        report.check()
        stored = campaign_emails(sb, camp)
    assert report.resumed_batches >= 3
    assert len(stored) == len(set(stored)) == len(mix.unique)
    assert report.added == len(stored) and report.already_in_campaign == 0


async def test_cancelled_prefetching_walk_leaves_nothing_running() -> None:
    async with sandbox(faults=Faults(slow=1.0, slow_delay=0.05)) as sb:
        camp = sb.state.add_campaign("walk")
        for n in range(1_500):
            sb.state.enrol(camp, sb.state.add_lead(f"walk{n}@example.com"))
        seen: list[Any] = []
        with no_resource_leaks():
            async with sandbox_client(sb) as sl:

                async def walk() -> None:
                    async for lead in sl.campaigns.iter_leads(camp.id, limit=100):
                        seen.append(lead)

                task = asyncio.ensure_future(walk())
                await cancel_when(task, lambda: len(seen) >= 150)
                await asyncio.sleep(0)
                assert sdk_tasks() == []

                # breaking out of a walk closes it as well
                async for _ in sl.campaigns.iter_leads(camp.id, limit=100):
                    break
                await asyncio.sleep(0)
                assert sdk_tasks() == []
    assert 150 <= len(seen) < 1_500


async def test_cancelled_gate_waiters_leave_the_gate_working() -> None:
    async with sandbox(rate_limits=[(5, 0.5)]) as sb:
        with no_resource_leaks():
            async with sandbox_client(sb, rate_limit=RateLimit(5, 0.5)) as sl:
                crowd = [asyncio.ensure_future(sl.campaigns.list()) for _ in range(50)]
                await asyncio.sleep(0.1)  # the first window's calls run, the rest wait
                for task in crowd:
                    task.cancel()
                results = await asyncio.gather(*crowd, return_exceptions=True)
                cancelled = sum(isinstance(r, asyncio.CancelledError) for r in results)
                assert cancelled >= 40
                assert sdk_tasks() == []
                # the waiters' places were given back: later calls are admitted normally
                async with asyncio.timeout(10):  # a hang guard
                    again = await asyncio.gather(*(sl.campaigns.list() for _ in range(10)))
                assert len(again) == 10
        assert sb.counters.rate_limited == 0
