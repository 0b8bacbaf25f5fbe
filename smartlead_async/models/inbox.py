"""Master Inbox models (catalog section 8), replies (L12), forwards (C18) and one-off sends (U1).

The list views answer ``{ok?, data: [row], offset, limit}`` (live) or the DOCS placeholder
``{messages: [row], total_count, offset, limit}``; :class:`InboxReplyPage` reads both. A row's
id is ``email_lead_map_id`` (legacy/OCLI) or ``campaign_lead_map_id`` (S0, DOCS).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, get_args

import attrs

from smartlead_async.models.common import Addresses, FlexibleId, Model, wire

#: The ten Master Inbox list views (M1-M10); ``"all"`` is ``/master-inbox/inbox-replies``.
InboxView = Literal[
    "all",
    "unread",
    "important",
    "snoozed",
    "scheduled",
    "reminders",
    "archived",
    "sent",
    "assigned_me",
    "views",
]

#: Sort orders; which ones a view accepts depends on the view (see ``iter_replies``).
InboxSortBy = Literal[
    "REPLY_TIME_DESC",
    "SENT_TIME_DESC",
    "REMINDER_TIME_DESC",
    "REMINDER_TIME_ASC",
    "SCHEDULED_TIME_DESC",
    "SCHEDULED_TIME_ASC",
]

#: The Master Inbox ``emailStatus`` filter values (capitalised, unlike statistics).
InboxEmailStatus = Literal[
    "Opened", "Clicked", "Replied", "Unsubscribed", "Bounced", "Accepted", "Not Replied"
]

#: Priority of a Master Inbox task (M18).
TaskPriority = Literal["LOW", "MEDIUM", "HIGH"]

#: Where a blocked domain came from (B4).
BlockSource = Literal["manual", "bounce", "complaint", "invalid"]

INBOX_VIEWS: tuple[str, ...] = get_args(InboxView)
INBOX_EMAIL_STATUSES: tuple[str, ...] = get_args(InboxEmailStatus)
TASK_PRIORITIES: tuple[str, ...] = get_args(TaskPriority)
BLOCK_SOURCES: tuple[str, ...] = get_args(BlockSource)


@attrs.frozen(kw_only=True, slots=False)
class InboxMessage(Model):
    """One email of a thread (``email_history[]`` with ``fetch_message_history=True``)."""

    stats_id: str | None = None
    message_id: str | None = None
    type: str | None = None
    from_email: str | None = wire("from", "from_email")
    to_email: Addresses | None = wire("to", "to_email")
    cc: Addresses | None = None
    bcc: Addresses | None = None
    subject: str | None = None
    email_body: str | None = wire("email_body", "body")
    time: datetime | None = None
    email_seq_number: int | None = None
    open_count: int | None = None
    click_count: int | None = None
    click_details: Any = None


@attrs.frozen(kw_only=True, slots=False)
class InboxNote(Model):
    """A note on a conversation (M17; listed by M12)."""

    id: int | None = None
    note_message: str | None = wire("note_message", "message", "note")
    created_at: datetime | None = None
    ok: bool | None = None


@attrs.frozen(kw_only=True, slots=False)
class InboxTask(Model):
    """A task on a conversation (M18; listed by M12)."""

    id: int | None = None
    name: str | None = None
    description: str | None = None
    priority: str | None = None
    due_date: datetime | None = None
    created_at: datetime | None = None
    ok: bool | None = None


@attrs.frozen(kw_only=True, slots=False)
class InboxReminder(Model):
    """A reminder on one message of a conversation (M19; listed by M6 and M12)."""

    id: int | None = None
    email_stats_id: str | None = None
    message: str | None = None
    reminder_time: datetime | None = None
    created_at: datetime | None = None
    ok: bool | None = None


@attrs.frozen(kw_only=True, slots=False)
class ScheduledEmail(Model):
    """A reply scheduled for later (L12 with ``scheduled_time``; listed by M5 and M12)."""

    id: int | None = None
    email_stats_id: str | None = None
    subject: str | None = None
    email_body: str | None = None
    scheduled_time: datetime | None = None
    created_at: datetime | None = None


@attrs.frozen(kw_only=True, slots=False)
class InboxReply(Model):
    """One Master Inbox conversation row (a lead x campaign); the id is ``email_lead_map_id``."""

    email_lead_map_id: int = wire(
        "email_lead_map_id", "campaign_lead_map_id", default=attrs.NOTHING
    )
    email_lead_id: int | None = wire("email_lead_id", "lead_id")
    lead_first_name: str | None = None
    lead_last_name: str | None = None
    lead_email: str | None = None
    lead_status: str | None = None
    lead_category_id: int | None = None
    email_campaign_id: int | None = wire("email_campaign_id", "campaign_id")
    email_campaign_name: str | None = wire("email_campaign_name", "campaign_name")
    email_account_id: int | None = None
    client_id: int | None = None
    team_member_id: int | None = None
    last_sent_time: datetime | None = None
    last_reply_time: datetime | None = None
    lead_next_timestamp_to_send: datetime | None = None
    has_new_unread_email: bool | None = None
    is_important: bool | None = None
    is_archived: bool | None = None
    is_snoozed: bool | None = None
    is_ooo_automated_push_lead: bool | None = None
    revenue: float | None = None
    current_sequence_number: int | None = None
    sequence_count: int | None = None
    email_campaign_seq_id: int | None = None
    sub_sequence_id: int | None = None
    is_pushed_to_sub_sequence: bool | None = None
    belongs_to_sub_sequence: bool | None = None
    old_replaced_lead_data: Any = None
    campaign_sending_schedule: Any = None
    email_history: list[InboxMessage] = wire("email_history", factory=list)
    notes: list[InboxNote] = wire("notes", factory=list)
    tasks: list[InboxTask] = wire("tasks", factory=list)
    reminders: list[InboxReminder] = wire("reminders", factory=list)
    scheduled_emails: list[ScheduledEmail] = wire("scheduled_emails", factory=list)


@attrs.frozen(kw_only=True, slots=False)
class InboxReplyPage(Model):
    """One page of a Master Inbox view: rows under ``data`` (live) or ``messages`` (DOCS)."""

    data: list[InboxReply] = wire("data", "messages", factory=list)
    offset: int | None = None
    limit: int | None = None
    total_count: int | None = wire("total_count", "total")
    ok: bool | None = None


@attrs.frozen(kw_only=True, slots=False)
class UntrackedReply(Model):
    """A reply that matched no campaign lead (M11)."""

    id: FlexibleId | None = None
    from_email: str | None = wire("from_email", "from")
    to_email: Addresses | None = wire("to_email", "to")
    subject: str | None = wire("subject", "subject_line")
    body: str | None = wire("body", "email_body")
    visible_text: str | None = None
    time: datetime | None = wire("time", "reply_picked_time", "received_at", "created_at")
    recipient_detail: Any = None
    message_id: str | None = None
    email_account_id: int | None = None
    attachments: list[Any] = wire("attachments", factory=list)


@attrs.frozen(kw_only=True, slots=False)
class ReplyStatus(Model):
    """Where a message stands, looked up by its RFC 5322 Message-ID (M22)."""

    message_id: str | None = None
    replied: bool | None = None
    status: str | None = None
    type: str | None = None
    email_stats_id: str | None = wire("email_stats_id", "stats_id")
    email_lead_map_id: int | None = wire("email_lead_map_id", "campaign_lead_map_id")
    campaign_id: int | None = wire("campaign_id", "email_campaign_id")
    time: datetime | None = None


@attrs.frozen(kw_only=True, slots=False)
class ReplyResult(Model):
    """The answer to a reply in a thread (L12): ids of the stored reply."""

    ok: bool | None = None
    message: str | None = None
    email_stats_id: str | None = wire("email_stats_id", "stats_id")
    reply_message_id: str | None = wire("reply_message_id", "message_id")
    scheduled_id: int | None = None
    scheduled_time: datetime | None = None


@attrs.frozen(kw_only=True, slots=False)
class SendEmailResult(Model):
    """The answer to a one-off send (U1)."""

    ok: bool | None = None
    message: str | None = None
    message_id: str | None = wire("message_id", "messageId")
    status: str | None = None
    from_email: str | None = wire("from", "fromEmail", "from_email")
    to: str | None = None


@attrs.frozen(kw_only=True, slots=False)
class BlockDomainsResult(Model):
    """The answer to blocking domains from the inbox (B4)."""

    ok: bool | None = None
    message: str | None = None
    blocked: int | None = wire("blocked", "blocked_count", "added_count", "addedCount")
    already_blocked: int | None = wire("already_blocked", "alreadyBlocked")


@attrs.frozen(kw_only=True)
class ReplyAttachment:
    """A file attached to a reply (L12) by URL."""

    file_url: str
    file_name: str | None = None
    file_type: str | None = None
    file_size: int | None = None

    def to_wire(self) -> dict[str, Any]:
        """The JSON object of ``attachments[]``."""
        body: dict[str, Any] = {"file_url": self.file_url}
        for name in ("file_name", "file_type", "file_size"):
            value = getattr(self, name)
            if value is not None:
                body[name] = value
        return body


@attrs.frozen(kw_only=True)
class EmailAttachment:
    """A file attached to a one-off send (U1): base64 content inline."""

    filename: str
    content: str
    content_type: str | None = None

    def to_wire(self) -> dict[str, Any]:
        """The JSON object of ``attachments[]`` (camelCase like the rest of U1)."""
        body: dict[str, Any] = {"filename": self.filename, "content": self.content}
        if self.content_type is not None:
            body["contentType"] = self.content_type
        return body


__all__ = [
    "BLOCK_SOURCES",
    "INBOX_EMAIL_STATUSES",
    "INBOX_VIEWS",
    "TASK_PRIORITIES",
    "BlockDomainsResult",
    "BlockSource",
    "EmailAttachment",
    "InboxEmailStatus",
    "InboxMessage",
    "InboxNote",
    "InboxReminder",
    "InboxReply",
    "InboxReplyPage",
    "InboxSortBy",
    "InboxTask",
    "InboxView",
    "ReplyAttachment",
    "ReplyResult",
    "ReplyStatus",
    "ScheduledEmail",
    "SendEmailResult",
    "TaskPriority",
    "UntrackedReply",
]
