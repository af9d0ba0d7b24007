"""The ledger commands end to end, on SQLite and PostgreSQL: the happy path, and bad input of
every kind through every command (one line on stderr, exit 2, no table changes)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from sqlalchemy import Engine, text
from typer.testing import CliRunner

from clearance.cli.app import app
from clearance.cli.exit_codes import BAD_INPUT, HOLD, OK
from clearance.store.ledger_store import table_counts

from ..services.ledger.support import licence, shipment

runner = CliRunner()


@pytest.fixture
def db(engine: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Engine:
    url = engine.url.render_as_string(hide_password=False)
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            schema = conn.execute(text("SELECT current_schema()")).scalar_one()
        url += f"?options=-csearch_path%3D{schema}"
    monkeypatch.setenv("CLEARANCE_DATABASE_URL", url)
    monkeypatch.setenv("CLEARANCE_ACTOR", "tester")
    return engine


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _file(tmp_path: Path, name: str, value: object) -> str:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(value, sort_keys=False), encoding="utf-8")
    return str(path)


@pytest.fixture
def seeded(db: Engine, tmp_path: Path) -> Engine:
    assert _run("authorizations", "add", _file(tmp_path, "a.yaml", [licence(100)]))[0] == OK
    assert _run("shipments", "submit", _file(tmp_path, "s1.yaml", shipment("S-1")))[0] == OK
    held = shipment("S-2", evidence=False, red_flags=["resembles_listed_party"])
    assert _run("shipments", "submit", _file(tmp_path, "s2.yaml", held))[0] == HOLD
    return db


def test_the_happy_path(seeded: Engine, tmp_path: Path) -> None:
    code, out, _ = _run("authorizations", "show", "US-LIC-1", "--json")
    assert code == OK
    shown = json.loads(out)
    assert (shown["quantity_used"], shown["balance"]) == (7, 93)
    code, out, _ = _run("shipments", "submit", str(tmp_path / "s1.yaml"), "--json")
    assert (code, json.loads(out)["decision_id"]) == (OK, 1)  # the first result, again
    code, out, _ = _run("holds", "--json")
    assert [h["shipment_id"] for h in json.loads(out)] == ["S-2"]
    code, out, _ = _run("audit", "verify")
    assert code == OK
    assert out.startswith("ok: 3 events")
    assert _run("replay", "--all")[0] == OK
    assert _run("shipments", "exported", "S-1", "--on", "2026-04-01")[0] == OK
    assert _run("db", "status", "--json")[0] == OK


def test_audit_verify_keeps_an_anchor_and_finds_a_cut_tail(seeded: Engine, tmp_path: Path) -> None:
    anchor = tmp_path / "head.json"
    code, out, _ = _run("audit", "verify", "--anchor", str(anchor), "--json")
    assert code == OK
    kept = json.loads(anchor.read_text(encoding="utf-8"))
    assert kept["seq"] == json.loads(out)["events"]
    with seeded.begin() as conn:
        conn.execute(text("DELETE FROM audit_event WHERE seq = :seq"), {"seq": kept["seq"]})
    assert _run("audit", "verify")[0] == OK  # the chain alone cannot tell
    code, _, err = _run("audit", "verify", "--anchor", str(anchor))
    assert code == 1
    assert f"broken at seq {kept['seq']}" in err
    assert json.loads(anchor.read_text(encoding="utf-8")) == kept  # not overwritten


BAD_SCOPE = [{"kind": "aggregate_share_cap", "value": 0.5, "scope": "region"}]


def _bad_inputs(tmp_path: Path) -> dict[str, list[str]]:
    other = licence(50)
    f = lambda name, value: _file(tmp_path, name, value)  # noqa: E731
    return {
        "authorizations add: missing file": ["authorizations", "add", str(tmp_path / "no.yaml")],
        "authorizations add: bad field": ["authorizations", "add", f("b.yaml", [{"id": "X"}])],
        "authorizations add: other content": ["authorizations", "add", f("o.yaml", [other])],
        "authorizations show: unknown": ["authorizations", "show", "NOPE"],
        "authorizations grant: unknown": ["authorizations", "grant", "NOPE"],
        "authorizations grant: already": ["authorizations", "grant", "US-LIC-1"],
        "authorizations suspend: bad date": ["authorizations", "suspend", "US-LIC-1", "--on", "x"],
        "authorizations revoke: unknown": ["authorizations", "revoke", "NOPE"],
        "authorizations amend: other id": [
            "authorizations",
            "amend",
            "US-LIC-1",
            f("m.yaml", [licence(9, id="X-1")]),
        ],
        "authorizations amend: below used": [
            "authorizations",
            "amend",
            "US-LIC-1",
            f("m2.yaml", [licence(3)]),
        ],
        "conditions set: bad kind": [
            "conditions",
            "set",
            "US-LIC-1",
            f("c.yaml", [{"kind": "bogus"}]),
        ],
        "conditions set: unknown auth": ["conditions", "set", "NOPE", f("c2.yaml", [])],
        "conditions set: bad scope": ["conditions", "set", "US-LIC-1", f("c3.yaml", BAD_SCOPE)],
        "authorizations add: bad scope": [
            "authorizations",
            "add",
            f("bs.yaml", [licence(9, id="X-2", conditions=BAD_SCOPE)]),
        ],
        "shipments submit: bad field": [
            "shipments",
            "submit",
            f("s.yaml", shipment("S-9", to="ZZ")),
        ],
        "shipments submit: bad as-of": [
            "shipments",
            "submit",
            f("s3.yaml", shipment("S-9")),
            "--as-of",
            "soon",
        ],
        "shipments submit: changed content": [
            "shipments",
            "submit",
            f("s4.yaml", shipment("S-1", units=8)),
        ],
        "shipments list: bad outcome": ["shipments", "list", "--outcome", "maybe"],
        "shipments show: unknown": ["shipments", "show", "NOPE"],
        "shipments cancel: unknown": ["shipments", "cancel", "NOPE", "--reason", "x"],
        "shipments cancel: no reason": ["shipments", "cancel", "S-1", "--reason", " "],
        "shipments exported: not cleared": ["shipments", "exported", "S-2", "--on", "2026-04-01"],
        "shipments exported: bad date": ["shipments", "exported", "S-1", "--on", "x"],
        "evidence add: unknown shipment": [
            "evidence",
            "add",
            "NOPE",
            f("e.yaml", {"kind": "kyc_attestation", "reference": "K"}),
        ],
        "evidence add: bad kind": ["evidence", "add", "S-2", f("e2.yaml", {"kind": "x"})],
        "flags resolve: not raised": ["flags", "resolve", "S-2", "no_such_flag", "--reason", "x"],
        "volumes record: bad market": [
            "volumes",
            "record",
            "--product",
            "P",
            "--market",
            "XX",
            "--units",
            "5",
            "--period",
            "2026-Q1",
        ],
        "volumes record: bad units": [
            "volumes",
            "record",
            "--product",
            "P",
            "--market",
            "US",
            "--units",
            "0",
            "--period",
            "2026-Q1",
        ],
        "volumes record: bad period": [
            "volumes",
            "record",
            "--product",
            "P",
            "--market",
            "US",
            "--units",
            "5",
            "--period",
            "2026-Q5",
        ],
        "volumes record: blank exporter": [
            "volumes",
            "record",
            "--product",
            "P",
            "--market",
            "US",
            "--units",
            "5",
            "--period",
            "2026-Q1",
            "--exporter",
            " ",
        ],
        "notices ack: unknown": ["notices", "ack", "999"],
        "audit export: bad format": ["audit", "export", "--format", "xml"],
        "audit verify: bad anchor": ["audit", "verify", "--anchor", f("anchor.json", "[1]")],
        "audit hold: unknown shipment": ["audit", "hold", "NOPE", "--reason", "x"],
        "audit purge: bad date": ["audit", "purge", "--before", "x"],
        "replay: unknown decision": ["replay", "999"],
        "replay: nothing named": ["replay"],
        "rules impact: no directory": ["rules", "impact", "--rules", str(tmp_path / "none")],
    }


def test_bad_input_through_every_command(seeded: Engine, tmp_path: Path) -> None:
    for name, args in _bad_inputs(tmp_path).items():
        before = table_counts(seeded)
        code, out, err = _run(*args)
        assert code == BAD_INPUT, (name, code, out, err)
        lines = [line for line in err.splitlines() if not line.startswith("note:")]
        assert len(lines) == 1, (name, err)
        assert lines[0].startswith("error: "), (name, err)
        assert table_counts(seeded) == before, name


def test_submit_applies_the_item_master_as_check_does(db: Engine, tmp_path: Path) -> None:
    from .test_items import H20, SHIPMENT

    undeclared = tmp_path / "undeclared.yaml"
    undeclared.write_text(SHIPMENT, encoding="utf-8")
    code, out, _ = _run("shipments", "submit", str(undeclared), "--json")
    assert code == HOLD
    assert json.loads(out)["reason_ids"] == ["engine.classification.needed"]
    items = tmp_path / "items.yaml"
    items.write_text(H20, encoding="utf-8")
    assert _run("items", "add", str(items))[0] == OK
    declared = tmp_path / "declared.yaml"
    declared.write_text(SHIPMENT.replace("id: T-H20", "id: T-H20-B"), encoding="utf-8")
    code, out, _ = _run("shipments", "submit", str(declared), "--json")
    assert code == OK, out
    decision = json.loads(out)
    assert decision["classifications"][0]["control_code"] == "3A991"
    assert decision["classifications"][0]["declared"] is True
    # The declaration is recorded with the decision: replay agrees once the master is gone.
    (Path(os.environ["CLEARANCE_DATA_DIR"]) / "items.json").unlink()
    code, out, _ = _run("replay", str(decision["decision_id"]), "--json")
    assert code == OK, out
    assert json.loads(out)[0]["same"] is True


def test_a_bad_cap_scope_names_the_field_and_the_allowed_values(
    seeded: Engine, tmp_path: Path
) -> None:
    before = table_counts(seeded)
    bad = _file(tmp_path, "scope.yaml", [licence(9, id="X-3", conditions=BAD_SCOPE)])
    code, _, err = _run("authorizations", "add", bad)
    assert code == BAD_INPUT
    (line,) = [line for line in err.splitlines() if not line.startswith("note:")]
    assert "conditions[0].scope: must be 'total' or 'exporter' (got 'region')" in line
    assert table_counts(seeded) == before


def test_volumes_record_with_an_exporter_and_show(db: Engine) -> None:
    args = ["volumes", "record", "--product", "H200 SXM 141GB", "--market", "US"]
    code, out, _ = _run(*args, "--units", "5", "--period", "2026-Q1", "--exporter", "Acme")
    assert (code, out.startswith("recorded 5 H200 SXM 141GB to US by Acme in 2026-Q1")) == (
        OK,
        True,
    )
    assert _run(*args, "--units", "3", "--period", "2026-Q1")[0] == OK
    code, out, _ = _run("volumes", "show", "--json")
    assert json.loads(out) == [
        {"product": "H200 SXM 141GB", "market": "US", "exporter": None, "units": 3},
        {"product": "H200 SXM 141GB", "market": "US", "exporter": "Acme", "units": 5},
    ]
    code, out, _ = _run("volumes", "show")
    assert out.splitlines() == ["H200 SXM 141GB  US  -  3", "H200 SXM 141GB  US  Acme  5"]
