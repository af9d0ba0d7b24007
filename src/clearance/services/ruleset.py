"""The rule packs: the bundled ones (inside the package) or a directory the user points at."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from clearance.domain.errors import RulePackError
from clearance.domain.rule import RuleSet
from clearance.rules.loader import load_ruleset
from clearance.rules.pack_loader import MESSAGES

PACKS_PACKAGE = "clearance.rules"


def _walk(root: Traversable, prefix: str = "") -> dict[str, str]:
    files: dict[str, str] = {}
    for entry in root.iterdir():
        name = f"{prefix}{entry.name}"
        if entry.is_dir():
            files.update(_walk(entry, f"{name}/"))
        elif entry.name.endswith((".yaml", ".yml")):
            files[name] = entry.read_text(encoding="utf-8")
    return files


@lru_cache(maxsize=1)
def bundled_ruleset() -> RuleSet:
    """The packs shipped in `clearance/rules/packs/`, validated once per process."""
    return load_ruleset(_walk(resources.files(PACKS_PACKAGE) / "packs"))


def ruleset_from_directory(path: Path) -> RuleSet:
    if not path.is_dir():
        raise RulePackError("not a directory of rule files", source=str(path))
    files: dict[str, str] = {}
    for file in sorted(path.rglob("*.y*ml")):
        try:
            files[str(file.relative_to(path))] = file.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise RulePackError("not UTF-8 text", source=str(file)) from None
    return load_ruleset(_with_messages(files))


def _with_messages(files: Mapping[str, str]) -> dict[str, str]:
    """A deployment's packs may reword the engine's messages, not must."""
    out = dict(files)
    if MESSAGES not in out:
        out[MESSAGES] = (resources.files(PACKS_PACKAGE) / "packs" / MESSAGES).read_text(
            encoding="utf-8"
        )
    return out


_FILE_NAME = re.compile(r"^(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*\.ya?ml$")


def ruleset_from_files(files: Mapping[str, str]) -> RuleSet:
    """A candidate rule directory sent as {relative file name: YAML text} (an upload); an
    error names the field as `files.<name>[.<field in the file>]`."""
    for name in files:
        if not _FILE_NAME.match(name) or ".." in name.split("/"):
            raise RulePackError(
                f"a rule file name is a relative path ending .yaml or .yml (got {name!r})",
                field=f"files.{name}",
            )
    try:
        return load_ruleset(_with_messages(files))
    except RulePackError as exc:
        where = ".".join(p for p in ("files", exc.source, exc.field) if p)
        raise RulePackError(exc.detail, field=where) from None


def bundled_rule_files(names: tuple[str, ...] | None = None) -> dict[str, str]:
    """The text of these bundled rule files (e.g. `us/pack.yaml`; default: every one), as an
    upload of a rule directory would send them."""
    root = resources.files(PACKS_PACKAGE) / "packs"
    if names is None:
        return _walk(root)
    return {name: root.joinpath(*name.split("/")).read_text(encoding="utf-8") for name in names}
