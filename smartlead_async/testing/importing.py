"""Lead-import semantics shared by campaign imports (L2) and Lead List imports (LL6).

Each input row lands in exactly one bucket, checked in this order: invalid email, duplicate
within the batch, already a member (of the campaign or list), unsubscribed, blocked (block
list, or a known bounce unless ``ignore_community_bounce_list``), enrolled in another campaign
(campaign imports only, unless ``ignore_duplicate_leads_in_other_campaign``), stopped by the
workspace lead limit, uploaded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from smartlead_async._validate import is_valid_email as _sdk_is_valid_email
from smartlead_async.testing._params import ApiError, bad_request
from smartlead_async.testing.state import Lead, SandboxState

__all__ = [
    "LEAD_FIELDS",
    "ImportResult",
    "ImportSettings",
    "import_rows",
    "is_valid_email",
    "validate_rows",
]

LEAD_FIELDS: Final = (
    "first_name",
    "last_name",
    "phone_number",
    "company_name",
    "website",
    "location",
    "linkedin_profile",
    "company_url",
)
MAX_CUSTOM_FIELDS: Final = 200


#: The server's one rule beyond the SDK's: the top-level domain is two or more letters.
_LETTER_TLD: Final = re.compile(r"\.[A-Za-z]{2,}$")


def is_valid_email(value: str) -> bool:
    """The SDK's address rule (:func:`smartlead_async._validate.is_valid_email`) on the stripped
    value, plus the server's letter-only top-level domain (so ``x@y.c`` is rejected here)."""
    address = value.strip()
    return _sdk_is_valid_email(address) and _LETTER_TLD.search(address) is not None


@dataclass(frozen=True, slots=True)
class ImportSettings:
    """The ``settings`` flags of a campaign import (``csvSettings`` for lists)."""

    ignore_global_block_list: bool = False
    ignore_unsubscribe_list: bool = False
    ignore_community_bounce_list: bool = False
    ignore_duplicate_leads_in_other_campaign: bool = False

    @classmethod
    def from_body(cls, raw: Mapping[str, Any] | None, *, name: str = "settings") -> ImportSettings:
        """Read the flags (snake_case or camelCase keys); non-bool values are a 400."""
        raw = raw or {}
        values: dict[str, bool] = {}
        for key in (
            "ignore_global_block_list",
            "ignore_unsubscribe_list",
            "ignore_community_bounce_list",
            "ignore_duplicate_leads_in_other_campaign",
        ):
            parts = key.split("_")
            camel = parts[0] + "".join(p.title() for p in parts[1:])
            value = raw.get(key, raw.get(camel, False))
            if value is None:
                value = False
            if not isinstance(value, bool):
                raise bad_request(f'"{name}.{key}" must be a boolean, got {value!r}')
            values[key] = value
        return cls(**values)


@dataclass(slots=True)
class ImportResult:
    """Bucket counts of one import; ``uploaded`` are the leads added to the target."""

    total: int
    uploaded: list[Lead] = field(default_factory=list)
    already_member: int = 0
    duplicates: int = 0
    invalid: int = 0
    unsubscribed: list[str] = field(default_factory=list)
    blocked: int = 0
    bounced: int = 0
    in_other_campaign: int = 0
    stopped: int = 0
    limit_exhausted: bool = False

    @property
    def bucket_sum(self) -> int:
        """Sum of all buckets; always equals ``total``."""
        return (
            len(self.uploaded)
            + self.already_member
            + self.duplicates
            + self.invalid
            + len(self.unsubscribed)
            + self.blocked
            + self.in_other_campaign
            + self.stopped
        )


def validate_rows(rows: object, cap: int, *, field_name: str = "lead_list") -> list[dict[str, Any]]:
    """Check the shape of the rows and the per-call cap (400 with the documented cap body)."""
    if rows is None:
        raise bad_request(f'"{field_name}" is required')
    if not isinstance(rows, list):
        raise bad_request(f'"{field_name}" must be an array of lead objects')
    if not rows:
        raise bad_request(f'"{field_name}" must contain at least 1 items')
    if len(rows) > cap:
        raise ApiError(
            400,
            {
                "error": f"{field_name} cannot exceed {cap} leads per request",
                "provided_count": len(rows),
                "max_allowed": cap,
            },
        )
    for index, row in enumerate(rows):
        where = f"{field_name}[{index}]"
        if not isinstance(row, dict):
            raise bad_request(f'"{where}" must be an object with at least an "email" key')
        if not isinstance(row.get("email"), str):
            raise bad_request(f'"{where}.email" is required and must be a string')
        for key in LEAD_FIELDS:
            value = row.get(key)
            if value is not None and not isinstance(value, str | int | float):
                raise bad_request(f'"{where}.{key}" must be a string, got {value!r}')
        custom = row.get("custom_fields")
        if custom is not None:
            if not isinstance(custom, dict):
                raise bad_request(f'"{where}.custom_fields" must be an object')
            if len(custom) > MAX_CUSTOM_FIELDS:
                raise bad_request(
                    f'"{where}.custom_fields" must have at most {MAX_CUSTOM_FIELDS} keys, '
                    f"got {len(custom)}"
                )
    return rows


def _lead_fields(row: Mapping[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key in LEAD_FIELDS:
        value = row.get(key)
        if value is not None and value != "":
            values[key] = str(value)
    return values


def _upsert_lead(state: SandboxState, row: Mapping[str, Any], existing: Lead | None) -> Lead:
    fields = _lead_fields(row)
    custom = row.get("custom_fields") or {}
    if existing is None:
        return state.add_lead(row["email"], custom_fields=dict(custom), **fields)
    for key, value in fields.items():
        setattr(existing, key, value)
    existing.custom_fields.update(custom)
    return existing


def _is_known_bounce(state: SandboxState, lead: Lead) -> bool:
    return any(state.campaign_leads[m].is_bounced for m in lead.map_ids)


def import_rows(
    state: SandboxState,
    rows: list[dict[str, Any]],
    *,
    settings: ImportSettings,
    is_member: Callable[[Lead], bool],
    add_member: Callable[[Lead], object],
    client_id: int | None = None,
    check_other_campaigns: bool = False,
) -> ImportResult:
    """Classify ``rows`` (already validated) and add the accepted ones with ``add_member``."""
    result = ImportResult(total=len(rows))
    seen: set[str] = set()
    for row in rows:
        email = row["email"].strip()
        key = email.lower()
        if not is_valid_email(email):
            result.invalid += 1
            continue
        if key in seen:
            result.duplicates += 1
            continue
        seen.add(key)
        existing = state.lead_by_email(key)
        if existing is not None and is_member(existing):
            result.already_member += 1
            continue
        if (
            existing is not None
            and existing.is_unsubscribed
            and not settings.ignore_unsubscribe_list
        ):
            result.unsubscribed.append(existing.email)
            continue
        if not settings.ignore_global_block_list and state.is_blocked(key, client_id):
            result.blocked += 1
            continue
        if (
            existing is not None
            and not settings.ignore_community_bounce_list
            and _is_known_bounce(state, existing)
        ):
            result.blocked += 1
            result.bounced += 1
            continue
        if (
            check_other_campaigns
            and existing is not None
            and existing.map_ids
            and not settings.ignore_duplicate_leads_in_other_campaign
        ):
            result.in_other_campaign += 1
            continue
        if state.lead_limit is not None and state.lead_uploads >= state.lead_limit:
            result.stopped += 1
            result.limit_exhausted = True
            continue
        lead = _upsert_lead(state, row, existing)
        add_member(lead)
        state.lead_uploads += 1
        result.uploaded.append(lead)
    return result
