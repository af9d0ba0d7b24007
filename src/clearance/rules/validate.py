"""Whole-set validation: what no single file can check on its own."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from datetime import date

from clearance.domain.errors import RulePackError

from .pack_loader import pack_folder
from .schema import RequirementFile, ReviewPolicyFile, RuleFileBase


def validate_set(parsed: Mapping[str, RuleFileBase]) -> None:
    _unique_ids(parsed)
    _no_overlaps(parsed)
    _references(parsed)


def _unique_ids(parsed: Mapping[str, RuleFileBase]) -> None:
    seen: dict[str, str] = {}
    for name, model in parsed.items():
        if model.id in seen:
            raise RulePackError(
                f"rule id {model.id!r} is also defined in {seen[model.id]}", source=name, field="id"
            )
        seen[model.id] = name


def _no_overlaps(parsed: Mapping[str, RuleFileBase]) -> None:
    by_lineage: dict[str, list[tuple[str, RuleFileBase]]] = {}
    for name, model in parsed.items():
        by_lineage.setdefault(model.lineage or model.id, []).append((name, model))
    for lineage, versions in by_lineage.items():
        versions.sort(key=lambda item: item[1].effective_from)
        for (prev_name, prev), (name, model) in _pairs(versions):
            prev_end = prev.effective_to or date.max
            if model.effective_from < prev_end:
                raise RulePackError(
                    f"window {model.effective_from}..{model.effective_to or 'open'} of "
                    f"{model.id} overlaps {prev.id} ({prev_name}, "
                    f"{prev.effective_from}..{prev.effective_to or 'open'}) in lineage "
                    f"{lineage!r}",
                    source=name,
                    field="effective_from",
                )


def _pairs(
    items: list[tuple[str, RuleFileBase]],
) -> Iterable[tuple[tuple[str, RuleFileBase], tuple[str, RuleFileBase]]]:
    return itertools.pairwise(items)


def _references(parsed: Mapping[str, RuleFileBase]) -> None:
    """References resolve, to a rule of the right kind in the same pack."""
    where = {model.lineage or model.id: name for name, model in parsed.items()}
    kinds = {model.lineage or model.id: getattr(model, "kind", "") for model in parsed.values()}
    for name, model in parsed.items():
        if isinstance(model, ReviewPolicyFile):
            _same_pack(name, model.applies_to, "licence_requirement", "applies_to", where, kinds)
        if isinstance(model, RequirementFile):
            for i, ref in enumerate(model.exceptions):
                _same_pack(name, ref, "licence_exception", f"exceptions[{i}]", where, kinds)


def _same_pack(
    name: str,
    ref: str,
    kind: str,
    field: str,
    where: Mapping[str, str],
    kinds: Mapping[str, str],
) -> None:
    if kinds.get(ref) != kind:
        raise RulePackError(
            f"{ref!r} is not the lineage of a {kind} rule", source=name, field=field
        )
    if pack_folder(where[ref]) != pack_folder(name):
        raise RulePackError(
            f"{ref!r} belongs to another pack ({where[ref]}); a rule refers only to its own pack",
            source=name,
            field=field,
        )
