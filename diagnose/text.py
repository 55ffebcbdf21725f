"""Localized text: every user-visible string exists in Dutch and English."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from diagnose.built import built

# re-exported (`X as X`): the rest of the code keeps importing them from here
from diagnose.languages import DEFAULT_LANG as DEFAULT_LANG  # noqa: PLC0414
from diagnose.languages import LANGUAGES as LANGUAGES  # noqa: PLC0414
from diagnose.languages import Lang as Lang  # noqa: PLC0414

M = TypeVar("M", bound=BaseModel)


def trusted(
    cls: type[M], values: dict[str, Any], unset: frozenset[str] = frozenset(), fields: set[str] | None = None
) -> M:
    """`cls` holding `values` (every field, in the model's order) as they are, as `model_construct`
    makes it but without its per-field walk: for parts the core builds from validated content
    (a finding of ~15 per round, its lines, a filled text), where pydantic's validation would
    give back the same values and cost a fifth of a diagnosis. The caller makes sure of that: the
    exact types validation keeps (a float, not an int it would turn into one), no empty text,
    fresh containers (validation copies lists and dicts); where it cannot, it validates. `unset`:
    fields given their default, not counted as set (as when validation leaves them out). `fields`:
    the set of fields set, shared among instances only if it holds every field (setting a field
    adds its name to it: see built)."""
    if fields is None:
        fields = set(values).difference(unset) if unset else set(values)
    return built(cls, values, fields)


class LocalizedText(BaseModel):
    """A string in both product languages; a missing language is a validation error."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    nl: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: Lang) -> str:
        return self.nl if lang == "nl" else self.en

    @classmethod
    def of(cls, nl: str, en: str) -> LocalizedText:
        """The text of two strings the core made (a filled template, a "because" line): unvalidated
        when both are non-empty, else validated, so an empty one fails as before."""
        if nl and en and type(nl) is str and type(en) is str:
            return trusted(cls, {"nl": nl, "en": en}, fields=_TEXT_FIELDS)
        return cls(nl=nl, en=en)

    def format(self, **values: object) -> LocalizedText:
        return LocalizedText(nl=self.nl.format(**values), en=self.en.format(**values))


_TEXT_FIELDS = {"nl", "en"}  # every LocalizedText has both set

MONTHS: dict[Lang, tuple[str, ...]] = {
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def long_date(day: dt.date, lang: Lang) -> str:
    """A date written out, as in a letter: 3 december 2026 / 3 December 2026."""
    return f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"


def format_number(value: float, lang: Lang, decimals: int = 1) -> str:
    """Dutch writes 3,5 where English writes 3.5."""
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if lang == "nl" else text
