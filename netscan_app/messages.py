"""Every UI string of the app, in Dutch (the default) and English.

One entry per key, both languages side by side so a translator sees them together. Every entry
becomes a LocalizedText, the one shape of bilingual text, so a missing language fails at import; a
test checks the same ``{placeholders}`` in both languages and that every key the code uses exists. Questionnaire and rule texts come from their own files, not from here.
Tone: a Dutch education professional addressing colleagues ("je"), plain and calm.
"""

from __future__ import annotations

from diagnose.text import LocalizedText

_TEXTS: dict[str, dict[str, str]] = {
    # --- app and navigation -------------------------------------------------------------------
    "app.title": {"nl": "Netwerkscan", "en": "Network scan"},
    "lang.label": {"nl": "Taal", "en": "Language"},
    # --- Streamlit's own words for screen readers, in the page's language (a17) ---
    "a11y.skip": {"nl": "Naar de inhoud", "en": "Skip to main content"},
    "a11y.progress": {"nl": "Voortgang", "en": "Progress"},
    # not "Wachtwoord tonen": the password field keeps the only name with "Wachtwoord" in it
    "a11y.show_password": {"nl": "Tekens tonen", "en": "Show password"},
    "a11y.hide_password": {"nl": "Tekens verbergen", "en": "Hide password"},
    "a11y.sidebar": {"nl": "Zijbalk", "en": "Sidebar"},
    "a11y.collapse_sidebar": {"nl": "Zijbalk inklappen", "en": "Collapse sidebar"},
    "a11y.expand_sidebar": {"nl": "Zijbalk uitklappen", "en": "Expand sidebar"},
    "a11y.app_pages": {"nl": "Pagina's", "en": "Pages"},
    "a11y.clear_value": {"nl": "Keuze wissen", "en": "Clear the choice"},
    "a11y.open": {"nl": "Openen", "en": "Open"},
    "a11y.help": {"nl": "Uitleg", "en": "Help"},
    "nav.sign_in": {"nl": "Inloggen", "en": "Sign in"},
    "nav.overview": {"nl": "Overzicht", "en": "Overview"},
    "nav.network": {"nl": "Netwerk", "en": "Network"},
    "nav.round": {"nl": "Meting en uitnodigingen", "en": "Round and invitations"},
    "nav.results": {"nl": "Resultaten", "en": "Results"},
    "nav.group": {"nl": "Groepsantwoord", "en": "Group answer"},
    "nav.agreements": {"nl": "Afspraken", "en": "Agreements"},
    "nav.data": {"nl": "Importeren en exporteren", "en": "Import and export"},
    "nav.audit": {"nl": "Logboek", "en": "Audit log"},
    "nav.questionnaire": {"nl": "Vragenlijst", "en": "Questionnaire"},
    "nav.section_work": {"nl": "Werkruimte", "en": "Workspace"},
    "nav.section_admin": {"nl": "Gegevens", "en": "Data"},
    "nav.back_to_overview": {"nl": "Naar het overzicht", "en": "To the overview"},
    # --- the audit trail (netscan_app/pages/audit.py) (d20) ---------------------------------------
    "audit.title": {"nl": "Logboek", "en": "Audit log"},
    "audit.intro": {
        "nl": "Wie er in werkruimte ‘{workspace}’ heeft ingelogd, gegevens heeft geëxporteerd of verwijderd, "
        "en wanneer. Alleen beheerders zien dit logboek; het wordt na de bewaartermijn opgeschoond.",
        "en": "Who signed in to workspace ‘{workspace}’, exported or deleted data, and when. Only "
        "administrators see this log; it is cleared after the retention period.",
    },
    "audit.admins_only": {
        "nl": "Het logboek is alleen zichtbaar voor beheerders van deze werkruimte.",
        "en": "The audit log is only visible to administrators of this workspace.",
    },
    "audit.empty": {"nl": "Er staat nog niets in het logboek.", "en": "The log is still empty."},
    "audit.when": {"nl": "Wanneer", "en": "When"},
    "audit.who": {"nl": "Wie", "en": "Who"},
    "audit.what": {"nl": "Wat", "en": "What"},
    "audit.subject": {"nl": "Waarover", "en": "About"},
    "audit.more": {
        "nl": "De nieuwste {count} regels. Oudere regels: netscan audit list.",
        "en": "The newest {count} lines. Older lines: netscan audit list.",
    },
    "audit.action.sign_in": {"nl": "Ingelogd", "en": "Signed in"},
    "audit.action.sign_in_failed": {"nl": "Inloggen mislukt", "en": "Sign-in failed"},
    "audit.action.sign_in_blocked": {
        "nl": "Inloggen tijdelijk geblokkeerd",
        "en": "Sign-in temporarily blocked",
    },
    "audit.action.export_respondents": {
        "nl": "Antwoorden per deelnemer geëxporteerd",
        "en": "Answers per respondent exported",
    },
    "audit.action.export_backup": {"nl": "Reservekopie gemaakt", "en": "Backup made"},
    "audit.action.delete_network": {"nl": "Netwerk verwijderd", "en": "Network deleted"},
    "audit.action.delete_round": {"nl": "Meting verwijderd", "en": "Round deleted"},
    "audit.action.edit_report": {"nl": "Rapport aangepast", "en": "Report edited"},
    # --- benchmark (b15)
    "audit.action.benchmark_on": {"nl": "Doet mee aan de vergelijking", "en": "Takes part in the benchmark"},
    "audit.action.benchmark_off": {
        "nl": "Doet niet meer mee aan de vergelijking",
        "en": "Left the benchmark",
    },
    # --- the database cannot answer (netscan_app/main.py) ------------------------------------------
    "db.title": {"nl": "De database is even niet beschikbaar", "en": "The database is unavailable"},
    "db.busy": {
        "nl": "De database is bezet: een ander proces houdt hem langer vast dan de wachttijd. Er is "
        "niets verloren gegaan. Probeer het over een halve minuut opnieuw; blijft het zo, kijk dan of "
        "er een import, back-up of ander programma op het databasebestand draait.",
        "en": "The database is busy: another process holds it longer than the waiting time. Nothing "
        "has been lost. Try again in half a minute; if it stays this way, check whether an import, "
        "backup or other program is working on the database file.",
    },
    "db.full": {
        "nl": "De schijf van de server is vol, dus er kan niets worden bewaard. Maak ruimte vrij op "
        "de schijf met de gegevensmap (of vraag je ICT-afdeling dat te doen) en probeer het opnieuw.",
        "en": "The server's disk is full, so nothing can be saved. Free space on the disk that holds "
        "the data folder (or ask your IT department to) and try again.",
    },
    "db.read_only": {
        "nl": "De database kan niet worden geopend of beschreven: de gegevensmap of het bestand is "
        "alleen-lezen of van een andere gebruiker. Laat je ICT-afdeling de schrijfrechten herstellen "
        "(NETSCAN_DATA_DIR) en probeer het opnieuw.",
        "en": "The database cannot be opened or written: the data folder or file is read-only or "
        "owned by another user. Ask your IT department to restore write access (NETSCAN_DATA_DIR) "
        "and try again.",
    },
    "db.unreachable": {
        "nl": "De databaseserver is niet bereikbaar. Controleer of PostgreSQL draait en of "
        "DATABASE_URL klopt, en probeer het opnieuw.",
        "en": "The database server cannot be reached. Check that PostgreSQL is running and that "
        "DATABASE_URL is right, and try again.",
    },
    "db.detail": {"nl": "Melding van de database: {detail}", "en": "The database says: {detail}"},
    "db.retry": {"nl": "Opnieuw proberen", "en": "Try again"},
    "db.respondent_title": {"nl": "Even geduld", "en": "Please bear with us"},
    "db.respondent_body": {
        "nl": "De vragenlijst is op dit moment niet bereikbaar. Wat je al hebt ingevuld, blijft "
        "bewaard. Probeer het over een paar minuten opnieuw met dezelfde link.",
        "en": "The questionnaire cannot be reached right now. What you have already filled in stays "
        "saved. Try again in a few minutes with the same link.",
    },
    # --- sidebar ------------------------------------------------------------------------------
    "side.workspace": {"nl": "Werkruimte", "en": "Workspace"},
    "side.network": {"nl": "Netwerk", "en": "Network"},
    "side.network_placeholder": {"nl": "Kies een netwerk", "en": "Choose a network"},
    "side.round": {"nl": "Meting", "en": "Round"},
    "side.round_placeholder": {"nl": "Kies een meting", "en": "Choose a round"},
    "side.signed_in_as": {"nl": "Ingelogd als {name}", "en": "Signed in as {name}"},
    "side.sign_out": {"nl": "Uitloggen", "en": "Sign out"},
    # --- sign-in and first start --------------------------------------------------------------
    "sign_in.tagline": {
        "nl": "Zie waar jullie netwerk staat, waarom, en wat een goede volgende stap is.",
        "en": "See where your network stands, why, and what a good next step would be.",
    },
    "sign_in.title": {"nl": "Inloggen", "en": "Sign in"},
    "sign_in.email": {"nl": "E-mailadres", "en": "E-mail address"},
    "sign_in.password": {"nl": "Wachtwoord", "en": "Password"},
    "sign_in.submit": {"nl": "Inloggen", "en": "Sign in"},
    "sign_in.failed": {
        "nl": "Dit e-mailadres en wachtwoord horen niet bij elkaar. Controleer ze en probeer het opnieuw.",
        "en": "This e-mail address and password do not match. Check them and try again.",
    },
    "sign_in.wait": {
        "nl": "Er is een paar keer een verkeerd wachtwoord ingevuld. Wacht {seconds} seconden en "
        "probeer het dan opnieuw; zo houden we raders buiten de deur.",
        "en": "A wrong password was entered a few times. Wait {seconds} seconds and then try again; "
        "this keeps guessers out.",
    },
    "sign_in.locked": {
        "nl": "Na te veel mislukte pogingen is inloggen tijdelijk geblokkeerd. Probeer het over "
        "{minutes} minuten opnieuw, of vraag de beheerder de blokkade op te heffen.",
        "en": "After too many failed attempts, signing in is blocked for a while. Try again in "
        "{minutes} minutes, or ask the administrator to lift the block.",
    },
    "sign_in.busy": {
        "nl": "Er wordt op dit moment erg vaak geprobeerd in te loggen. Probeer het over een paar "
        "seconden opnieuw.",
        "en": "Very many sign-in attempts are being made right now. Try again in a few seconds.",
    },
    "sign_in.session_ended": {
        "nl": "Je bent uitgelogd: je sessie is beëindigd (uitgelogd in een ander venster, of te lang "
        "niet gebruikt). Log opnieuw in om verder te gaan.",
        "en": "You have been signed out: your session has ended (signed out in another window, or "
        "unused for too long). Sign in again to carry on.",
    },
    "sign_in.handing_over": {"nl": "Je wordt ingelogd…", "en": "Signing you in…"},
    "sign_in.respondent_hint": {
        "nl": "Wil je de vragenlijst invullen? Gebruik dan de persoonlijke link uit je uitnodiging; "
        "daarvoor hoef je niet in te loggen.",
        "en": "Want to fill in the questionnaire? Use the personal link from your invitation; "
        "you do not need to sign in for that.",
    },
    "sign_in.forgot": {
        "nl": "Wachtwoord vergeten? Vraag de beheerder van jullie werkruimte om een nieuw wachtwoord.",
        "en": "Forgot your password? Ask your workspace administrator for a new one.",
    },
    "first.title": {"nl": "Welkom bij de Netwerkscan", "en": "Welcome to the network scan"},
    "first.body": {
        "nl": "De database is nog leeg. Wil je eerst rondkijken? Laad dan de voorbeeldgegevens: vier "
        "fictieve onderwijsnetwerken met elk drie metingen, zodat je meteen ziet hoe uitkomsten, "
        "verschillen tussen deelnemers en ontwikkeling door de jaren eruitzien.",
        "en": "The database is still empty. Want to look around first? Load the demo data: four "
        "fictitious education networks with three rounds each, so you can see straight away what "
        "results, differences between members and development over the years look like.",
    },
    "first.load_demo": {"nl": "Voorbeeldgegevens laden", "en": "Load the demo data"},
    "first.no_users": {
        "nl": "Er is nog niemand die kan inloggen. Wie de server beheert, maakt de eerste beheerder aan "
        "met deze opdracht; daarna log je hier in.",
        "en": "Nobody can sign in yet. Whoever runs the server creates the first administrator with "
        "this command; then you sign in here.",
    },
    "first.loading": {"nl": "Voorbeeldgegevens worden geladen…", "en": "Loading the demo data…"},
    "first.loaded": {
        "nl": "De voorbeeldgegevens staan klaar. Log in met `{email}` en wachtwoord `{password}`.",
        "en": "The demo data is ready. Sign in with `{email}` and password `{password}`.",
    },
    "first.own_admin": {
        "nl": "Ga je direct echt aan de slag? Maak dan op de server een eerste beheerder aan:",
        "en": "Starting for real straight away? Create a first administrator on the server:",
    },
    # --- overview -----------------------------------------------------------------------------
    "overview.title_none": {"nl": "Overzicht", "en": "Overview"},
    "overview.no_workspace": {
        "nl": "Je hebt nog geen toegang tot een werkruimte. Vraag een beheerder om je toe te voegen.",
        "en": "You do not have access to a workspace yet. Ask an administrator to add you.",
    },
    "overview.demo": {
        "nl": "Dit is de demowerkruimte: de netwerken en antwoorden zijn verzonnen.",
        "en": "This is the demo workspace: the networks and answers are made up.",
    },
    "overview.intro.one": {
        "nl": "1 netwerk in deze werkruimte. Open het netwerk om metingen te beheren, of ga direct naar de "
        "resultaten van de laatste meting.",
        "en": "1 network in this workspace. Open the network to manage its rounds, or go straight to the "
        "results of the latest round.",
    },
    "overview.intro.other": {
        "nl": "{count} netwerken in deze werkruimte. Open een netwerk om metingen te beheren, of ga direct "
        "naar de resultaten van de laatste meting.",
        "en": "{count} networks in this workspace. Open a network to manage its rounds, or go straight to "
        "the results of the latest round.",
    },
    "overview.counts": {
        "nl": "{submitted} van {invited} ingevuld ({started} begonnen)",
        "en": "{submitted} of {invited} completed ({started} started)",
    },
    "overview.open_network": {"nl": "Netwerk openen", "en": "Open network"},
    "overview.open_results": {"nl": "Resultaten", "en": "Results"},
    "overview.open_round": {"nl": "Beheren", "en": "Manage"},
    "overview.no_rounds": {"nl": "Nog geen metingen.", "en": "No rounds yet."},
    "overview.more_rounds.one": {"nl": "en 1 eerdere meting", "en": "and 1 earlier round"},
    "overview.more_rounds.other": {"nl": "en {count} eerdere metingen", "en": "and {count} earlier rounds"},
    "overview.new_network": {"nl": "Nieuw netwerk toevoegen", "en": "Add a new network"},
    "overview.network_name": {"nl": "Naam van het netwerk", "en": "Name of the network"},
    "overview.network_name_placeholder": {
        "nl": "bijvoorbeeld Samenwerkingsverband PO De Vallei",
        "en": "for example Inclusive Education Partnership De Vallei",
    },
    "overview.profile_help": {
        "nl": "De kenmerken hieronder zijn niet verplicht; ze helpen de diagnose. De deelnemers geven in "
        "de vragenlijst daarnaast hun eigen beeld van het netwerk.",
        "en": "The facts below are optional; they help the diagnosis. In the questionnaire the members "
        "also give their own view of the network.",
    },
    "overview.create_network": {"nl": "Netwerk toevoegen", "en": "Add network"},
    "overview.created": {"nl": "Netwerk ‘{name}’ is toegevoegd.", "en": "Network ‘{name}’ has been added."},
    # --- the portfolio: the overview of a workspace with many networks (p15) -------------------
    "portfolio.intro.one": {
        "nl": "1 netwerk, waarvan {attention} aandacht vraagt.",
        "en": "1 network, {attention} of which needs attention.",
    },
    "portfolio.intro.other": {
        "nl": "{count} netwerken, waarvan {attention} aandacht vragen. Netwerken die aandacht vragen "
        "staan bovenaan; kies een rij om het netwerk te openen.",
        "en": "{count} networks, {attention} of which need attention. Networks that need attention "
        "come first; choose a row to open the network.",
    },
    "portfolio.rule_title": {
        "nl": "Wanneer vraagt een netwerk aandacht?",
        "en": "When does a network need attention?",
    },
    "portfolio.rule": {
        "nl": "Een netwerk vraagt aandacht als een van deze dingen geldt:\n\n"
        "- de laatste meting staat nog open terwijl de deadline voorbij is;\n"
        "- de laatste meting is gesloten, maar de resultaten blijven dicht door te weinig respons;\n"
        "- er is een nieuw zorgpunt: een onderdeel scoort nu onder de zorggrens en deed dat bij de "
        "vorige meting niet (bij een eerste meting is elk zorgpunt nieuw);\n"
        "- een onderdeel is sinds de vorige meting {change} punt of meer gedaald;\n"
        "- er is al meer dan een jaar geen meting geweest.\n\n"
        "De trend per groep is de gemiddelde verandering van de onderdelen van die groep sinds de "
        "vorige meting met open resultaten (▲ of ▼ vanaf 0,1 punt). Tussen versies van de vragenlijst "
        "worden alleen vergelijkbare onderdelen vergeleken.",
        "en": "A network needs attention when one of these holds:\n\n"
        "- the latest round is still open after its deadline;\n"
        "- the latest round is closed, but its results stay closed for lack of responses;\n"
        "- there is a new concern: a part now scores below the concern line and did not in the "
        "previous round (in a first round every concern is new);\n"
        "- a part fell {change} points or more since the previous round;\n"
        "- there has been no round for more than a year.\n\n"
        "The trend per group is the average change of the group's parts since the previous round "
        "with open results (▲ or ▼ from 0.1 points). Across questionnaire versions only comparable "
        "parts are compared.",
    },
    "portfolio.col.network": {"nl": "Netwerk", "en": "Network"},
    "portfolio.col.attention": {"nl": "Aandacht nodig", "en": "Needs attention"},
    "portfolio.col.latest": {"nl": "Laatste meting", "en": "Latest round"},
    "portfolio.col.date": {"nl": "Datum", "en": "Date"},
    "portfolio.col.status": {"nl": "Status", "en": "Status"},
    "portfolio.col.response": {"nl": "Respons", "en": "Response"},
    "portfolio.col.headline": {"nl": "Belangrijkste bevinding", "en": "Headline finding"},
    "portfolio.col.agreements": {"nl": "Open afspraken", "en": "Open agreements"},
    "portfolio.col.sector": {"nl": "Sector", "en": "Sector"},
    "portfolio.col.region": {"nl": "Regio", "en": "Region"},
    "portfolio.col.type": {"nl": "Type netwerk", "en": "Network type"},
    "portfolio.status.open": {"nl": "Loopt", "en": "Open"},
    "portfolio.status.closed": {"nl": "Gesloten", "en": "Closed"},
    "portfolio.status.results_closed": {"nl": "Resultaten dicht", "en": "Results closed"},
    "portfolio.status.none": {"nl": "Nog geen meting", "en": "No round yet"},
    "portfolio.reason.overdue": {
        "nl": "meting ‘{label}’ staat nog open, de deadline was {date}",
        "en": "round ‘{label}’ is still open, the deadline was {date}",
    },
    "portfolio.reason.low_response.none": {
        "nl": "niemand heeft meting ‘{label}’ ingevuld",
        "en": "nobody completed round ‘{label}’",
    },
    "portfolio.reason.low_response.minimum": {
        "nl": "te weinig respons in ‘{label}’: de resultaten blijven dicht",
        "en": "too few responses in ‘{label}’: the results stay closed",
    },
    "portfolio.reason.low_response.response_rate": {
        "nl": "respons in ‘{label}’ onder de drempel van de meting: de resultaten blijven dicht",
        "en": "response in ‘{label}’ below the round's threshold: the results stay closed",
    },
    "portfolio.reason.new_concern": {"nl": "nieuw zorgpunt: {constructs}", "en": "new concern: {constructs}"},
    "portfolio.reason.decline": {
        "nl": "gedaald sinds ‘{previous}’: {constructs}",
        "en": "fell since ‘{previous}’: {constructs}",
    },
    "portfolio.reason.no_recent_round": {
        "nl": "al meer dan een jaar geen meting (laatste: {date})",
        "en": "no round for more than a year (latest: {date})",
    },
    "portfolio.reason.no_round": {
        "nl": "nog geen meting, terwijl het netwerk sinds {date} bestaat",
        "en": "no round yet, while the network exists since {date}",
    },
    "portfolio.filter.sector": {"nl": "Sector", "en": "Sector"},
    "portfolio.filter.region": {"nl": "Regio", "en": "Region"},
    "portfolio.filter.type": {"nl": "Type netwerk", "en": "Network type"},
    "portfolio.filter.status": {"nl": "Status", "en": "Status"},
    "portfolio.filter.any": {"nl": "Alle", "en": "All"},
    "portfolio.attention_only": {
        "nl": "Alleen netwerken die aandacht vragen",
        "en": "Only networks that need attention",
    },
    "portfolio.sort": {"nl": "Volgorde", "en": "Order"},
    "portfolio.sort.attention": {"nl": "Aandacht nodig eerst", "en": "Needs attention first"},
    "portfolio.sort.name": {"nl": "Naam (A–Z)", "en": "Name (A–Z)"},
    "portfolio.sort.latest": {"nl": "Laatste meting (nieuwste eerst)", "en": "Latest round (newest first)"},
    "portfolio.sort.response": {"nl": "Respons (laagste eerst)", "en": "Response (lowest first)"},
    "portfolio.shown": {"nl": "{shown} van de {total} netwerken", "en": "{shown} of {total} networks"},
    "portfolio.page": {"nl": "Pagina", "en": "Page"},
    "portfolio.page_of": {"nl": "van {pages}", "en": "of {pages}"},
    "portfolio.none_match": {
        "nl": "Geen netwerken bij deze keuze. Zet een filter ruimer.",
        "en": "No networks match. Widen a filter.",
    },
    "portfolio.open": {"nl": "Netwerk openen", "en": "Open network"},
    "portfolio.open_choose": {"nl": "Kies een netwerk", "en": "Choose a network"},
    "portfolio.download": {"nl": "Tabel downloaden (Excel)", "en": "Download the table (Excel)"},
    "portfolio.sheet": {"nl": "portfolio", "en": "portfolio"},
    # --- network ------------------------------------------------------------------------------
    "network.choose": {
        "nl": "Kies eerst een netwerk, in de zijbalk of in het overzicht.",
        "en": "First choose a network, in the sidebar or in the overview.",
    },
    "network.rounds": {"nl": "Metingen", "en": "Rounds"},
    "network.no_rounds": {
        "nl": "Dit netwerk heeft nog geen metingen. Start hieronder de eerste.",
        "en": "This network has no rounds yet. Start the first one below.",
    },
    "network.manage_round": {"nl": "Beheren", "en": "Manage"},
    "network.new_round": {"nl": "Nieuwe meting starten", "en": "Start a new round"},
    "network.round_label": {"nl": "Naam van de meting", "en": "Name of the round"},
    "network.round_label_help": {
        "nl": "Bijvoorbeeld ‘2026 voorjaar’ of ‘Intake september’. Deze naam zien de deelnemers niet.",
        "en": "For example ‘2026 spring’ or ‘Intake September’. Members do not see this name.",
    },
    "network.season_spring": {"nl": "voorjaar", "en": "spring"},
    "network.season_autumn": {"nl": "najaar", "en": "autumn"},
    "network.round_date": {"nl": "Datum", "en": "Date"},
    "network.questionnaire": {"nl": "Vragenlijst", "en": "Questionnaire"},
    "network.q_netwerkscan": {
        "nl": "de volledige jaarlijkse scan, ongeveer 10 minuten",
        "en": "the full yearly scan, about 10 minutes",
    },
    "network.q_quickscan": {
        "nl": "een korte eerste verkenning, ongeveer 5 minuten",
        "en": "a short first exploration, about 5 minutes",
    },
    "network.results_visible": {
        "nl": "Deelnemers zien na het insturen de uitkomsten",
        "en": "Members see the results after submitting",
    },
    "network.results_visible_help": {
        "nl": "Alleen gecombineerde uitkomsten, en pas als genoeg mensen de scan hebben ingevuld.",
        "en": "Only combined results, and only once enough people have filled in the scan.",
    },
    "network.create_round": {"nl": "Meting starten", "en": "Start round"},
    # --- network profile at a new round (q18m) --------------------------------------------------
    "network.round_profile": {"nl": "Kenmerken van het netwerk", "en": "Network profile"},
    "network.round_profile_help": {
        "nl": "Deze feiten vul je één keer in voor het hele netwerk; de deelnemers krijgen deze vragen niet. "
        "Klopt alles nog? Pas aan wat veranderd is.",
        "en": "You fill in these facts once for the whole network; participants are not asked them. "
        "Is everything still right? Change what has changed.",
    },
    "network.round_created": {
        "nl": "Meting ‘{label}’ is gestart. Maak nu de uitnodigingslinks.",
        "en": "Round ‘{label}’ has started. Now create the invitation links.",
    },
    "network.profile": {"nl": "Kenmerken van het netwerk", "en": "Network profile"},
    "network.profile_empty": {"nl": "Nog geen kenmerken ingevuld.", "en": "No facts filled in yet."},
    "network.edit_profile": {"nl": "Naam en kenmerken wijzigen", "en": "Change name and profile"},
    "network.save_profile": {"nl": "Opslaan", "en": "Save"},
    "network.saved": {"nl": "De wijzigingen zijn opgeslagen.", "en": "The changes have been saved."},
    "network.delete": {"nl": "Netwerk verwijderen", "en": "Delete network"},
    "network.delete_warning": {
        "nl": "Hiermee verdwijnen {what} van dit netwerk, met alle uitkomsten. Dit kan niet ongedaan "
        "worden gemaakt.",
        "en": "This removes {what} of this network, with all results. It cannot be undone.",
    },
    "network.delete_confirm": {
        "nl": "Ja, verwijder {name} definitief",
        "en": "Yes, delete {name} permanently",
    },
    "network.delete_button": {"nl": "Definitief verwijderen", "en": "Delete permanently"},
    "network.deleted": {
        "nl": "Netwerk ‘{name}’ is verwijderd. Een volledige kopie staat als ‘{file}’ in de map ‘exports’ van "
        "de gegevensmap; via Gegevens → "
        "Importeren zet je alles terug.",
        "en": "Network ‘{name}’ has been deleted. A full copy is kept as ‘{file}’ in the data folder's "
        "‘exports’ folder; Data → Import brings "
        "everything back.",
    },
    "delete.rounds.one": {"nl": "{count} meting", "en": "{count} round"},
    "delete.rounds.other": {"nl": "{count} metingen", "en": "{count} rounds"},
    "delete.responses.one": {"nl": "{count} antwoordset", "en": "{count} response"},
    "delete.responses.other": {"nl": "{count} antwoordsets", "en": "{count} responses"},
    "delete.agreements.one": {"nl": "{count} afspraak", "en": "{count} agreement"},
    "delete.agreements.other": {"nl": "{count} afspraken", "en": "{count} agreements"},
    "delete.what": {
        "nl": "{rounds}, {responses} en {agreements}",
        "en": "{rounds}, {responses} and {agreements}",
    },
    "delete.kept": {
        "nl": "Voordat er iets verdwijnt, bewaren we een volledige kopie van het netwerk (met de "
        "afspraken) in de map ‘exports’ van de gegevensmap. Wil je zelf ook een kopie, download die "
        "dan eerst.",
        "en": "Before anything goes, a full copy of the network (agreements included) is kept in the "
        "‘exports’ folder of the data folder. If you want a copy yourself, download it first.",
    },
    "delete.download": {"nl": "Eerst een kopie downloaden", "en": "Download a copy first"},
    "round.delete": {"nl": "Een meting verwijderen", "en": "Delete a round"},
    "round.delete_choose": {"nl": "Welke meting?", "en": "Which round?"},
    "round.delete_warning": {
        "nl": "Hiermee verdwijnen {what}, met de uitkomsten van deze meting. Latere metingen houden "
        "hun opgeslagen uitkomsten; bij een nieuwe analyse vergelijken ze met de meting daarvoor. "
        "Dit kan niet ongedaan worden gemaakt.",
        "en": "This removes {what}, with this round's results. Later rounds keep their stored "
        "results; a new analysis compares them with the round before. It cannot be undone.",
    },
    "round.delete_confirm": {
        "nl": "Ja, verwijder de meting {label} definitief",
        "en": "Yes, delete the round {label} permanently",
    },
    "round.deleted": {
        "nl": "Meting ‘{label}’ is verwijderd. Een volledige kopie van het netwerk staat als ‘{file}’ in de map "
        "‘exports’ van de gegevensmap.",
        "en": "Round ‘{label}’ has been deleted. A full copy of the network is kept as ‘{file}’ in the data "
        "folder's ‘exports’ folder.",
    },
    # --- profile facts ------------------------------------------------------------------------
    "profile.unknown": {"nl": "Onbekend", "en": "Unknown"},
    "profile.choose": {"nl": "Kies wat van toepassing is", "en": "Choose what applies"},
    "profile.fact.sector": {"nl": "Sector", "en": "Sector"},
    "profile.fact.size": {"nl": "Aantal organisaties", "en": "Number of organisations"},
    "profile.fact.age_years": {"nl": "Bestaat sinds (jaren)", "en": "Age (years)"},
    "profile.fact.origin": {"nl": "Ontstaan", "en": "Origin"},
    "profile.fact.has_board": {"nl": "Eigen bestuur", "en": "Own board"},
    "profile.fact.support": {"nl": "Ondersteuning", "en": "Support"},
    "profile.fact.member_kinds": {"nl": "Soorten partners", "en": "Kinds of partner"},
    "profile.size_value": {"nl": "{n} organisaties", "en": "{n} organisations"},
    "profile.age_value": {"nl": "bestaat {n} jaar", "en": "{n} years old"},
    # --- the network's region (diagnose/regions.py) (p15)
    "profile.region": {"nl": "Regio", "en": "Region"},
    "profile.region_help": {
        "nl": "De provincie waarin het netwerk werkt, of landelijk. Alleen voor je eigen overzicht van netwerken.",
        "en": "The province the network works in, or nationwide. Only for your own overview of networks.",
    },
    "profile.fact.overlap": {"nl": "Overlap met andere netwerken", "en": "Overlap with other networks"},
    # --- round and invitations ----------------------------------------------------------------
    "round.choose": {
        "nl": "Kies eerst een netwerk en een meting, in de zijbalk of in het overzicht.",
        "en": "First choose a network and a round, in the sidebar or in the overview.",
    },
    "round.status_open": {"nl": "Open", "en": "Open"},
    "round.status_closed": {"nl": "Afgesloten", "en": "Closed"},
    "round.invited": {"nl": "Uitgenodigd", "en": "Invited"},
    "round.invited_help": {
        "nl": "Persoonlijke links die niet zijn ingetrokken.",
        "en": "Personal links that have not been revoked.",
    },
    "round.started": {"nl": "Begonnen", "en": "Started"},
    "round.started_help": {
        "nl": "Deelnemers die minstens één vraag hebben beantwoord.",
        "en": "Members who answered at least one question.",
    },
    "round.submitted": {"nl": "Ingestuurd", "en": "Submitted"},
    "round.submitted_help": {
        "nl": "Ingestuurde vragenlijsten; alleen die tellen mee in de uitkomsten.",
        "en": "Submitted questionnaires; only these count in the results.",
    },
    "round.minimum": {"nl": "Minimum voor uitkomsten", "en": "Minimum for results"},
    "round.minimum_help": {
        "nl": "Uitkomsten verschijnen pas vanaf dit aantal ingestuurde vragenlijsten, zodat niemand "
        "herkenbaar is.",
        "en": "Results only appear from this number of submitted questionnaires, so nobody can be "
        "identified.",
    },
    "round.response_rate": {"nl": "Respons: {percent}%", "en": "Response rate: {percent}%"},
    # --- anonymity and threshold of a round (m13a) -----------------------------------------------
    "round.privacy_title": {"nl": "Anonimiteit en responsdrempel", "en": "Anonymity and response threshold"},
    "round.identity": {"nl": "Deze meting is", "en": "This round is"},
    "round.identity_anonymous": {"nl": "Anoniem", "en": "Anonymous"},
    "round.identity_named": {"nl": "Op naam", "en": "Named"},
    "round.identity_anonymous_help": {
        "nl": "Niemand ziet wat een deelnemer heeft geantwoord, ook jij niet. Je ziet alleen per link of "
        "die is gebruikt, zodat je gericht kunt herinneren. Dit staat ook op de welkomstpagina.",
        "en": "Nobody sees what a member answered, you included. You only see per link whether it was "
        "used, so you can send reminders. The welcome page says so too.",
    },
    "round.identity_named_help": {
        "nl": "Je ziet per link wie heeft meegedaan en met welke rol. Antwoorden blijven alleen "
        "gecombineerd zichtbaar en gaan nooit met namen in een export. De welkomstpagina vertelt "
        "deelnemers dit vóór de eerste vraag. Een meting die al antwoorden heeft, kan niet meer "
        "‘op naam’ worden.",
        "en": "You see per link who took part and with which role. Answers stay visible only combined "
        "and never leave in an export with names. The welcome page tells members this before the "
        "first question. A round that already has answers can no longer become named.",
    },
    "round.threshold": {"nl": "Responsdrempel (%)", "en": "Response-rate threshold (%)"},
    "round.threshold_help": {
        "nl": "Uitkomsten blijven gesloten tot dit percentage van de uitgedeelde persoonlijke links is "
        "ingestuurd, naast het minimum aantal respondenten. 0 betekent: geen drempel.",
        "en": "Results stay closed until this share of the personal links handed out has been "
        "submitted, next to the minimum number of respondents. 0 means: no threshold.",
    },
    "round.threshold_no_links": {
        "nl": "Er zijn nog geen persoonlijke links: de drempel telt pas mee als er links zijn uitgedeeld.",
        "en": "There are no personal links yet: the threshold only counts once links have been handed out.",
    },
    "round.threshold_not_met": {
        "nl": "De uitkomsten zijn nog gesloten: de respons ligt onder de drempel van {minimum}%.",
        "en": "The results are still closed: the response rate is below the threshold of {minimum}%.",
    },
    "round.named_table": {
        "nl": "Deze meting is op naam: je ziet per link de rol die de deelnemer koos. Antwoorden zie je "
        "alleen gecombineerd.",
        "en": "This round is named: you see per link the role the member chose. You see answers only "
        "combined.",
    },
    "round.col_role": {"nl": "Rol", "en": "Role"},
    "round.group_answer": {"nl": "Groepsantwoord invullen", "en": "Fill in a group answer"},
    "round.group_answer_help": {
        "nl": "Vul tijdens een bijeenkomst of intake samen één antwoord in namens de groep.",
        "en": "Fill in one answer together on behalf of the group, during a meeting or intake.",
    },
    "round.close": {"nl": "Meting afsluiten", "en": "Close round"},
    "round.close_help": {
        "nl": "Daarna kan niemand meer antwoorden; je kunt de meting later heropenen.",
        "en": "After this nobody can answer any more; you can reopen the round later.",
    },
    "round.closed_done": {"nl": "De meting is afgesloten.", "en": "The round has been closed."},
    "round.reopen": {"nl": "Meting heropenen", "en": "Reopen round"},
    "round.reopened_done": {"nl": "De meting is weer open.", "en": "The round is open again."},
    "round.links_title": {"nl": "Deelnemers uitnodigen", "en": "Invite members"},
    "round.closed_no_links": {
        "nl": "Deze meting is afgesloten. Heropen de meting om nieuwe links te maken.",
        "en": "This round is closed. Reopen it to create new links.",
    },
    "round.links_intro": {
        "nl": "Geef iedere deelnemer een eigen link: dan kan iemand stoppen en later verdergaan, ook op "
        "een ander apparaat. Een gedeelde link is handig voor een grote groep, maar werkt per browser.",
        "en": "Give every member a link of their own: then people can stop and continue later, even on "
        "another device. A shared link is handy for a large group, but works per browser.",
    },
    "round.tab_personal": {"nl": "Persoonlijke links", "en": "Personal links"},
    "round.tab_shared": {"nl": "Eén gedeelde link", "en": "One shared link"},
    "round.labels": {
        "nl": "Voor wie (één per regel, niet verplicht)",
        "en": "For whom (one per line, optional)",
    },
    "round.labels_help": {
        "nl": "Bijvoorbeeld een naam of organisatie, zodat je weet welke link je naar wie stuurt. Alleen "
        "jij ziet dit; de antwoorden blijven anoniem voor de andere deelnemers. Vul je niets in, dan "
        "bepaalt het aantal hieronder hoeveel links er komen.",
        "en": "For example a name or organisation, so you know which link goes to whom. Only you see "
        "this; the answers stay anonymous to the other members. If you leave this empty, the number "
        "below decides how many links are made.",
    },
    "round.labels_placeholder": {
        "nl": "Bestuurder Stichting Primair\nSchoolleider De Regenboog\n…",
        "en": "Board member Primary Foundation\nHead of De Regenboog school\n…",
    },
    "round.count": {"nl": "Aantal links", "en": "Number of links"},
    "round.count_help": {
        "nl": "Alleen gebruikt als je hierboven geen namen invult.",
        "en": "Only used when you enter no names above.",
    },
    "round.expires": {"nl": "Geldig tot en met (niet verplicht)", "en": "Valid until (optional)"},
    "round.expires_help": {
        "nl": "Na deze datum werken de links niet meer. Laat leeg om ze geldig te houden tot je de meting "
        "afsluit.",
        "en": "After this date the links stop working. Leave empty to keep them valid until you close "
        "the round.",
    },
    "round.make_links": {"nl": "Links maken", "en": "Create links"},
    "round.shared_intro": {
        "nl": "Eén link voor iedereen, bijvoorbeeld in een nieuwsbrief of op een dia tijdens een "
        "bijeenkomst. Ieder die de link opent, krijgt een eigen vragenlijst.",
        "en": "One link for everyone, for example in a newsletter or on a slide during a meeting. Everyone "
        "who opens it gets a questionnaire of their own.",
    },
    "round.make_shared": {"nl": "Gedeelde link maken", "en": "Create a shared link"},
    "round.shared_label": {"nl": "Gedeelde link", "en": "Shared link"},
    "round.link_number": {"nl": "Link {number}", "en": "Link {number}"},
    "round.new_links_title.one": {"nl": "1 nieuwe link", "en": "1 new link"},
    "round.new_links_title.other": {"nl": "{count} nieuwe links", "en": "{count} new links"},
    "round.new_links_once": {
        "nl": "Kopieer of download de links nu. Om de deelnemers te beschermen bewaren we de links zelf "
        "niet: later kunnen we ze niet opnieuw tonen.",
        "en": "Copy or download the links now. To protect the members we do not keep the links themselves: "
        "we cannot show them again later.",
    },
    "round.download_links": {"nl": "Links downloaden (CSV)", "en": "Download links (CSV)"},
    "round.col_label": {"nl": "Voor", "en": "For"},
    "round.col_link": {"nl": "Link", "en": "Link"},
    "round.col_kind": {"nl": "Soort", "en": "Kind"},
    "round.col_state": {"nl": "Status", "en": "Status"},
    "round.col_responses": {"nl": "Vragenlijsten", "en": "Questionnaires"},
    "round.col_created": {"nl": "Gemaakt op", "en": "Created on"},
    "round.kind_personal": {"nl": "persoonlijk", "en": "personal"},
    "round.kind_shared": {"nl": "gedeeld", "en": "shared"},
    "round.state_active": {"nl": "actief", "en": "active"},
    "round.state_revoked": {"nl": "ingetrokken", "en": "revoked"},
    "round.state_expired": {"nl": "verlopen", "en": "expired"},
    "round.existing_title": {"nl": "Gemaakte links", "en": "Links made"},
    "round.no_links": {"nl": "Nog geen links gemaakt.", "en": "No links created yet."},
    "round.revoke_pick": {"nl": "Links intrekken", "en": "Revoke links"},
    "round.revoke_placeholder": {"nl": "Kies een of meer links", "en": "Choose one or more links"},
    "round.revoke_help": {
        "nl": "Een ingetrokken link werkt niet meer. Al ingestuurde antwoorden blijven meetellen.",
        "en": "A revoked link stops working. Answers already submitted still count.",
    },
    "round.revoke": {"nl": "Intrekken", "en": "Revoke"},
    "round.revoked_done.one": {"nl": "1 link ingetrokken.", "en": "1 link revoked."},
    "round.revoked_done.other": {"nl": "{count} links ingetrokken.", "en": "{count} links revoked."},
    # --- participants and e-mail (m13s) --------------------------------------------------------
    "nav.participants": {"nl": "Deelnemers en e-mail", "en": "Participants and e-mail"},
    "participants.choose": {
        "nl": "Kies eerst een netwerk en een meting in het overzicht.",
        "en": "First choose a network and a round in the overview.",
    },
    "participants.title": {"nl": "Deelnemers van {round}", "en": "Participants of {round}"},
    "participants.row": {"nl": "regel {line}", "en": "row {line}"},
    "participants.intro": {
        "nl": "Voeg de deelnemers van deze meting toe. Iedereen krijgt een eigen link per e-mail; "
        "hier zie je wie al heeft ingediend, nooit wat iemand heeft geantwoord.",
        "en": "Add the participants of this round. Everyone gets their own link by e-mail; here you "
        "see who has submitted, never what anyone answered.",
    },
    "participants.mail_on": {
        "nl": "E-mail gaat via {server}, afzender {sender}.",
        "en": "E-mail goes through {server}, sender {sender}.",
    },
    "participants.mail_off": {
        "nl": "E-mail is niet ingesteld op deze server. Je kunt de deelnemers toevoegen en hun "
        "persoonlijke links hieronder kopiëren en zelf versturen. Wie e-mail wil laten versturen, "
        "stelt NETSCAN_SMTP_URL en NETSCAN_MAIL_FROM in (zie de handleiding over e-mail).",
        "en": "E-mail is not configured on this server. You can add the participants and copy their "
        "personal links below to send them yourself. To have the app send mail, set NETSCAN_SMTP_URL "
        "and NETSCAN_MAIL_FROM (see the guide on e-mail).",
    },
    "participants.mail_problem": {
        "nl": "De e-mailinstelling klopt niet, dus er wordt niets verstuurd: {detail}",
        "en": "The e-mail setting is wrong, so nothing is sent: {detail}",
    },
    "participants.mail_stopped": {
        "nl": "De mailserver weigerde de laatste verzending: {reply}. De mails blijven in de "
        "wachtrij en gaan alsnog zodra de server ze aanneemt.",
        "en": "The mail server refused the last batch: {reply}. The mails stay queued and go as "
        "soon as the server accepts them.",
    },
    "participants.count": {"nl": "Deelnemers", "en": "Participants"},
    "participants.invited": {"nl": "Uitgenodigd", "en": "Invited"},
    "participants.invited_help": {
        "nl": "Deelnemers die de uitnodiging hebben ontvangen of hun link al hebben geopend; "
        "onbestelbare adressen tellen niet mee.",
        "en": "Participants who received the invitation or already opened their link; bounced "
        "addresses do not count.",
    },
    "participants.submitted": {"nl": "Ingediend", "en": "Submitted"},
    "participants.waiting": {"nl": "Mails onderweg", "en": "Mails on their way"},
    "participants.waiting_help": {
        "nl": "In de wachtrij of bezig; ververs de pagina om de stand te zien.",
        "en": "Queued or being sent; refresh the page to see how it stands.",
    },
    "participants.rate": {
        "nl": "Respons: {submitted} van {invited} uitgenodigden ({percent}%)",
        "en": "Response: {submitted} of {invited} invited ({percent}%)",
    },
    "participants.rate_none": {
        "nl": "Nog niemand uitgenodigd.",
        "en": "Nobody invited yet.",
    },
    "participants.list_title": {"nl": "Deelnemers", "en": "Participants"},
    "participants.none": {
        "nl": "Nog geen deelnemers. Voeg ze hieronder toe.",
        "en": "No participants yet. Add them below.",
    },
    "participants.col_name": {"nl": "Naam", "en": "Name"},
    "participants.col_email": {"nl": "E-mail", "en": "E-mail"},
    "participants.col_role": {"nl": "Rol", "en": "Role"},
    "participants.col_status": {"nl": "Status", "en": "Status"},
    "participants.col_last_mail": {"nl": "Laatste mail", "en": "Last mail"},
    "participants.col_reminders": {"nl": "Herinneringen", "en": "Reminders"},
    "participants.col_reply": {"nl": "Melding van de mailserver", "en": "Mail server's reply"},
    "participants.col_link": {"nl": "Persoonlijke link", "en": "Personal link"},
    "participants.status_not_sent": {"nl": "nog niet verstuurd", "en": "not sent yet"},
    "participants.status_sent": {"nl": "uitnodiging verstuurd", "en": "invitation sent"},
    "participants.status_opened": {"nl": "link geopend", "en": "opened the link"},
    "participants.status_started": {"nl": "begonnen", "en": "started"},
    "participants.status_submitted": {"nl": "ingediend", "en": "submitted"},
    "participants.status_bounced": {"nl": "onbestelbaar", "en": "bounced"},
    "participants.add_title": {"nl": "Deelnemers toevoegen", "en": "Add participants"},
    "participants.tab_paste": {"nl": "Plakken", "en": "Paste"},
    "participants.tab_file": {"nl": "Bestand", "en": "File"},
    "participants.tab_type": {"nl": "Intypen", "en": "Type"},
    "participants.paste": {"nl": "Plak de lijst", "en": "Paste the list"},
    "participants.paste_help": {
        "nl": "Eén deelnemer per regel: naam, e-mailadres en eventueel rol, gescheiden door een "
        "komma, puntkomma of tab (zo komt het uit Excel).",
        "en": "One participant per line: name, e-mail address and optionally role, separated by a "
        "comma, semicolon or tab (as it comes out of Excel).",
    },
    "participants.paste_placeholder": {
        "nl": "Jan Jansen; jan.jansen@school.nl; schoolleider",
        "en": "Jan Jansen; jan.jansen@school.nl; school leader",
    },
    "participants.file": {"nl": "CSV- of Excel-bestand", "en": "CSV or Excel file"},
    "participants.file_help": {
        "nl": "Met de kolommen naam, e-mail en eventueel rol en taal (nl of en) in de eerste regel.",
        "en": "With the columns naam (name), e-mail and optionally rol (role) and taal (language: "
        "nl or en) in the first row.",
    },
    "participants.name": {"nl": "Naam", "en": "Name"},
    "participants.email": {"nl": "E-mailadres", "en": "E-mail address"},
    "participants.role": {"nl": "Rol (mag leeg)", "en": "Role (may be empty)"},
    "participants.language": {"nl": "Taal van de mail", "en": "Language of the mail"},
    "participants.add": {"nl": "Toevoegen", "en": "Add"},
    "participants.added.one": {"nl": "1 deelnemer toegevoegd.", "en": "1 participant added."},
    "participants.added.other": {
        "nl": "{count} deelnemers toegevoegd.",
        "en": "{count} participants added.",
    },
    "participants.problems": {
        "nl": "Er is niemand toegevoegd. Verbeter deze regels en probeer het opnieuw:",
        "en": "Nobody was added. Correct these rows and try again:",
    },
    "participants.remove_pick": {"nl": "Deelnemers verwijderen", "en": "Remove participants"},
    "participants.remove_help": {
        "nl": "Hun link werkt daarna niet meer. Wat ze al hebben ingevuld blijft (anoniem) bewaard.",
        "en": "Their link stops working. What they already answered is kept (anonymously).",
    },
    "participants.remove_placeholder": {"nl": "Kies deelnemers", "en": "Choose participants"},
    "participants.remove": {"nl": "Verwijderen", "en": "Remove"},
    "participants.removed.one": {"nl": "1 deelnemer verwijderd.", "en": "1 participant removed."},
    "participants.removed.other": {
        "nl": "{count} deelnemers verwijderd.",
        "en": "{count} participants removed.",
    },
    "participants.message_title": {"nl": "Het bericht", "en": "The message"},
    "participants.deadline": {"nl": "Uiterste invuldatum", "en": "Deadline"},
    "participants.deadline_help": {
        "nl": "Staat in de uitnodiging en de herinnering, en op de welkomstpagina van de vragenlijst.",
        "en": "Shown in the invitation and the reminder, and on the questionnaire's welcome page.",
    },
    "participants.sender_name": {"nl": "Afzender (naam onder de mail)", "en": "Sender (name under the mail)"},
    "participants.reply_to": {"nl": "Antwoorden naar (e-mailadres)", "en": "Replies to (e-mail address)"},
    "participants.reply_to_help": {
        "nl": "Het adres waar een antwoord op de mail heen gaat, bijvoorbeeld dat van de coördinator.",
        "en": "Where a reply to the mail goes, for instance the coordinator's address.",
    },
    "participants.reminder_days": {"nl": "Dagen tussen herinneringen", "en": "Days between reminders"},
    "participants.reminder_days_help": {
        "nl": "Een deelnemer krijgt nooit vaker dan eens per zoveel dagen een mail.",
        "en": "A participant never gets a mail more often than once per this many days.",
    },
    "participants.kind": {"nl": "Bericht", "en": "Message"},
    "participants.kind_invitation": {"nl": "Uitnodiging", "en": "Invitation"},
    "participants.kind_reminder": {"nl": "Herinnering", "en": "Reminder"},
    "participants.template_lang": {"nl": "Taal", "en": "Language"},
    "participants.subject": {"nl": "Onderwerp", "en": "Subject"},
    "participants.body": {"nl": "Tekst", "en": "Text"},
    "participants.body_help": {
        "nl": "Invulvelden: {fields}. De link is verplicht.",
        "en": "Placeholders: {fields}. The link is required.",
    },
    "participants.save": {"nl": "Opslaan", "en": "Save"},
    "participants.saved": {"nl": "Opgeslagen.", "en": "Saved."},
    "participants.preview": {"nl": "Voorbeeld", "en": "Preview"},
    "participants.preview_for": {
        "nl": "Zo ziet {name} het bericht:",
        "en": "This is how {name} sees the message:",
    },
    "participants.send_title": {"nl": "Versturen", "en": "Send"},
    "participants.send": {"nl": "Uitnodigingen versturen", "en": "Send invitations"},
    "participants.send_help": {
        "nl": "Naar iedereen die nog geen uitnodiging kreeg; nog een keer klikken stuurt niemand iets dubbel.",
        "en": "To everyone who has had no invitation yet; clicking again sends nobody anything twice.",
    },
    "participants.remind": {"nl": "Herinnering sturen", "en": "Send a reminder"},
    "participants.remind_help": {
        "nl": "Alleen aan wie nog niet heeft ingediend, en niet aan wie in de laatste {days} dagen al "
        "een mail kreeg.",
        "en": "Only to those who have not submitted, and not to anyone mailed in the last {days} days.",
    },
    "participants.queued.one": {
        "nl": "1 mail staat klaar en wordt nu verstuurd.",
        "en": "1 mail is queued and is being sent now.",
    },
    "participants.queued.other": {
        "nl": "{count} mails staan klaar en worden nu verstuurd.",
        "en": "{count} mails are queued and are being sent now.",
    },
    "participants.nobody": {
        "nl": "Er is niemand om te mailen: iedereen heeft al een mail gehad of heeft ingediend.",
        "en": "Nobody to mail: everyone has had a mail or has submitted.",
    },
    "participants.refresh": {"nl": "Stand bijwerken", "en": "Refresh"},
    "participants.links_title": {"nl": "Links om te kopiëren", "en": "Links to copy"},
    "participants.links_download": {"nl": "Links downloaden (CSV)", "en": "Download the links (CSV)"},
    "form.welcome_deadline": {
        "nl": "Vul de vragenlijst graag in vóór **{date}**.",
        "en": "Please answer the questionnaire before **{date}**.",
    },
    "participants.closed": {
        "nl": "Deze meting is gesloten: er gaan geen uitnodigingen of herinneringen meer uit.",
        "en": "This round is closed: no more invitations or reminders go out.",
    },
    # --- group answer -------------------------------------------------------------------------
    "group.title": {"nl": "Groepsantwoord · {round}", "en": "Group answer · {round}"},
    "group.closed": {
        "nl": "Deze meting is afgesloten; heropen haar om een groepsantwoord in te vullen.",
        "en": "This round is closed; reopen it to fill in a group answer.",
    },
    "group.intro": {
        "nl": "Vul tijdens de bijeenkomst samen één vragenlijst in, namens de hele groep. Bespreek bij elke "
        "stelling kort hoe de groep het ziet en kies het antwoord dat het gesprek het best weergeeft. "
        "Elk antwoord wordt meteen bewaard. Een meting met alleen een groepsantwoord toont de "
        "uitkomsten direct: het is één antwoord van de groep, niet van één persoon.",
        "en": "During the meeting, fill in one questionnaire together on behalf of the whole group. For "
        "each statement, briefly discuss how the group sees it and choose the answer that best "
        "reflects the conversation. Every answer is saved at once. A round with only a group answer "
        "shows its results straight away: it is one answer of the group, not of one person.",
    },
    "group.label": {"nl": "Naam van dit groepsantwoord", "en": "Name of this group answer"},
    "group.default_label": {"nl": "Groepsantwoord {date}", "en": "Group answer {date}"},
    "group.start": {"nl": "Groepsantwoord starten", "en": "Start the group answer"},
    "group.banner": {
        "nl": "Je vult een groepsantwoord in. Elk antwoord wordt direct bewaard.",
        "en": "You are filling in a group answer. Every answer is saved immediately.",
    },
    "group.submitted": {
        "nl": "Het groepsantwoord is ingestuurd. Hier zijn de uitkomsten.",
        "en": "The group answer has been submitted. Here are the results.",
    },
    # --- questionnaire form -------------------------------------------------------------------
    "form.optional": {"nl": "niet verplicht", "en": "optional"},
    # --- accessibility of the form (a17) ---
    "form.required": {"nl": "verplicht", "en": "required"},
    "form.number_placeholder": {"nl": "Vul een getal in", "en": "Enter a number"},
    "form.text_placeholder": {"nl": "Typ hier je antwoord", "en": "Type your answer here"},
    "form.missing_item": {
        "nl": "Deze vraag is nog niet beantwoord.",
        "en": "This question has not been answered yet.",
    },
    "form.step": {"nl": "Deel {page} van {pages}", "en": "Part {page} of {pages}"},
    "form.step_check": {"nl": "Controleren en insturen", "en": "Check and submit"},
    "form.step_welcome": {"nl": "Welkom", "en": "Welcome"},
    "form.answered": {
        "nl": "{answered} van {total} vragen beantwoord",
        "en": "{answered} of {total} questions answered",
    },
    "form.saved": {"nl": "✓ Antwoord bewaard om {time}", "en": "✓ Answer saved at {time}"},
    "form.saved_help": {
        "nl": "Elk antwoord wordt direct bewaard. Je kunt stoppen en later met dezelfde link verdergaan.",
        "en": "Every answer is saved at once. You can stop and continue later with the same link.",
    },
    "form.not_saved.one": {
        "nl": "Je antwoord is nog niet bewaard; we proberen het opnieuw. Je kunt gewoon verdergaan: "
        "het staat nog op deze pagina. Sluit dit venster pas als deze melding weg is.",
        "en": "Your answer has not been saved yet; we are trying again. You can carry on: it is still "
        "on this page. Close this window only once this message has gone.",
    },
    "form.not_saved.other": {
        "nl": "{count} antwoorden zijn nog niet bewaard; we proberen het opnieuw. Je kunt gewoon "
        "verdergaan: ze staan nog op deze pagina. Sluit dit venster pas als deze melding weg is.",
        "en": "{count} answers have not been saved yet; we are trying again. You can carry on: they "
        "are still on this page. Close this window only once this message has gone.",
    },
    "form.submit_not_saved": {
        "nl": "Je antwoorden zijn bewaard, maar nog niet ingeleverd: de database is even bezet. "
        "Probeer het over een halve minuut opnieuw.",
        "en": "Your answers are saved but not yet handed in: the database is busy for a moment. "
        "Try again in half a minute.",
    },
    "form.text_limit": {
        "nl": "Maximaal {limit} tekens.",
        "en": "At most {limit} characters.",
    },
    "form.text_cut": {
        "nl": "Je tekst was langer dan {limit} tekens. We hebben de eerste {limit} tekens bewaard; "
        "kort hem gerust zelf in als het einde belangrijk is.",
        "en": "Your text was longer than {limit} characters. We saved the first {limit}; feel free to "
        "shorten it yourself if the end matters.",
    },
    "form.autosave": {
        "nl": "Elk antwoord wordt direct bewaard; je kunt altijd stoppen en later verdergaan.",
        "en": "Every answer is saved at once; you can always stop and continue later.",
    },
    "form.group_intro": {
        "nl": "Groepsantwoord: geef bij elke vraag het beeld van de groep.",
        "en": "Group answer: for each question, give the group's view.",
    },
    "form.welcome_network": {
        "nl": "Je bent uitgenodigd voor de scan van **{network}**.",
        "en": "You have been invited to the scan of **{network}**.",
    },
    # --- anonymous or named, on the welcome page (m13a) -------------------------------------------
    "form.privacy_anonymous": {
        "nl": "**Deze meting is anoniem.** Niemand kan zien wat jij hebt geantwoord, ook de coördinator "
        "niet. Uitkomsten worden alleen gecombineerd getoond, en pas als minstens {n} mensen de "
        "vragenlijst hebben ingestuurd. Heb je een persoonlijke link gekregen, dan ziet de coördinator "
        "alleen óf je de vragenlijst hebt ingestuurd, zodat je geen onnodige herinnering krijgt.",
        "en": "**This round is anonymous.** Nobody can see what you answered, the coordinator included. "
        "Results are only shown combined, and only once at least {n} people have submitted the "
        "questionnaire. If you received a personal link, the coordinator only sees whether you have "
        "submitted, so you get no needless reminder.",
    },
    "form.privacy_named": {
        "nl": "**Deze meting is op naam.** De coördinator ziet dat jij meedoet en welke rol je kiest. "
        "Wat je antwoordt, wordt alleen samen met de antwoorden van anderen getoond, pas vanaf {n} "
        "deelnemers, en komt nooit met je naam in een overzicht, rapport of export.",
        "en": "**This round is named.** The coordinator sees that you take part and which role you "
        "choose. What you answer is only shown together with the answers of others, from {n} "
        "members, and never appears with your name in an overview, report or export.",
    },
    "form.welcome_how": {
        "nl": "**Zo werkt het.** De vragenlijst bestaat uit korte delen. Je antwoorden worden direct "
        "bewaard: je kunt stoppen wanneer je wilt en later met dezelfde link verdergaan, ook op een "
        "ander apparaat. Aan het eind controleer je of alles is ingevuld en stuur je de vragenlijst in.",
        "en": "**How it works.** The questionnaire has short parts. Your answers are saved at once: you "
        "can stop whenever you like and continue later with the same link, even on another device. "
        "At the end you check that everything is filled in and submit the questionnaire.",
    },
    "form.start": {"nl": "Beginnen", "en": "Start"},
    "form.resume": {"nl": "Verdergaan waar je was", "en": "Continue where you left off"},
    "form.previous": {"nl": "Vorige", "en": "Previous"},
    "form.next": {"nl": "Volgende", "en": "Next"},
    "form.to_check": {"nl": "Naar controleren", "en": "To the check"},
    "form.skip": {"nl": "Toch verder", "en": "Continue anyway"},
    "form.missing_page.one": {
        "nl": "Op deze pagina staat nog 1 onbeantwoorde vraag (gemarkeerd). Je kunt die nu invullen, of toch "
        "verdergaan en later terugkomen.",
        "en": "This page still has 1 unanswered question (marked). You can answer it now, or continue anyway "
        "and come back later.",
    },
    "form.missing_page.other": {
        "nl": "Op deze pagina staan nog {count} onbeantwoorde vragen (gemarkeerd). Je kunt ze nu invullen, of "
        "toch verdergaan en later terugkomen.",
        "en": "This page still has {count} unanswered questions (marked). You can answer them now, or continue "
        "anyway and come back later.",
    },
    "form.check_title": {"nl": "Controleren en insturen", "en": "Check and submit"},
    "form.check_complete": {
        "nl": "Alle verplichte vragen zijn beantwoord.",
        "en": "All required questions have been answered.",
    },
    "form.check_missing.one": {
        "nl": "Er staat nog 1 verplichte vraag open. Ga naar het deel en vul hem aan; daarna kun je insturen.",
        "en": "1 required question is still open. Go to the part and answer it; then you can submit.",
    },
    "form.check_missing.other": {
        "nl": "Er staan nog {count} verplichte vragen open. Ga naar het deel en vul ze aan; daarna kun je "
        "insturen.",
        "en": "{count} required questions are still open. Go to the part and answer them; then you can submit.",
    },
    "form.go_to_page": {"nl": "Naar dit deel", "en": "Go to this part"},
    "form.optional_left.one": {
        "nl": "Je hebt 1 vraag die niet verplicht is open gelaten. Dat is prima.",
        "en": "You left 1 optional question open. That is fine.",
    },
    "form.optional_left.other": {
        "nl": "Je hebt {count} vragen die niet verplicht zijn open gelaten. Dat is prima.",
        "en": "You left {count} optional questions open. That is fine.",
    },
    "form.submit_note": {
        "nl": "Na het insturen kun je je antwoorden niet meer wijzigen. Je antwoorden blijven anoniem "
        "voor de andere deelnemers.",
        "en": "After submitting you can no longer change your answers. Your answers stay anonymous to "
        "the other members.",
    },
    "form.group_submit_note": {
        "nl": "Na het insturen telt dit groepsantwoord mee in de uitkomsten en kan het niet meer worden "
        "gewijzigd.",
        "en": "After submitting, this group answer counts in the results and can no longer be changed.",
    },
    "form.submit": {"nl": "Insturen", "en": "Submit"},
    # --- respondent ---------------------------------------------------------------------------
    "respondent.unknown_title": {"nl": "Deze link werkt niet", "en": "This link does not work"},
    "respondent.unknown_body": {
        "nl": "We herkennen deze link niet. Controleer of je de hele link uit je uitnodiging hebt "
        "gebruikt, of vraag de netwerkcoördinator om een nieuwe.",
        "en": "We do not recognise this link. Check that you used the whole link from your invitation, "
        "or ask the network coordinator for a new one.",
    },
    "respondent.revoked_title": {
        "nl": "Deze uitnodiging is ingetrokken",
        "en": "This invitation has been withdrawn",
    },
    "respondent.revoked_body": {
        "nl": "De netwerkcoördinator heeft deze link ingetrokken. Denk je dat dit niet klopt? Neem dan "
        "contact op met de netwerkcoördinator; die kan je een nieuwe link sturen.",
        "en": "The network coordinator has withdrawn this link. If you think this is a mistake, contact "
        "the network coordinator, who can send you a new link.",
    },
    "respondent.expired_title": {"nl": "Deze link is verlopen", "en": "This link has expired"},
    "respondent.expired_body": {
        "nl": "De termijn om de vragenlijst in te vullen is voorbij. Wil je toch nog meedoen? Vraag de "
        "netwerkcoördinator om een nieuwe link.",
        "en": "The period for filling in the questionnaire is over. Still want to take part? Ask the "
        "network coordinator for a new link.",
    },
    "respondent.closed_title": {"nl": "De meting is afgesloten", "en": "The round has closed"},
    "respondent.closed_body": {
        "nl": "De scan van {network} ({round}) neemt geen antwoorden meer aan. Dank voor je belangstelling! "
        "De netwerkcoördinator bespreekt de uitkomsten met het netwerk.",
        "en": "The scan of {network} ({round}) no longer takes answers. Thank you for your interest! The "
        "network coordinator will discuss the results with the network.",
    },
    "respondent.thanks_title": {"nl": "Dank je wel!", "en": "Thank you!"},
    "respondent.thanks_body": {
        "nl": "Je antwoorden zijn ingestuurd. Ze tellen mee in het beeld dat het netwerk samen bespreekt.",
        "en": "Your answers have been submitted. They count in the picture the network discusses together.",
    },
    "respondent.thanks_no_results": {
        "nl": "De netwerkcoördinator deelt de uitkomsten tijdens een volgende bijeenkomst. Je kunt dit "
        "venster nu sluiten.",
        "en": "The network coordinator will share the results at a next meeting. You can close this "
        "window now.",
    },
    # --- the response-rate threshold on the thanks page (m13a) -----------------------------------
    "respondent.results_after_threshold": {
        "nl": "De uitkomsten verschijnen hier zodra genoeg van de uitgenodigde leden de scan hebben "
        "ingevuld. Kom later terug met dezelfde link.",
        "en": "The results appear here once enough of the invited members have filled in the scan. "
        "Come back later with the same link.",
    },
    "respondent.results_later": {
        "nl": "De uitkomsten verschijnen hier zodra minstens {n} mensen de scan hebben ingevuld. Kom later "
        "terug met dezelfde link.",
        "en": "The results appear here once at least {n} people have filled in the scan. Come back later "
        "with the same link.",
    },
    "respondent.results_title": {"nl": "De uitkomsten tot nu toe", "en": "The results so far"},
    "respondent.footer": {
        "nl": "{title} · Je antwoorden worden vertrouwelijk behandeld en alleen gecombineerd getoond.",
        "en": "{title} · Your answers are treated confidentially and only shown combined.",
    },
    # --- results ------------------------------------------------------------------------------
    "results.choose": {
        "nl": "Kies eerst een netwerk en een meting, in de zijbalk of in het overzicht.",
        "en": "First choose a network and a round, in the sidebar or in the overview.",
    },
    "results.title": {"nl": "Resultaten · {round}", "en": "Results · {round}"},
    "results.meta.one": {"nl": "1 ingevulde vragenlijst", "en": "1 completed questionnaire"},
    "results.meta.other": {"nl": "{count} ingevulde vragenlijsten", "en": "{count} completed questionnaires"},
    "results.none_yet": {
        "nl": "Er zijn nog geen ingestuurde vragenlijsten (begonnen: {started}). De uitkomsten verschijnen hier "
        "zodra er genoeg zijn.",
        "en": "No questionnaires have been submitted yet (started: {started}). The results appear here once "
        "there are enough.",
    },
    "results.below_minimum.one": {
        "nl": "Er is 1 vragenlijst ingestuurd. Om de anonimiteit van de deelnemers te beschermen tonen we "
        "uitkomsten pas vanaf {minimum}.",
        "en": "1 questionnaire has been submitted. To protect the members' anonymity, results are only shown "
        "from {minimum}.",
    },
    "results.below_minimum.other": {
        "nl": "Er zijn {count} vragenlijsten ingestuurd. Om de anonimiteit van de deelnemers te beschermen tonen "
        "we uitkomsten pas vanaf {minimum}.",
        "en": "{count} questionnaires have been submitted. To protect the members' anonymity, results are only "
        "shown from {minimum}.",
    },
    # --- the response-rate threshold on the results page (m13a) ----------------------------------
    "results.below_rate": {
        "nl": "Er zijn {count} van de {invited} uitgenodigden die hebben ingestuurd. Voor deze meting is "
        "een responsdrempel van {minimum}% ingesteld: de uitkomsten gaan open zodra die is gehaald.",
        "en": "{count} of the {invited} invited have submitted. A response-rate threshold of {minimum}% "
        "is set for this round: the results open once it is reached.",
    },
    "results.tab_summary": {"nl": "Samenvatting", "en": "Summary"},
    "results.tab_scores": {"nl": "Scores", "en": "Scores"},
    "results.tab_differences": {"nl": "Verschillen", "en": "Differences"},
    "results.tab_time": {"nl": "Door de tijd", "en": "Over time"},
    "results.tab_findings": {"nl": "Alle bevindingen", "en": "All findings"},
    "results.tab_open": {"nl": "Open antwoorden", "en": "Open answers"},
    "results.group_only": {
        "nl": "Deze meting bestaat uit één groepsantwoord. De uitkomsten geven het gezamenlijke beeld "
        "van de groep weer; verschillen tussen personen zijn daarom niet zichtbaar.",
        "en": "This round consists of one group answer. The results show the group's shared view; "
        "differences between people are therefore not visible.",
    },
    "results.top_findings": {
        "nl": "De drie belangrijkste bevindingen",
        "en": "The three most important findings",
    },
    "results.no_findings": {
        "nl": "Geen bevindingen boven de drempels: er springt niets uit dat nu aandacht vraagt.",
        "en": "No findings past the thresholds: nothing stands out that needs attention now.",
    },
    "results.strengths": {"nl": "Wat goed gaat", "en": "What goes well"},
    "results.why_top": {"nl": "Waarom bovenaan: {reason}", "en": "Why on top: {reason}"},
    "results.evidence": {"nl": "Ook over dit onderdeel", "en": "Also about this part"},
    "results.alike": {"nl": "Hetzelfde geldt voor", "en": "The same holds for"},
    "results.no_strengths": {
        "nl": "Geen onderdelen scoren als sterk punt (4,0 of hoger).",
        "en": "No part scores as a strength (4.0 or higher).",
    },
    "results.fit_heading": {"nl": "Netwerktype en leiderschap", "en": "Network type and leadership"},
    "results.fit_title": {
        "nl": "Past het netwerktype bij de opgave?",
        "en": "Does the network type fit the task?",
    },
    "results.fit_seen": {"nl": "Werkt nu als", "en": "Works now as"},
    "results.fit_needed": {"nl": "De opgave vraagt", "en": "The task demands"},
    "results.lead_title": {
        "nl": "Past de leiding bij het netwerk?",
        "en": "Does the leadership fit the network?",
    },
    "results.lead_seen": {"nl": "Leiding nu", "en": "Leadership now"},
    "results.lead_needed": {"nl": "Past volgens 4C-model", "en": "Fits (4C model)"},
    "results.fits": {"nl": "Dit past bij elkaar.", "en": "These fit together."},
    "results.fit_unknown": {
        "nl": "Niet te bepalen: de vragen hierover zijn (nog) niet of niet eensgezind beantwoord.",
        "en": "Cannot be determined: the questions on this were not (yet) answered, or not unanimously.",
    },
    "results.unknown": {"nl": "onbekend", "en": "unknown"},
    "results.type_learning": {"nl": "Lerend netwerk", "en": "Learning network"},
    "results.type_chain": {"nl": "Ketensamenwerking", "en": "Chain partnership"},
    "results.type_organisation": {"nl": "Organisatienetwerk", "en": "Organisation network"},
    "results.role_connecting": {"nl": "Verbinden", "en": "Connecting"},
    "results.role_consulting": {"nl": "Opbouwen", "en": "Consulting"},
    "results.role_catalysing": {"nl": "Aanjagen", "en": "Catalysing"},
    "results.role_coaching": {"nl": "Coachen", "en": "Coaching"},
    "results.role_central_open": {
        "nl": "Een centrale rol: verbinden of opbouwen",
        "en": "A central role: connecting or consulting",
    },
    "results.role_none": {"nl": "Geen duidelijke leiding", "en": "No clear leadership"},
    "results.scores_intro": {
        "nl": "Alle scores lopen van 1 tot 5; hoger is gezonder. Vanaf {strength} is een onderdeel een "
        "sterk punt, onder {concern} een zorgpunt, daartussen een aandachtspunt.",
        "en": "All scores run from 1 to 5; higher is healthier. From {strength} a part is a strength, "
        "below {concern} a concern, in between a point of attention.",
    },
    # --- benchmark (b15): netscan_app/benchmark_parts.py, on the scores tab
    "benchmark.title": {"nl": "Vergelijking met andere netwerken", "en": "Comparison with other networks"},
    "benchmark.explain": {
        "nl": "Doet dit netwerk mee aan de anonieme vergelijking, dan zie je hier per onderdeel waar het "
        "staat tussen de andere deelnemende netwerken: de mediaan, de middelste helft en hoeveel netwerken "
        "lager scoren. Mee doen deelt alleen de gemiddelden van de laatste meting, nooit namen, antwoorden "
        "of de omvang van het netwerk. Het staat standaard uit.",
        "en": "When this network takes part in the anonymous benchmark, you see here per construct where "
        "it stands among the other networks taking part: the median, the middle half and how many "
        "networks score lower. Taking part shares only the means of the latest round, never names, "
        "answers or the network's size. It is off by default.",
    },
    "benchmark.join": {"nl": "Laat dit netwerk meedoen", "en": "Let this network take part"},
    "benchmark.ask_admin": {
        "nl": "Een beheerder van de werkruimte kan dit netwerk laten meedoen.",
        "en": "An administrator of the workspace can let this network take part.",
    },
    "benchmark.too_few": {
        "nl": "Dit netwerk doet mee, maar er doen nog te weinig andere netwerken mee om te vergelijken "
        "zonder dat een netwerk herkenbaar wordt (minimaal {n}).",
        "en": "This network takes part, but too few other networks take part yet to compare without "
        "one of them becoming recognisable (at least {n}).",
    },
    "benchmark.leave": {"nl": "Stop met meedoen", "en": "Stop taking part"},
    "benchmark.leave_explain": {
        "nl": "Stoppen haalt dit netwerk meteen uit elke vergelijking. Bestanden die al eerder zijn "
        "geëxporteerd en gedeeld, blijven zoals ze zijn.",
        "en": "Stopping takes this network out of every benchmark at once. Files exported and shared "
        "earlier stay as they are.",
    },
    "benchmark.scope": {"nl": "Vergelijk met", "en": "Compare with"},
    "benchmark.scope_all": {"nl": "Alle netwerken", "en": "All networks"},
    "benchmark.scope_sector": {"nl": "Zelfde sector", "en": "Same sector"},
    "benchmark.scope_type": {"nl": "Zelfde netwerktype", "en": "Same network type"},
    "benchmark.scope_both": {"nl": "Zelfde sector en type", "en": "Same sector and type"},
    "benchmark.table": {"nl": "Vergelijking als tabel", "en": "Comparison as a table"},
    "benchmark.col_own": {"nl": "Dit netwerk", "en": "This network"},
    "benchmark.col_median": {"nl": "Mediaan", "en": "Median"},
    "benchmark.col_band": {"nl": "Middelste helft", "en": "Middle half"},
    "benchmark.col_position": {"nl": "Positie", "en": "Position"},
    "benchmark.privacy": {
        "nl": "Alleen gemiddelden van netwerken tellen mee, elk met zijn laatste meting met open "
        "uitkomsten; een onderdeel verschijnt pas bij minimaal {n} andere netwerken en geen getal is de "
        "score van één netwerk.",
        "en": "Only networks' means count, each with its latest round whose results are open; a "
        "construct appears only with at least {n} other networks, and no figure is one network's score.",
    },
    "results.table": {"nl": "Scores als tabel", "en": "Scores as a table"},
    "results.col_construct": {"nl": "Onderdeel", "en": "Construct"},
    "results.col_mean": {"nl": "Gemiddelde", "en": "Mean"},
    "results.col_spread": {"nl": "Spreiding (sd)", "en": "Spread (sd)"},
    "results.col_n": {"nl": "Aantal", "en": "Count"},
    "results.col_band": {"nl": "Beoordeling", "en": "Rating"},
    "results.position": {"nl": "positie (geen oordeel)", "en": "position (no judgement)"},
    "results.not_measured": {
        "nl": "Niet gemeten met deze vragenlijst: {names}.",
        "en": "Not measured by this questionnaire: {names}.",
    },
    "results.group_no_spread": {
        "nl": "Bij één groepsantwoord is er geen spreiding tussen personen te tonen.",
        "en": "With one group answer there is no spread between people to show.",
    },
    "results.disagreements": {
        "nl": "Hier zien deelnemers het netwerk verschillend ({count})",
        "en": "Where members see the network differently ({count})",
    },
    "results.no_disagreements": {
        "nl": "De deelnemers zien het netwerk op geen enkel onderdeel sterk verschillend.",
        "en": "The members do not see the network very differently on any part.",
    },
    "results.by_role": {"nl": "Per rol", "en": "By role"},
    "results.by_role_intro": {
        "nl": "Alleen rollen die door minstens {n} deelnemers zijn gekozen, zodat niemand herkenbaar is.",
        "en": "Only roles chosen by at least {n} members, so that nobody can be identified.",
    },
    "results.trend_group": {"nl": "Onderdelen", "en": "Parts"},
    # --- dashboard (r12d)
    "results.time_first_round": {
        "nl": "Dit is de eerste meting van dit netwerk: er is nog niets om mee te vergelijken. "
        "Na de volgende meting staat hier hoe de onderdelen zich ontwikkelen.",
        "en": "This is the network's first round: there is nothing to compare with yet. "
        "After the next round this shows how the constructs develop.",
    },
    "results.time_none_shown": {
        "nl": "De eerdere metingen van dit netwerk hadden te weinig respondenten om te tonen: "
        "er is nog niets om mee te vergelijken.",
        "en": "The network's earlier rounds had too few respondents to be shown: "
        "there is nothing to compare with yet.",
    },
    "results.compare_title": {"nl": "Twee metingen naast elkaar", "en": "Two rounds side by side"},
    "results.compare_need_two": {
        "nl": "Vergelijken kan zodra er twee metingen met genoeg ingevulde vragenlijsten zijn.",
        "en": "Comparing is possible once there are two rounds with enough completed questionnaires.",
    },
    "results.compare_from": {"nl": "Eerdere meting", "en": "Earlier round"},
    "results.compare_to": {"nl": "Latere meting", "en": "Later round"},
    "results.compare_same": {"nl": "Kies twee verschillende metingen.", "en": "Choose two different rounds."},
    "results.trend_findings": {
        "nl": "Veranderingen sinds de vorige meting",
        "en": "Changes since the previous round",
    },
    "results.thresholds": {
        "nl": "Gebruikte drempels: sterk punt vanaf {strength}, zorgpunt onder {concern}, verschil van "
        "inzicht bij een spreiding van {spread} of meer, verandering bij {change} of meer; uitkomsten "
        "vanaf {minimum} ingevulde vragenlijsten.",
        "en": "Thresholds used: strength from {strength}, concern below {concern}, disagreement at a "
        "spread of {spread} or more, change at {change} or more; results from {minimum} completed "
        "questionnaires.",
    },
    "results.versions": {
        "nl": "Berekend met vragenlijst {questionnaire} en regelset {ruleset}.",
        "en": "Computed with questionnaire {questionnaire} and rule set {ruleset}.",
    },
    "results.open_intro": {
        "nl": "Letterlijk zoals ingevuld, zonder namen en op alfabetische volgorde.",
        "en": "Exactly as written, without names and in alphabetical order.",
    },
    "results.no_text_items": {
        "nl": "Deze vragenlijst heeft geen open vragen.",
        "en": "This questionnaire has no open questions.",
    },
    "results.no_open_answers": {
        "nl": "Niemand heeft deze vraag beantwoord.",
        "en": "Nobody answered this question.",
    },
    # --- the text alternative under every chart (netscan_app/dashboard.py chart) (t17)
    "results.chart_table": {"nl": "Tabel bij deze grafiek", "en": "Table for this chart"},
    # --- the consultant's edit of the report (netscan_app/pages/edit.py) (r12k) ---------------------
    "nav.edit": {"nl": "Rapport aanpassen", "en": "Adapt the report"},
    "edit.choose": {
        "nl": "Kies eerst een netwerk en een meting; daarna kun je het rapport van die meting aanpassen.",
        "en": "Choose a network and a round first; then you can adapt that round's report.",
    },
    "edit.title": {"nl": "Rapport aanpassen · {round}", "en": "Adapt the report · {round}"},
    "edit.intro": {
        "nl": "Maak het rapport klaar om te overhandigen: kies de drie bevindingen die bovenaan staan, "
        "laat weg wat voor dit netwerk niet opgaat en zet er je eigen woorden bij. De berekende diagnose "
        "blijft ongewijzigd bewaard; je aanpassing staat er apart naast en is met één klik terug te zetten.",
        "en": "Prepare the report for handing over: choose the three findings on top, leave out what does "
        "not apply to this network and add your own words. The computed diagnosis is kept unchanged; your "
        "edit is stored beside it and can be undone with one click.",
    },
    "edit.none_yet": {
        "nl": "Er is in deze meting nog niets ingevuld. Aanpassen kan zodra er antwoorden zijn.",
        "en": "Nothing has been submitted in this round yet. You can adapt the report once there are answers.",
    },
    "edit.below_minimum": {
        "nl": "Deze meting heeft te weinig deelnemers om resultaten te tonen, dus ook nog niets om aan te passen.",
        "en": "This round has too few respondents to show results, so there is nothing to adapt yet.",
    },
    "edit.mark_none": {
        "nl": "Nog niet aangepast: het rapport volgt de berekende diagnose.",
        "en": "Not adapted yet: the report follows the computed diagnosis.",
    },
    "edit.mark": {"nl": "{mark} (versie {version}).", "en": "{mark} (version {version})."},
    "edit.stale_heading": {
        "nl": "Deze delen van je aanpassing gelden niet meer",
        "en": "These parts of your edit no longer apply",
    },
    "edit.stale_intro": {
        "nl": "De meting is opnieuw gediagnosticeerd met nieuwere regels en deze bevindingen komen er niet "
        "meer in voor. De rest van je aanpassing blijft gelden; bij het volgende opslaan vervallen deze delen.",
        "en": "The round was diagnosed again with newer rules and these findings are no longer in it. The "
        "rest of your edit still applies; these parts are dropped the next time you save.",
    },
    "edit.top_heading": {"nl": "De drie bevindingen bovenaan", "en": "The three findings on top"},
    "edit.top_intro": {
        "nl": "Kies per plaats een bevinding. In deze volgorde staan ze bovenaan in het dashboard en in elk rapport.",
        "en": "Choose a finding for each place. They appear in this order on top of the dashboard and of every report.",
    },
    "edit.place": {"nl": "Plaats {n}", "en": "Place {n}"},
    "edit.place_empty": {"nl": "(niets gekozen)", "en": "(nothing chosen)"},
    "edit.computed_top": {"nl": "Berekende volgorde: {order}", "en": "Computed order: {order}"},
    "edit.note_heading": {"nl": "Openingsnotitie", "en": "Opening note"},
    "edit.note_help": {
        "nl": "Komt vooraan in het rapport, onder ‘Vooraf’. Bijvoorbeeld: met wie de uitkomsten zijn besproken.",
        "en": "Appears at the front of the report, under ‘Introduction’. For example: with whom the results were discussed.",
    },
    "edit.findings_heading": {"nl": "Per bevinding", "en": "Finding by finding"},
    "edit.findings_intro": {
        "nl": "Zet een opmerking bij een bevinding of laat haar weg. Een weggelaten bevinding staat met je "
        "reden in de bijlage van het volledige rapport, zodat de lezer weet wat er is weggelaten en waarom.",
        "en": "Add a comment to a finding or leave it out. A finding left out is listed with your reason in "
        "the appendix of the full report, so the reader knows what was left out and why.",
    },
    "edit.hide": {"nl": "Weglaten uit het rapport", "en": "Leave out of the report"},
    "edit.reason": {
        "nl": "Waarom gaat dit voor dit netwerk niet op?",
        "en": "Why does this not apply to this network?",
    },
    "edit.comment": {"nl": "Opmerking bij deze bevinding", "en": "Comment on this finding"},
    "edit.hidden_badge": {"nl": "weggelaten", "en": "left out"},
    "edit.commented_badge": {"nl": "met opmerking", "en": "with comment"},
    "edit.strength_badge": {"nl": "sterk punt", "en": "strength"},
    "edit.save": {"nl": "Aanpassing opslaan", "en": "Save the edit"},
    "edit.saved": {
        "nl": "De aanpassing is opgeslagen (versie {version}).",
        "en": "The edit has been saved (version {version}).",
    },
    "edit.reset": {"nl": "Terug naar de berekende versie", "en": "Back to the computed version"},
    "edit.reset_done": {
        "nl": "Het rapport volgt weer de berekende diagnose. Je eerdere aanpassing staat in de geschiedenis.",
        "en": "The report follows the computed diagnosis again. Your earlier edit is in the history.",
    },
    "edit.conflict_theirs": {"nl": "De versie van {by}:", "en": "The version by {by}:"},
    "edit.conflict_again": {
        "nl": "Jouw tekst staat nog in het formulier hieronder. Sla opnieuw op om jouw versie te bewaren; "
        "die vervangt dan de versie van {by} (die blijft in de geschiedenis).",
        "en": "Your text is still in the form below. Save again to keep your version; it then replaces the "
        "version by {by} (which stays in the history).",
    },
    "edit.theirs_top": {"nl": "Bovenaan: {order}", "en": "On top: {order}"},
    "edit.theirs_hidden": {"nl": "Weggelaten: {titles}", "en": "Left out: {titles}"},
    "edit.theirs_comments": {"nl": "Opmerkingen bij: {titles}", "en": "Comments on: {titles}"},
    "edit.theirs_note": {"nl": "Openingsnotitie: {note}", "en": "Opening note: {note}"},
    "edit.branding_heading": {"nl": "Voorblad van de werkruimte", "en": "The workspace's cover"},
    "edit.branding_intro": {
        "nl": "Naam en logo staan op het voorblad van elk rapport uit de werkruimte ‘{workspace}’.",
        "en": "The name and logo appear on the cover of every report from the workspace ‘{workspace}’.",
    },
    "edit.organisation": {"nl": "Naam van de organisatie", "en": "Name of the organisation"},
    "edit.logo": {"nl": "Logo (PNG of SVG, tot {size} kB)", "en": "Logo (PNG or SVG, up to {size} kB)"},
    "edit.logo_current": {"nl": "Huidig logo", "en": "Current logo"},
    "edit.logo_remove": {"nl": "Logo verwijderen", "en": "Remove the logo"},
    "edit.branding_save": {"nl": "Voorblad opslaan", "en": "Save the cover"},
    "edit.branding_saved": {"nl": "Het voorblad is opgeslagen.", "en": "The cover has been saved."},
    "edit.history_heading": {"nl": "Geschiedenis van de aanpassing", "en": "History of the edit"},
    "edit.history_row": {
        "nl": "Versie {version} · {when} · {by}: {changes}",
        "en": "Version {version} · {when} · {by}: {changes}",
    },
    "edit.history_none": {"nl": "Nog geen aanpassingen.", "en": "No edits yet."},
    "edit.history_nothing": {"nl": "terug naar de berekende versie", "en": "back to the computed version"},
    "edit.someone": {"nl": "een collega", "en": "a colleague"},
    "edit.edited_info": {"nl": "{mark}.", "en": "{mark}."},
    "edit.show_computed": {"nl": "Berekende volgorde tonen", "en": "Show the computed order"},
    "edit.showing_computed": {
        "nl": "Je ziet de berekende volgorde, zonder aanpassing. Zet de schakelaar uit voor de aangepaste versie.",
        "en": "You are looking at the computed order, without the edit. Switch off to see the adapted version.",
    },
    "edit.to_page": {"nl": "Rapport aanpassen", "en": "Adapt the report"},
    "edit.comment_label": {"nl": "Opmerking", "en": "Comment"},
    "edit.opening_label": {"nl": "Vooraf", "en": "Introduction"},
    "edit.omitted_heading": {"nl": "Weggelaten bij het aanpassen", "en": "Left out in the edit"},
    "edit.omitted_intro": {
        "nl": "De scan vond ook deze bevindingen; ze staan niet in het rapport, om de reden die erbij staat.",
        "en": "The scan also found these findings; they are not in the report, for the reason given.",
    },
    # --- findings -----------------------------------------------------------------------------
    "finding.advice": {"nl": "Advies:", "en": "Advice:"},
    "finding.why": {"nl": "Waarom deze bevinding?", "en": "Why this finding?"},
    "finding.no_because": {"nl": "Geen toelichting beschikbaar.", "en": "No explanation available."},
    "finding.spread": {
        "nl": "Grootste spreiding tussen deelnemers: {value}",
        "en": "Largest spread among members: {value}",
    },
    "finding.sources": {"nl": "Bronnen: {sources}", "en": "Sources: {sources}"},
    # --- report -------------------------------------------------------------------------------
    # --- report editions (r12e)
    "report.download_pdf": {"nl": "Adviessamenvatting (PDF)", "en": "Advice summary (PDF)"},
    "report.download_full_pdf": {"nl": "Volledig adviesrapport (PDF)", "en": "Full advice report (PDF)"},
    "report.download_docx": {"nl": "Samenvatting in Word", "en": "Summary in Word"},
    "report.download_full_docx": {"nl": "Volledig rapport in Word", "en": "Full report in Word"},
    "report.download_html": {
        "nl": "Volledig rapport als webpagina (HTML)",
        "en": "Full report as a web page (HTML)",
    },
    "report.download_md": {
        "nl": "Volledig rapport als tekst (Markdown)",
        "en": "Full report as text (Markdown)",
    },
    "report.other_formats": {"nl": "Andere vormen", "en": "Other formats"},
    "report.help": {
        "nl": "Hooguit vier pagina's voor de stuurgroep: de drie belangrijkste bevindingen met advies, de scores in "
        "beeld en de agenda voor het volgende overleg. Het volledige rapport en een Word-versie om zelf "
        "te bewerken staan onder ‘Andere vormen’. Het maken duurt een paar seconden.",
        "en": "At most four pages for the steering group: the three main findings with advice, the scores at a "
        "glance and the agenda for the next meeting. The full report and a Word version to edit yourself "
        "are under ‘Other formats’. Making it takes a few seconds.",
    },
    # --- import and export --------------------------------------------------------------------
    "data.title": {"nl": "Importeren en exporteren", "en": "Import and export"},
    "data.import_title": {"nl": "Antwoorden importeren", "en": "Import answers"},
    "data.import_intro": {
        "nl": "Een Excel- of CSV-bestand met één rij per deelnemer en één kolom per vraag (de vraag-id als "
        "kop), of een JSON-bestand uit een eerdere export. Het bestand wordt eerst helemaal "
        "gecontroleerd: bij een fout wordt er niets geïmporteerd en zie je precies wat er mis is.",
        "en": "An Excel or CSV file with one row per member and one column per question (the question id as "
        "header), or a JSON file from an earlier export. The whole file is checked first: if anything "
        "is wrong nothing is imported and you see exactly what is wrong.",
    },
    # --- import template (r12d)
    "data.template_title": {"nl": "Sjabloon om in te vullen", "en": "Template to fill in"},
    "data.template_intro": {
        "nl": "Een leeg bestand met een kolom per vraag en op de tweede regel wat je per kolom invult. "
        "Die uitlegregel begint met # en wordt bij het importeren overgeslagen; je mag hem ook "
        "weghalen. Rollen en andere keuzes mag je in woorden geven (schoolleider, bestuurder, leraar) "
        "of als code.",
        "en": "An empty file with a column per question and, on the second row, what goes in each "
        "column. That row starts with # and is skipped on import; you may also delete it. Roles and "
        "other choices may be given in words (school leader, board member, teacher) or as a code.",
    },
    "data.template_questionnaire": {"nl": "Vragenlijst", "en": "Questionnaire"},
    "data.template_xlsx": {"nl": "Sjabloon (Excel)", "en": "Template (Excel)"},
    "data.template_csv": {"nl": "Sjabloon (CSV)", "en": "Template (CSV)"},
    "data.problem_at": {"nl": "Rij {line}", "en": "Row {line}"},
    "data.problem_column": {"nl": "kolom {column}", "en": "column {column}"},
    "data.file": {"nl": "Bestand (.xlsx, .csv of .json)", "en": "File (.xlsx, .csv or .json)"},
    "data.target_network": {"nl": "In welk netwerk", "en": "Into which network"},
    "data.from_file": {
        "nl": "Nieuw netwerk (of zoals in het bestand)",
        "en": "New network (or as in the file)",
    },
    "data.new_network": {"nl": "Naam van het nieuwe netwerk", "en": "Name of the new network"},
    "data.new_network_help": {
        "nl": "Alleen nodig als het bestand zelf geen netwerk noemt.",
        "en": "Only needed when the file itself names no network.",
    },
    "data.round_help": {
        "nl": "Alleen nodig als het bestand zelf geen meting noemt; een bestaande meting wordt aangevuld.",
        "en": "Only needed when the file itself names no round; an existing round is added to.",
    },
    "data.import_button": {"nl": "Controleren en importeren", "en": "Check and import"},
    "data.no_file": {"nl": "Kies eerst een bestand.", "en": "Choose a file first."},
    "data.import_failed": {
        "nl": "Er is niets geïmporteerd. Pas het bestand aan en probeer het opnieuw:",
        "en": "Nothing has been imported. Fix the file and try again:",
    },
    "data.more_problems": {"nl": "en nog {count} meer", "en": "and {count} more"},
    "data.imported": {
        "nl": "Geïmporteerd. Vragenlijsten: {responses} · nieuwe metingen: {rounds} · nieuwe netwerken: {networks}.",
        "en": "Imported. Questionnaires: {responses} · new rounds: {rounds} · new networks: {networks}.",
    },
    "data.export_title": {"nl": "Uitkomsten exporteren", "en": "Export results"},
    "data.export_intro": {
        "nl": "De uitkomsten zoals de resultatenpagina ze toont: gemiddelden per onderdeel, per rol "
        "waar genoeg mensen die rol kozen, en de open antwoorden zonder namen. Een meting met minder "
        "dan {n} respondenten, of onder haar responsdrempel, staat erin als ‘gesloten’, zonder cijfers.",
        "en": "The results as the results page shows them: averages per part, per role where enough "
        "people chose that role, and the open answers without names. A round with fewer than {n} "
        "respondents, or below its response-rate threshold, appears as ‘closed’, without figures.",
    },
    "data.format": {"nl": "Bestandsvorm", "en": "File format"},
    "data.format_xlsx": {"nl": "Excel", "en": "Excel"},
    "data.format_csv": {"nl": "CSV", "en": "CSV"},
    "data.format_json": {"nl": "JSON", "en": "JSON"},
    "data.export_workspace": {"nl": "De hele werkruimte", "en": "The whole workspace"},
    "data.download_workspace": {"nl": "Download ‘{name}’", "en": "Download ‘{name}’"},
    "data.export_network": {"nl": "Eén netwerk of één meting", "en": "One network or one round"},
    "data.download_network": {"nl": "Download het netwerk", "en": "Download the network"},
    "data.download_round": {"nl": "Download de meting", "en": "Download the round"},
    # --- anonymity in exports (m13a) -------------------------------------------------------------
    "data.owner_title": {
        "nl": "Antwoorden per respondent en back-up (eigenaar)",
        "en": "Answers per respondent and backup (owner)",
    },
    "data.owner_only": {
        "nl": "Alleen een eigenaar van deze werkruimte kan antwoorden per respondent exporteren of een "
        "back-up maken. Vraag de eigenaar als je dat voor onderzoek nodig hebt.",
        "en": "Only an owner of this workspace can export answers per respondent or make a backup. "
        "Ask the owner if you need this for research.",
    },
    "data.owner_intro": {
        "nl": "**Antwoorden per respondent** (Excel of CSV, één rij per ingestuurde vragenlijst) zijn "
        "bedoeld voor onderzoek. Respondenten heten R1, R2, …: er staan nooit namen, e-mailadressen of "
        "linklabels in. Metingen met minder dan {n} respondenten of onder hun responsdrempel gaan niet "
        "mee, ook hun open antwoorden niet.\n\n"
        "**De back-up** (JSON) bevat alles wat nodig is om de werkruimte terug te zetten, ook concepten "
        "en kleine metingen, maar geen namen of linklabels. Bewaar hem zoals je een back-up van een "
        "leerlingadministratie bewaart.\n\n"
        "Elke export hier wordt vastgelegd: wie, wanneer en wat.",
        "en": "**Answers per respondent** (Excel or CSV, one row per submitted questionnaire) are meant "
        "for research. Respondents are called R1, R2, …: names, e-mail addresses or link labels are "
        "never included. Rounds with fewer than {n} respondents or below their response-rate threshold "
        "are left out, their open answers too.\n\n"
        "**The backup** (JSON) holds everything needed to restore the workspace, drafts and small "
        "rounds included, but no names or link labels. Keep it as you would keep a backup of a pupil "
        "administration.\n\n"
        "Every export here is recorded: who, when and what.",
    },
    "data.owner_confirm": {
        "nl": "Ik exporteer bewust gegevens per respondent en weet dat dit wordt vastgelegd",
        "en": "I am deliberately exporting data per respondent and know that this is recorded",
    },
    "data.download_round_rows": {
        "nl": "Antwoorden per respondent: de meting",
        "en": "Answers per respondent: the round",
    },
    "data.download_network_rows": {
        "nl": "Antwoorden per respondent: het netwerk",
        "en": "Answers per respondent: the network",
    },
    "data.download_backup": {"nl": "Back-up van ‘{name}’ (JSON)", "en": "Backup of ‘{name}’ (JSON)"},
    "data.round_closed_none": {
        "nl": "Deze meting heeft nog geen ingestuurde vragenlijsten.",
        "en": "This round has no submitted questionnaires yet.",
    },
    "data.round_closed_minimum": {
        "nl": "Deze meting heeft minder dan {n} respondenten. Om te voorkomen dat antwoorden tot personen "
        "herleid kunnen worden, gaan haar antwoorden niet per respondent mee.",
        "en": "This round has fewer than {n} respondents. To prevent answers from being traced to "
        "individuals, its answers are not exported per respondent.",
    },
    "data.round_closed_response_rate": {
        "nl": "De respons van deze meting ligt onder de drempel die voor de meting is ingesteld. Haar "
        "uitkomsten zijn nog gesloten, dus gaan de antwoorden niet per respondent mee.",
        "en": "This round's response rate is below the threshold set for it. Its results are still "
        "closed, so its answers are not exported per respondent.",
    },
    "delete.download_owner_only": {
        "nl": "Zelf een kopie downloaden kan alleen een eigenaar van de werkruimte.",
        "en": "Only an owner of the workspace can download a copy.",
    },
    "data.log_title": {"nl": "Vastgelegde exports", "en": "Recorded exports"},
    "data.log_when": {"nl": "Wanneer", "en": "When"},
    "data.log_who": {"nl": "Door", "en": "By"},
    "data.log_what": {"nl": "Wat", "en": "What"},
    "data.log_rows": {"nl": "Respondenten", "en": "Respondents"},
    "data.log_kind_respondents": {"nl": "per respondent", "en": "per respondent"},
    "data.log_kind_backup": {"nl": "back-up", "en": "backup"},
    # --- agreements (netscan_app/agreement_parts.py) --------------------------------------------
    "results.tab_agreements": {"nl": "Afspraken", "en": "Agreements"},
    "agreements.choose": {
        "nl": "Kies eerst een netwerk en een meting in het overzicht.",
        "en": "First choose a network and a round in the overview.",
    },
    "agreements.title": {"nl": "Afspraken · {round}", "en": "Agreements · {round}"},
    "agreements.intro": {
        "nl": "Leg vast wat de stuurgroep na deze meting afspreekt. Volgend jaar laat Netwerkscan "
        "naast elke afspraak zien hoe de scores bewogen die zij moest verbeteren.",
        "en": "Record what the steering group agrees after this round. Next year Netwerkscan shows "
        "beside each agreement how the scores it aimed to improve moved.",
    },
    "agreements.to_page": {"nl": "Afspraken vastleggen en bijwerken", "en": "Record and update agreements"},
    "agreements.from_finding": {"nl": "Maak hier een afspraak van", "en": "Make this an agreement"},
    "agreements.before_heading": {
        "nl": "Afspraken van vorige keer en wat ervan terechtkwam",
        "en": "Last time's agreements and what came of them",
    },
    "agreements.before_no_previous": {
        "nl": "Dit is de eerste meting die te vergelijken is: er zijn nog geen eerdere afspraken om op terug te kijken.",
        "en": "This is the first round that can be compared: there are no earlier agreements to look back on yet.",
    },
    "agreements.before_hidden": {
        "nl": "Zolang te weinig mensen de vragenlijst hebben ingevuld, blijft de beweging van de scores verborgen.",
        "en": "As long as too few people have completed the questionnaire, the movement of the scores stays hidden.",
    },
    "agreements.before_none": {
        "nl": "Na de meting ‘{earlier}’ zijn geen afspraken vastgelegd, dus valt niet na te gaan of wat het "
        "netwerk deed iets opleverde. Leg deze keer vast wat jullie afspreken.",
        "en": "No agreements were recorded after the round ‘{earlier}’, so whether what the network did made "
        "a difference cannot be traced. Record what you agree this time.",
    },
    "agreements.before_intro": {
        "nl": "Afgesproken na de meting ‘{earlier}’, met de beweging van de scores die de afspraak moest verbeteren.",
        "en": "Agreed after the round ‘{earlier}’, with the movement of the scores the agreement aimed to improve.",
    },
    "agreements.not_compared": {
        "nl": "niet te vergelijken (niet in beide metingen zichtbaar)",
        "en": "cannot be compared (not visible in both rounds)",
    },
    "agreements.verdict_done_up": {
        "nl": "Uitgevoerd en de score steeg: houd vast wat werkte.",
        "en": "Carried out and the score rose: keep what worked.",
    },
    "agreements.verdict_done_same": {
        "nl": "Uitgevoerd, maar de score bewoog niet: kijk naar hoe het is uitgevoerd.",
        "en": "Carried out, but the score did not move: look at how it was done.",
    },
    "agreements.verdict_done_down": {
        "nl": "Uitgevoerd, maar de score daalde: ga na wat anders liep dan bedoeld.",
        "en": "Carried out, but the score fell: find out what went differently than intended.",
    },
    "agreements.verdict_done_unknown": {
        "nl": "Uitgevoerd; het effect is niet te meten.",
        "en": "Carried out; its effect cannot be measured.",
    },
    "agreements.verdict_dropped_up": {
        "nl": "Vervallen, en toch steeg de score: iets anders werkte, zoek uit wat.",
        "en": "Dropped, yet the score rose: something else worked, find out what.",
    },
    "agreements.verdict_dropped_same": {
        "nl": "Vervallen, en de score bewoog niet: het punt staat nog open.",
        "en": "Dropped, and the score did not move: the point is still open.",
    },
    "agreements.verdict_dropped_down": {
        "nl": "Vervallen, en de score daalde: zet het punt opnieuw op de agenda.",
        "en": "Dropped, and the score fell: put the point back on the agenda.",
    },
    "agreements.verdict_dropped_unknown": {
        "nl": "Vervallen; het effect is niet te meten.",
        "en": "Dropped; its effect cannot be measured.",
    },
    "agreements.verdict_open_up": {
        "nl": "Nog niet afgerond, maar de score steeg al: maak het af.",
        "en": "Not finished yet, but the score already rose: finish it.",
    },
    "agreements.verdict_open_same": {
        "nl": "Nog niet afgerond en de score bewoog niet: bespreek of de afspraak nog past.",
        "en": "Not finished and the score did not move: discuss whether the agreement still fits.",
    },
    "agreements.verdict_open_down": {
        "nl": "Nog niet afgerond en de score daalde: geef de afspraak voorrang of kies een andere aanpak.",
        "en": "Not finished and the score fell: give the agreement priority or choose another approach.",
    },
    "agreements.verdict_open_unknown": {
        "nl": "Nog niet afgerond; het effect is niet te meten.",
        "en": "Not finished yet; its effect cannot be measured.",
    },
    "agreements.owner_shown": {"nl": "Trekker: {owner}", "en": "Lead: {owner}"},
    "agreements.due_shown": {"nl": "gereed op {due}", "en": "due {due}"},
    "agreements.no_owner": {"nl": "Nog geen trekker of datum", "en": "No lead or date yet"},
    "agreements.this_round": {
        "nl": "Afspraken na de meting ‘{round}’",
        "en": "Agreements after the round ‘{round}’",
    },
    "agreements.none_yet": {"nl": "Nog geen afspraken vastgelegd.", "en": "No agreements recorded yet."},
    "agreements.answers": {"nl": "Antwoord op: {findings}", "en": "Answers: {findings}"},
    "agreements.aims": {"nl": "Moet verbeteren: {constructs}", "en": "Aims to improve: {constructs}"},
    "agreements.status": {"nl": "Stand", "en": "Status"},
    "agreements.note": {"nl": "Korte toelichting", "en": "Short note"},
    "agreements.on": {"nl": "Datum", "en": "Date"},
    "agreements.save_status": {"nl": "Stand opslaan", "en": "Save status"},
    "agreements.saved": {"nl": "De afspraak is opgeslagen.", "en": "The agreement has been saved."},
    "agreements.new_heading": {"nl": "Nieuwe afspraak", "en": "New agreement"},
    "agreements.prefilled": {
        "nl": "Ingevuld vanuit de bevinding ‘{finding}’. Pas de tekst aan tot het jullie afspraak is.",
        "en": "Filled in from the finding ‘{finding}’. Edit the text until it is your agreement.",
    },
    "agreements.text": {"nl": "Wat gaat het netwerk doen?", "en": "What will the network do?"},
    "agreements.owner": {"nl": "Wie trekt het (rol of naam)", "en": "Who leads it (role or name)"},
    "agreements.due": {"nl": "Gereed op", "en": "Due"},
    "agreements.findings": {"nl": "Antwoord op de bevinding(en)", "en": "Answers the finding(s)"},
    "agreements.constructs": {"nl": "Moet deze scores verbeteren", "en": "Aims to improve these scores"},
    "agreements.privacy": {
        "nl": "Namen hier zijn alleen voor de coördinator en worden nooit aan antwoorden gekoppeld.",
        "en": "Names here are for the coordinator only and are never linked to answers.",
    },
    "agreements.pick": {"nl": "Kies…", "en": "Choose…"},
    "agreements.add": {"nl": "Afspraak vastleggen", "en": "Record agreement"},
    "agreements.timeline_heading": {"nl": "Tijdlijn van het netwerk", "en": "The network's timeline"},
    "agreements.timeline_intro": {
        "nl": "Alle metingen met hun belangrijkste bevindingen en de afspraken die erna zijn gemaakt.",
        "en": "Every round with its main findings and the agreements made after it.",
    },
    "agreements.timeline_no_results": {
        "nl": "Nog geen uitslag om te tonen.",
        "en": "No results to show yet.",
    },
    "agreements.timeline_agreed": {"nl": "Afgesproken:", "en": "Agreed:"},
}

MESSAGES: dict[str, LocalizedText] = {key: LocalizedText.model_validate(text) for key, text in _TEXTS.items()}
