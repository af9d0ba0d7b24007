"""Access: principals are checked when added, tokens stored only as hashes, refusals logged."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text

from clearance.domain.errors import AccessDeniedError, AuthenticationError, InputError
from clearance.services.access import (
    TOKEN_PREFIX,
    Action,
    Gate,
    Role,
    add_user,
    hash_token,
    load_users_file,
    new_principal,
    utc_now,
)
from clearance.store.access import SqlRefusalLog, SqlUserStore


@pytest.mark.parametrize(
    ("role", "party", "jurisdiction", "field"),
    [
        ("applicant", None, None, "party"),
        ("authority_officer", None, None, "jurisdiction"),
        ("authority_officer", None, "ZZ", "jurisdiction"),
        ("admin", "X Corp", None, "party"),
        ("auditor", None, "US", "jurisdiction"),
        ("superuser", None, None, "role"),
    ],
)
def test_bad_principals_name_the_field(
    role: str, party: str | None, jurisdiction: str | None, field: str
) -> None:
    with pytest.raises(InputError) as caught:
        new_principal("u1", role, party, jurisdiction)
    assert caught.value.field == field


def test_bad_user_name() -> None:
    with pytest.raises(InputError) as caught:
        new_principal("no spaces please", "admin")
    assert caught.value.field == "name"


def test_only_the_hash_is_stored(engine: Engine) -> None:
    store = SqlUserStore(engine)
    token = add_user(store, new_principal("alice", "auditor"))
    assert token.startswith(TOKEN_PREFIX)
    assert len(token) > 40
    with engine.connect() as conn:
        dump = " ".join(str(v) for row in conn.execute(text("SELECT * FROM api_user")) for v in row)
    assert token not in dump
    assert hash_token(token) in dump
    user = store.by_token_hash(hash_token(token))
    assert user is not None
    assert user.principal.role is Role.AUDITOR


def test_duplicate_name_is_refused(engine: Engine) -> None:
    store = SqlUserStore(engine)
    add_user(store, new_principal("bob", "admin"))
    with pytest.raises(InputError, match="exists already"):
        add_user(store, new_principal("bob", "auditor"))


def test_gate_logs_every_refusal(engine: Engine) -> None:
    store, log = SqlUserStore(engine), SqlRefusalLog(engine)
    gate = Gate(store, log)
    token = add_user(store, new_principal("carol", "auditor"))
    with pytest.raises(AuthenticationError):
        gate.authenticate(None, Action.SCREEN, "/x")
    who = gate.authenticate(token, Action.SCREEN)
    with pytest.raises(AccessDeniedError):
        gate.allow(who, Action.LISTS_IMPORT, "/api/lists/import")
    assert store.revoke("carol", utc_now())
    with pytest.raises(AuthenticationError, match="revoked"):
        gate.authenticate(token, Action.SCREEN)
    refusals = log.recent()
    assert [(r.status, r.user) for r in refusals] == [(401, None), (403, "carol"), (401, None)]
    assert refusals[1].target == "/api/lists/import"


def test_users_file() -> None:
    users = load_users_file(
        [{"name": "a", "role": "applicant", "party": "P"}, {"name": "b", "role": "admin"}],
        source="users.yaml",
    )
    assert [u.role for u in users] == [Role.APPLICANT, Role.ADMIN]
    with pytest.raises(InputError) as caught:
        load_users_file([{"name": "a", "role": "applicant"}], source="users.yaml")
    assert caught.value.field == "[0].party"


def test_a_cached_token_is_checked_again_after_the_cache_time(engine: Engine) -> None:
    from datetime import timedelta

    store, log = SqlUserStore(engine), SqlRefusalLog(engine)
    clock = [utc_now()]
    gate = Gate(store, log, now=lambda: clock[0], cache_seconds=2)
    token = add_user(store, new_principal("dave", "auditor"))
    assert gate.authenticate(token, Action.SCREEN).name == "dave"
    assert store.revoke("dave", clock[0])
    assert gate.authenticate(token, Action.SCREEN).name == "dave"  # still within 2 s
    clock[0] += timedelta(seconds=2)
    with pytest.raises(AuthenticationError, match="revoked"):
        gate.authenticate(token, Action.SCREEN)
