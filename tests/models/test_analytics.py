"""Analytics and statistics models: live shapes, DOCS alternatives, string counts, rates."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from smartlead_async.models.analytics import (
    CampaignAnalytics,
    CampaignAnalyticsByDate,
    CampaignPerformance,
    CampaignStatistic,
    CampaignStatusStats,
    DayWiseStats,
    DomainHealthMetrics,
    LeadCategoryResponses,
    LeadStatistic,
    MailboxHealthMetrics,
    MailboxOverallStats,
    MailboxStatistic,
    OverallStats,
    ReplyTimeDistribution,
    SequenceAnalytics,
    TeamBoardStats,
)

COUNT_FIELDS = (
    "sent_count",
    "open_count",
    "click_count",
    "reply_count",
    "block_count",
    "total_count",
    "drafted_count",
    "bounce_count",
    "unsubscribed_count",
    "unique_sent_count",
    "unique_open_count",
    "unique_click_count",
)


def test_statistics_row_live_shape() -> None:
    row = CampaignStatistic.from_dict(
        {
            "lead_name": "Ada L",
            "lead_email": "ada@x.io",
            "lead_category": "Interested",
            "sequence_number": 2,
            "stats_id": "9c2e",
            "email_subject": "Re: hi",
            "email_message": "<p>hi</p>",
            "sent_time": "2023-10-16T10:33:02.000Z",
            "open_time": "2023-10-16T11:00:00.000Z",
            "click_time": None,
            "reply_time": None,
            "open_count": "3",
            "click_count": 0,
            "is_unsubscribed": False,
            "is_bounced": False,
        }
    )
    assert (row.lead_email, row.lead_category, row.sequence_number) == (
        "ada@x.io",
        "Interested",
        2,
    )
    assert row.sent_time == datetime(2023, 10, 16, 10, 33, 2, tzinfo=UTC)
    assert (row.open_count, row.click_time, row.is_bounced) == (3, None, False)


def test_campaign_analytics_string_counts_and_lead_stats() -> None:
    body: dict[str, Any] = {"id": 7, "name": "Q1", "status": "ACTIVE"}
    body.update({field: str(index * 10) for index, field in enumerate(COUNT_FIELDS, 1)})
    body["campaign_lead_stats"] = {"total": 9, "notStarted": 4, "inprogress": 3, "completed": 2}
    body["tags"] = [{"id": 1, "name": "vip", "color": "#fff000"}]
    result = CampaignAnalytics.from_dict(body)
    for index, field in enumerate(COUNT_FIELDS, 1):
        assert getattr(result, field) == index * 10
    stats = result.campaign_lead_stats
    assert stats is not None
    assert (stats.total, stats.not_started, stats.in_progress, stats.completed) == (9, 4, 3, 2)
    assert result.tags[0].tag_name == "vip"


def test_campaign_analytics_docs_placeholder() -> None:
    result = CampaignAnalytics.from_dict(
        {"campaign_id": "7", "total_sent": 100, "total_opens": 40, "open_rate": "40%"}
    )
    assert (result.id, result.sent_count, result.open_count) == (7, 100, 40)
    assert result.open_rate == 40.0


def test_analytics_by_date() -> None:
    result = CampaignAnalyticsByDate.from_dict(
        {"id": 7, "start_date": "2026-01-01", "end_date": "2026-01-30", "reply_count": "4"}
    )
    assert (result.start_date, result.end_date, result.reply_count) == (
        date(2026, 1, 1),
        date(2026, 1, 30),
        4,
    )


def test_lead_and_mailbox_statistics() -> None:
    lead = LeadStatistic.from_dict(
        {"id": "5", "lead_email": "a@x.io", "lead_status": "INPROGRESS", "reply_count": "1"}
    )
    assert (lead.lead_id, lead.email, lead.status, lead.reply_count) == (
        5,
        "a@x.io",
        "INPROGRESS",
        1,
    )
    box = MailboxStatistic.from_dict(
        {"id": 3, "email": "s@x.io", "sent": "10", "replied": 2, "reply_rate": "20%"}
    )
    assert (box.email_account_id, box.from_email, box.sent_count, box.reply_count) == (
        3,
        "s@x.io",
        10,
        2,
    )
    assert box.reply_rate is not None and box.reply_rate.raw == "20%"


def test_sequence_analytics_alternative_keys() -> None:
    result = SequenceAnalytics.from_dict(
        {"steps": [{"email_seq_number": "3", "sent": 4, "positive_replied": 1, "id": 99}]}
    )
    step = result.steps[0]
    assert (step.sequence_number, step.sent_count, step.positive_reply_count, step.sequence_id) == (
        3,
        4,
        1,
        99,
    )


def test_overall_stats_docs_example() -> None:
    result = OverallStats.from_dict(
        {
            "overall_stats": {
                "sent": 1250,
                "opened": 425,
                "replied": 94,
                "bounced": 23,
                "unique_lead_count": 1100,
                "unique_open_count": 380,
                "positive_replied": 52,
                "open_rate": "34%",
                "reply_rate": "7.5%",
                "positive_reply_rate": "4.2%",
                "bounce_rate": "1.8%",
            }
        }
    )
    stats = result.stats
    assert (stats.sent, stats.opened, stats.unique_leads, stats.unique_opened) == (
        1250,
        425,
        1100,
        380,
    )
    assert (float(stats.reply_rate or 0), float(stats.positive_reply_rate or 0)) == (7.5, 4.2)


def test_day_wise_live_shape() -> None:
    result = DayWiseStats.from_dict(
        {
            "day_wise_stats": [
                {
                    "date": "19 Jun",
                    "day_name": "Wednesday",
                    "email_engagement_metrics": {"sent": 120, "unique_lead_reached": 115},
                }
            ]
        }
    )
    day = result.days[0]
    assert (day.date, day.day_name, day.metrics.sent, day.metrics.unique_leads) == (
        "19 Jun",
        "Wednesday",
        120,
        115,
    )


def test_rows_reports() -> None:
    perf = CampaignPerformance.from_dict(
        {"campaign_wise_performance": [{"id": 1, "campaign_name": "A", "sent": 5}], "total": 1}
    )
    assert (perf.campaigns[0].campaign_name, perf.total_count) == ("A", 1)
    domains = DomainHealthMetrics.from_dict(
        {"domains": [{"domain": "a.io", "bounce_rate": 0.99, "status": "healthy"}]}
    )
    assert (domains.domains[0].status, float(domains.domains[0].bounce_rate or 0)) == (
        "healthy",
        0.99,
    )
    boxes = MailboxHealthMetrics.from_dict(
        {"email_wise_health_metrics": [{"mailbox": "s@a.io", "spam_rate": "5%"}]}
    )
    assert boxes.mailboxes[0].from_email == "s@a.io"
    team = TeamBoardStats.from_dict({"members": [{"id": 2, "team_member_name": "Bo"}]})
    assert (team.members[0].team_member_id, team.members[0].name) == (2, "Bo")
    categories = LeadCategoryResponses.from_dict(
        {"categories": [{"id": 1, "name": "Interested", "total": "3", "percent": "60%"}]}
    )
    cat = categories.categories[0]
    assert (cat.category_id, cat.category_name, cat.count, float(cat.percentage or 0)) == (
        1,
        "Interested",
        3,
        60.0,
    )
    times = ReplyTimeDistribution.from_dict(
        {"buckets": [{"bucket": "1-2 days", "total": 4}], "avg_reply_time": "10.5"}
    )
    assert (times.buckets[0].label, times.buckets[0].count, times.average_hours) == (
        "1-2 days",
        4,
        10.5,
    )


def test_docs_shapes_for_status_and_mailbox_overview() -> None:
    status = CampaignStatusStats.from_dict(
        {"active_count": 5, "paused_count": 2, "completed_count": 12, "draft_count": 3}
    )
    assert (status.active_count, status.completed_count, status.draft_count) == (5, 12, 3)
    mailbox = MailboxOverallStats.from_dict(
        {
            "total_mailboxes": 8,
            "healthy_count": 7,
            "at_risk_count": 1,
            "unhealthy_count": 0,
            "average_health_score": 93.1,
            "average_bounce_rate": 1.08,
            "average_spam_rate": 4.98,
            "total_sent": 2740,
            "total_bounce": 27,
            "total_spam": 137,
        }
    )
    assert (mailbox.total_mailboxes, mailbox.average_health_score, mailbox.total_spam) == (
        8,
        93.1,
        137,
    )


@given(st.integers(min_value=0, max_value=10**9))
def test_any_count_may_arrive_as_text(value: int) -> None:
    result = CampaignAnalytics.from_dict({"id": str(value), "sent_count": str(value)})
    assert (result.id, result.sent_count) == (value, value)


@given(st.decimals(min_value=0, max_value=100, places=2, allow_nan=False))
def test_rates_keep_text_and_value(rate: Any) -> None:
    text = f"{rate}%"
    result = OverallStats.from_dict({"overall_stats": {"reply_rate": text}})
    assert result.stats.reply_rate is not None
    assert result.stats.reply_rate.raw == text
    assert result.stats.reply_rate == float(rate)
