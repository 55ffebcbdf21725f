"""Which earlier round is a round's history: the rules in diagnose.store.chronology, on plain rows."""

from __future__ import annotations

from diagnose.store.chronology import history_rounds, response_file_history
from diagnose.store.models import Round


def test_history_rounds_is_the_latest_earlier_round_with_answers() -> None:
    assert history_rounds([11, 12, 13, 14], {11, 13, 14}) == {11: None, 13: 11, 14: 13}
    assert history_rounds([5, 6], set()) == {}


def test_a_response_file_carries_the_earlier_rounds_back_to_another_questionnaire() -> None:
    def row(round_id: int, questionnaire: str) -> Round:
        return Round(id=round_id, questionnaire_id=questionnaire, questionnaire_version="1")

    rounds = [row(1, "netwerkscan"), row(2, "quickscan"), row(3, "netwerkscan"), row(4, "netwerkscan")]
    rounds.append(row(5, "netwerkscan"))
    answered = {1, 2, 3, 5}
    assert [r.id for r in response_file_history(rounds, answered, rounds[4])] == [3]
    assert [r.id for r in response_file_history(rounds, answered, rounds[0])] == []
    assert [r.id for r in response_file_history(rounds, {1, 3, 5}, rounds[4])] == [1, 3]
