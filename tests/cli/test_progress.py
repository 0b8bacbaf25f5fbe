"""Honest progress: time-spaced samples, a moving-window rate, resumed rows left out, and a
plain line (never wrapped) when stderr is not a terminal."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from smartlead_async.cli import _console
from smartlead_async.cli._console import PLAIN_INTERVAL, Meter
from tests.helpers.cli import Cli
from tests.helpers.threaded import ThreadedSandbox


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(_console.time, "monotonic", fake)
    return fake


def plain_console() -> tuple[io.StringIO, io.StringIO]:
    out = io.StringIO()  # not a terminal: plain lines
    return out, out


def test_the_rate_counts_finished_rows_over_the_window(clock: Clock) -> None:
    console, out = plain_console()
    with Meter("import into campaign 1", unit="rows", total=40_000, stream=console) as meter:
        for second in range(1, 31):  # 2,000 rows a second, reported in bursts of 4,000 / 2 s
            clock.now += 1
            if second % 2 == 0:
                meter.update(second * 2_000)
        rate = meter.rate()
        assert rate is not None and 1_900 <= rate <= 2_100
        meter.finish(40_000, 40_000)
    lines = out.getvalue().splitlines()
    assert len(lines) >= 5, "a plain line every few seconds"
    assert all(len(line) <= 80 or "\n" not in line for line in lines)
    assert lines[-1].startswith("import into campaign 1: 40,000/40,000 rows, ")
    assert "ETA" in lines[2] and "rows/s" in lines[2]


def test_lines_come_every_few_seconds_not_on_every_update(clock: Clock) -> None:
    console, out = plain_console()
    with Meter("export leads", unit="items", stream=console) as meter:
        for n in range(1, 1_001):
            clock.now += 0.01  # 10 s in all
            meter.update(n)
    printed = out.getvalue().splitlines()
    assert 1 <= len(printed) <= 10 / PLAIN_INTERVAL + 1


def test_a_long_line_is_never_wrapped(clock: Clock) -> None:
    console, out = plain_console()
    name = "import into campaign 123456789 " + "x" * 60
    with Meter(name, unit="rows", total=10**9, stream=console) as meter:
        clock.now += 6
        meter.update(12_345_678)
    assert len(out.getvalue().splitlines()) == 1


def test_resumed_rows_are_neither_done_nor_in_the_rate(clock: Clock) -> None:
    console, out = plain_console()
    with Meter("import", unit="rows", total=10_000, baseline=8_000, stream=console) as meter:
        clock.now += 6
        meter.update(8_000 + 600)  # the engine counts the resumed rows too
        assert meter.rate() == pytest.approx(100.0)
    assert "600/2,000 rows" in out.getvalue() and "8,000 resumed" in out.getvalue()


def test_export_shows_the_total_the_api_reports(
    cli_env: ThreadedSandbox, cli: Cli, tmp_path: Path
) -> None:
    campaign = cli_env.sync(lambda sb: sb.seed_campaign(name="Progress", leads=230).id)
    result = cli("export", "leads", "--campaign", str(campaign), "-o", str(tmp_path / "l.csv"))
    assert result.code == 0
    progress = [line for line in result.err.splitlines() if line.startswith("export leads:")]
    assert progress and progress[-1].startswith("export leads: 230/230 items")


def test_a_stopped_import_does_not_claim_the_rows_it_never_sent(
    cli_env: ThreadedSandbox, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "leads.csv"
    path.write_text("email\n" + "".join(f"p{n}@acme.example\n" for n in range(4_000)))
    monkeypatch.setenv("SMARTLEAD_API_KEY", "sl_wrong_key_for_progress")
    result = cli("import", str(path), "--campaign", "1", "--json")
    assert json.loads(result.out)["buckets"]["not_attempted"] == 3_600
    progress = [line for line in result.err.splitlines() if line.startswith("import into")]
    assert progress and progress[-1].startswith("import into campaign 1: 400/4,000 rows")
