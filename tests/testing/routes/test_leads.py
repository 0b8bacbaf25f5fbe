"""Global leads, categories and block list routes (G1-G11, B1-B4) over plain HTTP."""

from __future__ import annotations

from datetime import timedelta

from smartlead_async.testing.seed import seed_lead_list
from smartlead_async.testing.wire import iso
from tests.helpers.sandbox_api import Api


async def test_lead_by_email_id_and_campaigns(api: Api) -> None:
    sb = api.server
    camp = sb.seed_campaign(leads=3, history=False)
    row = sb.state.campaign_leads[camp.lead_map_ids.page(0, 1)[0]]
    lead = sb.state.leads[row.lead_id]
    found = await api.ok("GET", "/leads/", email=lead.email.upper())
    assert found["id"] == lead.id and found["email"] == lead.email
    assert found["lead_campaign_data"] == [
        {
            "campaign_lead_map_id": row.id,
            "campaign_id": camp.id,
            "campaign_name": camp.name,
            "client_id": None,
            "client_email": None,
            "lead_category_id": None,
            "lead_status": "STARTED",
        }
    ]
    assert await api.ok("GET", "/leads/", email="nobody@nowhere.io") == {}
    assert await api.ok("GET", "/leads", email="nobody@nowhere.io") == {}
    status, body = await api.get("/leads/")
    assert status == 400 and body["message"] == "query parameter email is required"
    assert (await api.ok("GET", f"/leads/{lead.id}"))["email"] == lead.email
    status, _ = await api.get("/leads/999999999")
    assert status == 404
    campaigns = await api.ok("GET", f"/leads/{lead.id}/campaigns")
    assert campaigns == [{"id": camp.id, "status": camp.status, "name": camp.name}]


async def test_global_leads_offset_skip_has_more(api: Api) -> None:
    sb = api.server
    leads = sb.seed_global_leads(150)
    first = await api.ok("GET", "/leads/global-leads", limit=100)
    assert (first["skip"], first["limit"], first["hasMore"]) == (0, 100, True)
    second = await api.ok("GET", "/leads/global-leads", offset=100, limit=100)
    assert second["hasMore"] is False and len(second["data"]) == 50
    assert [r["id"] for r in first["data"] + second["data"]] == [lead.id for lead in leads]
    assert first["data"][0]["user_id"] and first["data"][0]["campaigns"] == []
    cutoff = sorted(lead.created_at for lead in leads)[74]
    newer = await api.ok("GET", "/leads/global-leads", created_at_gt=iso(cutoff), limit=100)
    assert len(newer["data"]) == sum(lead.created_at > cutoff for lead in leads)
    one = await api.ok("GET", "/leads/global-leads", email=leads[3].email)
    assert [r["id"] for r in one["data"]] == [leads[3].id] and one["hasMore"] is False
    status, _ = await api.get("/leads/global-leads", limit=101)
    assert status == 400


async def test_all_leads_cursor_walk_and_filters(api: Api) -> None:
    sb = api.server
    camp = sb.seed_campaign(leads=40)
    loose = sb.seed_global_leads(25)
    seen: list[int] = []
    cursor = 0
    while True:
        page = await api.ok("GET", "/leads/all", limit=30, lastSeenLeadId=cursor)
        leads = page["data"]["leads"]
        seen += [lead["id"] for lead in leads]
        if not page["data"]["hasMore"]:
            break
        cursor = page["data"]["lastSeenLeadId"]
    assert seen == sorted(sb.state.leads) and len(seen) == 65
    unused = await api.ok("GET", "/leads/all", leadType="yet_to_use", limit=1000)
    assert {lead["id"] for lead in unused["data"]["leads"]} == {lead.id for lead in loose}
    in_camp = await api.ok("GET", "/leads/all", campaignId=camp.id, limit=1000)
    assert len(in_camp["data"]["leads"]) == 40
    replied = await api.ok("GET", "/leads/all", emailStatus="is_replied", limit=1000)
    expected = sum(sb.state.campaign_leads[i].reply_count > 0 for i in camp.lead_map_ids)
    assert len(replied["data"]["leads"]) == expected
    status, _ = await api.get("/leads/all", leadType="ghost")
    assert status == 400


async def test_unsubscribe_globally_blocks_reimport(api: Api) -> None:
    sb = api.server
    camp = sb.seed_campaign(leads=2, history=False)
    row = sb.state.campaign_leads[camp.lead_map_ids.page(0, 1)[0]]
    lead = sb.state.leads[row.lead_id]
    await api.ok("POST", f"/leads/{lead.id}/unsubscribe")
    assert lead.is_unsubscribed and row.status == "STOPPED"
    target = sb.state.add_campaign("next").id
    report = await api.ok(
        "POST",
        f"/campaigns/{target}/leads",
        {
            "lead_list": [{"email": lead.email}],
            "settings": {"ignore_duplicate_leads_in_other_campaign": True},
        },
    )
    assert report["unsubscribed_leads"] == [lead.email] and report["upload_count"] == 0


async def test_categories_overview_and_sequence_details(api: Api) -> None:
    sb = api.server
    categories = await api.ok("GET", "/leads/fetch-categories")
    assert [c["name"] for c in categories][:2] == ["Interested", "Meeting Request"]
    assert set(categories[0]) == {"id", "created_at", "name", "sentiment_type"}
    camp = sb.seed_campaign(leads=20, steps=3)
    row = next(
        sb.state.campaign_leads[i]
        for i in camp.lead_map_ids
        if sb.state.campaign_leads[i].sent_count >= 2
    )
    overview = await api.ok("GET", f"/leads/{row.lead_id}/campaign-overview")
    entry = overview["data"][0]
    assert entry["campaign_lead_map_id"] == row.id and entry["sent_count"] == row.sent_count
    details = await api.ok("GET", f"/leads/{row.id}/sequence-details")
    steps = details["data"]["sequences"]
    assert [s["seq_number"] for s in steps] == [1, 2, 3]
    assert sum(s["status"] == "SENT" for s in steps) == len(
        {m.seq_number for m in sb.state.thread(row.id) if m.type == "SENT" and not m.is_manual}
    )
    status, _ = await api.get("/leads/1/sequence-details")
    assert status == 404


async def test_push_to_list_copy_move_and_campaign_push(api: Api) -> None:
    sb = api.server
    rng = sb.rng
    source = seed_lead_list(sb.state, rng, "source", 4)
    target = seed_lead_list(sb.state, rng, "target", 0)
    ids = list(source.lead_ids)
    copied = await api.ok("POST", "/leads/push-to-list", {"listId": target.id, "leadIds": ids[:2]})
    assert copied["data"] == {"pushed": 2, "duplicates": 0, "total": 2}
    assert ids[0] in source.lead_ids and ids[0] in target.lead_ids
    moved = await api.ok(
        "POST", "/leads/push-to-list", {"listId": target.id, "leadIds": ids, "action": "move"}
    )
    assert moved["data"] == {"pushed": 2, "duplicates": 2, "total": 4}
    assert ids[3] not in source.lead_ids
    for bad, message in [
        ({"listId": target.id}, "allLeads"),
        ({"listId": 1, "leadIds": [1]}, "not found"),
        ({"listId": target.id, "leadIds": [1]}, "leadIds not found"),
        ({"listId": target.id, "leadIds": ids, "action": "swap"}, "copy, move"),
    ]:
        status, body = await api.post("/leads/push-to-list", bad)
        assert status in (400, 404) and message in body["message"], bad
    camp = sb.seed_campaign(leads=5, history=False)
    pushed = await api.ok(
        "POST",
        "/leads/campaign/push-to-list",
        {"campaignId": camp.id, "listId": target.id, "allLeads": True},
    )
    assert pushed["data"]["pushed"] == 5 and len(target.lead_ids) == 9
    status, body = await api.post(
        "/leads/campaign/push-to-list",
        {"campaignId": camp.id, "listId": target.id, "leadMapIds": [1]},
    )
    assert status == 400 and "not in campaign" in body["message"]


async def test_block_list_add_list_filter_delete(api: Api) -> None:
    added = await api.ok(
        "POST",
        "/leads/add-domain-block-list",
        {"domain_block_list": ["Spam.io", "bad@actor.io", "spam.io", "evil.org"]},
    )
    assert added == {"uploadCount": 4, "totalDomainAdded": 3}
    entries = await api.ok("GET", "/leads/get-domain-block-list")
    assert [e["email_or_domain"] for e in entries] == ["spam.io", "bad@actor.io", "evil.org"]
    assert set(entries[0]) == {"id", "email_or_domain", "created_at", "source", "client_id"}
    assert len(await api.ok("GET", "/leads/get-domain-block-list", limit=2)) == 2
    assert len(await api.ok("GET", "/leads/get-domain-block-list", offset=2)) == 1
    spam = await api.ok("GET", "/leads/get-domain-block-list", filter_email_or_domain="spam")
    assert [e["email_or_domain"] for e in spam] == ["spam.io"]
    by_domain = await api.ok(
        "GET", "/leads/get-domain-block-list", filter_email_with_domain="actor.io"
    )
    assert [e["email_or_domain"] for e in by_domain] == ["bad@actor.io"]
    await api.ok("DELETE", "/leads/delete-domain-block-list", id=entries[0]["id"])
    assert len(await api.ok("GET", "/leads/get-domain-block-list")) == 2
    status, _ = await api.call("DELETE", "/leads/delete-domain-block-list", id=entries[0]["id"])
    assert status == 404
    status, body = await api.post(
        "/leads/add-domain-block-list", {"domain_block_list": ["not a domain"]}
    )
    assert status == 400 and "email address or a domain" in body["message"]
    status, _ = await api.get("/leads/get-domain-block-list", limit=1001)
    assert status == 400


async def test_block_domains_from_inbox_and_client_scope(api: Api) -> None:
    sb = api.server
    answer = await api.ok(
        "POST", "/master-inbox/block-domains", {"domains": ["x.io"], "source": "complaint"}
    )
    assert answer["data"] == {"blocked": 1, "already_blocked": 0}
    assert sb.state.is_blocked("any@x.io")
    status, _ = await api.post(
        "/master-inbox/block-domains", {"domains": ["x.io"], "source": "bot"}
    )
    assert status == 400
    client = await api.ok("POST", "/client/save", {"name": "C", "email": "c@c.io"})
    await api.ok(
        "POST",
        "/leads/add-domain-block-list",
        {"domain_block_list": ["c-only.io"], "client_id": client["id"]},
    )
    scoped = await api.ok("GET", "/leads/get-domain-block-list", filter_client_id=client["id"])
    assert [e["email_or_domain"] for e in scoped] == ["c-only.io"]
    assert not sb.state.is_blocked("a@c-only.io") and sb.state.is_blocked(
        "a@c-only.io", client["id"]
    )


async def test_created_at_filter_accepts_dates(api: Api) -> None:
    sb = api.server
    sb.seed_global_leads(3)
    tomorrow = (sb.state.now() + timedelta(days=1)).date().isoformat()
    assert (await api.ok("GET", "/leads/global-leads", created_at_gt=tomorrow))["data"] == []
    status, body = await api.get("/leads/global-leads", created_at_gt="2026-13-01")
    assert status == 400 and "YYYY-MM-DD" in body["message"]
