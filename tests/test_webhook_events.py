"""Receiving webhooks: typed payloads, tolerant parsing, secret checks, the example receiver."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from types import ModuleType
from typing import Any

import orjson
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

import smartlead_async
from smartlead_async import (
    SmartleadError,
    ValidationError,
    WebhookEvent,
    WebhookPayloadError,
    parse_webhook,
    verify_webhook,
)
from smartlead_async.webhook_events import (
    CampaignStatusChangedEvent,
    EmailAccountDisconnectedEvent,
    EmailBounceEvent,
    EmailLinkClickEvent,
    EmailOpenEvent,
    EmailReplyEvent,
    EmailSentEvent,
    FirstEmailSentEvent,
    GenericWebhookEvent,
    LeadCategoryUpdatedEvent,
    LeadUnsubscribedEvent,
    LinkedinDisconnectedEvent,
    ManualStepReachedEvent,
    UntrackedReplyEvent,
    event_class,
)
from tests.helpers.examples import load_example

SECRET = "s3cr3t-value"

COMMON: dict[str, Any] = {
    "webhook_id": 151,
    "webhook_name": "Replies",
    "webhook_url": "https://hooks.example.com/sl",
    "event_timestamp": "2023-09-25T17:29:11.618881+00:00",
    "campaign_id": "111",
    "campaign_name": "OR Tracker",
    "campaign_status": "ACTIVE",
    "client_id": 7,
    "sequence_number": "2",
    "stats_id": "st-1",
    "from_email": "sender@acme.io",
    "to_email": "lead@example.com",
    "to_name": "David Carroll",
    "subject": "Quick question",
    "sent_message": {
        "message_id": "<m1@acme.io>",
        "html": "<p>Hello</p>",
        "text": "Hello",
        "time": "2023-09-25T17:00:00Z",
    },
    "sl_email_lead_id": "501",
    "sl_email_lead_map_id": "9001",
    "sl_lead_email": "lead@example.com",
    "app_url": "https://app.smartlead.ai/app/master-inbox?x=1",
    "description": "An event",
    "metadata": {"webhook_created_at": "2023-09-01T00:00:00Z"},
    "secret_key": SECRET,
}


def payload(event_type: str, **extra: Any) -> dict[str, Any]:
    return {**COMMON, "event_type": event_type, **extra}


# --------------------------------------------------------------------------- parsing


def test_reply_event_fields() -> None:
    body = payload(
        "EMAIL_REPLY",
        reply_message={
            "message_id": "<r1@example.com>",
            "html": "<p>Sounds good</p>",
            "text": "Sounds good",
            "time": "2023-09-25T17:29:11Z",
        },
        reply_body="<p>Sounds good</p>",
        preview_text="Sounds good",
        time_replied="2023-09-25T17:29:11Z",
        message_id="<r1@example.com>",
        ui_master_inbox_link="https://app.smartlead.ai/old",
        leadCorrespondence={
            "targetLeadEmail": "lead@example.com",
            "replyReceivedFrom": "boss@example.com",
            "repliedCompanyDomain": "example.com",
        },
        stats_thread_id="th-1",
    )
    event = parse_webhook(orjson.dumps(body))
    assert isinstance(event, EmailReplyEvent)
    assert event.event_type == "EMAIL_REPLY"
    assert event.campaign_id == 111
    assert event.sequence_number == 2
    assert (event.sl_email_lead_id, event.sl_email_lead_map_id) == (501, 9001)
    assert event.event_timestamp == datetime(2023, 9, 25, 17, 29, 11, 618881, tzinfo=UTC)
    assert event.reply_text == "Sounds good"
    assert event.reply_html == "<p>Sounds good</p>"
    assert event.time_replied == datetime(2023, 9, 25, 17, 29, 11, tzinfo=UTC)
    assert event.lead_correspondence is not None
    assert event.lead_correspondence.reply_received_from == "boss@example.com"
    assert event.sent_message is not None and event.sent_message.text == "Hello"
    assert event.metadata is not None
    assert event.metadata.webhook_created_at == datetime(2023, 9, 1, tzinfo=UTC)
    assert event.app_url == "https://app.smartlead.ai/app/master-inbox?x=1"
    assert event.extra == {}
    assert event.secret_key == SECRET


def test_reply_text_falls_back_to_deprecated_fields() -> None:
    event = parse_webhook(payload("EMAIL_REPLY", preview_text="hi", reply_body="<b>hi</b>"))
    assert isinstance(event, EmailReplyEvent)
    assert (event.reply_text, event.reply_html) == ("hi", "<b>hi</b>")


@pytest.mark.parametrize(
    ("event_type", "cls"),
    [
        ("EMAIL_SENT", EmailSentEvent),
        ("FIRST_EMAIL_SENT", FirstEmailSentEvent),
        ("EMAIL_OPEN", EmailOpenEvent),
        ("EMAIL_OPENED", EmailOpenEvent),
        ("EMAIL_LINK_CLICK", EmailLinkClickEvent),
        ("LEAD_CLICKED", EmailLinkClickEvent),
        ("EMAIL_REPLIED", EmailReplyEvent),
        ("LEAD_REPLIED", EmailReplyEvent),
        ("LEAD_UNSUBSCRIBED", LeadUnsubscribedEvent),
        ("LEAD_CATEGORY_UPDATED", LeadCategoryUpdatedEvent),
        ("EMAIL_BOUNCE", EmailBounceEvent),
        ("EMAIL_BOUNCED", EmailBounceEvent),
        ("CAMPAIGN_STATUS_CHANGED", CampaignStatusChangedEvent),
        ("UNTRACKED_REPLIES", UntrackedReplyEvent),
        ("MANUAL_STEP_REACHED", ManualStepReachedEvent),
        ("EMAIL_ACCOUNT_DISCONNECTED", EmailAccountDisconnectedEvent),
        ("LINKEDIN_DISCONNECTED", LinkedinDisconnectedEvent),
        ("email_reply", EmailReplyEvent),
        ("SOMETHING_NEW", GenericWebhookEvent),
    ],
)
def test_event_type_dispatch(event_type: str, cls: type[WebhookEvent]) -> None:
    event = parse_webhook(payload(event_type))
    assert type(event) is cls
    assert event.event_type == event_type
    assert event.to_email == "lead@example.com"
    assert event_class(event_type) is cls


def test_sent_open_and_click_specific_fields() -> None:
    sent = parse_webhook(
        payload(
            "EMAIL_SENT",
            time_sent="2025-01-15T09:00:00Z",
            custom_subject="Quick question about Acme",
            custom_email_message="<html>Body</html>",
        )
    )
    assert isinstance(sent, EmailSentEvent)
    assert sent.time_sent == datetime(2025, 1, 15, 9, tzinfo=UTC)
    assert sent.custom_subject == "Quick question about Acme"

    opened = parse_webhook(payload("EMAIL_OPEN", time_opened="2025-01-15T10:30:00Z"))
    assert isinstance(opened, EmailOpenEvent)
    assert opened.time_opened == datetime(2025, 1, 15, 10, 30, tzinfo=UTC)

    click = parse_webhook(
        payload("EMAIL_LINK_CLICK", link_clicked=["https://example.com/demo", "https://e.io"])
    )
    assert isinstance(click, EmailLinkClickEvent)
    assert click.link_clicked == ["https://example.com/demo", "https://e.io"]
    single = parse_webhook(payload("EMAIL_LINK_CLICK", link_clicked="https://example.com/demo"))
    assert isinstance(single, EmailLinkClickEvent)
    assert single.link_clicked == ["https://example.com/demo"]


def test_category_updated_carries_conversation() -> None:
    event = parse_webhook(
        payload(
            "LEAD_CATEGORY_UPDATED",
            lead_id="501",
            lead_email="lead@example.com",
            category="Interested",
            lead_category={
                "old_id": None,
                "old_name": None,
                "new_id": "1",
                "new_name": "Interested",
            },
            lead_data={
                "email": "lead@example.com",
                "first_name": "Ramesh",
                "custom_fields": {"first_line": "Hi"},
            },
            history=[
                {"stats_id": "a", "type": "SENT", "time": "2023-09-20T10:00:00Z", "from": "s@a.io"},
                {"stats_id": "b", "type": "REPLY", "time": "2023-09-21T10:00:00Z", "to": "s@a.io"},
            ],
            lastReply={"stats_id": "b", "type": "REPLY", "email_body": "yes"},
        )
    )
    assert isinstance(event, LeadCategoryUpdatedEvent)
    assert event.lead_id == 501
    assert event.lead_category is not None and event.lead_category.new_id == 1
    assert event.new_category_name == "Interested"
    assert event.lead_data is not None and event.lead_data.custom_fields == {"first_line": "Hi"}
    assert [(h.stats_id, h.type) for h in event.history] == [("a", "SENT"), ("b", "REPLY")]
    assert event.history[0].from_email == "s@a.io"
    assert event.last_reply is not None and event.last_reply.email_body == "yes"


def test_category_name_falls_back_to_deprecated_key() -> None:
    event = parse_webhook(payload("LEAD_CATEGORY_UPDATED", category="Not Interested"))
    assert isinstance(event, LeadCategoryUpdatedEvent)
    assert event.new_category_name == "Not Interested"


def test_sample_payload_with_blank_values_parses() -> None:
    """The help-center samples leave absent values as empty strings."""
    blanks = {
        "event_type": "EMAIL_REPLY",
        "webhook_id": "",
        "campaign_id": "",
        "event_timestamp": "",
        "sequence_number": "",
        "subject": "",
        "sent_message": {"message_id": "", "html": "", "text": "", "time": ""},
        "metadata": {"webhook_created_at": ""},
        "secret_key": "",
    }
    event = parse_webhook(orjson.dumps(blanks).decode())
    assert isinstance(event, EmailReplyEvent)
    assert (event.webhook_id, event.campaign_id, event.event_timestamp) == (None, None, None)
    assert event.subject == ""
    assert event.sent_message is not None and event.sent_message.time is None


def test_legacy_event_and_timestamp_keys() -> None:
    event = parse_webhook(
        {"event": "EMAIL_REPLIED", "timestamp": "2024-11-25T11:00:00Z", "email_campaign_id": 3}
    )
    assert isinstance(event, EmailReplyEvent)
    assert event.event_type == "EMAIL_REPLIED"
    assert event.event_timestamp == datetime(2024, 11, 25, 11, tzinfo=UTC)
    assert event.campaign_id == 3


def test_generic_event_keeps_unknown_keys() -> None:
    event = parse_webhook({"event_type": "NEW_THING", "foo": {"bar": 1}, "campaign_id": 5})
    assert isinstance(event, GenericWebhookEvent)
    assert event.campaign_id == 5
    assert event.extra == {"foo": {"bar": 1}}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "empty"),
        ("   ", "empty"),
        (b"not json", "not valid JSON"),
        (b"[1, 2]", "JSON object"),
        (b'"text"', "JSON object"),
        ({"campaign_id": 1}, "no event_type"),
        ({"event_type": ""}, "no event_type"),
        ({"event_type": 5}, "no event_type"),
        ({"event_type": "EMAIL_OPEN", "campaign_id": "abc"}, "campaign_id"),
        ({"event_type": "EMAIL_OPEN", "sent_message": "oops"}, "sent_message"),
        (12345, "bytes, str or a mapping"),
    ],
)
def test_garbage_raises_payload_error(body: Any, message: str) -> None:
    with pytest.raises(WebhookPayloadError, match=message) as caught:
        parse_webhook(body)
    assert isinstance(caught.value, SmartleadError)
    assert isinstance(caught.value, ValueError)


def test_memoryview_and_bytearray_bodies() -> None:
    raw = orjson.dumps(payload("EMAIL_OPEN"))
    assert isinstance(parse_webhook(memoryview(raw)), EmailOpenEvent)
    assert isinstance(parse_webhook(bytearray(raw)), EmailOpenEvent)


def test_secret_never_in_repr_or_error() -> None:
    event = parse_webhook(payload("EMAIL_SENT"))
    assert SECRET not in repr(event)
    with pytest.raises(WebhookPayloadError) as caught:
        parse_webhook({**payload("EMAIL_SENT"), "campaign_id": "bad"})
    assert SECRET not in str(caught.value)
    assert caught.value.__cause__ is None


# --------------------------------------------------------------------------- verification


def test_verify_accepts_every_body_form() -> None:
    body = payload("EMAIL_SENT")
    raw = orjson.dumps(body)
    assert verify_webhook(raw, SECRET) is True
    assert verify_webhook(raw.decode(), SECRET) is True
    assert verify_webhook(body, SECRET) is True
    assert verify_webhook(parse_webhook(raw), SECRET) is True


@pytest.mark.parametrize(
    "body",
    [
        payload("EMAIL_SENT", secret_key="wrong"),
        payload("EMAIL_SENT", secret_key=SECRET + "x"),
        payload("EMAIL_SENT", secret_key=""),
        payload("EMAIL_SENT", secret_key=None),
        payload("EMAIL_SENT", secret_key=123),
        {"event_type": "EMAIL_SENT"},
        b"garbage",
        b"[]",
    ],
)
def test_verify_rejects(body: Any) -> None:
    data = orjson.dumps(body) if isinstance(body, dict) else body
    assert verify_webhook(data, SECRET) is False


def test_verify_needs_a_secret() -> None:
    with pytest.raises(ValidationError, match="secret_key"):
        verify_webhook(payload("EMAIL_SENT"), "")
    with pytest.raises(ValidationError):
        verify_webhook(payload("EMAIL_SENT"), None)  # type: ignore[arg-type]


def test_public_exports() -> None:
    for name in ("parse_webhook", "verify_webhook", "WebhookEvent", "WebhookPayloadError"):
        assert name in smartlead_async.__all__
        assert hasattr(smartlead_async, name)


# --------------------------------------------------------------------------- example receiver


@pytest.fixture
async def receiver() -> AsyncIterator[tuple[ModuleType, TestClient[Any, Any], web.Application]]:
    module = load_example("webhook_receiver.py")
    app = module.make_app(SECRET)
    client: TestClient[Any, Any] = TestClient(TestServer(app))
    await client.start_server()
    try:
        yield module, client, app
    finally:
        await client.close()


async def test_receiver_accepts_and_logs_events(
    receiver: tuple[ModuleType, TestClient[Any, Any], web.Application],
    caplog: pytest.LogCaptureFixture,
) -> None:
    module, client, app = receiver
    caplog.set_level(logging.INFO, logger="webhook_receiver")
    samples = [
        payload("EMAIL_REPLY", reply_message={"text": "Interested, call me"}),
        payload("LEAD_CATEGORY_UPDATED", lead_category={"new_name": "Interested"}),
        payload("BRAND_NEW_EVENT"),
    ]
    for sample in samples:
        response = await client.post(module.DEFAULT_PATH, data=orjson.dumps(sample))
        assert response.status == 200
        assert await response.json() == {"ok": True}
    events = app[module.EVENTS_KEY]
    assert [type(e) for e in events] == [
        EmailReplyEvent,
        LeadCategoryUpdatedEvent,
        GenericWebhookEvent,
    ]
    logged = caplog.text
    assert "EMAIL_REPLY campaign=111 lead=lead@example.com reply='Interested, call me'" in logged
    assert "category='Interested'" in logged
    assert SECRET not in logged


async def test_receiver_rejects_bad_secret_and_garbage(
    receiver: tuple[ModuleType, TestClient[Any, Any], web.Application],
) -> None:
    module, client, app = receiver
    wrong = await client.post(
        module.DEFAULT_PATH, data=orjson.dumps(payload("EMAIL_SENT", secret_key="nope"))
    )
    assert wrong.status == 401
    garbage = await client.post(module.DEFAULT_PATH, data=b"<html>")
    assert garbage.status == 401
    malformed = await client.post(
        module.DEFAULT_PATH, data=orjson.dumps(payload("EMAIL_SENT", campaign_id="abc"))
    )
    assert malformed.status == 400
    assert "campaign_id" in (await malformed.json())["error"]
    assert app[module.EVENTS_KEY] == []


def test_receiver_requires_a_secret() -> None:
    module = load_example("webhook_receiver.py")
    with pytest.raises(ValueError, match="secret"):
        module.make_app("")
    with pytest.raises(SystemExit):
        module.main(["--secret", ""])
