"""Every response envelope the API wraps its answers in, and how each is read into a model.

The API answers the same kind of data bare, as ``{ok, data: X}``, or nested one level more.
Each :class:`Envelope` names one of those families; a catalog row says which envelope its
endpoint answers with, and :meth:`Envelope.read` turns the response into the row's model.
Resources never unwrap by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal, TypeVar

import attrs

from smartlead_async._convert import structure, structure_list
from smartlead_async._response import Response
from smartlead_async.errors import APIError, NotFoundError, ResponseValidationError
from smartlead_async.models.common import carries_fields
from smartlead_async.pagination import Page

T = TypeVar("T")

_ACK_KEYS = ("ok", "success", "message")
_ACK_TEXTS = ("success", "ok")


def decode(body: Any, cls: type[T]) -> T:
    """Decode one JSON object into ``cls``; an empty body is a validation error."""
    if body is None or body == "":
        raise ResponseValidationError("the response body is empty", model=cls.__name__)
    return structure(body, cls)


def array_of(body: Any, cls: type[Any]) -> list[Any]:
    """The JSON array of ``body`` (bare, or ``{"data": [...]}``), undecoded; anything else,
    ``null`` included, is a :class:`ResponseValidationError`."""
    items = unwrap_data(body) if isinstance(body, Mapping) else body
    if not isinstance(items, list):
        keys = f" with keys {sorted(items)[:8]}" if isinstance(items, Mapping) else ""
        raise ResponseValidationError(
            f"expected a JSON array of rows, got {type(items).__name__}{keys}",
            model=cls.__name__,
        )
    return items


def unwrap_data(body: Any) -> Any:
    """``{"ok": ..., "data": X}`` -> X; anything else unchanged."""
    if isinstance(body, Mapping) and "data" in body:
        return body["data"]
    return body


def unwrap_object(body: Any) -> Any:
    """``{"ok": ..., "data": {...}}`` -> the inner object; anything else unchanged."""
    if isinstance(body, Mapping) and isinstance(body.get("data"), Mapping):
        return body["data"]
    return body


def merge_data(body: Any) -> Any:
    """``{ok, data: {...}}`` -> the inner object with ``ok`` kept; anything else unchanged."""
    if isinstance(body, Mapping) and isinstance(body.get("data"), Mapping):
        merged = dict(body["data"])
        for key in _ACK_KEYS:
            if key in body and key not in merged:
                merged[key] = body[key]
        return merged
    return body


def lift_data(body: Any, list_key: str) -> Any:
    """The envelope's keys plus what its ``data`` holds, as one object.

    An object under ``data`` is merged up; an array (under ``data``, or bare) goes under
    ``list_key``; an empty body is ``{}``; a body that already has ``list_key`` is unchanged.
    """
    if body is None or body == "":
        return {}
    if isinstance(body, list):
        return {list_key: body}
    if not isinstance(body, Mapping) or list_key in body:
        return body
    rest = {key: value for key, value in body.items() if key != "data"}
    data = body.get("data")
    if isinstance(data, Mapping):
        return {**rest, **data}
    if isinstance(data, list):
        return {**rest, list_key: data}
    return rest


def rows(body: Any, *keys: str) -> Any:
    """The array of a list answer: bare, under ``data``, or under one of ``keys`` (nested too).

    Descends through the first of ``data``/``keys`` that holds an array, an object or null;
    an object with none of them is returned as it is.
    """
    current = body
    while isinstance(current, Mapping):
        key = next(
            (
                k
                for k in ("data", *keys)
                if k in current and (current[k] is None or isinstance(current[k], (list, Mapping)))
            ),
            None,
        )
        if key is None:
            return current
        current = current[key]
    return current


def _bare_ack(body: Any) -> bool:
    """``{ok|success|message}``, with at most an empty ``data``: an answer that has no rows."""
    if not isinstance(body, Mapping) or not body.keys() & set(_ACK_KEYS):
        return False
    rest = body.keys() - set(_ACK_KEYS)
    return rest <= {"data"} and body.get("data") in (None, {}, [])


def items_of(body: Any, *keys: str) -> list[Any]:
    """The rows of a list answer (see :func:`rows`); a bare acknowledgement has no rows."""
    if body is None or body == "" or _bare_ack(body):
        return []
    found = rows(body, *keys)
    if isinstance(found, list):
        return found
    raise ResponseValidationError(
        f"expected a JSON array of rows, got {type(found).__name__}"
        + (f" with keys {sorted(found)[:8]}" if isinstance(found, Mapping) else "")
    )


def decode_ack(response: Response, cls: type[T], *, strict: bool = False) -> T:
    """An acknowledgement decoded into ``cls``; an empty or text body means success.

    ``strict``: only the texts ``success``/``ok`` are accepted, ``{"ok": false}`` is raised as
    :class:`APIError`, and an empty body claims nothing (``ok`` stays None).
    """
    body = response.body
    if body is None or body == "":
        return structure({} if strict else {"ok": True}, cls)
    if isinstance(body, str):
        if strict and body.strip().lower() not in _ACK_TEXTS:
            raise ResponseValidationError(
                f"expected 'success' or a JSON acknowledgement, got {body[:100]!r}",
                model=cls.__name__,
            )
        return structure({"ok": True, "message": body.strip()}, cls)
    result = decode(body, cls)
    if strict and getattr(result, "ok", None) is False:
        message = getattr(result, "message", None)
        raise APIError(
            response.status,
            message or "the API answered ok: false",
            response.text,
            method=response.method,
            path=response.path,
            data=body,
        )
    return result


def _same(body: Any) -> Any:
    return body


def _nothing(body: Any) -> str:
    """How an answer that holds no payload looked: an empty body, or null where data should be."""
    if body is None or body == "":
        return "an empty body"
    keys = f" (keys {sorted(body)[:8]})" if isinstance(body, Mapping) else ""
    return f"null{keys}"


#: How an envelope's payload becomes the row's model: one object, an array of them, an
#: acknowledgement (empty or text bodies mean success), the body as text, or as it is.
Form = Literal["one", "many", "ack", "text", "raw"]


@attrs.frozen
class Envelope:
    """One named response envelope: the wire forms it accepts and how its payload is read."""

    name: str
    form: Form
    accepts: str
    unwrap: Callable[[Any], Any] = attrs.field(default=_same, eq=False, repr=False)
    strict: bool = False
    fill: tuple[tuple[str, str], ...] = ()

    totals: tuple[str, ...] = ()
    more: tuple[str, ...] = ()
    #: Brings each row of a ``many`` answer into the shape the model reads, before decoding.
    reshape: Callable[[Any], Any] | None = attrs.field(default=None, eq=False, repr=False)
    missing: str | None = None
    #: An empty answer is valid: no rows for ``many`` (an empty body, a 204, ``null``), an
    #: empty object for ``one``. Otherwise a ``many`` answer must hold an array, and a ``one``
    #: answer an object with at least one of the model's fields.
    accepts_empty: bool = False
    #: A ``many`` answer may be one object in place of the array: one row, if it carries at
    #: least one of the model's fields (so ``{}`` or ``{"error": ...}`` still raise).
    single: bool = False

    def read(
        self,
        response: Response,
        model: type[Any],
        endpoint: str = "",
        path: Mapping[str, int] | None = None,
    ) -> Any:
        """The response decoded into ``model``: one, a list, an acknowledgement, text or raw.

        A ``raw`` payload is returned as it is after an ``isinstance`` check against ``model``
        (``object`` accepts anything); ``text`` is the body as text. Each ``(field, name)`` of
        ``fill`` gives an object without ``field`` the request's path parameter ``name``. With
        ``missing``, an empty answer raises :class:`NotFoundError` naming that thing; ``reshape``
        brings each row of a ``many`` answer into the model's shape first.
        """
        try:
            if self.form == "ack":
                return decode_ack(response, model, strict=self.strict)
            if self.form == "text":
                return response.body if isinstance(response.body, str) else response.text
            payload = self.unwrap(response.body)
            self._check_shape(payload, response, model, path)
            if isinstance(payload, Mapping):
                gaps = {field: (path or {}).get(name) for field, name in self.fill}
                payload = {**gaps, **payload} if gaps.keys() - payload.keys() else payload
            if self.form == "many":
                if self.single and isinstance(payload, Mapping):
                    payload = [payload]
                rows = array_of(payload, model)
                return structure_list(
                    rows if self.reshape is None else list(map(self.reshape, rows)), model
                )
            if self.form == "one":
                return decode(payload, model)
            if not isinstance(payload, model):
                raise ResponseValidationError(
                    f"expected {model.__name__}, got {type(payload).__name__}"
                )
            return payload
        except ResponseValidationError as exc:
            if not exc.endpoint and endpoint:
                exc.endpoint = endpoint
            if exc.model is None:
                exc.model = model.__name__
            raise

    def _check_shape(
        self, payload: Any, response: Response, model: type[Any], path: Mapping[str, int] | None
    ) -> None:
        """Raise unless the unwrapped ``payload`` is one of the shapes this envelope accepts.

        An absent payload is a missing entity (``missing``), or valid only where the envelope
        ``accepts_empty``; an object must carry at least one of the model's fields (for a
        ``many`` answer: where ``single`` lets one object stand for one row).
        """
        if self.missing is not None and payload in (None, "", {}):
            what = " ".join(str(value) for value in (path or {}).values())
            raise NotFoundError(
                404,
                f"{self.missing} {what} does not exist (the API answered with an empty body)",
                method=response.method,
                path=response.path,
            )
        excerpt = response.text[:200] if response.text else None
        if payload is None or payload == "":
            if self.form == "many" and not self.accepts_empty:
                raise ResponseValidationError(
                    f"expected {self.accepts}, got {_nothing(response.body)}; an answer "
                    "without rows must say so with an empty array",
                    body=excerpt,
                )
            return
        checks_fields = self.form == "one" or (self.form == "many" and self.single)
        if not checks_fields or not isinstance(payload, Mapping):
            return
        if carries_fields(model, payload) or (not payload and self.accepts_empty):
            return
        raise ResponseValidationError(
            f"expected {self.accepts}, got an object with none of {model.__name__}'s fields "
            f"(keys {sorted(payload)[:8]})",
            body=excerpt,
        )

    def page(
        self,
        response: Response,
        model: type[T],
        endpoint: str,
        path: Mapping[str, int],
        offset: int,
        limit: int,
    ) -> Page[T]:
        """One page of a ``many`` answer: its total under ``totals``, its flag under ``more``."""
        items: list[T] = self.read(response, model, endpoint, path)
        total: int | None = None
        has_more: bool | None = None
        body = response.body
        if isinstance(body, Mapping):
            key = next((key for key in self.totals if body.get(key) is not None), None)
            if key is not None:
                total = structure(body[key], int)
            flags = (body.get(key) for key in self.more)
            has_more = next((flag for flag in flags if isinstance(flag, bool)), None)
        return Page(items, offset=offset, limit=limit, total=total, has_more=has_more)


# --- the envelopes, by name -----------------------------------------------------------------

OBJECT = Envelope("object", "one", "a JSON object")
DATA_OBJECT = Envelope(
    "data_object", "one", "an object, bare or as {ok, data: {...}}", unwrap_object
)
MERGED_DATA = Envelope(
    "merged_data", "one", "an object, bare or as {ok, data: {...}} (ok kept)", merge_data
)
DATA = Envelope("data", "one", "the value under data, or the bare body", unwrap_data)
ARRAY = Envelope("array", "many", "an array, bare or as {ok, data: [...]}")
ACK = Envelope("ack", "ack", "an acknowledgement: {ok|success|message}, a text or empty body")
ACK_STRICT = Envelope(
    "ack_strict", "ack", "'success', 'ok' or {ok: true}; {ok: false} is an error", strict=True
)
RAW = Envelope("raw", "raw", "any body, returned as it is")
#: :data:`DATA_OBJECT` for answers that may leave out the id the request's path named.
DATA_OBJECT_PATH_ID = Envelope(
    "data_object_path_id",
    "one",
    "an object, bare or as {ok, data: {...}}; a missing id is the path's",
    unwrap_object,
    fill=(("id", "key_id"),),
)


def rows_under(*keys: str) -> Envelope:
    """An array of rows: bare or under ``data`` or one of ``keys`` (see :func:`rows`)."""
    where = ", ".join(("data", *keys))
    return Envelope(
        f"rows({', '.join(keys)})" if keys else "rows",
        "many",
        f"an array of rows, bare or under {where}",
        lambda body: rows(body, *keys),
    )


def items_under(*keys: str) -> Envelope:
    """As :func:`rows_under`, where a bare acknowledgement means no rows (see :func:`items_of`)."""
    where = ", ".join(("data", *keys))
    return Envelope(
        f"items({', '.join(keys)})" if keys else "items",
        "many",
        f"an array of rows, bare or under {where}; a bare acknowledgement is no rows",
        lambda body: items_of(body, *keys),
        accepts_empty=True,
    )


def lifted(list_key: str) -> Envelope:
    """An object whose ``data`` is merged up and whose array goes under ``list_key``; an
    empty body is an empty object."""
    return Envelope(
        f"lifted({list_key})",
        "one",
        f"an object or {{ok, data}}; an array goes under {list_key}; an empty body is empty",
        lambda body: lift_data(body, list_key),
        accepts_empty=True,
    )


# --- email accounts and webhooks envelopes ---


def lift_results(body: Any) -> Any:
    """A bulk message fetch as ``{results: [...]}``, each result's ``data`` lifted.

    The answer is bare, under ``data``, or an array of results; each result reads as
    :func:`lift_data` with ``messages`` (``{account_id, status, data: {messages}}`` flat).
    """
    body = unwrap_data(body)
    if isinstance(body, list):
        body = {"results": body}
    if isinstance(body, Mapping) and isinstance(body.get("results"), list):
        body = {**body, "results": [lift_data(row, "messages") for row in body["results"]]}
    return body


#: One mailbox's fetched messages: ``{account_id, status, data: {messages}}`` read flat.
MESSAGES = lifted("messages")
#: Several mailboxes' fetched messages, one lifted result each (see :func:`lift_results`).
BULK_MESSAGES = Envelope(
    "bulk_messages",
    "one",
    "{results: [...]}, bare or under data, or an array of results; each result lifted",
    lift_results,
)


# --- campaigns envelopes ---


def or_missing(what: str, *, unwrap: Callable[[Any], Any] = _same) -> Envelope:
    """A JSON object, where an empty answer (``null``, ``""``, ``{}``) means ``what`` is gone.

    ``unwrap=unwrap_object`` also accepts the object (or the empty answer) as ``{ok, data}``.
    """
    wrapped = "" if unwrap is _same else ", bare or as {ok, data: {...}}"
    return Envelope(
        f"object_or_missing({what})",
        "one",
        f"a JSON object{wrapped}; an empty body means the {what} does not exist",
        unwrap,
        missing=what,
    )


def rows_with_total(
    *keys: str,
    totals: tuple[str, ...],
    reshape: Callable[[Any], Any] | None = None,
    single: bool = False,
) -> Envelope:
    """As :func:`rows_under`, for pages whose body also carries the total under ``totals``;
    ``single``: one object of the model's fields is one row (see :attr:`Envelope.single`)."""
    where = ", ".join(("data", *keys))
    alone = "; one object of its fields is one row" if single else ""
    return Envelope(
        f"rows({', '.join(keys)}; total {'|'.join(totals)}{'; single' if single else ''})",
        "many",
        f"an array of rows, bare or under {where}, with the total under {'|'.join(totals)}{alone}",
        lambda body: rows(body, *keys),
        totals=totals,
        reshape=reshape,
        single=single,
    )


#: A body read as text (a CSV export); a JSON answer is its raw text.
TEXT = Envelope("text", "text", "any body, as text")
#: C19: the envelope's keys plus the steps (an array under ``data`` or bare) under ``sequences``.
SEQUENCE_STEPS = lifted("sequences")
# --- inbox and analytics envelopes ---

P = TypeVar("P")


def untracked_rows(body: Any) -> Any:
    """The replies of an M11 answer: bare, or under ``data``, ``replies`` or
    ``untracked_replies``, nested (the official CLI's ``{ok, data: {data: {replies}}}``)."""
    return rows(body, "replies", "untracked_replies")


#: M11's replies: bare, or under ``data``/``replies`` up to four levels deep.
UNTRACKED_REPLIES = Envelope(
    "untracked_replies",
    "many",
    "an array of replies, bare or under data, replies or untracked_replies (nested)",
    untracked_rows,
)


def array_under(body: Any, key: str) -> Any:
    """An object, bare or as ``{ok, data: {...}}``; a bare array becomes ``{key: array}``."""
    body = unwrap_object(body)
    return {key: body} if isinstance(body, list) else body


def inbox_page_body(body: Any) -> Any:
    """A Master Inbox view page: ``{ok, data: {...}}`` unwrapped, a bare array under ``data``."""
    return array_under(body, "data")


#: One page of a Master Inbox view (M1-M10): ``{data|messages: [...], total_count, ...}``.
INBOX_PAGE = Envelope(
    "inbox_page",
    "one",
    "{ok?, data: [...], offset, limit} or {messages, total_count}, bare or under data",
    inbox_page_body,
)
#: The rows of a Master Inbox view page, under ``data`` or ``messages``.
INBOX_ROWS = rows_under("messages")


def shape_report(
    body: Any, *, rows: str | None = None, nest: str | None = None, lift: str | None = None
) -> Any:
    """An analytics report's data object, whatever the envelope.

    ``{ok, data}`` is unwrapped; a bare array goes under ``rows``; a flat object goes under
    ``nest``; an object wrapped in a ``lift`` key is merged up; ``null`` is an empty report.
    """
    data = unwrap_data(body)
    if data is None or data == "":
        return {}
    if isinstance(data, list):
        if rows is None:
            raise ResponseValidationError("expected a JSON object, got an array")
        return {rows: data}
    if not isinstance(data, Mapping):
        return data
    if lift is not None and isinstance(data.get(lift), Mapping):
        rest = {key: value for key, value in data.items() if key != lift}
        return {**rest, **data[lift]}
    if nest is not None and nest not in data and data:
        return {nest: data}
    return data


def report(
    *, rows: str | None = None, nest: str | None = None, lift: str | None = None
) -> Envelope:
    """A global analytics report (A7) read as one object (see :func:`shape_report`)."""
    how = ", ".join(
        f"{what} {key}" for what, key in (("rows", rows), ("nest", nest), ("lift", lift)) if key
    )
    return Envelope(
        f"report({how})" if how else "report",
        "one",
        "a report object, bare or as {ok, data}; null is an empty report"
        + (f" ({how})" if how else ""),
        lambda body: shape_report(body, rows=rows, nest=nest, lift=lift),
        accepts_empty=True,
    )


#: The four paged analytics reports (A7.7, A7.14, A7.19, A7.20), read whole.
CAMPAIGN_PERFORMANCE = report(rows="campaign_wise_performance")
CLIENT_PERFORMANCE = report(rows="client_wise_performance")
DOMAIN_HEALTH = report(rows="domain_wise_health_metrics")
MAILBOX_HEALTH = report(rows="name_wise_health_metrics")


def paged(
    envelope: Envelope,
    model: type[P],
    items: Callable[[P], list[T]],
    total: Callable[[P], int | None],
) -> Callable[[Response, int, int], Page[T]]:
    """A ``page_of`` reader: the answer read as ``model`` by ``envelope``, its rows and total."""

    def page_of(response: Response, offset: int, count: int) -> Page[T]:
        page: P = envelope.read(response, model)
        return Page(items(page), offset=offset, limit=count, total=total(page))

    return page_of


# --- leads envelopes ---


def message_history(body: Any) -> Any:
    """A lead's thread: an object, bare or under ``data``; a bare array is its ``history``."""
    return array_under(body, "history")


def lead_lookup(body: Any) -> Any:
    """A lead looked up by email, as at most one: bare or under ``data``; ``{}`` is none."""
    if isinstance(body, Mapping) and "data" in body and "id" not in body:
        body = body["data"]
    if body is None or body == "" or body == {}:
        return []
    return [body] if isinstance(body, Mapping) else body


def one_or_rows(body: Any, *keys: str) -> Any:
    """The rows of a list answer (see :func:`rows`); ``{}`` is none (one object of the model's
    fields is one row: the envelope's ``single``)."""
    found = rows(body, *keys)
    return [] if isinstance(found, Mapping) and not found else found


def steps_object(body: Any) -> Any:
    """An object, bare or under ``data``; a bare array of steps goes under ``steps``."""
    found = rows(body)
    return {"steps": found} if isinstance(found, list) else found


#: A lead's email thread in a campaign (L10).
MESSAGE_HISTORY = Envelope(
    "message_history",
    "one",
    "an object, bare or as {ok, data: {...}}; a bare array is its history",
    message_history,
)
#: A workspace lead by email (G1): a list of at most one lead.
LEAD_LOOKUP = Envelope(
    "lead_lookup",
    "many",
    "a lead, bare or under data, as at most one; {} or an empty body is none",
    lead_lookup,
    accepts_empty=True,
)
#: A lead's per-campaign rows (G8): an array under data or campaigns, or one bare row.
CAMPAIGN_OVERVIEW = Envelope(
    "campaign_overview",
    "many",
    "an array of rows, bare or under data, campaigns; one object of its fields is one row; "
    "{} is none",
    lambda body: one_or_rows(body, "campaigns"),
    single=True,
    accepts_empty=True,
)
#: A lead's sequence progress (G9): an object or a bare array of its steps; the map id is
#: the path's where the answer leaves it out.
LEAD_SEQUENCE = Envelope(
    "lead_sequence",
    "one",
    "an object, bare or under data; a bare array is its steps",
    steps_object,
    fill=(("campaign_lead_map_id", "lead_map_id"),),
)
#: Global leads (G4): rows under ``data``, with ``hasMore`` saying whether a page follows.
LEADS_WITH_MORE = Envelope(
    "rows(hasMore)",
    "many",
    "an array of rows, bare or under data, with hasMore|has_more",
    rows,
    more=("hasMore", "has_more"),
)
