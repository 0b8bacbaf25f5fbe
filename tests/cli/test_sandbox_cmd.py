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
        key = second.split(": ", 1)[1].strip()
        rest: list[str] = []
        while line := process.stdout.readline():  # up to the last command it prints
            rest.append(line.strip())
            if rest[-1].startswith("smartlead-async import leads.csv --campaign"):
                break
        ids = [line.split()[1].rstrip(":") for line in rest if line.startswith("campaign ")]
        assert f"smartlead-async export leads --campaign {ids[0]} -o leads.csv" in rest
        assert rest[-1] == (
            f"smartlead-async import leads.csv --campaign {ids[1]} "
            "--ignore-duplicates-in-other-campaigns"
        )
        campaigns = [line for line in rest if line.startswith("campaign ")]
        assert len(campaigns) == 2 and all("leads)" in line for line in campaigns)
        assert f"export SMARTLEAD_BASE_URL={base_url}" in rest
        assert f"export SMARTLEAD_API_KEY={key}" in rest
        monkeypatch.setenv("SMARTLEAD_API_KEY", key)
        monkeypatch.setenv("SMARTLEAD_BASE_URL", base_url)

        result = cli("analytics", "--all", "--json")

        assert result.code == 0, result.err
        data = json.loads(result.out)
        assert len(data) == 2
        assert {str(item["campaign_id"]) for item in data} == {
            line.split()[1].rstrip(":") for line in campaigns
        }, "the printed ids are the campaigns the sandbox serves"
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
