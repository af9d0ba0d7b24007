"""trade.gov Consolidated Screening List, JSON feed (`consolidated.json`).

`{"results": [{...}, ...]}`, each result with the CSV's field names, but multi-value fields are
JSON lists: `alt_names` and `programs` are lists of strings, `addresses` a list of objects
(`address, city, state, postal_code, country`), `ids` a list of objects (`type, number, country`).
The entry id is `id` (or `_id`), else the Treasury `entity_number`, else derived from the name.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from clearance.domain.errors import ListFormatError
from clearance.domain.listing import ListEntry

from .codes import csl_code
from .country_name import countries_of
from .parsed import Parsed, clean, clean_name, entry_type, parse_date, stable_id, unique

_GENERATED_AT = ("sourceGeneratedAt", "source_generated_at", "generated_at")


def read(text: str, *, source: str) -> Parsed:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ListFormatError(
            f"not valid JSON ({exc.msg})", source=source, field=f"line {exc.lineno}"
        ) from None
    if not isinstance(document, dict) or not isinstance(document.get("results"), list):
        raise ListFormatError(
            'expected a JSON object with a "results" list', source=source, field="results"
        )
    parsed = Parsed()
    for index, result in enumerate(document["results"]):
        where = f"results[{index}]"
        if not isinstance(result, dict):
            raise ListFormatError("expected an object", source=source, field=where)
        entry = _entry(result, source=source, where=where)
        if entry is None:
            parsed.skip("no_name")
            continue
        parsed.entries.append(entry)
        parsed.note_date(parse_date(_text(result.get("start_date"))))
    generated = next((document[key] for key in _GENERATED_AT if key in document), None)
    if isinstance(generated, str) and parse_date(generated):
        parsed.data_date = parse_date(generated)
    return parsed


def _entry(result: Mapping[str, Any], *, source: str, where: str) -> ListEntry | None:
    name = clean_name(_text(result.get("name")))
    if not name:
        return None
    code = csl_code(_text(result.get("source")), file=source, where=f"{where}.source")
    addresses = tuple(_address(a) for a in _list(result, "addresses", source, where))
    countries = countries_of(
        _text(a.get("country")) for a in _list(result, "addresses", source, where)
    )
    # As in the CSV: the entity number, else the name and countries (not trade.gov's id).
    entry_id = clean(_text(result.get("entity_number"))) or stable_id(name, countries)
    return ListEntry(
        source_list=code,
        entry_id=entry_id,
        name=name,
        entry_type=entry_type(_text(result.get("type"))),
        aliases=unique(clean_name(_text(n)) for n in _list(result, "alt_names", source, where)),
        countries=countries,
        addresses=unique(addresses),
        identifiers=unique(_identifier(i) for i in _list(result, "ids", source, where)),
        programs=unique(clean(_text(p)) for p in _list(result, "programs", source, where)),
        federal_register_notice=clean(_text(result.get("federal_register_notice"))) or None,
        license_requirement=clean(_text(result.get("license_requirement"))) or None,
        license_policy=clean(_text(result.get("license_policy"))) or None,
        source_url=clean(_text(result.get("source_list_url"))) or None,
    )


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    return ""


def _list(result: Mapping[str, Any], key: str, source: str, where: str) -> list[Any]:
    value = result.get(key)
    if value is None:
        return []
    structured = key in ("addresses", "ids")
    if isinstance(value, str) and not structured:  # some producers join instead of listing
        return [part for part in value.split("; ") if part]
    if not isinstance(value, list):
        raise ListFormatError("expected a list", source=source, field=f"{where}.{key}")
    if structured:
        return [item for item in value if isinstance(item, dict)]
    return value


def _address(address: Mapping[str, Any]) -> str:
    parts = ("address", "city", "state", "postal_code", "country")
    return ", ".join(text for text in (clean(_text(address.get(p))) for p in parts) if text)


def _identifier(item: Mapping[str, Any]) -> str:
    kind, number = clean(_text(item.get("type"))), clean(_text(item.get("number")))
    if not number or kind == "Gender" or "Additional Sanctions Information" in kind:
        return ""
    country = clean(_text(item.get("country")))
    return f"{kind} {number}" + (f" ({country})" if country else "")
