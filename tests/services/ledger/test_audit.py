"""The audit chain detects an update, delete, insert or swap of any row, naming the seq; the
stand-alone script in docs/ledger.md agrees on an export; holds and purges keep the chain."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from clearance.domain.errors import InputError
from clearance.services.audit_chain import Anchor
from clearance.services.ledger_audit import (
    export_audit,
    hold_subject,
    parse_anchor,
    purge,
    verify_audit,
)
from clearance.services.ledger_authorizations import add_authorizations
from clearance.services.ledger_shipments import mark_exported, show_shipment, submit_shipment
from clearance.store.ledger_store import SqlLedger

from .support import ROOT, context, licence, shipment

SCRIPT = re.search(
    r"verifies a JSON-lines export independently:\n\n```python\n(.*?)```",
    (ROOT / "docs" / "ledger.md").read_text(encoding="utf-8"),
    re.S,
)


def _history(ledger: SqlLedger, count: int = 5) -> None:
    ctx = context()
    add_authorizations(ledger, ctx, [licence(1000)])
    for i in range(count):
        submit_shipment(ledger, ctx, shipment(f"S-{i}", 7))


def _script(ledger: SqlLedger, tmp_path: Path) -> str:
    assert SCRIPT is not None, "docs/ledger.md lost its verify script"
    script = tmp_path / "verify_audit.py"
    script.write_text(SCRIPT.group(1), encoding="utf-8")
    export = tmp_path / "audit.jsonl"
    export.write_text(export_audit(ledger, "jsonl"), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(script), str(export)], capture_output=True, text=True, check=False
    )
    return run.stdout.strip()


def _sql(ledger: SqlLedger, *statements: str) -> None:
    with ledger.engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))


def test_an_untouched_chain_verifies_and_the_script_agrees(
    ledger: SqlLedger, tmp_path: Path
) -> None:
    _history(ledger)
    report = verify_audit(ledger)
    assert report.ok
    assert report.events == 6
    assert _script(ledger, tmp_path) == f"ok 6 events, head {report.head}"


TAMPERING = {
    "update payload": (["UPDATE audit_event SET payload = '{}' WHERE seq = 3"], 3),
    "update actor": (["UPDATE audit_event SET actor = 'someone else' WHERE seq = 3"], 3),
    "delete": (["DELETE FROM audit_event WHERE seq = 3"], 3),
    "insert": (
        [
            "INSERT INTO audit_event (seq, at, actor, action, subject, payload, payload_hash, "
            "prev_hash, hash) SELECT 7, at, actor, action, subject, payload, payload_hash, "
            "prev_hash, hash FROM audit_event WHERE seq = 2"
        ],
        7,
    ),
    "swap": (
        [
            "UPDATE audit_event SET seq = 100 WHERE seq = 3",
            "UPDATE audit_event SET seq = 3 WHERE seq = 4",
            "UPDATE audit_event SET seq = 4 WHERE seq = 100",
        ],
        3,
    ),
}


@pytest.mark.parametrize("kind", sorted(TAMPERING))
def test_tampering_is_detected_at_its_seq(ledger: SqlLedger, tmp_path: Path, kind: str) -> None:
    _history(ledger)
    statements, seq = TAMPERING[kind]
    _sql(ledger, *statements)
    report = verify_audit(ledger)
    assert not report.ok
    assert report.first_bad_seq == seq, report.problem
    assert _script(ledger, tmp_path).startswith(f"seq {seq}:")


def test_exports_as_csv_with_one_row_per_event(ledger: SqlLedger) -> None:
    _history(ledger, 2)
    rows = export_audit(ledger, "csv").splitlines()
    assert rows[0].startswith("seq,at,actor,action,subject,payload")
    assert len(rows) == 4


def test_purge_is_a_dry_run_unless_confirmed_and_spares_held_and_unexpired(
    ledger: SqlLedger,
) -> None:
    ctx = context()
    _history(ledger, 3)
    for i in range(3):
        mark_exported(ledger, ctx, f"S-{i}", date(2026, 4, 1))
    hold_subject(ledger, ctx, "S-1", "litigation")
    # Retention runs to the licence's end (2027-02-19) + 5 years.
    assert show_shipment(ledger, "S-0")["retention_until"] == "2032-02-19"
    assert purge(ledger, ctx, date(2032, 2, 19), True)["purged"] == []
    dry = purge(ledger, ctx, date(2033, 1, 1), False)
    assert dry["would_purge"] == ["S-0", "S-2"]
    assert dry["kept_on_hold"] == ["S-1"]
    assert show_shipment(ledger, "S-0")["state"] == "exported"
    done = purge(ledger, ctx, date(2033, 1, 1), True)
    assert done["purged"] == ["S-0", "S-2"]
    assert show_shipment(ledger, "S-0")["state"] == "purged"
    assert show_shipment(ledger, "S-1")["state"] == "exported"
    with ledger() as uow:
        events = uow.audit.events()
    assert all(e.payload is None for e in events if e.subject == "shipment:S-0")
    assert any(e.payload is not None for e in events if e.subject == "shipment:S-1")
    assert verify_audit(ledger).ok


def test_an_anchor_finds_a_cut_tail_the_chain_alone_cannot(ledger: SqlLedger) -> None:
    _history(ledger)
    anchor = verify_audit(ledger).anchor
    _sql(ledger, f"DELETE FROM audit_event WHERE seq = {anchor.seq}")
    assert verify_audit(ledger).ok  # the newest event removed: the rest still chains
    report = verify_audit(ledger, anchor)
    assert report.first_bad_seq == anchor.seq
    assert "newest events were removed" in (report.problem or "")


def test_an_anchor_finds_a_rewritten_chain(ledger: SqlLedger) -> None:
    _history(ledger, 2)
    anchor = verify_audit(ledger).anchor
    assert verify_audit(ledger, Anchor(anchor.seq, "f" * 64)).first_bad_seq == anchor.seq


def test_a_chain_that_grew_past_its_anchor_verifies(ledger: SqlLedger) -> None:
    _history(ledger, 2)
    anchor = verify_audit(ledger).anchor
    submit_shipment(ledger, context(), shipment("S-LATER", 7))
    report = verify_audit(ledger, anchor)
    assert report.ok
    assert report.events == anchor.seq + 1


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("not json", None),
        ('{"seq": -1, "hash": "' + "a" * 64 + '"}', "seq"),
        ('{"seq": true, "hash": "' + "a" * 64 + '"}', "seq"),
        ('{"seq": 3, "hash": "xyz"}', "hash"),
        ("[1, 2]", "seq"),
    ],
)
def test_a_bad_anchor_file_is_refused_naming_the_field(text: str, field: str | None) -> None:
    with pytest.raises(InputError) as caught:
        parse_anchor(text, "head.json")
    assert caught.value.field == field
