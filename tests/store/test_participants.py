"""Participants of a round: added from a file, pasted or typed, every bad row reported with its row
and nothing added; a personal link each; a status that follows the link, never the answers."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from sqlalchemy import func, select

from diagnose.mail import templates
from diagnose.problems import ValidationFailed
from diagnose.questionnaire import Questionnaire
from diagnose.store import Store, models
from diagnose.store.participants import NewParticipant
from diagnose.store.transfer import tables
from diagnose.store.transfer.participant_table import read_participants, read_pasted
from tests.store.conftest import full_answers


@pytest.fixture(autouse=True)
def link_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETSCAN_LINK_KEY", "test-key-participants")


def codes(exc: pytest.ExceptionInfo[ValidationFailed]) -> list[tuple[str, int | None, str | None]]:
    return [(p.code, p.line, p.field) for p in exc.value.problems]


SEMICOLON = "\ufeffNaam;E-mailadres;Rol\nJan Jansen;jan@school.nl;Schoolleider\nÉlodie Bakker;Elodie@Bakker.NL;leraar of docent\n"


def test_a_dutch_excel_semicolon_file_with_bom_is_read_with_dutch_column_names() -> None:
    rows = read_participants(SEMICOLON.encode("utf-8"), "deelnemers.csv")
    assert [(r.name, r.email, r.role, r.line) for r in rows] == [
        ("Jan Jansen", "jan@school.nl", "Schoolleider", 2),
        ("Élodie Bakker", "Elodie@Bakker.NL", "leraar of docent", 3),
    ]


def test_an_xlsx_file_is_read_like_a_csv() -> None:
    data = tables.write_xlsx(["naam", "e-mail", "rol"], [["Jan Jansen", "jan@school.nl", "Gemeente"]])
    rows = read_participants(data, "deelnemers.xlsx")
    assert [(r.name, r.email, r.role, r.line) for r in rows] == [
        ("Jan Jansen", "jan@school.nl", "Gemeente", 2)
    ]


def test_a_file_without_the_e_mail_column_names_what_is_missing_and_what_was_found() -> None:
    with pytest.raises(ValidationFailed) as exc:
        read_participants(b"naam;rol\nJan;leraar\n", "lijst.csv")
    problem = exc.value.problems[0]
    assert (problem.code, problem.file, problem.line) == ("participants-missing-column", "lijst.csv", 1)
    assert "e-mail" in problem.what("nl") and "naam, rol" in problem.what("nl")


def test_pasted_lines_without_a_header_are_read_as_name_address_role() -> None:
    rows = read_pasted("Jan Jansen, jan@school.nl, Leraar\nPiet Klaassen, piet@school.nl\n", "geplakt")
    assert [(r.name, r.email, r.role, r.line) for r in rows] == [
        ("Jan Jansen", "jan@school.nl", "Leraar", 1),
        ("Piet Klaassen", "piet@school.nl", None, 2),
    ]


def test_participants_are_added_with_role_from_its_dutch_label_and_a_link_each(
    store: Store, rnd: Any
) -> None:
    added = store.add_participants(rnd.id, read_participants(SEMICOLON.encode(), "deelnemers.csv"))
    assert [(p.name, p.email, p.role, p.status) for p in added] == [
        ("Jan Jansen", "jan@school.nl", "school_leader", "not_sent"),
        ("Élodie Bakker", "elodie@bakker.nl", "teacher", "not_sent"),
    ]
    link = store.participant_link(added[0].id, "https://scan.example.nl/")
    assert link.startswith("https://scan.example.nl/?t=")
    opened = store.open_response(link.split("?t=")[1])
    assert opened.status == "new" and opened.round is not None and opened.round.id == rnd.id
    assert opened.response is not None and opened.response.role == "school_leader"
    assert store.participant_link(added[0].id, "https://scan.example.nl") == link  # the same every time


def test_every_bad_row_is_reported_with_its_row_and_nothing_is_added(store: Store, rnd: Any) -> None:
    store.add_participants(rnd.id, [NewParticipant("Al Bekend", "al@school.nl")])
    text = (
        "naam;e-mail;rol;taal\n"
        "Jan;jan@school;;\n"  # no domain
        "Piet;piet@school.nl;koning;\n"  # unknown role
        "Kees;kees@school.nl;;fr\n"  # unknown language
        ";leeg@school.nl;;\n"  # no name
        "Al;AL@school.nl;;\n"  # already in the round
        "Mies;mies@school.nl;;\n"
        "Mies B;mies@school.nl;;\n"  # twice in the file
    )
    with pytest.raises(ValidationFailed) as exc:
        store.add_participants(rnd.id, read_pasted(text, "lijst.csv"), file="lijst.csv")
    assert codes(exc) == [
        ("participant-email", 2, "e-mail"),
        ("unknown-role", 3, "rol"),
        ("participant-language", 4, "taal"),
        ("invalid-name", 5, "naam"),
        ("participant-exists", 6, "e-mail"),
        ("participant-twice", 8, "e-mail"),
    ]
    assert "(ook op regel 7)" in exc.value.problems[-1].what("nl")
    assert "schoolleider" in exc.value.problems[1].fix("nl")  # the roles as people name them, no ids
    assert "school_leader" not in exc.value.problems[1].fix("nl")
    assert [p.email for p in store.list_participants(rnd.id)] == ["al@school.nl"]


def test_a_name_with_a_line_break_is_folded_into_one_line(store: Store, rnd: Any) -> None:
    (p,) = store.add_participants(rnd.id, [NewParticipant("Jan\r\nBcc: x@evil.example", "jan@school.nl")])
    assert p.name == "Jan Bcc: x@evil.example"


def test_status_follows_the_link_not_the_answers(store: Store, rnd: Any, q: Questionnaire) -> None:
    people = store.add_participants(
        rnd.id, [NewParticipant(f"Deelnemer {i}", f"d{i}@school.nl") for i in range(4)]
    )
    tokens = [store.participant_link(p.id, "http://x").split("?t=")[1] for p in people]
    opened = [store.open_response(tok).response for tok in tokens[:3]]
    answers = full_answers(q, random.Random(3))
    first_item = next(iter(answers))
    assert opened[1] is not None and opened[2] is not None
    store.save_answer(opened[1].id, first_item, answers[first_item])
    for item, value in answers.items():
        store.save_answer(opened[2].id, item, value)
    assert store.submit(opened[2].id) == []
    assert [p.status for p in store.list_participants(rnd.id)] == [
        "opened",
        "started",
        "submitted",
        "not_sent",
    ]
    progress = store.participant_progress(rnd.id)
    assert (progress.participants, progress.invited, progress.submitted) == (4, 3, 1)


def test_removing_a_participant_revokes_its_link(store: Store, rnd: Any) -> None:
    (p,) = store.add_participants(rnd.id, [NewParticipant("Jan", "jan@school.nl")])
    token = store.participant_link(p.id, "http://x").split("?t=")[1]
    store.remove_participant(p.id)
    assert store.open_response(token).status == "revoked"
    assert store.list_participants(rnd.id) == []


def test_a_template_with_an_unknown_placeholder_is_refused_on_save(store: Store, rnd: Any) -> None:
    bad = templates.Template("Uitnodiging {netwerk}", "Beste {naaam},\n{link}\n{datum}")
    with pytest.raises(ValidationFailed) as exc:
        store.set_mail_settings(rnd.id, template=("invitation", "nl", bad))
    assert [(p.code, p.id, p.field, p.params["key"]) for p in exc.value.problems] == [
        ("mail-template-placeholder", "invitation.nl", "body", "{naaam}"),
        ("mail-template-placeholder", "invitation.nl", "body", "{datum}"),
    ]
    assert exc.value.problems[0].what("nl") == "onbekend invulveld {naaam} (bedoel je '{naam}'?)"
    assert store.mail_settings(rnd.id).templates == {}


@pytest.mark.parametrize(
    ("subject", "body", "code"),
    [
        ("Hallo\r\nBcc: x@evil.example", "{link}", "mail-template-control"),
        ("Hallo {naam", "{link}", "mail-template-brace"),
        ("Hallo", "Beste {naam}, vul de scan in.", "mail-template-no-link"),
        ("", "{link}", "mail-template-length"),
    ],
)
def test_a_template_that_could_not_be_sent_is_refused(
    store: Store, rnd: Any, subject: str, body: str, code: str
) -> None:
    with pytest.raises(ValidationFailed) as exc:
        store.set_mail_settings(rnd.id, template=("reminder", "en", templates.Template(subject, body)))
    assert exc.value.problems[0].code == code


def test_a_round_keeps_its_own_template_deadline_and_spacing(store: Store, rnd: Any) -> None:
    own = templates.Template("Doe mee, {naam}", "Hoi {naam}, hier is je link: {link}")
    store.set_mail_settings(
        rnd.id,
        deadline=dt.date(2026, 12, 15),
        reminder_days=3,
        sender_name="Marieke",
        template=("invitation", "nl", own),
    )
    settings = store.mail_settings(rnd.id)
    assert (settings.deadline, settings.reminder_days, settings.sender_name) == (
        dt.date(2026, 12, 15),
        3,
        "Marieke",
    )
    assert settings.template("invitation", "nl") == own
    assert settings.template("invitation", "en") == templates.DEFAULTS["invitation"]["en"]
    store.set_mail_settings(rnd.id, template=("invitation", "nl", templates.DEFAULTS["invitation"]["nl"]))
    assert store.mail_settings(rnd.id).templates == {}  # back to the default: nothing kept
    with pytest.raises(ValidationFailed) as exc:
        store.set_mail_settings(rnd.id, reminder_days=0)
    assert exc.value.problems[0].code == "mail-reminder-days"


def test_the_default_templates_use_only_known_placeholders_and_carry_the_link() -> None:
    for kind, by_lang in templates.DEFAULTS.items():
        for lang, template in by_lang.items():
            assert templates.template_problems(kind, lang, template) == []


def test_deleting_the_round_takes_its_participants_and_mail_with_it(store: Store, rnd: Any) -> None:
    store.set_mail_settings(rnd.id, deadline=dt.date(2026, 12, 15), sender_name="Marieke")
    store.add_participants(rnd.id, [NewParticipant("Jan", "jan@school.nl")])
    store.queue_invitations(rnd.id, "http://x")
    store.delete_round(rnd.id)
    with store.db.read() as s:
        counts = [
            s.scalar(select(func.count()).select_from(table))
            for table in (models.Participant, models.MailOut, models.RoundMail)
        ]
    assert counts == [0, 0, 0]
