"""Lead List models (catalog section 9; R16: camelCase on the wire, snake_case in Python).

List attributes come as ``id, name, lead_count, created_at`` (DOCS) or ``id, list_name,
leads_count, active_leads_count, tag_ids`` (S0); both decode into :class:`LeadList`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, get_args

import attrs

from smartlead_async.models.common import Model, wire

#: What a push does to the source: ``copy`` keeps the leads there, ``move`` removes them.
PushAction = Literal["copy", "move"]
PUSH_ACTIONS: tuple[str, ...] = get_args(PushAction)


@attrs.frozen(kw_only=True, slots=False)
class LeadList(Model):
    """One Lead List (LL1-LL3)."""

    id: int
    name: str | None = wire("name", "listName", "list_name")
    lead_count: int | None = wire("lead_count", "leads_count", "leadCount", "leadsCount")
    active_leads_count: int | None = wire("active_leads_count", "activeLeadsCount")
    tag_ids: list[int] = wire("tag_ids", "tagIds", factory=list)
    user_id: int | None = wire("user_id", "userId")
    created_at: datetime | None = wire("created_at", "createdAt")
    updated_at: datetime | None = wire("updated_at", "updatedAt")


@attrs.frozen(kw_only=True, slots=False)
class LeadListImportResult(Model):
    """Counts of one Lead List import call (LL6).

    Reads DOCS ``{total_leads, imported, duplicates, blocked, invalid}`` (under ``data``) and
    S0 ``{uploadedCount, duplicateCount, invalidCount, totalCount}``.
    """

    ok: bool | None = None
    total_leads: int | None = wire("total_leads", "totalCount", "total_count", "total")
    imported: int | None = wire("imported", "uploadedCount", "uploaded_count", "upload_count")
    duplicates: int | None = wire("duplicates", "duplicateCount", "duplicate_count")
    blocked: int | None = wire("blocked", "blockedCount", "blocked_count", "block_count")
    invalid: int | None = wire("invalid", "invalidCount", "invalid_count", "invalid_email_count")
    lead_import_stopped_count: int | None = None
    is_lead_limit_exhausted: bool | None = None


@attrs.frozen(kw_only=True, slots=False)
class LeadPushResult(Model):
    """What a push of leads (to a campaign or another list) did (LL7, LL8, G10, G11)."""

    ok: bool | None = None
    message: str | None = None
    action: str | None = None
    total: int | None = wire("total", "total_leads", "totalCount", "total_count")
    pushed: int | None = wire(
        "pushed", "pushed_count", "pushedCount", "imported", "added", "added_count"
    )
    duplicates: int | None = wire("duplicates", "duplicateCount", "duplicate_count")
    blocked: int | None = wire("blocked", "blockedCount", "blocked_count")
    invalid: int | None = wire("invalid", "invalidCount", "invalid_count")
    skipped: int | None = wire("skipped", "skipped_count", "skippedCount")
    campaign_id: int | None = wire("campaign_id", "campaignId")
    from_list_id: int | None = wire("from_list_id", "fromListId")
    list_id: int | None = wire("to_list_id", "list_id", "listId", "toListId")
    removed_from_lists: int | None = None
    lead_import_stopped_count: int | None = None
    is_lead_limit_exhausted: bool | None = None
    data: Any = None


__all__ = ["PUSH_ACTIONS", "LeadList", "LeadListImportResult", "LeadPushResult", "PushAction"]
