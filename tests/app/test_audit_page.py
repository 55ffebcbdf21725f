"""The Logboek page: an administrator reads who signed in, exported and deleted, as the app did it;
a member of the same workspace is told it is for administrators and sees none of it."""

from __future__ import annotations

from diagnose.store.audit import Actor, acting_as
from diagnose.store.types import User
from netscan_app.main import PAGES
from tests.app.helpers import PASSWORD, World, app, no_exceptions, texts


def _open_log(world: World, user: User | None = None) -> str:
    at = app(world, signed_in=True)
    if user is not None:
        at.session_state["auth_user"] = user
    at.run()
    at.switch_page(PAGES["audit"].path).run()
    no_exceptions(at)
    return texts(at) + " ".join(df.value.to_csv() for df in at.dataframe)


def test_an_administrator_reads_the_log_of_what_was_done(world: World) -> None:
    assert world.store.sign_in(world.user.email, PASSWORD).status == "ok"
    with acting_as(Actor(world.user.email, world.user.id)):
        world.store.delete_round(world.round.id)
    shown = _open_log(world)
    assert "Logboek" in shown
    assert "Ingelogd" in shown and world.user.email in shown
    assert "Meting verwijderd" in shown and "2026 voorjaar" in shown


def test_a_member_is_told_the_log_is_for_administrators(world: World) -> None:
    member = world.store.add_user(
        "lid@school.nl", PASSWORD, "Lid", workspace_id=world.workspace.id, role="member"
    )
    world.store.sign_in(world.user.email, PASSWORD)
    shown = _open_log(world, member)
    assert "alleen zichtbaar voor beheerders" in shown
    assert world.user.email not in shown
