"""The consultant's edit and the workspace's branding in the store, on SQLite and PostgreSQL: kept
apart from the diagnosis, every version with who and when, a later save told when the edit changed
underneath it, refused with a located message and nothing stored, kept through re-diagnosis."""

from __future__ import annotations

import re
import struct
import threading
import zlib
from pathlib import Path

import pytest

from diagnose import Bundle, build_bundle, discover
from diagnose import cards as grouping
from diagnose.edits import Edit
from diagnose.problems import ValidationFailed
from diagnose.store import AccessDenied, Store
from diagnose.store.edits import KEEP_LOGO, EditChanged
from diagnose.store.logo import MAX_BYTES, LogoRefused
from diagnose.store.round_view import round_view
from tests.core.content_copy import copy_content, replace_in
from tests.store.helpers import OPERATOR

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def png(width: int, height: int) -> bytes:
    """A real PNG (one grey pixel row repeated), written from the format's definition."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40">'
    b'<defs><linearGradient id="g"><stop offset="0" stop-color="#135"/></linearGradient></defs>'
    b'<rect width="120" height="40" fill="url(#g)"/><text x="8" y="26">Adviesbureau</text></svg>'
)


@pytest.fixture
def edited(store: Store) -> tuple[int, int, int]:
    """(workspace id, round id, user id): Den Bosch year 2, diagnosed; Jan is a member."""
    ws = store.create_workspace("Adviesbureau")
    result = store.import_bytes(
        (EXAMPLES / "den_bosch_jaar2.json").read_bytes(), "den_bosch_jaar2.json", workspace_id=ws.id
    )
    rounds = store.list_rounds(store.get_round(result.round_ids[0]).network_id)
    for r in rounds:
        store.diagnose_round(r.id)
    user = store.add_user("jan@example.org", "lang genoeg wachtwoord", "Jan de Vries", workspace_id=ws.id)
    return ws.id, rounds[-1].id, user.id


def top(store: Store, round_id: int) -> list[str]:
    snapshot = store.latest_snapshot(round_id)
    assert snapshot is not None
    return grouping.summary(snapshot.diagnosis(), store.bundle)


def test_an_edit_is_kept_apart_from_the_diagnosis_with_every_version(
    store: Store, edited: tuple[int, int, int]
) -> None:
    _, rid, uid = edited
    computed = top(store, rid)
    snapshots = len(store.snapshots(rid))
    assert store.round_edit(rid).version == 0
    first = store.save_edit(
        rid, Edit(summary=(computed[2], computed[0]), opening_note=" Welkom "), version=0, user_id=uid
    )
    assert (first.version, first.by, first.edit.opening_note) == (1, "Jan de Vries", "Welkom")
    second = store.save_edit(
        rid,
        first.edit.model_copy(update={"hidden": {computed[1]: "Het bestuur is vervangen."}}),
        version=1,
        user_id=uid,
    )
    assert store.round_edit(rid) == second
    history = store.edit_history(rid)
    assert [v.version for v in history] == [1, 2]
    assert [c.nl for c in history[0].changes] == ["bovenste drie gekozen", "openingsnotitie"]
    assert len(history[1].changes) == 1 and history[1].changes[0].nl.endswith("weggelaten")
    assert all(v.at is not None and v.by == "Jan de Vries" for v in history)
    # the diagnosis is untouched; what people see is the edited one, the computed one beside it
    assert len(store.snapshots(rid)) == snapshots
    assert top(store, rid) == computed
    view = round_view(store, rid)
    assert view is not None and view.edit is not None and view.edit.edited
    assert grouping.summary(view.diagnosis, store.bundle)[:2] == [computed[2], computed[0]]
    assert view.diagnosis.finding(computed[1]) is None
    assert grouping.summary(view.computed, store.bundle) == computed
    mark = view.edit.mark()
    assert mark is not None and mark.nl.startswith("Aangepast door Jan de Vries op ")


def test_the_later_of_two_saves_is_told_the_edit_changed_and_nothing_is_lost(
    store: Store, edited: tuple[int, int, int]
) -> None:
    _, rid, uid = edited
    computed = top(store, rid)
    store.save_edit(rid, Edit(opening_note="Van Jan"), version=0, user_id=uid)
    mine = Edit(comments={computed[0]: "Mijn opmerking"})
    with pytest.raises(EditChanged) as caught:
        store.save_edit(rid, mine, version=0)
    assert caught.value.current.edit.opening_note == "Van Jan"
    assert caught.value.code == "edit-changed"
    assert "Jan de Vries" in caught.value.problems[0].what("nl")
    assert "de tekst in het formulier blijft staan" in caught.value.problems[0].fix("nl")
    assert store.round_edit(rid).version == 1 and store.round_edit(rid).edit.comments == {}


def test_two_saves_racing_from_the_same_version_store_one(store: Store, edited: tuple[int, int, int]) -> None:
    _, rid, _ = edited
    results: list[str] = []
    barrier = threading.Barrier(4)

    def save(n: int) -> None:
        barrier.wait()
        try:
            store.save_edit(rid, Edit(opening_note=f"schrijver {n}"), version=0)
            results.append("saved")
        except EditChanged:
            results.append("changed")

    threads = [threading.Thread(target=save, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["changed"] * 3 + ["saved"]
    assert [v.version for v in store.edit_history(rid)] == [1]


def test_an_edit_naming_a_finding_the_round_does_not_have_is_refused_and_nothing_stored(
    store: Store, edited: tuple[int, int, int]
) -> None:
    _, rid, uid = edited
    snapshot = store.latest_snapshot(rid)
    assert snapshot is not None
    absent = next(r for r in store.bundle.rule_by_id if snapshot.diagnosis().finding(r) is None)
    with pytest.raises(ValidationFailed) as caught:
        store.save_edit(rid, Edit(hidden={absent: "Niet van toepassing"}), version=0, user_id=uid)
    assert [(p.code, p.id, p.field) for p in caught.value.problems] == [
        ("edit-unknown-finding", absent, "hidden")
    ]
    outsider = store.add_user("piet@example.org", "lang genoeg wachtwoord", "Piet")
    with pytest.raises(AccessDenied):
        store.save_edit(rid, Edit(opening_note="x"), version=0, user_id=outsider.id)
    assert store.edit_history(rid) == []


def test_branding_keeps_a_checked_png_or_svg_and_the_organisation(
    store: Store, edited: tuple[int, int, int]
) -> None:
    ws, _, uid = edited
    assert store.branding(ws).organisation == "" and store.branding(ws).logo is None
    b = store.set_branding(ws, organisation=" Adviesbureau Noord ", logo=png(300, 100), user_id=uid)
    assert (b.organisation, b.logo_type, b.width, b.height) == ("Adviesbureau Noord", "png", 300, 100)
    b = store.set_branding(ws, logo=SVG)
    assert (b.organisation, b.logo_type, b.width, b.height, b.logo) == (
        "Adviesbureau Noord",
        "svg",
        120,
        40,
        SVG,
    )
    assert store.set_branding(ws, organisation="Ander bureau", logo=KEEP_LOGO).logo == SVG
    assert store.set_branding(ws, logo=None).logo is None


HOSTILE: dict[str, tuple[bytes, str]] = {
    "text": (b"hallo, dit is geen plaatje", "logo-type"),
    "jpeg": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100, "logo-type"),
    "html": (b"<html><script>alert(1)</script></html>", "logo-type"),
    "too many bytes": (png(20, 20) + b"\x00" * MAX_BYTES, "logo-too-large"),
    "too many pixels": (png(5000, 20), "logo-dimensions"),
    "too small": (png(4, 4), "logo-dimensions"),
    "truncated png": (png(40, 40)[:-20], "logo-broken"),
    "damaged png": (png(40, 40)[:40] + b"X" + png(40, 40)[41:], "logo-broken"),
    "script": (SVG.replace(b"</svg>", b"<script>alert(1)</script></svg>"), "logo-unsafe"),
    "onload": (SVG.replace(b"<svg ", b'<svg onload="alert(1)" '), "logo-unsafe"),
    "external href": (
        SVG.replace(b"</svg>", b'<image href="http://evil.example/x.png"/></svg>'),
        "logo-unsafe",
    ),
    "file href": (
        SVG.replace(
            b"</svg>",
            b'<use xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="file:///etc/passwd"/></svg>',
        ),
        "logo-unsafe",
    ),
    "foreignObject": (
        SVG.replace(b"</svg>", b"<foreignObject><div>x</div></foreignObject></svg>"),
        "logo-unsafe",
    ),
    "css import": (
        SVG.replace(b"</svg>", b"<style>@import url(http://evil.example/a.css);</style></svg>"),
        "logo-unsafe",
    ),
    "entities": (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><text>&b;</text></svg>',
        "logo-unsafe",
    ),
    "broken svg": (b'<svg xmlns="http://www.w3.org/2000/svg" width="20"', "logo-broken"),
    "svg without size": (b'<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', "logo-broken"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_bad_logo_is_refused_with_what_to_do_and_nothing_is_stored(
    store: Store, edited: tuple[int, int, int], name: str
) -> None:
    ws, _, _ = edited
    store.set_branding(ws, organisation="Adviesbureau", logo=png(64, 64))
    data, code = HOSTILE[name]
    with pytest.raises(LogoRefused) as caught:
        store.set_branding(ws, organisation="Iets anders", logo=data)
    assert caught.value.code == code
    problem = caught.value.problems[0]
    assert problem.field == "logo" and problem.fix("nl") and problem.fix("en")
    assert "{" not in problem.what("nl") + problem.what("en")
    kept = store.branding(ws)
    assert (kept.organisation, kept.logo) == ("Adviesbureau", png(64, 64))


def renamed_rule(tmp_path: Path, rule: str) -> Bundle:
    """The shipped rule base, one version on, with `rule` renamed: its findings are no longer made."""
    root = copy_content(tmp_path)
    replace_in(root / "rules" / "ruleset.yaml", 'version: "2026.11"', 'version: "2026.12"')
    renamed = 0
    for path in (root / "rules").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        new = re.sub(rf"\b{re.escape(rule)}\b", f"{rule}_herzien", text)
        renamed += text != new
        path.write_text(new, encoding="utf-8")
    assert renamed
    return build_bundle(discover([root]))


def test_rediagnosis_with_a_newer_rule_base_keeps_the_edit_and_says_what_no_longer_applies(
    store: Store, edited: tuple[int, int, int], tmp_path: Path
) -> None:
    _, rid, uid = edited
    computed = top(store, rid)
    gone, stays = computed[0], computed[1]
    store.save_edit(
        rid, Edit(summary=(gone, stays), comments={gone: "Oud", stays: "Blijft"}), version=0, user_id=uid
    )
    title = store.round_edit(rid).edit.titles[gone]

    newer = Store(store.engine, bundle=renamed_rule(tmp_path, gone))
    report = newer.rediagnose(round_id=rid)
    assert report.diagnosed == 1
    assert [(s.part, s.key) for s in report.stale_edits[rid]] == [("summary", gone), ("comment", gone)]
    assert title.nl in report.stale_edits[rid][0].message().nl
    view = round_view(newer, rid)
    assert view is not None and view.edit is not None
    assert grouping.summary(view.diagnosis, newer.bundle)[0] == stays
    assert [s.key for s in view.edit.stale] == [gone, gone]
    # the edit may be saved again while it still names what is gone; the person removes it later
    again = newer.save_edit(rid, view.edit.edit.model_copy(update={"opening_note": "Nieuw"}), version=1)
    assert again.version == 2 and gone in again.edit.comments


def test_an_edit_goes_with_its_round(store: Store, edited: tuple[int, int, int]) -> None:
    _, rid, _ = edited
    store.save_edit(rid, Edit(opening_note="Weg ermee"), version=0)
    store.delete_round(rid)
    with store.db.read() as s:
        from diagnose.store import models

        assert s.query(models.RoundEdit).count() == 0


def test_edits_and_branding_survive_export_and_import_into_another_database(
    store: Store, other_store: Store, edited: tuple[int, int, int]
) -> None:
    ws, rid, uid = edited
    computed = top(store, rid)
    store.save_edit(rid, Edit(opening_note="Eerste versie"), version=0, user_id=uid)
    store.save_edit(
        rid,
        Edit(
            summary=(computed[1],), hidden={computed[2]: "Niet van toepassing"}, comments={computed[0]: "Ja"}
        ),
        version=1,
        user_id=uid,
    )
    store.set_branding(ws, organisation="Adviesbureau Noord", logo=SVG, user_id=uid)
    data = store.export_workspace(ws, "json", by=OPERATOR)
    result = other_store.import_bytes(data, "export.json")
    label = store.get_round(rid).label
    theirs = next(
        r
        for r in other_store.list_rounds(other_store.get_round(result.round_ids[0]).network_id)
        if r.label == label
    )
    assert other_store.edit_history(theirs.id) == store.edit_history(rid)
    assert other_store.round_edit(theirs.id) == store.round_edit(rid)
    assert other_store.branding(theirs.workspace_id) == store.branding(ws)
    view = round_view(other_store, theirs.id)
    assert view is not None and view.edit is not None and view.diagnosis.finding(computed[2]) is None
    assert view.branding.organisation == "Adviesbureau Noord"


def test_an_archive_with_a_hostile_logo_or_muddled_versions_is_refused_and_nothing_is_written(
    store: Store, other_store: Store, edited: tuple[int, int, int]
) -> None:
    import base64
    import json

    ws, rid, _ = edited
    store.save_edit(rid, Edit(opening_note="Hallo"), version=0)
    store.set_branding(ws, organisation="Bureau", logo=png(32, 32))
    archive = json.loads(store.export_workspace(ws, "json", by=OPERATOR))
    hostile = SVG.replace(b"<svg ", b'<svg onload="fetch(1)" ')
    archive["workspaces"][0]["branding"]["logo_base64"] = base64.b64encode(hostile).decode()
    rounds = archive["workspaces"][0]["networks"][0]["rounds"]
    edited_round = next(r for r in rounds if r["edits"])
    edited_round["edits"][0]["version"] = 3
    with pytest.raises(ValidationFailed) as caught:
        other_store.import_bytes(json.dumps(archive).encode(), "export.json")
    found = {(p.code, p.field) for p in caught.value.problems}
    assert found == {("logo-unsafe", "branding.logo_base64"), ("invalid-value", "edits")}
    assert all(p.file == "export.json" and p.id for p in caught.value.problems)
    assert other_store.list_workspaces() == []


def test_the_organisation_follows_the_stores_rule_for_names(
    store: Store, edited: tuple[int, int, int]
) -> None:
    ws, _, _ = edited
    store.set_branding(ws, organisation="Bureau")
    for bad in ("x" * 201, "Bureau\x1b[31m"):
        with pytest.raises(ValidationFailed) as caught:
            store.set_branding(ws, organisation=bad)
        assert caught.value.problems[0].code in ("invalid-name", "name-control")
    assert store.branding(ws).organisation == "Bureau"
    assert store.set_branding(ws, organisation="  ").organisation == ""  # no name on the cover


def test_netscan_rediagnose_names_the_parts_of_an_edit_that_no_longer_apply(
    store: Store,
    edited: tuple[int, int, int],
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import diagnose.bundle
    from diagnose.cli import main

    _, rid, _ = edited
    gone = top(store, rid)[0]
    store.save_edit(rid, Edit(comments={gone: "Oud"}), version=0)
    title = store.round_edit(rid).edit.titles[gone]
    monkeypatch.setattr(diagnose.bundle, "_default", renamed_rule(tmp_path, gone))
    assert main(["rediagnose", "--database", db_url]) == 0
    out = capsys.readouterr().out
    label = store.get_round(rid).label
    assert f"aanpassing van ronde {label}: ‘{title.nl}’ (opmerking) staat niet meer in de diagnose" in out
    assert gone not in out
