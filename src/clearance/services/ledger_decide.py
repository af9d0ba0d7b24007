"""Decide a stored shipment against the stored authorizations, volumes and evidence.

Everything the decision reads is collected into one `inputs` document (shipment with all its
evidence, every authorization as it stood with its balance, the screening hits, the share-cap
figures, the as-of date): its hash is the decision's input hash, and replay decides it again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from clearance.domain.authorization import Authorization
from clearance.domain.decision import Decision, Outcome
from clearance.domain.hit import HitStatus, ScreeningHit
from clearance.domain.item_record import ItemRecord, item_key, with_declarations
from clearance.domain.party import Party
from clearance.domain.rule import RuleSet
from clearance.domain.shipment import Shipment
from clearance.domain.units import QuantityUnit, count_in

from .audit_chain import canonical, sha256_text
from .clearing import CheckOptions, check_shipment
from .ledger_batch import Batch
from .ledger_documents import authorization_from_document, content_hash, shipment_from_document
from .ledger_model import StoredAuthorization, StoredShipment
from .ledger_ports import PartyScreenerLike, UnitOfWork
from .share_cap import CapFigure, apply_share_caps


@dataclass(frozen=True, slots=True)
class LedgerContext:
    """What every ledger use case is run with: the rules, the screener, who, and when."""

    ruleset: RuleSet
    screener: PartyScreenerLike | None
    actor: str
    now: Callable[[], datetime]
    reported_binds: bool = True
    # the item master's declarations (as `check` applies them), by item_key(vendor, name)
    declared: Mapping[tuple[str, str], ItemRecord] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Prepared:
    shipment: Shipment
    decision: Decision
    inputs: dict[str, Any]
    input_hash: str
    draws: tuple[tuple[str, int], ...]  # (authorization id, units), sorted
    figures: tuple[CapFigure, ...]
    inputs_json: str | None = None  # `inputs` as canonical JSON (its hash is input_hash)


def evidence_dict(kind: str, reference: str, **extra: Any) -> dict[str, Any]:
    out = {"kind": kind, "reference": reference}
    out.update({k: v for k, v in extra.items() if v is not None})
    return out


def full_document(
    uow: UnitOfWork, stored: StoredShipment, fresh: bool = False, batch: Batch | None = None
) -> dict[str, Any]:
    """The stored shipment document plus the evidence the ledger gathered since (none when it
    was recorded in this very transaction: `fresh`). `batch`: the transaction's shared reads."""
    doc = dict(stored.document or {})
    evidence = list(doc.get("evidence", []))
    gathered = []
    if not fresh:
        gathered = batch.evidence_of(stored.id) if batch else uow.evidence.for_shipment(stored.id)
    for e in gathered:
        evidence.append(
            evidence_dict(
                e.kind,
                e.reference,
                flag=e.flag,
                authorization=e.authorization_id,
                note=e.note,
                dated=e.dated.isoformat() if e.dated else None,
            )
        )
    resolved = []
    if not fresh:
        resolved = batch.resolutions_of(stored.id) if batch else uow.evidence.resolutions(stored.id)
    for r in resolved:
        evidence.append(
            evidence_dict(
                "red_flag_resolution",
                f"resolved by {r.actor}: {r.reason}"[:300],
                flag=r.flag,
                dated=r.dated.isoformat(),
            )
        )
    notices = batch.notices_to(stored.exporter) if batch else uow.notices.listed(stored.exporter)
    for n in notices:
        if n.acked_on is not None and n.action in ("add", "grant", "amend", "conditions"):
            auth = uow.authorizations.get(n.authorization_id)
            if auth is not None and auth.document.get("kind") == "import_approval":
                evidence.append(
                    evidence_dict(
                        "import_approval_notice",
                        f"notice {n.id} acknowledged",
                        authorization=n.authorization_id,
                        dated=n.acked_on.isoformat(),
                    )
                )
    doc["evidence"] = evidence
    return doc


def hit_document(h: ScreeningHit) -> dict[str, Any]:
    return {
        "party_role": h.party_role,
        "party_name": h.party_name,
        "source_list": h.source_list,
        "entry_id": h.entry_id,
        "name": h.name,
        "matched_name": h.matched_name,
        "score": h.score,
        "license_requirement": h.license_requirement,
        "license_policy": h.license_policy,
        "federal_register_notice": h.federal_register_notice,
        "status": h.status.value,
        "countries": list(h.countries),
    }


def hit_from_document(d: dict[str, Any]) -> ScreeningHit:
    return ScreeningHit(
        party_role=d["party_role"],
        party_name=d["party_name"],
        source_list=d["source_list"],
        entry_id=d["entry_id"],
        name=d["name"],
        matched_name=d["matched_name"],
        score=float(d["score"]),
        license_requirement=d["license_requirement"],
        license_policy=d["license_policy"],
        federal_register_notice=d["federal_register_notice"],
        status=HitStatus(d["status"]),
        countries=tuple(d["countries"]),
    )


_PARSED: dict[str, Authorization] = {}


def _authorization(document: dict[str, Any], used: int) -> Authorization:
    """Parse an authorization document once per content (they change rarely, and are read on
    every decision); the balance is the caller's."""
    key = content_hash(document)
    auth = _PARSED.get(key)
    if auth is None:
        if len(_PARSED) > 4096:
            _PARSED.clear()
        auth = _PARSED[key] = authorization_from_document(document)
    return replace(auth, quantity_used=used)


def _parsed(batch: Batch, stored: StoredAuthorization) -> Authorization:
    """The authorization parsed once per batch (its document does not change within one),
    with the batch's running balance."""
    auth = batch.parsed.get(stored.id)
    if auth is None:
        auth = batch.parsed[stored.id] = _authorization(stored.document, stored.quantity_used)
    return replace(auth, quantity_used=stored.quantity_used)


class StoredHits:
    """A screener that answers with the hits recorded in a decision's inputs (for replay)."""

    def __init__(self, hits: list[ScreeningHit]) -> None:
        self._hits = hits

    def screen_party(self, role: str, party: Party) -> list[ScreeningHit]:
        return [h for h in self._hits if h.party_role == role and h.party_name == party.name]


def decide_inputs(
    inputs: dict[str, Any],
    ruleset: RuleSet,
    totals: Callable[..., tuple[int, float]] | None,
    shipment: Shipment | None = None,
    auths: list[Authorization] | None = None,
) -> tuple[Shipment, Decision, list[Authorization], list[CapFigure]]:
    """Decide from an inputs document; `totals` None: use the cap figures it recorded;
    `shipment`, `auths`: the inputs' shipment and authorizations, when the caller has parsed
    them already."""
    if shipment is None:
        shipment = with_declarations(
            shipment_from_document(inputs["shipment"]), declared_records(inputs)
        )
    if auths is None:
        auths = [
            _authorization(a["document"], a["quantity_used"]) for a in inputs["authorizations"]
        ]
    hits = [hit_from_document(h) for h in inputs["hits"]]
    options = CheckOptions(
        as_of=date.fromisoformat(inputs["as_of"]), reported_binds=inputs["reported_binds"]
    )
    decision = check_shipment(shipment, auths, ruleset, StoredHits(hits), options)
    if totals is None:
        recorded = {
            (v["product"], tuple(v["markets"]), v["start"], v["end"], v.get("exporter")): (
                v["units"],
                v["tpp"],
            )
            for v in inputs["volumes"]
        }

        def totals(
            product: str, markets: tuple[str, ...], start: date, end: date, exporter: str | None
        ) -> Any:
            key = (product, markets, start.isoformat(), end.isoformat(), exporter)
            return recorded.get(key, (0, 0.0))

    decision, figures = apply_share_caps(decision, shipment, auths, totals)
    return shipment, decision, auths, figures


def declared_records(inputs: dict[str, Any]) -> dict[tuple[str, str], ItemRecord]:
    """The item-master declarations a decision was taken with (recorded in its inputs)."""
    records = [
        ItemRecord(
            vendor=d["vendor"],
            name=d["name"],
            classifications=tuple((j, c) for j, c in d["classifications"]),
            basis=d["basis"],
        )
        for d in inputs.get("declared", [])
    ]
    return {r.key: r for r in records}


def _declared_for(shipment: Shipment, ctx: LedgerContext) -> list[dict[str, Any]]:
    """The context's declarations of this shipment's items, as the inputs record them."""
    out = []
    for key in dict.fromkeys(item_key(line.item.vendor, line.item.name) for line in shipment.lines):
        record = ctx.declared.get(key)
        if record is not None:
            out.append(
                {
                    "vendor": record.vendor,
                    "name": record.name,
                    "classifications": [list(c) for c in record.classifications],
                    "basis": record.basis,
                }
            )
    return out


def prepare(
    batch: Batch,
    ctx: LedgerContext,
    stored: StoredShipment,
    as_of: date,
    fresh: bool = False,
    parsed: Shipment | None = None,
) -> Prepared:
    """Decide `stored` on the batch's running balances; `parsed`: its document, parsed."""
    uow = batch.uow
    doc = full_document(uow, stored, fresh, batch)
    unchanged = parsed is not None and len(doc["evidence"]) == len(
        (stored.document or {}).get("evidence", [])
    )
    shipment = parsed if unchanged and parsed is not None else shipment_from_document(doc)
    stored_auths = batch.authorizations()
    hits: list[ScreeningHit] = []
    for role, party in shipment.parties:
        hits.extend(batch.screen(role, party))
    looked_up: list[dict[str, Any]] = []

    def totals(
        product: str, markets: tuple[str, ...], start: date, end: date, exporter: str | None
    ) -> tuple[int, float]:
        batch.flush_volumes()
        units, tpp = uow.volumes.total(product, markets, start, end, exporter)
        looked_up.append(
            {
                "product": product,
                "markets": list(markets),
                "start": start.isoformat(),
                "end": end.isoformat(),
                "units": units,
                "tpp": tpp,
            }
            # only in exporter scope: total-scope inputs (and their hashes) stay as they were
            | ({"exporter": exporter} if exporter is not None else {})
        )
        return units, tpp

    inputs: dict[str, Any] = {
        "shipment": doc,
        "authorizations": [
            {"document": a.document, "quantity_used": a.quantity_used} for a in stored_auths
        ],
        "hits": [hit_document(h) for h in hits],
        "as_of": as_of.isoformat(),
        "reported_binds": ctx.reported_binds,
        "volumes": looked_up,
    }
    declared = _declared_for(shipment, ctx)
    if declared:
        inputs["declared"] = declared
        shipment = with_declarations(shipment, declared_records(inputs))
    auths = [_parsed(batch, a) for a in stored_auths]
    _, decision, _, figures = decide_inputs(inputs, ctx.ruleset, totals, shipment, auths)
    inputs_json = canonical(inputs)
    return Prepared(
        shipment=shipment,
        decision=decision,
        inputs=inputs,
        input_hash=sha256_text(inputs_json),
        draws=draws_of(decision, shipment, {a.id: a for a in stored_auths}),
        figures=tuple(figures),
        inputs_json=inputs_json,
    )


def draws_of(
    decision: Decision, shipment: Shipment, authorizations: dict[str, StoredAuthorization]
) -> tuple[tuple[str, int], ...]:
    """What to draw from each counted authorization that satisfies a cleared decision, in the
    authorization's own unit (ICs, boards or servers), once per authorization and line however
    many rules it satisfies there."""
    if decision.outcome is not Outcome.CLEARED:
        return ()
    per: dict[tuple[str, int], int] = {}
    for req in decision.requirements:
        auth = authorizations.get(req.satisfied_by or "")
        if req.status != "satisfied" or auth is None or auth.quantity is None:
            continue
        line = shipment.lines[req.line]
        unit = auth.document.get("quantity_unit")
        per[(auth.id, req.line)] = (
            count_in(line, QuantityUnit(unit), against=auth.id) if unit else line.quantity
        )
    totals: dict[str, int] = {}
    for (auth_id, _), units in per.items():
        totals[auth_id] = totals.get(auth_id, 0) + units
    return tuple(sorted(totals.items()))
