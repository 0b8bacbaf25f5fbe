"""``smartlead-async analytics`` end to end against the sandbox."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from smartlead_async import SmartleadClient
from smartlead_async.cli._output import model_json
from smartlead_async.cli.analytics_cmd import with_rates
from tests.helpers.cli import Cli
from tests.helpers.threaded import ThreadedSandbox


def seed(sandbox: ThreadedSandbox, count: int) -> list[int]:
    return sandbox.sync(
        lambda sb: [sb.seed_campaign(name=f"Analytics {n}", leads=15).id for n in range(count)]
    )


def test_all_campaigns_as_a_table(cli_env: ThreadedSandbox, cli: Cli):
    ids = seed(cli_env, 3)

    result = cli("analytics", "--all")

    assert result.code == 0, result.err
    assert "Analytics of 3 campaigns" in result.out
    for number, campaign_id in enumerate(ids):
        assert f"Analytics {number}" in result.out and str(campaign_id) in result.out
    assert "reply %" in result.out


def test_selected_campaigns_as_json_match_the_sandbox(cli_env: ThreadedSandbox, cli: Cli):
    ids = seed(cli_env, 4)

    result = cli("analytics", "--campaign", str(ids[2]), "--campaign", str(ids[0]), "--json")

    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert [item["campaign_id"] for item in data] == [ids[2], ids[0]]
    expected = cli_env.call(direct_analytics(cli_env, [ids[2], ids[0]]))
    assert [{k: v for k, v in item.items() if k != "campaign_id"} for item in data] == expected
    assert all(item["sent_count"] > 0 for item in data)


async def direct_analytics(sandbox: ThreadedSandbox, ids: list[int]) -> list[dict[str, Any]]:
    """What the SDK itself returns for the same campaigns."""
    server = sandbox.server
    async with SmartleadClient(server.api_key, base_url=server.base_url) as client:
        return [model_json(with_rates(await client.campaigns.get_analytics(cid))) for cid in ids]


def test_csv_output_and_a_failing_campaign(cli_env: ThreadedSandbox, cli: Cli):
    ids = seed(cli_env, 2)

    result = cli("analytics", "--campaign", str(ids[0]), "--campaign", "987654", "--format", "csv")

    assert result.code == 5
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert [int(row["id"]) for row in rows] == [ids[0]]
    assert "campaign_lead_stats.total" in rows[0]
    assert result.err.strip() == (
        "error: campaign 987654: HTTP 404: Campaign 987654 not found "
        "(GET /campaigns/987654/analytics)"
    )


def test_json_and_csv_name_fields_alike_and_carry_the_rates(cli_env: ThreadedSandbox, cli: Cli):
    ids = seed(cli_env, 1)

    as_json = json.loads(cli("analytics", "--campaign", str(ids[0]), "--json").out)[0]
    as_csv = next(csv.DictReader(io.StringIO(cli("analytics", "--all", "--format", "csv").out)))

    nested = {f"campaign_lead_stats.{key}" for key in as_json["campaign_lead_stats"]}
    assert nested <= set(as_csv), "the same (snake_case) names in both formats"
    assert "campaign_lead_stats.notStarted" not in as_csv
    sent, replied = as_json["sent_count"], as_json["reply_count"]
    assert as_json["reply_rate"] == f"{round(100 * replied / sent, 1):.1f}%"
    assert as_csv["reply_rate"] == as_json["reply_rate"]


@pytest.mark.parametrize("width", [80, 60, 120])
def test_the_table_fits_the_terminal_and_never_has_a_blank_header(
    cli_env: ThreadedSandbox, cli: Cli, monkeypatch: pytest.MonkeyPatch, width: int
):
    ids = seed(cli_env, 3)
    cli_env.sync(lambda sb: setattr(sb.state.campaigns[ids[0]], "name", "A" * 70))
    monkeypatch.setenv("COLUMNS", str(width))

    out = cli("analytics", "--all").out

    lines = out.splitlines()
    assert all(len(line) <= width for line in lines), max(map(len, lines))
    header = next(line for line in lines if "id" in line and "name" in line)
    cells = [part.strip() for part in header.strip("┃│").split("┃")]
    assert all(cells), f"a blank header: {header!r}"
    for campaign_id in ids:
        assert str(campaign_id) in out, "ids are never cut"
    if width == 80:
        assert "sent" in header and "reply %" in header
        assert "more columns with --format csv or json" in out


def test_all_with_no_campaigns_prints_an_empty_table(cli_env: ThreadedSandbox, cli: Cli):
    result = cli("analytics", "--all", "--format", "json")

    assert result.code == 0
    assert json.loads(result.out) == []
