"""The app's few needs the store API does not cover, built from its public parts.

- access checks: every id that arrives from a URL is checked against the signed-in user's workspaces.
- the demo data for an empty database.

What a round shows (its diagnosis, history, what may be shown) comes from
``diagnose.store.round_view``; a live group answer is ``Store.start_group_response``.
"""

from __future__ import annotations

from diagnose import settings
from diagnose.problems import Problem, ValidationFailed
from diagnose.store import AccessDenied, Store
from diagnose.store.types import NetworkInfo, ResponseInfo, RoundInfo


def demo_allowed() -> bool:
    """The demo's published password must never open a real database: the app offers the demo only
    when the server was started with NETSCAN_DEMO=1 (and build_demo refuses a database with data)."""
    return settings.enabled("NETSCAN_DEMO")


def load_demo(store: Store) -> tuple[str, str]:
    """Fill an empty database with the demo data; returns the demo account (e-mail, password)."""
    from diagnose.store import demo

    if not demo_allowed():
        raise ValidationFailed([Problem("demo-not-allowed", id="NETSCAN_DEMO")])
    demo.build_demo(store)
    return demo.DEMO_EMAIL, demo.DEMO_PASSWORD


def check_network(store: Store, user_id: int, network_id: int) -> NetworkInfo:
    network = store.get_network(network_id)
    store.require_member(user_id, network.workspace_id)
    return network


def check_round(store: Store, user_id: int, round_id: int) -> RoundInfo:
    rnd = store.get_round(round_id)
    store.require_member(user_id, rnd.workspace_id)
    return rnd


def check_response(store: Store, user_id: int, response_id: int) -> tuple[ResponseInfo, RoundInfo]:
    response = store.get_response(response_id)
    rnd = check_round(store, user_id, response.round_id)
    return response, rnd


__all__ = [
    "AccessDenied",
    "check_network",
    "check_response",
    "check_round",
    "load_demo",
]
