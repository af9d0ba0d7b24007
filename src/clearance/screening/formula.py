"""The name score from the aligned masses, and the bounds the candidate index derives from it.

Per side, after alignment (`score.align`): W is the total token weight, P the weight of the
tokens that were paired, M the similarity-weighted paired weight (M <= P <= W). Then

    matched  m       = min(M_q, M_c)
    residue  r       = ((P_q - M_q) + (P_c - M_c)) / 2      near-miss spelling in paired tokens
    unpaired u       = W - P                                  per side
    conflict         = min(u_q, u_c)      a token of one name stands where the other has another
    extra_q, extra_c = u_q - conflict, u_c - conflict         tokens only one side has

    name = m / (m + FUZZY * r + CONFLICT * conflict + QUERY_EXTRA * extra_q + LIST_EXTRA * extra_c)

Conflicts cost most ("Barack" against "Michelle"); a dropped middle name or "Europe" in
"Faberlic Europe" costs little; a query word the list name lacks ("Avon Engineering Company"
against "AVON") costs more than a list word the query lacks ("Huawei" against "Huawei
Technologies"), because a short list name inside a longer query is the commonest false alert.
Two equal-weight names that pair fully at similarity s score s (FUZZY = 1).

`score_bound` is an upper bound of the name score that needs only M_q and M_c: any mass missing
from M is either residue or unpaired, and each unit of it costs at least the cheapest way the
formula could charge it (see `_EFFECTIVE`). It grows with both masses, so over-estimated masses
give an upper bound: the index prunes with it, and with the two limits below.
"""

from __future__ import annotations

FUZZY_WEIGHT = 1.0
CONFLICT_WEIGHT = 1.5
QUERY_EXTRA_WEIGHT = 0.5
LIST_EXTRA_WEIGHT = 0.3


def name_score(
    matched_q: float,
    paired_q: float,
    total_q: float,
    matched_c: float,
    paired_c: float,
    total_c: float,
) -> float:
    matched = min(matched_q, matched_c)
    if matched <= 0.0:
        return 0.0
    residue = ((paired_q - matched_q) + (paired_c - matched_c)) / 2
    unpaired_q, unpaired_c = total_q - paired_q, total_c - paired_c
    conflict = min(unpaired_q, unpaired_c)
    cost = (
        FUZZY_WEIGHT * residue
        + CONFLICT_WEIGHT * conflict
        + QUERY_EXTRA_WEIGHT * (unpaired_q - conflict)
        + LIST_EXTRA_WEIGHT * (unpaired_c - conflict)
    )
    return matched / (matched + cost)


def _effective() -> tuple[float, float, float]:
    """(conflict, query extra, list extra) weights of missing mass of unknown kind.

    Missing mass on one side costs LIST/QUERY_EXTRA if unpaired or FUZZY / 2 as residue; on
    both sides CONFLICT if unpaired, or residue on one side and unpaired on the other.
    """
    extra_q = min(QUERY_EXTRA_WEIGHT, FUZZY_WEIGHT / 2)
    extra_c = min(LIST_EXTRA_WEIGHT, FUZZY_WEIGHT / 2)
    conflict = min(CONFLICT_WEIGHT, FUZZY_WEIGHT / 2 + extra_q, FUZZY_WEIGHT / 2 + extra_c)
    return conflict, extra_q, extra_c


_EFFECTIVE = _effective()


def score_bound(matched_q: float, total_q: float, matched_c: float, total_c: float) -> float:
    """The most `name_score` can be, knowing only the similarity-weighted masses."""
    matched = min(matched_q, matched_c)
    if matched <= 0.0:
        return 0.0
    conflict_w, extra_q_w, extra_c_w = _EFFECTIVE
    missing_q, missing_c = total_q - matched_q, total_c - matched_c
    both = min(missing_q, missing_c)
    cost = conflict_w * both + extra_q_w * (missing_q - both) + extra_c_w * (missing_c - both)
    return matched / (matched + cost)


def min_query_coverage(threshold: float) -> float:
    """The least M_q / W_q of any pair whose name score reaches `threshold`."""
    conflict_w, extra_q_w, _ = _EFFECTIVE
    weight = min(conflict_w, extra_q_w)
    tb = threshold * weight
    return tb / (1.0 - threshold + tb)


def list_slack(remaining: float, missed: float, threshold: float) -> float:
    """The most list-side weight that may miss, when M_q <= remaining and W_q - M_q >= missed."""
    conflict_w, extra_q_w, extra_c_w = _EFFECTIVE
    budget = remaining * (1.0 - threshold) / threshold  # the cost a score >= t can afford
    if budget >= conflict_w * missed:
        return missed + (budget - conflict_w * missed) / extra_c_w
    if conflict_w > extra_q_w:
        return min(missed, max(0.0, (budget - extra_q_w * missed) / (conflict_w - extra_q_w)))
    return missed
