"""Anonymity that holds in every export: results as the results page shows them, answers per
respondent only by an owner's logged choice and never with a name or link label, nothing of a
round below the anonymity minimum or its response-rate threshold; named and anonymous rounds;
counts that stay right after a started link is revoked. On SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import random
from typing import Any

import pytest
from openpyxl import load_workbook

from diagnose.item_types import item_type
from diagnose.problems import ValidationFailed
from diagnose.questionnaire import Questionnaire
from diagnose.store import AccessDenied, Conflict, Store, StoreError
from diagnose.store.results_export import export_results
from diagnose.store.round_view import round_view
from diagnose.store.types import ExportBy, RoundInfo

from .conftest import full_answers, role_values
from .helpers import OPERATOR, submit_full

NAMES = ["Jan Jansen (directeur)", "Fatma Yılmaz (intern begeleider)", "Piet de Vries", "An Bos", "Eva Kok"]
FREE_TEXT = "Geheime opmerking van één persoon"
FORMATS = ("csv", "xlsx", "json")


def text_items(q: Questionnaire) -> list[str]:
    return [item.id for item in q.items() if item_type(item).free_text]


def answer_via_links(store: Store, rnd: RoundInfo, q: Questionnaire, n: int, *, seed: int = 3) -> None:
    """n members answer through personal links labelled with their names; every open question
    gets a sentence that must never leave the store below the minimum."""
    rng = random.Random(seed)
    made = store.create_invitations(rnd.id, labels=NAMES[:n])
    for index, new in enumerate(made):
        opened = store.open_response(new.token)
        assert opened.response is not None
        answers = full_answers(q, rng, role=rng.choice(role_values(q)))
        for item_id in text_items(q):
            answers[item_id] = f"{FREE_TEXT} {index}"
        submit_full(store, opened.response.id, answers)


def everything_in(data: bytes, fmt: str) -> str:
    """Every cell or value of an exported file as one text, to search for what must not be there."""
    if fmt == "xlsx":
        workbook = load_workbook(io.BytesIO(data), read_only=True)
        return "\n".join(
            str(cell)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
        )
    return data.decode("utf-8-sig")


@pytest.fixture
def world(store: Store) -> dict[str, Any]:
    owner = store.add_user("eigenaar@school.nl", "lang genoeg wachtwoord", "Eigenaar")
    member = store.add_user("lid@school.nl", "lang genoeg wachtwoord", "Lid")
    ws = store.create_workspace("Bestuur Noord", owner_id=owner.id)
    store.add_member(ws.id, member.id)
    net = store.create_network(ws.id, "Lerend netwerk Noord", {"sector": "po", "size": 12})
    return {"owner": owner, "member": member, "ws": ws, "net": net}


def test_two_respondents_leave_no_answer_and_no_free_text_in_any_export(
    store: Store, q: Questionnaire, world: dict[str, Any]
) -> None:
    rnd = store.create_round(world["net"].id, "2025 voorjaar")
    answer_via_links(store, rnd, q, 2)
    store.diagnose_round(rnd.id)
    owner = ExportBy(world["owner"].id, "app")
    for fmt in FORMATS:
        for scope in (
            {"round_id": rnd.id},
            {"network_id": world["net"].id},
            {"workspace_id": world["ws"].id},
        ):
            text = everything_in(export_results(store, fmt, **scope), fmt)
            assert FREE_TEXT not in text and "Jan Jansen" not in text
            assert "minder respondenten dan het anonimiteitsminimum" in text or '"minimum"' in text
        # answers per respondent: refused for the round itself, even to the owner
        with pytest.raises(StoreError) as refused:
            store.export_round(rnd.id, fmt, by=owner)
        assert refused.value.problems[0].code == "export-closed"
        assert "2025 voorjaar" in refused.value.problems[0].what("nl")
    # of a network or workspace, the round is left out (and the workbook says so)
    for fmt in ("csv", "xlsx"):
        data = store.export_network(world["net"].id, fmt, by=owner)
        text = everything_in(data, fmt)
        assert FREE_TEXT not in text and "Jan Jansen" not in text
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")))) if fmt == "csv" else None
        assert rows is None or len(rows) == 1, "the header only"
    workbook = load_workbook(
        io.BytesIO(store.export_workspace(world["ws"].id, "xlsx", by=owner)), read_only=True
    )
    assert workbook.sheetnames == ["antwoorden", "items", "weggelaten"]
    assert list(workbook["antwoorden"].iter_rows(values_only=True))[1:] == []
    left = list(workbook["weggelaten"].iter_rows(values_only=True))
    assert left[1][:2] == ("Lerend netwerk Noord", "2025 voorjaar")
    # nothing was exported per respondent, but every such attempt that produced a file is logged
    log = store.export_log(world["ws"].id)
    assert [(r.kind, r.respondents, r.left_out) for r in log] == [("respondents", 0, 1)] * 3


def test_five_respondents_give_aggregates_to_members_and_rows_only_to_the_owner(
    store: Store, q: Questionnaire, world: dict[str, Any]
) -> None:
    rnd = store.create_round(world["net"].id, "2025 voorjaar")
    answer_via_links(store, rnd, q, 5)
    view = round_view(store, rnd.id)
    assert view is not None and view.results_allowed
    shown = view.diagnosis.visible_scores()
    # results: what the page shows, the same numbers, free texts without names
    data = json.loads(export_results(store, "json", round_id=rnd.id))
    (entry,) = data["rounds"]
    assert entry["results"] == "open" and entry["respondents"] == 5 and entry["invited"] == 5
    assert {cid: s["mean"] for cid, s in entry["scores"].items()} == {
        c: round(m, 2) for c, m in shown.items()
    }
    assert sorted(t for texts in entry["open_answers"].values() for t in texts) == sorted(
        f"{FREE_TEXT} {i}" for i in range(5) for _ in text_items(q)
    )
    rows = list(
        csv.DictReader(io.StringIO(export_results(store, "csv", round_id=rnd.id).decode("utf-8-sig")))
    )
    assert {r["construct"]: float(r["mean"]) for r in rows} == {c: round(m, 2) for c, m in shown.items()}
    assert "respondent" not in rows[0] and FREE_TEXT not in str(rows)
    for fmt in FORMATS:
        assert "Jan Jansen" not in everything_in(export_results(store, fmt, round_id=rnd.id), fmt)
    # answers per respondent: refused to a member who is not an owner, and to the app without a user
    before = store.export_log(world["ws"].id)
    for by in (ExportBy(world["member"].id, "app"), ExportBy(None, "app")):
        with pytest.raises(AccessDenied):
            store.export_round(rnd.id, "csv", by=by)
        with pytest.raises(AccessDenied):
            store.export_workspace(world["ws"].id, "json", by=by)
    assert store.export_log(world["ws"].id) == before == []
    # the owner's deliberate choice: rows numbered R1…R5, no names, no link labels; logged
    owner = ExportBy(world["owner"].id, "app")
    rows = list(csv.DictReader(io.StringIO(store.export_round(rnd.id, "csv", by=owner).decode("utf-8-sig"))))
    assert sorted(r["respondent"] for r in rows) == ["R1", "R2", "R3", "R4", "R5"]
    response_file = json.loads(store.export_round(rnd.id, "json", by=owner))
    assert {r["respondent"] for r in response_file["round"]["responses"]} == {"R1", "R2", "R3", "R4", "R5"}
    for fmt in FORMATS:
        data = store.export_round(rnd.id, fmt, by=owner)
        text = everything_in(data, fmt)
        assert not any(name.split(" (")[0] in text for name in NAMES), fmt
        stored_ids = {r.respondent for r in store.list_responses(rnd.id)}
        assert not any(stored in text for stored in stored_ids), "stored respondent ids stay inside"
    log = store.export_log(world["ws"].id)
    assert len(log) == 5 and all(r.who == "eigenaar@school.nl" and r.via == "app" for r in log)
    assert (log[0].kind, log[0].format, log[0].rounds, log[0].respondents) == ("respondents", "json", 1, 5)
    assert log[0].scope == "Lerend netwerk Noord / 2025 voorjaar"


def test_the_backup_restores_every_round_but_carries_no_names_or_link_labels(
    store: Store, other_store: Store, q: Questionnaire, world: dict[str, Any]
) -> None:
    few = store.create_round(world["net"].id, "2024 najaar")
    answer_via_links(store, few, q, 2)
    rnd = store.create_round(world["net"].id, "2025 voorjaar")
    answer_via_links(store, rnd, q, 5, seed=4)
    owner = ExportBy(world["owner"].id, "app")
    archive = store.export_workspace(world["ws"].id, "json", by=owner)
    text = archive.decode("utf-8")
    assert not any(name.split(" (")[0] in text for name in NAMES)
    networks = json.loads(text)["workspaces"][0]["networks"]
    invitations = [inv for n in networks for r in n["rounds"] for inv in r["invitations"]]
    assert len(invitations) == 7 and all(inv["label"] is None for inv in invitations)
    other_store.import_bytes(archive, "backup.json")
    restored = other_store.list_networks(other_store.list_workspaces()[0].id)[0]
    old, new = store.list_rounds(world["net"].id), other_store.list_rounds(restored.id)
    assert [store.round_counts(r.id) for r in old] == [other_store.round_counts(r.id) for r in new]
    assert [inv.label for inv in other_store.list_invitations(new[0].id)] == [None, None]
    (entry,) = store.export_log(world["ws"].id)
    assert (entry.kind, entry.format, entry.rounds, entry.respondents) == ("backup", "json", 2, 7)


def test_a_round_is_anonymous_unless_named_and_cannot_become_named_once_answered(
    store: Store, q: Questionnaire, world: dict[str, Any]
) -> None:
    plain = store.create_round(world["net"].id, "2025 voorjaar")
    assert (plain.identity, plain.named, plain.response_rate_minimum) == ("anonymous", False, None)
    named = store.create_round(world["net"].id, "Stuurgroep 2025", identity="named", response_rate_minimum=60)
    assert store.get_round(named.id).named and store.get_round(named.id).response_rate_minimum == 60
    assert store.update_round(named.id, response_rate_minimum=None).response_rate_minimum is None
    assert store.get_round(named.id).response_rate_minimum is None
    with pytest.raises(ValidationFailed) as bad:
        store.create_round(world["net"].id, "X", identity="openbaar")  # type: ignore[arg-type]
    assert bad.value.problems[0].code == "round-identity"
    for wrong in (0, 101, -5, True):
        with pytest.raises(ValidationFailed) as bad:
            store.update_round(plain.id, response_rate_minimum=wrong)
        assert bad.value.problems[0].code == "response-rate-minimum"
        assert "1 tot en met 100" in bad.value.problems[0].fix("nl")
    answer_via_links(store, plain, q, 1)
    with pytest.raises(Conflict) as locked:
        store.update_round(plain.id, identity="named")
    assert locked.value.problems[0].code == "round-named-locked"
    assert store.get_round(plain.id).identity == "anonymous"
    assert store.update_round(named.id, identity="anonymous").identity == "anonymous"  # always allowed


def test_the_response_rate_threshold_closes_results_below_it_and_opens_at_it(
    store: Store, q: Questionnaire, world: dict[str, Any]
) -> None:
    rnd = store.create_round(world["net"].id, "2025 voorjaar", response_rate_minimum=50)
    answer_via_links(store, rnd, q, 3)
    spare = store.create_invitations(rnd.id, 5)  # 8 links issued, 3 answered: 37.5 %
    view = round_view(store, rnd.id)
    assert view is not None and view.diagnosis.anonymity.met, "the anonymity minimum alone is met"
    assert not view.results_allowed and view.diagnosis.response_rate_short
    assert view.texts == {}
    from diagnose.report import input_from_view
    from diagnose.report.model import build_model

    model = build_model(input_from_view(view, store.bundle), "nl")
    assert not model.allowed and "50%" in model.below_minimum
    data = json.loads(export_results(store, "json", round_id=rnd.id))
    assert data["rounds"][0]["results"] == "response_rate" and "scores" not in data["rounds"][0]
    assert FREE_TEXT not in everything_in(export_results(store, "xlsx", round_id=rnd.id), "xlsx")
    with pytest.raises(StoreError) as closed:
        store.export_round(rnd.id, "csv", by=OPERATOR)
    assert "drempel" in closed.value.problems[0].what("nl")
    assert store.closed_results([rnd.id]) == {rnd.id: "response_rate"}
    # a revoked, unused link is not invited: still 8
    store.revoke_invitation(store.create_invitations(rnd.id, 1)[0].invitation.id)
    assert store.round_counts(rnd.id).invited == 8
    # a fourth answer: 4 of 8 is exactly the threshold, and the results open everywhere
    opened = store.open_response(spare[0].token)
    assert opened.response is not None
    submit_full(store, opened.response.id, full_answers(q, random.Random(9), role=role_values(q)[0]))
    assert store.round_counts(rnd.id).invited == 8
    view = round_view(store, rnd.id)
    assert view is not None and view.results_allowed and not view.diagnosis.response_rate_short
    assert json.loads(export_results(store, "json", round_id=rnd.id))["rounds"][0]["results"] == "open"
    assert store.closed_results([rnd.id]) == {}
    assert len(store.export_round(rnd.id, "csv", by=OPERATOR).splitlines()) == 5


def test_counts_stay_right_after_revoking_a_started_link(
    store: Store, q: Questionnaire, world: dict[str, Any]
) -> None:
    """Was: Uitgenodigd 3, Begonnen 4, Respons 100% after a started link was revoked."""
    rnd = store.create_round(world["net"].id, "2025 voorjaar")
    made = store.create_invitations(rnd.id, 4)
    rng = random.Random(5)
    responses = []
    for new in made:
        opened = store.open_response(new.token)
        assert opened.response is not None
        responses.append(opened.response.id)
        store.save_answer(opened.response.id, _scale(q), 3)
    for response_id in responses[:2]:
        submit_full(store, response_id, full_answers(q, rng, role=role_values(q)[0]))
    before = store.round_counts(rnd.id)
    assert (before.invited, before.started, before.submitted) == (4, 4, 2)
    store.revoke_invitation(made[3].invitation.id)  # started, never handed in: can never be
    after = store.round_counts(rnd.id)
    assert (after.invited, after.opened, after.started, after.submitted) == (3, 3, 3, 2)
    store.revoke_invitation(made[0].invitation.id)  # handed in: that member was invited and answered
    after = store.round_counts(rnd.id)
    assert (after.invited, after.started, after.submitted) == (3, 3, 2)
    assert after.submitted <= after.started <= after.opened and after.submitted <= after.invited
    # the network overview counts the same way
    (entry,) = store.network_history(world["net"].id)
    assert entry.counts == after


def _scale(q: Questionnaire) -> str:
    return next(item.id for item in q.items() if item.type == "scale")


def test_a_round_closed_by_its_threshold_is_not_shown_beside_a_later_round(
    store: Store, q: Questionnaire, world: dict[str, Any]
) -> None:
    from diagnose.store.round_view import shown_diagnosis

    earlier = store.create_round(world["net"].id, "2024 voorjaar", response_rate_minimum=60)
    answer_via_links(store, earlier, q, 4)
    store.create_invitations(earlier.id, 2)  # 4 of 6: 67 %, above 60 %
    later = store.create_round(world["net"].id, "2025 voorjaar")
    answer_via_links(store, later, q, 4, seed=6)
    view = round_view(store, later.id)
    assert view is not None and [h.label for h in view.history] == ["2024 voorjaar"]
    assert view.diagnosis.previous is not None and view.diagnosis.previous.label == "2024 voorjaar"
    # the threshold goes up to 80 %: the earlier round closes, on its own and beside the later one,
    # and the later round's diagnosis no longer compares with it (no trend against closed results)
    store.update_round(earlier.id, response_rate_minimum=80)
    assert store.history_round(later.id) is None
    view = round_view(store, later.id)
    assert view is not None and view.results_allowed
    assert [h.label for h in view.history] == [] and view.diagnosis.previous is None
    assert not [f for f in view.diagnosis.findings if f.kind == "trend"]
    latest = store.latest_snapshot(later.id)
    assert latest is not None and latest.diagnosis().previous is None, "diagnosed again, and stored"
    shown = [shown_diagnosis(e) for e in store.network_history(world["net"].id)]
    assert [d.results_allowed if d else None for d in shown] == [False, True]
