"""What each principal may see of the ledger's authorizations and notices."""

from __future__ import annotations

import pytest

from clearance.domain.errors import NotFoundError
from clearance.services.access import Principal, Role
from clearance.services.ledger_authorizations import add_authorizations
from clearance.services.ledger_scope_authorizations import (
    authorization_refusal,
    documents_refusal,
    notice_refusal,
    visible_authorizations,
    visible_notices,
)
from clearance.store.ledger_store import SqlLedger

from .support import context, licence

CN = licence(
    id="CN-APPROVAL-1",
    jurisdiction="CN",
    authority="MOFCOM",
    kind="import_approval",
    holder="Other Cloud Ltd.",
    parties=[],
)
BUYER = Principal("b", Role.APPLICANT, party="example cloud ltd")  # matched as names are
OTHER_BUYER = Principal("o", Role.APPLICANT, party="Other Cloud Ltd.")
US_OFFICER = Principal("us", Role.AUTHORITY_OFFICER, jurisdiction="US")
CN_OFFICER = Principal("cn", Role.AUTHORITY_OFFICER, jurisdiction="CN")
AUDITOR = Principal("a", Role.AUDITOR)


@pytest.fixture
def seeded(ledger: SqlLedger) -> SqlLedger:
    add_authorizations(ledger, context(), [licence(), CN])
    return ledger


@pytest.mark.parametrize(
    ("principal", "ids"),
    [
        (BUYER, ["US-LIC-1"]),
        (OTHER_BUYER, ["CN-APPROVAL-1"]),
        (US_OFFICER, ["US-LIC-1"]),
        (CN_OFFICER, ["CN-APPROVAL-1"]),
        (AUDITOR, ["CN-APPROVAL-1", "US-LIC-1"]),
    ],
)
def test_visible_authorizations(seeded: SqlLedger, principal: Principal, ids: list[str]) -> None:
    assert sorted(r["id"] for r in visible_authorizations(seeded, principal)) == ids
    assert visible_authorizations(seeded, principal, "revoked") == []


def test_refusals_name_why_and_unknown_ids_are_not_found(seeded: SqlLedger) -> None:
    assert authorization_refusal(seeded, BUYER, "US-LIC-1") is None
    reason = authorization_refusal(seeded, OTHER_BUYER, "US-LIC-1")
    assert reason == "Other Cloud Ltd. neither holds nor is named in the authorization"
    assert authorization_refusal(seeded, CN_OFFICER, "US-LIC-1") is not None
    with pytest.raises(NotFoundError):
        authorization_refusal(seeded, AUDITOR, "NOPE")
    assert documents_refusal(US_OFFICER, [licence()]) is None
    assert documents_refusal(US_OFFICER, [licence(), CN]) is not None


def test_visible_notices_whatever_the_filter(seeded: SqlLedger) -> None:
    mine = visible_notices(seeded, BUYER)
    assert {n["party"] for n in mine} == {"Example Cloud Ltd."}
    assert visible_notices(seeded, OTHER_BUYER, party="Example Cloud Ltd.") == []
    assert {n["authorization"] for n in visible_notices(seeded, US_OFFICER)} == {"US-LIC-1"}
    assert notice_refusal(seeded, BUYER, mine[0]["id"]) is None
    assert notice_refusal(seeded, OTHER_BUYER, mine[0]["id"]) is not None
    assert notice_refusal(seeded, CN_OFFICER, mine[0]["id"]) is not None
    with pytest.raises(NotFoundError):
        notice_refusal(seeded, AUDITOR, 10_000)
