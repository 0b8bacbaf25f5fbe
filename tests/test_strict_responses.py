"""``SmartleadClient(strict_responses=True)``: field failures raise where the default bends."""

from __future__ import annotations

import pytest
from aioresponses import aioresponses

from smartlead_async import SmartleadClient
from smartlead_async.errors import ConfigurationError, ResponseValidationError
from tests.helpers.clients import wire_client
from tests.helpers.wire import route

CAMPAIGN = {"id": 7, "name": "Q3", "created_at": "sometime last week", "status": "ACTIVE"}
LEADS_PAGE = {
    "total_leads": "2",
    "data": [
        {"campaign_lead_map_id": 1, "status": "STARTED", "lead": {"id": 11, "email": "a@x.io"}},
        {
            "campaign_lead_map_id": 2,
            "status": "STARTED",
            "created_at": {"not": "a date"},
            "lead": {"id": 12, "email": "b@x.io"},
        },
    ],
}


async def test_default_bends_an_optional_field(m: aioresponses) -> None:
    m.get(route("/campaigns/7"), payload=CAMPAIGN)
    async with wire_client() as sl:
        campaign = await sl.campaigns.get(7)
    assert campaign.id == 7 and campaign.status == "ACTIVE"
    assert campaign.created_at is None
    assert campaign.extra["created_at"] == "sometime last week"


async def test_strict_client_raises_on_the_same_field(m: aioresponses) -> None:
    m.get(route("/campaigns/7"), payload=CAMPAIGN)
    async with wire_client(strict_responses=True) as sl:
        with pytest.raises(ResponseValidationError) as caught:
            await sl.campaigns.get(7)
    assert caught.value.field == "created_at"
    assert caught.value.endpoint == "C2"


async def test_strict_client_raises_inside_a_walk(m: aioresponses) -> None:
    m.get(route("/campaigns/7/leads"), payload=LEADS_PAGE, repeat=True)
    async with wire_client() as sl:
        leads = await sl.campaigns.iter_leads(7).to_list()
    assert [lead.lead.id for lead in leads if lead.lead] == [11, 12]
    async with wire_client(strict_responses=True) as sl:
        with pytest.raises(ResponseValidationError) as caught:
            await sl.campaigns.iter_leads(7).to_list()
    assert caught.value.field == "created_at"


async def test_strict_survives_with_options(m: aioresponses) -> None:
    m.get(route("/campaigns/7"), payload=CAMPAIGN, repeat=True)
    async with wire_client(strict_responses=True) as sl:
        copy = sl.with_options(timeout=5)
        with pytest.raises(ResponseValidationError):
            await copy.campaigns.get(7)
        lenient = sl.with_options(strict_responses=False)
        assert copy.strict_responses and not lenient.strict_responses
        assert (await lenient.campaigns.get(7)).created_at is None


def test_strict_responses_must_be_a_bool() -> None:
    with pytest.raises(ConfigurationError, match="strict_responses must be True or False"):
        SmartleadClient("k" * 20, strict_responses="yes")  # type: ignore[arg-type]
