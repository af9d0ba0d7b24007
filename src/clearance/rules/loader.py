"""Load rule packs: parse every file, validate the whole set, build the domain RuleSet.

The files are `{relative path: YAML text}`: `messages.yaml` at the top, and one folder per
jurisdiction holding `pack.yaml`, its country-group table and its rule files.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from clearance.domain.condition import Condition
from clearance.domain.errors import RulePackError
from clearance.domain.pack import Pack
from clearance.domain.rule import ClassificationRule, RedFlagRule, RuleSet

from .build import DomainRule, build_rule
from .conditions import ConditionError
from .file_errors import first_error
from .pack_loader import (
    MANIFEST,
    MESSAGES,
    build_messages,
    build_pack,
    check_groups,
    check_rule_in_pack,
    pack_folder,
)
from .pack_schema import CountryGroupTableFile, MessagesFile, PackFile
from .schema import RuleFile, RuleFileBase
from .validate import validate_set
from .yaml_safe import parse_yaml

_ADAPTER: TypeAdapter[RuleFileBase] = TypeAdapter(RuleFile)
MAX_RULE_FILE_BYTES = 1_000_000
KINDS = (
    "classification, licence_requirement, review_policy, licence_exception, prohibition, red_flag"
)
M = TypeVar("M", bound=BaseModel)


def content_hash(files: Mapping[str, str]) -> str:
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode())
        digest.update(b"\0")
        digest.update(files[name].encode())
        digest.update(b"\0")
    return digest.hexdigest()


def read_mapping(name: str, text: str) -> dict[str, Any]:
    if len(text) > MAX_RULE_FILE_BYTES:
        raise RulePackError(f"file is larger than {MAX_RULE_FILE_BYTES} bytes", source=name)
    raw = parse_yaml(text, name, RulePackError)
    if not isinstance(raw, dict):
        raise RulePackError("a rule-pack file must be one YAML mapping", source=name)
    return raw


def parse_file(name: str, text: str) -> RuleFileBase:
    raw = read_mapping(name, text)
    try:
        return _ADAPTER.validate_python(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        if first["type"] in ("union_tag_invalid", "union_tag_not_found"):
            raise RulePackError(
                f"unknown or missing rule kind {raw.get('kind')!r}; expected one of: {KINDS}",
                source=name,
                field="kind",
            ) from None
        field, message = first_error(exc)
        raise RulePackError(message, source=name, field=_field(field, raw)) from None


def parse_model(name: str, text: str, model: type[M]) -> M:
    raw = read_mapping(name, text)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        field, message = first_error(exc)
        raise RulePackError(message, source=name, field=field) from None


def _field(loc: str | None, raw: dict[str, Any]) -> str | None:
    # Pydantic prefixes union locations with the discriminator value: drop it.
    kind = str(raw.get("kind", ""))
    if loc and kind and loc.startswith(kind + "."):
        return loc[len(kind) + 1 :]
    return loc


def load_ruleset(files: Mapping[str, str]) -> RuleSet:
    """Build a validated RuleSet from {file name: YAML text}. A broken pack never loads."""
    if not files:
        raise RulePackError("no rule files given")
    if MESSAGES not in files:
        raise RulePackError(f"no {MESSAGES} (the engine's message texts) beside the pack folders")
    messages = build_messages(parse_model(MESSAGES, files[MESSAGES], MessagesFile))
    packs, pack_files = _packs(files, messages)
    parsed: dict[str, RuleFileBase] = {}
    for name, text in sorted(files.items()):
        if name == MESSAGES or name in pack_files:
            continue
        folder = pack_folder(name)
        if folder is None:
            raise RulePackError(
                f"a rule file belongs in a pack folder (<jurisdiction>/...) beside its {MANIFEST}",
                source=name,
            )
        if folder not in packs:
            raise RulePackError(f"folder {folder!r} has no {MANIFEST}", source=name)
        parsed[name] = parse_file(name, text)
    validate_set(parsed)
    rules: list[DomainRule] = []
    for name, model in parsed.items():
        try:
            rule = build_rule(model, name)
        except ConditionError as exc:
            raise RulePackError(str(exc).split(": ", 1)[-1], source=name, field=exc.path) from None
        pack = packs[pack_folder(name) or ""]
        check_rule_in_pack(pack, name, rule, _conditions(rule))
        if isinstance(rule, ClassificationRule) and pack.classification_of:
            raise RulePackError(
                f"pack {pack.jurisdiction} reads the classification of {pack.classification_of}; "
                "it cannot also classify",
                source=name,
                field="kind",
            )
        rules.append(rule)
    by_jurisdiction = {p.jurisdiction: p for p in packs.values()}
    _classification_sources(by_jurisdiction)
    _lists_claimed_once(by_jurisdiction)
    return RuleSet.from_rules(content_hash(files), rules, by_jurisdiction, messages)


def _packs(
    files: Mapping[str, str], messages: Mapping[str, str]
) -> tuple[dict[str, Pack], set[str]]:
    """Every `<folder>/pack.yaml` and the group table it names."""
    packs: dict[str, Pack] = {}
    used: set[str] = set()
    seen: dict[str, str] = {}
    for name in sorted(files):
        folder = pack_folder(name)
        if folder is None or name != f"{folder}/{MANIFEST}":
            continue
        model = parse_model(name, files[name], PackFile)
        if model.jurisdiction in seen:
            raise RulePackError(
                f"jurisdiction {model.jurisdiction} already has a pack "
                f"({seen[model.jurisdiction]})",
                source=name,
                field="jurisdiction",
            )
        seen[model.jurisdiction] = name
        used.add(name)
        table, table_source = model.country_groups, name
        if isinstance(table, str):
            table_source = f"{folder}/{table}"
            if table_source not in files:
                raise RulePackError(
                    f"no file {table!r} in the pack folder", source=name, field="country_groups"
                )
            used.add(table_source)
            table = parse_model(table_source, files[table_source], CountryGroupTableFile)
        packs[folder] = build_pack(name, model, table, table_source, messages)
        check_groups(packs[folder], name, [("touches.when", packs[folder].touches)])
    return packs, used


def _conditions(rule: DomainRule) -> list[tuple[str, Condition]]:
    if isinstance(rule, ClassificationRule):
        return [(f"paragraphs[{i}].when", p.when) for i, p in enumerate(rule.paragraphs)]
    if isinstance(rule, RedFlagRule):
        return []
    out: list[tuple[str, Condition]] = [("when", rule.when)]
    notification = getattr(rule, "notification_required", None)
    if notification is not None:
        out.append(("notification_required", notification))
    return out


def _lists_claimed_once(packs: Mapping[str, Pack]) -> None:
    owner: dict[str, str] = {}
    for code, pack in sorted(packs.items()):
        for listed in sorted(pack.screening_lists):
            if listed in owner:
                raise RulePackError(
                    f"list {listed!r} is also claimed by pack {owner[listed]}",
                    source=pack.source_file,
                    field="screening_lists",
                )
            owner[listed] = code


def _classification_sources(packs: Mapping[str, Pack]) -> None:
    for pack in packs.values():
        source = pack.classification_of
        if source and (source not in packs or packs[source].classification_of):
            raise RulePackError(
                f"classification.of {source!r} is not a loaded pack with its own classification",
                source=pack.source_file,
                field="classification.of",
            )
