"""The edit page (AppTest): a coordinator adapts the report; the results page shows "aangepast door"
with the computed order one switch away; a later save is told the edit changed underneath it and
keeps the person's text; a bad logo is refused with a message and nothing stored."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from diagnose import cards as grouping
from diagnose.edits import Edit
from diagnose.store.round_view import round_view
from netscan_app import edit_form
from netscan_app.main import PAGES
from tests.app.helpers import World, app, no_exceptions, submit_responses, synthetic_answers, texts
from tests.store.test_edits import png


def _edit_page(world: World) -> AppTest:
    # a network with concerns and points of attention: more cards than the three on top
    answers = synthetic_answers(world.q, 4, scores={"default": 2.8}, spread={"default": 1.2})
    submit_responses(world.store, world.round.id, answers)
    at = app(world, signed_in=True).run()
    at.switch_page(PAGES["edit"].path).run()
    no_exceptions(at)
    return at


def _rows(world: World) -> list[edit_form.Row]:
    view = round_view(world.store, world.round.id)
    assert view is not None and view.edit is not None
    return edit_form.start(view.edit, world.store.bundle).rows


def test_a_coordinator_adapts_the_report_and_the_results_page_shows_it(world: World) -> None:
    at = _edit_page(world)
    assert "Nog niet aangepast" in texts(at)
    rows = [r for r in _rows(world) if not r.card.is_strength]
    first, second = rows[0], rows[1]
    rid = world.round.id
    # the computed top without the first card would be rows 1, 2, 3: this order is a real choice
    at.selectbox(key=f"edit_place_{rid}_1").set_value(rows[3].key)
    at.selectbox(key=f"edit_place_{rid}_2").set_value(second.key)
    at.selectbox(key=f"edit_place_{rid}_3").set_value(rows[2].key)
    at.text_area(key=f"edit_note_{rid}").input("Besproken in de stuurgroep van 2 december.")
    at.checkbox(key=f"edit_hide_{rid}_{first.key}").check()
    at.text_input(key=f"edit_reason_{rid}_{first.key}").input("Speelt hier niet.")
    at.text_area(key=f"edit_comment_{rid}_{second.key}").input("Dit herkennen wij.")
    at.button(key=f"FormSubmitter:edit_form_{rid}-Aanpassing opslaan").click().run()
    no_exceptions(at)
    assert "De aanpassing is opgeslagen (versie 1)" in texts(at)
    stored = world.store.round_edit(rid)
    assert stored.by == "Coördinator Test"
    assert stored.edit.summary == (rows[3].key, second.key, rows[2].key)
    assert set(stored.edit.hidden) == set(first.card.rules)
    assert stored.edit.comments == {second.key: "Dit herkennen wij."}

    at.switch_page(PAGES["results"].path).run()
    no_exceptions(at)
    shown = texts(at)
    assert "Aangepast door Coördinator Test op " in shown
    assert "Dit herkennen wij" in shown and "Besproken in de stuurgroep" in shown
    assert first.card.lead.title.nl not in [m.value for m in at.markdown if m.value.startswith("####")]
    at.toggle(key="results_show_computed").set_value(True).run()
    shown = texts(at)
    assert "Je ziet de berekende volgorde" in shown and "Dit herkennen wij" not in shown
    view = round_view(world.store, rid)
    assert view is not None
    top_titles = [c.lead.title.nl for c in grouping.summary_cards(view.computed, world.store.bundle)]
    assert all(title in shown for title in top_titles)


def test_a_later_save_is_told_the_edit_changed_and_keeps_its_text(world: World) -> None:
    at = _edit_page(world)
    rid = world.round.id
    at.text_area(key=f"edit_note_{rid}").input("Mijn eigen inleiding.")
    # a colleague saves in the meantime
    world.store.save_edit(rid, Edit(opening_note="De inleiding van de collega."), version=0)
    at.button(key=f"FormSubmitter:edit_form_{rid}-Aanpassing opslaan").click().run()
    no_exceptions(at)
    shown = texts(at)
    assert "heeft de aanpassing intussen opgeslagen" in shown
    assert "De inleiding van de collega" in shown  # their version, to compare
    assert at.text_area(key=f"edit_note_{rid}").value == "Mijn eigen inleiding."  # nothing lost
    assert world.store.round_edit(rid).edit.opening_note == "De inleiding van de collega."
    # told, saving again keeps this person's version (the colleague's stays in the history)
    at.button(key=f"FormSubmitter:edit_form_{rid}-Aanpassing opslaan").click().run()
    no_exceptions(at)
    assert world.store.round_edit(rid).edit.opening_note == "Mijn eigen inleiding."
    assert [v.version for v in world.store.edit_history(rid)] == [1, 2]


def test_a_finding_left_out_without_a_reason_is_refused_with_its_title(world: World) -> None:
    at = _edit_page(world)
    rid = world.round.id
    row = _rows(world)[0]
    at.checkbox(key=f"edit_hide_{rid}_{row.key}").check()
    at.button(key=f"FormSubmitter:edit_form_{rid}-Aanpassing opslaan").click().run()
    no_exceptions(at)
    errors = " ".join(e.value for e in at.error)
    assert f"‘{row.card.lead.title.nl}’" in errors and "reden" in errors
    assert world.store.edit_history(rid) == []


def test_the_cover_keeps_the_organisation_and_shows_the_logo(world: World) -> None:
    at = _edit_page(world)
    at.text_input(key="edit_branding_organisation").input("Adviesbureau Noord")
    at.button(key="FormSubmitter:edit_branding-Voorblad opslaan").click().run()
    no_exceptions(at)
    assert world.store.branding(world.workspace.id).organisation == "Adviesbureau Noord"
    # AppTest cannot upload a file: the upload and its refusal are driven in the browser test
    world.store.set_branding(world.workspace.id, logo=png(100, 40))
    at.run()
    no_exceptions(at)
    assert "Huidig logo" in texts(at)
    assert at.text_input(key="edit_branding_organisation").value == "Adviesbureau Noord"


def test_the_form_stores_a_top_equal_to_the_computed_one_as_no_choice(world: World) -> None:
    """So a later re-diagnosis may still reorder it; a card left out takes all its findings."""
    answers = synthetic_answers(world.q, 4, scores={"default": 2.8}, spread={"default": 1.2})
    submit_responses(world.store, world.round.id, answers)
    view = round_view(world.store, world.round.id)
    assert view is not None and view.edit is not None
    bundle = world.store.bundle
    rows = [r for r in edit_form.start(view.edit, bundle).rows if not r.card.is_strength]
    computed = grouping.summary(view.computed, bundle)

    def make(top: list[str], hidden: dict[str, str] | None = None) -> Edit:
        return edit_form.make_edit(
            view.computed, bundle, top=top, note="", hidden=hidden or {}, comments={rows[0].key: "  "}
        )

    assert make(computed) == Edit()  # nothing chosen, an empty comment dropped
    assert make([computed[1], computed[0], computed[2]]).summary == (computed[1], computed[0], computed[2])
    without_first = make([r.key for r in rows[1:4]], {rows[0].key: "Niet van toepassing"})
    assert without_first.summary == ()  # the computed top once the first card is left out
    assert set(without_first.hidden) == set(rows[0].card.rules)
