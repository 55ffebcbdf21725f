"""Helpers for the app's tests: a world (workspace, coordinator, network, round) made through the
store's own API, synthetic respondents, and AppTest shortcuts."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from diagnose.questionnaire import Questionnaire
from diagnose.store import Store
from diagnose.store.types import NetworkInfo, RoundInfo, User, Workspace
from diagnose.synthetic import RoundSpec, generate_round

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
OUTPUT = ROOT / "test-output" / "app"
PASSWORD = "correct horse battery"


@dataclass
class World:
    """A workspace with one coordinator, one network and one open round (full scan)."""

    store: Store
    url: str
    user: User
    workspace: Workspace
    network: NetworkInfo
    round: RoundInfo
    tokens: list[str] = field(default_factory=list)

    @property
    def q(self) -> Questionnaire:
        return self.store.bundle.questionnaire(self.round.questionnaire_id, self.round.questionnaire_version)


def synthetic_answers(q: Questionnaire, count: int, seed: int = 7, **spec: Any) -> list[dict[str, Any]]:
    """Valid, complete answers for ``count`` respondents (the core's synthetic generator)."""
    roles = spec.pop("roles", {"teacher": count})
    rnd = generate_round(q, RoundSpec(label="x", respondents=count, roles=roles, **spec), random.Random(seed))
    return [r.answers for r in rnd.responses]


def submit_responses(store: Store, round_id: int, answers: list[dict[str, Any]]) -> list[int]:
    """Respondents who each open a personal link, answer (autosave) and submit."""
    ids = []
    for person in answers:
        token = store.create_invitations(round_id, 1)[0].token
        opened = store.open_response(token)
        assert opened.response is not None
        for item_id, value in person.items():
            store.save_answer(opened.response.id, item_id, value)
        assert store.submit(opened.response.id) == []
        ids.append(opened.response.id)
    return ids


def make_world(
    store: Store,
    url: str,
    *,
    email: str = "coordinator@school.nl",
    network: str = "Netwerk Passend Onderwijs Test",
    round_label: str = "2026 voorjaar",
) -> World:
    workspace = store.create_workspace(f"Werkruimte {email}")
    user = store.add_user(email, PASSWORD, "Coördinator Test", workspace_id=workspace.id, role="admin")
    net = store.create_network(workspace.id, network, {"size": 12})
    rnd = store.create_round(net.id, round_label, results_visible_to_respondents=True)
    tokens = [inv.token for inv in store.create_invitations(rnd.id, 3)]
    return World(store, url, user, workspace, net, rnd, tokens)


def app(
    world: World | None = None, *, signed_in: bool = False, network: bool = True, round_: bool = True
) -> AppTest:
    """An AppTest of app.py; signed in as the world's coordinator with its network/round selected."""
    at = AppTest.from_file(APP, default_timeout=60)
    if world is not None and signed_in:
        at.session_state["auth_user"] = world.user
        if network:
            at.session_state["selected_netwerk"] = world.network.id
        if round_:
            at.session_state["selected_meting"] = world.round.id
    return at


def respondent(token: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["t"] = token
    return at


def texts(at: AppTest) -> str:
    """All the text an AppTest run shows (markdown, captions, alerts, titles, text), for assertions."""
    parts: list[str] = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "success",
        "warning",
        "error",
        "text",
    ):
        parts.extend(str(e.value) for e in at.get(kind))
    parts.extend(str(e.proto.text) for e in at.get("progress"))
    return "\n".join(parts)


def no_exceptions(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
