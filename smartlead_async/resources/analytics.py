"""``client.analytics``: the 22 account-wide ``GET /analytics/*`` reports (catalog A7).

Dates are ``datetime.date`` objects or ``"YYYY-MM-DD"`` strings; ``client_ids`` and
``campaign_ids`` are lists of ints, sent comma-joined. ``/analytics/overview`` does not exist
(R9): the account overview is :meth:`AnalyticsResource.overall_stats`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from smartlead_async._envelopes import (
    CAMPAIGN_PERFORMANCE,
    CLIENT_PERFORMANCE,
    DOMAIN_HEALTH,
    MAILBOX_HEALTH,
    Envelope,
    paged,
)
from smartlead_async._response import QueryValue
from smartlead_async._validate import (
    check_date,
    check_date_window,
    check_datetime,
    check_flag,
    check_ids,
    check_range,
    check_text,
    check_timezone,
)
from smartlead_async.catalog import (
    A7_1,
    A7_2,
    A7_3,
    A7_4,
    A7_5,
    A7_6,
    A7_7,
    A7_8,
    A7_9,
    A7_10,
    A7_11,
    A7_12,
    A7_13,
    A7_14,
    A7_15,
    A7_16,
    A7_17,
    A7_18,
    A7_19,
    A7_20,
    A7_21,
    A7_22,
    Endpoint,
)
from smartlead_async.models.analytics import (
    AnalyticsCampaignList,
    AnalyticsClientList,
    CampaignPerformance,
    CampaignPerformanceRow,
    CampaignResponseStats,
    CampaignStatusStats,
    ClientMonthlyCounts,
    ClientPerformance,
    ClientPerformanceRow,
    DateInput,
    DayWiseStats,
    DomainHealth,
    DomainHealthMetrics,
    FollowUpReplyRates,
    LeadCategoryResponses,
    LeadOverallStats,
    MailboxHealth,
    MailboxHealthMetrics,
    MailboxOverallStats,
    OverallStats,
    ProviderPerformance,
    ReplyTimeDistribution,
    TeamBoardStats,
)
from smartlead_async.pagination import Paginator
from smartlead_async.resources._base import Resource

M = TypeVar("M")

#: Page size of the ``iter_*`` analytics walks (the API documents no maximum).
ANALYTICS_PAGE_SIZE = A7_7.paging.size if A7_7.paging else 100

# Each walk's page read whole, so a page's ``total_count`` ends the walk.
_campaign_page = paged(
    CAMPAIGN_PERFORMANCE, CampaignPerformance, lambda r: r.campaigns, lambda r: r.total_count
)
_client_page = paged(
    CLIENT_PERFORMANCE, ClientPerformance, lambda r: r.clients, lambda r: r.total_count
)
_domain_page = paged(
    DOMAIN_HEALTH, DomainHealthMetrics, lambda r: r.domains, lambda r: r.total_count
)
_mailbox_page = paged(
    MAILBOX_HEALTH, MailboxHealthMetrics, lambda r: r.mailboxes, lambda r: r.total_count
)


def _ids(name: str, values: Iterable[int] | None) -> list[int] | None:
    if values is None:
        return None
    return check_ids(name, values, min_items=1)


class AnalyticsResource(Resource):
    """Account-wide analytics (catalog A7): 22 reports, all ``GET``, answering ``{ok, data}``."""

    async def _whole(
        self,
        endpoint: Endpoint[Any],
        envelope: Envelope,
        model: type[M],
        params: dict[str, QueryValue],
    ) -> M:
        """A paged report's one page read whole as ``model`` (its row reads only the rows)."""
        response = await self._response(endpoint, params=params)
        with self._reading():
            result: M = envelope.read(response, model, endpoint.id)
        return result

    @staticmethod
    def _window(
        start_date: DateInput,
        end_date: DateInput,
        timezone: str | None,
        client_ids: Iterable[int] | None,
        campaign_ids: Iterable[int] | None = None,
        *,
        timezone_required: bool = False,
    ) -> dict[str, QueryValue]:
        first, last = check_date_window(start_date, end_date, required=True)
        return {
            "start_date": first,
            "end_date": last,
            "timezone": check_timezone("timezone", timezone, required=timezone_required),
            "client_ids": _ids("client_ids", client_ids),
            "campaign_ids": _ids("campaign_ids", campaign_ids),
        }

    @staticmethod
    def _page(limit: int | None, offset: int | None) -> dict[str, QueryValue]:
        return {"limit": check_range("limit", limit, 1), "offset": check_range("offset", offset, 0)}

    # --- account overview ------------------------------------------------------------------

    async def overall_stats(
        self,
        start_date: DateInput,
        end_date: DateInput,
        *,
        timezone: str | None = None,
        client_ids: Iterable[int] | None = None,
        campaign_ids: Iterable[int] | None = None,
        is_agency: bool | None = None,
        full_data: bool | None = None,
    ) -> OverallStats:
        """Account-wide totals and rates. ``GET /analytics/overall-stats-v2`` (A7).

        ``start_date`` and ``end_date`` are required (``end_date >= start_date``).
        """
        params = self._window(start_date, end_date, timezone, client_ids, campaign_ids)
        params["is_agency"] = check_flag("is_agency", is_agency)
        params["full_data"] = check_flag("full_data", full_data)
        return await self._send(A7_1, params=params)

    async def day_wise_overall_stats(
        self,
        start_date: DateInput,
        end_date: DateInput,
        *,
        timezone: str | None = None,
        client_ids: Iterable[int] | None = None,
        campaign_ids: Iterable[int] | None = None,
    ) -> DayWiseStats:
        """Engagement per day, by event date. ``GET /analytics/day-wise-overall-stats`` (A7).

        ``start_date`` and ``end_date`` are required.
        """
        params = self._window(start_date, end_date, timezone, client_ids, campaign_ids)
        return await self._send(A7_2, params=params)

    async def day_wise_overall_stats_by_sent_time(
        self,
        start_date: DateInput,
        end_date: DateInput,
        timezone: str,
        *,
        client_ids: Iterable[int] | None = None,
        campaign_ids: Iterable[int] | None = None,
    ) -> DayWiseStats:
        """Engagement per day, by send date. ``GET /analytics/day-wise-overall-stats-by-sent-time`` (A7).

        ``start_date``, ``end_date`` and ``timezone`` are required.
        """  # noqa: E501
        params = self._window(
            start_date, end_date, timezone, client_ids, campaign_ids, timezone_required=True
        )
        return await self._send(A7_3, params=params)

    async def day_wise_positive_reply_stats(
        self,
        start_date: DateInput,
        end_date: DateInput,
        *,
        timezone: str | None = None,
        client_ids: Iterable[int] | None = None,
        campaign_ids: Iterable[int] | None = None,
    ) -> DayWiseStats:
        """Positive replies per day. ``GET /analytics/day-wise-positive-reply-stats`` (A7).

        ``start_date`` and ``end_date`` are required.
        """
        params = self._window(start_date, end_date, timezone, client_ids, campaign_ids)
        return await self._send(A7_4, params=params)

    async def day_wise_positive_reply_stats_by_sent_time(
        self,
        start_date: DateInput,
        end_date: DateInput,
        timezone: str,
        *,
        client_ids: Iterable[int] | None = None,
        campaign_ids: Iterable[int] | None = None,
    ) -> DayWiseStats:
        """Positive replies per send day. ``GET /analytics/day-wise-positive-reply-stats-by-sent-time`` (A7).

        ``start_date``, ``end_date`` and ``timezone`` are required.
        """  # noqa: E501
        params = self._window(
            start_date, end_date, timezone, client_ids, campaign_ids, timezone_required=True
        )
        return await self._send(A7_5, params=params)

    # --- campaigns -------------------------------------------------------------------------

    async def campaign_list(
        self, *, client_ids: Iterable[int] | None = None
    ) -> AnalyticsCampaignList:
        """Campaigns available to the reports. ``GET /analytics/campaign/list`` (A7)."""
        params: dict[str, QueryValue] = {"client_ids": _ids("client_ids", client_ids)}
        return await self._send(A7_6, params=params)

    async def campaign_overall_stats(
        self,
        start_date: DateInput,
        end_date: DateInput,
        *,
        timezone: str | None = None,
        client_ids: Iterable[int] | None = None,
        campaign_ids: Iterable[int] | None = None,
        limit: int | None = None,
        offset: int | None = None,
        full_data: bool | None = None,
    ) -> CampaignPerformance:
        """Numbers per campaign. ``GET /analytics/campaign/overall-stats`` (A7).

        ``start_date`` and ``end_date`` are required; ``limit`` >= 1, ``offset`` >= 0 (see
        :meth:`iter_campaign_overall_stats` to walk every page).
        """
        params = self._window(start_date, end_date, timezone, client_ids, campaign_ids)
        params.update(self._page(limit, offset))
        params["full_data"] = check_flag("full_data", full_data)
        return await self._whole(A7_7, CAMPAIGN_PERFORMANCE, CampaignPerformance, params)

    def iter_campaign_overall_stats(
        self,
        start_date: DateInput,
        end_date: DateInput,
        *,
        timezone: str | None = None,
        client_ids: Iterable[int] | None = None,
        campaign_ids: Iterable[int] | None = None,
        full_data: bool | None = None,
        limit: int | None = None,
        max_items: int | None = None,
    ) -> Paginator[CampaignPerformanceRow]:
        """Every campaign row, page by page. ``GET /analytics/campaign/overall-stats`` (A7)."""
        params = self._window(start_date, end_date, timezone, client_ids, campaign_ids)
        params["full_data"] = check_flag("full_data", full_data)
        return self._pages(
            A7_7,
            params,
            limit=limit,
            max_items=max_items,
            page_of=_campaign_page,
        )

    async def campaign_response_stats(
        self,
        start_date: DateInput,
        end_date: DateInput,
        *,
        timezone: str | None = None,
        client_ids: Iterable[int] | None = None,
        campaign_ids: Iterable[int] | None = None,
        full_data: bool | None = None,
    ) -> CampaignResponseStats:
        """Replies per campaign. ``GET /analytics/campaign/response-stats`` (A7).

        ``start_date`` and ``end_date`` are required.
        """
        params = self._window(start_date, end_date, timezone, client_ids, campaign_ids)
        params["full_data"] = check_flag("full_data", full_data)
        return await self._send(A7_8, params=params)

    async def campaign_status_stats(
        self, *, client_ids: Iterable[int] | None = None
    ) -> CampaignStatusStats:
        """Campaigns per status. ``GET /analytics/campaign/status-stats`` (A7)."""
        params: dict[str, QueryValue] = {"client_ids": _ids("client_ids", client_ids)}
        return await self._send(A7_9, params=params)

    async def campaign_follow_up_reply_rate(
        self,
        start_date: DateInput,
        end_date: DateInput,
        *,
        timezone: str | None = None,
        client_ids: Iterable[int] | None = None,
        campaign_ids: Iterable[int] | None = None,
    ) -> FollowUpReplyRates:
        """Reply rate per sequence step. ``GET /analytics/campaign/follow-up-reply-rate`` (A7).

        ``start_date`` and ``end_date`` are required; filter campaigns with ``campaign_ids``
        (the API rejects a singular ``campaign_id``).

        Unverified: the ``campaign_ids`` filter; live, the API answered a ``campaign_id``
        filter with "campaign_id is not allowed", and the plural form has no live answer yet.
        """
        params = self._window(start_date, end_date, timezone, client_ids, campaign_ids)
        return await self._send(A7_10, params=params)

    async def campaign_lead_to_reply_time(
        self,
        start_date: DateInput,
        end_date: DateInput,
        *,
        timezone: str | None = None,
        client_ids: Iterable[int] | None = None,
        campaign_ids: Iterable[int] | None = None,
    ) -> ReplyTimeDistribution:
        """Time from first email to reply. ``GET /analytics/campaign/lead-to-reply-time`` (A7).

        ``start_date`` and ``end_date`` are required.
        """
        params = self._window(start_date, end_date, timezone, client_ids, campaign_ids)
        return await self._send(A7_11, params=params)

    async def campaign_leads_take_for_first_reply(
        self,
        start_date: DateInput,
        end_date: DateInput,
        *,
        timezone: str | None = None,
        client_ids: Iterable[int] | None = None,
        campaign_ids: Iterable[int] | None = None,
    ) -> ReplyTimeDistribution:
        """Emails needed before the first reply. ``GET /analytics/campaign/leads-take-for-first-reply`` (A7).

        ``start_date`` and ``end_date`` are required.
        """  # noqa: E501
        params = self._window(start_date, end_date, timezone, client_ids, campaign_ids)
        return await self._send(A7_12, params=params)

    # --- clients ---------------------------------------------------------------------------

    async def client_list(self, *, client_ids: Iterable[int] | None = None) -> AnalyticsClientList:
        """Clients available to the reports. ``GET /analytics/client/list`` (A7)."""
        params: dict[str, QueryValue] = {"client_ids": _ids("client_ids", client_ids)}
        return await self._send(A7_13, params=params)

    async def client_overall_stats(
        self,
        start_date: DateInput,
        end_date: DateInput,
        *,
        timezone: str | None = None,
        client_ids: Iterable[int] | None = None,
        filter: str | None = None,
        full_data: bool | None = None,
        limit: int | None = None,
        offset: int | None = None,
    ) -> ClientPerformance:
        """Numbers per client. ``GET /analytics/client/overall-stats`` (A7).

        ``start_date`` and ``end_date`` are required; ``limit`` >= 1, ``offset`` >= 0 (see
        :meth:`iter_client_overall_stats`).
        """
        params = self._window(start_date, end_date, timezone, client_ids)
        params.update(self._page(limit, offset))
        params["filter"] = check_text("filter", filter)
        params["full_data"] = check_flag("full_data", full_data)
        return await self._whole(A7_14, CLIENT_PERFORMANCE, ClientPerformance, params)

    def iter_client_overall_stats(
        self,
        start_date: DateInput,
        end_date: DateInput,
        *,
        timezone: str | None = None,
        client_ids: Iterable[int] | None = None,
        filter: str | None = None,
        full_data: bool | None = None,
        limit: int | None = None,
        max_items: int | None = None,
    ) -> Paginator[ClientPerformanceRow]:
        """Every client row, page by page. ``GET /analytics/client/overall-stats`` (A7)."""
        params = self._window(start_date, end_date, timezone, client_ids)
        params["filter"] = check_text("filter", filter)
        params["full_data"] = check_flag("full_data", full_data)
        return self._pages(
            A7_14,
            params,
            limit=limit,
            max_items=max_items,
            page_of=_client_page,
        )

    async def client_month_wise_count(
        self, *, client_ids: Iterable[int] | None = None
    ) -> ClientMonthlyCounts:
        """Clients added per month. ``GET /analytics/client/month-wise-count`` (A7)."""
        params: dict[str, QueryValue] = {"client_ids": _ids("client_ids", client_ids)}
        return await self._send(A7_15, params=params)

    # --- leads -----------------------------------------------------------------------------

    async def lead_overall_stats(
        self,
        start_date: DateInput,
        end_date: DateInput,
        *,
        timezone: str | None = None,
        client_ids: Iterable[int] | None = None,
        campaign_ids: Iterable[int] | None = None,
    ) -> LeadOverallStats:
        """Leads per state. ``GET /analytics/lead/overall-stats`` (A7).

        ``start_date`` and ``end_date`` are required.
        """
        params = self._window(start_date, end_date, timezone, client_ids, campaign_ids)
        return await self._send(A7_16, params=params)

    async def lead_category_wise_response(
        self,
        start_date: DateInput,
        end_date: DateInput,
        *,
        timezone: str | None = None,
        client_ids: Iterable[int] | None = None,
        campaign_ids: Iterable[int] | None = None,
    ) -> LeadCategoryResponses:
        """Replies per lead category. ``GET /analytics/lead/category-wise-response`` (A7).

        ``start_date`` and ``end_date`` are required.
        """
        params = self._window(start_date, end_date, timezone, client_ids, campaign_ids)
        return await self._send(A7_17, params=params)

    # --- mailboxes -------------------------------------------------------------------------

    async def mailbox_overall_stats(
        self, *, client_ids: Iterable[int] | None = None
    ) -> MailboxOverallStats:
        """Mailbox health across the account. ``GET /analytics/mailbox/overall-stats`` (A7)."""
        params: dict[str, QueryValue] = {"client_ids": _ids("client_ids", client_ids)}
        return await self._send(A7_18, params=params)

    async def mailbox_domain_wise_health_metrics(
        self,
        start_date: DateInput,
        end_date: DateInput,
        *,
        timezone: str | None = None,
        client_ids: Iterable[int] | None = None,
        campaign_ids: Iterable[int] | None = None,
        full_data: bool | None = None,
        limit: int | None = None,
        offset: int | None = None,
    ) -> DomainHealthMetrics:
        """Deliverability per sending domain. ``GET /analytics/mailbox/domain-wise-health-metrics`` (A7).

        ``start_date`` and ``end_date`` are required; ``limit`` >= 1, ``offset`` >= 0 (see
        :meth:`iter_mailbox_domain_wise_health_metrics`).
        """  # noqa: E501
        params = self._window(start_date, end_date, timezone, client_ids, campaign_ids)
        params.update(self._page(limit, offset))
        params["full_data"] = check_flag("full_data", full_data)
        return await self._whole(A7_19, DOMAIN_HEALTH, DomainHealthMetrics, params)

    def iter_mailbox_domain_wise_health_metrics(
        self,
        start_date: DateInput,
        end_date: DateInput,
        *,
        timezone: str | None = None,
        client_ids: Iterable[int] | None = None,
        campaign_ids: Iterable[int] | None = None,
        full_data: bool | None = None,
        limit: int | None = None,
        max_items: int | None = None,
    ) -> Paginator[DomainHealth]:
        """Every sending domain, paged. ``GET /analytics/mailbox/domain-wise-health-metrics`` (A7)."""  # noqa: E501
        params = self._window(start_date, end_date, timezone, client_ids, campaign_ids)
        params["full_data"] = check_flag("full_data", full_data)
        return self._pages(
            A7_19,
            params,
            limit=limit,
            max_items=max_items,
            page_of=_domain_page,
        )

    async def mailbox_name_wise_health_metrics(
        self,
        start_date: DateInput,
        end_date: DateInput,
        *,
        timezone: str | None = None,
        client_ids: Iterable[int] | None = None,
        campaign_ids: Iterable[int] | None = None,
        full_data: bool | None = None,
        limit: int | None = None,
        offset: int | None = None,
        is_bounced: bool | None = None,
    ) -> MailboxHealthMetrics:
        """Deliverability per mailbox. ``GET /analytics/mailbox/name-wise-health-metrics`` (A7).

        ``start_date`` and ``end_date`` are required; ``limit`` >= 1, ``offset`` >= 0 (see
        :meth:`iter_mailbox_name_wise_health_metrics`).
        """
        params = self._window(start_date, end_date, timezone, client_ids, campaign_ids)
        params.update(self._page(limit, offset))
        params["full_data"] = check_flag("full_data", full_data)
        params["is_bounced"] = check_flag("is_bounced", is_bounced)
        return await self._whole(A7_20, MAILBOX_HEALTH, MailboxHealthMetrics, params)

    def iter_mailbox_name_wise_health_metrics(
        self,
        start_date: DateInput,
        end_date: DateInput,
        *,
        timezone: str | None = None,
        client_ids: Iterable[int] | None = None,
        campaign_ids: Iterable[int] | None = None,
        full_data: bool | None = None,
        is_bounced: bool | None = None,
        limit: int | None = None,
        max_items: int | None = None,
    ) -> Paginator[MailboxHealth]:
        """Every mailbox, page by page. ``GET /analytics/mailbox/name-wise-health-metrics`` (A7)."""
        params = self._window(start_date, end_date, timezone, client_ids, campaign_ids)
        params["full_data"] = check_flag("full_data", full_data)
        params["is_bounced"] = check_flag("is_bounced", is_bounced)
        return self._pages(
            A7_20,
            params,
            limit=limit,
            max_items=max_items,
            page_of=_mailbox_page,
        )

    async def mailbox_provider_wise_overall_performance(
        self,
        start_date: DateInput,
        end_date: DateInput,
        *,
        timezone: str | None = None,
        client_ids: Iterable[int] | None = None,
        campaign_ids: Iterable[int] | None = None,
        full_data: bool | None = None,
    ) -> ProviderPerformance:
        """Numbers per mailbox provider. ``GET /analytics/mailbox/provider-wise-overall-performance`` (A7).

        ``start_date`` and ``end_date`` are required.
        """  # noqa: E501
        params = self._window(start_date, end_date, timezone, client_ids, campaign_ids)
        params["full_data"] = check_flag("full_data", full_data)
        return await self._send(A7_21, params=params)

    # --- team ------------------------------------------------------------------------------

    async def team_board_overall_stats(
        self,
        start_date: DateInput,
        end_date: DateInput,
        *,
        timezone: str | None = None,
        client_ids: Iterable[int] | None = None,
        campaign_ids: Iterable[int] | None = None,
        full_data: bool | None = None,
    ) -> TeamBoardStats:
        """Numbers per team member. ``GET /analytics/team-board/overall-stats`` (A7).

        ``start_date`` and ``end_date`` are required.
        """
        params = self._window(start_date, end_date, timezone, client_ids, campaign_ids)
        params["full_data"] = check_flag("full_data", full_data)
        return await self._send(A7_22, params=params)


__all__ = [
    "AnalyticsResource",
    "check_date",
    "check_date_window",
    "check_datetime",
    "check_flag",
]
