"""Classify an item spec under the classification rule in force: 3A090 / 4A090 and paragraphs."""

from __future__ import annotations

from dataclasses import dataclass

from .condition import Observation, evaluate
from .facts import CountryGroups, LineFacts
from .item import ItemForm, ItemSpec
from .metrics import Metrics, compute_metrics
from .rule import ClassificationRule


@dataclass(frozen=True, slots=True)
class Classification:
    item: str
    control_code: str | None  # e.g. "3A090.a", "4A090.a"; None when outside 3A090/4A090
    paragraph: str | None  # e.g. "3A090.a.2", "Note 2 to 3A090"
    ic_code: str | None  # the IC's code before the board/server mapping
    classified: bool  # False: facts were missing, see `missing`
    metrics: Metrics
    rule_id: str | None
    citation: str | None
    observations: tuple[Observation, ...]
    missing: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    jurisdiction: str = ""  # whose classification this is
    declared: bool = False  # the code was declared by the user (item master), not computed

    @property
    def complete(self) -> bool:
        """A control code is known: computed, or declared for an item outside the rule's codes."""
        return self.classified and self.control_code is not None


def item_facts(spec: ItemSpec, metrics: Metrics) -> LineFacts:
    """Facts about the item alone (classification conditions test nothing else)."""
    return LineFacts(
        item=spec,
        metrics=metrics,
        control_code=None,
        classified=False,
        from_country="",
        to_country="",
        headquarters_country=None,
        ultimate_parent_country=None,
        end_use="",
        red_flags=frozenset(),
        country_groups=CountryGroups(),
    )


def classify(
    spec: ItemSpec, rule: ClassificationRule | None, no_rule_note: str = ""
) -> Classification:
    metrics = compute_metrics(spec)
    if rule is None:
        return Classification(
            item=spec.name,
            control_code=None,
            paragraph=None,
            ic_code=None,
            classified=True,
            metrics=metrics,
            rule_id=None,
            citation=None,
            observations=(),
            notes=(no_rule_note,) if no_rule_note else (),
        )
    facts = item_facts(spec, metrics)
    seen: list[Observation] = []
    for paragraph in rule.paragraphs:
        before = len(seen)
        verdict = evaluate(paragraph.when, facts, seen)  # record every test: it explains
        if verdict is None:
            missing = tuple(sorted({o.fact for o in seen[before:] if o.result is None}))
            return Classification(
                item=spec.name,
                control_code=None,
                paragraph=None,
                ic_code=None,
                classified=False,
                metrics=metrics,
                rule_id=rule.meta.id,
                citation=rule.meta.citation,
                observations=tuple(seen),
                missing=missing,
                notes=(f"cannot decide {paragraph.paragraph} without {', '.join(missing)}",),
                jurisdiction=rule.meta.jurisdiction,
            )
        if verdict:
            return _result(
                spec,
                rule,
                paragraph.paragraph,
                paragraph.control_code,
                metrics,
                tuple(seen),
                paragraph.note,
            )
    return _result(spec, rule, None, None, metrics, tuple(seen), rule.outside_message)


def _result(
    spec: ItemSpec,
    rule: ClassificationRule,
    paragraph: str | None,
    ic_code: str | None,
    metrics: Metrics,
    seen: tuple[Observation, ...],
    note: str | None,
) -> Classification:
    code = ic_code
    notes = [note] if note else []
    if ic_code is not None and spec.form is not ItemForm.IC:
        code = rule.assemblies.get(ic_code, ic_code)
        if code != ic_code:
            notes.append(f"a {spec.form.value} containing a {ic_code} IC is {code}")
    return Classification(
        item=spec.name,
        control_code=code,
        paragraph=paragraph,
        ic_code=ic_code,
        classified=True,
        metrics=metrics,
        rule_id=rule.meta.id,
        citation=rule.meta.citation,
        observations=seen,
        notes=tuple(notes),
        jurisdiction=rule.meta.jurisdiction,
    )
