"""What a principal may see of the ledger's authorizations and notices.

Lists are filtered here, not in the routes: an applicant (or a compliance officer bound to a
party) sees the authorizations its party holds or is named in and the notices to its party;
an authority officer those of its own jurisdiction; an admin or auditor everything. The
single-object checks return the reason for a refusal (None when allowed), for
`Gate.allow_scoped`, and raise NotFoundError for an unknown id.
"""

from __future__ import annotations

from typing import Any

from clearance.domain.errors import NotFoundError

from .access import Principal, authorization_scope_refusal, notice_scope_refusal
from .ledger_authorizations import list_authorizations
from .ledger_facts import list_notices
from .ledger_ports import UnitOfWorkFactory


def _documents(factory: UnitOfWorkFactory) -> dict[str, dict[str, Any]]:
    with factory() as uow:
        return {a.id: a.document for a in uow.authorizations.all()}


def authorization_refusal(
    factory: UnitOfWorkFactory, principal: Principal, authorization_id: str
) -> str | None:
    """Why `principal` may not see or act on this stored authorization (None: it may)."""
    with factory() as uow:
        stored = uow.authorizations.get(authorization_id)
    if stored is None:
        raise NotFoundError(f"no authorization {authorization_id!r} in the ledger")
    return authorization_scope_refusal(principal, stored.document)


def documents_refusal(principal: Principal, documents: list[dict[str, Any]]) -> str | None:
    """Why `principal` may not enter these authorization documents (None: it may)."""
    for document in documents:
        reason = authorization_scope_refusal(principal, document)
        if reason is not None:
            return reason
    return None


def visible_authorizations(
    factory: UnitOfWorkFactory, principal: Principal, status: str | None = None
) -> list[dict[str, Any]]:
    """`list_authorizations`, only those the principal may see."""
    documents = _documents(factory)
    return [
        row
        for row in list_authorizations(factory, status)
        if authorization_scope_refusal(principal, documents.get(row["id"], {})) is None
    ]


def notice_refusal(factory: UnitOfWorkFactory, principal: Principal, notice_id: int) -> str | None:
    """Why `principal` may not see or acknowledge this notice (None: it may)."""
    with factory() as uow:
        notice = uow.notices.get(notice_id)
        if notice is None:
            raise NotFoundError(f"no notice {notice_id}")
        stored = uow.authorizations.get(notice.authorization_id)
    return notice_scope_refusal(principal, notice.party, stored.document if stored else None)


def visible_notices(
    factory: UnitOfWorkFactory,
    principal: Principal,
    party: str | None = None,
    unread: bool = False,
) -> list[dict[str, Any]]:
    """`list_notices`, only those the principal may see."""
    documents = _documents(factory)
    return [
        row
        for row in list_notices(factory, party, unread)
        if notice_scope_refusal(principal, row["party"], documents.get(row["authorization"]))
        is None
    ]
