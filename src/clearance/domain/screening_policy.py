"""How screening hits bear on a shipment: review holds, confirmed denials, dismissed ignored."""

from __future__ import annotations

from collections.abc import Sequence

from .condition import Observation
from .decision import Outcome, Reason
from .hit import HitStatus, ScreeningHit
from .names import name_key

# Lists whose confirmed match prohibits the transaction outright, whatever the entry says:
# OFAC SDN (blocking) and the BIS Denied Persons List (denial of export privileges).
PROHIBITIVE_LISTS = frozenset({"SDN", "DPL"})


def denies(hit: ScreeningHit) -> bool:
    """A party's confirmed match whose entry's policy is a denial, or on a prohibitive list."""
    return (
        hit.party_role != OWNER_ROLE
        and hit.status is HitStatus.CONFIRMED
        and (hit.policy_is_denial or hit.source_list in PROHIBITIVE_LISTS)
    )


def denial_policy(hit: ScreeningHit) -> dict[str, str]:
    """The values of the `listed_policy` message: the entry's policy, the party, the list."""
    policy = (hit.license_policy or "prohibited").rstrip(".")
    return {"policy": policy, "party": hit.party_name, "list": hit.source_list}


def list_jurisdiction(hit: ScreeningHit) -> str:
    """The jurisdiction whose decisions a hit bears on (every list read so far is the US's)."""
    return "US"


# The role of a party screened only because it owns a party to the shipment: a confirmed match
# makes its holdings count under an affiliates rule, but is not itself a party's listing.
OWNER_ROLE = "owner"


def listed_names(hits: Sequence[ScreeningHit]) -> dict[str, frozenset[str]]:
    """Name key of each confirmed match -> the lists it is on (parties and owners alike)."""
    out: dict[str, set[str]] = {}
    for hit in hits:
        if hit.status is HitStatus.CONFIRMED:
            out.setdefault(name_key(hit.party_name), set()).add(hit.source_list)
    return {key: frozenset(lists) for key, lists in out.items()}


def screening_reasons(hits: Sequence[ScreeningHit]) -> list[Reason]:
    return [
        _reason(hit)
        for hit in hits
        if hit.status is not HitStatus.DISMISSED
        and not (hit.party_role == OWNER_ROLE and hit.status is HitStatus.CONFIRMED)
    ]


def _reason(hit: ScreeningHit) -> Reason:
    """What one live hit means: a confirmed denial, a confirmed licence need, or a review."""
    who = f"{hit.party_role} '{hit.party_name}'"
    requirement = hit.license_requirement or "see the list entry"
    clears_by: str | None
    if denies(hit):
        rule_id, outcome, clears_by = "screening.confirmed_denial", Outcome.DENIED, None
        message = (
            f"{who} is {hit.name} on the {hit.source_list} list: {requirement}; "
            f"policy: {hit.license_policy or 'prohibited'}"
        )
    elif hit.status is HitStatus.CONFIRMED:
        rule_id, outcome = "screening.confirmed_licence_required", Outcome.HOLD
        message = f"{who} is {hit.name} on the {hit.source_list} list: {requirement}"
        clears_by = f"a licence covering {hit.name} as required by the entry"
    else:
        rule_id, outcome = "screening.potential_match", Outcome.HOLD
        message = (
            f"{who} may be {hit.name} on the {hit.source_list} list "
            f"(score {hit.score:.2f}); review it"
        )
        clears_by = f"confirm or dismiss the match with {hit.key}"
    evidence = (
        Observation(
            f"{hit.party_role}.name",
            hit.party_name,
            f"matches {hit.source_list} {hit.entry_id} '{hit.matched_name}'",
            True,
        ),
        Observation("score", f"{hit.score:.3f}", "screening threshold", True),
    )
    return Reason(
        rule_id=rule_id,
        outcome=outcome,
        message=message,
        citation=hit.federal_register_notice or f"{hit.source_list} list entry {hit.entry_id}",
        provenance="official",
        jurisdiction=list_jurisdiction(hit),
        evidence=evidence,
        clears_by=clears_by,
        kind="screening",
    )
