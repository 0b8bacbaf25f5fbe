"""The endpoint table: every catalogued Smartlead endpoint, its facts in one row.

Each row (an :class:`Endpoint`) is the one place that says, for its endpoint: the namespace, the
HTTP method and path template, the response model and the envelope it arrives in, how it pages,
whether a failed attempt may be sent again (its :class:`RetryClass`), a timeout where the API is
slow, and the evidence behind the row. The resource methods, the transport's retry decision, the
sandbox routes and ``api.md`` all read this table; ``tests/test_catalog_conformance.py`` checks
it against literal requests, so a typo here cannot reach both the SDK and the sandbox.

Ids are the catalog's (C1 ... N5). The 22 global analytics endpoints share the catalog's A7 and
are numbered A7.1 ... A7.22 in its table's order (Python names ``A7_1`` ...).
"""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

import attrs

from smartlead_async._envelopes import (
    ACK,
    ACK_STRICT,
    ARRAY,
    BULK_MESSAGES,
    CAMPAIGN_OVERVIEW,
    DATA,
    DATA_OBJECT,
    DATA_OBJECT_PATH_ID,
    INBOX_ROWS,
    LEAD_LOOKUP,
    LEAD_SEQUENCE,
    LEADS_WITH_MORE,
    MERGED_DATA,
    MESSAGE_HISTORY,
    MESSAGES,
    OBJECT,
    SEQUENCE_STEPS,
    TEXT,
    UNTRACKED_REPLIES,
    Envelope,
    items_under,
    lifted,
    or_missing,
    report,
    rows_under,
    rows_with_total,
    unwrap_object,
)
from smartlead_async.models.analytics import (
    AnalyticsCampaignList,
    AnalyticsClientList,
    CampaignAnalytics,
    CampaignAnalyticsByDate,
    CampaignPerformanceRow,
    CampaignResponseStats,
    CampaignStatistic,
    CampaignStatusStats,
    ClientMonthlyCounts,
    ClientPerformanceRow,
    DayWiseStats,
    DomainHealth,
    FollowUpReplyRates,
    LeadCategoryResponses,
    LeadOverallStats,
    LeadStatistic,
    MailboxHealth,
    MailboxOverallStats,
    MailboxStatistic,
    OverallStats,
    ProviderPerformance,
    ReplyTimeDistribution,
    SequenceAnalytics,
    TeamBoardStats,
)
from smartlead_async.models.campaigns import (
    AddLeadsResult,
    Campaign,
    CampaignEmailAccountLink,
    CampaignLead,
    CampaignStatusResult,
    CreatedCampaign,
    CreatedSubsequence,
    DuplicatedCampaign,
    LeadActivity,
    SequenceStep,
    campaign_lead_row,
)
from smartlead_async.models.clients import (
    Client,
    ClientApiKey,
)
from smartlead_async.models.common import (
    OkResponse,
)
from smartlead_async.models.email_accounts import (
    AccountMessages,
    AccountTags,
    BulkFetchResult,
    EmailAccount,
    EmailAccountTag,
    ReconnectResult,
    SavedEmailAccount,
    WarmupSettings,
    WarmupStats,
)
from smartlead_async.models.inbox import (
    BlockDomainsResult,
    InboxNote,
    InboxReminder,
    InboxReply,
    InboxTask,
    ReplyResult,
    ReplyStatus,
    SendEmailResult,
    UntrackedReply,
)
from smartlead_async.models.lead_lists import (
    LeadList,
    LeadListImportResult,
    LeadPushResult,
)
from smartlead_async.models.leads import (
    BlockListAddResult,
    BlockListEntry,
    Lead,
    LeadCampaign,
    LeadCampaignOverview,
    LeadCategory,
    LeadCategoryUpdate,
    LeadNote,
    LeadSequenceDetails,
    LeadTag,
    LeadTask,
    MessageHistory,
)
from smartlead_async.models.webhooks import (
    RetriggerResult,
    Webhook,
    WebhookSummary,
)

# --- the record ---------------------------------------------------------------------------

RetryKind = Literal["idempotent", "dedup-safe", "unsafe", "upsert"]


@attrs.frozen
class RetryClass:
    """Whether an attempt that may have reached the server can be sent again.

    * ``idempotent``: repeating it changes nothing more (reads, PUT/DELETE, setting a state);
    * ``dedup-safe``: the server deduplicates a repeat (adding leads by email);
    * ``unsafe``: a repeat could act twice (create, send); only failures before the request
      left are retried;
    * ``upsert``: an update when the body names the record by ``key``, a create otherwise.
    """

    kind: RetryKind
    key: str | None = None

    def retry_safe(self, body: Any = None) -> bool:
        """True when a failed attempt of a request with this ``body`` may be repeated."""
        if self.kind == "upsert":
            return isinstance(body, dict) and body.get(self.key) is not None
        return self.kind != "unsafe"


IDEMPOTENT = RetryClass("idempotent")
DEDUP_SAFE = RetryClass("dedup-safe")
UNSAFE = RetryClass("unsafe")


def upsert(key: str) -> RetryClass:
    """Idempotent when the JSON body carries ``key`` (an update), unsafe without (a create)."""
    return RetryClass("upsert", key)


PagingStyle = Literal["total", "short", "has_more", "cursor"]


@attrs.frozen
class Paging:
    """How a list endpoint pages: the paginator style and the page-size maximum and default."""

    style: PagingStyle
    maximum: int
    default: int | None = None

    @property
    def size(self) -> int:
        """The page size used when the caller gives none."""
        return self.maximum if self.default is None else self.default


EvidenceLevel = Literal["live", "documented", "unverified"]


@attrs.frozen
class Evidence:
    """What the row rests on: a live test, first-party documentation, or neither yet."""

    level: EvidenceLevel
    source: str

    def __str__(self) -> str:
        return f"{self.level} ({self.source})"


def live(source: str) -> Evidence:
    return Evidence("live", source)


def documented(source: str) -> Evidence:
    return Evidence("documented", source)


def unverified(source: str) -> Evidence:
    return Evidence("unverified", source)


M = TypeVar("M")


@attrs.frozen
class Endpoint(Generic[M]):
    """One catalogued endpoint (see the module docstring); ``M`` is its response model."""

    id: str
    namespace: str
    method: str
    path: str
    model: type[M]
    envelope: Envelope
    retry: RetryClass
    evidence: Evidence
    paging: Paging | None = None
    timeout: float | None = None
    #: A second documented path of the same endpoint, sent once when ``path`` answers 404.
    fallback: str | None = None

    def __str__(self) -> str:
        return f"{self.id} {self.method} {self.path}"


#: Every catalogued endpoint by id, in catalog order.
ENDPOINTS: dict[str, Endpoint[Any]] = {}


class _Rows:
    """The row builder of one namespace; it refuses a second row for an id or method and path."""

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace

    def __call__(
        self,
        endpoint_id: str,
        route: str,
        model: type[M],
        envelope: Envelope,
        retry: RetryClass,
        evidence: Evidence,
        *,
        paging: Paging | None = None,
        timeout: float | None = None,
        fallback: str | None = None,
    ) -> Endpoint[M]:
        method, path = route.split(" ", 1)
        endpoint = Endpoint(
            endpoint_id,
            self.namespace,
            method,
            path,
            model,
            envelope,
            retry,
            evidence,
            paging,
            timeout,
            fallback,
        )
        clash = next((e for e in ENDPOINTS.values() if (e.method, e.path) == (method, path)), None)
        if endpoint_id in ENDPOINTS or clash is not None:
            raise ValueError(f"catalog row {endpoint_id} ({route}) is already in the table")
        ENDPOINTS[endpoint_id] = endpoint
        return endpoint


# --- Campaigns, their leads and statistics (C, L, A1-A6) -------------------------------------

_campaigns = _Rows("campaigns")
A1 = _campaigns(
    "A1",
    "GET /campaigns/{campaign_id}/statistics",
    CampaignStatistic,
    rows_with_total(totals=("total_stats",), single=True),
    IDEMPOTENT,
    documented("DOCS, OCLI, LREF, VOR; DOCS also show one summary object, read as one row"),
    paging=Paging("total", 1000, 100),
)
A2 = _campaigns(
    "A2",
    "GET /campaigns/{campaign_id}/analytics",
    CampaignAnalytics,
    DATA,
    IDEMPOTENT,
    documented("DOCS, OCLI, VOR, S0"),
)
A3 = _campaigns(
    "A3",
    "GET /campaigns/{campaign_id}/analytics-by-date",
    CampaignAnalyticsByDate,
    DATA,
    IDEMPOTENT,
    documented("DOCS, OCLI, LREF, S0"),
)
A4 = _campaigns(
    "A4",
    "GET /campaigns/{campaign_id}/top-level-analytics-by-date",
    CampaignAnalyticsByDate,
    DATA,
    IDEMPOTENT,
    documented("DOCS, LREF, JEAN"),
)
A5 = _campaigns(
    "A5",
    "GET /campaigns/{campaign_id}/leads-statistics",
    LeadStatistic,
    rows_with_total(totals=("total_leads",)),
    IDEMPOTENT,
    live("BCH, DOCS, OCLI, LREF"),
    paging=Paging("short", 100),
)
A6 = _campaigns(
    "A6",
    "GET /campaigns/{campaign_id}/mailbox-statistics",
    MailboxStatistic,
    rows_under(),
    IDEMPOTENT,
    documented("BCH, DOCS, OCLI, LREF"),
    paging=Paging("short", 20),
)
C1 = _campaigns(
    "C1", "GET /campaigns/", Campaign, ARRAY, IDEMPOTENT, documented("BCH, DOCS, OCLI, VOR")
)
C2 = _campaigns(
    "C2",
    "GET /campaigns/{campaign_id}",
    Campaign,
    or_missing("campaign", unwrap=unwrap_object),
    IDEMPOTENT,
    documented("BCH, DOCS, OCLI, VOR; {ok|success, data} per VOR and OCLI"),
)
C3 = _campaigns(
    "C3",
    "POST /campaigns/create",
    CreatedCampaign,
    OBJECT,
    UNSAFE,
    documented("BCH, DOCS, OCLI, VOR"),
)
C4 = _campaigns(
    "C4",
    "POST /campaigns/{campaign_id}/status",
    CampaignStatusResult,
    ACK,
    IDEMPOTENT,
    live("BCH, FIELD, DOCS, OCLI"),
)
C5 = _campaigns(
    "C5",
    "POST /campaigns/{campaign_id}/schedule",
    OkResponse,
    ACK,
    IDEMPOTENT,
    live("BCH, DOCS, LREF, S1"),
)
C6 = _campaigns(
    "C6",
    "POST /campaigns/{campaign_id}/settings",
    OkResponse,
    ACK,
    IDEMPOTENT,
    live("BCH, DOCS, VOR, S1"),
)
C7 = _campaigns(
    "C7",
    "GET /campaigns/{campaign_id}/sequences",
    SequenceStep,
    items_under(),
    IDEMPOTENT,
    documented("BCH, FIELD, DOCS, OCLI"),
)
C8 = _campaigns(
    "C8",
    "POST /campaigns/{campaign_id}/sequences",
    OkResponse,
    ACK,
    IDEMPOTENT,
    live("BCH, DOCS, S0, S1"),
)
C9 = _campaigns(
    "C9",
    "DELETE /campaigns/{campaign_id}",
    OkResponse,
    ACK,
    IDEMPOTENT,
    documented("BCH, DOCS, OCLI, S0"),
    timeout=120.0,
)
C10 = _campaigns(
    "C10",
    "GET /campaigns/{campaign_id}/email-accounts",
    EmailAccount,
    items_under(),
    IDEMPOTENT,
    documented("DOCS, OCLI, S1, S3"),
)
C11 = _campaigns(
    "C11",
    "POST /campaigns/{campaign_id}/email-accounts",
    CampaignEmailAccountLink,
    items_under("result"),
    IDEMPOTENT,
    live("BCH, DOCS, OCLI, VOR"),
)
C12 = _campaigns(
    "C12",
    "DELETE /campaigns/{campaign_id}/email-accounts",
    OkResponse,
    ACK,
    IDEMPOTENT,
    documented("DOCS, OCLI, S0, S1"),
)
C13 = _campaigns(
    "C13",
    "POST /campaigns/{campaign_id}/duplicate",
    DuplicatedCampaign,
    DATA_OBJECT,
    UNSAFE,
    documented("DOCS, VOR"),
)
C14 = _campaigns(
    "C14",
    "POST /campaigns/create-subsequence",
    CreatedSubsequence,
    DATA_OBJECT,
    UNSAFE,
    documented("DOCS, OCLI, LREF"),
)
C15 = _campaigns(
    "C15",
    "POST /campaigns/{campaign_id}/send-test-email",
    OkResponse,
    ACK,
    UNSAFE,
    documented("DOCS, VOR"),
)
C16 = _campaigns(
    "C16",
    "POST /campaigns/{campaign_id}/team-member",
    OkResponse,
    ACK,
    IDEMPOTENT,
    documented("DOCS"),
)
C17 = _campaigns(
    "C17",
    "POST /campaigns/update-lead-email-account",
    OkResponse,
    ACK,
    IDEMPOTENT,
    documented("DOCS"),
)
C19 = _campaigns(
    "C19",
    "GET /campaigns/{campaign_id}/sequence-analytics",
    SequenceAnalytics,
    SEQUENCE_STEPS,
    IDEMPOTENT,
    documented("OCLI, LREF, JEAN"),
)
L1 = _campaigns(
    "L1",
    "GET /campaigns/{campaign_id}/leads",
    CampaignLead,
    rows_with_total("leads", totals=("total_leads", "total"), reshape=campaign_lead_row),
    IDEMPOTENT,
    live("BCH, FIELD, DOCS, OCLI"),
    paging=Paging("total", 100),
)
L2 = _campaigns(
    "L2",
    "POST /campaigns/{campaign_id}/leads",
    AddLeadsResult,
    DATA_OBJECT,
    DEDUP_SAFE,
    live("BCH, DOCS, OCLI, LREF"),
)
L13 = _campaigns(
    "L13",
    "GET /campaigns/{campaign_id}/leads-export",
    str,
    TEXT,
    IDEMPOTENT,
    documented("BCH, DOCS, OCLI, S1"),
    timeout=120.0,
)
L14 = _campaigns(
    "L14",
    "GET /campaigns/all-leads-activities",
    LeadActivity,
    rows_under("activities", "leads"),
    IDEMPOTENT,
    documented("DOCS"),
    paging=Paging("short", 1000),
)

# --- Global leads, categories, block list, CRM (G, B, N) -------------------------------------

_leads = _Rows("leads")
B1 = _leads(
    "B1",
    "GET /leads/get-domain-block-list",
    BlockListEntry,
    rows_under(),
    IDEMPOTENT,
    documented("BCH, DOCS, OCLI, LREF"),
    paging=Paging("short", 1000),
)
B2 = _leads(
    "B2",
    "POST /leads/add-domain-block-list",
    BlockListAddResult,
    DATA_OBJECT,
    UNSAFE,
    documented("DOCS, OCLI, VOR, S1"),
)
B3 = _leads(
    "B3",
    "DELETE /leads/delete-domain-block-list",
    OkResponse,
    ACK_STRICT,
    IDEMPOTENT,
    documented("BCH, OCLI, LREF, VOR"),
)
G1 = _leads("G1", "GET /leads/", Lead, LEAD_LOOKUP, IDEMPOTENT, documented("BCH, DOCS, OCLI, VOR"))
G2 = _leads(
    "G2",
    "GET /leads/{lead_id}",
    Lead,
    or_missing("lead", unwrap=unwrap_object),
    IDEMPOTENT,
    documented("DOCS"),
)
G3 = _leads(
    "G3",
    "GET /leads/{lead_id}/campaigns",
    LeadCampaign,
    ARRAY,
    IDEMPOTENT,
    documented("BCH, DOCS, OCLI, LREF"),
)
G4 = _leads(
    "G4",
    "GET /leads/global-leads",
    Lead,
    LEADS_WITH_MORE,
    IDEMPOTENT,
    documented("FIELD, DOCS, LREF, S0"),
    paging=Paging("has_more", 100),
)
G5 = _leads(
    "G5",
    "GET /leads/all",
    Lead,
    rows_under("leads"),
    IDEMPOTENT,
    unverified("OCLI"),
    paging=Paging("cursor", 1000),
)
G6 = _leads(
    "G6",
    "POST /leads/{lead_id}/unsubscribe",
    OkResponse,
    ACK_STRICT,
    IDEMPOTENT,
    documented("BCH, DOCS, OCLI, S1"),
)
G7 = _leads(
    "G7",
    "GET /leads/fetch-categories",
    LeadCategory,
    ARRAY,
    IDEMPOTENT,
    documented("DOCS, OCLI, S0, S1"),
)
G8 = _leads(
    "G8",
    "GET /leads/{lead_id}/campaign-overview",
    LeadCampaignOverview,
    CAMPAIGN_OVERVIEW,
    IDEMPOTENT,
    documented("OCLI, LREF, ARR"),
)
G9 = _leads(
    "G9",
    "GET /leads/{lead_map_id}/sequence-details",
    LeadSequenceDetails,
    LEAD_SEQUENCE,
    IDEMPOTENT,
    documented("OCLI (campaignId), LREF, ARR"),
)
L3 = _leads(
    "L3",
    "POST /campaigns/{campaign_id}/leads/{lead_id}",
    OkResponse,
    ACK_STRICT,
    IDEMPOTENT,
    documented("BCH, DOCS, OCLI, VOR"),
)
L4 = _leads(
    "L4",
    "POST /campaigns/{campaign_id}/leads/{lead_id}/pause",
    OkResponse,
    ACK_STRICT,
    IDEMPOTENT,
    documented("DOCS, OCLI, S1, S3"),
)
L5 = _leads(
    "L5",
    "POST /campaigns/{campaign_id}/leads/{lead_id}/resume",
    OkResponse,
    ACK_STRICT,
    IDEMPOTENT,
    documented("DOCS, OCLI, S1, S3"),
)
L6 = _leads(
    "L6",
    "DELETE /campaigns/{campaign_id}/leads/{lead_id}",
    OkResponse,
    ACK_STRICT,
    IDEMPOTENT,
    documented("BCH, DOCS, S0, S3"),
)
L7 = _leads(
    "L7",
    "POST /campaigns/{campaign_id}/leads/{lead_id}/unsubscribe",
    OkResponse,
    ACK_STRICT,
    IDEMPOTENT,
    documented("DOCS, OCLI, S1, S3"),
)
L8 = _leads(
    "L8",
    "POST /campaigns/{campaign_id}/leads/{lead_id}/category",
    LeadCategoryUpdate,
    DATA_OBJECT,
    IDEMPOTENT,
    documented("DOCS, OCLI, S0, S3"),
)
L9 = _leads(
    "L9",
    "POST /campaigns/{campaign_id}/leads/{lead_map_id}/manual-complete",
    OkResponse,
    ACK_STRICT,
    IDEMPOTENT,
    documented("DOCS, LREF"),
)
L10 = _leads(
    "L10",
    "GET /campaigns/{campaign_id}/leads/{lead_id}/message-history",
    MessageHistory,
    MESSAGE_HISTORY,
    IDEMPOTENT,
    live("FIELD, DOCS, OCLI, LREF"),
)
N1 = _leads(
    "N1",
    "GET /crm/leads/notes/{lead_id}",
    LeadNote,
    rows_under("notes"),
    IDEMPOTENT,
    unverified("DOCS list /crm/* (June 2026); a live audit in April 2026 found no /crm namespace"),
)
N2 = _leads(
    "N2",
    "GET /crm/leads/tasks/{lead_id}",
    LeadTask,
    rows_under("tasks"),
    IDEMPOTENT,
    unverified("DOCS list /crm/* (June 2026); a live audit in April 2026 found no /crm namespace"),
)
N3 = _leads(
    "N3",
    "GET /crm/leads/tags",
    LeadTag,
    rows_under("tags"),
    IDEMPOTENT,
    unverified("DOCS list /crm/* (June 2026); a live audit in April 2026 found no /crm namespace"),
)
N4 = _leads(
    "N4",
    "POST /crm/leads/tags",
    OkResponse,
    ACK_STRICT,
    UNSAFE,
    unverified("DOCS list /crm/* (June 2026); a live audit in April 2026 found no /crm namespace"),
)
N5 = _leads(
    "N5",
    "DELETE /crm/leads/tags/{tag_mapping_id}",
    OkResponse,
    ACK_STRICT,
    IDEMPOTENT,
    unverified("DOCS list /crm/* (June 2026); a live audit in April 2026 found no /crm namespace"),
)

# --- Email accounts and their tags (E, T) ----------------------------------------------------

_email_accounts = _Rows("email_accounts")
E1 = _email_accounts(
    "E1",
    "GET /email-accounts/",
    EmailAccount,
    ARRAY,
    IDEMPOTENT,
    documented("FIELD, DOCS, OCLI, VOR"),
    paging=Paging("short", 100),
)
E2 = _email_accounts(
    "E2",
    "GET /email-accounts/{email_account_id}/",
    EmailAccount,
    DATA,
    IDEMPOTENT,
    documented("DOCS, OCLI (fetch_tags), S1, S3"),
)
E3 = _email_accounts(
    "E3",
    "POST /email-accounts/save",
    SavedEmailAccount,
    DATA,
    upsert("id"),
    live("BCH create command, S1, every GET answer: username (R14); DOCS, OCLI, S0"),
)
E4 = _email_accounts(
    "E4",
    "POST /email-accounts/save-oauth",
    SavedEmailAccount,
    DATA,
    UNSAFE,
    documented("DOCS, VOR"),
)
E5 = _email_accounts(
    "E5",
    "POST /email-accounts/{email_account_id}",
    SavedEmailAccount,
    DATA,
    IDEMPOTENT,
    documented("DOCS, OCLI, S1, S3"),
)
E6 = _email_accounts(
    "E6",
    "DELETE /email-accounts/{email_account_id}",
    OkResponse,
    OBJECT,
    IDEMPOTENT,
    documented("DOCS, VOR, S0"),
)
E7 = _email_accounts(
    "E7",
    "PUT /email-accounts/suspend/{email_account_id}",
    OkResponse,
    OBJECT,
    IDEMPOTENT,
    documented("DOCS, VOR"),
)
E8 = _email_accounts(
    "E8",
    "DELETE /email-accounts/unsuspend/{email_account_id}",
    OkResponse,
    OBJECT,
    IDEMPOTENT,
    documented("DOCS"),
)
E9 = _email_accounts(
    "E9",
    "POST /email-accounts/{email_account_id}/warmup",
    WarmupSettings,
    DATA,
    IDEMPOTENT,
    documented("DOCS, OCLI, VOR, S0"),
)
E10 = _email_accounts(
    "E10",
    "GET /email-accounts/{email_account_id}/warmup-stats",
    WarmupStats,
    DATA,
    IDEMPOTENT,
    documented("DOCS, OCLI, S0, S1"),
)
E11 = _email_accounts(
    "E11",
    "POST /email-accounts/reconnect-failed-email-accounts",
    ReconnectResult,
    lifted("accounts"),
    UNSAFE,
    documented("DOCS, OCLI, LREF, S3"),
)
E12 = _email_accounts(
    "E12",
    "POST /email-accounts/{email_account_id}/fetch-messages",
    AccountMessages,
    MESSAGES,
    IDEMPOTENT,
    unverified("DOCS; from/to as ISO 8601 text as OCLI sends them; not live-verified"),
)
E13 = _email_accounts(
    "E13",
    "POST /email-accounts/multi/fetch-messages",
    BulkFetchResult,
    BULK_MESSAGES,
    IDEMPOTENT,
    unverified("OCLI, LREF"),
)
T1 = _email_accounts(
    "T1", "GET /email-accounts/tags", EmailAccountTag, ARRAY, IDEMPOTENT, documented("VOR")
)
T2 = _email_accounts("T2", "POST /tags", EmailAccountTag, DATA, UNSAFE, documented("DOCS"))
T3 = _email_accounts(
    "T3", "POST /email-accounts/tag-manager", EmailAccountTag, DATA, IDEMPOTENT, documented("DOCS")
)
T4 = _email_accounts(
    "T4", "POST /email-accounts/tag-mapping", OkResponse, OBJECT, UNSAFE, documented("DOCS, OCLI")
)
T5 = _email_accounts(
    "T5",
    "DELETE /email-accounts/tag-mapping",
    OkResponse,
    OBJECT,
    IDEMPOTENT,
    documented("DOCS, OCLI"),
)
T6 = _email_accounts(
    "T6", "POST /email-accounts/tag-list", AccountTags, ARRAY, IDEMPOTENT, documented("DOCS, OCLI")
)

# --- Lead Lists (LL) and list pushes (G10, G11) ----------------------------------------------

_lead_lists = _Rows("lead_lists")
G10 = _lead_lists(
    "G10",
    "POST /leads/push-to-list",
    LeadPushResult,
    MERGED_DATA,
    UNSAFE,
    documented("DOCS, OCLI, ARR"),
)
G11 = _lead_lists(
    "G11",
    "POST /leads/campaign/push-to-list",
    LeadPushResult,
    MERGED_DATA,
    UNSAFE,
    unverified("OCLI"),
)
LL1 = _lead_lists(
    "LL1",
    "GET /lead-list/",
    LeadList,
    ARRAY,
    IDEMPOTENT,
    documented("BCH, DOCS, VOR, S0"),
    paging=Paging("short", 1000),
)
LL2 = _lead_lists(
    "LL2", "GET /lead-list/{list_id}", LeadList, DATA, IDEMPOTENT, documented("BCH, DOCS, S0")
)
LL3 = _lead_lists("LL3", "POST /lead-list/", LeadList, DATA, UNSAFE, documented("BCH, DOCS, S0"))
LL4 = _lead_lists(
    "LL4", "PUT /lead-list/{list_id}", OkResponse, OBJECT, IDEMPOTENT, documented("BCH, DOCS, S0")
)
LL5 = _lead_lists(
    "LL5",
    "DELETE /lead-list/{list_id}",
    OkResponse,
    OBJECT,
    IDEMPOTENT,
    documented("BCH, DOCS, S0"),
)
LL6 = _lead_lists(
    "LL6",
    "POST /lead-list/{list_id}/import",
    LeadListImportResult,
    MERGED_DATA,
    DEDUP_SAFE,
    documented("BCH, DOCS, S0"),
)
LL7 = _lead_lists(
    "LL7",
    "POST /leads/push-to-campaign",
    LeadPushResult,
    MERGED_DATA,
    UNSAFE,
    documented("BCH, DOCS, OCLI, S0"),
)
LL8 = _lead_lists(
    "LL8",
    "POST /leads/leads/push-between-lists",
    LeadPushResult,
    MERGED_DATA,
    UNSAFE,
    documented("BCH, DOCS"),
)
LL9 = _lead_lists(
    "LL9",
    "POST /lead-list/assign-tags",
    OkResponse,
    OBJECT,
    IDEMPOTENT,
    documented("BCH, DOCS, S0"),
)

# --- Master Inbox, replies, forwards, sends (M, L12, C18, U1) --------------------------------

_inbox = _Rows("inbox")
#: The Master Inbox views page by offset and limit in the JSON body, 1-20 rows a page.
_INBOX_VIEW_PAGING = Paging("short", 20)
B4 = _inbox(
    "B4",
    "POST /master-inbox/block-domains",
    BlockDomainsResult,
    MERGED_DATA,
    IDEMPOTENT,
    live("BCH, FIELD, DOCS, OCLI"),
)
C18 = _inbox(
    "C18",
    "POST /campaigns/{campaign_id}/forward-email",
    OkResponse,
    OBJECT,
    UNSAFE,
    documented("BCH, FIELD, DOCS, OCLI"),
)
L12 = _inbox(
    "L12",
    "POST /campaigns/{campaign_id}/reply-email-thread",
    ReplyResult,
    MERGED_DATA,
    UNSAFE,
    documented("BCH, FIELD, DOCS, OCLI"),
)
M1 = _inbox(
    "M1",
    "POST /master-inbox/inbox-replies",
    InboxReply,
    INBOX_ROWS,
    IDEMPOTENT,
    documented("DOCS"),
    paging=_INBOX_VIEW_PAGING,
)
M2 = _inbox(
    "M2",
    "POST /master-inbox/unread-replies",
    InboxReply,
    INBOX_ROWS,
    IDEMPOTENT,
    documented("DOCS"),
    paging=_INBOX_VIEW_PAGING,
)
M3 = _inbox(
    "M3",
    "POST /master-inbox/important",
    InboxReply,
    INBOX_ROWS,
    IDEMPOTENT,
    documented("DOCS"),
    paging=_INBOX_VIEW_PAGING,
)
M4 = _inbox(
    "M4",
    "POST /master-inbox/snoozed",
    InboxReply,
    INBOX_ROWS,
    IDEMPOTENT,
    documented("DOCS"),
    paging=_INBOX_VIEW_PAGING,
)
M5 = _inbox(
    "M5",
    "POST /master-inbox/scheduled",
    InboxReply,
    INBOX_ROWS,
    IDEMPOTENT,
    documented("DOCS"),
    paging=_INBOX_VIEW_PAGING,
)
M6 = _inbox(
    "M6",
    "POST /master-inbox/reminders",
    InboxReply,
    INBOX_ROWS,
    IDEMPOTENT,
    documented("DOCS"),
    paging=_INBOX_VIEW_PAGING,
)
M7 = _inbox(
    "M7",
    "POST /master-inbox/archived",
    InboxReply,
    INBOX_ROWS,
    IDEMPOTENT,
    documented("DOCS"),
    paging=_INBOX_VIEW_PAGING,
)
M8 = _inbox(
    "M8",
    "POST /master-inbox/sent",
    InboxReply,
    INBOX_ROWS,
    IDEMPOTENT,
    documented("DOCS"),
    paging=_INBOX_VIEW_PAGING,
)
M9 = _inbox(
    "M9",
    "POST /master-inbox/assigned-me",
    InboxReply,
    INBOX_ROWS,
    IDEMPOTENT,
    unverified("BCH lists it; no live answer has been recorded"),
    paging=_INBOX_VIEW_PAGING,
)
M10 = _inbox(
    "M10",
    "POST /master-inbox/views",
    InboxReply,
    INBOX_ROWS,
    IDEMPOTENT,
    documented("DOCS"),
    paging=_INBOX_VIEW_PAGING,
)
M11 = _inbox(
    "M11",
    "GET /master-inbox/untracked-replies",
    UntrackedReply,
    UNTRACKED_REPLIES,
    IDEMPOTENT,
    documented("DOCS; OCLI zod: data.data.replies, totalCount, string ids, reply_picked_time"),
    paging=Paging("short", 100),
)
M12 = _inbox(
    "M12", "GET /master-inbox/{lead_map_id}", InboxReply, DATA, IDEMPOTENT, documented("DOCS")
)
M13 = _inbox(
    "M13",
    "PATCH /master-inbox/change-read-status",
    OkResponse,
    OBJECT,
    IDEMPOTENT,
    documented("DOCS"),
)
M14 = _inbox(
    "M14", "PATCH /master-inbox/update-category", OkResponse, OBJECT, IDEMPOTENT, documented("DOCS")
)
M15 = _inbox(
    "M15", "PATCH /master-inbox/update-revenue", OkResponse, OBJECT, IDEMPOTENT, documented("DOCS")
)
M16 = _inbox(
    "M16", "PATCH /master-inbox/resume-lead", OkResponse, OBJECT, UNSAFE, documented("ARR")
)
M17 = _inbox(
    "M17", "POST /master-inbox/create-note", InboxNote, MERGED_DATA, UNSAFE, documented("ARR")
)
M18 = _inbox(
    "M18", "POST /master-inbox/create-task", InboxTask, MERGED_DATA, UNSAFE, documented("ARR")
)
M19 = _inbox(
    "M19", "POST /master-inbox/set-reminder", InboxReminder, MERGED_DATA, UNSAFE, documented("ARR")
)
M20 = _inbox(
    "M20", "POST /master-inbox/push-to-subsequence", OkResponse, OBJECT, UNSAFE, documented("DOCS")
)
M21 = _inbox(
    "M21",
    "POST /master-inbox/update-team-member",
    OkResponse,
    OBJECT,
    IDEMPOTENT,
    documented("DOCS"),
)
M22 = _inbox(
    "M22",
    "GET /master-inbox/reply-status",
    ReplyStatus,
    MERGED_DATA,
    IDEMPOTENT,
    documented("DOCS"),
)
U1 = _inbox(
    "U1",
    "POST /send-email/initiate",
    SendEmailResult,
    MERGED_DATA,
    UNSAFE,
    documented("BCH, DOCS, VOR"),
)

# --- Global analytics (the A7 table, numbered in its order) ----------------------------------

_analytics = _Rows("analytics")
#: The paged reports take ``offset``/``limit`` in the query; no maximum is documented, so
#: the bound is the server's 32-bit int; 100 rows a page unless asked.
_ANALYTICS_PAGING = Paging("short", 2**31 - 1, 100)
A7_1 = _analytics(
    "A7.1",
    "GET /analytics/overall-stats-v2",
    OverallStats,
    report(nest="overall_stats"),
    IDEMPOTENT,
    live("BCH, DOCS, OCLI, LREF"),
)
A7_2 = _analytics(
    "A7.2",
    "GET /analytics/day-wise-overall-stats",
    DayWiseStats,
    report(rows="day_wise_stats"),
    IDEMPOTENT,
    live("BCH, DOCS, OCLI, LREF"),
)
A7_3 = _analytics(
    "A7.3",
    "GET /analytics/day-wise-overall-stats-by-sent-time",
    DayWiseStats,
    report(rows="day_wise_stats"),
    IDEMPOTENT,
    live("BCH, DOCS, OCLI, LREF"),
)
A7_4 = _analytics(
    "A7.4",
    "GET /analytics/day-wise-positive-reply-stats",
    DayWiseStats,
    report(rows="day_wise_stats"),
    IDEMPOTENT,
    live("BCH, DOCS, OCLI, LREF"),
)
A7_5 = _analytics(
    "A7.5",
    "GET /analytics/day-wise-positive-reply-stats-by-sent-time",
    DayWiseStats,
    report(rows="day_wise_stats"),
    IDEMPOTENT,
    live("BCH, DOCS, OCLI, LREF"),
)
A7_6 = _analytics(
    "A7.6",
    "GET /analytics/campaign/list",
    AnalyticsCampaignList,
    report(rows="campaign_list"),
    IDEMPOTENT,
    live("BCH, DOCS, OCLI, LREF"),
)
A7_7 = _analytics(
    "A7.7",
    "GET /analytics/campaign/overall-stats",
    CampaignPerformanceRow,
    rows_under("campaign_wise_performance", "campaigns"),
    IDEMPOTENT,
    live("BCH, DOCS, OCLI, LREF"),
    paging=_ANALYTICS_PAGING,
)
A7_8 = _analytics(
    "A7.8",
    "GET /analytics/campaign/response-stats",
    CampaignResponseStats,
    report(rows="campaign_wise_response"),
    IDEMPOTENT,
    live("BCH, DOCS, OCLI, LREF"),
)
A7_9 = _analytics(
    "A7.9",
    "GET /analytics/campaign/status-stats",
    CampaignStatusStats,
    report(lift="campaign_status_stats"),
    IDEMPOTENT,
    live("BCH, DOCS, OCLI, LREF"),
)
A7_10 = _analytics(
    "A7.10",
    "GET /analytics/campaign/follow-up-reply-rate",
    FollowUpReplyRates,
    report(rows="follow_up_reply_rate"),
    IDEMPOTENT,
    live(
        "BCH, DOCS, OCLI, LREF; the campaign_ids filter is unverified: live, campaign_id is refused"
    ),
)
A7_11 = _analytics(
    "A7.11",
    "GET /analytics/campaign/lead-to-reply-time",
    ReplyTimeDistribution,
    report(rows="buckets", lift="lead_to_reply_time"),
    IDEMPOTENT,
    live("BCH, DOCS, OCLI, LREF"),
)
A7_12 = _analytics(
    "A7.12",
    "GET /analytics/campaign/leads-take-for-first-reply",
    ReplyTimeDistribution,
    report(rows="buckets", lift="leads_take_for_first_reply"),
    IDEMPOTENT,
    live("BCH, DOCS, OCLI, LREF"),
)
A7_13 = _analytics(
    "A7.13",
    "GET /analytics/client/list",
    AnalyticsClientList,
    report(rows="client_list"),
    IDEMPOTENT,
    live("BCH, DOCS, OCLI, LREF"),
)
A7_14 = _analytics(
    "A7.14",
    "GET /analytics/client/overall-stats",
    ClientPerformanceRow,
    rows_under("client_wise_performance", "clients"),
    IDEMPOTENT,
    live("BCH, DOCS, OCLI, LREF"),
    paging=_ANALYTICS_PAGING,
)
A7_15 = _analytics(
    "A7.15",
    "GET /analytics/client/month-wise-count",
    ClientMonthlyCounts,
    report(rows="months"),
    IDEMPOTENT,
    live("BCH, DOCS, OCLI, LREF"),
)
A7_16 = _analytics(
    "A7.16",
    "GET /analytics/lead/overall-stats",
    LeadOverallStats,
    report(lift="lead_overall_stats"),
    IDEMPOTENT,
    live("BCH, DOCS, OCLI, LREF"),
)
A7_17 = _analytics(
    "A7.17",
    "GET /analytics/lead/category-wise-response",
    LeadCategoryResponses,
    report(rows="lead_category_wise_response"),
    IDEMPOTENT,
    live("BCH, DOCS, OCLI, LREF"),
)
A7_18 = _analytics(
    "A7.18",
    "GET /analytics/mailbox/overall-stats",
    MailboxOverallStats,
    report(lift="mailbox_overall_stats"),
    IDEMPOTENT,
    live("BCH, DOCS, OCLI, LREF"),
)
A7_19 = _analytics(
    "A7.19",
    "GET /analytics/mailbox/domain-wise-health-metrics",
    DomainHealth,
    rows_under("domain_wise_health_metrics", "domain_wise_health", "domains"),
    IDEMPOTENT,
    live("BCH, DOCS, OCLI, LREF"),
    paging=_ANALYTICS_PAGING,
)
A7_20 = _analytics(
    "A7.20",
    "GET /analytics/mailbox/name-wise-health-metrics",
    MailboxHealth,
    rows_under(
        "name_wise_health_metrics", "mailbox_wise_health", "email_wise_health_metrics", "mailboxes"
    ),
    IDEMPOTENT,
    live("BCH, DOCS, OCLI, LREF"),
    paging=_ANALYTICS_PAGING,
)
A7_21 = _analytics(
    "A7.21",
    "GET /analytics/mailbox/provider-wise-overall-performance",
    ProviderPerformance,
    report(rows="provider_wise_overall_performance"),
    IDEMPOTENT,
    live("BCH, DOCS, OCLI, LREF"),
)
A7_22 = _analytics(
    "A7.22",
    "GET /analytics/team-board/overall-stats",
    TeamBoardStats,
    report(rows="team_board_overall_stats"),
    IDEMPOTENT,
    live("BCH, DOCS, OCLI, LREF"),
)

# --- Webhooks (W) ----------------------------------------------------------------------------

_webhooks = _Rows("webhooks")
W1 = _webhooks(
    "W1",
    "GET /campaigns/{campaign_id}/webhooks",
    Webhook,
    ARRAY,
    IDEMPOTENT,
    live("BCH, DOCS, OCLI, LREF"),
)
W2 = _webhooks(
    "W2",
    "POST /campaigns/{campaign_id}/webhooks",
    Webhook,
    DATA,
    upsert("id"),
    documented("DOCS, OCLI, S3, HC"),
)
W3 = _webhooks(
    "W3",
    "DELETE /campaigns/{campaign_id}/webhooks",
    OkResponse,
    OBJECT,
    IDEMPOTENT,
    unverified(
        "OCLI sends the body form {id}; the 2026 DOCS path form is the fallback on a 404; "
        "neither is live-verified"
    ),
    fallback="/campaigns/{campaign_id}/webhooks/{webhook_id}",
)
W4 = _webhooks(
    "W4",
    "GET /campaigns/{campaign_id}/webhooks/summary",
    WebhookSummary,
    MERGED_DATA,
    IDEMPOTENT,
    documented("DOCS, OCLI, LREF"),
)
W5 = _webhooks(
    "W5",
    "POST /campaigns/{campaign_id}/webhooks/retrigger-failed-events",
    RetriggerResult,
    MERGED_DATA,
    UNSAFE,
    documented("DOCS, OCLI, LREF"),
)
W6 = _webhooks("W6", "POST /webhook/create", Webhook, DATA, UNSAFE, documented("DOCS"))
W7 = _webhooks("W7", "GET /webhook/{webhook_id}", Webhook, DATA, IDEMPOTENT, documented("DOCS"))
W8 = _webhooks(
    "W8", "PUT /webhook/update/{webhook_id}", OkResponse, OBJECT, IDEMPOTENT, documented("DOCS")
)
W9 = _webhooks(
    "W9",
    "DELETE /webhook/delete",
    OkResponse,
    OBJECT,
    IDEMPOTENT,
    documented("BCH, FIELD, DOCS, LREF"),
)

# --- Clients (K) -----------------------------------------------------------------------------

_clients = _Rows("clients")
K1 = _clients("K1", "GET /client/", Client, ARRAY, IDEMPOTENT, documented("BCH, DOCS, OCLI, S3"))
K2 = _clients(
    "K2",
    "POST /client/save",
    Client,
    DATA_OBJECT,
    upsert("id"),
    documented("BCH, DOCS, OCLI, S3"),
)
K3 = _clients("K3", "POST /client/api-key", ClientApiKey, DATA_OBJECT, UNSAFE, documented("DOCS"))
K4 = _clients(
    "K4",
    "GET /client/api-key",
    ClientApiKey,
    rows_under("keys", "apiKeys"),
    IDEMPOTENT,
    documented("DOCS"),
)
K5 = _clients(
    "K5", "DELETE /client/api-key/{key_id}", OkResponse, ACK_STRICT, IDEMPOTENT, documented("DOCS")
)
K6 = _clients(
    "K6",
    "PUT /client/api-key/reset/{key_id}",
    ClientApiKey,
    DATA_OBJECT_PATH_ID,
    UNSAFE,
    documented("DOCS"),
)
