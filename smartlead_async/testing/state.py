"""In-memory domain state of the sandbox: entity classes, id counters and indexes.

Everything a route handler needs is reachable from one :class:`SandboxState`. Lookups are by
id or by lowercase email through dictionaries; ordered collections (a campaign's leads, a lead
list's members) are :class:`OrderedIds`, which page by slicing, so no request scans all leads.
"""

from __future__ import annotations

import itertools
import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final, Literal

CAMPAIGN_STATUSES: Final = ("DRAFTED", "ACTIVE", "PAUSED", "STOPPED", "COMPLETED", "ARCHIVED")
CAMPAIGN_STATUS_INPUTS: Final = ("START", "PAUSED", "STOPPED")
LEAD_STATUSES: Final = ("STARTED", "INPROGRESS", "COMPLETED", "PAUSED", "STOPPED", "BLOCKED")
TRACK_SETTINGS: Final = (
    "DONT_TRACK_EMAIL_OPEN",
    "DONT_TRACK_LINK_CLICK",
    "DONT_TRACK_REPLY_TO_AN_EMAIL",
)
STOP_LEAD_SETTINGS: Final = ("REPLY_TO_AN_EMAIL", "CLICK_ON_A_LINK", "OPEN_AN_EMAIL")
ACCOUNT_TYPES: Final = ("GMAIL", "OUTLOOK", "SMTP", "ZOHO")
MessageType = Literal["SENT", "REPLY"]

USER_ID: Final = 4242
"""The ``user_id`` every sandbox object belongs to (one workspace)."""


def utcnow() -> datetime:
    """The default sandbox clock: aware UTC now, at millisecond precision like the wire format."""
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


class OrderedIds:
    """Insertion-ordered set of ids with O(1) add/contains and slice-based paging.

    Removal is O(1) too; it only invalidates a cached list that is rebuilt on the next page.
    """

    __slots__ = ("_cache", "_order")

    def __init__(self, ids: Iterator[int] | list[int] | None = None) -> None:
        self._order: dict[int, None] = dict.fromkeys(ids or ())
        self._cache: list[int] | None = None

    def add(self, item: int) -> None:
        if item in self._order:
            return
        self._order[item] = None
        if self._cache is not None:
            self._cache.append(item)

    def discard(self, item: int) -> None:
        if item in self._order:
            del self._order[item]
            self._cache = None

    def page(self, offset: int, limit: int) -> list[int]:
        """Ids at positions ``offset`` .. ``offset + limit - 1`` (insertion order)."""
        return self.as_list()[offset : offset + limit]

    def as_list(self) -> list[int]:
        """All ids in insertion order (cached; do not mutate the result)."""
        if self._cache is None:
            self._cache = list(self._order)
        return self._cache

    def __contains__(self, item: object) -> bool:
        return item in self._order

    def __len__(self) -> int:
        return len(self._order)

    def __iter__(self) -> Iterator[int]:
        return iter(self.as_list())


# --------------------------------------------------------------------------- entities


@dataclass(slots=True)
class SequenceVariant:
    """One A/B variant of a sequence step."""

    id: int
    subject: str
    email_body: str
    variant_label: str
    variant_distribution_percentage: int | None = None


@dataclass(slots=True)
class Sequence:
    """One step of a campaign's sequence."""

    id: int
    campaign_id: int
    seq_number: int
    subject: str
    email_body: str
    delay_in_days: int
    created_at: datetime
    updated_at: datetime
    variants: list[SequenceVariant] = field(default_factory=list)


@dataclass(slots=True)
class Schedule:
    """A campaign's sending schedule (flat form, R3)."""

    timezone: str = "America/New_York"
    days_of_the_week: list[int] = field(default_factory=lambda: [1, 2, 3, 4, 5])
    start_hour: str = "09:00"
    end_hour: str = "18:00"
    min_time_btw_emails: int = 10
    max_new_leads_per_day: int = 20
    schedule_start_time: str | None = None


@dataclass(slots=True)
class Campaign:
    """A campaign with its ordered enrolments (``lead_map_ids``) and sender accounts."""

    id: int
    name: str
    created_at: datetime
    updated_at: datetime
    status: str = "DRAFTED"
    client_id: int | None = None
    parent_campaign_id: int | None = None
    track_settings: list[str] = field(default_factory=list)
    stop_lead_settings: str = "REPLY_TO_AN_EMAIL"
    unsubscribe_text: str = ""
    send_as_plain_text: bool = False
    follow_up_percentage: int = 100
    enable_ai_esp_matching: bool = False
    schedule: Schedule = field(default_factory=Schedule)
    extra_settings: dict[str, Any] = field(default_factory=dict)
    team_member_id: int | None = None
    tag_ids: list[int] = field(default_factory=list)
    sequences: list[Sequence] = field(default_factory=list)
    email_account_ids: list[int] = field(default_factory=list)
    lead_map_ids: OrderedIds = field(default_factory=OrderedIds)
    map_by_lead_id: dict[int, int] = field(default_factory=dict)
    deleted: bool = False


@dataclass(slots=True)
class Lead:
    """A workspace lead (one per email address)."""

    id: int
    email: str
    created_at: datetime
    first_name: str = ""
    last_name: str = ""
    phone_number: str | None = None
    company_name: str | None = None
    website: str | None = None
    location: str | None = None
    linkedin_profile: str | None = None
    company_url: str | None = None
    custom_fields: dict[str, Any] = field(default_factory=dict)
    is_unsubscribed: bool = False
    unsubscribed_client_id_map: dict[str, bool] = field(default_factory=dict)
    client_id: int | None = None
    map_ids: list[int] = field(default_factory=list)
    list_ids: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Note:
    """A Master Inbox note on a campaign lead (M17)."""

    id: int
    message: str
    created_at: datetime


@dataclass(slots=True)
class Task:
    """A Master Inbox task on a campaign lead (M18)."""

    id: int
    name: str
    created_at: datetime
    description: str = ""
    priority: str = "MEDIUM"
    due_date: str | None = None


@dataclass(slots=True)
class Reminder:
    """A Master Inbox reminder on a message (M19)."""

    id: int
    email_stats_id: str
    message: str
    reminder_time: datetime
    created_at: datetime


@dataclass(slots=True)
class ScheduledEmail:
    """A reply scheduled for later (L12 with ``scheduled_time``); shown by the scheduled view."""

    id: int
    email_stats_id: str
    email_body: str
    scheduled_time: datetime
    created_at: datetime
    subject: str = ""


@dataclass(slots=True)
class CampaignLead:
    """The lead x campaign row (``campaign_lead_map_id`` = ``email_lead_map_id``).

    Carries the enrolment status, category, per-lead engagement flags kept in sync with
    :class:`Message` by :meth:`SandboxState.add_message` and the record_* methods, and the
    Master Inbox flags.
    """

    id: int
    campaign_id: int
    lead_id: int
    created_at: datetime
    updated_at: datetime
    status: str = "STARTED"
    category_id: int | None = None
    email_account_id: int | None = None
    is_unsubscribed: bool = False
    current_sequence_number: int = 0
    sent_count: int = 0
    open_count: int = 0
    click_count: int = 0
    reply_count: int = 0
    is_bounced: bool = False
    last_sent_time: datetime | None = None
    last_reply_time: datetime | None = None
    last_event_time: datetime | None = None
    next_send_time: datetime | None = None
    # Master Inbox
    has_new_unread_email: bool = False
    is_important: bool = False
    is_snoozed: bool = False
    snoozed_until: datetime | None = None
    is_archived: bool = False
    revenue: float | None = None
    team_member_id: int | None = None
    sub_sequence_id: int | None = None
    is_pushed_to_sub_sequence: bool = False
    notes: list[Note] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    reminders: list[Reminder] = field(default_factory=list)
    scheduled: list[ScheduledEmail] = field(default_factory=list)


@dataclass(slots=True)
class Message:
    """One email of a thread: a SENT step (or manual reply) or a REPLY received from the lead.

    For SENT rows, ``open_time``/``click_time``/``reply_time`` hold the first open, first click
    and the time the lead replied to it (statistics A1); ``is_manual`` marks a reply typed in the
    inbox (not a sequence step). Bounce notices are REPLY rows from mailer-daemon with
    ``is_bounce_notice`` set (they are not lead replies) and ``is_bounced`` on the SENT row.
    """

    stats_id: str
    message_id: str
    campaign_id: int
    map_id: int
    lead_id: int
    type: MessageType
    time: datetime
    subject: str
    body: str
    seq_number: int
    from_email: str
    to_email: str
    email_account_id: int | None = None
    cc: str | None = None
    open_count: int = 0
    click_count: int = 0
    click_details: dict[str, int] = field(default_factory=dict)
    open_time: datetime | None = None
    click_time: datetime | None = None
    reply_time: datetime | None = None
    is_bounced: bool = False
    is_unsubscribed: bool = False
    is_manual: bool = False
    is_bounce_notice: bool = False
    in_reply_to: str | None = None


@dataclass(slots=True)
class WarmupSettings:
    """Warmup configuration and the 7-day stats source of an email account."""

    enabled: bool = False
    status: str = "INACTIVE"
    total_warmup_per_day: int = 20
    daily_rampup: int = 5
    reply_rate_percentage: int = 30
    warmup_key_id: str | None = None
    auto_adjust_warmup: bool = False
    is_rampup_enabled: bool = False
    reputation: int = 100
    total_sent_count: int = 0
    total_spam_count: int = 0
    blocked_reason: str | None = None
    is_warmup_blocked: bool = False


@dataclass(slots=True)
class EmailAccount:
    """A sender mailbox. ``password``/``imap_password`` must never reach a log."""

    id: int
    from_name: str
    from_email: str
    username: str
    created_at: datetime
    updated_at: datetime
    type: str = "SMTP"
    password: str = field(default="", repr=False)
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_port_type: str = "TLS"
    imap_host: str = ""
    imap_port: int = 993
    imap_port_type: str = "SSL"
    imap_username: str | None = None
    imap_password: str | None = field(default=None, repr=False)
    message_per_day: int = 50
    daily_sent_count: int = 0
    different_reply_to_address: str | None = None
    signature: str = ""
    custom_tracking_url: str | None = None
    bcc: str | None = None
    time_to_wait_in_mins: int = 3
    client_id: int | None = None
    is_suspended: bool = False
    is_smtp_success: bool = True
    is_imap_success: bool = True
    smtp_failure_error: str | None = None
    imap_failure_error: str | None = None
    warmup: WarmupSettings = field(default_factory=WarmupSettings)
    tag_ids: list[int] = field(default_factory=list)
    campaign_ids: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Tag:
    """A tag (email-account tags T1-T6, campaign tags, CRM lead tags N3-N5, lead-list tags)."""

    id: int
    name: str
    color: str
    created_at: datetime


@dataclass(slots=True)
class LeadTagMapping:
    """A CRM tag attached to a lead (N3-N5)."""

    id: int
    lead_id: int
    tag_id: int
    created_at: datetime


@dataclass(slots=True)
class Category:
    """A lead category (per workspace)."""

    id: int
    name: str
    created_at: datetime
    sentiment_type: str | None = None


@dataclass(slots=True)
class BlockListEntry:
    """A global (or client-scoped) block-list entry: an email address or a domain."""

    id: int
    email_or_domain: str
    created_at: datetime
    source: str = "manual"
    client_id: int | None = None


@dataclass(slots=True)
class Client:
    """An agency client (white-label)."""

    id: int
    name: str
    email: str
    uuid: str
    created_at: datetime
    permission: list[str] = field(default_factory=lambda: ["full_access"])
    logo: str | None = None
    logo_url: str | None = None
    password: str | None = field(default=None, repr=False)
    is_credit_assigned: bool = False
    email_credits: int | None = None
    lead_credits: int | None = None


@dataclass(slots=True)
class ClientApiKey:
    """An API key issued to a client (K3-K6); an active key also authenticates requests."""

    id: int
    client_id: int
    key_name: str
    api_key: str = field(repr=False)
    created_at: datetime = field(default_factory=utcnow)
    status: str = "active"


@dataclass(slots=True)
class LeadList:
    """A Lead List with its ordered members (workspace lead ids)."""

    id: int
    name: str
    created_at: datetime
    updated_at: datetime
    tag_ids: list[int] = field(default_factory=list)
    lead_ids: OrderedIds = field(default_factory=OrderedIds)


@dataclass(slots=True)
class Webhook:
    """A webhook: campaign-scoped (W1-W5) or account-level (W6-W9, ``association_type``)."""

    id: int
    name: str
    webhook_url: str
    created_at: datetime
    updated_at: datetime
    event_types: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    campaign_id: int | None = None
    client_id: int | None = None
    association_type: str = "campaign"
    webhook_type: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class WebhookDelivery:
    """One (simulated) webhook delivery attempt, for summary and retrigger (W4, W5)."""

    id: int
    webhook_id: int
    campaign_id: int | None
    event_type: str
    time: datetime
    status: Literal["success", "failed"] = "success"
    attempts: int = 1


@dataclass(slots=True)
class UntrackedReply:
    """A reply that matched no campaign lead (M11)."""

    id: int
    from_email: str
    to_email: str
    subject: str
    body: str
    time: datetime
    email_account_id: int | None = None


@dataclass(slots=True)
class TeamMember:
    """A workspace team member (inbox assignment, campaign team member)."""

    id: int
    name: str
    email: str


# --------------------------------------------------------------------------- the state


class SandboxState:
    """All sandbox data plus indexes; not thread-safe (one event loop owns it).

    Mutate through the methods when an index is involved (adding leads, enrolments, messages,
    block-list entries, accounts); plain attribute changes are fine otherwise.
    """

    def __init__(
        self,
        *,
        seed: int = 0,
        import_cap: int = 400,
        lead_limit: int | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        if import_cap < 1:
            raise ValueError(f"import_cap must be at least 1, got {import_cap}")
        if lead_limit is not None and lead_limit < 0:
            raise ValueError(f"lead_limit must be None or >= 0, got {lead_limit}")
        self.clock = clock
        self.rng = random.Random(seed)
        self.import_cap = import_cap
        self.lead_limit = lead_limit
        self.lead_uploads = 0
        """Rows uploaded so far (campaign and list imports); compared to ``lead_limit``."""
        self._counters: dict[str, itertools.count[int]] = {}

        self.campaigns: dict[int, Campaign] = {}
        self.leads: dict[int, Lead] = {}
        self.lead_ids = OrderedIds()
        """Workspace lead ids in creation (= ascending id) order."""
        self.leads_by_email: dict[str, int] = {}
        self.campaign_leads: dict[int, CampaignLead] = {}
        self.messages: dict[str, Message] = {}
        self.messages_by_message_id: dict[str, str] = {}
        self.messages_by_map: dict[int, list[str]] = {}
        self.messages_by_campaign: dict[int, list[str]] = {}
        self.email_accounts: dict[int, EmailAccount] = {}
        self.email_accounts_by_email: dict[str, int] = {}
        self.tags: dict[int, Tag] = {}
        self.lead_tag_mappings: dict[int, LeadTagMapping] = {}
        self.categories: dict[int, Category] = {}
        self.block_list: dict[int, BlockListEntry] = {}
        self.block_index: dict[str, list[int]] = {}
        self.clients: dict[int, Client] = {}
        self.client_api_keys: dict[int, ClientApiKey] = {}
        self.lead_lists: dict[int, LeadList] = {}
        self.webhooks: dict[int, Webhook] = {}
        self.webhook_deliveries: list[WebhookDelivery] = []
        self.untracked_replies: list[UntrackedReply] = []
        self.team_members: dict[int, TeamMember] = {}

    # ----------------------------------------------------------------- ids and helpers

    _ID_STARTS: Final = {
        "campaign": 3001,
        "sequence": 70001,
        "variant": 90001,
        "lead": 1_000_001,
        "campaign_lead": 5_000_001,
        "email_account": 201,
        "tag": 11,
        "lead_tag_mapping": 501,
        "category": 1,
        "block": 801,
        "client": 31,
        "client_api_key": 61,
        "lead_list": 401,
        "webhook": 151,
        "webhook_delivery": 1,
        "note": 1,
        "task": 1,
        "reminder": 1,
        "scheduled": 1,
        "untracked": 1,
        "team_member": 7,
    }

    def next_id(self, kind: str) -> int:
        """Next id for an entity kind (``"campaign"``, ``"lead"``, ...); deterministic."""
        counter = self._counters.get(kind)
        if counter is None:
            counter = itertools.count(self._ID_STARTS.get(kind, 1))
            self._counters[kind] = counter
        return next(counter)

    def now(self) -> datetime:
        """The sandbox clock (aware UTC)."""
        return self.clock()

    def new_uuid(self) -> str:
        """A deterministic (seeded) UUID4 string."""
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    # ----------------------------------------------------------------- campaigns

    def live_campaign(self, campaign_id: int) -> Campaign | None:
        """The campaign unless missing or deleted."""
        camp = self.campaigns.get(campaign_id)
        return None if camp is None or camp.deleted else camp

    def add_campaign(
        self,
        name: str,
        *,
        client_id: int | None = None,
        parent_campaign_id: int | None = None,
        created_at: datetime | None = None,
    ) -> Campaign:
        """Create a DRAFTED campaign."""
        when = created_at or self.now()
        camp = Campaign(
            id=self.next_id("campaign"),
            name=name,
            created_at=when,
            updated_at=when,
            client_id=client_id,
            parent_campaign_id=parent_campaign_id,
        )
        self.campaigns[camp.id] = camp
        self.messages_by_campaign[camp.id] = []
        return camp

    def delete_campaign(self, camp: Campaign) -> None:
        """Mark deleted, drop its enrolments and sequences, detach (not delete) its senders."""
        for map_id in list(camp.lead_map_ids):
            self.remove_campaign_lead(self.campaign_leads[map_id])
        camp.sequences.clear()
        for account_id in camp.email_account_ids:
            account = self.email_accounts.get(account_id)
            if account is not None and camp.id in account.campaign_ids:
                account.campaign_ids.remove(camp.id)
        camp.email_account_ids.clear()
        camp.deleted = True
        camp.updated_at = self.now()

    def attach_accounts(self, camp: Campaign, account_ids: list[int]) -> None:
        """Attach sender accounts (ids must exist)."""
        for account_id in account_ids:
            if account_id not in camp.email_account_ids:
                camp.email_account_ids.append(account_id)
            account = self.email_accounts[account_id]
            if camp.id not in account.campaign_ids:
                account.campaign_ids.append(camp.id)

    def detach_accounts(self, camp: Campaign, account_ids: list[int]) -> None:
        """Detach sender accounts; unknown or unattached ids are ignored."""
        for account_id in account_ids:
            if account_id in camp.email_account_ids:
                camp.email_account_ids.remove(account_id)
            account = self.email_accounts.get(account_id)
            if account is not None and camp.id in account.campaign_ids:
                account.campaign_ids.remove(camp.id)

    def new_sequence(
        self,
        camp: Campaign,
        seq_number: int,
        subject: str,
        email_body: str,
        delay_in_days: int,
        variants: list[tuple[str, str, str]] | None = None,
    ) -> Sequence:
        """Build a sequence step (variants as ``(label, subject, body)``); caller stores it."""
        now = self.now()
        return Sequence(
            id=self.next_id("sequence"),
            campaign_id=camp.id,
            seq_number=seq_number,
            subject=subject,
            email_body=email_body,
            delay_in_days=delay_in_days,
            created_at=now,
            updated_at=now,
            variants=[
                SequenceVariant(self.next_id("variant"), subj, body, label)
                for label, subj, body in variants or []
            ],
        )

    # ----------------------------------------------------------------- leads

    def lead_by_email(self, email: str) -> Lead | None:
        """Workspace lead by email, case-insensitively."""
        lead_id = self.leads_by_email.get(email.strip().lower())
        return None if lead_id is None else self.leads[lead_id]

    def add_lead(self, email: str, **fields: Any) -> Lead:
        """Create a workspace lead; the email must not exist yet (see :meth:`lead_by_email`)."""
        key = email.strip().lower()
        if key in self.leads_by_email:
            raise ValueError(f"lead {email!r} already exists")
        created_at = fields.pop("created_at", None) or self.now()
        lead = Lead(id=self.next_id("lead"), email=email.strip(), created_at=created_at, **fields)
        self.leads[lead.id] = lead
        self.lead_ids.add(lead.id)
        self.leads_by_email[key] = lead.id
        return lead

    def change_lead_email(self, lead: Lead, email: str) -> None:
        """Re-key a lead under a new email (which must not belong to another lead)."""
        key = email.strip().lower()
        owner = self.leads_by_email.get(key)
        if owner is not None and owner != lead.id:
            raise ValueError(f"email {email!r} belongs to lead {owner}")
        self.leads_by_email.pop(lead.email.lower(), None)
        self.leads_by_email[key] = lead.id
        lead.email = email.strip()

    def enrol(
        self,
        camp: Campaign,
        lead: Lead,
        *,
        created_at: datetime | None = None,
        email_account_id: int | None = None,
    ) -> CampaignLead:
        """Add a lead to a campaign (it must not be enrolled yet)."""
        if lead.id in camp.map_by_lead_id:
            raise ValueError(f"lead {lead.id} is already in campaign {camp.id}")
        when = created_at or self.now()
        if email_account_id is None and camp.email_account_ids:
            email_account_id = camp.email_account_ids[
                len(camp.lead_map_ids) % len(camp.email_account_ids)
            ]
        row = CampaignLead(
            id=self.next_id("campaign_lead"),
            campaign_id=camp.id,
            lead_id=lead.id,
            created_at=when,
            updated_at=when,
            email_account_id=email_account_id,
            is_unsubscribed=lead.is_unsubscribed,
        )
        self.campaign_leads[row.id] = row
        self.messages_by_map[row.id] = []
        camp.lead_map_ids.add(row.id)
        camp.map_by_lead_id[lead.id] = row.id
        lead.map_ids.append(row.id)
        return row

    def campaign_lead(self, camp: Campaign, lead_id: int) -> CampaignLead | None:
        """The enrolment of workspace lead ``lead_id`` in ``camp``."""
        map_id = camp.map_by_lead_id.get(lead_id)
        return None if map_id is None else self.campaign_leads[map_id]

    def remove_campaign_lead(self, row: CampaignLead) -> None:
        """Delete an enrolment (the workspace lead and its messages stay)."""
        camp = self.campaigns[row.campaign_id]
        camp.lead_map_ids.discard(row.id)
        camp.map_by_lead_id.pop(row.lead_id, None)
        lead = self.leads.get(row.lead_id)
        if lead is not None and row.id in lead.map_ids:
            lead.map_ids.remove(row.id)
        self.campaign_leads.pop(row.id, None)

    def unsubscribe_lead(self, lead: Lead) -> None:
        """Global unsubscribe: flag the lead and stop every enrolment."""
        lead.is_unsubscribed = True
        for map_id in lead.map_ids:
            row = self.campaign_leads[map_id]
            row.is_unsubscribed = True
            if row.status not in ("COMPLETED", "BLOCKED"):
                row.status = "STOPPED"
            row.updated_at = self.now()

    # ----------------------------------------------------------------- messages

    def add_message(
        self,
        row: CampaignLead,
        type_: MessageType,
        *,
        time: datetime,
        subject: str,
        body: str,
        seq_number: int,
        from_email: str,
        to_email: str,
        email_account_id: int | None = None,
        cc: str | None = None,
        in_reply_to: str | None = None,
        is_manual: bool = False,
        is_bounce_notice: bool = False,
    ) -> Message:
        """Append a message to a lead's thread and update the enrolment's counters.

        A REPLY with ``is_bounce_notice`` is the mailer-daemon notice: it is not counted as a
        reply (use :meth:`record_bounce` on the SENT message).
        """
        stats_id = self.new_uuid()
        msg = Message(
            stats_id=stats_id,
            message_id=f"<{stats_id}@mail.sandbox.smartlead.test>",
            campaign_id=row.campaign_id,
            map_id=row.id,
            lead_id=row.lead_id,
            type=type_,
            time=time,
            subject=subject,
            body=body,
            seq_number=seq_number,
            from_email=from_email,
            to_email=to_email,
            email_account_id=email_account_id,
            cc=cc,
            in_reply_to=in_reply_to,
            is_manual=is_manual,
            is_bounce_notice=is_bounce_notice,
        )
        self.messages[stats_id] = msg
        self.messages_by_message_id[msg.message_id] = stats_id
        self.messages_by_map.setdefault(row.id, []).append(stats_id)
        self.messages_by_campaign.setdefault(row.campaign_id, []).append(stats_id)
        if type_ == "SENT":
            row.sent_count += 1
            row.last_sent_time = time
            row.current_sequence_number = max(row.current_sequence_number, seq_number)
            if row.status == "STARTED":
                row.status = "INPROGRESS"
        elif not is_bounce_notice:
            row.reply_count += 1
            row.last_reply_time = time
            row.has_new_unread_email = True
            if in_reply_to is not None and in_reply_to in self.messages:
                parent = self.messages[in_reply_to]
                if parent.reply_time is None:
                    parent.reply_time = time
        row.last_event_time = time
        row.updated_at = max(row.updated_at, time)
        return msg

    def emit_event(
        self, event_type: str, campaign_id: int | None, category: str | None = None
    ) -> int:
        """Record a (simulated) delivery to every webhook subscribed to ``event_type``.

        Campaign webhooks match their campaign; user-level webhooks match every campaign;
        client-level webhooks match campaigns of their client. ``category`` (a category name)
        must be in a webhook's ``categories`` when that list is not empty. Returns the count.
        """
        camp = self.campaigns.get(campaign_id) if campaign_id is not None else None
        delivered = 0
        for hook in self.webhooks.values():
            if event_type not in hook.event_types:
                continue
            if hook.association_type == "campaign" and hook.campaign_id != campaign_id:
                continue
            if hook.association_type == "client" and (
                camp is None or camp.client_id != hook.client_id
            ):
                continue
            if category is not None and hook.categories and category not in hook.categories:
                continue
            self.webhook_deliveries.append(
                WebhookDelivery(
                    self.next_id("webhook_delivery"), hook.id, campaign_id, event_type, self.now()
                )
            )
            delivered += 1
        return delivered

    def record_open(self, msg: Message, when: datetime) -> None:
        """Count an open of a SENT message."""
        msg.open_count += 1
        if msg.open_time is None:
            msg.open_time = when
        self.campaign_leads_of(msg).open_count += 1

    def record_click(self, msg: Message, when: datetime, url: str) -> None:
        """Count a click of a SENT message on ``url``."""
        msg.click_count += 1
        msg.click_details[url] = msg.click_details.get(url, 0) + 1
        if msg.click_time is None:
            msg.click_time = when
        self.campaign_leads_of(msg).click_count += 1

    def record_bounce(self, msg: Message) -> None:
        """Mark a SENT message (and its enrolment) bounced."""
        msg.is_bounced = True
        self.campaign_leads_of(msg).is_bounced = True

    def campaign_leads_of(self, msg: Message) -> CampaignLead:
        """The enrolment a message belongs to (kept even if the enrolment was deleted)."""
        row = self.campaign_leads.get(msg.map_id)
        if row is None:
            raise KeyError(f"campaign lead {msg.map_id} no longer exists")
        return row

    def thread(self, map_id: int) -> list[Message]:
        """Messages of one enrolment in insertion (chronological) order."""
        return [self.messages[s] for s in self.messages_by_map.get(map_id, ())]

    # ----------------------------------------------------------------- accounts, block list

    def add_email_account(self, from_email: str, from_name: str, **fields: Any) -> EmailAccount:
        """Create a sender account (the email must be new)."""
        key = from_email.strip().lower()
        if key in self.email_accounts_by_email:
            raise ValueError(f"email account {from_email!r} already exists")
        now = fields.pop("created_at", None) or self.now()
        username = fields.pop("username", None) or from_email
        account = EmailAccount(
            id=self.next_id("email_account"),
            from_name=from_name,
            from_email=from_email.strip(),
            username=username,
            created_at=now,
            updated_at=now,
            **fields,
        )
        self.email_accounts[account.id] = account
        self.email_accounts_by_email[key] = account.id
        return account

    def delete_email_account(self, account: EmailAccount) -> None:
        """Delete a sender account and detach it from its campaigns."""
        for campaign_id in list(account.campaign_ids):
            camp = self.campaigns.get(campaign_id)
            if camp is not None and account.id in camp.email_account_ids:
                camp.email_account_ids.remove(account.id)
        self.email_accounts.pop(account.id, None)
        self.email_accounts_by_email.pop(account.from_email.lower(), None)

    def add_block_entry(
        self, value: str, *, source: str = "manual", client_id: int | None = None
    ) -> BlockListEntry | None:
        """Block an email or domain; returns None if that exact value/scope is already there."""
        key = value.strip().lower()
        for entry_id in self.block_index.get(key, ()):
            if self.block_list[entry_id].client_id == client_id:
                return None
        entry = BlockListEntry(
            id=self.next_id("block"),
            email_or_domain=key,
            created_at=self.now(),
            source=source,
            client_id=client_id,
        )
        self.block_list[entry.id] = entry
        self.block_index.setdefault(key, []).append(entry.id)
        return entry

    def remove_block_entry(self, entry: BlockListEntry) -> None:
        """Remove one block-list entry."""
        self.block_list.pop(entry.id, None)
        ids = self.block_index.get(entry.email_or_domain)
        if ids is not None and entry.id in ids:
            ids.remove(entry.id)
            if not ids:
                del self.block_index[entry.email_or_domain]

    def is_blocked(self, email: str, client_id: int | None = None) -> bool:
        """True if the email or its domain is blocked globally or for ``client_id``."""
        key = email.strip().lower()
        domain = key.rpartition("@")[2]
        for value in (key, domain):
            for entry_id in self.block_index.get(value, ()):
                scope = self.block_list[entry_id].client_id
                if scope is None or scope == client_id:
                    return True
        return False

    # ----------------------------------------------------------------- clients, keys

    def active_client_key(self, api_key: str) -> ClientApiKey | None:
        """The active client API key equal to ``api_key``, if any."""
        for key in self.client_api_keys.values():
            if key.status == "active" and key.api_key == api_key:
                return key
        return None
