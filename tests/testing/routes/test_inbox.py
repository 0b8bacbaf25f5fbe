"""Master Inbox M1-M22 over plain HTTP: views, body paging, filter caps (422), mutations."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from smartlead_async.testing import SandboxServer
from smartlead_async.testing.state import Campaign, CampaignLead, EmailAccount, SandboxState
from smartlead_async.testing.wire import iso
from tests.helpers.sandbox_api import Api

VIEWS = (
    "inbox-replies",
    "unread-replies",
    "important",
    "snoozed",
    "scheduled",
    "reminders",
    "archived",
    "sent",
    "assigned-me",
    "views",
)


class World:
    """A hand-built workspace: one campaign, one sender, leads with known threads."""

    def __init__(self, state: SandboxState) -> None:
        self.state = state
        self.account: EmailAccount = state.add_email_account("sender@acme.test", "Sender")
        self.camp: Campaign = state.add_campaign("Inbox campaign")
        state.attach_accounts(self.camp, [self.account.id])

    def category(self, name: str) -> int:
        return next(c.id for c in self.state.categories.values() if c.name == name)

    def lead(
        self,
        email: str,
        *,
        sent_hours_ago: float = 72,
        replied_hours_ago: float | None = None,
        camp: Campaign | None = None,
        body: str = "Sounds good",
    ) -> CampaignLead:
        state = self.state
        camp = camp or self.camp
        lead = state.lead_by_email(email) or state.add_lead(email, first_name=email.split("@")[0])
        row = state.enrol(camp, lead)
        now = state.now()
        sent = state.add_message(
            row,
            "SENT",
            time=now - timedelta(hours=sent_hours_ago),
            subject="Hello",
            body="<p>Pitch</p>",
            seq_number=1,
            from_email=self.account.from_email,
            to_email=email,
            email_account_id=row.email_account_id,
        )
        if replied_hours_ago is not None:
            state.add_message(
                row,
                "REPLY",
                time=now - timedelta(hours=replied_hours_ago),
                subject="Re: Hello",
                body=f"<p>{body}</p>",
                seq_number=1,
                from_email=email,
                to_email=self.account.from_email,
                email_account_id=row.email_account_id,
                in_reply_to=sent.stats_id,
            )
        return row


@pytest.fixture
def world(sandbox: SandboxServer) -> World:
    return World(sandbox.state)


async def _view(api: Api, view: str, body: dict[str, Any] | None = None, **params: Any) -> Any:
    return await api.ok("POST", f"/master-inbox/{view}", body or {}, **params)


def _ids(answer: Any) -> list[int]:
    return [row["email_lead_map_id"] for row in answer["data"]]


# --------------------------------------------------------------------------- list views


async def test_every_view_answers_the_live_envelope(api: Api, sandbox: SandboxServer) -> None:
    sandbox.seed_workspace(campaigns=2, leads_per_campaign=40)
    for view in VIEWS:
        answer = await _view(api, view, {"limit": 5})
        assert answer["ok"] is True and answer["offset"] == 0 and answer["limit"] == 5
        assert isinstance(answer["data"], list) and len(answer["data"]) <= 5
        assert answer["total_count"] >= len(answer["data"])


async def test_replies_view_shows_replied_leads_newest_first(api: Api, world: World) -> None:
    old = world.lead("old@example.com", replied_hours_ago=30)
    new = world.lead("new@example.com", replied_hours_ago=2)
    world.lead("silent@example.com")
    answer = await _view(api, "inbox-replies")
    assert _ids(answer) == [new.id, old.id]
    row = answer["data"][0]
    assert row["lead_email"] == "new@example.com"
    assert row["email_campaign_id"] == world.camp.id
    assert row["campaign_lead_map_id"] == new.id
    assert row["has_new_unread_email"] is True
    assert "email_history" not in row
    by_sent = await _view(api, "inbox-replies", {"sortBy": "SENT_TIME_DESC"})
    assert set(_ids(by_sent)) == {new.id, old.id}


async def test_paging_is_in_the_body(api: Api, world: World) -> None:
    rows = [world.lead(f"l{i}@example.com", replied_hours_ago=50 - i) for i in range(25)]
    newest_first = [r.id for r in reversed(rows)]
    first = await _view(api, "inbox-replies")
    assert first["limit"] == 20 and first["total_count"] == 25
    assert _ids(first) == newest_first[:20]
    rest = await _view(api, "inbox-replies", {"offset": 20, "limit": 20})
    assert _ids(rest) == newest_first[20:]


async def test_message_history_on_request(api: Api, world: World) -> None:
    row = world.lead("hist@example.com", replied_hours_ago=1)
    answer = await _view(api, "inbox-replies", fetch_message_history=True)
    history = answer["data"][0]["email_history"]
    assert [m["type"] for m in history] == ["SENT", "REPLY"]
    assert history[1]["stats_id"] in world.state.messages
    assert answer["data"][0]["email_lead_map_id"] == row.id
    sent_view = await _view(api, "sent", fetch_message_history=True)
    assert "email_history" not in sent_view["data"][0]


async def test_flag_views(api: Api, world: World) -> None:
    now = world.state.now()
    unread = world.lead("unread@example.com", replied_hours_ago=1)
    read = world.lead("read@example.com", replied_hours_ago=2)
    read.has_new_unread_email = False
    important = world.lead("vip@example.com", replied_hours_ago=3)
    important.is_important = True
    archived = world.lead("arch@example.com", replied_hours_ago=4)
    archived.is_archived = True
    snoozed = world.lead("zzz@example.com", replied_hours_ago=5)
    snoozed.is_snoozed, snoozed.snoozed_until = True, now + timedelta(days=1)
    woke = world.lead("woke@example.com", replied_hours_ago=6)
    woke.is_snoozed, woke.snoozed_until = True, now - timedelta(hours=1)
    sent_only = world.lead("sent@example.com")

    assert set(_ids(await _view(api, "inbox-replies"))) == {
        unread.id,
        read.id,
        important.id,
        woke.id,
    }
    unread_ids = set(_ids(await _view(api, "unread-replies")))
    assert unread_ids == {unread.id, important.id, woke.id}
    assert _ids(await _view(api, "important")) == [important.id]
    assert _ids(await _view(api, "archived")) == [archived.id]
    assert _ids(await _view(api, "snoozed")) == [snoozed.id]
    sent_ids = _ids(await _view(api, "sent"))
    assert sent_ids[0] == sent_only.id and len(sent_ids) == 7


async def test_new_replies_after_a_first_query_are_picked_up(api: Api, world: World) -> None:
    first = world.lead("first@example.com", replied_hours_ago=5)
    assert _ids(await _view(api, "inbox-replies")) == [first.id]
    second = world.lead("second@example.com", replied_hours_ago=1)
    assert _ids(await _view(api, "inbox-replies")) == [second.id, first.id]


async def test_deleted_campaign_rows_disappear(api: Api, world: World) -> None:
    world.lead("gone@example.com", replied_hours_ago=1)
    world.state.delete_campaign(world.camp)
    assert (await _view(api, "inbox-replies"))["data"] == []


async def test_filters(api: Api, world: World, sandbox: SandboxServer) -> None:
    state = world.state
    other = state.add_campaign("Other")
    state.attach_accounts(other, [world.account.id])
    a = world.lead("alice@example.com", replied_hours_ago=1, body="pricing please")
    b = world.lead("bob@example.com", replied_hours_ago=2, camp=other)
    c = world.lead("carol@example.com", replied_hours_ago=3)
    a.category_id = world.category("Interested")
    b.category_id = world.category("Not Interested")
    state.record_open(state.thread(c.id)[0], state.now())
    other.client_id = 31
    other.tag_ids = [5]

    async def ids(filters: dict[str, Any]) -> set[int]:
        return set(_ids(await _view(api, "inbox-replies", {"filters": filters})))

    assert await ids({"campaignId": other.id}) == {b.id}
    assert await ids({"campaignId": [world.camp.id]}) == {a.id, c.id}
    assert await ids({"emailAccountId": world.account.id}) == {a.id, b.id, c.id}
    assert await ids({"emailStatus": "Opened"}) == {c.id}
    assert await ids({"emailStatus": ["Opened", "Replied"]}) == {a.id, b.id, c.id}
    assert await ids({"search": "ALICE"}) == {a.id}
    assert await ids({"search": "pricing"}) == {a.id}
    assert await ids({"leadCategories": {"categoryIdsIn": [a.category_id]}}) == {a.id}
    assert await ids({"leadCategories": {"unassigned": True}}) == {c.id}
    assert await ids({"leadCategories": {"isAssigned": True}}) == {a.id, b.id}
    assert await ids({"leadCategories": {"categoryIdsNotIn": [b.category_id]}}) == {a.id, c.id}
    assert await ids({"campaignClientId": 31}) == {b.id}
    assert await ids({"campaignTagId": [5, 6]}) == {b.id}
    now = state.now()
    window = [iso(now - timedelta(hours=2, minutes=30)), iso(now)]
    assert await ids({"replyTimeBetween": window}) == {a.id, b.id}


@pytest.mark.parametrize(
    ("view", "body", "fragment"),
    [
        ("inbox-replies", {"limit": 21}, "limit"),
        ("inbox-replies", {"limit": 0}, "limit"),
        ("inbox-replies", {"offset": -1}, "offset"),
        ("inbox-replies", {"filters": {"campaignId": [1, 2, 3, 4, 5, 6]}}, "campaignId"),
        ("inbox-replies", {"filters": {"emailAccountId": list(range(21))}}, "emailAccountId"),
        ("unread-replies", {"filters": {"emailAccountId": list(range(11))}}, "emailAccountId"),
        ("archived", {"filters": {"emailAccountId": list(range(11))}}, "emailAccountId"),
        ("inbox-replies", {"filters": {"search": "x" * 31}}, "search"),
        ("inbox-replies", {"filters": {"emailStatus": "opened"}}, "emailStatus"),
        (
            "inbox-replies",
            {"filters": {"leadCategories": {"categoryIdsIn": list(range(11))}}},
            "categoryIdsIn",
        ),
        ("inbox-replies", {"filters": {"campaignTeamMemberId": list(range(11))}}, "TeamMember"),
        ("inbox-replies", {"filters": {"campaignTagId": list(range(11))}}, "campaignTagId"),
        ("inbox-replies", {"filters": {"campaignClientId": list(range(11))}}, "ClientId"),
        ("inbox-replies", {"filters": {"replyTimeBetween": ["2026-01-01"]}}, "replyTimeBetween"),
        ("inbox-replies", {"sortBy": "REMINDER_TIME_ASC"}, "sortBy"),
        ("reminders", {"sortBy": "REPLY_TIME_DESC"}, "sortBy"),
        ("views", {"filters": {"campaignId": [1, 2]}}, "single"),
        ("assigned-me", {"filters": {"emailStatus": ["Opened", "Clicked"]}}, "single value"),
        ("inbox-replies", {"filters": "all"}, "filters"),
    ],
)
async def test_caps_answer_422(api: Api, view: str, body: dict[str, Any], fragment: str) -> None:
    status, answer = await api.call("POST", f"/master-inbox/{view}", body)
    assert status == 422, answer
    assert fragment.lower() in answer["message"].lower()


async def test_caps_at_their_limits_pass(api: Api) -> None:
    await _view(api, "inbox-replies", {"filters": {"emailAccountId": list(range(20))}})
    await _view(api, "unread-replies", {"filters": {"emailAccountId": list(range(10))}})
    await _view(
        api, "inbox-replies", {"filters": {"campaignId": list(range(5)), "search": "x" * 30}}
    )
    await _view(api, "sent", {"filters": {"campaignTagId": list(range(25))}})
    await _view(api, "views", {"filters": {"campaignId": [1], "subSequenceId": 3}})


# --------------------------------------------------------------------------- M11, M12, M22


async def test_untracked_replies(api: Api, sandbox: SandboxServer) -> None:
    sandbox.seed_email_accounts(1)
    from smartlead_async.testing.seed import seed_untracked_replies

    made = seed_untracked_replies(sandbox.state, sandbox.rng, 5)
    answer = await api.ok("GET", "/master-inbox/untracked-replies", limit=2)
    inner = answer["data"]["data"]
    assert answer["data"]["success"] is True and inner["total_count"] == 5
    assert len(inner["replies"]) == 2 and "body" not in inner["replies"][0]
    newest = max(made, key=lambda r: (r.time, r.id))
    assert inner["replies"][0]["id"] == newest.id
    full = await api.ok("GET", "/master-inbox/untracked-replies", fetchBody=True, limit=100)
    assert all("body" in r for r in full["data"]["data"]["replies"])
    only = await api.ok(
        "GET", "/master-inbox/untracked-replies", from_email=made[0].from_email.upper()
    )
    assert made[0].id in [r["id"] for r in only["data"]["data"]["replies"]]
    status, _ = await api.call("GET", "/master-inbox/untracked-replies", limit=101)
    assert status == 422


async def test_get_one_conversation(api: Api, world: World) -> None:
    row = world.lead("one@example.com", replied_hours_ago=1)
    answer = await api.ok("GET", f"/master-inbox/{row.id}")
    data = answer["data"]
    assert data["email_lead_map_id"] == row.id and len(data["email_history"]) == 2
    assert data["notes"] == [] and data["tasks"] == [] and data["reminders"] == []
    status, body = await api.call("GET", "/master-inbox/999999999")
    assert status == 404 and "999999999" in body["message"]


async def test_reply_status(api: Api, world: World) -> None:
    row = world.lead("status@example.com", replied_hours_ago=1)
    sent, reply = world.state.thread(row.id)
    answer = await api.ok("GET", "/master-inbox/reply-status", message_id=sent.message_id)
    assert answer["data"]["status"] == "SENT" and answer["data"]["email_stats_id"] == sent.stats_id
    answer = await api.ok("GET", "/master-inbox/reply-status", message_id=reply.message_id)
    assert answer["data"]["status"] == "RECEIVED"
    status, _ = await api.call("GET", "/master-inbox/reply-status", message_id="<nope@x>")
    assert status == 404
    status, body = await api.call("GET", "/master-inbox/reply-status")
    assert status == 400 and "message_id" in body["message"]


# --------------------------------------------------------------------------- M13-M21


async def test_read_status_moves_between_views(api: Api, world: World) -> None:
    row = world.lead("r@example.com", replied_hours_ago=1)
    body = {"email_lead_map_id": row.id, "read_status": True}
    assert await api.ok("PATCH", "/master-inbox/change-read-status", body) == {"ok": True}
    assert _ids(await _view(api, "unread-replies")) == []
    await api.ok("PATCH", "/master-inbox/change-read-status", {**body, "read_status": False})
    assert _ids(await _view(api, "unread-replies")) == [row.id]
    status, _ = await api.call("PATCH", "/master-inbox/change-read-status", {"read_status": True})
    assert status == 400
    status, _ = await api.call(
        "PATCH", "/master-inbox/change-read-status", {**body, "email_lead_map_id": 1}
    )
    assert status == 404


async def test_update_category_and_revenue(api: Api, world: World) -> None:
    row = world.lead("c@example.com", replied_hours_ago=1)
    interested = world.category("Interested")
    body = {"email_lead_map_id": row.id, "category_id": interested}
    await api.ok("PATCH", "/master-inbox/update-category", body)
    assert row.category_id == interested
    await api.ok("PATCH", "/master-inbox/update-category", {**body, "category_id": None})
    assert row.category_id is None
    status, answer = await api.call(
        "PATCH", "/master-inbox/update-category", {**body, "category_id": 999}
    )
    assert status == 400 and "fetch-categories" in answer["message"]
    status, answer = await api.call(
        "PATCH", "/master-inbox/update-category", {"email_lead_map_id": row.id}
    )
    assert status == 400 and "category_id" in answer["message"]
    await api.ok(
        "PATCH", "/master-inbox/update-revenue", {"email_lead_map_id": row.id, "revenue": 1500}
    )
    assert row.revenue == 1500
    status, _ = await api.call(
        "PATCH", "/master-inbox/update-revenue", {"email_lead_map_id": row.id, "revenue": -1}
    )
    assert status == 400


async def test_resume_lead(api: Api, world: World) -> None:
    row = world.lead("p@example.com", replied_hours_ago=1)
    row.status = "PAUSED"
    body = {"email_lead_map_id": row.id, "campaign_id": world.camp.id, "resume_delay_days": 2}
    await api.ok("PATCH", "/master-inbox/resume-lead", body)
    assert row.status == "INPROGRESS" and row.next_send_time is not None
    assert row.next_send_time - world.state.now() > timedelta(days=1)
    status, answer = await api.call(
        "PATCH", "/master-inbox/resume-lead", {**body, "campaign_id": world.camp.id + 1}
    )
    assert status == 400 and "belongs to campaign" in answer["message"]
    row.status = "COMPLETED"
    status, _ = await api.call("PATCH", "/master-inbox/resume-lead", body)
    assert status == 400


async def test_notes_and_tasks(api: Api, world: World) -> None:
    row = world.lead("n@example.com", replied_hours_ago=1)
    note = await api.ok(
        "POST", "/master-inbox/create-note", {"email_lead_map_id": row.id, "note_message": "Hot"}
    )
    assert note["data"]["note_message"] == "Hot"
    task = await api.ok(
        "POST",
        "/master-inbox/create-task",
        {
            "email_lead_map_id": row.id,
            "name": "Call back",
            "priority": "HIGH",
            "due_date": "2026-12-01T10:00:00Z",
        },
    )
    assert task["data"]["priority"] == "HIGH"
    data = (await api.ok("GET", f"/master-inbox/{row.id}"))["data"]
    assert [n["note_message"] for n in data["notes"]] == ["Hot"]
    assert [t["name"] for t in data["tasks"]] == ["Call back"]
    for body in (
        {"email_lead_map_id": row.id, "name": "x", "priority": "URGENT"},
        {"email_lead_map_id": row.id, "name": "x", "due_date": "soon"},
        {"email_lead_map_id": row.id},
    ):
        status, _ = await api.call("POST", "/master-inbox/create-task", body)
        assert status == 400, body
    status, _ = await api.call("POST", "/master-inbox/create-note", {"email_lead_map_id": row.id})
    assert status == 400


async def test_reminders_view(api: Api, world: World) -> None:
    later = world.lead("later@example.com", replied_hours_ago=1)
    sooner = world.lead("sooner@example.com", replied_hours_ago=2)
    now = world.state.now()
    for row, days in ((later, 3), (sooner, 1)):
        stats_id = world.state.thread(row.id)[-1].stats_id
        await api.ok(
            "POST",
            "/master-inbox/set-reminder",
            {
                "email_lead_map_id": row.id,
                "email_stats_id": stats_id,
                "message": "Follow up",
                "reminder_time": iso(now + timedelta(days=days)),
            },
        )
    desc = await _view(api, "reminders")
    assert _ids(desc) == [later.id, sooner.id]
    assert desc["data"][0]["reminders"][0]["message"] == "Follow up"
    asc = await _view(api, "reminders", {"sortBy": "REMINDER_TIME_ASC"})
    assert _ids(asc) == [sooner.id, later.id]
    other = world.state.thread(sooner.id)[0].stats_id
    status, answer = await api.call(
        "POST",
        "/master-inbox/set-reminder",
        {
            "email_lead_map_id": later.id,
            "email_stats_id": other,
            "message": "x",
            "reminder_time": iso(now),
        },
    )
    assert status == 400 and "not a message" in answer["message"]


async def test_scheduled_reply_shows_in_scheduled_view(api: Api, world: World) -> None:
    row = world.lead("sched@example.com", replied_hours_ago=1)
    reply = world.state.thread(row.id)[-1]
    when = iso(world.state.now() + timedelta(days=1))
    body = {
        "email_stats_id": reply.stats_id,
        "email_body": "<p>Tomorrow</p>",
        "scheduled_time": when,
    }
    await api.ok("POST", f"/campaigns/{world.camp.id}/reply-email-thread", body)
    answer = await _view(api, "scheduled")
    assert _ids(answer) == [row.id]
    assert answer["data"][0]["scheduled_emails"][0]["email_body"] == "<p>Tomorrow</p>"


async def test_push_to_subsequence(api: Api, world: World) -> None:
    row = world.lead("s@example.com", replied_hours_ago=1)
    sub = world.state.add_campaign("Nurture", parent_campaign_id=world.camp.id)
    body = {"email_lead_map_id": row.id, "sub_sequence_id": sub.id, "sub_sequence_delay_time": 60}
    answer = await api.ok("POST", "/master-inbox/push-to-subsequence", body)
    assert row.sub_sequence_id == sub.id and row.is_pushed_to_sub_sequence
    assert answer["data"]["campaign_lead_map_id"] in sub.lead_map_ids
    again = await api.ok("POST", "/master-inbox/push-to-subsequence", body)
    assert again["data"]["campaign_lead_map_id"] == answer["data"]["campaign_lead_map_id"]
    views = await _view(api, "views", {"filters": {"subSequenceId": sub.id}})
    assert _ids(views) == [row.id]
    unrelated = world.state.add_campaign("Unrelated")
    status, answer = await api.call(
        "POST", "/master-inbox/push-to-subsequence", {**body, "sub_sequence_id": unrelated.id}
    )
    assert status == 400 and "not a subsequence" in answer["message"]


async def test_team_member_assignment_and_assigned_me(
    api: Api, world: World, sandbox: SandboxServer
) -> None:
    row = world.lead("t@example.com", replied_hours_ago=1)
    me = min(sandbox.state.team_members)
    await api.ok(
        "POST",
        "/master-inbox/update-team-member",
        {"email_lead_map_id": row.id, "team_member_id": me},
    )
    assert row.team_member_id == me
    assert _ids(await _view(api, "assigned-me")) == [row.id]
    status, answer = await api.call(
        "POST",
        "/master-inbox/update-team-member",
        {"email_lead_map_id": row.id, "team_member_id": 999},
    )
    assert status == 400 and "999" in answer["message"]


async def test_flags_on_a_lead_without_messages_are_found(api: Api, world: World) -> None:
    lead = world.state.add_lead("quiet@example.com")
    row = world.state.enrol(world.camp, lead)
    await _view(api, "assigned-me")
    me = min(world.state.team_members)
    await api.ok(
        "POST",
        "/master-inbox/update-team-member",
        {"email_lead_map_id": row.id, "team_member_id": me},
    )
    assert _ids(await _view(api, "assigned-me")) == [row.id]
