"""Answers and widgets, without Streamlit: widget keys, conversions, progress, missing items.

A widget's key is ``q__<item id>`` (``q__<item id>__<option>`` for the checkboxes of a multiple-choice
item). Item ids never contain a double underscore, so the key can be split back into the item id.
The answer values are those of the JSON response format: 1–5 or "dk" for a scale, an option value,
a list of option values, a number, or text. ``None`` means "no answer".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from diagnose.item_types import answer_error
from diagnose.questionnaire import DONT_KNOW, Item, Questionnaire, Section

PREFIX = "q__"


def widget_key(item_id: str, option: str | None = None) -> str:
    return f"{PREFIX}{item_id}" if option is None else f"{PREFIX}{item_id}__{option}"


def scale_options(q: Questionnaire, item: Item) -> list[int | str]:
    scale = q.scales[item.scale or ""]
    options: list[int | str] = [p.value for p in scale.points]
    if scale.dont_know is not None:
        options.append(DONT_KNOW)
    return options


def whole_number_bounds(item: Item) -> bool:
    return all(v is None or float(v).is_integer() for v in (item.min, item.max))


def normalise_text(item: Item, value: Any) -> Any:
    """A text answer to store: trimmed; empty text becomes None."""
    return str(value).strip() or None


def normalise_multi(item: Item, value: Any) -> Any:
    """The chosen options in the questionnaire's order; none chosen becomes None."""
    chosen = [v for v in item.option_values if v in set(value)]
    return chosen or None


def normalise_number(item: Item, value: Any) -> Any:
    """A whole number as an int (a number widget gives floats)."""
    number = float(value)
    return int(number) if number.is_integer() else number


def keep(item: Item, value: Any) -> Any:
    return value


def is_answered(value: Any) -> bool:
    return value is not None and value not in ("", [])


@dataclass(frozen=True)
class Progress:
    answered: int
    total: int
    missing_required: list[str]

    @property
    def fraction(self) -> float:
        return self.answered / self.total if self.total else 1.0

    @property
    def complete(self) -> bool:
        return not self.missing_required


def progress(q: Questionnaire, answers: Mapping[str, Any]) -> Progress:
    items = list(q.items())
    answered = sum(1 for item in items if is_answered(answers.get(item.id)))
    missing = [item.id for item in items if item.required and not is_answered(answers.get(item.id))]
    return Progress(answered=answered, total=len(items), missing_required=missing)


def missing_in_section(section: Section, answers: Mapping[str, Any]) -> list[Item]:
    return [item for item in section.items if item.required and not is_answered(answers.get(item.id))]


def first_open_section(q: Questionnaire, answers: Mapping[str, Any]) -> int:
    """Where a returning respondent resumes: the first page with an unanswered item, else the last."""
    for index, section in enumerate(q.sections):
        if any(not is_answered(answers.get(item.id)) for item in section.items if item.required):
            return index
    for index, section in enumerate(q.sections):
        if not any(is_answered(answers.get(item.id)) for item in section.items):
            return index
    return len(q.sections) - 1


def valid_answers(q: Questionnaire, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Only the answers that are still valid for this questionnaire (a draft may predate a change)."""
    result = {}
    for item_id, value in answers.items():
        item = q.item_by_id.get(item_id)
        if item is not None and is_answered(value) and answer_error(q, item, value) is None:
            result[item_id] = value
    return result
