"""Rule-file models -> domain rule objects."""

from __future__ import annotations

from typing import Any

from clearance.domain import rule as r
from clearance.domain.condition import RedFlagRaised

from .conditions import parse_condition
from .schema import (
    ClassificationFile,
    EnforcementFile,
    ExceptionFile,
    ProhibitionFile,
    RedFlagFile,
    RequirementFile,
    ReviewPolicyFile,
    RuleFileBase,
)

DomainRule = (
    r.ClassificationRule
    | r.RequirementRule
    | r.ReviewPolicyRule
    | r.ExceptionRule
    | r.ProhibitionRule
    | r.RedFlagRule
)


def meta_of(model: RuleFileBase, source: str) -> r.RuleMeta:
    enforcement = model.enforcement
    if isinstance(enforcement, EnforcementFile):
        domain_enforcement = r.Enforcement(
            status=enforcement.status, since=enforcement.since, until=enforcement.until
        )
    else:
        domain_enforcement = r.Enforcement(status=enforcement)
    return r.RuleMeta(
        id=model.id,
        lineage=model.lineage or model.id,
        title=model.title,
        jurisdiction=model.jurisdiction,
        effective_from=model.effective_from,
        effective_to=model.effective_to,
        provenance=model.provenance,
        citation=model.citation,
        message=model.message,
        published_in=model.published_in,
        compliance_date=model.compliance_date,
        enforcement=domain_enforcement,
        notes=model.notes,
        source_file=source,
    )


def _when(raw: dict[str, Any], path: str = "when") -> Any:
    return parse_condition(raw, path)


def build_rule(model: RuleFileBase, source: str) -> DomainRule:
    meta = meta_of(model, source)
    match model:
        case ClassificationFile():
            paragraphs = tuple(
                r.Paragraph(
                    paragraph=p.paragraph,
                    control_code=p.control_code,
                    when=_when(p.when, f"paragraphs[{i}].when"),
                    note=p.note,
                )
                for i, p in enumerate(model.paragraphs)
            )
            return r.ClassificationRule(
                meta=meta,
                paragraphs=paragraphs,
                assemblies=dict(model.assemblies),
                outside_message=model.outside_message,
            )
        case RequirementFile():
            return r.RequirementRule(
                meta=meta,
                authority=model.authority,
                authorization_kind=model.authorization_kind.value,
                review_policy=model.review_policy,
                when=_when(model.when),
                exceptions=tuple(model.exceptions),
            )
        case ReviewPolicyFile():
            return r.ReviewPolicyRule(
                meta=meta,
                applies_to=model.applies_to,
                policy=model.policy,
                when=_when(model.when),
                priority=model.priority,
                required_evidence=tuple(e.value for e in model.required_evidence),
            )
        case ExceptionFile():
            return r.ExceptionRule(
                meta=meta,
                code=model.code,
                when=_when(model.when),
                notification_required=_when(model.notification_required, "notification_required"),
            )
        case ProhibitionFile():
            return r.ProhibitionRule(meta=meta, when=_when(model.when))
        case RedFlagFile():
            return r.RedFlagRule(
                meta=meta,
                flag=model.flag,
                severity=model.severity,
                when=RedFlagRaised(model.flag),
                resolution=model.resolution,
                raised_when=None
                if model.raised_when is None
                else parse_condition(model.raised_when, f"{source}: raised_when"),
            )
    raise TypeError(f"unknown rule file model {type(model).__name__}")  # pragma: no cover
