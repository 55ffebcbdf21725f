"""Answers and widgets, without Streamlit: widget keys, conversions, progress, missing items.

A widget's key is ``q__<item id>`` (``q__<item id>__<option>`` for the checkboxes of a multiple-choice
item). Item ids never contain a double underscore, so the key can be split back into the item id.
The answer values are those of the JSON response format: 1–5, "dk" or "na" for a scale, an option
value, a list of option values, a number, or text. ``None`` means "no answer".

The pages a respondent sees are the questionnaire's respondent sections with the items shown to
their role (``Questionnaire.asked``), the role being their answer to the role question: choosing a
role can add or remove pages further on, never the page the role question is on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from diagnose.item_types import answer_error
from diagnose.questionnaire import DONT_KNOW, NOT_APPLICABLE, Item, Questionnaire, Section
from diagnose.responses import ROLE_CONSTRUCT

PREFIX = "q__"


def widget_key(item_id: str, option: str | None = None) -> str:
    return f"{PREFIX}{item_id}" if option is None else f"{PREFIX}{item_id}__{option}"


def scale_options(q: Questionnaire, item: Item) -> list[int | str]:
    scale = q.scales[item.scale or ""]
    options: list[int | str] = [p.value for p in scale.points]
    if scale.dont_know is not None:
        options.append(DONT_KNOW)
    if scale.not_applicable is not None:
        options.append(NOT_APPLICABLE)
    return options


@dataclass(frozen=True)
class Page:
    """One page of the form: a section and the items of it this respondent is asked."""

    section: Section
    items: list[Item]


def role_answer(q: Questionnaire, answers: Mapping[str, Any]) -> str | None:
    item = q.fact_item(ROLE_CONSTRUCT)
    value = answers.get(item.id) if item is not None else None
    return value if isinstance(value, str) else None


def pages(q: Questionnaire, answers: Mapping[str, Any]) -> list[Page]:
    """The form's pages for the answers given so far (the role decides which items are asked)."""
    return [Page(section, items) for section, items in q.asked(role_answer(q, answers))]


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
    items = [item for page in pages(q, answers) for item in page.items]
    answered = sum(1 for item in items if is_answered(answers.get(item.id)))
    missing = [item.id for item in items if item.required and not is_answered(answers.get(item.id))]
    return Progress(answered=answered, total=len(items), missing_required=missing)


def missing_in_section(page: Page, answers: Mapping[str, Any]) -> list[Item]:
    return [item for item in page.items if item.required and not is_answered(answers.get(item.id))]


def first_open_section(q: Questionnaire, answers: Mapping[str, Any]) -> int:
    """Where a returning respondent resumes: the first page with an unanswered item, else the last."""
    shown = pages(q, answers)
    for index, page in enumerate(shown):
        if any(not is_answered(answers.get(item.id)) for item in page.items if item.required):
            return index
    for index, page in enumerate(shown):
        if not any(is_answered(answers.get(item.id)) for item in page.items):
            return index
    return len(shown) - 1


def valid_answers(q: Questionnaire, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Only the answers that are still valid for this questionnaire (a draft may predate a change)."""
    result = {}
    for item_id, value in answers.items():
        item = q.item_by_id.get(item_id)
        if item is not None and is_answered(value) and answer_error(q, item, value) is None:
            result[item_id] = value
    return result
