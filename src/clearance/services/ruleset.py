"""The rule packs: the bundled ones (inside the package) or a directory the user points at."""

from __future__ import annotations

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
    if MESSAGES not in files:  # a deployment's packs may reword messages, not must
        files[MESSAGES] = (resources.files(PACKS_PACKAGE) / "packs" / MESSAGES).read_text(
            encoding="utf-8"
        )
    return load_ruleset(files)
