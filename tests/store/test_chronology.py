"""Which earlier round is a round's history: the rules in diagnose.store.chronology, on plain rows."""

from __future__ import annotations

from diagnose.store.chronology import history_rounds, response_file_history
from diagnose.store.models import Round
from diagnose.store.round_scores import ResponseKey


def _answers(count: int, *, group: bool = False) -> list[ResponseKey]:
    return [(f"{n}|-|-|{int(group)}", group) for n in range(count)]


def test_history_rounds_is_the_latest_earlier_round_with_answers() -> None:
    three = _answers(3)
    assert history_rounds([11, 12, 13, 14], {11: three, 13: three, 14: three}, 3) == {
        11: None,
        13: 11,
        14: 13,
    }
    assert history_rounds([5, 6], {}, 3) == {}


def test_a_round_below_the_anonymity_minimum_is_nobodys_history() -> None:
    submitted = {1: _answers(4), 2: _answers(2), 3: _answers(3), 4: _answers(1, group=True), 5: _answers(3)}
    # round 2 (2 respondents) is diagnosed, but round 3 is compared with round 1, not with it;
    # one group answer filled in together may be shown, so it is round 5's history
    assert history_rounds([1, 2, 3, 4, 5], submitted, 3) == {1: None, 2: 1, 3: 1, 4: 3, 5: 4}


def test_a_response_file_carries_the_earlier_rounds_back_to_another_questionnaire() -> None:
    def row(round_id: int, questionnaire: str) -> Round:
        return Round(id=round_id, questionnaire_id=questionnaire, questionnaire_version="1")

    rounds = [row(1, "netwerkscan"), row(2, "quickscan"), row(3, "netwerkscan"), row(4, "netwerkscan")]
    rounds.append(row(5, "netwerkscan"))
    answered = {1, 2, 3, 5}
    assert [r.id for r in response_file_history(rounds, answered, rounds[4])] == [3]
    assert [r.id for r in response_file_history(rounds, answered, rounds[0])] == []
    assert [r.id for r in response_file_history(rounds, {1, 3, 5}, rounds[4])] == [1, 3]
