"""Answers given but not yet in the database: kept in the session and saved again until they are.

When a save fails because the database cannot answer (locked by another writer for longer than the
busy timeout, disk full, read-only, the server gone: ``DatabaseUnavailable``), the answer is kept
here, in order, newest value per item. The form counts it as given, the respondent sees a calm
message, and the waiting answers are saved again on the next interaction and by a short timer
(``retry_timer``), oldest first. A validation problem is not a database problem: that answer is
dropped with its message, as before. Nothing here touches widgets; ``form.py`` does.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from diagnose.problems import ValidationFailed
from diagnose.store.errors import DatabaseUnavailable, StoreError
from netscan_app.i18n import current_lang
from netscan_app.resources import get_store

#: after a failed save, interactions within this many seconds keep their answer without waiting
#: on the database again; the timer tries again at this interval
RETRY_SECONDS = 5.0


@dataclass
class Waiting:
    """One response's unsaved answers (item id → value, None = cleared) and the last failure."""

    answers: dict[str, Any] = field(default_factory=dict)
    failed_at: float | None = None


@dataclass(frozen=True)
class Outcome:
    saved: list[str]
    #: answers the store refused (not kept): their message is in the form's errors
    refused: list[str]
    left: int


def waiting(response_id: int) -> Waiting:
    key = f"unsaved_{response_id}"
    if key not in st.session_state:
        st.session_state[key] = Waiting()
    found: Waiting = st.session_state[key]
    return found


def keep(response_id: int, item_id: str, value: Any) -> None:
    w = waiting(response_id)
    w.answers.pop(item_id, None)  # re-inserted last: saved after anything given earlier
    w.answers[item_id] = value


def flush(
    response_id: int, *, force: bool = False, save: Callable[[int, str, Any], None] | None = None
) -> Outcome:
    """Save the waiting answers, oldest first; stop at the first database failure. Without `force`,
    a failure less than RETRY_SECONDS ago means: keep everything and do not wait on the database."""
    w = waiting(response_id)
    errors: dict[str, str] = st.session_state.setdefault(f"errors_{response_id}", {})
    saved: list[str] = []
    refused: list[str] = []
    if not w.answers or (
        not force and w.failed_at is not None and time.monotonic() - w.failed_at < RETRY_SECONDS
    ):
        return Outcome(saved, refused, len(w.answers))
    write = save or get_store().save_answer
    for item_id, value in list(w.answers.items()):
        try:
            write(response_id, item_id, value)
        except DatabaseUnavailable:
            w.failed_at = time.monotonic()
            break
        except ValidationFailed as exc:
            del w.answers[item_id]
            problem = exc.problems[0]
            errors[item_id] = problem.what(current_lang())
            if isinstance(exc, StoreError):  # the draft can no longer change: the page says why
                st.session_state["form_blocked"] = problem.code
            refused.append(item_id)
            continue
        del w.answers[item_id]
        errors.pop(item_id, None)
        saved.append(item_id)
    else:
        w.failed_at = None
    if saved:
        st.session_state[f"saved_at_{response_id}"] = dt.datetime.now(dt.timezone.utc)
    return Outcome(saved, refused, len(w.answers))


def count(response_id: int) -> int:
    return len(waiting(response_id).answers)


@st.fragment(run_every=RETRY_SECONDS)
def retry_timer(response_id: int) -> None:
    """While answers wait, try again every few seconds; once all are in, redraw the whole page."""
    if not count(response_id):
        return
    outcome = flush(response_id, force=True)
    if outcome.saved or outcome.refused:
        st.rerun(scope="app")
