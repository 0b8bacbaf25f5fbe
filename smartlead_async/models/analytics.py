"""Statistics and analytics models: per-campaign (A1-A6, C19) and account-wide (A7, 22 routes).

The account-wide ``/analytics/*`` routes answer ``{ok, data: {...}}`` with thinly documented
data. Each model names the fields the catalog and the first-party docs show, reads the common
alternative spellings, keeps everything else in ``extra``, and types rates (``"50%"``) as
:class:`~smartlead_async.models.common.Percent`. Counts the API sends as strings become ints.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

import attrs

from smartlead_async._validate import DateInput, DateTimeInput
from smartlead_async.models.campaigns import CampaignTag
from smartlead_async.models.common import Model, Percent, wire

#: ``email_status`` filter of campaign statistics (A1).
StatisticsEmailStatus = Literal["opened", "clicked", "replied", "unsubscribed", "bounced"]


# --- campaign-scoped: A1-A6, C19 -----------------------------------------------------------


@attrs.frozen(kw_only=True, slots=False)
class CampaignStatistic(Model):
    """One sent message with its engagement (A1 ``data[]``)."""

    lead_name: str | None = None
    lead_email: str | None = None
    lead_category: str | None = None
    sequence_number: int | None = wire("sequence_number", "email_sequence_number")
    stats_id: str | None = None
    email_campaign_seq_id: int | None = None
    email_subject: str | None = None
    email_message: str | None = None
    sent_time: datetime | None = None
    open_time: datetime | None = None
    click_time: datetime | None = None
    reply_time: datetime | None = None
    open_count: int | None = None
    click_count: int | None = None
    is_unsubscribed: bool | None = None
    is_bounced: bool | None = None


@attrs.frozen(kw_only=True, slots=False)
class CampaignLeadStats(Model):
    """``campaign_lead_stats`` of :class:`CampaignAnalytics`: leads per state (numbers)."""

    total: int | None = None
    paused: int | None = None
    blocked: int | None = None
    stopped: int | None = None
    completed: int | None = None
    in_progress: int | None = wire("inprogress", "in_progress", "inProgress")
    not_started: int | None = wire("notStarted", "not_started")
    interested: int | None = None
    revenue: float | None = None


@attrs.frozen(kw_only=True, slots=False)
class CampaignCounts(Model):
    """Campaign identity and message counts shared by A2, A3 and A4 (counts arrive as text)."""

    id: int | None = wire("id", "campaign_id")
    user_id: int | None = None
    created_at: datetime | None = None
    status: str | None = None
    name: str | None = wire("name", "campaign_name")
    sent_count: int | None = wire("sent_count", "total_sent")
    open_count: int | None = wire("open_count", "total_opens")
    click_count: int | None = wire("click_count", "total_clicks")
    reply_count: int | None = wire("reply_count", "total_replies")
    block_count: int | None = None
    total_count: int | None = None
    drafted_count: int | None = None
    bounce_count: int | None = wire("bounce_count", "total_bounces")
    unsubscribed_count: int | None = None
    unique_sent_count: int | None = None
    unique_open_count: int | None = None
    unique_click_count: int | None = None
    positive_reply_count: int | None = None


@attrs.frozen(kw_only=True, slots=False)
class CampaignAnalytics(CampaignCounts):
    """Top-level analytics of one campaign (A2). The DOCS placeholder rates are kept too."""

    sequence_count: int | None = None
    client_id: int | None = None
    client_name: str | None = None
    client_email: str | None = None
    parent_campaign_id: int | None = None
    tags: list[CampaignTag] = wire("tags", factory=list)
    campaign_lead_stats: CampaignLeadStats | None = None
    open_rate: Percent | None = None
    click_rate: Percent | None = None
    reply_rate: Percent | None = None
    bounce_rate: Percent | None = None


@attrs.frozen(kw_only=True, slots=False)
class CampaignAnalyticsByDate(CampaignCounts):
    """Campaign counts within a date window (A3, A4)."""

    start_date: date | None = None
    end_date: date | None = None


@attrs.frozen(kw_only=True, slots=False)
class LeadStatistic(Model):
    """One lead's engagement in a campaign (A5 ``data[]``)."""

    lead_id: int | None = wire("lead_id", "id")
    campaign_lead_map_id: int | None = wire("campaign_lead_map_id", "email_lead_map_id")
    email: str | None = wire("email", "lead_email")
    first_name: str | None = None
    last_name: str | None = None
    lead_name: str | None = None
    status: str | None = wire("status", "lead_status")
    lead_category_id: int | None = None
    current_sequence_number: int | None = None
    sent_count: int | None = None
    open_count: int | None = None
    click_count: int | None = None
    reply_count: int | None = None
    is_bounced: bool | None = None
    is_unsubscribed: bool | None = None
    last_sent_time: datetime | None = None
    last_reply_time: datetime | None = None
    last_event_time: datetime | None = wire("last_event_time", "event_time")


@attrs.frozen(kw_only=True, slots=False)
class MailboxStatistic(Model):
    """One sender mailbox's numbers in a campaign (A6 ``data[]``)."""

    email_account_id: int | None = wire("email_account_id", "id")
    from_email: str | None = wire("from_email", "email")
    from_name: str | None = None
    type: str | None = None
    sent_count: int | None = wire("sent_count", "sent")
    open_count: int | None = wire("open_count", "opened")
    unique_open_count: int | None = None
    click_count: int | None = wire("click_count", "clicked")
    reply_count: int | None = wire("reply_count", "replied")
    bounce_count: int | None = wire("bounce_count", "bounced")
    unsubscribed_count: int | None = wire("unsubscribed_count", "unsubscribed")
    positive_reply_count: int | None = None
    open_rate: Percent | None = None
    click_rate: Percent | None = None
    reply_rate: Percent | None = None
    positive_reply_rate: Percent | None = None
    bounce_rate: Percent | None = None


@attrs.frozen(kw_only=True, slots=False)
class SequenceStepStats(Model):
    """One sequence step's numbers (C19)."""

    sequence_number: int | None = wire("sequence_number", "seq_number", "email_seq_number")
    sequence_id: int | None = wire("sequence_id", "email_campaign_seq_id", "id")
    subject: str | None = None
    sent_count: int | None = wire("sent_count", "sent")
    open_count: int | None = wire("open_count", "opened")
    unique_open_count: int | None = None
    click_count: int | None = wire("click_count", "clicked")
    reply_count: int | None = wire("reply_count", "replied")
    positive_reply_count: int | None = wire("positive_reply_count", "positive_replied")
    bounce_count: int | None = wire("bounce_count", "bounced")
    unsubscribed_count: int | None = wire("unsubscribed_count", "unsubscribed")
    open_rate: Percent | None = None
    click_rate: Percent | None = None
    reply_rate: Percent | None = None


@attrs.frozen(kw_only=True, slots=False)
class SequenceAnalytics(Model):
    """Per-step analytics of a campaign's sequence (C19)."""

    campaign_id: int | None = None
    start_date: date | None = None
    end_date: date | None = None
    time_zone: str | None = None
    steps: list[SequenceStepStats] = wire(
        "sequences", "sequence_analytics", "steps", "data", factory=list
    )


# --- account-wide: A7 ----------------------------------------------------------------------


@attrs.frozen(kw_only=True, slots=False)
class EngagementMetrics(Model):
    """Counts and rates shared by most ``/analytics/*`` answers."""

    sent: int | None = wire("sent", "sent_count", "total_sent")
    opened: int | None = wire("opened", "open_count")
    unique_opened: int | None = wire("unique_open_count", "unique_opened")
    clicked: int | None = wire("clicked", "click_count")
    replied: int | None = wire("replied", "reply_count")
    positive_replied: int | None = wire("positive_replied", "positive_reply_count")
    bounced: int | None = wire("bounced", "bounce_count")
    unsubscribed: int | None = wire("unsubscribed", "unsubscribed_count", "unsubscribe_count")
    unique_leads: int | None = wire("unique_lead_count", "unique_lead_reached", "unique_leads")
    unique_clicked: int | None = wire("unique_click_count", "unique_clicked")
    unique_replied: int | None = wire("unique_reply_count", "unique_replied")
    open_rate: Percent | None = None
    click_rate: Percent | None = None
    reply_rate: Percent | None = None
    positive_reply_rate: Percent | None = None
    bounce_rate: Percent | None = None
    unsubscribe_rate: Percent | None = None


@attrs.frozen(kw_only=True, slots=False)
class OverallStats(Model):
    """Account-wide totals for a window (``/analytics/overall-stats-v2``)."""

    stats: EngagementMetrics = wire("overall_stats", factory=EngagementMetrics)


@attrs.frozen(kw_only=True, slots=False)
class DayStats(Model):
    """One day in a day-wise answer (``date`` is display text such as ``"18 Jun"``)."""

    date: str | None = wire("date", "day")
    day_name: str | None = None
    metrics: EngagementMetrics = wire("email_engagement_metrics", factory=EngagementMetrics)
    replied: int | None = wire("replies", "replied")
    positive_replied: int | None = wire("positive_replies", "positive_replied")


@attrs.frozen(kw_only=True, slots=False)
class DayWiseStats(Model):
    """The four ``/analytics/day-wise-*`` answers: ``data.day_wise_stats[]``."""

    days: list[DayStats] = wire("day_wise_stats", "days", factory=list)


@attrs.frozen(kw_only=True, slots=False)
class AnalyticsCampaign(Model):
    """A campaign in ``/analytics/campaign/list``."""

    id: int | None = wire("id", "campaign_id")
    name: str | None = wire("name", "campaign_name")
    status: str | None = None
    client_id: int | None = None
    parent_campaign_id: int | None = None
    created_at: datetime | None = None


@attrs.frozen(kw_only=True, slots=False)
class AnalyticsCampaignList(Model):
    """``/analytics/campaign/list``: the campaigns analytics can filter on."""

    campaigns: list[AnalyticsCampaign] = wire("campaign_list", "campaigns", factory=list)
    total_count: int | None = wire("total_count", "total")


@attrs.frozen(kw_only=True, slots=False)
class CampaignPerformanceRow(EngagementMetrics):
    """One campaign in ``/analytics/campaign/overall-stats``."""

    id: int | None = wire("id", "campaign_id")
    campaign_name: str | None = wire("campaign_name", "name")
    status: str | None = None
    client_id: int | None = None


@attrs.frozen(kw_only=True, slots=False)
class CampaignPerformance(Model):
    """``/analytics/campaign/overall-stats``: ``data.campaign_wise_performance[]``."""

    campaigns: list[CampaignPerformanceRow] = wire(
        "campaign_wise_performance", "campaigns", factory=list
    )
    total_count: int | None = wire("total_count", "total")


@attrs.frozen(kw_only=True, slots=False)
class CampaignResponseRow(EngagementMetrics):
    """One campaign in ``/analytics/campaign/response-stats``."""

    id: int | None = wire("id", "campaign_id")
    campaign_name: str | None = wire("campaign_name", "name")
    negative_replied: int | None = wire("negative_replied", "negative_reply_count")
    neutral_replied: int | None = wire("neutral_replied", "neutral_reply_count")
    uncategorized_replied: int | None = None
    out_of_office: int | None = wire("out_of_office", "ooo_count")


@attrs.frozen(kw_only=True, slots=False)
class CampaignResponseStats(Model):
    """``/analytics/campaign/response-stats``: replies per campaign."""

    campaigns: list[CampaignResponseRow] = wire(
        "campaign_wise_response", "campaign_response_stats", "campaigns", factory=list
    )


@attrs.frozen(kw_only=True, slots=False)
class CampaignStatusStats(Model):
    """``/analytics/campaign/status-stats``: campaigns per status."""

    active_count: int | None = wire("active_count", "active")
    paused_count: int | None = wire("paused_count", "paused")
    completed_count: int | None = wire("completed_count", "completed")
    draft_count: int | None = wire("draft_count", "drafted_count", "drafted")
    stopped_count: int | None = wire("stopped_count", "stopped")
    archived_count: int | None = wire("archived_count", "archived")
    total_count: int | None = wire("total_count", "total")


@attrs.frozen(kw_only=True, slots=False)
class SequenceReplyRate(Model):
    """One sequence step in ``/analytics/campaign/follow-up-reply-rate``."""

    sequence_number: int | None = wire("sequence_number", "email_seq_number", "seq_number")
    sent: int | None = wire("sent", "sent_count")
    replied: int | None = wire("replied", "reply_count")
    reply_rate: Percent | None = None


@attrs.frozen(kw_only=True, slots=False)
class FollowUpReplyRates(Model):
    """``/analytics/campaign/follow-up-reply-rate``: replies per sequence step."""

    steps: list[SequenceReplyRate] = wire(
        "follow_up_reply_rate", "sequence_wise_reply_rate", "sequences", "steps", factory=list
    )
    overall_follow_up_reply_rate: Percent | None = None


@attrs.frozen(kw_only=True, slots=False)
class TimeBucket(Model):
    """One bucket of a time distribution (e.g. ``"0-1 hours"``: 12 leads)."""

    label: str | None = wire("label", "time_range", "range", "bucket", "emails_sent")
    count: int | None = wire("count", "lead_count", "total")
    percentage: Percent | None = wire("percentage", "percent")


@attrs.frozen(kw_only=True, slots=False)
class ReplyTimeDistribution(Model):
    """How long leads took to reply (``lead-to-reply-time``, ``leads-take-for-first-reply``)."""

    buckets: list[TimeBucket] = wire(
        "buckets",
        "lead_to_reply_time",
        "leads_take_for_first_reply",
        "distribution",
        factory=list,
    )
    replied_lead_count: int | None = None
    average_hours: float | None = wire("average_hours", "avg_reply_time", "average_reply_time")
    median_hours: float | None = None
    average_emails: float | None = wire("average_emails_before_first_reply", "average_emails")


@attrs.frozen(kw_only=True, slots=False)
class AnalyticsClient(Model):
    """A client in ``/analytics/client/list``."""

    id: int | None = wire("id", "client_id")
    name: str | None = wire("name", "client_name")
    email: str | None = None
    campaign_count: int | None = None
    created_at: datetime | None = None


@attrs.frozen(kw_only=True, slots=False)
class AnalyticsClientList(Model):
    """``/analytics/client/list``: the clients analytics can filter on."""

    clients: list[AnalyticsClient] = wire("client_list", "clients", factory=list)
    total_count: int | None = wire("total_count", "total")


@attrs.frozen(kw_only=True, slots=False)
class ClientPerformanceRow(EngagementMetrics):
    """One client in ``/analytics/client/overall-stats``."""

    id: int | None = wire("id", "client_id")
    client_name: str | None = wire("client_name", "name")
    campaign_count: int | None = None


@attrs.frozen(kw_only=True, slots=False)
class ClientPerformance(Model):
    """``/analytics/client/overall-stats``: numbers per client."""

    clients: list[ClientPerformanceRow] = wire("client_wise_performance", "clients", factory=list)
    total_count: int | None = wire("total_count", "total")


@attrs.frozen(kw_only=True, slots=False)
class MonthCount(Model):
    """One month in ``/analytics/client/month-wise-count``."""

    month: str | None = None
    year: int | None = None
    count: int | None = wire("count", "client_count", "total")


@attrs.frozen(kw_only=True, slots=False)
class ClientMonthlyCounts(Model):
    """``/analytics/client/month-wise-count``: clients added per month."""

    months: list[MonthCount] = wire(
        "month_wise_count", "month_wise_client_count", "months", factory=list
    )


@attrs.frozen(kw_only=True, slots=False)
class LeadOverallStats(Model):
    """``/analytics/lead/overall-stats``: leads per state in a window."""

    total: int | None = wire("total", "total_leads", "total_count")
    new_leads: int | None = None
    contacted: int | None = wire("contacted", "leads_contacted")
    opened: int | None = None
    clicked: int | None = None
    replied: int | None = None
    positive_replied: int | None = wire("positive_replied", "positive")
    bounced: int | None = None
    unsubscribed: int | None = None
    not_started: int | None = wire("not_started", "notStarted")
    in_progress: int | None = wire("in_progress", "inprogress")
    completed: int | None = None
    paused: int | None = None
    stopped: int | None = None
    blocked: int | None = None
    status_counts: dict[str, int] = wire("status_counts", factory=dict)


@attrs.frozen(kw_only=True, slots=False)
class CategoryCount(Model):
    """One lead category in ``/analytics/lead/category-wise-response``."""

    category_id: int | None = wire("category_id", "lead_category_id", "id")
    category_name: str | None = wire("category_name", "lead_category", "name")
    sentiment_type: str | None = None
    count: int | None = wire("count", "lead_count", "total")
    percentage: Percent | None = wire("percentage", "percent")


@attrs.frozen(kw_only=True, slots=False)
class LeadCategoryResponses(Model):
    """``/analytics/lead/category-wise-response``: replies per lead category."""

    categories: list[CategoryCount] = wire(
        "lead_category_wise_response", "category_wise_response", "categories", factory=list
    )
    total_replied_leads: int | None = None


@attrs.frozen(kw_only=True, slots=False)
class MailboxOverallStats(Model):
    """``/analytics/mailbox/overall-stats``: mailbox health across the account."""

    total_mailboxes: int | None = None
    active_mailboxes: int | None = None
    suspended_mailboxes: int | None = None
    warmup_enabled: int | None = None
    warmup_blocked: int | None = None
    average_warmup_reputation: Percent | None = None
    daily_sent_count: int | None = None
    daily_capacity: int | None = None
    healthy_count: int | None = None
    at_risk_count: int | None = None
    unhealthy_count: int | None = None
    average_health_score: float | None = None
    average_bounce_rate: Percent | None = None
    average_spam_rate: Percent | None = None
    total_sent: int | None = None
    total_bounce: int | None = None
    total_spam: int | None = None


@attrs.frozen(kw_only=True, slots=False)
class HealthMetrics(Model):
    """Deliverability numbers shared by the domain- and mailbox-wise health answers."""

    sent_count: int | None = wire("sent_count", "sent")
    open_count: int | None = wire("open_count", "opened")
    bounce_count: int | None = wire("bounce_count", "bounced")
    spam_count: int | None = None
    unsubscribe_count: int | None = wire("unsubscribe_count", "unsubscribed")
    reply_count: int | None = wire("reply_count", "replied")
    open_rate: Percent | None = None
    bounce_rate: Percent | None = None
    spam_rate: Percent | None = None
    reply_rate: Percent | None = None
    health_score: float | None = None
    status: str | None = None


@attrs.frozen(kw_only=True, slots=False)
class DomainHealth(HealthMetrics):
    """One sending domain in ``/analytics/mailbox/domain-wise-health-metrics``."""

    domain: str | None = None
    mailbox_count: int | None = None


@attrs.frozen(kw_only=True, slots=False)
class DomainHealthMetrics(Model):
    """``/analytics/mailbox/domain-wise-health-metrics``."""

    domains: list[DomainHealth] = wire(
        "domain_wise_health_metrics", "domain_wise_health", "domains", factory=list
    )
    total_count: int | None = wire("total_count", "total")


@attrs.frozen(kw_only=True, slots=False)
class MailboxHealth(HealthMetrics):
    """One mailbox in ``/analytics/mailbox/name-wise-health-metrics``."""

    email_account_id: int | None = wire("email_account_id", "id")
    from_email: str | None = wire("from_email", "email", "mailbox")
    from_name: str | None = None
    type: str | None = None
    warmup_reputation: Percent | None = None


@attrs.frozen(kw_only=True, slots=False)
class MailboxHealthMetrics(Model):
    """``/analytics/mailbox/name-wise-health-metrics``."""

    mailboxes: list[MailboxHealth] = wire(
        "name_wise_health_metrics",
        "mailbox_wise_health",
        "email_wise_health_metrics",
        "mailboxes",
        factory=list,
    )
    total_count: int | None = wire("total_count", "total")


@attrs.frozen(kw_only=True, slots=False)
class ProviderPerformanceRow(EngagementMetrics):
    """One mailbox provider in ``/analytics/mailbox/provider-wise-overall-performance``."""

    provider: str | None = wire("provider", "esp", "email_provider")
    mailbox_count: int | None = None


@attrs.frozen(kw_only=True, slots=False)
class ProviderPerformance(Model):
    """``/analytics/mailbox/provider-wise-overall-performance``."""

    providers: list[ProviderPerformanceRow] = wire(
        "provider_wise_overall_performance", "provider_wise_performance", "providers", factory=list
    )


@attrs.frozen(kw_only=True, slots=False)
class TeamMemberStats(EngagementMetrics):
    """One team member in ``/analytics/team-board/overall-stats``."""

    team_member_id: int | None = wire("team_member_id", "id")
    name: str | None = wire("name", "team_member_name")
    email: str | None = None
    assigned_leads: int | None = None
    replied_leads: int | None = None
    positive_leads: int | None = None
    revenue: float | None = None


@attrs.frozen(kw_only=True, slots=False)
class TeamBoardStats(Model):
    """``/analytics/team-board/overall-stats``: numbers per team member."""

    members: list[TeamMemberStats] = wire(
        "team_board_overall_stats",
        "team_board_stats",
        "team_board",
        "team_members",
        "members",
        factory=list,
    )


__all__ = [
    "AnalyticsCampaign",
    "AnalyticsCampaignList",
    "AnalyticsClient",
    "AnalyticsClientList",
    "CampaignAnalytics",
    "CampaignAnalyticsByDate",
    "CampaignCounts",
    "CampaignLeadStats",
    "CampaignPerformance",
    "CampaignPerformanceRow",
    "CampaignResponseRow",
    "CampaignResponseStats",
    "CampaignStatistic",
    "CampaignStatusStats",
    "CategoryCount",
    "ClientMonthlyCounts",
    "ClientPerformance",
    "ClientPerformanceRow",
    "DateInput",
    "DateTimeInput",
    "DayStats",
    "DayWiseStats",
    "DomainHealth",
    "DomainHealthMetrics",
    "EngagementMetrics",
    "FollowUpReplyRates",
    "HealthMetrics",
    "LeadCategoryResponses",
    "LeadOverallStats",
    "LeadStatistic",
    "MailboxHealth",
    "MailboxHealthMetrics",
    "MailboxOverallStats",
    "MailboxStatistic",
    "MonthCount",
    "OverallStats",
    "ProviderPerformance",
    "ProviderPerformanceRow",
    "ReplyTimeDistribution",
    "SequenceAnalytics",
    "SequenceReplyRate",
    "SequenceStepStats",
    "StatisticsEmailStatus",
    "TeamBoardStats",
    "TeamMemberStats",
    "TimeBucket",
]
