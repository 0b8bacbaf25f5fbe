"""Email account routes E1-E13 and tag routes T1-T6 over plain HTTP."""

from __future__ import annotations

from typing import Any

from tests.helpers.sandbox_api import Api

SMTP = {
    "id": None,
    "from_name": "Sam",
    "from_email": "sam@send.io",
    "username": "sam@send.io",
    "password": "s3cret",
    "smtp_host": "smtp.send.io",
    "smtp_port": 587,
    "imap_host": "imap.send.io",
    "imap_port": 993,
    "warmup_enabled": True,
}


async def _smtp(api: Api, **change: Any) -> dict[str, Any]:
    body = await api.ok("POST", "/email-accounts/save", {**SMTP, **change})
    assert body["ok"] is True
    return dict(body)


async def test_list_is_bare_array_paged_by_100(api: Api) -> None:
    accounts = api.server.seed_email_accounts(140)
    first = await api.ok("GET", "/email-accounts/")
    second = await api.ok("GET", "/email-accounts/", offset=100)
    third = await api.ok("GET", "/email-accounts/", offset=140)
    assert isinstance(first, list) and len(first) == 100 and len(second) == 40 and third == []
    assert [a["id"] for a in first + second] == [a.id for a in accounts]
    row = first[0]
    assert row["warmup_details"]["warmup_reputation"].endswith("%")
    assert set(row) >= {"from_email", "password", "imap_password", "daily_sent_count", "type"}
    status, _ = await api.get("/email-accounts/", limit=101)
    assert status == 400


async def test_list_filters(api: Api) -> None:
    sb = api.server
    camp = sb.seed_campaign(leads=1, accounts=2, history=False)
    sb.seed_email_accounts(3)
    in_use = await api.ok("GET", "/email-accounts/", isInUse=True)
    assert {a["id"] for a in in_use} == set(camp.email_account_ids)
    unused = await api.ok("GET", "/email-accounts/", isInUse=False)
    assert len(unused) == 3
    for esp in ("GMAIL", "OUTLOOK", "SMTP"):
        rows = await api.ok("GET", "/email-accounts/", esp=esp)
        assert all(r["type"] == esp for r in rows)
    target = next(iter(sb.state.email_accounts.values()))
    by_name = await api.ok("GET", "/email-accounts/", username=target.from_email[:8].upper())
    assert target.id in {a["id"] for a in by_name}
    with_campaigns = await api.ok("GET", "/email-accounts/", fetch_campaigns=True, isInUse=True)
    assert all(a["campaign_ids"] == [camp.id] for a in with_campaigns)
    status, body = await api.get("/email-accounts/", esp="AOL")
    assert status == 400 and "esp must be one of" in body["message"]


async def test_create_get_update_smtp_account(api: Api) -> None:
    created = await _smtp(api)
    account_id = created["id"]
    assert created["user_name"] == "sam@send.io" and "password" not in created
    got = await api.ok("GET", f"/email-accounts/{account_id}/")
    assert got["from_email"] == "sam@send.io" and got["warmup_details"]["status"] == "ACTIVE"
    assert isinstance(got["warmup_details"]["warmup_reputation"], int)
    assert (await api.ok("GET", f"/email-accounts/{account_id}"))["id"] == account_id
    await _smtp(api, id=account_id, smtp_port=465, smtp_port_type="SSL", from_name="Samuel")
    got = await api.ok("GET", f"/email-accounts/{account_id}/")
    assert (got["smtp_port"], got["smtp_port_type"], got["from_name"]) == (465, "SSL", "Samuel")
    status, body = await api.post("/email-accounts/save", SMTP)
    assert status == 400 and "already exists" in body["message"]
    missing = {k: v for k, v in SMTP.items() if k != "username"} | {"from_email": "x@y.io"}
    status, body = await api.post("/email-accounts/save", missing)
    assert status == 400 and body["message"] == '"username" is required'
    status, body = await api.post(
        "/email-accounts/save", {**SMTP, "from_email": "x@y.io", "smtp_port": 70000}
    )
    assert status == 400 and "smtp_port" in body["message"]
    status, _ = await api.get("/email-accounts/99999/")
    assert status == 404


async def test_oauth_account(api: Api) -> None:
    body = {
        "from_name": "G",
        "from_email": "g@gmail.com",
        "username": "g@gmail.com",
        "type": "GMAIL",
        "token": {"access_token": "a", "refresh_token": "r", "expiry_date": 1760000000000},
        "warmup_enabled": False,
        "use_whitelabel_credentials": False,
    }
    created = await api.ok("POST", "/email-accounts/save-oauth", body)
    assert created["type"] == "GMAIL"
    status, answer = await api.post(
        "/email-accounts/save-oauth", {**body, "from_email": "h@gmail.com", "token": {}}
    )
    assert status == 400 and '"access_token" is required' in answer["message"]
    status, _ = await api.post(
        "/email-accounts/save-oauth", {**body, "from_email": "i@x.io", "type": "SMTP"}
    )
    assert status == 400


async def test_update_suspend_delete(api: Api) -> None:
    sb = api.server
    camp = sb.seed_campaign(leads=1, accounts=1, history=False)
    account_id = camp.email_account_ids[0]
    await api.ok(
        "POST", f"/email-accounts/{account_id}", {"max_email_per_day": 77, "signature": "--"}
    )
    account = sb.state.email_accounts[account_id]
    assert account.message_per_day == 77 and account.signature == "--"
    status, _ = await api.post(f"/email-accounts/{account_id}", {"max_email_per_day": 0})
    assert status == 400
    await api.ok("PUT", f"/email-accounts/suspend/{account_id}")
    assert account.is_suspended
    await api.ok("DELETE", f"/email-accounts/unsuspend/{account_id}")
    assert not account.is_suspended
    await api.ok("DELETE", f"/email-accounts/{account_id}")
    assert await api.ok("GET", f"/campaigns/{camp.id}/email-accounts") == []
    status, _ = await api.call("DELETE", f"/email-accounts/{account_id}")
    assert status == 404


async def test_warmup_settings_and_stats(api: Api) -> None:
    account_id = (await _smtp(api))["id"]
    answer = await api.ok("POST", f"/email-accounts/{account_id}/warmup", {"warmup_enabled": True})
    assert answer["warmup_enabled"] is True
    settings = {"warmup_enabled": True, "total_warmup_per_day": 40, "daily_rampup": 10}
    answer = await api.ok("POST", f"/email-accounts/{account_id}/warmup", settings)
    assert (answer["total_warmup_per_day"], answer["daily_rampup"]) == (40, 10)
    for bad in (
        {"warmup_enabled": True, "total_warmup_per_day": 51},
        {"warmup_enabled": True, "daily_rampup": 4},
        {"warmup_enabled": True, "reply_rate_percentage": 10},
        {"total_warmup_per_day": 10},
    ):
        status, _ = await api.post(f"/email-accounts/{account_id}/warmup", bad)
        assert status == 400, bad
    stats = await api.ok("GET", f"/email-accounts/{account_id}/warmup-stats")
    assert len(stats["stats_by_date"]) == 7
    assert stats["sent_count"] == sum(d["sent_count"] for d in stats["stats_by_date"]) > 0
    assert stats["inbox_count"] + stats["spam_count"] == stats["sent_count"]


async def test_reconnect_and_fetch_messages(api: Api) -> None:
    sb = api.server
    accounts = sb.seed_email_accounts(2)
    accounts[0].is_smtp_success = False
    answer = await api.ok("POST", "/email-accounts/reconnect-failed-email-accounts")
    assert [r["id"] for r in answer["data"]] == [accounts[0].id] and accounts[0].is_smtp_success
    await api.ok("POST", f"/email-accounts/{accounts[1].id}/fetch-messages")
    await api.ok(
        "POST",
        "/email-accounts/multi/fetch-messages",
        {"email_account_ids": [a.id for a in accounts]},
    )
    status, _ = await api.post("/email-accounts/multi/fetch-messages", {"email_account_ids": [1]})
    assert status == 400


async def test_tags_create_update_map_list(api: Api) -> None:
    sb = api.server
    accounts = sb.seed_email_accounts(2)
    tag = (await api.ok("POST", "/tags", {"name": "Warm", "color": "#00FF00"}))["data"]
    assert tag["name"] == "Warm" and tag["color"] == "#00FF00"
    status, body = await api.post("/tags", {"name": "warm"})
    assert status == 400 and "already exists" in body["message"]
    status, body = await api.post("/tags", {"name": "Hot", "color": "red"})
    assert status == 400 and "#RRGGBB" in body["message"]
    updated = await api.ok(
        "POST", "/email-accounts/tag-manager", {"id": tag["id"], "name": "Hot", "color": "#FF0000"}
    )
    assert updated["data"]["name"] == "Hot"
    assert [t["name"] for t in (await api.ok("GET", "/email-accounts/tags"))["data"]] == ["Hot"]
    ids = [a.id for a in accounts]
    await api.ok(
        "POST", "/email-accounts/tag-mapping", {"email_account_ids": ids, "tag_ids": [tag["id"]]}
    )
    listed = await api.ok(
        "POST", "/email-accounts/tag-list", {"email_ids": [accounts[0].from_email, "no@x.io"]}
    )
    assert [t["id"] for t in listed["data"][0]["tags"]] == [tag["id"]]
    assert listed["data"][1] == {"email": "no@x.io", "email_account_id": None, "tags": []}
    await api.call(
        "DELETE",
        "/email-accounts/tag-mapping",
        {"email_account_ids": ids[:1], "tag_ids": [tag["id"]]},
    )
    assert accounts[0].tag_ids == [] and accounts[1].tag_ids == [tag["id"]]
    status, body = await api.post(
        "/email-accounts/tag-mapping",
        {"email_account_ids": list(range(1, 27)), "tag_ids": [tag["id"]]},
    )
    assert status == 400 and "at most 25" in body["message"]
