"""Sandbox routes: email accounts E1-E13 and email-account tags T1-T6."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any, Final

import orjson
from aiohttp import web

from smartlead_async.testing._http import (
    Routes,
    json_response,
    ok,
    state_of,
)
from smartlead_async.testing._params import (
    b_bool,
    b_bool_opt,
    b_enum,
    b_enum_opt,
    b_int,
    b_int_list,
    b_int_opt,
    b_obj,
    b_str,
    b_str_list,
    b_str_opt,
    bad_request,
    found,
    json_body,
    path_int,
    q_bool,
    q_enum_opt,
    q_int_opt,
    q_page,
    q_str_opt,
    require,
)
from smartlead_async.testing.importing import is_valid_email
from smartlead_async.testing.state import ACCOUNT_TYPES, EmailAccount, SandboxState, Tag
from smartlead_async.testing.wire import email_account_json, iso

routes = Routes()

_COLOR_RE: Final = re.compile(r"^#[0-9A-Fa-f]{6}$")


def _account(request: web.Request, name: str = "email_account_id") -> EmailAccount:
    account_id = path_int(request, name)
    account = found(
        state_of(request).email_accounts.get(account_id), f"Email account {account_id} not found"
    )
    return account


def _client(state: SandboxState, client_id: int | None) -> int | None:
    if client_id is not None and client_id not in state.clients:
        raise bad_request(f"client_id {client_id} does not exist")
    return client_id


# --------------------------------------------------------------------------- E1, E2


@routes.serve("E1")
async def list_accounts(request: web.Request) -> web.StreamResponse:
    """E1: bare array, offset/limit (<= 100) plus filters."""
    state = state_of(request)
    offset, limit = q_page(request, default=100, maximum=100)
    in_use = q_bool(request, "isInUse") if request.query.get("isInUse") else None
    warmup = q_enum_opt(request, "emailWarmupStatus", ("ACTIVE", "INACTIVE"))
    smtp_ok = q_bool(request, "isSmtpSuccess") if request.query.get("isSmtpSuccess") else None
    blocked = q_bool(request, "isWarmupBlocked") if request.query.get("isWarmupBlocked") else None
    esp = q_enum_opt(request, "esp", ACCOUNT_TYPES)
    username = (q_str_opt(request, "username") or "").lower()
    client_id = q_int_opt(request, "client_id", minimum=1)
    fetch_campaigns = q_bool(request, "fetch_campaigns")
    filtered = any(v is not None for v in (in_use, warmup, smtp_ok, blocked, esp, client_id))
    accounts = list(state.email_accounts.values())
    if filtered or username:
        accounts = [
            a
            for a in accounts
            if (in_use is None or bool(a.campaign_ids) == in_use)
            and (warmup is None or a.warmup.status == warmup)
            and (smtp_ok is None or a.is_smtp_success == smtp_ok)
            and (blocked is None or a.warmup.is_warmup_blocked == blocked)
            and (esp is None or a.type == esp)
            and (client_id is None or a.client_id == client_id)
            and (username in a.username.lower() or username in a.from_email.lower())
        ]
    page = accounts[offset : offset + limit]
    return json_response(
        [email_account_json(state, a, fetch_campaigns=fetch_campaigns) for a in page]
    )


@routes.serve("E2")
async def get_account(request: web.Request) -> web.StreamResponse:
    """E2: one account (``warmup_reputation`` as a number; its tags always, so ``fetch_tags``
    is only checked)."""
    state = state_of(request)
    account = _account(request)
    q_bool(request, "fetch_tags")
    return json_response(
        email_account_json(
            state, account, fetch_campaigns=q_bool(request, "fetch_campaigns"), listing=False
        )
    )


# --------------------------------------------------------------------------- E3-E5


def _save_response(account: EmailAccount) -> web.Response:
    return ok(
        id=account.id,
        from_name=account.from_name,
        from_email=account.from_email,
        user_name=account.username,
        smtp_host=account.smtp_host,
        smtp_port=account.smtp_port,
        imap_host=account.imap_host,
        imap_port=account.imap_port,
        type=account.type,
        message_per_day=account.message_per_day,
        warmup_enabled=account.warmup.enabled,
    )


def _apply_optional(state: SandboxState, account: EmailAccount, body: dict[str, Any]) -> None:
    """The optional fields shared by E3, E4 and E5."""
    per_day = b_int_opt(body, "max_email_per_day", minimum=1, maximum=10_000)
    wait = b_int_opt(body, "time_to_wait_in_mins", minimum=0, maximum=1440)
    reply_to = b_str_opt(body, "different_reply_to_address")
    if reply_to and not is_valid_email(reply_to):
        raise bad_request(f'"different_reply_to_address" is not a valid email: {reply_to!r}')
    bcc = b_str_opt(body, "bcc")
    if bcc and not is_valid_email(bcc):
        raise bad_request(f'"bcc" is not a valid email: {bcc!r}')
    if "client_id" in body:
        account.client_id = _client(state, b_int_opt(body, "client_id", minimum=1))
    suspended = b_bool_opt(body, "is_suspended")
    for key, value in (
        ("from_name", b_str_opt(body, "from_name", allow_empty=False)),
        ("custom_tracking_url", b_str_opt(body, "custom_tracking_url")),
        ("signature", b_str_opt(body, "signature")),
        ("message_per_day", per_day),
        ("time_to_wait_in_mins", wait),
        ("different_reply_to_address", reply_to),
        ("bcc", bcc),
        ("is_suspended", suspended),
    ):
        if value is not None:
            setattr(account, key, value)
    account.updated_at = state.now()


def _check_new_email(state: SandboxState, email: str) -> str:
    if not is_valid_email(email):
        raise bad_request(f'"from_email" is not a valid email address: {email!r}')
    if email.lower() in state.email_accounts_by_email:
        raise bad_request(f"an email account for {email} already exists")
    return email


@routes.serve("E3")
async def save_smtp_account(request: web.Request) -> web.StreamResponse:
    """E3: create (``id`` null) or update an SMTP/IMAP account (R14: ``username``)."""
    state = state_of(request)
    body = await json_body(request)
    account_id = b_int_opt(body, "id", minimum=1)
    port_type = b_enum_opt(body, "smtp_port_type", ("TLS", "SSL", "NONE"))
    if account_id is not None:
        account = found(
            state.email_accounts.get(account_id), f"Email account {account_id} not found"
        )
        for key, attr in (("username", "username"), ("password", "password")):
            value = b_str_opt(body, key, allow_empty=False)
            if value is not None:
                setattr(account, attr, value)
        for key in ("smtp_host", "imap_host"):
            value = b_str_opt(body, key, allow_empty=False)
            if value is not None:
                setattr(account, key, value)
        for key in ("smtp_port", "imap_port"):
            port = b_int_opt(body, key, minimum=1, maximum=65535)
            if port is not None:
                setattr(account, key, port)
    else:
        from_email = _check_new_email(state, b_str(body, "from_email"))
        account = state.add_email_account(
            from_email,
            b_str(body, "from_name", allow_empty=False),
            username=b_str(body, "username", allow_empty=False),
            password=b_str(body, "password", allow_empty=False),
            smtp_host=b_str(body, "smtp_host", allow_empty=False),
            smtp_port=b_int(body, "smtp_port", minimum=1, maximum=65535),
            imap_host=b_str(body, "imap_host", allow_empty=False),
            imap_port=b_int(body, "imap_port", minimum=1, maximum=65535),
            type=b_enum_opt(body, "type", ACCOUNT_TYPES) or "SMTP",
            imap_username=b_str_opt(body, "imap_user_name"),
            imap_password=b_str_opt(body, "imap_password"),
        )
        account.warmup.enabled = b_bool(body, "warmup_enabled")
        account.warmup.status = "ACTIVE" if account.warmup.enabled else "INACTIVE"
    if port_type is not None:
        account.smtp_port_type = port_type
    _apply_optional(state, account, body)
    return _save_response(account)


@routes.serve("E4")
async def save_oauth_account(request: web.Request) -> web.StreamResponse:
    """E4: a GMAIL/OUTLOOK account from an OAuth token."""
    state = state_of(request)
    body = await json_body(request)
    from_email = _check_new_email(state, b_str(body, "from_email"))
    from_name = b_str(body, "from_name", allow_empty=False)
    username = b_str(body, "username", allow_empty=False)
    kind = b_enum(body, "type", ("GMAIL", "OUTLOOK"))
    token = b_obj(body, "token")
    for key in ("access_token", "refresh_token"):
        b_str(token, key, allow_empty=False)
    b_int(token, "expiry_date", minimum=0)
    warmup = b_bool(body, "warmup_enabled")
    b_bool(body, "use_whitelabel_credentials")
    host = "gmail.com" if kind == "GMAIL" else "office365.com"
    account = state.add_email_account(
        from_email,
        from_name,
        username=username,
        type=kind,
        smtp_host=f"smtp.{host}",
        imap_host=f"imap.{host}",
    )
    account.warmup.enabled = warmup
    account.warmup.status = "ACTIVE" if warmup else "INACTIVE"
    _apply_optional(state, account, body)
    return _save_response(account)


@routes.serve("E5")
async def update_account(request: web.Request) -> web.StreamResponse:
    """E5: update the optional settings of an account."""
    state = state_of(request)
    account = _account(request)
    _apply_optional(state, account, await json_body(request))
    return ok()


# --------------------------------------------------------------------------- E6-E8


@routes.serve("E6")
async def delete_account(request: web.Request) -> web.StreamResponse:
    """E6: delete (detaches it from its campaigns)."""
    state = state_of(request)
    state.delete_email_account(_account(request))
    return ok()


def _set_suspended(request: web.Request, suspended: bool) -> web.Response:
    account = _account(request)
    account.is_suspended = suspended
    account.updated_at = state_of(request).now()
    return ok()


@routes.serve("E7")
async def suspend_account(request: web.Request) -> web.StreamResponse:
    """E7."""
    return _set_suspended(request, True)


@routes.serve("E8")
async def unsuspend_account(request: web.Request) -> web.StreamResponse:
    """E8."""
    return _set_suspended(request, False)


# --------------------------------------------------------------------------- E9, E10


@routes.serve("E9")
async def update_warmup(request: web.Request) -> web.StreamResponse:
    """E9: only ``warmup_enabled`` is required (R13); documented ranges enforced."""
    account = _account(request)
    body = await json_body(request)
    warm = account.warmup
    warm.enabled = b_bool(body, "warmup_enabled")
    warm.status = "ACTIVE" if warm.enabled else "INACTIVE"
    for key, low, high in (
        ("total_warmup_per_day", 1, 50),
        ("daily_rampup", 5, 20),
        ("reply_rate_percentage", 20, 100),
    ):
        value = b_int_opt(body, key, minimum=low, maximum=high)
        if value is not None:
            setattr(warm, key, value)
    key_id = b_str_opt(body, "warmup_key_id")
    if key_id is not None:
        warm.warmup_key_id = key_id
    for key in ("auto_adjust_warmup", "is_rampup_enabled"):
        flag = b_bool_opt(body, key)
        if flag is not None:
            setattr(warm, key, flag)
    account.updated_at = state_of(request).now()
    return ok(
        warmup_enabled=warm.enabled,
        total_warmup_per_day=warm.total_warmup_per_day,
        daily_rampup=warm.daily_rampup,
        reply_rate_percentage=warm.reply_rate_percentage,
        warmup_key_id=warm.warmup_key_id,
    )


@routes.serve("E10")
async def warmup_stats(request: web.Request) -> web.StreamResponse:
    """E10: the last 7 days, derived from the warmup settings and reputation."""
    state = state_of(request)
    account = _account(request)
    warm = account.warmup
    today = state.now().date()
    days: list[dict[str, Any]] = []
    for back in range(6, -1, -1):
        day = today - timedelta(days=back)
        sent = 0
        if warm.enabled:
            sent = min(warm.total_warmup_per_day, warm.daily_rampup * (7 - back))
        spam = round(sent * (100 - warm.reputation) / 100)
        received = round(sent * warm.reply_rate_percentage / 100)
        days.append(
            {
                "date": day.isoformat(),
                "sent_count": sent,
                "spam_count": spam,
                "inbox_count": sent - spam,
                "warmup_email_received_count": received,
            }
        )
    totals = {
        key: sum(int(d[key]) for d in days)
        for key in ("sent_count", "spam_count", "inbox_count", "warmup_email_received_count")
    }
    return json_response({"id": account.id, **totals, "stats_by_date": days})


# --------------------------------------------------------------------------- E11-E13


@routes.serve("E11")
async def reconnect_failed(request: web.Request) -> web.StreamResponse:
    """E11: accounts with an SMTP/IMAP failure are reconnected."""
    state = state_of(request)
    results = []
    for account in state.email_accounts.values():
        if account.is_smtp_success and account.is_imap_success:
            continue
        account.is_smtp_success = account.is_imap_success = True
        account.smtp_failure_error = account.imap_failure_error = None
        results.append({"id": account.id, "from_email": account.from_email, "reconnected": True})
    return ok(data=results, message=f"{len(results)} email account(s) reconnected")


@routes.serve("E12")
async def fetch_messages(request: web.Request) -> web.StreamResponse:
    """E12: trigger an inbox sync for one account."""
    account = _account(request)
    return ok(message="Fetching messages started", data={"email_account_id": account.id})


@routes.serve("E13")
async def fetch_messages_bulk(request: web.Request) -> web.StreamResponse:
    """E13: trigger an inbox sync for several accounts.

    The body is undocumented; two forms are accepted: ``{"email_account_ids": [...]}`` and the
    official CLI's array of ``{"account_id", "limit", "folder", ...}`` requests (1-10 items).
    """
    state = state_of(request)
    raw = await request.read()
    try:
        parsed = orjson.loads(raw) if raw.strip() else None
    except orjson.JSONDecodeError as exc:
        raise bad_request(f"request body is not valid JSON: {exc}") from None
    if isinstance(parsed, list):
        if not 1 <= len(parsed) <= 10:
            raise bad_request(f"pass 1-10 account requests, got {len(parsed)}")
        ids = []
        for index, item in enumerate(parsed):
            account_id = item.get("account_id") if isinstance(item, dict) else None
            if isinstance(account_id, bool) or not isinstance(account_id, int):
                raise bad_request(f'item {index}: "account_id" must be an integer')
            ids.append(account_id)
    else:
        body = await json_body(request)
        ids = b_int_list(body, "email_account_ids", min_items=1, max_items=100)
    missing = [i for i in ids if i not in state.email_accounts]
    if missing:
        raise bad_request(f"email accounts not found: {missing}")
    results = [{"account_id": i, "ok": True, "status": "started", "messages": []} for i in ids]
    summary = {"total": len(ids), "success": len(ids), "error": 0}
    return ok(
        message="Fetching messages started",
        data={"email_account_ids": ids, "results": results, "summary": summary},
    )


# --------------------------------------------------------------------------- T1-T6


def _tag_json(tag: Tag) -> dict[str, Any]:
    return {"id": tag.id, "name": tag.name, "color": tag.color, "created_at": iso(tag.created_at)}


def _color(body: dict[str, Any], required: bool) -> str | None:
    color = b_str_opt(body, "color")
    if required:
        require(color, "color")
    if color is not None and not _COLOR_RE.match(color):
        raise bad_request(f'"color" must be "#RRGGBB", got {color!r}')
    return color


def _unique_name(state: SandboxState, name: str, except_id: int | None = None) -> str:
    name = name.strip()
    for tag in state.tags.values():
        if tag.name.lower() == name.lower() and tag.id != except_id:
            raise bad_request(f"a tag named {name!r} already exists (id {tag.id})")
    return name


@routes.serve("T1")
async def list_tags(request: web.Request) -> web.StreamResponse:
    """T1."""
    return ok(data=[_tag_json(t) for t in state_of(request).tags.values()])


@routes.serve("T2")
async def create_tag(request: web.Request) -> web.StreamResponse:
    """T2: ``name`` and optional ``color``."""
    state = state_of(request)
    body = await json_body(request)
    name = _unique_name(state, b_str(body, "name", allow_empty=False, max_length=64))
    tag = Tag(state.next_id("tag"), name, _color(body, False) or "#3B82F6", state.now())
    state.tags[tag.id] = tag
    return ok(data=_tag_json(tag))


@routes.serve("T3")
async def update_tag(request: web.Request) -> web.StreamResponse:
    """T3: ``id``, ``name``, ``color`` all required."""
    state = state_of(request)
    body = await json_body(request)
    tag_id = b_int(body, "id", minimum=1)
    tag = found(state.tags.get(tag_id), f"Tag {tag_id} not found")
    name = b_str(body, "name", allow_empty=False, max_length=64)
    tag.name = _unique_name(state, name, tag.id)
    tag.color = _color(body, True) or tag.color
    return ok(data=_tag_json(tag))


def _mapping_args(state: SandboxState, body: dict[str, Any]) -> tuple[list[int], list[int]]:
    account_ids = b_int_list(body, "email_account_ids", min_items=1, max_items=25)
    tag_ids = b_int_list(body, "tag_ids", min_items=1)
    missing_accounts = [i for i in account_ids if i not in state.email_accounts]
    if missing_accounts:
        raise bad_request(f"email accounts not found: {missing_accounts}")
    missing_tags = [i for i in tag_ids if i not in state.tags]
    if missing_tags:
        raise bad_request(f"tags not found: {missing_tags}")
    return account_ids, tag_ids


@routes.serve("T4")
async def add_tag_mapping(request: web.Request) -> web.StreamResponse:
    """T4: tag accounts (1-25 accounts)."""
    state = state_of(request)
    account_ids, tag_ids = _mapping_args(state, await json_body(request))
    for account_id in account_ids:
        account = state.email_accounts[account_id]
        account.tag_ids.extend(t for t in tag_ids if t not in account.tag_ids)
    return ok()


@routes.serve("T5")
async def remove_tag_mapping(request: web.Request) -> web.StreamResponse:
    """T5: untag accounts."""
    state = state_of(request)
    account_ids, tag_ids = _mapping_args(state, await json_body(request))
    for account_id in account_ids:
        account = state.email_accounts[account_id]
        account.tag_ids = [t for t in account.tag_ids if t not in tag_ids]
    return ok()


@routes.serve("T6")
async def tags_of_accounts(request: web.Request) -> web.StreamResponse:
    """T6: tags per account address (``email_ids`` are email addresses)."""
    state = state_of(request)
    body = await json_body(request)
    emails = b_str_list(body, "email_ids", min_items=1, max_items=100)
    data = []
    for email in emails:
        account_id = state.email_accounts_by_email.get(email.strip().lower())
        account = state.email_accounts.get(account_id or -1)
        tags = [state.tags[t] for t in account.tag_ids if t in state.tags] if account else []
        data.append(
            {
                "email": email,
                "email_account_id": account.id if account else None,
                "tags": [_tag_json(t) for t in tags],
            }
        )
    return ok(data=data)
