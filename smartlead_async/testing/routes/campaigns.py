"""Sandbox routes: campaigns C1-C19 (incl. sequences, schedule, settings, sender accounts)."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime, time, timedelta
from typing import Any, Final

from aiohttp import web

from smartlead_async.testing._http import (
    Routes,
    campaign_or_404,
    json_response,
    live_campaign_or_404,
    ok,
    state_of,
)
from smartlead_async.testing._params import (
    b_bool_opt,
    b_enum,
    b_enum_opt,
    b_int,
    b_int_list,
    b_int_opt,
    b_list,
    b_list_opt,
    b_obj,
    b_obj_opt,
    b_str,
    b_str_list_opt,
    b_str_opt,
    bad_request,
    found,
    json_body,
    not_found,
    parse_datetime,
    parse_timezone,
    q_bool,
    q_date,
    q_int_opt,
    q_str_opt,
)
from smartlead_async.testing.importing import is_valid_email
from smartlead_async.testing.state import (
    CAMPAIGN_STATUS_INPUTS,
    STOP_LEAD_SETTINGS,
    TRACK_SETTINGS,
    Campaign,
    SandboxState,
    Schedule,
    Sequence,
)
from smartlead_async.testing.wire import campaign_json, email_account_json, iso

routes = Routes()

_HOUR_RE: Final = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_BOOL_SETTINGS: Final = (
    "send_as_plain_text",
    "force_plain_text",
    "enable_ai_esp_matching",
    "auto_pause_domain_leads_on_reply",
    "ignore_ss_mailbox_sending_limit",
    "domain_level_rate_limit",
    "add_unsubscribe_tag",
)


def _client_exists(state: SandboxState, client_id: int | None) -> None:
    if client_id is not None and client_id not in state.clients:
        raise bad_request(f"client_id {client_id} does not exist")


# --------------------------------------------------------------------------- C1-C4, C9


@routes.serve("C1")
async def list_campaigns(request: web.Request) -> web.StreamResponse:
    """C1: bare array, newest first."""
    state = state_of(request)
    client_id = q_int_opt(request, "client_id", minimum=1)
    include_tags = q_bool(request, "include_tags")
    camps = [
        c
        for c in reversed(state.campaigns.values())
        if not c.deleted and (client_id is None or c.client_id == client_id)
    ]
    return json_response([campaign_json(state, c, include_tags=include_tags) for c in camps])


@routes.serve("C2")
async def get_campaign(request: web.Request) -> web.StreamResponse:
    """C2: a deleted campaign answers 200 with an empty body."""
    state = state_of(request)
    campaign_id = int(request.match_info["campaign_id"])
    camp = found(state.campaigns.get(campaign_id), f"Campaign {campaign_id} not found")
    if camp.deleted:
        return web.Response(status=200)
    return json_response(campaign_json(state, camp, include_tags=q_bool(request, "include_tags")))


@routes.serve("C3")
async def create_campaign(request: web.Request) -> web.StreamResponse:
    """C3: ``{ok, id, name, created_at}``; the campaign starts DRAFTED."""
    state = state_of(request)
    body = await json_body(request, required=False)
    name = b_str_opt(body, "name", max_length=255) or "Untitled Campaign"
    client_id = b_int_opt(body, "client_id", minimum=1)
    _client_exists(state, client_id)
    camp = state.add_campaign(name, client_id=client_id)
    return ok(id=camp.id, name=camp.name, created_at=iso(camp.created_at))


@routes.serve("C4")
async def update_status(request: web.Request) -> web.StreamResponse:
    """C4: START (needs a sender account), PAUSED, STOPPED (irreversible)."""
    state = state_of(request)
    camp = campaign_or_404(request)
    body = await json_body(request)
    status = b_enum(body, "status", CAMPAIGN_STATUS_INPUTS)
    if camp.status == "STOPPED":
        raise bad_request("Campaign is STOPPED; a stopped campaign cannot change status")
    if status == "START":
        if not camp.email_account_ids:
            raise bad_request("Add at least one email account to the campaign before starting it")
        camp.status = "ACTIVE"
    else:
        camp.status = str(status)
    camp.updated_at = state.now()
    state.emit_event("CAMPAIGN_STATUS_CHANGED", camp.id)
    return ok()


@routes.serve("C9")
async def delete_campaign(request: web.Request) -> web.StreamResponse:
    """C9: removes sequences and enrolments, detaches sender accounts."""
    camp = campaign_or_404(request)
    state_of(request).delete_campaign(camp)
    return ok()


# --------------------------------------------------------------------------- C5, C6


def _hour(body: dict[str, Any], name: str) -> str:
    value = b_str(body, name)
    if value is None or not _HOUR_RE.match(value):
        raise bad_request(f'"{name}" must be a time "HH:MM" (24h), got {value!r}')
    return value


@routes.serve("C5")
async def update_schedule(request: web.Request) -> web.StreamResponse:
    """C5: the flat schedule body (R3); days 0 = Sunday .. 6 = Saturday."""
    state = state_of(request)
    camp = campaign_or_404(request)
    body = await json_body(request)
    timezone = b_str(body, "timezone")
    parse_timezone("timezone", timezone)
    days = b_int_list(body, "days_of_the_week", min_items=1, max_items=7)
    if any(d < 0 or d > 6 for d in days) or len(set(days)) != len(days):
        raise bad_request(
            f'"days_of_the_week" must hold distinct days 0 (Sunday) .. 6 (Saturday), got {days}'
        )
    start_hour, end_hour = _hour(body, "start_hour"), _hour(body, "end_hour")
    if end_hour <= start_hour:
        raise bad_request(f'"end_hour" ({end_hour}) must be after "start_hour" ({start_hour})')
    gap = b_int(body, "min_time_btw_emails", minimum=1, maximum=1440)
    per_day = b_int(body, "max_new_leads_per_day", minimum=1, maximum=100_000)
    start_time = b_str_opt(body, "schedule_start_time")
    if start_time is not None:
        parse_datetime("schedule_start_time", start_time)
    camp.schedule = Schedule(
        timezone=timezone,
        days_of_the_week=sorted(days),
        start_hour=start_hour,
        end_hour=end_hour,
        min_time_btw_emails=gap,
        max_new_leads_per_day=per_day,
        schedule_start_time=start_time,
    )
    camp.updated_at = state.now()
    return ok()


@routes.serve("C6")
async def update_settings(request: web.Request) -> web.StreamResponse:
    """C6: every field optional; invalid enum values are a 400."""
    state = state_of(request)
    camp = campaign_or_404(request)
    body = await json_body(request)
    name = b_str_opt(body, "name", max_length=255, allow_empty=False)
    track = b_str_list_opt(body, "track_settings")
    if track is not None:
        bad = [t for t in track if t not in TRACK_SETTINGS]
        if bad:
            raise bad_request(
                f'"track_settings" values must be among {", ".join(TRACK_SETTINGS)}; got {bad}'
            )
    stop = b_enum_opt(body, "stop_lead_settings", STOP_LEAD_SETTINGS)
    follow_up = b_int_opt(body, "follow_up_percentage", minimum=0, maximum=100)
    unsubscribe_text = b_str_opt(body, "unsubscribe_text")
    flags = {key: b_bool_opt(body, key) for key in _BOOL_SETTINGS}
    if "client_id" in body:
        client_id = b_int_opt(body, "client_id", minimum=1)
        _client_exists(state, client_id)
        camp.client_id = client_id
    for key in ("out_of_office_detection_settings",):
        b_obj_opt(body, key)
    b_list_opt(body, "ai_categorisation_options")
    if name is not None:
        camp.name = name
    if track is not None:
        camp.track_settings = list(dict.fromkeys(track))
    if stop is not None:
        camp.stop_lead_settings = stop
    if follow_up is not None:
        camp.follow_up_percentage = follow_up
    if unsubscribe_text is not None:
        camp.unsubscribe_text = unsubscribe_text
    if flags["send_as_plain_text"] is not None:
        camp.send_as_plain_text = flags["send_as_plain_text"]
    if flags["enable_ai_esp_matching"] is not None:
        camp.enable_ai_esp_matching = flags["enable_ai_esp_matching"]
    known = {"name", "track_settings", "stop_lead_settings", "follow_up_percentage"}
    known |= {"unsubscribe_text", "client_id", "send_as_plain_text", "enable_ai_esp_matching"}
    camp.extra_settings.update({k: v for k, v in body.items() if k not in known})
    camp.updated_at = state.now()
    return ok()


# --------------------------------------------------------------------------- C7, C8


def _sequence_json(seq: Sequence) -> dict[str, Any]:
    return {
        "id": seq.id,
        "created_at": iso(seq.created_at),
        "updated_at": iso(seq.updated_at),
        "email_campaign_id": seq.campaign_id,
        "seq_number": seq.seq_number,
        "subject": seq.subject,
        "email_body": seq.email_body,
        "seq_delay_details": {"delayInDays": seq.delay_in_days},
        "sequence_variants": [
            {
                "id": v.id,
                "subject": v.subject,
                "email_body": v.email_body,
                "variant_label": v.variant_label,
                "variant_distribution_percentage": v.variant_distribution_percentage,
            }
            for v in seq.variants
        ]
        or None,
    }


@routes.serve("C7")
async def get_sequences(request: web.Request) -> web.StreamResponse:
    """C7: bare array of steps (camelCase ``delayInDays`` on read)."""
    camp = campaign_or_404(request)
    return json_response([_sequence_json(s) for s in camp.sequences])


def _parse_step(
    state: SandboxState, camp: Campaign, raw: object, index: int, existing: dict[int, Sequence]
) -> Sequence:
    where = f"sequences[{index}]"
    if not isinstance(raw, dict):
        raise bad_request(f'"{where}" must be an object')
    step_id = b_int_opt(raw, "id")
    if step_id is not None and step_id not in existing:
        raise bad_request(f'"{where}.id" {step_id} is not a sequence of campaign {camp.id}')
    number = b_int(raw, "seq_number", minimum=1, maximum=20)
    delay_details = b_obj(raw, "seq_delay_details")
    delay = b_int_opt(delay_details, "delay_in_days", minimum=0, maximum=365)
    if delay is None:
        delay = b_int(delay_details, "delayInDays", minimum=0, maximum=365)
    subject = b_str_opt(raw, "subject") or ""
    email_body = b_str(raw, "email_body")
    variants: list[tuple[str, str, str]] = []
    for v_index, variant in enumerate(b_list_opt(raw, "seq_variants", max_items=26) or []):
        if not isinstance(variant, dict):
            raise bad_request(f'"{where}.seq_variants[{v_index}]" must be an object')
        label = b_str_opt(variant, "variant_label") or chr(ord("A") + v_index)
        v_subject = b_str_opt(variant, "subject") or ""
        v_body = b_str(variant, "email_body")
        variants.append((label, v_subject, v_body))
    seq = state.new_sequence(camp, number, subject, email_body, delay, variants)
    if step_id is not None:
        seq.id = step_id
        seq.created_at = existing[step_id].created_at
    return seq


@routes.serve("C8")
async def save_sequences(request: web.Request) -> web.StreamResponse:
    """C8: ``{"sequences": [...]}`` replaces every step (R4)."""
    state = state_of(request)
    camp = campaign_or_404(request)
    body = await json_body(request)
    steps = b_list(body, "sequences", max_items=20)
    existing = {s.id: s for s in camp.sequences}
    parsed = [_parse_step(state, camp, raw, i, existing) for i, raw in enumerate(steps)]
    numbers = [s.seq_number for s in parsed]
    if len(set(numbers)) != len(numbers):
        raise bad_request(f'"seq_number" values must be unique, got {numbers}')
    camp.sequences = sorted(parsed, key=lambda s: s.seq_number)
    camp.updated_at = state.now()
    return ok(data="success")


# --------------------------------------------------------------------------- C10-C12


def _account_ids(state: SandboxState, body: dict[str, Any]) -> list[int]:
    ids = b_int_list(body, "email_account_ids", min_items=1)
    missing = [i for i in ids if i not in state.email_accounts]
    if missing:
        raise bad_request(f"email account(s) {missing} do not exist")
    return list(dict.fromkeys(ids))


@routes.serve("C10")
async def list_campaign_accounts(request: web.Request) -> web.StreamResponse:
    """C10: bare array of the attached accounts."""
    state = state_of(request)
    camp = campaign_or_404(request)
    accounts = [state.email_accounts[i] for i in camp.email_account_ids]
    return json_response([email_account_json(state, a) for a in accounts])


@routes.serve("C11")
async def attach_accounts(request: web.Request) -> web.StreamResponse:
    """C11: ``email_account_ids`` (R5); answers the mapping rows."""
    state = state_of(request)
    camp = campaign_or_404(request)
    ids = _account_ids(state, await json_body(request))
    state.attach_accounts(camp, ids)
    now = iso(state.now())
    rows = [
        {
            "id": state.next_id("campaign_account"),
            "email_campaign_id": camp.id,
            "email_account_id": i,
            "updated_at": now,
        }
        for i in ids
    ]
    return ok(data=rows)


@routes.serve("C12")
async def detach_accounts(request: web.Request) -> web.StreamResponse:
    """C12: JSON body ``email_account_ids``."""
    state = state_of(request)
    camp = campaign_or_404(request)
    state.detach_accounts(camp, _account_ids(state, await json_body(request)))
    return ok()


# --------------------------------------------------------------------------- C13, C14


def _copy_campaign(
    state: SandboxState, source: Campaign, name: str, parent: int | None
) -> Campaign:
    camp = state.add_campaign(name, client_id=source.client_id, parent_campaign_id=parent)
    camp.track_settings = list(source.track_settings)
    camp.stop_lead_settings = source.stop_lead_settings
    camp.unsubscribe_text = source.unsubscribe_text
    camp.send_as_plain_text = source.send_as_plain_text
    camp.follow_up_percentage = source.follow_up_percentage
    camp.enable_ai_esp_matching = source.enable_ai_esp_matching
    camp.extra_settings = dict(source.extra_settings)
    camp.schedule = Schedule(**{f: getattr(source.schedule, f) for f in Schedule.__slots__})
    camp.schedule.days_of_the_week = list(source.schedule.days_of_the_week)
    return camp


@routes.serve("C13")
async def duplicate_campaign(request: web.Request) -> web.StreamResponse:
    """C13: a DRAFTED copy with settings, schedule, sequences and sender accounts."""
    state = state_of(request)
    source = campaign_or_404(request)
    body = await json_body(request, required=False)
    with_subsequences = b_bool_opt(body, "duplicate_sub_sequence") or False
    with_client = b_bool_opt(body, "duplicate_client_label")
    copy = _copy_campaign(state, source, f"{source.name} (copy)", source.parent_campaign_id)
    if with_client is False:
        copy.client_id = None
    for seq in source.sequences:
        variants = [(v.variant_label, v.subject, v.email_body) for v in seq.variants]
        copy.sequences.append(
            state.new_sequence(
                copy, seq.seq_number, seq.subject, seq.email_body, seq.delay_in_days, variants
            )
        )
    state.attach_accounts(copy, list(source.email_account_ids))
    if with_subsequences:
        for child in [c for c in state.campaigns.values() if c.parent_campaign_id == source.id]:
            if not child.deleted:
                _copy_campaign(state, child, f"{child.name} (copy)", copy.id)
    return ok(id=copy.id, name=copy.name, created_at=iso(copy.created_at))


@routes.serve("C14")
async def create_subsequence(request: web.Request) -> web.StreamResponse:
    """C14: a DRAFTED child campaign of ``parent_campaign_id``."""
    state = state_of(request)
    body = await json_body(request)
    parent_id = b_int(body, "parent_campaign_id", minimum=1)
    parent = live_campaign_or_404(state, parent_id)
    name = b_str_opt(body, "subsequence_name", max_length=255) or f"{parent.name} - subsequence"
    events = b_str_list_opt(body, "condition_events") or []
    child = state.add_campaign(name, client_id=parent.client_id, parent_campaign_id=parent.id)
    child.extra_settings["condition_events"] = events
    return ok(
        id=child.id, name=child.name, created_at=iso(child.created_at), parent_campaign_id=parent.id
    )


# --------------------------------------------------------------------------- C15-C18


@routes.serve("C15")
async def send_test_email(request: web.Request) -> web.StreamResponse:
    """C15: camelCase body; the test email is not part of any thread."""
    state = state_of(request)
    camp = campaign_or_404(request)
    body = await json_body(request)
    lead_id = b_int(body, "leadId", minimum=1)
    number = b_int(body, "sequenceNumber", minimum=1)
    account_id = b_int_opt(body, "selectedEmailAccountId", minimum=1)
    address = b_str_opt(body, "customEmailAddress")
    if lead_id not in camp.map_by_lead_id:
        raise bad_request(f"leadId {lead_id} is not a lead of campaign {camp.id}")
    if number not in {s.seq_number for s in camp.sequences}:
        raise bad_request(f"sequenceNumber {number} does not exist in campaign {camp.id}")
    if account_id is None:
        if not camp.email_account_ids:
            raise bad_request("the campaign has no email account; pass selectedEmailAccountId")
        account_id = camp.email_account_ids[0]
    account = state.email_accounts.get(account_id)
    if account is None:
        raise bad_request(f"selectedEmailAccountId {account_id} does not exist")
    if address is not None and not is_valid_email(address):
        raise bad_request(f'"customEmailAddress" is not a valid email address: {address!r}')
    to = address or account.from_email
    return ok(message=f"Test email sent to {to}", data={"to": to, "from": account.from_email})


@routes.serve("C16")
async def assign_team_member(request: web.Request) -> web.StreamResponse:
    """C16: ``teamMemberId`` (null unassigns)."""
    state = state_of(request)
    camp = campaign_or_404(request)
    body = await json_body(request)
    if "teamMemberId" not in body:
        raise bad_request('"teamMemberId" is required (a number, or null to unassign)')
    member = b_int_opt(body, "teamMemberId", minimum=1)
    if member is not None and member not in state.team_members:
        raise bad_request(f"teamMemberId {member} is not a team member of this workspace")
    camp.team_member_id = member
    return ok()


@routes.serve("C17")
async def update_lead_email_account(request: web.Request) -> web.StreamResponse:
    """C17: switch the sender of one campaign lead."""
    state = state_of(request)
    body = await json_body(request)
    account_id = b_int(body, "email_account_id", minimum=1)
    campaign_id = b_int(body, "email_campaign_id", minimum=1)
    lead_id = b_int(body, "email_lead_id", minimum=1)
    b_bool_opt(body, "override_lead_email_account")
    camp = live_campaign_or_404(state, campaign_id)
    row = found(
        state.campaign_lead(camp, lead_id), f"Lead {lead_id} is not in campaign {campaign_id}"
    )
    if account_id not in state.email_accounts:
        raise bad_request(f"email_account_id {account_id} does not exist")
    row.email_account_id = account_id
    row.updated_at = state.now()
    return ok()


@routes.serve("C18")
async def forward_email(request: web.Request) -> web.StreamResponse:
    """C18: forward one message of a thread to ``to_emails`` (comma-separated)."""
    state = state_of(request)
    camp = campaign_or_404(request)
    body = await json_body(request)
    message_id = b_str(body, "message_id", allow_empty=False)
    stats_id = b_str(body, "stats_id", allow_empty=False)
    to_emails = b_str(body, "to_emails", allow_empty=False)
    b_str_opt(body, "forward_email_body")
    b_str_opt(body, "forward_email_subject")
    msg = state.messages.get(stats_id)
    if msg is None or msg.campaign_id != camp.id:
        raise not_found(f"stats_id {stats_id} is not a message of campaign {camp.id}")
    if msg.message_id != message_id:
        raise bad_request(f"message_id {message_id!r} does not match stats_id {stats_id}")
    addresses = [a.strip() for a in to_emails.split(",") if a.strip()]
    bad = [a for a in addresses if not is_valid_email(a)]
    if bad or not addresses:
        raise bad_request(f'"to_emails" must be comma-separated email addresses; invalid: {bad}')
    return ok(data={"forwarded_to": addresses, "stats_id": msg.stats_id})


# --------------------------------------------------------------------------- C19


@routes.serve("C19")
async def sequence_analytics(request: web.Request) -> web.StreamResponse:
    """C19: per-step counts for messages sent between start_date and end_date (inclusive)."""
    state = state_of(request)
    camp = campaign_or_404(request)
    start = q_date(request, "start_date")
    end = q_date(request, "end_date")
    if end < start:
        raise bad_request(f"end_date ({end}) must not be before start_date ({start})")
    tz_name = q_str_opt(request, "time_zone") or "UTC"
    tz = parse_timezone("time_zone", tz_name)
    lower = datetime.combine(start, time.min, tz)
    upper = datetime.combine(end, time.min, tz) + timedelta(days=1)
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for stats_id in state.messages_by_campaign.get(camp.id, ()):
        msg = state.messages[stats_id]
        if msg.type != "SENT" or msg.is_manual or not lower <= msg.time < upper:
            continue
        step = counts[msg.seq_number]
        step["sent_count"] += 1
        step["open_count"] += msg.open_count > 0
        step["click_count"] += msg.click_count > 0
        step["reply_count"] += msg.reply_time is not None
        step["bounce_count"] += msg.is_bounced
        step["unsubscribed_count"] += msg.is_unsubscribed
    by_number = {s.seq_number: s for s in camp.sequences}
    rows = []
    for number in sorted(set(by_number) | set(counts)):
        step = counts.get(number, {})
        seq = by_number.get(number)
        rows.append(
            {
                "email_campaign_seq_id": seq.id if seq else None,
                "seq_number": number,
                "subject": seq.subject if seq else None,
                **{
                    key: str(step.get(key, 0))
                    for key in (
                        "sent_count",
                        "open_count",
                        "click_count",
                        "reply_count",
                        "bounce_count",
                        "unsubscribed_count",
                    )
                },
            }
        )
    return ok(data=rows, start_date=start.isoformat(), end_date=end.isoformat(), time_zone=tz_name)
