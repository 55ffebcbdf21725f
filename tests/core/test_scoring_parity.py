"""The vectorised scoring agrees exactly with scoring written out answer by answer, on random
rounds with "don't know", unanswered items, reverse-worded items, roles and odd group sizes."""

from __future__ import annotations

import random

import numpy as np
import pytest

from diagnose import Bundle, Response, Round, load_bundle
from diagnose.diagnosis import score
from diagnose.questionnaire import DONT_KNOW, NOT_APPLICABLE
from diagnose.responses import ROLE_CONSTRUCT
from diagnose.scoring import round_to_precision
from tests.core.reference_scoring import reference_scores


@pytest.fixture(scope="module")
def bundle() -> Bundle:
    return load_bundle()


def random_round(bundle: Bundle, questionnaire: str, rng: random.Random) -> Round:
    q = bundle.questionnaire(questionnaire)
    scale = [i.id for i in q.items() if i.type == "scale"]
    role_item = q.fact_item(ROLE_CONSTRUCT)
    roles = role_item.option_values[:3] if role_item else []
    responses = []
    for n in range(rng.choice([1, 2, 3, 7, 16, 31, 40])):
        answers: dict[str, object] = {}
        for item in scale:
            draw = rng.random()
            if draw < 0.08:
                answers[item] = DONT_KNOW
            elif draw < 0.11:
                answers[item] = NOT_APPLICABLE
            elif draw < 0.18:
                continue  # not answered
            else:
                answers[item] = rng.randint(1, 5)
        if role_item is not None and rng.random() < 0.8:
            answers[role_item.id] = rng.choice(roles)
        responses.append(Response(respondent=f"r{n}", answers=answers))
    return Round(label="parity", responses=responses)


@pytest.mark.parametrize("questionnaire", ["netwerkscan", "quickscan"])
def test_vectorised_scoring_equals_the_plain_definition(bundle: Bundle, questionnaire: str) -> None:
    rng = random.Random(20261122)
    q = bundle.questionnaire(questionnaire)
    s = bundle.settings
    for _ in range(150):
        rnd = random_round(bundle, questionnaire, rng)
        got = score(bundle, q, rnd)
        want = reference_scores(
            q,
            bundle.constructs,
            rnd,
            s.thresholds["strength"],
            s.thresholds["concern"],
            s.anonymity_minimum,
            s.min_items_per_respondent,
            s.min_items_for_band,
        )
        assert {c: v.model_dump() for c, v in got.constructs.items()} == want["constructs"]
        assert {i: v.model_dump() for i, v in got.items.items()} == want["items"]
        assert [r.model_dump() for r in got.respondent_scores] == want["respondent_scores"]
        assert got.by_role == want["by_role"]
        assert {c: u.model_dump() for c, u in got.unknown.items()} == want["unknown"]


def test_rounding_agrees_with_python_round_on_ties() -> None:
    # 0.00625 is stored just above the tie, 0.03125 exactly on it: round() and np.round differ on the first
    values = [0.00625, 0.03125, 2.00005, 3.33335, 1 / 160, 7 / 32, 4.99995, 1 / 3]
    assert round_to_precision(np.array(values)).tolist() == [round(v, 4) for v in values]
