"""The `Idempotency-Key` header: a retry with the same key returns the first result.

It is the CLI's `--idempotency-key`, kept per user: the stored key is `USER:KEY`, so one
user's key never answers another user's request with the first user's result.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Header

from clearance.services.access import Principal

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=190,
        description="A retry with the same key returns the first result; nothing is done twice.",
    ),
]


def user_key(principal: Principal, key: str | None) -> str | None:
    """The stored key for `key` sent by `principal` (None without one)."""
    return None if key is None else f"{principal.name}:{key}"
