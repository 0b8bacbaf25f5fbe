"""Lead Lists LL1-LL9 over plain HTTP: camelCase CRUD, import buckets, pushes and tag caps."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
import pytest_asyncio

from smartlead_async.testing import Faults, SandboxServer
from smartlead_async.testing.state import Tag
from tests.helpers.sandbox_api import Api

LIST_SUM_KEYS = ("imported", "duplicates", "blocked", "invalid", "lead_import_stopped_count")


async def _new_list(api: Api, name: str = "Prospects") -> dict[str, Any]:
    body = await api.ok("POST", "/lead-list/", {"listName": name})
    data: dict[str, Any] = body["data"]
    return data


async def _import(api: Api, list_id: int, rows: list[dict[str, Any]], **extra: Any) -> Any:
    body = {"leadList": rows, "fileName": "upload.csv", **extra}
    return await api.ok("POST", f"/lead-list/{list_id}/import", body)


def _assert_adds_up(counts: dict[str, Any]) -> None:
    assert sum(counts[k] for k in LIST_SUM_KEYS) == counts["total_leads"], counts


def _tag(sandbox: SandboxServer, name: str) -> Tag:
    state = sandbox.state
    tag = Tag(state.next_id("tag"), name, "#123456", state.now())
    state.tags[tag.id] = tag
    return tag


# --------------------------------------------------------------------------- LL1-LL5


async def test_crud_round_trip(api: Api) -> None:
    created = await _new_list(api, "Q1 founders")
    assert created["name"] == "Q1 founders" and created["lead_count"] == 0
    list_id = created["id"]
    fetched = await api.ok("GET", f"/lead-list/{list_id}")
    assert fetched == {"ok": True, "data": created}
    renamed = await api.ok("PUT", f"/lead-list/{list_id}", {"listName": "Q2 founders"})
    assert renamed["data"]["name"] == "Q2 founders"
    assert await api.ok("DELETE", f"/lead-list/{list_id}") == {"ok": True}
    status, body = await api.call("GET", f"/lead-list/{list_id}")
    assert status == 404 and str(list_id) in body["message"]


async def test_both_slash_forms_of_the_collection(api: Api) -> None:
    await api.ok("POST", "/lead-list", {"listName": "No slash"})
    with_slash = await api.ok("GET", "/lead-list/")
    without = await api.ok("GET", "/lead-list")
    assert with_slash == without and [x["name"] for x in without["data"]] == ["No slash"]


async def test_snake_case_names_are_rejected_with_a_hint(api: Api) -> None:
    status, body = await api.call("POST", "/lead-list/", {"list_name": "x"})
    assert status == 400 and "listName" in body["message"] and "camelCase" in body["message"]
    status, body = await api.call("POST", "/lead-list/", {"listName": "  "})
    assert status == 400 and "listName" in body["message"]


async def test_listing_pages_and_filters(api: Api, sandbox: SandboxServer) -> None:
    ids = [(await _new_list(api, f"List {i}"))["id"] for i in range(12)]
    default = await api.ok("GET", "/lead-list/")
    assert [x["id"] for x in default["data"]] == ids[:10]
    page = await api.ok("GET", "/lead-list/", offset=10, limit=5)
    assert [x["id"] for x in page["data"]] == ids[10:]
    named = await api.ok("GET", "/lead-list/", listName="list 1")
    assert sorted(x["name"] for x in named["data"]) == ["List 1", "List 10", "List 11"]
    tag = _tag(sandbox, "hot")
    sandbox.state.lead_lists[ids[3]].tag_ids.append(tag.id)
    tagged = await api.ok("GET", "/lead-list/", tagIds=f"{tag.id},999")
    assert [x["id"] for x in tagged["data"]] == [ids[3]]
    for params in ({"limit": 1001}, {"limit": 0}, {"offset": -1}, {"tagIds": "a,b"}):
        status, _ = await api.call("GET", "/lead-list/", **params)
        assert status == 400, params


# --------------------------------------------------------------------------- LL6 import


async def test_import_buckets_add_up(api: Api, sandbox: SandboxServer) -> None:
    state = sandbox.state
    state.add_block_entry("blocked.example")
    gone = state.add_lead("gone@example.com")
    state.unsubscribe_lead(gone)
    lst = await _new_list(api)
    rows: list[dict[str, Any]] = [
        {"email": "Ada@Example.com", "first_name": "Ada"},
        {"email": "ada@example.com"},  # duplicate in the batch (case-insensitive)
        {"email": "not-an-email"},
        {"email": "x@blocked.example"},
        {"email": "GONE@example.com"},
        {"email": "grace@example.com", "custom_fields": {"title": "CTO"}},
    ]
    counts = (await _import(api, lst["id"], rows))["data"]
    assert counts["total_leads"] == 6
    assert (counts["imported"], counts["duplicates"], counts["invalid"], counts["blocked"]) == (
        2,
        1,
        1,
        2,
    )
    _assert_adds_up(counts)
    again = (await _import(api, lst["id"], [{"email": "ADA@example.com"}]))["data"]
    assert (again["imported"], again["duplicates"]) == (0, 1)
    listed = await api.ok("GET", f"/lead-list/{lst['id']}")
    assert listed["data"]["lead_count"] == 2
    grace = state.lead_by_email("grace@example.com")
    assert grace is not None and grace.custom_fields == {"title": "CTO"}


async def test_import_settings_can_ignore_block_and_unsubscribe(
    api: Api, sandbox: SandboxServer
) -> None:
    sandbox.state.add_block_entry("blocked.example")
    sandbox.state.unsubscribe_lead(sandbox.state.add_lead("gone@example.com"))
    lst = await _new_list(api)
    rows = [{"email": "x@blocked.example"}, {"email": "gone@example.com"}]
    settings = {"ignoreGlobalBlockList": True, "ignoreUnsubscribeList": True}
    counts = (await _import(api, lst["id"], rows, csvSettings=settings))["data"]
    assert counts["imported"] == 2 and counts["blocked"] == 0
    status, body = await api.call(
        "POST",
        f"/lead-list/{lst['id']}/import",
        {"leadList": rows, "fileName": "f", "csvSettings": {"ignoreGlobalBlockList": "yes"}},
    )
    assert status == 400 and "csvSettings" in body["message"]


async def test_import_applies_shared_custom_fields(api: Api, sandbox: SandboxServer) -> None:
    lst = await _new_list(api)
    rows: list[dict[str, Any]] = [
        {"email": "a@example.com"},
        {"email": "b@example.com", "custom_fields": {"src": "row"}},
    ]
    await _import(api, lst["id"], rows, customFields={"src": "list", "batch": "7"})
    a, b = (sandbox.state.lead_by_email(e) for e in ("a@example.com", "b@example.com"))
    assert a is not None and a.custom_fields == {"src": "list", "batch": "7"}
    assert b is not None and b.custom_fields == {"src": "row", "batch": "7"}


async def test_random_batches_always_add_up(api: Api) -> None:
    rng = random.Random(5)
    lst = await _new_list(api)
    pool = [f"user{i}@example.com" for i in range(60)] + ["bad@", "also bad", "@x.io"]
    for _ in range(15):
        rows = [{"email": rng.choice(pool).upper() if rng.random() < 0.2 else rng.choice(pool)}]
        rows += [{"email": rng.choice(pool)} for _ in range(rng.randint(0, 40))]
        _assert_adds_up((await _import(api, lst["id"], rows))["data"])


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"fileName": "f"}, "leadList"),
        ({"lead_list": [{"email": "a@b.co"}], "fileName": "f"}, "camelCase"),
        ({"leadList": [], "fileName": "f"}, "leadList"),
        ({"leadList": [{"first_name": "x"}], "fileName": "f"}, "email"),
        ({"leadList": [{"email": "a@b.co"}]}, "fileName"),
        ({"leadList": [{"email": "a@b.co"}], "fileName": "f", "customFields": []}, "customFields"),
    ],
)
async def test_import_validation(api: Api, body: dict[str, Any], fragment: str) -> None:
    lst = await _new_list(api)
    status, answer = await api.call("POST", f"/lead-list/{lst['id']}/import", body)
    assert status == 400 and fragment in answer["message"]


async def test_import_into_unknown_list_is_404(api: Api) -> None:
    status, _ = await api.call(
        "POST", "/lead-list/999999/import", {"leadList": [{"email": "a@b.co"}], "fileName": "f"}
    )
    assert status == 404


@pytest_asyncio.fixture
async def capped() -> AsyncIterator[tuple[SandboxServer, Api]]:
    async with (
        SandboxServer(rate_limits=None, import_cap=5, lead_limit=7, api_key="k") as server,
        aiohttp.ClientSession() as session,
    ):
        yield server, Api(session, server)


async def test_import_cap_and_lead_limit(capped: tuple[SandboxServer, Api]) -> None:
    _, api = capped
    lst = await _new_list(api)
    rows = [{"email": f"u{i}@example.com"} for i in range(6)]
    status, body = await api.call(
        "POST", f"/lead-list/{lst['id']}/import", {"leadList": rows, "fileName": "f"}
    )
    assert status == 400
    assert body == {
        "error": "leadList cannot exceed 5 leads per request",
        "provided_count": 6,
        "max_allowed": 5,
    }
    first = (await _import(api, lst["id"], rows[:5]))["data"]
    assert first["imported"] == 5 and not first["is_lead_limit_exhausted"]
    more = [{"email": f"v{i}@example.com"} for i in range(5)]
    second = (await _import(api, lst["id"], more))["data"]
    assert second["imported"] == 2
    assert second["lead_import_stopped_count"] == 3 and second["is_lead_limit_exhausted"]
    _assert_adds_up(second)


async def test_import_failure_after_store_is_seen_as_duplicates_on_retry() -> None:
    faults = Faults(seed=1, server_error=1.0, after_store_share=1.0, path=r"/import$")
    async with (
        SandboxServer(rate_limits=None, api_key="k", faults=faults) as server,
        aiohttp.ClientSession() as session,
    ):
        api = Api(session, server)
        lst = await _new_list(api)
        rows = [{"email": f"r{i}@example.com"} for i in range(4)]
        body = {"leadList": rows, "fileName": "f"}
        status, _ = await api.call("POST", f"/lead-list/{lst['id']}/import", body)
        assert status in (500, 502, 503)
        server.set_faults(None)
        retry = await api.ok("POST", f"/lead-list/{lst['id']}/import", body)
        assert retry["data"]["imported"] == 0 and retry["data"]["duplicates"] == 4


# --------------------------------------------------------------------------- LL7 push to campaign


async def _filled_list(api: Api, count: int = 3) -> dict[str, Any]:
    lst = await _new_list(api)
    await _import(api, lst["id"], [{"email": f"p{i}@example.com"} for i in range(count)])
    return lst


async def test_push_copy_keeps_list_and_reports_duplicates(
    api: Api, sandbox: SandboxServer
) -> None:
    lst = await _filled_list(api)
    camp = sandbox.state.add_campaign("Target")
    body = {"campaignId": camp.id, "action": "copy", "leadList": {"listId": lst["id"]}}
    first = (await api.ok("POST", "/leads/push-to-campaign", body))["data"]
    assert first["campaign_id"] == camp.id and first["imported"] == 3
    assert len(camp.lead_map_ids) == 3
    assert (await api.ok("GET", f"/lead-list/{lst['id']}"))["data"]["lead_count"] == 3
    second = (await api.ok("POST", "/leads/push-to-campaign", body))["data"]
    assert second["imported"] == 0 and second["duplicates"] == 3
    _assert_adds_up(second)


async def test_push_move_by_name_creates_campaign_and_empties_list(
    api: Api, sandbox: SandboxServer
) -> None:
    lst = await _filled_list(api)
    body = {"campaignName": "Auto created", "action": "move", "leadList": {"listId": lst["id"]}}
    data = (await api.ok("POST", "/leads/push-to-campaign", body))["data"]
    camp = sandbox.state.campaigns[data["campaign_id"]]
    assert camp.name == "Auto created" and len(camp.lead_map_ids) == 3
    assert data["removed_from_lists"] == 3
    assert (await api.ok("GET", f"/lead-list/{lst['id']}"))["data"]["lead_count"] == 0


async def test_push_selected_lead_ids(api: Api, sandbox: SandboxServer) -> None:
    lst = await _filled_list(api)
    camp = sandbox.state.add_campaign("Target")
    lead = sandbox.state.lead_by_email("p1@example.com")
    assert lead is not None
    body = {
        "campaignId": camp.id,
        "action": "copy",
        "leadList": {"leadIds": [lead.id, 987654321]},
    }
    data = (await api.ok("POST", "/leads/push-to-campaign", body))["data"]
    assert (data["total_leads"], data["imported"], data["invalid"]) == (2, 1, 1)
    assert list(camp.map_by_lead_id) == [lead.id]
    assert lst["id"] in lead.list_ids


@pytest.mark.parametrize(
    ("body", "status", "fragment"),
    [
        ({"action": "copy", "leadList": {"listId": 1}}, 404, "Lead list"),
        ({"campaignId": 1, "action": "clone", "leadList": {}}, 400, "action"),
        ({"campaignName": "x", "action": "copy", "leadList": {}}, 400, "leadList"),
        (
            {"campaignName": "x", "action": "copy", "leadList": {"leadIds": list(range(10001))}},
            400,
            "10000",
        ),
        ({"campaignId": 999999, "action": "copy", "leadList": {"allLeads": True}}, 404, "999999"),
        (
            {
                "campaignId": 1,
                "campaignName": "x",
                "action": "copy",
                "leadList": {"allLeads": True},
            },
            400,
            "not both",
        ),
        ({"action": "copy", "leadList": {"allLeads": True}}, 400, "campaignName"),
    ],
)
async def test_push_validation(api: Api, body: dict[str, Any], status: int, fragment: str) -> None:
    got, answer = await api.call("POST", "/leads/push-to-campaign", body)
    assert got == status and fragment in answer["message"]


# --------------------------------------------------------------------------- LL8 between lists


async def test_push_between_lists_copy_then_move(api: Api) -> None:
    source = await _filled_list(api, 4)
    target = await _new_list(api, "Target")
    copy = {"action": "copy", "fromListId": source["id"], "toListId": target["id"]}
    data = (await api.ok("POST", "/leads/leads/push-between-lists", copy))["data"]
    assert (data["total_leads"], data["pushed"], data["duplicates"]) == (4, 4, 0)
    moved = await api.ok("POST", "/leads/leads/push-between-lists", {**copy, "action": "move"})
    assert (moved["data"]["pushed"], moved["data"]["duplicates"]) == (0, 4)
    assert (await api.ok("GET", f"/lead-list/{source['id']}"))["data"]["lead_count"] == 0
    assert (await api.ok("GET", f"/lead-list/{target['id']}"))["data"]["lead_count"] == 4


async def test_push_between_lists_by_ids_moves_out_of_every_other_list(
    api: Api, sandbox: SandboxServer
) -> None:
    source = await _filled_list(api, 2)
    target = await _new_list(api, "Target")
    lead = sandbox.state.lead_by_email("p0@example.com")
    assert lead is not None
    body = {"action": "move", "leadIds": [lead.id], "toListId": target["id"]}
    data = (await api.ok("POST", "/leads/leads/push-between-lists", body))["data"]
    assert data["pushed"] == 1
    assert lead.list_ids == [target["id"]]
    assert (await api.ok("GET", f"/lead-list/{source['id']}"))["data"]["lead_count"] == 1


async def test_push_between_lists_validation(api: Api) -> None:
    lst = await _new_list(api)
    path = "/leads/leads/push-between-lists"
    cases = [
        ({"action": "copy", "toListId": lst["id"]}, 400),
        ({"action": "copy", "fromListId": lst["id"], "toListId": lst["id"]}, 400),
        ({"action": "copy", "leadIds": [], "toListId": lst["id"]}, 400),
        ({"action": "copy", "leadIds": [1], "toListId": 999999}, 404),
        ({"leadIds": [1], "toListId": lst["id"]}, 400),
    ]
    for body, status in cases:
        got, _ = await api.call("POST", path, body)
        assert got == status, body


# --------------------------------------------------------------------------- LL9 tags


async def test_assign_and_remove_tags(api: Api, sandbox: SandboxServer) -> None:
    hot, cold = _tag(sandbox, "hot"), _tag(sandbox, "cold")
    lists = [(await _new_list(api, f"L{i}"))["id"] for i in range(2)]
    body = {"listIds": lists, "tagIds": [hot.id, cold.id]}
    assert await api.ok("POST", "/lead-list/assign-tags", body) == {"ok": True}
    assert [sandbox.state.lead_lists[i].tag_ids for i in lists] == [[hot.id, cold.id]] * 2
    await api.ok("POST", "/lead-list/assign-tags", {"listIds": lists[:1], "removeTagIds": [hot.id]})
    assert sandbox.state.lead_lists[lists[0]].tag_ids == [cold.id]
    listed = await api.ok("GET", f"/lead-list/{lists[0]}")
    assert listed["data"]["tags"] == [{"id": cold.id, "name": "cold", "color": "#123456"}]


async def test_assign_tags_caps_and_errors(api: Api, sandbox: SandboxServer) -> None:
    tag = _tag(sandbox, "t")
    lst = (await _new_list(api))["id"]
    cases = [
        ({"listIds": [lst] * 11, "tagIds": [tag.id]}, "at most 10"),
        ({"listIds": [lst], "tagIds": [tag.id] * 11}, "at most 10"),
        ({"listIds": [lst], "removeTagIds": [tag.id] * 11}, "at most 10"),
        ({"listIds": [], "tagIds": [tag.id]}, "at least 1"),
        ({"listIds": [lst]}, "removeTagIds"),
        ({"listIds": [lst], "tagIds": [999]}, "tag 999"),
        ({"list_ids": [lst], "tagIds": [tag.id]}, "camelCase"),
    ]
    for body, fragment in cases:
        status, answer = await api.call("POST", "/lead-list/assign-tags", body)
        assert status == 400 and fragment in answer["message"], (body, answer)
    status, _ = await api.call(
        "POST", "/lead-list/assign-tags", {"listIds": [999], "tagIds": [tag.id]}
    )
    assert status == 404


async def test_delete_list_keeps_pushed_leads_in_campaign(api: Api, sandbox: SandboxServer) -> None:
    lst = await _filled_list(api)
    camp = sandbox.state.add_campaign("Keep")
    body = {"campaignId": camp.id, "action": "copy", "leadList": {"allLeads": True}}
    await api.ok("POST", "/leads/push-to-campaign", body)
    await api.ok("DELETE", f"/lead-list/{lst['id']}")
    assert len(camp.lead_map_ids) == 3
    assert all(not lead.list_ids for lead in sandbox.state.leads.values())
