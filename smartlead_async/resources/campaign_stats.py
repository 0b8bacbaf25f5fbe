"""Campaign-scoped statistics and analytics, mixed into ``client.campaigns``."""

from __future__ import annotations

from datetime import datetime
from typing import get_args

from smartlead_async._response import QueryValue
from smartlead_async._validate import (
    check_choice,
    check_date,
    check_date_window,
    check_datetime,
    check_optional_id,
    check_range,
    check_time_order,
    check_timezone,
    utc_millis,
)
from smartlead_async.catalog import A1, A2, A3, A4, A5, A6, C19
from smartlead_async.models.analytics import (
    CampaignAnalytics,
    CampaignAnalyticsByDate,
    CampaignStatistic,
    DateInput,
    DateTimeInput,
    LeadStatistic,
    MailboxStatistic,
    SequenceAnalytics,
    StatisticsEmailStatus,
)
from smartlead_async.pagination import Paginator
from smartlead_async.resources._base import Resource

#: A3: the widest window ``analytics-by-date`` accepts, in days.
ANALYTICS_BY_DATE_MAX_DAYS = 30

_EMAIL_STATUSES: tuple[str, ...] = get_args(StatisticsEmailStatus)


def _wire_time(value: datetime | None) -> str | None:
    """``2023-10-16 10:33:02.000Z``: the statistics filter format (UTC, milliseconds)."""
    return utc_millis(value, sep=" ")


class CampaignStatsMixin(Resource):
    """Statistics and analytics of one campaign (catalog A1-A6, C19)."""

    def iter_statistics(
        self,
        campaign_id: int,
        *,
        email_sequence_number: int | None = None,
        email_status: StatisticsEmailStatus | None = None,
        sent_time_start_date: DateTimeInput | None = None,
        sent_time_end_date: DateTimeInput | None = None,
        limit: int | None = None,
        max_items: int | None = None,
    ) -> Paginator[CampaignStatistic]:
        """Every sent message with its engagement. ``GET /campaigns/{campaign_id}/statistics`` (A1).

        ``limit`` is the page size: 100 by default, at most 1000 (R6). ``email_sequence_number``
        is 1-20; ``email_status`` one of opened, clicked, replied, unsubscribed, bounced; the
        ``sent_time_*`` bounds take datetimes (naive means UTC), dates or ISO text.
        """
        check_range("email_sequence_number", email_sequence_number, 1, 20)
        check_choice("email_status", email_status, _EMAIL_STATUSES)
        start = check_datetime("sent_time_start_date", sent_time_start_date)
        end = check_datetime("sent_time_end_date", sent_time_end_date)
        check_time_order("sent_time_start_date", start, "sent_time_end_date", end)
        filters: dict[str, QueryValue] = {
            "email_sequence_number": email_sequence_number,
            "email_status": email_status,
            "sent_time_start_date": _wire_time(start),
            "sent_time_end_date": _wire_time(end),
        }
        return self._pages(A1, filters, limit=limit, max_items=max_items, campaign_id=campaign_id)

    async def get_analytics(self, campaign_id: int) -> CampaignAnalytics:
        """Top-level analytics of one campaign. ``GET /campaigns/{campaign_id}/analytics`` (A2).

        Counts arrive as strings and are returned as ints; ``campaign_lead_stats`` holds the
        leads per state.
        """
        return await self._send(A2, campaign_id=campaign_id)

    async def get_analytics_by_date(
        self,
        campaign_id: int,
        start_date: DateInput,
        end_date: DateInput,
        *,
        time_zone: str | None = None,
    ) -> CampaignAnalyticsByDate:
        """Campaign counts within a date window. ``GET /campaigns/{campaign_id}/analytics-by-date`` (A3).

        Both dates are required (``YYYY-MM-DD``), ``end_date >= start_date``, and the window
        spans at most 30 days. The API marks this route deprecated in favour of the
        account-wide ``client.analytics`` reports.
        """  # noqa: E501
        first, last = check_date_window(
            start_date, end_date, required=True, max_days=ANALYTICS_BY_DATE_MAX_DAYS
        )
        params = {
            "start_date": first,
            "end_date": last,
            "time_zone": check_timezone("time_zone", time_zone),
        }
        return await self._send(A3, params=params, campaign_id=campaign_id)

    async def get_top_level_analytics_by_date(
        self, campaign_id: int, start_date: DateInput, end_date: DateInput
    ) -> CampaignAnalyticsByDate:
        """Top-level campaign counts in a window. ``GET /campaigns/{campaign_id}/top-level-analytics-by-date`` (A4).

        Both dates are required (``YYYY-MM-DD``) and ``end_date >= start_date``.
        """  # noqa: E501
        first, last = check_date_window(start_date, end_date, required=True)
        params = {"start_date": first, "end_date": last}
        return await self._send(A4, params=params, campaign_id=campaign_id)

    def iter_lead_statistics(
        self,
        campaign_id: int,
        *,
        event_time_gt: DateInput | None = None,
        limit: int | None = None,
        max_items: int | None = None,
    ) -> Paginator[LeadStatistic]:
        """Every lead's engagement in a campaign. ``GET /campaigns/{campaign_id}/leads-statistics`` (A5).

        ``limit`` is the page size: at most 100 (the default). ``event_time_gt`` is a date
        (``YYYY-MM-DD``): only leads with activity after it.
        """  # noqa: E501
        filters = {"event_time_gt": check_date("event_time_gt", event_time_gt)}
        return self._pages(A5, filters, limit=limit, max_items=max_items, campaign_id=campaign_id)

    def iter_mailbox_statistics(
        self,
        campaign_id: int,
        *,
        client_id: int | None = None,
        start_date: DateInput | None = None,
        end_date: DateInput | None = None,
        time_zone: str | None = None,
        limit: int | None = None,
        max_items: int | None = None,
    ) -> Paginator[MailboxStatistic]:
        """Numbers per sender mailbox. ``GET /campaigns/{campaign_id}/mailbox-statistics`` (A6).

        ``limit`` is the page size: 1-20 (default 20). Pass ``start_date`` and ``end_date``
        together (``YYYY-MM-DD``) or neither; ``time_zone`` defaults to UTC on the server.
        """
        first, last = check_date_window(start_date, end_date)
        filters: dict[str, QueryValue] = {
            "client_id": check_optional_id("client_id", client_id),
            "start_date": first,
            "end_date": last,
            "time_zone": check_timezone("time_zone", time_zone),
        }
        return self._pages(A6, filters, limit=limit, max_items=max_items, campaign_id=campaign_id)

    async def get_sequence_analytics(
        self,
        campaign_id: int,
        start_date: DateInput,
        end_date: DateInput,
        *,
        time_zone: str | None = None,
    ) -> SequenceAnalytics:
        """Numbers per sequence step. ``GET /campaigns/{campaign_id}/sequence-analytics`` (C19).

        Both dates are required (``YYYY-MM-DD``) and ``end_date >= start_date``.
        """
        first, last = check_date_window(start_date, end_date, required=True)
        params = {
            "start_date": first,
            "end_date": last,
            "time_zone": check_timezone("time_zone", time_zone),
        }
        return await self._send(C19, params=params, campaign_id=campaign_id)
