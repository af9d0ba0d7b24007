"""trade.gov CSL JSON feed (consolidated.json)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from clearance.domain.errors import ListFormatError
from clearance.lists import csl_json
from clearance.lists.parsed import stable_id


def test_sample(fixtures: Path) -> None:
    parsed = csl_json.read((fixtures / "csl_sample.json").read_text(), source="c.json")
    assert [e.source_list for e in parsed.entries] == ["EL", "CMIC", "SDN"]
    assert parsed.skipped == {"no_name": 1}
    assert parsed.data_date == date(2026, 7, 31)  # sourceGeneratedAt
    zhipu, huawei, abbas = parsed.entries
    assert zhipu.entry_id == stable_id(zhipu.name, zhipu.countries)  # as in the CSL CSVs
    assert zhipu.aliases == ("Beijing Zhipu Huazhang Technology Co., Ltd.", "Knowledge Atlas")
    assert zhipu.addresses == ("Floor 3, Building 9, Tsinghua Science Park, Beijing, 100084, CN",)
    assert zhipu.countries == ("CN",)
    assert zhipu.license_policy == "Presumption of denial."
    assert huawei.countries == ("CN", "HK")
    assert huawei.identifiers == ("Unified Social Credit Code (USCC) 91440300746645251H (CN)",)
    assert abbas.entry_id == "21944"


def test_the_latest_start_date_when_no_date_is_declared() -> None:
    document = {
        "results": [{"source": "Entity List (EL)", "name": "A", "start_date": "2024-05-01"}]
    }
    parsed = csl_json.read(json.dumps(document), source="c.json")
    assert parsed.data_date is None
    assert parsed.latest_date == date(2024, 5, 1)


def test_joined_strings_are_accepted_for_list_fields() -> None:
    document = {"results": [{"source": "Entity List (EL)", "name": "A", "alt_names": "B; C"}]}
    assert csl_json.read(json.dumps(document), source="c.json").entries[0].aliases == ("B", "C")


def test_invalid_json_names_the_line() -> None:
    with pytest.raises(ListFormatError, match="not valid JSON") as caught:
        csl_json.read('{\n  "results": [\n  {,]\n}', source="c.json")
    assert caught.value.field == "line 3"


@pytest.mark.parametrize("document", ["[]", '{"total": 3}', '{"results": {}}'])
def test_the_results_list_is_required(document: str) -> None:
    with pytest.raises(ListFormatError, match="results"):
        csl_json.read(document, source="c.json")


def test_a_result_that_is_not_an_object() -> None:
    with pytest.raises(ListFormatError, match="expected an object") as caught:
        csl_json.read('{"results": [1]}', source="c.json")
    assert caught.value.field == "results[0]"


def test_a_field_of_the_wrong_type_is_named() -> None:
    document = {"results": [{"source": "Entity List (EL)", "name": "A", "addresses": 5}]}
    with pytest.raises(ListFormatError, match="expected a list") as caught:
        csl_json.read(json.dumps(document), source="c.json")
    assert caught.value.field == "results[0].addresses"
