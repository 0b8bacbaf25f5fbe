"""Seeding: deterministic, realistic message history consistent with the enrolment counters."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from smartlead_async.testing import SandboxState, seed_campaign, seed_workspace
from smartlead_async.testing.seed import DEFAULT_CATEGORIES, seed_defaults, seed_leads


def clock() -> datetime:
    return datetime(2026, 5, 20, 9, 0, tzinfo=UTC)


def _snapshot(state: SandboxState) -> list[tuple[object, ...]]:
    return [
        (m.stats_id, m.type, m.time, m.seq_number, m.open_count, m.click_count, m.is_bounced)
        for m in state.messages.values()
    ]


def test_same_seed_same_workspace() -> None:
    a, b = SandboxState(seed=4, clock=clock), SandboxState(seed=4, clock=clock)
    seed_workspace(a, 9)
    seed_workspace(b, 9)
    assert _snapshot(a) == _snapshot(b)
    assert [lead.email for lead in a.leads.values()] == [lead.email for lead in b.leads.values()]
    c = SandboxState(seed=4, clock=clock)
    seed_workspace(c, 10)
    assert _snapshot(c) != _snapshot(a)


def test_seeded_campaign_history_is_realistic_and_consistent() -> None:
    state = SandboxState(seed=1, clock=clock)
    seed_defaults(state)
    camp = seed_campaign(state, random.Random(3), leads=300, steps=3, accounts=2, days_ago=20)
    assert len(camp.sequences) == 3 and len(camp.email_account_ids) == 2
    assert len(camp.lead_map_ids) == 300
    messages = [state.messages[s] for s in state.messages_by_campaign[camp.id]]
    sent = [m for m in messages if m.type == "SENT" and not m.is_manual]
    replies = [m for m in messages if m.type == "REPLY" and not m.is_bounce_notice]
    assert {m.seq_number for m in sent} == {1, 2, 3}
    assert any(m.open_count for m in sent) and any(m.click_count for m in sent)
    assert replies and any(m.is_bounced for m in sent) and any(m.is_unsubscribed for m in sent)
    assert any(m.is_manual for m in messages), "some threads have a manual answer"
    start = clock() - timedelta(days=20)
    assert all(start <= m.time <= clock() for m in messages)
    for map_id in camp.lead_map_ids:
        row = state.campaign_leads[map_id]
        thread = state.thread(map_id)
        assert row.sent_count == sum(m.type == "SENT" for m in thread)
        assert row.reply_count == sum(m.type == "REPLY" and not m.is_bounce_notice for m in thread)
        assert [m.time for m in thread] == sorted(m.time for m in thread)
        if row.reply_count:
            assert row.category_id is not None
    statuses = {state.campaign_leads[i].status for i in camp.lead_map_ids}
    assert {"COMPLETED", "STOPPED", "BLOCKED"} <= statuses
    assert any(state.campaign_leads[i].is_important for i in camp.lead_map_ids)


def test_defaults_are_idempotent() -> None:
    state = SandboxState()
    seed_defaults(state)
    seed_defaults(state)
    assert [c.name for c in state.categories.values()] == [n for n, _ in DEFAULT_CATEGORIES]
    assert len(state.team_members) == 1


def test_drafted_campaign_has_no_history_and_bad_args_fail() -> None:
    state = SandboxState()
    camp = seed_campaign(state, random.Random(1), leads=5, status="DRAFTED")
    assert state.messages_by_campaign[camp.id] == []
    with pytest.raises(ValueError, match=">= 0"):
        seed_campaign(state, random.Random(1), leads=-1)


def test_bulk_leads_scale() -> None:
    state = SandboxState()
    camp = state.add_campaign("big")
    rows = seed_leads(state, camp, random.Random(2), 20_000)
    assert len(rows) == len(camp.lead_map_ids) == len(state.leads) == 20_000
    assert len(state.leads_by_email) == 20_000
