"""A submitted response's answers are kept as written: in questionnaire order on both back-ends, and
through the migration that took PostgreSQL's column from jsonb to json (0012) and back."""

from __future__ import annotations

import random
from typing import Any

from sqlalchemy import inspect, text

from diagnose.questionnaire import Questionnaire
from diagnose.store import Store
from diagnose.store.schema import downgrade, head_revision, upgrade

from .conftest import full_answers
from .helpers import submit_full


def _submitted(store: Store, rnd: Any, q: Questionnaire, seed: int) -> tuple[int, dict[str, Any]]:
    opened = store.open_response(store.create_invitations(rnd.id)[0].token)
    assert opened.response is not None
    answers = full_answers(q, random.Random(seed))
    submit_full(store, opened.response.id, dict(reversed(list(answers.items()))))
    return opened.response.id, answers


def _questionnaire_order(q: Questionnaire, answers: dict[str, Any]) -> list[str]:
    return [item_id for item_id in q.item_by_id if item_id in answers]


def test_submitted_answers_come_back_in_questionnaire_order(store: Store, rnd: Any, q: Questionnaire) -> None:
    rid, answers = _submitted(store, rnd, q, 1)
    back = store.answers(rid)
    assert back == answers
    # jsonb sorted the keys by length, so exports from PostgreSQL listed them in another order
    assert list(back) == _questionnaire_order(q, answers)


def test_answers_survive_the_column_change_down_and_up(store: Store, rnd: Any, q: Questionnaire) -> None:
    rid, answers = _submitted(store, rnd, q, 2)
    assert downgrade(store.engine, "0011") == "0011"
    if store.engine.dialect.name == "postgresql":
        assert _answers_type(store) == "JSONB"
        with store.engine.connect() as conn:  # as a release before 0012 reads them
            assert (
                conn.execute(text("SELECT answers FROM response WHERE id = :id"), {"id": rid}).scalar()
                == answers
            )
    assert upgrade(store.engine) == head_revision()
    assert store.answers(rid) == answers  # rows converted from jsonb keep jsonb's key order
    if store.engine.dialect.name == "postgresql":
        assert _answers_type(store) == "JSON"
        # a release before 0012, still serving during a rolling restart, writes jsonb: cast on assignment
        with store.engine.begin() as conn:
            conn.execute(
                text("UPDATE response SET answers = CAST(:a AS jsonb) WHERE id = :id"),
                {"a": '{"zz": 1, "a": 2}', "id": rid},
            )
        assert store.answers(rid) == {"a": 2, "zz": 1}


def _answers_type(store: Store) -> str:
    column = next(c for c in inspect(store.engine).get_columns("response") if c["name"] == "answers")
    return type(column["type"]).__name__
