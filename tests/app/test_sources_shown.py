"""The results pages cite literature as people look it up, never as a seed file name or a rule id
(issue 11): every tab of the dashboard, read back through AppTest."""

from __future__ import annotations

from diagnose.bundle import load_bundle
from netscan_app.main import PAGES
from tests.app.helpers import World, app, no_exceptions, submit_responses, synthetic_answers, texts
from tests.core.test_references import leaks

TABS = ["Samenvatting", "Scores", "Verschillen", "Door de tijd", "Alle bevindingen", "Open antwoorden"]


def test_no_results_tab_names_a_seed_file_or_a_rule_id(world: World) -> None:
    bundle = load_bundle()
    submit_responses(
        world.store, world.round.id, synthetic_answers(world.q, 6, seed=3, roles={"teacher": 3, "board": 3})
    )
    everything = []
    for tab in TABS:
        at = app(world, signed_in=True)
        at.session_state["results_tab"] = tab
        at.run()
        at.switch_page(PAGES["results"].path).run()
        no_exceptions(at)
        shown = texts(at)
        assert leaks(shown, bundle) == [], tab
        everything.append(shown)
    findings = everything[TABS.index("Alle bevindingen")]
    assert "Bronnen: " in findings
    assert any(entry.short.nl in findings for entry in bundle.references.references)
