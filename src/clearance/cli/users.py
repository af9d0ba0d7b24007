"""`clearance users add|list|revoke`: API users and their tokens (shown once, stored hashed).

clearance users add alice --role compliance_officer --party "NVIDIA Corporation"
clearance users add mofcom-1 --role authority_officer --jurisdiction CN
clearance users list
clearance users revoke alice
"""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from clearance.domain.errors import NotFoundError
from clearance.services.access import Role, add_user, new_principal, utc_now

from .exit_codes import handle_errors
from .wiring import user_store

app = typer.Typer(help="API users and their tokens.", no_args_is_help=True)
ROLES = ", ".join(r.value for r in Role)


@app.command("add")
@handle_errors
def add(
    name: str = typer.Argument(..., help="A unique user name."),
    role: str = typer.Option(..., "--role", help=f"One of: {ROLES}."),
    party: str | None = typer.Option(None, "--party", help="The party (applicant, officer)."),
    jurisdiction: str | None = typer.Option(
        None, "--jurisdiction", help="ISO-2 code (authority officer)."
    ),
) -> None:
    """Add a user and print its token: it is shown this once and stored only as a hash."""
    principal = new_principal(name, role, party, jurisdiction)
    token = add_user(user_store(), principal)
    typer.echo(token)
    typer.echo(
        f"user {principal.name} ({principal.role.value}) added; the token above is shown once",
        err=True,
    )


@app.command("list")
@handle_errors
def list_users() -> None:
    """List the users (never their tokens)."""
    table = Table(title="API users")
    for column in ("name", "role", "party", "jurisdiction", "created", "state"):
        table.add_column(column, overflow="fold")
    for user in user_store().users():
        p = user.principal
        state = "active" if user.active else f"revoked {user.revoked_at:%Y-%m-%d %H:%M}"
        table.add_row(
            p.name,
            p.role.value,
            p.party or "",
            p.jurisdiction or "",
            f"{user.created_at:%Y-%m-%d %H:%M}",
            state,
        )
    Console().print(table)


@app.command("revoke")
@handle_errors
def revoke(name: str = typer.Argument(..., help="The user whose token to revoke.")) -> None:
    """Revoke a user's token at once; requests with it get 401 from then on."""
    if not user_store().revoke(name, utc_now()):
        raise NotFoundError(f"no active user named {name!r}")
    typer.echo(f"user {name} revoked")
