"""`clearance review` guarded, `reviews list|undo`, `screen --enrol` and `watchlist list|remove`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clearance.cli.app import app
from clearance.cli.exit_codes import BAD_INPUT, HITS_FOUND, OK

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "lists" / "fixtures" / "csl_projection_sample.csv"
runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def imported() -> None:
    assert _run("lists", "import", str(FIXTURE))[0] == OK


def _sophgo_entry() -> str:
    code, out, _ = _run("screen", "Sophgo Technology Limited", "--country", "CN", "--json")
    assert code == HITS_FOUND
    entry: str = json.loads(out)["hits"][0]["entry"]
    return entry


def _review(entry: str, *extra: str) -> tuple[int, str, str]:
    return _run("review", "Sophgo Technology Limited", "--country", "China", "--entry", entry,
                "--dismiss", "--reason", "LEI differs", *extra)  # fmt: skip


def _reviews() -> list[dict[str, object]]:
    code, out, err = _run("reviews", "list", "--json")
    assert code == OK, err
    views: list[dict[str, object]] = json.loads(out)
    return views


@pytest.mark.usefixtures("imported")
def test_a_verdict_on_an_entry_the_party_does_not_hit_is_refused() -> None:
    code, _, _ = _run("screen", "KAL TEK LABS", "--json")
    assert code == HITS_FOUND
    kal_tek = json.loads(_run("screen", "KAL TEK LABS", "--json")[1])["hits"][0]["entry"]
    code, _, err = _review(kal_tek, "--reviewer", "ann")
    assert code == BAD_INPUT
    assert len(err.strip().splitlines()) == 1
    assert f"no hit on {kal_tek}" in err
    assert _reviews() == []


@pytest.mark.usefixtures("imported")
def test_four_eyes_list_and_undo() -> None:
    entry = _sophgo_entry()
    code, out, err = _review(entry, "--reviewer", "ann", "--require-second")
    assert code == OK, err
    assert "pending" in out
    (view,) = _reviews()
    assert view["state"] == "pending"
    assert view["entry"] == entry
    code, _, err = _review(entry, "--reviewer", "ann")
    assert code == BAD_INPUT
    assert "second, different reviewer" in err
    code, out, err = _review(entry, "--reviewer", "bob")
    assert code == OK, err
    assert "seconded by bob" in out
    (view,) = _reviews()
    assert view["state"] == "effective"
    assert view["second_reviewer"] == "bob"
    code, out, err = _run("reviews", "undo", str(view["id"]), "--by", "carol")
    assert code == OK, err
    assert _reviews()[0]["state"] == "undone"
    assert _run("reviews", "undo", str(view["id"]))[0] == BAD_INPUT
    assert _run("reviews", "undo", "999")[0] == BAD_INPUT


@pytest.mark.usefixtures("imported")
def test_reviews_list_by_party_and_as_a_table() -> None:
    entry = _sophgo_entry()
    assert _review(entry, "--reviewer", "ann")[0] == OK
    code, out, _ = _run(
        "reviews", "list", "--party", "Sophgo Technology Limited", "--country", "CN"
    )
    assert code == OK
    assert "dismissed" in out
    assert "effective" in out
    code, out, _ = _run("reviews", "list", "--party", "Someone Else", "--json")
    assert code == OK
    assert json.loads(out) == []


def test_batch_enrolment_puts_parties_on_the_watch_list(imported: None, tmp_path: Path) -> None:
    rows = tmp_path / "parties.csv"
    rows.write_text("id,name,country\nc1,Sophgo Technology Limited,CN\nc2,Acme Widgets GmbH,DE\n",
                    encoding="utf-8")  # fmt: skip
    out = tmp_path / "hits.jsonl"
    code, _, err = _run("screen", "--input", str(rows), "--output", str(out), "--enrol")
    assert code == HITS_FOUND, err
    assert "2 parties on the watch-list" in err
    code, listed, _ = _run("watchlist", "list", "--json")
    assert code == OK
    parties = {p["name"]: p for p in json.loads(listed)}
    assert parties.keys() == {"Sophgo Technology Limited", "Acme Widgets GmbH"}
    assert parties["Sophgo Technology Limited"]["hits"] >= 1
    assert "parties.csv" in parties["Acme Widgets GmbH"]["origin"]
    # A new snapshot without Sophgo re-screens the enrolled parties: the hit is cleared.
    changed = tmp_path / "csl_changed.csv"
    lines = FIXTURE.read_text(encoding="utf-8").splitlines(keepends=True)
    changed.write_text("".join(line for line in lines if "Sophgo" not in line), encoding="utf-8")
    code, out, err = _run("lists", "import", str(changed))
    assert code == OK, err
    assert "re-screened 2 parties" in out
    assert "0 new hits, 2 cleared" in out  # the fixture lists Sophgo twice
    after = {p["name"]: p for p in json.loads(_run("watchlist", "list", "--json")[1])}
    assert after["Sophgo Technology Limited"]["hits"] == 0
    code, out, _ = _run("watchlist", "remove", "Acme Widgets GmbH", "--country", "Germany")
    assert code == OK
    assert {p["name"] for p in json.loads(_run("watchlist", "list", "--json")[1])} == {
        "Sophgo Technology Limited"
    }
    code, _, err = _run("watchlist", "remove", "Acme Widgets GmbH", "--country", "DE")
    assert code == BAD_INPUT
    assert "no party" in err


def test_enrolment_needs_imported_lists_and_batch_mode(tmp_path: Path) -> None:
    rows = tmp_path / "parties.csv"
    rows.write_text("id,name\n1,Sophgo\n", encoding="utf-8")
    out = tmp_path / "hits.jsonl"
    code, _, err = _run("screen", "--input", str(rows), "--output", str(out), "--enrol")
    assert code == BAD_INPUT
    assert "no lists imported" in err
    code, _, err = _run("screen", "Sophgo", "--enrol")
    assert code == BAD_INPUT
    assert "batch mode" in err
    assert _run("watchlist", "list")[1].startswith("the watch-list is empty")
