"""Regenerate the US country-group table from a machine-readable copy of 15 CFR 740 Supp. 1.

Usage: python tools/build_country_groups.py COUNTRY_GROUPS_JSON [HISTORY_YAML] > \
    src/clearance/rules/packs/us/country-groups.yaml

The input is a JSON table of the eCFR Supplement No. 1 to Part 740 (group label -> country
names, with its eCFR issue date and source URL). HISTORY_YAML (default:
tools/country-group-history.yaml) lists membership changes the table itself cannot show, each
with its dates, provenance and, for an unverified date, the assumption it rests on. The output
is Clearance's own format: group -> ISO-2 codes (members throughout) or dated member entries.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

NAME_TO_ISO = {
    "Afghanistan": "AF",
    "Albania": "AL",
    "Algeria": "DZ",
    "Andorra": "AD",
    "Angola": "AO",
    "Antigua and Barbuda": "AG",
    "Argentina": "AR",
    "Armenia": "AM",
    "Aruba": "AW",
    "Australia": "AU",
    "Austria": "AT",
    "Azerbaijan": "AZ",
    "Bahrain": "BH",
    "Bangladesh": "BD",
    "Barbados": "BB",
    "Belarus": "BY",
    "Belgium": "BE",
    "Belize": "BZ",
    "Benin": "BJ",
    "Bhutan": "BT",
    "Bolivia": "BO",
    "Bosnia & Herzegovina": "BA",
    "Botswana": "BW",
    "Brazil": "BR",
    "Brunei": "BN",
    "Bulgaria": "BG",
    "Burkina Faso": "BF",
    "Burma": "MM",
    "Burundi": "BI",
    "Cambodia": "KH",
    "Cameroon": "CM",
    "Canada": "CA",
    "Cape Verde": "CV",
    "Central African Republic": "CF",
    "Chad": "TD",
    "Chile": "CL",
    "China (PRC)": "CN",
    "Colombia": "CO",
    "Comoros": "KM",
    "Congo (Democratic Republic of the)": "CD",
    "Congo (Democratic Republic of)": "CD",
    "Congo (Republic of the)": "CG",
    "Costa Rica": "CR",
    "Cote d'lvoire": "CI",
    "Croatia": "HR",
    "Cuba": "CU",
    "Curaçao": "CW",
    "Cyprus": "CY",
    "Czech Republic": "CZ",
    "Denmark": "DK",
    "Djibouti": "DJ",
    "Dominica": "DM",
    "Dominican Republic": "DO",
    "Ecuador": "EC",
    "Egypt": "EG",
    "El Salvador": "SV",
    "Equatorial Guinea": "GQ",
    "Eritrea": "ER",
    "Estonia": "EE",
    "Eswatini": "SZ",
    "Ethiopia": "ET",
    "Fiji": "FJ",
    "Finland": "FI",
    "France": "FR",
    "Gabon": "GA",
    "Gambia, The": "GM",
    "Georgia": "GE",
    "Germany": "DE",
    "Ghana": "GH",
    "Greece": "GR",
    "Grenada": "GD",
    "Guatemala": "GT",
    "Guinea": "GN",
    "Guinea-Bissau": "GW",
    "Guyana": "GY",
    "Haiti": "HT",
    "Honduras": "HN",
    "Hungary": "HU",
    "Iceland": "IS",
    "India": "IN",
    "Indonesia": "ID",
    "Iran": "IR",
    "Iraq": "IQ",
    "Ireland": "IE",
    "Israel": "IL",
    "Italy": "IT",
    "Jamaica": "JM",
    "Japan": "JP",
    "Jordan": "JO",
    "Kazakhstan": "KZ",
    "Kenya": "KE",
    "Kiribati": "KI",
    "Korea, North": "KP",
    "Korea, South": "KR",
    "Kosovo": "XK",
    "Kuwait": "KW",
    "Kyrgyzstan": "KG",
    "Laos": "LA",
    "Latvia": "LV",
    "Lebanon": "LB",
    "Lesotho": "LS",
    "Liberia": "LR",
    "Libya": "LY",
    "Lithuania": "LT",
    "Luxembourg": "LU",
    "Macau": "MO",
    "Madagascar": "MG",
    "Malawi": "MW",
    "Malaysia": "MY",
    "Maldives": "MV",
    "Mali": "ML",
    "Malta": "MT",
    "Marshall Islands": "MH",
    "Mauritania": "MR",
    "Mauritius": "MU",
    "Mexico": "MX",
    "Micronesia, Federated States of": "FM",
    "Moldova": "MD",
    "Monaco": "MC",
    "Mongolia": "MN",
    "Montenegro": "ME",
    "Morocco": "MA",
    "Mozambique": "MZ",
    "Namibia": "NA",
    "Nauru": "NR",
    "Nepal": "NP",
    "Netherlands": "NL",
    "New Zealand": "NZ",
    "Nicaragua": "NI",
    "Niger": "NE",
    "Nigeria": "NG",
    "North Macedonia": "MK",
    "Norway": "NO",
    "Oman": "OM",
    "Pakistan": "PK",
    "Palau": "PW",
    "Panama": "PA",
    "Papua New Guinea": "PG",
    "Paraguay": "PY",
    "Peru": "PE",
    "Philippines": "PH",
    "Poland": "PL",
    "Portugal": "PT",
    "Qatar": "QA",
    "Romania": "RO",
    "Russia": "RU",
    "Rwanda": "RW",
    "Saint Kitts & Nevis": "KN",
    "Saint Lucia": "LC",
    "Saint Vincent and the Grenadines": "VC",
    "Samoa": "WS",
    "San Marino": "SM",
    "Sao Tome & Principe": "ST",
    "Saudi Arabia": "SA",
    "Senegal": "SN",
    "Serbia": "RS",
    "Seychelles": "SC",
    "Sierra Leone": "SL",
    "Singapore": "SG",
    "Sint Maarten (the Dutch two-fifths of the island of Saint Martin)": "SX",
    "Slovakia": "SK",
    "Slovenia": "SI",
    "Solomon Islands": "SB",
    "Somalia": "SO",
    "South Africa": "ZA",
    "South Sudan, Republic of": "SS",
    "Spain": "ES",
    "Sri Lanka": "LK",
    "Sudan": "SD",
    "Suriname": "SR",
    "Sweden": "SE",
    "Switzerland": "CH",
    "Syria": "SY",
    "Taiwan": "TW",
    "Tajikistan": "TJ",
    "Tanzania": "TZ",
    "Thailand": "TH",
    "The Bahamas": "BS",
    "Timor-Leste": "TL",
    "Togo": "TG",
    "Tonga": "TO",
    "Trinidad & Tobago": "TT",
    "Tunisia": "TN",
    "Turkmenistan": "TM",
    "Tuvalu": "TV",
    "Türkiye": "TR",
    "Uganda": "UG",
    "Ukraine": "UA",
    "United Arab Emirates": "AE",
    "United Kingdom": "GB",
    "United States": "US",
    "Uruguay": "UY",
    "Uzbekistan": "UZ",
    "Vanuatu": "VU",
    "Vatican City": "VA",
    "Venezuela": "VE",
    "Vietnam": "VN",
    "Western Sahara": "EH",
    "Yemen": "YE",
    "Zambia": "ZM",
    "Zimbabwe": "ZW",
}

HEADER = """\
# EAR Country Groups, Supplement No. 1 to Part 740 (15 CFR 740 Supp. 1), as ISO-2 codes.
# GENERATED by tools/build_country_groups.py from the eCFR text of issue date {issue} and
# tools/country-group-history.yaml; do not edit by hand.
# Hong Kong is treated as China (CN) by the rules that need it ("aliases" below);
# Macau (MO) is in D:1, D:3 and D:4 but NOT in D:5, so rules write "MO or D:5" explicitly.
# A plain code is a member on every date (the {issue} text, applied to earlier dates); a dated
# entry comes from the history file, with its provenance and the assumption behind its dates.
"""


def _entry(change: dict[str, object]) -> str:
    keys = ("country", "effective_from", "effective_to", "provenance", "assumption", "citation")
    parts = [f"{key}: {json.dumps(str(change[key]))}" for key in keys if change.get(key)]
    return "{" + ", ".join(parts) + "}"


def main(path: str, history_path: str) -> None:
    with open(path, encoding="utf-8") as handle:
        table = json.load(handle)
    with open(history_path, encoding="utf-8") as handle:
        history = yaml.safe_load(handle)
    groups: dict[str, list[str]] = {
        label: sorted({NAME_TO_ISO[name] for name in names})
        for label, names in table["groups"].items()
    }
    dated: dict[str, list[str]] = {}
    for change in history["changes"]:
        label, country = change["group"], change["country"]
        if label not in groups:
            raise SystemExit(f"history: unknown group {label!r}")
        if country in groups[label]:  # the dated entry replaces the plain one
            groups[label].remove(country)
        dated.setdefault(label, []).append(_entry(change))
    issue = table.get("ecfrIssueDate", "unknown")
    out = [HEADER.format(issue=issue)]
    out.append(f'citation: "15 CFR Part 740, Supplement No. 1 (eCFR issue {issue})"\n')
    out.append("provenance: official\n")
    out.append("source:\n")
    out.append(f"  url: {json.dumps(table['source']['url'])}\n")
    out.append(f'  ecfr_issue_date: "{issue}"\n')
    out.append(f"  retrieved_at: {json.dumps(table.get('retrievedAt', 'unknown'))}\n")
    cited = history.get("citation", "tools/country-group-history.yaml")
    out.append(f"  history: {json.dumps(cited)}\n")
    out.append("aliases: {HK: CN}\n")
    out.append("groups:\n")
    for label, codes in groups.items():
        if label not in dated:
            out.append(f'  "{label}": [{", ".join(codes)}]\n')
            continue
        out.append(f'  "{label}":\n')
        out.append(f"    [{', '.join(codes)},\n")
        out.extend(f"     {entry},\n" for entry in dated[label])
        out.append("    ]\n")
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    default_history = Path(__file__).with_name("country-group-history.yaml")
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else str(default_history))
