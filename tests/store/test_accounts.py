"""Accounts on SQLite and PostgreSQL: users, passwords, memberships, login tokens (no mocks)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy import update as sa_update

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


# --- sign-in that resists guessing (issue 19) ---------------------------------------------------


def _throttle(store: Store, kind: str, value: str) -> models.SignInThrottle | None:
    from diagnose.store.accounts import _subject

    with store.db.read() as s:
        return s.get(models.SignInThrottle, _subject(kind, value))


def _let_time_pass(store: Store) -> None:
    """The wait is over: every block ends now (the counts stay)."""
    past = dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=1)
    with store.db.write() as s:
        s.execute(sa_update(models.SignInThrottle).values(blocked_until=past))


def test_wrong_passwords_meet_growing_delays_then_a_lock(store: Store) -> None:
    from diagnose.store import accounts

    store.add_user("co@example.org", "correct horse")
    waits = []
    for attempt in range(1, accounts.LOCK_AFTER["account"] + 1):
        assert store.sign_in("co@example.org", "wrong horse", "10.0.0.1").status == "wrong"
        row = _throttle(store, "account", "co@example.org")
        assert row is not None and row.failures == attempt
        waits.append(
            0
            if row.blocked_until is None
            else round((row.blocked_until - row.last_failure_at).total_seconds())
        )
        if attempt >= accounts.FREE_FAILURES:
            # while the wait runs, even the right password is refused, before any argon2 work
            refused = store.sign_in("co@example.org", "correct horse", "10.0.0.1")
            assert refused.status in ("wait", "locked") and refused.user is None
            assert refused.retry_after >= 1
        _let_time_pass(store) if attempt < accounts.LOCK_AFTER["account"] else None
    assert waits[:3] == [0, 0, 1] and waits[3:9] == [2, 4, 8, 16, 32, 60], waits
    assert waits[9] == accounts.LOCK_FOR.total_seconds()
    locked = store.sign_in("co@example.org", "correct horse", "10.0.0.2")
    assert locked.status == "locked" and locked.retry_after > 14 * 60
    store.unlock_sign_in("co@example.org")
    ok = store.sign_in("co@example.org", "correct horse", "10.0.0.2")
    assert ok.status == "ok" and ok.user is not None and ok.user.email == "co@example.org"


def test_a_success_clears_the_account_count_and_unknown_addresses_count_too(store: Store) -> None:
    store.add_user("co@example.org", "correct horse")
    for _ in range(2):
        assert store.sign_in("co@example.org", "nope nope", "c1").status == "wrong"
    assert store.sign_in("co@example.org", "correct horse", "c1").status == "ok"
    assert _throttle(store, "account", "co@example.org") is None
    # an address without an account is throttled the same way: no hint whether it exists
    for _ in range(3):
        assert store.sign_in("ghost@example.org", "nope nope", "c2").status == "wrong"
    assert store.sign_in("ghost@example.org", "nope nope", "c2").status == "wait"


def test_one_client_guessing_many_accounts_is_locked(store: Store) -> None:
    from diagnose.store import accounts

    store.add_user("co@example.org", "correct horse")
    for n in range(accounts.LOCK_AFTER["client"]):
        assert store.sign_in(f"guess{n}@example.org", "nope nope", "203.0.113.9").status == "wrong"
        _let_time_pass(store) if n < accounts.LOCK_AFTER["client"] - 1 else None
    row = _throttle(store, "client", "203.0.113.9")
    assert row is not None and row.failures == accounts.LOCK_AFTER["client"]
    assert store.sign_in("co@example.org", "correct horse", "203.0.113.9").status == "locked"
    # another client is not affected by this one's lock
    assert store.sign_in("co@example.org", "correct horse", "198.51.100.1").status == "ok"


def test_a_flood_of_sign_ins_runs_at_most_the_argon2_slots_at_once(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from diagnose.store import accounts, credentials

    store.add_user("co@example.org", "correct horse")
    running = 0
    most = 0
    guard = threading.Lock()
    real = credentials.check_password

    def counting(stored: str | None, password: str) -> bool:
        nonlocal running, most
        with guard:
            running += 1
            most = max(most, running)
        try:
            return real(stored, password)
        finally:
            with guard:
                running -= 1

    monkeypatch.setattr(credentials, "check_password", counting)
    monkeypatch.setattr(accounts, "ARGON2_WAIT_SECONDS", 0.0)
    results: list[str] = []
    start = threading.Barrier(12)

    def attempt(n: int) -> None:
        start.wait()
        results.append(store.sign_in(f"flood{n}@example.org", "nope nope", f"c{n}").status)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most <= accounts.ARGON2_SLOTS
    assert "busy" in results, "the excess was refused early, not queued"
    assert set(results) <= {"busy", "wrong"}


def test_sign_out_ends_the_session_for_every_copy_of_the_token(store: Store) -> None:
    user = store.add_user("co@example.org", "correct horse")
    token = store.create_login_token(user.id)
    other = store.create_login_token(user.id)
    assert store.user_for_login_token(token) == user
    copied = str(token)  # the same cookie in another tab or on another machine
    store.revoke_login_token(token)
    assert store.user_for_login_token(copied) is None
    assert store.user_for_login_token(other) == user, "only the session signed out ends"


def test_a_session_unused_for_longer_than_the_idle_limit_ends(store: Store) -> None:
    from diagnose.store import accounts

    user = store.add_user("co@example.org", "correct horse")
    token = store.create_login_token(user.id)
    long_ago = dt.datetime.now(dt.timezone.utc) - accounts.SESSION_IDLE - dt.timedelta(minutes=1)
    with store.db.write() as s:
        s.execute(sa_update(models.LoginToken).values(last_seen_at=long_ago))
    assert store.user_for_login_token(token) is None
    with store.engine.connect() as conn:
        assert conn.execute(select(models.LoginToken.id)).first() is None, "the ended session is deleted"
    fresh = store.create_login_token(user.id)
    a_while_ago = dt.datetime.now(dt.timezone.utc) - accounts.SESSION_TOUCH - dt.timedelta(minutes=1)
    with store.db.write() as s:
        s.execute(sa_update(models.LoginToken).values(last_seen_at=a_while_ago))
    assert store.user_for_login_token(fresh) == user
    with store.engine.connect() as conn:
        seen = conn.execute(select(models.LoginToken.last_seen_at)).scalar_one()
    assert seen is not None and models.UTCDateTime().process_result_value(seen, None) > a_while_ago  # type: ignore[arg-type]


def test_a_hand_over_code_becomes_a_session_once(store: Store) -> None:
    user = store.add_user("co@example.org", "correct horse")
    code = store.create_login_token(user.id, dt.timedelta(seconds=60))
    token = store.exchange_login_token(code)
    assert token is not None and token != code
    assert store.user_for_login_token(token) == user
    assert store.user_for_login_token(code) is None, "the code itself is no session"
    assert store.exchange_login_token(code) is None, "a code works once"
    stale = store.create_login_token(user.id, dt.timedelta(seconds=-1))
    assert store.exchange_login_token(stale) is None
    assert store.exchange_login_token("made-up") is None
