"""The import template: an empty answer table for one questionnaire, CSV or XLSX.

Row 1 holds the column names the importer reads: ``respondent``, ``groep`` and the questionnaire's
item ids. Row 2 explains every column in Dutch (or English): the question and what to fill in. Its
first cell begins with ``#``, so the importer skips it (``tables.without_explanation``); a user may
keep it or delete it. Nothing else is needed to import the file back.
"""

from __future__ import annotations

from typing import Literal

from diagnose.item_types import MULTI_SEPARATOR
from diagnose.questionnaire import Item, ItemType, Questionnaire
from diagnose.store.transfer import tables
from diagnose.text import Lang, LocalizedText

TemplateFormat = Literal["csv", "xlsx"]

_HOW: dict[ItemType, LocalizedText] = {
    "scale": LocalizedText(nl="1 t/m 5 ({points})", en="1 to 5 ({points})"),
    "single": LocalizedText(nl="één van: {options}", en="one of: {options}"),
    "multi": LocalizedText(
        nl=f"één of meer van: {{options}}, gescheiden door {MULTI_SEPARATOR}",
        en=f"one or more of: {{options}}, separated by {MULTI_SEPARATOR}",
    ),
    "number": LocalizedText(nl="een getal", en="a number"),
    "text": LocalizedText(nl="vrije tekst", en="free text"),
}
_DONT_KNOW = LocalizedText(nl=", of ‘weet niet’", en=", or ‘don't know’")
_FIRST = LocalizedText(
    nl="# Uitleg per kolom; deze regel wordt bij het importeren overgeslagen. Respondent: een eigen "
    "nummer of naam per rij (niet verplicht)",
    en="# What each column holds; this row is skipped on import. Respondent: a number or name of "
    "its own per row (optional)",
)
_GROUP = LocalizedText(
    nl="ja als de rij het antwoord van een groep is (samen ingevuld), anders leeg of nee",
    en="yes when the row is a group's answer (filled in together), else empty or no",
)
_REQUIRED = LocalizedText(nl=" (verplicht)", en=" (required)")


def explanation(q: Questionnaire, item: Item, lang: Lang) -> str:
    """What a person fills in under one item's column: the question, then the answers it takes."""
    how = _HOW[item.type].get(lang)
    if item.type == "scale":
        scale = q.scales[item.scale or ""]
        points = ", ".join(f"{p.value} = {p.label.get(lang).lower()}" for p in scale.points)
        how = how.format(points=points) + (_DONT_KNOW.get(lang) if scale.dont_know else "")
    elif item.type in ("single", "multi"):
        how = how.format(options="; ".join(o.label.get(lang).split(" (", 1)[0] for o in item.options or []))
    required = _REQUIRED.get(lang) if item.required else ""
    return f"{item.text.get(lang)}{required} — {how}"


def answer_template(q: Questionnaire, fmt: TemplateFormat, lang: Lang = "nl") -> bytes:
    """An empty answer table for ``q`` with its row of explanations."""
    group_column = "groep" if lang == "nl" else "group"
    header = ["respondent", group_column, *(item.id for item in q.items())]
    row = [_FIRST.get(lang), _GROUP.get(lang), *(explanation(q, item, lang) for item in q.items())]
    if fmt == "csv":
        return tables.write_csv(header, [row])
    return tables.write_xlsx(header, [row])
