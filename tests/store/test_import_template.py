"""The import template: download, fill in, import back, with or without its row of explanations.

Choice answers may be given as codes, labels or the names a label gives ("schoolleider",
"bestuurder"), and the import's messages never send an app user to a command-line flag.
"""

from __future__ import annotations

import csv
import io
import random
import re
from typing import Any

import pytest
from openpyxl import load_workbook

from diagnose import Bundle
from diagnose.catalogue import CATALOGUE
from diagnose.item_types import parse_cell
from diagnose.problems import ValidationFailed
from diagnose.questionnaire import Questionnaire
from diagnose.responses import ROLE_CONSTRUCT
from diagnose.store import Store
from diagnose.synthetic import RoundSpec, generate_round

ROLE_NAMES = ["schoolleider", "Bestuurder", "leraar", "docent", "gemeente", "school_leader"]


def filled_rows(q: Questionnaire, count: int) -> list[dict[str, Any]]:
    """Answers for every item, the role given as a Dutch name (or a code) as people type it."""
    rnd = generate_round(q, RoundSpec(label="x", respondents=count), random.Random(5))
    rows = []
    role_item = q.fact_item(ROLE_CONSTRUCT)
    assert role_item is not None
    for index, response in enumerate(rnd.responses):
        answers = dict(response.answers)
        answers[role_item.id] = ROLE_NAMES[index % len(ROLE_NAMES)]
        rows.append({"respondent": f"R{index + 1}", **answers})
    return rows


def cell(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(value)
    return value


def fill_csv(template: bytes, rows: list[dict[str, Any]], *, keep_explanation: bool) -> bytes:
    lines = list(csv.reader(io.StringIO(template.decode("utf-8-sig"))))
    header, explanation = lines[0], lines[1]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    if keep_explanation:
        writer.writerow(explanation)
    for row in rows:
        writer.writerow([cell(row.get(column, "")) for column in header])
    return out.getvalue().encode("utf-8")


def fill_xlsx(template: bytes, rows: list[dict[str, Any]], *, keep_explanation: bool) -> bytes:
    book = load_workbook(io.BytesIO(template))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    if not keep_explanation:
        sheet.delete_rows(2)
    for row in rows:
        sheet.append([cell(row.get(column)) for column in header])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("keep_explanation", [True, False])
def test_the_template_filled_in_imports_back(store: Store, fmt: str, keep_explanation: bool) -> None:
    q = store.bundle.questionnaire("netwerkscan")
    template = store.answer_template("netwerkscan", fmt)
    rows = filled_rows(q, 4)
    data = (fill_csv if fmt == "csv" else fill_xlsx)(template, rows, keep_explanation=keep_explanation)
    ws = store.create_workspace("Sjabloon")
    result = store.import_bytes(
        data, f"antwoorden.{fmt}", workspace_id=ws.id, network="Netwerk Zuid", round_label="2026 voorjaar"
    )
    assert result.responses == 4  # the explanation row is no respondent
    [network] = store.list_networks(ws.id)
    [rnd] = store.list_rounds(network.id)
    responses = sorted(store.list_responses(rnd.id), key=lambda r: r.respondent)
    role_item = q.fact_item(ROLE_CONSTRUCT)
    assert role_item is not None
    expected = {"R1": "school_leader", "R2": "board", "R3": "teacher", "R4": "teacher"}
    assert [r.respondent for r in responses] == list(expected)
    for response in responses:
        answers = store.answers(response.id)
        assert answers[role_item.id] == expected[response.respondent]
        original = next(r for r in rows if r["respondent"] == response.respondent)
        for item in q.items():
            if item.id != role_item.id and item.id in original:
                assert answers.get(item.id) == original[item.id], item.id


def test_the_template_has_every_item_and_a_dutch_explanation_for_each(bundle: Bundle) -> None:
    q = bundle.questionnaire("netwerkscan")
    from diagnose.store.transfer.template import answer_template

    header, explanation = list(csv.reader(io.StringIO(answer_template(q, "csv").decode("utf-8-sig"))))
    assert header[2:] == [item.id for item in q.items()]
    assert explanation[0].startswith("#")
    for item, text in zip(q.items(), explanation[2:], strict=True):
        assert text.startswith(item.text.nl), item.id
    scale = next(text for item, text in zip(q.items(), explanation[2:], strict=True) if item.type == "scale")
    assert "1 t/m 5" in scale and "weet niet" in scale
    role = explanation[2 + [i.id for i in q.items()].index(q.fact_item(ROLE_CONSTRUCT).id)]  # type: ignore[union-attr]
    assert "Schoolleider" in role and "school_leader" not in role
    book = load_workbook(io.BytesIO(answer_template(q, "xlsx")))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert list(rows[0]) == header and list(rows[1]) == explanation


def test_only_the_row_under_the_header_is_an_explanation(store: Store) -> None:
    """A '#' further down is a respondent's data, checked as such: nothing is skipped silently."""
    q = store.bundle.questionnaire("netwerkscan")
    template = store.answer_template("netwerkscan", "csv")
    rows = filled_rows(q, 3)
    rows[1]["respondent"] = "# 2"
    data = fill_csv(template, rows, keep_explanation=True)
    ws = store.create_workspace("Hekje")
    result = store.import_bytes(data, "a.csv", workspace_id=ws.id, network="N", round_label="R")
    assert result.responses == 3


def test_a_template_with_only_its_explanation_is_an_empty_file(store: Store) -> None:
    ws = store.create_workspace("Leeg")
    with pytest.raises(ValidationFailed) as caught:
        store.import_bytes(
            store.answer_template("netwerkscan", "xlsx"),
            "a.xlsx",
            workspace_id=ws.id,
            network="N",
            round_label="R",
        )
    assert [p.code for p in caught.value.problems] == ["empty-file"]


def test_role_names_and_codes_and_an_unknown_role_named_in_dutch(bundle: Bundle) -> None:
    q = bundle.questionnaire("netwerkscan")
    item = q.fact_item(ROLE_CONSTRUCT)
    assert item is not None
    for raw, value in (
        ("schoolleider", "school_leader"),
        ("Bestuurder", "board"),
        ("docent", "teacher"),
        ("Werkgever", "employer"),
        ("pabo", "teacher_education"),
        ("board", "board"),
        ("Bestuurder of stafmedewerker van een bestuur", "board"),  # the whole label
        ("gemeente", "municipality"),  # a name the option gives beside its label (names:)
        ("Lerarenopleiding", "teacher_education"),
    ):
        assert parse_cell(item, raw) == value, raw
    assert parse_cell(item, "voorzitter") == "voorzitter"  # no option's name: refused by the check


def test_an_unknown_role_in_a_file_lists_the_roles_by_their_dutch_names(store: Store) -> None:
    q = store.bundle.questionnaire("netwerkscan")
    rows = filled_rows(q, 3)
    role_item = q.fact_item(ROLE_CONSTRUCT)
    assert role_item is not None
    rows[0][role_item.id] = "voorzitter"
    data = fill_csv(store.answer_template("netwerkscan", "csv"), rows, keep_explanation=True)
    ws = store.create_workspace("Rollen")
    with pytest.raises(ValidationFailed) as caught:
        store.import_bytes(data, "a.csv", workspace_id=ws.id, network="N", round_label="R")
    [problem] = caught.value.problems
    assert problem.line == 3 and problem.id == role_item.id  # row 3: under the header and the explanation
    assert "schoolleider (school_leader)" in problem.fix("nl")
    assert "school leader (school_leader)" in problem.fix("en")


def test_no_import_message_names_a_command_line_flag() -> None:
    """The app shows these messages too: '--network' means nothing on a web page."""
    flag = re.compile(r"(?<![\w-])--[a-z]")
    for code, message in CATALOGUE.items():
        for text in (message.what, message.fix):
            for lang in ("nl", "en"):
                # made on the command line only: the demo, and `netscan benchmark export FILE`
                if code in ("database-not-empty", "benchmark-file-exists"):
                    continue
                assert not flag.search(text.get(lang)), (code, text.get(lang))
