"""The check form: a shipment (and licences) pasted as YAML or JSON -> the decision, explained."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from clearance.domain.errors import ClearanceError
from clearance.domain.rule import RuleSet
from clearance.services.access import Action, Gate, Principal
from clearance.services.authorization_file import parse_authorizations
from clearance.services.clearing import CheckOptions, check_shipment
from clearance.services.decision_view import decision_dict
from clearance.services.document import parse_text
from clearance.services.examples import example
from clearance.services.live_index import LiveIndex
from clearance.services.shipment_file import parse_shipment

# The example decided on this day is held: the licence is granted but its lab test is not done.
EXAMPLE_AS_OF = "2026-02-20"


@dataclass(frozen=True, slots=True)
class CheckForm:
    shipment: str = ""
    authorizations: str = ""
    as_of: str = ""


def _yaml(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=90)


def example_form() -> CheckForm:
    return CheckForm(
        shipment=_yaml(example("shipment")),
        authorizations=_yaml([example("authorization")]),
        as_of=EXAMPLE_AS_OF,
    )


def decide_form(
    form: CheckForm, who: Principal, gate: Gate, index: LiveIndex, ruleset: RuleSet
) -> tuple[dict[str, Any] | None, str | None]:
    """(the decision as a dict, None) or (None, one error line naming what was wrong).

    A shipment outside the user's party or jurisdiction raises AccessDeniedError (logged).
    """
    try:
        day = date.fromisoformat(form.as_of) if form.as_of.strip() else None
    except ValueError:
        return None, f"as_of: not a date (YYYY-MM-DD): {form.as_of!r}"
    try:
        data = parse_text(form.shipment, source="shipment")
        shipment = parse_shipment(data, source="shipment", item_files=False)
        held = (
            parse_authorizations(
                parse_text(form.authorizations, source="authorizations", allow_list=True),
                source="authorizations",
            )
            if form.authorizations.strip()
            else []
        )
    except ClearanceError as exc:
        return None, str(exc)
    gate.allow_shipment(who, Action.CHECK, shipment, "/ui/check")
    decision = check_shipment(
        shipment, held, ruleset, index.current().parties, CheckOptions(as_of=day)
    )
    view = decision_dict(decision)
    main = decision.main_reason
    view["main_reason"] = main.rule_id if main else None
    view["clears"] = list(dict.fromkeys(decision.clears_by))
    return view, None
