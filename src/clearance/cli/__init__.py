"""The command-line interface (Typer + Rich). Wiring only: the work is in clearance.services."""
