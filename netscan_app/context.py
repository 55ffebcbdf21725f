"""The workspace, network and round a signed-in user is working on, with access checked.

Ids arrive from the URL and from this session; each is checked against the user's workspaces
before anything of it is shown (a workspace's networks are visible only to its members).
"""

from __future__ import annotations

import streamlit as st

from diagnose.store import StoreError
from diagnose.store.types import NetworkInfo, RoundInfo, User, Workspace
from netscan_app import state
from netscan_app.backend import check_network, check_round
from netscan_app.resources import get_store

WORKSPACE_KEY = "selected_workspace"


def workspaces(user: User) -> list[Workspace]:
    return get_store().workspaces_of(user.id)


def workspace(user: User) -> Workspace | None:
    mine = workspaces(user)
    if not mine:
        return None
    wanted = st.session_state.get(WORKSPACE_KEY)
    chosen = next((w for w in mine if w.id == wanted), None)
    if chosen is None:
        network = _network_from_url(user)
        chosen = next((w for w in mine if network and w.id == network.workspace_id), mine[0])
        st.session_state[WORKSPACE_KEY] = chosen.id
    return chosen


def select_workspace(workspace_id: int) -> None:
    st.session_state[WORKSPACE_KEY] = workspace_id
    state.select(state.NETWORK, None)
    state.select(state.ROUND, None)


def _network_from_url(user: User) -> NetworkInfo | None:
    network_id = state.selected(state.NETWORK)
    if network_id is None:
        return None
    try:
        return check_network(get_store(), user.id, network_id)
    except StoreError:
        state.select(state.NETWORK, None)
        st.session_state["access_problem"] = True
        return None


def network(user: User) -> NetworkInfo | None:
    """The selected network, if the user may see it and it is in the selected workspace."""
    found = _network_from_url(user)
    ws = workspace(user)
    if found is None or ws is None or found.workspace_id != ws.id:
        return None
    return found


def round_(user: User) -> RoundInfo | None:
    """The selected round of the selected network, if the user may see it."""
    net = network(user)
    round_id = state.selected(state.ROUND)
    if net is None:
        return None
    rounds = get_store().list_rounds(net.id)
    if round_id is None:
        if not rounds:
            return None
        round_id = rounds[-1].id
        state.select(state.ROUND, round_id)
    try:
        found = check_round(get_store(), user.id, round_id)
    except StoreError:
        state.select(state.ROUND, None)
        st.session_state["access_problem"] = True
        return None
    if found.network_id != net.id:
        state.select(state.ROUND, rounds[-1].id if rounds else None)
        return rounds[-1] if rounds else None
    return found


def select_network(network_id: int | None, round_id: int | None = None) -> None:
    state.select(state.NETWORK, network_id)
    state.select(state.ROUND, round_id)


def select_round(rnd: RoundInfo) -> None:
    state.select(state.NETWORK, rnd.network_id)
    state.select(state.ROUND, rnd.id)
