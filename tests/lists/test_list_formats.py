"""Telling the formats apart from a file's name and first bytes."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from clearance.domain.errors import ListFormatError
from clearance.lists import ListFormat, detect_format, parse_format

SAMPLES = [
    ("csl_projection_sample.csv", ListFormat.CSL_CSV),
    ("csl_full_sample.csv", ListFormat.CSL_CSV),
    ("csl_sample.json", ListFormat.CSL_JSON),
    ("ofac/sdn.csv", ListFormat.OFAC_SDN),
    ("ofac/add.csv", ListFormat.OFAC_SDN),
    ("ofac/alt.csv", ListFormat.OFAC_SDN),
    ("ofac/sdn_comments.csv", ListFormat.OFAC_SDN),
    ("un_sample.xml", ListFormat.UN_XML),
    ("entities.ftm.json", ListFormat.FTM_JSON),
    ("dpl_sample.txt", ListFormat.BIS_DPL),
    ("uk/uk_subjects.csv", ListFormat.UK_TABLES),
    ("uk/uk_subject_names.csv", ListFormat.UK_TABLES),
    ("eu_sample.csv", ListFormat.EU_CSV),
    ("kaist_sample.csv", ListFormat.KAIST_CSV),
]


@pytest.mark.parametrize(("name", "expected"), SAMPLES)
def test_each_sample_is_detected(fixtures: Path, name: str, expected: ListFormat) -> None:
    assert detect_format(fixtures / name) is expected


@pytest.mark.parametrize(("name", "expected"), SAMPLES[:4])
def test_detection_sees_through_gzip(
    fixtures: Path, tmp_path: Path, name: str, expected: ListFormat
) -> None:
    target = tmp_path / (Path(name).name + ".gz")
    target.write_bytes(gzip.compress((fixtures / name).read_bytes()))
    assert detect_format(target) is expected


def test_the_consolidated_non_sdn_files_by_name(fixtures: Path, tmp_path: Path) -> None:
    target = tmp_path / "cons_prim.csv"
    target.write_bytes((fixtures / "ofac" / "sdn.csv").read_bytes())
    assert detect_format(target) is ListFormat.OFAC_CONS


def test_an_unknown_file_asks_for_format(tmp_path: Path) -> None:
    path = tmp_path / "mystery.csv"
    path.write_text("a,b,c\n1,2,3\n")
    with pytest.raises(ListFormatError, match="--format") as caught:
        detect_format(path)
    assert caught.value.source == str(path)


def test_other_xml_is_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "sdn.xml"
    path.write_text("<?xml version='1.0'?><sdnList/>")
    with pytest.raises(ListFormatError, match="not the UN"):
        detect_format(path)


def test_parse_format() -> None:
    assert parse_format(" OFAC-SDN ") is ListFormat.OFAC_SDN
    with pytest.raises(ListFormatError, match="unknown format 'xls'") as caught:
        parse_format("xls")
    assert caught.value.field == "format"
