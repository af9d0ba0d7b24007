"""Views of the rules for people and programs: status on a day, one rule's full record."""

from __future__ import annotations

from datetime import date

from clearance.domain.errors import NotFoundError
from clearance.domain.rule import RuleMeta, RuleSet


def rule_status(meta: RuleMeta, day: date | None) -> str:
    if day is None:
        return meta.enforcement.status.value
    if not meta.in_window(day):
        return "not in window"
    if meta.compliance_date and day < meta.compliance_date:
        return f"before compliance date {meta.compliance_date}"
    return meta.enforcement.at(day).value


def meta_dict(meta: RuleMeta, day: date | None) -> dict[str, object]:
    return {
        "id": meta.id,
        "lineage": meta.lineage,
        "title": meta.title,
        "jurisdiction": meta.jurisdiction,
        "effective_from": meta.effective_from.isoformat(),
        "effective_to": meta.effective_to.isoformat() if meta.effective_to else None,
        "compliance_date": meta.compliance_date.isoformat() if meta.compliance_date else None,
        "enforcement": meta.enforcement.status.value,
        "enforcement_since": meta.enforcement.since.isoformat() if meta.enforcement.since else None,
        "enforcement_until": meta.enforcement.until.isoformat() if meta.enforcement.until else None,
        "status": rule_status(meta, day),
        "provenance": meta.provenance.value,
        "citation": meta.citation,
        "published_in": meta.published_in,
        "message": meta.message,
        "notes": meta.notes,
        "file": meta.source_file,
    }


def find_rule(ruleset: RuleSet, rule_id: str) -> RuleMeta:
    """The rule with this id; NotFoundError naming a few close ids otherwise."""
    meta = next((m for m in ruleset.all_meta() if m.id == rule_id), None)
    if meta is None:
        close = [m.id for m in ruleset.all_meta() if rule_id.split(".")[0] in m.id][:5]
        raise NotFoundError(f"no rule {rule_id!r}" + (f"; did you mean {close}?" if close else ""))
    return meta


def rules_on(ruleset: RuleSet, day: date | None) -> list[RuleMeta]:
    """All rules, or those in their window on `day`, by jurisdiction then id."""
    metas = [m for m in ruleset.all_meta() if day is None or m.in_window(day)]
    metas.sort(key=lambda m: (m.jurisdiction, m.id))
    return metas
