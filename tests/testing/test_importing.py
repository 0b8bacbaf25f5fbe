"""Import classification shared by campaign and Lead List imports: every row in one bucket."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartlead_async.testing._params import ApiError
from smartlead_async.testing.importing import (
    ImportSettings,
    import_rows,
    is_valid_email,
    validate_rows,
)
from smartlead_async.testing.state import Lead, SandboxState


@pytest.mark.parametrize("email", ["a@b.co", "first.last+tag@sub.example.com", "X_Y@a-b.io"])
def test_valid_emails(email: str) -> None:
    assert is_valid_email(email)


@pytest.mark.parametrize("email", ["", "plain", "a@b", "a b@c.com", "@c.com", "a@@c.com", "a@c."])
def test_invalid_emails(email: str) -> None:
    assert not is_valid_email(email)


def test_cap_error_body_uses_configured_cap() -> None:
    with pytest.raises(ApiError) as info:
        validate_rows([{"email": "a@b.co"}] * 351, 350)
    assert info.value.status == 400
    assert info.value.body == {
        "error": "lead_list cannot exceed 350 leads per request",
        "provided_count": 351,
        "max_allowed": 350,
    }


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (None, "is required"),
        ("x", "must be an array"),
        ([], "at least 1"),
        ([1], "must be an object"),
        ([{"first_name": "A"}], 'email" is required'),
        ([{"email": "a@b.co", "first_name": ["x"]}], "must be a string"),
        ([{"email": "a@b.co", "custom_fields": []}], "must be an object"),
        ([{"email": "a@b.co", "custom_fields": {str(i): i for i in range(201)}}], "at most 200"),
    ],
)
def test_shape_errors(rows: Any, message: str) -> None:
    with pytest.raises(ApiError) as info:
        validate_rows(rows, 400)
    assert info.value.status == 400
    assert isinstance(info.value.body, dict) and message in info.value.body["message"]


def test_settings_accept_snake_and_camel_case_and_reject_non_bools() -> None:
    parsed = ImportSettings.from_body(
        {"ignoreGlobalBlockList": True, "ignore_unsubscribe_list": None}
    )
    assert parsed.ignore_global_block_list and not parsed.ignore_unsubscribe_list
    with pytest.raises(ApiError):
        ImportSettings.from_body({"ignore_global_block_list": "yes"})


def _campaign_import(state: SandboxState, rows: list[dict[str, Any]], **flags: bool) -> Any:
    camp = next(iter(state.campaigns.values()))
    return import_rows(
        state,
        rows,
        settings=ImportSettings(**flags),
        is_member=lambda lead: lead.id in camp.map_by_lead_id,
        add_member=lambda lead: state.enrol(camp, lead),
        check_other_campaigns=True,
    )


def _workspace(lead_limit: int | None = None) -> SandboxState:
    state = SandboxState(lead_limit=lead_limit)
    state.add_campaign("target")
    other = state.add_campaign("other")
    state.add_block_entry("blocked.io")
    state.add_lead("unsub@x.io").is_unsubscribed = True
    state.enrol(other, state.add_lead("elsewhere@x.io"))
    return state


def test_each_bucket() -> None:
    state = _workspace()
    rows = [
        {"email": "new@x.io", "first_name": "N", "custom_fields": {"k": 1}},
        {"email": "NEW@x.io"},
        {"email": "not-an-email"},
        {"email": "unsub@x.io"},
        {"email": "someone@blocked.io"},
        {"email": "elsewhere@x.io"},
    ]
    result = _campaign_import(state, rows)
    assert [lead.email for lead in result.uploaded] == ["new@x.io"]
    assert (result.duplicates, result.invalid, result.blocked, result.in_other_campaign) == (
        1,
        1,
        1,
        1,
    )
    assert result.unsubscribed == ["unsub@x.io"]
    assert result.bucket_sum == result.total == 6
    again = _campaign_import(state, [{"email": "new@x.io"}])
    assert again.already_member == 1 and not again.uploaded


def test_ignore_flags_let_rows_through() -> None:
    state = _workspace()
    rows = [{"email": "unsub@x.io"}, {"email": "a@blocked.io"}, {"email": "elsewhere@x.io"}]
    result = _campaign_import(
        state,
        rows,
        ignore_unsubscribe_list=True,
        ignore_global_block_list=True,
        ignore_duplicate_leads_in_other_campaign=True,
    )
    assert len(result.uploaded) == 3


def test_lead_limit_stops_the_rest() -> None:
    state = _workspace(lead_limit=2)
    result = _campaign_import(state, [{"email": f"l{i}@x.io"} for i in range(5)])
    assert len(result.uploaded) == 2 and result.stopped == 3 and result.limit_exhausted
    assert state.lead_uploads == 2


def test_existing_lead_is_updated_not_duplicated() -> None:
    state = _workspace()
    lead: Lead = state.add_lead("known@x.io", first_name="Old", custom_fields={"a": 1})
    _campaign_import(
        state, [{"email": "Known@x.io", "first_name": "New", "custom_fields": {"b": 2}}]
    )
    assert lead.first_name == "New" and lead.custom_fields == {"a": 1, "b": 2}
    assert len(state.leads) == 3


_emails = st.sampled_from(
    ["a@x.io", "A@x.io", "b@x.io", "bad", "unsub@x.io", "c@blocked.io", "elsewhere@x.io", "d@x.io"]
)


@settings(max_examples=60, deadline=None)
@given(
    batches=st.lists(st.lists(_emails, min_size=1, max_size=12), min_size=1, max_size=4),
    limit=st.one_of(st.none(), st.integers(min_value=0, max_value=4)),
)
def test_buckets_always_add_up(batches: list[list[str]], limit: int | None) -> None:
    state = _workspace(lead_limit=limit)
    for batch in batches:
        result = _campaign_import(state, [{"email": e} for e in batch])
        assert result.bucket_sum == len(batch)
        if limit is not None:
            assert state.lead_uploads <= limit
