"""The README's Python snippets run as written (against the sandbox instead of the real API)."""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from smartlead_async.testing import SandboxServer

README = Path(__file__).resolve().parent.parent / "README.md"


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.DOTALL)


def block_containing(marker: str) -> str:
    matches = [block for block in python_blocks() if marker in block]
    assert len(matches) == 1, f"expected one README block with {marker!r}"
    return matches[0]


@pytest.fixture
def sandbox_in_thread(monkeypatch: pytest.MonkeyPatch) -> Iterator[SandboxServer]:
    """A sandbox served from its own thread, so README code can call asyncio.run itself."""
    loop = asyncio.new_event_loop()
    server = SandboxServer(rate_limits=["10/0.1s"])
    ready = threading.Event()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(server.start())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert ready.wait(10)
    monkeypatch.setenv("SMARTLEAD_API_KEY", server.api_key)
    monkeypatch.setenv("SMARTLEAD_BASE_URL", server.base_url)
    try:
        yield server
    finally:
        asyncio.run_coroutine_threadsafe(server.close(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


def test_quick_tour_runs(
    sandbox_in_thread: SandboxServer, capsys: pytest.CaptureFixture[str]
) -> None:
    exec(compile(block_containing("Q1 outreach"), "README", "exec"), {})
    out = capsys.readouterr().out
    assert "1000 rows: 1000 uploaded" in out
    assert "lead999@example.com" in out
    assert sandbox_in_thread.counters.rate_limited == 0


def test_sandbox_snippet_runs() -> None:
    namespace: dict[str, object] = {}
    exec(compile(block_containing("async def test_my_pipeline"), "README", "exec"), namespace)
    test = namespace["test_my_pipeline"]
    assert callable(test)
    asyncio.run(test())
