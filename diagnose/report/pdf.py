"""The report's HTML to PDF with WeasyPrint, loading nothing but the report's own charts.

Laying out a report takes about as long as Chromium takes to draw its charts, and layout needs only
each chart's size, not its pixels. So :func:`pdf_with_charts_later` lays the document out and draws
its pages with a white JPEG of the same size in place of each chart, and waits for the real images
only when the file is about to be written. JPEG is embedded as it is, so the real image takes the
placeholder's place unchanged. That relies on how WeasyPrint keeps its images; every step is
checked, and when a check fails the caller lays the document out again with the real images: then
it is slower, not wrong.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import weasyprint
from PIL import Image
from weasyprint import urls
from weasyprint.text.fonts import FontConfiguration

from diagnose import collector
from diagnose.report.images import IMAGE_MEDIA_TYPE

CHART_SCHEME = "netscan-chart:"


def _fetcher_for(resolve: Callable[[str], bytes]) -> Any:
    """WeasyPrint may load only our own charts and data: URIs: no files, no network."""

    def refuse(url: str) -> None:
        raise ValueError(f"the report loads no external resources ({url[:40]})")

    if hasattr(urls, "URLFetcher"):  # WeasyPrint 66 and later

        class ReportFetcher(urls.URLFetcher):  # type: ignore[misc]
            def fetch(self, url: str, headers: Any = None) -> Any:
                if url.startswith(CHART_SCHEME):
                    return urls.URLFetcherResponse(
                        url, resolve(url[len(CHART_SCHEME) :]), {"Content-Type": IMAGE_MEDIA_TYPE}
                    )
                if not url.startswith("data:"):
                    refuse(url)
                return super().fetch(url, headers)

        return ReportFetcher(allowed_protocols=["data"])

    def fetch(url: str) -> dict[str, object]:  # older WeasyPrint: a function returning a dict
        if url.startswith(CHART_SCHEME):
            return {"string": resolve(url[len(CHART_SCHEME) :]), "mime_type": IMAGE_MEDIA_TYPE}
        if not url.startswith("data:"):
            refuse(url)
        result: dict[str, object] = urls.default_url_fetcher(url)
        return result

    return fetch


_font_configs: list[FontConfiguration] = []
_font_configs_lock = threading.Lock()


@contextmanager
def _font_config() -> Iterator[FontConfiguration]:
    """A font configuration no other thread is using. A reused one has its fonts loaded and
    measured already (~7% of WeasyPrint's time); Pango's font map is not for two threads at once."""
    with _font_configs_lock:
        config = _font_configs.pop() if _font_configs else FontConfiguration()
    try:
        yield config
    finally:
        with _font_configs_lock:
            _font_configs.append(config)


# A tagged PDF (issue 17): a structure tree with the headings, paragraphs, tables and lists of the
# HTML, each chart a Figure with its alt text, the document's language (<html lang>) and its title
# (<title>, shown as the window title). Not the pdf/ua-1 variant: that claims PDF/UA conformance in
# the file's metadata, which nobody has checked with a PDF/UA validator (docs/toegankelijkheid.md).
WRITE_OPTIONS: dict[str, Any] = {"pdf_tags": True}


def _write_pdf(html: str, resolve: Callable[[str], bytes], **options: Any) -> bytes:
    with _font_config() as config, collector.paused():
        pdf: bytes = weasyprint.HTML(string=html, url_fetcher=_fetcher_for(resolve)).write_pdf(
            font_config=config, optimize_images=False, **WRITE_OPTIONS, **options
        )
    return pdf


def render_pdf_with(html: str, resolve: Callable[[str], bytes]) -> bytes:
    """The PDF; WeasyPrint asks ``resolve`` for each chart's image bytes when it meets the chart."""
    return _write_pdf(html, resolve)


@lru_cache(maxsize=32)
def placeholder(width: int, height: int) -> bytes:
    """A white JPEG of the given size (a few milliseconds; kept, as chart sizes repeat)."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, format="JPEG", quality=20)
    return out.getvalue()


class _CannotSwap(Exception):
    """WeasyPrint did not keep a chart the way pdf_with_charts_later expects."""


def _header(image: bytes) -> tuple[tuple[int, int], str]:
    with Image.open(io.BytesIO(image)) as opened:  # reads the header only
        return opened.size, opened.mode


def pdf_with_charts_later(
    html: str, sizes: Mapping[str, tuple[int, int]], images: Callable[[], Mapping[str, bytes]]
) -> bytes | None:
    """The PDF, laid out and drawn before the charts' images exist; ``images()`` is called once the
    pages are drawn and may block. ``sizes`` gives each chart's size in pixels by key.

    Returns None when the real images could not be put in (a size that differs from ``sizes``, or
    a WeasyPrint that keeps images differently): lay the document out again with them. Exceptions
    from ``images()`` pass through.
    """
    cache: dict[str, Any] = {}  # WeasyPrint's image cache: url -> image, plus the images' bytes
    swapped: dict[str, bytes] = {}

    def resolve(key: str) -> bytes:
        if key not in sizes:
            raise ValueError(f"no size for chart {key}")
        return placeholder(*sizes[key])

    def finisher(_document: Any, _pdf: Any) -> None:  # after drawing, before writing the file
        for key, data in images().items():
            image = cache.get(CHART_SCHEME + key)
            if image is None:  # not in this document
                continue
            before = getattr(image, "image_data", None)
            if (
                getattr(image, "format", None) != "JPEG"
                or not hasattr(image, "cache_image_data")
                or _header(data) != ((image.width, image.height), image.mode)
            ):
                raise _CannotSwap(key)
            image.cache_image_data(data)  # same slot: the page already drawn now refers to `data`
            if getattr(before, "data", None) is not data:
                raise _CannotSwap(key)
            swapped[key] = data

    try:
        pdf = _write_pdf(html, resolve, cache=cache, finisher=finisher)
    except _CannotSwap:
        return None
    loaded = {url[len(CHART_SCHEME) :] for url in cache if url.startswith(CHART_SCHEME)}
    if loaded - swapped.keys() or not all(pdf.find(data) >= 0 for data in swapped.values()):
        return None  # a placeholder would be left in the file
    return pdf
