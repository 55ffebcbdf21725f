"""AppTest: the respondent's whole flow with widgets found by key, and that no answer is ever lost."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from diagnose.problems import ValidationFailed
from diagnose.questionnaire import Item, Questionnaire
from netscan_app.answers import first_open_section, pages, widget_key
from tests.app.helpers import World, no_exceptions, respondent, synthetic_answers, texts


def answer_widget(at: AppTest, item: Item, value: Any) -> None:
    """Give one answer through the item's own widget (found by key); the caller runs the app."""
    if item.type == "scale":
        at.pills(key=widget_key(item.id)).set_value(value)
    elif item.type == "single":
        at.radio(key=widget_key(item.id)).set_value(value)
    elif item.type == "number":
        at.number_input(key=widget_key(item.id)).set_value(value)
    elif item.type == "multi":
        for option in item.option_values:
            at.checkbox(key=widget_key(item.id, option)).set_value(option in value)
    else:
        at.text_area(key=widget_key(item.id)).input(value)


def widget_value(at: AppTest, item: Item) -> Any:
    if item.type == "scale":
        return at.pills(key=widget_key(item.id)).value
    if item.type == "single":
        return at.radio(key=widget_key(item.id)).value
    if item.type == "number":
        return at.number_input(key=widget_key(item.id)).value
    if item.type == "multi":
        return [o for o in item.option_values if at.checkbox(key=widget_key(item.id, o)).value]
    return at.text_area(key=widget_key(item.id)).value


def answer_section(at: AppTest, q: Questionnaire, index: int, answers: dict[str, Any]) -> None:
    """Answer page `index` of the pages this respondent sees (their role is among `answers`)."""
    for item in pages(q, answers)[index].items:
        if item.id in answers:
            answer_widget(at, item, answers[item.id])
    at.run()
    no_exceptions(at)


def keys(at: AppTest) -> list[str | None]:
    return [b.key for b in at.button]


def next_page(at: AppTest) -> None:
    at.button(key="form_next").click().run()
    no_exceptions(at)


def test_full_respondent_flow_saves_every_answer_and_submits(world: World) -> None:
    q = world.q
    person = synthetic_answers(q, 1, seed=3, texts=["Meer samen lesmateriaal maken."])[0]
    at = respondent(world.tokens[0]).run()
    no_exceptions(at)
    assert "Deel" not in texts(at)  # the welcome page first
    at.button(key="form_start").click().run()
    opened = world.store.open_response(world.tokens[0])
    assert opened.status == "resumed" and opened.response is not None
    shown = pages(q, person)
    assert len(shown) < len(q.sections)  # not the coordinator's facts, not the board's questions
    for index in range(len(shown)):
        assert f"Deel {index + 1} van {len(shown)}" in texts(at)
        answer_section(at, q, index, person)
        saved = world.store.answers(opened.response.id)
        for item in shown[index].items:
            if item.id in person:
                assert saved[item.id] == person[item.id], item.id  # saved the moment it was given
        next_page(at)
    assert "Alle verplichte vragen zijn beantwoord." in texts(at)
    at.button(key="form_submit").click().run()
    no_exceptions(at)
    assert "Dank je wel!" in texts(at)
    response = world.store.get_response(opened.response.id)
    assert response.status == "submitted"
    assert world.store.answers(response.id) == person
    again = respondent(world.tokens[0]).run()  # the same link later: thanks, not the form
    assert "Dank je wel!" in texts(again)
    assert not [w for w in again.get("button_group") if str(w.key).startswith("q__")]


def test_answers_are_restored_after_a_refresh_and_on_another_device(world: World) -> None:
    q = world.q
    person = synthetic_answers(q, 1, seed=5)[0]
    at = respondent(world.tokens[1]).run()
    at.button(key="form_start").click().run()
    shown = pages(q, person)
    half = len(shown) // 2
    for index in range(half):
        answer_section(at, q, index, person)
        next_page(at)
    # a refresh is a new session: nothing of the old session_state survives
    fresh = respondent(world.tokens[1]).run()
    no_exceptions(fresh)
    given = {i.id: person[i.id] for page in shown[:half] for i in page.items if i.id in person}
    resume = first_open_section(q, given)  # the first page with open required questions
    assert resume >= half
    assert f"Deel {resume + 1} van" in texts(fresh), "resumes at the first page with open questions"
    assert "Verdergaan" not in texts(fresh)
    for _ in range(resume - half):
        fresh.button(key="form_previous").click().run()
    for index in reversed(range(half)):
        fresh.button(key="form_previous").click().run()
        for item in shown[index].items:
            if item.id in person:
                assert widget_value(fresh, item) == person[item.id], item.id


def test_the_page_in_the_url_survives_a_refresh(world: World) -> None:
    at = respondent(world.tokens[0]).run()
    at.button(key="form_start").click().run()
    next_page(at)
    next_page(at)  # nothing answered on page 1: first the warning, then "continue anyway"
    assert at.query_params["p"] == ["1"] or at.query_params["p"] == "1"
    fresh = respondent(world.tokens[0])
    fresh.query_params["p"] = "1"
    fresh.run()
    assert "Deel 2 van" in texts(fresh)


def test_missing_required_items_are_pointed_out_and_block_submitting(world: World) -> None:
    q = world.q
    at = respondent(world.tokens[2]).run()
    at.button(key="form_start").click().run()
    next_page(at)
    assert "Deze vraag is nog niet beantwoord." in texts(at)
    assert at.button(key="form_next").label == "Toch verder"
    for _ in range(3 * len(q.sections)):
        if "form_submit" in keys(at):
            break
        next_page(at)
    assert at.button(key="form_submit").disabled
    assert "verplichte vragen open" in texts(at)
    first = pages(q, {})[0]
    role = first.items[0]
    at.button(key=f"goto_{first.section.id}").click().run()
    assert "Deel 1 van" in texts(at)
    assert widget_value(at, role) is None


def test_a_number_outside_its_range_is_never_saved(world: World) -> None:
    """Streamlit itself refuses a number beyond min/max (the widget's value becomes empty); the
    answer stored is never the out-of-range one, and the page shows no error page."""
    q = world.store.bundle.questionnaire("netwerkscan", "1.0")  # 2.0 asks numbers of the coordinator only
    old = world.store.create_round(world.round.network_id, "Meting 1.0", questionnaire_version="1.0")
    token = world.store.create_invitations(old.id)[0].token
    number = next(i for i in q.items() if i.type == "number" and i.max is not None)
    at = respondent(token).run()
    at.button(key="form_start").click().run()
    too_big = int(number.max or 0) + 5
    at.number_input(key=widget_key(number.id)).set_value(too_big).run()
    no_exceptions(at)
    opened = world.store.open_response(token)
    assert opened.response is not None
    assert world.store.answers(opened.response.id).get(number.id) != too_big
    with pytest.raises(ValidationFailed):  # and the store refuses it on its own, too
        world.store.save_answer(opened.response.id, number.id, too_big)
    assert world.store.answers(opened.response.id).get(number.id) != too_big


def test_a_cleared_answer_is_removed_from_the_draft(world: World) -> None:
    q = world.q
    text = next(i for i in q.items() if i.type == "text")
    index = next(n for n, page in enumerate(pages(q, {})) if text in page.items)
    at = respondent(world.tokens[0])
    at.query_params["p"] = str(index)
    at.run()
    at.text_area(key=widget_key(text.id)).input("Eerst iets").run()
    opened = world.store.open_response(world.tokens[0])
    assert opened.response is not None
    assert world.store.answers(opened.response.id)[text.id] == "Eerst iets"
    at.text_area(key=widget_key(text.id)).input("").run()
    assert text.id not in world.store.answers(opened.response.id)


def test_english_questionnaire_texts_come_from_the_questionnaire_file(world: World) -> None:
    q = world.q
    at = respondent(world.tokens[0]).run()
    at.segmented_control(key="lang_switch_respondent").set_value("en").run()
    at.button(key="form_start").click().run()
    assert pages(q, {})[0].section.title.en in texts(at)
    assert "Part 1 of" in texts(at)


def test_a_shared_link_gives_each_browser_its_own_draft_and_the_url_resumes_it(world: World) -> None:
    shared = world.store.create_shared_link(world.round.id).token
    first = respondent(shared).run()
    no_exceptions(first)
    first.button(key="form_start").click().run()
    first.radio(key=widget_key("profiel_rol")).set_value("municipality").run()
    resume = first.query_params["r"]
    resume = resume[0] if isinstance(resume, list) else resume
    assert resume
    again = respondent(shared)  # the same browser after a refresh: the URL carries the resume key
    again.query_params["r"] = resume
    again.query_params["p"] = "0"
    again.run()
    assert again.radio(key=widget_key("profiel_rol")).value == "municipality"
    other = respondent(shared).run()  # someone else opening the shared link
    other.button(key="form_start").click().run()
    assert other.radio(key=widget_key("profiel_rol")).value is None
    assert len(world.store.list_responses(world.round.id)) == 2


def test_two_separate_answers_and_questions_only_for_the_roles_they_are_meant_for(world: World) -> None:
    """'Weet ik niet' and 'Niet van toepassing' are two answers, saved as dk and na; the questions
    for some roles appear once the role is one of them; the coordinator's facts never appear."""
    q = world.q
    restricted = next((s for s in q.respondent_sections() if s.roles), None)
    assert restricted is not None and restricted.roles is not None, "2.0 has a section for some roles"
    role_item = q.fact_item("respondent_role")
    assert role_item is not None
    outsider = next(v for v in role_item.option_values if v not in restricted.roles)
    insider = restricted.roles[0]
    token = world.store.create_invitations(world.round.id)[0].token
    at = respondent(token).run()
    at.button(key="form_start").click().run()
    at.radio(key=widget_key(role_item.id)).set_value(outsider).run()
    seen = []
    while "form_submit" not in keys(at):
        seen.append(texts(at))
        next_page(at)
    everything = "\n".join(seen)
    assert f"Deel {len(pages(q, {role_item.id: outsider}))} van" in everything
    assert restricted.title.nl not in everything
    for section in q.sections:
        if section.asked_of == "coordinator":
            assert section.title.nl not in everything
            assert all(item.text.nl not in everything for item in section.items)
    # as one of the roles: the page is there, and its scale items offer the two answers apart
    at = respondent(token)
    at.query_params["p"] = "0"
    at.run()
    at.radio(key=widget_key(role_item.id)).set_value(insider).run()
    index = next(
        n for n, page in enumerate(pages(q, {role_item.id: insider})) if page.section.id == restricted.id
    )
    at = respondent(token)
    at.query_params["p"] = str(index)
    at.run()
    no_exceptions(at)
    assert restricted.title.nl in texts(at)
    scale_item = next(i for i in restricted.items if i.type == "scale")
    pills = at.button_group(key=widget_key(scale_item.id))
    labels = [str(option) for option in pills.options]  # what the respondent reads
    assert "Weet ik niet" in labels and "Niet van toepassing" in labels
    opened = world.store.open_response(token)
    assert opened.response is not None
    for code in ("na", "dk"):
        at.button_group(key=widget_key(scale_item.id)).set_value(code).run()
        no_exceptions(at)
        assert world.store.answers(opened.response.id)[scale_item.id] == code
