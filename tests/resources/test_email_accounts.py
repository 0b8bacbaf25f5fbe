"""``client.email_accounts``: wire shapes (E1-E13, T1-T6), paging, limits, secrets."""

from __future__ import annotations

import logging
import random
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import (
    InvalidTypeError,
    NotFoundError,
    SmartleadClient,
    ValidationError,
)
from smartlead_async.models.email_accounts import FetchMessagesRequest, OAuthToken
from smartlead_async.testing.seed import seed_email_accounts
from smartlead_async.testing.state import SandboxState
from tests.helpers.clients import open_sandbox
from tests.helpers.wire import route, sent

SMTP_PASSWORD = "smtp-pw-Zq81!"
IMAP_PASSWORD = "imap-pw-Yx72!"


def account(n: int, *, reputation: Any = "95%") -> dict[str, Any]:
    return {
        "id": n,
        "created_at": "2026-01-01T00:00:00.000Z",
        "from_name": f"Sender {n}",
        "from_email": f"s{n}@acme.com",
        "username": f"s{n}@acme.com",
        "password": SMTP_PASSWORD,
        "smtp_host": "smtp.acme.com",
        "smtp_port": "587",
        "imap_password": IMAP_PASSWORD,
        "imap_port": 993,
        "message_per_day": "50",
        "type": "SMTP",
        "minTimeToWaitInMins": 3,
        "warmup_details": {"status": "ACTIVE", "warmup_reputation": reputation, "reply_rate": 30},
    }


SMTP: dict[str, Any] = {
    "from_name": "Ann",
    "from_email": "ann@acme.com",
    "username": "ann@acme.com",
    "password": SMTP_PASSWORD,
    "smtp_host": "smtp.acme.com",
    "smtp_port": 587,
    "imap_host": "imap.acme.com",
    "imap_port": 993,
    "warmup_enabled": True,
}


# --- E1 / E2 -------------------------------------------------------------------------------


async def test_iter_all_pages_a_bare_array_until_short(
    sl: SmartleadClient, m: aioresponses
) -> None:
    m.get(route("/email-accounts/"), payload=[account(1), account(2)])
    m.get(route("/email-accounts/"), payload=[account(3)])
    got = await sl.email_accounts.iter_all(
        is_in_use=True,
        email_warmup_status="ACTIVE",
        is_smtp_success=False,
        is_warmup_blocked=False,
        esp="GMAIL",
        username="acme",
        client_id=4,
        fetch_campaigns=True,
        limit=2,
    ).to_list()
    assert [a.id for a in got] == [1, 2, 3]
    assert got[0].message_per_day == 50 and got[0].smtp_port == 587
    assert got[0].time_to_wait_in_mins == 3
    assert got[0].warmup_details is not None
    assert float(got[0].warmup_details.warmup_reputation or 0) == 95.0
    filters = {
        "isInUse": "true",
        "emailWarmupStatus": "ACTIVE",
        "isSmtpSuccess": "false",
        "isWarmupBlocked": "false",
        "esp": "GMAIL",
        "username": "acme",
        "client_id": "4",
        "fetch_campaigns": "true",
    }
    assert [q for _, _, q, _ in sent(m)] == [
        {**filters, "offset": "0", "limit": "2"},
        {**filters, "offset": "2", "limit": "2"},
    ]


async def test_iter_all_defaults_to_100_and_stops_on_empty(
    sl: SmartleadClient, m: aioresponses
) -> None:
    m.get(route("/email-accounts/"), payload=[account(n) for n in range(100)])
    m.get(route("/email-accounts/"), payload=[])
    got = await sl.email_accounts.iter_all().to_list()
    assert len(got) == 100
    assert [q for _, _, q, _ in sent(m)] == [
        {"offset": "0", "limit": "100"},
        {"offset": "100", "limit": "100"},
    ]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"limit": 101}, ValidationError, "between 1 and 100"),
        ({"limit": 0}, ValidationError, "between 1 and 100"),
        ({"esp": "ZOHO"}, ValidationError, "esp must be one of GMAIL, OUTLOOK, SMTP"),
        ({"email_warmup_status": "on"}, ValidationError, "email_warmup_status must be one of"),
        ({"is_in_use": "true"}, InvalidTypeError, "is_in_use must be True or False"),
        ({"client_id": -1}, ValidationError, "client_id must be a positive id"),
    ],
)
async def test_iter_all_limits(
    sl: SmartleadClient,
    m: aioresponses,
    kwargs: dict[str, Any],
    error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error, match=message):
        sl.email_accounts.iter_all(**kwargs)
    assert sent(m) == []


async def test_get_has_trailing_slash_and_hides_secrets(
    sl: SmartleadClient, m: aioresponses
) -> None:
    m.get(route("/email-accounts/5/"), payload=account(5, reputation=88))
    got = await sl.email_accounts.get(5, fetch_campaigns=True)
    assert sent(m) == [("GET", "/email-accounts/5/", {"fetch_campaigns": "true"}, None)]
    assert got.password == SMTP_PASSWORD and got.imap_password == IMAP_PASSWORD
    assert got.warmup_details is not None and got.warmup_details.warmup_reputation == 88.0
    text = repr(got)
    assert SMTP_PASSWORD not in text and IMAP_PASSWORD not in text
    assert "s5@acme.com" in text


# --- E3 / E4 / E5 --------------------------------------------------------------------------


async def test_save_creates_with_username_and_null_id(sl: SmartleadClient, m: aioresponses) -> None:
    m.post(
        route("/email-accounts/save"),
        payload={"id": 77, "from_email": "ann@acme.com", "user_name": "ann@acme.com"},
    )
    got = await sl.email_accounts.save(
        **SMTP, smtp_port_type="TLS", max_email_per_day=40, total_warmup_per_day=20
    )
    assert (got.id, got.username) == (77, "ann@acme.com")
    [(method, path, query, body)] = sent(m)
    assert (method, path, query) == ("POST", "/email-accounts/save", {})
    assert body == {
        "id": None,
        "from_name": "Ann",
        "from_email": "ann@acme.com",
        "username": "ann@acme.com",
        "password": SMTP_PASSWORD,
        "smtp_host": "smtp.acme.com",
        "smtp_port": 587,
        "imap_host": "imap.acme.com",
        "imap_port": 993,
        "warmup_enabled": True,
        "smtp_port_type": "TLS",
        "max_email_per_day": 40,
        "total_warmup_per_day": 20,
    }


async def test_save_takes_the_older_user_name_spelling(
    sl: SmartleadClient, m: aioresponses
) -> None:
    m.post(route("/email-accounts/save"), payload={"id": 78, "username": "ann@acme.com"})
    legacy = {**SMTP, "user_name": SMTP["username"]}
    del legacy["username"]
    got = await sl.email_accounts.save(**legacy)
    assert got.username == "ann@acme.com"
    body = sent(m)[0][3]
    assert body["username"] == "ann@acme.com" and "user_name" not in body


async def test_save_update_sends_id_and_optional_fields(
    sl: SmartleadClient, m: aioresponses
) -> None:
    m.post(route("/email-accounts/save"), payload={"ok": True, "data": account(9)})
    got = await sl.email_accounts.save(
        **SMTP,
        email_account_id=9,
        type="SMTP",
        imap_user_name="ann-imap",
        imap_password=IMAP_PASSWORD,
        different_reply_to_address="replies@acme.com",
        custom_tracking_url="https://t.acme.com",
        bcc="audit@acme.com",
        signature="-- Ann",
        time_to_wait_in_mins=5,
        daily_rampup=5,
        reply_rate_percentage=20,
        client_id=3,
        is_suspended=False,
    )
    assert got.id == 9 and repr(got).count(IMAP_PASSWORD) == 0
    body = sent(m)[0][3]
    assert body["id"] == 9 and body["imap_password"] == IMAP_PASSWORD
    assert body["different_reply_to_address"] == "replies@acme.com"
    assert (body["daily_rampup"], body["reply_rate_percentage"], body["client_id"]) == (5, 20, 3)
    assert body["is_suspended"] is False


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"from_email": "not-an-email"}, ValidationError, "from_email must be an email"),
        ({"password": ""}, ValidationError, "password must not be empty"),
        ({"smtp_port": 0}, ValidationError, "smtp_port must be between 1 and 65535"),
        ({"imap_port": 70000}, ValidationError, "imap_port must be between 1 and 65535"),
        ({"warmup_enabled": "yes"}, InvalidTypeError, "warmup_enabled must be True or False"),
        ({"smtp_port_type": "STARTTLS"}, ValidationError, "smtp_port_type must be one of"),
        ({"total_warmup_per_day": 51}, ValidationError, "between 1 and 50"),
        ({"daily_rampup": 4}, ValidationError, "between 5 and 20"),
        ({"reply_rate_percentage": 19}, ValidationError, "between 20 and 100"),
        ({"max_email_per_day": 0}, ValidationError, "max_email_per_day must be >= 1"),
        ({"different_reply_to_address": "x"}, ValidationError, "different_reply_to_address"),
        ({"username": None}, ValidationError, "username is required"),
        ({"username": 5}, InvalidTypeError, "username must be a str"),
        ({"username": None, "user_name": 5}, InvalidTypeError, "user_name must be a str"),
        ({"user_name": "other@acme.com"}, ValidationError, "not both"),
        ({"imap_password": " "}, ValidationError, "imap_password must not be empty"),
        ({"email_account_id": "9"}, InvalidTypeError, "email_account_id must be an int"),
    ],
)
async def test_save_limits_never_echo_the_password(
    sl: SmartleadClient,
    m: aioresponses,
    change: dict[str, Any],
    error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error, match=message) as info:
        await sl.email_accounts.save(**{**SMTP, **change})
    assert SMTP_PASSWORD not in str(info.value)
    assert sent(m) == []


async def test_save_oauth(sl: SmartleadClient, m: aioresponses) -> None:
    m.post(route("/email-accounts/save-oauth"), payload={"ok": True, "emailAccountId": 15})
    token = OAuthToken(expiry_date=1767225600000, access_token="at-secret", refresh_token="rt")
    got = await sl.email_accounts.save_oauth(
        from_name="Bo",
        from_email="bo@gmail.com",
        username="bo@gmail.com",
        type="GMAIL",
        token=token,
        warmup_enabled=False,
        use_whitelabel_credentials=False,
        signature="Bo",
    )
    assert (got.id, got.ok) == (15, True)
    assert "at-secret" not in repr(token)
    [(_, path, _, body)] = sent(m)
    assert path == "/email-accounts/save-oauth"
    assert body == {
        "from_name": "Bo",
        "from_email": "bo@gmail.com",
        "username": "bo@gmail.com",
        "type": "GMAIL",
        "token": {
            "expiry_date": 1767225600000,
            "access_token": "at-secret",
            "refresh_token": "rt",
            "token_type": "Bearer",
        },
        "warmup_enabled": False,
        "use_whitelabel_credentials": False,
        "signature": "Bo",
    }


async def test_save_oauth_limits(sl: SmartleadClient, m: aioresponses) -> None:
    base: dict[str, Any] = {
        "from_name": "Bo",
        "from_email": "bo@gmail.com",
        "username": "bo@gmail.com",
        "type": "GMAIL",
        "token": {"expiry_date": 1, "access_token": "a"},
        "warmup_enabled": True,
        "use_whitelabel_credentials": True,
    }
    with pytest.raises(ValidationError, match="type must be one of GMAIL, OUTLOOK"):
        await sl.email_accounts.save_oauth(**{**base, "type": "SMTP"})
    with pytest.raises(ValidationError, match=r"token\.expiry_date is required"):
        await sl.email_accounts.save_oauth(**{**base, "token": {"access_token": "a"}})
    with pytest.raises(InvalidTypeError, match="token must be an OAuthToken or a mapping"):
        await sl.email_accounts.save_oauth(**{**base, "token": "a-token"})
    with pytest.raises(InvalidTypeError, match="use_whitelabel_credentials"):
        await sl.email_accounts.save_oauth(**{**base, "use_whitelabel_credentials": None})
    assert sent(m) == []
    m.post(route("/email-accounts/save-oauth"), payload={"id": 3})
    await sl.email_accounts.save_oauth(**{**base, "type": "OUTLOOK"})
    assert sent(m)[0][3]["token"] == {"expiry_date": 1, "access_token": "a"}


async def test_update(sl: SmartleadClient, m: aioresponses) -> None:
    m.post(route("/email-accounts/8"), payload={"ok": True})
    got = await sl.email_accounts.update(
        8, max_email_per_day=30, from_name="Ann B", time_to_wait_in_mins=0, is_suspended=True
    )
    assert got.ok is True
    assert sent(m) == [
        (
            "POST",
            "/email-accounts/8",
            {},
            {
                "max_email_per_day": 30,
                "from_name": "Ann B",
                "time_to_wait_in_mins": 0,
                "is_suspended": True,
            },
        )
    ]


async def test_update_needs_a_field(sl: SmartleadClient, m: aioresponses) -> None:
    with pytest.raises(ValidationError, match="nothing to update"):
        await sl.email_accounts.update(8)
    with pytest.raises(ValidationError, match="from_name must not be empty"):
        await sl.email_accounts.update(8, from_name="")
    assert sent(m) == []


# --- E6-E8 ---------------------------------------------------------------------------------


async def test_delete_suspend_unsuspend(sl: SmartleadClient, m: aioresponses) -> None:
    m.delete(route("/email-accounts/4"), payload={"ok": True})
    m.put(route("/email-accounts/suspend/4"), payload={"ok": True, "message": "suspended"})
    m.delete(route("/email-accounts/unsuspend/4"), payload={"ok": True})
    assert (await sl.email_accounts.delete(4)).ok is True
    assert (await sl.email_accounts.suspend(4)).message == "suspended"
    assert (await sl.email_accounts.unsuspend(4)).ok is True
    assert [(method, path, body) for method, path, _, body in sent(m)] == [
        ("DELETE", "/email-accounts/4", None),
        ("PUT", "/email-accounts/suspend/4", None),
        ("DELETE", "/email-accounts/unsuspend/4", None),
    ]


# --- E9 / E10 ------------------------------------------------------------------------------


async def test_update_warmup_only_enabled_required(sl: SmartleadClient, m: aioresponses) -> None:
    m.post(route("/email-accounts/4/warmup"), payload={"warmup_enabled": False})
    got = await sl.email_accounts.update_warmup(4, warmup_enabled=False)
    assert got.warmup_enabled is False
    assert sent(m) == [("POST", "/email-accounts/4/warmup", {}, {"warmup_enabled": False})]


async def test_update_warmup_full(sl: SmartleadClient, m: aioresponses) -> None:
    m.post(
        route("/email-accounts/4/warmup"),
        payload={
            "ok": True,
            "data": {"warmup_enabled": True, "total_warmup_per_day": "50", "warmup_key_id": "k1"},
        },
    )
    got = await sl.email_accounts.update_warmup(
        4,
        warmup_enabled=True,
        total_warmup_per_day=50,
        daily_rampup=20,
        reply_rate_percentage=100,
        warmup_key_id="k1",
        auto_adjust_warmup=True,
        is_rampup_enabled=False,
    )
    assert (got.total_warmup_per_day, got.warmup_key_id) == (50, "k1")
    assert sent(m)[0][3] == {
        "warmup_enabled": True,
        "total_warmup_per_day": 50,
        "daily_rampup": 20,
        "reply_rate_percentage": 100,
        "warmup_key_id": "k1",
        "auto_adjust_warmup": True,
        "is_rampup_enabled": False,
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"total_warmup_per_day": 0}, "total_warmup_per_day must be between 1 and 50"),
        ({"total_warmup_per_day": 51}, "total_warmup_per_day must be between 1 and 50"),
        ({"daily_rampup": 21}, "daily_rampup must be between 5 and 20"),
        ({"reply_rate_percentage": 101}, "reply_rate_percentage must be between 20 and 100"),
    ],
)
async def test_update_warmup_ranges(
    sl: SmartleadClient, m: aioresponses, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        await sl.email_accounts.update_warmup(4, warmup_enabled=True, **kwargs)
    assert sent(m) == []


async def test_get_warmup_stats(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(
        route("/email-accounts/4/warmup-stats"),
        payload={
            "id": 4,
            "sent_count": "70",
            "spam_count": "2",
            "inbox_count": "68",
            "warmup_email_received_count": "60",
            "stats_by_date": [{"date": "2026-01-05", "sent_count": 10, "spam_count": 0}],
        },
    )
    got = await sl.email_accounts.get_warmup_stats(4)
    assert (got.id, got.sent_count, got.inbox_count) == (4, 70, 68)
    assert got.stats_by_date[0].day is not None and got.stats_by_date[0].day.day == 5
    assert sent(m)[0][:2] == ("GET", "/email-accounts/4/warmup-stats")


# --- E11-E13 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        [{"id": 1, "status": "reconnected"}],
        {"ok": True, "data": [{"email_account_id": 1, "status": "reconnected"}]},
        {"ok": True, "data": {"accounts": [{"id": 1, "status": "reconnected"}]}},
    ],
)
async def test_reconnect_failed_shapes(sl: SmartleadClient, m: aioresponses, body: Any) -> None:
    m.post(route("/email-accounts/reconnect-failed-email-accounts"), payload=body)
    got = await sl.email_accounts.reconnect_failed()
    assert [(a.id, a.status) for a in got.accounts] == [(1, "reconnected")]
    assert sent(m) == [("POST", "/email-accounts/reconnect-failed-email-accounts", {}, None)]


async def test_reconnect_failed_empty_body(sl: SmartleadClient, m: aioresponses) -> None:
    m.post(route("/email-accounts/reconnect-failed-email-accounts"), body="")
    got = await sl.email_accounts.reconnect_failed()
    assert got.accounts == [] and got.ok is None


async def test_fetch_messages_takes_dates_and_sends_iso_text(
    sl: SmartleadClient, m: aioresponses
) -> None:
    m.post(
        route("/email-accounts/4/fetch-messages"), payload={"ok": True, "data": {"messages": []}}
    )
    await sl.email_accounts.fetch_messages(4, from_time=date(2026, 1, 1), to_time=date(2026, 1, 2))
    body = sent(m)[0][3]
    assert (body["from"], body["to"]) == ("2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z")


async def test_fetch_messages(sl: SmartleadClient, m: aioresponses) -> None:
    m.post(
        route("/email-accounts/4/fetch-messages"),
        payload={
            "ok": True,
            "data": {
                "messages": [
                    {
                        "message_id": "<m1@x>",
                        "subject": "Hi",
                        "from": "lead@x.com",
                        "to": "s@acme.com",
                        "date": "2026-01-02T03:04:05Z",
                    }
                ]
            },
        },
    )
    got = await sl.email_accounts.fetch_messages(
        4,
        limit=500,
        folder="INBOX",
        include_body=True,
        from_time=datetime(2026, 1, 1, tzinfo=UTC),
        to_time="2026-01-03T00:00:00+01:00",
    )
    message = got.messages[0]
    assert (message.message_id, message.from_address, message.to_address) == (
        "<m1@x>",
        "lead@x.com",
        "s@acme.com",
    )
    assert message.time == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert sent(m) == [
        (
            "POST",
            "/email-accounts/4/fetch-messages",
            {},
            {
                "limit": 500,
                "folder": "INBOX",
                "includeBody": True,
                "from": "2026-01-01T00:00:00.000Z",
                "to": "2026-01-02T23:00:00.000Z",
            },
        )
    ]


async def test_fetch_messages_limits(sl: SmartleadClient, m: aioresponses) -> None:
    with pytest.raises(ValidationError, match="limit must be between 1 and 500"):
        await sl.email_accounts.fetch_messages(4, limit=501)
    with pytest.raises(ValidationError, match="to_time is before from_time"):
        await sl.email_accounts.fetch_messages(4, from_time="2026-02-01", to_time="2026-01-01")
    assert sent(m) == []
    m.post(route("/email-accounts/4/fetch-messages"), payload=[{"subject": "x"}])
    got = await sl.email_accounts.fetch_messages(4)
    assert [msg.subject for msg in got.messages] == ["x"]
    assert sent(m)[0][3] == {}


async def test_fetch_messages_bulk(sl: SmartleadClient, m: aioresponses) -> None:
    m.post(
        route("/email-accounts/multi/fetch-messages"),
        payload={
            "results": [
                {"account_id": 1, "status": "success", "data": {"messages": [{"subject": "a"}]}},
                {"account_id": 2, "status": "error", "error": "Account not found"},
            ],
            "summary": {"total": 2, "success": 1, "error": 1},
        },
    )
    got = await sl.email_accounts.fetch_messages_bulk(
        [1, FetchMessagesRequest(account_id=2, limit=50, folder="SENT", include_body=False)]
    )
    assert [(r.account_id, r.status, len(r.messages)) for r in got.results] == [
        (1, "success", 1),
        (2, "error", 0),
    ]
    assert got.results[1].error == "Account not found"
    assert got.summary is not None and (got.summary.total, got.summary.error) == (2, 1)
    assert sent(m)[0][3] == [
        {"account_id": 1},
        {"account_id": 2, "limit": 50, "folder": "SENT", "includeBody": False},
    ]


async def test_fetch_messages_bulk_limits(sl: SmartleadClient, m: aioresponses) -> None:
    with pytest.raises(ValidationError, match="requests takes at most 10 items, got 11"):
        await sl.email_accounts.fetch_messages_bulk(range(1, 12))
    with pytest.raises(ValidationError, match="requests needs at least 1"):
        await sl.email_accounts.fetch_messages_bulk([])
    with pytest.raises(InvalidTypeError, match=r"requests\[0\] must be an int"):
        await sl.email_accounts.fetch_messages_bulk(["1"])  # type: ignore[list-item]
    with pytest.raises(InvalidTypeError, match="requests must be a list"):
        await sl.email_accounts.fetch_messages_bulk("1,2")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="limit must be between 1 and 500"):
        await sl.email_accounts.fetch_messages_bulk([FetchMessagesRequest(account_id=1, limit=0)])
    assert sent(m) == []
    m.post(route("/email-accounts/multi/fetch-messages"), payload=[{"account_id": 3}])
    got = await sl.email_accounts.fetch_messages_bulk([3])
    assert [r.account_id for r in got.results] == [3]


# --- T1-T6 ---------------------------------------------------------------------------------


async def test_tags_round_trip(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(route("/email-accounts/tags"), payload={"ok": True, "data": [{"id": 1, "name": "a"}]})
    m.post(route("/tags"), payload={"ok": True, "data": {"id": 2, "name": "b", "color": "#00FF00"}})
    m.post(route("/email-accounts/tag-manager"), payload={"id": 2, "name": "c", "color": "#000000"})
    m.post(route("/email-accounts/tag-mapping"), payload={"ok": True})
    m.delete(route("/email-accounts/tag-mapping"), payload={"ok": True})
    m.post(
        route("/email-accounts/tag-list"),
        payload={
            "ok": True,
            "data": [{"email_account_id": 5, "email": "s@acme.com", "tags": [{"id": 2}]}],
        },
    )
    assert [t.name for t in await sl.email_accounts.list_tags()] == ["a"]
    created = await sl.email_accounts.create_tag("b", color="#00FF00")
    assert (created.id, created.color) == (2, "#00FF00")
    updated = await sl.email_accounts.update_tag(2, name="c", color="#000000")
    assert updated.name == "c"
    assert (await sl.email_accounts.add_tags([5, 6], [2])).ok is True
    assert (await sl.email_accounts.remove_tags([5], [2])).ok is True
    tags = await sl.email_accounts.get_tags_for(["s@acme.com"])
    assert [(t.email_account_id, t.email, [x.id for x in t.tags]) for t in tags] == [
        (5, "s@acme.com", [2])
    ]
    assert [(method, path, body) for method, path, _, body in sent(m)] == [
        ("GET", "/email-accounts/tags", None),
        ("POST", "/tags", {"name": "b", "color": "#00FF00"}),
        ("POST", "/email-accounts/tag-manager", {"id": 2, "name": "c", "color": "#000000"}),
        ("POST", "/email-accounts/tag-mapping", {"email_account_ids": [5, 6], "tag_ids": [2]}),
        ("DELETE", "/email-accounts/tag-mapping", {"email_account_ids": [5], "tag_ids": [2]}),
        ("POST", "/email-accounts/tag-list", {"email_ids": ["s@acme.com"]}),
    ]


async def test_tag_limits(sl: SmartleadClient, m: aioresponses) -> None:
    with pytest.raises(ValidationError, match="email_account_ids takes at most 25 items, got 26"):
        await sl.email_accounts.add_tags(range(1, 27), [1])
    with pytest.raises(ValidationError, match="email_account_ids needs at least 1"):
        await sl.email_accounts.remove_tags([], [1])
    with pytest.raises(ValidationError, match="tag_ids needs at least 1"):
        await sl.email_accounts.add_tags([1], [])
    with pytest.raises(ValidationError, match="color must be a hex colour"):
        await sl.email_accounts.create_tag("x", color="red")
    with pytest.raises(ValidationError, match="name must not be empty"):
        await sl.email_accounts.create_tag("  ")
    with pytest.raises(ValidationError, match="color is required"):
        await sl.email_accounts.update_tag(1, name="x", color=None)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"emails\[1\] must be an email address"):
        await sl.email_accounts.get_tags_for(["a@b.co", "nope"])
    with pytest.raises(ValidationError, match="emails needs at least 1"):
        await sl.email_accounts.get_tags_for([])
    with pytest.raises(InvalidTypeError, match="emails must be a list"):
        await sl.email_accounts.get_tags_for("a@b.co")
    assert sent(m) == []


async def test_no_password_in_debug_logs(
    sl: SmartleadClient, m: aioresponses, caplog: pytest.LogCaptureFixture
) -> None:
    m.post(route("/email-accounts/save"), payload={"id": 1, "password": SMTP_PASSWORD})
    with caplog.at_level(logging.DEBUG, logger="smartlead_async"):
        saved = await sl.email_accounts.save(**SMTP)
    assert SMTP_PASSWORD not in caplog.text
    assert SMTP_PASSWORD not in repr(saved)


# --- end to end against the sandbox ----------------------------------------------------------

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


@pytest.fixture
async def world() -> AsyncIterator[tuple[SmartleadClient, SandboxState]]:
    state = SandboxState(seed=9, clock=lambda: NOW)
    seed_email_accounts(state, random.Random(9), 5)
    async with open_sandbox(state=state) as (_, client):
        yield client, state


async def test_sandbox_accounts_lifecycle(world: tuple[SmartleadClient, SandboxState]) -> None:
    sl, state = world
    seeded = await sl.email_accounts.iter_all(limit=2).to_list()
    assert [a.id for a in seeded] == list(state.email_accounts)
    saved = await sl.email_accounts.save(**SMTP, max_email_per_day=35, signature="Ann")
    assert saved.id is not None and saved.id in state.email_accounts
    assert (saved.from_email, saved.username, saved.message_per_day) == (
        "ann@acme.com",
        "ann@acme.com",
        35,
    )
    account = await sl.email_accounts.get(saved.id)
    assert account.password == SMTP_PASSWORD and SMTP_PASSWORD not in repr(account)
    assert (account.smtp_host, account.imap_port, account.signature) == (
        "smtp.acme.com",
        993,
        "Ann",
    )
    assert account.warmup_details is not None
    assert account.warmup_details.warmup_reputation == 100.0
    assert account.warmup_details.warmup_reputation.raw is None  # a number in E2
    listed = await sl.email_accounts.iter_all(username="ann@", esp="SMTP").to_list()
    assert [a.id for a in listed] == [saved.id]
    assert listed[0].warmup_details is not None
    assert listed[0].warmup_details.warmup_reputation is not None
    assert listed[0].warmup_details.warmup_reputation.raw == "100%"  # text in E1
    updated = await sl.email_accounts.save(
        **{**SMTP, "smtp_port": 465}, email_account_id=saved.id, smtp_port_type="SSL"
    )
    assert updated.smtp_port == 465
    await sl.email_accounts.update(saved.id, from_name="Ann Lee", time_to_wait_in_mins=7)
    again = await sl.email_accounts.get(saved.id)
    assert (again.from_name, again.time_to_wait_in_mins, again.smtp_port_type) == (
        "Ann Lee",
        7,
        "SSL",
    )
    await sl.email_accounts.suspend(saved.id)
    assert (await sl.email_accounts.get(saved.id)).is_suspended is True
    await sl.email_accounts.unsuspend(saved.id)
    assert (await sl.email_accounts.get(saved.id)).is_suspended is False
    assert (await sl.email_accounts.delete(saved.id)).ok is True
    with pytest.raises(NotFoundError):
        await sl.email_accounts.get(saved.id)


async def test_sandbox_oauth_and_warmup(world: tuple[SmartleadClient, SandboxState]) -> None:
    sl, state = world
    saved = await sl.email_accounts.save_oauth(
        from_name="Bo",
        from_email="bo@gmail.com",
        username="bo@gmail.com",
        type="GMAIL",
        token=OAuthToken(expiry_date=1767225600000, access_token="at", refresh_token="rt"),
        warmup_enabled=False,
        use_whitelabel_credentials=False,
    )
    assert saved.id is not None and state.email_accounts[saved.id].type == "GMAIL"
    settings = await sl.email_accounts.update_warmup(
        saved.id, warmup_enabled=True, total_warmup_per_day=30, daily_rampup=10
    )
    assert (settings.warmup_enabled, settings.total_warmup_per_day, settings.daily_rampup) == (
        True,
        30,
        10,
    )
    stats = await sl.email_accounts.get_warmup_stats(saved.id)
    assert stats.id == saved.id and len(stats.stats_by_date) == 7
    assert stats.sent_count == sum(d.sent_count or 0 for d in stats.stats_by_date) > 0
    assert stats.stats_by_date[-1].day == NOW.date()


async def test_sandbox_maintenance(world: tuple[SmartleadClient, SandboxState]) -> None:
    sl, state = world
    broken = next(iter(state.email_accounts.values()))
    broken.is_smtp_success = False
    result = await sl.email_accounts.reconnect_failed()
    assert result.ok is True
    assert [(a.id, a.from_email, a.success) for a in result.accounts] == [
        (broken.id, broken.from_email, True)
    ]
    assert broken.is_smtp_success is True
    fetched = await sl.email_accounts.fetch_messages(broken.id, limit=10, folder="INBOX")
    assert (fetched.account_id, fetched.ok, fetched.messages) == (broken.id, True, [])
    two = list(state.email_accounts)[:2]
    bulk = await sl.email_accounts.fetch_messages_bulk(two)
    assert [(r.account_id, r.ok) for r in bulk.results] == [(two[0], True), (two[1], True)]
    assert bulk.summary is not None and (bulk.summary.total, bulk.summary.error) == (2, 0)


async def test_sandbox_tags(world: tuple[SmartleadClient, SandboxState]) -> None:
    sl, state = world
    ids = list(state.email_accounts)[:2]
    tag = await sl.email_accounts.create_tag("Primary", color="#112233")
    assert tag.id is not None and (tag.name, tag.color) == ("Primary", "#112233")
    renamed = await sl.email_accounts.update_tag(tag.id, name="Main", color="#445566")
    assert (renamed.id, renamed.name, renamed.color) == (tag.id, "Main", "#445566")
    assert [(t.id, t.name) for t in await sl.email_accounts.list_tags()] == [(tag.id, "Main")]
    await sl.email_accounts.add_tags(ids, [tag.id])
    emails = [state.email_accounts[i].from_email for i in ids]
    tagged = await sl.email_accounts.get_tags_for(emails)
    assert [(t.email_account_id, [x.name for x in t.tags]) for t in tagged] == [
        (ids[0], ["Main"]),
        (ids[1], ["Main"]),
    ]
    await sl.email_accounts.remove_tags(ids[:1], [tag.id])
    after = await sl.email_accounts.get_tags_for(emails)
    assert [[x.id for x in t.tags] for t in after] == [[], [tag.id]]
    account = await sl.email_accounts.get(ids[1])
    assert [t.name for t in account.tags] == ["Main"]
