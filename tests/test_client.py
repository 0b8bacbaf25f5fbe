"""SmartleadClient: configuration checks, lifecycle, and campaigns end to end on a local server."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import attrs
import pytest
from aiohttp import web

from smartlead_async import (
    AuthenticationError,
    ConfigurationError,
    LocalGate,
    NotFoundError,
    RateLimit,
    RetryPolicy,
    SmartleadClient,
    ValidationError,
)
from smartlead_async.models.campaigns import Campaign, CreatedCampaign
from tests.helpers.server import serve_app

KEY = "client-test-key"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SMARTLEAD_API_KEY", raising=False)
    monkeypatch.delenv("SMARTLEAD_BASE_URL", raising=False)


# --- configuration ------------------------------------------------------------------------------


@pytest.mark.parametrize("key", [None, "", "   ", "\n"])
def test_missing_or_blank_key(key: str | None) -> None:
    with pytest.raises(ConfigurationError, match="SMARTLEAD_API_KEY"):
        SmartleadClient(key)


def test_non_string_key() -> None:
    with pytest.raises(ConfigurationError, match="api_key must be a str, got int"):
        SmartleadClient(12345)  # type: ignore[arg-type]


def test_key_and_base_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMARTLEAD_API_KEY", "  env-key  ")
    monkeypatch.setenv("SMARTLEAD_BASE_URL", "https://proxy.example.com/api/v1/")
    client = SmartleadClient()
    assert client.base_url == "https://proxy.example.com/api/v1"
    assert client._transport._api_key == "env-key"
    explicit = SmartleadClient("arg-key", base_url="https://other.example.com")
    assert explicit.base_url == "https://other.example.com"
    assert explicit._transport._api_key == "arg-key"


def test_defaults() -> None:
    client = SmartleadClient(KEY)
    assert client.base_url == "https://server.smartlead.ai/api/v1"
    assert client.rate_limits == (RateLimit(10, 2.0),)
    assert client.timeout == 30.0
    assert client.retry == RetryPolicy()
    assert client.requests_sent == 0 and client.rate_limited == 0


@pytest.mark.parametrize(
    "base_url",
    [
        "http://127.0.0.1:8080",
        "http://localhost:1234/api",
        "http://[::1]:9000",
        "https://server.smartlead.ai/api/v1",
    ],
)
def test_accepted_base_urls(base_url: str) -> None:
    assert SmartleadClient(KEY, base_url=base_url).base_url == base_url.rstrip("/")


@pytest.mark.parametrize(
    ("base_url", "message"),
    [
        ("http://server.smartlead.ai/api/v1", "plain http"),
        ("http://10.0.0.5", "plain http"),
        ("ftp://server.smartlead.ai", "absolute http"),
        ("server.smartlead.ai/api", "absolute http"),
        ("https://", "absolute http"),
        ("https://server.smartlead.ai/api?x=1", "query string"),
        (42, "base_url must be a str"),
    ],
)
def test_rejected_base_urls(base_url: Any, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        SmartleadClient(KEY, base_url=base_url)


def test_insecure_http_when_allowed() -> None:
    client = SmartleadClient(KEY, base_url="http://10.0.0.5/api", allow_insecure=True)
    assert client.base_url == "http://10.0.0.5/api"


@pytest.mark.parametrize("timeout", [0, -1, "5", True, None, float("nan")])
def test_bad_timeout(timeout: Any) -> None:
    with pytest.raises(ConfigurationError, match="timeout must be a positive number"):
        SmartleadClient(KEY, timeout=timeout)


@pytest.mark.parametrize("retry", [3, "default", {"max_attempts": 2}])
def test_bad_retry(retry: Any) -> None:
    with pytest.raises(ConfigurationError, match="retry must be a RetryPolicy or None"):
        SmartleadClient(KEY, retry=retry)


@pytest.mark.parametrize("gate", [object(), "redis", LocalGate])
def test_bad_gate(gate: Any) -> None:
    with pytest.raises(ConfigurationError, match="gate must provide"):
        SmartleadClient(KEY, gate=gate)


def test_bad_session() -> None:
    with pytest.raises(ConfigurationError, match=r"session must be an aiohttp\.ClientSession"):
        SmartleadClient(KEY, session="s")  # type: ignore[arg-type]


@pytest.mark.parametrize("rate_limit", [5, [], "fast", [RateLimit(1, 1), (10, 2)]])
def test_bad_rate_limit(rate_limit: Any) -> None:
    with pytest.raises(ConfigurationError, match="rate_limit"):
        SmartleadClient(KEY, rate_limit=rate_limit)


def test_rate_limit_forms() -> None:
    assert SmartleadClient(KEY, rate_limit="60/min").rate_limits == (RateLimit(60, 60.0),)
    assert len(SmartleadClient(KEY, rate_limit="standard").rate_limits) == 3
    windows = [RateLimit(10, 2), RateLimit(60, 60)]
    assert SmartleadClient(KEY, rate_limit=windows).rate_limits == tuple(windows)


# --- a small Smartlead on 127.0.0.1 -------------------------------------------------------------


@attrs.define
class FakeSmartlead:
    campaigns: dict[int, dict[str, Any]] = attrs.Factory(dict)
    deleted: set[int] = attrs.Factory(set)
    requests: list[tuple[str, str]] = attrs.Factory(list)
    next_id: int = 100
    base_url: str = ""

    def _auth(self, request: web.Request) -> None:
        self.requests.append((request.method, request.path_qs.replace(KEY, "KEY")))
        if request.query.get("api_key") != KEY:
            raise web.HTTPUnauthorized(
                text='{"message": "Invalid API Key"}', content_type="application/json"
            )

    async def list_campaigns(self, request: web.Request) -> web.Response:
        self._auth(request)
        rows = sorted(self.campaigns.values(), key=lambda row: row["id"], reverse=True)
        return web.json_response(rows)

    async def get_campaign(self, request: web.Request) -> web.Response:
        self._auth(request)
        campaign_id = int(request.match_info["campaign_id"])
        if campaign_id in self.deleted:
            return web.Response(status=200, body=b"", content_type="application/json")
        if campaign_id not in self.campaigns:
            return web.json_response({"message": "Campaign not found"}, status=404)
        return web.json_response(self.campaigns[campaign_id])

    async def create_campaign(self, request: web.Request) -> web.Response:
        self._auth(request)
        body = await request.json()
        self.next_id += 1
        row = {
            "id": self.next_id,
            "user_id": "7",  # the API sends some numbers as strings
            "name": body.get("name", "Untitled Campaign"),
            "status": "DRAFTED",
            "created_at": "2026-01-05T10:33:02.000Z",
            "client_id": body.get("client_id"),
            "track_settings": [],
            "scheduler_cron_value": {"tz": "UTC", "days": [1, 2], "startHour": "09:00"},
            "max_leads_per_day": "50",
            "brand_new_field": {"nested": True},
        }
        self.campaigns[row["id"]] = row
        return web.json_response(
            {"ok": True, "id": row["id"], "name": row["name"], "created_at": row["created_at"]}
        )


@pytest.fixture
async def fake() -> AsyncIterator[FakeSmartlead]:
    server = FakeSmartlead()
    app = web.Application()
    app.router.add_get("/api/v1/campaigns/", server.list_campaigns)
    app.router.add_get("/api/v1/campaigns/{campaign_id}", server.get_campaign)
    app.router.add_post("/api/v1/campaigns/create", server.create_campaign)
    async with serve_app(app) as root:
        server.base_url = f"{root}/api/v1"
        yield server


def fast_client(base_url: str, key: str = KEY) -> SmartleadClient:
    return SmartleadClient(key, base_url=base_url, rate_limit=RateLimit(50, 0.1))


# --- with_options ---------------------------------------------------------------------------


async def test_every_constructor_option_survives_with_options(fake: FakeSmartlead) -> None:
    """Each constructor argument, set to a non-default value, is the same on the copy.

    The checks are keyed by the constructor's signature: a new option without a check here
    fails this test, so no option can silently get lost in copies.
    """
    import aiohttp

    session = aiohttp.ClientSession()
    gate = LocalGate(RateLimit(7, 1.5))
    retry = RetryPolicy(max_attempts=2)
    try:
        sl = SmartleadClient(
            KEY,
            base_url=fake.base_url,
            rate_limit=RateLimit(7, 1.5),
            retry=retry,
            gate=gate,
            timeout=12.5,
            session=session,
            allow_insecure=True,
            max_pause=33.0,
            max_response_bytes=12_345,
            strict_responses=True,
        )
        copy = sl.with_options()
        checks = {
            "api_key": lambda c: c._key_hint == sl._key_hint,
            "base_url": lambda c: c.base_url == fake.base_url,
            "rate_limit": lambda c: c.rate_limits == sl.rate_limits,
            "retry": lambda c: c.retry is retry,
            "gate": lambda c: c.gate is gate,
            "timeout": lambda c: c.timeout == 12.5,
            "session": lambda c: c._transport._sessions is sl._transport._sessions,
            "allow_insecure": lambda c: c.base_url.startswith("http://"),
            "max_pause": lambda c: c.max_pause == 33.0,
            "max_response_bytes": lambda c: c._transport.max_response_bytes == 12_345,
            "strict_responses": lambda c: c.strict_responses is True,
        }
        signature = inspect.signature(SmartleadClient.__init__).parameters
        assert set(checks) == set(signature) - {"self"}
        assert [name for name, check in checks.items() if not check(copy)] == []
        # only what with_options is told changes; the rest (and the session) carries over
        slow = sl.with_options(timeout=99, retry=None)
        assert (slow.timeout, slow.retry, slow.max_pause, slow.gate) == (99.0, None, 33.0, gate)
        assert [c.id for c in await slow.campaigns.list()] == [
            c.id for c in await sl.campaigns.list()
        ]
        assert "client-test-key" not in repr(sl._options)
    finally:
        await session.close()


async def test_campaigns_end_to_end(fake: FakeSmartlead) -> None:
    async with fast_client(fake.base_url) as sl:
        assert await sl.campaigns.list() == []

        created = await sl.campaigns.create(name="Q1 outreach")
        assert isinstance(created, CreatedCampaign)
        assert created.name == "Q1 outreach"
        assert created.created_at == datetime(2026, 1, 5, 10, 33, 2, tzinfo=UTC)
        second = await sl.campaigns.create()

        listed = await sl.campaigns.list(include_tags=True)
        assert [campaign.id for campaign in listed] == [second.id, created.id]

        campaign = await sl.campaigns.get(created.id)
        assert isinstance(campaign, Campaign)
        assert campaign.id == created.id
        assert campaign.status == "DRAFTED"
        assert campaign.user_id == 7
        assert campaign.max_leads_per_day == 50
        assert campaign.scheduler_cron_value is not None
        assert campaign.scheduler_cron_value.start_hour == "09:00"
        assert campaign.extra == {"brand_new_field": {"nested": True}}
        assert sl.requests_sent == 5

    assert ("GET", "/api/v1/campaigns/?include_tags=true&api_key=KEY") in fake.requests
    assert ("POST", "/api/v1/campaigns/create?api_key=KEY") in fake.requests


async def test_get_of_a_deleted_campaign_is_not_found(fake: FakeSmartlead) -> None:
    fake.deleted.add(55)
    async with fast_client(fake.base_url) as sl:
        with pytest.raises(NotFoundError) as caught:
            await sl.campaigns.get(55)
        assert "55" in str(caught.value)
        with pytest.raises(NotFoundError) as missing:
            await sl.campaigns.get(56)
        assert missing.value.message == "Campaign not found"


async def test_wrong_key_is_an_authentication_error(fake: FakeSmartlead) -> None:
    async with fast_client(fake.base_url, key="wrong-key") as sl:
        with pytest.raises(AuthenticationError) as caught:
            await sl.campaigns.list()
    assert caught.value.status == 401
    assert caught.value.message == "Invalid API Key"
    assert caught.value.attempts == 1  # never retried


async def test_bad_arguments_send_nothing(fake: FakeSmartlead) -> None:
    async with fast_client(fake.base_url) as sl:
        with pytest.raises(ValidationError):
            await sl.campaigns.create(name="   ")
        with pytest.raises(ValidationError):
            await sl.campaigns.create(name="x" * 256)
        with pytest.raises((TypeError, ValueError)):
            await sl.campaigns.get("12")  # type: ignore[arg-type]
    assert fake.requests == []


async def test_async_with_closes_the_owned_session(fake: FakeSmartlead) -> None:
    async with fast_client(fake.base_url) as sl:
        await sl.campaigns.list()
        session = sl._transport._sessions._session
        assert session is not None and not session.closed
    assert session.closed
