"""Events that bring new facts to held shipments: evidence, red-flag resolutions, US volume,
acknowledged notices. Each is audited and re-decides the held shipments it touches."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import TypeAdapter, ValidationError

from clearance.domain.decision import MAIN_REASON_ORDER
from clearance.domain.errors import InputError
from clearance.domain.names import name_key

from .ledger_decide import LedgerContext
from .ledger_events import cleared, only, redecide_held
from .ledger_model import (
    EvidenceEntry,
    FlagResolution,
    Notice,
    ShipmentState,
    StoredShipment,
    VolumeLine,
)
from .ledger_ports import UnitOfWork, UnitOfWorkFactory
from .ledger_record import audit, in_transaction
from .ledger_shipments import FINAL, get_shipment, idempotent
from .share_cap import CAPPED_MARKETS, parse_period
from .shipment_file import EvidenceFile
from .validation import first_error

_EVIDENCE = TypeAdapter(list[EvidenceFile])
MARKETS = ("US", "CN", "MO")


def _open(uow: UnitOfWork, shipment_id: str) -> StoredShipment:
    stored = get_shipment(uow, shipment_id)
    if stored.state in FINAL:
        raise InputError(f"shipment {shipment_id} is {stored.state.value}: nothing to add")
    return stored


def _outcome(results: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return extra | {"redecided": results, "cleared": cleared(results)}


def add_evidence(
    factory: UnitOfWorkFactory,
    ctx: LedgerContext,
    shipment_id: str,
    data: object,
    source: str,
    key: str | None = None,
) -> dict[str, Any]:
    """`data`: one evidence entry (the shipment file's format) or a list of them."""
    items = data if isinstance(data, list) else [data]
    try:
        entries = _EVIDENCE.validate_python(items)
    except ValidationError as exc:
        where, message = first_error(exc)
        raise InputError(message, source=source, field=f"[{where}]") from None
    for index, e in enumerate(entries):
        if e.kind == "red_flag_resolution" and not e.flag:
            raise InputError(
                "a red_flag_resolution must name its flag", source=source, field=f"[{index}].flag"
            )

    def work(uow: UnitOfWork) -> dict[str, Any]:
        stored = _open(uow, shipment_id)
        now = ctx.now()
        for e in entries:
            uow.evidence.add(
                EvidenceEntry(
                    shipment_id,
                    e.kind,
                    e.reference,
                    e.flag,
                    e.authorization,
                    e.note,
                    e.dated or now.date(),
                    now,
                )
            )
        audit(
            uow,
            ctx,
            "evidence.added",
            f"shipment:{shipment_id}",
            [e.model_dump(mode="json", exclude_none=True) for e in entries],
        )
        results = _redecide_one(uow, ctx, stored, now.date(), "evidence.added")
        return _outcome(results, shipment_id=shipment_id, added=len(entries))

    return idempotent(factory, key, "evidence.add", work)


def _redecide_one(
    uow: UnitOfWork, ctx: LedgerContext, stored: StoredShipment, on: date, trigger: str
) -> list[dict[str, Any]]:
    if stored.state is not ShipmentState.HELD:
        return []
    return redecide_held(uow, ctx, only(stored.id), on, trigger)


def resolve_flag(
    factory: UnitOfWorkFactory,
    ctx: LedgerContext,
    shipment_id: str,
    flag: str,
    reason: str,
    key: str | None = None,
) -> dict[str, Any]:
    if not reason.strip():
        raise InputError("resolving a red flag needs a --reason")

    def work(uow: UnitOfWork) -> dict[str, Any]:
        stored = _open(uow, shipment_id)
        raised = (stored.document or {}).get("red_flags", [])
        if flag not in raised:
            listed = ", ".join(raised) or "none"
            raise InputError(f"shipment {shipment_id} has no red flag {flag!r} (raised: {listed})")
        now = ctx.now()
        uow.evidence.add_resolution(
            FlagResolution(shipment_id, flag, reason, ctx.actor, now.date(), now)
        )
        audit(
            uow, ctx, "flag.resolved", f"shipment:{shipment_id}", {"flag": flag, "reason": reason}
        )
        results = _redecide_one(uow, ctx, stored, now.date(), f"flag.resolved:{flag}")
        return _outcome(results, shipment_id=shipment_id, flag=flag)

    return idempotent(factory, key, "flags.resolve", work)


def record_volume(
    factory: UnitOfWorkFactory,
    ctx: LedgerContext,
    product: str,
    market: str,
    units: int,
    period: str,
    key: str | None = None,
    exporter: str | None = None,
) -> dict[str, Any]:
    """`exporter`: whose volume it is (its name as its shipments carry it); without one the
    line counts toward caps in `total` scope only."""
    market = market.upper()
    if market not in MARKETS:
        raise InputError(f"market {market!r}: one of {', '.join(MARKETS)}", field="market")
    if units <= 0:
        raise InputError(f"units must be a positive number, not {units}", field="units")
    if not product.strip():
        raise InputError("--product must name a product (the item's name)", field="product")
    if exporter is not None:
        exporter = exporter.strip()
        if not exporter or len(exporter) > 300:
            raise InputError(
                "--exporter must name the exporter (1 to 300 characters)", field="exporter"
            )
    try:
        start, end = parse_period(period)
    except ValueError as exc:
        raise InputError(str(exc), field="period") from None
    whose = {"exporter": exporter} if exporter is not None else {}

    def work(uow: UnitOfWork) -> dict[str, Any]:
        now = ctx.now()
        line = VolumeLine(product, market, start, end, units, 0.0, "recorded", now, exporter)
        uow.volumes.add(line)
        audit(
            uow,
            ctx,
            "volume.recorded",
            f"volume:{product}",
            {"market": market, "units": units, "period": period} | whose,
        )

        def touches(s: StoredShipment) -> bool:
            doc = s.document or {}
            names = {
                line["item"].get("name")
                for line in doc.get("lines", [])
                if isinstance(line.get("item"), dict)
            }
            return s.to_country in CAPPED_MARKETS and product in names

        results = redecide_held(
            uow,
            ctx,
            touches if market == "US" else _none,
            max(now.date(), start),
            f"volume.recorded:{product}",
        )
        return _outcome(
            results, product=product, market=market, units=units, period=period, **whose
        )

    return idempotent(factory, key, "volumes.record", work)


def _none(_: StoredShipment) -> bool:
    return False


def volume_totals(factory: UnitOfWorkFactory) -> list[dict[str, Any]]:
    """Net units per product, market and exporter (None: lines recorded without one)."""
    with factory() as uow:
        lines = uow.volumes.all()
    totals: Counter[tuple[str, str, str]] = Counter()
    for line in lines:  # "" for no exporter: it sorts before every name
        totals[(line.product, line.market, line.exporter or "")] += line.units
    return [
        {"product": p, "market": m, "exporter": e or None, "units": u}
        for (p, m, e), u in sorted(totals.items())
    ]


def list_notices(
    factory: UnitOfWorkFactory, party: str | None = None, unread: bool = False
) -> list[dict[str, Any]]:
    with factory() as uow:
        return [notice_dict(n) for n in uow.notices.listed(party, unread)]


def notice_dict(n: Notice) -> dict[str, Any]:
    """A notice as the CLI's --json, the API and the dashboard show it."""
    return {
        "id": n.id,
        "authorization": n.authorization_id,
        "party": n.party,
        "action": n.action,
        "message": n.message,
        "on": n.on.isoformat(),
        "acked_on": n.acked_on.isoformat() if n.acked_on else None,
    }


def ack_notice(
    factory: UnitOfWorkFactory,
    ctx: LedgerContext,
    notice_id: int,
    on: date | None = None,
    key: str | None = None,
) -> dict[str, Any]:
    """Acknowledge a notice; an acknowledged approval notice is `import_approval_notice`
    evidence for the party's shipments under that approval."""

    def work(uow: UnitOfWork) -> dict[str, Any]:
        notice = uow.notices.get(notice_id)
        if notice is None:
            raise InputError(f"no notice {notice_id}")
        if notice.acked_on is not None:
            raise InputError(f"notice {notice_id} was acknowledged on {notice.acked_on}")
        day = on or ctx.now().date()
        uow.notices.ack(notice_id, day)
        audit(
            uow,
            ctx,
            "notice.acked",
            f"notice:{notice_id}",
            {
                "party": notice.party,
                "authorization": notice.authorization_id,
                "on": day.isoformat(),
            },
        )
        party = notice.party
        results = redecide_held(
            uow, ctx, lambda s: s.exporter == party, day, f"notice.acked:{notice_id}"
        )
        return _outcome(results, notice=notice_id, party=party)

    return idempotent(factory, key, "notices.ack", work)


def held_shipments(
    factory: UnitOfWorkFactory, where: Callable[[StoredShipment], bool] | None = None
) -> list[dict[str, Any]]:
    """Each held shipment (kept by `where`): its main reason, what would clear it, since when."""
    out = []
    with factory() as uow:
        for stored in uow.shipments.in_states([ShipmentState.HELD]):
            if where is not None and not where(stored):
                continue
            entry = uow.decisions.get(stored.last_decision_id) if stored.last_decision_id else None
            record = (entry.record if entry else None) or {}
            reasons = [r for r in record.get("reasons", []) if r["outcome"] == "hold"]
            # The weightiest kind speaks first, as in Decision.main_reason.
            reasons.sort(key=lambda r: MAIN_REASON_ORDER.get(r.get("kind", ""), 99))
            main = reasons[0] if reasons else None
            out.append(
                {
                    "shipment_id": stored.id,
                    "since": stored.state_since.isoformat(),
                    "main_reason": main["rule_id"] if main else None,
                    "message": main["message"] if main else None,
                    "clears_by": record.get("clears_by", []),
                }
            )
    return out


def screening_changed(
    factory: UnitOfWorkFactory, ctx: LedgerContext, party: str | None, trigger: str
) -> dict[str, Any]:
    """A screening verdict on `party` (dismissed or confirmed), or a list import (`party`
    None): re-decide the held shipments it touches, screening them again."""
    key = name_key(party) if party else None

    def touches(s: StoredShipment) -> bool:
        doc = s.document or {}
        names = {
            name_key(doc.get(r, {}).get("name", "")) for r in ("exporter", "consignee", "end_user")
        }
        return key is None or key in names

    def work(uow: UnitOfWork) -> dict[str, Any]:
        audit(
            uow,
            ctx,
            "screening.changed",
            f"party:{party}" if party else "lists",
            {"trigger": trigger},
        )
        results = redecide_held(uow, ctx, touches, ctx.now().date(), trigger)
        uow.commit()
        return _outcome(results, party=party)

    return in_transaction(factory, work)
