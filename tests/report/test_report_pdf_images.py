"""Charts laid out before they are drawn (diagnose.report.pdf): the real image or a second layout."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from PIL import Image
from pypdf import PdfReader

from diagnose.report import ReportInput
from diagnose.report.pdf import pdf_with_charts_later, render_pdf_with

HTML = '<html><body><p>Voor</p><img src="netscan-chart:a" style="width: 100%"><p>Na</p></body></html>'


def jpeg(size: tuple[int, int], colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="JPEG")
    return out.getvalue()


def test_the_drawn_image_replaces_the_placeholder() -> None:
    real = jpeg((300, 120), "navy")
    asked: list[str] = []

    def images() -> dict[str, bytes]:
        asked.append("now")
        return {"a": real, "unused": jpeg((10, 10), "red")}

    pdf = pdf_with_charts_later(HTML, {"a": (300, 120), "unused": (10, 10)}, images)
    assert pdf is not None and asked == ["now"]
    assert real in pdf
    (image,) = PdfReader(io.BytesIO(pdf)).pages[0].images
    red, _, blue = image.image.convert("RGB").getpixel((150, 60))  # type: ignore[misc, union-attr]
    assert blue > 100 and red < 60  # navy, not the white placeholder


def test_an_image_of_another_size_asks_for_a_second_layout() -> None:
    pdf = pdf_with_charts_later(HTML, {"a": (300, 120)}, lambda: {"a": jpeg((300, 121), "navy")})
    assert pdf is None


def test_a_failing_export_passes_through() -> None:
    class Failed(Exception):
        pass

    def images() -> dict[str, bytes]:
        raise Failed

    with pytest.raises(Failed):
        pdf_with_charts_later(HTML, {"a": (300, 120)}, images)


def test_a_report_whose_sizes_were_guessed_wrong_is_laid_out_again_with_its_charts(
    report_input: ReportInput, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diagnose.report import render

    second_layouts: list[str] = []
    lay_out_again = render_pdf_with

    def spy(html: str, resolve: Callable[[str], bytes]) -> bytes:
        second_layouts.append(html)
        return lay_out_again(html, resolve)

    monkeypatch.setattr(render, "image_size", lambda figure: (11, 7))
    monkeypatch.setattr(render, "render_pdf_with", spy)
    report = render.render_report(report_input, "nl", "pdf", edition="full")
    assert report.charts_missing is None and len(second_layouts) == 1
    for view in report.model.charts.values():
        assert view.image is not None and view.image in report.content, view.key
