"""Accounts on SQLite and PostgreSQL: users, passwords, memberships, login tokens (no mocks)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from diagnose.store import AccessDenied, Conflict, Store, models
from diagnose.store.credentials import token_hash


def test_passwords_are_argon2_hashes_and_verify(store: Store) -> None:
    user = store.add_user("  Coordinator@Example.org ", "correct horse", "Co Ordinator")
    assert user.email == "coordinator@example.org"
    with store.engine.connect() as conn:
        stored = conn.execute(select(models.User.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    assert store.verify_password("COORDINATOR@example.org", "correct horse") == user
    assert store.verify_password("coordinator@example.org", "wrong horse") is None
    assert store.verify_password("nobody@example.org", "correct horse") is None
    store.set_password(user.id, "battery staple")
    assert store.verify_password(user.email, "correct horse") is None
    assert store.verify_password(user.email, "battery staple") == user


def test_user_input_errors(store: Store) -> None:
    store.add_user("a@example.org", "long enough")
    with pytest.raises(Conflict) as taken:
        store.add_user("A@example.org", "long enough")
    assert taken.value.code == "email-taken"
    with pytest.raises(Conflict) as weak:
        store.add_user("b@example.org", "short")
    assert weak.value.code == "weak-password"
    with pytest.raises(Conflict) as bad:
        store.add_user("not an address", "long enough")
    assert bad.value.code == "invalid-email"
    assert "e-mailadres" in bad.value.format("nl") and "e-mail address" in bad.value.format("en")


def test_membership_and_access_checks(store: Store) -> None:
    admin = store.add_user("admin@example.org", "long enough")
    member = store.add_user("member@example.org", "long enough")
    stranger = store.add_user("stranger@example.org", "long enough")
    ws = store.create_workspace("Programmabureau", owner_id=admin.id)
    store.add_member(ws.id, member.id)
    assert store.require_member(admin.id, ws.id, "admin") == "admin"
    assert store.require_member(member.id, ws.id) == "member"
    with pytest.raises(AccessDenied):
        store.require_member(member.id, ws.id, "admin")
    with pytest.raises(AccessDenied):
        store.require_member(stranger.id, ws.id)
    assert [w.id for w in store.workspaces_of(member.id)] == [ws.id]
    assert {m.user.email: m.role for m in store.members(ws.id)} == {
        "admin@example.org": "admin",
        "member@example.org": "member",
    }
    store.add_member(ws.id, member.id, "admin")
    assert store.membership(member.id, ws.id) == "admin"
    store.remove_member(ws.id, member.id)
    assert store.membership(member.id, ws.id) is None


def test_login_tokens_are_stored_hashed_expire_and_revoke(store: Store) -> None:
    user = store.add_user("a@example.org", "long enough")
    token = store.create_login_token(user.id)
    with store.engine.connect() as conn:
        hashes = conn.execute(select(models.LoginToken.token_hash)).scalars().all()
    assert hashes == [token_hash(token)]
    assert store.user_for_login_token(token) == user
    assert store.user_for_login_token(token + "x") is None
    expired = store.create_login_token(user.id, ttl=dt.timedelta(seconds=-1))
    assert store.user_for_login_token(expired) is None
    store.revoke_login_token(token)
    assert store.user_for_login_token(token) is None
