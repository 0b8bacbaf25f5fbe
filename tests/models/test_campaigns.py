"""Decoding of campaign models: live shapes and the documented alternatives."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from smartlead_async.errors import InvalidTypeError, ResponseValidationError, ValidationError
from smartlead_async.models.campaigns import (
    AddLeadsResult,
    Campaign,
    CampaignEmailAccountLink,
    CampaignStatusResult,
    CreatedSubsequence,
    DuplicatedCampaign,
    ImportSettings,
    LeadActivity,
    SequenceStep,
    SequenceStepInput,
    SequenceVariantInput,
    campaign_lead_from_wire,
)

# --- campaigns ------------------------------------------------------------------------------


def test_campaign_live_shape_with_strings_and_tags() -> None:
    camp = Campaign.from_dict(
        {
            "id": "3001",
            "user_id": 77,
            "created_at": "2026-01-31T10:00:00.000Z",
            "status": "ACTIVE",
            "name": "Q1",
            "track_settings": ["DONT_TRACK_EMAIL_OPEN"],
            "scheduler_cron_value": {
                "tz": "Europe/Berlin",
                "days": [1, 2, 3],
                "startHour": "09:00",
                "endHour": "17:30",
            },
            "min_time_btwn_emails": "10",
            "max_leads_per_day": 25,
            "follow_up_percentage": "40",
            "client_id": None,
            "tags": [{"tag_id": 4, "tag_name": "vip", "tag_color": "#fff"}],
            "team_member_id": 7,
        }
    )
    assert camp.id == 3001
    assert camp.created_at == datetime(2026, 1, 31, 10, tzinfo=UTC)
    assert camp.scheduler_cron_value is not None
    assert camp.scheduler_cron_value.start_hour == "09:00"
    assert camp.scheduler_cron_value.days == [1, 2, 3]
    assert camp.min_time_btwn_emails == 10
    assert camp.follow_up_percentage == 40
    assert camp.client_id is None
    assert camp.tags[0].tag_name == "vip"
    assert camp.extra == {"team_member_id": 7}


def test_status_result_live_and_docs_shapes() -> None:
    live = CampaignStatusResult.from_dict({"ok": True})
    assert live.ok is True and live.campaign is None
    docs = CampaignStatusResult.from_dict(
        {"success": True, "message": "updated", "campaign": {"id": 5, "status": "ACTIVE"}}
    )
    assert docs.success is True
    assert docs.campaign is not None and docs.campaign.status == "ACTIVE"
    assert docs.campaign.id == 5


def test_duplicated_and_subsequence_alternative_id_keys() -> None:
    assert DuplicatedCampaign.from_dict({"ok": True, "id": 9, "name": "x (copy)"}).id == 9
    assert DuplicatedCampaign.from_dict({"campaign_id": "10"}).id == 10
    sub = CreatedSubsequence.from_dict(
        {"subsequence_id": 12, "subsequence_name": "follow", "parent_campaign_id": 3}
    )
    assert (sub.id, sub.name, sub.parent_campaign_id) == (12, "follow", 3)


def test_email_account_link_alternative_campaign_key() -> None:
    link = CampaignEmailAccountLink.from_dict(
        {"id": 1, "campaign_id": "5", "email_account_id": 201, "updated_at": None}
    )
    assert (link.email_campaign_id, link.email_account_id, link.updated_at) == (5, 201, None)


# --- sequences ------------------------------------------------------------------------------


def test_sequence_step_read_shape_camel_delay_and_null_variants() -> None:
    step = SequenceStep.from_dict(
        {
            "id": 70001,
            "email_campaign_id": 3001,
            "seq_number": "2",
            "subject": "",
            "email_body": "<p>hi</p>",
            "seq_delay_details": {"delayInDays": 3},
            "sequence_variants": None,
        }
    )
    assert step.seq_number == 2
    assert step.delay_in_days == 3
    assert step.sequence_variants == []


def test_sequence_step_snake_delay_and_variant_alternatives() -> None:
    step = SequenceStep.from_dict(
        {
            "id": 1,
            "seq_number": 1,
            "seq_delay_details": {"delay_in_days": "0"},
            "seq_variants": [
                {"id": 5, "subject": "A", "email_body": "a", "variant_label": "A"},
                {"id": 6, "subject": "B", "emailBody": "b", "variantLabel": "B"},
            ],
        }
    )
    assert step.delay_in_days == 0
    assert [v.variant_label for v in step.sequence_variants] == ["A", "B"]
    assert step.sequence_variants[1].email_body == "b"
    assert SequenceStep.from_dict({"id": 2}).delay_in_days == 0


def test_sequence_input_to_wire_new_step_has_null_id() -> None:
    step = SequenceStepInput(
        seq_number=1,
        subject="Hello",
        email_body="Body",
        variants=[SequenceVariantInput(subject="S", email_body="B", variant_label="A")],
        variant_distribution_type="MANUAL_EQUAL",
    )
    assert step.to_wire() == {
        "id": None,
        "seq_number": 1,
        "seq_delay_details": {"delay_in_days": 0},
        "subject": "Hello",
        "email_body": "Body",
        "seq_variants": [{"subject": "S", "email_body": "B", "variant_label": "A"}],
        "variant_distribution_type": "MANUAL_EQUAL",
    }


def test_sequence_input_from_mapping_accepts_wire_names() -> None:
    step = SequenceStepInput.from_mapping(
        {
            "id": 4,
            "seq_number": 2,
            "email_body": "b",
            "seq_delay_details": {"delayInDays": 5},
            "seq_variants": [
                {"subject": "s", "email_body": "v", "variant_label": "A", "id": 8},
                SequenceVariantInput(subject="t", email_body="w", variant_label="B"),
            ],
        }
    )
    assert step.delay_in_days == 5
    assert step.id == 4
    assert step.variants[0].to_wire() == {
        "subject": "s",
        "email_body": "v",
        "variant_label": "A",
        "id": 8,
    }
    assert step.variants[1].variant_label == "B"


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        ({"seq_number": 1, "email_body": "b", "bogus": 1}, ValidationError, "unknown key"),
        ({"email_body": "b"}, ValidationError, "seq_number"),
        ({"seq_number": 1, "email_body": "b", "seq_delay_details": 3}, InvalidTypeError, "dict"),
        ({"seq_number": 1, "email_body": "b", "variants": "A"}, InvalidTypeError, "list"),
        ({"seq_number": 1, "email_body": "b", "variants": [3]}, InvalidTypeError, "variants"),
    ],
)
def test_sequence_input_from_mapping_rejects(
    data: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        SequenceStepInput.from_mapping(data)


def test_sequence_input_from_step_round_trip() -> None:
    step = SequenceStep.from_dict(
        {
            "id": 3,
            "seq_number": 1,
            "subject": "s",
            "email_body": "b",
            "seq_delay_details": {"delayInDays": 2},
            "sequence_variants": [
                {"id": 5, "subject": "A", "email_body": "a", "variant_label": "A"},
                {"id": 6, "subject": "B", "email_body": "b", "variant_label": "B", "is_deleted": 1},
            ],
        }
    )
    wire = SequenceStepInput.from_step(step).to_wire()
    assert wire["id"] == 3
    assert wire["seq_delay_details"] == {"delay_in_days": 2}
    assert wire["seq_variants"] == [
        {"subject": "A", "email_body": "a", "variant_label": "A", "id": 5}
    ]


@pytest.mark.parametrize(
    ("step", "message"),
    [
        (SequenceStepInput(seq_number=0, email_body="b"), "seq_number must be >= 1"),
        (SequenceStepInput(seq_number=1, email_body="  "), "email_body must not be empty"),
        (SequenceStepInput(seq_number=1, email_body="b", delay_in_days=-1), "delay_in_days"),
        (SequenceStepInput(seq_number=1, email_body="b", id=-2), "id must be >= 0"),
        (
            SequenceStepInput(seq_number=1, email_body="b", lead_distribution_percentage=101),
            "between 0 and 100",
        ),
        (
            SequenceStepInput(seq_number=1, email_body="b", variant_distribution_type="X"),  # type: ignore[arg-type]
            "variant_distribution_type must be one of",
        ),
        (
            SequenceStepInput(seq_number=1, email_body="b", winning_metric_property="X"),  # type: ignore[arg-type]
            "winning_metric_property must be one of",
        ),
        (
            SequenceStepInput(
                seq_number=1,
                email_body="b",
                variants=[SequenceVariantInput(subject="s", email_body="b", variant_label="")],
            ),
            "variant_label must not be empty",
        ),
        (
            SequenceStepInput(
                seq_number=1,
                email_body="b",
                variants=[
                    SequenceVariantInput(
                        subject="s",
                        email_body="b",
                        variant_label="A",
                        variant_distribution_percentage=120,
                    )
                ],
            ),
            "variant_distribution_percentage",
        ),
    ],
)
def test_sequence_input_validate_names_the_problem(step: SequenceStepInput, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        step.validate("sequences[0]")


def test_sequence_input_validate_type_errors() -> None:
    with pytest.raises(InvalidTypeError, match=r"sequences\[0\].seq_number must be an int"):
        SequenceStepInput(seq_number="1", email_body="b").validate("sequences[0]")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="subject must be a str"):
        SequenceStepInput(seq_number=1, email_body="b", subject=None).validate("s")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="variants"):
        SequenceStepInput(seq_number=1, email_body="b", variants=[{}]).validate("s")  # type: ignore[list-item]


# --- campaign leads -------------------------------------------------------------------------


LIVE_ROW = {
    "campaign_lead_map_id": "5000001",
    "lead_category_id": None,
    "status": "STARTED",
    "created_at": "2026-01-02T00:00:00Z",
    "lead": {
        "id": 1000001,
        "first_name": "Ada",
        "last_name": "Lovelace",
        "email": "ada@acme.io",
        "phone_number": 15550100,
        "company_name": "Acme",
        "website": "acme.io",
        "location": "London",
        "custom_fields": {"role": "CTO"},
        "linkedin_profile": None,
        "company_url": "acme.io",
        "is_unsubscribed": False,
        "unsubscribed_client_id_map": {"31": True},
    },
}


def test_campaign_lead_live_nested_shape() -> None:
    row = campaign_lead_from_wire(LIVE_ROW)
    assert row.campaign_lead_map_id == 5000001
    assert row.status == "STARTED"
    assert row.lead_id == 1000001
    assert row.email == "ada@acme.io"
    assert row.lead.phone_number == "15550100"
    assert row.lead.custom_fields == {"role": "CTO"}
    assert row.lead.unsubscribed_client_id_map == {"31": True}
    assert row.created_at == datetime(2026, 1, 2, tzinfo=UTC)


def test_campaign_lead_docs_flat_shape() -> None:
    row = campaign_lead_from_wire(
        {
            "id": 42,
            "email": "b@globex.com",
            "first_name": "Bob",
            "phone": "123",
            "company": "Globex",
            "status": "PAUSED",
            "email_lead_map_id": 77,
            "category_id": 3,
        }
    )
    assert row.lead_id == 42
    assert row.campaign_lead_map_id == 77
    assert row.status == "PAUSED"
    assert row.lead_category_id == 3
    assert row.lead.phone_number == "123"
    assert row.lead.company_name == "Globex"


def test_campaign_lead_without_lead_id_is_a_validation_error() -> None:
    with pytest.raises(ResponseValidationError, match="id"):
        campaign_lead_from_wire({"email": "x@y.co"})


def test_lead_activity_alternative_names() -> None:
    activity = LeadActivity.from_dict(
        {
            "email_campaign_id": "3",
            "email_lead_id": 4,
            "email_lead_map_id": 5,
            "lead_email": "a@b.co",
            "type": "OPEN",
            "time": "2026-02-01T08:00:00Z",
            "email_seq_number": "2",
        }
    )
    assert (activity.campaign_id, activity.lead_id, activity.campaign_lead_map_id) == (3, 4, 5)
    assert activity.email == "a@b.co"
    assert activity.activity_type == "OPEN"
    assert activity.sequence_number == 2
    assert activity.event_time == datetime(2026, 2, 1, 8, tzinfo=UTC)


# --- lead imports ---------------------------------------------------------------------------


def test_add_leads_result_live_shape_with_string_counts() -> None:
    result = AddLeadsResult.from_dict(
        {
            "ok": True,
            "upload_count": "3",
            "total_leads": "5",
            "already_added_to_campaign": 1,
            "duplicate_count": 0,
            "invalid_email_count": "1",
            "unsubscribed_leads": 0,
            "is_lead_limit_exhausted": False,
            "lead_import_stopped_count": 0,
            "block_count": 2,
            "bounce_count": None,
        }
    )
    assert result.upload_count == 3
    assert result.total_leads == 5
    assert result.already_added_to_campaign == 1
    assert result.invalid_email_count == 1
    assert result.block_count == 2
    assert result.bounce_count == 0
    assert result.unsubscribed_emails == []


def test_add_leads_result_unsubscribed_as_email_array() -> None:
    result = AddLeadsResult.from_dict(
        {"ok": True, "upload_count": 0, "unsubscribed_leads": ["a@b.co", {"email": "c@d.co"}, 7]}
    )
    assert result.unsubscribed_leads == 3
    assert result.unsubscribed_emails == ["a@b.co", "c@d.co", "7"]


def test_add_leads_result_docs_alternative_shape() -> None:
    result = AddLeadsResult.from_dict(
        {
            "success": True,
            "added_count": 2,
            "skipped_count": 1,
            "skipped_leads": [{"email": "bad", "reason": "invalid"}],
            "lead_ids": [10, 11],
        }
    )
    assert result.success is True
    assert result.upload_count == 2
    assert result.skipped_count == 1
    assert result.skipped_leads == [{"email": "bad", "reason": "invalid"}]
    assert result.lead_ids == [10, 11]


def test_import_settings_to_wire_omits_unset_flags() -> None:
    settings = ImportSettings(ignore_global_block_list=True, return_lead_ids=False)
    assert settings.to_wire() == {"ignore_global_block_list": True, "return_lead_ids": False}
    assert ImportSettings().to_wire() == {}


def test_import_settings_rejects_non_bool() -> None:
    with pytest.raises(InvalidTypeError, match="ignore_unsubscribe_list must be True, False"):
        ImportSettings(ignore_unsubscribe_list="yes")  # type: ignore[arg-type]
