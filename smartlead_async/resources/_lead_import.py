"""The import adapters: the campaign (L2) and Lead List (LL6) answers in report buckets.

The import engine (:mod:`smartlead_async.imports`) knows nothing about endpoints; each
resource's ``import_leads`` wraps its ``add_leads`` into a batch sender whose answers these
functions translate.
"""

from __future__ import annotations

from smartlead_async.models.campaigns import AddLeadsResult
from smartlead_async.models.imports import BatchOutcome, server_count
from smartlead_async.models.lead_lists import LeadListImportResult


def outcome_from_add_leads(result: AddLeadsResult) -> BatchOutcome:
    """Map a campaign import answer (L2) to report buckets.

    ``bounce_count`` is not a bucket of its own: bounced rows are counted in ``block_count``
    (rows the server does not count at all end in ``unconfirmed``).
    """
    return BatchOutcome(
        uploaded=server_count(result.upload_count),
        already_in_campaign=server_count(result.already_added_to_campaign),
        duplicates=server_count(result.duplicate_count),
        invalid=server_count(result.invalid_email_count),
        unsubscribed=server_count(result.unsubscribed_leads),
        blocked=server_count(result.block_count),
        not_attempted=server_count(result.lead_import_stopped_count),
        lead_limit_exhausted=bool(result.is_lead_limit_exhausted),
    )


def outcome_from_list_import(result: LeadListImportResult) -> BatchOutcome:
    """Map a Lead List import answer (LL6) to report buckets (``imported`` is ``uploaded``).

    The list answer counts rows already in the list as ``duplicates`` (``recovered`` when a
    retry follows an unanswered attempt) and unsubscribed rows as ``blocked``;
    ``lead_import_stopped_count`` and ``is_lead_limit_exhausted`` are honoured when present.
    """
    return BatchOutcome(
        uploaded=server_count(result.imported),
        duplicates=server_count(result.duplicates),
        invalid=server_count(result.invalid),
        blocked=server_count(result.blocked),
        not_attempted=server_count(result.lead_import_stopped_count),
        lead_limit_exhausted=bool(result.is_lead_limit_exhausted),
        already_present="duplicates",
    )
