"""``client.leads``."""

from __future__ import annotations

from smartlead_async.resources._base import Resource


class LeadsResource(Resource):
    """The ``leads`` namespace."""
