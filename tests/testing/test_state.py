"""SandboxState: ordered ids, indexes, enrolments, messages, block list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from smartlead_async.testing.state import OrderedIds, SandboxState


def fixed_clock() -> datetime:
    return datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_ordered_ids_page_add_discard() -> None:
    ids = OrderedIds([5, 3, 9])
    ids.add(3)
    ids.add(1)
    assert ids.page(0, 2) == [5, 3] and ids.page(2, 10) == [9, 1] and ids.page(9, 2) == []
    ids.discard(3)
    ids.discard(42)
    assert list(ids) == [5, 9, 1] and len(ids) == 3 and 3 not in ids and 9 in ids
    ids.add(7)
    assert ids.as_list() == [5, 9, 1, 7]


def test_invalid_configuration() -> None:
    with pytest.raises(ValueError, match="import_cap"):
        SandboxState(import_cap=0)
    with pytest.raises(ValueError, match="lead_limit"):
        SandboxState(lead_limit=-1)


def test_ids_are_deterministic_per_kind() -> None:
    a, b = SandboxState(seed=1), SandboxState(seed=1)
    assert [a.next_id("campaign") for _ in range(3)] == [b.next_id("campaign") for _ in range(3)]
    assert a.next_id("lead") != a.next_id("lead")
    assert a.new_uuid() == b.new_uuid()
    assert SandboxState(seed=2).new_uuid() != SandboxState(seed=1).new_uuid()


def test_leads_indexed_case_insensitively_and_rekeyed() -> None:
    state = SandboxState(clock=fixed_clock)
    lead = state.add_lead("Ada@Example.com", first_name="Ada")
    assert state.lead_by_email("ada@example.COM") is lead
    assert lead.created_at == fixed_clock()
    with pytest.raises(ValueError, match="already exists"):
        state.add_lead("ada@example.com")
    state.change_lead_email(lead, "ada@new.io")
    assert state.lead_by_email("ada@example.com") is None
    assert state.lead_by_email("ADA@new.io") is lead
    other = state.add_lead("b@x.io")
    with pytest.raises(ValueError, match="belongs to lead"):
        state.change_lead_email(other, "ada@new.io")


def test_enrol_remove_and_delete_campaign() -> None:
    state = SandboxState()
    account = state.add_email_account("s@send.io", "S")
    camp = state.add_campaign("C")
    state.attach_accounts(camp, [account.id])
    lead = state.add_lead("a@x.io")
    row = state.enrol(camp, lead)
    assert row.email_account_id == account.id
    assert state.campaign_lead(camp, lead.id) is row and lead.map_ids == [row.id]
    with pytest.raises(ValueError, match="already in campaign"):
        state.enrol(camp, lead)
    state.remove_campaign_lead(row)
    assert state.campaign_lead(camp, lead.id) is None and lead.map_ids == []
    state.enrol(camp, lead)
    state.delete_campaign(camp)
    assert camp.deleted and state.live_campaign(camp.id) is None
    assert len(camp.lead_map_ids) == 0 and account.campaign_ids == []
    assert state.lead_by_email("a@x.io") is lead


def test_messages_keep_enrolment_counters_in_sync() -> None:
    state = SandboxState(clock=fixed_clock)
    camp = state.add_campaign("C")
    row = state.enrol(camp, state.add_lead("a@x.io"))
    t0 = fixed_clock() - timedelta(days=2)
    sent = state.add_message(
        row, "SENT", time=t0, subject="Hi", body="b", seq_number=1, from_email="s@x", to_email="a"
    )
    assert row.status == "INPROGRESS" and row.sent_count == 1 and row.last_sent_time == t0
    state.record_open(sent, t0 + timedelta(hours=1))
    state.record_click(sent, t0 + timedelta(hours=2), "https://x.io")
    state.record_click(sent, t0 + timedelta(hours=3), "https://x.io")
    assert (row.open_count, row.click_count) == (1, 2)
    assert sent.open_time == t0 + timedelta(hours=1) and sent.click_details == {"https://x.io": 2}
    notice = state.add_message(
        row,
        "REPLY",
        time=t0,
        subject="Undelivered",
        body="",
        seq_number=1,
        from_email="mailer-daemon@x",
        to_email="s@x",
        in_reply_to=sent.stats_id,
        is_bounce_notice=True,
    )
    assert row.reply_count == 0 and sent.reply_time is None and notice.is_bounce_notice
    reply_at = t0 + timedelta(days=1)
    state.add_message(
        row,
        "REPLY",
        time=reply_at,
        subject="Re: Hi",
        body="yes",
        seq_number=1,
        from_email="a@x.io",
        to_email="s@x",
        in_reply_to=sent.stats_id,
    )
    assert row.reply_count == 1 and sent.reply_time == reply_at and row.has_new_unread_email
    assert [m.type for m in state.thread(row.id)] == ["SENT", "REPLY", "REPLY"]
    assert state.messages_by_message_id[sent.message_id] == sent.stats_id
    assert len(state.messages_by_campaign[camp.id]) == 3


def test_block_list_by_email_domain_and_client_scope() -> None:
    state = SandboxState()
    assert state.add_block_entry("Spam.com") is not None
    assert state.add_block_entry("spam.com") is None
    entry = state.add_block_entry("x@ok.io", client_id=7)
    assert entry is not None
    assert state.is_blocked("anyone@SPAM.com")
    assert not state.is_blocked("x@ok.io") and state.is_blocked("x@ok.io", client_id=7)
    state.remove_block_entry(entry)
    assert not state.is_blocked("x@ok.io", client_id=7)


def test_unsubscribe_lead_stops_all_enrolments() -> None:
    state = SandboxState()
    lead = state.add_lead("a@x.io")
    rows = [state.enrol(state.add_campaign(f"C{i}"), lead) for i in range(2)]
    state.unsubscribe_lead(lead)
    assert lead.is_unsubscribed
    assert all(r.is_unsubscribed and r.status == "STOPPED" for r in rows)


def test_emit_event_matches_webhook_scopes() -> None:
    from smartlead_async.testing.state import Webhook

    state = SandboxState()
    camp = state.add_campaign("C", client_id=3)
    now = state.now()
    hooks = [
        Webhook(1, "camp", "https://h", now, now, ["EMAIL_REPLY"], campaign_id=camp.id),
        Webhook(2, "other", "https://h", now, now, ["EMAIL_REPLY"], campaign_id=999),
        Webhook(3, "user", "https://h", now, now, ["EMAIL_REPLY"], association_type="user"),
        Webhook(
            4, "cli", "https://h", now, now, ["EMAIL_REPLY"], association_type="client", client_id=3
        ),
        Webhook(5, "cat", "https://h", now, now, ["LEAD_CATEGORY_UPDATED"], ["Interested"]),
    ]
    hooks[4].campaign_id = camp.id
    state.webhooks = {h.id: h for h in hooks}
    assert state.emit_event("EMAIL_REPLY", camp.id) == 3
    assert state.emit_event("LEAD_CATEGORY_UPDATED", camp.id, "Not Interested") == 0
    assert state.emit_event("LEAD_CATEGORY_UPDATED", camp.id, "Interested") == 1
    assert {d.webhook_id for d in state.webhook_deliveries} == {1, 3, 4, 5}
