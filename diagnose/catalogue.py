"""Every message code the product can raise, in Dutch and English: the one catalogue.

A code names what went wrong (``what``) and how to fix it (``fix``). Both texts of a message use the
same ``{placeholders}``; a parameter that differs per language is passed as a LocalizedText, so a
missing language is an error where the Problem is made, never a silent fallback to the other one.
Tests assert on the codes, so keep them stable; tests/core/test_catalogue.py checks that every code
the code base uses exists here and that every call fills the placeholders of its message.
"""

from __future__ import annotations

from dataclasses import dataclass

from diagnose.text import LocalizedText


@dataclass(frozen=True)
class Message:
    what: LocalizedText
    fix: LocalizedText


def _t(nl: str, en: str) -> LocalizedText:
    return LocalizedText(nl=nl, en=en)


CATALOGUE: dict[str, Message] = {
    "file-unreadable": Message(
        _t("het bestand kan niet worden gelezen: {detail}", "the file cannot be read: {detail}"),
        _t("controleer het pad en de rechten", "check the path and its permissions"),
    ),
    "file-encoding": Message(
        _t("het bestand is geen UTF-8-tekst", "the file is not UTF-8 text"),
        _t("sla het bestand op als UTF-8", "save the file as UTF-8"),
    ),
    "file-too-large": Message(
        _t("het bestand is groter dan {limit}", "the file is larger than {limit}"),
        _t(
            "splits het bestand of verwijder wat er niet in hoort",
            "split the file or remove what does not belong in it",
        ),
    ),
    "yaml-syntax": Message(
        _t("geen geldige YAML: {detail}", "not valid YAML: {detail}"),
        _t(
            "controleer inspringing, dubbele punten en aanhalingstekens rond deze regel",
            "check indentation, colons and quotes around this line",
        ),
    ),
    "yaml-aliases": Message(
        _t(
            "de verwijzingen (*naam) naar ankers (&naam) zouden het bestand met meer dan {limit} "
            "onderdelen laten groeien, of een anker verwijst naar zichzelf",
            "the references (*name) to anchors (&name) would grow the file by more than {limit} "
            "parts, or an anchor refers to itself",
        ),
        _t(
            "schrijf de herhaalde onderdelen uit in plaats van ze met ankers te herhalen",
            "write the repeated parts out instead of repeating them with anchors",
        ),
    ),
    "json-syntax": Message(
        _t("geen geldige JSON: {detail}", "not valid JSON: {detail}"),
        _t(
            "controleer komma's, haakjes en aanhalingstekens rond deze regel",
            "check commas, brackets and quotes around this line",
        ),
    ),
    "unknown-key": Message(
        _t("onbekend veld '{key}'{suggestion}", "unknown field '{key}'{suggestion}"),
        _t("verwijder het veld of corrigeer de spelling", "remove the field or correct its spelling"),
    ),
    "missing-field": Message(
        _t("verplicht veld '{key}' ontbreekt", "required field '{key}' is missing"),
        _t("voeg '{key}' toe", "add '{key}'"),
    ),
    "missing-language": Message(
        _t("de tekst in taal '{key}' ontbreekt", "the text in language '{key}' is missing"),
        _t(
            "geef de tekst in het Nederlands (nl) én het Engels (en)",
            "give the text in Dutch (nl) and English (en)",
        ),
    ),
    "invalid-value": Message(
        _t("ongeldige waarde: {detail}", "invalid value: {detail}"),
        _t(
            "pas de waarde aan zoals het formaat voorschrijft (zie docs/formats.md)",
            "change the value as the format prescribes (see docs/formats.md)",
        ),
    ),
    "yes-no-unquoted": Message(
        _t(
            "yes/no/on/off zonder aanhalingstekens wordt in YAML een ja/nee-waarde",
            "unquoted yes/no/on/off becomes a boolean in YAML",
        ),
        _t(
            'zet de waarde tussen aanhalingstekens, bijvoorbeeld "yes"',
            'put the value in quotes, e.g. "yes"',
        ),
    ),
    "duplicate-id": Message(
        _t(
            "id '{key}' komt vaker voor (ook op regel {other_line})",
            "id '{key}' occurs more than once (also on line {other_line})",
        ),
        _t("geef elk onderdeel een eigen id", "give every element an id of its own"),
    ),
    "unknown-construct": Message(
        _t("onbekend construct '{key}'{suggestion}", "unknown construct '{key}'{suggestion}"),
        _t(
            "gebruik een id uit questionnaires/constructs.yaml",
            "use an id from questionnaires/constructs.yaml",
        ),
    ),
    "unknown-scale": Message(
        _t("onbekende schaal '{key}'{suggestion}", "unknown scale '{key}'{suggestion}"),
        _t(
            "gebruik een schaal die onder 'scales' van deze vragenlijst staat",
            "use a scale listed under this questionnaire's 'scales'",
        ),
    ),
    "item-shape": Message(
        _t("{detail}", "{detail}"),
        _t("zie de itemtypen in docs/formats.md", "see the item types in docs/formats.md"),
    ),
    "construct-items": Message(
        _t("{detail}", "{detail}"),
        _t("zie de soorten constructen in docs/formats.md", "see the construct kinds in docs/formats.md"),
    ),
    "duplicate-questionnaire": Message(
        _t(
            "vragenlijst {key} staat twee keer in de inhoud (ook in {other})",
            "questionnaire {key} occurs twice in the content (also in {other})",
        ),
        _t(
            "houd één bestand per versie: geef de nieuwe versie een eigen versienummer, of "
            "verwijder de kopie (eerdere versies staan in questionnaires/earlier/)",
            "keep one file per version: give the new version a version number of its own, or remove "
            "the copy (earlier versions live in questionnaires/earlier/)",
        ),
    ),
    "comparable-version": Message(
        _t(
            "'comparable' noemt versie {key}, maar die versie van deze vragenlijst is er niet{known}",
            "'comparable' names version {key}, but there is no such version of this questionnaire{known}",
        ),
        _t(
            "noem een eerdere versie die in questionnaires/earlier/ staat",
            "name an earlier version kept in questionnaires/earlier/",
        ),
    ),
    "comparable-construct": Message(
        _t(
            "construct '{key}' wordt niet gemeten in versie {version}{suggestion}",
            "construct '{key}' is not measured in version {version}{suggestion}",
        ),
        _t(
            "links staat een construct van deze versie, rechts een van versie {other}; gebruik "
            "constructen die in die versie items hebben, of laat de regel weg als ze niet vergelijkbaar zijn",
            "the left side names a construct of this version, the right side one of version {other}; "
            "use constructs that have items in that version, or leave the line out when they are not comparable",
        ),
    ),
    "comparable-twice": Message(
        _t(
            "construct '{key}' wordt twee keer gekoppeld (ook op regel {other_line})",
            "construct '{key}' is mapped twice (also on line {other_line})",
        ),
        _t(
            "koppel elk construct aan hoogstens één construct van de andere versie",
            "map each construct to at most one construct of the other version",
        ),
    ),
    "comparable-kind": Message(
        _t(
            "'{key}' en '{other}' zijn niet vergelijkbaar: {detail}",
            "'{key}' and '{other}' cannot be compared: {detail}",
        ),
        _t(
            "koppel alleen constructen van dezelfde soort, gemeten op dezelfde schaal; laat de regel "
            "anders weg, dan toont de trend het construct als niet vergelijkbaar",
            "map only constructs of the same kind, measured on the same scale; otherwise leave the "
            "line out and the trend shows the construct as not comparable",
        ),
    ),
    "item-roles": Message(
        _t("onbekende rol '{key}'{suggestion}", "unknown role '{key}'{suggestion}"),
        _t(
            "gebruik een waarde uit de opties van de rolvraag ({allowed})",
            "use a value from the options of the role question ({allowed})",
        ),
    ),
    "scale-points": Message(
        _t(
            "een schaal heeft precies vijf punten met de waarden 1 t/m 5",
            "a scale has exactly five points valued 1 to 5",
        ),
        _t("geef de punten de waarden 1, 2, 3, 4 en 5", "give the points the values 1, 2, 3, 4 and 5"),
    ),
    "condition-syntax": Message(
        _t("voorwaarde niet te lezen: {detail}", "condition cannot be read: {detail}"),
        _t(
            "schrijf bijvoorbeeld: score.lnc4_trust < threshold.concern and profile.overlap == partial",
            "write for example: score.lnc4_trust < threshold.concern and profile.overlap == partial",
        ),
    ),
    "unknown-operator": Message(
        _t("onbekende operator '{key}'{suggestion}", "unknown operator '{key}'{suggestion}"),
        _t(
            "gebruik < <= > >= == != of in (...), en 'and'/'or'",
            "use < <= > >= == != or in (...), and 'and'/'or'",
        ),
    ),
    "unknown-namespace": Message(
        _t("onbekende soort feit '{key}'{suggestion}", "unknown kind of fact '{key}'{suggestion}"),
        _t(
            "gebruik score, band, sd, min, max, n, change, previous, item, profile, disagree, count, derived of round",
            "use score, band, sd, min, max, n, change, previous, item, profile, disagree, count, derived or round",
        ),
    ),
    "unknown-fact": Message(
        _t("onbekend feit '{key}'{suggestion}", "unknown fact '{key}'{suggestion}"),
        _t("{detail}", "{detail}"),
    ),
    # the network's region (diagnose/regions.py) (p15)
    "unknown-region": Message(
        _t("onbekende regio '{value}'{suggestion}", "unknown region '{value}'{suggestion}"),
        _t(
            "kies een provincie of 'landelijk' (mogelijk: {allowed}), of laat de regio leeg",
            "choose a province or 'landelijk' (nationwide; possible: {allowed}), or leave the region empty",
        ),
    ),
    "unknown-reference": Message(
        _t("onbekende bron '{key}'{suggestion}", "unknown source '{key}'{suggestion}"),
        _t(
            "citeer een bron en paragraaf uit rules/references.yaml: {allowed}",
            "cite a reference and section from rules/references.yaml: {allowed}",
        ),
    ),
    "unknown-placeholder": Message(
        _t(
            "invulplek '{key}' is onbekend of hier niet te vullen{suggestion}{detail}",
            "placeholder '{key}' is unknown or cannot be filled here{suggestion}{detail}",
        ),
        _t(
            "gebruik een invulplek die de meting kan vullen: {allowed}",
            "use a placeholder the round can fill: {allowed}",
        ),
    ),
    "unknown-threshold": Message(
        _t("onbekende drempel '{key}'{suggestion}", "unknown threshold '{key}'{suggestion}"),
        _t(
            "gebruik een drempel uit rules/ruleset.yaml (thresholds)",
            "use a threshold from rules/ruleset.yaml (thresholds)",
        ),
    ),
    "unknown-value": Message(
        _t(
            "'{key}' is geen mogelijke waarde van {fact}{suggestion}",
            "'{key}' is not a possible value of {fact}{suggestion}",
        ),
        _t("mogelijke waarden: {allowed}", "possible values: {allowed}"),
    ),
    "type-mismatch": Message(
        _t("{detail}", "{detail}"),
        _t(
            "vergelijk getallen met getallen en keuzes met keuzes",
            "compare numbers with numbers and choices with choices",
        ),
    ),
    "ruleset-settings": Message(
        _t("{detail}", "{detail}"),
        _t("zie rules/ruleset.yaml in docs/formats.md", "see rules/ruleset.yaml in docs/formats.md"),
    ),
    "template": Message(
        _t("{detail}", "{detail}"),
        _t("zie 'for_each' in docs/formats.md", "see 'for_each' in docs/formats.md"),
    ),
    "examples-incomplete": Message(
        _t("voorbeelden onvolledig: {detail}", "examples incomplete: {detail}"),
        _t(
            "geef minstens één voorbeeld dat afgaat, één dat niet afgaat en één precies op de drempel",
            "give at least one example that fires, one that does not and one exactly at the threshold",
        ),
    ),
    "example-fails": Message(
        _t(
            "voorbeeld {index}: verwacht dat de regel {expected}, maar {actual}",
            "example {index} should {expected}, but {actual}",
        ),
        _t("pas de voorwaarde of het voorbeeld aan", "correct the condition or the example"),
    ),
    "unknown-questionnaire": Message(
        _t("onbekende vragenlijst '{key}'{suggestion}", "unknown questionnaire '{key}'{suggestion}"),
        _t("beschikbaar: {allowed}", "available: {allowed}"),
    ),
    "unknown-item": Message(
        _t("onbekend item '{key}'{suggestion}", "unknown item '{key}'{suggestion}"),
        _t(
            "gebruik de item-id's van vragenlijst {questionnaire}",
            "use the item ids of questionnaire {questionnaire}",
        ),
    ),
    "answer-value": Message(
        _t("ongeldig antwoord {value!s}: {detail}", "invalid answer {value!s}: {detail}"),
        _t("{fix}", "{fix}"),
    ),
    "unknown-role": Message(
        _t("onbekende rol '{key}'{suggestion}", "unknown role '{key}'{suggestion}"),
        _t("mogelijke rollen: {allowed}", "possible roles: {allowed}"),
    ),
    "duplicate-respondent": Message(
        _t(
            "respondent '{key}' komt vaker voor in deze ronde",
            "respondent '{key}' occurs more than once in this round",
        ),
        _t("geef elke respondent een eigen id", "give every respondent an id of their own"),
    ),
    "no-responses": Message(
        _t("de ronde heeft geen antwoorden", "the round has no responses"),
        _t("voeg minstens één respondent met antwoorden toe", "add at least one respondent with answers"),
    ),
    "no-files": Message(
        _t("geen vragenlijst- of regelbestanden gevonden", "no questionnaire or rule files found"),
        _t(
            "geef een map met questionnaires/ en rules/ of losse .yaml-bestanden",
            "give a folder with questionnaires/ and rules/ or single .yaml files",
        ),
    ),
    # --- the store: accounts, workspaces, rounds, import and export ---
    "not-found": Message(
        _t("{kind} {key} bestaat niet", "{kind} {key} does not exist"),
        _t("controleer het nummer of de naam", "check the number or name"),
    ),
    "round-closed": Message(
        _t(
            "de ronde '{key}' is gesloten en neemt geen antwoorden meer aan",
            "round '{key}' is closed and takes no more answers",
        ),
        _t("vraag de coördinator de ronde te heropenen", "ask the coordinator to reopen the round"),
    ),
    "response-submitted": Message(
        _t("deze antwoorden zijn al ingediend", "these answers have already been submitted"),
        _t(
            "ingediende antwoorden kunnen niet meer worden gewijzigd",
            "submitted answers can no longer be changed",
        ),
    ),
    "invitation-invalid": Message(
        _t("de uitnodiging is {state}", "the invitation is {state}"),
        _t("vraag de coördinator om een nieuwe link", "ask the coordinator for a new link"),
    ),
    "access-denied": Message(
        _t("geen toegang tot werkruimte {key}", "no access to workspace {key}"),
        _t(
            "vraag een beheerder van de werkruimte om toegang",
            "ask an administrator of the workspace for access",
        ),
    ),
    "email-taken": Message(
        _t("er is al een gebruiker met e-mailadres {key}", "a user with e-mail address {key} already exists"),
        _t("log in met dat adres of kies een ander", "sign in with that address or choose another"),
    ),
    "invalid-email": Message(
        _t("'{key}' is geen e-mailadres", "'{key}' is not an e-mail address"),
        _t("geef een adres als naam@voorbeeld.nl", "give an address such as name@example.org"),
    ),
    "weak-password": Message(
        _t(
            "het wachtwoord is korter dan {minimum} tekens",
            "the password is shorter than {minimum} characters",
        ),
        _t("kies een langer wachtwoord", "choose a longer password"),
    ),
    "name-taken": Message(
        _t("{kind} '{key}' bestaat al", "{kind} '{key}' already exists"),
        _t("kies een andere naam", "choose another name"),
    ),
    "name-control": Message(
        _t(
            "de naam bevat een stuurteken (bijvoorbeeld een escape-code uit een terminal)",
            "the name contains a control character (for example an escape code from a terminal)",
        ),
        _t(
            "typ de naam opnieuw, zonder gekopieerde opmaak",
            "type the name again, without copied formatting",
        ),
    ),
    "invalid-name": Message(
        _t(
            "de naam is leeg of langer dan {limit} tekens",
            "the name is empty or longer than {limit} characters",
        ),
        _t("geef een naam van 1 tot {limit} tekens", "give a name of 1 to {limit} characters"),
    ),
    "questionnaire-locked": Message(
        _t(
            "de ronde heeft al antwoorden; de vragenlijst kan niet meer veranderen",
            "the round already has answers; its questionnaire can no longer change",
        ),
        _t("maak een nieuwe ronde", "create a new round"),
    ),
    "database-not-empty": Message(
        _t("de database bevat al gegevens ({detail})", "the database already holds data ({detail})"),
        _t(
            "gebruik een lege database, bijvoorbeeld NETSCAN_DATA_DIR=/tmp/demo netscan demo",
            "use an empty database, e.g. NETSCAN_DATA_DIR=/tmp/demo netscan demo",
        ),
    ),
    "unknown-revision": Message(
        _t("schema-revisie '{key}' bestaat niet", "schema revision '{key}' does not exist"),
        _t(
            "kies een revisie die `netscan db status` toont, bijvoorbeeld 0004 ({detail})",
            "choose a revision `netscan db status` shows, e.g. 0004 ({detail})",
        ),
    ),
    "demo-not-allowed": Message(
        _t(
            "de voorbeeldgegevens worden op deze server niet aangeboden",
            "this server does not offer the demo data",
        ),
        _t(
            "start de app met NETSCAN_DEMO=1 op een lege database die niet voor echte gebruikers is bedoeld",
            "start the app with NETSCAN_DEMO=1 on an empty database that is not meant for real users",
        ),
    ),
    "export-not-kept": Message(
        _t(
            "er is niets verwijderd: de export kon niet worden bewaard in {folder} ({detail})",
            "nothing was deleted: the export could not be kept in {folder} ({detail})",
        ),
        _t(
            "zorg dat de map beschrijfbaar is (NETSCAN_DATA_DIR) en probeer het opnieuw",
            "make the folder writable (NETSCAN_DATA_DIR) and try again",
        ),
    ),
    "database-unavailable": Message(
        _t("de database is niet bereikbaar: {detail}", "the database cannot be reached: {detail}"),
        _t(
            "controleer DATABASE_URL en of de server draait",
            "check DATABASE_URL and whether the server is running",
        ),
    ),
    "empty-file": Message(
        _t("het bestand bevat geen antwoorden", "the file holds no answers"),
        _t(
            "geef een kopregel met item-id's en minstens één rij per respondent",
            "give a header row of item ids and at least one row per respondent",
        ),
    ),
    "too-many-rows": Message(
        _t("meer dan {limit} rijen", "more than {limit} rows"),
        _t(
            "splits het bestand in delen van hoogstens {limit} rijen",
            "split the file into parts of at most {limit} rows",
        ),
    ),
    "csv-syntax": Message(
        _t("geen geldige CSV: {detail}", "not valid CSV: {detail}"),
        _t(
            "sla het bestand opnieuw op als CSV (UTF-8) vanuit de spreadsheet",
            "save the file again as CSV (UTF-8) from the spreadsheet",
        ),
    ),
    "table-shape": Message(
        _t("de tabel klopt niet: {detail}", "the table is not right: {detail}"),
        _t(
            "geef elke rij evenveel cellen als de kopregel; is het bestand afgebroken, exporteer of "
            "bewaar het dan opnieuw",
            "give every row as many cells as the header; if the file was cut off, export or save it again",
        ),
    ),
    "not-xlsx": Message(
        _t("geen Excel-werkmap (.xlsx): {detail}", "not an Excel workbook (.xlsx): {detail}"),
        _t(
            "sla het bestand op als Excel-werkmap (.xlsx) of als CSV",
            "save the file as an Excel workbook (.xlsx) or as CSV",
        ),
    ),
    "unknown-format": Message(
        _t("onbekend bestandstype '{key}'", "unknown file type '{key}'"),
        _t("gebruik .json, .csv of .xlsx", "use .json, .csv or .xlsx"),
    ),
    "duplicate-column": Message(
        _t("kolom '{key}' komt vaker voor", "column '{key}' occurs more than once"),
        _t("geef elke kolom een eigen naam", "give every column a name of its own"),
    ),
    "empty-column": Message(
        _t("kolom {index} heeft geen naam", "column {index} has no name"),
        _t(
            "geef de kolom een item-id als kop of verwijder hem",
            "give the column an item id as header or remove it",
        ),
    ),
    "no-item-columns": Message(
        _t(
            "geen enkele kolom is een item van vragenlijst {questionnaire}",
            "no column is an item of questionnaire {questionnaire}",
        ),
        _t(
            "gebruik de item-id's als kolomkoppen, zoals in het importsjabloon of in een export",
            "use the item ids as column headers, as in the import template or an export",
        ),
    ),
    "no-round-target": Message(
        _t(
            "het bestand zegt niet bij welk netwerk en welke meting de antwoorden horen",
            "the file does not say which network and round the answers belong to",
        ),
        _t(
            "kies het netwerk en geef de meting een naam, of voeg de kolommen 'network' en 'round' toe",
            "choose the network and name the round, or add the columns 'network' and 'round'",
        ),
    ),
    "archive-newer": Message(
        _t(
            "dit exportbestand is gemaakt door een nieuwere Netwerkscan ({given}) dan deze ({current})",
            "this export was made by a newer Netwerkscan ({given}) than this one ({current})",
        ),
        _t(
            "werk Netwerkscan bij en importeer het bestand daarna opnieuw",
            "update Netwerkscan, then import the file again",
        ),
    ),
    "workspace-exists": Message(
        _t("er is al een werkruimte '{key}'", "there is already a workspace '{key}'"),
        _t(
            "importeer in die werkruimte, of hernoem de bestaande eerst",
            "import into that workspace, or rename the existing one first",
        ),
    ),
    "snapshot-invalid": Message(
        _t(
            "een bewaarde diagnose in dit bestand is onleesbaar: {detail}",
            "a stored diagnosis in this file cannot be read: {detail}",
        ),
        _t(
            "exporteer het netwerk opnieuw uit de database waar het vandaan kwam, of laat de "
            "snapshots weg (netscan rediagnose maakt ze opnieuw)",
            "export the network again from the database it came from, or leave the snapshots out "
            "(netscan rediagnose makes them again)",
        ),
    ),
    "round-exists": Message(
        _t(
            "netwerk '{network}' heeft al een ronde '{key}'",
            "network '{network}' already has a round '{key}'",
        ),
        _t(
            "kies een ander rondelabel of importeer in een lege database",
            "choose another round label or import into an empty database",
        ),
    ),
    "respondent-exists": Message(
        _t(
            "respondent '{key}' staat al in ronde '{round}'",
            "respondent '{key}' is already in round '{round}'",
        ),
        _t("geef elke respondent een eigen id", "give every respondent an id of their own"),
    ),
    "inconsistent-round": Message(
        _t(
            "ronde '{key}' heeft in dit bestand verschillende {detail}",
            "round '{key}' has different {detail} in this file",
        ),
        _t("geef alle rijen van één ronde dezelfde waarden", "give all rows of one round the same values"),
    ),
    "round-questionnaire": Message(
        _t(
            "ronde '{key}' gebruikt vragenlijst {existing}, dit bestand {given}",
            "round '{key}' uses questionnaire {existing}, this file {given}",
        ),
        _t(
            "importeer in een nieuwe ronde (een ander rondelabel)",
            "import into a new round (another round label)",
        ),
    ),
    "export-closed": Message(
        _t(
            "de uitkomsten van meting '{key}' zijn gesloten ({reason}); antwoorden per respondent gaan dan niet mee in een export",
            "the results of round '{key}' are closed ({reason}); answers per respondent are then not exported",
        ),
        _t(
            "exporteer de uitkomsten (gemiddelden), of wacht tot genoeg leden hebben geantwoord",
            "export the results (averages), or wait until enough members have answered",
        ),
    ),
    "backup-format": Message(
        _t(
            "een back-up is een JSON-archief van een netwerk, een werkruimte of alles, geen '{key}'",
            "a backup is a JSON archive of a network, a workspace or everything, not '{key}'",
        ),
        _t(
            "kies JSON en een netwerk of de hele werkruimte (geen losse meting), of exporteer de uitkomsten",
            "choose JSON and a network or the whole workspace (not a single round), or export the results",
        ),
    ),
    "round-identity": Message(
        _t(
            "onbekende keuze '{key}' voor anonimiteit van de meting",
            "unknown choice '{key}' for the round's anonymity",
        ),
        _t("kies anoniem (anonymous) of op naam (named)", "choose anonymous or named"),
    ),
    "response-rate-minimum": Message(
        _t(
            "responsdrempel '{key}' is geen percentage van 1 tot en met 100",
            "response-rate threshold '{key}' is not a percentage from 1 to 100",
        ),
        _t(
            "geef een heel getal van 1 tot en met 100, of laat de drempel leeg",
            "give a whole number from 1 to 100, or leave the threshold empty",
        ),
    ),
    "round-named-locked": Message(
        _t(
            "de meting heeft al antwoorden die anoniem zijn gegeven; ze kan niet meer 'op naam' worden",
            "the round already has answers given anonymously; it can no longer become named",
        ),
        _t(
            "maak een nieuwe meting op naam en nodig de deelnemers daarvoor opnieuw uit",
            "create a new named round and invite the members to it",
        ),
    ),
    "export-format": Message(
        _t("onbekende bestandsvorm '{key}' voor een export", "unknown export format '{key}'"),
        _t("kies json, csv of xlsx", "choose json, csv or xlsx"),
    ),
    # --- benchmark against other networks (b15): diagnose/benchmark_file.py, store/benchmark.py
    "benchmark-version": Message(
        _t(
            "vragenlijst '{key}' versie {version} is in deze installatie onbekend",
            "questionnaire '{key}' version {version} is not known to this installation",
        ),
        _t(
            "maak het bestand met een versie die deze installatie kent: {allowed}",
            "make the file with a version this installation knows: {allowed}",
        ),
    ),
    "benchmark-construct": Message(
        _t(
            "'{key}' is geen score die vragenlijst {questionnaire} meet{suggestion}",
            "'{key}' is not a score questionnaire {questionnaire} measures{suggestion}",
        ),
        _t(
            "gebruik de construct-id's van die vragenlijst (zie docs/benchmark.md)",
            "use that questionnaire's construct ids (see docs/benchmark.md)",
        ),
    ),
    "benchmark-value": Message(
        _t(
            "gemiddelde {value} ligt niet tussen 1 en 5 of is niet afgerond op 0,1",
            "mean {value} is not between 1 and 5 or not rounded to 0.1",
        ),
        _t(
            "geef een gemiddelde van 1,0 tot 5,0 met één decimaal, zoals 3.4",
            "give a mean from 1.0 to 5.0 with one decimal, such as 3.4",
        ),
    ),
    "benchmark-profile": Message(
        _t(
            "onbekende waarde '{key}' voor {fact}{suggestion}", "unknown value '{key}' for {fact}{suggestion}"
        ),
        _t("mogelijk: {allowed}, of null", "possible: {allowed}, or null"),
    ),
    "benchmark-too-few": Message(
        _t(
            "{count} netwerken; een vergelijking vraagt er minstens {minimum}",
            "{count} networks; a benchmark needs at least {minimum}",
        ),
        _t(
            "wacht tot meer netwerken meedoen: met minder zou één netwerk herkenbaar kunnen zijn",
            "wait until more networks take part: with fewer, one network could be recognised",
        ),
    ),
    "benchmark-imported": Message(
        _t(
            "dit bestand is al ingelezen als referentieset '{key}'",
            "this file was imported before as reference set '{key}'",
        ),
        _t(
            "verwijder die set eerst (netscan benchmark remove) als je hem opnieuw wilt inlezen",
            "remove that set first (netscan benchmark remove) to import it again",
        ),
    ),
    "benchmark-file-exists": Message(
        _t("het bestand bestaat al", "the file exists already"),
        _t(
            "kies een andere naam of geef --force om het te overschrijven",
            "choose another name or give --force to overwrite it",
        ),
    ),
    "benchmark-not-admin": Message(
        _t(
            "alleen een beheerder van de werkruimte kan deelname aan de vergelijking aan- of uitzetten",
            "only an administrator of the workspace can switch taking part in the benchmark on or off",
        ),
        _t("vraag een beheerder van de werkruimte", "ask an administrator of the workspace"),
    ),
    "agreement-text": Message(
        _t("een afspraak zonder tekst", "an agreement without a text"),
        _t(
            "schrijf op wat het netwerk gaat doen, bijvoorbeeld 'werkplaatsen in plaats van vergaderingen'",
            "write down what the network will do, e.g. 'workshops instead of meetings'",
        ),
    ),
    "agreement-too-long": Message(
        _t("deze tekst is langer dan {limit} tekens", "this text is longer than {limit} characters"),
        _t("maak de tekst korter", "shorten the text"),
    ),
    "agreement-due": Message(
        _t(
            "de datum {due} ligt vóór de ronde '{round}' ({start})",
            "the date {due} lies before round '{round}' ({start})",
        ),
        _t("kies een datum na de ronde", "choose a date after the round"),
    ),
    "agreement-finding": Message(
        _t(
            "ronde '{round}' heeft geen bevinding '{key}'{suggestion}",
            "round '{round}' has no finding '{key}'{suggestion}",
        ),
        _t(
            "koppel de afspraak aan een bevinding uit de uitslag van deze ronde",
            "link the agreement to a finding in this round's results",
        ),
    ),
    "agreement-construct": Message(
        _t(
            "ronde '{round}' meet geen construct '{key}'{suggestion}",
            "round '{round}' does not measure construct '{key}'{suggestion}",
        ),
        _t(
            "kies een construct uit de vragenlijst van deze ronde",
            "choose a construct from this round's questionnaire",
        ),
    ),
    "agreement-status": Message(
        _t("onbekende status '{key}' voor een afspraak", "unknown status '{key}' for an agreement"),
        _t("kies uit: {choices}", "choose from: {choices}"),
    ),
    # --- participants and e-mail (m13s) ---
    "participants-empty": Message(
        _t("er staan geen deelnemers in", "it holds no participants"),
        _t(
            "geef een kopregel (naam; e-mail; rol) en één regel per deelnemer",
            "give a header row (naam; e-mail; rol) and one row per participant",
        ),
    ),
    "participants-missing-column": Message(
        _t(
            "de kolom {key} ontbreekt (gevonden: {found})",
            "the column {key} is missing (found: {found})",
        ),
        _t(
            "zet in de eerste regel de kolomnamen naam, e-mail en eventueel rol",
            "put the column names naam (name), e-mail and optionally rol (role) in the first row",
        ),
    ),
    "participants-too-many": Message(
        _t("meer dan {limit} deelnemers in één ronde", "more than {limit} participants in one round"),
        _t("verdeel de deelnemers over meer rondes", "spread the participants over more rounds"),
    ),
    "participant-email": Message(
        _t("'{key}' is geen geldig e-mailadres", "'{key}' is not a valid e-mail address"),
        _t(
            "geef een adres als naam@school.nl, zonder spaties of komma's",
            "give an address like name@school.nl, without spaces or commas",
        ),
    ),
    "participant-exists": Message(
        _t(
            "{key} is al deelnemer van deze ronde",
            "{key} is already a participant of this round",
        ),
        _t("laat deze regel weg", "leave this row out"),
    ),
    "participant-twice": Message(
        _t(
            "{key} staat twee keer in de lijst (ook op regel {first})",
            "{key} is in the list twice (also on row {first})",
        ),
        _t("houd één van de twee regels over", "keep one of the two rows"),
    ),
    "participant-language": Message(
        _t("onbekende taal '{key}'", "unknown language '{key}'"),
        _t("kies nl of en", "choose nl or en"),
    ),
    "mail-template-length": Message(
        _t(
            "de tekst is leeg of langer dan {limit} tekens",
            "the text is empty or longer than {limit} characters",
        ),
        _t("schrijf een tekst van 1 tot {limit} tekens", "write a text of 1 to {limit} characters"),
    ),
    "mail-template-control": Message(
        _t(
            "de tekst bevat een regeleinde of stuurteken waar dat niet mag (een onderwerp is één regel)",
            "the text holds a line break or control character where none may be (a subject is one line)",
        ),
        _t("schrijf het onderwerp op één regel", "write the subject on one line"),
    ),
    "mail-template-brace": Message(
        _t("een accolade staat los", "a brace stands alone"),
        _t(
            "gebruik accolades alleen rond een invulveld, zoals {example}",
            "use braces only around a placeholder, like {example}",
        ),
    ),
    "mail-template-placeholder": Message(
        _t("onbekend invulveld {key}{suggestion}", "unknown placeholder {key}{suggestion}"),
        _t("mogelijke invulvelden: {known}", "possible placeholders: {known}"),
    ),
    "mail-template-no-link": Message(
        _t(
            "de tekst bevat de persoonlijke link {key} niet",
            "the text does not contain the personal link {key}",
        ),
        _t(
            "zet {key} in de tekst: zonder link kan niemand de vragenlijst openen",
            "put {key} in the text: without it nobody can open the questionnaire",
        ),
    ),
    "mail-reminder-days": Message(
        _t("{key} dagen tussen herinneringen kan niet", "{key} days between reminders is not possible"),
        _t("kies 1 tot 90 dagen", "choose 1 to 90 days"),
    ),
    "mail-no-deadline": Message(
        _t("de ronde heeft nog geen uiterste invuldatum", "the round has no deadline yet"),
        _t(
            "stel eerst de uiterste invuldatum in: de mail noemt die datum",
            "set the deadline first: the mail names that date",
        ),
    ),
    "mail-no-sender": Message(
        _t("de afzender (naam onder de mail) ontbreekt", "the sender (the name under the mail) is missing"),
        _t("vul de naam van de afzender in", "fill in the sender's name"),
    ),
    "mail-link-key": Message(
        _t(
            "de link van deze deelnemer is gemaakt met een andere sleutel dan deze computer heeft",
            "this participant's link was made with another key than this computer has",
        ),
        _t(
            "verstuur vanaf de computer met dezelfde gegevensmap, of zet NETSCAN_LINK_KEY gelijk",
            "send from the computer with the same data folder, or set NETSCAN_LINK_KEY the same",
        ),
    ),
    "mail-not-configured": Message(
        _t(
            "e-mail is niet ingesteld (NETSCAN_SMTP_URL ontbreekt)",
            "e-mail is not configured (NETSCAN_SMTP_URL is missing)",
        ),
        _t(
            "zet NETSCAN_SMTP_URL en NETSCAN_MAIL_FROM (zie docs/mail.md), of deel de links zelf",
            "set NETSCAN_SMTP_URL and NETSCAN_MAIL_FROM (see docs/mail.md), or share the links yourself",
        ),
    ),
    "mail-config": Message(
        _t("de e-mailinstelling klopt niet: {detail}", "the e-mail setting is wrong: {detail}"),
        _t("corrigeer de instelling (zie docs/mail.md)", "correct the setting (see docs/mail.md)"),
    ),
    "mail-server-unusable": Message(
        _t(
            "de mailserver {key} is niet te gebruiken: {detail}; er is niets verstuurd dat nog in de wachtrij stond",
            "the mail server {key} cannot be used: {detail}; nothing still queued was sent",
        ),
        _t(
            "controleer gebruikersnaam, wachtwoord en server, en probeer opnieuw: wat in de wachtrij staat gaat dan alsnog",
            "check user name, password and server and try again: what is queued will go then",
        ),
    ),
    # --- the consultant's edit and the workspace's branding (r12k) ---
    "edit-unknown-finding": Message(
        _t(
            "ronde '{round}' heeft geen bevinding ‘{title}’",
            "round '{round}' has no finding ‘{title}’",
        ),
        _t(
            "kies een bevinding uit de uitslag van deze ronde",
            "choose a finding from this round's results",
        ),
    ),
    "edit-summary-size": Message(
        _t(
            "de bovenste drie houden ten hoogste {limit} bevindingen",
            "the top holds at most {limit} findings",
        ),
        _t("kies er ten hoogste {limit}", "choose at most {limit}"),
    ),
    "edit-summary-twice": Message(
        _t("‘{title}’ staat twee keer in de bovenste drie", "‘{title}’ is in the top three twice"),
        _t("kies voor elke plaats een andere bevinding", "choose a different finding for each place"),
    ),
    "edit-summary-strength": Message(
        _t(
            "‘{title}’ is een sterk punt en hoort niet bij de bovenste drie",
            "‘{title}’ is a strength and does not belong in the top three",
        ),
        _t(
            "kies een zorgpunt, aandachtspunt of verschil van inzicht; sterke punten staan onder ‘Wat goed gaat’",
            "choose a concern, a point of attention or a disagreement; strengths appear under ‘What goes well’",
        ),
    ),
    "edit-hidden-chosen": Message(
        _t(
            "‘{title}’ is weggelaten en tegelijk gekozen voor de bovenste drie",
            "‘{title}’ is left out and also chosen for the top three",
        ),
        _t(
            "laat de bevinding weg of kies haar, niet allebei", "leave the finding out or choose it, not both"
        ),
    ),
    "edit-reason-missing": Message(
        _t("bij het weglaten van ‘{title}’ ontbreekt de reden", "leaving out ‘{title}’ needs a reason"),
        _t(
            "schrijf in een zin waarom deze bevinding voor dit netwerk niet opgaat",
            "say in one sentence why this finding does not apply to this network",
        ),
    ),
    "edit-too-long": Message(
        _t("{what} is langer dan {limit} tekens", "{what} is longer than {limit} characters"),
        _t("maak de tekst korter", "shorten the text"),
    ),
    "edit-stale": Message(
        _t(
            "‘{title}’ ({part}) staat niet meer in de diagnose en wordt niet getoond",
            "‘{title}’ ({part}) is no longer in the diagnosis and is not shown",
        ),
        _t(
            "kies opnieuw of haal dit deel van de aanpassing weg; de rest van de aanpassing blijft gelden",
            "choose again or remove this part of the edit; the rest of the edit still applies",
        ),
    ),
    "edit-changed": Message(
        _t(
            "{by} heeft de aanpassing intussen opgeslagen (versie {current}); deze wijziging ging uit van versie {yours}",
            "{by} saved the edit in the meantime (version {current}); you were working on version {yours}",
        ),
        _t(
            "de tekst in het formulier blijft staan: vergelijk met de nieuwe versie, neem over wat moet blijven en sla opnieuw op",
            "the text in the form stays: compare it with the new version, keep what should stay and save again",
        ),
    ),
    "logo-type": Message(
        _t("het logo is geen PNG- of SVG-afbeelding", "the logo is not a PNG or SVG image"),
        _t(
            "kies een PNG- of SVG-bestand (bijvoorbeeld het logo van de website, opgeslagen als PNG)",
            "choose a PNG or SVG file (for example the logo from the website, saved as PNG)",
        ),
    ),
    "logo-broken": Message(
        _t("het logo kan niet worden gelezen: {detail}", "the logo cannot be read: {detail}"),
        _t(
            "sla het logo opnieuw op als PNG en probeer het nog eens",
            "save the logo again as PNG and try again",
        ),
    ),
    "logo-too-large": Message(
        _t(
            "het logo is {size}, meer dan de toegestane {limit}",
            "the logo is {size}, more than the {limit} allowed",
        ),
        _t(
            "verklein het logo of sla het op als PNG met minder kleuren",
            "make the logo smaller or save it as PNG with fewer colours",
        ),
    ),
    "logo-dimensions": Message(
        _t(
            "het logo is {width} × {height} pixels; toegestaan is {minimum} tot {limit} pixels per zijde",
            "the logo is {width} × {height} pixels; {minimum} to {limit} pixels per side are allowed",
        ),
        _t("schaal het logo en sla het opnieuw op", "scale the logo and save it again"),
    ),
    "logo-unsafe": Message(
        _t(
            "het SVG-logo bevat {what}; dat wordt niet toegelaten",
            "the SVG logo contains {what}, which is not allowed",
        ),
        _t(
            "sla het logo op als PNG, of als eenvoudige SVG zonder scripts, koppelingen naar buiten of ingesloten inhoud",
            "save the logo as PNG, or as a plain SVG without scripts, outside links or embedded content",
        ),
    ),
}
