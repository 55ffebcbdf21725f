"""Reading and writing answer tables (CSV and XLSX): one row per respondent, one column per item id.

Reading is strict about structure and forgiving about spelling: the delimiter (`,` `;` or tab) is
taken from the header row, headers are case-insensitive, Dutch column names (rol, netwerk, ronde,
datum, groep, vragenlijst) work, option labels are accepted for option values, "weet niet" and
friends mean don't know, and Dutch decimal commas are read. Every problem names the file, the row
(as the spreadsheet numbers it: the header is row 1), the column and the value. The row under the
header is an explanation, and skipped, when its first cell begins with "#" (the import template).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from diagnose.item_types import MULTI_SEPARATOR, is_blank, parse_number
from diagnose.problems import Problem, ValidationFailed
from diagnose.questionnaire import Questionnaire
from diagnose.store.transfer import xlsx
from diagnose.text import LocalizedText

TRUE_WORDS = {"1", "true", "yes", "ja", "j", "y", "x", "waar", "groep", "group"}
FALSE_WORDS = {"", "0", "false", "no", "nee", "n", "onwaar"}
META_COLUMNS: dict[str, tuple[str, ...]] = {
    "network": ("network", "netwerk"),
    "round": ("round", "ronde"),
    "date": ("date", "datum", "round_date"),
    "questionnaire": ("questionnaire", "vragenlijst"),
    "questionnaire_version": ("questionnaire_version", "vragenlijst_versie", "version", "versie"),
    "respondent": ("respondent", "respondent_id", "respondentnummer"),
    "role": ("role", "rol"),
    "group": ("group", "groep"),
}
META_ALIASES = {alias: name for name, aliases in META_COLUMNS.items() for alias in aliases}
EXPORT_META = (
    "network",
    "round",
    "date",
    "questionnaire",
    "questionnaire_version",
    "respondent",
    "role",
    "group",
)


@dataclass
class Table:
    file: str
    header: list[str]  # normalised (stripped, lower case); "" for an empty header cell
    rows: list[tuple[int, list[Any]]]  # (row number as the spreadsheet shows it, cells)


def normalise_header(cell: Any) -> str:
    return str(cell).strip().lower() if cell is not None else ""


def _limit_rows(count: int, max_rows: int, file: str) -> None:
    if count > max_rows:
        raise ValidationFailed(
            [Problem("too-many-rows", file=file, params={"limit": f"{max_rows:,}".replace(",", ".")})]
        )


def decode_text(data: bytes, file: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ValidationFailed([Problem("file-encoding", file=file, line=line)]) from exc


def read_csv(data: bytes, file: str, max_rows: int) -> Table:
    text = decode_text(data, file)
    if "\x00" in text:
        raise ValidationFailed(
            [
                Problem(
                    "csv-syntax",
                    file=file,
                    line=text[: text.index("\x00")].count("\n") + 1,
                    params={
                        "detail": LocalizedText(
                            nl="binaire gegevens (NUL-tekens)", en="binary data (NUL bytes)"
                        )
                    },
                )
            ]
        )
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    rows: list[tuple[int, list[Any]]] = []
    try:
        for cells in reader:
            if header is None:
                if not any(c.strip() for c in cells):
                    continue
                header = [normalise_header(c) for c in cells]
                header_line = reader.line_num
                continue
            if not any(c.strip() for c in cells):
                continue
            rows.append((reader.line_num, cells))
            _limit_rows(len(rows), max_rows, file)
    except csv.Error as exc:
        raise ValidationFailed(
            [Problem("csv-syntax", file=file, line=reader.line_num, params={"detail": str(exc)})]
        ) from exc
    if header is None or not rows:
        raise ValidationFailed([Problem("empty-file", file=file)])
    problems = [
        Problem(
            "table-shape",
            file=file,
            line=line,
            params={
                "detail": LocalizedText(
                    nl=f"{len(cells)} cellen, de kopregel (regel {header_line}) heeft er {len(header)}",
                    en=f"{len(cells)} cells where the header (line {header_line}) has {len(header)}",
                ),
            },
        )
        for line, cells in rows
        if (len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]))
        or len(cells) < len(header)
    ]
    if problems:
        raise ValidationFailed(problems[:50])
    return Table(
        file,
        header,
        [(line, [unescape(c) for c in cells[: len(header)]]) for line, cells in rows],
    )


def read_xlsx(data: bytes, file: str, max_rows: int) -> Table:
    header: list[str] | None = None
    rows: list[tuple[int, list[Any]]] = []
    for number, raw in xlsx.read_sheet(data, file, max_rows):
        values = [unescape(v) for v in raw]
        if not any(v is not None and str(v).strip() for v in values):
            continue
        if header is None:
            header = [normalise_header(v) for v in values]
            continue
        extra = values[len(header) :]
        if any(v is not None and str(v).strip() for v in extra):
            raise ValidationFailed(
                [
                    Problem(
                        "table-shape",
                        file=file,
                        line=number,
                        params={
                            "detail": LocalizedText(
                                nl="een waarde rechts van de laatste kolom met een kop",
                                en="a value right of the last column with a header",
                            )
                        },
                    )
                ]
            )
        rows.append((number, values[: len(header)] + [None] * (len(header) - len(values))))
        _limit_rows(len(rows), max_rows, file)
    if header is None or not rows:
        raise ValidationFailed([Problem("empty-file", file=file)])
    return Table(file, header, rows)


EXPLANATION_MARK = "#"


def without_explanation(table: Table) -> Table:
    """The table without its explanation row: the first row under the header is skipped when its
    first cell begins with ``#`` (the import template's row of explanations, kept or deleted as
    the user likes). Only that row: a ``#`` further down is data and is checked as data."""
    if table.rows:
        first = table.rows[0][1][0] if table.rows[0][1] else None
        if isinstance(first, str) and first.lstrip().startswith(EXPLANATION_MARK):
            if len(table.rows) == 1:
                raise ValidationFailed([Problem("empty-file", file=table.file)])
            return Table(table.file, table.header, table.rows[1:])
    return table


# ---- cells to answers --------------------------------------------------------------------------

MAX_CELL_CHARS = 10_000
MAX_DIGITS = 30
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LONG_NUMBER = re.compile(rf"\s*[+-]?[0-9][0-9.,]{{{MAX_DIGITS},}}\s*")


def cell_problem(raw: Any) -> LocalizedText | None:
    """What makes a cell unusable whatever its column (None when nothing does): a text longer
    than MAX_CELL_CHARS, a number with more than MAX_DIGITS digits (Python refuses to read 4,300),
    NaN or infinity, control characters such as an ANSI escape code."""
    if isinstance(raw, float) and not math.isfinite(raw):
        return LocalizedText(nl="geen eindig getal", en="not a finite number")
    if not isinstance(raw, str):
        return None
    if len(raw) > MAX_CELL_CHARS:
        return LocalizedText(
            nl=f"langer dan {MAX_CELL_CHARS:,} tekens".replace(",", "."),
            en=f"longer than {MAX_CELL_CHARS:,} characters",
        )
    if _LONG_NUMBER.fullmatch(raw):
        return LocalizedText(nl=f"meer dan {MAX_DIGITS} cijfers", en=f"more than {MAX_DIGITS} digits")
    if _CONTROL.search(raw):
        return LocalizedText(
            nl="bevat een stuurteken (zoals een escape-code)",
            en="contains a control character (such as an escape code)",
        )
    return None


def parse_group(raw: Any) -> bool | None:
    if raw is None:
        return False
    if isinstance(raw, bool):
        return raw
    text = str(parse_number(raw)).strip().casefold()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    return None


def parse_date(raw: Any) -> dt.date | str | None:
    """A date from a cell (ISO, d-m-yyyy or a spreadsheet date); the text itself when unreadable."""
    if is_blank(raw):
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = str(raw).strip()
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return text


# ---- writing -----------------------------------------------------------------------------------


def cell_text(value: Any) -> Any:
    """An answer as a cell, inert: lists joined with ';', text escaped (see escape)."""
    if isinstance(value, list):
        return escape(MULTI_SEPARATOR.join(str(v) for v in value))
    return escape(value) if isinstance(value, str) else value


# A spreadsheet reads a cell that begins with one of these as a formula (OWASP, CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _needs_quote(text: str) -> bool:
    return text.startswith(FORMULA_START) or (text.startswith("'") and _needs_quote(text[1:]))


def escape(text: str) -> str:
    """Text made inert for a spreadsheet: a leading ' before = + - @ tab or CR (and before a '
    that an escaped text would begin with), so that unescape gives back exactly this text, and
    a text like "'s-Hertogenbosch" stays as it is."""
    return "'" + text if _needs_quote(text) else text


def unescape(value: Any) -> Any:
    """The text escape made inert, back as it was; every other cell as it is."""
    if isinstance(value, str) and value.startswith("'") and _needs_quote(value[1:]):
        return value[1:]
    return value


def item_columns(questionnaires: Iterable[Questionnaire]) -> list[str]:
    """The item columns of these questionnaires, in questionnaire order, without duplicates."""
    seen: dict[str, None] = {}
    for q in questionnaires:
        for item in q.items():
            seen.setdefault(item.id, None)
    return list(seen)


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel shows accents right."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([cell_text(v) for v in header])
    for row in rows:
        writer.writerow(["" if v is None else cell_text(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_cell(value: Any) -> Any:
    """A cell for XLSX: inert (cell_text), with what XML cannot hold (CR, control characters)
    written as OOXML's _xHHHH_, which xlsx.read_sheet and Excel read back."""
    value = cell_text(value)
    return xlsx.ooxml_escape(value) if isinstance(value, str) else value


def write_xlsx(
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    item_sheet: Sequence[Sequence[Any]] | None = None,
    *,
    left_out: Sequence[Sequence[Any]] = (),
) -> bytes:
    """The answers sheet, the items, and the rounds left out because their results are closed."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("antwoorden")
    sheet.freeze_panes = "A2"
    sheet.append([xlsx_cell(v) for v in header])
    for row in rows:
        sheet.append([xlsx_cell(v) for v in row])
    if item_sheet is not None:
        items = workbook.create_sheet("items")
        items.append(["item", "construct", "type", "vraag (nl)", "question (en)", "opties / options"])
        for line in item_sheet:
            items.append([xlsx_cell(v) for v in line])
    if left_out:
        closed = workbook.create_sheet("weggelaten")
        closed.append(["netwerk / network", "meting / round", "waarom", "why"])
        for line in left_out:
            closed.append([xlsx_cell(v) for v in line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
