"""Import and export: every bad input gives a clear error and writes nothing; round trips lose nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from diagnose import Bundle, ValidationFailed, diagnose
from diagnose.questionnaire import Questionnaire
from diagnose.responses import ResponseFile
from diagnose.store import Store
from diagnose.store.transfer.tables import cell_text

from .conftest import full_answers, role_values, scale_items
from .helpers import OPERATOR


@pytest.fixture
def ws(store: Store) -> Any:
    return store.create_workspace("Adviesbureau")


TABLE_ANSWERS: dict[tuple[int, int], list[dict[str, Any]]] = {}


def table_rows(q: Questionnaire, n: int, seed: int = 1) -> tuple[list[str], list[list[Any]]]:
    """A realistic answer table: respondent, role and one column per item (generated, not hard-coded)."""
    rng = random.Random(seed)
    items = [item.id for item in q.items()]
    rows, answers_list = [], []
    for index in range(n):
        role = rng.choice(role_values(q))
        answers = full_answers(q, rng, role=role)
        answers_list.append(answers)
        rows.append([f"p{index + 1:02d}", role, *(cell_text(answers[i]) for i in items)])
    TABLE_ANSWERS[(n, seed)] = answers_list
    return ["respondent", "role", *items], rows


def csv_bytes(
    header: list[str], rows: list[list[Any]], *, delimiter: str = ",", encoding: str = "utf-8"
) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding, errors="replace")


def xlsx_bytes(header: list[str], rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def problems(exc: pytest.ExceptionInfo[ValidationFailed]) -> list[tuple[str, int | None, str | None]]:
    return [(p.code, p.line, p.id) for p in exc.value.problems]


def assert_nothing_written(store: Store, before: dict[str, int]) -> None:
    assert store.table_counts() == before


# ---- tables -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_import_a_table_then_diagnose(store: Store, ws: Any, q: Questionnaire, kind: str) -> None:
    header, rows = table_rows(q, 12)
    data = csv_bytes(header, rows) if kind == "csv" else xlsx_bytes(header, rows)
    result = store.import_bytes(
        data,
        f"antwoorden.{kind}",
        workspace_id=ws.id,
        network="Netwerk A",
        round_label="2025 voorjaar",
        round_date=dt.date(2025, 3, 14),
    )
    assert (result.networks_created, result.rounds_created, result.responses) == (1, 1, 12)
    rnd = store.get_round(result.round_ids[0])
    assert rnd.label == "2025 voorjaar" and rnd.date == dt.date(2025, 3, 14) and rnd.questionnaire_id == q.id
    core = store.round_as_core(rnd.id)
    assert [r.respondent for r in core.responses] == [row[0] for row in rows]
    assert [r.answers for r in core.responses] == TABLE_ANSWERS[(12, 1)]
    assert [r.role for r in core.responses] == [row[1] for row in rows]
    assert store.diagnose_round(rnd.id).respondents == 12
    # a second file goes into the same round
    more_header, more_rows = table_rows(q, 3, seed=2)
    for row in more_rows:
        row[0] = "extra-" + row[0]
    store.import_bytes(
        csv_bytes(more_header, more_rows),
        "meer.csv",
        workspace_id=ws.id,
        network="Netwerk A",
        round_label="2025 voorjaar",
    )
    assert store.round_counts(rnd.id).submitted == 15


def test_table_values_are_read_as_people_write_them(store: Store, ws: Any, q: Questionnaire) -> None:
    """Semicolon CSV (Dutch Excel), Dutch column names and labels, 'weet niet', decimal commas, no respondent ids."""
    scale = scale_items(q)[:2]
    role_item = q.fact_item("respondent_role")
    multi = next(i for i in q.items() if i.type == "multi")
    number = next(i for i in q.items() if i.type == "number")
    single = next(i for i in q.items() if i.type == "single" and i.construct_id != "respondent_role")
    assert role_item is not None and role_item.options and multi.options and single.options
    teacher = role_item.options[0]
    header = ["Rol", " " + scale[0].upper() + " ", scale[1], multi.id, number.id, single.id]
    rows = [
        [
            teacher.label.nl,
            "4",
            "Weet niet",
            f"{multi.option_values[0]}; {multi.options[1].label.en}",
            f"{int(number.min or 0) + 2},0",
            single.options[0].label.nl.upper(),
        ],
        [teacher.value, "5,0", "dk", "", "", ""],
    ]
    data = csv_bytes(header, rows, delimiter=";")
    result = store.import_bytes(data, "formulier.csv", workspace_id=ws.id, network="N", round_label="R")
    core = store.round_as_core(result.round_ids[0])
    first, second = core.responses
    assert first.role == teacher.value and first.respondent == "r001" and second.respondent == "r002"
    assert first.answers == {
        scale[0]: 4,
        scale[1]: "dk",
        multi.id: multi.option_values[:2],
        number.id: int(number.min or 0) + 2,
        single.id: single.option_values[0],
    }
    assert second.answers == {scale[0]: 5, scale[1]: "dk"}


def test_rows_can_name_their_own_network_and_round(store: Store, ws: Any, q: Questionnaire) -> None:
    header, rows = table_rows(q, 6)
    header = ["netwerk", "ronde", "datum", *header]
    rows = [["Noord" if i < 3 else "Zuid", "2024", "15-3-2024", *row] for i, row in enumerate(rows)]
    result = store.import_bytes(xlsx_bytes(header, rows), "twee.xlsx", workspace_id=ws.id)
    assert (result.networks_created, result.rounds_created, result.responses) == (2, 2, 6)
    assert {r.date for r in map(store.get_round, result.round_ids)} == {dt.date(2024, 3, 15)}


def test_bad_tables_name_row_column_and_value_and_write_nothing(
    store: Store, ws: Any, q: Questionnaire
) -> None:
    header, rows = table_rows(q, 4)
    scale = scale_items(q)[0]
    column = header.index(scale)
    rows[1][column] = 7
    rows[2][column] = "veel"
    rows[3][header.index("role")] = "astronaut"
    before = store.table_counts()
    with pytest.raises(ValidationFailed) as caught:
        store.import_bytes(
            csv_bytes(header, rows), "fout.csv", workspace_id=ws.id, network="N", round_label="R"
        )
    assert problems(caught) == [
        ("answer-value", 3, scale),
        ("answer-value", 4, scale),
        ("unknown-role", 5, "role"),
    ]
    text = caught.value.format("nl")
    assert f"fout.csv:3: [answer-value] {scale}: ongeldig antwoord '7'" in text  # the cell as written
    assert "'veel'" in text and "'astronaut'" in text
    assert_nothing_written(store, before)


def test_wrong_columns(store: Store, ws: Any, q: Questionnaire) -> None:
    header, rows = table_rows(q, 2)
    misspelled = scale_items(q)[0][:-1] + "x"
    header[3] = misspelled
    header[4] = header[5]
    before = store.table_counts()
    with pytest.raises(ValidationFailed) as caught:
        store.import_bytes(
            csv_bytes(header, rows), "kolommen.csv", workspace_id=ws.id, network="N", round_label="R"
        )
    found = problems(caught)
    assert ("unknown-item", 1, misspelled) in found and ("duplicate-column", 1, header[5]) in found
    assert "did you mean" in caught.value.format("en")
    with pytest.raises(ValidationFailed) as none:
        store.import_bytes(
            csv_bytes(["naam", "leeftijd"], [["Jan", "40"]]),
            "anders.csv",
            workspace_id=ws.id,
            network="N",
            round_label="R",
        )
    assert {p.code for p in none.value.problems} == {"unknown-item"}
    with pytest.raises(ValidationFailed) as only_meta:
        store.import_bytes(
            csv_bytes(["respondent", "role"], [["a", "teacher"]]),
            "meta.csv",
            workspace_id=ws.id,
            network="N",
            round_label="R",
        )
    assert problems(only_meta) == [("no-item-columns", 1, None)]
    assert_nothing_written(store, before)


def test_a_table_needs_to_say_where_its_answers_go(store: Store, ws: Any, q: Questionnaire) -> None:
    header, rows = table_rows(q, 2)
    with pytest.raises(ValidationFailed) as caught:
        store.import_bytes(csv_bytes(header, rows), "waar.csv", workspace_id=ws.id)
    assert {p.code for p in caught.value.problems} == {"no-round-target"}


def test_a_round_with_another_questionnaire_or_taken_respondents(
    store: Store, ws: Any, q: Questionnaire
) -> None:
    header, rows = table_rows(q, 2)
    store.import_bytes(csv_bytes(header, rows), "a.csv", workspace_id=ws.id, network="N", round_label="R")
    before = store.table_counts()
    with pytest.raises(ValidationFailed) as taken:
        store.import_bytes(csv_bytes(header, rows), "a.csv", workspace_id=ws.id, network="N", round_label="R")
    assert [p.code for p in taken.value.problems] == ["respondent-exists", "respondent-exists"]
    with pytest.raises(ValidationFailed) as other:
        store.import_bytes(
            csv_bytes(["questionnaire", *header], [["quickscan", *rows[0]]]),
            "b.csv",
            workspace_id=ws.id,
            network="N",
            round_label="R",
        )
    assert other.value.problems[0].code == "round-questionnaire"
    assert_nothing_written(store, before)


def test_latin1_file_is_a_clear_encoding_error(store: Store, ws: Any, q: Questionnaire) -> None:
    header, rows = table_rows(q, 3)
    rows = [[c.encode("ascii", "ignore").decode() if isinstance(c, str) else c for c in row] for row in rows]
    rows[2][header.index("respondent")] = "Anaïs"  # the only non-ASCII character, on file line 4
    data = csv_bytes(header, rows, encoding="latin-1")
    with pytest.raises(ValidationFailed) as caught:
        store.import_bytes(data, "latin.csv", workspace_id=ws.id, network="N", round_label="R")
    assert problems(caught) == [("file-encoding", 4, None)]
    assert "UTF-8" in caught.value.format("en")
    assert store.is_empty() is False and store.table_counts()["response"] == 0


@pytest.mark.parametrize(
    "name,data,code",
    [
        ("leeg.csv", b"", "empty-file"),
        ("alleen-kop.csv", b"respondent,role\n", "empty-file"),
        ("witruimte.csv", b"\n\n  \n", "empty-file"),
        ("leeg.json", b"", "empty-file"),
        ("leeg.xlsx", b"", "empty-file"),
        ("kapot.csv", b'respondent,role\n"a,teacher\n', "csv-syntax"),
        ("te-veel-cellen.csv", b"respondent,role\na,teacher,extra,more\n", "table-shape"),
        ("binair.csv", b"respondent,role\n\x00\x01\x02,x\n", "csv-syntax"),
        ("geen.xlsx", b"respondent,role\na,teacher\n", "not-xlsx"),
        ("zip-maar-geen.xlsx", b"PK\x03\x04" + b"\x00" * 100, "not-xlsx"),
        ("kapot.json", b'{"questionnaire": ', "json-syntax"),
        ("antwoorden.pdf", b"%PDF-1.4", "unknown-format"),
    ],
)
def test_malformed_files(store: Store, ws: Any, name: str, data: bytes, code: str) -> None:
    before = store.table_counts()
    with pytest.raises(ValidationFailed) as caught:
        store.import_bytes(data, name, workspace_id=ws.id, network="N", round_label="R")
    assert caught.value.problems[0].code == code, caught.value.format("en")
    assert caught.value.problems[0].file == name
    assert_nothing_written(store, before)


def test_an_xlsx_that_is_a_zip_of_something_else(store: Store, ws: Any) -> None:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    with pytest.raises(ValidationFailed) as caught:
        store.import_bytes(buffer.getvalue(), "zip.xlsx", workspace_id=ws.id, network="N", round_label="R")
    assert caught.value.problems[0].code == "not-xlsx"


def test_size_limits(store: Store, ws: Any, q: Questionnaire) -> None:
    from diagnose.store.transfer import plan

    header, rows = table_rows(q, 1)
    too_many = csv_bytes(header, rows * (plan.MAX_ROWS + 1))
    with pytest.raises(ValidationFailed) as rows_caught:
        store.import_bytes(too_many, "groot.csv", workspace_id=ws.id, network="N", round_label="R")
    assert rows_caught.value.problems[0].code == "too-many-rows"
    assert "5.000" in rows_caught.value.format("nl")
    huge = b"respondent,role\n" + b"x" * (plan.MAX_TABLE_BYTES + 1)
    with pytest.raises(ValidationFailed) as size_caught:
        store.import_bytes(huge, "enorm.csv", workspace_id=ws.id, network="N", round_label="R")
    assert size_caught.value.problems[0].code == "file-too-large"
    assert "10 MB" in size_caught.value.format("en")
    assert store.table_counts()["response"] == 0


# ---- JSON -----------------------------------------------------------------------------------------


def response_file(q: Questionnaire, seed: int = 1) -> dict[str, Any]:
    rng = random.Random(seed)

    def rnd(label: str, date: str, n: int) -> dict[str, Any]:
        return {
            "label": label,
            "date": date,
            "responses": [
                {"respondent": f"r{i}", "answers": full_answers(q, rng, role=rng.choice(role_values(q)))}
                for i in range(n)
            ],
        }

    return {
        "questionnaire": {"id": q.id, "version": q.version},
        "network": {"name": "Lerend netwerk", "profile": {"size": 11}},
        "round": rnd("2025", "2025-03-01", 5),
        "history": [rnd("2024", "2024-03-01", 4)],
    }


def test_import_the_core_response_file(store: Store, ws: Any, q: Questionnaire, bundle: Bundle) -> None:
    data = response_file(q)
    result = store.import_bytes(json.dumps(data).encode(), "ronde.json", workspace_id=ws.id)
    assert (result.networks_created, result.rounds_created, result.responses) == (1, 2, 9)
    net = store.list_networks(ws.id)[0]
    assert net.profile == {"size": 11}
    current = next(r for r in store.list_rounds(net.id) if r.label == "2025")
    snap = store.diagnose_round(current.id)
    rf = ResponseFile.model_validate(data)
    expected = diagnose(bundle, q, rf.round, rf.history, rf.network)
    assert snap.data == expected.model_dump(mode="json")
    # next year's file repeats 2025 as history: it is left alone, the new round is added
    nxt = response_file(q, seed=2)
    nxt["history"] = [data["round"]]
    nxt["round"]["label"] = "2026"
    again = store.import_bytes(json.dumps(nxt).encode(), "ronde2.json", workspace_id=ws.id)
    assert (again.networks_created, again.rounds_created, again.responses) == (0, 1, 5)


def test_bad_response_file_names_respondent_and_item(store: Store, ws: Any, q: Questionnaire) -> None:
    data = response_file(q)
    scale = scale_items(q)[0]
    data["round"]["responses"][1]["answers"][scale] = 9
    data["round"]["responses"][2]["answers"]["bestaat_niet"] = 1
    data["round"]["extra"] = True
    before = store.table_counts()
    with pytest.raises(ValidationFailed) as caught:
        store.import_bytes(json.dumps(data).encode(), "fout.json", workspace_id=ws.id)
    assert [p.code for p in caught.value.problems] == ["unknown-key"]
    del data["round"]["extra"]
    with pytest.raises(ValidationFailed) as answers:
        store.import_bytes(json.dumps(data).encode(), "fout.json", workspace_id=ws.id)
    assert [(p.code, p.id, p.field) for p in answers.value.problems] == [
        ("answer-value", "r1", scale),
        ("unknown-item", "r2", "bestaat_niet"),
    ]
    assert_nothing_written(store, before)


# ---- export and round trips ---------------------------------------------------------------------


def fill(store: Store, q: Questionnaire, bundle: Bundle) -> int:
    """A workspace with two networks, a quickscan round, drafts, invitations and snapshots."""
    ws = store.create_workspace("Programmabureau Zuid")
    rng = random.Random(11)
    quick = bundle.questionnaire("quickscan")
    for n, name in enumerate(["Netwerk Één", "Netwerk Twee"]):
        net = store.create_network(ws.id, name, {"size": 10 + n, "sector": "po"})
        for year in (2023, 2024, 2025):
            questionnaire = quick if (n, year) == (1, 2023) else q
            rnd = store.create_round(
                net.id, f"{year} voorjaar", date=dt.date(year, 3, 1), questionnaire_id=questionnaire.id
            )
            for _ in range(rng.randint(3, 5)):
                opened = store.open_response(store.create_invitations(rnd.id)[0].token)
                assert opened.response is not None
                for item_id, value in full_answers(
                    questionnaire, rng, role=rng.choice(role_values(q))
                ).items():
                    store.save_answer(opened.response.id, item_id, value)
                assert store.submit(opened.response.id) == []
            draft = store.open_response(store.create_shared_link(rnd.id).token).response
            assert draft is not None
            store.save_answer(draft.id, scale_items(questionnaire)[0], 2)
            store.diagnose_round(rnd.id)
            if year < 2025:
                store.close_round(rnd.id)
    store.rediagnose(workspace_id=ws.id)
    return ws.id


def test_export_then_import_into_an_empty_database_reproduces_everything(
    store: Store, other_store: Store, q: Questionnaire, bundle: Bundle
) -> None:
    ws_id = fill(store, q, bundle)
    archive = store.export_workspace(ws_id, "json", by=OPERATOR)
    result = other_store.import_bytes(archive, "backup.json")
    assert result.rounds_created == 6
    assert other_store.table_counts() == store.table_counts()
    new_ws = other_store.list_workspaces()[0]
    assert new_ws.name == "Programmabureau Zuid"
    old_nets, new_nets = store.list_networks(ws_id), other_store.list_networks(new_ws.id)
    assert [(n.name, n.profile) for n in old_nets] == [(n.name, n.profile) for n in new_nets]
    other_store.rediagnose(workspace_id=new_ws.id)
    for old_net, new_net in zip(old_nets, new_nets, strict=True):
        old_hist, new_hist = store.network_history(old_net.id), other_store.network_history(new_net.id)
        for old, new in zip(old_hist, new_hist, strict=True):
            assert (old.round.label, old.round.date, old.round.is_open, old.counts) == (
                new.round.label,
                new.round.date,
                new.round.is_open,
                new.counts,
            )
            assert old.snapshot is not None and new.snapshot is not None
            assert new.snapshot.data == old.snapshot.data  # the same diagnosis, recomputed
            assert [s.data for s in store.snapshots(old.round.id)] == [
                s.data for s in other_store.snapshots(new.round.id)
            ][: len(store.snapshots(old.round.id))]
            old_responses = store.list_responses(old.round.id)
            new_responses = other_store.list_responses(new.round.id)
            assert [store.answers(r.id) for r in old_responses] == [
                other_store.answers(r.id) for r in new_responses
            ]
    # the invitation links sent out still work in the new database
    assert other_store.export_workspace(new_ws.id, "json", by=OPERATOR).count(
        b"token_sha256"
    ) == archive.count(b"token_sha256")


def answers_of(rnd: Any) -> list[tuple[Any, ...]]:
    """A round's responses without their respondent ids, in one order."""
    return sorted((r.role or "", r.group, json.dumps(r.answers, sort_keys=True)) for r in rnd.responses)


def test_csv_and_xlsx_exports_import_back(
    store: Store, other_store: Store, q: Questionnaire, bundle: Bundle, tmp_path: Any
) -> None:
    ws_id = fill(store, q, bundle)
    for kind in ("csv", "xlsx"):
        data = store.export_workspace(ws_id, kind, by=OPERATOR)
        target = other_store.create_workspace(f"Kopie {kind}")
        result = other_store.import_bytes(data, f"export.{kind}", workspace_id=target.id)
        assert result.rounds_created == 6 and result.networks_created == 2
        for net in other_store.list_networks(target.id):
            original = next(n for n in store.list_networks(ws_id) if n.name == net.name)
            for old, new in zip(store.list_rounds(original.id), other_store.list_rounds(net.id), strict=True):
                assert (old.label, old.date, old.questionnaire_id) == (
                    new.label,
                    new.date,
                    new.questionnaire_id,
                )
                assert answers_of(store.round_as_core(old.id)) == answers_of(
                    other_store.round_as_core(new.id)
                )
                # respondents are numbered in the file: their stored ids do not travel
                assert {r.respondent for r in other_store.round_as_core(new.id).responses} == {
                    f"R{i}" for i in range(1, len(store.list_responses(old.id)))
                }
    workbook = load_workbook(io.BytesIO(store.export_workspace(ws_id, "xlsx", by=OPERATOR)), read_only=True)
    assert workbook.sheetnames == ["antwoorden", "items"]


def test_round_export_is_the_core_response_file(store: Store, q: Questionnaire, bundle: Bundle) -> None:
    ws_id = fill(store, q, bundle)
    for net in store.list_networks(ws_id):
        rounds = store.list_rounds(net.id)
        data = json.loads(store.export_round(rounds[-1].id, "json", by=OPERATOR))
        rf = ResponseFile.model_validate(data)
        # history: the earlier rounds with the same questionnaire (Netwerk Twee began with the quickscan)
        same = [r.label for r in rounds[:-1] if r.questionnaire_id == q.id]
        assert [h.label for h in rf.history] == same and len(same) == (2 if net.name == "Netwerk Één" else 1)
        d = diagnose(bundle, q, rf.round, rf.history, rf.network)
        latest = store.latest_snapshot(rounds[-1].id)
        assert latest is not None and d.model_dump(mode="json") == latest.data
    with pytest.raises(ValidationFailed) as bad:
        store.export_round(rounds[-1].id, "pdf", by=OPERATOR)
    assert bad.value.problems[0].code == "export-format"


def test_archive_cannot_overwrite_existing_rounds(store: Store, q: Questionnaire, bundle: Bundle) -> None:
    ws_id = fill(store, q, bundle)
    archive = store.export_workspace(ws_id, "json", by=OPERATOR)
    before = store.table_counts()
    with pytest.raises(ValidationFailed) as caught:
        store.import_bytes(archive, "backup.json", workspace_id=ws_id)
    assert {p.code for p in caught.value.problems} == {"round-exists"}
    assert_nothing_written(store, before)
    broken = json.loads(archive)
    network = next(n for n in broken["workspaces"][0]["networks"] if n["name"] == "Netwerk Één")
    network["rounds"][0]["responses"][0]["answers"][scale_items(q)[0]] = 0
    network["name"] = "Nieuw"
    with pytest.raises(ValidationFailed) as invalid:
        store.import_bytes(json.dumps(broken).encode(), "backup.json", workspace_id=ws_id)
    assert {p.code for p in invalid.value.problems} == {
        "round-exists",
        "answer-value",
    }  # every problem at once
    assert_nothing_written(store, before)
