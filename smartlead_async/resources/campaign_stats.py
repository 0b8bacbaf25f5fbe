"""Campaign-scoped statistics and analytics, mixed into ``client.campaigns``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar, get_args

from smartlead_async._convert import structure
from smartlead_async._envelopes import decode_list, unwrap_data
from smartlead_async._response import QueryValue
from smartlead_async._validate import (
    check_choice,
    check_date,
    check_date_window,
    check_datetime,
    check_id,
    check_optional_id,
    check_range,
    check_time_order,
    check_timezone,
    id_params,
    utc_millis,
)
from smartlead_async.errors import ResponseValidationError
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
from smartlead_async.pagination import Page, Paginator, check_page_size
from smartlead_async.resources._base import Resource

T = TypeVar("T")

#: A1 page size: default 100, the caller may ask up to 1000 (R6).
STATISTICS_PAGE_SIZE = 100
STATISTICS_MAX_PAGE_SIZE = 1000
#: A5 page size (max 100).
LEAD_STATISTICS_MAX_PAGE_SIZE = 100
#: A6 page size (1-20).
MAILBOX_STATISTICS_MAX_PAGE_SIZE = 20
#: A3: the widest window ``analytics-by-date`` accepts, in days.
ANALYTICS_BY_DATE_MAX_DAYS = 30

_EMAIL_STATUSES: tuple[str, ...] = get_args(StatisticsEmailStatus)


def _wire_time(value: datetime | None) -> str | None:
    """``2023-10-16 10:33:02.000Z``: the statistics filter format (UTC, milliseconds)."""
    return utc_millis(value, sep=" ")


def _page(
    body: Any,
    cls: type[T],
    offset: int,
    limit: int,
    *,
    total_keys: Sequence[str] = (),
) -> Page[T]:
    """A page from ``{total?, data: [...]}``, ``{ok, data: [...]}`` or a bare array."""
    total: int | None = None
    if isinstance(body, Mapping):
        for key in total_keys:
            if body.get(key) is not None:
                total = structure(body[key], int)
                break
        items = body.get("data")
        if isinstance(items, Mapping):
            raise ResponseValidationError(
                "expected 'data' to be an array of rows, got an object", model=cls.__name__
            )
    else:
        items = body
    return Page(decode_list(items, cls), offset=offset, limit=limit, total=total)


def _steps_body(body: Any) -> Any:
    """C19's answer as one object: the envelope's keys plus the steps under ``sequences``."""
    if isinstance(body, list):
        return {"sequences": body}
    if not isinstance(body, Mapping):
        return body if body not in (None, "") else {}
    rest = {key: value for key, value in body.items() if key != "data"}
    data = body.get("data")
    if isinstance(data, list):
        return {**rest, "sequences": data}
    if isinstance(data, Mapping):
        return {**rest, **data}
    return rest


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
        cid = check_id("campaign_id", campaign_id)
        size = check_page_size(
            limit, default=STATISTICS_PAGE_SIZE, maximum=STATISTICS_MAX_PAGE_SIZE
        )
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

        async def fetch(offset: int, count: int) -> Page[CampaignStatistic]:
            response = await self._request(
                "GET",
                "/campaigns/{campaign_id}/statistics",
                path_params={"campaign_id": cid},
                params={**filters, "offset": offset, "limit": count},
            )
            return _page(
                response.body, CampaignStatistic, offset, count, total_keys=("total_stats",)
            )

        return Paginator(fetch, style="total", limit=size, max_items=max_items)

    async def get_analytics(self, campaign_id: int) -> CampaignAnalytics:
        """Top-level analytics of one campaign. ``GET /campaigns/{campaign_id}/analytics`` (A2).

        Counts arrive as strings and are returned as ints; ``campaign_lead_stats`` holds the
        leads per state.
        """
        return await self._call(
            CampaignAnalytics,
            "GET",
            "/campaigns/{campaign_id}/analytics",
            path_params=id_params(campaign_id=campaign_id),
            unwrap=unwrap_data,
        )

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
        cid = check_id("campaign_id", campaign_id)
        first, last = check_date_window(
            start_date, end_date, required=True, max_days=ANALYTICS_BY_DATE_MAX_DAYS
        )
        return await self._call(
            CampaignAnalyticsByDate,
            "GET",
            "/campaigns/{campaign_id}/analytics-by-date",
            path_params={"campaign_id": cid},
            params={
                "start_date": first,
                "end_date": last,
                "time_zone": check_timezone("time_zone", time_zone),
            },
            unwrap=unwrap_data,
        )

    async def get_top_level_analytics_by_date(
        self, campaign_id: int, start_date: DateInput, end_date: DateInput
    ) -> CampaignAnalyticsByDate:
        """Top-level campaign counts in a window. ``GET /campaigns/{campaign_id}/top-level-analytics-by-date`` (A4).

        Both dates are required (``YYYY-MM-DD``) and ``end_date >= start_date``.
        """  # noqa: E501
        cid = check_id("campaign_id", campaign_id)
        first, last = check_date_window(start_date, end_date, required=True)
        return await self._call(
            CampaignAnalyticsByDate,
            "GET",
            "/campaigns/{campaign_id}/top-level-analytics-by-date",
            path_params={"campaign_id": cid},
            params={"start_date": first, "end_date": last},
            unwrap=unwrap_data,
        )

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
        cid = check_id("campaign_id", campaign_id)
        size = check_page_size(
            limit, default=LEAD_STATISTICS_MAX_PAGE_SIZE, maximum=LEAD_STATISTICS_MAX_PAGE_SIZE
        )
        since = check_date("event_time_gt", event_time_gt)

        async def fetch(offset: int, count: int) -> Page[LeadStatistic]:
            response = await self._request(
                "GET",
                "/campaigns/{campaign_id}/leads-statistics",
                path_params={"campaign_id": cid},
                params={"event_time_gt": since, "offset": offset, "limit": count},
            )
            return _page(response.body, LeadStatistic, offset, count, total_keys=("total_leads",))

        return Paginator(fetch, style="short", limit=size, max_items=max_items)

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
        cid = check_id("campaign_id", campaign_id)
        size = check_page_size(
            limit,
            default=MAILBOX_STATISTICS_MAX_PAGE_SIZE,
            maximum=MAILBOX_STATISTICS_MAX_PAGE_SIZE,
        )
        first, last = check_date_window(start_date, end_date)
        filters: dict[str, QueryValue] = {
            "client_id": check_optional_id("client_id", client_id),
            "start_date": first,
            "end_date": last,
            "time_zone": check_timezone("time_zone", time_zone),
        }

        async def fetch(offset: int, count: int) -> Page[MailboxStatistic]:
            response = await self._request(
                "GET",
                "/campaigns/{campaign_id}/mailbox-statistics",
                path_params={"campaign_id": cid},
                params={**filters, "offset": offset, "limit": count},
            )
            return _page(response.body, MailboxStatistic, offset, count)

        return Paginator(fetch, style="short", limit=size, max_items=max_items)

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
        cid = check_id("campaign_id", campaign_id)
        first, last = check_date_window(start_date, end_date, required=True)
        return await self._call(
            SequenceAnalytics,
            "GET",
            "/campaigns/{campaign_id}/sequence-analytics",
            path_params={"campaign_id": cid},
            params={
                "start_date": first,
                "end_date": last,
                "time_zone": check_timezone("time_zone", time_zone),
            },
            unwrap=_steps_body,
        )
