"""Accounts: users and their passwords, who is a member of which workspace, sign-in and sessions.

Sign-in resists guessing (``sign_in``): failures are counted per account and per client; after a
few, each further try must wait longer (1, 2, 4 … s, at most a minute), and after many the subject
is locked for a quarter of an hour. A waiting or locked subject is refused before any argon2 work,
and at most ``ARGON2_SLOTS`` password checks run at once in a process: a flood is refused early
("busy") instead of queueing 64 MiB each. Every refusal is logged (logger ``netscan.signin``).

Sessions live on the server: a login token whose SHA-256 only is stored, with an absolute expiry
(``LOGIN_TOKEN_TTL``) and an idle expiry (``SESSION_IDLE``). Signing out deletes it, which ends the
session in every tab and for every copy of the cookie; the app asks on each page run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import threading
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from diagnose.problems import Problem
from diagnose.store import credentials, models, records
from diagnose.store import types as t
from diagnose.store.audit import Actor, Audit
from diagnose.store.errors import AccessDenied, Conflict, NotFound
from diagnose.store.models import utcnow

MIN_PASSWORD_LENGTH = 8
LOGIN_TOKEN_TTL = dt.timedelta(days=14)
SESSION_IDLE = dt.timedelta(hours=12)
SESSION_TOUCH = dt.timedelta(minutes=5)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

# sign-in throttling: free tries, the growing delay after them, and the lock
FREE_FAILURES = 3
MAX_DELAY = dt.timedelta(seconds=60)
LOCK_AFTER = {"account": 10, "client": 30}
LOCK_FOR = dt.timedelta(minutes=15)
QUIET_RESET = dt.timedelta(minutes=15)
ARGON2_SLOTS = 2
ARGON2_WAIT_SECONDS = 2.0
_argon2 = threading.BoundedSemaphore(ARGON2_SLOTS)
log = logging.getLogger("netscan.signin")

SignInStatus = Literal["ok", "wrong", "wait", "locked", "busy"]


@dataclass(frozen=True)
class SignIn:
    """What a sign-in attempt came to: the user when ``ok``; for ``wait`` and ``locked`` how many
    seconds until the next try is taken; ``busy`` when too many checks run at once."""

    status: SignInStatus
    user: t.User | None = None
    retry_after: int = 0


def _subject(kind: str, value: str) -> str:
    return f"{kind}:{hashlib.sha256(value.encode()).hexdigest()}"


def delay_after(failures: int) -> dt.timedelta:
    """The wait before the next try after `failures` failures in a row: none for the first few,
    then doubling from one second up to a minute."""
    if failures < FREE_FAILURES:
        return dt.timedelta(0)
    return min(MAX_DELAY, dt.timedelta(seconds=2 ** (failures - FREE_FAILURES)))


class Accounts(Audit):
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
                    last_seen_at=now,
                )
            )
        return token

    def user_for_login_token(self, token: str) -> t.User | None:
        """The user of a live session: the token exists, is not past its expiry and was used within
        SESSION_IDLE. Using it keeps it alive (a write at most every SESSION_TOUCH)."""
        now = utcnow()
        digest = credentials.token_hash(token)
        with self.db.read() as s:
            found = s.execute(
                select(models.User, models.LoginToken.created_at, models.LoginToken.last_seen_at)
                .join(models.LoginToken, models.LoginToken.user_id == models.User.id)
                .where(models.LoginToken.token_hash == digest, models.LoginToken.expires_at > now)
            ).first()
        if found is None:
            return None
        user, created_at, last_seen_at = found
        seen = last_seen_at or created_at
        if now - seen > SESSION_IDLE:
            self.revoke_login_token(token)
            return None
        if now - seen > SESSION_TOUCH:
            with self.db.write() as s:
                s.execute(
                    update(models.LoginToken)
                    .where(models.LoginToken.token_hash == digest)
                    .values(last_seen_at=now)
                )
        return records.to_user(user)

    def exchange_login_token(self, code: str, ttl: dt.timedelta = LOGIN_TOKEN_TTL) -> str | None:
        """Trade a short-lived hand-over token for a new session token, once: the code is deleted
        in the same transaction (a second use, or an expired code, gives None)."""
        now = utcnow()
        with self.db.write() as s:
            user_id = s.execute(
                delete(models.LoginToken)
                .where(
                    models.LoginToken.token_hash == credentials.token_hash(code),
                    models.LoginToken.expires_at > now,
                )
                .returning(models.LoginToken.user_id)
            ).scalar()
        if user_id is None:
            return None
        return self.create_login_token(int(user_id), ttl)

    def revoke_login_token(self, token: str) -> None:
        with self.db.write() as s:
            s.execute(
                delete(models.LoginToken).where(models.LoginToken.token_hash == credentials.token_hash(token))
            )

    # --- sign-in that resists guessing ------------------------------------------------------------

    def sign_in(self, email: str, password: str, client: str = "") -> SignIn:
        """Check a password under throttling (see the module docstring); `client` identifies the
        browser's address (empty: only the account is throttled)."""
        address = email.strip().lower()
        subjects = [_subject("account", address)] + ([_subject("client", client)] if client else [])
        now = utcnow()
        with self.db.read() as s:
            rows = s.scalars(
                select(models.SignInThrottle).where(models.SignInThrottle.subject.in_(subjects))
            ).all()
        blocked = [r for r in rows if r.blocked_until is not None and r.blocked_until > now]
        if blocked:
            until = max(r.blocked_until for r in blocked if r.blocked_until is not None)
            locked = any(r.failures >= LOCK_AFTER[r.subject.split(":")[0]] for r in blocked)
            status: SignInStatus = "locked" if locked else "wait"
            log.warning("sign-in refused (%s) for %s from %s", status, address, client or "-")
            self.record("sign_in_blocked", address, actor=self._claimed(address))
            return SignIn(status, retry_after=max(1, int((until - now).total_seconds() + 0.999)))
        if not _argon2.acquire(timeout=ARGON2_WAIT_SECONDS):
            log.warning("sign-in refused (busy) for %s from %s", address, client or "-")
            return SignIn("busy", retry_after=5)
        try:
            user = self.verify_password(address, password)
        finally:
            _argon2.release()
        if user is not None:
            with self.db.write() as s:
                s.execute(delete(models.SignInThrottle).where(models.SignInThrottle.subject == subjects[0]))
            self.record("sign_in", address, actor=Actor(address, user.id))
            return SignIn("ok", user)
        self.db.retrying(3, lambda: self._count_failure(subjects))
        log.warning("sign-in failed for %s from %s", address, client or "-")
        self.record("sign_in_failed", address, actor=self._claimed(address))
        return SignIn("wrong")

    def _claimed(self, address: str) -> Actor:
        """Who a refused sign-in claimed to be: the account's id when the address has one, so its
        workspaces' administrators see attempts on it (an unknown address stays unattributed)."""
        user = self.user_by_email(address)
        return Actor(address, user.id if user else None)

    def _count_failure(self, subjects: list[str]) -> None:
        now = utcnow()
        with self.db.write() as s:
            for subject in subjects:
                row = _throttle_row(s, subject)
                if row is None:
                    row = models.SignInThrottle(subject=subject, failures=0, last_failure_at=now)
                    s.add(row)
                elif now - row.last_failure_at > QUIET_RESET and (
                    row.blocked_until is None or row.blocked_until <= now
                ):
                    row.failures = 0
                row.failures += 1
                row.last_failure_at = now
                kind = subject.split(":")[0]
                if row.failures >= LOCK_AFTER[kind]:
                    row.blocked_until = now + LOCK_FOR
                    log.warning(
                        "sign-in locked for %s minutes: %s", int(LOCK_FOR.total_seconds() // 60), kind
                    )
                else:
                    wait = delay_after(row.failures)
                    row.blocked_until = now + wait if wait else None

    def unlock_sign_in(self, email: str) -> None:
        """Lift an account's sign-in lock (an administrator's act; `netscan` or a test)."""
        with self.db.write() as s:
            s.execute(
                delete(models.SignInThrottle).where(
                    models.SignInThrottle.subject == _subject("account", email.strip().lower())
                )
            )


def _throttle_row(s: Session, subject: str) -> models.SignInThrottle | None:
    return s.get(models.SignInThrottle, subject, with_for_update=True)
