"""Short list codes: from the CSL `source` text, and for OFAC's non-SDN programs."""

from __future__ import annotations

import re

from clearance.domain.errors import ListFormatError

# The CSL `source` values (trade.gov, 2022 and 2026) and their short codes.
CSL_SOURCES: dict[str, str] = {
    "Entity List (EL) - Bureau of Industry and Security": "EL",
    "Military End User (MEU) List - Bureau of Industry and Security": "MEU",
    "Unverified List (UVL) - Bureau of Industry and Security": "UVL",
    "Denied Persons List (DPL) - Bureau of Industry and Security": "DPL",
    "Specially Designated Nationals (SDN) - Treasury Department": "SDN",
    "Sectoral Sanctions Identifications List (SSI) - Treasury Department": "SSI",
    "Nonproliferation Sanctions (ISN) - State Department": "ISN",
    "ITAR Debarred (DTC) - State Department": "DTC",
    "Palestinian Legislative Council List (PLC) - Treasury Department": "PLC",
    "Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department": (
        "CMIC"
    ),
    "Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department": "MBS",
    "Capta List (CAP) - Treasury Department": "CAP",
    "Foreign Sanctions Evaders (FSE) - Treasury Department": "FSE",
}
# The abbreviation in parentheses, for a source text worded slightly differently.
_ABBREVIATIONS = {
    "EL": "EL",
    "MEU": "MEU",
    "UVL": "UVL",
    "DPL": "DPL",
    "SDN": "SDN",
    "SSI": "SSI",
    "ISN": "ISN",
    "DTC": "DTC",
    "PLC": "PLC",
    "CMIC": "CMIC",
    "NS-CMIC": "CMIC",
    "NS-MBS LIST": "MBS",
    "NS-MBS": "MBS",
    "MBS": "MBS",
    "CAP": "CAP",
    "FSE": "FSE",
}
_PAREN = re.compile(r"\(([^)]+)\)")


def csl_code(source: str, *, file: str, where: str) -> str:
    """The short code of a CSL `source` value; an unknown source is an error, not a guess."""
    text = " ".join(source.split())
    code = CSL_SOURCES.get(text)
    if code is not None:
        return code
    for abbreviation in _PAREN.findall(text):
        code = _ABBREVIATIONS.get(abbreviation.strip().upper())
        if code is not None:
            return code
    raise ListFormatError(f"unknown CSL source {source!r}", source=file, field=where)


def ofac_non_sdn_code(programs: tuple[str, ...]) -> str:
    """The CSL code of an OFAC Consolidated (non-SDN) record, from its programs.

    SSI = Ukraine EO 13662 directives; PLC = NS-PLC; CMIC = EO 13959; CAP = CAPTA (561-Related);
    FSE = Foreign Sanctions Evaders; anything else on the non-SDN list is menu-based (MBS).
    """
    joined = " ".join(programs).upper()
    if "EO13662" in joined:
        return "SSI"
    if "NS-PLC" in joined:
        return "PLC"
    if "CMIC" in joined:
        return "CMIC"
    if "561" in joined:
        return "CAP"
    if "FSE" in joined:
        return "FSE"
    return "MBS"
