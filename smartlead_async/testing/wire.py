"""Wire shapes shared by several route modules (timestamps, campaigns, leads, messages, accounts).

Timestamps are :func:`iso`: ``2026-01-31T10:00:00.000Z`` (UTC, milliseconds), None stays None.

These follow the live shapes of the catalog; a route module that owns a more specific shape
builds it itself from the state.
"""

from __future__ import annotations

from typing import Any

from smartlead_async._validate import utc_millis as iso
from smartlead_async.testing.state import (
    USER_ID,
    Campaign,
    CampaignLead,
    EmailAccount,
    Lead,
    Message,
    Note,
    SandboxState,
    Task,
)


def campaign_json(
    state: SandboxState, camp: Campaign, *, include_tags: bool = False
) -> dict[str, Any]:
    """One campaign object as in C1/C2."""
    sched = camp.schedule
    data: dict[str, Any] = {
        "id": camp.id,
        "user_id": USER_ID,
        "created_at": iso(camp.created_at),
        "updated_at": iso(camp.updated_at),
        "status": camp.status,
        "name": camp.name,
        "track_settings": list(camp.track_settings),
        "scheduler_cron_value": {
            "tz": sched.timezone,
            "days": list(sched.days_of_the_week),
            "startHour": sched.start_hour,
            "endHour": sched.end_hour,
        },
        "min_time_btwn_emails": sched.min_time_btw_emails,
        "max_leads_per_day": sched.max_new_leads_per_day,
        "stop_lead_settings": camp.stop_lead_settings,
        "schedule_start_time": sched.schedule_start_time,
        "enable_ai_esp_matching": camp.enable_ai_esp_matching,
        "send_as_plain_text": camp.send_as_plain_text,
        "follow_up_percentage": camp.follow_up_percentage,
        "unsubscribe_text": camp.unsubscribe_text,
        "parent_campaign_id": camp.parent_campaign_id,
        "client_id": camp.client_id,
        "team_member_id": camp.team_member_id,
    }
    if include_tags:
        data["tags"] = [
            {"tag_id": t.id, "tag_name": t.name, "tag_color": t.color}
            for t in (state.tags.get(i) for i in camp.tag_ids)
            if t is not None
        ]
    return data


def lead_json(lead: Lead) -> dict[str, Any]:
    """The workspace lead fields shared by L1 (nested ``lead``), G1, G2 and Lead Lists."""
    return {
        "id": lead.id,
        "first_name": lead.first_name,
        "last_name": lead.last_name,
        "email": lead.email,
        "phone_number": lead.phone_number,
        "company_name": lead.company_name,
        "website": lead.website,
        "location": lead.location,
        "custom_fields": dict(lead.custom_fields),
        "linkedin_profile": lead.linkedin_profile,
        "company_url": lead.company_url,
        "is_unsubscribed": lead.is_unsubscribed,
        "unsubscribed_client_id_map": dict(lead.unsubscribed_client_id_map),
        "created_at": iso(lead.created_at),
    }


def campaign_lead_json(state: SandboxState, row: CampaignLead) -> dict[str, Any]:
    """One row of L1: the enrolment with the lead nested (``data[].lead.id``)."""
    return {
        "campaign_lead_map_id": row.id,
        "lead_category_id": row.category_id,
        "status": row.status,
        "created_at": iso(row.created_at),
        "lead": lead_json(state.leads[row.lead_id]),
    }


def engagement_json(row: CampaignLead) -> dict[str, Any]:
    """An enrolment's progress and engagement counters (A5 rows, G8 rows)."""
    return {
        "lead_category_id": row.category_id,
        "current_sequence_number": row.current_sequence_number,
        "sent_count": row.sent_count,
        "open_count": row.open_count,
        "click_count": row.click_count,
        "reply_count": row.reply_count,
        "is_bounced": row.is_bounced,
        "is_unsubscribed": row.is_unsubscribed,
        "last_sent_time": iso(row.last_sent_time),
        "last_reply_time": iso(row.last_reply_time),
    }


def note_json(note: Note) -> dict[str, Any]:
    """A note on an enrolment (M17 answer, inbox ``notes[]``, N1 rows)."""
    return {"id": note.id, "note_message": note.message, "created_at": iso(note.created_at)}


def task_json(task: Task) -> dict[str, Any]:
    """A task on an enrolment (M18 answer, inbox ``tasks[]``, N2 rows)."""
    return {
        "id": task.id,
        "name": task.name,
        "description": task.description,
        "priority": task.priority,
        "due_date": task.due_date,
        "created_at": iso(task.created_at),
    }


def message_json(msg: Message) -> dict[str, Any]:
    """One message-history row (L10 ``history[]``, inbox ``email_history[]``)."""
    return {
        "stats_id": msg.stats_id,
        "from": msg.from_email,
        "to": msg.to_email,
        "type": msg.type,
        "message_id": msg.message_id,
        "time": iso(msg.time),
        "email_body": msg.body,
        "subject": msg.subject,
        "email_seq_number": str(msg.seq_number),
        "open_count": msg.open_count,
        "click_count": msg.click_count,
        "click_details": dict(msg.click_details),
        "cc": msg.cc,
        "attachments": [],
    }


def email_account_json(
    state: SandboxState,
    account: EmailAccount,
    *,
    fetch_campaigns: bool = False,
    listing: bool = True,
) -> dict[str, Any]:
    """One email account (E1 list row or E2); carries the mailbox passwords like the live API.

    ``listing`` formats ``warmup_reputation`` as ``"95%"`` (E1); E2 sends a number.
    """
    warm = account.warmup
    data: dict[str, Any] = {
        "id": account.id,
        "created_at": iso(account.created_at),
        "updated_at": iso(account.updated_at),
        "user_id": USER_ID,
        "from_name": account.from_name,
        "from_email": account.from_email,
        "username": account.username,
        "password": account.password,
        "smtp_host": account.smtp_host,
        "smtp_port": account.smtp_port,
        "smtp_port_type": account.smtp_port_type,
        "message_per_day": account.message_per_day,
        "different_reply_to_address": account.different_reply_to_address,
        "is_different_imap_account": account.imap_username is not None,
        "imap_username": account.imap_username or account.username,
        "imap_password": account.imap_password or account.password,
        "imap_host": account.imap_host,
        "imap_port": account.imap_port,
        "imap_port_type": account.imap_port_type,
        "signature": account.signature,
        "custom_tracking_domain": account.custom_tracking_url,
        "bcc_email": account.bcc,
        "is_smtp_success": account.is_smtp_success,
        "is_imap_success": account.is_imap_success,
        "smtp_failure_error": account.smtp_failure_error,
        "imap_failure_error": account.imap_failure_error,
        "type": account.type,
        "daily_sent_count": account.daily_sent_count,
        "client_id": account.client_id,
        "campaign_count": len(account.campaign_ids),
        "is_suspended": account.is_suspended,
        "minTimeToWaitInMins": account.time_to_wait_in_mins,
        "warmup_details": {
            "status": warm.status,
            "total_sent_count": warm.total_sent_count,
            "total_spam_count": warm.total_spam_count,
            "warmup_reputation": f"{warm.reputation}%" if listing else warm.reputation,
            "warmup_key_id": warm.warmup_key_id,
            "reply_rate": warm.reply_rate_percentage,
            "total_warmup_per_day": warm.total_warmup_per_day,
            "daily_rampup": warm.daily_rampup,
            "blocked_reason": warm.blocked_reason,
            "is_warmup_blocked": warm.is_warmup_blocked,
        },
        "tags": [
            {"id": t.id, "name": t.name, "color": t.color}
            for t in (state.tags.get(i) for i in account.tag_ids)
            if t is not None
        ],
    }
    if fetch_campaigns:
        data["campaign_ids"] = list(account.campaign_ids)
    return data


__all__ = [
    "campaign_json",
    "campaign_lead_json",
    "email_account_json",
    "engagement_json",
    "iso",
    "lead_json",
    "message_json",
    "note_json",
    "task_json",
]
