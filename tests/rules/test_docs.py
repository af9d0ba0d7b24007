"""docs/rule-packs.md lists every bundled rule, so the documentation cannot drift silently."""

from __future__ import annotations

from pathlib import Path

from clearance.services.ruleset import bundled_ruleset

DOC = Path(__file__).resolve().parents[2] / "docs" / "rule-packs.md"


def test_every_bundled_rule_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [m.id for m in bundled_ruleset().all_meta() if f"`{m.id}`" not in text]
    assert missing == []


def test_every_rule_kind_and_manifest_field_is_documented() -> None:
    from typing import get_args

    from clearance.rules.pack_schema import CountryGroupTableFile, MemberFile, PackFile
    from clearance.rules.schema import RuleFile

    text = DOC.read_text(encoding="utf-8")
    kinds = [m.model_fields["kind"].annotation for m in get_args(get_args(RuleFile)[0])]
    missing = [k for kind in kinds for k in get_args(kind) if f"| `{k}` |" not in text]
    fields = [
        *PackFile.model_fields,
        *CountryGroupTableFile.model_fields,
        *(f for f in MemberFile.model_fields if f != "citation"),
    ]
    missing += [f for f in fields if f"{f}:" not in text and f"`{f}`" not in text]
    assert missing == []
