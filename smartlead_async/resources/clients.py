"""``client.clients``."""

from __future__ import annotations

from smartlead_async.resources._base import Resource


class ClientsResource(Resource):
    """The ``clients`` namespace."""
