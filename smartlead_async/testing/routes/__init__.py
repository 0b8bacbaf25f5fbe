"""All sandbox route tables; :func:`smartlead_async.testing.sandbox.create_app` mounts them.

Each module defines ``routes = Routes()`` and registers its handlers by catalog id
(``@routes.serve("C2")``): the method and path come from the endpoint table, relative to
``/api/v1``; every route is served with and without a trailing slash.
"""

from smartlead_async.testing._http import Routes
from smartlead_async.testing.routes import (
    analytics,
    campaign_leads,
    campaign_stats,
    campaigns,
    clients,
    email_accounts,
    inbox,
    lead_lists,
    leads,
    webhooks,
)

ROUTE_TABLES: list[Routes] = [
    campaigns.routes,
    campaign_leads.routes,
    leads.routes,
    email_accounts.routes,
    clients.routes,
    campaign_stats.routes,
    analytics.routes,
    inbox.routes,
    lead_lists.routes,
    webhooks.routes,
]

__all__ = ["ROUTE_TABLES"]
