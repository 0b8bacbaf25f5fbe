"""Decoding Lead List models: DOCS and S0 shapes, string numbers, envelopes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from smartlead_async import ResponseValidationError
from smartlead_async.models.lead_lists import LeadList, LeadListImportResult, LeadPushResult
from smartlead_async.resources.inbox import merge_data


def test_docs_list_shape() -> None:
    lst = LeadList.from_dict(
        {"id": "12", "name": "Q1", "lead_count": "250", "created_at": "2026-02-01T08:00:00Z"}
    )
    assert (lst.id, lst.name, lst.lead_count) == (12, "Q1", 250)
    assert lst.created_at == datetime(2026, 2, 1, 8, tzinfo=UTC)
    assert lst.tag_ids == []


def test_s0_list_shape() -> None:
    lst = LeadList.from_dict(
        {
            "id": 3,
            "list_name": "Fair",
            "leads_count": 10,
            "active_leads_count": "7",
            "tag_ids": ["4", 5],
            "owner": "me",
        }
    )
    assert (lst.name, lst.lead_count, lst.active_leads_count) == ("Fair", 10, 7)
    assert lst.tag_ids == [4, 5]
    assert lst.extra == {"owner": "me"}


def test_camel_case_list_shape() -> None:
    lst = LeadList.from_dict({"id": 1, "listName": "C", "leadCount": 2, "tagIds": [9]})
    assert (lst.name, lst.lead_count, lst.tag_ids) == ("C", 2, [9])


def test_list_requires_id() -> None:
    with pytest.raises(ResponseValidationError, match="id"):
        LeadList.from_dict({"name": "x"})


def test_import_result_docs_envelope() -> None:
    body = {
        "ok": True,
        "data": {
            "total_leads": "10",
            "imported": 6,
            "duplicates": 2,
            "blocked": 1,
            "invalid": 1,
            "lead_import_stopped_count": 0,
            "is_lead_limit_exhausted": False,
        },
    }
    result = LeadListImportResult.from_dict(merge_data(body))
    assert result.ok is True
    assert (result.total_leads, result.imported, result.duplicates) == (10, 6, 2)
    assert (result.blocked, result.invalid, result.is_lead_limit_exhausted) == (1, 1, False)


def test_import_result_s0_shape() -> None:
    result = LeadListImportResult.from_dict(
        merge_data({"uploadedCount": "3", "duplicateCount": 1, "invalidCount": 2, "totalCount": 6})
    )
    assert (result.imported, result.duplicates, result.invalid, result.total_leads) == (3, 1, 2, 6)
    assert result.blocked is None


def test_push_result_shapes() -> None:
    ll7 = LeadPushResult.from_dict(
        merge_data(
            {
                "ok": True,
                "data": {
                    "campaign_id": 5,
                    "action": "move",
                    "total_leads": 4,
                    "imported": 3,
                    "duplicates": 1,
                    "removed_from_lists": 3,
                },
            }
        )
    )
    assert (ll7.campaign_id, ll7.action, ll7.total, ll7.pushed, ll7.duplicates) == (
        5,
        "move",
        4,
        3,
        1,
    )
    ll8 = LeadPushResult.from_dict({"to_list_id": 9, "from_list_id": 8, "pushed": "2"})
    assert (ll8.list_id, ll8.from_list_id, ll8.pushed) == (9, 8, 2)
    g10 = LeadPushResult.from_dict({"listId": 4, "pushedCount": 1, "total": 1})
    assert (g10.list_id, g10.pushed, g10.total) == (4, 1, 1)
    opaque = LeadPushResult.from_dict(merge_data({"ok": True, "data": [1, 2]}))
    assert opaque.data == [1, 2] and opaque.ok is True


def test_merge_data_keeps_acks_and_leaves_other_bodies() -> None:
    assert merge_data({"ok": True, "message": "m", "data": {"a": 1}}) == {
        "a": 1,
        "ok": True,
        "message": "m",
    }
    assert merge_data({"ok": True, "data": {"ok": False}}) == {"ok": False}
    assert merge_data([1]) == [1]
