"""Accounts: users and their passwords, who is a member of which workspace, "remember me" tokens."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from diagnose.problems import Problem
from diagnose.store import credentials, models, records
from diagnose.store import types as t
from diagnose.store.database import Room
from diagnose.store.errors import AccessDenied, Conflict, NotFound
from diagnose.store.models import utcnow

MIN_PASSWORD_LENGTH = 8
LOGIN_TOKEN_TTL = dt.timedelta(days=14)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Accounts(Room):
    """Who may sign in, and to which workspaces."""

    def add_user(
        self,
        email: str,
        password: str,
        name: str = "",
        *,
        workspace_id: int | None = None,
        role: t.MemberRole = "member",
        min_password_length: int = MIN_PASSWORD_LENGTH,
    ) -> t.User:
        address = email.strip().lower()
        if not EMAIL.match(address) or len(address) > 320:
            raise Conflict(Problem("invalid-email", id="email", params={"key": email}))
        if len(password) < min_password_length:
            raise Conflict(Problem("weak-password", id="password", params={"minimum": min_password_length}))
        password_hash = credentials.hash_password(password)
        try:
            with self.db.write() as s:
                if s.scalar(select(models.User.id).where(models.User.email == address)) is not None:
                    raise Conflict(Problem("email-taken", id="email", params={"key": address}))
                user = models.User(email=address, name=" ".join(name.split()), password_hash=password_hash)
                s.add(user)
                s.flush()
                if workspace_id is not None:
                    records.workspace_row(s, workspace_id)
                    s.add(models.Membership(user_id=user.id, workspace_id=workspace_id, role=role))
                return records.to_user(user)
        except IntegrityError as exc:
            raise Conflict(Problem("email-taken", id="email", params={"key": address})) from exc

    def verify_password(self, email: str, password: str) -> t.User | None:
        """The user when the password is right, else None (same time either way)."""
        address = email.strip().lower()
        with self.db.read() as s:
            user = s.scalar(select(models.User).where(models.User.email == address))
        if not credentials.check_password(user.password_hash if user else None, password) or user is None:
            return None
        with self.db.write() as s:
            values: dict[str, Any] = {"last_login_at": utcnow()}
            if credentials.needs_rehash(user.password_hash):
                values["password_hash"] = credentials.hash_password(password)
            s.execute(update(models.User).where(models.User.id == user.id).values(**values))
        return records.to_user(user)

    def get_user(self, user_id: int) -> t.User:
        with self.db.read() as s:
            user = s.get(models.User, user_id)
            if user is None:
                raise NotFound("user", user_id)
            return records.to_user(user)

    def user_by_email(self, email: str) -> t.User | None:
        with self.db.read() as s:
            user = s.scalar(select(models.User).where(models.User.email == email.strip().lower()))
            return records.to_user(user) if user else None

    def set_password(
        self, user_id: int, password: str, *, min_password_length: int = MIN_PASSWORD_LENGTH
    ) -> None:
        if len(password) < min_password_length:
            raise Conflict(Problem("weak-password", id="password", params={"minimum": min_password_length}))
        password_hash = credentials.hash_password(password)
        with self.db.write() as s:
            done = s.execute(
                update(models.User)
                .where(models.User.id == user_id)
                .values(password_hash=password_hash)
                .returning(models.User.id)
            ).first()
            if done is None:
                raise NotFound("user", user_id)
            s.execute(delete(models.LoginToken).where(models.LoginToken.user_id == user_id))

    def list_users(self) -> list[t.User]:
        with self.db.read() as s:
            return [records.to_user(u) for u in s.scalars(select(models.User).order_by(models.User.email))]

    def add_member(self, workspace_id: int, user_id: int, role: t.MemberRole = "member") -> None:
        if role not in ("admin", "member"):
            raise ValueError(f"role must be admin or member, not {role!r}")
        with self.db.write() as s:
            records.workspace_row(s, workspace_id)
            if s.get(models.User, user_id) is None:
                raise NotFound("user", user_id)
            row = s.get(models.Membership, (user_id, workspace_id))
            if row is None:
                s.add(models.Membership(user_id=user_id, workspace_id=workspace_id, role=role))
            else:
                row.role = role

    def remove_member(self, workspace_id: int, user_id: int) -> None:
        with self.db.write() as s:
            s.execute(
                delete(models.Membership).where(
                    models.Membership.workspace_id == workspace_id, models.Membership.user_id == user_id
                )
            )

    def membership(self, user_id: int, workspace_id: int) -> t.MemberRole | None:
        with self.db.read() as s:
            role = s.scalar(
                select(models.Membership.role).where(
                    models.Membership.user_id == user_id, models.Membership.workspace_id == workspace_id
                )
            )
        return "admin" if role == "admin" else "member" if role == "member" else None

    def require_member(
        self, user_id: int, workspace_id: int, role: t.MemberRole | None = None
    ) -> t.MemberRole:
        """The user's role in the workspace; AccessDenied if none (or not admin when role="admin")."""
        actual = self.membership(user_id, workspace_id)
        if actual is None or (role == "admin" and actual != "admin"):
            raise AccessDenied(workspace_id)
        return actual

    def workspaces_of(self, user_id: int) -> list[t.Workspace]:
        with self.db.read() as s:
            rows = s.scalars(
                select(models.Workspace)
                .join(models.Membership, models.Membership.workspace_id == models.Workspace.id)
                .where(models.Membership.user_id == user_id)
                .order_by(models.Workspace.name, models.Workspace.id)
            )
            return [records.to_workspace(w) for w in rows]

    def members(self, workspace_id: int) -> list[t.Member]:
        with self.db.read() as s:
            rows = s.execute(
                select(models.User, models.Membership.role)
                .join(models.Membership, models.Membership.user_id == models.User.id)
                .where(models.Membership.workspace_id == workspace_id)
                .order_by(models.User.email)
            )
            return [
                t.Member(user=records.to_user(u), role="admin" if r == "admin" else "member") for u, r in rows
            ]

    def create_login_token(self, user_id: int, ttl: dt.timedelta = LOGIN_TOKEN_TTL) -> str:
        token = credentials.new_token()
        now = utcnow()
        with self.db.write() as s:
            if s.get(models.User, user_id) is None:
                raise NotFound("user", user_id)
            s.execute(delete(models.LoginToken).where(models.LoginToken.expires_at <= now))
            s.add(
                models.LoginToken(
                    user_id=user_id,
                    token_hash=credentials.token_hash(token),
                    created_at=now,
                    expires_at=now + ttl,
                )
            )
        return token

    def user_for_login_token(self, token: str) -> t.User | None:
        with self.db.read() as s:
            user = s.scalar(
                select(models.User)
                .join(models.LoginToken, models.LoginToken.user_id == models.User.id)
                .where(
                    models.LoginToken.token_hash == credentials.token_hash(token),
                    models.LoginToken.expires_at > utcnow(),
                )
            )
            return records.to_user(user) if user else None

    def revoke_login_token(self, token: str) -> None:
        with self.db.write() as s:
            s.execute(
                delete(models.LoginToken).where(models.LoginToken.token_hash == credentials.token_hash(token))
            )
