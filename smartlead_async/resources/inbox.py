"""``client.inbox``: the Master Inbox (M1-M22), replies (L12), forwards (C18), sends (U1)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from smartlead_async._envelopes import INBOX_PAGE, paged
from smartlead_async._envelopes import merge_data as merge_data  # re-exported
from smartlead_async._envelopes import untracked_rows as untracked_rows  # re-exported
from smartlead_async._validate import (
    check_choice,
    check_count,
    check_datetime,
    check_emails,
    check_flag,
    check_id,
    check_ids,
    check_list,
    check_name,
    check_number,
    check_optional_id,
    check_range,
    check_text,
    check_time_order,
    check_timestamp,
    drop_none,
    is_valid_email,
)
from smartlead_async.catalog import (
    B4,
    C18,
    L12,
    M1,
    M2,
    M3,
    M4,
    M5,
    M6,
    M7,
    M8,
    M9,
    M10,
    M11,
    M12,
    M13,
    M14,
    M15,
    M16,
    M17,
    M18,
    M19,
    M20,
    M21,
    M22,
    U1,
    Endpoint,
)
from smartlead_async.errors import InvalidTypeError, ValidationError
from smartlead_async.models.common import OkResponse
from smartlead_async.models.inbox import (
    BLOCK_SOURCES,
    INBOX_EMAIL_STATUSES,
    INBOX_VIEWS,
    TASK_PRIORITIES,
    BlockDomainsResult,
    BlockSource,
    EmailAttachment,
    InboxEmailStatus,
    InboxNote,
    InboxReminder,
    InboxReply,
    InboxReplyPage,
    InboxSortBy,
    InboxTask,
    InboxView,
    ReplyAttachment,
    ReplyResult,
    ReplyStatus,
    SendEmailResult,
    TaskPriority,
    UntrackedReply,
)
from smartlead_async.pagination import Page, Paginator, check_page_size
from smartlead_async.resources._base import Resource

#: View name -> Master Inbox row (M1-M10).
VIEW_ROWS: dict[str, Endpoint[InboxReply]] = {
    "all": M1,
    "unread": M2,
    "important": M3,
    "snoozed": M4,
    "scheduled": M5,
    "reminders": M6,
    "archived": M7,
    "sent": M8,
    "assigned_me": M9,
    "views": M10,
}
#: View name -> Master Inbox route (M1-M10).
VIEW_PATHS: dict[str, str] = {view: row.path for view, row in VIEW_ROWS.items()}

_DEFAULT_SORTS = ("REPLY_TIME_DESC", "SENT_TIME_DESC")
_VIEW_SORTS: dict[str, tuple[str, ...]] = {
    "reminders": ("REMINDER_TIME_DESC", "REMINDER_TIME_ASC"),
    "scheduled": ("SCHEDULED_TIME_DESC", "SCHEDULED_TIME_ASC"),
}
_SINGLE_VALUE_VIEWS = frozenset({"assigned_me", "views"})
_NO_HISTORY_VIEWS = frozenset({"reminders", "sent"})

MAX_INBOX_PAGE = M1.paging.maximum if M1.paging else 20
MAX_UNTRACKED_PAGE = M11.paging.maximum if M11.paging else 100
MAX_CAMPAIGN_FILTER = 5
MAX_ACCOUNT_FILTER_ALL = 20
MAX_ACCOUNT_FILTER = 10
MAX_LIST_FILTER = 10
MAX_SEARCH_LENGTH = 30


def _filter_ids(
    name: str, value: int | Sequence[int] | None, *, cap: int | None, single: bool, view: str
) -> int | list[int] | None:
    if value is None:
        return None
    ids = [check_id(name, value)] if isinstance(value, int) else check_ids(name, value)
    if not ids:
        return None
    if single:
        if len(ids) > 1:
            raise ValidationError(
                f"the {view!r} view takes a single value for {name}, got {len(ids)}"
            )
        return ids[0]
    if cap is not None:
        check_count(name, ids, max_items=cap)
    return ids


def _category_ids(
    name: str, value: Sequence[int] | None, single: bool, view: str
) -> list[int] | None:
    """Category id lists stay lists on the wire; single-value views take one id at most."""
    ids = _filter_ids(name, value, cap=MAX_LIST_FILTER, single=single, view=view)
    if ids is None or isinstance(ids, list):
        return ids
    return [ids]


def _email_statuses(
    value: InboxEmailStatus | Sequence[InboxEmailStatus] | None, *, single: bool, view: str
) -> str | list[str] | None:
    if value is None:
        return None
    items: list[str] = (
        [value] if isinstance(value, str) else list(check_list("email_status", value, "statuses"))
    )
    for item in items:
        check_choice("email_status", item, INBOX_EMAIL_STATUSES)
    if not items:
        return None
    if single:
        if len(items) > 1:
            raise ValidationError(f"the {view!r} view takes a single email_status, got {items}")
        return items[0]
    return items


def _reply_time_between(
    value: tuple[datetime | str, datetime | str] | Sequence[datetime | str] | None,
) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Sequence) or len(value) != 2:
        raise ValidationError("reply_time_between must be a (start, end) pair of times")
    start = check_timestamp("reply_time_between[0]", value[0])
    end = check_timestamp("reply_time_between[1]", value[1])
    assert start is not None and end is not None
    check_time_order(
        "reply_time_between start",
        check_datetime("reply_time_between[0]", start),
        "end",
        check_datetime("reply_time_between[1]", end),
    )
    return [start, end]


#: A view's page read whole: its rows and ``total_count``.
_inbox_page = paged(
    INBOX_PAGE, InboxReplyPage, lambda page: page.data, lambda page: page.total_count
)


def _attachments(
    values: Sequence[ReplyAttachment | Mapping[str, Any]] | None,
) -> list[dict[str, Any]] | None:
    if values is None:
        return None
    out: list[dict[str, Any]] = []
    for index, item in enumerate(values):
        if isinstance(item, ReplyAttachment):
            out.append(item.to_wire())
        elif isinstance(item, Mapping):
            url = item.get("file_url")
            if not isinstance(url, str) or not url.strip():
                raise ValidationError(f"attachments[{index}] needs a file_url")
            out.append(dict(item))
        else:
            raise InvalidTypeError(
                f"attachments[{index}] must be a ReplyAttachment or dict, got {type(item).__name__}"
            )
    return out


class InboxResource(Resource):
    """The Master Inbox: list views, conversation actions, replies and one-off sends."""

    def iter_replies(
        self,
        view: InboxView = "all",
        *,
        campaign_ids: int | Sequence[int] | None = None,
        email_account_ids: int | Sequence[int] | None = None,
        category_ids_in: Sequence[int] | None = None,
        category_ids_not_in: Sequence[int] | None = None,
        unassigned: bool | None = None,
        is_assigned: bool | None = None,
        email_status: InboxEmailStatus | Sequence[InboxEmailStatus] | None = None,
        search: str | None = None,
        campaign_team_member_ids: int | Sequence[int] | None = None,
        campaign_tag_ids: int | Sequence[int] | None = None,
        campaign_client_ids: int | Sequence[int] | None = None,
        reply_time_between: tuple[datetime | str, datetime | str] | None = None,
        sort_by: InboxSortBy | None = None,
        fetch_message_history: bool | None = None,
        sub_sequence_id: int | None = None,
        limit: int | None = None,
        offset: int = 0,
        max_items: int | None = None,
    ) -> Paginator[InboxReply]:
        """Conversations of a Master Inbox view. ``POST /master-inbox/inbox-replies`` (M1).

        ``view`` picks the route (M1-M10): ``all`` is ``POST /master-inbox/inbox-replies`` (M1),
        ``unread`` ``POST /master-inbox/unread-replies`` (M2),
        ``important`` ``POST /master-inbox/important`` (M3),
        ``snoozed`` ``POST /master-inbox/snoozed`` (M4),
        ``scheduled`` ``POST /master-inbox/scheduled`` (M5),
        ``reminders`` ``POST /master-inbox/reminders`` (M6),
        ``archived`` ``POST /master-inbox/archived`` (M7),
        ``sent`` ``POST /master-inbox/sent`` (M8),
        ``assigned_me`` ``POST /master-inbox/assigned-me`` (M9),
        ``views`` ``POST /master-inbox/views`` (M10).
        Offset and limit travel in the JSON body; ``limit`` is 1-20 (default 20).
        Limits: at most 5 ``campaign_ids``; ``email_account_ids`` at most 20 on ``all`` and 10
        elsewhere; ``search`` at most 30 characters; the other id lists at most 10 each.
        ``assigned_me`` and ``views`` take single values only; ``sub_sequence_id`` is for
        ``views`` only; ``fetch_message_history`` is not available on ``reminders``/``sent``.
        ``sort_by``: REPLY_TIME_DESC or SENT_TIME_DESC; REMINDER_TIME_DESC/ASC on
        ``reminders``; SCHEDULED_TIME_DESC/ASC on ``scheduled``.
        Pages are read by offset: collect the rows (``to_list()``) before changing what the
        view matches (marking ``unread`` rows read, say), or later pages shift and skip rows.

        Unverified: the M9 view's path has no recorded live answer.
        """
        check_choice("view", view, INBOX_VIEWS)
        page_size = check_page_size(limit, default=MAX_INBOX_PAGE, maximum=MAX_INBOX_PAGE)
        single = view in _SINGLE_VALUE_VIEWS
        sorts = _VIEW_SORTS.get(view, _DEFAULT_SORTS)
        if sort_by is not None and sort_by not in sorts:
            raise ValidationError(
                f"sort_by for the {view!r} view must be one of {', '.join(sorts)}; got {sort_by!r}"
            )
        check_flag("fetch_message_history", fetch_message_history)
        if fetch_message_history and view in _NO_HISTORY_VIEWS:
            raise ValidationError(
                f"fetch_message_history is not available on the {view!r} view; omit it"
            )
        if check_optional_id("sub_sequence_id", sub_sequence_id) is not None and view != "views":
            raise ValidationError("sub_sequence_id is only accepted by the 'views' view")
        account_cap = MAX_ACCOUNT_FILTER_ALL if view == "all" else MAX_ACCOUNT_FILTER
        list_cap = None if view == "sent" else MAX_LIST_FILTER

        def ids(name: str, value: Any, cap: int | None) -> Any:
            return _filter_ids(name, value, cap=cap, single=single, view=view)

        categories = drop_none(
            {
                "unassigned": check_flag("unassigned", unassigned),
                "isAssigned": check_flag("is_assigned", is_assigned),
                "categoryIdsIn": _category_ids("category_ids_in", category_ids_in, single, view),
                "categoryIdsNotIn": _category_ids(
                    "category_ids_not_in", category_ids_not_in, single, view
                ),
            }
        )
        filters = drop_none(
            {
                "search": check_text("search", search, max_length=MAX_SEARCH_LENGTH),
                "leadCategories": categories or None,
                "emailStatus": _email_statuses(email_status, single=single, view=view),
                "campaignId": ids("campaign_ids", campaign_ids, MAX_CAMPAIGN_FILTER),
                "emailAccountId": ids("email_account_ids", email_account_ids, account_cap),
                "campaignTeamMemberId": ids(
                    "campaign_team_member_ids", campaign_team_member_ids, MAX_LIST_FILTER
                ),
                "campaignTagId": ids("campaign_tag_ids", campaign_tag_ids, list_cap),
                "campaignClientId": ids("campaign_client_ids", campaign_client_ids, list_cap),
                "replyTimeBetween": _reply_time_between(reply_time_between),
                "subSequenceId": sub_sequence_id,
            }
        )
        base: dict[str, Any] = drop_none({"sortBy": sort_by, "filters": filters or None})
        row = VIEW_ROWS[view]
        query = {"fetch_message_history": fetch_message_history}

        async def fetch(position: int, size: int) -> Page[InboxReply]:
            body = {"offset": position, "limit": size, **base}
            response = await self._response(row, params=query, json=body)
            with self._reading():
                return _inbox_page(response, position, size)

        return Paginator(fetch, style="short", limit=page_size, start=offset, max_items=max_items)

    def iter_untracked_replies(
        self,
        *,
        fetch_attachments: bool | None = None,
        fetch_body: bool | None = None,
        from_email: str | None = None,
        to_email: str | None = None,
        subject_line: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        max_items: int | None = None,
    ) -> Paginator[UntrackedReply]:
        """Replies that matched no campaign lead. ``GET /master-inbox/untracked-replies`` (M11).

        ``limit`` is 1-100 (default 100 here, the maximum).
        """
        params: dict[str, Any] = {
            "fetchAttachments": check_flag("fetch_attachments", fetch_attachments),
            "fetchBody": check_flag("fetch_body", fetch_body),
            "from_email": check_text("from_email", from_email),
            "to_email": check_text("to_email", to_email),
            "subject_line": check_text("subject_line", subject_line),
        }
        return self._pages(M11, params, limit=limit, start=offset, max_items=max_items)

    async def get(self, lead_map_id: int) -> InboxReply:
        """One conversation by its lead-map id. ``GET /master-inbox/{lead_map_id}`` (M12)."""
        return await self._send(M12, lead_map_id=lead_map_id)

    async def set_read_status(self, lead_map_id: int, read: bool) -> OkResponse:
        """Mark a conversation read or unread. ``PATCH /master-inbox/change-read-status`` (M13)."""
        check_id("lead_map_id", lead_map_id)
        check_flag("read", read, required=True)
        return await self._send(M13, json={"email_lead_map_id": lead_map_id, "read_status": read})

    async def set_category(self, lead_map_id: int, category_id: int | None) -> OkResponse:
        """Set a conversation's category. ``PATCH /master-inbox/update-category`` (M14).

        ``None`` clears it. Category ids are per workspace: read them with
        ``client.leads.list_categories()``.
        """
        check_id("lead_map_id", lead_map_id)
        check_optional_id("category_id", category_id)
        body = {"email_lead_map_id": lead_map_id, "category_id": category_id}
        return await self._send(M14, json=body)

    async def set_revenue(self, lead_map_id: int, revenue: float) -> OkResponse:
        """Record the revenue of a conversation. ``PATCH /master-inbox/update-revenue`` (M15).

        ``revenue`` must be a number >= 0.
        """
        check_id("lead_map_id", lead_map_id)
        check_number("revenue", revenue)
        return await self._send(M15, json={"email_lead_map_id": lead_map_id, "revenue": revenue})

    async def resume_lead(
        self, campaign_id: int, lead_map_id: int, *, delay_days: int | None = None
    ) -> OkResponse:
        """Resume a paused lead from the inbox. ``PATCH /master-inbox/resume-lead`` (M16).

        ``delay_days`` (>= 0) postpones the next step.
        """
        body = drop_none(
            {
                "campaign_id": check_id("campaign_id", campaign_id),
                "email_lead_map_id": check_id("lead_map_id", lead_map_id),
                "resume_delay_days": check_range("delay_days", delay_days, 0),
            }
        )
        return await self._send(M16, json=body)

    async def create_note(self, lead_map_id: int, note: str) -> InboxNote:
        """Add a note to a conversation. ``POST /master-inbox/create-note`` (M17)."""
        body = {
            "email_lead_map_id": check_id("lead_map_id", lead_map_id),
            "note_message": check_name("note", note),
        }
        return await self._send(M17, json=body)

    async def create_task(
        self,
        lead_map_id: int,
        name: str,
        *,
        description: str | None = None,
        priority: TaskPriority | None = None,
        due_date: datetime | date | str | None = None,
    ) -> InboxTask:
        """Add a task to a conversation. ``POST /master-inbox/create-task`` (M18).

        ``priority`` is LOW, MEDIUM or HIGH; ``due_date`` a date or ISO 8601 time.
        """
        body = drop_none(
            {
                "email_lead_map_id": check_id("lead_map_id", lead_map_id),
                "name": check_name("name", name),
                "description": check_text("description", description),
                "priority": check_choice("priority", priority, TASK_PRIORITIES),
                "due_date": check_timestamp("due_date", due_date),
            }
        )
        return await self._send(M18, json=body)

    async def set_reminder(
        self,
        lead_map_id: int,
        *,
        email_stats_id: str,
        message: str,
        reminder_time: datetime | str,
    ) -> InboxReminder:
        """Set a reminder on a message. ``POST /master-inbox/set-reminder`` (M19).

        ``email_stats_id`` comes from the thread (``email_history[].stats_id``).
        """
        body = {
            "email_lead_map_id": check_id("lead_map_id", lead_map_id),
            "email_stats_id": check_name("email_stats_id", email_stats_id),
            "message": check_name("message", message),
            "reminder_time": check_timestamp("reminder_time", reminder_time),
        }
        if body["reminder_time"] is None:
            raise ValidationError("reminder_time is required")
        return await self._send(M19, json=body)

    async def push_to_subsequence(
        self,
        lead_map_id: int,
        sub_sequence_id: int,
        *,
        delay_seconds: int | None = None,
        stop_lead_on_parent_campaign_reply: bool | None = None,
    ) -> OkResponse:
        """Move a lead into a subsequence. ``POST /master-inbox/push-to-subsequence`` (M20).

        ``delay_seconds`` (>= 0) is sent as ``sub_sequence_delay_time``.
        """
        body = drop_none(
            {
                "email_lead_map_id": check_id("lead_map_id", lead_map_id),
                "sub_sequence_id": check_id("sub_sequence_id", sub_sequence_id),
                "sub_sequence_delay_time": check_range("delay_seconds", delay_seconds, 0),
                "stop_lead_on_parent_campaign_reply": check_flag(
                    "stop_lead_on_parent_campaign_reply", stop_lead_on_parent_campaign_reply
                ),
            }
        )
        return await self._send(M20, json=body)

    async def assign_team_member(self, lead_map_id: int, team_member_id: int) -> OkResponse:
        """Assign a conversation. ``POST /master-inbox/update-team-member`` (M21)."""
        body = {
            "email_lead_map_id": check_id("lead_map_id", lead_map_id),
            "team_member_id": check_id("team_member_id", team_member_id),
        }
        return await self._send(M21, json=body)

    async def get_reply_status(self, message_id: str) -> ReplyStatus:
        """Whether a message was replied to. ``GET /master-inbox/reply-status`` (M22).

        ``message_id`` is the RFC 5322 Message-ID of the message.
        """
        params = {"message_id": check_name("message_id", message_id)}
        return await self._send(M22, params=params)

    async def reply(
        self,
        campaign_id: int,
        *,
        email_stats_id: str,
        email_body: str,
        reply_message_id: str | None = None,
        reply_email_body: str | None = None,
        reply_email_time: datetime | str | None = None,
        to_email: str | None = None,
        to_first_name: str | None = None,
        to_last_name: str | None = None,
        cc: str | Sequence[str] | None = None,
        bcc: str | Sequence[str] | None = None,
        scheduled_time: datetime | str | None = None,
        schedule_condition: str | None = None,
        add_signature: bool | None = None,
        seq_type: str | None = None,
        attachments: Sequence[ReplyAttachment | Mapping[str, Any]] | None = None,
    ) -> ReplyResult:
        """Reply in a thread. ``POST /campaigns/{campaign_id}/reply-email-thread`` (L12).

        ``email_stats_id`` is the ``stats_id`` of the message replied to (from message history);
        ``email_body`` is HTML. ``cc``/``bcc`` take a list or a comma-separated string.
        Not retried after the request may have reached the server (a retry could send twice).
        """
        cc_list = check_emails("cc", cc)
        bcc_list = check_emails("bcc", bcc)
        if to_email is not None:
            check_emails("to_email", to_email, min_items=1)
        body = drop_none(
            {
                "email_stats_id": check_name("email_stats_id", email_stats_id),
                "email_body": check_name("email_body", email_body),
                "reply_message_id": check_text("reply_message_id", reply_message_id),
                "reply_email_body": check_text("reply_email_body", reply_email_body),
                "reply_email_time": check_timestamp("reply_email_time", reply_email_time),
                "to_email": to_email,
                "to_first_name": check_text("to_first_name", to_first_name),
                "to_last_name": check_text("to_last_name", to_last_name),
                "cc": ",".join(cc_list) if cc_list else None,
                "bcc": ",".join(bcc_list) if bcc_list else None,
                "scheduled_time": check_timestamp("scheduled_time", scheduled_time),
                "schedule_condition": check_text("schedule_condition", schedule_condition),
                "add_signature": check_flag("add_signature", add_signature),
                "seq_type": check_text("seq_type", seq_type),
                "attachments": _attachments(attachments),
            }
        )
        return await self._send(L12, json=body, campaign_id=campaign_id)

    async def forward(
        self,
        campaign_id: int,
        *,
        message_id: str,
        stats_id: str,
        to_emails: str | Sequence[str],
        body: str | None = None,
        subject: str | None = None,
    ) -> OkResponse:
        """Forward a message of a thread. ``POST /campaigns/{campaign_id}/forward-email`` (C18).

        ``to_emails`` takes a list or a comma-separated string (at least one address);
        ``body``/``subject`` are sent as ``forward_email_body``/``forward_email_subject``.
        """
        recipients = check_emails("to_emails", to_emails, min_items=1)
        assert recipients is not None
        payload = drop_none(
            {
                "message_id": check_name("message_id", message_id),
                "stats_id": check_name("stats_id", stats_id),
                "to_emails": ",".join(recipients),
                "forward_email_body": check_text("body", body),
                "forward_email_subject": check_text("subject", subject),
            }
        )
        return await self._send(C18, json=payload, campaign_id=campaign_id)

    async def block_domains(
        self, domains: Sequence[str], *, source: BlockSource = "manual"
    ) -> BlockDomainsResult:
        """Block sender domains from the inbox. ``POST /master-inbox/block-domains`` (B4).

        At least one domain (``example.com``); ``source`` is manual, bounce, complaint or
        invalid.
        """
        cleaned: list[str] = []
        for index, domain in enumerate(check_list("domains", domains, "domain names")):
            text = check_name(f"domains[{index}]", domain).strip().lower()
            if "." not in text or any(ch.isspace() or ch in "@/:" for ch in text):
                raise ValidationError(f"domains[{index}]: {domain!r} is not a domain name")
            cleaned.append(text)
        check_count("domains", cleaned, min_items=1)
        body = {"domains": cleaned, "source": check_choice("source", source, BLOCK_SOURCES)}
        return await self._send(B4, json=body)

    async def send_email(
        self,
        *,
        to: str,
        subject: str,
        body: str,
        from_email: str | None = None,
        from_email_id: int | None = None,
        from_name: str | None = None,
        reply_to: str | None = None,
        attachments: Sequence[EmailAttachment | Mapping[str, Any]] | None = None,
    ) -> SendEmailResult:
        """Send a one-off email (outside campaigns). ``POST /send-email/initiate`` (U1).

        ``to`` is one address. Give exactly one sender: ``from_email`` (an address) or
        ``from_email_id`` (an email account id). Not retried once the request may have
        reached the server.
        """
        recipient = check_name("to", to).strip()
        if not is_valid_email(recipient):
            raise ValidationError(f"to: {to!r} is not a valid email address (one recipient)")
        if (from_email is None) == (from_email_id is None):
            raise ValidationError("give exactly one of from_email or from_email_id")
        if from_email is not None:
            check_emails("from_email", from_email, min_items=1)
        if reply_to is not None:
            check_emails("reply_to", reply_to, min_items=1)
        files: list[dict[str, Any]] | None = None
        if attachments is not None:
            files = []
            for index, item in enumerate(attachments):
                if isinstance(item, EmailAttachment):
                    files.append(item.to_wire())
                elif isinstance(item, Mapping) and item.get("filename") and item.get("content"):
                    files.append(dict(item))
                else:
                    raise ValidationError(
                        f"attachments[{index}] must be an EmailAttachment or a dict with "
                        "filename and content (base64)"
                    )
        payload = drop_none(
            {
                "to": recipient,
                "subject": check_name("subject", subject),
                "body": check_name("body", body),
                "fromEmail": from_email,
                "fromEmailId": check_optional_id("from_email_id", from_email_id),
                "fromName": check_text("from_name", from_name),
                "replyTo": reply_to,
                "attachments": files,
            }
        )
        return await self._send(U1, json=payload)
