"""AppTest: deleting a network or a round asks first, names what goes (rounds, responses,
agreements), offers a copy, and keeps the network's archive in the data folder's exports/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netscan_app.main import PAGES
from tests.app.helpers import World, app, no_exceptions, submit_responses, synthetic_answers, texts


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "gegevens"
    monkeypatch.setenv("NETSCAN_DATA_DIR", str(folder))
    return folder


def two_rounds(world: World) -> int:
    """The world's round answered and diagnosed with an agreement, and a second round after it."""
    s = world.store
    submit_responses(s, world.round.id, synthetic_answers(world.q, 3))
    s.diagnose_round(world.round.id)
    s.add_agreement(world.round.id, "Werkplaatsen in plaats van vergaderingen")
    later = s.create_round(world.network.id, "2027 voorjaar")
    submit_responses(s, later.id, synthetic_answers(world.q, 4, seed=3))
    return later.id


def on_network_page(world: World):  # type: ignore[no-untyped-def]
    at = app(world, signed_in=True).run()
    at.switch_page(PAGES["network"].path).run()
    no_exceptions(at)
    return at


def test_deleting_a_network_names_what_goes_and_keeps_an_export(world: World, data_dir: Path) -> None:
    two_rounds(world)
    at = on_network_page(world)
    shown = texts(at)
    assert "Hiermee verdwijnen 2 metingen, 7 antwoordsets en 1 afspraak van dit netwerk" in shown
    assert "map ‘exports’ van de gegevensmap" in shown
    assert {b.proto.label for b in at.get("download_button")} == {"Eerst een kopie downloaden"}
    button = at.button(key=f"delete_{world.network.id}")
    assert button.disabled  # asks first
    at.checkbox(key=f"delete_sure_{world.network.id}").check().run()
    at.button(key=f"delete_{world.network.id}").click().run()
    no_exceptions(at)
    assert world.store.list_networks(world.workspace.id) == []
    [kept] = (data_dir / "exports").glob("netwerkscan-netwerk-passend-onderwijs-test-*.json")
    shown = texts(at)
    assert "Netwerk ‘Netwerk Passend Onderwijs Test’ is verwijderd" in shown and kept.name in shown
    assert str(kept.parent) not in shown  # the copy is named, the server path is not shown
    archive = json.loads(kept.read_text(encoding="utf-8"))
    [network] = archive["workspaces"][0]["networks"]
    assert len(network["rounds"]) == 2
    assert [a["text"] for r in network["rounds"] for a in r.get("agreements", [])] == [
        "Werkplaatsen in plaats van vergaderingen"
    ]


def test_deleting_a_round_asks_and_leaves_the_other_rounds(world: World, data_dir: Path) -> None:
    later = two_rounds(world)
    at = on_network_page(world)
    key = f"delete_round_{world.network.id}"
    assert at.selectbox(key=key).value == later  # the newest round first
    at.selectbox(key=key).set_value(world.round.id).run()
    assert "Hiermee verdwijnen 1 meting, 3 antwoordsets en 1 afspraak" in texts(at)
    assert at.button(key=f"delete_round_button_{world.round.id}").disabled
    at.checkbox(key=f"delete_round_sure_{world.round.id}").check().run()
    at.button(key=f"delete_round_button_{world.round.id}").click().run()
    no_exceptions(at)
    assert [r.id for r in world.store.list_rounds(world.network.id)] == [later]
    assert world.store.table_counts()["agreement"] == 0
    assert "Meting ‘2026 voorjaar’ is verwijderd" in texts(at)
    assert len(list((data_dir / "exports").glob("*.json"))) == 1


def test_an_export_that_cannot_be_kept_stops_the_delete_with_a_message(world: World, data_dir: Path) -> None:
    two_rounds(world)
    data_dir.mkdir()
    (data_dir / "exports").write_text("een bestand waar de map hoort", encoding="utf-8")
    at = on_network_page(world)
    at.checkbox(key=f"delete_sure_{world.network.id}").check().run()
    at.button(key=f"delete_{world.network.id}").click().run()
    no_exceptions(at)
    assert "er is niets verwijderd: de export kon niet worden bewaard" in texts(at)
    assert len(world.store.list_rounds(world.network.id)) == 2
