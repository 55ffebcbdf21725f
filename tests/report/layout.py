"""How full each printed page is, and where chapters end: read from the PDF itself.

A chapter starts on a new page with its <h1>, and WeasyPrint makes every <h1> a top-level PDF
bookmark; so a page is a chapter's last page when the next page holds a top-level bookmark (or it
is the document's last page). How full a page is: rendered with pdftoppm, the share of the text
area (inside the page margins, where the running header and footer are not) down to its last
printed row.
"""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

MM_PER_INCH = 25.4
DPI = 36
TOP_MM, BOTTOM_MM = 20.0, 18.0  # the @page margins of report.css.j2 (the cover page has larger ones)
INK = 160  # a grey level darker than this counts as printed (the cards' light backgrounds do not)


def chapter_starts(pdf: bytes) -> set[int]:
    """0-based numbers of the pages on which a top-level bookmark (an <h1>) starts."""
    reader = PdfReader(io.BytesIO(pdf))
    pages = (reader.get_destination_page_number(e) for e in reader.outline if not isinstance(e, list))
    return {page for page in pages if page is not None}


def chapter_ends(pdf: bytes) -> set[int]:
    starts = chapter_starts(pdf)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    return {p for p in range(pages) if p + 1 in starts or p == pages - 1}


def page_images(pdf: bytes) -> list[Image.Image]:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "report.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(DPI), "-gray", "-png", str(source), str(Path(tmp) / "p")],
            check=True,
            timeout=120,
        )
        return [Image.open(path).copy() for path in sorted(Path(tmp).glob("p-*.png"), key=_page_number)]


def _page_number(path: Path) -> int:
    return int(path.stem.rsplit("-", 1)[1])


def filled(image: Image.Image) -> float:
    """The share of the text area, from its top, down to the last printed row (0.0–1.0)."""
    width, height = image.size
    top = round(TOP_MM / 297.0 * height)
    bottom = height - round(BOTTOM_MM / 297.0 * height)
    ink = image.convert("L").crop((0, top, width, bottom)).point(lambda v: 255 if v < INK else 0)
    box = ink.getbbox()  # the smallest box around every printed pixel, or None on an empty page
    return 0.0 if box is None else box[3] / (bottom - top)


def sparse_pages(pdf: bytes, minimum: float = 1 / 3) -> list[tuple[int, float]]:
    """(1-based page, share filled) of every page less than `minimum` full that is not a chapter's last."""
    ends = chapter_ends(pdf)
    return [
        (number + 1, round(share, 2))
        for number, image in enumerate(page_images(pdf))
        if number not in ends and (share := filled(image)) < minimum
    ]


def stranded_headings(html: str) -> list[tuple[int, str]]:
    """(1-based page, text) of every h1–h3 that ends its page: nothing of the document's own
    content (text or image) below it on that page. Read from WeasyPrint's own layout of the HTML."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    found = []
    for number, page in enumerate(HTML(string=html).render().pages, 1):
        content = [child for child in page._page_box.children if not isinstance(child, boxes.MarginBox)]
        headings: list[boxes.Box] = []
        inside: set[int] = set()
        leaves: list[boxes.Box] = []
        for root in content:
            for box in root.descendants():
                if box.element_tag in ("h1", "h2", "h3") and isinstance(box, boxes.BlockBox):
                    headings.append(box)
                    inside.update(id(b) for b in box.descendants())
                if isinstance(box, boxes.TextBox | boxes.ReplacedBox) and (
                    not isinstance(box, boxes.TextBox) or box.text.strip()
                ):
                    leaves.append(box)
        for heading in headings:
            bottom = heading.position_y + heading.margin_height()
            if not any(id(leaf) not in inside and leaf.position_y >= bottom - 0.5 for leaf in leaves):
                text = " ".join(b.text for b in heading.descendants() if isinstance(b, boxes.TextBox))
                found.append((number, text))
    return found
