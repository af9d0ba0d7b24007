"""Users and access refusals in SQL: one short transaction per call."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker

from clearance.domain.errors import InputError
from clearance.services.access import Principal, Refusal, Role, User

from .tables import AccessRefusalRow, ApiUserRow
from .times import utc


def _user(row: ApiUserRow) -> User:
    return User(
        principal=Principal(
            name=row.name, role=Role(row.role), party=row.party, jurisdiction=row.jurisdiction
        ),
        created_at=utc(row.created_at),
        revoked_at=utc(row.revoked_at) if row.revoked_at else None,
    )


class SqlUserStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def add(self, user: User, token_hash: str) -> None:
        p = user.principal
        try:
            with self._sessions() as session, session.begin():
                session.add(
                    ApiUserRow(
                        name=p.name,
                        role=p.role.value,
                        party=p.party,
                        jurisdiction=p.jurisdiction,
                        token_hash=token_hash,
                        created_at=user.created_at,
                    )
                )
        except IntegrityError:
            raise InputError(f"a user named {p.name!r} exists already", field="name") from None

    def by_token_hash(self, token_hash: str) -> User | None:
        # Core, not an ORM session: this runs on every request, and Core costs less.
        table = ApiUserRow.__table__
        with self._engine.connect() as conn:
            row = conn.execute(select(table).where(table.c.token_hash == token_hash)).first()
        if row is None:
            return None
        return _user(ApiUserRow(**row._asdict()))

    def users(self) -> list[User]:
        with self._sessions() as session:
            return [_user(r) for r in session.scalars(select(ApiUserRow).order_by(ApiUserRow.name))]

    def revoke(self, name: str, at: datetime) -> bool:
        with self._sessions() as session, session.begin():
            result = session.execute(
                update(ApiUserRow)
                .where(ApiUserRow.name == name, ApiUserRow.revoked_at.is_(None))
                .values(revoked_at=at)
            )
            return bool(getattr(result, "rowcount", 0))


class SqlRefusalLog:
    def __init__(self, engine: Engine) -> None:
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def record(self, refusal: Refusal) -> None:
        with self._sessions() as session, session.begin():
            session.add(
                AccessRefusalRow(
                    at=refusal.at,
                    action=refusal.action,
                    status=refusal.status,
                    reason=refusal.reason,
                    user_name=refusal.user,
                    role=refusal.role,
                    target=(refusal.target or "")[:500] or None,
                )
            )

    def recent(self, limit: int = 100) -> list[Refusal]:
        with self._sessions() as session:
            rows = session.scalars(
                select(AccessRefusalRow).order_by(AccessRefusalRow.id.desc()).limit(limit)
            )
            return [
                Refusal(
                    at=utc(r.at),
                    action=r.action,
                    status=r.status,
                    reason=r.reason,
                    user=r.user_name,
                    role=r.role,
                    target=r.target,
                )
                for r in rows
            ]
