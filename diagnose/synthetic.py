"""Realistic synthetic rounds from a short description: target means, spread, roles and facts.

Used to encode the literature's cases as response files (examples/cases/*.yaml → examples/*.json),
the consultant cases (tests/cases/consultant/*.yaml), demo data and benchmarks, and by anyone
through `netscan synth SPEC.yaml` (the format is in docs/formats.md). Deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from diagnose.item_types import item_type
from diagnose.problems import Problem, did_you_mean
from diagnose.questionnaire import DONT_KNOW, Questionnaire
from diagnose.responses import ROLE_CONSTRUCT, AgreementEntry, Network, Response, ResponseFile, Round
from diagnose.source import SourceFile

ITEM_NOISE = 0.45


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Expectation(Strict):
    """What a consultant expects of the diagnosis, by rule id."""

    fires: list[str] = Field(default_factory=list)  # these findings appear (anywhere)
    silent: list[str] = Field(default_factory=list)  # these findings do not appear at all
    first: str = ""  # this finding is in the summary's first card
    top3: list[str] = Field(default_factory=list)  # these are in the summary (leading or nested in a card)
    not_top3: list[str] = Field(default_factory=list)  # these are not in the summary
    summary_kinds_not: list[str] = Field(default_factory=list)  # no summary card is led by these kinds
    no_concerns: bool = False


class RoundSpec(Strict):
    label: str
    date: dt.date | None = None
    respondents: int = Field(ge=1, le=500)
    roles: dict[str, int] = Field(default_factory=dict)
    group: bool = False
    # fact construct → one value for everyone, {value: count, ...}, a number, or a list (multi)
    facts: dict[str, str | float | list[str] | dict[str, int]] = Field(default_factory=dict)
    scores: dict[str, float] = Field(default_factory=dict)  # construct → target mean; "default"
    spread: dict[str, float] = Field(default_factory=dict)  # construct → sd between people; "default"
    role_offsets: dict[str, dict[str, float]] = Field(default_factory=dict)
    dont_know: float = Field(default=0.03, ge=0, le=0.5)
    texts: list[str] = Field(default_factory=list)
    # What the steering group agreed after this round (the response file's `agreements` section
    # when this is the round before the last); absent: not known, an empty list: nothing agreed.
    agreements: list[AgreementEntry] | None = None
    # What a consultant expects of this round's diagnosis with the earlier rounds as history
    # (the case's own `expect` is the last round's).
    expect: Expectation | None = None


class CaseSpec(Strict):
    title: str
    story: str = ""
    source: str = ""
    questionnaire: str = "netwerkscan"
    # the questionnaire version the case is answered with; absent: the newest (new rounds use it).
    # A case kept as the record of an earlier version's behaviour names that version.
    version: str | None = None
    seed: int = 1
    network: Network
    rounds: list[RoundSpec] = Field(min_length=1)
    expect: Expectation = Field(default_factory=Expectation)


def case_questionnaire(spec: CaseSpec, versions: dict[str, dict[str, Questionnaire]]) -> Questionnaire:
    """The questionnaire a case is answered with: the version it names, else the newest
    (`versions`: the bundle's id → version → questionnaire, oldest first)."""
    by_version = versions[spec.questionnaire]
    return by_version[spec.version] if spec.version is not None else list(by_version.values())[-1]


def _clip(value: float) -> int:
    return max(1, min(5, round(value)))


def coordinator_facts(q: Questionnaire, given: dict[str, Any]) -> dict[str, str | float | list[str]]:
    """The facts (a round spec's `facts`) that the questionnaire asks of the coordinator, for the
    network's profile, not the respondents': one value each, the most common where counts are given."""
    asked = {item.construct_id for item in q.coordinator_items()}
    facts: dict[str, str | float | list[str]] = {}
    for fact, value in given.items():
        if fact in asked:
            facts[fact] = max(value, key=lambda k: value[k]) if isinstance(value, dict) else value
    return facts


def generate_round(q: Questionnaire, spec: RoundSpec, rng: random.Random) -> Round:
    """Respondents' answers to the items they are asked: never the coordinator's profile items
    (see coordinator_facts), and an item meant for some roles only by respondents in those roles."""
    roles = [role for role, count in spec.roles.items() for _ in range(count)]
    roles += [roles[-1] if roles else "other"] * (spec.respondents - len(roles))
    rng.shuffle(roles)
    fact_answers = {fact: _fact_answers(value, spec.respondents, rng) for fact, value in spec.facts.items()}
    default_mean = spec.scores.get("default", 3.5)
    default_spread = spec.spread.get("default", 0.5)
    texts = list(spec.texts)
    coordinator = {item.id for item in q.coordinator_items()}
    responses = []
    for index in range(spec.respondents):
        role = roles[index]
        person: dict[str, float] = {}
        answers: dict[str, Any] = {}
        for item in q.items():
            if item.id in coordinator or not q.shown_to(item, role):
                continue
            construct = item.construct_id
            facts = item_type(item).facts
            if facts == "score":
                if construct not in person:
                    target = spec.scores.get(construct, default_mean)
                    target += spec.role_offsets.get(role, {}).get(construct, 0.0)
                    person[construct] = rng.gauss(target, spec.spread.get(construct, default_spread))
                if rng.random() < spec.dont_know:
                    if q.scales[item.scale or ""].dont_know is not None:
                        answers[item.id] = DONT_KNOW
                        continue
                    # a scale without "weet ik niet" (a bipolar position): the person's own leaning,
                    # drawn without the random stream, so every other answer stays as it was
                    value = _clip(person[construct])
                else:
                    value = _clip(rng.gauss(person[construct], ITEM_NOISE))
                answers[item.id] = 6 - value if item.reverse else value
            elif construct == ROLE_CONSTRUCT:
                answers[item.id] = role
            elif construct in fact_answers:
                answers[item.id] = fact_answers[construct][index]
            elif facts == "none" and texts and rng.random() < 0.5:
                answers[item.id] = texts.pop(0)
        responses.append(
            Response(respondent=f"r{index + 1:02d}", role=role, group=spec.group, answers=answers)
        )
    return Round(label=spec.label, date=spec.date, responses=responses)


def _fact_answers(value: Any, n: int, rng: random.Random) -> list[Any]:
    if isinstance(value, dict):
        answers = [option for option, count in value.items() for _ in range(count)]
        top = max(value, key=lambda k: value[k])
        answers = (answers + [top] * n)[:n]
        rng.shuffle(answers)
        return answers
    if isinstance(value, float) and value.is_integer():
        return [int(value)] * n
    return [value] * n


def check_spec(spec: CaseSpec, q: Questionnaire, source: SourceFile) -> list[Problem]:
    """Every construct, fact and role a spec names must exist in the questionnaire: a misspelled
    construct would otherwise be left at the default mean without a word."""
    scored = {item.construct_id for item in q.items() if item_type(item).facts == "score"}
    facts = {item.construct_id for item in q.items() if item_type(item).facts not in ("score", "none")}
    role_item = q.fact_item(ROLE_CONSTRUCT)
    roles = set(role_item.option_values) if role_item else set()
    problems: list[Problem] = []

    def unknown(code: str, loc: tuple[str | int, ...], key: str, known: set[str], **more: str) -> None:
        problems.append(
            source.problem(code, loc, str(loc[-2]), key=key, suggestion=did_you_mean(key, known), **more)
        )

    for index, rnd in enumerate(spec.rounds):
        at: tuple[str | int, ...] = ("rounds", index)
        for section in ("scores", "spread"):
            for key in getattr(rnd, section):
                if key != "default" and key not in scored:
                    unknown("unknown-construct", (*at, section, key), key, scored | {"default"})
        for key in rnd.facts:
            if key not in facts:
                unknown("unknown-construct", (*at, "facts", key), key, facts)
        for role, offsets in rnd.role_offsets.items():
            if roles and role not in roles:
                unknown(
                    "unknown-role", (*at, "role_offsets", role), role, roles, allowed=", ".join(sorted(roles))
                )
            for key in offsets:
                if key not in scored:
                    unknown("unknown-construct", (*at, "role_offsets", role, key), key, scored)
        for role in rnd.roles:
            if roles and role not in roles:
                unknown("unknown-role", (*at, "roles", role), role, roles, allowed=", ".join(sorted(roles)))
    return problems


def build_case(spec: CaseSpec, q: Questionnaire, upto: int | None = None) -> ResponseFile:
    """The response file of the case's last round, or of round `upto` (0-based) with the rounds
    before it as history; the agreements are those made after the round before it."""
    rng = random.Random(spec.seed)
    rounds = [generate_round(q, round_spec, rng) for round_spec in spec.rounds]
    last = len(rounds) - 1 if upto is None else upto
    agreed = spec.rounds[last - 1].agreements if last > 0 else None
    network = spec.network.model_dump()
    network["profile"] = {**network["profile"], **coordinator_facts(q, spec.rounds[last].facts)}
    return ResponseFile.model_validate(
        {
            "questionnaire": {"id": q.id, "version": q.version},
            "network": network,
            "round": rounds[last].model_dump(),
            "history": [r.model_dump() for r in rounds[:last]],
            **({"agreements": [a.model_dump() for a in agreed]} if agreed is not None else {}),
        }
    )


def case_json(response_file: ResponseFile) -> str:
    return response_file.model_dump_json(indent=1, exclude_defaults=True) + "\n"


def output_path(spec_path: Path) -> Path:
    """examples/cases/den_bosch.yaml → examples/den_bosch.json"""
    return spec_path.parent.parent / f"{spec_path.stem}.json"
