"""Decoding of lead models from the live shapes and the documented alternatives."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from smartlead_async import ResponseValidationError
from smartlead_async._convert import strict_responses
from smartlead_async.models.leads import (
    BlockListAddResult,
    BlockListEntry,
    Lead,
    LeadCampaign,
    LeadCampaignOverview,
    LeadCategory,
    LeadCategoryUpdate,
    LeadNote,
    LeadSequenceDetails,
    LeadTag,
    LeadTask,
    MessageHistory,
    MessageHistoryItem,
)

# G1 live shape (DOCS field list; S2 types the id as a string).
LEAD_BY_EMAIL = {
    "id": "2203",
    "first_name": "Ada",
    "last_name": "Lovelace",
    "email": "ada@example.com",
    "phone_number": "+44 20 0000",
    "company_name": "Analytical Engines",
    "website": "engines.io",
    "location": "London",
    "linkedin_profile": "https://linkedin.com/in/ada",
    "company_url": "https://engines.io",
    "custom_fields": {"role": "CTO", "seats": "12"},
    "is_unsubscribed": "false",
    "unsubscribed_client_id_map": {"12": True},
    "created_at": "2026-02-01T12:00:00.000Z",
    "lead_campaign_data": [
        {
            "campaign_lead_map_id": "9001",
            "campaign_id": 7,
            "campaign_name": "Q1 outreach",
            "client_id": None,
            "client_email": None,
            "lead_category_id": "3",
        }
    ],
    "new_field_from_api": 1,
}

# G4 row (global-leads).
GLOBAL_LEAD = {
    "id": 2204,
    "email": "bob@example.com",
    "user_id": "77",
    "created_at": "2026-02-02 08:15:00",
    "campaigns": [{"campaign_id": 7, "status": "INPROGRESS"}, 8],
}


def test_lead_by_email_live_shape() -> None:
    lead = Lead.from_dict(LEAD_BY_EMAIL)
    assert lead.id == 2203
    assert lead.email == "ada@example.com"
    assert lead.company_name == "Analytical Engines"
    assert lead.custom_fields == {"role": "CTO", "seats": "12"}
    assert lead.is_unsubscribed is False
    assert lead.unsubscribed_client_id_map == {"12": True}
    assert lead.created_at == datetime(2026, 2, 1, 12, 0, tzinfo=UTC)
    (enrolment,) = lead.lead_campaign_data
    assert enrolment.campaign_lead_map_id == 9001
    assert enrolment.campaign_id == 7
    assert enrolment.campaign_name == "Q1 outreach"
    assert enrolment.lead_category_id == 3
    assert enrolment.client_id is None
    assert lead.extra == {"new_field_from_api": 1}


def test_global_lead_row() -> None:
    lead = Lead.from_dict(GLOBAL_LEAD)
    assert lead.user_id == 77
    assert lead.created_at == datetime(2026, 2, 2, 8, 15, tzinfo=UTC)
    assert lead.campaigns == [{"campaign_id": 7, "status": "INPROGRESS"}, 8]
    assert lead.lead_campaign_data == []


def test_lead_needs_its_id() -> None:
    with pytest.raises(ResponseValidationError, match="id: required field is missing"):
        Lead.from_dict({"email": "x@example.com"})


def test_lead_campaign_data_alternative_names() -> None:
    lead = Lead.from_dict(
        {
            "id": 1,
            "lead_campaign_data": [
                {"email_lead_map_id": 5, "email_campaign_id": 6, "lead_status": "PAUSED"}
            ],
        }
    )
    row = lead.lead_campaign_data[0]
    assert (row.campaign_lead_map_id, row.campaign_id, row.status) == (5, 6, "PAUSED")


def test_lead_round_trips_to_wire_keys() -> None:
    data = Lead.from_dict(LEAD_BY_EMAIL).to_dict()
    assert data["id"] == 2203
    assert data["lead_campaign_data"][0]["campaign_lead_map_id"] == 9001
    assert data["new_field_from_api"] == 1


LIVE_HISTORY = {
    "history": [
        {
            "stats_id": "0c7f-11",
            "from": "me@sender.com",
            "to": "ada@example.com",
            "type": "SENT",
            "message_id": "<a@sender.com>",
            "time": "2026-03-01T09:00:00.000Z",
            "email_body": "<p>Hi Ada</p>",
            "subject": "Quick question",
            "email_seq_number": "1",
            "open_count": "3",
            "click_count": 1,
            "click_details": {"https://x.io": 1},
            "cc": "boss@sender.com",
            "attachments": [{"file_name": "deck.pdf"}],
        },
        {
            "stats_id": "0c7f-11",
            "from": "mailer-daemon@googlemail.com",
            "to": "me@sender.com",
            "type": "REPLY",
            "message_id": "<b@google.com>",
            "time": "2026-03-01T09:01:00Z",
            "email_body": "Delivery failed",
            "subject": "Undeliverable",
            "email_seq_number": 1,
        },
    ],
    "from": "me@sender.com",
    "to": "ada@example.com",
}


def test_message_history_live_shape() -> None:
    history = MessageHistory.from_dict(LIVE_HISTORY)
    assert (history.from_email, history.to_email) == ("me@sender.com", "ada@example.com")
    sent, bounce = history.history
    assert sent.stats_id == "0c7f-11"
    assert sent.type == "SENT"
    assert sent.from_email == "me@sender.com"
    assert sent.to_email == "ada@example.com"
    assert sent.email_seq_number == 1
    assert (sent.open_count, sent.click_count) == (3, 1)
    assert sent.click_details == {"https://x.io": 1}
    assert sent.cc == "boss@sender.com"
    assert sent.attachments == [{"file_name": "deck.pdf"}]
    assert sent.time == datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    assert bounce.is_reply is True
    assert sent.is_reply is False
    assert bounce.from_email == "mailer-daemon@googlemail.com"


def test_message_history_docs_placeholder_shape() -> None:
    history = MessageHistory.from_dict(
        {
            "messages": [
                {
                    "direction": "inbound",
                    "sent_at": "2026-03-02T10:00:00Z",
                    "subject": "Re: hi",
                    "body": "Sounds good",
                }
            ]
        }
    )
    (row,) = history.history
    assert row.type == "inbound"
    assert row.is_reply is True
    assert row.email_body == "Sounds good"
    assert row.time == datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    assert history.from_email is None


def test_message_history_item_numeric_stats_id_becomes_text() -> None:
    assert MessageHistoryItem.from_dict({"stats_id": 12345}).stats_id == "12345"


def test_empty_history() -> None:
    assert MessageHistory.from_dict({}).history == []
    assert MessageHistory.from_dict({"history": None}).history == []


def test_lead_campaign_and_category() -> None:
    campaign = LeadCampaign.from_dict({"id": "7", "status": "ACTIVE", "name": "Q1"})
    assert (campaign.id, campaign.status, campaign.name) == (7, "ACTIVE", "Q1")
    category = LeadCategory.from_dict(
        {"id": 1, "created_at": "2022-05-11T06:40:24.530Z", "name": "Interested"}
    )
    assert (category.id, category.name, category.sentiment_type) == (1, "Interested", None)
    assert category.created_at == datetime(2022, 5, 11, 6, 40, 24, 530000, tzinfo=UTC)


def test_category_update() -> None:
    update = LeadCategoryUpdate.from_dict({"category_id": None, "pause_lead": "true"})
    assert (update.category_id, update.pause_lead) == (None, True)


def test_block_list_models() -> None:
    entry = BlockListEntry.from_dict(
        {
            "id": 228361167,
            "email_or_domain": "competitor.com",
            "created_at": "2025-11-25T12:38:45.193Z",
            "source": "Smartlead.ai Bounce Detection",
            "client_id": None,
        }
    )
    assert entry.email_or_domain == "competitor.com"
    assert entry.source == "Smartlead.ai Bounce Detection"
    camel = BlockListAddResult.from_dict({"uploadCount": "3", "totalDomainAdded": 2})
    snake = BlockListAddResult.from_dict({"upload_count": 3, "total_domain_added": "2"})
    assert (camel.upload_count, camel.total_domain_added) == (3, 2)
    assert camel == snake


def test_crm_models() -> None:
    note = LeadNote.from_dict({"id": 1, "message": "Call", "leadId": 9, "createdAt": 1700000000})
    assert (note.note_message, note.lead_id) == ("Call", 9)
    assert note.created_at == datetime.fromtimestamp(1700000000, tz=UTC)
    task = LeadTask.from_dict(
        {
            "id": 2,
            "name": "Demo",
            "priority": "LOW",
            "due_date": "2026-04-01",
            "email_lead_map_id": 5,
        }
    )
    assert task.due_date == datetime(2026, 4, 1, tzinfo=UTC)
    assert task.campaign_lead_map_id == 5
    tag = LeadTag.from_dict({"id": 31, "tagId": 4, "tag_name": "VIP", "tag_color": "#f00"})
    assert (tag.id, tag.tag_id, tag.name, tag.color) == (31, 4, "VIP", "#f00")


def test_overview_and_sequence_details() -> None:
    row = LeadCampaignOverview.from_dict(
        {
            "email_campaign_id": 7,
            "name": "Q1",
            "email_lead_map_id": "90",
            "status": "INPROGRESS",
            "reply_count": "1",
        }
    )
    assert (row.campaign_id, row.campaign_name, row.campaign_lead_map_id) == (7, "Q1", 90)
    assert (row.lead_status, row.reply_count) == ("INPROGRESS", 1)
    details = LeadSequenceDetails.from_dict(
        {
            "email_lead_map_id": 90,
            "sequence_details": [
                {"email_seq_number": "2", "time": "2026-03-01T00:00:00Z", "email_stats_id": 8}
            ],
        }
    )
    step = details.steps[0]
    assert (details.campaign_lead_map_id, step.seq_number, step.stats_id) == (90, 2, "8")
    assert step.sent_time == datetime(2026, 3, 1, tzinfo=UTC)


def test_bad_types_are_reported_with_the_field_in_strict_mode() -> None:
    with strict_responses(), pytest.raises(ResponseValidationError, match="open_count"):
        MessageHistoryItem.from_dict({"open_count": "many"})


def test_bad_types_on_optional_fields_bend() -> None:
    item = MessageHistoryItem.from_dict({"open_count": "many"})
    assert item.open_count is None
    assert item.extra == {"open_count": "many"}
