"""Receive Smartlead webhooks: check the secret, parse the event, log it.

Run it::

    python examples/webhook_receiver.py --port 8090 --secret S

then register ``http://<your host>:8090/smartlead/webhook`` with the same secret, e.g. with
``client.webhooks.save(...)``. The secret can also come from ``SMARTLEAD_WEBHOOK_SECRET``.
``make_app(secret)`` builds the aiohttp application (used by the tests).

Answers: 200 ``{"ok": true}`` for an accepted event, 401 when the ``secret_key`` does not
match (or the body is not JSON), 400 for an authenticated body that is not a valid event.
"""

from __future__ import annotations

import argparse
import logging
import os

from aiohttp import web

from smartlead_async import WebhookEvent, WebhookPayloadError, parse_webhook, verify_webhook
from smartlead_async.webhook_events import EmailReplyEvent, LeadCategoryUpdatedEvent

logger = logging.getLogger("webhook_receiver")

#: Events accepted so far (newest last), kept for inspection and tests.
EVENTS_KEY = web.AppKey("events", list[WebhookEvent])
DEFAULT_PATH = "/smartlead/webhook"
MAX_BODY_BYTES = 5 * 1024 * 1024


def describe(event: WebhookEvent) -> str:
    """A one-line summary of an event for the log (never the secret)."""
    parts = [event.event_type, f"campaign={event.campaign_id}"]
    if event.to_email:
        parts.append(f"lead={event.to_email}")
    if isinstance(event, EmailReplyEvent) and event.reply_text:
        parts.append(f"reply={event.reply_text[:80]!r}")
    if isinstance(event, LeadCategoryUpdatedEvent) and event.new_category_name:
        parts.append(f"category={event.new_category_name!r}")
    return " ".join(parts)


def make_app(secret: str, *, path: str = DEFAULT_PATH) -> web.Application:
    """An aiohttp application that accepts Smartlead events POSTed to ``path``."""
    if not secret:
        raise ValueError("a webhook secret is required (the secret_key set on the webhook)")
    app = web.Application(client_max_size=MAX_BODY_BYTES)
    app[EVENTS_KEY] = []

    async def receive(request: web.Request) -> web.Response:
        raw = await request.read()
        if not verify_webhook(raw, secret):
            logger.warning("rejected a webhook from %s: bad or missing secret_key", request.remote)
            return web.json_response({"ok": False, "error": "invalid secret_key"}, status=401)
        try:
            event = parse_webhook(raw)
        except WebhookPayloadError as exc:
            logger.warning("rejected a malformed webhook: %s", exc)
            return web.json_response({"ok": False, "error": str(exc)}, status=400)
        request.app[EVENTS_KEY].append(event)
        logger.info("%s", describe(event))
        return web.json_response({"ok": True})

    app.router.add_post(path, receive)
    return app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Receive and log Smartlead webhooks.")
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on")
    parser.add_argument("--port", type=int, default=8090, help="port to listen on")
    parser.add_argument("--path", default=DEFAULT_PATH, help="URL path of the webhook")
    parser.add_argument(
        "--secret",
        default=os.environ.get("SMARTLEAD_WEBHOOK_SECRET"),
        help="the webhook's secret_key (default: $SMARTLEAD_WEBHOOK_SECRET)",
    )
    args = parser.parse_args(argv)
    if not args.secret:
        parser.error("give --secret or set SMARTLEAD_WEBHOOK_SECRET")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    logger.info("listening on http://%s:%d%s", args.host, args.port, args.path)
    web.run_app(make_app(args.secret, path=args.path), host=args.host, port=args.port)


if __name__ == "__main__":
    main()
