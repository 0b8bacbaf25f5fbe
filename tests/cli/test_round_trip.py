"""What ``export`` writes, ``import`` reads: CSV and JSONL, without ``--map``."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from smartlead_async.cli._common import CliError
from smartlead_async.cli._rows import EXPORT_COLUMNS, RowSource
from smartlead_async.testing.seed import seed_lead_list
from tests.helpers.cli import Cli
from tests.helpers.threaded import ThreadedSandbox, new_campaign


def leads_of(sandbox: ThreadedSandbox, campaign_id: int) -> dict[str, dict[str, Any]]:
    """email -> {first_name, company_name, custom_fields} of a campaign's leads."""

    def read(sb: Any) -> dict[str, dict[str, Any]]:
        state = sb.state
        out = {}
        for map_id in state.campaigns[campaign_id].lead_map_ids:
            lead = state.leads[state.campaign_leads[map_id].lead_id]
            out[lead.email] = {
                "first_name": lead.first_name,
                "company_name": lead.company_name,
                "custom_fields": dict(lead.custom_fields or {}),
            }
        return out

    return sandbox.sync(read)


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_export_leads_then_import_them_into_another_campaign(
    cli_env: ThreadedSandbox, cli: Cli, tmp_path: Path, fmt: str
) -> None:
    source = cli_env.sync(lambda sb: sb.seed_campaign(name="A", leads=52).id)
    target = new_campaign(cli_env, "B")
    exported = tmp_path / f"leads.{fmt}"

    out = cli("export", "leads", "--campaign", str(source), "-o", str(exported))
    assert out.code == 0, out.err
    # the leads are already in campaign A of this workspace: the API counts them as
    # duplicates unless told that leads may be in several campaigns
    result = cli(
        "import", str(exported), "--campaign", str(target), "--json",
        "--ignore-duplicates-in-other-campaigns", "--ignore-global-block-list",
        "--ignore-unsubscribe-list",
    )  # fmt: skip

    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["ok"] is True
    buckets = report["buckets"]
    assert report["total_rows"] == 52
    # the seed blocks a few of A's leads: the block list still applies to them in B
    assert buckets["uploaded"] + buckets["blocked"] == 52 and buckets["uploaded"] >= 40
    assert buckets["rejected_client_side"] == buckets["failed"] == 0
    before, after = leads_of(cli_env, source), leads_of(cli_env, target)
    assert len(after) == buckets["uploaded"] and set(after) <= set(before)
    for email, lead in after.items():
        assert lead == before[email], "names, companies and custom fields come across unchanged"
        assert not set(lead["custom_fields"]) & EXPORT_COLUMNS, "no bookkeeping custom field"


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_export_global_leads_then_import_them_into_a_list(
    cli_env: ThreadedSandbox, cli: Cli, tmp_path: Path, fmt: str
) -> None:
    cli_env.sync(lambda sb: sb.seed_campaign(name="Global", leads=20))
    total = cli_env.sync(lambda sb: len(sb.state.leads))
    lead_list = cli_env.sync(
        lambda sb: seed_lead_list(sb.state, random.Random(1), "round trip", []).id
    )
    exported = tmp_path / f"global.{fmt}"

    assert cli("export", "global-leads", "-o", str(exported)).code == 0
    result = cli("import", str(exported), "--list", str(lead_list), "--json")

    report = json.loads(result.out)
    assert result.code == 0, (result.err, report["rejected"][:3])
    buckets = report["buckets"]
    assert report["total_rows"] == total
    assert buckets["rejected_client_side"] == buckets["failed"] == 0
    # every exported lead lands, except those the workspace blocks or has unsubscribed
    assert buckets["uploaded"] + buckets["blocked"] + buckets["unsubscribed"] == total
    assert buckets["uploaded"] >= total - 4


def test_map_takes_dotted_paths_in_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "nested.jsonl"
    path.write_text(json.dumps({"person": {"mail": "a@x.io", "name": {"first": "Ann"}}}) + "\n")
    with RowSource(
        str(path), mapping={"email": "person.mail", "first_name": "person.name.first"}
    ) as src:
        assert list(src) == [{"email": "a@x.io", "first_name": "Ann"}]


def test_an_unknown_mapped_key_is_an_error_for_jsonl_too(tmp_path: Path) -> None:
    path = tmp_path / "nested.jsonl"
    path.write_text(json.dumps({"lead": {"email": "a@x.io"}}) + "\n")
    source = RowSource(str(path), mapping={"email": "lead.mail"})
    with pytest.raises(CliError, match=r"--map names key\(s\) 'lead\.mail'.*lead\.email"), source:
        list(source)


def test_a_csv_custom_fields_column_holds_json_text(tmp_path: Path) -> None:
    path = tmp_path / "custom.csv"
    path.write_text('email,custom_fields,Title\na@x.io,"{""tier"": ""gold""}",CTO\nb@x.io,,VP\n')
    with RowSource(str(path)) as src:
        rows = list(src)
    assert rows[0] == {"email": "a@x.io", "custom_fields": {"tier": "gold", "Title": "CTO"}}
    assert rows[1] == {"email": "b@x.io", "custom_fields": {"Title": "VP"}}


def test_plain_files_keep_every_other_column_as_a_custom_field(tmp_path: Path) -> None:
    path = tmp_path / "plain.csv"
    path.write_text("email,status,id\na@x.io,hot,17\n")
    with RowSource(str(path)) as src:
        assert list(src) == [{"email": "a@x.io", "custom_fields": {"status": "hot", "id": "17"}}]
