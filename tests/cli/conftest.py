"""CLI test fixtures: a sandbox served from a background thread, and an in-process CLI runner.

The CLI calls ``asyncio.run`` itself, so CLI tests are plain (sync) tests; the sandbox runs on
its own event loop in a daemon thread and is reached over loopback like a real server.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from smartlead_async.cli import main
from tests.helpers.cli import API_KEY, Cli, Result
from tests.helpers.threaded import ThreadedSandbox


@pytest.fixture
def sandbox(request: pytest.FixtureRequest) -> Iterator[ThreadedSandbox]:
    """A started sandbox without rate limiting (``@pytest.mark.smartlead_sandbox`` overrides)."""
    marker = request.node.get_closest_marker("smartlead_sandbox")
    kwargs: dict[str, Any] = {"rate_limits": None, "api_key": API_KEY}
    if marker is not None:
        kwargs.update(marker.kwargs)
    threaded = ThreadedSandbox(**kwargs).start()
    try:
        yield threaded
    finally:
        threaded.stop()


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


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run the CLI in-process: ``cli("import", "x.csv", "--campaign", "1")``."""

    def run(*argv: str) -> Result:
        capsys.readouterr()
        code = main(list(argv))
        captured = capsys.readouterr()
        assert API_KEY not in captured.out + captured.err, "the API key leaked into the output"
        return Result(code, captured.out, captured.err)

    return run
