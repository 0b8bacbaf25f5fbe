"""``client.webhooks``."""

from __future__ import annotations

from smartlead_async.resources._base import Resource


class WebhooksResource(Resource):
    """The ``webhooks`` namespace."""
