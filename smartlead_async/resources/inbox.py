"""``client.inbox``."""

from __future__ import annotations

from smartlead_async.resources._base import Resource


class InboxResource(Resource):
    """The ``inbox`` namespace."""
