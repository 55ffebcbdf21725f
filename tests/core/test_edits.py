"""The consultant's edit (diagnose/edits.py): the top chosen, findings left out, comments and an
opening note, applied to a diagnosis without changing it; refused when it names what is not there."""

from __future__ import annotations

import datetime as dt

import pytest

from diagnose import Bundle, Diagnosis, edits
from diagnose import cards as grouping
from diagnose.edits import Edit, EditVersion
from tests.core.test_summary import demo_diagnosis


@pytest.fixture(scope="module")
def d(bundle: Bundle) -> Diagnosis:
    return demo_diagnosis(bundle, "Noord")


def _not_on_top(d: Diagnosis, bundle: Bundle) -> list[str]:
    """Rule ids of non-strength findings whose card is not in the computed top."""
    top = {r for card in grouping.summary_cards(d, bundle) for r in card.rules}
    return [f.rule for f in d.findings if f.kind != "strength" and f.rule not in top]


def test_a_chosen_top_is_shown_in_the_chosen_order_and_the_computed_order_is_kept_beside_it(
    d: Diagnosis, bundle: Bundle
) -> None:
    computed = grouping.summary(d, bundle)
    assert len(computed) == 3
    outsider = _not_on_top(d, bundle)[0]
    edit = Edit(summary=(computed[2], outsider, computed[0]))
    applied = edits.apply(d, bundle, EditVersion(version=1, edit=edit, by="Jan de Vries"))
    top = grouping.summary_cards(applied.diagnosis, bundle)
    assert [card.lead.rule if i != 1 else outsider in card.rules for i, card in enumerate(top)] == [
        computed[2],
        True,
        computed[0],
    ]
    assert applied.diagnosis.summary == [card.lead.rule for card in top]
    # the computed diagnosis is untouched, and its top is one attribute away
    assert grouping.summary(applied.computed, bundle) == computed
    assert d.chosen_summary is None and "chosen_summary" not in d.model_dump()
    assert "chosen_summary" not in applied.diagnosis.model_dump_json()


def test_a_top_of_one_is_filled_up_to_three_in_the_computed_order(d: Diagnosis, bundle: Bundle) -> None:
    computed = grouping.summary(d, bundle)
    outsider = _not_on_top(d, bundle)[0]
    applied = edits.apply(d, bundle, EditVersion(edit=Edit(summary=(outsider,))))
    top = grouping.summary_cards(applied.diagnosis, bundle)
    assert outsider in top[0].rules
    assert [c.lead.rule for c in top[1:]] == [r for r in computed if r not in top[0].rules][:2]


def test_a_finding_left_out_disappears_everywhere_with_its_reason_kept(d: Diagnosis, bundle: Bundle) -> None:
    first = grouping.summary(d, bundle)[0]
    edit = Edit(hidden={first: "Speelt niet meer: het bestuur is vervangen."})
    applied = edits.apply(d, bundle, EditVersion(edit=edit))
    assert applied.diagnosis.finding(first) is None
    assert all(first not in card.rules for card in grouping.cards(applied.diagnosis, bundle))
    assert first not in applied.diagnosis.summary
    assert [(f.rule, why) for f, why in applied.omitted] == [
        (first, "Speelt niet meer: het bestuur is vervangen.")
    ]
    assert d.finding(first) is not None  # the computed diagnosis keeps it


def test_comments_belong_to_the_card_that_holds_the_finding(d: Diagnosis, bundle: Bundle) -> None:
    card = next(c for c in grouping.cards(d, bundle) if c.evidence)
    edit = Edit(comments={card.evidence[0].rule: "Besproken op 3 december.", card.lead.rule: "Eerst dit."})
    applied = edits.apply(d, bundle, EditVersion(edit=edit))
    assert applied.comment(card) == "Eerst dit.\n\nBesproken op 3 december."
    other = next(c for c in grouping.cards(d, bundle) if c != card)
    assert applied.comment(other) == ""


def test_an_edit_naming_a_finding_the_round_does_not_have_is_refused_by_its_title(
    d: Diagnosis, bundle: Bundle
) -> None:
    absent = next(r for r in bundle.rule_by_id if d.finding(r) is None)
    title = edits.LocalizedText(nl="Oude bevinding", en="Old finding")
    edit = Edit(comments={absent: "x"}, titles={absent: title})
    problems = edits.check(edit, d, bundle)
    assert [(p.code, p.id, p.field) for p in problems] == [("edit-unknown-finding", absent, "comment")]
    assert "‘Oude bevinding’" in problems[0].what("nl") and absent not in problems[0].what("nl")
    assert "‘Old finding’" in problems[0].what("en")
    # what an earlier version already named may stay until the person removes it
    assert edits.check(edit, d, bundle, keep=[absent]) == []


def test_every_bad_edit_gets_its_own_located_problem(d: Diagnosis, bundle: Bundle) -> None:
    top = grouping.summary(d, bundle)
    strength = d.strengths[0]
    edit = Edit(
        summary=(top[0], top[1], strength, top[2]),
        hidden={top[1]: "  ", top[2]: "x" * (edits.REASON_LENGTH + 1)},
        comments={top[0]: "y" * (edits.COMMENT_LENGTH + 1)},
        opening_note="z" * (edits.NOTE_LENGTH + 1),
    )
    found = {(p.code, p.id, p.field) for p in edits.check(edit, d, bundle)}
    assert found == {
        ("edit-summary-size", None, "summary"),
        ("edit-summary-strength", strength, "summary"),
        ("edit-hidden-chosen", top[1], "hidden"),
        ("edit-hidden-chosen", top[2], "hidden"),
        ("edit-reason-missing", top[1], "hidden"),
        ("edit-too-long", top[2], "hidden"),
        ("edit-too-long", top[0], "comment"),
        ("edit-too-long", None, "opening_note"),
    }
    assert {(p.code, p.id) for p in edits.check(Edit(summary=(top[0], top[0])), d, bundle)} == {
        ("edit-summary-twice", top[0])
    }


def test_an_edit_that_no_longer_applies_is_reported_and_the_rest_still_applies(
    d: Diagnosis, bundle: Bundle
) -> None:
    gone = "rule_that_was_renamed"
    top = grouping.summary(d, bundle)
    title = edits.LocalizedText(nl="Vroeger zorgpunt", en="Former concern")
    edit = Edit(
        summary=(gone, top[2]),
        comments={gone: "Oud", top[0]: "Blijft"},
        titles={gone: title},
        opening_note="Welkom",
    )
    applied = edits.apply(d, bundle, EditVersion(edit=edit))
    assert [(s.part, s.key) for s in applied.stale] == [("summary", gone), ("comment", gone)]
    assert "‘Vroeger zorgpunt’" in applied.stale[0].message().nl and gone not in applied.stale[0].message().nl
    assert "the top three" in applied.stale[0].message().en
    assert grouping.summary(applied.diagnosis, bundle)[0] == top[2]


def test_clean_trims_and_names_every_finding_by_its_title(d: Diagnosis, bundle: Bundle) -> None:
    top = grouping.summary(d, bundle)
    edit = edits.clean(
        Edit(
            summary=(f" {top[0]} ", top[0], ""), comments={top[1]: "  ", top[2]: " Goed "}, opening_note=" N "
        ),
        d,
    )
    assert edit.summary == (top[0],)
    assert edit.comments == {top[2]: "Goed"}
    assert edit.opening_note == "N"
    assert set(edit.titles) == {top[0], top[2]}
    assert edit.titles[top[0]] == d.finding(top[0]).title  # type: ignore[union-attr]


def test_the_history_says_what_changed_in_words(d: Diagnosis, bundle: Bundle) -> None:
    top = grouping.summary(d, bundle)
    before = edits.clean(Edit(hidden={top[0]: "Niet van toepassing"}), d)
    after = edits.clean(Edit(summary=(top[1],), comments={top[2]: "Zie notulen"}, opening_note="Hallo"), d)
    said = [c.nl for c in edits.changes(before, after)]
    t0, t2 = d.finding(top[0]).title.nl, d.finding(top[2]).title.nl  # type: ignore[union-attr]
    assert said == [
        "bovenste drie gekozen",
        f"‘{t0}’ weer getoond",
        f"opmerking bij ‘{t2}’",
        "openingsnotitie",
    ]
    assert edits.changes(after, after) == []


def test_the_mark_names_the_person_and_the_day_in_both_languages(d: Diagnosis, bundle: Bundle) -> None:
    at = dt.datetime(2026, 12, 3, 14, 5, tzinfo=dt.UTC)
    version = EditVersion(version=2, edit=Edit(opening_note="Hallo"), by="Jan de Vries", at=at)
    mark = edits.apply(d, bundle, version).mark()
    assert mark is not None
    assert mark.nl == "Aangepast door Jan de Vries op 3 december 2026"
    assert mark.en == "Edited by Jan de Vries on 3 December 2026"
    assert edits.apply(d, bundle, EditVersion(version=3, by="Jan")).mark() is None  # an emptied edit
