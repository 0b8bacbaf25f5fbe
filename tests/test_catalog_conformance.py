"""Audit of every catalog endpoint against ``/work/shared/smartlead-api.md``.

Each case was written from the catalog (sections 3-12 and the Resolutions table R1-R21) alone:
the HTTP method, the exact path (trailing slashes included), the query parameters (minus
``api_key``) and the JSON body (exact key names and nesting) that a strict server implementing
the catalog expects. Two checks per endpoint:

* ``test_sdk_request_matches_catalog``: the SDK method, called with representative arguments
  (optional ones included, so every optional wire name is checked), sends exactly that
  request. The mocked answers are the catalog's live response shapes.
* ``test_sandbox_accepts_catalog_request``: the sandbox answers that exact request with a 2xx,
  in a small workspace whose ids are the ones the cases use.

``test_every_sdk_endpoint_is_a_catalog_route`` checks the other direction: every endpoint the
SDK documents (api.md) is one of these catalog routes, under the same catalog id.

146 endpoints: C1-C19, L1-L14 except L11, G1-G11, B1-B4, E1-E13, T1-T6, A1-A6, the 22 A7
analytics routes, M1-M22, LL1-LL9, W1-W9, K1-K6, U1 and N1-N5. ``VARIANT_CASES`` add the
alternative wire forms of a few endpoints (an id instead of a name, ``allLeads`` instead of ids).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import aiohttp
import attrs
import pytest
from aioresponses import aioresponses

from smartlead_async import SmartleadClient
from smartlead_async.models.campaigns import (
    ImportSettings,
    SequenceStepInput,
    SequenceVariantInput,
)
from smartlead_async.models.email_accounts import FetchMessagesRequest, OAuthToken
from smartlead_async.models.inbox import EmailAttachment, ReplyAttachment
from smartlead_async.models.lead_input import LeadInput
from smartlead_async.testing.sandbox import SandboxServer
from smartlead_async.testing.seed import seed_clients, seed_lead_list
from smartlead_async.testing.state import ClientApiKey, LeadTagMapping, Tag, Webhook
from tests.api_md import endpoint_methods
from tests.helpers.clients import wire_client
from tests.helpers.wire import json_body, ok_data, requests_made

API_KEY = "audit-key-123456"
BASE = "http://api.test/api/v1"
PREFIX = "/api/v1"

# The ids of the audit workspace. They are the ids the sandbox hands out, in order, to the
# entities ``build_workspace`` creates, so the same cases can be replayed against it.
CID, CID2, SUB_CID = 3001, 3002, 3003  # campaigns (SUB_CID is a subsequence of CID)
STEP1, STEP2 = 70001, 70002  # the sequence steps of CID
LEAD_ID, LEAD_ID2 = 1_000_001, 1_000_002
MAP_ID = 5_000_001  # LEAD_ID's enrolment in CID (campaign_lead_map_id = email_lead_map_id)
ACC, ACC2 = 201, 202  # email accounts; ACC is attached to CID
CLIENT_ID = 31
KEY_ID = 61  # a client API key
LIST_ID, LIST_ID2 = 401, 402
WEBHOOK_ID = 151  # on CID
BLOCK_ID = 801
TAG, TAG2 = 11, 12
TAG_MAP = 501  # CRM tag TAG on LEAD_ID
MEMBER = 7  # the workspace owner (team member)
CATEGORY = 3  # lead categories 1..9 exist in every sandbox workspace
#: Placeholders for the server-made identifiers of the lead's reply (swapped in on replay).
STATS_ID = "st-1"
MESSAGE_ID = "<m1@example.com>"

Call = Callable[[SmartleadClient], Awaitable[Any]]

_NO_BODY = object()


@attrs.frozen
class Case:
    """One endpoint: the SDK call and the request the catalog prescribes for it."""

    id: str
    call: Call
    method: str
    path: str
    query: dict[str, str] = attrs.field(factory=dict)
    body: Any = _NO_BODY
    response: Any = attrs.field(factory=lambda: {"ok": True})
    text: str | None = None
    content_type: str = "application/json"
    #: Brings the sandbox workspace into the state the request needs (replay only).
    setup: Callable[[SandboxServer], None] | None = None


# --------------------------------------------------------------------------- sample answers

CAMPAIGN = {
    "id": CID,
    "user_id": 3,
    "created_at": "2026-01-02T10:00:00.000Z",
    "updated_at": "2026-01-03T10:00:00.000Z",
    "status": "DRAFTED",
    "name": "Q1",
    "track_settings": ["DONT_TRACK_EMAIL_OPEN"],
    "scheduler_cron_value": {"tz": "UTC", "days": [1, 2], "startHour": "09:00", "endHour": "17:00"},
    "min_time_btwn_emails": 10,
    "max_leads_per_day": 20,
    "stop_lead_settings": "REPLY_TO_AN_EMAIL",
    "parent_campaign_id": None,
    "client_id": CLIENT_ID,
}
EMAIL_ACCOUNT = {
    "id": ACC,
    "from_name": "Ann",
    "from_email": "ann@example.com",
    "username": "ann@example.com",
    "password": "secret-password",
    "smtp_host": "smtp.example.com",
    "smtp_port": 587,
    "imap_host": "imap.example.com",
    "imap_port": 993,
    "type": "SMTP",
    "daily_sent_count": 3,
    "warmup_details": {"status": "ACTIVE", "warmup_reputation": "95%"},
}
LEAD = {
    "id": LEAD_ID,
    "first_name": "Bo",
    "last_name": "Lee",
    "email": "bo@example.com",
    "custom_fields": {"tier": "gold"},
    "created_at": "2026-01-02T10:00:00.000Z",
}
INBOX_ROW = {
    "email_lead_map_id": MAP_ID,
    "email_lead_id": LEAD_ID,
    "lead_email": "bo@example.com",
    "lead_category_id": 1,
    "email_campaign_id": CID,
    "email_campaign_name": "Q1",
    "last_reply_time": "2026-01-05T10:00:00.000Z",
}
WEBHOOK = {
    "id": WEBHOOK_ID,
    "name": "replies",
    "webhook_url": "https://hooks.example.com/sl",
    "email_campaign_id": CID,
    "event_types": ["EMAIL_REPLY"],
    "categories": ["Interested"],
}
CLIENT = {"id": CLIENT_ID, "name": "Acme", "email": "ops@acme.example", "uuid": "u-1"}
API_KEY_ROW = {"id": KEY_ID, "clientId": CLIENT_ID, "keyName": "ci key", "status": "active"}
LEAD_LIST = {"id": LIST_ID, "name": "Imports", "lead_count": 1, "created_at": "2026-01-02T10:00Z"}
D1, D2 = date(2026, 1, 1), date(2026, 1, 20)
DATES = {"start_date": "2026-01-01", "end_date": "2026-01-20"}


# --------------------------------------------------------------------------- campaigns (§3)

CAMPAIGN_CASES = [
    Case(
        "C1 list campaigns",
        lambda c: c.campaigns.list(client_id=CLIENT_ID, include_tags=True),
        "GET",
        "/campaigns/",
        {"client_id": str(CLIENT_ID), "include_tags": "true"},
        response=[CAMPAIGN],
    ),
    Case(
        "C2 get campaign",
        lambda c: c.campaigns.get(CID, include_tags=True),
        "GET",
        f"/campaigns/{CID}",
        {"include_tags": "true"},
        response=CAMPAIGN,
    ),
    Case(
        "C3 create campaign",
        lambda c: c.campaigns.create(name="Q1", client_id=CLIENT_ID),
        "POST",
        "/campaigns/create",
        body={"name": "Q1", "client_id": CLIENT_ID},
        response={"ok": True, "id": CID, "name": "Q1", "created_at": "2026-01-02T10:00:00Z"},
    ),
    Case(
        "C4 campaign status",
        lambda c: c.campaigns.set_status(CID, "START"),
        "POST",
        f"/campaigns/{CID}/status",
        body={"status": "START"},
    ),
    Case(
        "C5 schedule",
        lambda c: c.campaigns.update_schedule(
            CID,
            timezone="America/New_York",
            days_of_the_week=[0, 1, 2],
            start_hour="09:00",
            end_hour="17:30",
            min_time_btw_emails=10,
            max_new_leads_per_day=25,
            schedule_start_time="2026-02-01T09:00:00Z",
        ),
        "POST",
        f"/campaigns/{CID}/schedule",
        body={
            "timezone": "America/New_York",
            "days_of_the_week": [0, 1, 2],
            "start_hour": "09:00",
            "end_hour": "17:30",
            "min_time_btw_emails": 10,
            "max_new_leads_per_day": 25,
            "schedule_start_time": "2026-02-01T09:00:00Z",
        },
    ),
    Case(
        "C6 settings",
        lambda c: c.campaigns.update_settings(
            CID,
            name="Renamed",
            track_settings=["DONT_TRACK_EMAIL_OPEN", "DONT_TRACK_LINK_CLICK"],
            stop_lead_settings="REPLY_TO_AN_EMAIL",
            unsubscribe_text="Bye",
            send_as_plain_text=True,
            force_plain_text=False,
            follow_up_percentage=40,
            client_id=CLIENT_ID,
            enable_ai_esp_matching=True,
            auto_pause_domain_leads_on_reply=True,
            ignore_ss_mailbox_sending_limit=False,
            bounce_autopause_threshold="5",
            domain_level_rate_limit=True,
            out_of_office_detection_settings={"ignoreOOOasReply": True},
            add_unsubscribe_tag=True,
            ai_categorisation_options=["Interested"],
        ),
        "POST",
        f"/campaigns/{CID}/settings",
        body={
            "name": "Renamed",
            "track_settings": ["DONT_TRACK_EMAIL_OPEN", "DONT_TRACK_LINK_CLICK"],
            "stop_lead_settings": "REPLY_TO_AN_EMAIL",
            "unsubscribe_text": "Bye",
            "send_as_plain_text": True,
            "force_plain_text": False,
            "follow_up_percentage": 40,
            "client_id": CLIENT_ID,
            "enable_ai_esp_matching": True,
            "auto_pause_domain_leads_on_reply": True,
            "ignore_ss_mailbox_sending_limit": False,
            "bounce_autopause_threshold": "5",
            "domain_level_rate_limit": True,
            "out_of_office_detection_settings": {"ignoreOOOasReply": True},
            "add_unsubscribe_tag": True,
            "ai_categorisation_options": ["Interested"],
        },
    ),
    Case(
        "C7 get sequences",
        lambda c: c.campaigns.get_sequences(CID),
        "GET",
        f"/campaigns/{CID}/sequences",
        response=[
            {
                "id": STEP1,
                "email_campaign_id": CID,
                "seq_number": 1,
                "subject": "Hi",
                "email_body": "<p>Hi</p>",
                "seq_delay_details": {"delayInDays": 0},
                "sequence_variants": [],
            }
        ],
    ),
    Case(
        "C8 save sequences",
        lambda c: c.campaigns.save_sequences(
            CID,
            [
                SequenceStepInput(
                    seq_number=1,
                    subject="Hi",
                    email_body="<p>Hi</p>",
                    delay_in_days=0,
                    variants=[
                        SequenceVariantInput(
                            subject="Hey",
                            email_body="<p>Hey</p>",
                            variant_label="B",
                            variant_distribution_percentage=50,
                        )
                    ],
                    variant_distribution_type="AI_EQUAL",
                    lead_distribution_percentage=40,
                    winning_metric_property="REPLY_RATE",
                ),
                SequenceStepInput(
                    id=STEP2, seq_number=2, email_body="<p>Ping</p>", delay_in_days=3
                ),
            ],
        ),
        "POST",
        f"/campaigns/{CID}/sequences",
        body={
            "sequences": [
                {
                    "id": None,
                    "seq_number": 1,
                    "seq_delay_details": {"delay_in_days": 0},
                    "subject": "Hi",
                    "email_body": "<p>Hi</p>",
                    "seq_variants": [
                        {
                            "subject": "Hey",
                            "email_body": "<p>Hey</p>",
                            "variant_label": "B",
                            "variant_distribution_percentage": 50,
                        }
                    ],
                    "variant_distribution_type": "AI_EQUAL",
                    "lead_distribution_percentage": 40,
                    "winning_metric_property": "REPLY_RATE",
                },
                {
                    "id": STEP2,
                    "seq_number": 2,
                    "seq_delay_details": {"delay_in_days": 3},
                    "subject": "",
                    "email_body": "<p>Ping</p>",
                },
            ]
        },
    ),
    Case("C9 delete campaign", lambda c: c.campaigns.delete(CID), "DELETE", f"/campaigns/{CID}"),
    Case(
        "C10 campaign senders",
        lambda c: c.campaigns.list_email_accounts(CID, include_tags=True),
        "GET",
        f"/campaigns/{CID}/email-accounts",
        {"include_tags": "true"},
        response=[EMAIL_ACCOUNT],
    ),
    Case(
        "C11 attach senders",
        lambda c: c.campaigns.add_email_accounts(CID, [ACC, ACC2]),
        "POST",
        f"/campaigns/{CID}/email-accounts",
        body={"email_account_ids": [ACC, ACC2]},
        response=[{"id": 1, "email_campaign_id": CID, "email_account_id": ACC2}],
    ),
    Case(
        "C12 detach senders",
        lambda c: c.campaigns.remove_email_accounts(CID, [ACC]),
        "DELETE",
        f"/campaigns/{CID}/email-accounts",
        body={"email_account_ids": [ACC]},
    ),
    Case(
        "C13 duplicate",
        lambda c: c.campaigns.duplicate(
            CID, duplicate_sub_sequence=True, duplicate_client_label=False
        ),
        "POST",
        f"/campaigns/{CID}/duplicate",
        body={"duplicate_sub_sequence": True, "duplicate_client_label": False},
        response={"ok": True, "id": 3004, "name": "Q1 (copy)"},
    ),
    Case(
        "C14 create subsequence",
        lambda c: c.campaigns.create_subsequence(
            CID, subsequence_name="Follow-ups", condition_events=["EMAIL_OPEN"]
        ),
        "POST",
        "/campaigns/create-subsequence",
        body={
            "parent_campaign_id": CID,
            "subsequence_name": "Follow-ups",
            "condition_events": ["EMAIL_OPEN"],
        },
        response={"ok": True, "id": 3004, "name": "Follow-ups"},
    ),
    Case(
        "C15 send test email",
        lambda c: c.campaigns.send_test_email(
            CID,
            lead_id=LEAD_ID,
            sequence_number=1,
            selected_email_account_id=ACC,
            custom_email_address="qa@example.com",
        ),
        "POST",
        f"/campaigns/{CID}/send-test-email",
        body={
            "leadId": LEAD_ID,
            "sequenceNumber": 1,
            "selectedEmailAccountId": ACC,
            "customEmailAddress": "qa@example.com",
        },
    ),
    Case(
        "C16 assign team member",
        lambda c: c.campaigns.assign_team_member(CID, MEMBER),
        "POST",
        f"/campaigns/{CID}/team-member",
        body={"teamMemberId": MEMBER},
    ),
    Case(
        "C17 lead sending account",
        lambda c: c.campaigns.update_lead_email_account(
            CID, LEAD_ID, ACC, override_lead_email_account=True
        ),
        "POST",
        "/campaigns/update-lead-email-account",
        body={
            "email_account_id": ACC,
            "email_campaign_id": CID,
            "email_lead_id": LEAD_ID,
            "override_lead_email_account": True,
        },
    ),
    Case(
        "C18 forward email",
        lambda c: c.inbox.forward(
            CID,
            message_id=MESSAGE_ID,
            stats_id=STATS_ID,
            to_emails=["a@example.com", "b@example.com"],
            body="<p>FYI</p>",
            subject="Fwd: Hi",
        ),
        "POST",
        f"/campaigns/{CID}/forward-email",
        body={
            "message_id": MESSAGE_ID,
            "stats_id": STATS_ID,
            "to_emails": "a@example.com,b@example.com",
            "forward_email_body": "<p>FYI</p>",
            "forward_email_subject": "Fwd: Hi",
        },
    ),
    Case(
        "C19 sequence analytics",
        lambda c: c.campaigns.get_sequence_analytics(CID, D1, D2, time_zone="Europe/Berlin"),
        "GET",
        f"/campaigns/{CID}/sequence-analytics",
        {**DATES, "time_zone": "Europe/Berlin"},
        response=ok_data([{"seq_number": 1, "sent_count": "3"}]),
    ),
]

# --------------------------------------------------------------------------- campaign leads (§4)

LEAD_FIELDS: dict[str, Any] = {
    "first_name": "Bo",
    "last_name": "Lee",
    "company_name": "Acme",
    "phone_number": "+15550100",
    "website": "acme.example",
    "location": "Berlin",
    "linkedin_profile": "https://linkedin.com/in/bo",
    "company_url": "https://acme.example",
    "custom_fields": {"tier": "gold"},
}

LEAD_CASES = [
    Case(
        "L1 campaign leads",
        lambda c: c.campaigns.iter_leads(
            CID,
            status="INPROGRESS",
            lead_category_id=CATEGORY,
            email_status="is_opened",
            created_at_gt="2026-01-01T00:00:00Z",
            last_sent_time_gt="2026-01-02T00:00:00Z",
            event_time_gt="2026-01-03T00:00:00Z",
            limit=50,
            offset=10,
        ).to_list(),
        "GET",
        f"/campaigns/{CID}/leads",
        {
            "offset": "10",
            "limit": "50",
            "status": "INPROGRESS",
            "lead_category_id": str(CATEGORY),
            "emailStatus": "is_opened",
            "created_at_gt": "2026-01-01T00:00:00Z",
            "last_sent_time_gt": "2026-01-02T00:00:00Z",
            "event_time_gt": "2026-01-03T00:00:00Z",
        },
        response={
            "total_leads": "11",
            "offset": 10,
            "limit": 50,
            "data": [
                {
                    "campaign_lead_map_id": MAP_ID,
                    "lead_category_id": CATEGORY,
                    "status": "INPROGRESS",
                    "created_at": "2026-01-02T10:00:00Z",
                    "lead": LEAD,
                }
            ],
        },
    ),
    Case(
        "L2 add leads",
        lambda c: c.campaigns.add_leads(
            CID,
            [LeadInput(email="new@example.com", **LEAD_FIELDS), {"email": "cy@example.com"}],
            settings=ImportSettings(
                ignore_global_block_list=True,
                ignore_unsubscribe_list=False,
                ignore_community_bounce_list=True,
                ignore_duplicate_leads_in_other_campaign=False,
                return_lead_ids=True,
            ),
        ),
        "POST",
        f"/campaigns/{CID}/leads",
        body={
            "lead_list": [{"email": "new@example.com", **LEAD_FIELDS}, {"email": "cy@example.com"}],
            "settings": {
                "ignore_global_block_list": True,
                "ignore_unsubscribe_list": False,
                "ignore_community_bounce_list": True,
                "ignore_duplicate_leads_in_other_campaign": False,
                "return_lead_ids": True,
            },
        },
        response={
            "ok": True,
            "upload_count": 2,
            "total_leads": 2,
            "already_added_to_campaign": 0,
            "duplicate_count": 0,
            "invalid_email_count": 0,
            "unsubscribed_leads": 0,
            "is_lead_limit_exhausted": False,
            "lead_import_stopped_count": 0,
        },
    ),
    Case(
        "L3 update campaign lead",
        lambda c: c.leads.update(CID, LEAD_ID, email="bo@example.com", **LEAD_FIELDS),
        "POST",
        f"/campaigns/{CID}/leads/{LEAD_ID}",
        body={"email": "bo@example.com", **LEAD_FIELDS},
    ),
    Case(
        "L4 pause lead",
        lambda c: c.leads.pause(CID, LEAD_ID),
        "POST",
        f"/campaigns/{CID}/leads/{LEAD_ID}/pause",
        response=ok_data("success"),
    ),
    Case(
        "L5 resume lead",
        lambda c: c.leads.resume(CID, LEAD_ID, delay_days=3),
        "POST",
        f"/campaigns/{CID}/leads/{LEAD_ID}/resume",
        body={"resume_lead_with_delay_days": 3},
        setup=lambda sb: _set_lead_status(sb, "PAUSED"),
    ),
    Case(
        "L6 delete campaign lead",
        lambda c: c.leads.delete_from_campaign(CID, LEAD_ID),
        "DELETE",
        f"/campaigns/{CID}/leads/{LEAD_ID}",
        text="success",
        content_type="text/plain",
    ),
    Case(
        "L7 unsubscribe from campaign",
        lambda c: c.leads.unsubscribe_from_campaign(CID, LEAD_ID),
        "POST",
        f"/campaigns/{CID}/leads/{LEAD_ID}/unsubscribe",
    ),
    Case(
        "L8 lead category",
        lambda c: c.leads.set_category(CID, LEAD_ID, CATEGORY, pause_lead=True),
        "POST",
        f"/campaigns/{CID}/leads/{LEAD_ID}/category",
        body={"category_id": CATEGORY, "pause_lead": True},
        response={"category_id": CATEGORY, "pause_lead": True},
    ),
    Case(
        "L9 manual complete",
        lambda c: c.leads.mark_complete(CID, MAP_ID),
        "POST",
        f"/campaigns/{CID}/leads/{MAP_ID}/manual-complete",
    ),
    Case(
        "L10 message history",
        lambda c: c.leads.get_message_history(
            CID, LEAD_ID, event_time_gt="2026-01-01T00:00:00Z", show_plain_text_response=True
        ),
        "GET",
        f"/campaigns/{CID}/leads/{LEAD_ID}/message-history",
        {"event_time_gt": "2026-01-01T00:00:00Z", "show_plain_text_response": "true"},
        response={
            "history": [
                {
                    "stats_id": STATS_ID,
                    "from": "ann@example.com",
                    "to": "bo@example.com",
                    "type": "SENT",
                    "message_id": MESSAGE_ID,
                    "time": "2026-01-02T10:00:00Z",
                    "email_body": "<p>Hi</p>",
                    "subject": "Hi",
                    "email_seq_number": "1",
                    "open_count": 1,
                    "click_count": 0,
                }
            ],
            "from": "ann@example.com",
            "to": "bo@example.com",
        },
    ),
    Case(
        "L12 reply to lead",
        lambda c: c.inbox.reply(
            CID,
            email_stats_id=STATS_ID,
            email_body="<p>Thanks</p>",
            reply_message_id=MESSAGE_ID,
            reply_email_body="<p>Hi</p>",
            reply_email_time="2026-01-02T10:00:00Z",
            to_email="bo@example.com",
            to_first_name="Bo",
            to_last_name="Lee",
            cc=["c1@example.com", "c2@example.com"],
            bcc="b1@example.com",
            scheduled_time="2026-01-03T09:00:00Z",
            schedule_condition="IF_NO_REPLY",
            add_signature=True,
            seq_type="REPLY",
            attachments=[
                ReplyAttachment(
                    file_url="https://files.example/a.pdf",
                    file_name="a.pdf",
                    file_type="application/pdf",
                    file_size=1024,
                )
            ],
        ),
        "POST",
        f"/campaigns/{CID}/reply-email-thread",
        body={
            "email_stats_id": STATS_ID,
            "email_body": "<p>Thanks</p>",
            "reply_message_id": MESSAGE_ID,
            "reply_email_body": "<p>Hi</p>",
            "reply_email_time": "2026-01-02T10:00:00Z",
            "to_email": "bo@example.com",
            "to_first_name": "Bo",
            "to_last_name": "Lee",
            "cc": "c1@example.com,c2@example.com",
            "bcc": "b1@example.com",
            "scheduled_time": "2026-01-03T09:00:00Z",
            "schedule_condition": "IF_NO_REPLY",
            "add_signature": True,
            "seq_type": "REPLY",
            "attachments": [
                {
                    "file_url": "https://files.example/a.pdf",
                    "file_name": "a.pdf",
                    "file_type": "application/pdf",
                    "file_size": 1024,
                }
            ],
        },
        response={"ok": True, "email_stats_id": "st-2", "reply_message_id": "<m2@example.com>"},
    ),
    Case(
        "L13 export leads",
        lambda c: c.campaigns.export_leads(CID),
        "GET",
        f"/campaigns/{CID}/leads-export",
        text=f"id,email\n{LEAD_ID},bo@example.com\n",
        content_type="text/csv",
    ),
    Case(
        "L14 all lead activities",
        lambda c: c.campaigns.iter_lead_activities(
            event_time_from="2026-01-01", event_time_to="2026-01-20", limit=200, offset=5
        ).to_list(),
        "GET",
        "/campaigns/all-leads-activities",
        {
            "offset": "5",
            "limit": "200",
            "event_time_from": "2026-01-01",
            "event_time_to": "2026-01-20",
        },
        response=ok_data([{"lead_id": LEAD_ID, "campaign_id": CID, "type": "SENT"}]),
    ),
]

# --------------------------------------------------------------------------- global leads (§5)

GLOBAL_LEAD_CASES = [
    Case(
        "G1 lead by email",
        lambda c: c.leads.get_by_email("bo@example.com"),
        "GET",
        "/leads/",
        {"email": "bo@example.com"},
        response={**LEAD, "lead_campaign_data": [{"campaign_lead_map_id": MAP_ID}]},
    ),
    Case(
        "G2 lead by id", lambda c: c.leads.get(LEAD_ID), "GET", f"/leads/{LEAD_ID}", response=LEAD
    ),
    Case(
        "G3 lead campaigns",
        lambda c: c.leads.list_campaigns(LEAD_ID),
        "GET",
        f"/leads/{LEAD_ID}/campaigns",
        response=[{"id": CID, "status": "ACTIVE", "name": "Q1"}],
    ),
    Case(
        "G4 global leads",
        lambda c: c.leads.iter_all(
            created_at_gt="2026-01-01", email="bo@example.com", limit=50, offset=0
        ).to_list(),
        "GET",
        "/leads/global-leads",
        {"offset": "0", "limit": "50", "created_at_gt": "2026-01-01", "email": "bo@example.com"},
        response={"data": [LEAD], "skip": 0, "limit": 50, "hasMore": False},
    ),
    Case(
        "G5 leads by cursor",
        lambda c: c.leads.iter_by_cursor(
            campaign_id=CID,
            status="STARTED",
            email_status="is_replied",
            lead_type="active",
            list_id=LIST_ID,
            client_id=CLIENT_ID,
            lead_email="bo@example.com",
            last_seen_lead_id=1,
            limit=10,
        ).to_list(),
        "GET",
        "/leads/all",
        {
            "limit": "10",
            "lastSeenLeadId": "1",
            "campaignId": str(CID),
            "status": "STARTED",
            "emailStatus": "is_replied",
            "leadType": "active",
            "listId": str(LIST_ID),
            "clientId": str(CLIENT_ID),
            "leadEmail": "bo@example.com",
        },
        response=ok_data({"leads": [LEAD]}),
    ),
    Case(
        "G6 unsubscribe globally",
        lambda c: c.leads.unsubscribe(LEAD_ID),
        "POST",
        f"/leads/{LEAD_ID}/unsubscribe",
    ),
    Case(
        "G7 lead categories",
        lambda c: c.leads.list_categories(),
        "GET",
        "/leads/fetch-categories",
        response=[{"id": 1, "created_at": "2026-01-01T00:00:00Z", "name": "Interested"}],
    ),
    Case(
        "G8 lead campaign overview",
        lambda c: c.leads.get_campaign_overview(LEAD_ID),
        "GET",
        f"/leads/{LEAD_ID}/campaign-overview",
        response=[{"campaign_id": CID, "campaign_name": "Q1", "status": "ACTIVE"}],
    ),
    Case(
        "G9 lead sequence details",
        lambda c: c.leads.get_sequence_details(MAP_ID, campaign_id=CID),
        "GET",
        f"/leads/{MAP_ID}/sequence-details",
        {"campaignId": str(CID)},
        response=[{"seq_number": 1, "status": "SENT"}],
    ),
    Case(
        "G10 push leads to list",
        lambda c: c.lead_lists.push_leads(
            list_id=LIST_ID2, lead_ids=[LEAD_ID, LEAD_ID2], action="copy", filters={"q": "x"}
        ),
        "POST",
        "/leads/push-to-list",
        body={
            "listId": LIST_ID2,
            "leadIds": [LEAD_ID, LEAD_ID2],
            "action": "copy",
            "filters": {"q": "x"},
        },
        response=ok_data({"pushed": 2}),
    ),
    Case(
        "G11 push campaign leads to list",
        lambda c: c.lead_lists.push_campaign_leads(
            campaign_id=CID, list_id=LIST_ID2, lead_map_ids=[MAP_ID]
        ),
        "POST",
        "/leads/campaign/push-to-list",
        body={"campaignId": CID, "listId": LIST_ID2, "leadMapIds": [MAP_ID]},
        response=ok_data({"pushed": 1}),
    ),
    Case(
        "B1 block list",
        lambda c: c.leads.iter_block_list(
            client_id=CLIENT_ID,
            email_or_domain="spam",
            email_with_domain="x@spam.example",
            limit=500,
            offset=0,
        ).to_list(),
        "GET",
        "/leads/get-domain-block-list",
        {
            "offset": "0",
            "limit": "500",
            "filter_client_id": str(CLIENT_ID),
            "filter_email_or_domain": "spam",
            "filter_email_with_domain": "x@spam.example",
        },
        response=[
            {
                "id": BLOCK_ID,
                "email_or_domain": "spam.example",
                "created_at": "2026-01-01T00:00:00Z",
                "source": "manual",
                "client_id": CLIENT_ID,
            }
        ],
    ),
    Case(
        "B2 add to block list",
        lambda c: c.leads.add_to_block_list(
            ["junk.example", "x@junk.example"], client_id=CLIENT_ID
        ),
        "POST",
        "/leads/add-domain-block-list",
        body={"domain_block_list": ["junk.example", "x@junk.example"], "client_id": CLIENT_ID},
        response={"uploadCount": 2, "totalDomainAdded": 2},
    ),
    Case(
        "B3 remove from block list",
        lambda c: c.leads.remove_from_block_list(BLOCK_ID),
        "DELETE",
        "/leads/delete-domain-block-list",
        {"id": str(BLOCK_ID)},
    ),
    Case(
        "B4 inbox block domains",
        lambda c: c.inbox.block_domains(["junk.example"], source="complaint"),
        "POST",
        "/master-inbox/block-domains",
        body={"domains": ["junk.example"], "source": "complaint"},
    ),
]

# --------------------------------------------------------------------------- email accounts (§6)

SMTP_FIELDS: dict[str, Any] = {
    "from_name": "Nia",
    "from_email": "nia@example.com",
    "username": "nia@example.com",
    "password": "pw-123",
    "smtp_host": "smtp.example.com",
    "smtp_port": 587,
    "imap_host": "imap.example.com",
    "imap_port": 993,
    "warmup_enabled": True,
}
SMTP_OPTIONS: dict[str, Any] = {
    "type": "SMTP",
    "smtp_port_type": "TLS",
    "imap_user_name": "nia@example.com",
    "imap_password": "pw-456",
    "different_reply_to_address": "reply@example.com",
    "max_email_per_day": 40,
    "custom_tracking_url": "track.example.com",
    "bcc": "archive@example.com",
    "signature": "-- Nia",
    "time_to_wait_in_mins": 5,
    "total_warmup_per_day": 20,
    "daily_rampup": 5,
    "reply_rate_percentage": 30,
    "client_id": CLIENT_ID,
    "is_suspended": False,
}
OAUTH_TOKEN: dict[str, Any] = {
    "expiry_date": 1767225600000,
    "access_token": "at",
    "refresh_token": "rt",
    "scope": "mail",
    "token_type": "Bearer",
}

EMAIL_ACCOUNT_CASES = [
    Case(
        "E1 list accounts",
        lambda c: c.email_accounts.iter_all(
            is_in_use=True,
            email_warmup_status="ACTIVE",
            is_smtp_success=True,
            is_warmup_blocked=False,
            esp="GMAIL",
            username="ann",
            client_id=CLIENT_ID,
            fetch_campaigns=True,
            limit=50,
        ).to_list(),
        "GET",
        "/email-accounts/",
        {
            "offset": "0",
            "limit": "50",
            "isInUse": "true",
            "emailWarmupStatus": "ACTIVE",
            "isSmtpSuccess": "true",
            "isWarmupBlocked": "false",
            "esp": "GMAIL",
            "username": "ann",
            "client_id": str(CLIENT_ID),
            "fetch_campaigns": "true",
        },
        response=[EMAIL_ACCOUNT],
    ),
    Case(
        "E2 get account",
        lambda c: c.email_accounts.get(ACC, fetch_campaigns=True, fetch_tags=True),
        "GET",
        f"/email-accounts/{ACC}/",
        {"fetch_campaigns": "true", "fetch_tags": "true"},
        response=EMAIL_ACCOUNT,
    ),
    Case(
        "E3 save smtp account",
        lambda c: c.email_accounts.save(**SMTP_FIELDS, **SMTP_OPTIONS),
        "POST",
        "/email-accounts/save",
        body={"id": None, **SMTP_FIELDS, **SMTP_OPTIONS},
        response={"ok": True, "id": 203, "from_email": "nia@example.com"},
    ),
    Case(
        "E4 save oauth account",
        lambda c: c.email_accounts.save_oauth(
            from_name="Oli",
            from_email="oli@example.com",
            username="oli@example.com",
            type="GMAIL",
            token=OAuthToken(**OAUTH_TOKEN),
            warmup_enabled=False,
            use_whitelabel_credentials=False,
            max_email_per_day=30,
            client_id=CLIENT_ID,
        ),
        "POST",
        "/email-accounts/save-oauth",
        body={
            "from_name": "Oli",
            "from_email": "oli@example.com",
            "username": "oli@example.com",
            "type": "GMAIL",
            "token": OAUTH_TOKEN,
            "warmup_enabled": False,
            "use_whitelabel_credentials": False,
            "max_email_per_day": 30,
            "client_id": CLIENT_ID,
        },
        response={"ok": True, "id": 203, "from_email": "oli@example.com"},
    ),
    Case(
        "E5 update account",
        lambda c: c.email_accounts.update(
            ACC,
            max_email_per_day=50,
            from_name="Ann B",
            custom_tracking_url="t.example.com",
            bcc="archive@example.com",
            signature="-- A",
            client_id=CLIENT_ID,
            time_to_wait_in_mins=3,
            is_suspended=False,
        ),
        "POST",
        f"/email-accounts/{ACC}",
        body={
            "max_email_per_day": 50,
            "from_name": "Ann B",
            "custom_tracking_url": "t.example.com",
            "bcc": "archive@example.com",
            "signature": "-- A",
            "client_id": CLIENT_ID,
            "time_to_wait_in_mins": 3,
            "is_suspended": False,
        },
        response={"ok": True, "id": ACC},
    ),
    Case(
        "E6 delete account",
        lambda c: c.email_accounts.delete(ACC),
        "DELETE",
        f"/email-accounts/{ACC}",
    ),
    Case(
        "E7 suspend account",
        lambda c: c.email_accounts.suspend(ACC),
        "PUT",
        f"/email-accounts/suspend/{ACC}",
    ),
    Case(
        "E8 unsuspend account",
        lambda c: c.email_accounts.unsuspend(ACC),
        "DELETE",
        f"/email-accounts/unsuspend/{ACC}",
    ),
    Case(
        "E9 warmup settings",
        lambda c: c.email_accounts.update_warmup(
            ACC,
            warmup_enabled=True,
            total_warmup_per_day=30,
            daily_rampup=10,
            reply_rate_percentage=40,
            warmup_key_id="wk-1",
            auto_adjust_warmup=True,
            is_rampup_enabled=True,
        ),
        "POST",
        f"/email-accounts/{ACC}/warmup",
        body={
            "warmup_enabled": True,
            "total_warmup_per_day": 30,
            "daily_rampup": 10,
            "reply_rate_percentage": 40,
            "warmup_key_id": "wk-1",
            "auto_adjust_warmup": True,
            "is_rampup_enabled": True,
        },
        response={
            "warmup_enabled": True,
            "total_warmup_per_day": 30,
            "daily_rampup": 10,
            "reply_rate_percentage": 40,
            "warmup_key_id": "wk-1",
        },
    ),
    Case(
        "E10 warmup stats",
        lambda c: c.email_accounts.get_warmup_stats(ACC),
        "GET",
        f"/email-accounts/{ACC}/warmup-stats",
        response={
            "id": ACC,
            "sent_count": "10",
            "spam_count": "0",
            "inbox_count": "10",
            "warmup_email_received_count": "9",
            "stats_by_date": [],
        },
    ),
    Case(
        "E11 reconnect failed accounts",
        lambda c: c.email_accounts.reconnect_failed(),
        "POST",
        "/email-accounts/reconnect-failed-email-accounts",
        response={"ok": True, "message": "queued"},
    ),
    # The catalog documents no body for E12/E13, only method and path; the body asserted here
    # is the SDK's option set, pinned so it cannot drift silently.
    Case(
        "E12 fetch messages",
        lambda c: c.email_accounts.fetch_messages(ACC, limit=10, folder="INBOX"),
        "POST",
        f"/email-accounts/{ACC}/fetch-messages",
        body={"limit": 10, "folder": "INBOX"},
        response=ok_data({"messages": []}),
    ),
    Case(
        "E13 bulk fetch messages",
        lambda c: c.email_accounts.fetch_messages_bulk(
            [ACC, FetchMessagesRequest(account_id=ACC2)]
        ),
        "POST",
        "/email-accounts/multi/fetch-messages",
        body=[{"account_id": ACC}, {"account_id": ACC2}],
        response=ok_data([]),
    ),
    Case(
        "T1 list tags",
        lambda c: c.email_accounts.list_tags(),
        "GET",
        "/email-accounts/tags",
        response=ok_data([{"id": TAG, "name": "warm", "color": "#112233"}]),
    ),
    Case(
        "T2 create tag",
        lambda c: c.email_accounts.create_tag("cold", color="#778899"),
        "POST",
        "/tags",
        body={"name": "cold", "color": "#778899"},
        response=ok_data({"id": 13, "name": "cold", "color": "#778899"}),
    ),
    Case(
        "T3 update tag",
        lambda c: c.email_accounts.update_tag(TAG, name="hot", color="#445566"),
        "POST",
        "/email-accounts/tag-manager",
        body={"id": TAG, "name": "hot", "color": "#445566"},
        response=ok_data({"id": TAG, "name": "hot", "color": "#445566"}),
    ),
    Case(
        "T4 tag accounts",
        lambda c: c.email_accounts.add_tags([ACC, ACC2], [TAG]),
        "POST",
        "/email-accounts/tag-mapping",
        body={"email_account_ids": [ACC, ACC2], "tag_ids": [TAG]},
    ),
    Case(
        "T5 untag accounts",
        lambda c: c.email_accounts.remove_tags([ACC], [TAG, TAG2]),
        "DELETE",
        "/email-accounts/tag-mapping",
        body={"email_account_ids": [ACC], "tag_ids": [TAG, TAG2]},
    ),
    Case(
        "T6 tags of accounts",
        lambda c: c.email_accounts.get_tags_for(["ann@example.com"]),
        "POST",
        "/email-accounts/tag-list",
        body={"email_ids": ["ann@example.com"]},
        response=ok_data([{"email_account_id": ACC, "email": "ann@example.com"}]),
    ),
]

# --------------------------------------------------------------------------- statistics (§7)

STATS_CASES = [
    Case(
        "A1 campaign statistics",
        lambda c: c.campaigns.iter_statistics(
            CID,
            email_sequence_number=2,
            email_status="replied",
            sent_time_start_date=datetime(2023, 10, 16, 10, 33, 2, tzinfo=UTC),
            sent_time_end_date=datetime(2023, 10, 20, 0, 0, 0, tzinfo=UTC),
            limit=500,
        ).to_list(),
        "GET",
        f"/campaigns/{CID}/statistics",
        {
            "offset": "0",
            "limit": "500",
            "email_sequence_number": "2",
            "email_status": "replied",
            "sent_time_start_date": "2023-10-16 10:33:02.000Z",
            "sent_time_end_date": "2023-10-20 00:00:00.000Z",
        },
        response={
            "total_stats": "1",
            "offset": 0,
            "limit": 500,
            "data": [
                {
                    "lead_name": "Bo Lee",
                    "lead_email": "bo@example.com",
                    "sequence_number": 2,
                    "email_subject": "Hi",
                    "sent_time": "2023-10-16T10:33:02.000Z",
                    "open_count": 1,
                    "click_count": 0,
                }
            ],
        },
    ),
    Case(
        "A2 campaign analytics",
        lambda c: c.campaigns.get_analytics(CID),
        "GET",
        f"/campaigns/{CID}/analytics",
        response={
            "id": CID,
            "name": "Q1",
            "status": "ACTIVE",
            "sent_count": "10",
            "open_count": "4",
            "reply_count": "1",
            "campaign_lead_stats": {"total": 10, "completed": 2},
        },
    ),
    Case(
        "A3 analytics by date",
        lambda c: c.campaigns.get_analytics_by_date(CID, D1, D2, time_zone="UTC"),
        "GET",
        f"/campaigns/{CID}/analytics-by-date",
        {**DATES, "time_zone": "UTC"},
        response={"id": CID, **DATES, "sent_count": "3", "open_count": "1"},
    ),
    Case(
        "A4 top-level analytics by date",
        lambda c: c.campaigns.get_top_level_analytics_by_date(CID, D1, D2),
        "GET",
        f"/campaigns/{CID}/top-level-analytics-by-date",
        DATES,
        response={"id": CID, "sent_count": "3"},
    ),
    Case(
        "A5 lead statistics",
        lambda c: c.campaigns.iter_lead_statistics(
            CID, event_time_gt=date(2026, 1, 5), limit=25
        ).to_list(),
        "GET",
        f"/campaigns/{CID}/leads-statistics",
        {"offset": "0", "limit": "25", "event_time_gt": "2026-01-05"},
        response=ok_data([{"lead_id": LEAD_ID, "email": "bo@example.com"}]),
    ),
    Case(
        "A6 mailbox statistics",
        lambda c: c.campaigns.iter_mailbox_statistics(
            CID, client_id=CLIENT_ID, start_date=D1, end_date=D2, time_zone="UTC", limit=10
        ).to_list(),
        "GET",
        f"/campaigns/{CID}/mailbox-statistics",
        {"offset": "0", "limit": "10", "client_id": str(CLIENT_ID), **DATES, "time_zone": "UTC"},
        response=ok_data([{"email_account_id": ACC, "from_email": "ann@example.com"}]),
    ),
]

# --------------------------------------------------------------------------- A7 analytics

WINDOW = {
    **DATES,
    "timezone": "Europe/Berlin",
    "client_ids": f"{CLIENT_ID}",
    "campaign_ids": f"{CID},{CID2}",
}
WINDOW_ARGS: dict[str, Any] = {
    "timezone": "Europe/Berlin",
    "client_ids": [CLIENT_ID],
    "campaign_ids": [CID, CID2],
}
CLIENT_FILTER = {"client_ids": str(CLIENT_ID)}


def a7(name: str, call: Call, query: dict[str, str]) -> Case:
    return Case(f"A7 {name}", call, "GET", "/analytics/" + name, query, response=ok_data({}))


A7_CASES = [
    a7(
        "overall-stats-v2",
        lambda c: c.analytics.overall_stats(D1, D2, **WINDOW_ARGS, is_agency=True, full_data=True),
        {**WINDOW, "is_agency": "true", "full_data": "true"},
    ),
    a7(
        "day-wise-overall-stats",
        lambda c: c.analytics.day_wise_overall_stats(D1, D2, **WINDOW_ARGS),
        WINDOW,
    ),
    a7(
        "day-wise-overall-stats-by-sent-time",
        lambda c: c.analytics.day_wise_overall_stats_by_sent_time(
            D1, D2, "Europe/Berlin", client_ids=[CLIENT_ID], campaign_ids=[CID, CID2]
        ),
        WINDOW,
    ),
    a7(
        "day-wise-positive-reply-stats",
        lambda c: c.analytics.day_wise_positive_reply_stats(D1, D2, **WINDOW_ARGS),
        WINDOW,
    ),
    a7(
        "day-wise-positive-reply-stats-by-sent-time",
        lambda c: c.analytics.day_wise_positive_reply_stats_by_sent_time(
            D1, D2, "Europe/Berlin", client_ids=[CLIENT_ID], campaign_ids=[CID, CID2]
        ),
        WINDOW,
    ),
    a7(
        "campaign/list",
        lambda c: c.analytics.campaign_list(client_ids=[CLIENT_ID]),
        CLIENT_FILTER,
    ),
    a7(
        "campaign/overall-stats",
        lambda c: c.analytics.campaign_overall_stats(
            D1, D2, **WINDOW_ARGS, limit=10, offset=20, full_data=True
        ),
        {**WINDOW, "limit": "10", "offset": "20", "full_data": "true"},
    ),
    a7(
        "campaign/response-stats",
        lambda c: c.analytics.campaign_response_stats(D1, D2, **WINDOW_ARGS, full_data=True),
        {**WINDOW, "full_data": "true"},
    ),
    a7(
        "campaign/status-stats",
        lambda c: c.analytics.campaign_status_stats(client_ids=[CLIENT_ID]),
        CLIENT_FILTER,
    ),
    a7(
        "campaign/follow-up-reply-rate",
        lambda c: c.analytics.campaign_follow_up_reply_rate(D1, D2, **WINDOW_ARGS),
        WINDOW,
    ),
    a7(
        "campaign/lead-to-reply-time",
        lambda c: c.analytics.campaign_lead_to_reply_time(D1, D2, **WINDOW_ARGS),
        WINDOW,
    ),
    a7(
        "campaign/leads-take-for-first-reply",
        lambda c: c.analytics.campaign_leads_take_for_first_reply(D1, D2, **WINDOW_ARGS),
        WINDOW,
    ),
    a7(
        "client/list",
        lambda c: c.analytics.client_list(client_ids=[CLIENT_ID]),
        CLIENT_FILTER,
    ),
    a7(
        "client/overall-stats",
        lambda c: c.analytics.client_overall_stats(
            D1,
            D2,
            timezone="Europe/Berlin",
            client_ids=[CLIENT_ID],
            filter="top",
            full_data=True,
            limit=10,
            offset=0,
        ),
        {
            **DATES,
            "timezone": "Europe/Berlin",
            **CLIENT_FILTER,
            "filter": "top",
            "full_data": "true",
            "limit": "10",
            "offset": "0",
        },
    ),
    a7(
        "client/month-wise-count",
        lambda c: c.analytics.client_month_wise_count(client_ids=[CLIENT_ID]),
        CLIENT_FILTER,
    ),
    a7(
        "lead/overall-stats",
        lambda c: c.analytics.lead_overall_stats(D1, D2, **WINDOW_ARGS),
        WINDOW,
    ),
    a7(
        "lead/category-wise-response",
        lambda c: c.analytics.lead_category_wise_response(D1, D2, **WINDOW_ARGS),
        WINDOW,
    ),
    a7(
        "mailbox/overall-stats",
        lambda c: c.analytics.mailbox_overall_stats(client_ids=[CLIENT_ID]),
        CLIENT_FILTER,
    ),
    a7(
        "mailbox/domain-wise-health-metrics",
        lambda c: c.analytics.mailbox_domain_wise_health_metrics(
            D1, D2, **WINDOW_ARGS, full_data=True, limit=10, offset=10
        ),
        {**WINDOW, "full_data": "true", "limit": "10", "offset": "10"},
    ),
    a7(
        "mailbox/name-wise-health-metrics",
        lambda c: c.analytics.mailbox_name_wise_health_metrics(
            D1, D2, **WINDOW_ARGS, full_data=True, limit=10, offset=10, is_bounced=True
        ),
        {**WINDOW, "full_data": "true", "limit": "10", "offset": "10", "is_bounced": "true"},
    ),
    a7(
        "mailbox/provider-wise-overall-performance",
        lambda c: c.analytics.mailbox_provider_wise_overall_performance(
            D1, D2, **WINDOW_ARGS, full_data=True
        ),
        {**WINDOW, "full_data": "true"},
    ),
    a7(
        "team-board/overall-stats",
        lambda c: c.analytics.team_board_overall_stats(D1, D2, **WINDOW_ARGS, full_data=True),
        {**WINDOW, "full_data": "true"},
    ),
]

# --------------------------------------------------------------------------- master inbox (§8)

INBOX_FILTERS: dict[str, Any] = {
    "campaign_ids": [CID, CID2],
    "email_account_ids": [ACC, ACC2],
    "category_ids_in": [1, 2],
    "category_ids_not_in": [CATEGORY],
    "unassigned": False,
    "is_assigned": True,
    "email_status": ["Replied", "Not Replied"],
    "search": "acme",
    "campaign_team_member_ids": [MEMBER],
    "campaign_tag_ids": [TAG, TAG2],
    "campaign_client_ids": [CLIENT_ID],
    "reply_time_between": ("2026-01-01T00:00:00Z", "2026-01-20T00:00:00Z"),
}
INBOX_WIRE_FILTERS: dict[str, Any] = {
    "search": "acme",
    "leadCategories": {
        "unassigned": False,
        "isAssigned": True,
        "categoryIdsIn": [1, 2],
        "categoryIdsNotIn": [CATEGORY],
    },
    "emailStatus": ["Replied", "Not Replied"],
    "campaignId": [CID, CID2],
    "emailAccountId": [ACC, ACC2],
    "campaignTeamMemberId": [MEMBER],
    "campaignTagId": [TAG, TAG2],
    "campaignClientId": [CLIENT_ID],
    "replyTimeBetween": ["2026-01-01T00:00:00Z", "2026-01-20T00:00:00Z"],
}
#: M9/M10 take single-value filters.
SINGLE_FILTERS: dict[str, Any] = {
    "campaign_ids": CID,
    "email_account_ids": ACC,
    "category_ids_in": [1],
    "email_status": "Replied",
    "campaign_tag_ids": TAG,
}
SINGLE_WIRE_FILTERS: dict[str, Any] = {
    "leadCategories": {"categoryIdsIn": [1]},
    "emailStatus": "Replied",
    "campaignId": CID,
    "emailAccountId": ACC,
    "campaignTagId": TAG,
}
INBOX_PAGE = {"ok": True, "data": [INBOX_ROW], "offset": 0, "limit": 20}


def inbox_view(
    number: str,
    view: str,
    route: str,
    *,
    sort: str,
    history: bool = True,
    single: bool = False,
    extra: dict[str, Any] | None = None,
    extra_wire: dict[str, Any] | None = None,
) -> Case:
    """A Master Inbox list view: ``fetch_message_history`` in the query, the rest in the body."""
    filters = {**(SINGLE_FILTERS if single else INBOX_FILTERS), **(extra or {})}
    wire_filters = {**(SINGLE_WIRE_FILTERS if single else INBOX_WIRE_FILTERS), **(extra_wire or {})}
    options: dict[str, Any] = {"sort_by": sort, "limit": 10, "offset": 20, **filters}
    if history:
        options["fetch_message_history"] = True

    def call(c: SmartleadClient) -> Awaitable[Any]:
        return c.inbox.iter_replies(view, **options).to_list()  # type: ignore[arg-type]

    return Case(
        f"{number} inbox {view}",
        call,
        "POST",
        "/master-inbox/" + route,
        {"fetch_message_history": "true"} if history else {},
        body={"offset": 20, "limit": 10, "sortBy": sort, "filters": wire_filters},
        response=INBOX_PAGE,
    )


INBOX_CASES = [
    inbox_view("M1", "all", "inbox-replies", sort="REPLY_TIME_DESC"),
    inbox_view("M2", "unread", "unread-replies", sort="SENT_TIME_DESC"),
    inbox_view("M3", "important", "important", sort="REPLY_TIME_DESC"),
    inbox_view("M4", "snoozed", "snoozed", sort="REPLY_TIME_DESC"),
    inbox_view("M5", "scheduled", "scheduled", sort="SCHEDULED_TIME_ASC"),
    inbox_view("M6", "reminders", "reminders", sort="REMINDER_TIME_DESC", history=False),
    inbox_view("M7", "archived", "archived", sort="REPLY_TIME_DESC"),
    inbox_view("M8", "sent", "sent", sort="SENT_TIME_DESC", history=False),
    inbox_view("M9", "assigned_me", "assigned-me", sort="REPLY_TIME_DESC", single=True),
    inbox_view(
        "M10",
        "views",
        "views",
        sort="REPLY_TIME_DESC",
        single=True,
        extra={"sub_sequence_id": SUB_CID},
        extra_wire={"subSequenceId": SUB_CID},
    ),
    Case(
        "M11 untracked replies",
        lambda c: c.inbox.iter_untracked_replies(
            fetch_attachments=True,
            fetch_body=False,
            from_email="x@example.com",
            to_email="ann@example.com",
            subject_line="Hello",
            limit=30,
            offset=0,
        ).to_list(),
        "GET",
        "/master-inbox/untracked-replies",
        {
            "offset": "0",
            "limit": "30",
            "fetchAttachments": "true",
            "fetchBody": "false",
            "from_email": "x@example.com",
            "to_email": "ann@example.com",
            "subject_line": "Hello",
        },
        response=ok_data(
            {"success": True, "message": "ok", "data": {"replies": [{"id": 1, "subject": "Hi"}]}}
        ),
    ),
    Case(
        "M12 conversation",
        lambda c: c.inbox.get(MAP_ID),
        "GET",
        f"/master-inbox/{MAP_ID}",
        response=ok_data(INBOX_ROW),
    ),
    Case(
        "M13 read status",
        lambda c: c.inbox.set_read_status(MAP_ID, True),
        "PATCH",
        "/master-inbox/change-read-status",
        body={"email_lead_map_id": MAP_ID, "read_status": True},
    ),
    Case(
        "M14 inbox category",
        lambda c: c.inbox.set_category(MAP_ID, CATEGORY),
        "PATCH",
        "/master-inbox/update-category",
        body={"email_lead_map_id": MAP_ID, "category_id": CATEGORY},
    ),
    Case(
        "M15 revenue",
        lambda c: c.inbox.set_revenue(MAP_ID, 1200.5),
        "PATCH",
        "/master-inbox/update-revenue",
        body={"email_lead_map_id": MAP_ID, "revenue": 1200.5},
    ),
    Case(
        "M16 resume lead",
        lambda c: c.inbox.resume_lead(CID, MAP_ID, delay_days=2),
        "PATCH",
        "/master-inbox/resume-lead",
        body={"campaign_id": CID, "email_lead_map_id": MAP_ID, "resume_delay_days": 2},
    ),
    Case(
        "M17 create note",
        lambda c: c.inbox.create_note(MAP_ID, "Call back"),
        "POST",
        "/master-inbox/create-note",
        body={"email_lead_map_id": MAP_ID, "note_message": "Call back"},
        response=ok_data({"id": 1, "note_message": "Call back"}),
    ),
    Case(
        "M18 create task",
        lambda c: c.inbox.create_task(
            MAP_ID,
            "Follow up",
            description="Send deck",
            priority="HIGH",
            due_date=date(2026, 2, 1),
        ),
        "POST",
        "/master-inbox/create-task",
        body={
            "email_lead_map_id": MAP_ID,
            "name": "Follow up",
            "description": "Send deck",
            "priority": "HIGH",
            "due_date": "2026-02-01",
        },
        response=ok_data({"id": 2, "name": "Follow up"}),
    ),
    Case(
        "M19 set reminder",
        lambda c: c.inbox.set_reminder(
            MAP_ID, email_stats_id=STATS_ID, message="Ping", reminder_time="2026-02-01T09:00:00Z"
        ),
        "POST",
        "/master-inbox/set-reminder",
        body={
            "email_lead_map_id": MAP_ID,
            "email_stats_id": STATS_ID,
            "message": "Ping",
            "reminder_time": "2026-02-01T09:00:00Z",
        },
        response=ok_data({"id": 3}),
    ),
    Case(
        "M20 push to subsequence",
        lambda c: c.inbox.push_to_subsequence(
            MAP_ID, SUB_CID, delay_seconds=3600, stop_lead_on_parent_campaign_reply=True
        ),
        "POST",
        "/master-inbox/push-to-subsequence",
        body={
            "email_lead_map_id": MAP_ID,
            "sub_sequence_id": SUB_CID,
            "sub_sequence_delay_time": 3600,
            "stop_lead_on_parent_campaign_reply": True,
        },
    ),
    Case(
        "M21 update team member",
        lambda c: c.inbox.assign_team_member(MAP_ID, MEMBER),
        "POST",
        "/master-inbox/update-team-member",
        body={"email_lead_map_id": MAP_ID, "team_member_id": MEMBER},
    ),
    Case(
        "M22 reply status",
        lambda c: c.inbox.get_reply_status(MESSAGE_ID),
        "GET",
        "/master-inbox/reply-status",
        {"message_id": MESSAGE_ID},
        response=ok_data({"replied": True}),
    ),
]

# --------------------------------------------------------------------------- lead lists (§9)

LEAD_LIST_CASES = [
    Case(
        "LL1 list lead lists",
        lambda c: c.lead_lists.iter_all(name="Imp", tag_ids=[TAG, TAG2], limit=50).to_list(),
        "GET",
        "/lead-list/",
        {"offset": "0", "limit": "50", "listName": "Imp", "tagIds": f"{TAG},{TAG2}"},
        response=ok_data([LEAD_LIST]),
    ),
    Case(
        "LL2 get lead list",
        lambda c: c.lead_lists.get(LIST_ID),
        "GET",
        f"/lead-list/{LIST_ID}",
        response=ok_data(LEAD_LIST),
    ),
    Case(
        "LL3 create lead list",
        lambda c: c.lead_lists.create("Fresh"),
        "POST",
        "/lead-list/",
        body={"listName": "Fresh"},
        response=ok_data({**LEAD_LIST, "id": 403, "name": "Fresh"}),
    ),
    Case(
        "LL4 rename lead list",
        lambda c: c.lead_lists.rename(LIST_ID, "Renamed"),
        "PUT",
        f"/lead-list/{LIST_ID}",
        body={"listName": "Renamed"},
        response=ok_data({**LEAD_LIST, "name": "Renamed"}),
    ),
    Case(
        "LL5 delete lead list",
        lambda c: c.lead_lists.delete(LIST_ID),
        "DELETE",
        f"/lead-list/{LIST_ID}",
    ),
    Case(
        "LL6 import into list",
        lambda c: c.lead_lists.add_leads(
            LIST_ID,
            [{"email": "new@example.com", "first_name": "Nu"}],
            file_name="march.csv",
            ignore_global_block_list=True,
            ignore_unsubscribe_list=False,
            email_fields_added={"first_name": "First Name"},
            custom_fields={"tier": "Tier"},
        ),
        "POST",
        f"/lead-list/{LIST_ID}/import",
        body={
            "leadList": [{"email": "new@example.com", "first_name": "Nu"}],
            "fileName": "march.csv",
            "csvSettings": {"ignoreGlobalBlockList": True, "ignoreUnsubscribeList": False},
            "emailFieldsAdded": {"first_name": "First Name"},
            "customFields": {"tier": "Tier"},
        },
        response=ok_data({"total_leads": 1, "imported": 1, "duplicates": 0, "blocked": 0}),
    ),
    Case(
        "LL7 push to campaign",
        lambda c: c.lead_lists.push_to_campaign(
            action="copy",
            campaign_id=CID2,
            list_id=LIST_ID,
            ignore_global_block_list=True,
            filters={"q": "x"},
        ),
        "POST",
        "/leads/push-to-campaign",
        body={
            "campaignId": CID2,
            "action": "copy",
            "leadList": {"listId": LIST_ID},
            "csvSettings": {"ignoreGlobalBlockList": True},
            "filters": {"q": "x"},
        },
        response=ok_data({"pushed": 1, "duplicates": 0}),
    ),
    Case(
        "LL8 push between lists",
        lambda c: c.lead_lists.push_between_lists(
            action="move", to_list_id=LIST_ID2, lead_ids=[LEAD_ID, LEAD_ID2]
        ),
        "POST",
        "/leads/leads/push-between-lists",
        body={"action": "move", "leadIds": [LEAD_ID, LEAD_ID2], "toListId": LIST_ID2},
        response=ok_data({"moved": 2}),
    ),
    Case(
        "LL9 assign list tags",
        lambda c: c.lead_lists.assign_tags(
            [LIST_ID, LIST_ID2], tag_ids=[TAG], remove_tag_ids=[TAG2]
        ),
        "POST",
        "/lead-list/assign-tags",
        body={"listIds": [LIST_ID, LIST_ID2], "tagIds": [TAG], "removeTagIds": [TAG2]},
    ),
]

# --------------------------------------------------------------------------- webhooks (§10)

TIME_RANGE = {"fromTime": "2026-01-01T00:00:00Z", "toTime": "2026-01-02T00:00:00Z"}

WEBHOOK_CASES = [
    Case(
        "W1 list webhooks",
        lambda c: c.webhooks.list(CID),
        "GET",
        f"/campaigns/{CID}/webhooks",
        response=[WEBHOOK],
    ),
    Case(
        "W2 save webhook",
        lambda c: c.webhooks.save(
            CID,
            name="replies",
            webhook_url="https://hooks.example.com/sl",
            event_types=["EMAIL_REPLY", "EMAIL_SENT"],
            categories=["Interested"],
        ),
        "POST",
        f"/campaigns/{CID}/webhooks",
        body={
            "id": None,
            "name": "replies",
            "webhook_url": "https://hooks.example.com/sl",
            "event_types": ["EMAIL_REPLY", "EMAIL_SENT"],
            "categories": ["Interested"],
        },
        response=WEBHOOK,
    ),
    Case(
        "W3 delete campaign webhook",
        lambda c: c.webhooks.delete(CID, WEBHOOK_ID),
        "DELETE",
        f"/campaigns/{CID}/webhooks",
        body={"id": WEBHOOK_ID},
    ),
    Case(
        "W4 webhook summary",
        lambda c: c.webhooks.get_summary(
            CID, from_time="2026-01-01T00:00:00Z", to_time="2026-01-02T00:00:00Z"
        ),
        "GET",
        f"/campaigns/{CID}/webhooks/summary",
        TIME_RANGE,
        response=ok_data({"total": 3, "success": 3, "failed": 0}),
    ),
    Case(
        "W5 retrigger failed events",
        lambda c: c.webhooks.retrigger_failed(
            CID, from_time="2026-01-01T00:00:00Z", to_time="2026-01-02T00:00:00Z"
        ),
        "POST",
        f"/campaigns/{CID}/webhooks/retrigger-failed-events",
        body=TIME_RANGE,
        response=ok_data({"retriggered": 0}),
    ),
    Case(
        "W6 create account webhook",
        lambda c: c.webhooks.create(
            webhook_url="https://hooks.example.com/sl",
            association_type="campaign",
            email_campaign_id=CID,
            name="replies",
            event_types=["EMAIL_REPLY"],
            category_ids=[1],
            webhook_type="DEFAULT",
            force_create=True,
        ),
        "POST",
        "/webhook/create",
        body={
            "webhook_url": "https://hooks.example.com/sl",
            "association_type": "campaign",
            "email_campaign_id": CID,
            "name": "replies",
            "event_type_map": {"EMAIL_REPLY": True},
            "category_id_map": {"1": True},
            "webhook_type": "DEFAULT",
            "force_create": True,
        },
        response=ok_data(WEBHOOK),
    ),
    Case(
        "W7 get account webhook",
        lambda c: c.webhooks.get(WEBHOOK_ID),
        "GET",
        f"/webhook/{WEBHOOK_ID}",
        response=ok_data(WEBHOOK),
    ),
    Case(
        "W8 update account webhook",
        lambda c: c.webhooks.update(
            WEBHOOK_ID,
            name="all",
            webhook_url="https://hooks.example.com/v2",
            event_types=["EMAIL_OPEN"],
            categories=["Interested"],
        ),
        "PUT",
        f"/webhook/update/{WEBHOOK_ID}",
        body={
            "name": "all",
            "webhook_url": "https://hooks.example.com/v2",
            "event_types": ["EMAIL_OPEN"],
            "categories": ["Interested"],
        },
    ),
    Case(
        "W9 delete account webhook",
        lambda c: c.webhooks.delete_account_webhook(WEBHOOK_ID),
        "DELETE",
        "/webhook/delete",
        body={"id": WEBHOOK_ID},
    ),
]

# --------------------------------------------------------------------------- clients (§11)

CLIENT_CASES = [
    Case("K1 list clients", lambda c: c.clients.list(), "GET", "/client/", response=[CLIENT]),
    Case(
        "K2 save client",
        lambda c: c.clients.save(
            name="Acme",
            email="ops@acme.example",
            permission=["reply_master_inbox"],
            password="pw-789",
            logo="Acme Inc",
            logo_url="https://acme.example/logo.png",
            is_credit_assigned=True,
            email_credits=100,
            lead_credits=50,
            client_id=CLIENT_ID,
            uuid="u-1",
        ),
        "POST",
        "/client/save",
        body={
            "id": CLIENT_ID,
            "name": "Acme",
            "email": "ops@acme.example",
            "permission": ["reply_master_inbox"],
            "password": "pw-789",
            "logo": "Acme Inc",
            "logo_url": "https://acme.example/logo.png",
            "is_credit_assigned": True,
            "email_credits": 100,
            "lead_credits": 50,
            "uuid": "u-1",
        },
        response=CLIENT,
    ),
    Case(
        "K3 create client api key",
        lambda c: c.clients.create_api_key(CLIENT_ID, "ci key"),
        "POST",
        "/client/api-key",
        body={"clientId": CLIENT_ID, "keyName": "ci key"},
        response=ok_data({**API_KEY_ROW, "apiKey": "sk-new"}),
    ),
    Case(
        "K4 list client api keys",
        lambda c: c.clients.list_api_keys(client_id=CLIENT_ID, status="active", key_name="ci key"),
        "GET",
        "/client/api-key",
        {"clientId": str(CLIENT_ID), "status": "active", "keyName": "ci key"},
        response=ok_data([API_KEY_ROW]),
    ),
    Case(
        "K5 delete client api key",
        lambda c: c.clients.delete_api_key(KEY_ID),
        "DELETE",
        f"/client/api-key/{KEY_ID}",
    ),
    Case(
        "K6 reset client api key",
        lambda c: c.clients.reset_api_key(KEY_ID),
        "PUT",
        f"/client/api-key/reset/{KEY_ID}",
        response=ok_data({**API_KEY_ROW, "apiKey": "sk-reset"}),
    ),
]

# --------------------------------------------------------------------------- utilities (§12)

UTILITY_CASES = [
    Case(
        "U1 send one-off email",
        lambda c: c.inbox.send_email(
            to="bo@example.com",
            subject="Hello",
            body="<p>Hello</p>",
            from_email="ann@example.com",
            from_name="Ann",
            reply_to="reply@example.com",
            attachments=[EmailAttachment(filename="a.txt", content="aGk=")],
        ),
        "POST",
        "/send-email/initiate",
        body={
            "to": "bo@example.com",
            "subject": "Hello",
            "body": "<p>Hello</p>",
            "fromEmail": "ann@example.com",
            "fromName": "Ann",
            "replyTo": "reply@example.com",
            "attachments": [{"filename": "a.txt", "content": "aGk="}],
        },
        response=ok_data({"messageId": "<m9@example.com>"}),
    ),
    Case(
        "N1 lead notes",
        lambda c: c.leads.list_notes(LEAD_ID),
        "GET",
        f"/crm/leads/notes/{LEAD_ID}",
        response=ok_data([{"id": 1, "note_message": "Call back"}]),
    ),
    Case(
        "N2 lead tasks",
        lambda c: c.leads.list_tasks(LEAD_ID),
        "GET",
        f"/crm/leads/tasks/{LEAD_ID}",
        response=ok_data([{"id": 2, "name": "Follow up"}]),
    ),
    Case(
        "N3 lead tags",
        lambda c: c.leads.list_tags(LEAD_ID),
        "GET",
        "/crm/leads/tags",
        {"leadId": str(LEAD_ID)},
        response=ok_data([{"id": TAG_MAP, "tag_id": TAG, "name": "vip"}]),
    ),
    Case(
        "N4 add lead tags",
        lambda c: c.leads.add_tags(LEAD_ID2, [TAG, TAG2]),
        "POST",
        "/crm/leads/tags",
        body={"leadId": LEAD_ID2, "tagIds": [TAG, TAG2]},
    ),
    Case(
        "N5 remove lead tag",
        lambda c: c.leads.remove_tag(TAG_MAP),
        "DELETE",
        f"/crm/leads/tags/{TAG_MAP}",
    ),
]

ALL_CASES = [
    *CAMPAIGN_CASES,
    *LEAD_CASES,
    *GLOBAL_LEAD_CASES,
    *EMAIL_ACCOUNT_CASES,
    *STATS_CASES,
    *A7_CASES,
    *INBOX_CASES,
    *LEAD_LIST_CASES,
    *WEBHOOK_CASES,
    *CLIENT_CASES,
    *UTILITY_CASES,
]

# --------------------------------------------------------------------------- alternative forms

VARIANT_CASES = [
    Case(
        "L2 batched import",
        lambda c: c.campaigns.import_leads(
            CID,
            [{"email": "new@example.com", "first_name": "Nu"}, {"email": "cy@example.com"}],
            settings={"ignore_global_block_list": True},
        ),
        "POST",
        f"/campaigns/{CID}/leads",
        body={
            "lead_list": [
                {"email": "new@example.com", "first_name": "Nu"},
                {"email": "cy@example.com"},
            ],
            "settings": {"ignore_global_block_list": True},
        },
        response={"ok": True, "upload_count": 2, "total_leads": 2},
    ),
    Case(
        "LL6 batched import",
        lambda c: c.lead_lists.import_leads(
            LIST_ID, [{"email": "new@example.com"}], file_name="march.csv"
        ),
        "POST",
        f"/lead-list/{LIST_ID}/import",
        body={"leadList": [{"email": "new@example.com"}], "fileName": "march.csv"},
        response=ok_data({"total_leads": 1, "imported": 1, "duplicates": 0, "blocked": 0}),
    ),
    Case(
        "C6 clear client",
        lambda c: c.campaigns.update_settings(CID, clear_client_id=True),
        "POST",
        f"/campaigns/{CID}/settings",
        body={"client_id": None},
    ),
    Case(
        "C16 unassign team member",
        lambda c: c.campaigns.assign_team_member(CID, None),
        "POST",
        f"/campaigns/{CID}/team-member",
        body={"teamMemberId": None},
    ),
    Case(
        "L8 clear category",
        lambda c: c.leads.set_category(CID, LEAD_ID, None),
        "POST",
        f"/campaigns/{CID}/leads/{LEAD_ID}/category",
        body={"category_id": None, "pause_lead": False},
        response={"category_id": None, "pause_lead": False},
    ),
    Case(
        "M14 clear inbox category",
        lambda c: c.inbox.set_category(MAP_ID, None),
        "PATCH",
        "/master-inbox/update-category",
        body={"email_lead_map_id": MAP_ID, "category_id": None},
    ),
    Case(
        "M1 no filters",
        lambda c: c.inbox.iter_replies().to_list(),
        "POST",
        "/master-inbox/inbox-replies",
        body={"offset": 0, "limit": 20},
        response=INBOX_PAGE,
    ),
    Case(
        "E3 update smtp account",
        lambda c: c.email_accounts.save(**SMTP_FIELDS, email_account_id=ACC),
        "POST",
        "/email-accounts/save",
        body={"id": ACC, **SMTP_FIELDS},
        response={"ok": True, "id": ACC},
    ),
    Case(
        "LL7 push ids to a new campaign",
        lambda c: c.lead_lists.push_to_campaign(
            action="move", campaign_name="From list", lead_ids=[LEAD_ID]
        ),
        "POST",
        "/leads/push-to-campaign",
        body={"campaignName": "From list", "action": "move", "leadList": {"leadIds": [LEAD_ID]}},
        response=ok_data({"pushed": 1}),
    ),
    Case(
        "LL7 push all leads",
        lambda c: c.lead_lists.push_to_campaign(action="copy", campaign_id=CID2, all_leads=True),
        "POST",
        "/leads/push-to-campaign",
        body={"campaignId": CID2, "action": "copy", "leadList": {"allLeads": True}},
        response=ok_data({"pushed": 2}),
    ),
    Case(
        "LL8 push a whole list",
        lambda c: c.lead_lists.push_between_lists(
            action="copy", to_list_id=LIST_ID2, from_list_id=LIST_ID
        ),
        "POST",
        "/leads/leads/push-between-lists",
        body={"action": "copy", "fromListId": LIST_ID, "toListId": LIST_ID2},
        response=ok_data({"pushed": 1}),
    ),
    Case(
        "G10 push all leads",
        lambda c: c.lead_lists.push_leads(list_id=LIST_ID2, all_leads=True),
        "POST",
        "/leads/push-to-list",
        body={"listId": LIST_ID2, "allLeads": True},
        response=ok_data({"pushed": 2}),
    ),
    Case(
        "G11 push all campaign leads",
        lambda c: c.lead_lists.push_campaign_leads(
            campaign_id=CID, list_id=LIST_ID2, all_leads=True
        ),
        "POST",
        "/leads/campaign/push-to-list",
        body={"campaignId": CID, "listId": LIST_ID2, "allLeads": True},
        response=ok_data({"pushed": 1}),
    ),
    Case(
        "W2 update campaign webhook",
        lambda c: c.webhooks.save(
            CID,
            webhook_id=WEBHOOK_ID,
            name="replies",
            webhook_url="https://hooks.example.com/sl",
            event_types=["EMAIL_REPLY"],
        ),
        "POST",
        f"/campaigns/{CID}/webhooks",
        body={
            "id": WEBHOOK_ID,
            "name": "replies",
            "webhook_url": "https://hooks.example.com/sl",
            "event_types": ["EMAIL_REPLY"],
        },
        response=WEBHOOK,
    ),
    Case(
        "W6 client-level webhook",
        lambda c: c.webhooks.create(
            webhook_url="https://hooks.example.com/c",
            association_type="client",
            client_id=CLIENT_ID,
            event_types=["EMAIL_SENT", "EMAIL_OPEN"],
        ),
        "POST",
        "/webhook/create",
        body={
            "webhook_url": "https://hooks.example.com/c",
            "association_type": "client",
            "client_id": CLIENT_ID,
            "event_type_map": {"EMAIL_SENT": True, "EMAIL_OPEN": True},
        },
        response=ok_data(WEBHOOK),
    ),
    Case(
        "K2 create client",
        lambda c: c.clients.save(name="Beta", email="ops@beta.example"),
        "POST",
        "/client/save",
        body={"name": "Beta", "email": "ops@beta.example"},
        response={**CLIENT, "id": 32, "name": "Beta"},
    ),
    Case(
        "U1 send from an account id",
        lambda c: c.inbox.send_email(
            to="bo@example.com", subject="Hello", body="<p>Hello</p>", from_email_id=ACC
        ),
        "POST",
        "/send-email/initiate",
        body={
            "to": "bo@example.com",
            "subject": "Hello",
            "body": "<p>Hello</p>",
            "fromEmailId": ACC,
        },
        response=ok_data({"messageId": "<m9@example.com>"}),
    ),
]


# --------------------------------------------------------------------------- the SDK audit


@pytest.fixture
async def client() -> AsyncIterator[SmartleadClient]:
    async with wire_client(api_key=API_KEY, base_url=BASE) as sl:
        yield sl


def _mock_everything(m: aioresponses, case: Case) -> None:
    """Answer any request to the test host, so that a wrong method or path shows up in the
    assertions below rather than as a connection error."""
    anything = re.compile(r"^http://api\.test/.*$")
    for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        if case.text is not None:
            m.add(
                anything, method=method, body=case.text, content_type=case.content_type, repeat=True
            )
        else:
            m.add(anything, method=method, payload=case.response, repeat=True)


async def _check_sdk_request(client: SmartleadClient, case: Case) -> None:
    with aioresponses() as m:
        _mock_everything(m, case)
        await case.call(client)
        calls = [
            (method, url.path, dict(url.query), json_body(kwargs, _NO_BODY))
            for method, url, kwargs in requests_made(m)
        ]
    assert len(calls) == 1, f"expected one request, got {[(c[0], c[1]) for c in calls]}"
    method, path, query, body = calls[0]
    assert (method, path) == (case.method, PREFIX + case.path)
    assert query.pop("api_key", None) == API_KEY
    assert query == case.query
    assert body == case.body


@pytest.mark.parametrize("case", ALL_CASES, ids=[case.id for case in ALL_CASES])
async def test_sdk_request_matches_catalog(client: SmartleadClient, case: Case) -> None:
    await _check_sdk_request(client, case)


@pytest.mark.parametrize("case", VARIANT_CASES, ids=[case.id for case in VARIANT_CASES])
async def test_sdk_alternative_form_matches_catalog(client: SmartleadClient, case: Case) -> None:
    await _check_sdk_request(client, case)


def test_every_catalog_endpoint_is_covered() -> None:
    ids = [case.id.split()[0] for case in ALL_CASES]
    expected = (
        [f"C{n}" for n in range(1, 20)]
        + [f"L{n}" for n in range(1, 15) if n != 11]
        + [f"G{n}" for n in range(1, 12)]
        + [f"B{n}" for n in range(1, 5)]
        + [f"E{n}" for n in range(1, 14)]
        + [f"T{n}" for n in range(1, 7)]
        + [f"A{n}" for n in range(1, 7)]
        + ["A7"] * 22
        + [f"M{n}" for n in range(1, 23)]
        + [f"LL{n}" for n in range(1, 10)]
        + [f"W{n}" for n in range(1, 10)]
        + [f"K{n}" for n in range(1, 7)]
        + ["U1"]
        + [f"N{n}" for n in range(1, 6)]
    )
    assert sorted(ids) == sorted(expected)
    assert len({(case.method, case.path) for case in ALL_CASES}) == len(ALL_CASES) == 146


def test_every_sdk_endpoint_is_a_catalog_route() -> None:
    """The endpoints the SDK documents (api.md) are exactly the catalog's, under the same ids."""
    documented = {(row[3], row[4], row[5]) for row in endpoint_methods()}
    by_route = {(case.method, case.path): case.id.split()[0] for case in ALL_CASES}
    matched: set[tuple[str, str]] = set()
    for method, template, catalog_id in sorted(documented):
        parts = re.split(r"(\{[^}]+\})", template)
        regex = "".join(r"\d+" if part.startswith("{") else re.escape(part) for part in parts)
        pattern = re.compile(f"^{regex}$")
        routes = [route for route in by_route if route[0] == method and pattern.match(route[1])]
        assert len(routes) == 1, f"{method} {template} ({catalog_id}) is not one catalog route"
        assert by_route[routes[0]] == catalog_id, (
            f"{method} {template} is documented as {catalog_id}"
        )
        matched.add(routes[0])
    assert sorted(set(by_route) - matched) == []


# --------------------------------------------------------------------------- the sandbox replay


def build_workspace(sb: SandboxServer) -> dict[str, str]:
    """The entities the cases refer to, created in the order that gives them the case ids.

    Returns the placeholder -> real value map of the server-made message identifiers.
    """
    state = sb.state
    now = state.now()
    (client,) = seed_clients(state, sb.rng, 1)
    ann = state.add_email_account("ann@example.com", "Ann")
    sam = state.add_email_account("sam@example.com", "Sam")
    camp = state.add_campaign("Q1")
    second = state.add_campaign("Q2")
    sub = state.add_campaign("Follow-ups", parent_campaign_id=camp.id)
    camp.sequences = [
        state.new_sequence(camp, 1, "Hi", "<p>Hi</p>", 0),
        state.new_sequence(camp, 2, "", "<p>Ping</p>", 3),
    ]
    state.attach_accounts(camp, [ann.id])
    bo = state.add_lead("bo@example.com", first_name="Bo", last_name="Lee")
    cy = state.add_lead("cy@example.com", first_name="Cy")
    row = state.enrol(camp, bo, email_account_id=ann.id)
    sent = state.add_message(
        row,
        "SENT",
        time=now - timedelta(days=2),
        subject="Hi",
        body="<p>Hi</p>",
        seq_number=1,
        from_email=ann.from_email,
        to_email=bo.email,
        email_account_id=ann.id,
    )
    reply = state.add_message(
        row,
        "REPLY",
        time=now - timedelta(days=1),
        subject="Re: Hi",
        body="<p>Tell me more</p>",
        seq_number=1,
        from_email=bo.email,
        to_email=ann.from_email,
        email_account_id=ann.id,
        in_reply_to=sent.stats_id,
    )
    tags = [
        Tag(state.next_id("tag"), name, color, now)
        for name, color in (
            ("warm", "#112233"),
            ("vip", "#445566"),
        )
    ]
    state.tags.update({tag.id: tag for tag in tags})
    mapping = LeadTagMapping(state.next_id("lead_tag_mapping"), bo.id, tags[0].id, now)
    state.lead_tag_mappings[mapping.id] = mapping
    imports = seed_lead_list(state, sb.rng, "Imports", [bo])
    other = seed_lead_list(state, sb.rng, "Other", [])
    hook = Webhook(
        id=state.next_id("webhook"),
        name="replies",
        webhook_url="https://hooks.example.com/sl",
        created_at=now,
        updated_at=now,
        event_types=["EMAIL_REPLY"],
        categories=["Interested"],
        campaign_id=camp.id,
    )
    state.webhooks[hook.id] = hook
    key = ClientApiKey(state.next_id("client_api_key"), client.id, "ci key", "sk-audit-secret")
    state.client_api_keys[key.id] = key
    block = state.add_block_entry("spam.example")
    assert block is not None
    made = {
        "client": (client.id, CLIENT_ID),
        "accounts": ((ann.id, sam.id), (ACC, ACC2)),
        "campaigns": ((camp.id, second.id, sub.id), (CID, CID2, SUB_CID)),
        "steps": (tuple(step.id for step in camp.sequences), (STEP1, STEP2)),
        "leads": ((bo.id, cy.id), (LEAD_ID, LEAD_ID2)),
        "map": (row.id, MAP_ID),
        "tags": (tuple(tag.id for tag in tags), (TAG, TAG2)),
        "tag mapping": (mapping.id, TAG_MAP),
        "lists": ((imports.id, other.id), (LIST_ID, LIST_ID2)),
        "webhook": (hook.id, WEBHOOK_ID),
        "api key": (key.id, KEY_ID),
        "block entry": (block.id, BLOCK_ID),
        "team member": (tuple(state.team_members), (MEMBER,)),
        "category": (CATEGORY in state.categories, True),
    }
    for what, (actual, wanted) in made.items():
        assert actual == wanted, f"the sandbox gave the {what} ids {actual}, the cases use {wanted}"
    return {STATS_ID: reply.stats_id, MESSAGE_ID: reply.message_id}


def _set_lead_status(sb: SandboxServer, status: str) -> None:
    sb.state.campaign_leads[MAP_ID].status = status


def _swap(value: Any, tokens: dict[str, str]) -> Any:
    """``value`` with the placeholder strings replaced (recursively)."""
    if isinstance(value, str):
        return tokens.get(value, value)
    if isinstance(value, list):
        return [_swap(item, tokens) for item in value]
    if isinstance(value, dict):
        return {key: _swap(item, tokens) for key, item in value.items()}
    return value


@pytest.mark.parametrize(
    "case", [*ALL_CASES, *VARIANT_CASES], ids=[c.id for c in [*ALL_CASES, *VARIANT_CASES]]
)
async def test_sandbox_accepts_catalog_request(case: Case) -> None:
    async with SandboxServer(rate_limits=None, seed=3) as sb:
        tokens = build_workspace(sb)
        if case.setup is not None:
            case.setup(sb)
        kwargs: dict[str, Any] = {
            "params": {**_swap(case.query, tokens), "api_key": sb.api_key},
        }
        if case.body is not _NO_BODY:
            kwargs["json"] = _swap(case.body, tokens)
        async with (
            aiohttp.ClientSession() as session,
            session.request(case.method, sb.base_url + case.path, **kwargs) as response,
        ):
            text = await response.text()
    assert response.status < 300, f"{response.status}: {text[:300]}"
