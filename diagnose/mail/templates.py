"""The invitation and reminder templates: placeholders, the Dutch and English defaults, the check
that refuses an unknown placeholder when a template is saved, and filling one in.

A template is a subject and a plain-text body with {naam}, {netwerk}, {meting}, {deadline}, {link}
and {afzender}. The HTML part is made from the same body (compose.py), so the two never differ.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from diagnose.problems import Problem, did_you_mean
from diagnose.text import LANGUAGES, Lang, LocalizedText

Kind = Literal["invitation", "reminder"]
KINDS: tuple[Kind, ...] = ("invitation", "reminder")
PLACEHOLDERS: dict[str, LocalizedText] = {
    "naam": LocalizedText(nl="naam van de deelnemer", en="the participant's name"),
    "netwerk": LocalizedText(nl="naam van het netwerk", en="the network's name"),
    "meting": LocalizedText(nl="naam van de meting (ronde)", en="the round's name"),
    "deadline": LocalizedText(nl="de uiterste invuldatum", en="the deadline"),
    "link": LocalizedText(nl="de persoonlijke link", en="the personal link"),
    "afzender": LocalizedText(nl="naam van de afzender", en="the sender's name"),
}
MAX_SUBJECT = 200
MAX_BODY = 10_000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Template:
    subject: str
    body: str


DEFAULTS: dict[Kind, dict[Lang, Template]] = {
    "invitation": {
        "nl": Template(
            subject="Uitnodiging: netwerkscan {netwerk} ({meting})",
            body=(
                "Beste {naam},\n\n"
                "Ons netwerk {netwerk} staat even stil bij hoe we samenwerken. Daarvoor vullen alle "
                "deelnemers de netwerkscan in: een korte vragenlijst over doelen, "
                "eigenaarschap, vertrouwen en leiderschap in het netwerk.\n\n"
                "Je persoonlijke link:\n{link}\n\n"
                "Je kunt tussendoor stoppen en later verdergaan; je antwoorden blijven bewaard. "
                "Vul de vragenlijst in vóór {deadline}. De uitkomsten bespreken we samen in de "
                "stuurgroep.\n\n"
                "Deze link is persoonlijk: stuur hem niet door.\n\n"
                "Met vriendelijke groet,\n{afzender}"
            ),
        ),
        "en": Template(
            subject="Invitation: network scan {netwerk} ({meting})",
            body=(
                "Dear {naam},\n\n"
                "Our network {netwerk} is taking stock of how we work together. To do so, every "
                "member fills in the network scan: a short questionnaire on goals, "
                "ownership, trust and leadership in the network.\n\n"
                "Your personal link:\n{link}\n\n"
                "You can stop and continue later; your answers are kept. Please answer before "
                "{deadline}. We will discuss the results together in the steering group.\n\n"
                "This link is personal: please do not forward it.\n\n"
                "Kind regards,\n{afzender}"
            ),
        ),
    },
    "reminder": {
        "nl": Template(
            subject="Herinnering: netwerkscan {netwerk} ({meting})",
            body=(
                "Beste {naam},\n\n"
                "Onlangs ontving je een uitnodiging voor de netwerkscan van {netwerk}. We hebben je "
                "antwoorden nog niet binnen. Elke deelnemer telt: hoe meer mensen meedoen, hoe "
                "beter het beeld van het netwerk klopt.\n\n"
                "Je persoonlijke link:\n{link}\n\n"
                "Ben je al begonnen? Dan ga je verder waar je was. Vul de vragenlijst in vóór "
                "{deadline}.\n\n"
                "Met vriendelijke groet,\n{afzender}"
            ),
        ),
        "en": Template(
            subject="Reminder: network scan {netwerk} ({meting})",
            body=(
                "Dear {naam},\n\n"
                "You recently received an invitation to the network scan of {netwerk}. We have not "
                "received your answers yet. Every member counts: the more people take part, the "
                "truer the picture of the network.\n\n"
                "Your personal link:\n{link}\n\n"
                "Already started? You will continue where you left off. Please answer before "
                "{deadline}.\n\n"
                "Kind regards,\n{afzender}"
            ),
        ),
    },
}


def placeholders_in(text: str) -> list[str]:
    """The {names} a text uses; raises ValueError on a lone brace."""
    return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]


def template_problems(kind: Kind, lang: Lang, template: Template) -> list[Problem]:
    """Why this template cannot be saved: an unknown or malformed placeholder, a subject with a line
    break, an empty or over-long part, or a body without the link. Located by kind, language, field."""
    where = f"{kind}.{lang}"
    problems: list[Problem] = []
    for field, text, limit in (("subject", template.subject, MAX_SUBJECT), ("body", template.body, MAX_BODY)):
        if not text.strip() or len(text) > limit:
            problems.append(Problem("mail-template-length", id=where, field=field, params={"limit": limit}))
            continue
        if _CONTROL.search(text) or (field == "subject" and ("\n" in text or "\r" in text)):
            problems.append(Problem("mail-template-control", id=where, field=field))
            continue
        try:
            names = placeholders_in(text)
        except ValueError:
            problems.append(
                Problem("mail-template-brace", id=where, field=field, params={"example": "{naam}"})
            )
            continue
        for name in names:
            if name not in PLACEHOLDERS:
                problems.append(
                    Problem(
                        "mail-template-placeholder",
                        id=where,
                        field=field,
                        params={
                            "key": "{" + name + "}",
                            "suggestion": ("{" + close + "}")
                            if (close := did_you_mean(name, PLACEHOLDERS))
                            else "",
                            "known": ", ".join("{" + p + "}" for p in PLACEHOLDERS),
                        },
                    )
                )
    if not problems and "link" not in placeholders_in(template.body):
        problems.append(Problem("mail-template-no-link", id=where, field="body", params={"key": "{link}"}))
    return problems


def effective(saved: Mapping[str, object], kind: Kind, lang: Lang) -> Template:
    """The round's own template when it has one, else the default."""
    own = saved.get(kind)
    if isinstance(own, Mapping):
        chosen = own.get(lang)
        if isinstance(chosen, Mapping):
            return Template(str(chosen["subject"]), str(chosen["body"]))
    return DEFAULTS[kind][lang]


def fill(template: Template, values: Mapping[str, str]) -> Template:
    """The template with its placeholders filled; the subject folded to one line."""
    subject = template.subject.format_map(values)
    return Template(" ".join(subject.split()), template.body.format_map(values))


__all__ = ["DEFAULTS", "KINDS", "LANGUAGES", "PLACEHOLDERS", "Kind", "Template", "effective", "fill"]
