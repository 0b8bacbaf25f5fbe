"""``smartlead-async export`` end to end against the sandbox."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest

from smartlead_async.testing import SandboxServer
from smartlead_async.testing.variants import Answer
from tests.helpers.cli import Cli
from tests.helpers.threaded import ThreadedSandbox


def seeded_campaign(sandbox: ThreadedSandbox, leads: int = 30) -> int:
    return sandbox.sync(lambda sb: sb.seed_campaign(name="Export me", leads=leads).id)


def test_campaign_leads_to_csv_file(cli_env: ThreadedSandbox, cli: Cli, tmp_path: Path):
    campaign = seeded_campaign(cli_env, leads=130)  # two pages of 100
    out = tmp_path / "leads.csv"

    result = cli("export", "leads", "--campaign", str(campaign), "--output", str(out))

    assert result.code == 0, result.err
    assert result.out == ""
    assert "exported 130 leads" in result.err
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert len(rows) == 130
    assert {"campaign_lead_map_id", "status", "lead.email", "lead.custom_fields"} <= set(rows[0])
    expected = cli_env.sync(
        lambda sb: {sb.state.leads[sb.state.campaign_leads[m].lead_id].email
                    for m in sb.state.campaigns[campaign].lead_map_ids}
    )  # fmt: skip
    assert {row["lead.email"] for row in rows} == expected
    assert json.loads(rows[0]["lead.custom_fields"])["title"]


def test_campaign_leads_jsonl_on_stdout_with_filters(cli_env: ThreadedSandbox, cli: Cli):
    campaign = seeded_campaign(cli_env)

    result = cli("export", "leads", "--campaign", str(campaign), "--status", "STOPPED", "--json")

    assert result.code == 0, result.err
    lines = [json.loads(line) for line in result.out.splitlines()]
    stopped = cli_env.sync(
        lambda sb: sum(
            1
            for m in sb.state.campaigns[campaign].lead_map_ids
            if sb.state.campaign_leads[m].status == "STOPPED"
        )
    )
    assert len(lines) == stopped > 0
    assert all(line["status"] == "STOPPED" for line in lines)
    assert all("@" in line["lead"]["email"] for line in lines)


def test_statistics_with_status_filter_and_max_items(cli_env: ThreadedSandbox, cli: Cli):
    campaign = seeded_campaign(cli_env, leads=40)

    everything = cli("export", "statistics", "--campaign", str(campaign), "--format", "jsonl")
    capped = cli(
        "export", "statistics", "--campaign", str(campaign), "--format", "jsonl",
        "--max-items", "3",
    )  # fmt: skip
    opened = cli(
        "export", "statistics", "--campaign", str(campaign), "--format", "jsonl",
        "--email-status", "opened",
    )  # fmt: skip

    assert everything.code == capped.code == opened.code == 0
    all_rows = [json.loads(line) for line in everything.out.splitlines()]
    assert len(all_rows) > 3
    assert len(capped.out.splitlines()) == 3
    opened_rows = [json.loads(line) for line in opened.out.splitlines()]
    assert 0 < len(opened_rows) < len(all_rows)
    assert all(row["open_time"] for row in opened_rows)


def test_inbox_view_and_campaign_filter(cli_env: ThreadedSandbox, cli: Cli):
    first = seeded_campaign(cli_env, leads=60)
    seeded_campaign(cli_env, leads=60)

    everything = cli("export", "inbox", "--format", "jsonl")
    unread = cli("export", "inbox", "--view", "unread", "--campaign", str(first), "--json")

    assert everything.code == unread.code == 0
    all_rows = [json.loads(line) for line in everything.out.splitlines()]
    unread_rows = [json.loads(line) for line in unread.out.splitlines()]
    assert {row["email_campaign_id"] for row in all_rows} == {first, first + 1}
    assert unread_rows, "the seeded history has unread replies"
    assert {row["email_campaign_id"] for row in unread_rows} == {first}
    assert all(row["has_new_unread_email"] for row in unread_rows)


def test_lead_lists_csv(cli_env: ThreadedSandbox, cli: Cli):
    from smartlead_async.testing.seed import seed_lead_list

    cli_env.sync(lambda sb: [seed_lead_list(sb.state, sb.rng, f"List {n}", 2) for n in range(3)])

    result = cli("export", "lead-lists")

    assert result.code == 0, result.err
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert [row["name"] for row in rows] == ["List 0", "List 1", "List 2"]
    assert {row["lead_count"] for row in rows} == {"2"}


def test_global_leads_incremental_with_state_file(
    cli_env: ThreadedSandbox, cli: Cli, tmp_path: Path
):
    def add(sb: SandboxServer, prefix: str, count: int, offset_s: int) -> None:
        start = sb.state.now() + timedelta(seconds=offset_s)
        for n in range(count):
            sb.state.add_lead(f"{prefix}{n}@new.example", created_at=start + timedelta(seconds=n))

    cli_env.sync(lambda sb: sb.seed_global_leads(5))
    since = cli_env.sync(lambda sb: sb.state.now().isoformat().replace("+00:00", "Z"))
    cli_env.sync(lambda sb: add(sb, "first", 3, 10))
    state = tmp_path / "leads.state"

    first = cli("export", "global-leads", "--since", since, "--state", str(state), "--json")

    assert first.code == 0, first.err
    assert sorted(json.loads(line)["email"] for line in first.out.splitlines()) == [
        "first0@new.example", "first1@new.example", "first2@new.example",
    ]  # fmt: skip
    saved = json.loads(state.read_text())
    assert saved["exported"] == 3 and saved["created_at_gt"].endswith("Z")

    cli_env.sync(lambda sb: add(sb, "second", 2, 20))
    second = cli("export", "global-leads", "--since", since, "--state", str(state), "--json")

    assert second.code == 0, second.err
    assert sorted(json.loads(line)["email"] for line in second.out.splitlines()) == [
        "second0@new.example", "second1@new.example",
    ]  # fmt: skip
    assert "next run exports global leads created after" in second.err

    newest = json.loads(state.read_text())["created_at_gt"]
    third = cli("export", "global-leads", "--state", str(state), "--json")
    assert third.code == 0 and third.out == ""
    assert json.loads(state.read_text())["created_at_gt"] == newest, "nothing new: kept"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "global-leads", "--since", "yesterday"], "not an ISO 8601"),
        (["export", "leads"], "--campaign"),
        (["export", "inbox", "--view", "spam"], "invalid choice"),
        (["export", "leads", "--campaign", "0"], "must be at least 1"),
    ],
)
def test_bad_export_arguments(cli_env: ThreadedSandbox, cli: Cli, argv: list[str], message: str):
    result = cli(*argv)

    assert result.code == 2
    assert message in result.err
    assert cli_env.server.counters.total == 0


def test_unreadable_state_file(cli_env: ThreadedSandbox, cli: Cli, tmp_path: Path):
    state = tmp_path / "broken.state"
    state.write_text("{not json")

    result = cli("export", "global-leads", "--state", str(state))

    assert result.code == 2
    assert "delete it to start over" in result.err


def test_missing_campaign_is_an_api_error(cli_env: ThreadedSandbox, cli: Cli, tmp_path: Path):
    result = cli("export", "leads", "--campaign", "999999", "-o", str(tmp_path / "x.csv"))

    assert result.code == 5
    assert result.err.splitlines()[-1].startswith("error: HTTP 404")


@pytest.mark.parametrize(
    "answer",
    [
        {"json": {}},
        {"json": {"data": None}},
        {"json": {"error": "internal"}},
        {"status": 204},
        {"json": {"total_leads": "500", "data": []}},
        {"status": 302, "headers": {"Location": "https://elsewhere.example/"}},
    ],
    ids=["empty object", "null data", "error object", "204", "contradicting page", "302"],
)
def test_export_fails_loudly_on_an_answer_without_rows(
    cli_env: ThreadedSandbox, cli: Cli, tmp_path: Path, answer: Answer
) -> None:
    campaign = seeded_campaign(cli_env, leads=3)
    cli_env.sync(lambda sb: sb.answer_with("GET", rf"/campaigns/{campaign}/leads", **answer))
    out = tmp_path / "leads.csv"

    result = cli("export", "leads", "--campaign", str(campaign), "--output", str(out))

    assert result.code != 0
    assert "exported 0 leads" not in result.err
    assert "error:" in result.err
    assert "L1" in result.err or f"/campaigns/{campaign}/leads" in result.err


def test_an_interrupted_export_says_how_far_it_got_and_that_the_file_is_partial(
    cli_env: ThreadedSandbox, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from smartlead_async.cli import export_cmd

    campaign = seeded_campaign(cli_env, leads=130)
    real = export_cmd.make_writer

    def interrupting(fmt: str, stream: io.TextIOBase):  # type: ignore[no-untyped-def]
        writer = real(fmt, stream)  # type: ignore[arg-type]
        write = writer.write

        def write_then_stop(item: object) -> None:
            if writer.count == 120:
                raise KeyboardInterrupt
            write(item)  # type: ignore[arg-type]

        writer.write = write_then_stop  # type: ignore[method-assign]
        return writer

    monkeypatch.setattr(export_cmd, "make_writer", interrupting)
    out = tmp_path / "leads.csv"
    result = cli("export", "leads", "--campaign", str(campaign), "-o", str(out))

    assert result.code == 130
    assert f"interrupted after 120 leads: {out} is partial" in result.err
    assert "run the export again" in result.err
