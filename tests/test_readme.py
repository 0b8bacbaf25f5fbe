"""The README's Python snippets run as written (against the sandbox instead of the real API)."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator

import pytest

from smartlead_async.testing import SandboxServer
from tests.helpers.paths import README
from tests.helpers.threaded import ThreadedSandbox


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.DOTALL)


def block_containing(marker: str) -> str:
    matches = [block for block in python_blocks() if marker in block]
    assert len(matches) == 1, f"expected one README block with {marker!r}"
    return matches[0]


@pytest.fixture
def sandbox_in_thread(monkeypatch: pytest.MonkeyPatch) -> Iterator[SandboxServer]:
    """A sandbox served from its own thread, so README code can call asyncio.run itself."""
    threaded = ThreadedSandbox(rate_limits=["10/0.1s"]).start()
    monkeypatch.setenv("SMARTLEAD_API_KEY", threaded.server.api_key)
    monkeypatch.setenv("SMARTLEAD_BASE_URL", threaded.server.base_url)
    try:
        yield threaded.server
    finally:
        threaded.stop()


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
