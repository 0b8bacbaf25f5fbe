"""Campaign-scoped statistics and analytics, mixed into ``client.campaigns``."""

from __future__ import annotations

from smartlead_async.resources._base import Resource


class CampaignStatsMixin(Resource):
    """Statistics and analytics of one campaign (catalog A1-A6, C19)."""
