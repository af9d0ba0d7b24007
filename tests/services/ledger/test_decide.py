"""The inputs document's text: composed from cached authorization texts, it must be exactly the
canonical JSON of the inputs (its hash is the decision's input hash, which replay compares)."""

from __future__ import annotations

from clearance.services.audit_chain import canonical, sha256_text
from clearance.services.ledger_authorizations import add_authorizations
from clearance.services.ledger_shipments import submit_batch
from clearance.store.ledger_store import SqlLedger

from .support import context, licence, shipment


def test_each_stored_input_hash_is_that_of_the_canonical_inputs(ledger: SqlLedger) -> None:
    ctx = context()
    add_authorizations(ledger, ctx, [licence(20)])
    # the second and third draw on the balance the first left; the fourth lacks it
    results = submit_batch(ledger, ctx, [shipment(f"S-{i}", 7) for i in range(4)])
    assert [r["state"] for r in results] == ["cleared", "cleared", "held", "held"]
    with ledger() as uow:
        entries = [uow.decisions.get(r["decision_id"]) for r in results]
    used = []
    for entry in entries:
        assert entry is not None
        assert entry.inputs is not None
        assert entry.input_hash == sha256_text(canonical(entry.inputs))
        used.append(entry.inputs["authorizations"][0]["quantity_used"])
    assert used == [0, 7, 14, 14]
