"""Read one YAML or JSON input document (item spec, shipment, authorizations) safely.

Every failure is an `InputError` that names the file, and the line when the parser knows it:
a missing file, a directory, a file over the size limit (checked before a byte is read), bytes
that are not UTF-8, malformed YAML or JSON, duplicate keys, nesting too deep, or a top level
that is not a mapping.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from clearance.domain.errors import InputError
from clearance.rules.yaml_safe import parse_yaml

DEFAULT_MAX_BYTES = 5_000_000
MAX_DEPTH = 64


def read_document(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, allow_list: bool = False
) -> object:
    """The parsed top-level mapping (or, with allow_list, list) of a YAML or JSON file."""
    source = str(path)
    text = _read_text(path, source, max_bytes)
    if path.suffix.lower() == ".json":
        data = _parse_json(text, source)
    else:
        data = _parse_yaml(text, source)
    if data is None:
        raise InputError("the file is empty", source=source)
    if not isinstance(data, dict) and not (allow_list and isinstance(data, list)):
        raise InputError(
            f"the top level must be a mapping of fields, not {_kind(data)}", source=source
        )
    _check_depth(data, source)
    return data


def parse_text(text: str, *, source: str, allow_list: bool = False) -> object:
    """A YAML or JSON document typed or pasted as text (JSON is YAML too; JSON errors are
    reported as such when the text starts like JSON)."""
    stripped = text.lstrip()
    if not stripped:
        raise InputError("the document is empty", source=source)
    if len(text.encode("utf-8")) > DEFAULT_MAX_BYTES:
        raise InputError(f"larger than {DEFAULT_MAX_BYTES} bytes", source=source)
    data = _parse_json(text, source) if stripped[0] in "{[" else _parse_yaml(text, source)
    if not isinstance(data, dict) and not (allow_list and isinstance(data, list)):
        raise InputError(f"the top level must be a mapping, not {_kind(data)}", source=source)
    _check_depth(data, source)
    return data


def _read_text(path: Path, source: str, max_bytes: int) -> str:
    try:
        if not path.exists():
            raise InputError("no such file", source=source)
        if path.is_dir():
            raise InputError("is a directory, not a file", source=source)
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"the file is {size:,} bytes; the limit is {max_bytes:,} bytes", source=source
            )
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)  # a file that grew since stat() is still capped
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", source=source) from None
    if len(raw) > max_bytes:
        raise InputError(f"the file is larger than {max_bytes:,} bytes", source=source)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8 text: byte 0x{raw[exc.start]:02x} at offset {exc.start}",
            source=f"{source}, line {line}",
        ) from None
    return text.removeprefix("\ufeff")


def _parse_json(text: str, source: str) -> object:
    try:
        return json.loads(text, object_pairs_hook=_unique_pairs)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON: {exc.msg}", source=f"{source}, line {exc.lineno}"
        ) from None
    except _DuplicateKeyError as exc:
        raise InputError(f"not valid JSON: duplicate key {exc.key!r}", source=source) from None
    except RecursionError:
        raise InputError("not valid JSON: nested too deeply", source=source) from None


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKeyError(key)
        out[key] = value
    return out


def _parse_yaml(text: str, source: str) -> object:
    return parse_yaml(text, source, InputError)


def _check_depth(data: object, source: str) -> None:
    # YAML aliases share objects: visit each container once, so an alias bomb stays linear.
    stack: list[tuple[object, int]] = [(data, 1)]
    seen: set[int] = set()
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InputError(f"nested more than {MAX_DEPTH} levels deep", source=source)
        if isinstance(value, dict | list):
            if id(value) in seen:
                continue
            seen.add(id(value))
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return type(value).__name__
