"""The vectorised scoring agrees exactly with scoring written out answer by answer, on random
rounds with "don't know", unanswered items, reverse-worded items, roles and odd group sizes; so do
the profile facts, the facts the rules see, and the problems check_round finds."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import Any

import numpy as np
import pytest
from pydantic import BaseModel

from diagnose import Bundle, Network, Response, Round, load_bundle
from diagnose.diagnosis import check_and_score, check_and_score_many, score, scoring_settings
from diagnose.problems import ValidationFailed
from diagnose.questionnaire import DONT_KNOW, NOT_APPLICABLE, Questionnaire
from diagnose.responses import ROLE_CONSTRUCT, check_round, kept_response, role_of
from diagnose.rule_facts import round_facts
from diagnose.scores import RoundScores
from diagnose.scoring import round_to_precision, score_rounds
from tests.core.reference_scoring import (
    reference_facts,
    reference_problems,
    reference_profile,
    reference_scores_of,
)


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
    for _ in range(150):
        rnd = random_round(bundle, questionnaire, rng)
        got = score(bundle, q, rnd)
        want = reference_scores_of(bundle, q, rnd)
        assert {c: v.model_dump() for c, v in got.constructs.items()} == want["constructs"]
        assert {i: v.model_dump() for i, v in got.items.items()} == want["items"]
        assert [r.model_dump() for r in got.respondent_scores] == want["respondent_scores"]
        assert got.by_role == want["by_role"]
        assert {c: u.model_dump() for c, u in got.unknown.items()} == want["unknown"]


def test_rounding_agrees_with_python_round_on_ties() -> None:
    # 0.00625 is stored just above the tie, 0.03125 exactly on it: round() and np.round differ on the first
    values = [0.00625, 0.03125, 2.00005, 3.33335, 1 / 160, 7 / 32, 4.99995, 1 / 3]
    assert round_to_precision(np.array(values)).tolist() == [round(v, 4) for v in values]


QUESTIONNAIRES = [("netwerkscan", "1.0"), ("netwerkscan", "2.0"), ("quickscan", "1.0"), ("quickscan", "2.0")]


def varied_round(q: Questionnaire, rng: random.Random, label: str) -> tuple[Round, Network]:
    """Answers to every kind of item, some left out, "weet ik niet" and "n.v.t." where the scale
    has them, roles given as a field or as an answer or not at all, one respondent or many, a
    round of group answers, and a network profile that says some of what nobody answered."""
    role_item = q.fact_item(ROLE_CONSTRUCT)
    roles = role_item.option_values if role_item else []
    group = rng.random() < 0.15
    responses = []
    for n in range(rng.choice([1, 1, 2, 3, 4, 8, 16, 35])):
        answers: dict[str, Any] = {}
        for item in q.items():
            draw = rng.random()
            if draw < 0.1:
                continue
            if item.type == "scale":
                scale = q.scales[item.scale or ""]
                if draw < 0.18 and scale.dont_know:
                    answers[item.id] = DONT_KNOW
                elif draw < 0.22 and scale.not_applicable:
                    answers[item.id] = NOT_APPLICABLE
                elif draw < 0.25:
                    answers[item.id] = None
                else:
                    answers[item.id] = rng.randint(1, 5)
            elif item.type == "single":
                answers[item.id] = rng.choice(item.option_values[:3])
            elif item.type == "multi":
                answers[item.id] = rng.sample(item.option_values, rng.randint(0, 3))
            elif item.type == "number":
                low, high = item.min or 0, item.max or 100
                answers[item.id] = rng.choice([low, high, (low + high) / 2, int(low) + 1])
        if role_item is not None and rng.random() < 0.3:
            answers.pop(role_item.id, None)
        role = rng.choice([None, None, *roles[:3]]) if roles else None
        responses.append(Response(respondent=f"r{n}", role=role, group=group, answers=answers))
    profile: dict[str, str | float | list[str]] = {}
    for construct, items in q.items_by_construct.items():
        if rng.random() < 0.3 and items[0].type in ("single", "multi", "number"):
            options = items[0].option_values
            profile[construct] = options[-1] if items[0].type == "single" else options[:2] or 7.0
    return Round(label=label, date=dt.date(2026, 3, 1), responses=responses), Network(
        name="N", profile=profile
    )


def listed(catalogue: dict[str, int], scores: dict[str, Any]) -> dict[str, Any]:
    """Per construct, in the catalogue's order (one it does not list: after, alphabetically)."""
    return dict(sorted(scores.items(), key=lambda kv: (catalogue.get(kv[0], len(catalogue)), kv[0])))


def same(a: Any, b: Any, where: str = "scores") -> None:
    """a and b alike to the types of their values and the fields set (what == does not see)."""
    assert type(a) is type(b), where
    if isinstance(a, BaseModel):
        assert a.model_fields_set == b.model_fields_set, where
        assert list(vars(a)) == list(vars(b)), where
        for name in type(a).model_fields:
            same(getattr(a, name), getattr(b, name), f"{where}.{name}")
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for key in a:
            same(a[key], b[key], f"{where}[{key}]")
    elif isinstance(a, list):
        assert len(a) == len(b), where
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{index}]")
    else:
        assert a == b, where


@pytest.mark.parametrize(("questionnaire", "version"), QUESTIONNAIRES)
def test_scores_profile_and_facts_equal_the_plain_definition(
    bundle: Bundle, questionnaire: str, version: str
) -> None:
    """Every part of a round's scores, and the facts the rules see, as written out answer by
    answer; the scores built as validation builds them, and the answers checked as one by one."""
    rng = random.Random(f"{questionnaire} {version}")
    q = bundle.questionnaire(questionnaire, version)
    s = bundle.settings
    previous = None
    for index in range(60):
        rnd, network = varied_round(q, rng, f"r{index}")
        assert check_round(q, rnd, "f") == [] == reference_problems(q, rnd, "f")
        got = score(bundle, q, rnd, network)
        want = reference_scores_of(bundle, q, rnd)
        facts, chosen = reference_profile(q, rnd, s.profile_agreement, network.profile)
        roles = Counter(role for r in rnd.responses if (role := role_of(r, q)))
        # in the order the scores keep: constructs as the catalogue lists them, items and each
        # respondent's scores as the questionnaire asks them
        catalogue = {c.id: index for index, c in enumerate(bundle.constructs.constructs)}
        asked = list(q.scale_index)
        measured = list(dict.fromkeys(construct for construct, _ in q.scale_index.values()))
        respondents = [
            {**r, "scores": {c: r["scores"][c] for c in measured if c in r["scores"]}}
            for r in want["respondent_scores"]
        ]
        # validated as the round's scores always were: the types of the values and the fields set
        # are validation's, which the scoring's own way of building them must match
        want_scores = RoundScores.model_validate(
            {
                "label": rnd.label,
                "date": "2026-03-01",
                "respondents": len(rnd.responses),
                "group_only": all(r.group for r in rnd.responses),
                "roles": dict(sorted(roles.items())),
                "constructs": listed(catalogue, want["constructs"]),
                "items": {i: want["items"][i] for i in asked if i in want["items"]},
                "profile": facts,
                "chosen_counts": chosen,
                "respondent_scores": respondents,
                "by_role": want["by_role"],
                "unknown": listed(catalogue, want["unknown"]),
                "questionnaire": {"id": q.id, "version": q.version},
            }
        )
        same(got, want_scores)
        assert got.model_dump_json() == want_scores.model_dump_json()
        # checked first, the answers are read in one pass (checked_round): the same scores
        assert check_and_score(bundle, q, rnd, network=network)[0].model_dump_json() == got.model_dump_json()
        for before in (None, previous):
            assert list(round_facts(got, before, anonymity_minimum=3).items()) == list(
                reference_facts(got, before, 3).items()
            )
        previous = got


@pytest.mark.parametrize(("questionnaire", "version"), QUESTIONNAIRES)
def test_rounds_scored_together_equal_each_round_scored_alone(
    bundle: Bundle, questionnaire: str, version: str
) -> None:
    """check_and_score_many (a first re-diagnosis scores every stored round): every round's scores
    as check_and_score makes them of that round alone, whatever rounds lie beside it (other sizes,
    roles, group answers, "weet ik niet"), and a round that cannot be scored refused with the same
    problems; unchecked, answers read one by one (2.5, a word) and a round without responses too."""
    rng = random.Random(f"together {questionnaire} {version}")
    q = bundle.questionnaire(questionnaire, version)
    scale = [i.id for i in q.items() if i.type == "scale"]
    entries: list[tuple[Questionnaire, Round, Network | None, str]] = [
        (q, *varied_round(q, rng, f"r{index}"), f"f{index}.json") for index in range(40)
    ]
    bad = Round(label="bad", responses=[Response(respondent="a", answers={scale[0]: 6, "nope": 1})])
    entries.insert(7, (q, bad, None, "bad.json"))
    entries.insert(20, (q, Round(label="empty", responses=[]), None, "empty.json"))
    got = check_and_score_many(bundle, entries)
    refused = 0
    for (_, rnd, network, file), result in zip(entries, got, strict=True):
        try:
            want = check_and_score(bundle, q, rnd, network=network, file=file)[0]
        except ValidationFailed as exc:
            assert isinstance(result, ValidationFailed), file
            assert [(p, p.params) for p in result.problems] == [(p, p.params) for p in exc.problems]
            assert result.format("nl") == exc.format("nl")
            refused += 1
        else:
            assert isinstance(result, RoundScores), file
            same(result, want, file)
            assert result.model_dump_json() == want.model_dump_json()
    assert refused == 2

    odd = Round(
        label="odd",
        responses=[
            Response(respondent="a", answers={scale[0]: 2.5, scale[1]: "x", scale[2]: 4}),
            Response(respondent="b", answers={scale[0]: 7, scale[2]: True}),
        ],
    )
    unchecked = [rnd for _, rnd, _, _ in entries[:12]] + [odd, Round(label="none", responses=[])]
    together = score_rounds(
        q,
        bundle.constructs,
        unchecked,
        scoring_settings(bundle),
        network_profiles=[None] * len(unchecked),
        checked=[False] * len(unchecked),
    )
    for rnd, scores in zip(unchecked, together, strict=True):
        same(scores, score(bundle, q, rnd), rnd.label)


def test_a_stored_response_is_built_as_model_construct_builds_it() -> None:
    """The store hands the core its submitted responses built without pydantic's walk over the
    fields (kept_response): the same fields, values and fields set as model_construct's."""
    for role, group in ((None, False), ("board", True)):
        answers = {"x": 3, "y": DONT_KNOW}
        made = kept_response("r1", role, group, answers)
        same(made, Response.model_construct(respondent="r1", role=role, group=group, answers=answers))
        assert made.answers is answers


def test_bad_answers_get_every_message_in_order(bundle: Bundle) -> None:
    """check_round names every bad answer as one by one would, whether the rest of a response
    passes the quick look or not (1.0 vs True vs 1, a word, a number out of range, an unknown item)."""
    q = bundle.questionnaire("netwerkscan")
    scale = [i for i in q.items() if i.type == "scale"]
    single = next(i for i in q.items() if i.type == "single")
    number = next(i for i in q.items() if i.type == "number")
    bad: list[Any] = [0, 6, 3.0, 2.5, True, False, "3", "x", [1], {"a": 1}, "x" * 80, -1]
    responses = [Response(respondent="ok", answers={i.id: 3 for i in scale})]
    for index, value in enumerate(bad):
        answers: dict[str, Any] = {i.id: 4 for i in scale[:5]}
        answers[scale[index % len(scale)].id] = value
        answers[single.id] = value if index % 2 else single.option_values[0]
        answers[number.id] = value if index % 3 else 10
        if index % 4 == 0:
            answers["no_such_item"] = 1
        responses.append(
            Response(respondent=f"r{index}", role="nobody" if index % 5 == 0 else None, answers=answers)
        )
    responses.append(Response(respondent="ok", answers={}))
    rnd = Round(label="bad", responses=responses)
    got, want = check_round(q, rnd, "f.json"), reference_problems(q, rnd, "f.json")
    assert [(p, p.params) for p in got] == [(p, p.params) for p in want]
    assert len(got) > len(bad)
    one_valid = Round(label="ok", responses=[Response(respondent="a", answers={scale[0].id: True})])
    assert [p.code for p in check_round(q, one_valid, "f")] == ["answer-value"]
