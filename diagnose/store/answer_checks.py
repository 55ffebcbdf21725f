"""Checking answers as the store receives them (autosave, group answers, imports, network profiles):
the core's answer_error, with problems that name the item, the respondent and the file."""

from __future__ import annotations

from typing import Any

from diagnose.item_types import answer_error
from diagnose.problems import Problem, ValidationFailed, did_you_mean
from diagnose.questionnaire import Questionnaire
from diagnose.responses import ROLE_CONSTRUCT


def normalise_value(value: Any) -> Any:
    """Answers as the core expects them: lists for multiple choice, whole floats as ints."""
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def validate_answer(q: Questionnaire, item_id: str, value: Any, *, who: str = "", file: str = "") -> Any:
    """The normalised value, or ValidationFailed naming the item (unknown item or invalid value)."""
    item = q.item_by_id.get(item_id)
    if item is None:
        raise ValidationFailed(
            [
                Problem(
                    "unknown-item",
                    file=file,
                    id=who or None,
                    field=item_id,
                    params={
                        "key": item_id,
                        "suggestion": did_you_mean(item_id, q.item_by_id),
                        "questionnaire": q.ref,
                    },
                )
            ]
        )
    value = normalise_value(value)
    error = answer_error(q, item, value)
    if error:
        shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
        raise ValidationFailed(
            [
                Problem(
                    "answer-value",
                    file=file,
                    id=who or None,
                    field=item_id,
                    params={
                        "value": shown,
                        "detail": error.what,
                        "fix": error.fix,
                    },
                )
            ]
        )
    return value


def check_role(q: Questionnaire, role: str | None, *, who: str = "", file: str = "") -> None:
    item = q.fact_item(ROLE_CONSTRUCT)
    if role is None or item is None or role in item.option_values:
        return
    raise ValidationFailed(
        [
            Problem(
                "unknown-role",
                file=file,
                id=who or None,
                field="role",
                params={
                    "key": role,
                    "suggestion": did_you_mean(role, item.option_values),
                    "allowed": ", ".join(item.option_values),
                },
            )
        ]
    )


def ordered_answers(q: Questionnaire, answers: dict[str, Any]) -> dict[str, Any]:
    """Answers in questionnaire order (stable exports and snapshots), unknown ids last."""
    order = {item_id: index for index, item_id in enumerate(q.item_by_id)}
    return dict(sorted(answers.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))
