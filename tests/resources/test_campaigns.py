"""``client.campaigns``: sandbox round trips, exact wire requests and client-side limits."""

from __future__ import annotations

import csv
import io
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import RetryPolicy, SmartleadClient
from smartlead_async.errors import (
    BadRequestError,
    InvalidTypeError,
    NotFoundError,
    ResponseValidationError,
    ValidationError,
)
from smartlead_async.models.campaigns import (
    ImportSettings,
    SequenceStepInput,
    SequenceVariantInput,
)
from smartlead_async.models.lead_input import LeadInput
from smartlead_async.testing import seed as sandbox_seed
from smartlead_async.testing.pytest_plugin import SandboxClient
from smartlead_async.testing.sandbox import SandboxServer
from tests.helpers.clients import open_sandbox, wire_client
from tests.helpers.wire import route, sent

pytestmark = [
    pytest.mark.smartlead_sandbox(rate_limits=None, seed=7),
    pytest.mark.smartlead_client(retry=None),
]


@pytest.fixture
def sb(smartlead_sandbox_client: SandboxClient) -> SandboxServer:
    return smartlead_sandbox_client[0]


@pytest.fixture
def sl(smartlead_sandbox_client: SandboxClient) -> SmartleadClient:
    """Here the client under test talks to the sandbox; the wire tests use ``wire``."""
    return smartlead_sandbox_client[1]


# =========================================================================== sandbox round trips


async def test_create_get_list_round_trip(sb: SandboxServer, sl: SmartleadClient) -> None:
    created = await sl.campaigns.create(name="Q1 outreach")
    assert created.name == "Q1 outreach"
    assert created.ok is True
    camp = await sl.campaigns.get(created.id)
    assert (camp.id, camp.name, camp.status) == (created.id, "Q1 outreach", "DRAFTED")
    second = await sl.campaigns.create()
    listed = await sl.campaigns.list()
    assert [c.id for c in listed] == [second.id, created.id]
    assert listed[0].name == "Untitled Campaign"


async def test_list_filters_by_client(sb: SandboxServer, sl: SmartleadClient) -> None:
    (client,) = sandbox_seed.seed_clients(sb.state, sb.rng, 1)
    mine = await sl.campaigns.create(name="client campaign", client_id=client.id)
    await sl.campaigns.create(name="other")
    listed = await sl.campaigns.list(client_id=client.id, include_tags=True)
    assert [(c.id, c.client_id) for c in listed] == [(mine.id, client.id)]


async def test_delete_then_get_raises_not_found(sb: SandboxServer, sl: SmartleadClient) -> None:
    created = await sl.campaigns.create(name="to delete")
    result = await sl.campaigns.delete(created.id)
    assert result.ok is True
    with pytest.raises(NotFoundError, match="empty body"):
        await sl.campaigns.get(created.id)
    with pytest.raises(NotFoundError):
        await sl.campaigns.get(999_999)


async def test_set_status_start_pause_stop(sb: SandboxServer, sl: SmartleadClient) -> None:
    camp = sb.seed_campaign(leads=0, status="DRAFTED", history=False)
    started = await sl.campaigns.set_status(camp.id, "START")
    assert started.ok is True
    assert (await sl.campaigns.get(camp.id)).status == "ACTIVE"
    await sl.campaigns.set_status(camp.id, "PAUSED")
    assert (await sl.campaigns.get(camp.id)).status == "PAUSED"
    await sl.campaigns.set_status(camp.id, "STOPPED")
    assert (await sl.campaigns.get(camp.id)).status == "STOPPED"


async def test_start_without_senders_is_refused_by_server(sl: SmartleadClient) -> None:
    created = await sl.campaigns.create(name="no senders")
    with pytest.raises(BadRequestError, match="email account"):
        await sl.campaigns.set_status(created.id, "START")


async def test_update_schedule_round_trip(sl: SmartleadClient) -> None:
    created = await sl.campaigns.create(name="sched")
    result = await sl.campaigns.update_schedule(
        created.id,
        timezone="Europe/Berlin",
        days_of_the_week=[1, 2, 3, 4, 5],
        start_hour="08:30",
        end_hour="17:00",
        min_time_btw_emails=12,
        max_new_leads_per_day=40,
        schedule_start_time=datetime(2026, 3, 1, 9, tzinfo=UTC),
    )
    assert result.ok is True
    camp = await sl.campaigns.get(created.id)
    cron = camp.scheduler_cron_value
    assert cron is not None
    assert (cron.tz, cron.days, cron.start_hour, cron.end_hour) == (
        "Europe/Berlin",
        [1, 2, 3, 4, 5],
        "08:30",
        "17:00",
    )
    assert camp.min_time_btwn_emails == 12
    assert camp.max_leads_per_day == 40
    assert camp.schedule_start_time == datetime(2026, 3, 1, 9, tzinfo=UTC)


async def test_update_settings_round_trip(sb: SandboxServer, sl: SmartleadClient) -> None:
    (client,) = sandbox_seed.seed_clients(sb.state, sb.rng, 1)
    created = await sl.campaigns.create(name="settings", client_id=client.id)
    await sl.campaigns.update_settings(
        created.id,
        name="renamed",
        track_settings=["DONT_TRACK_EMAIL_OPEN", "DONT_TRACK_LINK_CLICK"],
        stop_lead_settings="CLICK_ON_A_LINK",
        unsubscribe_text="Bye",
        send_as_plain_text=True,
        follow_up_percentage=35,
        enable_ai_esp_matching=True,
        clear_client_id=True,
    )
    camp = await sl.campaigns.get(created.id)
    assert camp.name == "renamed"
    assert camp.track_settings == ["DONT_TRACK_EMAIL_OPEN", "DONT_TRACK_LINK_CLICK"]
    assert camp.stop_lead_settings == "CLICK_ON_A_LINK"
    assert camp.unsubscribe_text == "Bye"
    assert camp.send_as_plain_text is True
    assert camp.follow_up_percentage == 35
    assert camp.enable_ai_esp_matching is True
    assert camp.client_id is None
    await sl.campaigns.update_settings(created.id, client_id=client.id)
    assert (await sl.campaigns.get(created.id)).client_id == client.id


async def test_sequences_save_read_and_edit(sl: SmartleadClient) -> None:
    created = await sl.campaigns.create(name="seq")
    saved = await sl.campaigns.save_sequences(
        created.id,
        [
            SequenceStepInput(
                seq_number=1,
                subject="Hi {{first_name}}",
                email_body="<p>Hello</p>",
                variants=[
                    SequenceVariantInput(subject="A", email_body="<p>a</p>", variant_label="A"),
                    SequenceVariantInput(subject="B", email_body="<p>b</p>", variant_label="B"),
                ],
            ),
            {"seq_number": 2, "email_body": "<p>Follow up</p>", "delay_in_days": 3},
        ],
    )
    assert saved.ok is True
    steps = await sl.campaigns.get_sequences(created.id)
    assert [(s.seq_number, s.subject, s.delay_in_days) for s in steps] == [
        (1, "Hi {{first_name}}", 0),
        (2, "", 3),
    ]
    assert [v.variant_label for v in steps[0].sequence_variants] == ["A", "B"]
    assert steps[1].sequence_variants == []
    # Edit the read steps and save them back: ids are kept, the change sticks.
    first = SequenceStepInput.from_step(steps[0])
    edited = SequenceStepInput(
        id=first.id, seq_number=1, subject="New subject", email_body="<p>x</p>", delay_in_days=0
    )
    await sl.campaigns.save_sequences(created.id, [edited, steps[1]])
    again = await sl.campaigns.get_sequences(created.id)
    assert [s.id for s in again] == [steps[0].id, steps[1].id]
    assert again[0].subject == "New subject"
    assert again[0].sequence_variants == []


async def test_email_accounts_attach_list_detach(sb: SandboxServer, sl: SmartleadClient) -> None:
    accounts = sb.seed_email_accounts(3)
    created = await sl.campaigns.create(name="senders")
    links = await sl.campaigns.add_email_accounts(created.id, [a.id for a in accounts])
    assert [(link.email_campaign_id, link.email_account_id) for link in links] == [
        (created.id, a.id) for a in accounts
    ]
    listed = await sl.campaigns.list_email_accounts(created.id)
    assert [a.from_email for a in listed] == [a.from_email for a in accounts]
    assert accounts[0].password is not None
    assert accounts[0].password not in repr(listed[0])
    removed = await sl.campaigns.remove_email_accounts(created.id, [accounts[1].id])
    assert removed.ok is True
    remaining = await sl.campaigns.list_email_accounts(created.id, include_tags=True)
    assert [a.id for a in remaining] == [accounts[0].id, accounts[2].id]


async def test_duplicate_copies_settings(sb: SandboxServer, sl: SmartleadClient) -> None:
    camp = sb.seed_campaign(name="Original", leads=0, steps=2, history=False)
    copy = await sl.campaigns.duplicate(camp.id, duplicate_sub_sequence=True)
    assert copy.id is not None and copy.id != camp.id
    assert copy.name == "Original (copy)"
    fetched = await sl.campaigns.get(copy.id)
    assert fetched.status == "DRAFTED"
    assert len(await sl.campaigns.get_sequences(copy.id)) == 2


async def test_create_subsequence(sl: SmartleadClient) -> None:
    parent = await sl.campaigns.create(name="parent")
    sub = await sl.campaigns.create_subsequence(
        parent.id, subsequence_name="Interested follow-up", condition_events=["Interested"]
    )
    assert sub.id is not None
    assert (sub.name, sub.parent_campaign_id) == ("Interested follow-up", parent.id)
    assert (await sl.campaigns.get(sub.id)).parent_campaign_id == parent.id


async def test_send_test_email(sb: SandboxServer, sl: SmartleadClient) -> None:
    camp = sb.seed_campaign(leads=2, steps=2, history=False)
    lead_id = next(iter(camp.map_by_lead_id))
    result = await sl.campaigns.send_test_email(
        camp.id, lead_id=lead_id, sequence_number=2, custom_email_address="qa@example.com"
    )
    assert result.ok is True
    assert result.message == "Test email sent to qa@example.com"


async def test_assign_and_unassign_team_member(sb: SandboxServer, sl: SmartleadClient) -> None:
    created = await sl.campaigns.create(name="team")
    member_id = next(iter(sb.state.team_members))
    assert (await sl.campaigns.assign_team_member(created.id, member_id)).ok is True
    assert sb.state.campaigns[created.id].team_member_id == member_id
    await sl.campaigns.assign_team_member(created.id, None)
    assert sb.state.campaigns[created.id].team_member_id is None


async def test_update_lead_email_account(sb: SandboxServer, sl: SmartleadClient) -> None:
    camp = sb.seed_campaign(leads=1, steps=1, history=False)
    (other,) = sb.seed_email_accounts(1)
    lead_id, map_id = next(iter(camp.map_by_lead_id.items()))
    result = await sl.campaigns.update_lead_email_account(
        camp.id, lead_id, other.id, override_lead_email_account=True
    )
    assert result.ok is True
    assert sb.state.campaign_leads[map_id].email_account_id == other.id


# =========================================================================== exact wire requests


async def test_set_status_wire(wire: SmartleadClient, m: aioresponses) -> None:
    m.post(
        route("/campaigns/5/status"),
        payload={"success": True, "campaign": {"id": 5, "status": "PAUSED"}},
    )
    result = await wire.campaigns.set_status(5, "PAUSED")
    assert sent(m) == [("POST", "/campaigns/5/status", {}, {"status": "PAUSED"})]
    assert result.campaign is not None and result.campaign.status == "PAUSED"


async def test_create_wire_omits_unset_fields(wire: SmartleadClient, m: aioresponses) -> None:
    m.post(route("/campaigns/create"), payload={"ok": True, "id": 3, "name": "Untitled"})
    await wire.campaigns.create()
    m.post(route("/campaigns/create"), payload={"ok": True, "id": 4, "name": "N"})
    await wire.campaigns.create("N", client_id=9)
    assert [call[3] for call in sent(m)] == [{}, {"name": "N", "client_id": 9}]


async def test_list_and_get_wire_query(wire: SmartleadClient, m: aioresponses) -> None:
    m.get(route("/campaigns/"), payload={"ok": True, "data": [{"id": "8", "name": "a"}]})
    m.get(route("/campaigns/8"), payload={"id": 8, "name": "a", "status": "PAUSED"})
    listed = await wire.campaigns.list(client_id=2, include_tags=True)
    got = await wire.campaigns.get(8, include_tags=False)
    assert sent(m) == [
        ("GET", "/campaigns/", {"client_id": "2", "include_tags": "true"}, None),
        ("GET", "/campaigns/8", {"include_tags": "false"}, None),
    ]
    assert listed[0].id == 8
    assert got.status == "PAUSED"


@pytest.mark.parametrize(
    "empty", [{}, None, {"ok": True, "data": {}}, {"success": True, "data": {}}]
)
async def test_get_empty_object_is_not_found(
    wire: SmartleadClient, m: aioresponses, empty: object
) -> None:
    m.get(route("/campaigns/8"), payload=empty)
    with pytest.raises(NotFoundError, match="campaign 8 does not exist"):
        await wire.campaigns.get(8)


@pytest.mark.parametrize("flag", ["ok", "success"])
async def test_get_unwraps_the_data_envelope(
    wire: SmartleadClient, m: aioresponses, flag: str
) -> None:
    m.get(route("/campaigns/8"), payload={flag: True, "data": {"id": 8, "name": "a"}})
    got = await wire.campaigns.get(8)
    assert (got.id, got.name) == (8, "a")


async def test_update_schedule_wire_flat_body(wire: SmartleadClient, m: aioresponses) -> None:
    m.post(route("/campaigns/5/schedule"), payload={"ok": True})
    await wire.campaigns.update_schedule(
        5,
        timezone=" America/New_York ",
        days_of_the_week=[0, 6],
        start_hour="09:00",
        end_hour="18:00",
        min_time_btw_emails=10,
        max_new_leads_per_day=20,
        schedule_start_time="2026-03-01T09:00:00Z",
    )
    assert sent(m)[0][3] == {
        "timezone": "America/New_York",
        "days_of_the_week": [0, 6],
        "start_hour": "09:00",
        "end_hour": "18:00",
        "min_time_btw_emails": 10,
        "max_new_leads_per_day": 20,
        "schedule_start_time": "2026-03-01T09:00:00Z",
    }


async def test_update_settings_wire_sends_only_given_fields(
    wire: SmartleadClient, m: aioresponses
) -> None:
    m.post(route("/campaigns/5/settings"), payload={"ok": True}, repeat=True)
    await wire.campaigns.update_settings(
        5,
        track_settings=["DONT_TRACK_REPLY_TO_AN_EMAIL", "DONT_TRACK_REPLY_TO_AN_EMAIL"],
        force_plain_text=False,
        bounce_autopause_threshold=5,
        out_of_office_detection_settings={"ignoreOOOasReply": True},
        ai_categorisation_options=["Interested"],
        auto_pause_domain_leads_on_reply=True,
        ignore_ss_mailbox_sending_limit=False,
        domain_level_rate_limit=True,
        add_unsubscribe_tag=True,
    )
    await wire.campaigns.update_settings(5, clear_client_id=True)
    await wire.campaigns.update_settings(5, track_settings=[])
    bodies = [call[3] for call in sent(m)]
    assert bodies == [
        {
            "track_settings": ["DONT_TRACK_REPLY_TO_AN_EMAIL"],
            "force_plain_text": False,
            "auto_pause_domain_leads_on_reply": True,
            "ignore_ss_mailbox_sending_limit": False,
            "domain_level_rate_limit": True,
            "add_unsubscribe_tag": True,
            "bounce_autopause_threshold": "5",
            "out_of_office_detection_settings": {"ignoreOOOasReply": True},
            "ai_categorisation_options": ["Interested"],
        },
        {"client_id": None},
        {"track_settings": []},
    ]


async def test_save_sequences_wire_body(wire: SmartleadClient, m: aioresponses) -> None:
    m.post(route("/campaigns/5/sequences"), payload={"ok": True, "data": "success"})
    result = await wire.campaigns.save_sequences(
        5,
        [
            SequenceStepInput(seq_number=1, subject="S", email_body="B", id=70),
            {
                "seq_number": 2,
                "email_body": "F",
                "seq_delay_details": {"delay_in_days": 2},
                "variant_distribution_type": "AI_EQUAL",
                "winning_metric_property": "REPLY_RATE",
                "lead_distribution_percentage": 40,
            },
        ],
    )
    body = sent(m)[0][3]
    assert result.data == "success"
    assert body == {
        "sequences": [
            {
                "id": 70,
                "seq_number": 1,
                "seq_delay_details": {"delay_in_days": 0},
                "subject": "S",
                "email_body": "B",
            },
            {
                "id": None,
                "seq_number": 2,
                "seq_delay_details": {"delay_in_days": 2},
                "subject": "",
                "email_body": "F",
                "variant_distribution_type": "AI_EQUAL",
                "lead_distribution_percentage": 40,
                "winning_metric_property": "REPLY_RATE",
            },
        ]
    }


async def test_get_sequences_tolerates_wrapped_list(wire: SmartleadClient, m: aioresponses) -> None:
    m.get(
        route("/campaigns/5/sequences"),
        payload={
            "ok": True,
            "data": [
                {"id": 2, "seq_number": 2, "seq_delay_details": {"delay_in_days": 4}},
                {"id": 1, "seq_number": 1, "seq_delay_details": {"delayInDays": 0}},
            ],
        },
    )
    steps = await wire.campaigns.get_sequences(5)
    assert [(s.id, s.delay_in_days) for s in steps] == [(1, 0), (2, 4)]


async def test_email_account_routes_wire(wire: SmartleadClient, m: aioresponses) -> None:
    m.post(route("/campaigns/5/email-accounts"), payload={"ok": True})
    m.delete(route("/campaigns/5/email-accounts"), payload={"ok": True})
    m.get(route("/campaigns/5/email-accounts"), payload={"success": True, "data": {}})
    links = await wire.campaigns.add_email_accounts(5, (201, 202))
    await wire.campaigns.remove_email_accounts(5, [202])
    listed = await wire.campaigns.list_email_accounts(5)
    assert sent(m) == [
        ("POST", "/campaigns/5/email-accounts", {}, {"email_account_ids": [201, 202]}),
        ("DELETE", "/campaigns/5/email-accounts", {}, {"email_account_ids": [202]}),
        ("GET", "/campaigns/5/email-accounts", {}, None),
    ]
    assert links == []
    assert listed == []


async def test_add_email_accounts_reads_result_rows(wire: SmartleadClient, m: aioresponses) -> None:
    m.post(
        route("/campaigns/5/email-accounts"),
        payload={
            "ok": True,
            "result": [{"id": 1, "email_campaign_id": 5, "email_account_id": 9}],
        },
    )
    links = await wire.campaigns.add_email_accounts(5, [9])
    assert [(x.id, x.email_account_id) for x in links] == [(1, 9)]


async def test_misc_write_routes_wire(wire: SmartleadClient, m: aioresponses) -> None:
    m.post(route("/campaigns/5/duplicate"), payload={"ok": True, "data": {"id": 6}})
    m.post(route("/campaigns/create-subsequence"), payload={"ok": True, "id": 7})
    m.post(route("/campaigns/5/send-test-email"), payload={"ok": True})
    m.post(route("/campaigns/5/team-member"), payload={"ok": True})
    m.post(route("/campaigns/update-lead-email-account"), payload={"ok": True})
    dup = await wire.campaigns.duplicate(5, duplicate_client_label=False)
    sub = await wire.campaigns.create_subsequence(
        5, condition_events=["Interested", {"event": "OPEN", "count": 2}]
    )
    await wire.campaigns.send_test_email(
        5, lead_id=11, sequence_number=1, selected_email_account_id=201
    )
    await wire.campaigns.assign_team_member(5, None)
    await wire.campaigns.update_lead_email_account(5, 11, 201)
    bodies = [(call[1], call[3]) for call in sent(m)]
    assert (dup.id, sub.id) == (6, 7)
    assert bodies == [
        ("/campaigns/5/duplicate", {"duplicate_client_label": False}),
        (
            "/campaigns/create-subsequence",
            {
                "parent_campaign_id": 5,
                "condition_events": ["Interested", {"event": "OPEN", "count": 2}],
            },
        ),
        (
            "/campaigns/5/send-test-email",
            {"leadId": 11, "sequenceNumber": 1, "selectedEmailAccountId": 201},
        ),
        ("/campaigns/5/team-member", {"teamMemberId": None}),
        (
            "/campaigns/update-lead-email-account",
            {"email_account_id": 201, "email_campaign_id": 5, "email_lead_id": 11},
        ),
    ]


async def test_delete_uses_long_timeout_and_tolerates_empty_body(
    wire: SmartleadClient, m: aioresponses
) -> None:
    m.delete(route("/campaigns/5"), body=b"", content_type="application/json")
    m.delete(route("/campaigns/6"), body="success", content_type="text/plain")
    first = await wire.campaigns.delete(5)
    second = await wire.campaigns.delete(6, timeout=30)
    timeouts = [
        call.kwargs["timeout"].total for calls in (m.requests or {}).values() for call in calls
    ]
    assert first.ok is True
    assert (second.ok, second.message) == (True, "success")
    assert timeouts == [120.0, 30.0]


async def test_unexpected_list_shape_is_a_validation_error(
    wire: SmartleadClient, m: aioresponses
) -> None:
    m.get(route("/campaigns/5/email-accounts"), payload={"ok": True, "accounts": "nope"})
    with pytest.raises(ResponseValidationError, match="expected a JSON array"):
        await wire.campaigns.list_email_accounts(5)


# --- campaign leads on the wire -----------------------------------------------------------------


def _lead_row(map_id: int, lead_id: int) -> dict[str, Any]:
    return {
        "campaign_lead_map_id": map_id,
        "lead_category_id": None,
        "status": "STARTED",
        "created_at": "2026-01-02T00:00:00Z",
        "lead": {"id": lead_id, "email": f"l{lead_id}@acme.io", "custom_fields": {}},
    }


async def test_iter_leads_wire_query_and_total_paging(
    wire: SmartleadClient, m: aioresponses
) -> None:
    m.get(
        route("/campaigns/5/leads"),
        payload={
            "total_leads": "3",
            "offset": 0,
            "limit": 2,
            "data": [_lead_row(1, 11), _lead_row(2, 12)],
        },
    )
    m.get(
        route("/campaigns/5/leads"),
        payload={"total_leads": "3", "offset": 2, "limit": 2, "data": [_lead_row(3, 13)]},
    )
    leads = await wire.campaigns.iter_leads(
        5,
        status="INPROGRESS",
        lead_category_id=3,
        email_status="is_replied",
        created_at_gt=date(2026, 1, 1),
        last_sent_time_gt=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        event_time_gt="2026-01-03T00:00:00Z",
        limit=2,
    ).to_list()
    queries = [call[2] for call in sent(m)]
    assert [lead.lead_id for lead in leads] == [11, 12, 13]
    assert [lead.campaign_lead_map_id for lead in leads] == [1, 2, 3]
    filters = {
        "status": "INPROGRESS",
        "lead_category_id": "3",
        "emailStatus": "is_replied",
        "created_at_gt": "2026-01-01",
        "last_sent_time_gt": "2026-01-02T03:04:05+00:00",
        "event_time_gt": "2026-01-03T00:00:00Z",
    }
    assert queries == [
        {**filters, "offset": "0", "limit": "2"},
        {**filters, "offset": "2", "limit": "2"},
    ]


async def test_iter_leads_docs_alternative_shape(wire: SmartleadClient, m: aioresponses) -> None:
    m.get(
        route("/campaigns/5/leads"),
        payload={
            "total": 2,
            "leads": [
                {"id": 21, "email": "a@b.co", "status": "PAUSED"},
                {"id": 22, "email": "c@d.co", "status": "STARTED"},
            ],
        },
    )
    leads = await wire.campaigns.iter_leads(5).to_list()
    assert sent(m)[0][2] == {"offset": "0", "limit": "100"}
    assert [(x.lead_id, x.email, x.status) for x in leads] == [
        (21, "a@b.co", "PAUSED"),
        (22, "c@d.co", "STARTED"),
    ]


async def test_iter_leads_max_items_and_bad_rows(wire: SmartleadClient) -> None:
    with aioresponses() as m:
        m.get(route("/campaigns/5/leads"), payload={"total_leads": 50, "data": [_lead_row(1, 11)]})
        got = await wire.campaigns.iter_leads(5, max_items=1).to_list()
        assert sent(m)[0][2] == {"offset": "0", "limit": "1"}
    assert [lead.lead_id for lead in got] == [11]
    with aioresponses() as m:
        m.get(route("/campaigns/5/leads"), payload={"total_leads": 1, "data": {"x": 1}})
        with pytest.raises(ResponseValidationError, match=r"\(L1\): expected a JSON array of rows"):
            await wire.campaigns.iter_leads(5).to_list()
    with aioresponses() as m:
        m.get(route("/campaigns/5/leads"), payload=[])
        assert await wire.campaigns.iter_leads(5).to_list() == []


async def test_add_leads_wire_body_and_result(wire: SmartleadClient, m: aioresponses) -> None:
    m.post(
        route("/campaigns/5/leads"),
        payload={
            "ok": True,
            "upload_count": 1,
            "total_leads": 2,
            "already_added_to_campaign": 0,
            "duplicate_count": 0,
            "invalid_email_count": 0,
            "unsubscribed_leads": ["x@y.co"],
            "is_lead_limit_exhausted": False,
            "lead_import_stopped_count": 0,
        },
    )
    result = await wire.campaigns.add_leads(
        5,
        [
            LeadInput(email="a@acme.io", first_name="Ada", custom_fields={"role": "CTO"}),
            {"email": " x@y.co ", "phone_number": 123, "Team": "core"},
        ],
        settings=ImportSettings(ignore_global_block_list=True),
    )
    body = sent(m)[0][3]
    assert body == {
        "lead_list": [
            {"email": "a@acme.io", "first_name": "Ada", "custom_fields": {"role": "CTO"}},
            {"email": "x@y.co", "phone_number": "123", "custom_fields": {"Team": "core"}},
        ],
        "settings": {"ignore_global_block_list": True},
    }
    assert (result.upload_count, result.total_leads, result.unsubscribed_leads) == (1, 2, 1)
    assert result.unsubscribed_emails == ["x@y.co"]


async def test_add_leads_settings_as_dict_and_docs_result(
    wire: SmartleadClient, m: aioresponses
) -> None:
    m.post(
        route("/campaigns/5/leads"),
        payload={"ok": True, "data": {"added_count": 1, "skipped_count": 0}},
    )
    result = await wire.campaigns.add_leads(
        5, iter([{"email": "a@acme.io"}]), settings={"return_lead_ids": True}
    )
    assert sent(m)[0][3]["settings"] == {"return_lead_ids": True}
    assert (result.upload_count, result.skipped_count) == (1, 0)


async def test_add_leads_is_retried_as_dedup_safe(m: aioresponses) -> None:
    async with wire_client(
        retry=RetryPolicy(max_attempts=2, base_delay=0.01, max_delay=0.02)
    ) as client:
        m.post(route("/campaigns/5/leads"), status=503, payload={"message": "busy"})
        m.post(route("/campaigns/5/leads"), payload={"ok": True, "upload_count": 1})
        result = await client.campaigns.add_leads(5, [{"email": "a@acme.io"}])
        assert len(sent(m)) == 2
    assert result.upload_count == 1


async def test_export_leads_returns_csv_text(wire: SmartleadClient, m: aioresponses) -> None:
    csv_text = "id,email\n1,a@acme.io\n"
    m.get(route("/campaigns/5/leads-export"), body=csv_text, content_type="text/csv")
    assert await wire.campaigns.export_leads(5) == csv_text
    m.get(route("/campaigns/5/leads-export"), body=b"", content_type="text/csv")
    assert await wire.campaigns.export_leads(5) == ""


async def test_iter_lead_activities_wire_and_short_paging(
    wire: SmartleadClient, m: aioresponses
) -> None:
    rows = [{"id": i, "campaign_id": 5, "lead_id": i, "type": "SENT"} for i in range(3)]
    m.get(route("/campaigns/all-leads-activities"), payload={"ok": True, "data": rows[:2]})
    m.get(route("/campaigns/all-leads-activities"), payload={"data": {"activities": rows[2:]}})
    got = await wire.campaigns.iter_lead_activities(
        event_time_from=date(2026, 1, 1), event_time_to="2026-01-31", limit=2
    ).to_list()
    queries = [call[2] for call in sent(m)]
    assert [(a.id, a.activity_type) for a in got] == [(0, "SENT"), (1, "SENT"), (2, "SENT")]
    window = {"event_time_from": "2026-01-01", "event_time_to": "2026-01-31"}
    assert queries == [
        {**window, "offset": "0", "limit": "2"},
        {**window, "offset": "2", "limit": "2"},
    ]


async def test_iter_lead_activities_defaults(wire: SmartleadClient, m: aioresponses) -> None:
    m.get(route("/campaigns/all-leads-activities"), payload=[])
    assert await wire.campaigns.iter_lead_activities().to_list() == []
    assert sent(m)[0][2] == {"offset": "0", "limit": "1000"}


# =========================================================================== client-side limits


Call = Callable[[Any], Any]  # untyped on purpose: these calls pass bad types

SCHEDULE = {
    "timezone": "UTC",
    "days_of_the_week": [1],
    "start_hour": "09:00",
    "end_hour": "17:00",
    "min_time_btw_emails": 5,
    "max_new_leads_per_day": 10,
}

REJECTED: list[tuple[str, Call, type[Exception], str]] = [
    ("id type", lambda c: c.campaigns.get("5"), InvalidTypeError, "campaign_id must be an int"),
    ("list client", lambda c: c.campaigns.list(client_id=True), InvalidTypeError, "client_id"),
    ("include_tags", lambda c: c.campaigns.get(5, include_tags="y"), InvalidTypeError, "True"),
    ("blank name", lambda c: c.campaigns.create("  "), ValidationError, "must not be blank"),
    ("long name", lambda c: c.campaigns.create("x" * 256), ValidationError, "at most 255"),
    ("status", lambda c: c.campaigns.set_status(5, "RUN"), ValidationError, "START, PAUSED"),
    ("ACTIVE", lambda c: c.campaigns.set_status(5, "ACTIVE"), ValidationError, "use 'START'"),
    (
        "timezone",
        lambda c: c.campaigns.update_schedule(5, **{**SCHEDULE, "timezone": "GMT +2"}),
        ValidationError,
        "IANA",
    ),
    (
        "empty timezone",
        lambda c: c.campaigns.update_schedule(5, **{**SCHEDULE, "timezone": " "}),
        ValidationError,
        "timezone must not be blank",
    ),
    (
        "timezone type",
        lambda c: c.campaigns.update_schedule(5, **{**SCHEDULE, "timezone": 1}),
        InvalidTypeError,
        "timezone must be a str",
    ),
    (
        "day 7",
        lambda c: c.campaigns.update_schedule(5, **{**SCHEDULE, "days_of_the_week": [1, 7]}),
        ValidationError,
        r"0 \(Sunday\) to 6",
    ),
    (
        "no days",
        lambda c: c.campaigns.update_schedule(5, **{**SCHEDULE, "days_of_the_week": []}),
        ValidationError,
        "at least 1",
    ),
    (
        "dup day",
        lambda c: c.campaigns.update_schedule(5, **{**SCHEDULE, "days_of_the_week": [1, 1]}),
        ValidationError,
        "twice",
    ),
    (
        "hour",
        lambda c: c.campaigns.update_schedule(5, **{**SCHEDULE, "start_hour": "9:00"}),
        ValidationError,
        "HH:MM",
    ),
    (
        "hour type",
        lambda c: c.campaigns.update_schedule(5, **{**SCHEDULE, "end_hour": 17}),
        InvalidTypeError,
        "HH:MM",
    ),
    (
        "end before start",
        lambda c: c.campaigns.update_schedule(5, **{**SCHEDULE, "end_hour": "08:00"}),
        ValidationError,
        "must be after start_hour",
    ),
    (
        "gap",
        lambda c: c.campaigns.update_schedule(5, **{**SCHEDULE, "min_time_btw_emails": 0}),
        ValidationError,
        "min_time_btw_emails must be >= 1",
    ),
    (
        "gap none",
        lambda c: c.campaigns.update_schedule(5, **{**SCHEDULE, "max_new_leads_per_day": None}),
        ValidationError,
        "required",
    ),
    (
        "start time",
        lambda c: c.campaigns.update_schedule(5, **SCHEDULE, schedule_start_time="soon"),
        ValidationError,
        "ISO 8601",
    ),
    ("no settings", lambda c: c.campaigns.update_settings(5), ValidationError, "at least one"),
    (
        "track",
        lambda c: c.campaigns.update_settings(5, track_settings=["DONT_EMAIL_OPEN"]),
        ValidationError,
        "DONT_TRACK_EMAIL_OPEN",
    ),
    (
        "track str",
        lambda c: c.campaigns.update_settings(5, track_settings="DONT_TRACK_LINK_CLICK"),
        InvalidTypeError,
        "list",
    ),
    (
        "stop",
        lambda c: c.campaigns.update_settings(5, stop_lead_settings="NEVER"),
        ValidationError,
        "REPLY_TO_AN_EMAIL",
    ),
    (
        "follow up",
        lambda c: c.campaigns.update_settings(5, follow_up_percentage=101),
        ValidationError,
        "between 0 and 100",
    ),
    (
        "client both",
        lambda c: c.campaigns.update_settings(5, client_id=3, clear_client_id=True),
        ValidationError,
        "not both",
    ),
    (
        "clear type",
        lambda c: c.campaigns.update_settings(5, clear_client_id=1),
        InvalidTypeError,
        "clear_client_id",
    ),
    (
        "flag",
        lambda c: c.campaigns.update_settings(5, send_as_plain_text="yes"),
        InvalidTypeError,
        "send_as_plain_text",
    ),
    (
        "threshold",
        lambda c: c.campaigns.update_settings(5, bounce_autopause_threshold=" "),
        ValidationError,
        "must not be empty",
    ),
    (
        "threshold type",
        lambda c: c.campaigns.update_settings(5, bounce_autopause_threshold=1.5),
        InvalidTypeError,
        "bounce_autopause_threshold",
    ),
    (
        "ooo",
        lambda c: c.campaigns.update_settings(5, out_of_office_detection_settings=[1]),
        InvalidTypeError,
        "dict",
    ),
    (
        "ai options",
        lambda c: c.campaigns.update_settings(5, ai_categorisation_options="x"),
        InvalidTypeError,
        "list",
    ),
    (
        "blank setting name",
        lambda c: c.campaigns.update_settings(5, name=""),
        ValidationError,
        "blank",
    ),
    ("no steps", lambda c: c.campaigns.save_sequences(5, []), ValidationError, "at least one"),
    (
        "steps not list",
        lambda c: c.campaigns.save_sequences(5, {"seq_number": 1}),
        InvalidTypeError,
        "list of steps",
    ),
    (
        "step type",
        lambda c: c.campaigns.save_sequences(5, ["step"]),
        InvalidTypeError,
        r"sequences\[0\] must be",
    ),
    (
        "step body",
        lambda c: c.campaigns.save_sequences(5, [{"seq_number": 1, "email_body": ""}]),
        ValidationError,
        r"sequences\[0\].email_body must not be empty",
    ),
    (
        "step key",
        lambda c: c.campaigns.save_sequences(5, [{"seq_number": 1, "body": "x"}]),
        ValidationError,
        r"sequences\[0\]: step: unknown key",
    ),
    (
        "dup seq",
        lambda c: c.campaigns.save_sequences(
            5,
            [
                SequenceStepInput(seq_number=1, email_body="a"),
                SequenceStepInput(seq_number=1, email_body="b"),
            ],
        ),
        ValidationError,
        "unique",
    ),
    (
        "no accounts",
        lambda c: c.campaigns.add_email_accounts(5, []),
        ValidationError,
        "at least 1",
    ),
    (
        "account id",
        lambda c: c.campaigns.remove_email_accounts(5, ["201"]),
        InvalidTypeError,
        r"email_account_ids\[0\]",
    ),
    (
        "test seq",
        lambda c: c.campaigns.send_test_email(5, lead_id=1, sequence_number=0),
        ValidationError,
        "sequence_number must be >= 1",
    ),
    (
        "test seq none",
        lambda c: c.campaigns.send_test_email(5, lead_id=1, sequence_number=None),
        ValidationError,
        "required",
    ),
    (
        "test address",
        lambda c: c.campaigns.send_test_email(
            5, lead_id=1, sequence_number=1, custom_email_address="nope"
        ),
        ValidationError,
        "not a valid address",
    ),
    (
        "member",
        lambda c: c.campaigns.assign_team_member(5, "7"),
        InvalidTypeError,
        "team_member_id",
    ),
    (
        "override",
        lambda c: c.campaigns.update_lead_email_account(5, 1, 2, override_lead_email_account="y"),
        InvalidTypeError,
        "override_lead_email_account",
    ),
    (
        "subsequence name",
        lambda c: c.campaigns.create_subsequence(5, subsequence_name=""),
        ValidationError,
        "blank",
    ),
    (
        "events type",
        lambda c: c.campaigns.create_subsequence(5, condition_events="Interested"),
        InvalidTypeError,
        "condition_events",
    ),
    (
        "event empty",
        lambda c: c.campaigns.create_subsequence(5, condition_events=[""]),
        ValidationError,
        r"condition_events\[0\]",
    ),
    (
        "event type",
        lambda c: c.campaigns.create_subsequence(5, condition_events=[3]),
        InvalidTypeError,
        r"condition_events\[0\]",
    ),
    (
        "dup flag",
        lambda c: c.campaigns.duplicate(5, duplicate_sub_sequence=1),
        InvalidTypeError,
        "duplicate_sub_sequence",
    ),
    ("leads limit", lambda c: c.campaigns.iter_leads(5, limit=101), ValidationError, "1 and 100"),
    (
        "lead status",
        lambda c: c.campaigns.iter_leads(5, status="ACTIVE"),
        ValidationError,
        "STARTED",
    ),
    (
        "category",
        lambda c: c.campaigns.iter_leads(5, lead_category_id=0),
        ValidationError,
        "lead_category_id must be >= 1",
    ),
    (
        "email status",
        lambda c: c.campaigns.iter_leads(5, email_status="opened"),
        ValidationError,
        "is_opened",
    ),
    (
        "created_at_gt",
        lambda c: c.campaigns.iter_leads(5, created_at_gt="yesterday"),
        ValidationError,
        "created_at_gt",
    ),
    (
        "time type",
        lambda c: c.campaigns.iter_leads(5, event_time_gt=1700000000),
        InvalidTypeError,
        "event_time_gt",
    ),
    ("max_items", lambda c: c.campaigns.iter_leads(5, max_items=-1), ValidationError, "max_items"),
    ("no leads", lambda c: c.campaigns.add_leads(5, []), ValidationError, "1-400 rows"),
    (
        "401 leads",
        lambda c: c.campaigns.add_leads(5, ({"email": f"u{i}@acme.io"} for i in range(401))),
        ValidationError,
        "at most 400",
    ),
    (
        "bad email",
        lambda c: c.campaigns.add_leads(5, [{"email": "a@acme.io"}, {"email": "broken"}]),
        ValidationError,
        r"leads\[1\]: email 'broken'",
    ),
    (
        "row type",
        lambda c: c.campaigns.add_leads(5, ["a@acme.io"]),
        InvalidTypeError,
        r"leads\[0\]",
    ),
    (
        "leads type",
        lambda c: c.campaigns.add_leads(5, {"email": "a@acme.io"}),
        InvalidTypeError,
        "list of LeadInput",
    ),
    (
        "too many fields",
        lambda c: c.campaigns.add_leads(
            5, [{"email": "a@acme.io", "custom_fields": {f"f{i}": i for i in range(201)}}]
        ),
        ValidationError,
        "at most 200",
    ),
    (
        "settings key",
        lambda c: c.campaigns.add_leads(5, [{"email": "a@acme.io"}], settings={"ignore": True}),
        ValidationError,
        "unknown import setting",
    ),
    (
        "settings type",
        lambda c: c.campaigns.add_leads(5, [{"email": "a@acme.io"}], settings=[True]),
        InvalidTypeError,
        "ImportSettings",
    ),
    (
        "activity limit",
        lambda c: c.campaigns.iter_lead_activities(limit=1001),
        ValidationError,
        "1 and 1000",
    ),
    (
        "to without from",
        lambda c: c.campaigns.iter_lead_activities(event_time_to="2026-01-01"),
        ValidationError,
        "needs event_time_from",
    ),
    (
        "to before from",
        lambda c: c.campaigns.iter_lead_activities(
            event_time_from=datetime(2026, 2, 1), event_time_to="2026-01-01T00:00:00Z"
        ),
        ValidationError,
        "swap them",
    ),
    ("export id", lambda c: c.campaigns.export_leads(-1), ValidationError, "campaign_id"),
    ("delete id", lambda c: c.campaigns.delete(None), InvalidTypeError, "campaign_id"),
]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [pytest.param(call, error, message, id=name) for name, call, error, message in REJECTED],
)
async def test_bad_arguments_are_rejected_before_any_request(
    wire: SmartleadClient,
    call: Call,
    error: type[Exception],
    message: str,
    m: aioresponses,
) -> None:
    with pytest.raises(error, match=message):
        result = call(wire)
        if isinstance(result, Awaitable):
            await result
    assert m.requests == {}


# ================================================================ campaign leads (sandbox)


def _emails_of(sb: SandboxServer, campaign_id: int) -> list[str]:
    camp = sb.state.campaigns[campaign_id]
    return [sb.state.leads[sb.state.campaign_leads[i].lead_id].email for i in camp.lead_map_ids]


async def test_iter_leads_walks_every_page_in_order(sb: SandboxServer, sl: SmartleadClient) -> None:
    camp = sb.seed_campaign(leads=250, steps=1, history=False)
    pages = [page async for page in sl.campaigns.iter_leads(camp.id).pages()]
    assert [len(page.items) for page in pages] == [100, 100, 50]
    assert [page.total for page in pages] == [250, 250, 250]
    leads = [lead for page in pages for lead in page.items]
    assert [lead.email for lead in leads] == _emails_of(sb, camp.id)
    assert [lead.campaign_lead_map_id for lead in leads] == list(camp.lead_map_ids)
    assert {lead.status for lead in leads} == {"STARTED"}
    first = sb.state.leads[leads[0].lead_id]
    assert (leads[0].lead.first_name, leads[0].lead.company_name) == (
        first.first_name,
        first.company_name,
    )
    assert len(await sl.campaigns.iter_leads(camp.id, limit=30, offset=240).to_list()) == 10
    assert len(await sl.campaigns.iter_leads(camp.id, max_items=120).to_list()) == 120


async def test_iter_leads_filters(sb: SandboxServer, sl: SmartleadClient) -> None:
    camp = sb.seed_campaign(leads=12, steps=1, history=False)
    map_ids = list(camp.lead_map_ids)
    for map_id in map_ids[:3]:
        sb.state.campaign_leads[map_id].status = "PAUSED"
    sb.state.campaign_leads[map_ids[5]].category_id = 2
    paused = await sl.campaigns.iter_leads(camp.id, status="PAUSED").to_list()
    assert [lead.campaign_lead_map_id for lead in paused] == map_ids[:3]
    categorised = await sl.campaigns.iter_leads(camp.id, lead_category_id=2).to_list()
    assert [(x.campaign_lead_map_id, x.lead_category_id) for x in categorised] == [(map_ids[5], 2)]
    later = await sl.campaigns.iter_leads(camp.id, created_at_gt=datetime.now(UTC)).to_list()
    assert later == []


async def test_add_leads_counts_each_bucket(sb: SandboxServer, sl: SmartleadClient) -> None:
    created = await sl.campaigns.create(name="imports")
    first = await sl.campaigns.add_leads(
        created.id,
        [
            {"email": "ada@acme.io", "first_name": "Ada", "custom_fields": {"role": "CTO"}},
            LeadInput(email="alan@globex.com", company_name="Globex"),
            {"email": "grace@initech.com"},
        ],
    )
    assert (first.upload_count, first.total_leads, first.already_added_to_campaign) == (3, 3, 0)
    grace = sb.state.lead_by_email("grace@initech.com")
    assert grace is not None
    sb.state.unsubscribe_lead(grace)
    other = await sl.campaigns.create(name="second")
    second = await sl.campaigns.add_leads(
        other.id,
        [{"email": "grace@initech.com"}, {"email": "new@hooli.com"}],
        settings=ImportSettings(ignore_duplicate_leads_in_other_campaign=True),
    )
    assert (second.upload_count, second.unsubscribed_leads) == (1, 1)
    assert second.unsubscribed_emails == ["grace@initech.com"]
    again = await sl.campaigns.add_leads(created.id, [{"email": "ada@acme.io"}])
    assert (again.upload_count, again.already_added_to_campaign) == (0, 1)
    leads = await sl.campaigns.iter_leads(created.id).to_list()
    assert [lead.email for lead in leads] == ["ada@acme.io", "alan@globex.com", "grace@initech.com"]
    assert leads[0].lead.custom_fields == {"role": "CTO"}
    assert leads[1].lead.company_name == "Globex"


async def test_add_leads_reports_lead_limit() -> None:
    async with open_sandbox(lead_limit=2) as (_, client):
        created = await client.campaigns.create(name="limited")
        result = await client.campaigns.add_leads(
            created.id,
            [{"email": f"user{i}@acme.io"} for i in range(3)],
            settings={"return_lead_ids": True},
        )
    assert result.upload_count == 2
    assert result.is_lead_limit_exhausted is True
    assert result.lead_import_stopped_count == 1
    assert isinstance(result.lead_ids, list) and len(result.lead_ids) == 2


async def test_export_leads_csv(sb: SandboxServer, sl: SmartleadClient) -> None:
    camp = sb.seed_campaign(leads=4, steps=1, history=False)
    text = await sl.campaigns.export_leads(camp.id)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["email"] for row in rows] == _emails_of(sb, camp.id)
    assert [int(row["campaign_lead_map_id"]) for row in rows] == list(camp.lead_map_ids)


async def test_iter_lead_activities_pages_and_window(
    sb: SandboxServer, sl: SmartleadClient
) -> None:
    camp = sb.seed_campaign(leads=6, steps=2, history=True, days_ago=10)
    everything = await sl.campaigns.iter_lead_activities().to_list()
    assert everything, "the seeded history produces activities"
    assert {a.campaign_id for a in everything} == {camp.id}
    assert {a.activity_type for a in everything} <= {
        "SENT",
        "OPEN",
        "CLICK",
        "REPLY",
        "BOUNCE",
        "UNSUBSCRIBE",
    }
    times = [a.event_time for a in everything]
    assert all(t is not None for t in times)
    assert times == sorted(times, reverse=True)  # type: ignore[type-var]
    paged = await sl.campaigns.iter_lead_activities(limit=7).to_list()
    assert [(a.stats_id, a.activity_type) for a in paged] == [
        (a.stats_id, a.activity_type) for a in everything
    ]
    middle = everything[len(everything) // 2].event_time
    assert middle is not None
    recent = await sl.campaigns.iter_lead_activities(event_time_from=middle).to_list()
    assert recent == [a for a in everything if a.event_time is not None and a.event_time >= middle]
