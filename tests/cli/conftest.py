"""CLI test fixtures: a sandbox served from a background thread, and an in-process CLI runner.

The CLI calls ``asyncio.run`` itself, so CLI tests are plain (sync) tests; the sandbox runs on
its own event loop in a daemon thread and is reached over loopback like a real server.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest

from smartlead_async.cli import main
from smartlead_async.testing import SandboxServer

T = TypeVar("T")

#: A recognisable key: tests assert that it never shows up in any output.
API_KEY = "sl_cli_test_key_5f3a9c"


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


@pytest.fixture
def sandbox(request: pytest.FixtureRequest) -> Iterator[ThreadedSandbox]:
    """A started sandbox without rate limiting (override with ``@pytest.mark.sandbox_args``)."""
    marker = request.node.get_closest_marker("sandbox_args")
    kwargs: dict[str, Any] = {"rate_limits": None, "api_key": API_KEY}
    if marker is not None:
        kwargs.update(marker.kwargs)
    threaded = ThreadedSandbox(**kwargs).start()
    try:
        yield threaded
    finally:
        threaded.stop()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sandbox_args(**kwargs): SandboxServer arguments")


@pytest.fixture
def cli_env(
    sandbox: ThreadedSandbox, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> ThreadedSandbox:
    """The environment a user would set to point the CLI at the sandbox."""
    monkeypatch.setenv("SMARTLEAD_API_KEY", sandbox.server.api_key)
    monkeypatch.setenv("SMARTLEAD_BASE_URL", sandbox.server.base_url)
    monkeypatch.setenv("SMARTLEAD_RATE_LIMIT", "1000/1s")
    monkeypatch.setenv("SMARTLEAD_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("COLUMNS", "200")
    return sandbox


@dataclass
class Result:
    """What one CLI run printed and returned."""

    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run the CLI in-process: ``cli("import", "x.csv", "--campaign", "1")``."""

    def run(*argv: str) -> Result:
        capsys.readouterr()
        code = main(list(argv))
        captured = capsys.readouterr()
        assert API_KEY not in captured.out + captured.err, "the API key leaked into the output"
        return Result(code, captured.out, captured.err)

    return run
