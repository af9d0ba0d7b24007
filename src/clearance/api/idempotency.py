"""The `Idempotency-Key` header: a retry with the same key returns the first result.

It is the CLI's `--idempotency-key`, kept apart per user and per kind of request: the stored
key is a hash of the user, the request's kind and the client's key, so one user's key never
answers another user's request, nor another kind of request, with the first result.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Header

from clearance.services.access import Principal
from clearance.services.audit_chain import sha256_text

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=200,
        description="A retry with the same key returns the first result; nothing is done twice.",
    ),
]


def user_key(principal: Principal, kind: str, key: str | None) -> str | None:
    """The stored key for `key` sent by `principal` for a `kind` of request (None without)."""
    if key is None:
        return None
    seed = principal.name + "\n" + key
    return f"api:{kind}:{sha256_text(seed)}"
