"""``client.lead_lists``: sandbox round trips, camelCase wire shapes, and client-side limits."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import (
    InvalidTypeError,
    NotFoundError,
    RetryPolicy,
    SmartleadClient,
    ValidationError,
)
from smartlead_async.models.lead_input import LeadInput
from smartlead_async.models.lead_lists import LeadList, LeadListImportResult
from smartlead_async.testing.pytest_plugin import SandboxClient
from smartlead_async.testing.seed import seed_global_leads, seed_lead_list
from smartlead_async.testing.state import Tag
from tests.helpers.clients import wire_client
from tests.helpers.import_fakes import rows
from tests.helpers.wire import route, sent

pytestmark = [
    pytest.mark.smartlead_sandbox(rate_limits=None, seed=5),
    pytest.mark.smartlead_client(retry=None),
]


# --------------------------------------------------------------------------- sandbox


async def test_list_crud(smartlead_sandbox_client: SandboxClient) -> None:
    _, sl = smartlead_sandbox_client
    created = await sl.lead_lists.create("  Q1 prospects ")
    assert isinstance(created, LeadList)
    assert (created.name, created.lead_count) == ("Q1 prospects", 0)

    fetched = await sl.lead_lists.get(created.id)
    assert (fetched.id, fetched.name) == (created.id, "Q1 prospects")

    ack = await sl.lead_lists.rename(created.id, "Q2 prospects")
    assert ack.ok is True
    assert (await sl.lead_lists.get(created.id)).name == "Q2 prospects"
    found = await sl.lead_lists.iter_all(name="q2").to_list()
    assert [lst.id for lst in found] == [created.id]

    assert (await sl.lead_lists.delete(created.id)).ok is True
    with pytest.raises(NotFoundError):
        await sl.lead_lists.get(created.id)


async def test_iter_all_walks_every_page(smartlead_sandbox_client: SandboxClient) -> None:
    sb, sl = smartlead_sandbox_client
    made = [await sl.lead_lists.create(f"List {i:02d}") for i in range(23)]
    before = len(sb.log)
    lists = await sl.lead_lists.iter_all(limit=10).to_list()
    assert [lst.id for lst in lists] == [lst.id for lst in made]
    assert len(sb.log) - before == 3
    first_five = await sl.lead_lists.iter_all(max_items=5).to_list()
    assert [lst.name for lst in first_five] == [f"List {i:02d}" for i in range(5)]


async def test_add_leads_reports_counts(smartlead_sandbox_client: SandboxClient) -> None:
    _, sl = smartlead_sandbox_client
    lst = await sl.lead_lists.create("Imports")
    batch: list[LeadInput | dict[str, Any]] = [
        *rows(3),
        LeadInput(email="lead0@example.com"),
        {"email": "x@other.io", "city": "Oslo"},
    ]
    result = await sl.lead_lists.add_leads(lst.id, batch, ignore_global_block_list=True)
    assert isinstance(result, LeadListImportResult)
    assert result.ok is True
    assert (result.total_leads, result.imported, result.duplicates) == (5, 4, 1)
    assert (result.blocked, result.invalid) == (0, 0)
    assert (await sl.lead_lists.get(lst.id)).lead_count == 4

    again = await sl.lead_lists.add_leads(lst.id, rows(3), file_name="again.csv")
    assert (again.imported, again.duplicates) == (0, 3)


async def test_push_to_campaign_copy_and_move(
    smartlead_sandbox_client: SandboxClient,
) -> None:
    sb, sl = smartlead_sandbox_client
    camp = sb.seed_campaign(leads=0, history=False)
    lst = seed_lead_list(sb.state, sb.rng, "Source", 6)
    copied = await sl.lead_lists.push_to_campaign(
        action="copy", campaign_id=camp.id, list_id=lst.id
    )
    assert (copied.campaign_id, copied.action, copied.pushed, copied.total) == (
        camp.id,
        "copy",
        6,
        6,
    )
    assert len(camp.map_by_lead_id) == 6
    assert (await sl.lead_lists.get(lst.id)).lead_count == 6

    other = seed_lead_list(sb.state, sb.rng, "Mover", 4)
    moved = await sl.lead_lists.push_to_campaign(
        action="move", campaign_name="Created by push", list_id=other.id
    )
    assert moved.campaign_id is not None and moved.campaign_id != camp.id
    assert (moved.pushed, moved.removed_from_lists) == (4, 4)
    assert (await sl.lead_lists.get(other.id)).lead_count == 0

    subset = list(lst.lead_ids)[:2]
    dup = await sl.lead_lists.push_to_campaign(action="copy", campaign_id=camp.id, lead_ids=subset)
    assert (dup.pushed, dup.duplicates) == (0, 2)


async def test_push_between_lists(smartlead_sandbox_client: SandboxClient) -> None:
    sb, sl = smartlead_sandbox_client
    source = seed_lead_list(sb.state, sb.rng, "A", 5)
    target = await sl.lead_lists.create("B")
    result = await sl.lead_lists.push_between_lists(
        action="copy", from_list_id=source.id, to_list_id=target.id
    )
    assert (result.pushed, result.duplicates, result.list_id, result.from_list_id) == (
        5,
        0,
        target.id,
        source.id,
    )
    ids = list(source.lead_ids)[:2]
    picked = await sl.lead_lists.push_between_lists(
        action="copy", lead_ids=ids, to_list_id=(await sl.lead_lists.create("C")).id
    )
    assert (picked.pushed, picked.total) == (2, 2)
    assert (await sl.lead_lists.get(target.id)).lead_count == 5


async def test_assign_tags(smartlead_sandbox_client: SandboxClient) -> None:
    sb, sl = smartlead_sandbox_client
    now = datetime.now(UTC)
    for tag_id in (901, 902):
        sb.state.tags[tag_id] = Tag(tag_id, f"tag{tag_id}", "#112233", now)
    first = await sl.lead_lists.create("T1")
    second = await sl.lead_lists.create("T2")
    ack = await sl.lead_lists.assign_tags([first.id, second.id], tag_ids=[901, 902])
    assert ack.ok is True
    assert (await sl.lead_lists.get(first.id)).tag_ids == [901, 902]
    await sl.lead_lists.assign_tags([first.id], remove_tag_ids=[901])
    assert (await sl.lead_lists.get(first.id)).tag_ids == [902]
    tagged = await sl.lead_lists.iter_all(tag_ids=[901]).to_list()
    assert [lst.id for lst in tagged] == [second.id]


async def test_push_leads_and_campaign_leads_to_list(
    smartlead_sandbox_client: SandboxClient,
) -> None:
    sb, sl = smartlead_sandbox_client
    leads = seed_global_leads(sb.state, sb.rng, 3)
    target = await sl.lead_lists.create("Workspace picks")
    pushed = await sl.lead_lists.push_leads(
        list_id=target.id, lead_ids=[lead.id for lead in leads], action="copy"
    )
    assert (pushed.pushed, pushed.duplicates, pushed.total) == (3, 0, 3)

    camp = sb.seed_campaign(leads=4, history=False)
    from_campaign = await sl.lead_lists.push_campaign_leads(
        campaign_id=camp.id, list_id=target.id, all_leads=True
    )
    assert (from_campaign.pushed, from_campaign.total) == (4, 4)
    assert (await sl.lead_lists.get(target.id)).lead_count == 7


# --------------------------------------------------------------------------- wire shapes


async def test_iter_all_query(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(route("/lead-list/"), payload={"ok": True, "data": [{"id": 1, "name": "a"}]})
    found = await sl.lead_lists.iter_all(name="acme", tag_ids=[3, 4]).to_list()
    assert sent(m) == [
        (
            "GET",
            "/lead-list/",
            {"listName": "acme", "tagIds": "3,4", "offset": "0", "limit": "1000"},
            None,
        )
    ]
    assert [(lst.id, lst.name) for lst in found] == [(1, "a")]


async def test_add_leads_body_is_camel_case(sl: SmartleadClient, m: aioresponses) -> None:
    reply = {"ok": True, "data": {"total_leads": 1, "imported": 1}}
    m.post(route("/lead-list/8/import"), payload=reply)
    await sl.lead_lists.add_leads(
        8,
        [{"email": " A@Example.com ", "company_name": "Acme", "role": "CTO"}],
        file_name="q1.csv",
        ignore_global_block_list=True,
        ignore_unsubscribe_list=False,
        ignore_community_bounce_list=True,
        ignore_duplicate_leads_in_other_campaign=False,
        email_fields_added={"email": "Email"},
        custom_fields={"source": "fair"},
    )
    assert sent(m) == [
        (
            "POST",
            "/lead-list/8/import",
            {},
            {
                "leadList": [
                    {
                        "email": "A@Example.com",
                        "company_name": "Acme",
                        "custom_fields": {"role": "CTO"},
                    }
                ],
                "fileName": "q1.csv",
                "csvSettings": {
                    "ignoreGlobalBlockList": True,
                    "ignoreUnsubscribeList": False,
                    "ignoreCommunityBounceList": True,
                    "ignoreDuplicateLeadsInOtherCampaign": False,
                },
                "emailFieldsAdded": {"email": "Email"},
                "customFields": {"source": "fair"},
            },
        )
    ]


async def test_add_leads_accepts_s0_counts_and_is_retried(m: aioresponses) -> None:
    retry = RetryPolicy(max_attempts=2, base_delay=0.0, max_delay=0.0)
    reply = {"uploadedCount": 2, "duplicateCount": "1", "invalidCount": 0, "totalCount": 3}
    async with wire_client(retry=retry) as client:
        m.post(route("/lead-list/8/import"), status=500, payload={"message": "busy"})
        m.post(route("/lead-list/8/import"), payload=reply)
        result = await client.lead_lists.add_leads(8, rows(3))
        assert len(sent(m)) == 2
    assert (result.imported, result.duplicates, result.invalid, result.total_leads) == (2, 1, 0, 3)


async def test_crud_and_push_bodies(sl: SmartleadClient, m: aioresponses) -> None:
    m.post(route("/lead-list/"), payload={"ok": True, "data": {"id": 4, "name": "n"}})
    m.put(route("/lead-list/4"), payload={"ok": True})
    m.delete(route("/lead-list/4"), payload={"ok": True})
    m.post(route("/leads/push-to-campaign"), payload={"ok": True, "data": {"imported": 2}})
    m.post(route("/leads/leads/push-between-lists"), payload={"ok": True, "data": {}})
    m.post(route("/lead-list/assign-tags"), payload={"ok": True})
    m.post(route("/leads/push-to-list"), payload={"ok": True, "data": {"pushed": 1}})
    m.post(route("/leads/campaign/push-to-list"), payload={"ok": True, "data": {}})
    await sl.lead_lists.create("n")
    await sl.lead_lists.rename(4, "m")
    await sl.lead_lists.delete(4)
    pushed = await sl.lead_lists.push_to_campaign(
        action="move", campaign_id=3, lead_ids=[1, 2], ignore_unsubscribe_list=True
    )
    await sl.lead_lists.push_between_lists(action="copy", lead_ids=[5], to_list_id=6)
    await sl.lead_lists.assign_tags([4], remove_tag_ids=[7])
    await sl.lead_lists.push_leads(list_id=6, all_leads=True, filters={"status": "x"})
    await sl.lead_lists.push_campaign_leads(campaign_id=3, list_id=6, lead_map_ids=[11])
    assert sent(m) == [
        ("POST", "/lead-list/", {}, {"listName": "n"}),
        ("PUT", "/lead-list/4", {}, {"listName": "m"}),
        ("DELETE", "/lead-list/4", {}, None),
        (
            "POST",
            "/leads/push-to-campaign",
            {},
            {
                "campaignId": 3,
                "action": "move",
                "leadList": {"leadIds": [1, 2]},
                "csvSettings": {"ignoreUnsubscribeList": True},
            },
        ),
        (
            "POST",
            "/leads/leads/push-between-lists",
            {},
            {"action": "copy", "leadIds": [5], "toListId": 6},
        ),
        ("POST", "/lead-list/assign-tags", {}, {"listIds": [4], "removeTagIds": [7]}),
        (
            "POST",
            "/leads/push-to-list",
            {},
            {"listId": 6, "allLeads": True, "filters": {"status": "x"}},
        ),
        (
            "POST",
            "/leads/campaign/push-to-list",
            {},
            {"campaignId": 3, "listId": 6, "leadMapIds": [11]},
        ),
    ]
    assert pushed.pushed == 2


# --------------------------------------------------------------------------- client-side limits


async def test_add_leads_limits(sl: SmartleadClient, m: aioresponses) -> None:
    with pytest.raises(ValidationError, match="at most 400"):
        await sl.lead_lists.add_leads(1, rows(401))
    with pytest.raises(ValidationError, match="empty"):
        await sl.lead_lists.add_leads(1, [])
    with pytest.raises(ValidationError, match=r"leads\[1\]: email 'nope' is not a valid"):
        await sl.lead_lists.add_leads(1, [{"email": "a@b.io"}, {"email": "nope"}])
    with pytest.raises(ValidationError, match=r"leads\[0\]: email is missing"):
        await sl.lead_lists.add_leads(1, [{"first_name": "x"}])
    with pytest.raises(InvalidTypeError, match="list of dicts"):
        await sl.lead_lists.add_leads(1, {"email": "a@b.io"})  # type: ignore[dict-item]
    with pytest.raises(ValidationError, match="file_name"):
        await sl.lead_lists.add_leads(1, rows(1), file_name=" ")
    with pytest.raises(InvalidTypeError, match="ignore_global_block_list"):
        await sl.lead_lists.add_leads(1, rows(1), ignore_global_block_list="yes")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="custom_fields must be a dict"):
        await sl.lead_lists.add_leads(1, rows(1), custom_fields=["x"])  # type: ignore[arg-type]
    assert m.requests == {}


async def test_exactly_400_rows_is_one_request(sl: SmartleadClient, m: aioresponses) -> None:
    m.post(route("/lead-list/1/import"), payload={"ok": True, "data": {"imported": 400}})
    result = await sl.lead_lists.add_leads(1, rows(400))
    ((_, _, _, body),) = sent(m)
    assert len(body["leadList"]) == 400
    assert result.imported == 400


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"action": "copy", "list_id": 1}, "campaign_id or campaign_name"),
        ({"action": "copy", "campaign_id": 1, "campaign_name": "x", "list_id": 1}, "exactly one"),
        ({"action": "copy", "campaign_id": 1}, "list_id, lead_ids or all_leads"),
        ({"action": "copy", "campaign_id": 1, "list_id": 1, "all_leads": True}, "exactly one"),
        ({"action": "copy", "campaign_id": 1, "lead_ids": []}, "at least 1"),
        ({"action": "copy", "campaign_id": 1, "lead_ids": list(range(1, 10_002))}, "at most 10000"),
        ({"action": "clone", "campaign_id": 1, "list_id": 1}, "action must be one of"),
        ({"action": "copy", "campaign_name": " ", "list_id": 1}, "campaign_name"),
    ],
)
async def test_push_to_campaign_limits(
    sl: SmartleadClient,
    kwargs: dict[str, Any],
    message: str,
    m: aioresponses,
) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)):
        await sl.lead_lists.push_to_campaign(**kwargs)
    assert m.requests == {}


async def test_other_limits(sl: SmartleadClient, m: aioresponses) -> None:
    with pytest.raises(ValidationError, match="non-empty list name"):
        await sl.lead_lists.create("   ")
    with pytest.raises(InvalidTypeError, match="name must be a str"):
        await sl.lead_lists.rename(1, 5)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="lead_ids or from_list_id"):
        await sl.lead_lists.push_between_lists(action="copy", to_list_id=2)
    with pytest.raises(ValidationError, match="lead_ids or from_list_id"):
        await sl.lead_lists.push_between_lists(
            action="copy", to_list_id=2, lead_ids=[1], from_list_id=3
        )
    with pytest.raises(ValidationError, match="must differ"):
        await sl.lead_lists.push_between_lists(action="move", to_list_id=2, from_list_id=2)
    with pytest.raises(ValidationError, match="list_ids takes at most 10"):
        await sl.lead_lists.assign_tags(list(range(1, 12)), tag_ids=[1])
    with pytest.raises(ValidationError, match="list_ids needs at least 1"):
        await sl.lead_lists.assign_tags([], tag_ids=[1])
    with pytest.raises(ValidationError, match="tag_ids takes at most 10"):
        await sl.lead_lists.assign_tags([1], tag_ids=list(range(1, 12)))
    with pytest.raises(ValidationError, match="remove_tag_ids takes at most 10"):
        await sl.lead_lists.assign_tags([1], remove_tag_ids=list(range(1, 12)))
    with pytest.raises(ValidationError, match="tag_ids to attach"):
        await sl.lead_lists.assign_tags([1], tag_ids=[], remove_tag_ids=[])
    with pytest.raises(ValidationError, match="lead_ids or all_leads"):
        await sl.lead_lists.push_leads(list_id=1)
    with pytest.raises(ValidationError, match="lead_ids or all_leads"):
        await sl.lead_lists.push_leads(list_id=1, lead_ids=[1], all_leads=True)
    with pytest.raises(ValidationError, match="lead_map_ids or all_leads"):
        await sl.lead_lists.push_campaign_leads(campaign_id=1, list_id=2)
    with pytest.raises(InvalidTypeError, match="all_leads"):
        await sl.lead_lists.push_campaign_leads(campaign_id=1, list_id=2, all_leads=1)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="limit must be between 1 and 1000"):
        sl.lead_lists.iter_all(limit=1001)
    with pytest.raises(InvalidTypeError, match="filters must be a dict"):
        await sl.lead_lists.push_leads(list_id=1, all_leads=True, filters=[1])  # type: ignore[arg-type]
    assert m.requests == {}
