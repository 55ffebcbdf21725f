"""Workspaces, networks, rounds and invitations on SQLite and PostgreSQL (no mocks)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from sqlalchemy import select

from diagnose import ValidationFailed
from diagnose.questionnaire import Questionnaire
from diagnose.store import Conflict, NotFound, Store, models
from diagnose.store.credentials import token_hash

from .conftest import required_answers, scale_items
from .helpers import submit_full


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
