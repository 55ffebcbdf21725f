"""The respondent's flow on SQLite and PostgreSQL: links opened, autosave, submit, group answers."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from sqlalchemy import text

from diagnose import ValidationFailed
from diagnose.questionnaire import Questionnaire
from diagnose.store import AlreadySubmitted, Conflict, InvitationInvalid, NotFound, RoundClosed, Store

from .conftest import full_answers, required_answers, scale_items
from .helpers import statements, submit_full

UTC = dt.timezone.utc


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
    # with no role yet: the required questions asked of everyone (not those of some roles only)
    asked = {i.id for _, items in q.asked(None) for i in items if i.required}
    assert asked and asked <= set(required)
    assert set(store.submit(rid)) == asked
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
