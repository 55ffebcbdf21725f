"""The store's API as the app uses it, on SQLite and PostgreSQL: no mocks, a real database each."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, select, text

from diagnose import Bundle, ValidationFailed, diagnose
from diagnose.questionnaire import Questionnaire
from diagnose.store import (
    AccessDenied,
    AlreadySubmitted,
    Conflict,
    InvitationInvalid,
    NotFound,
    RoundClosed,
    Store,
    models,
)
from diagnose.store.credentials import token_hash

from .conftest import full_answers, required_answers, role_values, scale_items

UTC = dt.timezone.utc


@pytest.fixture
def rnd(store: Store) -> Any:
    ws = store.create_workspace("Adviesbureau")
    net = store.create_network(ws.id, "Netwerk A", {"sector": "po", "size": 12})
    return store.create_round(net.id, "2025 voorjaar", date=dt.date(2025, 3, 1))


@contextmanager
def statements(store: Store) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(" ".join(statement.split()))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", record)


def submit_full(store: Store, response_id: int, answers: dict[str, Any]) -> None:
    for item_id, value in answers.items():
        store.save_answer(response_id, item_id, value)
    assert store.submit(response_id) == []


def add_respondents(store: Store, round_id: int, q: Questionnaire, n: int, seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(n):
        opened = store.open_response(store.create_invitations(round_id)[0].token)
        assert opened.response is not None
        submit_full(store, opened.response.id, full_answers(q, rng, role=rng.choice(role_values(q))))


# ---- users and access ---------------------------------------------------------------------------


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


# ---- workspaces, networks, rounds --------------------------------------------------------------


def test_networks_and_rounds(store: Store) -> None:
    ws = store.create_workspace("  Adviesbureau   Oost ")
    assert ws.name == "Adviesbureau Oost"
    net = store.create_network(
        ws.id, "Netwerk A", {"sector": "vo", "size": 12.0, "member_kinds": ["vo_school"]}
    )
    assert net.profile == {"sector": "vo", "size": 12, "member_kinds": ["vo_school"]}
    with pytest.raises(Conflict):
        store.create_network(ws.id, "Netwerk A")
    with pytest.raises(ValidationFailed) as bad_profile:
        store.create_network(ws.id, "Netwerk B", {"sector": "kindergarten", "colour": "blue"})
    codes = {p.code for p in bad_profile.value.problems}
    assert codes == {"answer-value", "unknown-fact"}
    later = store.create_round(net.id, "2026", date=dt.date(2026, 3, 1))
    earlier = store.create_round(net.id, "2025", date=dt.date(2025, 3, 1))
    assert [r.label for r in store.list_rounds(net.id)] == ["2025", "2026"]
    assert (
        later.questionnaire_id == "netwerkscan" and later.is_open and not later.results_visible_to_respondents
    )
    with pytest.raises(Conflict) as exists:
        store.create_round(net.id, "2025")
    assert exists.value.code == "round-exists"
    with pytest.raises(ValidationFailed) as unknown:
        store.create_round(net.id, "2027", questionnaire_id="netwerkscna")
    assert unknown.value.problems[0].code == "unknown-questionnaire"
    assert "netwerkscan" in unknown.value.format("en")
    updated = store.update_round(
        earlier.id, results_visible_to_respondents=True, questionnaire_id="quickscan"
    )
    assert updated.results_visible_to_respondents and updated.questionnaire_id == "quickscan"
    assert not store.close_round(earlier.id).is_open
    assert store.reopen_round(earlier.id).is_open
    with pytest.raises(NotFound):
        store.get_round(10_000)


def test_questionnaire_of_a_round_is_locked_once_it_has_responses(store: Store, rnd: Any) -> None:
    store.open_response(store.create_shared_link(rnd.id).token)
    with pytest.raises(Conflict) as locked:
        store.update_round(rnd.id, questionnaire_id="quickscan")
    assert locked.value.code == "questionnaire-locked"


def test_deleting_a_network_removes_its_rounds_and_answers(store: Store, rnd: Any, q: Questionnaire) -> None:
    opened = store.open_response(store.create_invitations(rnd.id)[0].token)
    assert opened.response is not None
    store.save_answer(opened.response.id, scale_items(q)[0], 3)
    store.delete_network(rnd.network_id)
    counts = store.table_counts()
    assert counts["round"] == counts["response"] == counts["answer"] == 0


# ---- invitations and the respondent's flow ----------------------------------------------------


def test_invitation_tokens_are_stored_only_as_hashes(store: Store, rnd: Any) -> None:
    made = store.create_invitations(rnd.id, labels=["voor de bestuurder", "voor de leraar"])
    shared = store.create_shared_link(rnd.id)
    tokens = [m.token for m in made] + [shared.token]
    assert len(set(tokens)) == 3 and all(len(tok) >= 24 for tok in tokens)
    with store.engine.connect() as conn:
        dump = " ".join(str(v) for row in conn.execute(select(models.Invitation)).all() for v in row)
    assert not any(tok in dump for tok in tokens)
    assert all(token_hash(tok) in dump for tok in tokens)
    assert [i.label for i in store.list_invitations(rnd.id)] == ["voor de bestuurder", "voor de leraar", None]


def test_open_response_outcomes(store: Store, rnd: Any, q: Questionnaire) -> None:
    assert store.open_response("no-such-token").status == "unknown"
    personal = store.create_invitations(rnd.id)[0]
    first = store.open_response(personal.token)
    assert first.status == "new" and first.ok and first.resume_key is None and first.response is not None
    again = store.open_response(personal.token)
    assert again.status == "resumed" and again.response == first.response

    expired = store.create_invitations(rnd.id, expires_at=dt.datetime.now(UTC) - dt.timedelta(minutes=1))[0]
    assert store.open_response(expired.token).status == "expired"
    future = store.create_invitations(rnd.id, expires_at=dt.datetime.now(UTC) + dt.timedelta(days=1))[0]
    assert store.open_response(future.token).status == "new"

    revoked = store.create_invitations(rnd.id)[0]
    store.revoke_invitation(revoked.invitation.id)
    assert store.open_response(revoked.token).status == "revoked"

    submit_full(store, first.response.id, required_answers(q, random.Random(1)))
    done = store.open_response(personal.token)
    assert done.status == "submitted" and not done.ok and done.round is not None

    unused = store.create_invitations(rnd.id)[0]
    store.close_round(rnd.id)
    assert store.open_response(unused.token).status == "closed"
    assert store.open_response(personal.token).status == "submitted"
    assert store.round_counts(rnd.id).invited == 4  # revoked invitations do not count


def test_shared_link_gives_each_browser_its_own_resumable_response(
    store: Store, rnd: Any, q: Questionnaire
) -> None:
    link = store.create_shared_link(rnd.id)
    one = store.open_response(link.token)
    two = store.open_response(link.token)
    assert one.status == two.status == "new"
    assert one.response is not None and two.response is not None and one.resume_key and two.resume_key
    assert one.response.id != two.response.id and one.response.respondent != two.response.respondent
    item = scale_items(q)[0]
    store.save_answer(one.response.id, item, 2)
    back = store.open_response(link.token, one.resume_key)
    assert back.status == "resumed" and back.response == one.response
    assert store.answers(back.response.id) == {item: 2}
    stranger = store.open_response(link.token, "a key this link never gave out")
    assert stranger.status == "new" and stranger.response is not None
    assert stranger.response.id not in (one.response.id, two.response.id)
    assert store.list_invitations(rnd.id)[0].responses == 3


def test_save_answer_is_one_idempotent_upsert(store: Store, rnd: Any, q: Questionnaire) -> None:
    opened = store.open_response(store.create_invitations(rnd.id)[0].token)
    assert opened.response is not None
    rid = opened.response.id
    item = scale_items(q)[0]
    store.save_answer(rid, item, 3)  # warms the questionnaire cache
    with statements(store) as seen:
        store.save_answer(rid, item, 4)
    data = [s for s in seen if not s.upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "SELECT 1"))]
    assert len(data) == 1, seen
    assert data[0].upper().startswith("INSERT INTO ANSWER") and "ON CONFLICT" in data[0].upper()
    for _ in range(3):
        store.save_answer(rid, item, 4)
    assert store.answers(rid) == {item: 4}
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM answer")).scalar() == 1
    store.save_answer(rid, item, None)
    store.save_answer(rid, item, None)
    assert store.answers(rid) == {}


def test_save_answer_accepts_every_item_type(store: Store, rnd: Any, q: Questionnaire) -> None:
    opened = store.open_response(store.create_invitations(rnd.id)[0].token)
    assert opened.response is not None
    answers = full_answers(q, random.Random(7))
    for item_id, value in answers.items():
        store.save_answer(opened.response.id, item_id, value)
    assert store.answers(opened.response.id) == answers
    assert list(store.answers(opened.response.id)) == [i.id for i in q.items()]  # questionnaire order


def test_save_answer_rejects_invalid_values_naming_the_item(store: Store, rnd: Any, q: Questionnaire) -> None:
    opened = store.open_response(store.create_invitations(rnd.id)[0].token)
    assert opened.response is not None
    rid = opened.response.id
    scale = scale_items(q)[0]
    single = next(i for i in q.items() if i.type == "single")
    multi = next(i for i in q.items() if i.type == "multi")
    number = next(i for i in q.items() if i.type == "number" and i.max is not None)
    cases = [
        (scale, 6),
        (scale, 2.5),
        (scale, "5"),
        (scale, True),
        (single.id, "nope"),
        (multi.id, "not-a-list"),
        (multi.id, [multi.option_values[0]] * 2),
        (number.id, (number.max or 0) + 1),
    ]
    for item_id, value in cases:
        with pytest.raises(ValidationFailed) as caught:
            store.save_answer(rid, item_id, value)
        problem = caught.value.problems[0]
        assert problem.code == "answer-value" and problem.field == item_id, (item_id, value)
    with pytest.raises(ValidationFailed) as unknown:
        store.save_answer(rid, scale + "x", 3)
    assert unknown.value.problems[0].code == "unknown-item"
    assert f"'{scale}'" in unknown.value.format("en")  # did you mean
    assert store.answers(rid) == {}
    with pytest.raises(NotFound):
        store.save_answer(99_999, scale, 3)


def test_no_answer_changes_after_submit_close_or_revoke(store: Store, rnd: Any, q: Questionnaire) -> None:
    item = scale_items(q)[0]
    submitted = store.open_response(store.create_invitations(rnd.id)[0].token).response
    assert submitted is not None
    submit_full(store, submitted.id, required_answers(q, random.Random(2)))
    with pytest.raises(AlreadySubmitted):
        store.save_answer(submitted.id, item, 1)
    with pytest.raises(AlreadySubmitted):
        store.submit(submitted.id)

    invitation = store.create_invitations(rnd.id)[0]
    revoked = store.open_response(invitation.token).response
    assert revoked is not None
    store.revoke_invitation(invitation.invitation.id)
    with pytest.raises(InvitationInvalid):
        store.save_answer(revoked.id, item, 1)

    draft = store.open_response(store.create_invitations(rnd.id)[0].token).response
    assert draft is not None
    store.save_answer(draft.id, item, 5)
    store.close_round(rnd.id)
    with pytest.raises(RoundClosed):
        store.save_answer(draft.id, item, 1)
    with pytest.raises(RoundClosed):
        store.save_answer(draft.id, item, None)
    assert store.answers(draft.id) == {item: 5}


def test_submit_lists_missing_required_items_then_freezes_the_answers(
    store: Store, rnd: Any, q: Questionnaire
) -> None:
    opened = store.open_response(store.create_invitations(rnd.id)[0].token)
    assert opened.response is not None
    rid = opened.response.id
    required = required_answers(q, random.Random(3))
    assert set(store.submit(rid)) == set(required)
    first = next(iter(required))
    store.save_answer(rid, first, required[first])
    assert first not in store.submit(rid)
    assert store.get_response(rid).status == "draft"
    for item_id, value in required.items():
        store.save_answer(rid, item_id, value)
    assert store.submit(rid) == []
    response = store.get_response(rid)
    assert response.status == "submitted" and response.submitted_at is not None
    assert store.answers(rid) == required
    counts = store.table_counts()
    assert counts["answer"] == 0  # the draft rows became one frozen JSON document


def test_a_role_given_by_the_invitation_counts_as_the_role_answer(
    store: Store, rnd: Any, q: Questionnaire
) -> None:
    role_item = q.fact_item("respondent_role")
    assert role_item is not None
    with pytest.raises(ValidationFailed):
        store.create_invitations(rnd.id, role="astronaut")
    opened = store.open_response(store.create_invitations(rnd.id, role="board")[0].token)
    assert opened.response is not None and opened.response.role == "board"
    required = {k: v for k, v in required_answers(q, random.Random(4)).items() if k != role_item.id}
    for item_id, value in required.items():
        store.save_answer(opened.response.id, item_id, value)
    assert store.submit(opened.response.id) == []
    assert store.round_as_core(rnd.id).responses[0].role == "board"


def test_round_counts(store: Store, rnd: Any, q: Questionnaire) -> None:
    invitations = store.create_invitations(rnd.id, 5)
    store.open_response(invitations[0].token)  # opened, nothing answered
    started = store.open_response(invitations[1].token).response
    assert started is not None
    store.save_answer(started.id, scale_items(q)[0], 4)
    done = store.open_response(invitations[2].token).response
    assert done is not None
    submit_full(store, done.id, required_answers(q, random.Random(5)))
    store.revoke_invitation(invitations[4].invitation.id)
    counts = store.round_counts(rnd.id)
    assert (counts.invited, counts.opened, counts.started, counts.submitted) == (4, 3, 2, 1)


def test_group_response(store: Store, rnd: Any, q: Questionnaire) -> None:
    answers = required_answers(q, random.Random(6))
    response = store.add_group_response(rnd.id, answers, role="other", respondent="Intake 12 maart")
    assert response.group and response.status == "submitted"
    with pytest.raises(Conflict):
        store.add_group_response(rnd.id, answers, respondent="Intake 12 maart")
    with pytest.raises(ValidationFailed) as missing:
        store.add_group_response(rnd.id, {})
    assert {p.code for p in missing.value.problems} == {"missing-field"}
    core = store.round_as_core(rnd.id)
    assert core.responses[0].group and core.responses[0].answers == answers


# ---- diagnosis ------------------------------------------------------------------------------------


def test_diagnose_round_passes_the_previous_round_as_history(
    store: Store, bundle: Bundle, q: Questionnaire
) -> None:
    ws = store.create_workspace("W")
    net = store.create_network(ws.id, "N", {"size": 10})
    other = store.create_network(ws.id, "Other")
    r2026 = store.create_round(net.id, "2026", date=dt.date(2026, 3, 1))
    r2024 = store.create_round(net.id, "2024", date=dt.date(2024, 3, 1))
    r2025 = store.create_round(
        net.id, "2025", date=dt.date(2025, 3, 1)
    )  # created last, in the middle in time
    store.create_round(other.id, "2025b", date=dt.date(2025, 6, 1))
    add_respondents(store, r2024.id, q, 4, seed=1)
    add_respondents(store, r2026.id, q, 4, seed=3)
    first = store.diagnose_round(r2024.id).diagnosis()
    assert first.previous is None
    # 2025 has no submitted answers: 2026's history is 2024
    with pytest.raises(ValidationFailed) as empty:
        store.diagnose_round(r2025.id)
    assert empty.value.problems[0].code == "no-responses"
    snap = store.diagnose_round(r2026.id)
    d = snap.diagnosis()
    assert d.previous is not None and d.previous.label == "2024"
    expected = diagnose(
        bundle,
        q,
        store.round_as_core(r2026.id),
        [store.round_as_core(r2024.id)],
        store.network_as_core(net.id),
    )
    assert snap.data == expected.model_dump(mode="json")
    assert (snap.questionnaire_id, snap.questionnaire_version) == (q.id, q.version)
    assert (snap.ruleset_id, snap.ruleset_version) == (bundle.settings.id, bundle.settings.version)
    assert snap.respondents == 4


def test_history_from_a_round_with_another_questionnaire_uses_its_scores(
    store: Store, bundle: Bundle
) -> None:
    quick = bundle.questionnaire("quickscan")
    full = bundle.questionnaire("netwerkscan")
    ws = store.create_workspace("W")
    net = store.create_network(ws.id, "N")
    before = store.create_round(net.id, "2024", date=dt.date(2024, 1, 1), questionnaire_id="quickscan")
    after = store.create_round(net.id, "2025", date=dt.date(2025, 1, 1))
    add_respondents(store, before.id, quick, 3, seed=8)
    add_respondents(store, after.id, full, 3, seed=9)
    d = store.diagnose_round(after.id).diagnosis()
    assert d.previous is not None and d.previous.label == "2024"
    assert set(d.previous.scores) <= set(d.scores)


def test_rediagnosis_adds_snapshots_and_equals_diagnose_round(store: Store, q: Questionnaire) -> None:
    ws = store.create_workspace("W")
    rounds = []
    for n in range(2):
        net = store.create_network(ws.id, f"N{n}")
        for year in (2023, 2024, 2025):
            r = store.create_round(net.id, str(year), date=dt.date(year, 2, 1))
            add_respondents(store, r.id, q, 3, seed=year + n)
            rounds.append(r)
    singles = {r.id: store.diagnose_round(r.id) for r in rounds}
    report = store.rediagnose(workspace_id=ws.id)
    assert report.diagnosed == 6 and report.skipped == []
    for r in rounds:
        kept = store.snapshots(r.id)
        assert len(kept) == 2 and kept[0] == singles[r.id]  # the old one is kept, unchanged
        assert kept[1].data == singles[r.id].data
        assert store.latest_snapshot(r.id) == kept[1]
    empty = store.create_round(store.list_networks(ws.id)[0].id, "2026", date=dt.date(2026, 1, 1))
    report = store.rediagnose(round_id=empty.id)
    assert report.diagnosed == 0 and report.skipped[0][0] == empty.id


def test_network_history_for_trend_charts(store: Store, q: Questionnaire) -> None:
    ws = store.create_workspace("W")
    net = store.create_network(ws.id, "N")
    for year in (2024, 2025):
        r = store.create_round(net.id, str(year), date=dt.date(year, 1, 1))
        add_respondents(store, r.id, q, 3, seed=year)
        store.diagnose_round(r.id)
        store.diagnose_round(r.id)
    store.create_round(net.id, "2026", date=dt.date(2026, 1, 1))
    history = store.network_history(net.id)
    assert [h.round.label for h in history] == ["2024", "2025", "2026"]
    assert [h.counts.submitted for h in history] == [3, 3, 0]
    assert history[2].snapshot is None
    assert history[1].snapshot is not None and history[1].snapshot == store.latest_snapshot(
        history[1].round.id
    )
    assert history[1].snapshot.diagnosis().previous is not None


def test_round_as_core_with_drafts(store: Store, rnd: Any, q: Questionnaire) -> None:
    draft = store.open_response(store.create_invitations(rnd.id)[0].token).response
    assert draft is not None
    store.open_response(store.create_invitations(rnd.id)[0].token)  # no answers: left out
    store.save_answer(draft.id, scale_items(q)[0], 2)
    assert store.round_as_core(rnd.id).responses == []
    with_drafts = store.round_as_core(rnd.id, include_drafts=True)
    assert [r.answers for r in with_drafts.responses] == [{scale_items(q)[0]: 2}]


def test_a_group_answer_filled_in_live_autosaves_like_anyone(
    store: Store, rnd: Any, q: Questionnaire
) -> None:
    draft = store.start_group_response(rnd.id, "Intake 12 maart", role="other")
    assert draft.group and draft.status == "draft" and draft.respondent == "Intake 12 maart"
    with pytest.raises(Conflict):
        store.start_group_response(rnd.id, "Intake 12 maart")
    answers = required_answers(q, random.Random(9))
    for item_id, value in answers.items():
        store.save_answer(draft.id, item_id, value)
    assert store.submit(draft.id) == []
    core = store.round_as_core(rnd.id)
    assert core.responses[0].group and core.responses[0].role == "other"
    assert store.diagnose_round(rnd.id).diagnosis().round.group_only
    store.close_round(rnd.id)
    with pytest.raises(RoundClosed):
        store.start_group_response(rnd.id, "Te laat")
