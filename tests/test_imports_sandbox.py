"""Bulk imports end to end: the real client against the sandbox, with faults switched on."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from smartlead_async import RateLimit, RetryPolicy, SmartleadClient, ValidationError
from smartlead_async.testing.faults import Faults
from smartlead_async.testing.sandbox import SandboxServer
from tests.helpers.clients import sandbox_client
from tests.helpers.import_fakes import rows

WINDOW = (20, 0.2)
FAST_RETRY = RetryPolicy(max_attempts=12, max_elapsed=60, base_delay=0.01, max_delay=0.05)
IMPORT_PATH = r"/campaigns/\d+/leads/?$|/lead-list/\d+/import/?$"


def client_for(sb: SandboxServer, **options: Any) -> SmartleadClient:
    """A client that keeps to the sandbox's window and retries hard (override any option)."""
    return sandbox_client(sb, **{"rate_limit": RateLimit(*WINDOW), "retry": FAST_RETRY, **options})


def import_posts(sb: SandboxServer, path: str) -> list[int]:
    """Statuses of the import requests that reached the sandbox."""
    return [r.status for r in sb.log.filter(method="POST", path=f"/api/v1{path}")]


pytestmark = pytest.mark.smartlead_sandbox(rate_limits=[WINDOW])


async def test_campaign_import_survives_faults_and_counts_every_request() -> None:
    faults = Faults(
        seed=11,
        server_error=0.12,
        drop=0.06,
        malformed=0.04,
        truncated=0.04,
        html_502=0.04,
        path=IMPORT_PATH,
    )
    async with SandboxServer(rate_limits=[WINDOW], faults=faults) as sb, client_for(sb) as sl:
        campaign = await sl.campaigns.create(name="faulty import")
        data = [*rows(3000), {"email": "broken"}, {"email": "LEAD7@example.com"}]
        report = await sl.campaigns.import_leads(campaign.id, data)
        await asyncio.sleep(0.05)  # let the server finish logging dropped connections
        report.check()
        assert report.total_rows == 3002
        assert not report.failed, report.failed
        # a batch stored before its answer was lost comes back as "already added" on retry:
        # those rows are recovered, not present before the job
        assert report.already_in_campaign == 0
        assert report.uploaded + report.recovered == report.added == 3000
        assert report.recovered > 0, "the seed stores some batches before failing them"
        assert report.duplicates == 1 and len(report.rejected_client_side) == 1
        assert len(sb.state.campaigns[campaign.id].map_by_lead_id) == 3000
        statuses = import_posts(sb, f"/campaigns/{campaign.id}/leads")
        assert report.requests == len(statuses)
        assert report.requests > report.batches == 8  # faults forced retries
        assert sb.faults is not None and sum(sb.faults.injected.values()) > 0


async def test_server_cap_halves_the_batch_and_loses_nothing() -> None:
    async with SandboxServer(rate_limits=[WINDOW], import_cap=150) as sb, client_for(sb) as sl:
        campaign = await sl.campaigns.create(name="capped")
        report = await sl.campaigns.import_leads(campaign.id, rows(1000), concurrency=1)
        report.check()
        assert report.batch_size == 100
        assert report.uploaded == 1000 and not report.failed
        statuses = import_posts(sb, f"/campaigns/{campaign.id}/leads")
        assert statuses[0] == 400  # the first 400-row request was refused
        assert statuses[1:] == [200] * 10
        assert len(sb.state.campaigns[campaign.id].map_by_lead_id) == 1000


async def test_lead_limit_stops_the_import_cleanly() -> None:
    async with SandboxServer(rate_limits=[WINDOW], lead_limit=500) as sb, client_for(sb) as sl:
        campaign = await sl.campaigns.create(name="limited")
        report = await sl.campaigns.import_leads(campaign.id, rows(2000), concurrency=1)
        report.check()
        assert report.uploaded == 500
        assert report.not_attempted == 1500
        assert report.lead_limit_exhausted and not report.ok
        assert len(import_posts(sb, f"/campaigns/{campaign.id}/leads")) == 2


async def test_lead_list_import_with_duplicates(smartlead_sandbox: SandboxServer) -> None:
    async with client_for(smartlead_sandbox) as sl:
        lead_list = await sl.lead_lists.create("imports")
        data = rows(700) + rows(300)  # the last 300 repeat earlier rows
        seen: list[tuple[int, int | None]] = []
        report = await sl.lead_lists.import_leads(
            lead_list.id,
            data,
            dedupe=False,
            batch_size=250,
            on_progress=lambda done, total: seen.append((done, total)),
        )
        report.check()
        assert report.uploaded == 700 and report.duplicates == 300
        assert report.batches == 4
        assert seen[-1] == (1000, 1000)
        assert len(smartlead_sandbox.state.lead_lists[lead_list.id].lead_ids) == 700


async def test_lead_list_import_stops_at_the_lead_limit() -> None:
    async with SandboxServer(rate_limits=[WINDOW], lead_limit=300) as sb, client_for(sb) as sl:
        lead_list = await sl.lead_lists.create("limited list")
        report = await sl.lead_lists.import_leads(lead_list.id, rows(1000), concurrency=1)
        report.check()
        assert report.uploaded == 300 and report.not_attempted == 700
        assert report.lead_limit_exhausted
        assert len(sb.state.lead_lists[lead_list.id].lead_ids) == 300


async def test_settings_reach_every_batch(smartlead_sandbox: SandboxServer) -> None:
    async with client_for(smartlead_sandbox) as sl:
        await sl.leads.add_to_block_list(["blocked.io"])
        campaign = await sl.campaigns.create(name="settings")
        data = rows(3, domain="blocked.io") + rows(3)
        blocked = await sl.campaigns.import_leads(campaign.id, data, batch_size=2)
        assert (blocked.blocked, blocked.uploaded) == (3, 3)
        other = await sl.campaigns.create(name="settings 2")
        fresh = rows(3, domain="blocked.io") + rows(3, start=10)  # none in a campaign yet
        allowed = await sl.campaigns.import_leads(
            other.id, fresh, batch_size=2, settings={"ignore_global_block_list": True}
        )
        assert (allowed.blocked, allowed.uploaded) == (0, 6)


async def test_bad_settings_raise_before_any_import_request(
    smartlead_sandbox: SandboxServer,
) -> None:
    async with client_for(smartlead_sandbox) as sl:
        campaign = await sl.campaigns.create(name="bad settings")
        with pytest.raises(ValidationError, match="bogus"):
            await sl.campaigns.import_leads(campaign.id, rows(10), settings={"bogus": True})
        with pytest.raises(ValidationError, match="campaign_id"):
            await sl.campaigns.import_leads(-1, rows(10))
        assert import_posts(smartlead_sandbox, f"/campaigns/{campaign.id}/leads") == []


async def test_wrong_key_stops_with_everything_accounted(smartlead_sandbox: SandboxServer) -> None:
    async with client_for(smartlead_sandbox) as sl:
        campaign = await sl.campaigns.create(name="auth")
    async with client_for(smartlead_sandbox, api_key="sl_wrong_key") as wrong:
        report = await wrong.campaigns.import_leads(campaign.id, rows(4000), concurrency=8)
    report.check()
    assert report.uploaded == 0
    assert report.stop_reason is not None and "AuthenticationError" in report.stop_reason
    # the first batch goes alone: one request, not one per concurrent batch
    assert len(report.failed) == 1 and report.requests == 1
    assert import_posts(smartlead_sandbox, f"/campaigns/{campaign.id}/leads") == [401]
    assert report.failed_rows == 400 and report.not_attempted == 3600
    assert "sl_wrong_key" not in repr(report) and "sl_wrong_key" not in report.summary()


async def test_resume_with_journal_after_failed_batches(tmp_path: Path) -> None:
    journal = tmp_path / "campaign.journal"
    faults = Faults(seed=5, server_error=0.5, after_store_share=0.0, path=IMPORT_PATH)
    async with SandboxServer(rate_limits=[WINDOW], faults=faults) as sb:
        async with client_for(sb, retry=None) as fragile:
            campaign = await fragile.campaigns.create(name="resumable")
            first = await fragile.campaigns.import_leads(campaign.id, rows(4000), journal=journal)
        first.check()
        assert first.failed, "the fault rate should fail some batches without retries"
        async with client_for(sb) as sturdy:
            second = await sturdy.campaigns.import_leads(campaign.id, rows(4000), journal=journal)
        second.check()
        assert not second.failed
        assert second.resumed_rows == 4000 - first.failed_rows
        assert second.resumed_batches == first.batches
        assert second.already_in_campaign == 0
        assert second.uploaded + second.recovered == 4000
        assert len(sb.state.campaigns[campaign.id].map_by_lead_id) == 4000


async def test_an_input_error_reaches_the_caller_and_leaves_only_whole_batches() -> None:
    def broken_input() -> Any:
        yield from rows(450)
        raise OSError("disk read failed")

    async with SandboxServer(rate_limits=[WINDOW]) as sb, client_for(sb) as sl:
        campaign = await sl.campaigns.create(name="input fails")
        with pytest.raises(OSError, match="disk read failed"):
            await sl.campaigns.import_leads(campaign.id, broken_input(), batch_size=100)
        stored = len(sb.state.campaigns[campaign.id].map_by_lead_id)
        assert 100 <= stored <= 400 and stored % 100 == 0  # the partial fifth batch is not sent
