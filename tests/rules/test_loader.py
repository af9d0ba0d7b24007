"""Loading validates the whole set; a broken pack fails naming the file and the field."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from clearance.domain.errors import RulePackError
from clearance.domain.rule import RuleSet
from clearance.rules.loader import load_ruleset
from clearance.services.ruleset import PACKS_PACKAGE, bundled_ruleset

PACK = textwrap.dedent("""\
    jurisdiction: US
    title: a test pack
    citation: "15 CFR 730-774"
    touches: {when: {always: true}, note: every shipment}
    authorities: {BIS: {name: Bureau of Industry and Security}}
    licence_exceptions:
      NAC: {name: Notified Advanced Computing, citation: "15 CFR 740.8", notify: BIS}
    country_groups:
      citation: "15 CFR 740 Supp. 1"
      provenance: official
      aliases: {HK: CN}
      groups: {"D:5": ["CN"]}
""")
MESSAGES = (
    Path(__file__).resolve().parents[2] / "src/clearance/rules/packs/messages.yaml"
).read_text(encoding="utf-8")

REQUIREMENT = textwrap.dedent("""\
    id: t.req.v1
    lineage: t.req
    kind: licence_requirement
    title: a requirement
    jurisdiction: US
    effective_from: 2023-11-17
    provenance: official
    citation: "15 CFR 742.6"
    authority: BIS
    authorization_kind: export_licence
    review_policy: presumption_of_denial
    when:
      all:
        - {control_code_in: ["3A090.a"]}
        - {destination_in: {groups: ["D:5"]}}
        - {metric: tpp, op: lt, value: 21000, unit: TPP}
""")


def _load(pack: str = PACK, **files: str) -> RuleSet:
    return load_ruleset(
        {
            "messages.yaml": MESSAGES,
            "t/pack.yaml": pack,
            **{f"t/{k}.yaml": v for k, v in files.items()},
        }
    )


def test_bundled_packs_load_and_hash_is_stable() -> None:
    first = bundled_ruleset()
    assert len(first.all_meta()) >= 30
    assert len(first.content_hash) == 64
    bundled_ruleset.cache_clear()
    assert bundled_ruleset().content_hash == first.content_hash


def test_bundled_rules_all_have_citation_and_provenance() -> None:
    for meta in bundled_ruleset().all_meta():
        assert meta.citation.strip(), meta.id
        assert meta.provenance.value in {
            "official",
            "secondary",
            "reported",
            "computed",
            "unverified",
        }


def test_china_side_is_reported() -> None:
    cn = [m for m in bundled_ruleset().all_meta() if m.jurisdiction == "CN"]
    assert cn
    assert all(m.provenance.value == "reported" for m in cn)


def test_a_valid_small_pack_loads() -> None:
    _load(req=REQUIREMENT)


def test_unknown_key_names_file_and_field() -> None:
    with pytest.raises(RulePackError) as err:
        _load(req=REQUIREMENT + "colour: blue\n")
    assert err.value.source == "t/req.yaml"
    assert err.value.field == "colour"


def test_missing_citation() -> None:
    broken = REQUIREMENT.replace('citation: "15 CFR 742.6"\n', "")
    with pytest.raises(RulePackError) as err:
        _load(req=broken)
    assert (err.value.source, err.value.field) == ("t/req.yaml", "citation")


def test_empty_citation() -> None:
    with pytest.raises(RulePackError) as err:
        _load(req=REQUIREMENT.replace('"15 CFR 742.6"', '"  "'))
    assert err.value.field == "citation"


def test_threshold_without_unit() -> None:
    broken = REQUIREMENT.replace(", unit: TPP}", "}")
    with pytest.raises(RulePackError) as err:
        _load(req=broken)
    assert err.value.source == "t/req.yaml"
    assert "no unit" in str(err.value)
    assert err.value.field is not None
    assert err.value.field.startswith("when.all[2]")


def test_threshold_with_the_wrong_unit() -> None:
    with pytest.raises(RulePackError, match="measured in 'TPP'"):
        _load(req=REQUIREMENT.replace("unit: TPP}", "unit: GB/s}"))


def test_bad_date() -> None:
    with pytest.raises(RulePackError) as err:
        _load(req=REQUIREMENT.replace("effective_from: 2023-11-17", "effective_from: 2023-13-45"))
    assert (err.value.source, err.value.field) == ("t/req.yaml", "effective_from")


def test_window_that_ends_before_it_starts() -> None:
    with pytest.raises(RulePackError, match="not after"):
        _load(req=REQUIREMENT + "effective_to: 2020-01-01\n")


def test_overlapping_windows_of_one_lineage() -> None:
    first = REQUIREMENT + "effective_to: 2025-01-01\n"
    second = REQUIREMENT.replace("id: t.req.v1", "id: t.req.v2").replace(
        "effective_from: 2023-11-17", "effective_from: 2024-06-01"
    )
    with pytest.raises(RulePackError, match="overlaps") as err:
        _load(a=first, b=second)
    assert err.value.field == "effective_from"


def test_adjacent_windows_do_not_overlap() -> None:
    first = REQUIREMENT + "effective_to: 2025-01-01\n"
    second = REQUIREMENT.replace("id: t.req.v1", "id: t.req.v2").replace(
        "effective_from: 2023-11-17", "effective_from: 2025-01-01"
    )
    _load(a=first, b=second)


def test_duplicate_id() -> None:
    other = REQUIREMENT.replace("lineage: t.req", "lineage: t.other")
    with pytest.raises(RulePackError, match="also defined"):
        _load(a=REQUIREMENT, b=other)


def test_unknown_condition() -> None:
    with pytest.raises(RulePackError, match="unknown condition 'colour_is'"):
        _load(req=REQUIREMENT.replace('{control_code_in: ["3A090.a"]}', "{colour_is: red}"))


def test_unknown_country_group() -> None:
    with pytest.raises(RulePackError, match=r"unknown country group\(s\) \['D:9'\]"):
        _load(req=REQUIREMENT.replace('groups: ["D:5"]', 'groups: ["D:9"]'))


def test_unknown_country_code() -> None:
    with pytest.raises(RulePackError, match="unknown value"):
        _load(req=REQUIREMENT.replace('{groups: ["D:5"]}', "{countries: [XX]}"))


def test_review_policy_must_point_at_a_requirement() -> None:
    policy = textwrap.dedent("""\
        id: t.policy
        kind: review_policy
        title: p
        jurisdiction: US
        effective_from: 2026-01-15
        provenance: official
        citation: "91 FR 1684"
        applies_to: t.nothing
        policy: case_by_case
        when: {always: true}
    """)
    with pytest.raises(RulePackError) as err:
        _load(req=REQUIREMENT, policy=policy)
    assert (err.value.source, err.value.field) == ("t/policy.yaml", "applies_to")


def test_not_yaml() -> None:
    with pytest.raises(RulePackError, match="not valid YAML") as err:
        _load(req="id: [unclosed\n")
    assert err.value.source == "t/req.yaml, line 2"


def test_unknown_kind() -> None:
    with pytest.raises(RulePackError) as err:
        _load(req=REQUIREMENT.replace("kind: licence_requirement", "kind: wish"))
    assert err.value.field == "kind"


def test_empty_set() -> None:
    with pytest.raises(RulePackError, match="no rule files"):
        load_ruleset({})


def test_the_norway_problem_does_not_bite() -> None:
    # YAML 1.1 reads an unquoted NO as false and `on` as true: the loader reads YAML 1.2 style.
    ruleset = _load(PACK.replace('{"D:5": ["CN"]}', '{"D:5": [CN], "A:1": [NO, SE]}'))
    groups = ruleset.packs["US"].country_groups.on(date(2026, 1, 1))
    assert groups.groups["A:1"] == {"NO", "SE"}


def test_packs_live_in_the_package() -> None:
    assert PACKS_PACKAGE == "clearance.rules"
    packs = Path(__file__).resolve().parents[2] / "src" / "clearance" / "rules" / "packs"
    assert any(packs.rglob("*.yaml"))
