"""The portfolio's rows from a real store (store/portfolio_view.py) on SQLite and PostgreSQL: latest
round and its state, open agreements, the headline as the consultant's edit has it."""

from __future__ import annotations

import datetime as dt

import pytest

from diagnose.cards import summary_cards
from diagnose.edits import Edit
from diagnose.problems import ValidationFailed
from diagnose.questionnaire import Questionnaire
from diagnose.store import Store
from diagnose.store.portfolio_view import portfolio_rows, with_headlines

from .helpers import add_respondents

pytestmark = pytest.mark.usefixtures("db_url")
TODAY = dt.date(2026, 11, 30)


def test_portfolio_rows_from_the_store(store: Store, q: Questionnaire) -> None:
    ws = store.create_workspace("Programmabureau")
    steady = store.create_network(ws.id, "Netwerk Steady", {"sector": "po"})
    rnd = store.create_round(steady.id, "2026", date=dt.date(2026, 3, 1))
    add_respondents(store, rnd.id, q, 4, seed=1)
    store.create_invitations(rnd.id, 4)  # 4 of 8 links answered
    store.close_round(rnd.id)
    d = store.diagnose_round(rnd.id).diagnosis()
    agreement = store.add_agreement(rnd.id, "Elke maand een leerbijeenkomst", on=dt.date(2026, 4, 1))
    store.add_agreement(rnd.id, "Website bijwerken", on=dt.date(2026, 4, 1))
    store.set_agreement_status(agreement.id, "done", on=dt.date(2026, 6, 1))

    late = store.create_network(ws.id, "Netwerk Laat", {"sector": "vo"})
    open_round = store.create_round(late.id, "2026", date=dt.date(2026, 9, 1))
    store.set_mail_settings(open_round.id, deadline=dt.date(2026, 10, 1))
    add_respondents(store, open_round.id, q, 2, seed=2)
    few = store.create_network(ws.id, "Netwerk Weinig", {"sector": "vo"})
    few_round = store.create_round(few.id, "2026", date=dt.date(2026, 3, 1))
    add_respondents(store, few_round.id, q, 2, seed=3)
    store.close_round(few_round.id)
    store.diagnose_round(few_round.id)

    rows = {r.name: r for r in portfolio_rows(store, ws.id, today=TODAY)}
    r = rows["Netwerk Steady"]
    assert r.latest is not None and r.latest.round_id == rnd.id
    assert (r.status, r.response_rate, r.open_agreements) == ("closed", 50, 1)
    assert r.measured is not None and r.measured.round_id == rnd.id and r.headline is None
    assert r.network_type == d.profile["network_type"].value  # as the members answered it
    assert [x.code for x in rows["Netwerk Laat"].reasons] == ["overdue"]
    assert rows["Netwerk Laat"].status == "open" and rows["Netwerk Laat"].measured is None
    weinig = rows["Netwerk Weinig"]
    assert (weinig.status, [x.code for x in weinig.reasons]) == ("results_closed", ["low_response"])
    assert weinig.measured is None  # closed results are never measured, so no headline either

    shown = {x.name: x for x in with_headlines(store, list(rows.values()))}
    computed = summary_cards(d, store.bundle)
    assert shown["Netwerk Steady"].headline == computed[0].lead.title
    assert shown["Netwerk Weinig"].headline is None
    # the consultant puts another finding on top: the portfolio follows the edit
    other = next(c for c in computed[1:] if not c.is_strength)
    store.save_edit(rnd.id, Edit(summary=(other.lead.rule,)), version=0)
    again = with_headlines(store, [rows["Netwerk Steady"]])[0]
    assert again.headline == other.lead.title


def test_the_region_is_an_optional_profile_field_from_a_fixed_list(store: Store, q: Questionnaire) -> None:
    ws = store.create_workspace("Adviesbureau")
    net = store.create_network(ws.id, "Netwerk Utrecht", {"sector": "po", "region": "utrecht"})
    assert net.profile["region"] == "utrecht"
    with pytest.raises(ValidationFailed) as refused:
        store.update_network(net.id, profile={"region": "Noord Brabant"})
    problem = refused.value.problems[0]
    assert (problem.code, problem.field) == ("unknown-region", "region")
    assert "noord_brabant" in problem.what("nl") and "provincie" in problem.fix("nl")
    assert store.get_network(net.id).profile["region"] == "utrecht"  # nothing lost
    # no rule reads the region, and a diagnosis of a network that has one still works
    rnd = store.create_round(net.id, "2026", date=dt.date(2026, 3, 1))
    add_respondents(store, rnd.id, q, 3, seed=4)
    assert store.diagnose_round(rnd.id).diagnosis().results_allowed
    assert store.update_network(net.id, profile={"sector": "po"}).profile == {"sector": "po"}


def test_the_rows_are_made_with_the_collector_paused_and_their_cycles_freed_after(
    store: Store, q: Questionnaire, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full collection set off while the rows are made walks every object in the process and
    frees none of the rows (diagnose/collector.py): paused while reading and building them, on again
    after, and what the work left in cycles is freed then."""
    import gc
    import weakref

    from diagnose.portfolio import portfolio
    from diagnose.store import portfolio_view

    ws = store.create_workspace("Adviesbureau")
    net = store.create_network(ws.id, "Netwerk Noord", {"sector": "po"})
    rnd = store.create_round(net.id, "2026", date=dt.date(2026, 3, 1))
    add_respondents(store, rnd.id, q, 4, seed=5)
    store.close_round(rnd.id)
    store.diagnose_round(rnd.id)

    class Cycle:
        def __init__(self) -> None:
            self.me = self

    seen: list[bool] = []
    left: list[weakref.ref[Cycle]] = []

    def watched(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        left.append(weakref.ref(Cycle()))
        return portfolio(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(portfolio_view, "portfolio", watched)
    assert gc.isenabled()
    rows = portfolio_rows(store, ws.id, today=TODAY)
    assert [r.name for r in rows] == ["Netwerk Noord"] and rows[0].measured is not None
    assert seen == [False] and gc.isenabled()
    assert left[0]() is None  # the cycle made while paused was collected when the work was done
