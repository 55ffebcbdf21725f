"""AppTest of the overview: cards up to PORTFOLIO_FROM networks, the portfolio table from there on,
its filters, the attention-only switch and a row opening the network; the region in the profile form."""

from __future__ import annotations

import datetime as dt

from netscan_app.main import PAGES
from netscan_app.portfolio_page import PORTFOLIO_FROM
from tests.app.helpers import World, app, no_exceptions, submit_responses, synthetic_answers, texts


def test_cards_below_the_threshold_and_the_portfolio_from_it(world: World) -> None:
    store = world.store
    for n in range(PORTFOLIO_FROM - 2):  # with the world's own network: one short of the threshold
        store.create_network(world.workspace.id, f"Netwerk {n + 2}", {"sector": "po", "region": "utrecht"})
    at = app(world, signed_in=True).run()
    at.switch_page(PAGES["overview"].path).run()
    no_exceptions(at)
    assert len(at.dataframe) == 0
    assert any(b.key.startswith("open_network_") for b in at.button)

    stale = store.create_network(world.workspace.id, "Netwerk Stil", {"sector": "vo", "region": "limburg"})
    old = store.create_round(stale.id, "2023 voorjaar", date=dt.date(2023, 3, 1))
    submit_responses(store, old.id, synthetic_answers(world.q, 3))
    store.close_round(old.id)
    store.diagnose_round(old.id)
    at.switch_page(PAGES["overview"].path).run()
    no_exceptions(at)
    shown = texts(at)
    assert f"{PORTFOLIO_FROM} netwerken, waarvan" in shown
    frames = at.dataframe
    assert len(frames) == 1
    first = frames[0].value.iloc[0]
    assert first["Netwerk"] == "Netwerk Stil"  # the one needing attention (no round for a year)
    assert "al meer dan een jaar geen meting" in first["Aandacht nodig"]
    assert (first["Regio"], first["Sector"]) == ("Limburg", "Voortgezet onderwijs (vo)")

    at.toggle(key="portfolio_attention_only").set_value(True).run()
    no_exceptions(at)
    assert list(at.dataframe[0].value["Netwerk"]) == ["Netwerk Stil"]
    at.toggle(key="portfolio_attention_only").set_value(False).run()
    at.multiselect(key="portfolio_filter_region").set_value(["utrecht"]).run()
    assert len(at.dataframe[0].value) == PORTFOLIO_FROM - 2
    at.multiselect(key="portfolio_filter_status").set_value(["open"]).run()
    assert "Geen netwerken bij deze keuze" in texts(at)

    at.multiselect(key="portfolio_filter_status").set_value([]).run()
    at.multiselect(key="portfolio_filter_region").set_value([]).run()
    at.selectbox(key="portfolio_open_choice").set_value(stale.id).run()
    at.button(key="portfolio_open").click().run()
    no_exceptions(at)
    assert "Netwerk Stil" in texts(at)
    assert at.selectbox(key=f"edit_network_{stale.id}_region").value == "limburg"
