"""Load rule packs: parse every file, validate the whole set, build the domain RuleSet."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from clearance.domain.condition import Condition
from clearance.domain.errors import RulePackError
from clearance.domain.rule import (
    ExceptionRule,
    ProhibitionRule,
    RequirementRule,
    ReviewPolicyRule,
    RuleSet,
)

from .build import build_rule
from .conditions import ConditionError, groups_named
from .schema import RuleFile, RuleFileBase
from .validate import validate_set
from .yaml_safe import StrictSafeLoader

_ADAPTER: TypeAdapter[RuleFileBase] = TypeAdapter(RuleFile)
MAX_RULE_FILE_BYTES = 1_000_000


def content_hash(files: Mapping[str, str]) -> str:
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode())
        digest.update(b"\0")
        digest.update(files[name].encode())
        digest.update(b"\0")
    return digest.hexdigest()


def parse_file(name: str, text: str) -> RuleFileBase:
    if len(text) > MAX_RULE_FILE_BYTES:
        raise RulePackError(f"file is larger than {MAX_RULE_FILE_BYTES} bytes", source=name)
    try:
        raw = yaml.load(text, Loader=StrictSafeLoader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as exc:
        raise RulePackError(f"not valid YAML: {exc}", source=name) from None
    except ValueError as exc:  # e.g. a timestamp such as 2023-13-45 that matches YAML's pattern
        raise RulePackError(f"not a valid value: {exc}", source=name) from None
    if not isinstance(raw, dict):
        raise RulePackError("a rule file must be one YAML mapping", source=name)
    try:
        return _ADAPTER.validate_python(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        if first["type"] in ("union_tag_invalid", "union_tag_not_found"):
            kinds = "classification, licence_requirement, review_policy, licence_exception, "
            kinds += "prohibition, red_flag, country_groups"
            return _raise(
                name,
                "kind",
                f"unknown or missing rule kind {raw.get('kind')!r}; expected one of: {kinds}",
            )
        loc = ".".join(str(part) for part in first["loc"])
        return _raise(name, _field(loc, raw), f"{first['msg']} (got {_short(first.get('input'))})")


def _field(loc: str, raw: dict[str, Any]) -> str:
    # Pydantic prefixes union locations with the discriminator value: drop it.
    kind = str(raw.get("kind", ""))
    return loc[len(kind) + 1 :] if kind and loc.startswith(kind + ".") else loc


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _raise(name: str, field: str, message: str) -> RuleFileBase:
    raise RulePackError(message, source=name, field=field or None)


def load_ruleset(files: Mapping[str, str]) -> RuleSet:
    """Build a validated RuleSet from {file name: YAML text}. A broken pack never loads."""
    if not files:
        raise RulePackError("no rule files given")
    parsed = {name: parse_file(name, text) for name, text in sorted(files.items())}
    validate_set(parsed)
    rules = []
    for name, model in parsed.items():
        try:
            rules.append(build_rule(model, name))
        except ConditionError as exc:
            raise RulePackError(str(exc).split(": ", 1)[-1], source=name, field=exc.path) from None
    ruleset = RuleSet.from_rules(content_hash(files), rules)
    _known_groups(ruleset)
    return ruleset


def _known_groups(ruleset: RuleSet) -> None:
    known = {label for g in ruleset.country_groups for label in g.groups.groups}
    conditions: list[tuple[str | None, str, Condition]] = []
    rules: list[RequirementRule | ReviewPolicyRule | ExceptionRule | ProhibitionRule] = [
        *ruleset.requirements,
        *ruleset.review_policies,
        *ruleset.exceptions,
        *ruleset.prohibitions,
    ]
    for rule in rules:
        conditions.append((rule.meta.source_file, "when", rule.when))
    for cls in ruleset.classifications:
        for i, paragraph in enumerate(cls.paragraphs):
            conditions.append((cls.meta.source_file, f"paragraphs[{i}].when", paragraph.when))
    for source, field, cond in conditions:
        unknown = groups_named(cond) - known
        if unknown:
            raise RulePackError(
                f"unknown country group(s) {sorted(unknown)}", source=source, field=field
            )
