"""``SandboxServer.answer_with``: canned answers for shapes the sandbox's routes never send."""

from __future__ import annotations

import pytest

from smartlead_async import AuthenticationError, RedirectError, ResponseValidationError
from smartlead_async.testing import SandboxServer
from tests.helpers.clients import open_sandbox, sandbox_client


async def test_a_canned_answer_replaces_the_route_then_clears() -> None:
    async with open_sandbox() as (sb, sl):
        campaign = sb.seed_campaign(name="C", leads=2)
        sb.answer_with("GET", rf"/campaigns/{campaign.id}/leads", json={"data": None})
        with pytest.raises(ResponseValidationError):
            await sl.campaigns.iter_leads(campaign.id).to_list()
        sb.clear_answers()
        assert len(await sl.campaigns.iter_leads(campaign.id).to_list()) == 2


async def test_times_limits_a_canned_answer() -> None:
    async with open_sandbox() as (sb, sl):
        variant = sb.answer_with("GET", "/campaigns", status=302, times=1,
                                 headers={"Location": "https://elsewhere.example/"})  # fmt: skip
        with pytest.raises(RedirectError):
            await sl.campaigns.list()
        assert await sl.campaigns.list() == []
        assert variant.served == 1


async def test_a_canned_answer_still_needs_the_key() -> None:
    async with SandboxServer(rate_limits=None) as sb:
        sb.answer_with("GET", "/campaigns", json=[])
        async with sandbox_client(sb, api_key="wrong-key-000000") as sl:
            with pytest.raises(AuthenticationError):
                await sl.campaigns.list()


def test_bad_canned_answers_are_refused() -> None:
    server = SandboxServer()
    with pytest.raises(ValueError, match="status"):
        server.answer_with("GET", "/x", status=42)
    with pytest.raises(ValueError, match="times"):
        server.answer_with("GET", "/x", times=0)
