"""``client.inbox``: sandbox round trips, exact wire shapes, and the Master Inbox caps."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import (
    InvalidTypeError,
    NotFoundError,
    ResponseValidationError,
    RetryPolicy,
    ServerError,
    SmartleadClient,
    ValidationError,
)
from smartlead_async.models.inbox import (
    EmailAttachment,
    InboxReply,
    ReplyAttachment,
)
from smartlead_async.resources.inbox import VIEW_PATHS
from smartlead_async.testing.pytest_plugin import SandboxClient
from smartlead_async.testing.seed import seed_untracked_replies
from smartlead_async.testing.state import Campaign, CampaignLead, SandboxState
from tests.helpers.clients import wire_client
from tests.helpers.wire import route, sent

pytestmark = [
    pytest.mark.smartlead_sandbox(rate_limits=None, seed=3),
    pytest.mark.smartlead_client(retry=None),
]


@pytest.fixture
def smartlead_sandbox_client(smartlead_sandbox_client: SandboxClient) -> SandboxClient:
    """The shared sandbox with two campaigns whose leads have reply history."""
    sb, _ = smartlead_sandbox_client
    sb.seed_campaign(name="Alpha", leads=40)
    sb.seed_campaign(name="Beta", leads=25)
    return smartlead_sandbox_client


def replied_rows(state: SandboxState) -> list[CampaignLead]:
    """Rows the all-replies view shows: a REPLY in the thread, neither archived nor snoozed."""
    now = state.now()
    map_ids = {m.map_id for m in state.messages.values() if m.type == "REPLY"}
    rows = [state.campaign_leads[i] for i in map_ids]
    return [
        r
        for r in rows
        if not r.is_archived
        and not (r.is_snoozed and (r.snoozed_until is None or r.snoozed_until > now))
    ]


def campaign(state: SandboxState, name: str) -> Campaign:
    return next(c for c in state.campaigns.values() if c.name == name)


def millis(when: datetime) -> datetime:
    """The sandbox sends times with millisecond precision."""
    return when.replace(microsecond=when.microsecond // 1000 * 1000)


def any_row(state: SandboxState) -> CampaignLead:
    return sorted(replied_rows(state), key=lambda r: r.id)[0]


# --------------------------------------------------------------------------- sandbox: views


async def test_all_view_returns_every_reply_in_order(
    smartlead_sandbox_client: SandboxClient,
) -> None:
    sb, sl = smartlead_sandbox_client
    expected = replied_rows(sb.state)
    assert len(expected) > 7
    rows = await sl.inbox.iter_replies().to_list()
    assert sorted(r.email_lead_map_id for r in rows) == sorted(r.id for r in expected)
    never = datetime(1970, 1, 1, tzinfo=UTC)
    times = [r.last_reply_time or never for r in rows]
    assert times == sorted(times, reverse=True)
    assert sum(t > never for t in times) > len(times) // 2
    for reply in rows:
        row = sb.state.campaign_leads[reply.email_lead_map_id]
        lead = sb.state.leads[row.lead_id]
        assert reply.lead_email == lead.email
        assert reply.email_lead_id == lead.id
        assert reply.email_campaign_id == row.campaign_id
        assert reply.email_history == []

    before = len(sb.log)
    small_pages = await sl.inbox.iter_replies(limit=7).to_list()
    assert [r.email_lead_map_id for r in small_pages] == [r.email_lead_map_id for r in rows]
    assert len(sb.log) - before == len(rows) // 7 + 1
    first = await sl.inbox.iter_replies(max_items=3).to_list()
    assert [r.email_lead_map_id for r in first] == [r.email_lead_map_id for r in rows[:3]]


async def test_filters_narrow_the_view(smartlead_sandbox_client: SandboxClient) -> None:
    sb, sl = smartlead_sandbox_client
    beta = campaign(sb.state, "Beta")
    expected = {r.id for r in replied_rows(sb.state) if r.campaign_id == beta.id}
    rows = await sl.inbox.iter_replies(campaign_ids=beta.id).to_list()
    assert {r.email_lead_map_id for r in rows} == expected

    interested = next(c.id for c in sb.state.categories.values() if c.name == "Interested")
    categorised = await sl.inbox.iter_replies(category_ids_in=[interested]).to_list()
    assert {r.email_lead_map_id for r in categorised} == {
        r.id for r in replied_rows(sb.state) if r.category_id == interested
    }
    assert all(r.lead_category_id == interested for r in categorised)

    target = any_row(sb.state)
    lead = sb.state.leads[target.lead_id]
    found = await sl.inbox.iter_replies(search=lead.email[:30]).to_list()
    assert target.id in {r.email_lead_map_id for r in found}


async def test_message_history_is_attached(smartlead_sandbox_client: SandboxClient) -> None:
    sb, sl = smartlead_sandbox_client
    rows = await sl.inbox.iter_replies(fetch_message_history=True, max_items=5).to_list()
    assert len(rows) == 5
    for reply in rows:
        thread = sb.state.thread(reply.email_lead_map_id)
        assert [m.stats_id for m in reply.email_history] == [m.stats_id for m in thread]
        assert [m.type for m in reply.email_history] == [m.type for m in thread]
        assert reply.email_history[0].from_email == thread[0].from_email
        assert reply.email_history[0].email_seq_number == thread[0].seq_number


async def test_read_status_moves_rows_in_and_out_of_unread(
    smartlead_sandbox_client: SandboxClient,
) -> None:
    sb, sl = smartlead_sandbox_client
    row = any_row(sb.state)
    await sl.inbox.set_read_status(row.id, False)
    unread = {r.email_lead_map_id for r in await sl.inbox.iter_replies(view="unread").to_list()}
    assert row.id in unread
    ack = await sl.inbox.set_read_status(row.id, True)
    assert ack.ok is True
    assert sb.state.campaign_leads[row.id].has_new_unread_email is False
    unread = {r.email_lead_map_id for r in await sl.inbox.iter_replies(view="unread").to_list()}
    assert row.id not in unread


async def test_the_readme_way_to_mark_every_unread_conversation_read(
    smartlead_sandbox_client: SandboxClient,
) -> None:
    """Collect, then act: marking rows read while walking the offset pages would skip some."""
    sb, sl = smartlead_sandbox_client
    for row in replied_rows(sb.state):
        await sl.inbox.set_read_status(row.id, False)
    unread = await sl.inbox.iter_replies(view="unread", limit=5).to_list()
    assert len(unread) > 2 * 5  # several pages, so a walk-and-mark would skip rows

    marked = await sl.bulk.mark_read(reply.email_lead_map_id for reply in unread)

    assert not marked.failed and len(marked) == len(unread)
    assert await sl.inbox.iter_replies(view="unread").to_list() == []


async def test_conversation_updates(smartlead_sandbox_client: SandboxClient) -> None:
    sb, sl = smartlead_sandbox_client
    row = any_row(sb.state)
    meeting = next(c.id for c in sb.state.categories.values() if c.name == "Meeting Request")
    await sl.inbox.set_category(row.id, meeting)
    assert sb.state.campaign_leads[row.id].category_id == meeting
    await sl.inbox.set_category(row.id, None)
    assert sb.state.campaign_leads[row.id].category_id is None

    await sl.inbox.set_revenue(row.id, 1250.5)
    assert sb.state.campaign_leads[row.id].revenue == 1250.5

    row.status = "PAUSED"
    await sl.inbox.resume_lead(row.campaign_id, row.id, delay_days=2)
    assert sb.state.campaign_leads[row.id].status in ("INPROGRESS", "STARTED")

    owner = min(sb.state.team_members)
    await sl.inbox.assign_team_member(row.id, owner)
    mine = await sl.inbox.iter_replies(view="assigned_me").to_list()
    assert [r.email_lead_map_id for r in mine] == [row.id]
    assert mine[0].team_member_id == owner


async def test_notes_tasks_and_reminders(smartlead_sandbox_client: SandboxClient) -> None:
    sb, sl = smartlead_sandbox_client
    row = any_row(sb.state)
    note = await sl.inbox.create_note(row.id, "Call back on Monday")
    assert note.id is not None and note.note_message == "Call back on Monday"
    task = await sl.inbox.create_task(
        row.id, "Send pricing", description="PDF", priority="HIGH", due_date=date(2030, 1, 2)
    )
    assert (task.name, task.priority, task.description) == ("Send pricing", "HIGH", "PDF")
    assert task.due_date == datetime(2030, 1, 2, tzinfo=UTC)
    stats_id = sb.state.thread(row.id)[0].stats_id
    when = datetime(2030, 1, 3, 9, 30, tzinfo=UTC)
    reminder = await sl.inbox.set_reminder(
        row.id, email_stats_id=stats_id, message="follow up", reminder_time=when
    )
    assert (reminder.email_stats_id, reminder.reminder_time) == (stats_id, when)

    convo = await sl.inbox.get(row.id)
    assert isinstance(convo, InboxReply)
    assert convo.email_lead_map_id == row.id
    assert [n.note_message for n in convo.notes] == ["Call back on Monday"]
    assert [t.name for t in convo.tasks] == ["Send pricing"]
    assert [r.message for r in convo.reminders] == ["follow up"]
    assert [m.stats_id for m in convo.email_history] == [
        m.stats_id for m in sb.state.thread(row.id)
    ]
    reminders = await sl.inbox.iter_replies(view="reminders", sort_by="REMINDER_TIME_ASC").to_list()
    assert [r.email_lead_map_id for r in reminders] == [row.id]
    assert reminders[0].reminders[0].reminder_time == when

    with pytest.raises(NotFoundError):
        await sl.inbox.get(99_999_999)


async def test_push_to_subsequence(smartlead_sandbox_client: SandboxClient) -> None:
    sb, sl = smartlead_sandbox_client
    row = any_row(sb.state)
    sub = sb.state.add_campaign("Follow-up", parent_campaign_id=row.campaign_id)
    ack = await sl.inbox.push_to_subsequence(
        row.id, sub.id, delay_seconds=3600, stop_lead_on_parent_campaign_reply=True
    )
    assert ack.ok is True
    assert sb.state.campaign_leads[row.id].sub_sequence_id == sub.id
    assert sb.state.campaign_lead(sub, row.lead_id) is not None


async def test_reply_forward_and_reply_status(
    smartlead_sandbox_client: SandboxClient,
) -> None:
    sb, sl = smartlead_sandbox_client
    row = any_row(sb.state)
    incoming = next(m for m in sb.state.thread(row.id) if m.type == "REPLY")
    status = await sl.inbox.get_reply_status(incoming.message_id)
    assert (status.email_stats_id, status.email_lead_map_id, status.campaign_id) == (
        incoming.stats_id,
        row.id,
        row.campaign_id,
    )
    assert status.type == "REPLY"

    result = await sl.inbox.reply(
        row.campaign_id,
        email_stats_id=incoming.stats_id,
        email_body="<p>Thanks!</p>",
        cc=["colleague@acme.io"],
    )
    assert result.ok is True
    assert result.email_stats_id is not None
    stored = sb.state.messages[result.email_stats_id]
    assert (stored.body, stored.cc, stored.in_reply_to) == (
        "<p>Thanks!</p>",
        "colleague@acme.io",
        incoming.stats_id,
    )
    assert result.reply_message_id == stored.message_id

    later = (sb.state.now() + timedelta(days=2)).replace(microsecond=0)
    scheduled = await sl.inbox.reply(
        row.campaign_id, email_stats_id=incoming.stats_id, email_body="Later", scheduled_time=later
    )
    assert scheduled.scheduled_id is not None and scheduled.scheduled_time == later
    queue = await sl.inbox.iter_replies(view="scheduled").to_list()
    assert [r.email_lead_map_id for r in queue] == [row.id]
    assert [s.email_body for s in queue[0].scheduled_emails] == ["Later"]

    forwarded = await sl.inbox.forward(
        row.campaign_id,
        message_id=incoming.message_id,
        stats_id=incoming.stats_id,
        to_emails="a@acme.io, b@acme.io",
        subject="FYI",
    )
    assert forwarded.ok is True
    assert forwarded.data == {
        "forwarded_to": ["a@acme.io", "b@acme.io"],
        "stats_id": incoming.stats_id,
    }


async def test_untracked_replies(smartlead_sandbox_client: SandboxClient) -> None:
    sb, sl = smartlead_sandbox_client
    made = seed_untracked_replies(sb.state, sb.rng, 6)
    newest_first = sorted(made, key=lambda r: (r.time, r.id), reverse=True)
    rows = await sl.inbox.iter_untracked_replies(fetch_body=True, limit=4).to_list()
    assert [r.id for r in rows] == [r.id for r in newest_first]
    assert [r.body for r in rows] == [r.body for r in newest_first]
    assert rows[0].from_email == newest_first[0].from_email
    assert rows[0].time == millis(newest_first[0].time)
    target = newest_first[2]
    narrowed = await sl.inbox.iter_untracked_replies(from_email=target.from_email).to_list()
    assert target.id in {r.id for r in narrowed}
    assert all(r.body is None for r in narrowed)


async def test_block_domains_and_send_email(
    smartlead_sandbox_client: SandboxClient,
) -> None:
    sb, sl = smartlead_sandbox_client
    result = await sl.inbox.block_domains(["Spam.example", "junk.example"], source="complaint")
    assert (result.blocked, result.already_blocked) == (2, 0)
    again = await sl.inbox.block_domains(["spam.example"])
    assert (again.blocked, again.already_blocked) == (0, 1)
    assert {e.email_or_domain for e in sb.state.block_list.values()} >= {
        "spam.example",
        "junk.example",
    }

    account = next(iter(sb.state.email_accounts.values()))
    account.daily_sent_count = 0
    sent_mail = await sl.inbox.send_email(
        to="someone@example.com", subject="Hi", body="<p>Hello</p>", from_email_id=account.id
    )
    assert sent_mail.ok is True
    assert sent_mail.status == "sent"
    assert sent_mail.from_email == account.from_email
    assert sent_mail.message_id is not None and sent_mail.message_id.startswith("<")
    assert account.daily_sent_count == 1


# --------------------------------------------------------------------------- wire shapes


async def test_list_view_body_maps_filters_to_camel_case(
    sl: SmartleadClient, m: aioresponses
) -> None:
    m.post(route("/master-inbox/inbox-replies"), payload={"ok": True, "data": []})
    await sl.inbox.iter_replies(
        campaign_ids=[1, 2],
        email_account_ids=3,
        category_ids_in=[4],
        category_ids_not_in=[5, 6],
        unassigned=False,
        is_assigned=True,
        email_status=["Replied", "Not Replied"],
        search="acme",
        campaign_team_member_ids=[7],
        campaign_tag_ids=[8],
        campaign_client_ids=[9],
        reply_time_between=(datetime(2026, 1, 1, tzinfo=UTC), "2026-01-31T00:00:00Z"),
        sort_by="SENT_TIME_DESC",
        fetch_message_history=True,
        limit=15,
        offset=30,
    ).to_list()
    assert sent(m) == [
        (
            "POST",
            "/master-inbox/inbox-replies",
            {"fetch_message_history": "true"},
            {
                "offset": 30,
                "limit": 15,
                "sortBy": "SENT_TIME_DESC",
                "filters": {
                    "search": "acme",
                    "leadCategories": {
                        "unassigned": False,
                        "isAssigned": True,
                        "categoryIdsIn": [4],
                        "categoryIdsNotIn": [5, 6],
                    },
                    "emailStatus": ["Replied", "Not Replied"],
                    "campaignId": [1, 2],
                    "emailAccountId": [3],
                    "campaignTeamMemberId": [7],
                    "campaignTagId": [8],
                    "campaignClientId": [9],
                    "replyTimeBetween": ["2026-01-01T00:00:00+00:00", "2026-01-31T00:00:00Z"],
                },
            },
        )
    ]


async def test_single_value_views_send_scalars(sl: SmartleadClient, m: aioresponses) -> None:
    m.post(route("/master-inbox/views"), payload={"ok": True, "data": []})
    await sl.inbox.iter_replies(
        "views",
        campaign_ids=[4],
        email_account_ids=[5],
        email_status="Opened",
        category_ids_in=[2],
        sub_sequence_id=77,
    ).to_list()
    ((_, path, query, body),) = sent(m)
    assert (path, query) == ("/master-inbox/views", {})
    assert body == {
        "offset": 0,
        "limit": 20,
        "filters": {
            "leadCategories": {"categoryIdsIn": [2]},
            "emailStatus": "Opened",
            "campaignId": 4,
            "emailAccountId": 5,
            "subSequenceId": 77,
        },
    }


@pytest.mark.parametrize(("view", "path"), sorted(VIEW_PATHS.items()))
async def test_every_view_has_its_route(
    sl: SmartleadClient, view: Any, path: str, m: aioresponses
) -> None:
    m.post(route(path), payload={"ok": True, "data": [{"email_lead_map_id": 1}]})
    rows = await sl.inbox.iter_replies(view).to_list()
    assert [(method, p) for method, p, _, _ in sent(m)] == [("POST", path)]
    assert [r.email_lead_map_id for r in rows] == [1]


async def test_pages_walk_the_body_offset_and_read_docs_envelope(
    sl: SmartleadClient, m: aioresponses
) -> None:
    page = [{"campaign_lead_map_id": str(i)} for i in range(20)]
    m.post(
        route("/master-inbox/important"),
        payload={"messages": page, "total_count": 25, "offset": 0, "limit": 20},
    )
    m.post(
        route("/master-inbox/important"),
        payload={"messages": page[:5], "total_count": 25, "offset": 20, "limit": 20},
    )
    rows = await sl.inbox.iter_replies("important").to_list()
    bodies = [body for _, _, _, body in sent(m)]
    assert bodies == [{"offset": 0, "limit": 20}, {"offset": 20, "limit": 20}]
    assert len(rows) == 25 and rows[0].email_lead_map_id == 0


async def test_list_views_are_retried_as_reads() -> None:
    retry = RetryPolicy(max_attempts=2, base_delay=0.0, max_delay=0.0)
    async with wire_client(retry=retry) as client:
        with aioresponses() as m:
            m.post(route("/master-inbox/inbox-replies"), status=500, payload={"message": "x"})
            m.post(route("/master-inbox/inbox-replies"), payload={"ok": True, "data": []})
            assert await client.inbox.iter_replies().to_list() == []
            assert len(sent(m)) == 2
        with aioresponses() as m:
            m.post(route("/campaigns/1/reply-email-thread"), status=500, payload={"message": "x"})
            with pytest.raises(ServerError):
                await client.inbox.reply(1, email_stats_id="s", email_body="b")
            assert len(sent(m)) == 1


async def test_action_bodies(sl: SmartleadClient, m: aioresponses) -> None:
    for path in ("change-read-status", "update-category", "update-revenue", "resume-lead"):
        m.patch(route(f"/master-inbox/{path}"), payload={"ok": True})
    for path in (
        "create-note",
        "create-task",
        "set-reminder",
        "push-to-subsequence",
        "update-team-member",
        "block-domains",
    ):
        m.post(route(f"/master-inbox/{path}"), payload={"ok": True})
    m.get(route("/master-inbox/reply-status"), payload={"ok": True, "data": {"status": "SENT"}})
    m.get(route("/master-inbox/12"), payload={"ok": True, "data": {"email_lead_map_id": 12}})
    await sl.inbox.set_read_status(12, True)
    await sl.inbox.set_category(12, None)
    await sl.inbox.set_revenue(12, 99)
    await sl.inbox.resume_lead(3, 12)
    await sl.inbox.create_note(12, "n")
    await sl.inbox.create_task(12, "t", due_date="2026-03-01T10:00:00Z")
    await sl.inbox.set_reminder(
        12, email_stats_id="st", message="m", reminder_time="2026-03-01T10:00:00Z"
    )
    await sl.inbox.push_to_subsequence(12, 40)
    await sl.inbox.assign_team_member(12, 5)
    await sl.inbox.block_domains(["acme.io"])
    status = await sl.inbox.get_reply_status("<abc@mail>")
    convo = await sl.inbox.get(12)
    assert sent(m) == [
        (
            "PATCH",
            "/master-inbox/change-read-status",
            {},
            {"email_lead_map_id": 12, "read_status": True},
        ),
        (
            "PATCH",
            "/master-inbox/update-category",
            {},
            {"email_lead_map_id": 12, "category_id": None},
        ),
        ("PATCH", "/master-inbox/update-revenue", {}, {"email_lead_map_id": 12, "revenue": 99}),
        ("PATCH", "/master-inbox/resume-lead", {}, {"campaign_id": 3, "email_lead_map_id": 12}),
        (
            "POST",
            "/master-inbox/create-note",
            {},
            {"email_lead_map_id": 12, "note_message": "n"},
        ),
        (
            "POST",
            "/master-inbox/create-task",
            {},
            {"email_lead_map_id": 12, "name": "t", "due_date": "2026-03-01T10:00:00Z"},
        ),
        (
            "POST",
            "/master-inbox/set-reminder",
            {},
            {
                "email_lead_map_id": 12,
                "email_stats_id": "st",
                "message": "m",
                "reminder_time": "2026-03-01T10:00:00Z",
            },
        ),
        (
            "POST",
            "/master-inbox/push-to-subsequence",
            {},
            {"email_lead_map_id": 12, "sub_sequence_id": 40},
        ),
        (
            "POST",
            "/master-inbox/update-team-member",
            {},
            {"email_lead_map_id": 12, "team_member_id": 5},
        ),
        (
            "POST",
            "/master-inbox/block-domains",
            {},
            {"domains": ["acme.io"], "source": "manual"},
        ),
        ("GET", "/master-inbox/reply-status", {"message_id": "<abc@mail>"}, None),
        ("GET", "/master-inbox/12", {}, None),
    ]
    assert status.status == "SENT"
    assert convo.email_lead_map_id == 12


async def test_reply_forward_send_bodies(sl: SmartleadClient, m: aioresponses) -> None:
    m.post(route("/campaigns/8/reply-email-thread"), payload={"ok": True})
    m.post(route("/campaigns/8/forward-email"), payload={"ok": True})
    m.post(route("/send-email/initiate"), payload={"ok": True, "data": {"messageId": "<x>"}})
    await sl.inbox.reply(
        8,
        email_stats_id="st-1",
        email_body="<p>b</p>",
        reply_message_id="<m@x>",
        reply_email_time=datetime(2026, 1, 1, 12, tzinfo=UTC),
        to_email="lead@x.io",
        to_first_name="Lee",
        cc="a@x.io, b@x.io",
        bcc=["c@x.io"],
        add_signature=True,
        attachments=[ReplyAttachment(file_url="https://f.io/a.pdf", file_size=10)],
    )
    await sl.inbox.forward(8, message_id="<m@x>", stats_id="st-1", to_emails=["a@x.io"], body="fyi")
    result = await sl.inbox.send_email(
        to="to@x.io",
        subject="s",
        body="b",
        from_email="me@x.io",
        from_name="Me",
        reply_to="r@x.io",
        attachments=[EmailAttachment(filename="a.txt", content="aGk=")],
    )
    assert sent(m) == [
        (
            "POST",
            "/campaigns/8/reply-email-thread",
            {},
            {
                "email_stats_id": "st-1",
                "email_body": "<p>b</p>",
                "reply_message_id": "<m@x>",
                "reply_email_time": "2026-01-01T12:00:00+00:00",
                "to_email": "lead@x.io",
                "to_first_name": "Lee",
                "cc": "a@x.io,b@x.io",
                "bcc": "c@x.io",
                "add_signature": True,
                "attachments": [{"file_url": "https://f.io/a.pdf", "file_size": 10}],
            },
        ),
        (
            "POST",
            "/campaigns/8/forward-email",
            {},
            {
                "message_id": "<m@x>",
                "stats_id": "st-1",
                "to_emails": "a@x.io",
                "forward_email_body": "fyi",
            },
        ),
        (
            "POST",
            "/send-email/initiate",
            {},
            {
                "to": "to@x.io",
                "subject": "s",
                "body": "b",
                "fromEmail": "me@x.io",
                "fromName": "Me",
                "replyTo": "r@x.io",
                "attachments": [{"filename": "a.txt", "content": "aGk="}],
            },
        ),
    ]
    assert result.message_id == "<x>"


async def test_untracked_query_and_nested_envelope(sl: SmartleadClient, m: aioresponses) -> None:
    nested = {
        "ok": True,
        "data": {"success": True, "data": {"replies": [{"id": "4", "from": "x@y.io"}]}},
    }
    m.get(route("/master-inbox/untracked-replies"), payload=nested)
    rows = await sl.inbox.iter_untracked_replies(
        fetch_attachments=True, fetch_body=False, to_email="me@x.io", subject_line="Re"
    ).to_list()
    assert sent(m) == [
        (
            "GET",
            "/master-inbox/untracked-replies",
            {
                "fetchAttachments": "true",
                "fetchBody": "false",
                "to_email": "me@x.io",
                "subject_line": "Re",
                "offset": "0",
                "limit": "100",
            },
            None,
        )
    ]
    assert [(r.id, r.from_email) for r in rows] == [(4, "x@y.io")]


async def test_bad_list_body_is_a_decoding_error(sl: SmartleadClient, m: aioresponses) -> None:
    m.post(route("/master-inbox/inbox-replies"), payload={"ok": True, "data": "nope"})
    with pytest.raises(ResponseValidationError):
        await sl.inbox.iter_replies().to_list()
    m.get(route("/master-inbox/untracked-replies"), payload={"ok": True, "data": 5})
    with pytest.raises(ResponseValidationError, match="array of rows, got int"):
        await sl.inbox.iter_untracked_replies().to_list()


# --------------------------------------------------------------------------- client-side limits


@pytest.mark.parametrize(
    ("view", "kwargs", "message"),
    [
        ("all", {"campaign_ids": [1, 2, 3, 4, 5, 6]}, "campaign_ids takes at most 5"),
        ("all", {"email_account_ids": list(range(1, 22))}, "email_account_ids takes at most 20"),
        ("unread", {"email_account_ids": list(range(1, 12))}, "email_account_ids takes at most 10"),
        ("all", {"category_ids_in": list(range(1, 12))}, "category_ids_in takes at most 10"),
        ("all", {"campaign_tag_ids": list(range(1, 12))}, "campaign_tag_ids takes at most 10"),
        ("all", {"campaign_team_member_ids": list(range(1, 12))}, "at most 10"),
        ("all", {"search": "x" * 31}, "at most 30 characters"),
        ("all", {"sort_by": "REMINDER_TIME_ASC"}, "REPLY_TIME_DESC, SENT_TIME_DESC"),
        ("reminders", {"sort_by": "REPLY_TIME_DESC"}, "REMINDER_TIME_DESC, REMINDER_TIME_ASC"),
        ("scheduled", {"sort_by": "SENT_TIME_DESC"}, "SCHEDULED_TIME_DESC"),
        ("reminders", {"fetch_message_history": True}, "not available on the 'reminders'"),
        ("sent", {"fetch_message_history": True}, "not available on the 'sent'"),
        ("assigned_me", {"campaign_ids": [1, 2]}, "single value for campaign_ids"),
        ("views", {"email_status": ["Opened", "Clicked"]}, "single email_status"),
        ("views", {"category_ids_in": [1, 2]}, "single value for category_ids_in"),
        ("all", {"sub_sequence_id": 3}, "only accepted by the 'views' view"),
        ("all", {"email_status": "opened"}, "email_status must be one of"),
        ("all", {"reply_time_between": ("2026-02-01", "2026-01-01")}, "is after end"),
        ("all", {"reply_time_between": ("2026-01-01",)}, "(start, end) pair"),
        ("all", {"reply_time_between": ("soon", "later")}, "ISO 8601"),
        ("all", {"limit": 21}, "between 1 and 20"),
        ("all", {"limit": 0}, "between 1 and 20"),
        ("inbox", {}, "view must be one of"),
    ],
)
def test_iter_replies_rejects_bad_filters_without_a_request(
    sl: SmartleadClient, view: Any, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)):
        sl.inbox.iter_replies(view, **kwargs)


def test_iter_replies_type_errors(sl: SmartleadClient) -> None:
    with pytest.raises(InvalidTypeError, match="campaign_ids"):
        sl.inbox.iter_replies(campaign_ids=["1"])  # type: ignore[list-item]
    with pytest.raises(InvalidTypeError, match="fetch_message_history"):
        sl.inbox.iter_replies(fetch_message_history="yes")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="unassigned"):
        sl.inbox.iter_replies(unassigned=1)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="between 1 and 100"):
        sl.inbox.iter_untracked_replies(limit=101)


def test_sent_view_has_no_tag_or_client_cap(sl: SmartleadClient) -> None:
    many = list(range(1, 16))
    sl.inbox.iter_replies("sent", campaign_tag_ids=many, campaign_client_ids=many)


async def test_actions_reject_bad_input_without_a_request(
    sl: SmartleadClient, m: aioresponses
) -> None:
    future = datetime(2030, 1, 1, tzinfo=UTC)
    cases: list[tuple[Any, type[Exception], str]] = [
        (sl.inbox.set_read_status(1, "yes"), InvalidTypeError, "read must be True or False"),  # type: ignore[arg-type]
        (sl.inbox.set_category(1, "2"), InvalidTypeError, "category_id must be an int"),  # type: ignore[arg-type]
        (sl.inbox.set_revenue(1, -5), ValidationError, ">= 0"),
        (sl.inbox.set_revenue(1, float("nan")), ValidationError, "finite number"),
        (sl.inbox.set_revenue(1, "5"), InvalidTypeError, "revenue must be a number"),  # type: ignore[arg-type]
        (sl.inbox.resume_lead(1, 2, delay_days=-1), ValidationError, "delay_days"),
        (sl.inbox.create_note(1, "  "), ValidationError, "note must not be empty"),
        (sl.inbox.create_task(1, "t", priority="URGENT"), ValidationError, "priority"),  # type: ignore[arg-type]
        (sl.inbox.create_task(1, "t", due_date="someday"), ValidationError, "due_date"),
        (
            sl.inbox.set_reminder(1, email_stats_id="", message="m", reminder_time=future),
            ValidationError,
            "email_stats_id must not be empty",
        ),
        (
            sl.inbox.set_reminder(1, email_stats_id="s", message="m", reminder_time=None),  # type: ignore[arg-type]
            ValidationError,
            "reminder_time is required",
        ),
        (sl.inbox.push_to_subsequence(1, 2, delay_seconds=-3), ValidationError, "delay_seconds"),
        (sl.inbox.assign_team_member(1, True), InvalidTypeError, "team_member_id"),
        (sl.inbox.get_reply_status(""), ValidationError, "message_id must not be empty"),
        (sl.inbox.get(-4), ValidationError, "lead_map_id must be a positive id"),
        (sl.inbox.reply(1, email_stats_id="s", email_body=""), ValidationError, "email_body"),
        (
            sl.inbox.reply(1, email_stats_id="s", email_body="b", cc="not-an-address"),
            ValidationError,
            "cc: 'not-an-address' is not a valid email address",
        ),
        (
            sl.inbox.reply(1, email_stats_id="s", email_body="b", bcc=[3]),  # type: ignore[list-item]
            InvalidTypeError,
            "bcc[0]",
        ),
        (
            sl.inbox.reply(1, email_stats_id="s", email_body="b", attachments=[{"file_name": "x"}]),
            ValidationError,
            "attachments[0] needs a file_url",
        ),
        (
            sl.inbox.reply(1, email_stats_id="s", email_body="b", attachments=["x"]),  # type: ignore[list-item]
            InvalidTypeError,
            "attachments[0]",
        ),
        (
            sl.inbox.reply(1, email_stats_id="s", email_body="b", scheduled_time="tomorrow"),
            ValidationError,
            "scheduled_time",
        ),
        (
            sl.inbox.forward(1, message_id="m", stats_id="s", to_emails=""),
            ValidationError,
            "to_emails needs at least 1",
        ),
        (
            sl.inbox.forward(1, message_id="m", stats_id="s", to_emails=5),  # type: ignore[arg-type]
            InvalidTypeError,
            "to_emails must be a str or a list",
        ),
        (sl.inbox.block_domains([]), ValidationError, "domains needs at least 1"),
        (sl.inbox.block_domains("acme.io"), InvalidTypeError, "list of domain names"),
        (sl.inbox.block_domains(["a@acme.io"]), ValidationError, "is not a domain name"),
        (sl.inbox.block_domains(["localhost"]), ValidationError, "is not a domain name"),
        (sl.inbox.block_domains(["acme.io"], source="spam"), ValidationError, "source"),  # type: ignore[arg-type]
        (
            sl.inbox.send_email(to="a@x.io", subject="s", body="b"),
            ValidationError,
            "exactly one of from_email or from_email_id",
        ),
        (
            sl.inbox.send_email(
                to="a@x.io", subject="s", body="b", from_email="m@x.io", from_email_id=3
            ),
            ValidationError,
            "exactly one of from_email or from_email_id",
        ),
        (
            sl.inbox.send_email(to="a@x.io, b@x.io", subject="s", body="b", from_email_id=3),
            ValidationError,
            "one recipient",
        ),
        (
            sl.inbox.send_email(to="a@x.io", subject="", body="b", from_email_id=3),
            ValidationError,
            "subject must not be empty",
        ),
        (
            sl.inbox.send_email(
                to="a@x.io", subject="s", body="b", from_email_id=3, attachments=[{"filename": "a"}]
            ),
            ValidationError,
            "attachments[0]",
        ),
        (
            sl.inbox.send_email(to="a@x.io", subject="s", body="b", from_email="nope"),
            ValidationError,
            "from_email",
        ),
    ]
    for call, error, message in cases:
        with pytest.raises(error, match=re.escape(message)):
            await call
    assert m.requests == {}
