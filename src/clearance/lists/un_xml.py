"""UN Security Council Consolidated List, XML (`CONSOLIDATED_LIST`, sc-sanctions.xsd).

Parsed with defusedxml (see xml_safe): an XML bomb is refused with a ListFormatError. The entry
id is the UN `REFERENCE_NUMBER` ("QDi.001"), else `DATAID`; the data date is the root's
`dateGenerated`.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from clearance.domain.errors import ListFormatError
from clearance.domain.listing import EntryType, ListEntry

from .country_name import countries_of
from .parsed import Parsed, clean, parse_date, unique
from .xml_safe import parse_xml

SOURCE_URL = "https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list"
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_ADDRESS_PARTS = ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")


def read(data: bytes, *, source: str) -> Parsed:
    root = parse_xml(data, source=source)
    if root.tag != "CONSOLIDATED_LIST":
        raise ListFormatError(
            f"expected the root element CONSOLIDATED_LIST, found {root.tag}",
            source=source,
            field="root",
        )
    parsed = Parsed(data_date=parse_date(root.get("dateGenerated", "")))
    for kind, entry_type in (("INDIVIDUAL", EntryType.PERSON), ("ENTITY", EntryType.ENTITY)):
        for record in root.iter(kind):
            entry = _entry(record, kind, entry_type)
            if entry is None:
                parsed.skip("no_name")
            else:
                parsed.entries.append(entry)
    return parsed


def _entry(record: Element, kind: str, entry_type: EntryType) -> ListEntry | None:
    name = " ".join(text for text in (_text(record, part) for part in _NAME_PARTS) if text)
    if not name:
        return None
    aliases = [clean(alias.findtext("ALIAS_NAME")) for alias in record.iter(f"{kind}_ALIAS")]
    aliases.append(_text(record, "NAME_ORIGINAL_SCRIPT"))
    address_elements = list(record.iter(f"{kind}_ADDRESS"))
    addresses = unique(
        ", ".join(v for v in (clean(a.findtext(p)) for p in _ADDRESS_PARTS) if v)
        for a in address_elements
    )
    nationalities = [clean(v.text) for n in record.iter("NATIONALITY") for v in n.iter("VALUE")]
    countries = countries_of(
        [*(clean(a.findtext("COUNTRY")) for a in address_elements), *nationalities]
    )
    documents = unique(_document(d) for d in record.iter(f"{kind}_DOCUMENT"))
    reference = _text(record, "REFERENCE_NUMBER")
    return ListEntry(
        source_list="UN",
        entry_id=reference or _text(record, "DATAID"),
        name=name,
        entry_type=entry_type,
        aliases=tuple(a for a in unique(aliases) if a != name),
        countries=countries,
        addresses=addresses,
        identifiers=documents,
        programs=unique([_text(record, "UN_LIST_TYPE")]),
        source_url=SOURCE_URL,
    )


def _text(record: Element, tag: str) -> str:
    return clean(record.findtext(tag))


def _document(document: Element) -> str:
    """E.g. "Passport 123 (Iraq)"; "" when the document has no number."""
    number = clean(document.findtext("NUMBER"))
    if not number:
        return ""
    kind = clean(document.findtext("TYPE_OF_DOCUMENT"))
    country = clean(document.findtext("ISSUING_COUNTRY"))
    return " ".join(v for v in (kind, number, f"({country})" if country else "") if v)
