"""The region of a network: an optional profile field for the consultant's portfolio (filter and
sort), declared once here as data. Nobody answers it and no rule reads it.

Dutch education networks work within a province or across the country, so the vocabulary is the
twelve provinces plus "landelijk" (nationwide), stored by a short id; a free text would split one
region over spellings ("Noord Brabant", "N-Brabant") and break the filter. A network that spans a
few provinces picks the one it is registered in, or "landelijk".
"""

from __future__ import annotations

from diagnose.problems import Problem, did_you_mean
from diagnose.text import LocalizedText

REGION = "region"  # the profile key

REGIONS: dict[str, LocalizedText] = {
    "groningen": LocalizedText(nl="Groningen", en="Groningen"),
    "fryslan": LocalizedText(nl="Fryslân", en="Friesland"),
    "drenthe": LocalizedText(nl="Drenthe", en="Drenthe"),
    "overijssel": LocalizedText(nl="Overijssel", en="Overijssel"),
    "flevoland": LocalizedText(nl="Flevoland", en="Flevoland"),
    "gelderland": LocalizedText(nl="Gelderland", en="Gelderland"),
    "utrecht": LocalizedText(nl="Utrecht", en="Utrecht"),
    "noord_holland": LocalizedText(nl="Noord-Holland", en="North Holland"),
    "zuid_holland": LocalizedText(nl="Zuid-Holland", en="South Holland"),
    "zeeland": LocalizedText(nl="Zeeland", en="Zeeland"),
    "noord_brabant": LocalizedText(nl="Noord-Brabant", en="North Brabant"),
    "limburg": LocalizedText(nl="Limburg", en="Limburg"),
    "landelijk": LocalizedText(nl="Landelijk", en="Nationwide"),
}


def region_problem(value: object, *, file: str = "", where: str = "profile") -> Problem | None:
    """Why this cannot be a network's region (None when it can)."""
    if isinstance(value, str) and value in REGIONS:
        return None
    shown = str(value)[:60]
    return Problem(
        "unknown-region",
        file=file,
        id=where,
        field=REGION,
        params={
            "value": shown,
            "suggestion": did_you_mean(shown.casefold().replace("-", "_").replace(" ", "_"), set(REGIONS)),
            "allowed": ", ".join(REGIONS),
        },
    )
