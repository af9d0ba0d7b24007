"""How screening hits bear on a shipment: review holds, confirmed denials, dismissed ignored."""

from __future__ import annotations

from collections.abc import Sequence

from .condition import Observation
from .decision import Outcome, Reason
from .hit import HitStatus, ScreeningHit

# Lists whose confirmed match prohibits the transaction outright, whatever the entry says:
# OFAC SDN (blocking) and the BIS Denied Persons List (denial of export privileges).
PROHIBITIVE_LISTS = frozenset({"SDN", "DPL"})


def screening_reasons(hits: Sequence[ScreeningHit]) -> list[Reason]:
    out: list[Reason] = []
    for hit in hits:
        if hit.status is HitStatus.DISMISSED:
            continue
        evidence = (
            Observation(
                f"{hit.party_role}.name",
                hit.party_name,
                f"matches {hit.source_list} {hit.entry_id} '{hit.matched_name}'",
                True,
            ),
            Observation("score", f"{hit.score:.3f}", "screening threshold", True),
        )
        citation = hit.federal_register_notice or f"{hit.source_list} list entry {hit.entry_id}"
        requirement = hit.license_requirement or "see the list entry"
        if hit.status is HitStatus.CONFIRMED and (
            hit.policy_is_denial or hit.source_list in PROHIBITIVE_LISTS
        ):
            out.append(
                Reason(
                    rule_id="screening.confirmed_denial",
                    outcome=Outcome.DENIED,
                    message=f"{hit.party_role} '{hit.party_name}' is {hit.name} on the "
                    f"{hit.source_list} list: {requirement}; "
                    f"policy: {hit.license_policy or 'prohibited'}",
                    citation=citation,
                    provenance="official",
                    jurisdiction="US",
                    evidence=evidence,
                    kind="screening",
                )
            )
        elif hit.status is HitStatus.CONFIRMED:
            out.append(
                Reason(
                    rule_id="screening.confirmed_licence_required",
                    outcome=Outcome.HOLD,
                    message=f"{hit.party_role} '{hit.party_name}' is {hit.name} on the "
                    f"{hit.source_list} list: {requirement}",
                    citation=citation,
                    provenance="official",
                    jurisdiction="US",
                    evidence=evidence,
                    kind="screening",
                    clears_by=f"a licence covering {hit.name} as required by the entry",
                )
            )
        else:
            out.append(
                Reason(
                    rule_id="screening.potential_match",
                    outcome=Outcome.HOLD,
                    message=f"{hit.party_role} '{hit.party_name}' may be {hit.name} on the "
                    f"{hit.source_list} list (score {hit.score:.2f}); review it",
                    citation=citation,
                    provenance="official",
                    jurisdiction="US",
                    evidence=evidence,
                    kind="screening",
                    clears_by=f"confirm or dismiss the match with {hit.key}",
                )
            )
    return out
