"""The item types, declared once: per type, what a valid answer is, what a spreadsheet cell means,
and what the item gives the rules (the facts of the vocabulary and of the scoring).

A new item type is one entry in ITEM_TYPES (plus its name in questionnaire.ItemType, so the file
format accepts it; a test keeps the two equal) and one entry in the app's widget table, WIDGETS in
netscan_app/form.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from diagnose.questionnaire import DONT_KNOW, NOT_APPLICABLE, Item, Questionnaire
from diagnose.text import Lang, LocalizedText

# What an item of a type gives the rules:
#   score   its answer counts towards a score/position construct (score.*, item.*)
#   choice  a profile fact that is one option (profile.*, disagree.*)
#   choices a profile fact that is a set of options (count.*, disagree.*)
#   number  a numeric profile fact (profile.*)
#   none    nothing (free text is shown, never scored)
Facts = Literal["score", "choice", "choices", "number", "none"]

MULTI_SEPARATOR = ";"
DONT_KNOW_WORDS = {
    "dk",
    "weet niet",
    "weet ik niet",
    "weet niet / n.v.t.",
    "weet niet/n.v.t.",
    "don't know",
    "dont know",
    "do not know",
    "i don't know",
    "don't know / not applicable",
}
# Read as "niet van toepassing" on a scale that offers it; on a scale with one answer for both
# (questionnaire 1.0's "Weet niet / n.v.t.") as "weet ik niet" (parse_cell).
NOT_APPLICABLE_WORDS = {"na", "n.v.t.", "nvt", "n.v.t", "n/a", "niet van toepassing", "not applicable"}


@dataclass(frozen=True)
class AnswerError:
    """Why an answer is invalid and how to give a valid one."""

    what: LocalizedText
    fix: LocalizedText


def _error(what_nl: str, what_en: str, fix_nl: str, fix_en: str) -> AnswerError:
    return AnswerError(LocalizedText(nl=what_nl, en=what_en), LocalizedText(nl=fix_nl, en=fix_en))


@dataclass(frozen=True)
class ItemType:
    name: str
    facts: Facts
    fields: frozenset[str]  # the optional fields of an item that belong to this type
    check: Callable[[Questionnaire, Item, Any], AnswerError | None]
    parse: Callable[[Item, Any], Any]

    @property
    def free_text(self) -> bool:
        """Answers shown as written (to those who may see them), never scored."""
        return self.facts == "none"

    def answer_error(self, q: Questionnaire, item: Item, value: Any) -> AnswerError | None:
        """None when the value is a valid answer to the item (None, no answer, always is)."""
        return None if value is None else self.check(q, item, value)

    def parse_cell(self, item: Item, raw: Any) -> Any:
        """The answer a spreadsheet cell means (None when empty); an invalid value is returned as
        given, so that answer_error names it."""
        if is_blank(raw):
            return None
        if isinstance(raw, dt.datetime | dt.date):
            raw = raw.isoformat()
        return self.parse(item, raw)


# ---- answers ------------------------------------------------------------------------------------


def _check_scale(q: Questionnaire, item: Item, value: Any) -> AnswerError | None:
    scale = q.scales.get(item.scale or "")
    allowed = "1 t/m 5" + (' of "dk" (weet ik niet)' if scale and scale.dont_know else "")
    allowed_en = "1 to 5" + (' or "dk" (don\'t know)' if scale and scale.dont_know else "")
    if scale and scale.not_applicable:
        allowed += ' of "na" (niet van toepassing)'
        allowed_en += ' or "na" (not applicable)'
    if value in (DONT_KNOW, NOT_APPLICABLE):
        offered = scale is None or (scale.dont_know if value == DONT_KNOW else scale.not_applicable)
        if not offered:
            return _error(
                "deze schaal kent geen 'weet ik niet'"
                if value == DONT_KNOW
                else "deze schaal kent geen 'niet van toepassing'",
                "this scale has no 'don't know'"
                if value == DONT_KNOW
                else "this scale has no 'not applicable'",
                f"geef {allowed}",
                f"give {allowed_en}",
            )
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        return _error(
            "een schaalantwoord is een heel getal van 1 t/m 5",
            "a scale answer is a whole number from 1 to 5",
            f"geef {allowed}",
            f"give {allowed_en}",
        )
    return None


def choices(item: Item) -> tuple[str, str]:
    """The options as a person reads them, Dutch and English: short label, then the code
    ("schoolleider (school_leader)"). A file may give either (see _option)."""
    options = item.options or []

    def listed(lang: Lang) -> str:
        names = [(o.label.get(lang).split(" (", 1)[0].lower(), o.value) for o in options]
        return ", ".join(value if name == value.casefold() else f"{name} ({value})" for name, value in names)

    return listed("nl"), listed("en")


def _check_single(q: Questionnaire, item: Item, value: Any) -> AnswerError | None:
    if not isinstance(value, str) or value not in item.option_values:
        nl, en = choices(item)
        return _error("geen van de opties", "not one of the options", f"kies uit: {nl}", f"choose from: {en}")
    return None


def _check_multi(q: Questionnaire, item: Item, value: Any) -> AnswerError | None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v in item.option_values for v in value):
        nl, en = choices(item)
        return _error(
            "een meerkeuzeantwoord is een lijst van opties",
            "a multiple-choice answer is a list of options",
            f"kies uit: {nl}",
            f"choose from: {en}",
        )
    if len(set(value)) != len(value):
        return _error(
            "een optie staat er dubbel in",
            "an option is listed twice",
            "noem elke optie één keer",
            "list every option once",
        )
    return None


def _check_number(q: Questionnaire, item: Item, value: Any) -> AnswerError | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return _error("geen getal", "not a number", "geef een getal", "give a number")
    if (item.min is not None and value < item.min) or (item.max is not None and value > item.max):
        bounded = item.min is not None and item.max is not None
        rng = f"{item.min:g} t/m {item.max:g}" if bounded else "het bereik"
        rng_en = f"{item.min:g} to {item.max:g}" if bounded else "the range"
        return _error(
            "buiten het bereik", "out of range", f"geef een getal van {rng}", f"give a number from {rng_en}"
        )
    return None


def _check_text(q: Questionnaire, item: Item, value: Any) -> AnswerError | None:
    if not isinstance(value, str):
        return _error("geen tekst", "not text", "geef tekst", "give text")
    if "\x00" in value:  # nobody types it; PostgreSQL stores no text with it, nor a backup of it
        return _error(
            "bevat een nulteken (\\u0000)",
            "contains a NUL character (\\u0000)",
            "haal het teken uit de tekst",
            "remove the character from the text",
        )
    if item.max_length is not None and len(value) > item.max_length:
        return _error(
            f"langer dan {item.max_length} tekens",
            f"longer than {item.max_length} characters",
            "kort de tekst in",
            "shorten the text",
        )
    return None


# ---- spreadsheet cells --------------------------------------------------------------------------


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def parse_number(raw: Any) -> Any:
    """A number from a cell: 4, 4.0, "4", "4,5" (Dutch), " 12 "; anything else is returned as is."""
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float):
        return int(raw) if isinstance(raw, float) and raw.is_integer() else raw
    if isinstance(raw, str):
        text = raw.strip()
        if re.fullmatch(r"[+-]?\d+", text):
            return int(text)
        if re.fullmatch(r"[+-]?\d*[.,]\d+", text):
            value = float(text.replace(",", "."))
            return int(value) if value.is_integer() else value
        return text
    return raw


def _option(item: Item, raw: str) -> str:
    """An option by its value, by its label in either language, or by a name its label gives
    (case-insensitively): "Schoolbestuur (bestuurder of bestuursstaf)" is also "schoolbestuur",
    "bestuurder" and "bestuursstaf", "Leraar of docent" also "leraar" and "docent". A name two
    options give is no one's."""
    text = raw.strip()
    if text in item.option_values:
        return text
    folded = " ".join(text.casefold().split())
    for option in item.options or []:
        if folded in (option.value.casefold(), option.label.nl.casefold(), option.label.en.casefold()):
            return option.value
    return option_names(item).get(folded, text)


_NAME_SPLIT = re.compile(r"\s*(?:[(),;/]|\bof\b|\bor\b|\ben\b|\band\b)\s*")


def option_names(item: Item) -> dict[str, str]:
    """Every name the option labels give (see _option) → the option's value; ambiguous ones left out."""
    found: dict[str, set[str]] = {}
    for option in item.options or []:
        for label in (option.label.nl, option.label.en):
            short = label.split(" (", 1)[0]
            for part in [short, *_NAME_SPLIT.split(label)]:
                name = " ".join(part.casefold().split())
                if len(name) >= 3:
                    found.setdefault(name, set()).add(option.value)
        for extra in option.names:
            found.setdefault(" ".join(extra.casefold().split()), set()).add(option.value)
    return {name: next(iter(values)) for name, values in found.items() if len(values) == 1}


def _parse_scale(item: Item, raw: Any) -> Any:
    if isinstance(raw, str):
        word = raw.strip().casefold()
        if word in DONT_KNOW_WORDS:
            return DONT_KNOW
        if word in NOT_APPLICABLE_WORDS:
            return NOT_APPLICABLE
    return parse_number(raw)


def _parse_single(item: Item, raw: Any) -> Any:
    return _option(item, str(parse_number(raw)) if not isinstance(raw, str) else raw)


def _parse_multi(item: Item, raw: Any) -> Any:
    return [_option(item, p) for p in str(raw).split(MULTI_SEPARATOR) if p.strip()]


def _parse_number(item: Item, raw: Any) -> Any:
    return parse_number(raw)


def _parse_text(item: Item, raw: Any) -> Any:
    return raw if isinstance(raw, str) else str(raw)


ITEM_TYPES: dict[str, ItemType] = {
    "scale": ItemType("scale", "score", frozenset({"scale", "reverse"}), _check_scale, _parse_scale),
    "single": ItemType("single", "choice", frozenset({"options"}), _check_single, _parse_single),
    "multi": ItemType("multi", "choices", frozenset({"options"}), _check_multi, _parse_multi),
    "number": ItemType("number", "number", frozenset({"min", "max"}), _check_number, _parse_number),
    "text": ItemType("text", "none", frozenset({"max_length"}), _check_text, _parse_text),
}


def item_type(item: Item) -> ItemType:
    return ITEM_TYPES[item.type]


def answer_error(q: Questionnaire, item: Item, value: Any) -> AnswerError | None:
    """None when the value is a valid answer to the item, else what is wrong and how to fix it."""
    return ITEM_TYPES[item.type].answer_error(q, item, value)


def parse_cell(item: Item, raw: Any, q: Questionnaire | None = None) -> Any:
    """The answer a spreadsheet or CSV cell means for this item (see ItemType.parse_cell). Given
    the questionnaire, "n.v.t." on a scale without a separate "niet van toepassing" (version 1.0's
    "Weet niet / n.v.t.") is that scale's one answer for both: "dk"."""
    value = ITEM_TYPES[item.type].parse_cell(item, raw)
    if value == NOT_APPLICABLE and q is not None:
        scale = q.scales.get(item.scale or "")
        if scale is not None and scale.not_applicable is None and scale.dont_know is not None:
            return DONT_KNOW
    return value
