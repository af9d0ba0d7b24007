"""A second exporting jurisdiction written only in YAML decides correctly beside the bundled ones.

`second_jurisdiction/nl/` is a pack folder (manifest with its own groups, authority, exception
label and messages; a licence rule, a review policy, a licence exception); the cases in
`second_jurisdiction/cases/` run under the bundled packs plus that folder, as `--rules` would.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from clearance.domain.errors import RulePackError
from clearance.domain.rule import RuleSet
from clearance.services.ruleset import PACKS_PACKAGE, ruleset_from_directory

from .test_decisions import check_case

HERE = Path(__file__).parent / "second_jurisdiction"
CASES = sorted((HERE / "cases").glob("*.yaml"))


def _packs_with_nl(root: Path, nl: Path = HERE / "nl") -> Path:
    bundled = Path(str(resources.files(PACKS_PACKAGE) / "packs"))
    shutil.copytree(bundled, root, dirs_exist_ok=True)
    shutil.copytree(nl, root / "nl")
    return root


@pytest.fixture(scope="module")
def ruleset(tmp_path_factory: pytest.TempPathFactory) -> RuleSet:
    return ruleset_from_directory(_packs_with_nl(tmp_path_factory.mktemp("packs")))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_second_jurisdiction_case(path: Path, ruleset: RuleSet) -> None:
    decision = check_case(path, ruleset)
    assert decision is not None
    nl = [j for j in decision.jurisdictions if j.jurisdiction == "NL"]
    assert len(nl) == 1  # every case exports from NL: the pack is touched, and says so


def test_the_nl_pack_is_its_own(ruleset: RuleSet) -> None:
    pack = ruleset.packs["NL"]
    assert pack.classifier == "US"
    assert set(pack.country_groups.labels) == {"EU:watch", "NL:ga"}
    assert pack.messages["none_held"].startswith("{requirement}; no NL licence held")
    assert ruleset.packs["US"].messages["none_held"] != pack.messages["none_held"]


def test_a_rule_naming_an_undefined_group_fails_to_load(tmp_path: Path) -> None:
    broken = tmp_path / "nl-broken"
    shutil.copytree(HERE / "nl", broken)
    rule = broken / "licence-advanced-computing.yaml"
    rule.write_text(
        rule.read_text(encoding="utf-8").replace('"NL:ga"]', '"D:5"]'), encoding="utf-8"
    )
    root = _packs_with_nl(tmp_path / "packs", broken)
    with pytest.raises(RulePackError, match=r"unknown country group\(s\) \['D:5'\]") as err:
        ruleset_from_directory(root)
    # D:5 is a US group: the NL rule may not borrow it
    assert err.value.source == "nl/licence-advanced-computing.yaml"
    assert err.value.field == "when"


def test_there_are_second_jurisdiction_cases() -> None:
    assert len(CASES) >= 4
