"""Email-account (sender mailbox) models: accounts, warmup, tags and fetched messages.

Account responses carry mailbox credentials (SMTP/IMAP passwords, OAuth tokens). Those fields
are declared with :func:`~smartlead_async.models.common.secret` so they never show in a repr
(catalog R20); unknown keys land in ``extra``, whose repr lists key names only.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

import attrs

from smartlead_async.models.common import Model, Percent, secret, wire

#: The ``esp`` filter of ``GET /email-accounts/`` (E1).
EmailProvider = Literal["GMAIL", "OUTLOOK", "SMTP"]
#: The ``emailWarmupStatus`` filter of E1.
WarmupStatus = Literal["ACTIVE", "INACTIVE"]
#: The account type of an OAuth mailbox (E4).
OAuthProvider = Literal["GMAIL", "OUTLOOK"]
#: ``smtp_port_type`` of an SMTP mailbox (E3).
PortType = Literal["TLS", "SSL"]


@attrs.frozen(kw_only=True, slots=False)
class EmailAccountTag(Model):
    """A tag on email accounts (T1-T6)."""

    id: int | None = wire("id", "tag_id")
    name: str | None = wire("name", "tag_name")
    color: str | None = wire("color", "tag_color")
    created_at: datetime | None = None


@attrs.frozen(kw_only=True, slots=False)
class WarmupDetails(Model):
    """``warmup_details`` of an account; ``warmup_reputation`` is ``"95%"`` in E1, 95 in E2."""

    status: str | None = None
    total_sent_count: int | None = None
    total_spam_count: int | None = None
    warmup_reputation: Percent | None = None
    warmup_key_id: str | None = None
    reply_rate: Percent | None = None
    total_warmup_per_day: int | None = None
    daily_rampup: int | None = None
    blocked_reason: str | None = None
    is_warmup_blocked: bool | None = None


@attrs.frozen(kw_only=True, slots=False)
class _AccountFields(Model):
    """The fields of an account object shared by E1/E2 rows and the E3/E4 answers."""

    created_at: datetime | None = None
    updated_at: datetime | None = None
    user_id: int | None = None
    from_name: str | None = None
    from_email: str | None = None
    username: str | None = wire("username", "user_name")
    password: str | None = secret("password")
    smtp_host: str | None = None
    smtp_port: int | None = None
    smtp_port_type: str | None = None
    message_per_day: int | None = wire("message_per_day", "max_email_per_day")
    different_reply_to_address: str | None = None
    is_different_imap_account: bool | None = None
    imap_username: str | None = wire("imap_username", "imap_user_name")
    imap_password: str | None = secret("imap_password")
    imap_host: str | None = None
    imap_port: int | None = None
    imap_port_type: str | None = None
    signature: str | None = None
    custom_tracking_domain: str | None = wire("custom_tracking_domain", "custom_tracking_url")
    bcc_email: str | None = wire("bcc_email", "bcc")
    is_smtp_success: bool | None = None
    is_imap_success: bool | None = None
    smtp_failure_error: str | None = None
    imap_failure_error: str | None = None
    type: str | None = None
    daily_sent_count: int | None = None
    client_id: int | None = None
    campaign_count: int | None = None
    is_suspended: bool | None = None
    time_to_wait_in_mins: int | None = wire("minTimeToWaitInMins", "time_to_wait_in_mins")
    warmup_details: WarmupDetails | None = None
    tags: list[EmailAccountTag] = wire("tags", factory=list)
    campaign_ids: list[int] = wire("campaign_ids", factory=list)
    token: Any = secret("token")
    access_token: str | None = secret("access_token")
    refresh_token: str | None = secret("refresh_token")


@attrs.frozen(kw_only=True, slots=False)
class EmailAccount(_AccountFields):
    """One sender mailbox (E1 row, E2). Passwords and tokens are hidden from ``repr``."""

    id: int


@attrs.frozen(kw_only=True, slots=False)
class SavedEmailAccount(_AccountFields):
    """The answer to creating or updating a mailbox (E3, E4): the account as saved."""

    id: int | None = wire("id", "email_account_id", "emailAccountId")
    ok: bool | None = None
    message: str | None = None


@attrs.frozen(kw_only=True, slots=False)
class WarmupSettings(Model):
    """The answer to a warmup update (E9): the settings now in force."""

    ok: bool | None = None
    message: str | None = None
    email_account_id: int | None = wire("email_account_id", "id")
    warmup_enabled: bool | None = None
    total_warmup_per_day: int | None = None
    daily_rampup: int | None = None
    reply_rate_percentage: int | None = None
    warmup_key_id: str | None = None
    auto_adjust_warmup: bool | None = None
    is_rampup_enabled: bool | None = None


@attrs.frozen(kw_only=True, slots=False)
class WarmupDayStats(Model):
    """One day of warmup activity in :class:`WarmupStats`."""

    day: date | None = wire("date", "day")
    sent_count: int | None = wire("sent_count", "sent", "total_sent")
    spam_count: int | None = wire("spam_count", "spam")
    inbox_count: int | None = wire("inbox_count", "inbox")
    warmup_email_received_count: int | None = wire("warmup_email_received_count", "received")


@attrs.frozen(kw_only=True, slots=False)
class WarmupStats(Model):
    """Warmup statistics of the last 7 days (E10); also reads the DOCS shape (``total_sent``)."""

    id: int | None = wire("id", "email_account_id")
    sent_count: int | None = wire("sent_count", "total_sent")
    spam_count: int | None = None
    inbox_count: int | None = None
    warmup_email_received_count: int | None = None
    reputation_score: Percent | None = wire("reputation_score", "warmup_reputation")
    stats_by_date: list[WarmupDayStats] = wire("stats_by_date", "daily_stats", factory=list)


@attrs.frozen(kw_only=True, slots=False)
class ReconnectedAccount(Model):
    """One account in the answer to reconnecting failed mailboxes (E11)."""

    id: int | None = wire("id", "email_account_id", "account_id")
    from_email: str | None = wire("from_email", "email")
    status: str | None = None
    success: bool | None = wire("success", "reconnected")
    message: str | None = wire("message", "error")


@attrs.frozen(kw_only=True, slots=False)
class ReconnectResult(Model):
    """The answer to reconnecting failed mailboxes (E11)."""

    ok: bool | None = None
    message: str | None = None
    accounts: list[ReconnectedAccount] = wire("accounts", "results", "data", factory=list)


@attrs.frozen(kw_only=True, slots=False)
class MailboxMessage(Model):
    """One message read from a mailbox (E12/E13)."""

    message_id: str | None = wire("message_id", "messageId", "id")
    subject: str | None = None
    from_address: str | None = wire("from", "from_email")
    to_address: str | None = wire("to", "to_email")
    time: datetime | None = wire("time", "date", "received_at")
    folder: str | None = None
    body: str | None = wire("body", "html", "text")


@attrs.frozen(kw_only=True, slots=False)
class AccountMessages(Model):
    """Messages fetched from one mailbox (E12, or one row of E13's ``results``)."""

    account_id: int | None = wire("account_id", "email_account_id", "id")
    status: str | None = None
    error: str | None = None
    ok: bool | None = None
    message: str | None = None
    messages: list[MailboxMessage] = wire("messages", factory=list)


@attrs.frozen(kw_only=True, slots=False)
class FetchSummary(Model):
    """``summary`` of a bulk message fetch (E13)."""

    total: int | None = None
    success: int | None = None
    error: int | None = None


@attrs.frozen(kw_only=True, slots=False)
class BulkFetchResult(Model):
    """The answer to fetching messages from several mailboxes (E13)."""

    results: list[AccountMessages] = wire("results", factory=list)
    summary: FetchSummary | None = None


@attrs.frozen(kw_only=True, slots=False)
class AccountTags(Model):
    """The tags of one mailbox, looked up by address (T6)."""

    email_account_id: int | None = wire("email_account_id", "id", "account_id")
    email: str | None = wire("email", "from_email", "email_id")
    tags: list[EmailAccountTag] = wire("tags", factory=list)


@attrs.frozen(kw_only=True)
class OAuthToken:
    """The OAuth token of a Gmail/Outlook mailbox (E4 ``token``); tokens are hidden from repr."""

    expiry_date: int
    access_token: str | None = attrs.field(default=None, repr=False)
    refresh_token: str | None = attrs.field(default=None, repr=False)
    id_token: str | None = attrs.field(default=None, repr=False)
    scope: str | None = None
    token_type: str = "Bearer"
    expiry: str | None = None
    expires_in: int | None = None
    ext_expires_in: int | None = None

    def to_wire(self) -> dict[str, Any]:
        """The token as the API expects it (None fields left out)."""
        return {k: v for k, v in attrs.asdict(self).items() if v is not None}


@attrs.frozen(kw_only=True)
class FetchMessagesRequest:
    """One mailbox of a bulk message fetch (E13)."""

    account_id: int
    limit: int | None = None
    folder: str | None = None
    include_body: bool | None = None
    from_time: datetime | str | None = None
    to_time: datetime | str | None = None


__all__ = [
    "AccountMessages",
    "AccountTags",
    "BulkFetchResult",
    "EmailAccount",
    "EmailAccountTag",
    "EmailProvider",
    "FetchMessagesRequest",
    "FetchSummary",
    "MailboxMessage",
    "OAuthProvider",
    "OAuthToken",
    "PortType",
    "ReconnectResult",
    "ReconnectedAccount",
    "SavedEmailAccount",
    "WarmupDayStats",
    "WarmupDetails",
    "WarmupSettings",
    "WarmupStats",
    "WarmupStatus",
]
