"""Soak: 100k rows with poison rows and repeats under 10% mixed faults, every row accounted.

Faults hit the import route: 5xx before and after the store, resets before and after it,
spurious 429s, a proxy's HTML 502, malformed and truncated 200s (processed), and slow answers.
"""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from smartlead_async import RateLimit, RetryPolicy
from smartlead_async.testing import SandboxServer
from smartlead_async.testing.faults import Faults
from tests.helpers.clients import sandbox_client
from tests.reliability._rows import campaign_emails, mixed_rows

pytestmark = pytest.mark.slow

IMPORT_PATH = r"/campaigns/\d+/leads/?$|/lead-list/\d+/import/?$"
RETRY = RetryPolicy(max_attempts=15, max_elapsed=120, base_delay=0.01, max_delay=0.1)
FAULTS = Faults(
    seed=2026,
    server_error=0.03,
    drop=0.02,
    rate_limit=0.02,
    html_502=0.01,
    malformed=0.01,
    truncated=0.01,
    slow=0.05,
    slow_delay=0.2,
    path=IMPORT_PATH,
)


async def test_100k_rows_under_mixed_faults_are_stored_once_and_all_accounted() -> None:
    mix = mixed_rows(100_000)
    async with SandboxServer(rate_limits=None, faults=FAULTS) as sb:
        async with sandbox_client(sb, retry=RETRY, rate_limit=RateLimit(400, 1.0)) as sl:
            campaign = await sl.campaigns.create(name="soak")
            report = await sl.campaigns.import_leads(campaign.id, mix.rows)
        await asyncio.sleep(0.05)  # let the server finish logging dropped connections
        stored = campaign_emails(sb, campaign.id)
        injected = dict(sb.faults.injected)
        leads_by_email = Counter(lead.email.lower() for lead in sb.state.leads.values())

    report.check()
    assert report.total_rows == 100_000
    assert not report.failed and report.stop_reason is None, report.summary()
    assert len(report.rejected_client_side) == mix.poison
    assert report.duplicates_in_input == report.duplicates == mix.repeats
    # every valid unique row is on the server exactly once, and nothing else is
    assert len(stored) == len(set(stored)) == len(mix.unique)
    assert set(stored) == mix.unique
    assert all(leads_by_email[email] == 1 for email in mix.unique)
    # honest buckets: the campaign was empty, so nothing was "already" there
    assert report.already_in_campaign == 0 and report.unconfirmed == 0
    assert report.uploaded + report.recovered == len(stored)
    assert report.recovered > 0, "some batches were stored before their answer was lost"
    # the faults really happened, of every kind
    assert set(injected) >= {
        "server_error",
        "drop",
        "rate_limit",
        "html_502",
        "malformed",
        "truncated",
        "slow",
    }
    faulted = sum(count for kind, count in injected.items() if kind != "slow")
    assert report.requests >= report.batches + faulted
    print(
        f"soak: {report.total_rows:,} rows, {len(stored):,} stored, faults {injected}, "
        f"{report.requests} requests, recovered {report.recovered:,}"
    )


async def test_a_lead_list_import_under_faults_is_stored_once_and_accounted() -> None:
    mix = mixed_rows(20_000, seed=7)
    async with SandboxServer(rate_limits=None, faults=FAULTS) as sb:
        async with sandbox_client(sb, retry=RETRY, rate_limit=RateLimit(400, 1.0)) as sl:
            lead_list = await sl.lead_lists.create(name="soak list")
            report = await sl.lead_lists.import_leads(lead_list.id, mix.rows)
        members = [
            sb.state.leads[lead_id].email.lower()
            for lead_id in sb.state.lead_lists[lead_list.id].lead_ids
        ]

    report.check()
    assert not report.failed, report.summary()
    assert len(members) == len(set(members)) == len(mix.unique)
    assert report.uploaded + report.recovered == len(members)
    assert report.duplicates == mix.repeats
