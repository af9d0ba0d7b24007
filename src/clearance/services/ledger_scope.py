"""What of the ledger a principal may see: the scope checks of `access` applied to stored
records, for the dashboard's lists (a detail page refuses through the gate instead)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .access import (
    POLICY,
    Action,
    Principal,
    authorization_scope_refusal,
    notice_scope_refusal,
    shipment_document_scope_refusal,
)
from .ledger_model import Notice, StoredAuthorization, StoredShipment


def sees_shipment(who: Principal, stored: StoredShipment) -> bool:
    return shipment_document_scope_refusal(who, stored.document) is None


def sees_authorization(who: Principal, auth: StoredAuthorization) -> bool:
    return authorization_scope_refusal(who, auth.document) is None


def sees_notice(
    who: Principal, notice: Notice, authorizations: Mapping[str, StoredAuthorization]
) -> bool:
    auth = authorizations.get(notice.authorization_id)
    return notice_scope_refusal(who, notice.party, auth.document if auth else None) is None


def sees_volumes(who: Principal) -> bool:
    """The volume ledger (and so the China-share gauge): staff and auditors, not applicants."""
    return who.role in POLICY[Action.VOLUMES_READ]


def shipments_for(who: Principal, rows: Iterable[StoredShipment]) -> list[StoredShipment]:
    return [s for s in rows if sees_shipment(who, s)]


def authorizations_for(
    who: Principal, rows: Iterable[StoredAuthorization]
) -> list[StoredAuthorization]:
    return [a for a in rows if sees_authorization(who, a)]
