"""The words of the "because" lines (diagnose.explain): how each kind of fact is named, the
operators, bands, agreement statuses and yes/no as the lines write them, in both languages."""

from __future__ import annotations

from typing import Any

from diagnose.text import LANGUAGES, LocalizedText

FACT_LABELS: dict[str, tuple[str, str]] = {
    "score": ("gemiddelde score ‘{label}’", "mean score ‘{label}’"),
    "band": ("beoordeling ‘{label}’", "rating ‘{label}’"),
    "sd": ("spreiding tussen respondenten ‘{label}’", "spread among respondents ‘{label}’"),
    "min": ("laagste score ‘{label}’", "lowest score ‘{label}’"),
    "max": ("hoogste score ‘{label}’", "highest score ‘{label}’"),
    "n": ("aantal respondenten ‘{label}’", "respondents ‘{label}’"),
    "change": ("verandering sinds de vorige meting ‘{label}’", "change since the previous round ‘{label}’"),
    "previous": ("score in de vorige meting ‘{label}’", "score in the previous round ‘{label}’"),
    "role_gap": (
        "verschil tussen de hoogst en laagst scorende rol ‘{label}’",
        "gap between the highest and lowest scoring role ‘{label}’",
    ),
    "unknown": ("aandeel ‘weet ik niet’ bij ‘{label}’", "share of ‘I don't know’ on ‘{label}’"),
    "signal": (
        "signaal ‘{label}’ (te weinig vragen voor een oordeel)",
        "signal ‘{label}’ (too few questions for a rating)",
    ),
    "item": ("gemiddelde op de stelling ‘{label}’", "mean on the statement ‘{label}’"),
    "profile": ("{label}", "{label}"),
    "disagree": ("respondenten verschillen van mening over ‘{label}’", "respondents disagree on ‘{label}’"),
    "count": ("aantal soorten genoemd bij ‘{label}’", "kinds named for ‘{label}’"),
    "derived": ("{label}", "{label}"),
    "round": ("{label}", "{label}"),
    "action": (
        "afspraak na de vorige meting over ‘{label}’",
        "agreement after the previous round on ‘{label}’",
    ),
}
ROUND_LABELS = {
    "respondents": LocalizedText(nl="aantal respondenten", en="number of respondents"),
    "roles": LocalizedText(nl="aantal verschillende rollen", en="number of different roles"),
}
OP_WORDS: dict[str, tuple[str, str]] = {
    "<": ("lager dan", "below"),
    "<=": ("hoogstens", "at most"),
    ">": ("hoger dan", "above"),
    ">=": ("minstens", "at least"),
    "==": ("gelijk aan", "equal to"),
    "!=": ("niet gelijk aan", "not equal to"),
}
BAND_LABELS = {
    "strength": LocalizedText(nl="sterk punt", en="strength"),
    "attention": LocalizedText(nl="aandachtspunt", en="point of attention"),
    "concern": LocalizedText(nl="zorgpunt", en="concern"),
}
ACTION_LABELS = {  # an agreement's status (diagnose.agreements.STATUSES takes its names here), or none
    "done": LocalizedText(nl="gedaan", en="done"),
    "under_way": LocalizedText(nl="loopt", en="under way"),
    "planned": LocalizedText(nl="gepland", en="planned"),
    "dropped": LocalizedText(nl="vervallen", en="dropped"),
    "none": LocalizedText(nl="geen afspraak", en="no agreement"),
}
BOOL_LABELS = {True: LocalizedText(nl="ja", en="yes"), False: LocalizedText(nl="nee", en="no")}
THRESHOLD_WORDS = ("de drempel", "the threshold")

BETWEEN = LocalizedText(nl="tussen {low} en {high}", en="between {low} and {high}")
BELOW = LocalizedText(nl="onder {bound}", en="below {bound}")
AT_MOST = LocalizedText(nl="hoogstens {bound}", en="at most {bound}")
AT_LEAST = LocalizedText(nl="{bound} of hoger", en="{bound} or higher")
ABOVE = LocalizedText(nl="boven {bound}", en="above {bound}")
BOUND_WORDS = {"<": BELOW, "<=": AT_MOST, ">=": AT_LEAST, ">": ABOVE}
# ", aandachtspunt" after a score's value, per language (LANGUAGES' order)
BAND_TAILS: dict[Any, tuple[str, ...]] = {
    band: tuple(f", {label.get(lang)}" for lang in LANGUAGES) for band, label in BAND_LABELS.items()
}
