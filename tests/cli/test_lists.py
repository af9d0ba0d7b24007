"""`clearance lists import|show|diff|update`: output, exit codes, one-line errors."""

from __future__ import annotations

import gzip
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clearance.cli.lists import app

FIXTURES = Path(__file__).parents[1] / "lists" / "fixtures"
OFAC = [str(FIXTURES / "ofac" / n) for n in ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv")]
runner = CliRunner()


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "data"
    monkeypatch.setenv("CLEARANCE_DATA_DIR", str(directory))
    return directory


def shared_lists() -> Path:
    repo = Path(__file__).resolve().parents[2]
    root = Path(os.environ.get("CLEARANCE_SHARED_DATA") or repo.parent / "shared" / "data")
    return root / "lists"


def ids(output: str) -> list[str]:
    return [line.split()[0] for line in output.splitlines() if line and not line[0].isspace()]


def test_import_prints_the_entries_per_list(data_dir: Path) -> None:
    result = runner.invoke(app, ["import", str(FIXTURES / "csl_sample.json"), *OFAC])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "imported  3 entries  data date 2026-07-31" in out
    assert "    EL  " in out
    assert "skipped.address_without_primary" in out
    assert [i.split("-")[0] for i in ids(out)] == ["csl", "ofac"]
    assert len(list((data_dir / "snapshots").glob("*.json"))) == 2


def test_import_twice_says_unchanged() -> None:
    runner.invoke(app, ["import", str(FIXTURES / "un_sample.xml")])
    result = runner.invoke(app, ["import", str(FIXTURES / "un_sample.xml")])
    assert result.exit_code == 0
    assert "unchanged (already stored)" in result.stdout


def test_import_with_a_format(tmp_path: Path) -> None:
    odd = tmp_path / "prim.csv"
    odd.write_bytes((FIXTURES / "ofac" / "sdn.csv").read_bytes())
    result = runner.invoke(app, ["import", "--format", "ofac-cons", str(odd)])
    assert result.exit_code == 0, result.output
    assert ids(result.stdout)[0].startswith("ofac-cons-")


def test_show() -> None:
    empty = runner.invoke(app, ["show"])
    assert empty.exit_code == 0
    assert "no snapshots yet" in empty.stdout
    runner.invoke(app, ["import", str(FIXTURES / "un_sample.xml")])
    result = runner.invoke(app, ["show"])
    assert result.exit_code == 0
    assert "3 entries  data date 2026-02-27" in result.stdout
    assert "UN         3" in result.stdout


def test_diff_between_a_snapshot_and_a_file(tmp_path: Path) -> None:
    imported = runner.invoke(app, ["import", str(FIXTURES / "csl_sample.json")])
    [old] = ids(imported.stdout)
    changed = tmp_path / "csl_new.json"
    text = (FIXTURES / "csl_sample.json").read_text()
    changed.write_text(text.replace('"Presumption of denial."', '"Policy of denial."'))
    result = runner.invoke(app, ["diff", old, str(changed)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "added 0  removed 0  changed 1  unchanged 2"
    assert "~ EL:h2334e48588b7df0  Zhipu AI (CN)  [license_policy]" in (result.stdout)


def test_diff_of_two_snapshots_with_a_limit() -> None:
    first = ids(runner.invoke(app, ["import", str(FIXTURES / "csl_projection_sample.csv")]).stdout)
    second = ids(runner.invoke(app, ["import", str(FIXTURES / "csl_full_sample.csv")]).stdout)
    result = runner.invoke(app, ["diff", first[0], second[0], "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert "... and" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "{tmp}/mystery.csv"], "mystery.csv: cannot tell the list format"),
        (["import", "{tmp}/cut.csv.gz"], "cut.csv.gz: truncated gzip"),
        (["import", "{tmp}/short.csv"], "short.csv: header: missing column(s)"),
        (["import", "{tmp}/latin.csv"], "latin.csv: line 2: not valid utf-8"),
        (["import", "{tmp}/empty.csv"], "empty.csv: the file is empty"),
        (["import", "{tmp}/nope.csv"], "nope.csv: cannot read the file"),
        (["import", "--format", "xls", "{tmp}/short.csv"], "format: unknown format 'xls'"),
        (["diff", "nope", "nada"], "no snapshot 'nope'"),
        (["update", "--url", "http://example.com/sdn.csv"], "url: refusing"),
    ],
)
def test_bad_input_exits_2_with_one_clear_line(
    tmp_path: Path, args: list[str], message: str
) -> None:
    (tmp_path / "mystery.csv").write_text("a,b\n1,2\n")
    (tmp_path / "cut.csv.gz").write_bytes(gzip.compress(b"source,name,alt_names\n" * 500)[:-10])
    (tmp_path / "short.csv").write_text("source,name,alt_names\nEL,A,\n")
    (tmp_path / "latin.csv").write_bytes(
        "source,name,alt_names\nEL,M\u00fcller,\n".encode("latin-1")
    )
    (tmp_path / "empty.csv").write_bytes(b"")
    result = runner.invoke(app, [a.replace("{tmp}", str(tmp_path)) for a in args])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("error: ")
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_a_failed_download_exits_1_and_imports_nothing(serve: Callable[[Path], str]) -> None:
    base = serve(FIXTURES)
    result = runner.invoke(
        app, ["update", "--url", f"{base}/un_sample.xml", "--url", f"{base}/missing.xml"]
    )
    assert result.exit_code == 1
    assert "HTTP 404" in result.stderr
    assert "no snapshots yet" in runner.invoke(app, ["show"]).stdout


def test_update_from_a_local_server(serve: Callable[[Path], str]) -> None:
    base = serve(FIXTURES)
    urls = [f"{base}/ofac/{Path(p).name}" for p in OFAC] + [f"{base}/un_sample.xml"]
    result = runner.invoke(app, ["update", *[arg for url in urls for arg in ("--url", url)]])
    assert result.exit_code == 0, result.output
    assert [i.split("-")[0] + "-" + i.split("-")[1] for i in ids(result.stdout)] == [
        "ofac-sdn",
        "un-xml",
    ]


@pytest.mark.shared_data
def test_update_from_the_shared_data_folder(serve: Callable[[Path], str]) -> None:
    lists = shared_lists()
    if not lists.is_dir():
        pytest.skip(f"no shared list data at {lists} (set CLEARANCE_SHARED_DATA)")
    base = serve(lists)
    files = ["sdn_2024-05-03.csv.gz", "add_2025-12.csv.gz", "alt_2025-12.csv.gz"]
    urls = [f"{base}/ofac/{name}" for name in files]
    urls += [f"{base}/un/un_consolidated_2026-02-27.xml.gz"]
    urls += [f"{base}/us_csl/csl_projection_2026-07-31.csv.gz"]
    result = runner.invoke(app, ["update", *[arg for url in urls for arg in ("--url", url)]])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "imported  14,965 entries  data date 2024-05-03" in out
    assert "imported  1,003 entries  data date 2026-02-27" in out
    assert "imported  25,921 entries  data date 2026-07-31" in out


def test_the_group_is_registered_in_the_main_app() -> None:
    from clearance.cli.app import app as main_app

    result = runner.invoke(main_app, ["lists", "--help"])
    assert result.exit_code == 0
    for command in ("import", "show", "diff", "update"):
        assert command in result.stdout


def test_the_data_directory_defaults_to_the_user_data_directory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import platformdirs

    from clearance.settings import get_settings

    monkeypatch.delenv("CLEARANCE_DATA_DIR")
    assert get_settings().data_dir == Path(platformdirs.user_data_dir("clearance"))
    monkeypatch.setenv("CLEARANCE_DATA_DIR", "/srv/clearance")
    assert get_settings().data_dir == Path("/srv/clearance")
