"""k-anonymity of the benchmark end to end: with four other networks taking part nothing of it shows
in either edition of the report in any format, nor in the results export; with five it shows in
every one, with how many networks and the position ("hoger dan X van de Y netwerken")."""

from __future__ import annotations

import datetime as dt
import io
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document

from diagnose import Bundle
from diagnose.report import input_from_view, render_report
from diagnose.report.views import FORMATS
from diagnose.store import Store
from diagnose.store.results_export import export_results
from diagnose.store.round_view import round_view
from tests.store.conftest import full_answers, role_values

from .helpers import pdf_text, squash

GENERATED = dt.date(2026, 11, 30)
HEADINGS = ("Vergelijking met andere netwerken", "Comparison with other networks")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, bundle: Bundle) -> Iterator[tuple[Store, int, list[int]]]:
    """Our network and five networks of another workspace, each with one round of group answers."""
    url = f"sqlite:///{tmp_path_factory.mktemp('bench') / 'netwerkscan.sqlite'}"
    store = Store.open(url, bundle=bundle)
    store.ensure_schema()
    q = bundle.questionnaire("netwerkscan")
    ours = store.create_workspace("Adviesbureau")
    theirs = store.create_workspace("Programmabureau")

    def network(ws: int, name: str, seed: int) -> tuple[int, int]:
        net = store.create_network(ws, name, {"sector": "po"}).id
        rnd = store.create_round(net, "2026 voorjaar", date=dt.date(2026, 4, 1))
        rng = random.Random(seed)
        for i in range(3):
            store.add_group_response(
                rnd.id, full_answers(q, rng, role=rng.choice(role_values(q))), respondent=f"g{i}"
            )
        store.diagnose_round(rnd.id)
        return net, rnd.id

    own, own_round = network(ours.id, "Eigen netwerk", 100)
    others = [network(theirs.id, f"Netwerk {i}", i)[0] for i in range(5)]
    store.set_benchmark_taking_part(own, True)
    yield store, own_round, others
    store.close()


def _texts(store: Store, round_id: int, bundle: Bundle, *, charts: bool = False) -> dict[str, str]:
    view = round_view(store, round_id)
    assert view is not None
    inp = input_from_view(view, bundle)
    found: dict[str, str] = {}
    for edition in ("summary", "full"):
        for lang in ("nl", "en"):
            for fmt in FORMATS:
                report = render_report(
                    inp, lang, fmt, edition=edition, charts=charts and fmt == "pdf", generated=GENERATED
                )
                if fmt == "pdf":
                    text = pdf_text(report.content)
                elif fmt == "docx":
                    doc = Document(io.BytesIO(report.content))
                    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
                    text = squash(" ".join([p.text for p in doc.paragraphs] + cells))
                else:
                    text = squash(report.content.decode("utf-8"))
                found[f"{edition}/{lang}/{fmt}"] = text
    return found


def test_four_others_show_nothing_anywhere_and_five_show_it_everywhere(
    world: tuple[Store, int, list[int]], bundle: Bundle, tmp_path: Path
) -> None:
    store, own_round, others = world
    for other in others[:4]:
        store.set_benchmark_taking_part(other, True)
    view = round_view(store, own_round)
    assert view is not None and view.benchmark is None
    for where, text in _texts(store, own_round, bundle).items():
        for heading in HEADINGS:
            assert heading not in text, where
        assert "hoger dan" not in text and "higher than" not in text, where
    for fmt in ("json", "csv"):  # the results export holds what the page shows: no benchmark either
        export = export_results(store, fmt, round_id=own_round)
        assert b"Vergelijking" not in export and b"benchmark" not in export.lower()

    store.set_benchmark_taking_part(others[4], True)
    view = round_view(store, own_round)
    assert view is not None and view.benchmark is not None and view.benchmark.networks == 5
    band = view.benchmark.bands[0]
    for where, text in _texts(store, own_round, bundle).items():
        lang = where.split("/")[1]
        heading = HEADINGS[0] if lang == "nl" else HEADINGS[1]
        assert heading in text, where
        position = (
            f"hoger dan {band.above} van de {band.networks} netwerken"
            if lang == "nl"
            else f"higher than {band.above} of the {band.networks} networks"
        )
        assert position in text, where
        assert (
            "Vergeleken met 5 andere netwerken" if lang == "nl" else "Compared with 5 other networks"
        ) in text

    store.set_benchmark_taking_part(others[4], False)  # opting out: gone from the next report at once
    view = round_view(store, own_round)
    assert view is not None and view.benchmark is None


def test_the_band_is_drawn_on_the_pdf(world: tuple[Store, int, list[int]], bundle: Bundle) -> None:
    store, own_round, others = world
    for other in others:
        store.set_benchmark_taking_part(other, True)
    view = round_view(store, own_round)
    assert view is not None
    report = render_report(input_from_view(view, bundle), "nl", "pdf", edition="summary", generated=GENERATED)
    assert "benchmark" in report.model.charts
    if report.charts_missing is None:
        assert report.model.charts["benchmark"].image is not None
    out = Path(__file__).resolve().parents[2] / "test-output" / "benchmark"
    out.mkdir(parents=True, exist_ok=True)
    (out / "summary.pdf").write_bytes(report.content)
