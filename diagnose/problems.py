"""The catalogue of problems a user can cause, with a code, what is wrong and how to fix it.

Every message exists in Dutch and English. Tests assert on the codes, so keep them stable.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from diagnose.text import Lang

# code: (what is wrong nl, en), (how to fix nl, en)
CATALOGUE: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "file-unreadable": (
        ("het bestand kan niet worden gelezen: {detail}", "the file cannot be read: {detail}"),
        ("controleer het pad en de rechten", "check the path and its permissions"),
    ),
    "file-encoding": (
        ("het bestand is geen UTF-8-tekst", "the file is not UTF-8 text"),
        ("sla het bestand op als UTF-8", "save the file as UTF-8"),
    ),
    "file-too-large": (
        ("het bestand is groter dan {limit}", "the file is larger than {limit}"),
        (
            "splits het bestand of verwijder wat er niet in hoort",
            "split the file or remove what does not belong in it",
        ),
    ),
    "yaml-syntax": (
        ("geen geldige YAML: {detail}", "not valid YAML: {detail}"),
        (
            "controleer inspringing, dubbele punten en aanhalingstekens rond deze regel",
            "check indentation, colons and quotes around this line",
        ),
    ),
    "json-syntax": (
        ("geen geldige JSON: {detail}", "not valid JSON: {detail}"),
        (
            "controleer komma's, haakjes en aanhalingstekens rond deze regel",
            "check commas, brackets and quotes around this line",
        ),
    ),
    "unknown-key": (
        ("onbekend veld '{key}'{suggestion}", "unknown field '{key}'{suggestion}"),
        ("verwijder het veld of corrigeer de spelling", "remove the field or correct its spelling"),
    ),
    "missing-field": (
        ("verplicht veld '{key}' ontbreekt", "required field '{key}' is missing"),
        ("voeg '{key}' toe", "add '{key}'"),
    ),
    "missing-language": (
        ("de tekst in taal '{key}' ontbreekt", "the text in language '{key}' is missing"),
        (
            "geef de tekst in het Nederlands (nl) én het Engels (en)",
            "give the text in Dutch (nl) and English (en)",
        ),
    ),
    "invalid-value": (
        ("ongeldige waarde: {detail}", "invalid value: {detail}"),
        (
            "pas de waarde aan zoals het formaat voorschrijft (zie docs/formats.md)",
            "change the value as the format prescribes (see docs/formats.md)",
        ),
    ),
    "yes-no-unquoted": (
        (
            "yes/no/on/off zonder aanhalingstekens wordt in YAML een ja/nee-waarde",
            "unquoted yes/no/on/off becomes a boolean in YAML",
        ),
        ('zet de waarde tussen aanhalingstekens, bijvoorbeeld "yes"', 'put the value in quotes, e.g. "yes"'),
    ),
    "duplicate-id": (
        (
            "id '{key}' komt vaker voor (ook op regel {other_line})",
            "id '{key}' occurs more than once (also on line {other_line})",
        ),
        ("geef elk onderdeel een eigen id", "give every element an id of its own"),
    ),
    "unknown-construct": (
        ("onbekend construct '{key}'{suggestion}", "unknown construct '{key}'{suggestion}"),
        (
            "gebruik een id uit questionnaires/constructs.yaml",
            "use an id from questionnaires/constructs.yaml",
        ),
    ),
    "unknown-scale": (
        ("onbekende schaal '{key}'{suggestion}", "unknown scale '{key}'{suggestion}"),
        (
            "gebruik een schaal die onder 'scales' van deze vragenlijst staat",
            "use a scale listed under this questionnaire's 'scales'",
        ),
    ),
    "item-shape": (
        ("{detail}", "{detail_en}"),
        ("zie de itemtypen in docs/formats.md", "see the item types in docs/formats.md"),
    ),
    "construct-items": (
        ("{detail}", "{detail_en}"),
        ("zie de soorten constructen in docs/formats.md", "see the construct kinds in docs/formats.md"),
    ),
    "scale-points": (
        (
            "een schaal heeft precies vijf punten met de waarden 1 t/m 5",
            "a scale has exactly five points valued 1 to 5",
        ),
        ("geef de punten de waarden 1, 2, 3, 4 en 5", "give the points the values 1, 2, 3, 4 and 5"),
    ),
    "condition-syntax": (
        ("voorwaarde niet te lezen: {detail}", "condition cannot be read: {detail}"),
        (
            "schrijf bijvoorbeeld: score.lnc4_trust < threshold.concern and profile.overlap == partial",
            "write for example: score.lnc4_trust < threshold.concern and profile.overlap == partial",
        ),
    ),
    "unknown-operator": (
        ("onbekende operator '{key}'{suggestion}", "unknown operator '{key}'{suggestion}"),
        (
            "gebruik < <= > >= == != of in (...), en 'and'/'or'",
            "use < <= > >= == != or in (...), and 'and'/'or'",
        ),
    ),
    "unknown-namespace": (
        ("onbekende soort feit '{key}'{suggestion}", "unknown kind of fact '{key}'{suggestion}"),
        (
            "gebruik score, band, sd, min, max, n, change, previous, item, profile, disagree, count, derived of round",
            "use score, band, sd, min, max, n, change, previous, item, profile, disagree, count, derived or round",
        ),
    ),
    "unknown-fact": (
        ("onbekend feit '{key}'{suggestion}", "unknown fact '{key}'{suggestion}"),
        ("{detail}", "{detail_en}"),
    ),
    "unknown-threshold": (
        ("onbekende drempel '{key}'{suggestion}", "unknown threshold '{key}'{suggestion}"),
        (
            "gebruik een drempel uit rules/ruleset.yaml (thresholds)",
            "use a threshold from rules/ruleset.yaml (thresholds)",
        ),
    ),
    "unknown-value": (
        (
            "'{key}' is geen mogelijke waarde van {fact}{suggestion}",
            "'{key}' is not a possible value of {fact}{suggestion}",
        ),
        ("mogelijke waarden: {allowed}", "possible values: {allowed}"),
    ),
    "type-mismatch": (
        ("{detail}", "{detail_en}"),
        (
            "vergelijk getallen met getallen en keuzes met keuzes",
            "compare numbers with numbers and choices with choices",
        ),
    ),
    "ruleset-settings": (
        ("{detail}", "{detail_en}"),
        ("zie rules/ruleset.yaml in docs/formats.md", "see rules/ruleset.yaml in docs/formats.md"),
    ),
    "template": (
        ("{detail}", "{detail_en}"),
        ("zie 'for_each' in docs/formats.md", "see 'for_each' in docs/formats.md"),
    ),
    "examples-incomplete": (
        ("voorbeelden onvolledig: {detail}", "examples incomplete: {detail_en}"),
        (
            "geef minstens één voorbeeld dat afgaat, één dat niet afgaat en één precies op de drempel",
            "give at least one example that fires, one that does not and one exactly at the threshold",
        ),
    ),
    "example-fails": (
        (
            "voorbeeld {index}: verwacht dat de regel {expected}, maar {actual}",
            "example {index} should {expected_en}, but {actual_en}",
        ),
        ("pas de voorwaarde of het voorbeeld aan", "correct the condition or the example"),
    ),
    "unknown-questionnaire": (
        ("onbekende vragenlijst '{key}'{suggestion}", "unknown questionnaire '{key}'{suggestion}"),
        ("beschikbaar: {allowed}", "available: {allowed}"),
    ),
    "unknown-item": (
        ("onbekend item '{key}'{suggestion}", "unknown item '{key}'{suggestion}"),
        (
            "gebruik de item-id's van vragenlijst {questionnaire}",
            "use the item ids of questionnaire {questionnaire}",
        ),
    ),
    "answer-value": (
        ("ongeldig antwoord {value!s}: {detail}", "invalid answer {value!s}: {detail_en}"),
        ("{fix}", "{fix_en}"),
    ),
    "unknown-role": (
        ("onbekende rol '{key}'{suggestion}", "unknown role '{key}'{suggestion}"),
        ("mogelijke rollen: {allowed}", "possible roles: {allowed}"),
    ),
    "duplicate-respondent": (
        (
            "respondent '{key}' komt vaker voor in deze ronde",
            "respondent '{key}' occurs more than once in this round",
        ),
        ("geef elke respondent een eigen id", "give every respondent an id of their own"),
    ),
    "no-responses": (
        ("de ronde heeft geen antwoorden", "the round has no responses"),
        ("voeg minstens één respondent met antwoorden toe", "add at least one respondent with answers"),
    ),
    "no-files": (
        ("geen vragenlijst- of regelbestanden gevonden", "no questionnaire or rule files found"),
        (
            "geef een map met questionnaires/ en rules/ of losse .yaml-bestanden",
            "give a folder with questionnaires/ and rules/ or single .yaml files",
        ),
    ),
}


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """Return a ' (bedoelde je ...?)'-style suffix, language neutral: the caller wraps it."""
    options = sorted(set(candidates))
    matches = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if matches:
        return matches[0]
    containing = [c for c in options if len(word) >= 3 and (word in c or c in word)]
    return min(containing, key=len) if containing else ""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a user's file, located by file, line, element id and field."""

    code: str
    file: str = ""
    line: int | None = None
    id: str | None = None
    field: str | None = None
    params: dict[str, object] = dataclass_field(default_factory=dict, hash=False, compare=False)

    def what(self, lang: Lang) -> str:
        return _render(self.code, 0, lang, self.params)

    def fix(self, lang: Lang) -> str:
        return _render(self.code, 1, lang, self.params)

    def format(self, lang: Lang = "nl") -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file or "<input>"
        subject = ".".join(part for part in (self.id, self.field) if part) or "-"
        return f"{where}: [{self.code}] {subject}: {self.what(lang)} — {self.fix(lang)}"


def _render(code: str, part: int, lang: Lang, params: dict[str, object]) -> str:
    texts = CATALOGUE[code][part]
    template = texts[0] if lang == "nl" else texts[1]
    values = dict(params)
    suggestion = values.get("suggestion")
    if suggestion:
        values["suggestion"] = (
            f" (bedoel je '{suggestion}'?)" if lang == "nl" else f" (did you mean '{suggestion}'?)"
        )
    else:
        values["suggestion"] = ""
    for key in ("detail", "actual", "expected", "fix"):
        if f"{key}_en" not in values and key in values:
            values[f"{key}_en"] = values[key]
    return template.format_map(_Default(values))


class _Default(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return ""


class ValidationFailed(Exception):
    """Raised with every problem found, never just the first."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems

    def format(self, lang: Lang = "nl") -> str:
        return "\n".join(p.format(lang) for p in self.problems)
