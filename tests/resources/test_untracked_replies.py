"""Untracked replies (M11) in every shape the evidence shows, through the public iterator."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from aioresponses import aioresponses

from smartlead_async import ResponseValidationError
from tests.helpers.clients import wire_client
from tests.helpers.wire import route

PATH = "/master-inbox/untracked-replies"
LIVE = {"id": 41, "from_email": "a@x.io", "to_email": "me@x.io", "subject": "Hi", "time": None}
OFFICIAL_CLI = {
    "id": "ur_9f2c",
    "from": "b@y.io",
    "to": ["me@x.io", "ops@x.io"],
    "subject_line": "Re: hello",
    "visible_text": "Thanks!",
    "reply_picked_time": "2026-03-04T05:06:07Z",
    "recipient_detail": {"cc": ["boss@y.io"]},
}
SHAPES: dict[str, Any] = {
    "bare array": [LIVE, OFFICIAL_CLI],
    "ok/data array": {"ok": True, "data": [LIVE, OFFICIAL_CLI]},
    "untracked_replies": {"untracked_replies": [LIVE, OFFICIAL_CLI], "total_count": 2},
    "official CLI nesting": {
        "ok": True,
        "data": {"success": True, "data": {"replies": [LIVE, OFFICIAL_CLI], "totalCount": 2}},
    },
}


@pytest.mark.parametrize("shape", SHAPES)
async def test_every_known_shape_yields_every_reply(m: aioresponses, shape: str) -> None:
    m.get(route(PATH), payload=SHAPES[shape])
    async with wire_client() as sl:
        replies = await sl.inbox.iter_untracked_replies().to_list()
    assert [r.id for r in replies] == [41, "ur_9f2c"]
    cli = replies[1]
    assert (cli.from_email, cli.to_email, cli.subject) == (
        "b@y.io",
        ["me@x.io", "ops@x.io"],
        "Re: hello",
    )
    assert cli.time == datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
    assert cli.visible_text == "Thanks!"
    assert cli.recipient_detail == {"cc": ["boss@y.io"]}
    assert cli.extra == {}


@pytest.mark.parametrize(
    "body",
    [{}, {"ok": True, "data": None}, {"ok": True, "data": {"data": {"replies": None}}}, {"x": 1}],
)
async def test_an_answer_without_replies_raises(m: aioresponses, body: Any) -> None:
    m.get(route(PATH), payload=body)
    async with wire_client() as sl:
        with pytest.raises(ResponseValidationError) as caught:
            await sl.inbox.iter_untracked_replies().to_list()
    assert caught.value.endpoint == "M11"
