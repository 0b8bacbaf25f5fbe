"""``client.email_accounts``: sender mailboxes, their warmup, tags and fetched messages.

Catalog E1-E13 and T1-T6. Account answers carry SMTP/IMAP passwords; the models hide them
from reprs (R20) and no argument check ever echoes a credential.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, get_args

from smartlead_async._validate import (
    check_choice,
    check_count,
    check_datetime,
    check_email,
    check_flag,
    check_id,
    check_ids,
    check_int,
    check_name,
    check_optional_id,
    check_range,
    check_text,
    check_time_order,
    drop_none,
    is_int,
    utc_millis,
)
from smartlead_async.catalog import (
    E1,
    E2,
    E3,
    E4,
    E5,
    E6,
    E7,
    E8,
    E9,
    E10,
    E11,
    E12,
    E13,
    T1,
    T2,
    T3,
    T4,
    T5,
    T6,
)
from smartlead_async.errors import InvalidTypeError, ValidationError
from smartlead_async.models.analytics import DateTimeInput
from smartlead_async.models.common import OkResponse
from smartlead_async.models.email_accounts import (
    AccountMessages,
    AccountTags,
    BulkFetchResult,
    EmailAccount,
    EmailAccountTag,
    EmailProvider,
    FetchMessagesRequest,
    OAuthProvider,
    OAuthToken,
    PortType,
    ReconnectResult,
    SavedEmailAccount,
    WarmupSettings,
    WarmupStats,
    WarmupStatus,
)
from smartlead_async.pagination import Paginator
from smartlead_async.resources._base import Resource

#: T4/T5: accounts per tag-mapping call.
MAX_TAG_MAPPING_ACCOUNTS = 25
#: E12/E13: messages per mailbox per fetch.
MAX_FETCH_MESSAGES = 500
#: E13: mailboxes per bulk fetch.
MAX_BULK_FETCH_ACCOUNTS = 10

_PROVIDERS: tuple[str, ...] = get_args(EmailProvider)
_OAUTH_PROVIDERS: tuple[str, ...] = get_args(OAuthProvider)
_WARMUP_STATUSES: tuple[str, ...] = get_args(WarmupStatus)
_PORT_TYPES: tuple[str, ...] = get_args(PortType)
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")


# --- argument checks ----------------------------------------------------------------------


def _color(value: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _COLOR.match(value):
        raise ValidationError(f"color must be a hex colour like '#1A2B3C', got {value!r}")
    return value


def _warmup_limits(
    total_warmup_per_day: int | None, daily_rampup: int | None, reply_rate_percentage: int | None
) -> dict[str, Any]:
    """The documented warmup ranges (E9): 1-50 per day, ramp-up 5-20, reply rate 20-100."""
    return {
        "total_warmup_per_day": check_range("total_warmup_per_day", total_warmup_per_day, 1, 50),
        "daily_rampup": check_range("daily_rampup", daily_rampup, 5, 20),
        "reply_rate_percentage": check_range(
            "reply_rate_percentage", reply_rate_percentage, 20, 100
        ),
    }


def _account_options(
    *,
    different_reply_to_address: str | None,
    max_email_per_day: int | None,
    custom_tracking_url: str | None,
    bcc: str | None,
    signature: str | None,
    time_to_wait_in_mins: int | None,
    total_warmup_per_day: int | None,
    daily_rampup: int | None,
    reply_rate_percentage: int | None,
    client_id: int | None,
    is_suspended: bool | None,
) -> dict[str, Any]:
    """The optional account settings shared by E3 and E4, checked."""
    return {
        "different_reply_to_address": check_email(
            "different_reply_to_address", different_reply_to_address
        ),
        "max_email_per_day": check_range("max_email_per_day", max_email_per_day, 1),
        "custom_tracking_url": check_text("custom_tracking_url", custom_tracking_url),
        "bcc": check_text("bcc", bcc),
        "signature": check_text("signature", signature),
        "time_to_wait_in_mins": check_range("time_to_wait_in_mins", time_to_wait_in_mins, 0),
        **_warmup_limits(total_warmup_per_day, daily_rampup, reply_rate_percentage),
        "client_id": check_optional_id("client_id", client_id),
        "is_suspended": check_flag("is_suspended", is_suspended),
    }


def _token(value: OAuthToken | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(value, OAuthToken):
        data = value.to_wire()
    elif isinstance(value, Mapping):
        data = {str(key): item for key, item in value.items() if item is not None}
    else:
        raise InvalidTypeError(
            f"token must be an OAuthToken or a mapping, got {type(value).__name__}"
        )
    if not is_int(data.get("expiry_date")):
        raise ValidationError("token.expiry_date is required: the expiry time in epoch ms (int)")
    return data


def _one_of(name: str, value: str | None, alias: str, alias_value: str | None) -> str:
    """The required argument ``name``, given as itself or as its older spelling ``alias``."""
    if value is not None and alias_value is not None and value != alias_value:
        raise ValidationError(f"pass {name} or {alias} (its older name), not both")
    given, used = (value, name) if value is not None else (alias_value, alias)
    if given is None:
        raise ValidationError(f"{name} is required: the mailbox's SMTP login")
    return check_name(used, given)


def _fetch_options(
    limit: int | None,
    folder: str | None,
    include_body: bool | None,
    from_time: DateTimeInput | None,
    to_time: DateTimeInput | None,
) -> dict[str, Any]:
    start = check_datetime("from_time", from_time)
    end = check_datetime("to_time", to_time)
    check_time_order("from_time", start, "to_time", end)
    return drop_none(
        {
            "limit": check_range("limit", limit, 1, MAX_FETCH_MESSAGES),
            "folder": check_text("folder", folder),
            "includeBody": check_flag("include_body", include_body),
            "from": utc_millis(start),
            "to": utc_millis(end),
        }
    )


class EmailAccountsResource(Resource):
    """Sender mailboxes (catalog E1-E13) and their tags (T1-T6)."""

    # --- accounts --------------------------------------------------------------------------

    def iter_all(
        self,
        *,
        is_in_use: bool | None = None,
        email_warmup_status: WarmupStatus | None = None,
        is_smtp_success: bool | None = None,
        is_warmup_blocked: bool | None = None,
        esp: EmailProvider | None = None,
        username: str | None = None,
        client_id: int | None = None,
        fetch_campaigns: bool | None = None,
        limit: int | None = None,
        max_items: int | None = None,
    ) -> Paginator[EmailAccount]:
        """Every sender mailbox of the workspace. ``GET /email-accounts/`` (E1).

        ``limit`` is the page size: 1-100 (default 100). Filters: ``is_in_use``,
        ``email_warmup_status`` (ACTIVE|INACTIVE), ``is_smtp_success``, ``is_warmup_blocked``,
        ``esp`` (GMAIL|OUTLOOK|SMTP), ``username`` (partial match), ``client_id``;
        ``fetch_campaigns=True`` adds each account's ``campaign_ids``.
        """
        filters = {
            "isInUse": check_flag("is_in_use", is_in_use),
            "emailWarmupStatus": check_choice(
                "email_warmup_status", email_warmup_status, _WARMUP_STATUSES
            ),
            "isSmtpSuccess": check_flag("is_smtp_success", is_smtp_success),
            "isWarmupBlocked": check_flag("is_warmup_blocked", is_warmup_blocked),
            "esp": check_choice("esp", esp, _PROVIDERS),
            "username": check_text("username", username),
            "client_id": check_optional_id("client_id", client_id),
            "fetch_campaigns": check_flag("fetch_campaigns", fetch_campaigns),
        }
        return self._pages(E1, filters, limit=limit, max_items=max_items)

    async def get(
        self,
        email_account_id: int,
        *,
        fetch_campaigns: bool | None = None,
        fetch_tags: bool | None = None,
    ) -> EmailAccount:
        """One sender mailbox. ``GET /email-accounts/{email_account_id}/`` (E2).

        ``fetch_campaigns`` adds the mailbox's campaign ids; ``fetch_tags`` its tags (the
        official CLI's option).
        """
        params = {
            "fetch_campaigns": check_flag("fetch_campaigns", fetch_campaigns),
            "fetch_tags": check_flag("fetch_tags", fetch_tags),
        }
        return await self._send(E2, params=params, email_account_id=email_account_id)

    async def save(
        self,
        *,
        from_name: str,
        from_email: str,
        username: str | None = None,
        password: str,
        smtp_host: str,
        smtp_port: int,
        imap_host: str,
        imap_port: int,
        warmup_enabled: bool,
        user_name: str | None = None,
        email_account_id: int | None = None,
        type: EmailProvider | None = None,
        smtp_port_type: PortType | None = None,
        imap_user_name: str | None = None,
        imap_password: str | None = None,
        different_reply_to_address: str | None = None,
        max_email_per_day: int | None = None,
        custom_tracking_url: str | None = None,
        bcc: str | None = None,
        signature: str | None = None,
        time_to_wait_in_mins: int | None = None,
        total_warmup_per_day: int | None = None,
        daily_rampup: int | None = None,
        reply_rate_percentage: int | None = None,
        client_id: int | None = None,
        is_suspended: bool | None = None,
    ) -> SavedEmailAccount:
        """Create or update an SMTP mailbox. ``POST /email-accounts/save`` (E3).

        Pass ``email_account_id`` to update that mailbox instead of creating one. The API
        tests the SMTP/IMAP connection, so every connection field is required (``username``
        too). Ports are 1-65535; warmup ranges as :meth:`update_warmup`. Sends ``username``
        (R14: seed 001, a live create command and every GET answer use it); ``user_name`` is
        the 0.1 spelling of the same argument, still accepted.
        """
        account_id = check_optional_id("email_account_id", email_account_id)
        login = _one_of("username", username, "user_name", user_name)
        if imap_password is not None:
            check_name("imap_password", imap_password)
        body = {
            "id": account_id,
            "from_name": check_name("from_name", from_name),
            "from_email": check_email("from_email", from_email, required=True),
            "username": login,
            "password": check_name("password", password),
            "smtp_host": check_name("smtp_host", smtp_host),
            "smtp_port": check_int("smtp_port", smtp_port, 1, 65535),
            "imap_host": check_name("imap_host", imap_host),
            "imap_port": check_int("imap_port", imap_port, 1, 65535),
            "warmup_enabled": check_flag("warmup_enabled", warmup_enabled, required=True),
            "type": check_choice("type", type, _PROVIDERS),
            "smtp_port_type": check_choice("smtp_port_type", smtp_port_type, _PORT_TYPES),
            "imap_user_name": check_text("imap_user_name", imap_user_name),
            "imap_password": imap_password,
            **_account_options(
                different_reply_to_address=different_reply_to_address,
                max_email_per_day=max_email_per_day,
                custom_tracking_url=custom_tracking_url,
                bcc=bcc,
                signature=signature,
                time_to_wait_in_mins=time_to_wait_in_mins,
                total_warmup_per_day=total_warmup_per_day,
                daily_rampup=daily_rampup,
                reply_rate_percentage=reply_rate_percentage,
                client_id=client_id,
                is_suspended=is_suspended,
            ),
        }
        payload = drop_none(body)
        payload["id"] = account_id
        return await self._send(E3, json=payload)

    async def save_oauth(
        self,
        *,
        from_name: str,
        from_email: str,
        username: str,
        type: OAuthProvider,
        token: OAuthToken | Mapping[str, Any],
        warmup_enabled: bool,
        use_whitelabel_credentials: bool,
        different_reply_to_address: str | None = None,
        max_email_per_day: int | None = None,
        custom_tracking_url: str | None = None,
        bcc: str | None = None,
        signature: str | None = None,
        time_to_wait_in_mins: int | None = None,
        total_warmup_per_day: int | None = None,
        daily_rampup: int | None = None,
        reply_rate_percentage: int | None = None,
        client_id: int | None = None,
        is_suspended: bool | None = None,
    ) -> SavedEmailAccount:
        """Connect a Gmail/Outlook mailbox with an OAuth token. ``POST /email-accounts/save-oauth`` (E4).

        ``type`` is GMAIL or OUTLOOK; ``token`` needs ``expiry_date`` (epoch ms). Warmup
        ranges as :meth:`update_warmup`.
        """  # noqa: E501
        body = {
            "from_name": check_name("from_name", from_name),
            "from_email": check_email("from_email", from_email, required=True),
            "username": check_name("username", username),
            "type": check_choice("type", check_name("type", type), _OAUTH_PROVIDERS),
            "token": _token(token),
            "warmup_enabled": check_flag("warmup_enabled", warmup_enabled, required=True),
            "use_whitelabel_credentials": check_flag(
                "use_whitelabel_credentials", use_whitelabel_credentials, required=True
            ),
            **_account_options(
                different_reply_to_address=different_reply_to_address,
                max_email_per_day=max_email_per_day,
                custom_tracking_url=custom_tracking_url,
                bcc=bcc,
                signature=signature,
                time_to_wait_in_mins=time_to_wait_in_mins,
                total_warmup_per_day=total_warmup_per_day,
                daily_rampup=daily_rampup,
                reply_rate_percentage=reply_rate_percentage,
                client_id=client_id,
                is_suspended=is_suspended,
            ),
        }
        return await self._send(E4, json=drop_none(body))

    async def update(
        self,
        email_account_id: int,
        *,
        max_email_per_day: int | None = None,
        from_name: str | None = None,
        custom_tracking_url: str | None = None,
        bcc: str | None = None,
        signature: str | None = None,
        client_id: int | None = None,
        time_to_wait_in_mins: int | None = None,
        is_suspended: bool | None = None,
    ) -> SavedEmailAccount:
        """Change a mailbox's settings. ``POST /email-accounts/{email_account_id}`` (E5).

        Pass at least one field; ``max_email_per_day`` >= 1, ``time_to_wait_in_mins`` >= 0.
        """
        account_id = check_id("email_account_id", email_account_id)
        body = drop_none(
            {
                "max_email_per_day": check_range("max_email_per_day", max_email_per_day, 1),
                "from_name": None if from_name is None else check_name("from_name", from_name),
                "custom_tracking_url": check_text("custom_tracking_url", custom_tracking_url),
                "bcc": check_text("bcc", bcc),
                "signature": check_text("signature", signature),
                "client_id": check_optional_id("client_id", client_id),
                "time_to_wait_in_mins": check_range(
                    "time_to_wait_in_mins", time_to_wait_in_mins, 0
                ),
                "is_suspended": check_flag("is_suspended", is_suspended),
            }
        )
        if not body:
            raise ValidationError(
                "nothing to update: pass at least one of max_email_per_day, from_name, "
                "custom_tracking_url, bcc, signature, client_id, time_to_wait_in_mins, "
                "is_suspended"
            )
        return await self._send(E5, json=body, email_account_id=account_id)

    async def delete(self, email_account_id: int) -> OkResponse:
        """Delete a mailbox (irreversible). ``DELETE /email-accounts/{email_account_id}`` (E6)."""
        return await self._send(E6, email_account_id=email_account_id)

    async def suspend(self, email_account_id: int) -> OkResponse:
        """Suspend a mailbox (it stops sending). ``PUT /email-accounts/suspend/{email_account_id}`` (E7)."""  # noqa: E501
        return await self._send(E7, email_account_id=email_account_id)

    async def unsuspend(self, email_account_id: int) -> OkResponse:
        """Lift a suspension. ``DELETE /email-accounts/unsuspend/{email_account_id}`` (E8)."""
        return await self._send(E8, email_account_id=email_account_id)

    # --- warmup ----------------------------------------------------------------------------

    async def update_warmup(
        self,
        email_account_id: int,
        *,
        warmup_enabled: bool,
        total_warmup_per_day: int | None = None,
        daily_rampup: int | None = None,
        reply_rate_percentage: int | None = None,
        warmup_key_id: str | None = None,
        auto_adjust_warmup: bool | None = None,
        is_rampup_enabled: bool | None = None,
    ) -> WarmupSettings:
        """Turn warmup on or off and tune it. ``POST /email-accounts/{email_account_id}/warmup`` (E9).

        Only ``warmup_enabled`` is required (R13). ``total_warmup_per_day`` 1-50,
        ``daily_rampup`` 5-20, ``reply_rate_percentage`` 20-100.
        """  # noqa: E501
        account_id = check_id("email_account_id", email_account_id)
        body = drop_none(
            {
                "warmup_enabled": check_flag("warmup_enabled", warmup_enabled, required=True),
                **_warmup_limits(total_warmup_per_day, daily_rampup, reply_rate_percentage),
                "warmup_key_id": check_text("warmup_key_id", warmup_key_id),
                "auto_adjust_warmup": check_flag("auto_adjust_warmup", auto_adjust_warmup),
                "is_rampup_enabled": check_flag("is_rampup_enabled", is_rampup_enabled),
            }
        )
        return await self._send(E9, json=body, email_account_id=account_id)

    async def get_warmup_stats(self, email_account_id: int) -> WarmupStats:
        """Warmup numbers of the last 7 days. ``GET /email-accounts/{email_account_id}/warmup-stats`` (E10)."""  # noqa: E501
        return await self._send(E10, email_account_id=email_account_id)

    # --- maintenance -----------------------------------------------------------------------

    async def reconnect_failed(self) -> ReconnectResult:
        """Retry the connection of every failed mailbox. ``POST /email-accounts/reconnect-failed-email-accounts`` (E11)."""  # noqa: E501
        return await self._send(E11)

    async def fetch_messages(
        self,
        email_account_id: int,
        *,
        limit: int | None = None,
        folder: str | None = None,
        include_body: bool | None = None,
        from_time: DateTimeInput | None = None,
        to_time: DateTimeInput | None = None,
    ) -> AccountMessages:
        """Read recent messages of one mailbox. ``POST /email-accounts/{email_account_id}/fetch-messages`` (E12).

        ``limit`` 1-500 (server default 100); ``folder`` e.g. ``"INBOX"``; ``from_time`` /
        ``to_time`` bound the message times (sent as ISO 8601 UTC).

        Unverified: documented, and sent as the official CLI does, but not checked live.
        """  # noqa: E501
        account_id = check_id("email_account_id", email_account_id)
        body = _fetch_options(limit, folder, include_body, from_time, to_time)
        return await self._send(E12, json=body, email_account_id=account_id)

    async def fetch_messages_bulk(
        self, requests: Iterable[FetchMessagesRequest | int]
    ) -> BulkFetchResult:
        """Read recent messages of several mailboxes. ``POST /email-accounts/multi/fetch-messages`` (E13).

        1-10 mailboxes per call: account ids, or :class:`FetchMessagesRequest` for per-mailbox
        options (``limit`` 1-500 each). Each mailbox succeeds or fails on its own.

        Unverified: only the official CLI and a reference list it; not checked live.
        """  # noqa: E501
        if isinstance(requests, (str, bytes)) or not isinstance(requests, Iterable):
            raise InvalidTypeError(
                "requests must be a list of account ids or FetchMessagesRequest objects"
            )
        items: list[dict[str, Any]] = []
        for index, item in enumerate(requests):
            if isinstance(item, FetchMessagesRequest):
                entry = {"account_id": check_id(f"requests[{index}].account_id", item.account_id)}
                entry.update(
                    _fetch_options(
                        item.limit, item.folder, item.include_body, item.from_time, item.to_time
                    )
                )
            else:
                entry = {"account_id": check_id(f"requests[{index}]", item)}
            items.append(entry)
        check_count("requests", items, min_items=1, max_items=MAX_BULK_FETCH_ACCOUNTS)
        return await self._send(E13, json=items)

    # --- tags ------------------------------------------------------------------------------

    async def list_tags(self) -> list[EmailAccountTag]:
        """Every email-account tag. ``GET /email-accounts/tags`` (T1)."""
        return await self._send_list(T1)

    async def create_tag(self, name: str, *, color: str | None = None) -> EmailAccountTag:
        """Create a tag. ``POST /tags`` (T2).

        ``color`` is ``"#RRGGBB"`` (optional).
        """
        body = drop_none({"name": check_name("name", name), "color": _color(color)})
        return await self._send(T2, json=body)

    async def update_tag(self, tag_id: int, *, name: str, color: str) -> EmailAccountTag:
        """Rename or recolour a tag. ``POST /email-accounts/tag-manager`` (T3).

        ``name`` and ``color`` (``"#RRGGBB"``) are both required.
        """
        if color is None:
            raise ValidationError("color is required, e.g. '#1A2B3C'")
        body = {
            "id": check_id("tag_id", tag_id),
            "name": check_name("name", name),
            "color": _color(color),
        }
        return await self._send(T3, json=body)

    @staticmethod
    def _mapping(email_account_ids: Iterable[int], tag_ids: Iterable[int]) -> dict[str, Any]:
        return {
            "email_account_ids": check_ids(
                "email_account_ids",
                email_account_ids,
                min_items=1,
                max_items=MAX_TAG_MAPPING_ACCOUNTS,
            ),
            "tag_ids": check_ids("tag_ids", tag_ids, min_items=1),
        }

    async def add_tags(
        self, email_account_ids: Iterable[int], tag_ids: Iterable[int]
    ) -> OkResponse:
        """Tag mailboxes. ``POST /email-accounts/tag-mapping`` (T4).

        1-25 ``email_account_ids`` and at least one tag id.
        """
        body = self._mapping(email_account_ids, tag_ids)
        return await self._send(T4, json=body)

    async def remove_tags(
        self, email_account_ids: Iterable[int], tag_ids: Iterable[int]
    ) -> OkResponse:
        """Untag mailboxes. ``DELETE /email-accounts/tag-mapping`` (T5).

        1-25 ``email_account_ids`` and at least one tag id.
        """
        body = self._mapping(email_account_ids, tag_ids)
        return await self._send(T5, json=body)

    async def get_tags_for(self, emails: Sequence[str]) -> list[AccountTags]:
        """Account ids and tags for mailbox addresses. ``POST /email-accounts/tag-list`` (T6)."""
        if isinstance(emails, (str, bytes)) or not isinstance(emails, Iterable):
            raise InvalidTypeError("emails must be a list of email addresses")
        addresses = [
            check_email(f"emails[{index}]", value, required=True)
            for index, value in enumerate(emails)
        ]
        check_count("emails", addresses, min_items=1)
        return await self._send_list(T6, json={"email_ids": addresses})
