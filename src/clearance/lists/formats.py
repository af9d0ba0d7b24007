"""The supported list formats, and telling them apart from a file's name and first bytes."""

from __future__ import annotations

import gzip
import zlib
from enum import StrEnum
from pathlib import Path

from clearance.domain.errors import ListFormatError

from .source import GZIP_MAGIC
from .table import header_of

HEAD = 1 << 16  # bytes read to detect a format


class ListFormat(StrEnum):
    CSL_CSV = "csl-csv"  # trade.gov CSL CSV: full 29 columns or the reduced projection
    CSL_JSON = "csl-json"  # trade.gov CSL consolidated.json
    OFAC_SDN = "ofac-sdn"  # sdn.csv + add.csv + alt.csv (+ sdn_comments.csv)
    OFAC_CONS = "ofac-cons"  # cons_prim + cons_add + cons_alt (+ cons_comments)
    UN_XML = "un-xml"  # UN Security Council consolidated list
    FTM_JSON = "ftm-json"  # FollowTheMoney entities, JSON lines
    BIS_DPL = "bis-dpl"  # BIS Denied Persons List, tab-delimited dpl.txt
    UK_ODS = "uk-ods"  # FCDO UK Sanctions List, ODS
    UK_TABLES = "uk-tables"  # FCDO list normalised into subjects / names / countries CSVs
    EU_CSV = "eu-csv"  # EU FSF merged with travel bans (derived CSV)
    KAIST_CSV = "kaist-csv"  # compiled restricted parties (derived CSV)

    @property
    def source(self) -> str:
        """The publication a file of this format is a release of: a newer release of the same
        source supersedes the older one (the CSL as CSV or JSON, the UK list as ODS or tables)."""
        return _SOURCES.get(self, self.value)

    @property
    def multi_file(self) -> bool:
        """Formats whose several files make one snapshot."""
        return self in (ListFormat.OFAC_SDN, ListFormat.OFAC_CONS, ListFormat.UK_TABLES)


_SOURCES = {
    ListFormat.CSL_CSV: "csl",
    ListFormat.CSL_JSON: "csl",
    ListFormat.UK_ODS: "uk",
    ListFormat.UK_TABLES: "uk",
}


def parse_format(value: str) -> ListFormat:
    try:
        return ListFormat(value.strip().lower())
    except ValueError:
        known = ", ".join(f.value for f in ListFormat)
        raise ListFormatError(
            f"unknown format {value!r} (known: {known})", field="format"
        ) from None


def detect_format(path: Path | str) -> ListFormat:
    """The format of the file at `path`, from its name and its first 64 KiB."""
    name = str(path)
    try:
        with Path(path).open("rb") as fh:
            head = fh.read(HEAD)
    except OSError as exc:
        raise ListFormatError(
            f"cannot read the file ({exc.strerror or exc})", source=name
        ) from None
    if head[:2] == GZIP_MAGIC:
        try:
            with gzip.open(name, "rb") as fh:
                head = fh.read(HEAD)
        except (EOFError, OSError, zlib.error) as exc:
            raise ListFormatError(f"corrupt or truncated gzip data ({exc})", source=name) from None
    return sniff(name, head)


def sniff(name: str, head: bytes) -> ListFormat:
    """The format of a file from its name and its first (decompressed) bytes."""
    base = Path(name).name.lower().removesuffix(".gz")
    if head[:2] == b"PK" or base.endswith(".ods"):
        return ListFormat.UK_ODS
    text = head.decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if not text:
        raise ListFormatError("the file is empty", source=name)
    if text.startswith("<"):
        if "CONSOLIDATED_LIST" in text[:4096]:
            return ListFormat.UN_XML
        raise ListFormatError("XML, but not the UN consolidated list", source=name, field="root")
    if text.startswith(("{", "[")):
        first = text.split("\n", 1)[0]
        if ('"schema"' in first and '"properties"' in first) or base.endswith(
            (".jsonl", ".ndjson")
        ):
            return ListFormat.FTM_JSON
        return ListFormat.CSL_JSON
    line = text.split("\n", 1)[0]
    header = set(header_of(line, delimiter="\t" if "\t" in line else ","))
    for columns, found in _HEADERS:
        if columns <= header:
            return found
    if line.split(",", 1)[0].strip().isdigit():  # OFAC legacy CSV: no header, ent_num first
        return ListFormat.OFAC_CONS if "cons" in base else ListFormat.OFAC_SDN
    raise ListFormatError(
        "cannot tell the list format from the file; pass --format "
        f"({', '.join(f.value for f in ListFormat)})",
        source=name,
    )


_HEADERS: tuple[tuple[frozenset[str], ListFormat], ...] = (
    (frozenset({"Name", "Street_Address", "Effective_Date"}), ListFormat.BIS_DPL),
    (frozenset({"source", "name", "alt_names"}), ListFormat.CSL_CSV),
    (frozenset({"unique_id"}), ListFormat.UK_TABLES),
    (frozenset({"Naal_wholename", "EU_ref_num"}), ListFormat.EU_CSV),
    (frozenset({"list_id", "countries_iso2"}), ListFormat.KAIST_CSV),
)
