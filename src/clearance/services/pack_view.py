"""Jurisdiction packs as plain JSON-able data (for `clearance rules packs`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from clearance.domain.pack import Pack


def pack_dict(pack: Pack, day: date | None = None) -> dict[str, Any]:
    """A pack's manifest; its group members on `day` when given, and every dated member."""
    groups = pack.country_groups
    on_day = groups.on(day) if day is not None else None
    return {
        "jurisdiction": pack.jurisdiction,
        "title": pack.title,
        "citation": pack.citation,
        "file": pack.source_file,
        "touches": pack.touches_note,
        "classification": pack.classification_of or "own",
        "authorities": dict(pack.authorities),
        "licence_exceptions": {
            code: {"name": e.name, "citation": e.citation, "notify": e.notify}
            for code, e in pack.exceptions.items()
        },
        "screening_lists": sorted(pack.screening_lists),
        "prohibitive_lists": sorted(pack.prohibitive_lists),
        "country_groups": {
            "citation": groups.citation,
            "provenance": groups.provenance,
            "aliases": dict(groups.aliases),
            "members": {
                label: sorted(on_day.groups.get(label, ()))
                if on_day is not None
                else sorted({m.country for m in members})
                for label, members in groups.groups.items()
            },
            "dated": [
                {
                    "group": label,
                    "country": m.country,
                    "effective_from": m.effective_from.isoformat() if m.effective_from else None,
                    "effective_to": m.effective_to.isoformat() if m.effective_to else None,
                    "provenance": m.provenance,
                    "assumption": m.assumption,
                }
                for label, members in groups.groups.items()
                for m in members
                if m.effective_from is not None or m.effective_to is not None
            ],
        },
    }
