"""From files to Snapshots: load, detect, group the multi-file formats, read, count.

One snapshot per single-file list, and one per set of files of a multi-file format (OFAC SDN,
OFAC non-SDN, UK tables). Every entry key (`list:id`) in a snapshot is unique: a repeated key
gets a `~2`, `~3` suffix in file order, counted under `note.duplicate_ids`.

Snapshot counts: the number of entries per list code ("EL": 3420), `skipped.<reason>` for rows
not imported and `note.<what>` for remarks.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from clearance.domain.errors import ListFormatError
from clearance.domain.listing import ListEntry, Snapshot

from . import (
    bis_dpl,
    csl_csv,
    csl_json,
    eu_csv,
    ftm_json,
    kaist_csv,
    ofac_csv,
    uk_ods,
    uk_tables,
    un_xml,
)
from .counts import NOTE, SKIPPED
from .formats import HEAD, ListFormat, sniff
from .parsed import Parsed, Part
from .source import InputFile, load

_FILE_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def read_snapshots(
    paths: Sequence[Path | str],
    fmt: ListFormat | None = None,
    *,
    on_file: Callable[[str], None] | None = None,
) -> list[Snapshot]:
    """Read every path; all of them or none (the first bad file raises ListFormatError)."""
    if not paths:
        raise ListFormatError("no list files given")
    groups: dict[str, tuple[ListFormat, list[InputFile]]] = {}
    for path in paths:
        if on_file is not None:
            on_file(str(path))
        file = load(path)
        found = fmt or sniff(file.name, file.data[:HEAD])
        key = found.value if found.multi_file else f"{found.value}:{file.name}"
        groups.setdefault(key, (found, []))[1].append(file)
    return [read_group(found, files) for found, files in groups.values()]


def read_group(fmt: ListFormat, files: Sequence[InputFile]) -> Snapshot:
    """Read the files of one snapshot (one file, or the parts of a multi-file format)."""
    parsed, ordered = _parse(fmt, files)
    return make_snapshot(fmt, ordered, parsed)


def make_snapshot(fmt: ListFormat, files: Sequence[InputFile], parsed: Parsed) -> Snapshot:
    entries = unique_keys(parsed.entries)
    counts = Counter(entry.source_list for entry in entries)
    for reason, count in parsed.skipped.items():
        counts[SKIPPED + reason] = count
    renamed = sum(1 for old, new in zip(parsed.entries, entries, strict=True) if old is not new)
    if renamed:
        counts[NOTE + "duplicate_ids"] = renamed
    if len(files) == 1:
        checksum = files[0].sha256
    else:
        checksum = hashlib.sha256("\n".join(sorted(f.sha256 for f in files)).encode()).hexdigest()
    return Snapshot(
        source=", ".join(f.basename for f in files),
        data_date=parsed.data_date or _file_date(files) or parsed.latest_date,
        checksum=checksum,
        entries=tuple(entries),
        counts=dict(sorted(counts.items())),
        format=fmt.value,
    )


def unique_keys(entries: Iterable[ListEntry]) -> list[ListEntry]:
    seen: Counter[str] = Counter()
    out: list[ListEntry] = []
    for entry in entries:
        seen[entry.key] += 1
        n = seen[entry.key]
        out.append(entry if n == 1 else replace(entry, entry_id=f"{entry.entry_id}~{n}"))
    return out


def _file_date(files: Sequence[InputFile]) -> date | None:
    for file in files:
        match = _FILE_DATE.search(file.basename)
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                continue
    return None


def _parse(fmt: ListFormat, files: Sequence[InputFile]) -> tuple[Parsed, list[InputFile]]:
    if fmt.multi_file:
        return _parse_parts(fmt, files)
    if len(files) != 1:
        raise ListFormatError(f"{fmt.value} reads one file at a time", source=files[0].name)
    file = files[0]
    name = file.name
    readers: dict[ListFormat, Callable[[], Parsed]] = {
        ListFormat.CSL_CSV: lambda: csl_csv.read(file.text(), source=name),
        ListFormat.CSL_JSON: lambda: csl_json.read(file.text(), source=name),
        ListFormat.UN_XML: lambda: un_xml.read(file.data, source=name),
        ListFormat.FTM_JSON: lambda: ftm_json.read(file.text(), source=name),
        ListFormat.BIS_DPL: lambda: bis_dpl.read(file.text(bis_dpl.ENCODING), source=name),
        ListFormat.UK_ODS: lambda: uk_ods.read(file.data, source=name),
        ListFormat.EU_CSV: lambda: eu_csv.read(file.text(), source=name),
        ListFormat.KAIST_CSV: lambda: kaist_csv.read(file.text(), source=name),
    }
    return readers[fmt](), [file]


def _parse_parts(fmt: ListFormat, files: Sequence[InputFile]) -> tuple[Parsed, list[InputFile]]:
    ofac = fmt in (ListFormat.OFAC_SDN, ListFormat.OFAC_CONS)
    parts: dict[str, Part] = {}
    by_role: dict[str, InputFile] = {}
    for file in files:
        text = file.text(ofac_csv.ENCODING if ofac else "utf-8")
        role = ofac_csv.role_of(text) if ofac else uk_tables.role_of(text)
        if role is None:
            raise ListFormatError(f"not a part of the {fmt.value} format", source=file.name)
        if role in parts:
            raise ListFormatError(
                f"two {role} files in one import ({parts[role].name} and this one)",
                source=file.name,
            )
        parts[role] = Part(file.name, text)
        by_role[role] = file
    order: tuple[str, ...]
    if ofac:
        parsed = ofac_csv.read(parts, consolidated=fmt is ListFormat.OFAC_CONS)
        order = (ofac_csv.PRIMARY, ofac_csv.ADDRESS, ofac_csv.ALT, ofac_csv.COMMENTS)
    else:
        parsed = uk_tables.read(parts)
        order = tuple(uk_tables.COLUMNS)
    return parsed, [by_role[role] for role in order if role in by_role]
