"""Country names as the lists write them (OFAC, UN, EU) to ISO 3166-1 alpha-2 codes.

One line per code (or more): the code, then every spelling seen in the real lists, "|"-separated.
Lookup ignores case, punctuation and a leading "the". A name not here maps to nothing (it is not
guessed); disputed regions ("Region: Kafia Kingi") and "undetermined" are left out on purpose.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from clearance.domain.country import COUNTRY_CODES

_TABLE = """
AD Andorra
AE United Arab Emirates|UAE
AF Afghanistan
AG Antigua and Barbuda
AI Anguilla
AL Albania
AM Armenia
AO Angola
AR Argentina
AS American Samoa
AT Austria
AU Australia
AW Aruba
AZ Azerbaijan
BA Bosnia and Herzegovina|Bosnia-Herzegovina
BB Barbados
BD Bangladesh
BE Belgium
BF Burkina Faso
BG Bulgaria
BH Bahrain
BI Burundi
BJ Benin
BM Bermuda
BN Brunei|Brunei Darussalam
BO Bolivia|Bolivia (Plurinational State of)
BR Brazil
BS Bahamas|Bahamas, The
BT Bhutan
BW Botswana
BY Belarus
BZ Belize
CA Canada
CD Congo, Democratic Republic of the|Democratic Republic of the Congo|DR Congo|Congo (Kinshasa)
CF Central African Republic
CG Congo, Republic of the|Republic of the Congo|Congo|Congo (Brazzaville)
CH Switzerland
CI Cote d Ivoire|Cote d'Ivoire|Côte d'Ivoire|Ivory Coast
CL Chile
CM Cameroon
CN China|People's Republic of China|China, People's Republic of|PRC|Region: China
CO Colombia
CR Costa Rica
CU Cuba
CV Cabo Verde|Cape Verde
CW Curacao|Curaçao
CY Cyprus
CZ Czech Republic|Czechia
DE Germany
DJ Djibouti
DK Denmark
DM Dominica
DO Dominican Republic
DZ Algeria
EC Ecuador
EE Estonia
EG Egypt
EH Western Sahara
ER Eritrea
ES Spain
ET Ethiopia
FI Finland
FJ Fiji
FR France
GA Gabon
GB United Kingdom|United Kingdom of Great Britain and Northern Ireland|UK|Great Britain
GD Grenada
GE Georgia
GG Guernsey
GH Ghana
GI Gibraltar
GM Gambia|The Gambia|Gambia, The
GN Guinea
GQ Equatorial Guinea
GR Greece
GT Guatemala
GW Guinea-Bissau|Guinea Bissau
GY Guyana
HK Hong Kong|China, Hong Kong Special Administrative Region|Hong Kong SAR
HN Honduras
HR Croatia
HT Haiti
HU Hungary
ID Indonesia
IE Ireland
IL Israel
IM Isle of Man|Man, Isle of
IN India
IQ Iraq
IR Iran|Iran (Islamic Republic of)|Islamic Republic of Iran|Region: Iran
IS Iceland
IT Italy
JE Jersey
JM Jamaica
JO Jordan
JP Japan
KE Kenya
KG Kyrgyzstan|Kyrgyz Republic
KH Cambodia
KM Comoros
KN Saint Kitts and Nevis|St. Kitts and Nevis
KP Korea, North|North Korea|Democratic People's Republic of Korea|DPRK
KR Korea, South|South Korea|Republic of Korea
KW Kuwait
KY Cayman Islands
KZ Kazakhstan
LA Laos|Lao People's Democratic Republic
LB Lebanon
LC Saint Lucia
LI Liechtenstein
LK Sri Lanka
LR Liberia
LS Lesotho
LT Lithuania
LU Luxembourg
LV Latvia
LY Libya
MA Morocco
MC Monaco
MD Moldova|Republic of Moldova
ME Montenegro
MG Madagascar
MH Marshall Islands
MK North Macedonia|North Macedonia, The Republic of|Macedonia
ML Mali|Region: Northern Mali
MM Burma|Myanmar
MN Mongolia
MO Macau|Macao|China, Macao Special Administrative Region
MR Mauritania
MT Malta
MU Mauritius
MV Maldives
MW Malawi
MX Mexico
MY Malaysia
MZ Mozambique
NA Namibia
NE Niger
NG Nigeria
NI Nicaragua
NL Netherlands|The Netherlands
NO Norway
NP Nepal
NZ New Zealand
OM Oman
PA Panama
PE Peru
PG Papua New Guinea
PH Philippines
PK Pakistan
PL Poland
PS Palestinian|State of Palestine|Palestine|West Bank|Region: West Bank
PS Gaza|Region: Gaza|Region: North Gaza|Region: Northern Gaza
PT Portugal
PW Palau
PY Paraguay
QA Qatar
RO Romania
RS Serbia
RU Russia|Russian Federation|Region: Russia
RW Rwanda
SA Saudi Arabia
SB Solomon Islands
SC Seychelles
SD Sudan
SE Sweden
SG Singapore
SI Slovenia
SK Slovakia
SL Sierra Leone
SM San Marino
SN Senegal
SO Somalia
SR Suriname
SS South Sudan
SV El Salvador
SY Syria|Syrian Arab Republic
SZ Eswatini|Swaziland
TD Chad
TG Togo
TH Thailand
TJ Tajikistan
TM Turkmenistan
TN Tunisia
TR Turkey|Türkiye|Turkiye
TT Trinidad and Tobago
TW Taiwan
TZ Tanzania|United Republic of Tanzania
UA Ukraine|Region: Crimea|Crimea|Crimea (occupied)
UG Uganda
US United States|United States of America|USA
UY Uruguay
UZ Uzbekistan
VA Holy See|Vatican
VC Saint Vincent and the Grenadines
VE Venezuela|Venezuela (Bolivarian Republic of)
VG Virgin Islands, British|British Virgin Islands
VN Vietnam|Viet Nam
VU Vanuatu
WS Samoa
XK Kosovo
YE Yemen
ZA South Africa
ZM Zambia
ZW Zimbabwe
"""


def _key(name: str) -> str:
    text = re.sub(r"[^\w]+", " ", name.casefold()).strip()
    return text.removeprefix("the ")


def _build() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in _TABLE.strip().splitlines():
        code, names = line.split(" ", 1)
        if code not in COUNTRY_CODES:
            raise ValueError(f"country table: {code} is not an ISO 3166-1 alpha-2 code")
        for name in names.split("|"):
            table[_key(name)] = code
    return table


_BY_NAME = _build()


def country_code(name: str) -> str | None:
    """The ISO-2 code for a country name (or for an ISO-2 code itself), else None."""
    text = name.strip()
    if text in COUNTRY_CODES:
        return text
    return _BY_NAME.get(_key(text))


def countries_of(names: Iterable[str]) -> tuple[str, ...]:
    """The distinct codes of the names that map, in order; the others are dropped."""
    codes: dict[str, None] = {}
    for name in names:
        code = country_code(name)
        if code is not None:
            codes[code] = None
    return tuple(codes)
