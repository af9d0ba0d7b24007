"""Exit codes of the `clearance` command, and the one place that maps errors to them.

| code | meaning                                            |
|------|----------------------------------------------------|
| 0    | cleared / success; `screen`: no hit                |
| 1    | unavailable: a download, a stored file or a snapshot failed |
| 2    | bad input: a file, field or option is wrong        |
| 3    | `screen`: hits found (review them)                 |
| 10   | hold: the shipment cannot go yet (see clears_by)   |
| 20   | denied                                             |
| 70   | internal error (a bug: please report it)           |
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

from clearance.domain.errors import ClearanceError, UnavailableError

OK = 0
UNAVAILABLE = 1
BAD_INPUT = 2
HITS_FOUND = 3
HOLD = 10
DENIED = 20
INTERNAL = 70

# By `Outcome` value (a string key keeps the rule engine out of commands that decide nothing).
OUTCOME_EXIT = {"cleared": OK, "hold": HOLD, "denied": DENIED}

P = ParamSpec("P")
R = TypeVar("R")


def fail(message: str, code: int = BAD_INPUT) -> typer.Exit:
    """Print one line on stderr (whatever the message holds) and return the Exit to raise."""
    typer.echo(f"error: {' '.join(message.split())}", err=True)
    return typer.Exit(code)


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn ClearanceError into one clear line on stderr and the bad-input exit code."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except UnavailableError as exc:
            raise fail(str(exc), UNAVAILABLE) from None
        except ClearanceError as exc:
            raise fail(str(exc)) from None
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            sys.exit(130)
        except Exception as exc:  # a bug: say so plainly, without a traceback wall
            raise fail(
                f"internal error ({type(exc).__name__}: {exc}); please report it", INTERNAL
            ) from None

    return wrapper
