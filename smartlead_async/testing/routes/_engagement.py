"""Engagement events computed from the message history, shared by the statistics routes.

The per-campaign routes (:mod:`.campaign_stats`, A1-A6) and the account-wide ``/analytics/*``
routes (:mod:`.analytics`, A7) count the same events: *sent* = a sequence email (SENT, not a
manual reply), *opened*/*clicked* = a sent email's first open/click, *replied* = a lead reply
(bounce notices excluded), *positive* = a reply from a lead whose category has a positive
sentiment, *bounced* / *unsubscribed* = flags on the sent email. Rates are ``"12.5%"`` strings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Final
from zoneinfo import ZoneInfo

from aiohttp import web

from smartlead_async.testing._params import (
    bad_request,
    parse_timezone,
    q_date,
    q_str,
    q_str_opt,
)
from smartlead_async.testing.state import (
    Campaign,
    CampaignLead,
    Message,
    SandboxState,
)

_UTC: Final = ZoneInfo("UTC")
COUNT_KEYS: Final = (
    "sent",
    "opened",
    "clicked",
    "replied",
    "positive_replied",
    "bounced",
    "unsubscribed",
)


def rate(part: int, whole: int) -> str:
    """``part / whole`` as a percentage string such as ``"12.5%"`` (``"0%"`` when whole is 0)."""
    if whole <= 0:
        return "0%"
    text = f"{100 * part / whole:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


@dataclass(frozen=True, slots=True)
class Window:
    """An inclusive local-date range in a time zone (``lower <= t < upper`` as instants)."""

    start: date
    end: date
    tz: ZoneInfo
    lower: datetime = field(init=False)
    upper: datetime = field(init=False)

    def __post_init__(self) -> None:
        # UTC bounds: comparing datetimes that share one tzinfo object skips offset lookups
        lower = datetime.combine(self.start, time.min, self.tz).astimezone(UTC)
        upper = datetime.combine(self.end + timedelta(days=1), time.min, self.tz).astimezone(UTC)
        object.__setattr__(self, "lower", lower)
        object.__setattr__(self, "upper", upper)

    def contains(self, when: datetime | None) -> bool:
        return when is not None and self.lower <= when < self.upper

    def day(self, when: datetime) -> date:
        return when.astimezone(self.tz).date()

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]


def date_window(
    request: web.Request,
    *,
    tz_param: str = "timezone",
    tz_required: bool = False,
    max_span: int | None = None,
) -> Window:
    start = q_date(request, "start_date")
    end = q_date(request, "end_date")
    assert start is not None and end is not None
    if end < start:
        raise bad_request(f"end_date ({end}) must not be before start_date ({start})")
    if max_span is not None and (end - start).days > max_span:
        raise bad_request(
            f"the date range may span at most {max_span} days; got {(end - start).days} "
            f"({start} to {end}); split it into smaller ranges"
        )
    tz_name = (q_str if tz_required else q_str_opt)(request, tz_param)
    tz = parse_timezone(tz_param, tz_name) if tz_name is not None else _UTC
    return Window(start, end, tz)


def positive_categories(state: SandboxState) -> frozenset[int]:
    return frozenset(
        c.id for c in state.categories.values() if (c.sentiment_type or "").lower() == "positive"
    )


def _campaign_messages(state: SandboxState, campaigns: Iterable[Campaign]) -> Iterator[Message]:
    lookup = state.messages.__getitem__
    for camp in campaigns:
        yield from map(lookup, state.messages_by_campaign.get(camp.id, ()))


def root_sent(state: SandboxState, msg: Message) -> Message | None:
    """The sequence email a reply answers (following ``in_reply_to`` up the thread)."""
    current: Message | None = msg
    for _ in range(50):
        if current is None or current.in_reply_to is None:
            return None
        current = state.messages.get(current.in_reply_to)
        if current is not None and current.type == "SENT" and not current.is_manual:
            return current
    return None


Event = tuple[str, datetime, Message]


def engagement_events(
    state: SandboxState, campaigns: Iterable[Campaign], *, by_sent_time: bool = False
) -> Iterator[Event]:
    """``(kind, time, message)`` for every engagement event of ``campaigns`` (module docstring)."""
    positive = positive_categories(state)
    for msg in _campaign_messages(state, campaigns):
        if msg.type == "SENT":
            if msg.is_manual:
                continue
            sent = msg.time
            yield "sent", sent, msg
            if msg.open_time is not None:
                yield "opened", sent if by_sent_time else msg.open_time, msg
            if msg.click_time is not None:
                yield "clicked", sent if by_sent_time else msg.click_time, msg
            if msg.is_bounced:
                yield "bounced", sent, msg
            if msg.is_unsubscribed:
                yield "unsubscribed", sent, msg
        elif not msg.is_bounce_notice:
            when = msg.time
            if by_sent_time:
                root = root_sent(state, msg)
                when = root.time if root is not None else msg.time
            yield "replied", when, msg
            row = state.campaign_leads.get(msg.map_id)
            if row is not None and row.category_id in positive:
                yield "positive_replied", when, msg


@dataclass(slots=True)
class Tally:
    """Event counts plus the distinct leads behind each."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNT_KEYS, 0))
    leads: dict[str, set[int]] = field(default_factory=lambda: {k: set() for k in COUNT_KEYS})

    def add(self, kind: str, msg: Message) -> None:
        self.counts[kind] += 1
        self.leads[kind].add(msg.lead_id)

    def numbers(self) -> dict[str, int]:
        return {key: self.counts[key] for key in COUNT_KEYS}

    def rates(self) -> dict[str, str]:
        sent = self.counts["sent"]
        return {
            "open_rate": rate(self.counts["opened"], sent),
            "click_rate": rate(self.counts["clicked"], sent),
            "reply_rate": rate(self.counts["replied"], sent),
            "positive_reply_rate": rate(self.counts["positive_replied"], sent),
            "bounce_rate": rate(self.counts["bounced"], sent),
        }

    def summary(self) -> dict[str, Any]:
        return {
            **self.numbers(),
            "unique_lead_count": len(self.leads["sent"]),
            "unique_open_count": len(self.leads["opened"]),
            "unique_click_count": len(self.leads["clicked"]),
            "unique_reply_count": len(self.leads["replied"]),
            **self.rates(),
        }


def count_events(events: Iterable[Event], window: Window | None) -> Tally:
    tally = Tally()
    for kind, when, msg in events:
        if window is None or window.contains(when):
            tally.add(kind, msg)
    return tally


def count_events_by(
    events: Iterable[Event], window: Window, key: Callable[[datetime, Message], Any]
) -> dict[Any, Tally]:
    groups: dict[Any, Tally] = defaultdict(Tally)
    for kind, when, msg in events:
        if window.contains(when):
            groups[key(when, msg)].add(kind, msg)
    return groups


def campaign_rows(state: SandboxState, camp: Campaign) -> Iterator[CampaignLead]:
    for map_id in camp.lead_map_ids.as_list():
        row = state.campaign_leads.get(map_id)
        if row is not None:
            yield row
