"""Decisions as plain JSON-able data (for --json, the API and the audit trail)."""

from __future__ import annotations

from typing import Any

from clearance.domain.classification import Classification
from clearance.domain.condition import Observation
from clearance.domain.decision import Decision, JurisdictionResult, Problem, Reason, Requirement
from clearance.domain.hit import ScreeningHit

from .decision_meta import SCHEMA_VERSION, DecisionMeta


def observation_dict(o: Observation) -> dict[str, Any]:
    return {"fact": o.fact, "observed": o.observed, "test": o.test, "result": o.result}


def reason_dict(r: Reason) -> dict[str, Any]:
    return {
        "rule_id": r.rule_id,
        "outcome": r.outcome.value,
        "message": r.message,
        "citation": r.citation,
        "provenance": r.provenance,
        "jurisdiction": r.jurisdiction,
        "binding": r.binding,
        "kind": r.kind,
        "line": r.line,
        "clears_by": r.clears_by,
        "evidence": [observation_dict(o) for o in r.evidence],
    }


def problem_dict(p: Problem) -> dict[str, Any]:
    return {
        "rule_id": p.rule_id,
        "message": p.message,
        "missing": list(p.missing),
        "line": p.line,
        "jurisdiction": p.jurisdiction,
    }


def requirement_dict(r: Requirement) -> dict[str, Any]:
    return {
        "rule_id": r.rule_id,
        "jurisdiction": r.jurisdiction,
        "authority": r.authority,
        "kind": r.kind,
        "review_policy": r.review_policy,
        "line": r.line,
        "satisfied_by": r.satisfied_by,
        "status": r.status,
        "state": r.state,
        "missing": list(r.missing),
        "message": r.message,
        "provenance": r.provenance,
        "binding": r.binding,
    }


def jurisdiction_dict(j: JurisdictionResult) -> dict[str, Any]:
    return {
        "jurisdiction": j.jurisdiction,
        "title": j.title,
        "outcome": j.outcome.value,
        "lines": [
            {"line": line, "ground": ground}
            for line, ground in zip(j.lines, j.grounds, strict=True)
        ],
    }


def classification_dict(c: Classification) -> dict[str, Any]:
    m = c.metrics
    return {
        "item": c.item,
        "jurisdiction": c.jurisdiction,
        "control_code": c.control_code,
        "declared": c.declared,
        "paragraph": c.paragraph,
        "ic_code": c.ic_code,
        "classified": c.classified,
        "missing": list(c.missing),
        "tpp": m.tpp,
        "tpp_precision": m.tpp_precision.value if m.tpp_precision else None,
        "pd": m.pd,
        "dram_bandwidth_gbs": m.dram_bandwidth_gbs,
        "io_bandwidth_gbs": m.io_bandwidth_gbs,
        "memory_bandwidth_density": m.memory_bandwidth_density,
        "working": list(m.working),
        "rule_id": c.rule_id,
        "citation": c.citation,
        "notes": list(c.notes),
        "evidence": [observation_dict(o) for o in c.observations],
    }


def hit_dict(h: ScreeningHit) -> dict[str, Any]:
    return {
        "party_role": h.party_role,
        "party_name": h.party_name,
        "list": h.source_list,
        "entry_id": h.entry_id,
        "name": h.name,
        "matched_name": h.matched_name,
        "score": round(h.score, 4),
        "status": h.status.value,
        "license_requirement": h.license_requirement,
        "license_policy": h.license_policy,
        "federal_register_notice": h.federal_register_notice,
        "features": {f.name: {"score": round(f.score, 4), "detail": f.detail} for f in h.features},
    }


def decision_dict(d: Decision, meta: DecisionMeta | None = None) -> dict[str, Any]:
    """The decision as JSON-able data; with `meta`, the record that docs/schemas describes."""
    head: dict[str, Any] = {}
    if meta is not None:
        head = {
            "schema_version": SCHEMA_VERSION,
            "input_hash": meta.input_hash,
            "ruleset_hash": d.ruleset_hash,
            "list_snapshot_ids": list(meta.list_snapshot_ids),
            "tool_version": meta.tool_version,
            "decided_at": meta.decided_at.isoformat(),
        }
    return head | {
        "shipment_id": d.shipment_id,
        "outcome": d.outcome.value,
        "as_of": d.as_of.isoformat(),
        "ruleset_hash": d.ruleset_hash,
        "reported_policy": d.reported_policy,
        "informed_letters": d.informed_letters,
        "reason_ids": list(d.reason_ids),
        "reasons": [reason_dict(r) for r in d.reasons],
        "warnings": [reason_dict(r) for r in d.warnings],
        "problems": [problem_dict(p) for p in d.problems],
        "requirements": [requirement_dict(r) for r in d.requirements],
        "jurisdictions": [jurisdiction_dict(j) for j in d.jurisdictions],
        "clears_by": list(d.clears_by),
        "classifications": [classification_dict(c) for c in d.classifications],
        "screening_hits": [hit_dict(h) for h in d.screening_hits],
    }
