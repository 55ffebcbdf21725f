"""The JSON response format: a round of answers (with earlier rounds), and checking answers."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from diagnose.built import built
from diagnose.item_types import answer_error
from diagnose.problems import Problem, did_you_mean
from diagnose.questionnaire import DONT_KNOW, NOT_APPLICABLE, Questionnaire

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


_RESPONSE_FIELDS = set(Response.model_fields)


def kept_response(respondent: str, role: str | None, group: bool, answers: dict[str, Any]) -> Response:
    """A submitted response as a store keeps it, from columns of these types and its answers as
    parsed JSON: what `Response.model_construct` makes of them (nothing validated: check_round
    looks at the answers before they are scored), at a sixth of the cost."""
    return built(
        Response,
        {"respondent": respondent, "role": role, "group": group, "answers": answers},
        _RESPONSE_FIELDS,
    )


class Round(Open):
    label: str = Field(min_length=1, max_length=200)
    date: dt.date | None = None
    responses: list[Response] = Field(default_factory=list)


class Network(Open):
    name: str = Field(min_length=1, max_length=200)
    profile: dict[str, str | float | list[str]] = Field(default_factory=dict)


class AgreementEntry(Open):
    """An agreement the steering group made after the latest history round, with how far it got
    (diagnose.agreements; the rules' `action.C` facts)."""

    text: str = Field(min_length=1, max_length=500)
    owner: str = Field(default="", max_length=200)
    due: dt.date | None = None
    constructs: list[str] = Field(min_length=1)
    status: Literal["planned", "under_way", "done", "dropped"] = "planned"
    note: str = Field(default="", max_length=500)


class ResponseFile(Open):
    questionnaire: QuestionnaireRef
    network: Network
    round: Round
    history: list[Round] = Field(default_factory=list)
    # Agreements made after the latest history round; absent: not known (no `action.C` facts),
    # an empty list: nothing was agreed (every `action.C` is none).
    agreements: list[AgreementEntry] | None = None


def check_agreements(q: Questionnaire, entries: list[AgreementEntry], file: str) -> list[Problem]:
    """Every construct an agreement names must be measured by the questionnaire."""
    measured = set(q.items_by_construct)
    return [
        Problem(
            "agreement-construct",
            file=file,
            id=f"agreements[{index}]",
            field="constructs",
            params={"key": c, "round": "history", "suggestion": did_you_mean(c, measured)},
        )
        for index, entry in enumerate(entries)
        for c in entry.constructs
        if c not in measured
    ]


def role_of(response: Response, q: Questionnaire) -> str | None:
    if response.role:
        return response.role
    item = q.fact_item(ROLE_CONSTRUCT)
    value = response.answers.get(item.id) if item else None
    return value if isinstance(value, str) else None


def plain_valid_answers(q: Questionnaire) -> frozenset[tuple[str, Any]]:
    """The (item id, answer) pairs that are valid answers, for answers of type int, str or None
    only (as set members 1, 1.0 and True are one): no answer, a scale's points and codes, an
    option of a choice; each as answer_error judges it. Made once per questionnaire
    (Questionnaire.scale_layout), so that check_round passes a common response in one lookup."""
    candidates: list[Any] = [None, 1, 2, 3, 4, 5, DONT_KNOW, NOT_APPLICABLE]
    return frozenset(
        (item.id, value)
        for item in q.items()
        for value in [*candidates, *item.option_values]
        if answer_error(q, item, value) is None
    )


_PLAIN_TYPES = frozenset({int, str, type(None)})


def check_round(q: Questionnaire, rnd: Round, file: str, where: str = "round") -> list[Problem]:
    """Every problem with the answers of a round, naming the respondent and the item."""
    return checked_round(q, rnd, file, where)[0]


def checked_round(
    q: Questionnaire, rnd: Round, file: str, where: str = "round"
) -> tuple[list[Problem], bool]:
    """check_round's problems, and whether every answer passed its quick look: an int, str or
    None that is a valid answer to its item (plain_valid_answers), so that a scale answer is a
    point 1..5, a code its scale offers, or none (scoring then reads them in one pass)."""
    problems: list[Problem] = []
    plain = True
    if not rnd.responses:
        problems.append(Problem("no-responses", file=file, id=where))
    seen: set[str] = set()
    role_item = q.fact_item(ROLE_CONSTRUCT)
    roles = role_item.option_values if role_item else []
    valid = q.scale_layout.valid_answers
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
        answers = response.answers
        if set(map(type, answers.values())) <= _PLAIN_TYPES and answers.items() <= valid:
            continue  # the common case: every answer a known valid one, looked up at once
        plain = False
        scale_index = q.scale_index
        for item_id, value in answers.items():
            if item_id in scale_index and type(value) is int and 1 <= value <= 5:
                continue  # the common case, valid on every scale ("dk" and "na" are checked below)
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
                problems.append(
                    Problem(
                        "answer-value",
                        file=file,
                        id=who,
                        field=item_id,
                        params={
                            "value": _show(value),
                            "detail": error.what,
                            "fix": error.fix,
                        },
                    )
                )
    return problems, plain


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
