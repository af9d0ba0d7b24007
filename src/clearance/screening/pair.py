"""Scoring two names directly, without a list: the pairwise scorer the name benchmark measures.

It is the screener's scorer (`score.align`, legal forms, every rendering of each name), with one
difference: there is no list to measure how common a word is, so token weights come from
`score.default_weight` (generic company words and one-letter tokens weigh 0.3, others 1.0)
instead of the list's inverse document frequency.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from clearance.screening.legal_forms import compare_forms
from clearance.screening.normalize import NameForm, analyse
from clearance.screening.score import EMPTY, Alignment, default_weight, score_tokens


@dataclass(frozen=True, slots=True)
class PairScore:
    score: float
    alignment: Alignment
    query: NameForm | None
    listed: NameForm | None
    legal_factor: float


def score_pair(
    query: str, listed: str, weight: Callable[[str], float] = default_weight
) -> PairScore:
    """The best score over the renderings of two names (0.0 when either has no letters)."""
    best = PairScore(0.0, EMPTY, None, None, 1.0)
    for q_form in analyse(query):
        for c_form in analyse(listed):
            alignment = score_tokens(q_form.core, c_form.core, weight, q_form.joins, c_form.joins)
            factor, _ = compare_forms(q_form.legal_forms, c_form.legal_forms)
            score = alignment.score * factor
            if score > best.score:
                best = PairScore(score, alignment, q_form, c_form, factor)
    return best
