"""`clearance lists show|pin|unpin|remove` and imports of older releases; `clearance screen`
names every source of an entry; later commands load the stored index instead of building it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clearance.cli.app import app
from clearance.cli.exit_codes import HITS_FOUND

FIXTURES = Path(__file__).parents[1] / "lists" / "fixtures"
OLDER = FIXTURES / "csl_full_sample.csv"  # data date 2022 (latest start_date)
NEWER = FIXTURES / "csl_sample.json"  # sourceGeneratedAt 2026-07-31
runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def snapshot_ids(out: str) -> list[str]:
    return [line.split()[0] for line in out.splitlines() if line and not line[0].isspace()]


def status_of(out: str) -> dict[str, str]:
    """snapshot id -> its status in `lists show`."""
    found = {}
    for line in out.splitlines():
        if line and not line[0].isspace():
            found[line.split()[0]] = line.split("  ")[1]
    return found


def test_a_newer_release_supersedes_and_an_older_one_is_refused_as_current() -> None:
    code, out, _ = invoke("lists", "import", str(NEWER))
    assert code == 0
    [new] = snapshot_ids(out)
    assert "current (first release of its source)" in out
    code, out, err = invoke("lists", "import", str(OLDER))
    assert code == 0
    [old] = snapshot_ids(out)
    assert f"not current: older than the current {new} (2026-07-31)" in out
    assert f"note: {old} is not screened against" in err
    code, out, _ = invoke("lists", "show")
    assert status_of(out) == {new: "current", old: "superseded"}


def test_pin_unpin_and_remove() -> None:
    _, out, _ = invoke("lists", "import", str(OLDER))
    [old] = snapshot_ids(out)
    _, out, _ = invoke("lists", "import", str(NEWER))
    [new] = snapshot_ids(out)
    assert f"current, supersedes {old}" in out
    code, out, _ = invoke("lists", "pin", old[:14])
    assert code == 0
    assert f"{old}  current, pinned" in out
    assert status_of(invoke("lists", "show")[1]) == {old: "current, pinned", new: "superseded"}
    _, out, _ = invoke("lists", "import", str(NEWER))
    assert f"not current: the source is pinned to {old}" in out
    _, out, _ = invoke("lists", "unpin", old)
    assert out.strip() == f"{new}  current"
    code, out, _ = invoke("lists", "remove", new)
    assert code == 0
    assert out.splitlines() == [f"{new}  removed", f"{old}  current for its source"]
    assert status_of(invoke("lists", "show")[1]) == {old: "current"}


@pytest.mark.parametrize("command", ["pin", "unpin", "remove"])
def test_an_unknown_snapshot_is_one_line_and_changes_nothing(command: str) -> None:
    invoke("lists", "import", str(NEWER))
    before = invoke("lists", "show")[1]
    code, _, err = invoke("lists", command, "no-such-snapshot")
    assert code == 2
    assert err.strip() == "error: no snapshot 'no-such-snapshot'"
    assert invoke("lists", "show")[1] == before


def test_a_hit_names_every_source_listing_the_entry(tmp_path: Path) -> None:
    kaist = tmp_path / "kaist_restricted_parties.csv"
    kaist.write_text(
        "id,list_id,list_name,authority,jurisdiction,name,name_native,aliases,"
        "countries_iso2,source_file,source_row\n"
        "rpl-9,us-bis-entity-list,Entity List,BIS,United States,Zhipu AI,,,CN,el.csv,1\n",
        encoding="utf-8",
    )
    _, out, _ = invoke("lists", "import", str(NEWER), str(kaist))
    csl, compiled = snapshot_ids(out)
    code, out, err = invoke("screen", "Zhipu AI", "--json")
    assert code == HITS_FOUND
    zhipu = [h for h in json.loads(out)["hits"] if h["name"] == "Zhipu AI"]
    assert len(zhipu) == 1  # once, not once per source
    assert zhipu[0]["sources"] == sorted([csl, compiled], key=lambda s: s.startswith("kaist"))
    assert "building the screening index" not in err  # the import stored it


def test_a_deleted_index_is_rebuilt_once_then_loaded(data_dir: Path) -> None:
    invoke("lists", "import", str(NEWER))
    [index] = (data_dir / "snapshots" / "index").glob("*.idx")
    index.unlink()
    _, _, err = invoke("screen", "Huawei Investment")
    assert "note: building the screening index" in err
    assert index.is_file()
    _, _, err = invoke("screen", "Huawei Investment")
    assert "building" not in err


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "data"
    monkeypatch.setenv("CLEARANCE_DATA_DIR", str(directory))
    return directory
