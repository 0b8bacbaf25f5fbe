"""Reading the real API: optional fields bend with one warning; required fields and strict raise."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartlead_async import ResponseValidationError
from smartlead_async._convert import strict_responses, structure
from smartlead_async.models import common
from smartlead_async.models.campaigns import CampaignLead
from smartlead_async.models.inbox import InboxMessage, InboxReply, InboxReplyPage
from smartlead_async.models.leads import Lead, MessageHistoryItem


def _message(cc: Any) -> dict[str, Any]:
    return {"stats_id": "s1", "from": "a@x.io", "to": "b@x.io", "cc": cc, "open_count": 1}


@pytest.fixture(autouse=True)
def _fresh_warnings() -> None:
    common._warned.clear()


def test_list_typed_cc_in_an_inbox_page_decodes_every_message() -> None:
    page = structure(
        {
            "data": [
                {
                    "email_lead_map_id": 1,
                    "email_history": [_message("c@x.io"), _message(["d@x.io"])],
                },
                {"email_lead_map_id": 2, "email_history": [_message(["e@x.io", "f@x.io"])]},
            ],
            "total_count": 2,
        },
        InboxReplyPage,
    )
    messages = [m for reply in page.data for m in reply.email_history]
    assert [m.stats_id for m in messages] == ["s1", "s1", "s1"]
    assert messages[0].cc == "c@x.io"
    assert messages[1].cc == ["d@x.io"] and messages[1].extra == {}
    assert messages[2].cc == ["e@x.io", "f@x.io"]


@pytest.mark.parametrize(
    ("wire_value", "read"),
    [("a@x.io", "a@x.io"), (["a@x.io", "b@x.io"], ["a@x.io", "b@x.io"]), ([], []), (None, None)],
)
def test_address_fields_take_a_string_or_a_list(wire_value: Any, read: Any) -> None:
    message = structure({"to": wire_value, "cc": wire_value, "bcc": wire_value}, InboxMessage)
    assert (message.to_email, message.cc, message.bcc) == (read, read, read)
    assert message.extra == {}


def test_a_wrong_type_on_an_optional_field_warns_once_without_the_value(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="smartlead_async"):
        for _ in range(3):
            item = structure(_message({"secret-body": "x"}), InboxMessage)
            assert item.cc is None
    records = [r for r in caplog.records if "InboxMessage.cc" in r.getMessage()]
    assert len(records) == 1
    assert "dict" in records[0].getMessage()
    assert "secret-body" not in caplog.text


def test_a_required_field_that_fails_raises_naming_model_field_and_endpoint() -> None:
    with pytest.raises(ResponseValidationError, match="email_lead_map_id") as caught:
        structure({"email_lead_map_id": "not-a-number"}, InboxReply, endpoint="M1")
    assert caught.value.model == "InboxReply"
    assert caught.value.field == "email_lead_map_id"
    assert caught.value.endpoint == "M1"
    assert "M1" in str(caught.value)


def test_strict_mode_raises_where_the_default_bends() -> None:
    assert structure(_message({"to": "d@x.io"}), InboxMessage).cc is None
    with pytest.raises(ResponseValidationError, match="cc"):
        structure(_message({"to": "d@x.io"}), InboxMessage, strict=True)
    with strict_responses(), pytest.raises(ResponseValidationError, match="open_count"):
        MessageHistoryItem.from_dict({"open_count": "many"})


def test_numbers_as_strings_still_decode_on_numeric_fields() -> None:
    lead = structure({"id": "42", "user_id": "7", "is_unsubscribed": "false"}, Lead)
    assert (lead.id, lead.user_id, lead.is_unsubscribed, lead.extra) == (42, 7, False, {})


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


@pytest.mark.parametrize("model", [CampaignLead, Lead, InboxReply, InboxReplyPage, InboxMessage])
@settings(max_examples=60, deadline=None)
@given(
    body=_json
    | st.dictionaries(
        st.sampled_from(
            ["id", "lead", "data", "cc", "email_lead_map_id", "created_at", "email_history"]
        ),
        _json,
    )
)
def test_generated_bodies_give_the_model_or_a_validation_error(model: type[Any], body: Any) -> None:
    try:
        result = structure(body, model)
    except ResponseValidationError as exc:
        assert exc.model
    else:
        assert isinstance(result, model)


def test_an_uncatalogued_status_bends_to_none_and_keeps_the_raw_value(
    caplog: pytest.LogCaptureFixture,
) -> None:
    body = {"campaign_lead_map_id": 5, "status": "WARMING_UP", "lead": {"id": 9, "email": "a@x.io"}}
    lead = structure(body, CampaignLead)
    assert lead.status is None and lead.extra["status"] == "WARMING_UP"
    assert "CampaignLead.status" in caplog.text
    known = structure({**body, "status": "PAUSED"}, CampaignLead)
    assert known.status == "PAUSED" and known.extra == {}
    with strict_responses(), pytest.raises(ResponseValidationError, match="status"):
        structure(body, CampaignLead)
