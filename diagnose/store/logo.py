"""A workspace's logo, checked before anything is stored: PNG or SVG only, never executed.

- **Size**: at most MAX_BYTES, and MIN_SIDE to MAX_SIDE pixels per side (PNG: the IHDR header;
  SVG: its width and height, else its viewBox).
- **PNG**: the signature, then every chunk read to IEND with its CRC checked, so a truncated or
  doctored file is refused, not half-shown on a cover.
- **SVG**: parsed with defusedxml (a DOCTYPE, entities or external references refuse the file
  before anything is expanded); refused when it holds a script, an event handler (`on*`), a
  `foreignObject`, embedded HTML/objects, a link or `url(...)` anywhere but inside the file
  (`#id`), or CSS `@import`. The file is stored as given once it passes, and is only ever shown
  through `<img>` or a data: URI, where a browser runs nothing in it either.

Every refusal is a located StoreError whose message says what to do.
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass
from typing import Literal, NoReturn

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from diagnose.problems import Problem
from diagnose.store.errors import StoreError
from diagnose.text import LocalizedText

MAX_BYTES = 500_000
MAX_SIDE = 4000
MIN_SIDE = 16
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG_NS = "{http://www.w3.org/2000/svg}"
FORBIDDEN_TAGS = {
    "script",
    "foreignobject",
    "iframe",
    "embed",
    "object",
    "audio",
    "video",
    "handler",
    "listener",
}
_URL = re.compile(r"url\(\s*['\"]?\s*([^)'\"\s]*)", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(px)?\s*$")


class LogoRefused(StoreError):
    """The logo file was refused; nothing was stored."""


@dataclass(frozen=True)
class Logo:
    data: bytes
    kind: Literal["png", "svg"]
    width: int
    height: int


def check_logo(data: bytes) -> Logo:
    """The logo as it may be stored, or LogoRefused saying why and what to do."""
    if len(data) > MAX_BYTES:
        _refuse(
            Problem(
                "logo-too-large", field="logo", params={"size": _size(len(data)), "limit": _size(MAX_BYTES)}
            )
        )
    if data.startswith(PNG_SIGNATURE):
        width, height = _png_size(data)
        kind: Literal["png", "svg"] = "png"
    elif _looks_like_svg(data):
        width, height = _svg_size(data)
        kind = "svg"
    else:
        _refuse(Problem("logo-type", field="logo"))
    if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
        _refuse(
            Problem(
                "logo-dimensions",
                field="logo",
                params={"width": width, "height": height, "minimum": MIN_SIDE, "limit": MAX_SIDE},
            )
        )
    return Logo(data=data, kind=kind, width=width, height=height)


def _refuse(problem: Problem) -> NoReturn:
    raise LogoRefused(problem)


def _size(n: int) -> str:
    return f"{n / 1000:.0f} kB" if n < 1_000_000 else f"{n / 1_000_000:.1f} MB"


def _broken(nl: str, en: str) -> NoReturn:
    _refuse(Problem("logo-broken", field="logo", params={"detail": LocalizedText(nl=nl, en=en)}))


def _png_size(data: bytes) -> tuple[int, int]:
    pos, size, seen_end = len(PNG_SIGNATURE), None, False
    while pos + 12 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if len(body) != length or pos + 12 + length > len(data):
            break
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        if zlib.crc32(kind + body) & 0xFFFFFFFF != crc:
            _broken("een deel van het bestand is beschadigd", "part of the file is damaged")
        if size is None:
            if kind != b"IHDR" or length != 13:
                _broken("de kop van de PNG ontbreekt", "the PNG header is missing")
            size = struct.unpack(">II", body[:8])
        pos += 12 + length
        if kind == b"IEND":
            seen_end = True
            break
    if size is None or not seen_end:
        _broken("het bestand houdt halverwege op", "the file stops halfway")
    return int(size[0]), int(size[1])


def _looks_like_svg(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype svg")) and b"<svg" in data[:65536].lower()


def _svg_size(data: bytes) -> tuple[int, int]:
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        _refuse(
            Problem(
                "logo-unsafe",
                field="logo",
                params={"what": LocalizedText(nl="een DOCTYPE of entiteiten", en="a DOCTYPE or entities")},
            )
        )
    except Exception:  # any parse error of an attacker's file: refused, never a traceback
        _broken("het is geen geldige SVG", "it is not valid SVG")
    if root.tag not in (f"{SVG_NS}svg", "svg"):
        _refuse(Problem("logo-type", field="logo"))
    for element in root.iter():
        tag = str(element.tag).rsplit("}", 1)[-1].lower()
        if tag in FORBIDDEN_TAGS:
            _refuse(
                Problem(
                    "logo-unsafe",
                    field="logo",
                    params={"what": LocalizedText(nl=f"een <{tag}>-element", en=f"a <{tag}> element")},
                )
            )
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                _refuse(
                    Problem(
                        "logo-unsafe",
                        field="logo",
                        params={
                            "what": LocalizedText(nl=f"een handler ‘{local}’", en=f"a handler ‘{local}’")
                        },
                    )
                )
            if local == "href" and not value.strip().startswith("#"):
                _refuse(
                    Problem(
                        "logo-unsafe",
                        field="logo",
                        params={"what": LocalizedText(nl="een koppeling naar buiten", en="an outside link")},
                    )
                )
            _check_css(value)
        if tag == "style":
            _check_css(element.text or "")
    return _svg_dimensions(root.attrib)


def _check_css(text: str) -> None:
    if "@import" in text.lower() or any(not u.startswith("#") for u in _URL.findall(text)):
        _refuse(
            Problem(
                "logo-unsafe",
                field="logo",
                params={"what": LocalizedText(nl="een koppeling naar buiten", en="an outside link")},
            )
        )
    if "javascript:" in text.lower():
        _refuse(
            Problem(
                "logo-unsafe", field="logo", params={"what": LocalizedText(nl="een script", en="a script")}
            )
        )


def _svg_dimensions(attrib: dict[str, str]) -> tuple[int, int]:
    width, height = _NUMBER.match(attrib.get("width", "")), _NUMBER.match(attrib.get("height", ""))
    if width and height:
        return round(float(width.group(1))), round(float(height.group(1)))
    box = attrib.get("viewBox", "").replace(",", " ").split()
    try:
        if len(box) == 4:
            return round(float(box[2])), round(float(box[3]))
    except ValueError:
        pass
    _broken(
        "de afmetingen ontbreken (geef width en height of een viewBox op)",
        "its size is missing (give width and height or a viewBox)",
    )
