"""Client-side validation of lead rows (to_lead_input / LeadInput)."""

from __future__ import annotations

from typing import Any

import pytest

from smartlead_async import InvalidTypeError, LeadInput, ValidationError
from smartlead_async._validate import is_valid_email
from smartlead_async.models.lead_input import MAX_CUSTOM_FIELDS, to_lead_input


def test_dict_row_is_normalised_and_extra_columns_become_custom_fields() -> None:
    lead = to_lead_input(
        {
            "email": " Ann@Example.com ",
            "first_name": " Ann ",
            "phone_number": 5551234,
            "Title": "CEO",
        }
    )
    assert lead.email == "Ann@Example.com"
    assert lead.first_name == "Ann"
    assert lead.phone_number == "5551234"
    assert lead.custom_fields == {"Title": "CEO"}
    assert lead.to_wire() == {
        "email": "Ann@Example.com",
        "first_name": "Ann",
        "phone_number": "5551234",
        "custom_fields": {"Title": "CEO"},
    }


def test_clean_lead_input_is_returned_as_is() -> None:
    lead = LeadInput(email="a@b.co", first_name="A", custom_fields={"x": 1})
    assert to_lead_input(lead) is lead


def test_unclean_lead_input_is_normalised() -> None:
    lead = LeadInput(email=" a@b.co ", first_name="", custom_fields={"x": None})
    clean = to_lead_input(lead)
    assert clean is not lead
    assert (clean.email, clean.first_name) == ("a@b.co", None)


@pytest.mark.parametrize(
    ("row", "error", "text"),
    [
        ({}, ValidationError, "email is missing"),
        ({"email": "  "}, ValidationError, "email is missing"),
        ({"email": "no-at-sign"}, ValidationError, "not a valid address"),
        ({"email": "a@b"}, ValidationError, "not a valid address"),
        ({"email": 7}, InvalidTypeError, "email must be text"),
        ({"email": "a@b.co", "first_name": True}, InvalidTypeError, "first_name must be text"),
        (
            {"email": "a@b.co", "custom_fields": [1]},
            InvalidTypeError,
            "custom_fields must be a dict",
        ),
        ({"email": "a@b.co", "custom_fields": {"k": [1]}}, InvalidTypeError, "custom field 'k'"),
        ({"email": "a@b.co", "custom_fields": {" ": 1}}, ValidationError, "non-empty text"),
        (5, InvalidTypeError, "a lead row must be a dict or LeadInput"),
        (LeadInput(email="bad"), ValidationError, "not a valid address"),
    ],
)
def test_bad_rows_say_what_is_wrong(row: Any, error: type[Exception], text: str) -> None:
    with pytest.raises(error, match=text):
        to_lead_input(row)


def test_custom_field_cap() -> None:
    fields = {f"f{i}": i for i in range(MAX_CUSTOM_FIELDS + 1)}
    with pytest.raises(ValidationError, match="at most 200"):
        to_lead_input({"email": "a@b.co", "custom_fields": fields})
    ok = to_lead_input({"email": "a@b.co", "custom_fields": dict(list(fields.items())[:200])})
    assert len(ok.custom_fields) == 200


@pytest.mark.parametrize(
    ("address", "valid"),
    [
        ("a@b.co", True),
        ("first.last+tag@sub.example.org", True),
        ("a@b", False),
        ("a b@c.com", False),
        ("a@-b.com", False),
        ("@b.com", False),
        ("a" * 320 + "@b.com", False),
    ],
)
def test_email_check(address: str, valid: bool) -> None:
    assert is_valid_email(address) is valid
