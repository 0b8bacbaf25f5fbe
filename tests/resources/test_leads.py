"""``client.leads``: wire-level tests (exact paths, queries and bodies) and client-side limits."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import (
    APIError,
    InvalidTypeError,
    NotFoundError,
    ResponseValidationError,
    SmartleadClient,
    ValidationError,
)
from smartlead_async.models.common import OkResponse
from smartlead_async.models.leads import Lead, LeadCategoryUpdate, MessageHistory
from smartlead_async.testing.pytest_plugin import SandboxClient
from smartlead_async.testing.sandbox import SandboxServer
from smartlead_async.testing.state import CampaignLead, Note, Tag, Task
from tests.helpers.wire import route, sent

pytestmark = [
    pytest.mark.smartlead_sandbox(rate_limits=None, seed=11),
    pytest.mark.smartlead_client(retry=None),
]


# --- campaign-lead actions ------------------------------------------------------------------


async def test_update_sends_email_and_fields(sl: SmartleadClient, m: aioresponses) -> None:
    m.post(route("/campaigns/7/leads/42"), payload={"ok": True})
    result = await sl.leads.update(
        7,
        42,
        email=" ada@example.com ",
        first_name="Ada",
        phone_number="+1 555",
        custom_fields={"role": "CTO", "seats": 12},
    )
    assert result == OkResponse(ok=True)
    assert sent(m) == [
        (
            "POST",
            "/campaigns/7/leads/42",
            {},
            {
                "email": "ada@example.com",
                "first_name": "Ada",
                "phone_number": "+1 555",
                "custom_fields": {"role": "CTO", "seats": 12},
            },
        )
    ]


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        ({"email": "not-an-email"}, ValidationError, "not a valid address"),
        ({"email": ""}, ValidationError, "email is missing"),
        (
            {"email": "a@example.com", "custom_fields": {f"f{i}": i for i in range(201)}},
            ValidationError,
            "at most 200",
        ),
        ({"email": "a@example.com", "first_name": ["x"]}, InvalidTypeError, "first_name"),
    ],
)
async def test_update_rejects_bad_input_without_request(
    sl: SmartleadClient,
    m: aioresponses,
    kwargs: dict[str, Any],
    error: type[Exception],
    fragment: str,
) -> None:
    with pytest.raises(error, match=fragment):
        await sl.leads.update(7, 42, **kwargs)
    assert m.requests == {}


@pytest.mark.parametrize(
    ("campaign_id", "lead_id", "error", "fragment"),
    [
        ("7", 42, InvalidTypeError, "campaign_id must be an int"),
        (7, True, InvalidTypeError, "lead_id must be an int"),
        (-1, 42, ValidationError, "campaign_id must be a positive id"),
    ],
)
async def test_ids_are_checked_before_sending(
    sl: SmartleadClient,
    m: aioresponses,
    campaign_id: Any,
    lead_id: Any,
    error: type[Exception],
    fragment: str,
) -> None:
    with pytest.raises(error, match=fragment):
        await sl.leads.pause(campaign_id, lead_id)
    with pytest.raises(error, match=fragment):
        await sl.leads.get_message_history(campaign_id, lead_id)
    assert m.requests == {}


async def test_pause_returns_ack(sl: SmartleadClient, m: aioresponses) -> None:
    m.post(route("/campaigns/7/leads/42/pause"), payload={"ok": True, "data": "success"})
    result = await sl.leads.pause(7, 42)
    assert result.ok is True
    assert result.data == "success"
    assert sent(m) == [("POST", "/campaigns/7/leads/42/pause", {}, None)]


async def test_resume_with_and_without_delay(sl: SmartleadClient, m: aioresponses) -> None:
    m.post(route("/campaigns/7/leads/42/resume"), payload={"ok": True}, repeat=True)
    await sl.leads.resume(7, 42, delay_days=3)
    await sl.leads.resume(7, 42)
    bodies = [body for *_, body in sent(m)]
    assert bodies == [{"resume_lead_with_delay_days": 3}, {}]


async def test_resume_rejects_negative_delay(sl: SmartleadClient, m: aioresponses) -> None:
    with pytest.raises(ValidationError, match="delay_days must be between 0 and 365"):
        await sl.leads.resume(7, 42, delay_days=-1)
    with pytest.raises(InvalidTypeError, match="delay_days must be an int"):
        await sl.leads.resume(7, 42, delay_days=1.5)  # type: ignore[arg-type]
    assert m.requests == {}


async def test_delete_from_campaign_accepts_plain_text_success(
    sl: SmartleadClient, m: aioresponses
) -> None:
    m.delete(route("/campaigns/7/leads/42"), body="success", content_type="text/plain")
    result = await sl.leads.delete_from_campaign(7, 42)
    assert result.ok is True
    assert result.message == "success"
    assert sent(m) == [("DELETE", "/campaigns/7/leads/42", {}, None)]


async def test_delete_from_campaign_accepts_json_ack(sl: SmartleadClient, m: aioresponses) -> None:
    m.delete(route("/campaigns/7/leads/42"), payload={"ok": True})
    assert (await sl.leads.delete_from_campaign(7, 42)).ok is True


async def test_delete_from_campaign_rejects_other_text(
    sl: SmartleadClient, m: aioresponses
) -> None:
    m.delete(route("/campaigns/7/leads/42"), body="lead not found", content_type="text/plain")
    with pytest.raises(ResponseValidationError, match="lead not found"):
        await sl.leads.delete_from_campaign(7, 42)


async def test_ok_false_is_an_api_error(sl: SmartleadClient, m: aioresponses) -> None:
    m.delete(route("/campaigns/7/leads/42"), payload={"ok": False, "message": "lead is locked"})
    with pytest.raises(APIError, match="lead is locked") as info:
        await sl.leads.delete_from_campaign(7, 42)
    assert info.value.status == 200


# Actions that answer a bare acknowledgement: (call, method, path, query, JSON body).
ACKS = [
    pytest.param(
        lambda sl: sl.leads.unsubscribe_from_campaign(7, 42),
        "POST",
        "/campaigns/7/leads/42/unsubscribe",
        {},
        None,
        id="unsubscribe from campaign",
    ),
    pytest.param(
        lambda sl: sl.leads.mark_complete(7, 900),
        "POST",
        "/campaigns/7/leads/900/manual-complete",
        {},
        None,
        id="mark complete uses the map id",
    ),
    pytest.param(
        lambda sl: sl.leads.unsubscribe(1001),
        "POST",
        "/leads/1001/unsubscribe",
        {},
        None,
        id="unsubscribe globally",
    ),
    pytest.param(
        lambda sl: sl.leads.remove_from_block_list(228361167),
        "DELETE",
        "/leads/delete-domain-block-list",
        {"id": "228361167"},
        None,
        id="remove from block list",
    ),
    pytest.param(
        lambda sl: sl.leads.add_tags(1001, [4, 5]),
        "POST",
        "/crm/leads/tags",
        {},
        {"leadId": 1001, "tagIds": [4, 5]},
        id="add tags camel case body",
    ),
    pytest.param(
        lambda sl: sl.leads.remove_tag(31),
        "DELETE",
        "/crm/leads/tags/31",
        {},
        None,
        id="remove tag",
    ),
]


@pytest.mark.parametrize(("call", "method", "path", "query", "body"), ACKS)
async def test_acknowledged_actions(
    sl: SmartleadClient,
    m: aioresponses,
    call: Callable[[SmartleadClient], Awaitable[OkResponse]],
    method: str,
    path: str,
    query: dict[str, str],
    body: Any,
) -> None:
    m.add(route(path), method=method, payload={"ok": True})
    assert (await call(sl)).ok is True
    assert sent(m) == [(method, path, query, body)]


async def test_set_category_body_and_result(sl: SmartleadClient, m: aioresponses) -> None:
    m.post(
        route("/campaigns/7/leads/42/category"), payload={"category_id": "5", "pause_lead": True}
    )
    result = await sl.leads.set_category(7, 42, 5, pause_lead=True)
    assert result == LeadCategoryUpdate(category_id=5, pause_lead=True)
    assert sent(m)[0][3] == {"category_id": 5, "pause_lead": True}


async def test_set_category_none_clears(sl: SmartleadClient, m: aioresponses) -> None:
    m.post(route("/campaigns/7/leads/42/category"), payload={"ok": True})
    result = await sl.leads.set_category(7, 42, None)
    assert result.ok is True
    assert result.category_id is None
    assert sent(m)[0][3] == {"category_id": None, "pause_lead": False}


async def test_set_category_checks_arguments(sl: SmartleadClient, m: aioresponses) -> None:
    with pytest.raises(InvalidTypeError, match="category_id"):
        await sl.leads.set_category(7, 42, "Interested")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="pause_lead must be True or False"):
        await sl.leads.set_category(7, 42, 1, pause_lead="yes")  # type: ignore[arg-type]
    assert m.requests == {}


HISTORY = {
    "history": [
        {
            "stats_id": "a1b2",
            "from": "me@sender.com",
            "to": "ada@example.com",
            "type": "SENT",
            "message_id": "<m1@sender.com>",
            "time": "2026-03-01T09:00:00.000Z",
            "email_body": "<p>Hi</p>",
            "subject": "Hello",
            "email_seq_number": "1",
            "open_count": 2,
            "click_count": "0",
            "click_details": {},
            "cc": None,
            "attachments": [],
        },
        {
            "stats_id": "a1b2",
            "from": "ada@example.com",
            "to": "me@sender.com",
            "type": "REPLY",
            "message_id": "<r1@example.com>",
            "time": "2026-03-02T10:30:00Z",
            "email_body": "Thanks!",
            "subject": "Re: Hello",
        },
    ],
    "from": "me@sender.com",
    "to": "ada@example.com",
}


async def test_message_history_query_and_values(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(route("/campaigns/7/leads/42/message-history"), payload=HISTORY)
    history = await sl.leads.get_message_history(
        7,
        42,
        event_time_gt=datetime(2026, 3, 1, 8, 0, tzinfo=UTC),
        show_plain_text_response=True,
    )
    assert sent(m) == [
        (
            "GET",
            "/campaigns/7/leads/42/message-history",
            {"event_time_gt": "2026-03-01T08:00:00Z", "show_plain_text_response": "true"},
            None,
        )
    ]
    assert isinstance(history, MessageHistory)
    assert history.from_email == "me@sender.com"
    assert [row.type for row in history.history] == ["SENT", "REPLY"]
    first, reply = history.history
    assert first.email_seq_number == 1
    assert first.open_count == 2
    assert first.click_count == 0
    assert first.time == datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    assert reply.is_reply and not first.is_reply
    assert reply.stats_id == "a1b2"


async def test_message_history_tolerates_placeholder_and_envelope(
    sl: SmartleadClient, m: aioresponses
) -> None:
    m.get(
        route("/campaigns/7/leads/42/message-history"),
        payload={"messages": [{"direction": "REPLY", "sent_at": "2026-01-01", "subject": "x"}]},
    )
    m.get(
        route("/campaigns/7/leads/43/message-history"),
        payload={"ok": True, "data": {"history": [{"type": "SENT", "stats_id": 9}]}},
    )
    placeholder = await sl.leads.get_message_history(7, 42)
    assert placeholder.history[0].type == "REPLY"
    assert placeholder.history[0].time == datetime(2026, 1, 1, tzinfo=UTC)
    wrapped = await sl.leads.get_message_history(7, 43)
    assert wrapped.history[0].stats_id == "9"


async def test_message_history_bare_array_and_text_time(
    sl: SmartleadClient, m: aioresponses
) -> None:
    m.get(route("/campaigns/7/leads/42/message-history"), payload=[{"type": "SENT"}])
    history = await sl.leads.get_message_history(7, 42, event_time_gt=" 2026-03-01T08:00:00Z ")
    assert [row.type for row in history.history] == ["SENT"]
    assert sent(m)[0][2] == {"event_time_gt": "2026-03-01T08:00:00Z"}


async def test_message_history_rejects_bad_time(sl: SmartleadClient, m: aioresponses) -> None:
    with pytest.raises(ValidationError, match="ISO 8601"):
        await sl.leads.get_message_history(7, 42, event_time_gt="yesterday")
    with pytest.raises(InvalidTypeError, match="event_time_gt"):
        await sl.leads.get_message_history(7, 42, event_time_gt=1700000000)  # type: ignore[arg-type]
    assert m.requests == {}


# --- workspace leads ------------------------------------------------------------------------


LEAD = {
    "id": "1001",
    "first_name": "Ada",
    "last_name": "Lovelace",
    "email": "ada@example.com",
    "custom_fields": {"role": "CTO"},
    "is_unsubscribed": False,
    "created_at": "2026-02-01T12:00:00.000Z",
    "lead_campaign_data": [
        {
            "campaign_lead_map_id": "555",
            "campaign_id": 7,
            "campaign_name": "Q1",
            "client_id": None,
            "lead_category_id": 3,
        }
    ],
}


async def test_get_by_email_found(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(route("/leads/"), payload=LEAD)
    lead = await sl.leads.get_by_email("ada@example.com")
    assert lead is not None
    assert lead.id == 1001
    assert lead.lead_campaign_data[0].campaign_lead_map_id == 555
    assert lead.lead_campaign_data[0].campaign_name == "Q1"
    assert sent(m) == [("GET", "/leads/", {"email": "ada@example.com"}, None)]


@pytest.mark.parametrize("payload", [{}, {"ok": True, "data": None}, {"ok": True, "data": {}}])
async def test_get_by_email_not_found_is_none(
    sl: SmartleadClient, m: aioresponses, payload: dict[str, Any]
) -> None:
    m.get(route("/leads/"), payload=payload)
    assert await sl.leads.get_by_email("nobody@example.com") is None


async def test_get_by_email_checks_address(sl: SmartleadClient, m: aioresponses) -> None:
    with pytest.raises(ValidationError, match="not a valid email"):
        await sl.leads.get_by_email("nobody")
    with pytest.raises(InvalidTypeError, match="email"):
        await sl.leads.get_by_email(None)  # type: ignore[arg-type]
    assert m.requests == {}


async def test_get_by_id(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(route("/leads/1001"), payload={"ok": True, "data": LEAD})
    lead = await sl.leads.get(1001)
    assert (lead.id, lead.email, lead.custom_fields) == (1001, "ada@example.com", {"role": "CTO"})


@pytest.mark.parametrize("empty", [{}, None, {"ok": True, "data": {}}])
async def test_get_by_id_empty_is_not_found(
    sl: SmartleadClient, m: aioresponses, empty: object
) -> None:
    m.get(route("/leads/1001"), payload=empty)
    with pytest.raises(NotFoundError, match="lead 1001 does not exist"):
        await sl.leads.get(1001)


async def test_list_campaigns(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(
        route("/leads/1001/campaigns"),
        payload=[{"id": 7, "status": "ACTIVE", "name": "Q1"}, {"id": "8", "name": "Q2"}],
    )
    campaigns = await sl.leads.list_campaigns(1001)
    assert [(c.id, c.name, c.status) for c in campaigns] == [
        (7, "Q1", "ACTIVE"),
        (8, "Q2", None),
    ]


async def test_iter_all_walks_has_more(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(
        route("/leads/global-leads"),
        payload={"data": [{"id": 1}, {"id": 2}], "skip": 0, "limit": 2, "hasMore": True},
    )
    m.get(
        route("/leads/global-leads"),
        payload={"data": [{"id": 3}], "skip": 2, "limit": 2, "hasMore": False},
    )
    leads = await sl.leads.iter_all(
        created_at_gt=date(2026, 1, 1), email="ada@example.com", limit=2
    ).to_list()
    assert [lead.id for lead in leads] == [1, 2, 3]
    queries = [query for _, _, query, _ in sent(m)]
    assert queries == [
        {"offset": "0", "limit": "2", "created_at_gt": "2026-01-01", "email": "ada@example.com"},
        {"offset": "2", "limit": "2", "created_at_gt": "2026-01-01", "email": "ada@example.com"},
    ]


async def test_iter_all_tolerates_text_meta_and_missing_has_more(
    sl: SmartleadClient, m: aioresponses
) -> None:
    m.get(
        route("/leads/global-leads"),
        payload={"data": [{"id": 1}, {"id": 2}], "skip": "0", "limit": "2", "hasMore": "yes"},
    )
    m.get(route("/leads/global-leads"), payload={"data": [{"id": 3}], "skip": True})
    pages = [
        page
        async for page in sl.leads.iter_all(
            created_at_gt=datetime(2026, 1, 1, 12, 30), limit=2
        ).pages()
    ]
    assert [[lead.id for lead in page.items] for page in pages] == [[1, 2], [3]]
    assert [(page.offset, page.limit, page.has_more) for page in pages] == [
        (0, 2, None),
        (2, 2, None),
    ]
    assert sent(m)[0][2]["created_at_gt"] == "2026-01-01T12:30:00Z"


async def test_iter_all_defaults_and_max_items(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(
        route("/leads/global-leads"),
        payload={"data": [{"id": i} for i in range(100)], "hasMore": True},
    )
    leads = await sl.leads.iter_all(max_items=100).to_list()
    assert len(leads) == 100
    assert [query for _, _, query, _ in sent(m)] == [{"offset": "0", "limit": "100"}]


async def test_iter_all_limits(sl: SmartleadClient, m: aioresponses) -> None:
    with pytest.raises(ValidationError, match="between 1 and 100"):
        sl.leads.iter_all(limit=101)
    with pytest.raises(ValidationError, match="created_at_gt"):
        sl.leads.iter_all(created_at_gt="2026-13-45")
    assert m.requests == {}


async def test_iter_by_cursor_passes_last_id(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(route("/leads/all"), payload={"ok": True, "data": {"leads": [{"id": 5}, {"id": 9}]}})
    m.get(route("/leads/all"), payload=[{"id": 12}])
    leads = await sl.leads.iter_by_cursor(
        campaign_id=7,
        status="PAUSED",
        email_status="is_replied",
        lead_type="active",
        list_id=3,
        client_id=4,
        lead_email="ada",
        limit=2,
    ).to_list()
    assert [lead.id for lead in leads] == [5, 9, 12]
    filters = {
        "campaignId": "7",
        "status": "PAUSED",
        "emailStatus": "is_replied",
        "leadType": "active",
        "listId": "3",
        "clientId": "4",
        "leadEmail": "ada",
        "limit": "2",
    }
    assert [query for _, _, query, _ in sent(m)] == [
        filters,
        {**filters, "lastSeenLeadId": "9"},
    ]


async def test_iter_by_cursor_resumes_and_stops_on_empty(
    sl: SmartleadClient, m: aioresponses
) -> None:
    m.get(route("/leads/all"), payload={"ok": True, "data": {"leads": []}})
    assert await sl.leads.iter_by_cursor(last_seen_lead_id=77).to_list() == []
    assert [query for _, _, query, _ in sent(m)] == [{"limit": "1000", "lastSeenLeadId": "77"}]


async def test_iter_by_cursor_limits(sl: SmartleadClient, m: aioresponses) -> None:
    with pytest.raises(ValidationError, match="between 1 and 1000"):
        sl.leads.iter_by_cursor(limit=1001)
    with pytest.raises(ValidationError, match="status must be one of"):
        sl.leads.iter_by_cursor(status="ACTIVE")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="lead_type must be one of"):
        sl.leads.iter_by_cursor(lead_type="old")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="email_status must be one of"):
        sl.leads.iter_by_cursor(email_status="opened")  # type: ignore[arg-type]
    assert m.requests == {}


async def test_list_categories(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(
        route("/leads/fetch-categories"),
        payload=[
            {"id": 1, "name": "Interested", "created_at": "2024-01-01T00:00:00Z"},
            {"id": "9", "name": "Bounced", "sentiment_type": "negative"},
        ],
    )
    categories = await sl.leads.list_categories()
    assert [(c.id, c.name, c.sentiment_type) for c in categories] == [
        (1, "Interested", None),
        (9, "Bounced", "negative"),
    ]


async def test_campaign_overview_shapes(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(
        route("/leads/1001/campaign-overview"),
        payload={
            "ok": True,
            "data": [{"campaign_id": 7, "campaign_name": "Q1", "sent_count": "3"}],
        },
    )
    m.get(route("/leads/1002/campaign-overview"), payload={"id": 8, "name": "Q2"})
    m.get(route("/leads/1003/campaign-overview"), payload={"ok": True, "data": {}})
    rows = await sl.leads.get_campaign_overview(1001)
    assert [(r.campaign_id, r.campaign_name, r.sent_count) for r in rows] == [(7, "Q1", 3)]
    single = await sl.leads.get_campaign_overview(1002)
    assert [(r.campaign_id, r.campaign_name) for r in single] == [(8, "Q2")]
    assert await sl.leads.get_campaign_overview(1003) == []


async def test_sequence_details_shapes(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(
        route("/leads/900/sequence-details"),
        payload={"ok": True, "data": [{"seq_number": 1, "subject": "Hi", "status": "SENT"}]},
    )
    m.get(
        route("/leads/901/sequence-details"),
        payload={"campaign_id": 7, "current_sequence_number": 2, "sequences": [{"seq_number": 2}]},
    )
    listed = await sl.leads.get_sequence_details(900)
    assert listed.campaign_lead_map_id == 900
    assert [(s.seq_number, s.subject, s.status) for s in listed.steps] == [(1, "Hi", "SENT")]
    detailed = await sl.leads.get_sequence_details(901)
    assert (detailed.campaign_id, detailed.current_sequence_number) == (7, 2)
    assert detailed.steps[0].seq_number == 2


# --- block list -----------------------------------------------------------------------------


async def test_iter_block_list_short_pages(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(
        route("/leads/get-domain-block-list"),
        payload=[
            {"id": 1, "email_or_domain": "competitor.com", "source": "manual", "client_id": None},
            {"id": 2, "email_or_domain": "x@spam.io", "created_at": "2025-11-25T12:38:45.193Z"},
        ],
    )
    m.get(route("/leads/get-domain-block-list"), payload={"ok": True, "data": [{"id": 3}]})
    entries = await sl.leads.iter_block_list(
        client_id=4, email_or_domain="comp", email_with_domain="spam.io", limit=2
    ).to_list()
    assert [(e.id, e.email_or_domain) for e in entries] == [
        (1, "competitor.com"),
        (2, "x@spam.io"),
        (3, None),
    ]
    filters = {
        "filter_client_id": "4",
        "filter_email_or_domain": "comp",
        "filter_email_with_domain": "spam.io",
    }
    assert [query for _, _, query, _ in sent(m)] == [
        {**filters, "offset": "0", "limit": "2"},
        {**filters, "offset": "2", "limit": "2"},
    ]


async def test_iter_block_list_default_page_and_limits(
    sl: SmartleadClient, m: aioresponses
) -> None:
    with pytest.raises(ValidationError, match="between 1 and 1000"):
        sl.leads.iter_block_list(limit=0)
    assert m.requests == {}
    m.get(route("/leads/get-domain-block-list"), payload=[])
    assert await sl.leads.iter_block_list(offset=5).to_list() == []
    assert [query for _, _, query, _ in sent(m)] == [{"offset": "5", "limit": "1000"}]


async def test_add_to_block_list(sl: SmartleadClient, m: aioresponses) -> None:
    m.post(
        route("/leads/add-domain-block-list"), payload={"uploadCount": 2, "totalDomainAdded": "1"}
    )
    result = await sl.leads.add_to_block_list([" competitor.com", "x@spam.io"], client_id=4)
    assert (result.upload_count, result.total_domain_added) == (2, 1)
    assert sent(m) == [
        (
            "POST",
            "/leads/add-domain-block-list",
            {},
            {"domain_block_list": ["competitor.com", "x@spam.io"], "client_id": 4},
        )
    ]


async def test_add_to_block_list_without_client(sl: SmartleadClient, m: aioresponses) -> None:
    m.post(route("/leads/add-domain-block-list"), payload={"ok": True, "data": {"uploadCount": 1}})
    result = await sl.leads.add_to_block_list(iter(["competitor.com"]))
    assert result.upload_count == 1
    assert sent(m)[0][3] == {"domain_block_list": ["competitor.com"]}


@pytest.mark.parametrize(
    ("entries", "error", "fragment"),
    [
        ([], ValidationError, "at least one"),
        ("competitor.com", InvalidTypeError, "must be a list"),
        (["ok.com", 5], InvalidTypeError, r"entries\[1\] must be a str"),
        (["not a domain"], ValidationError, "neither a domain"),
        (["bad@"], ValidationError, "neither a domain"),
        ([f"d{i}.com" for i in range(1001)], ValidationError, "at most 1000 entries.*client.bulk"),
    ],
)
async def test_add_to_block_list_rejects_bad_entries(
    sl: SmartleadClient, m: aioresponses, entries: Any, error: type[Exception], fragment: str
) -> None:
    with pytest.raises(error, match=fragment):
        await sl.leads.add_to_block_list(entries)
    assert m.requests == {}


# --- CRM ------------------------------------------------------------------------------------


async def test_list_notes_and_tasks(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(
        route("/crm/leads/notes/1001"),
        payload={"ok": True, "data": [{"id": 1, "note_message": "Call back", "lead_id": 1001}]},
    )
    m.get(
        route("/crm/leads/tasks/1001"),
        payload={"ok": True, "data": {"tasks": [{"id": 2, "name": "Demo", "priority": "HIGH"}]}},
    )
    notes = await sl.leads.list_notes(1001)
    tasks = await sl.leads.list_tasks(1001)
    assert [(n.id, n.note_message, n.lead_id) for n in notes] == [(1, "Call back", 1001)]
    assert [(t.id, t.name, t.priority) for t in tasks] == [(2, "Demo", "HIGH")]


async def test_list_tags_query(sl: SmartleadClient, m: aioresponses) -> None:
    m.get(
        route("/crm/leads/tags"),
        payload=[{"id": 31, "tag_id": 4, "name": "VIP", "color": "#ff0000"}],
    )
    tags = await sl.leads.list_tags(1001)
    assert [(t.id, t.tag_id, t.name, t.color) for t in tags] == [(31, 4, "VIP", "#ff0000")]
    assert sent(m) == [("GET", "/crm/leads/tags", {"leadId": "1001"}, None)]


async def test_add_tags_needs_ids(sl: SmartleadClient, m: aioresponses) -> None:
    with pytest.raises(ValidationError, match="tag_ids needs at least 1"):
        await sl.leads.add_tags(1001, [])
    with pytest.raises(InvalidTypeError, match=r"tag_ids\[0\] must be an int"):
        await sl.leads.add_tags(1001, ["vip"])  # type: ignore[list-item]
    assert m.requests == {}


async def test_empty_ack_body(sl: SmartleadClient, m: aioresponses) -> None:
    m.post(route("/leads/1001/unsubscribe"), body=b"", content_type="application/json")
    assert await sl.leads.unsubscribe(1001) == OkResponse()


def test_lead_model_is_exported() -> None:
    assert Lead.from_dict({"id": 1}).id == 1


# --- end to end against the sandbox ---------------------------------------------------------


def enrolments(sb: SandboxServer, campaign_id: int) -> list[CampaignLead]:
    camp = sb.state.campaigns[campaign_id]
    return [sb.state.campaign_leads[i] for i in camp.lead_map_ids]


async def test_sandbox_campaign_lead_lifecycle(
    smartlead_sandbox_client: SandboxClient,
) -> None:
    sb, sl = smartlead_sandbox_client
    camp = sb.seed_campaign(leads=2, steps=2, history=False)
    row = enrolments(sb, camp.id)[0]
    lead = sb.state.leads[row.lead_id]

    assert (await sl.leads.pause(camp.id, lead.id)).data == "success"
    assert row.status == "PAUSED"
    await sl.leads.resume(camp.id, lead.id, delay_days=2)
    assert row.status in ("STARTED", "INPROGRESS")
    assert row.next_send_time is not None
    assert row.next_send_time - sb.state.now() > timedelta(days=1, hours=23)

    update = await sl.leads.set_category(camp.id, lead.id, 2, pause_lead=True)
    assert (update.category_id, update.pause_lead) == (2, True)
    assert (row.category_id, row.status) == (2, "PAUSED")
    cleared = await sl.leads.set_category(camp.id, lead.id, None)
    assert cleared.category_id is None
    assert row.category_id is None

    await sl.leads.update(
        camp.id, lead.id, email=lead.email, first_name="Zed", custom_fields={"tier": "gold"}
    )
    assert lead.first_name == "Zed"
    assert lead.custom_fields["tier"] == "gold"

    await sl.leads.unsubscribe_from_campaign(camp.id, lead.id)
    assert row.is_unsubscribed is True
    other = enrolments(sb, camp.id)[1]
    assert (await sl.leads.mark_complete(camp.id, other.id)).ok is True
    assert other.status == "COMPLETED"

    deleted = await sl.leads.delete_from_campaign(camp.id, lead.id)
    assert (deleted.ok, deleted.message) == (True, "success")
    assert row.id not in sb.state.campaign_leads
    kept = await sl.leads.get_by_email(lead.email)
    assert kept is not None
    assert kept.id == lead.id
    assert kept.lead_campaign_data == []


async def test_sandbox_errors_are_typed(smartlead_sandbox_client: SandboxClient) -> None:
    sb, sl = smartlead_sandbox_client
    camp = sb.seed_campaign(leads=1, history=False)
    with pytest.raises(NotFoundError):
        await sl.leads.pause(camp.id, 999_999_999)
    with pytest.raises(NotFoundError):
        await sl.leads.get(999_999_999)
    with pytest.raises(APIError, match="category_id 99 does not exist"):
        await sl.leads.set_category(camp.id, enrolments(sb, camp.id)[0].lead_id, 99)


async def test_sandbox_message_history(smartlead_sandbox_client: SandboxClient) -> None:
    sb, sl = smartlead_sandbox_client
    camp = sb.seed_campaign(leads=6, steps=3)
    row = max(enrolments(sb, camp.id), key=lambda r: len(sb.state.thread(r.id)))
    thread = sb.state.thread(row.id)
    assert len(thread) >= 2
    history = await sl.leads.get_message_history(camp.id, row.lead_id)
    assert [m.stats_id for m in history.history] == [m.stats_id for m in thread]
    assert [m.type for m in history.history] == [m.type for m in thread]
    assert [m.email_seq_number for m in history.history] == [m.seq_number for m in thread]
    assert history.to_email == sb.state.leads[row.lead_id].email
    later = await sl.leads.get_message_history(
        camp.id, row.lead_id, event_time_gt=thread[0].time, show_plain_text_response=True
    )
    assert [m.stats_id for m in later.history] == [m.stats_id for m in thread[1:]]
    assert all("<p>" not in (m.email_body or "") for m in later.history)


async def test_sandbox_workspace_lead_reads(
    smartlead_sandbox_client: SandboxClient,
) -> None:
    sb, sl = smartlead_sandbox_client
    camp = sb.seed_campaign(name="Reads", leads=2, steps=2)
    row = enrolments(sb, camp.id)[0]
    lead = sb.state.leads[row.lead_id]

    found = await sl.leads.get_by_email(lead.email.upper())
    assert found is not None
    assert (found.id, found.first_name, found.email) == (lead.id, lead.first_name, lead.email)
    assert [d.campaign_lead_map_id for d in found.lead_campaign_data] == [row.id]
    assert await sl.leads.get_by_email("nobody@nowhere.example") is None

    by_id = await sl.leads.get(lead.id)
    assert (by_id.id, by_id.last_name) == (lead.id, lead.last_name)
    campaigns = await sl.leads.list_campaigns(lead.id)
    assert [(c.id, c.name) for c in campaigns] == [(camp.id, "Reads")]

    overview = await sl.leads.get_campaign_overview(lead.id)
    assert [(o.campaign_id, o.campaign_lead_map_id) for o in overview] == [(camp.id, row.id)]
    assert overview[0].sent_count == row.sent_count
    assert overview[0].lead_status == row.status

    details = await sl.leads.get_sequence_details(row.id)
    assert (details.campaign_lead_map_id, details.campaign_id) == (row.id, camp.id)
    assert [s.seq_number for s in details.steps] == [1, 2]
    sent_steps = {
        m.seq_number: m for m in sb.state.thread(row.id) if m.type == "SENT" and not m.is_manual
    }
    assert [s.status for s in details.steps] == [
        "SENT" if n in sent_steps else "PENDING" for n in (1, 2)
    ]
    assert [s.stats_id for s in details.steps] == [
        sent_steps[n].stats_id if n in sent_steps else None for n in (1, 2)
    ]

    categories = await sl.leads.list_categories()
    assert [c.name for c in categories][:2] == ["Interested", "Meeting Request"]
    assert len(categories) == len(sb.state.categories)


async def test_sandbox_iter_all_and_cursor(smartlead_sandbox_client: SandboxClient) -> None:
    sb, sl = smartlead_sandbox_client
    sb.seed_global_leads(230)
    camp = sb.seed_campaign(leads=5, history=False)
    expected = sb.state.lead_ids.as_list()

    sb.log.clear()
    everyone = await sl.leads.iter_all().to_list()
    assert [lead.id for lead in everyone] == expected
    assert len(sb.log) == 3

    sb.log.clear()
    by_cursor = await sl.leads.iter_by_cursor(limit=100).to_list()
    assert [lead.id for lead in by_cursor] == expected
    assert len(sb.log) == 3

    in_campaign = await sl.leads.iter_by_cursor(campaign_id=camp.id).to_list()
    assert sorted(lead.id for lead in in_campaign) == sorted(
        r.lead_id for r in enrolments(sb, camp.id)
    )
    resumed = await sl.leads.iter_by_cursor(last_seen_lead_id=expected[-3]).to_list()
    assert [lead.id for lead in resumed] == expected[-2:]

    target = sb.state.leads[expected[10]]
    only = await sl.leads.iter_all(email=target.email).to_list()
    assert [lead.id for lead in only] == [target.id]
    capped = await sl.leads.iter_all(limit=7, max_items=20).to_list()
    assert [lead.id for lead in capped] == expected[:20]


async def test_sandbox_unsubscribe_globally(
    smartlead_sandbox_client: SandboxClient,
) -> None:
    sb, sl = smartlead_sandbox_client
    camp = sb.seed_campaign(leads=1, history=False)
    row = enrolments(sb, camp.id)[0]
    assert (await sl.leads.unsubscribe(row.lead_id)).ok is True
    assert sb.state.leads[row.lead_id].is_unsubscribed is True
    assert row.status == "STOPPED"


async def test_sandbox_block_list(smartlead_sandbox_client: SandboxClient) -> None:
    sb, sl = smartlead_sandbox_client
    result = await sl.leads.add_to_block_list(["competitor.com", "x@spam.io", "Competitor.com"])
    assert (result.upload_count, result.total_domain_added) == (3, 2)
    entries = await sl.leads.iter_block_list().to_list()
    assert sorted(e.email_or_domain or "" for e in entries) == ["competitor.com", "x@spam.io"]
    assert all(e.source == "manual" for e in entries)
    searched = await sl.leads.iter_block_list(email_or_domain="spam").to_list()
    assert [e.email_or_domain for e in searched] == ["x@spam.io"]
    paged = await sl.leads.iter_block_list(limit=1).to_list()
    assert [e.id for e in paged] == [e.id for e in entries]

    first = entries[0]
    assert (await sl.leads.remove_from_block_list(first.id)).ok is True
    assert first.id not in sb.state.block_list
    with pytest.raises(NotFoundError):
        await sl.leads.remove_from_block_list(first.id)


async def test_sandbox_crm_notes_tasks_tags(
    smartlead_sandbox_client: SandboxClient,
) -> None:
    sb, sl = smartlead_sandbox_client
    camp = sb.seed_campaign(leads=1, history=False)
    row = enrolments(sb, camp.id)[0]
    now = sb.state.now()
    row.notes.append(Note(sb.state.next_id("note"), "Call back on Monday", now))
    row.tasks.append(Task(sb.state.next_id("task"), "Send deck", now, "v2 deck", "HIGH"))
    vip = Tag(sb.state.next_id("tag"), "VIP", "#ff0000", now)
    warm = Tag(sb.state.next_id("tag"), "Warm", "#00ff00", now)
    sb.state.tags.update({vip.id: vip, warm.id: warm})

    notes = await sl.leads.list_notes(row.lead_id)
    assert [(n.note_message, n.campaign_lead_map_id) for n in notes] == [
        ("Call back on Monday", row.id)
    ]
    tasks = await sl.leads.list_tasks(row.lead_id)
    assert [(t.name, t.description, t.priority) for t in tasks] == [
        ("Send deck", "v2 deck", "HIGH")
    ]

    assert await sl.leads.list_tags(row.lead_id) == []
    assert (await sl.leads.add_tags(row.lead_id, [vip.id, warm.id])).ok is True
    tags = await sl.leads.list_tags(row.lead_id)
    assert [(t.tag_id, t.name, t.color) for t in tags] == [
        (vip.id, "VIP", "#ff0000"),
        (warm.id, "Warm", "#00ff00"),
    ]
    assert (await sl.leads.remove_tag(tags[0].id)).ok is True
    assert [t.tag_id for t in await sl.leads.list_tags(row.lead_id)] == [warm.id]
    with pytest.raises(NotFoundError):
        await sl.leads.remove_tag(tags[0].id)
