"""`clearance users add|list|revoke`."""

from __future__ import annotations

from typer.testing import CliRunner

from clearance.cli.app import app
from clearance.cli.exit_codes import BAD_INPUT, OK
from clearance.services.access import TOKEN_PREFIX

runner = CliRunner()


def test_add_prints_the_token_once_and_list_never_shows_it() -> None:
    added = runner.invoke(app, ["users", "add", "ana", "--role", "applicant", "--party", "X Ltd"])
    assert added.exit_code == OK, added.output
    token = added.stdout.strip()
    assert token.startswith(TOKEN_PREFIX)
    listed = runner.invoke(app, ["users", "list"])
    assert listed.exit_code == OK
    assert "ana" in listed.stdout
    assert "applicant" in listed.stdout
    assert token not in listed.stdout
    assert runner.invoke(app, ["users", "revoke", "ana"]).exit_code == OK
    assert "revoked" in runner.invoke(app, ["users", "list"]).stdout
    again = runner.invoke(app, ["users", "revoke", "ana"])
    assert again.exit_code == BAD_INPUT
    assert "no active user" in again.stderr


def test_bad_role_is_one_line_exit_2() -> None:
    result = runner.invoke(app, ["users", "add", "x", "--role", "root"])
    assert result.exit_code == BAD_INPUT
    assert "unknown role 'root'" in result.stderr
    assert runner.invoke(app, ["users", "list"]).stdout.count("x") == 0
