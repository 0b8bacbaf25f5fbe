"""``client.lead_lists``."""

from __future__ import annotations

from smartlead_async.resources._base import Resource


class LeadListsResource(Resource):
    """The ``lead_lists`` namespace."""
