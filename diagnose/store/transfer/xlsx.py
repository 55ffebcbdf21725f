"""Reading one sheet of an XLSX workbook in bounded time and memory, trusting nothing in the file.

openpyxl's reader pads every row to the sheet's `<dimension>` (a 7 KB file claiming A1:XFD1048576
kept a core busy for 17 minutes), stops at it (rows beyond a wrong one were silently left out) and
gives None for a formula without a cached value (the answer silently lost). This reader walks the
sheet's XML once with defusedxml (DTDs and entities refused: billion laughs, XXE), keeps only the
cells that hold a value, and refuses what it cannot read faithfully: a damaged or cut-off part, a
formula without a value, a cell beyond MAX_COLUMNS, more than max_rows rows. Every refusal is a
located Problem (file, row, cell); nothing else escapes.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from diagnose.problems import Problem, ValidationFailed
from diagnose.text import LocalizedText

MAX_UNPACKED = 100 * 1024 * 1024
MAX_PARTS = 2000
MAX_COLUMNS = 1000
MAX_ROW_NUMBER = 1_048_576  # Excel's own last row
MAX_NUMBER_CHARS = 40
SHEET_NAMES = ("antwoorden", "answers")

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})$")


_OOXML_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f]")


def ooxml_escape(text: str) -> str:
    """Text as OOXML stores what XML cannot: CR and control characters as _xHHHH_, and a literal
    _xHHHH_ with its underscore escaped (_x005F_), so that ooxml_unescape gives the text back."""
    text = re.sub(r"_(?=x[0-9A-Fa-f]{4}_)", "_x005F_", text)
    return _XML_UNSAFE.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)


def ooxml_unescape(text: str) -> str:
    return _OOXML_ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def _refuse(file: str, nl: str, en: str, *, line: int | None = None) -> ValidationFailed:
    return ValidationFailed(
        [Problem("not-xlsx", file=file, line=line, params={"detail": LocalizedText(nl=nl, en=en)})]
    )


def read_sheet(data: bytes, file: str, max_rows: int) -> list[tuple[int, list[Any]]]:
    """The non-empty rows of the answer sheet ("antwoorden"/"answers", else the first), as
    (row number, cells) with cells from column A to the last column that holds a value."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise _refuse(file, "geen zip-bestand", "not a zip file") from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_PARTS:
            raise _refuse(file, f"meer dan {MAX_PARTS} onderdelen", f"more than {MAX_PARTS} parts")
        if sum(info.file_size for info in infos) > MAX_UNPACKED:
            raise ValidationFailed(
                [
                    Problem(
                        "file-too-large",
                        file=file,
                        params={"limit": LocalizedText(nl="100 MB (uitgepakt)", en="100 MB (unpacked)")},
                    )
                ]
            )
        try:
            return _read(archive, file, max_rows)
        except ValidationFailed:
            raise
        except DefusedXmlException as exc:
            raise _refuse(
                file,
                "de werkmap bevat een DTD of XML-entiteiten; die maakt Excel nooit, ze zijn niet toegestaan",
                "the workbook contains a DTD or XML entities; Excel never writes them, they are not allowed",
            ) from exc
        except (
            ParseError,
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            OSError,
            LookupError,
            RuntimeError,
            NotImplementedError,
            ValueError,
        ) as exc:  # what a damaged zip or XML part raises (zlib.error: found by tests/fuzz)
            raise _refuse(
                file,
                "de werkmap is beschadigd of afgebroken",
                "the workbook is damaged or cut off",
            ) from exc


def _elements(archive: zipfile.ZipFile, name: str) -> Iterator[Element]:
    """The elements of one part as they end, cleared after use (memory stays flat)."""
    with archive.open(name) as stream:
        for _event, element in iterparse(stream, forbid_dtd=True):
            yield element


def _read(archive: zipfile.ZipFile, file: str, max_rows: int) -> list[tuple[int, list[Any]]]:
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        raise _refuse(
            file, "er staat geen werkmap (xl/workbook.xml) in", "it holds no workbook (xl/workbook.xml)"
        )
    sheets: list[tuple[str, str]] = []
    epoch = CALENDAR_WINDOWS_1900
    for el in _elements(archive, "xl/workbook.xml"):
        if el.tag == f"{_MAIN}sheet":
            sheets.append((el.get("name", ""), el.get(f"{_REL}id", "")))
        elif el.tag == f"{_MAIN}workbookPr" and el.get("date1904") in ("1", "true"):
            epoch = CALENDAR_MAC_1904
    targets = {}
    if "xl/_rels/workbook.xml.rels" in names:
        for el in _elements(archive, "xl/_rels/workbook.xml.rels"):
            if el.tag == f"{_PKG_REL}Relationship":
                target = el.get("Target", "")
                path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
                targets[el.get("Id", "")] = path
    if not sheets:
        raise _refuse(file, "de werkmap heeft geen werkblad", "the workbook has no sheet")
    by_name = {name.strip().lower(): rid for name, rid in sheets}
    rid = next((by_name[n] for n in SHEET_NAMES if n in by_name), sheets[0][1])
    sheet_path = targets.get(rid, "")
    if sheet_path not in names:
        raise _refuse(file, "het werkblad ontbreekt in het bestand", "the sheet is missing from the file")
    strings = _shared_strings(archive) if "xl/sharedStrings.xml" in names else []
    date_styles = _date_styles(archive) if "xl/styles.xml" in names else set()
    return _rows(archive, sheet_path, file, max_rows, strings, date_styles, epoch)


def _text_of(el: Element) -> str:
    """The text of a shared or inline string: <t>, or the runs <r><t> of rich text."""
    return ooxml_unescape("".join(t.text or "" for t in el.iter(f"{_MAIN}t")))


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    strings: list[str] = []
    for el in _elements(archive, "xl/sharedStrings.xml"):
        if el.tag == f"{_MAIN}si":
            strings.append(_text_of(el))
            el.clear()
    return strings


def _date_styles(archive: zipfile.ZipFile) -> set[int]:
    """The indexes of cell styles (cellXfs) whose number format is a date."""
    custom: dict[int, str] = {}
    styles: list[int] = []
    in_cell_xfs = False
    with archive.open("xl/styles.xml") as stream:
        for event, el in iterparse(stream, events=("start", "end"), forbid_dtd=True):
            if el.tag == f"{_MAIN}cellXfs":
                in_cell_xfs = event == "start"
            elif event == "end" and el.tag == f"{_MAIN}numFmt":
                custom[_int(el.get("numFmtId"))] = el.get("formatCode", "")
            elif event == "end" and el.tag == f"{_MAIN}xf" and in_cell_xfs:
                styles.append(_int(el.get("numFmtId")))
    dates = set()
    for index, fmt_id in enumerate(styles):
        code = custom.get(fmt_id, BUILTIN_FORMATS.get(fmt_id, "General"))
        if is_date_format(code):
            dates.add(index)
    return dates


def _int(text: str | None) -> int:
    return int(text) if text and text.isdigit() and len(text) < 10 else 0


def _column(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


def _rows(
    archive: zipfile.ZipFile,
    sheet_path: str,
    file: str,
    max_rows: int,
    strings: list[str],
    date_styles: set[int],
    epoch: dt.datetime,
) -> list[tuple[int, list[Any]]]:
    rows: list[tuple[int, list[Any]]] = []
    row_number = 0
    cells: dict[int, Any] = {}
    column = 0
    for el in _elements(archive, sheet_path):
        if el.tag == f"{_MAIN}c":
            ref = el.get("r")
            cell_row = row_number + 1
            if ref is not None:
                match = _CELL_REF.match(ref)
                if match is not None:
                    cell_row = int(match.group(2))
                if match is None:
                    raise _refuse(
                        file,
                        f"celverwijzing '{ref[:20]}' is ongeldig",
                        f"cell reference '{ref[:20]}' is invalid",
                    )
                column = _column(match.group(1))
            else:
                column += 1
            value = _value(el, strings, date_styles, epoch, file, cell_row, column)
            if value is not None:
                if column > MAX_COLUMNS:
                    raise _refuse(
                        file,
                        f"cel {ref or column} ligt voorbij kolom {MAX_COLUMNS}; verwijder wat daar staat",
                        f"cell {ref or column} lies beyond column {MAX_COLUMNS}; remove what is there",
                        line=cell_row,
                    )
                cells[column] = value
            el.clear()
        elif el.tag == f"{_MAIN}row":
            given = el.get("r")
            row_number = int(given) if given and given.isdigit() and len(given) < 9 else row_number + 1
            if row_number > MAX_ROW_NUMBER:
                raise _refuse(file, "een rij voorbij rij 1.048.576", "a row beyond row 1,048,576")
            if cells:
                width = max(cells)
                rows.append((row_number, [cells.get(c) for c in range(1, width + 1)]))
                if len(rows) > max_rows + 1:  # + the header row
                    raise ValidationFailed(
                        [
                            Problem(
                                "too-many-rows",
                                file=file,
                                params={"limit": f"{max_rows:,}".replace(",", ".")},
                            )
                        ]
                    )
            cells = {}
            column = 0
            el.clear()
    return rows


def _value(
    el: Element,
    strings: list[str],
    date_styles: set[int],
    epoch: dt.datetime,
    file: str,
    row: int,
    column: int,
) -> Any:
    kind = el.get("t", "n")
    v = el.find(f"{_MAIN}v")
    text = v.text if v is not None else None
    where = el.get("r") or f"{row}:{column}"
    if el.find(f"{_MAIN}f") is not None and text is None:
        raise _refuse(
            file,
            f"cel {where} heeft een formule zonder berekende waarde; open de werkmap in Excel en sla haar "
            "opnieuw op, of vervang de formule door haar uitkomst",
            f"cell {where} has a formula without a computed value; open the workbook in Excel and save it "
            "again, or replace the formula by its result",
            line=row,
        )
    if kind == "inlineStr":
        inline = el.find(f"{_MAIN}is")
        return _text_of(inline) if inline is not None else None
    if text is None:
        return None
    if kind == "s":
        index = _int(text)
        if not text.isdigit() or index >= len(strings):
            raise _refuse(
                file,
                f"cel {where} verwijst naar een tekst die er niet is",
                f"cell {where} refers to a missing text",
                line=row,
            )
        return strings[index]
    if kind in ("str", "e"):
        return ooxml_unescape(text)
    if kind == "b":
        return text.strip() in ("1", "true")
    if len(text) > MAX_NUMBER_CHARS:
        raise _refuse(
            file,
            f"cel {where} bevat een getal van meer dan {MAX_NUMBER_CHARS} tekens",
            f"cell {where} holds a number of more than {MAX_NUMBER_CHARS} characters",
            line=row,
        )
    try:
        number: float | int = int(text) if re.fullmatch(r"-?[0-9]+", text) else float(text)
    except ValueError as exc:
        raise _refuse(
            file, f"cel {where} bevat geen getal", f"cell {where} holds no number", line=row
        ) from exc
    if isinstance(number, float) and not math.isfinite(number):
        raise _refuse(
            file, f"cel {where} bevat geen eindig getal", f"cell {where} holds no finite number", line=row
        )
    if _int(el.get("s")) in date_styles and el.get("s") is not None:
        try:
            return from_excel(number, epoch)
        except (ValueError, OverflowError):
            return number
    return number
