"""``client.analytics``."""

from __future__ import annotations

from smartlead_async.resources._base import Resource


class AnalyticsResource(Resource):
    """The ``analytics`` namespace."""
