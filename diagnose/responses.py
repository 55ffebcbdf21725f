"""The JSON response format: a round of answers (with earlier rounds), and checking answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from diagnose.problems import Problem, did_you_mean
from diagnose.questionnaire import DONT_KNOW, Item, Questionnaire

ROLE_CONSTRUCT = "respondent_role"


class Open(BaseModel):
    model_config = ConfigDict(extra="forbid")


class QuestionnaireRef(Open):
    id: str = Field(min_length=1)
    version: str = Field(min_length=1)


class Response(Open):
    respondent: str = Field(min_length=1, max_length=200)
    role: str | None = None
    group: bool = False
    answers: dict[str, Any] = Field(default_factory=dict)


class Round(Open):
    label: str = Field(min_length=1, max_length=200)
    date: dt.date | None = None
    responses: list[Response] = Field(default_factory=list)


class Network(Open):
    name: str = Field(min_length=1, max_length=200)
    profile: dict[str, str | float | list[str]] = Field(default_factory=dict)


class ResponseFile(Open):
    questionnaire: QuestionnaireRef
    network: Network
    round: Round
    history: list[Round] = Field(default_factory=list)


def role_of(response: Response, q: Questionnaire) -> str | None:
    if response.role:
        return response.role
    item = q.fact_item(ROLE_CONSTRUCT)
    value = response.answers.get(item.id) if item else None
    return value if isinstance(value, str) else None


def check_round(q: Questionnaire, rnd: Round, file: str, where: str = "round") -> list[Problem]:
    """Every problem with the answers of a round, naming the respondent and the item."""
    problems: list[Problem] = []
    if not rnd.responses:
        problems.append(Problem("no-responses", file=file, id=where))
    seen: set[str] = set()
    role_item = q.fact_item(ROLE_CONSTRUCT)
    roles = role_item.option_values if role_item else []
    for response in rnd.responses:
        who = response.respondent
        if who in seen:
            problems.append(
                Problem("duplicate-respondent", file=file, id=who, field="respondent", params={"key": who})
            )
        seen.add(who)
        if response.role is not None and roles and response.role not in roles:
            problems.append(
                Problem(
                    "unknown-role",
                    file=file,
                    id=who,
                    field="role",
                    params={
                        "key": response.role,
                        "suggestion": did_you_mean(response.role, roles),
                        "allowed": ", ".join(roles),
                    },
                )
            )
        scale_index = q.scale_index
        for item_id, value in response.answers.items():
            if item_id in scale_index and (value == DONT_KNOW or (type(value) is int and 1 <= value <= 5)):
                continue  # the common case, valid on every scale that offers "don't know"
            item = q.item_by_id.get(item_id)
            if item is None:
                problems.append(
                    Problem(
                        "unknown-item",
                        file=file,
                        id=who,
                        field=item_id,
                        params={
                            "key": item_id,
                            "suggestion": did_you_mean(item_id, q.item_by_id),
                            "questionnaire": q.ref,
                        },
                    )
                )
                continue
            error = answer_error(q, item, value)
            if error:
                detail_nl, detail_en, fix_nl, fix_en = error
                problems.append(
                    Problem(
                        "answer-value",
                        file=file,
                        id=who,
                        field=item_id,
                        params={
                            "value": _show(value),
                            "detail": detail_nl,
                            "detail_en": detail_en,
                            "fix": fix_nl,
                            "fix_en": fix_en,
                        },
                    )
                )
    return problems


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def answer_error(q: Questionnaire, item: Item, value: Any) -> tuple[str, str, str, str] | None:
    """None when the value is a valid answer to the item, else (what nl, what en, fix nl, fix en)."""
    if value is None:
        return None
    if item.type == "scale":
        scale = q.scales.get(item.scale or "")
        if value == DONT_KNOW:
            if scale is not None and scale.dont_know is None:
                return (
                    "deze schaal kent geen 'weet niet'",
                    "this scale has no 'don't know'",
                    "geef 1 t/m 5",
                    "give 1 to 5",
                )
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            allowed = "1 t/m 5" + (' of "dk" (weet niet)' if scale and scale.dont_know else "")
            allowed_en = "1 to 5" + (' or "dk" (don\'t know)' if scale and scale.dont_know else "")
            return (
                "een schaalantwoord is een heel getal van 1 t/m 5",
                "a scale answer is a whole number from 1 to 5",
                f"geef {allowed}",
                f"give {allowed_en}",
            )
        return None
    if item.type == "single":
        if not isinstance(value, str) or value not in item.option_values:
            options = ", ".join(item.option_values)
            return (
                "geen van de opties",
                "not one of the options",
                f"kies uit: {options}",
                f"choose from: {options}",
            )
        return None
    if item.type == "multi":
        if not isinstance(value, list) or not all(
            isinstance(v, str) and v in item.option_values for v in value
        ):
            options = ", ".join(item.option_values)
            return (
                "een meerkeuzeantwoord is een lijst van opties",
                "a multiple-choice answer is a list of options",
                f"kies uit: {options}",
                f"choose from: {options}",
            )
        if len(set(value)) != len(value):
            return (
                "een optie staat er dubbel in",
                "an option is listed twice",
                "noem elke optie één keer",
                "list every option once",
            )
        return None
    if item.type == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return ("geen getal", "not a number", "geef een getal", "give a number")
        if (item.min is not None and value < item.min) or (item.max is not None and value > item.max):
            rng = (
                f"{item.min:g} t/m {item.max:g}"
                if item.min is not None and item.max is not None
                else "het bereik"
            )
            rng_en = (
                f"{item.min:g} to {item.max:g}"
                if item.min is not None and item.max is not None
                else "the range"
            )
            return (
                "buiten het bereik",
                "out of range",
                f"geef een getal van {rng}",
                f"give a number from {rng_en}",
            )
        return None
    if not isinstance(value, str):
        return ("geen tekst", "not text", "geef tekst", "give text")
    if item.max_length is not None and len(value) > item.max_length:
        return (
            f"langer dan {item.max_length} tekens",
            f"longer than {item.max_length} characters",
            "kort de tekst in",
            "shorten the text",
        )
    return None
