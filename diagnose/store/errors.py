"""The store's messages (Dutch and English) and the exceptions that carry them.

Every store error is a ValidationFailed: the CLI prints it as `file:line: [code] id.field: what — fix`
and exits 2; the app shows `exc.problems[0].what(lang)` (and `.fix(lang)`). The codes are added to
the core's CATALOGUE on import, without replacing any existing entry.
"""

from __future__ import annotations

from typing import ClassVar

from diagnose.problems import CATALOGUE, Problem, ValidationFailed

MESSAGES: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "not-found": (
        ("{kind} {key} bestaat niet", "{kind_en} {key} does not exist"),
        ("controleer het nummer of de naam", "check the number or name"),
    ),
    "round-closed": (
        (
            "de ronde '{key}' is gesloten en neemt geen antwoorden meer aan",
            "round '{key}' is closed and takes no more answers",
        ),
        ("vraag de coördinator de ronde te heropenen", "ask the coordinator to reopen the round"),
    ),
    "response-submitted": (
        ("deze antwoorden zijn al ingediend", "these answers have already been submitted"),
        (
            "ingediende antwoorden kunnen niet meer worden gewijzigd",
            "submitted answers can no longer be changed",
        ),
    ),
    "invitation-invalid": (
        ("de uitnodiging is {state}", "the invitation is {state_en}"),
        ("vraag de coördinator om een nieuwe link", "ask the coordinator for a new link"),
    ),
    "access-denied": (
        ("geen toegang tot werkruimte {key}", "no access to workspace {key}"),
        (
            "vraag een beheerder van de werkruimte om toegang",
            "ask an administrator of the workspace for access",
        ),
    ),
    "email-taken": (
        ("er is al een gebruiker met e-mailadres {key}", "a user with e-mail address {key} already exists"),
        ("log in met dat adres of kies een ander", "sign in with that address or choose another"),
    ),
    "invalid-email": (
        ("'{key}' is geen e-mailadres", "'{key}' is not an e-mail address"),
        ("geef een adres als naam@voorbeeld.nl", "give an address such as name@example.org"),
    ),
    "weak-password": (
        (
            "het wachtwoord is korter dan {minimum} tekens",
            "the password is shorter than {minimum} characters",
        ),
        ("kies een langer wachtwoord", "choose a longer password"),
    ),
    "name-taken": (
        ("{kind} '{key}' bestaat al", "{kind_en} '{key}' already exists"),
        ("kies een andere naam", "choose another name"),
    ),
    "invalid-name": (
        (
            "de naam is leeg of langer dan {limit} tekens",
            "the name is empty or longer than {limit} characters",
        ),
        ("geef een naam van 1 tot {limit} tekens", "give a name of 1 to {limit} characters"),
    ),
    "questionnaire-locked": (
        (
            "de ronde heeft al antwoorden; de vragenlijst kan niet meer veranderen",
            "the round already has answers; its questionnaire can no longer change",
        ),
        ("maak een nieuwe ronde", "create a new round"),
    ),
    "database-not-empty": (
        ("de database bevat al gegevens ({detail})", "the database already holds data ({detail_en})"),
        (
            "gebruik een lege database, bijvoorbeeld NETSCAN_DATA_DIR=/tmp/demo netscan demo",
            "use an empty database, e.g. NETSCAN_DATA_DIR=/tmp/demo netscan demo",
        ),
    ),
    "database-unavailable": (
        ("de database is niet bereikbaar: {detail}", "the database cannot be reached: {detail}"),
        (
            "controleer DATABASE_URL en of de server draait",
            "check DATABASE_URL and whether the server is running",
        ),
    ),
    # import
    "empty-file": (
        ("het bestand bevat geen antwoorden", "the file holds no answers"),
        (
            "geef een kopregel met item-id's en minstens één rij per respondent",
            "give a header row of item ids and at least one row per respondent",
        ),
    ),
    "too-many-rows": (
        ("meer dan {limit} rijen", "more than {limit} rows"),
        (
            "splits het bestand in delen van hoogstens {limit} rijen",
            "split the file into parts of at most {limit} rows",
        ),
    ),
    "csv-syntax": (
        ("geen geldige CSV: {detail}", "not valid CSV: {detail}"),
        (
            "sla het bestand opnieuw op als CSV (UTF-8) vanuit de spreadsheet",
            "save the file again as CSV (UTF-8) from the spreadsheet",
        ),
    ),
    "not-xlsx": (
        ("geen Excel-werkmap (.xlsx): {detail}", "not an Excel workbook (.xlsx): {detail}"),
        (
            "sla het bestand op als Excel-werkmap (.xlsx) of als CSV",
            "save the file as an Excel workbook (.xlsx) or as CSV",
        ),
    ),
    "unknown-format": (
        ("onbekend bestandstype '{key}'", "unknown file type '{key}'"),
        ("gebruik .json, .csv of .xlsx", "use .json, .csv or .xlsx"),
    ),
    "duplicate-column": (
        ("kolom '{key}' komt vaker voor", "column '{key}' occurs more than once"),
        ("geef elke kolom een eigen naam", "give every column a name of its own"),
    ),
    "empty-column": (
        ("kolom {index} heeft geen naam", "column {index} has no name"),
        (
            "geef de kolom een item-id als kop of verwijder hem",
            "give the column an item id as header or remove it",
        ),
    ),
    "no-item-columns": (
        (
            "geen enkele kolom is een item van vragenlijst {questionnaire}",
            "no column is an item of questionnaire {questionnaire}",
        ),
        (
            "gebruik de item-id's als kolomkoppen (zie netscan export voor een voorbeeld)",
            "use the item ids as column headers (see netscan export for an example)",
        ),
    ),
    "no-round-target": (
        (
            "het bestand zegt niet bij welk netwerk en welke ronde de antwoorden horen",
            "the file does not say which network and round the answers belong to",
        ),
        (
            "geef --network en --round, of kolommen 'network' en 'round'",
            "give --network and --round, or columns 'network' and 'round'",
        ),
    ),
    "round-exists": (
        ("netwerk '{network}' heeft al een ronde '{key}'", "network '{network}' already has a round '{key}'"),
        (
            "kies een ander rondelabel of importeer in een lege database",
            "choose another round label or import into an empty database",
        ),
    ),
    "respondent-exists": (
        (
            "respondent '{key}' staat al in ronde '{round}'",
            "respondent '{key}' is already in round '{round}'",
        ),
        ("geef elke respondent een eigen id", "give every respondent an id of their own"),
    ),
    "inconsistent-round": (
        (
            "ronde '{key}' heeft in dit bestand verschillende {detail}",
            "round '{key}' has different {detail_en} in this file",
        ),
        ("geef alle rijen van één ronde dezelfde waarden", "give all rows of one round the same values"),
    ),
    "round-questionnaire": (
        (
            "ronde '{key}' gebruikt vragenlijst {existing}, dit bestand {given}",
            "round '{key}' uses questionnaire {existing}, this file {given}",
        ),
        (
            "importeer in een nieuwe ronde (een ander rondelabel)",
            "import into a new round (another round label)",
        ),
    ),
    "export-format": (
        ("onbekende bestandsvorm '{key}' voor een export", "unknown export format '{key}'"),
        ("kies json, csv of xlsx", "choose json, csv or xlsx"),
    ),
}

for _code, _texts in MESSAGES.items():
    CATALOGUE.setdefault(_code, _texts)


class StoreError(ValidationFailed):
    """A user-facing problem raised by the store; `code` names it for programs."""

    def __init__(self, problem: Problem):
        super().__init__([problem])
        self.problem = problem

    @property
    def code(self) -> str:
        return self.problem.code


class NotFound(StoreError):
    def __init__(self, kind: str, kind_en: str, key: object):
        super().__init__(
            Problem("not-found", id=str(key), params={"kind": kind, "kind_en": kind_en, "key": key})
        )


class RoundClosed(StoreError):
    def __init__(self, label: str):
        super().__init__(Problem("round-closed", params={"key": label}))


class AlreadySubmitted(StoreError):
    def __init__(self) -> None:
        super().__init__(Problem("response-submitted"))


class InvitationInvalid(StoreError):
    STATES: ClassVar[dict[str, tuple[str, str]]] = {
        "revoked": ("ingetrokken", "revoked"),
        "expired": ("verlopen", "expired"),
        "unknown": ("onbekend", "unknown"),
    }

    def __init__(self, state: str):
        nl, en = self.STATES.get(state, (state, state))
        super().__init__(Problem("invitation-invalid", params={"state": nl, "state_en": en}))
        self.state = state


class AccessDenied(StoreError):
    def __init__(self, workspace_id: int):
        super().__init__(Problem("access-denied", params={"key": workspace_id}))


class Conflict(StoreError):
    """A name, e-mail or label that must be unique is taken, or a change is no longer allowed."""
