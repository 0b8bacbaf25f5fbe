"""``client.email_accounts``."""

from __future__ import annotations

from smartlead_async.resources._base import Resource


class EmailAccountsResource(Resource):
    """The ``email_accounts`` namespace."""
