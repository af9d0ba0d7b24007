"""Untrusted XML, parsed with defusedxml: entity declarations (XML bombs) and external
references are refused; every failure is a ListFormatError naming the file and the position."""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as SafeET

from clearance.domain.errors import ListFormatError


def parse_xml(data: bytes, *, source: str) -> Element:
    try:
        return SafeET.fromstring(data)
    except defusedxml.DefusedXmlException as exc:
        raise ListFormatError(
            f"refused unsafe XML ({type(exc).__name__}: entity declarations and external "
            "references are not allowed; this is how an XML bomb looks)",
            source=source,
        ) from None
    except ParseError as exc:
        line, column = exc.position
        raise ListFormatError(
            f"not well-formed XML ({exc})", source=source, field=f"line {line}, column {column}"
        ) from None
