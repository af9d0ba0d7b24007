"""Client idempotency keys are kept apart per user and per kind of request."""

from __future__ import annotations

from clearance.api.idempotency import user_key
from clearance.services.access import new_principal

OFFICER = new_principal("officer", "compliance_officer", "NVIDIA Corporation")
ADMIN = new_principal("admin", "admin")


def test_the_same_user_kind_and_key_give_the_same_stored_key() -> None:
    assert user_key(OFFICER, "shipments.submit", "k") == user_key(OFFICER, "shipments.submit", "k")


def test_another_user_gets_another_stored_key() -> None:
    assert user_key(OFFICER, "shipments.submit", "k") != user_key(ADMIN, "shipments.submit", "k")


def test_another_kind_of_request_gets_another_stored_key() -> None:
    assert user_key(OFFICER, "shipments.submit", "k") != user_key(OFFICER, "shipments.cancel", "k")


def test_another_client_key_gets_another_stored_key() -> None:
    assert user_key(OFFICER, "shipments.submit", "k") != user_key(OFFICER, "shipments.submit", "k2")


def test_no_client_key_is_no_stored_key() -> None:
    assert user_key(OFFICER, "shipments.submit", None) is None
