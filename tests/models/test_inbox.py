"""Decoding Master Inbox models: the live row shape, the DOCS envelope, odd types."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from smartlead_async import ResponseValidationError
from smartlead_async._envelopes import UNTRACKED_REPLIES
from smartlead_async._response import Response
from smartlead_async.models.inbox import (
    BlockDomainsResult,
    EmailAttachment,
    InboxMessage,
    InboxNote,
    InboxReminder,
    InboxReply,
    InboxReplyPage,
    InboxTask,
    ReplyAttachment,
    ReplyResult,
    ReplyStatus,
    SendEmailResult,
    UntrackedReply,
)
from smartlead_async.resources.inbox import merge_data, untracked_rows

LIVE_ROW = {
    "email_lead_map_id": "2433664091",
    "email_lead_id": 1995300766,
    "lead_first_name": "Ada",
    "lead_last_name": "Lovelace",
    "lead_email": "ada@example.com",
    "lead_status": "INPROGRESS",
    "lead_category_id": None,
    "last_sent_time": "2026-01-10T09:00:00.000Z",
    "last_reply_time": "2026-01-11T10:30:00.000Z",
    "has_new_unread_email": 1,
    "email_account_id": "77",
    "revenue": "1500.50",
    "is_pushed_to_sub_sequence": False,
    "current_sequence_number": "2",
    "sub_sequence_id": None,
    "old_replaced_lead_data": None,
    "lead_next_timestamp_to_send": None,
    "email_campaign_seq_id": 555,
    "is_important": "false",
    "is_archived": False,
    "is_snoozed": False,
    "team_member_id": None,
    "is_ooo_automated_push_lead": False,
    "email_campaign_id": 3090077,
    "email_campaign_name": "Q1",
    "client_id": None,
    "belongs_to_sub_sequence": False,
    "campaign_sending_schedule": {"timezone": "UTC", "days_of_the_week": [1, 2]},
    "sequence_count": 3,
    "email_history": [
        {
            "stats_id": "st-1",
            "from": "me@acme.io",
            "to": "ada@example.com",
            "type": "SENT",
            "message_id": "<1@acme.io>",
            "time": "2026-01-10T09:00:00.000Z",
            "email_body": "<p>Hi</p>",
            "subject": "Hello",
            "email_seq_number": "1",
            "open_count": 2,
            "click_count": "0",
            "click_details": {},
            "cc": None,
            "attachments": [],
        }
    ],
    "unknown_new_field": True,
}


def test_live_row() -> None:
    row = InboxReply.from_dict(LIVE_ROW)
    assert row.email_lead_map_id == 2433664091
    assert (row.email_account_id, row.current_sequence_number) == (77, 2)
    assert row.revenue == 1500.5
    assert (row.has_new_unread_email, row.is_important) == (True, False)
    assert row.last_reply_time == datetime(2026, 1, 11, 10, 30, tzinfo=UTC)
    assert row.lead_category_id is None
    assert row.campaign_sending_schedule == {"timezone": "UTC", "days_of_the_week": [1, 2]}
    message = row.email_history[0]
    assert isinstance(message, InboxMessage)
    assert (message.from_email, message.to_email, message.email_seq_number) == (
        "me@acme.io",
        "ada@example.com",
        1,
    )
    assert message.extra == {"attachments": []}
    assert row.extra == {"unknown_new_field": True}


def test_campaign_lead_map_id_is_the_alternative_id() -> None:
    row = InboxReply.from_dict({"campaign_lead_map_id": "12", "campaign_id": 4, "lead_id": 5})
    assert (row.email_lead_map_id, row.email_campaign_id, row.email_lead_id) == (12, 4, 5)


def test_row_without_an_id_is_rejected() -> None:
    with pytest.raises(ResponseValidationError, match="email_lead_map_id"):
        InboxReply.from_dict({"lead_email": "x@y.io"})


def test_live_and_docs_page_envelopes() -> None:
    live = InboxReplyPage.from_dict(
        {"ok": True, "data": [LIVE_ROW], "offset": 0, "limit": 20, "total_count": "1"}
    )
    assert [r.email_lead_map_id for r in live.data] == [2433664091]
    assert (live.ok, live.total_count) == (True, 1)
    docs = InboxReplyPage.from_dict(
        {
            "messages": [
                {
                    "id": 1,
                    "campaign_lead_map_id": "9",
                    "lead": {"email": "a@b.io"},
                    "campaign": {"id": 3},
                    "last_message": {"subject": "Re: hi"},
                }
            ],
            "total_count": 40,
            "offset": 20,
            "limit": 20,
        }
    )
    assert [r.email_lead_map_id for r in docs.data] == [9]
    assert docs.data[0].extra["lead"] == {"email": "a@b.io"}
    assert (docs.total_count, docs.offset) == (40, 20)


def test_conversation_extras() -> None:
    row = InboxReply.from_dict(
        {
            "email_lead_map_id": 1,
            "notes": [{"id": 3, "note_message": "n", "created_at": "2026-01-01T00:00:00Z"}],
            "tasks": [{"id": 4, "name": "t", "priority": "HIGH", "due_date": "2026-02-01"}],
            "reminders": [{"id": 5, "email_stats_id": "s", "reminder_time": "2026-03-01T08:00Z"}],
            "scheduled_emails": [{"id": 6, "email_body": "b", "scheduled_time": None}],
        }
    )
    assert row.notes[0].note_message == "n"
    assert row.tasks[0].due_date == datetime(2026, 2, 1, tzinfo=UTC)
    assert row.reminders[0].reminder_time == datetime(2026, 3, 1, 8, tzinfo=UTC)
    assert row.scheduled_emails[0].scheduled_time is None


def test_untracked_reply_shapes() -> None:
    live = UntrackedReply.from_dict(
        {"id": "8", "from_email": "a@b.io", "to_email": "me@x.io", "time": "2026-01-01T00:00:00Z"}
    )
    assert (live.id, live.from_email, live.time) == (8, "a@b.io", datetime(2026, 1, 1, tzinfo=UTC))
    alt = UntrackedReply.from_dict(
        {"from": "c@d.io", "to": "me@x.io", "subject_line": "S", "email_body": "B"}
    )
    assert (alt.from_email, alt.to_email, alt.subject, alt.body) == ("c@d.io", "me@x.io", "S", "B")


def test_untracked_rows_digs_through_envelopes() -> None:
    nested = {"ok": True, "data": {"success": True, "data": {"replies": [{"id": 1}]}}}
    assert untracked_rows(nested) == [{"id": 1}]
    assert untracked_rows({"ok": True, "data": [{"id": 2}]}) == [{"id": 2}]
    assert untracked_rows([{"id": 3}]) == [{"id": 3}]
    flat = {"untracked_replies": [{"id": 4}], "total_count": 1}
    assert untracked_rows(flat) == [{"id": 4}]


@pytest.mark.parametrize(
    "body", [{"ok": True, "data": {"data": {"replies": None}}}, {"ok": True, "data": "x"}, None]
)
def test_untracked_replies_without_an_array_raise(body: object) -> None:
    response = Response(200, {}, body, "", method="GET", path="/master-inbox/untracked-replies")
    with pytest.raises(ResponseValidationError) as caught:
        UNTRACKED_REPLIES.read(response, UntrackedReply, "M11")
    assert caught.value.endpoint == "M11"


def test_ack_models_read_merged_envelopes() -> None:
    note = InboxNote.from_dict(merge_data({"ok": True, "data": {"id": 1, "note_message": "n"}}))
    assert (note.ok, note.id, note.note_message) == (True, 1, "n")
    bare_task = InboxTask.from_dict(merge_data({"ok": True}))
    assert (bare_task.ok, bare_task.id) == (True, None)
    reminder = InboxReminder.from_dict({"message": "m", "reminder_time": 1767225600000})
    assert reminder.reminder_time == datetime(2026, 1, 1, tzinfo=UTC)

    status = ReplyStatus.from_dict(
        merge_data({"ok": True, "data": {"stats_id": "s", "campaign_lead_map_id": "3"}})
    )
    assert (status.email_stats_id, status.email_lead_map_id) == ("s", 3)

    reply = ReplyResult.from_dict(
        {"ok": True, "message": "queued", "email_stats_id": "e", "reply_message_id": "<r>"}
    )
    assert (reply.email_stats_id, reply.reply_message_id) == ("e", "<r>")
    assert ReplyResult.from_dict({"stats_id": "x", "message_id": "<y>"}).reply_message_id == "<y>"

    sent = SendEmailResult.from_dict(merge_data({"ok": True, "data": {"messageId": "<m>"}}))
    assert (sent.ok, sent.message_id) == (True, "<m>")
    blocked = BlockDomainsResult.from_dict({"addedCount": "2", "alreadyBlocked": 1})
    assert (blocked.blocked, blocked.already_blocked) == (2, 1)


def test_attachment_inputs() -> None:
    assert ReplyAttachment(file_url="https://f.io/x", file_name="x.pdf").to_wire() == {
        "file_url": "https://f.io/x",
        "file_name": "x.pdf",
    }
    assert EmailAttachment(filename="a", content="Zg==", content_type="text/plain").to_wire() == {
        "filename": "a",
        "content": "Zg==",
        "contentType": "text/plain",
    }
