"""``client.analytics``: the 22 account-wide ``GET /analytics/*`` reports (catalog A7).

Dates are ``datetime.date`` objects or ``"YYYY-MM-DD"`` strings; ``client_ids`` and
``campaign_ids`` are lists of ints, sent comma-joined. ``/analytics/overview`` does not exist
(R9): the account overview is :meth:`AnalyticsResource.overall_stats`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any, TypeVar

from smartlead_async._envelopes import decode, unwrap_data
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
from smartlead_async.errors import ResponseValidationError
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
from smartlead_async.pagination import Page, Paginator
from smartlead_async.resources._base import Resource

M = TypeVar("M")
R = TypeVar("R")

#: Page size of the ``iter_*`` analytics walks (the API documents no maximum).
ANALYTICS_PAGE_SIZE = 100


def _ids(name: str, values: Iterable[int] | None) -> list[int] | None:
    if values is None:
        return None
    return check_ids(name, values, min_items=1)


def _shape(
    body: Any,
    model: type[Any],
    *,
    rows: str | None = None,
    nest: str | None = None,
    lift: str | None = None,
) -> Any:
    """The report's data object, whatever the envelope.

    ``{ok, data}`` is unwrapped; a bare array goes under ``rows``; a flat object goes under
    ``nest``; an object wrapped in a ``lift`` key is merged up; ``null`` is an empty report.
    """
    data = unwrap_data(body)
    if data is None or data == "":
        return {}
    if isinstance(data, list):
        if rows is None:
            raise ResponseValidationError(
                "expected a JSON object, got an array", model=model.__name__
            )
        return {rows: data}
    if not isinstance(data, Mapping):
        return data
    if lift is not None and isinstance(data.get(lift), Mapping):
        rest = {key: value for key, value in data.items() if key != lift}
        return {**rest, **data[lift]}
    if nest is not None and nest not in data:
        return {nest: data}
    return data


class AnalyticsResource(Resource):
    """Account-wide analytics (catalog A7): 22 reports, all ``GET``, answering ``{ok, data}``."""

    async def _report(
        self,
        model: type[M],
        path: str,
        params: Mapping[str, QueryValue],
        *,
        rows: str | None = None,
        nest: str | None = None,
        lift: str | None = None,
    ) -> M:
        response = await self._request("GET", path, params=params)
        return decode(_shape(response.body, model, rows=rows, nest=nest, lift=lift), model)

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

    def _walk(
        self,
        fetch: Callable[[int, int], Awaitable[M]],
        rows_of: Callable[[M], list[R]],
        *,
        limit: int | None,
        max_items: int | None,
    ) -> Paginator[R]:
        size = check_range("limit", limit, 1) or ANALYTICS_PAGE_SIZE

        async def page(offset: int, count: int) -> Page[R]:
            report = await fetch(offset, count)
            return Page(rows_of(report), offset=offset, limit=count)

        return Paginator(page, style="short", limit=size, max_items=max_items)

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
        return await self._report(
            OverallStats, "/analytics/overall-stats-v2", params, nest="overall_stats"
        )

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
        return await self._report(
            DayWiseStats, "/analytics/day-wise-overall-stats", params, rows="day_wise_stats"
        )

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
        return await self._report(
            DayWiseStats,
            "/analytics/day-wise-overall-stats-by-sent-time",
            params,
            rows="day_wise_stats",
        )

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
        return await self._report(
            DayWiseStats, "/analytics/day-wise-positive-reply-stats", params, rows="day_wise_stats"
        )

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
        return await self._report(
            DayWiseStats,
            "/analytics/day-wise-positive-reply-stats-by-sent-time",
            params,
            rows="day_wise_stats",
        )

    # --- campaigns -------------------------------------------------------------------------

    async def campaign_list(
        self, *, client_ids: Iterable[int] | None = None
    ) -> AnalyticsCampaignList:
        """Campaigns available to the reports. ``GET /analytics/campaign/list`` (A7)."""
        params: dict[str, QueryValue] = {"client_ids": _ids("client_ids", client_ids)}
        return await self._report(
            AnalyticsCampaignList, "/analytics/campaign/list", params, rows="campaign_list"
        )

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
        return await self._report(
            CampaignPerformance,
            "/analytics/campaign/overall-stats",
            params,
            rows="campaign_wise_performance",
        )

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
        ids, campaigns = _ids("client_ids", client_ids), _ids("campaign_ids", campaign_ids)
        self._window(start_date, end_date, timezone, ids, campaigns)
        check_flag("full_data", full_data)

        async def fetch(offset: int, count: int) -> CampaignPerformance:
            return await self.campaign_overall_stats(
                start_date,
                end_date,
                timezone=timezone,
                client_ids=ids,
                campaign_ids=campaigns,
                limit=count,
                offset=offset,
                full_data=full_data,
            )

        return self._walk(fetch, lambda r: r.campaigns, limit=limit, max_items=max_items)

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
        return await self._report(
            CampaignResponseStats,
            "/analytics/campaign/response-stats",
            params,
            rows="campaign_wise_response",
        )

    async def campaign_status_stats(
        self, *, client_ids: Iterable[int] | None = None
    ) -> CampaignStatusStats:
        """Campaigns per status. ``GET /analytics/campaign/status-stats`` (A7)."""
        params: dict[str, QueryValue] = {"client_ids": _ids("client_ids", client_ids)}
        return await self._report(
            CampaignStatusStats,
            "/analytics/campaign/status-stats",
            params,
            lift="campaign_status_stats",
        )

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
        """
        params = self._window(start_date, end_date, timezone, client_ids, campaign_ids)
        return await self._report(
            FollowUpReplyRates,
            "/analytics/campaign/follow-up-reply-rate",
            params,
            rows="follow_up_reply_rate",
        )

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
        return await self._report(
            ReplyTimeDistribution,
            "/analytics/campaign/lead-to-reply-time",
            params,
            rows="buckets",
            lift="lead_to_reply_time",
        )

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
        return await self._report(
            ReplyTimeDistribution,
            "/analytics/campaign/leads-take-for-first-reply",
            params,
            rows="buckets",
            lift="leads_take_for_first_reply",
        )

    # --- clients ---------------------------------------------------------------------------

    async def client_list(self, *, client_ids: Iterable[int] | None = None) -> AnalyticsClientList:
        """Clients available to the reports. ``GET /analytics/client/list`` (A7)."""
        params: dict[str, QueryValue] = {"client_ids": _ids("client_ids", client_ids)}
        return await self._report(
            AnalyticsClientList, "/analytics/client/list", params, rows="client_list"
        )

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
        return await self._report(
            ClientPerformance,
            "/analytics/client/overall-stats",
            params,
            rows="client_wise_performance",
        )

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
        ids = _ids("client_ids", client_ids)
        self._window(start_date, end_date, timezone, ids)
        check_text("filter", filter)
        check_flag("full_data", full_data)

        async def fetch(offset: int, count: int) -> ClientPerformance:
            return await self.client_overall_stats(
                start_date,
                end_date,
                timezone=timezone,
                client_ids=ids,
                filter=filter,
                full_data=full_data,
                limit=count,
                offset=offset,
            )

        return self._walk(fetch, lambda r: r.clients, limit=limit, max_items=max_items)

    async def client_month_wise_count(
        self, *, client_ids: Iterable[int] | None = None
    ) -> ClientMonthlyCounts:
        """Clients added per month. ``GET /analytics/client/month-wise-count`` (A7)."""
        params: dict[str, QueryValue] = {"client_ids": _ids("client_ids", client_ids)}
        return await self._report(
            ClientMonthlyCounts, "/analytics/client/month-wise-count", params, rows="months"
        )

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
        return await self._report(
            LeadOverallStats, "/analytics/lead/overall-stats", params, lift="lead_overall_stats"
        )

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
        return await self._report(
            LeadCategoryResponses,
            "/analytics/lead/category-wise-response",
            params,
            rows="lead_category_wise_response",
        )

    # --- mailboxes -------------------------------------------------------------------------

    async def mailbox_overall_stats(
        self, *, client_ids: Iterable[int] | None = None
    ) -> MailboxOverallStats:
        """Mailbox health across the account. ``GET /analytics/mailbox/overall-stats`` (A7)."""
        params: dict[str, QueryValue] = {"client_ids": _ids("client_ids", client_ids)}
        return await self._report(
            MailboxOverallStats,
            "/analytics/mailbox/overall-stats",
            params,
            lift="mailbox_overall_stats",
        )

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
        return await self._report(
            DomainHealthMetrics,
            "/analytics/mailbox/domain-wise-health-metrics",
            params,
            rows="domain_wise_health_metrics",
        )

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
        ids, campaigns = _ids("client_ids", client_ids), _ids("campaign_ids", campaign_ids)
        self._window(start_date, end_date, timezone, ids, campaigns)
        check_flag("full_data", full_data)

        async def fetch(offset: int, count: int) -> DomainHealthMetrics:
            return await self.mailbox_domain_wise_health_metrics(
                start_date,
                end_date,
                timezone=timezone,
                client_ids=ids,
                campaign_ids=campaigns,
                full_data=full_data,
                limit=count,
                offset=offset,
            )

        return self._walk(fetch, lambda r: r.domains, limit=limit, max_items=max_items)

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
        return await self._report(
            MailboxHealthMetrics,
            "/analytics/mailbox/name-wise-health-metrics",
            params,
            rows="name_wise_health_metrics",
        )

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
        ids, campaigns = _ids("client_ids", client_ids), _ids("campaign_ids", campaign_ids)
        self._window(start_date, end_date, timezone, ids, campaigns)
        check_flag("full_data", full_data)
        check_flag("is_bounced", is_bounced)

        async def fetch(offset: int, count: int) -> MailboxHealthMetrics:
            return await self.mailbox_name_wise_health_metrics(
                start_date,
                end_date,
                timezone=timezone,
                client_ids=ids,
                campaign_ids=campaigns,
                full_data=full_data,
                is_bounced=is_bounced,
                limit=count,
                offset=offset,
            )

        return self._walk(fetch, lambda r: r.mailboxes, limit=limit, max_items=max_items)

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
        return await self._report(
            ProviderPerformance,
            "/analytics/mailbox/provider-wise-overall-performance",
            params,
            rows="provider_wise_overall_performance",
        )

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
        return await self._report(
            TeamBoardStats,
            "/analytics/team-board/overall-stats",
            params,
            rows="team_board_overall_stats",
        )


__all__ = [
    "AnalyticsResource",
    "check_date",
    "check_date_window",
    "check_datetime",
    "check_flag",
]
