"""Submitting a shipment: decision, drawdown, volume line and audit event in one transaction."""

from __future__ import annotations

import pytest

from clearance.domain.errors import InputError
from clearance.services.audit_chain import verify_chain
from clearance.services.ledger_authorizations import add_authorizations, show_authorization
from clearance.services.ledger_shipments import (
    cancel_shipment,
    show_shipment,
    submit_batch,
    submit_shipment,
)
from clearance.store.ledger_store import SqlLedger, table_counts

from .support import context, licence, shipment


def test_a_cleared_shipment_draws_its_units_once(ledger: SqlLedger) -> None:
    ctx = context()
    add_authorizations(ledger, ctx, [licence(1000)])
    first = submit_shipment(ledger, ctx, shipment("S-1", 7))
    assert first["outcome"] == "cleared"
    assert first["state"] == "cleared"
    assert first["drawdowns"] == [{"authorization": "US-LIC-1", "units": 7}]
    again = submit_shipment(ledger, ctx, shipment("S-1", 7))
    assert again == first
    auth = show_authorization(ledger, "US-LIC-1")
    assert (auth["quantity_used"], auth["balance"]) == (7, 993)
    counts = table_counts(ledger.engine)
    assert (counts["item_spec"], counts["ledger_party"]) == (1, 2)  # kept once each
    assert [d["units"] for d in auth["drawdowns"]] == [7]
    with ledger() as uow:
        assert verify_chain(uow.audit.events()).ok
        assert [e.action for e in uow.audit.events()] == ["authorization.add", "shipment.decided"]


def test_a_held_shipment_draws_nothing(ledger: SqlLedger) -> None:
    ctx = context()
    add_authorizations(ledger, ctx, [licence(1000)])
    result = submit_shipment(ledger, ctx, shipment("S-1", 7, evidence=False))
    assert result["outcome"] == "hold"
    assert result["drawdowns"] == []
    assert show_authorization(ledger, "US-LIC-1")["balance"] == 1000


def test_a_shipment_above_the_balance_holds(ledger: SqlLedger) -> None:
    ctx = context()
    add_authorizations(ledger, ctx, [licence(10)])
    assert submit_shipment(ledger, ctx, shipment("S-1", 7))["outcome"] == "cleared"
    second = submit_shipment(ledger, ctx, shipment("S-2", 7))
    assert second["outcome"] == "hold"
    assert "engine.authorization.balance_exceeded" in second["reason_ids"]


def test_the_same_id_with_other_content_is_refused_and_nothing_changes(
    ledger: SqlLedger,
) -> None:
    ctx = context()
    add_authorizations(ledger, ctx, [licence(1000)])
    submit_shipment(ledger, ctx, shipment("S-1", 7))
    before = table_counts(ledger.engine)
    with pytest.raises(InputError, match="already in the ledger"):
        submit_shipment(ledger, ctx, shipment("S-1", 8))
    assert table_counts(ledger.engine) == before


def test_cancelling_returns_the_units(ledger: SqlLedger) -> None:
    ctx = context()
    add_authorizations(ledger, ctx, [licence(1000)])
    submit_shipment(ledger, ctx, shipment("S-1", 7))
    result = cancel_shipment(ledger, ctx, "S-1", "customer withdrew")
    assert result["released"] == [{"authorization": "US-LIC-1", "units": 7}]
    assert show_authorization(ledger, "US-LIC-1")["balance"] == 1000
    assert show_shipment(ledger, "S-1")["state"] == "cancelled"


def test_a_keyed_command_retried_returns_its_first_result_and_writes_once(
    ledger: SqlLedger,
) -> None:
    from clearance.services.ledger_authorizations import change_status

    ctx = context()
    add_authorizations(ledger, ctx, [licence(1000)])
    first = change_status(ledger, ctx, "US-LIC-1", "suspend", key="k-suspend")
    before = table_counts(ledger.engine)
    assert change_status(ledger, ctx, "US-LIC-1", "suspend", key="k-suspend") == first
    assert table_counts(ledger.engine) == before
    with pytest.raises(InputError, match="already suspended"):
        change_status(ledger, ctx, "US-LIC-1", "suspend", key="another key")


def test_a_batch_returns_the_first_result_for_a_shipment_already_submitted(
    ledger: SqlLedger,
) -> None:
    ctx = context()
    add_authorizations(ledger, ctx, [licence(1000)])
    first = submit_shipment(ledger, ctx, shipment("S-1", 7))
    results = submit_batch(ledger, ctx, [shipment("S-2", 7), shipment("S-1", 7)])
    assert results[1] == first
    assert show_authorization(ledger, "US-LIC-1")["balance"] == 1000 - 14


def test_a_document_repeated_in_one_batch_is_recorded_once(ledger: SqlLedger) -> None:
    ctx = context()
    add_authorizations(ledger, ctx, [licence(1000)])
    results = submit_batch(ledger, ctx, [shipment("S-1", 7), shipment("S-1", 7)])
    assert results[1] == results[0]
    assert show_authorization(ledger, "US-LIC-1")["balance"] == 993
    assert len(show_shipment(ledger, "S-1")["decisions"]) == 1


def test_one_id_with_two_contents_in_a_batch_is_refused_and_nothing_changes(
    ledger: SqlLedger,
) -> None:
    ctx = context()
    add_authorizations(ledger, ctx, [licence(1000)])
    before = table_counts(ledger.engine)
    with pytest.raises(InputError, match="already in the ledger"):
        submit_batch(ledger, ctx, [shipment("S-1", 7), shipment("S-1", 8)])
    assert table_counts(ledger.engine) == before
