"""The tables a sync loads: what each one reads, its key, and how it reads only changes.

Each :class:`Table` names its rows' primary key (``workspace`` is always prepended), whether
it is read per campaign, and its incremental filter where the API offers one. ``fetch`` walks
one scope (the workspace, or one campaign) and yields batches of models.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, Final

import attrs

from smartlead_async.client import SmartleadClient
from smartlead_async.models.analytics import CampaignAnalytics, CampaignStatistic
from smartlead_async.models.campaigns import (
    Campaign,
    CampaignLead,
    CampaignLeadStatus,
    SequenceStep,
)
from smartlead_async.models.common import Model
from smartlead_async.models.email_accounts import EmailAccount
from smartlead_async.models.inbox import InboxReply
from smartlead_async.models.lead_lists import LeadList
from smartlead_async.models.leads import Lead
from smartlead_async.pagination import Paginator
from smartlead_async.sync._workspaces import WorkspaceSession

#: Rows per statistics page (the endpoint's maximum, R6).
STATISTICS_PAGE = 1000
#: Pages in flight on the workspace-wide walks that report no total (global leads, inbox):
#: each is one long chain of requests, which a server slower to answer than the rate limit's
#: pace (10 per 2 s is one request per 200 ms) would otherwise hold back.
READ_AHEAD = 3
#: ``campaign_lead_stats`` fields and the lead status each one counts.
_STATUS_FIELDS: Final[dict[str, CampaignLeadStatus]] = {
    "not_started": "STARTED",
    "in_progress": "INPROGRESS",
    "completed": "COMPLETED",
    "paused": "PAUSED",
    "stopped": "STOPPED",
    "blocked": "BLOCKED",
}


@attrs.frozen
class Read:
    """What one scope's walk reads with: the client, the scope and its time bounds."""

    client: SmartleadClient
    session: WorkspaceSession
    #: The campaign of a per-campaign table (None for workspace tables).
    campaign: int | None
    #: The lower time bound of an incremental walk (None: everything).
    since: datetime | None
    #: When this sync started (the upper bound where the API takes one).
    started: datetime
    #: What the scope's last complete walk noted (e.g. lead counts per status).
    noted: Mapping[str, Any] = attrs.field(factory=dict)
    #: What this walk notes for the next one (saved only if this walk completes).
    notes: dict[str, Any] = attrs.field(factory=dict)
    #: Whether the scope's last complete walk loaded a row under this key.
    known: Callable[[str], bool] = attrs.field(default=lambda key: False)

    @property
    def campaign_id(self) -> int:
        """The campaign of a per-campaign table's walk."""
        if self.campaign is None:
            raise TypeError("this table is not read per campaign")
        return self.campaign


#: One batch of a walk: its models, and whether they came from a time-filtered request.
Batch = tuple[Sequence[Model], bool]
Fetch = Callable[[Read], AsyncIterator[Batch]]


@attrs.frozen
class Table:
    """One table of the sync and how it is read."""

    name: str
    model: type[Model]
    key: tuple[str, ...]
    fetch: Fetch
    summary: str
    per_campaign: bool = False
    #: The API filter an incremental walk uses (None: every sync reads the whole scope).
    incremental: str | None = None
    #: The row field that dates a row for the digest horizon (see ``ScopeWalk``).
    recent: str | None = None
    #: One row per scope and sync date (a ``snapshot_date`` column joins the key).
    snapshot: bool = False

    @property
    def primary_key(self) -> tuple[str, ...]:
        """The destination's primary key: the workspace, then the row's own key."""
        return ("workspace", *self.key)


async def _pages(paginator: Paginator[Any], dated: bool) -> AsyncIterator[Batch]:
    async for page in paginator.pages():
        yield page.items, dated


async def _campaigns(read: Read) -> AsyncIterator[Batch]:
    yield await read.session.campaigns(read.client), False


async def _sequences(read: Read) -> AsyncIterator[Batch]:
    yield await read.client.campaigns.get_sequences(read.campaign_id), False


async def _lead_statuses(read: Read) -> dict[CampaignLeadStatus, int]:
    """The campaign's lead count per status (``campaign_lead_stats`` of its analytics)."""
    analytics = await read.client.campaigns.get_analytics(read.campaign_id)
    stats = analytics.campaign_lead_stats
    counts = {
        status: getattr(stats, field, None) if stats is not None else None
        for field, status in _STATUS_FIELDS.items()
    }
    return {status: count for status, count in counts.items() if isinstance(count, int)}


async def _campaign_leads(read: Read) -> AsyncIterator[Batch]:
    """New enrolments (``created_at_gt``), enrolments with activity (``event_time_gt``), and
    every lead of a status that gained more leads, by the campaign's ``campaign_lead_stats``,
    than were newly enrolled into it: a status change may carry no event time. Rows read
    unchanged are dropped by their digests (all kept)."""
    leads = read.client.campaigns.iter_leads
    campaign, since = read.campaign_id, read.since
    counts = read.notes["lead_statuses"] = await _lead_statuses(read)
    if since is None:
        async for batch in _pages(leads(campaign), False):
            yield batch
        return
    enrolled: Counter[str | None] = Counter()
    async for batch in _pages(leads(campaign, created_at_gt=since), True):
        enrolled.update(
            lead.status
            for lead in batch[0]
            if isinstance(lead, CampaignLead) and not read.known(str(lead.campaign_lead_map_id))
        )
        yield batch
    async for batch in _pages(leads(campaign, event_time_gt=since), True):
        yield batch
    before = read.noted.get("lead_statuses")
    if isinstance(before, Mapping):
        for status, total in counts.items():
            if total > before.get(status, 0) + enrolled[status]:
                async for batch in _pages(leads(campaign, status=status), False):
                    yield batch


async def _statistics(read: Read) -> AsyncIterator[Batch]:
    walk = read.client.campaigns.iter_statistics(
        read.campaign_id, sent_time_start_date=read.since, limit=STATISTICS_PAGE
    )
    async for batch in _pages(walk, read.since is not None):
        yield batch


async def _analytics(read: Read) -> AsyncIterator[Batch]:
    yield [await read.client.campaigns.get_analytics(read.campaign_id)], False


async def _lead_lists(read: Read) -> AsyncIterator[Batch]:
    async for batch in _pages(read.client.lead_lists.iter_all(), False):
        yield batch


async def _global_leads(read: Read) -> AsyncIterator[Batch]:
    walk = read.client.leads.iter_all(created_at_gt=read.since).read_ahead(READ_AHEAD)
    async for batch in _pages(walk, read.since is not None):
        yield batch


async def _inbox(read: Read) -> AsyncIterator[Batch]:
    between = (read.since, read.started) if read.since is not None else None
    walk = read.client.inbox.iter_replies("all", reply_time_between=between).read_ahead(READ_AHEAD)
    async for batch in _pages(walk, between is not None):
        yield batch


async def _email_accounts(read: Read) -> AsyncIterator[Batch]:
    async for batch in _pages(read.client.email_accounts.iter_all(), False):
        yield batch


TABLES: Final[dict[str, Table]] = {
    table.name: table
    for table in (
        Table("campaigns", Campaign, ("id",), _campaigns, "every campaign (GET /campaigns)"),
        Table(
            "campaign_sequences",
            SequenceStep,
            ("id",),
            _sequences,
            "each campaign's sequence steps",
            per_campaign=True,
        ),
        Table(
            "campaign_leads",
            CampaignLead,
            ("campaign_lead_map_id",),
            _campaign_leads,
            "each campaign's leads, merged on the campaign-lead map id",
            per_campaign=True,
            incremental="created_at_gt, event_time_gt, status",
        ),
        Table(
            "campaign_statistics",
            CampaignStatistic,
            ("stats_id",),
            _statistics,
            "each sent message with its engagement",
            per_campaign=True,
            incremental="sent_time_start_date",
            recent="sent_time",
        ),
        Table(
            "campaign_analytics",
            CampaignAnalytics,
            ("campaign_id", "snapshot_date"),
            _analytics,
            "each campaign's top-level analytics, one snapshot per sync date",
            per_campaign=True,
            snapshot=True,
        ),
        Table("lead_lists", LeadList, ("id",), _lead_lists, "every Lead List"),
        Table(
            "global_leads",
            Lead,
            ("id",),
            _global_leads,
            "every lead of the account",
            incremental="created_at_gt",
            recent="created_at",
        ),
        Table(
            "inbox_replies",
            InboxReply,
            ("email_lead_map_id",),
            _inbox,
            "Master Inbox conversations (the 'all' view)",
            incremental="replyTimeBetween",
            recent="last_reply_time",
        ),
        Table(
            "email_accounts",
            EmailAccount,
            ("id",),
            _email_accounts,
            "every sender mailbox, without passwords or tokens",
        ),
    )
}
