"""Access: users with API tokens, roles, and what each role may do (ADR 0013).

- A token is shown once, when the user is added; only its SHA-256 hash is stored. Tokens carry
  256 random bits, so a plain hash (no salt, no slow KDF) cannot be reversed by guessing.
- Each action names the roles that may perform it (`POLICY`); some actions are further scoped:
  an applicant sees only shipments where its party is the consignee or the end user, a
  compliance officer bound to a party only shipments that party exports, an authority officer
  only shipments that touch its jurisdiction.
- Every refusal (401 or 403) is written to the refusal log before it is raised.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

from clearance.domain.country import parse_country
from clearance.domain.errors import AccessDeniedError, AuthenticationError, InputError
from clearance.domain.names import name_key
from clearance.domain.shipment import Shipment

TOKEN_PREFIX = "clr_"
_USER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@\-]{0,99}$")


class Role(StrEnum):
    ADMIN = "admin"
    COMPLIANCE_OFFICER = "compliance_officer"
    AUTHORITY_OFFICER = "authority_officer"
    APPLICANT = "applicant"
    AUDITOR = "auditor"


class Action(StrEnum):
    CLASSIFY = "classify"
    CHECK = "check"
    SCREEN = "screen"
    LISTS_READ = "lists.read"
    LISTS_IMPORT = "lists.import"
    RULES_READ = "rules.read"
    WEBHOOKS_READ = "webhooks.read"
    WEBHOOKS_MANAGE = "webhooks.manage"
    REFUSALS_READ = "refusals.read"
    AUDIT_VERIFY = "audit.verify"
    AUDIT_EXPORT = "audit.export"
    WHOAMI = "whoami"
    # The ledger (the books): shipments and their decisions, authorizations, the volume
    # ledger, notices. Reads are open to every role and scoped to what the principal may see.
    SHIPMENTS_READ = "shipments.read"
    SHIPMENTS_SUBMIT = "shipments.submit"
    SHIPMENTS_MANAGE = "shipments.manage"  # cancel, mark exported
    DECISIONS_READ = "decisions.read"
    DECISIONS_REPLAY = "decisions.replay"
    EVIDENCE_ADD = "evidence.add"
    FLAGS_RESOLVE = "flags.resolve"
    HOLDS_READ = "holds.read"
    AUTHORIZATIONS_READ = "authorizations.read"
    AUTHORIZATIONS_CREATE = "authorizations.create"
    AUTHORIZATIONS_DECIDE = "authorizations.decide"  # grant, suspend, revoke, amend
    CONDITIONS_SET = "conditions.set"
    VOLUMES_READ = "volumes.read"
    VOLUMES_RECORD = "volumes.record"
    NOTICES_READ = "notices.read"
    NOTICES_ACK = "notices.ack"
    RULES_IMPACT = "rules.impact"
    LEDGER_READ = "ledger.read"  # the dashboard's ledger pages


_ALL = frozenset(Role)
_STAFF = frozenset({Role.ADMIN, Role.COMPLIANCE_OFFICER, Role.AUTHORITY_OFFICER})
_EXPORTER = frozenset({Role.ADMIN, Role.COMPLIANCE_OFFICER})
_AUTHORITY = frozenset({Role.ADMIN, Role.AUTHORITY_OFFICER})
_READERS = frozenset({Role.ADMIN, Role.AUDITOR})

# Who may do what. Screening free text is refused to applicants: a buyer learns list matches
# only for its own parties, through its own shipments' decisions.
POLICY: dict[Action, frozenset[Role]] = {
    Action.CLASSIFY: _ALL,
    Action.CHECK: _ALL - {Role.AUDITOR},
    Action.SCREEN: _STAFF | {Role.AUDITOR},
    Action.LISTS_READ: _ALL,
    Action.LISTS_IMPORT: frozenset({Role.ADMIN, Role.COMPLIANCE_OFFICER}),
    Action.RULES_READ: _ALL,
    Action.WEBHOOKS_READ: frozenset({Role.ADMIN, Role.AUDITOR}),
    Action.WEBHOOKS_MANAGE: frozenset({Role.ADMIN}),
    Action.REFUSALS_READ: frozenset({Role.ADMIN, Role.AUDITOR}),
    Action.AUDIT_VERIFY: _READERS,
    Action.AUDIT_EXPORT: _READERS,
    Action.WHOAMI: _ALL,
    Action.SHIPMENTS_READ: _ALL,
    Action.SHIPMENTS_SUBMIT: _EXPORTER,
    Action.SHIPMENTS_MANAGE: _EXPORTER,
    Action.DECISIONS_READ: _ALL,
    Action.DECISIONS_REPLAY: _STAFF | {Role.AUDITOR},
    Action.EVIDENCE_ADD: _EXPORTER,
    Action.FLAGS_RESOLVE: _EXPORTER,
    Action.HOLDS_READ: _ALL,
    Action.AUTHORIZATIONS_READ: _ALL,
    # An authorization is entered by the authority that issues it (or an admin recording one
    # issued on paper); a compliance officer reads it and draws on it, never grants it.
    Action.AUTHORIZATIONS_CREATE: _AUTHORITY,
    Action.AUTHORIZATIONS_DECIDE: _AUTHORITY,
    Action.CONDITIONS_SET: _AUTHORITY,
    Action.VOLUMES_READ: _STAFF | {Role.AUDITOR},
    Action.VOLUMES_RECORD: _EXPORTER,
    Action.NOTICES_READ: _ALL,
    Action.NOTICES_ACK: _ALL - {Role.AUDITOR},
    # Impact lists every open shipment: for those who may see them all.
    Action.RULES_IMPACT: _READERS | {Role.COMPLIANCE_OFFICER},
    Action.LEDGER_READ: _ALL,
}


@dataclass(frozen=True, slots=True)
class Principal:
    """The signed-in user, as the access checks see it."""

    name: str
    role: Role
    party: str | None = None
    jurisdiction: str | None = None


@dataclass(frozen=True, slots=True)
class User:
    principal: Principal
    created_at: datetime
    revoked_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@dataclass(frozen=True, slots=True)
class Refusal:
    at: datetime
    action: str
    status: int  # 401 or 403
    reason: str
    user: str | None = None
    role: str | None = None
    target: str | None = None  # the path or object asked for


class UserStore(Protocol):
    def add(self, user: User, token_hash: str) -> None:
        """Store a new user; InputError if the name is taken."""
        ...

    def by_token_hash(self, token_hash: str) -> User | None: ...

    def users(self) -> list[User]: ...

    def revoke(self, name: str, at: datetime) -> bool:
        """Revoke the user's token; False when there is no active user of that name."""
        ...


class RefusalLog(Protocol):
    def record(self, refusal: Refusal) -> None: ...

    def recent(self, limit: int = 100) -> list[Refusal]: ...


def utc_now() -> datetime:
    return datetime.now(UTC)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_principal(
    name: str, role: str, party: str | None = None, jurisdiction: str | None = None
) -> Principal:
    """A checked Principal: applicants need a party, authority officers a jurisdiction."""
    if not _USER_NAME.match(name):
        raise InputError(
            f"a user name is 1-100 letters, digits or _.@- (got {name!r})", field="name"
        )
    try:
        parsed = Role(role)
    except ValueError:
        known = ", ".join(r.value for r in Role)
        raise InputError(f"unknown role {role!r} (expected {known})", field="role") from None
    party = party.strip() if party else None
    if parsed is Role.APPLICANT and not party:
        raise InputError("an applicant is bound to a party: give --party", field="party")
    if party and parsed not in (Role.APPLICANT, Role.COMPLIANCE_OFFICER):
        raise InputError(f"a {parsed.value} is not bound to a party", field="party")
    code = parse_country(jurisdiction, field="jurisdiction") if jurisdiction else None
    if parsed is Role.AUTHORITY_OFFICER and code is None:
        raise InputError(
            "an authority officer is bound to a jurisdiction: give --jurisdiction",
            field="jurisdiction",
        )
    if code is not None and parsed is not Role.AUTHORITY_OFFICER:
        raise InputError(f"a {parsed.value} is not bound to a jurisdiction", field="jurisdiction")
    return Principal(name=name, role=parsed, party=party, jurisdiction=code)


def add_user(
    store: UserStore, principal: Principal, *, now: Callable[[], datetime] = utc_now
) -> str:
    """Store the user and return its token: the only time the token exists in clear."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    store.add(User(principal=principal, created_at=now()), hash_token(token))
    return token


class Gate:
    """Authenticates tokens and checks actions; every refusal is logged, then raised."""

    def __init__(
        self,
        users: UserStore,
        log: RefusalLog,
        *,
        now: Callable[[], datetime] = utc_now,
        cache_seconds: float = 0.0,
    ) -> None:
        self.users = users
        self.log = log
        self.now = now
        # An active user found by its token is trusted again for `cache_seconds` without a
        # query (a revocation then takes that long to reach every worker).
        self.cache = timedelta(seconds=cache_seconds)
        self._seen: dict[str, tuple[datetime, User]] = {}

    def _user(self, token_hash: str) -> User | None:
        now = self.now()
        hit = self._seen.get(token_hash)
        if hit is not None and now - hit[0] < self.cache:
            return hit[1]
        user = self.users.by_token_hash(token_hash)
        if user is not None and user.active and self.cache:
            if len(self._seen) > 10_000:
                self._seen.clear()
            self._seen[token_hash] = (now, user)
        else:
            self._seen.pop(token_hash, None)
        return user

    def authenticate(self, token: str | None, action: str, target: str | None = None) -> Principal:
        if not token:
            raise self._refuse(401, "no token", action, None, target, AuthenticationError)
        user = self._user(hash_token(token))
        if user is None or not user.active:
            why = "unknown token" if user is None else "revoked token"
            raise self._refuse(401, why, action, None, target, AuthenticationError)
        return user.principal

    def allow(self, principal: Principal, action: Action, target: str | None = None) -> None:
        if principal.role not in POLICY[action]:
            reason = f"a {principal.role.value} may not {action.value}"
            raise self._refuse(403, reason, action, principal, target)

    def allow_shipment(
        self, principal: Principal, action: Action, shipment: Shipment, target: str | None = None
    ) -> None:
        """`allow`, then the party or jurisdiction scope of the principal on this shipment."""
        self.allow(principal, action, target)
        reason = shipment_scope_refusal(principal, shipment)
        if reason is not None:
            raise self._refuse(403, reason, action, principal, target or shipment.id)

    def allow_scoped(
        self, principal: Principal, action: Action, refusal: str | None, target: str
    ) -> None:
        """`allow`, then refuse (logged, 403) when the scope check gave a reason."""
        self.allow(principal, action, target)
        if refusal is not None:
            raise self._refuse(403, refusal, action, principal, target)

    def _refuse(
        self,
        status: int,
        reason: str,
        action: str,
        principal: Principal | None,
        target: str | None,
        error: type[Exception] = AccessDeniedError,
    ) -> Exception:
        self.log.record(
            Refusal(
                at=self.now(),
                action=str(action),
                status=status,
                reason=reason,
                user=principal.name if principal else None,
                role=principal.role.value if principal else None,
                target=target,
            )
        )
        return error(reason)


def _is(party: str, names: Iterable[str]) -> bool:
    key = name_key(party)
    return any(name_key(name) == key for name in names)


def shipment_scope_refusal(principal: Principal, shipment: Shipment) -> str | None:
    """Why this principal may not see this shipment, or None when it may."""
    role = principal.role
    party = principal.party or ""
    if role is Role.APPLICANT and not _is(party, (shipment.consignee.name, shipment.end_user.name)):
        return f"the shipment's consignee and end user are not {party}"
    if role is Role.COMPLIANCE_OFFICER and party and not _is(party, (shipment.exporter.name,)):
        return f"the shipment's exporter is not {party}"
    if role is Role.AUTHORITY_OFFICER and principal.jurisdiction not in (
        shipment.from_country,
        shipment.to_country,
    ):
        return f"the shipment does not touch jurisdiction {principal.jurisdiction}"
    return None


def _doc_name(document: Mapping[str, Any], role: str) -> str:
    party = document.get(role)
    return str(party.get("name", "")) if isinstance(party, Mapping) else ""


def shipment_document_scope_refusal(
    principal: Principal, document: Mapping[str, Any] | None
) -> str | None:
    """`shipment_scope_refusal` on a stored shipment document (None once purged: staff only)."""
    role = principal.role
    party = principal.party or ""
    if document is None:
        return None if role in (Role.ADMIN, Role.AUDITOR) else "the shipment's record is purged"
    if role is Role.APPLICANT and not _is(
        party, (_doc_name(document, "consignee"), _doc_name(document, "end_user"))
    ):
        return f"the shipment's consignee and end user are not {party}"
    if (
        role is Role.COMPLIANCE_OFFICER
        and party
        and not _is(party, (_doc_name(document, "exporter"),))
    ):
        return f"the shipment's exporter is not {party}"
    if role is Role.AUTHORITY_OFFICER and principal.jurisdiction not in (
        document.get("from_country"),
        document.get("to_country"),
    ):
        return f"the shipment does not touch jurisdiction {principal.jurisdiction}"
    return None


def authorization_scope_refusal(principal: Principal, document: Mapping[str, Any]) -> str | None:
    """Why this principal may not see (or act on) this authorization, or None when it may.

    An applicant, or a compliance officer bound to a party, sees the authorizations its party
    holds or is named in; an authority officer those of its own jurisdiction.
    """
    role = principal.role
    party = principal.party or ""
    named = (str(document.get("holder", "")), *map(str, document.get("parties", ())))
    if role in (Role.APPLICANT, Role.COMPLIANCE_OFFICER) and party and not _is(party, named):
        return f"{party} neither holds nor is named in the authorization"
    if role is Role.AUTHORITY_OFFICER and document.get("jurisdiction") != principal.jurisdiction:
        return f"the authorization is not of jurisdiction {principal.jurisdiction}"
    return None


def notice_scope_refusal(
    principal: Principal, party: str, authorization: Mapping[str, Any] | None
) -> str | None:
    """Why this principal may not see a notice addressed to `party` about `authorization`."""
    role = principal.role
    if role in (Role.APPLICANT, Role.COMPLIANCE_OFFICER) and principal.party:
        return None if _is(principal.party, (party,)) else f"the notice is not to {principal.party}"
    if role is Role.AUTHORITY_OFFICER:
        jurisdiction = authorization.get("jurisdiction") if authorization else None
        if jurisdiction != principal.jurisdiction:
            return f"the notice is not about jurisdiction {principal.jurisdiction}"
    return None


def load_users_file(data: object, *, source: str) -> list[Principal]:
    """Principals from a parsed users file: a list of {name, role, party?, jurisdiction?}."""
    if not isinstance(data, list):
        raise InputError("expected a list of users", source=source)
    out = []
    for index, raw in enumerate(data):
        if not isinstance(raw, dict) or set(raw) - {"name", "role", "party", "jurisdiction"}:
            raise InputError(
                "each user is a mapping of name, role, party, jurisdiction",
                source=source,
                field=f"[{index}]",
            )
        try:
            out.append(
                new_principal(
                    str(raw.get("name", "")),
                    str(raw.get("role", "")),
                    raw.get("party"),
                    raw.get("jurisdiction"),
                )
            )
        except InputError as exc:
            raise InputError(exc.detail, source=source, field=f"[{index}].{exc.field}") from None
    return out
