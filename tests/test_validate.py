"""The shared validation rules, through the public API: refused before any request is sent."""

from __future__ import annotations

import pytest
from aioresponses import aioresponses

from smartlead_async import SmartleadClient, ValidationError
from smartlead_async._validate import (
    MAX_EMAIL_LENGTH,
    check_email,
    check_id,
    check_timezone,
    is_valid_email,
)
from smartlead_async.models.lead_input import to_lead_input


@pytest.mark.parametrize("value", [0, -1, 2**63, 10**30])
def test_ids_are_positive_and_below_2_63(value: int) -> None:
    with pytest.raises(ValidationError, match="positive id below 2\\*\\*63"):
        check_id("campaign_id", value)


def test_largest_id_is_accepted() -> None:
    assert check_id("campaign_id", 2**63 - 1) == 2**63 - 1


@pytest.mark.parametrize("value", [0, 2**63, 10**30])
async def test_a_resource_refuses_an_out_of_range_id_before_sending(value: int) -> None:
    async with SmartleadClient("k" * 20) as client:
        with aioresponses() as mock, pytest.raises(ValidationError, match="campaign_id"):
            await client.campaigns.get(value)
        assert not mock.requests


def test_control_characters_are_refused_in_emails() -> None:
    with pytest.raises(ValidationError, match="control character"):
        check_email("email", "a\x00b@example.com")
    assert not is_valid_email("a\x1fb@example.com")
    with pytest.raises(ValidationError):
        to_lead_input({"email": "a\x00b@example.com"})


def test_one_email_length_limit_for_the_sdk_and_the_sandbox() -> None:
    from smartlead_async.testing.importing import is_valid_email as sandbox_valid

    local = "a" * 64
    longest = local + "@" + "b" * (MAX_EMAIL_LENGTH - len(local) - 5) + ".com"
    assert len(longest) == MAX_EMAIL_LENGTH
    assert is_valid_email(longest) and sandbox_valid(longest)
    assert not is_valid_email("x" + longest) and not sandbox_valid("x" + longest)


@pytest.mark.parametrize("zone", ["UTC", "America/New_York", "Europe/Berlin"])
def test_iana_zones_pass(zone: str) -> None:
    assert check_timezone("timezone", zone) == zone


@pytest.mark.parametrize("zone", ["Not a zone!", "Mars/Olympus", "../etc/passwd", " "])
def test_other_zone_names_are_refused(zone: str) -> None:
    with pytest.raises(ValidationError, match="timezone"):
        check_timezone("timezone", zone)


async def test_overall_stats_checks_the_timezone_like_update_schedule() -> None:
    async with SmartleadClient("k" * 20) as client:
        with aioresponses() as mock:
            with pytest.raises(ValidationError, match="IANA"):
                await client.analytics.overall_stats(
                    "2026-01-01", "2026-01-10", timezone="Not a zone!"
                )
            with pytest.raises(ValidationError, match="IANA"):
                await client.campaigns.update_schedule(
                    1,
                    timezone="Not a zone!",
                    days_of_the_week=[1],
                    start_hour="09:00",
                    end_hour="17:00",
                    min_time_btw_emails=10,
                    max_new_leads_per_day=10,
                )
            assert not mock.requests


async def test_resume_delay_and_webhook_event_types_are_bounded() -> None:
    async with SmartleadClient("k" * 20) as client:
        with aioresponses() as mock:
            with pytest.raises(ValidationError, match="delay_days must be between 0 and 365"):
                await client.leads.resume(1, 2, delay_days=10**9)
            with pytest.raises(ValidationError, match=r"event_types\[0\] 'NOPE' is not one of"):
                await client.webhooks.save(
                    1, name="hook", webhook_url="https://example.com/h", event_types=["NOPE"]
                )
            assert not mock.requests
