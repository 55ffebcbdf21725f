"""One stored round, one view: the results page, the app's report and `netscan report ROUND` all
build from round_view, and no view shows an earlier or current round below the anonymity minimum."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from types import SimpleNamespace
from typing import Any

import pytest

import diagnose.store.round_view as round_view_module
from diagnose import charts
from diagnose.diagnosis import free_texts, score
from diagnose.problems import ValidationFailed
from diagnose.report import ReportInput, build_model, prepare, render_report
from diagnose.report.views import ReportModel
from diagnose.responses import Response, Round
from diagnose.store.round_view import RoundView, round_view
from netscan_app.main import PAGES
from tests.app.helpers import World, app, no_exceptions, submit_responses, synthetic_answers

GENERATED = dt.date(2026, 4, 20)
SMALL = "2024 najaar (klein)"


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[RoundView | None]:
    """Record every view built through the module's round_view (as the CLI and the pages call it)."""
    made: list[RoundView | None] = []
    real = round_view_module.round_view

    def recording(store: Any, round_id: int) -> RoundView | None:
        view = real(store, round_id)
        made.append(view)
        return view

    monkeypatch.setattr(round_view_module, "round_view", recording)
    return made


def _model_fields(model: ReportModel) -> dict[str, Any]:
    """A report model without its figures and texts catalogue (compared by chart keys instead)."""
    fields = {f.name: getattr(model, f.name) for f in dataclasses.fields(model)}
    fields["charts"] = sorted(model.charts)
    fields.pop("content")
    return fields


def _with_history(world: World) -> tuple[int, int]:
    """An earlier round of 4 and the world's round of 5 (two roles), both with open answers."""
    s = world.store
    earlier = s.create_round(world.network.id, "2025 voorjaar", date=dt.date(2025, 3, 1))
    answers = synthetic_answers(world.q, 4, seed=1)
    answers[0]["open_volgend_jaar_anders"] = "eerder"
    submit_responses(s, earlier.id, answers)
    now = synthetic_answers(world.q, 5, seed=2, roles={"teacher": 3, "board": 2})
    for text, person in zip(("banaan", "Appel", "citroen"), now, strict=False):
        person["open_volgend_jaar_anders"] = text
    submit_responses(s, world.round.id, now)
    return earlier.id, world.round.id


def test_the_cli_and_the_apps_report_of_a_round_are_built_from_equal_views(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diagnose.cli.report import _input_from
    from netscan_app import report as app_report

    _, round_id = _with_history(world)
    made = _spy(monkeypatch)
    cli_input = _input_from(str(round_id))
    assert len(made) == 1 and made[0] is not None
    cli_view = made[0]

    at = app(world, signed_in=True)
    at.session_state["results_tab"] = "Open antwoorden"
    at.run()
    at.switch_page(PAGES["results"].path).run()
    no_exceptions(at)
    assert len(made) == 2 and made[1] is not None
    app_view = made[1]
    assert app_view == cli_view
    assert [str(e.value) for e in at.get("text")] == ["Appel", "banaan", "citroen"]

    built: list[ReportInput] = []
    monkeypatch.setattr(  # the app imports the report stack when a report is made
        "diagnose.report.render_report",
        lambda inp, *_, **__: built.append(inp) or SimpleNamespace(content=b""),
    )
    app_report.builder(app_view, "md", "nl")()
    (app_input,) = built
    assert app_input.diagnosis == cli_input.diagnosis
    assert app_input.history == cli_input.history and [r.label for r in cli_input.history] == [
        "2025 voorjaar"
    ]
    assert app_input.texts == cli_input.texts == {"open_volgend_jaar_anders": ["Appel", "banaan", "citroen"]}
    assert app_input.invited == cli_input.invited == world.store.round_counts(round_id).invited
    for lang in ("nl", "en"):
        cli_model = build_model(cli_input, lang, generated=GENERATED)
        app_model = build_model(app_input, lang, generated=GENERATED)
        assert _model_fields(app_model) == _model_fields(cli_model)
        assert "trend" in cli_model.charts and "comparison" in cli_model.charts


def test_the_view_follows_the_stores_history_rule(world: World) -> None:
    earlier_id, round_id = _with_history(world)
    view = round_view(world.store, round_id)
    assert view is not None
    stored = world.store.latest_snapshot(round_id)
    assert stored is not None
    previous = stored.diagnosis().previous
    assert previous is not None and view.diagnosis.previous is not None
    assert view.diagnosis.previous.label == previous.label == "2025 voorjaar"
    assert view.history[-1] == view.diagnosis.previous
    first = round_view(world.store, earlier_id)
    assert first is not None and first.history == () and first.diagnosis.previous is None


def test_a_round_without_submitted_answers_has_no_view(world: World) -> None:
    from diagnose.cli.report import _input_from

    assert round_view(world.store, world.round.id) is None
    with pytest.raises(ValidationFailed) as raised:
        _input_from(str(world.round.id))
    assert raised.value.problems[0].code == "no-responses"


def _below_minimum_world(world: World) -> dict[str, int]:
    """A round of 2 (below the minimum of 3), then rounds of 4 and of 4 with its own round of 2."""
    s = world.store
    ids: dict[str, int] = {}
    for label, date, count in ((SMALL, dt.date(2024, 10, 1), 2), ("2025 voorjaar", dt.date(2025, 3, 1), 4)):
        rnd = s.create_round(world.network.id, label, date=date)
        answers = synthetic_answers(world.q, count, seed=count)
        answers[0]["open_volgend_jaar_anders"] = f"tekst van {label}"
        submit_responses(s, rnd.id, answers)
        ids[label] = rnd.id
    submit_responses(s, world.round.id, synthetic_answers(world.q, 4, seed=9))
    ids["now"] = world.round.id
    return ids


def _everything_shown(view: RoundView, bundle: Any) -> str:
    """All a person could see of the view: its report in every format and language, and the figures."""
    from diagnose.report import input_from_view

    inp = input_from_view(view, bundle)
    parts = [json.dumps(dataclasses.asdict(view), default=str)]
    for lang in ("nl", "en"):
        for fmt in ("md", "html"):
            parts.append(render_report(inp, lang, fmt, charts=False, generated=GENERATED).content.decode())
        model = build_model(inp, lang, generated=GENERATED)
        parts += [view_chart.figure.to_json() for view_chart in model.charts.values()]
    return "\n".join(parts)


def test_no_view_shows_an_earlier_or_current_round_below_the_minimum(world: World) -> None:
    ids = _below_minimum_world(world)
    store, bundle = world.store, world.store.bundle
    minimum = bundle.settings.anonymity_minimum
    assert minimum == 3

    small = round_view(store, ids[SMALL])
    assert small is not None and not small.results_allowed and small.texts == {}
    model = build_model(_input(small, bundle), "nl", generated=GENERATED)
    assert not model.allowed and model.charts == {} and model.trend_table is None
    assert f"tekst van {SMALL}" not in _everything_shown(small, bundle)

    # the small round is nobody's history: the next round is diagnosed without a previous round
    after = round_view(store, ids["2025 voorjaar"])
    assert after is not None and after.results_allowed
    stored = store.latest_snapshot(ids["2025 voorjaar"])
    assert stored is not None and stored.diagnosis().previous is None
    assert after.diagnosis.previous is None and after.history == ()
    model = build_model(_input(after, bundle), "nl", generated=GENERATED)
    assert model.trend_table is None and model.changes == [] and not model.previous
    assert SMALL not in _everything_shown(after, bundle)

    latest = round_view(store, ids["now"])
    assert latest is not None and [r.label for r in latest.history] == ["2025 voorjaar"]
    model = build_model(_input(latest, bundle), "nl", generated=GENERATED)
    assert model.trend_table is not None and model.trend_table.rounds == ["2025 voorjaar", world.round.label]
    assert SMALL not in _everything_shown(latest, bundle)

    # a response file with the same rounds: the report's own path reduces history the same way
    q = world.q
    rounds = [store.round_as_core(ids[key]) for key in (SMALL, "2025 voorjaar", "now")]
    inp = prepare(bundle, q, rounds[1], rounds[:1])
    assert inp.history == [] and inp.diagnosis.previous is None
    inp = prepare(bundle, q, rounds[2], rounds[:2])
    assert [r.label for r in inp.history] == ["2025 voorjaar"]
    assert build_model(inp, "nl", generated=GENERATED).trend_table == model.trend_table

    # the charts refuse an earlier round below the minimum even when handed its raw scores
    d = inp.diagnosis
    figure = charts.trend_chart(d, bundle, "nl", [score(bundle, q, rounds[0])])
    assert not charts.has_data(figure) and SMALL not in figure.to_json()

    # the app: every tab of the results page of the round after the small one
    for tab in ("Samenvatting", "Scores", "Door de tijd"):
        at = app(world, signed_in=True)
        at.session_state["selected_meting"] = ids["2025 voorjaar"]
        at.session_state["results_tab"] = tab
        at.run()
        at.switch_page(PAGES["results"].path).run()
        no_exceptions(at)
        specs = [str(chart.proto.spec) for chart in at.get("plotly_chart")]
        if tab == "Door de tijd":  # no trend to draw: it says why instead of an empty frame
            assert not specs and any("te weinig respondenten" in box.value for box in at.info), tab
        else:
            assert specs, tab
        assert not any(SMALL in spec for spec in specs), tab
        compared = [box for box in at.selectbox if box.key in ("compare_from", "compare_to")]
        assert all(SMALL not in str(option) for box in compared for option in box.options), tab


def _input(view: RoundView, bundle: Any) -> ReportInput:
    from diagnose.report import input_from_view

    return input_from_view(view, bundle)


def test_free_texts_have_one_casefolded_order() -> None:
    from diagnose.bundle import load_bundle

    q = load_bundle().questionnaire("netwerkscan")
    item = next(i.id for i in q.items() if i.type == "text")
    rnd = Round(
        label="x",
        responses=[
            Response(respondent=str(n), answers={item: text})
            for n, text in enumerate(["banaan", " Appel ", "citroen", "", "Éclair", "appel"])
        ],
    )
    assert free_texts(q, rnd) == {item: ["Appel", "appel", "banaan", "citroen", "Éclair"]}
