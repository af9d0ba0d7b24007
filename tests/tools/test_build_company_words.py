"""tools/build_company_words.py: counts per core token, a header with sources and totals."""

from __future__ import annotations

import gzip
import importlib.util
import io
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parents[2] / "tools" / "build_company_words.py"


def _tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_company_words", TOOL)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _gz(path: Path, text: str) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(text)
    return path


def test_counts_names_per_token_and_writes_the_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tool = _tool()
    gleif = _gz(
        tmp_path / "gleif.csv.gz",
        "lei,legal_name,country\n"
        + "".join(f"L{i},Acme Global Trading {i} Ltd,US\n" for i in range(25))
        + "X1,Sophgo Technologies Ltd.,CN\n",
    )
    sec = _gz(
        tmp_path / "sec.csv.gz",
        "cik,name,ticker,exchange\n1,GLOBAL INC,G,NYSE\n1,GLOBAL INC,G2,NYSE\n2,Other Co,O,OTC\n",
    )
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    assert tool.main([str(gleif), str(sec)]) == 0
    lines = out.getvalue().splitlines()
    assert "# names: 28" in lines  # 26 GLEIF names, 2 distinct SEC issuers (by CIK)
    assert any(line.startswith("# source: gleif.csv.gz") for line in lines)
    assert "token\tcount" in lines
    rows = dict(line.split("\t") for line in lines if not line.startswith(("#", "token")))
    assert rows["global"] == "26"
    assert rows["acme"] == "25"
    assert "sophgo" not in rows  # below the minimum count


def test_a_wrong_call_prints_the_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert _tool().main([]) == 2
    assert "Usage" in capsys.readouterr().err
