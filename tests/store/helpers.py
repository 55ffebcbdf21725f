"""Helpers the store's API tests share: respondents who answer everything, statements seen."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from diagnose.questionnaire import Questionnaire
from diagnose.store import Store
from diagnose.store.types import ExportBy

from .conftest import full_answers, role_values

# the server's operator on the command line: may export answers per respondent and make backups
OPERATOR = ExportBy(None, "cli", "pytest")


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
