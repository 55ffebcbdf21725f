"""The participants page without a browser (AppTest): without SMTP it says so and offers every
participant's personal link to copy; a refused template keeps what was typed and says where."""

from __future__ import annotations

import pytest

from diagnose.store.participants import NewParticipant
from netscan_app.mail_sender import sender
from netscan_app.main import PAGES
from tests.app.helpers import World, app, no_exceptions, texts


@pytest.fixture(autouse=True)
def no_mail(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NETSCAN_SMTP_URL", raising=False)
    monkeypatch.setenv("NETSCAN_LINK_KEY", "apptest-key")
    sender.clear()


def test_without_smtp_the_page_says_so_and_offers_the_links_to_copy(world: World) -> None:
    world.store.add_participants(
        world.round.id,
        [NewParticipant("Jan Jansen", "jan@school.nl"), NewParticipant("Els de Wit", "els@school.nl")],
    )
    at = app(world, signed_in=True).run()
    at.switch_page(PAGES["participants"].path).run()
    no_exceptions(at)
    shown = texts(at)
    assert "E-mail is niet ingesteld op deze server" in shown
    assert at.button(key="send_invitations").disabled
    code = "\n".join(str(c.value) for c in at.code)
    lines = dict(line.split(": ", 1) for line in code.splitlines())
    assert set(lines) == {"Jan Jansen", "Els de Wit"}
    opened = world.store.open_response(lines["Els de Wit"].split("?t=")[1])
    assert opened.round is not None and opened.round.id == world.round.id


def test_a_template_with_an_unknown_placeholder_is_refused_and_the_text_stays(world: World) -> None:
    at = app(world, signed_in=True).run()
    at.switch_page(PAGES["participants"].path).run()
    body = at.text_area(key="body_invitation_nl")
    body.set_value("Beste {naaam},\n{link}")
    at.button(key="save_template").click().run()
    no_exceptions(at)
    shown = texts(at).replace("\\", "")  # markdown escapes, as the page shows them unescaped
    assert "onbekend invulveld {naaam} (bedoel je '{naam}'?)" in shown
    assert at.text_area(key="body_invitation_nl").value == "Beste {naaam},\n{link}"
    assert world.store.mail_settings(world.round.id).templates == {}
