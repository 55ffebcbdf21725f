"""`prepare()` scores every round once, whatever the history's length (issue 16): the earlier rounds'
scores serve both the diagnosis' previous round and the rounds shown beside it, and a history that
comes as scores (a stored round's) is not scored again. The report is the same either way (the golden
text of test_report_html is made through `prepare`); bad answers in an earlier round still stop it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import diagnose.diagnosis
from diagnose import Bundle, ResponseFile, scoring
from diagnose.diagnosis import score
from diagnose.problems import ValidationFailed
from diagnose.report import build_model, prepare, render_html

from .conftest import GENERATED, make_case, response_file, round_spec

EARLIER = 20


@pytest.fixture(scope="module")
def long_history(bundle: Bundle) -> ResponseFile:
    """A network measured 21 times: 20 earlier rounds (some below the anonymity minimum) and this one."""
    rounds = [
        round_spec(f"meting {i + 1}", f"{2006 + i}-10-0{1 + i % 9}", 2 if i % 7 == 3 else 12, -0.6 + 0.04 * i)
        for i in range(EARLIER)
    ]
    rounds.append(round_spec("2026 voorjaar", "2026-04-14", 30, 0.3))
    return response_file(bundle, make_case(seed=11, rounds=rounds))


@pytest.fixture
def scorings(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The label of every round scored from its answers while the test runs."""
    labels: list[str] = []
    real = scoring.score_round

    def counting(*args: Any, **kwargs: Any) -> Any:
        labels.append(args[2].label)
        return real(*args, **kwargs)

    monkeypatch.setattr("diagnose.diagnosis.score_round", counting)  # what `score` calls
    yield labels


def test_each_round_is_scored_once(bundle: Bundle, long_history: ResponseFile, scorings: list[str]) -> None:
    rf = long_history
    q = bundle.questionnaire(rf.questionnaire.id, rf.questionnaire.version)
    inp = prepare(bundle, q, rf.round, rf.history, rf.network)
    assert sorted(scorings) == sorted([r.label for r in rf.history] + [rf.round.label])
    # the rounds below the minimum are left out, the others shown, and the last shown is `previous`
    minimum = bundle.settings.anonymity_minimum
    assert minimum > 2  # the small rounds of long_history are below it
    shown = [h.label for h in inp.history]
    assert "meting 4" not in shown and "meting 11" not in shown and len(shown) == EARLIER - 3
    assert inp.diagnosis.previous is not None and inp.diagnosis.previous.label == "meting 20"


def test_stored_scores_are_not_scored_again(
    bundle: Bundle, long_history: ResponseFile, scorings: list[str]
) -> None:
    rf = long_history
    q = bundle.questionnaire(rf.questionnaire.id, rf.questionnaire.version)
    stored = [score(bundle, q, r, rf.network) for r in rf.history]
    from_rounds = prepare(bundle, q, rf.round, rf.history, rf.network)
    scorings.clear()
    from_scores = prepare(bundle, q, rf.round, stored, rf.network)
    assert scorings == [rf.round.label]
    assert from_scores.diagnosis == from_rounds.diagnosis
    assert from_scores.history == from_rounds.history
    for lang in ("nl", "en"):
        assert render_html(build_model(from_scores, lang, generated=GENERATED)) == render_html(
            build_model(from_rounds, lang, generated=GENERATED)
        )


def test_bad_answers_in_an_earlier_round_stop_it_as_diagnose_does(
    bundle: Bundle, long_history: ResponseFile
) -> None:
    rf = long_history.model_copy(deep=True)
    q = bundle.questionnaire(rf.questionnaire.id, rf.questionnaire.version)
    scale = next(i.id for i in q.items() if i.type == "scale")
    rf.history[5].responses[0].answers[scale] = 9
    rf.history[12].responses[2].answers[scale] = "veel"
    rf.round.responses[1].answers[scale] = 0
    with pytest.raises(ValidationFailed) as caught:
        prepare(bundle, q, rf.round, rf.history, rf.network, file="netwerk.json")
    with pytest.raises(ValidationFailed) as expected:
        diagnose.diagnosis.diagnose(bundle, q, rf.round, rf.history, rf.network, file="netwerk.json")
    assert len(caught.value.problems) == 3
    assert caught.value.format("nl") == expected.value.format("nl")
    assert caught.value.format("en") == expected.value.format("en")
    assert all(p.file == "netwerk.json" and p.field == scale for p in caught.value.problems)
