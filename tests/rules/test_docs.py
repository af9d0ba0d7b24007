"""docs/rule-packs.md lists every bundled rule, so the documentation cannot drift silently."""

from __future__ import annotations

from pathlib import Path

from clearance.services.ruleset import bundled_ruleset

DOC = Path(__file__).resolve().parents[2] / "docs" / "rule-packs.md"


def test_every_bundled_rule_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [m.id for m in bundled_ruleset().all_meta() if f"`{m.id}`" not in text]
    assert missing == []
