"""How screening hits bear on a shipment: review holds, confirmed denials, dismissed ignored."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from .condition import Observation
from .decision import Outcome, Reason
from .hit import HitStatus, ScreeningHit
from .names import name_key


@dataclass(frozen=True, slots=True)
class ListPolicy:
    """What the packs say about restricted-party lists (their `screening_lists`)."""

    owners: Mapping[str, str] = field(default_factory=dict)  # list code -> jurisdiction
    # lists whose confirmed match prohibits the transaction outright, whatever the entry says
    # (e.g. blocking or a denial of export privileges)
    prohibitive: frozenset[str] = frozenset()


def denies(hit: ScreeningHit, lists: ListPolicy) -> bool:
    """A party's confirmed match whose entry's policy is a denial, or on a prohibitive list."""
    return (
        hit.party_role != OWNER_ROLE
        and hit.status is HitStatus.CONFIRMED
        and (hit.policy_is_denial or hit.source_list in lists.prohibitive)
    )


def denial_policy(hit: ScreeningHit) -> dict[str, str]:
    """The values of the `listed_policy` message: the entry's policy, the party, the list."""
    policy = (hit.license_policy or "prohibited").rstrip(".")
    return {"policy": policy, "party": hit.party_name, "list": hit.source_list}


def list_jurisdiction(hit: ScreeningHit, lists: ListPolicy) -> str:
    """The jurisdiction whose list it is (a pack's `screening_lists`); "*" when no pack's."""
    return lists.owners.get(hit.source_list, "*")


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


def screening_reasons(
    hits: Sequence[ScreeningHit], lists: ListPolicy, text: Callable[..., str]
) -> list[Reason]:
    """A reason per hit that bears on the shipment, on the jurisdiction that keeps its list."""
    return [
        _reason(hit, lists, text)
        for hit in hits
        if hit.status is not HitStatus.DISMISSED
        and not (hit.party_role == OWNER_ROLE and hit.status is HitStatus.CONFIRMED)
    ]


def _reason(hit: ScreeningHit, lists: ListPolicy, text: Callable[..., str]) -> Reason:
    """What one live hit means: a confirmed denial, a confirmed licence need, or a review."""
    values = {
        "role": hit.party_role,
        "party": hit.party_name,
        "entry": hit.name,
        "list": hit.source_list,
        "requirement": hit.license_requirement or text("screening_see_entry"),
        "policy": hit.license_policy or text("screening_prohibited"),
        "score": f"{hit.score:.2f}",
        "key": hit.key,
    }
    clears_by: str | None
    if denies(hit, lists):
        rule_id, outcome, clears_by = "screening.confirmed_denial", Outcome.DENIED, None
        message = text("screening_denial", **values)
    elif hit.status is HitStatus.CONFIRMED:
        rule_id, outcome = "screening.confirmed_licence_required", Outcome.HOLD
        message = text("screening_licence_required", **values)
        clears_by = text("screening_licence_required_clears_by", **values)
    else:
        rule_id, outcome = "screening.potential_match", Outcome.HOLD
        message = text("screening_potential", **values)
        clears_by = text("screening_potential_clears_by", **values)
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
        jurisdiction=list_jurisdiction(hit, lists),
        evidence=evidence,
        clears_by=clears_by,
        kind="screening",
    )
