"""``client.campaigns``: campaigns, their sequences, schedule, settings and sender accounts."""

from __future__ import annotations

from smartlead_async.errors import NotFoundError, ValidationError
from smartlead_async.models.campaigns import Campaign, CreatedCampaign
from smartlead_async.resources._base import check_id, check_text, decode, drop_none
from smartlead_async.resources.campaign_stats import CampaignStatsMixin


class CampaignsResource(CampaignStatsMixin):
    """Campaign endpoints (catalog C1-C19, L1-L14 lead listing and imports)."""

    async def list(
        self, *, client_id: int | None = None, include_tags: bool | None = None
    ) -> list[Campaign]:
        """All campaigns, newest first. ``GET /campaigns/`` (C1; not paginated)."""
        if client_id is not None:
            check_id("client_id", client_id)
        return await self._call_list(
            Campaign,
            "GET",
            "/campaigns/",
            params={"client_id": client_id, "include_tags": include_tags},
        )

    async def get(self, campaign_id: int, *, include_tags: bool | None = None) -> Campaign:
        """One campaign. ``GET /campaigns/{campaign_id}`` (C2).

        A deleted campaign is answered with HTTP 200 and an empty body; that raises
        :class:`~smartlead_async.errors.NotFoundError`.
        """
        response = await self._request(
            "GET",
            "/campaigns/{campaign_id}",
            path_params={"campaign_id": check_id("campaign_id", campaign_id)},
            params={"include_tags": include_tags},
        )
        if response.body is None or response.body == "" or response.body == {}:
            raise NotFoundError(
                404,
                f"campaign {campaign_id} does not exist (the API answered with an empty body)",
                method=response.method,
                path=response.path,
            )
        return decode(response.body, Campaign)

    async def create(
        self, name: str | None = None, client_id: int | None = None
    ) -> CreatedCampaign:
        """Create a campaign (status DRAFTED). ``POST /campaigns/create`` (C3; name 1-255 chars)."""
        if name is not None:
            check_text("name", name, max_length=255)
            if not name.strip():
                raise ValidationError("name must not be blank (omit it for 'Untitled Campaign')")
        if client_id is not None:
            check_id("client_id", client_id)
        return await self._call(
            CreatedCampaign,
            "POST",
            "/campaigns/create",
            json=drop_none({"name": name, "client_id": client_id}),
        )
