"""Where the bundled January 2026 scenario is: `examples/h200-2026` under the working directory,
else under the source checkout this package was installed from (`pip install -e .`), so that
`clearance demo` and `clearance serve --demo` work from any directory."""

from __future__ import annotations

from pathlib import Path

import clearance

DEFAULT_SCENARIO = Path("examples/h200-2026")


def resolve_scenario(path: Path) -> Path:
    """`path` itself when it exists or was given explicitly; the default scenario under the
    checkout otherwise (the caller then reports what is missing)."""
    if path.exists() or path != DEFAULT_SCENARIO:
        return path
    checkout = Path(clearance.__file__).resolve().parents[2] / DEFAULT_SCENARIO
    return checkout if checkout.is_dir() else path
