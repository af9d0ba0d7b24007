"""Use case: classify one item spec under the US classification rule in force on a date.

The core decides (`domain.classify` with the rule `active_rules` picks); this module gathers the
report a person or a program reads: control code, paragraph, TPP/PD and their working, the rule
and its citation, the evidence, and notes (licence exceptions a non-datacenter item may use, the
4A090 mapping of boards and servers, the provenance of the rule text).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from clearance.domain.active import active_rules
from clearance.domain.classification import Classification, classify
from clearance.domain.condition import Observation
from clearance.domain.item import ItemForm, ItemSpec
from clearance.domain.rule import ProvenanceLevel, RuleMeta, RuleSet

JURISDICTION = "US"
# The licence exceptions (15 CFR 740.8) open to 3A090.a items not designed or marketed for
# datacenters; whether one applies depends on the destination, which the decision engine checks.
NON_DATACENTER_EXCEPTIONS = ("NAC", "ACA")
# The .z paragraphs of 3A001, 4A003, 4A004, 4A005, 5A002, 5A992, ... catch items described there
# that also meet 3A090/4A090: .z.1 tracks 3A090.a, .z.2 tracks 3A090.b (3A090.c never: BRIEF 2.2).
Z_SUFFIX = {"3A090.a": ".z.1", "3A090.b": ".z.2"}


@dataclass(frozen=True, slots=True)
class ClassificationReason:
    rule_id: str
    message: str
    citation: str
    provenance: str
    evidence: tuple[Observation, ...]


@dataclass(frozen=True, slots=True)
class ClassificationReport:
    spec: ItemSpec
    as_of: date
    ruleset_hash: str
    classification: Classification
    rule: RuleMeta | None  # the binding classification rule; None before any was in force
    reasons: tuple[ClassificationReason, ...]
    notes: tuple[str, ...]

    @property
    def control_code(self) -> str | None:
        return self.classification.control_code

    @property
    def paragraph(self) -> str | None:
        return self.classification.paragraph

    @property
    def classified(self) -> bool:
        return self.classification.classified

    @property
    def missing(self) -> tuple[str, ...]:
        return self.classification.missing

    @property
    def tpp(self) -> float | None:
        return self.classification.metrics.tpp

    @property
    def pd(self) -> float | None:
        return self.classification.metrics.pd


def classify_item(spec: ItemSpec, as_of: date, ruleset: RuleSet) -> ClassificationReport:
    """Classify `spec` under the US classification rule that binds on `as_of`."""
    active = active_rules(ruleset, as_of)
    rule = active.classifications.get(JURISDICTION)
    result = classify(spec, rule)
    notes = list(result.notes)
    if rule is None:
        notes = [f"no {JURISDICTION} advanced-computing classification rule in force on {as_of}"]
    else:
        if rule.meta.provenance is not ProvenanceLevel.OFFICIAL:
            notes.append(
                f"the text of {rule.meta.id} is known from {rule.meta.provenance.value} sources"
            )
        active_codes = {e.code for e in active.exceptions.values()}
        codes = [code for code in NON_DATACENTER_EXCEPTIONS if code in active_codes]
        if result.ic_code == "3A090.a" and not spec.datacenter and codes:
            notes.append(
                "not designed or marketed for datacenters: licence exception "
                f"{'/'.join(codes)} (15 CFR 740.8) may be available, depending on the "
                "destination"
            )
    if spec.form is not ItemForm.IC:
        notes.append(
            f"figures are those of one contained IC; {spec.ics_per_unit} IC(s) per {spec.form}"
        )
        suffix = Z_SUFFIX.get(result.ic_code or "")
        if suffix is not None:
            notes.append(
                f"if the {spec.form} is also described in an ECCN with a .z paragraph (3A001, "
                "4A003, 4A004, 4A005, 5A002, 5A992, ...), it takes that .z paragraph instead "
                f"(a 5A992 mass-market-encryption server with a {result.ic_code} IC: "
                f"5A992{suffix})"
            )
    reasons: tuple[ClassificationReason, ...] = ()
    if rule is not None:
        reasons = (
            ClassificationReason(
                rule_id=rule.meta.id,
                message=_message(result),
                citation=rule.meta.citation,
                provenance=rule.meta.provenance.value,
                evidence=result.observations,
            ),
        )
    return ClassificationReport(
        spec=spec,
        as_of=as_of,
        ruleset_hash=ruleset.content_hash,
        classification=result,
        rule=rule.meta if rule is not None else None,
        reasons=reasons,
        notes=tuple(dict.fromkeys(notes)),
    )


def _message(result: Classification) -> str:
    if not result.classified:
        return f"cannot classify {result.item}: missing {', '.join(result.missing)}"
    if result.control_code is None:
        where = f" ({result.paragraph})" if result.paragraph else ""
        return f"{result.item} is not 3A090/4A090{where}"
    paragraph = f" under {result.paragraph}" if result.paragraph else ""
    return f"{result.item} is {result.control_code}{paragraph}"


def report_to_dict(report: ClassificationReport) -> dict[str, Any]:
    """The JSON-able form (the `--json` output of `clearance classify`)."""
    spec = report.spec
    metrics = report.classification.metrics
    rule = report.rule
    return {
        "item": {
            "name": spec.name,
            "vendor": spec.vendor,
            "form": spec.form.value,
            "datacenter": spec.datacenter,
            "ics_per_unit": spec.ics_per_unit,
            "source": spec.source,
        },
        "as_of": report.as_of.isoformat(),
        "ruleset_hash": report.ruleset_hash,
        "classified": report.classified,
        "control_code": report.control_code,
        "paragraph": report.paragraph,
        "ic_code": report.classification.ic_code,
        "missing": list(report.missing),
        "tpp": metrics.tpp,
        "tpp_precision": metrics.tpp_precision.value if metrics.tpp_precision else None,
        "pd": metrics.pd,
        "memory_bandwidth_density": metrics.memory_bandwidth_density,
        "dram_bandwidth_gbs": metrics.dram_bandwidth_gbs,
        "io_bandwidth_gbs": metrics.io_bandwidth_gbs,
        "working": list(metrics.working),
        "rule": None
        if rule is None
        else {
            "id": rule.id,
            "title": rule.title,
            "citation": rule.citation,
            "published_in": rule.published_in,
            "provenance": rule.provenance.value,
            "effective_from": rule.effective_from.isoformat(),
            "effective_to": rule.effective_to.isoformat() if rule.effective_to else None,
        },
        "reasons": [
            {
                "rule_id": reason.rule_id,
                "message": reason.message,
                "citation": reason.citation,
                "provenance": reason.provenance,
                "evidence": [_observation(o) for o in reason.evidence],
            }
            for reason in report.reasons
        ],
        "notes": list(report.notes),
    }


def _observation(obs: Observation) -> dict[str, Any]:
    return {"fact": obs.fact, "observed": obs.observed, "test": obs.test, "result": obs.result}
