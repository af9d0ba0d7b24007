"""`clearance screen`: one name, JSON, the list sources, batch files with a bad row, exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from clearance.cli.app import app
from clearance.cli.exit_codes import BAD_INPUT, HITS_FOUND, OK, UNAVAILABLE

runner = CliRunner()
HITS = HITS_FOUND

HEADER = (
    "source,entity_number,type,programs,name,alt_names,address_countries,"
    "federal_register_notice,license_requirement,license_policy,source_list_url"
)
LIST = "\n".join(
    (
        HEADER,
        "Entity List (EL) - Bureau of Industry and Security,,,,Sophgo Technologies Ltd.,"
        '"Beijing Suanneng Technology Co., Ltd; Sophgo",CN,90 FR 4621,'
        "For all items subject to the EAR,Presumption of denial,https://www.bis.gov/",
        "Specially Designated Nationals (SDN) - Treasury Department,16669,Individual,"
        'RUSSIA-EO14024,"ROTENBERG, Arkady Romanovich","ROTENBERG, Arkadii Romanovich",RU,,,,'
        "https://sanctionslist.ofac.treas.gov/",
        "",
    )
)


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _list(tmp_path: Path) -> str:
    path = tmp_path / "csl.csv"
    path.write_text(LIST, encoding="utf-8")
    return str(path)


def test_a_hit_exits_3_with_its_explanation(tmp_path: Path) -> None:
    code, out, _ = _run("screen", "北京算能科技有限公司", "--json", "--list-file", _list(tmp_path))
    assert code == HITS
    (hit,) = json.loads(out)["hits"]
    assert hit["list"] == "EL"
    assert hit["entry"] == f"EL:{hit['entry_id']}"
    assert hit["name"] == "Sophgo Technologies Ltd."
    assert hit["matched_name"] == "Beijing Suanneng Technology Co., Ltd"
    assert hit["score"] == 1.0
    assert {"name", "legal_form", "transliteration"} <= hit["features"].keys()


def test_no_hit_exits_0(tmp_path: Path) -> None:
    code, out, _ = _run("screen", "Example Rechenzentrum GmbH", "--list-file", _list(tmp_path))
    assert code == OK
    assert "No hit" in out


def test_table_output_names_the_list_and_the_match(tmp_path: Path) -> None:
    code, out, _ = _run("screen", "Ротенберг Аркадий", "--type", "person",
                        "--list-file", _list(tmp_path))  # fmt: skip
    assert code == HITS
    assert "SDN" in out
    assert "ROTENBERG" in out


def test_without_lists_the_bundled_sample_is_used() -> None:
    code, out, err = _run("screen", "Moore Threads", "--json")
    assert code == HITS
    assert "sample" in err
    assert json.loads(out)["hits"][0]["list"] == "EL"


def test_bad_options_exit_2(tmp_path: Path) -> None:
    assert _run("screen", "X", "--country", "ZZ")[0] == BAD_INPUT
    assert _run("screen", "X", "--type", "robot")[0] == BAD_INPUT
    assert _run("screen", "X", "--threshold", "1.5")[0] == BAD_INPUT
    assert _run("screen")[0] == BAD_INPUT
    assert _run("screen", "X", "--list-file", str(tmp_path / "missing.csv"))[0] == BAD_INPUT
    assert _run("screen", "--input", str(tmp_path / "in.csv"))[0] == BAD_INPUT


def test_batch_writes_one_line_per_row_in_order_and_reports_a_bad_row(tmp_path: Path) -> None:
    rows = tmp_path / "parties.csv"
    rows.write_text(
        "id,name,country,type\n"
        "a,北京算能科技有限公司,CN,entity\n"
        "b,Example Rechenzentrum GmbH,DE,\n"
        "c,Sophgo,XX,\n"
        "d,ROTENBERG Arkadii,,person\n",
        encoding="utf-8",
    )
    out = tmp_path / "hits.jsonl"
    code, _, err = _run("screen", "--input", str(rows), "--output", str(out),
                        "--list-file", _list(tmp_path), "--workers", "2")  # fmt: skip
    assert code == BAD_INPUT  # the bad row; the others were still screened
    assert "line 4" in err
    assert "XX" in err
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["a", "b", "c", "d"]
    assert lines[0]["hits"][0]["name"] == "Sophgo Technologies Ltd."
    assert lines[1]["hits"] == []
    assert "error" in lines[2]
    assert lines[2]["hits"] == []
    assert lines[3]["hits"][0]["name"] == "ROTENBERG, Arkady Romanovich"


def test_batch_without_bad_rows_exits_with_the_hits(tmp_path: Path) -> None:
    rows = tmp_path / "parties.csv"
    rows.write_text("id,name\n1,Nobody In Particular Ltd\n", encoding="utf-8")
    out = tmp_path / "hits.jsonl"
    args = ("screen", "--input", str(rows), "--output", str(out), "--list-file", _list(tmp_path))
    assert _run(*args)[0] == OK
    rows.write_text("id,name\n1,Nobody In Particular Ltd\n2,Sophgo Ltd\n", encoding="utf-8")
    assert _run(*args, "--threshold", "0.8")[0] == HITS
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_batch_needs_an_id_and_a_name_column(tmp_path: Path) -> None:
    rows = tmp_path / "parties.csv"
    rows.write_text("name\nSophgo\n", encoding="utf-8")
    code, _, err = _run("screen", "--input", str(rows), "--output", str(tmp_path / "o.jsonl"))
    assert code == BAD_INPUT
    assert "id,name" in err


def test_hits_and_an_unavailable_file_have_different_exit_codes() -> None:
    assert len({OK, UNAVAILABLE, BAD_INPUT, HITS_FOUND}) == 4


def test_the_table_shows_the_entry_id_review_needs(tmp_path: Path) -> None:
    args = ["screen", "Sophgo Technologies", "--list-file", _list(tmp_path)]
    result = runner.invoke(app, args, env={"COLUMNS": "250"})
    assert result.exit_code == HITS
    entry = json.loads(_run(*args, "--json")[1])["hits"][0]["entry"]
    assert entry.startswith("EL:")
    assert "entry id" in result.stdout
    assert entry in result.stdout


def test_a_country_name_is_accepted_beside_the_iso_code(tmp_path: Path) -> None:
    by_name = _run("screen", "Sophgo", "--country", "China", "--json", "--list-file",
                   _list(tmp_path))  # fmt: skip
    by_code = _run("screen", "Sophgo", "--country", "cn", "--json", "--list-file", _list(tmp_path))
    assert by_name[0] == HITS
    assert json.loads(by_name[1]) == json.loads(by_code[1])
    code, _, err = _run("screen", "Sophgo", "--country", "Atlantis")
    assert code == BAD_INPUT
    assert "Atlantis" in err


def test_batch_writes_csv_one_line_per_hit(tmp_path: Path) -> None:
    rows = tmp_path / "parties.csv"
    rows.write_text(
        "id,name,country\na,Sophgo Technologies,China\nb,Nobody In Particular Ltd,DE\n",
        encoding="utf-8",
    )
    out = tmp_path / "hits.csv"
    code, _, _ = _run("screen", "--input", str(rows), "--output", str(out), "--format", "csv",
                      "--list-file", _list(tmp_path))  # fmt: skip
    assert code == HITS
    lines = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [line["id"] for line in lines] == ["a", "b"]
    assert lines[0]["entry"].startswith("EL:")
    assert lines[0]["name"] == "Sophgo Technologies Ltd."
    assert float(lines[0]["score"]) >= 0.75
    assert lines[1]["entry"] == ""


def test_an_unknown_batch_format_is_refused(tmp_path: Path) -> None:
    rows = tmp_path / "parties.csv"
    rows.write_text("id,name\n1,X\n", encoding="utf-8")
    code, _, err = _run("screen", "--input", str(rows), "--output", str(tmp_path / "o"),
                        "--format", "xml")  # fmt: skip
    assert code == BAD_INPUT
    assert "xml" in err
