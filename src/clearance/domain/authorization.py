"""Authorizations: licences, approvals, licence exceptions and notifications, with conditions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .units import QuantityUnit


class AuthorizationKind(StrEnum):
    EXPORT_LICENCE = "export_licence"
    IMPORT_APPROVAL = "import_approval"
    LICENCE_EXCEPTION = "licence_exception"
    NOTIFICATION = "notification"


class AuthorizationStatus(StrEnum):
    APPLIED = "applied"
    UNDER_REVIEW = "under_review"
    GRANTED = "granted"
    GRANTED_CONDITIONS_PENDING = "granted_conditions_pending"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    EXPIRED = "expired"
    DENIED = "denied"

    @property
    def usable(self) -> bool:
        """Granted, possibly with conditions still to be set (which then hold the shipment)."""
        return self in (AuthorizationStatus.GRANTED, AuthorizationStatus.GRANTED_CONDITIONS_PENDING)

    @property
    def pending(self) -> bool:
        return self in (AuthorizationStatus.APPLIED, AuthorizationStatus.UNDER_REVIEW)


class ConditionKind(StrEnum):
    THIRD_PARTY_TEST_EACH_SHIPMENT = "third_party_test_each_shipment"
    KYC_REQUIRED = "kyc_required"
    NO_MILITARY_END_USE = "no_military_end_use"
    QUANTITY_CAP = "quantity_cap"
    AGGREGATE_SHARE_CAP = "aggregate_share_cap"
    DOMESTIC_PURCHASE_RATIO = "domestic_purchase_ratio"
    PENDING = "pending"


@dataclass(frozen=True, slots=True)
class AuthorizationCondition:
    kind: ConditionKind
    value: float | None = None  # quantity for a cap, a share (0.5) or a ratio
    unit: QuantityUnit | None = None  # what a quantity cap counts (ics, boards, servers)
    description: str | None = None
    set_by: str | None = None  # the authority that sets a pending condition (e.g. NDRC)
    # aggregate_share_cap settings (BRIEF Q3 is open, so they are interpretation, not law):
    measure: str | None = None  # units (default) | tpp: units x TPP per unit
    period: str | None = None  # quarter (default) | month | year: the window volumes add up in
    scope: str | None = None  # total (default): every exporter's volume | exporter: its own


@dataclass(frozen=True, slots=True)
class Provenance:
    level: str  # official | secondary | reported | computed | unverified
    reference: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class StatusChange:
    on: date
    status: AuthorizationStatus
    conditions: tuple[AuthorizationCondition, ...] | None = None  # replaces them when given
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Authorization:
    id: str
    jurisdiction: str
    authority: str
    kind: AuthorizationKind
    holder: str
    parties: tuple[str, ...]
    items: tuple[str, ...]
    valid_from: date
    valid_to: date | None
    status: AuthorizationStatus
    conditions: tuple[AuthorizationCondition, ...] = ()
    provenance: Provenance = Provenance(level="official")
    quantity: int | None = None
    quantity_used: int = 0
    quantity_unit: QuantityUnit | None = None  # what quantity counts; given with a quantity
    exception_code: str | None = None  # for licence exceptions and notifications: NAC, ACA, ...
    history: tuple[StatusChange, ...] = ()

    def as_of(self, day: date) -> Authorization | None:
        """The authorization as it stood on `day`, applying its dated status changes.

        None when it did not exist yet: its history starts after `day`.
        """
        status, conditions = self.status, self.conditions
        if self.history:
            applicable = [change for change in self.history if change.on <= day]
            if not applicable:
                return None
            for change in sorted(applicable, key=lambda c: c.on):
                status = change.status
                if change.conditions is not None:
                    conditions = change.conditions
        if self.valid_to is not None and day > self.valid_to and status.usable:
            status = AuthorizationStatus.EXPIRED
        return Authorization(
            id=self.id,
            jurisdiction=self.jurisdiction,
            authority=self.authority,
            kind=self.kind,
            holder=self.holder,
            parties=self.parties,
            items=self.items,
            valid_from=self.valid_from,
            valid_to=self.valid_to,
            status=status,
            conditions=conditions,
            provenance=self.provenance,
            quantity=self.quantity,
            quantity_used=self.quantity_used,
            quantity_unit=self.quantity_unit,
            exception_code=self.exception_code,
            history=(),
        )

    @property
    def balance(self) -> int | None:
        return None if self.quantity is None else self.quantity - self.quantity_used

    def in_window(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def pending_conditions(self) -> tuple[AuthorizationCondition, ...]:
        return tuple(c for c in self.conditions if c.kind is ConditionKind.PENDING)
