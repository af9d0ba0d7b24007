"""Every message key the engine asks for is in messages.yaml, with the placeholders it fills."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from clearance.domain.authorization import AuthorizationKind
from clearance.domain.pack import placeholders
from clearance.domain.rule import ReviewPolicy

SRC = Path(__file__).resolve().parents[2] / "src" / "clearance"
MESSAGES = yaml.safe_load((SRC / "rules/packs/messages.yaml").read_text(encoding="utf-8"))
# text("key", a=..., b=...) as the domain calls it (ctx.text, rules.text, text)
CALL = re.compile(r"\btext\(\s*\"([a-z_.]+)\"((?:[^()]|\([^()]*\))*)\)", re.S)


def _calls() -> list[tuple[str, set[str] | None, str]]:
    """(key, the placeholders given, or None when given as **values, module) per call."""
    out = []
    for path in sorted((SRC / "domain").glob("*.py")):
        for match in CALL.finditer(path.read_text(encoding="utf-8")):
            args = match.group(2)
            given = None if "**" in args else set(re.findall(r"\b([a-z_]+)=", args))
            out.append((match.group(1), given, path.name))
    return out


def test_every_key_the_domain_asks_for_exists_with_its_placeholders() -> None:
    calls = _calls()
    assert len(calls) > 30  # the pattern finds the calls
    messages = MESSAGES["messages"]
    problems = []
    for key, given, where in calls:
        if key not in messages:
            problems.append(f"{where}: {key} missing")
        elif given is not None and not placeholders(messages[key]) <= given:
            problems.append(f"{where}: {key} needs {sorted(placeholders(messages[key]) - given)}")
    assert problems == []


def test_the_keys_built_from_enums_exist() -> None:
    messages = MESSAGES["messages"]
    assert all(f"policy.{p.value}" in messages for p in ReviewPolicy)
    assert all(f"authorization_kind.{k.value}" in messages for k in AuthorizationKind)


def test_message_fragments_keep_their_spaces_when_loaded() -> None:
    from clearance.services.ruleset import bundled_ruleset

    assert bundled_ruleset().messages["condition_set_by"] == " by {by}"
