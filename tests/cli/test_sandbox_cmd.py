"""``smartlead-async sandbox``: serves the fake API and prints what to connect with."""

from __future__ import annotations

import json
import signal

import pytest

from tests.helpers.cli import Cli, cli_process


def test_sandbox_help_shows_the_runner_options(cli: Cli):
    result = cli("sandbox", "--help")

    assert result.code == 0
    for option in ("--port", "--rate-limit", "--seed-campaigns", "--fault-rate", "--api-key"):
        assert option in result.out


def test_sandbox_rejects_bad_options(cli: Cli):
    result = cli("sandbox", "--port", "minus-one")

    assert result.code == 2
    assert "not an integer" in result.err


def test_sandbox_serves_and_prints_url_and_key(cli: Cli, monkeypatch: pytest.MonkeyPatch):
    argv = ["sandbox", "--port", "0", "--seed-campaigns", "2", "--rate-limit", "100/1s"]
    with cli_process(*argv) as process:
        assert process.stdout is not None
        first = process.stdout.readline()
        second = process.stdout.readline()
        assert first.startswith("Smartlead sandbox listening on http://127.0.0.1:"), first
        base_url = first.split(" on ", 1)[1].strip()
        assert base_url.endswith("/api/v1")
        assert second.startswith("API key: ")
        monkeypatch.setenv("SMARTLEAD_API_KEY", second.split(": ", 1)[1].strip())
        monkeypatch.setenv("SMARTLEAD_BASE_URL", base_url)

        result = cli("analytics", "--all", "--json")

        assert result.code == 0, result.err
        assert len(json.loads(result.out)) == 2
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
