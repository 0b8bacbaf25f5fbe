"""Email-account models: live and alternative wire shapes, secrets kept out of reprs."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartlead_async import ResponseValidationError
from smartlead_async.models.email_accounts import (
    AccountMessages,
    AccountTags,
    BulkFetchResult,
    EmailAccount,
    OAuthToken,
    ReconnectResult,
    SavedEmailAccount,
    WarmupSettings,
    WarmupStats,
)

SECRETS = ("smtp-secret-1", "imap-secret-2", "oauth-access-3", "oauth-refresh-4")

# An E1 row as the live API sends it (credentials included, warmup reputation as "95%").
LIST_ROW: dict[str, Any] = {
    "id": 2451,
    "created_at": "2025-11-02T09:15:00.000Z",
    "updated_at": "2026-01-10T12:00:00.000Z",
    "user_id": 118,
    "from_name": "Ann Lee",
    "from_email": "ann@acme.io",
    "username": "ann@acme.io",
    "password": SECRETS[0],
    "smtp_host": "smtp.acme.io",
    "smtp_port": 587,
    "smtp_port_type": "TLS",
    "message_per_day": 40,
    "different_reply_to_address": None,
    "is_different_imap_account": False,
    "imap_username": "ann@acme.io",
    "imap_password": SECRETS[1],
    "imap_host": "imap.acme.io",
    "imap_port": 993,
    "imap_port_type": "SSL",
    "signature": "<p>Ann</p>",
    "custom_tracking_domain": "t.acme.io",
    "bcc_email": None,
    "is_smtp_success": True,
    "is_imap_success": True,
    "smtp_failure_error": None,
    "imap_failure_error": None,
    "type": "SMTP",
    "daily_sent_count": "12",
    "client_id": None,
    "campaign_count": 3,
    "minTimeToWaitInMins": 5,
    "warmup_details": {
        "status": "ACTIVE",
        "total_sent_count": 300,
        "total_spam_count": "4",
        "warmup_reputation": "95%",
        "warmup_key_id": "acme-7",
        "reply_rate": 30,
        "blocked_reason": None,
    },
    "tags": [{"id": 7, "name": "primary", "color": "#112233"}],
}


def test_list_row_decodes_every_documented_field() -> None:
    acc = EmailAccount.from_dict(LIST_ROW)
    assert (acc.id, acc.from_email, acc.username, acc.type) == (
        2451,
        "ann@acme.io",
        "ann@acme.io",
        "SMTP",
    )
    assert acc.created_at == datetime(2025, 11, 2, 9, 15, tzinfo=UTC)
    assert (acc.smtp_port, acc.imap_port, acc.message_per_day) == (587, 993, 40)
    assert (acc.daily_sent_count, acc.campaign_count, acc.time_to_wait_in_mins) == (12, 3, 5)
    assert acc.custom_tracking_domain == "t.acme.io"
    assert acc.is_smtp_success is True and acc.is_different_imap_account is False
    warm = acc.warmup_details
    assert warm is not None
    assert (warm.status, warm.total_sent_count, warm.total_spam_count) == ("ACTIVE", 300, 4)
    assert warm.warmup_reputation == 95.0 and warm.warmup_reputation.raw == "95%"
    assert warm.reply_rate == 30.0
    assert [(t.id, t.name, t.color) for t in acc.tags] == [(7, "primary", "#112233")]
    assert acc.extra == {}


def test_get_shape_has_numeric_reputation_and_campaign_ids() -> None:
    row = {
        **LIST_ROW,
        "warmup_details": {"warmup_reputation": 88},
        "campaign_ids": ["10", 11],
    }
    acc = EmailAccount.from_dict(row)
    assert acc.warmup_details is not None
    assert acc.warmup_details.warmup_reputation == 88.0
    assert acc.warmup_details.warmup_reputation.raw is None
    assert acc.campaign_ids == [10, 11]


def test_alternative_spellings() -> None:
    acc = EmailAccount.from_dict(
        {
            "id": "3",
            "user_name": "u",
            "imap_user_name": "iu",
            "max_email_per_day": "25",
            "custom_tracking_url": "https://t",
            "bcc": "b@x.io",
            "time_to_wait_in_mins": 9,
        }
    )
    assert (acc.id, acc.username, acc.imap_username, acc.message_per_day) == (3, "u", "iu", 25)
    assert (acc.custom_tracking_domain, acc.bcc_email, acc.time_to_wait_in_mins) == (
        "https://t",
        "b@x.io",
        9,
    )


def test_credentials_never_in_repr_but_kept_for_the_caller() -> None:
    row = {
        **LIST_ROW,
        "token": {"access_token": SECRETS[2], "refresh_token": SECRETS[3]},
        "access_token": SECRETS[2],
        "refresh_token": SECRETS[3],
        "smtp_oauth_secret": SECRETS[0],
    }
    acc = EmailAccount.from_dict(row)
    text = repr(acc)
    for secret in SECRETS:
        assert secret not in text
    assert acc.password == SECRETS[0] and acc.imap_password == SECRETS[1]
    assert acc.access_token == SECRETS[2] and acc.refresh_token == SECRETS[3]
    assert "smtp_oauth_secret" in text  # unknown keys: name only, never the value
    saved = SavedEmailAccount.from_dict({"emailAccountId": 9, "password": SECRETS[0]})
    assert saved.id == 9 and SECRETS[0] not in repr(saved)
    token = OAuthToken(expiry_date=1, access_token=SECRETS[2], refresh_token=SECRETS[3])
    assert SECRETS[2] not in repr(token) and SECRETS[3] not in repr(token)


def test_to_dict_round_trips_wire_names() -> None:
    acc = EmailAccount.from_dict(LIST_ROW)
    again = EmailAccount.from_dict(acc.to_dict())
    assert again == acc
    assert acc.to_dict()["minTimeToWaitInMins"] == 5


def test_account_id_is_required() -> None:
    with pytest.raises(ResponseValidationError, match="id: required field is missing"):
        EmailAccount.from_dict({"from_email": "a@b.co"})


def test_warmup_stats_live_and_docs_shapes() -> None:
    live = WarmupStats.from_dict(
        {
            "id": 4,
            "sent_count": "70",
            "spam_count": "2",
            "inbox_count": "68",
            "warmup_email_received_count": "61",
            "stats_by_date": [
                {"id": 1, "date": "2026-01-05", "sent_count": 10, "spam_count": 1, "inbox_count": 9}
            ],
        }
    )
    assert (live.sent_count, live.spam_count, live.warmup_email_received_count) == (70, 2, 61)
    day = live.stats_by_date[0]
    assert (day.day, day.sent_count, day.inbox_count) == (date(2026, 1, 5), 10, 9)
    docs = WarmupStats.from_dict(
        {
            "total_sent": 150,
            "spam_count": 3,
            "reputation_score": "97%",
            "daily_stats": [{"date": "2026-01-06T00:00:00Z", "sent": 20, "spam": 0}],
        }
    )
    assert (docs.sent_count, docs.reputation_score) == (150, 97.0)
    assert (docs.stats_by_date[0].day, docs.stats_by_date[0].sent_count) == (date(2026, 1, 6), 20)


def test_warmup_settings_and_results() -> None:
    settings = WarmupSettings.from_dict(
        {"warmup_enabled": "true", "total_warmup_per_day": "20", "daily_rampup": 5}
    )
    assert (settings.warmup_enabled, settings.total_warmup_per_day, settings.daily_rampup) == (
        True,
        20,
        5,
    )
    reconnect = ReconnectResult.from_dict(
        {"ok": True, "results": [{"account_id": 3, "success": True, "error": None}]}
    )
    assert [(a.id, a.success) for a in reconnect.accounts] == [(3, True)]
    tags = AccountTags.from_dict({"id": 5, "email_id": "s@x.io", "tags": [{"tag_id": 1}]})
    assert (tags.email_account_id, tags.email, tags.tags[0].id) == (5, "s@x.io", 1)


def test_fetched_message_shapes() -> None:
    messages = AccountMessages.from_dict(
        {
            "email_account_id": 2,
            "messages": [
                {"messageId": "<a@x>", "from_email": "l@x.io", "time": 1767225600000},
                {"id": "<b@x>", "text": "hello"},
            ],
        }
    )
    assert messages.account_id == 2
    assert messages.messages[0].message_id == "<a@x>"
    assert messages.messages[0].time == datetime(2026, 1, 1, tzinfo=UTC)
    assert (messages.messages[1].message_id, messages.messages[1].body) == ("<b@x>", "hello")
    bulk = BulkFetchResult.from_dict({"results": [], "summary": {"total": "0"}})
    assert bulk.summary is not None and bulk.summary.total == 0


@given(st.integers(min_value=0, max_value=100), st.booleans())
def test_reputation_as_text_or_number(value: int, as_text: bool) -> None:
    raw: Any = f"{value}%" if as_text else value
    acc = EmailAccount.from_dict({"id": 1, "warmup_details": {"warmup_reputation": raw}})
    assert acc.warmup_details is not None
    assert acc.warmup_details.warmup_reputation == float(value)
    assert acc.warmup_details.warmup_reputation.raw == (raw if as_text else None)
