"""Campaign models."""

from __future__ import annotations

from datetime import datetime

import attrs

from smartlead_async.models.common import Model, wire


@attrs.frozen(kw_only=True)
class CampaignTag(Model):
    """A tag attached to a campaign (``include_tags=True``)."""

    tag_id: int | None = wire("tag_id", "id")
    tag_name: str | None = wire("tag_name", "name")
    tag_color: str | None = wire("tag_color", "color")


@attrs.frozen(kw_only=True)
class SchedulerCron(Model):
    """A campaign's sending window as the API reports it."""

    tz: str | None = None
    days: list[int] = wire("days", factory=list)
    start_hour: str | None = wire("startHour", "start_hour")
    end_hour: str | None = wire("endHour", "end_hour")


@attrs.frozen(kw_only=True)
class Campaign(Model):
    """One campaign (C1/C2); ``status`` DRAFTED, ACTIVE, PAUSED, STOPPED, COMPLETED or ARCHIVED."""

    id: int
    name: str | None = None
    status: str | None = None
    user_id: int | None = None
    client_id: int | None = None
    parent_campaign_id: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    track_settings: list[str] = wire("track_settings", factory=list)
    stop_lead_settings: str | None = None
    scheduler_cron_value: SchedulerCron | None = None
    min_time_btwn_emails: int | None = None
    max_leads_per_day: int | None = None
    schedule_start_time: datetime | None = None
    enable_ai_esp_matching: bool | None = None
    send_as_plain_text: bool | None = None
    follow_up_percentage: int | None = None
    unsubscribe_text: str | None = None
    tags: list[CampaignTag] = wire("tags", factory=list)


@attrs.frozen(kw_only=True)
class CreatedCampaign(Model):
    """The answer to creating a campaign (C3): ``{ok, id, name, created_at}``."""

    id: int
    name: str | None = None
    created_at: datetime | None = None
    ok: bool | None = None
