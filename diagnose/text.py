"""Localized text: every user-visible string exists in Dutch and English."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

# re-exported (`X as X`): the rest of the code keeps importing them from here
from diagnose.languages import DEFAULT_LANG as DEFAULT_LANG  # noqa: PLC0414
from diagnose.languages import LANGUAGES as LANGUAGES  # noqa: PLC0414
from diagnose.languages import Lang as Lang  # noqa: PLC0414


class LocalizedText(BaseModel):
    """A string in both product languages; a missing language is a validation error."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    nl: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: Lang) -> str:
        return self.nl if lang == "nl" else self.en

    def format(self, **values: object) -> LocalizedText:
        return LocalizedText(nl=self.nl.format(**values), en=self.en.format(**values))


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
