"""The garbage collector paused while WeasyPrint makes a PDF (diagnose.collector.paused):
paused during layout, on again afterwards (also after an error), the document's reference cycles
freed when it returns, left off when someone else switched it off, shared by threads."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest

from diagnose.collector import paused as collector_paused
from diagnose.report.pdf import placeholder, render_pdf_with

HTML = '<html lang="nl"><body><p>Voor</p><img src="netscan-chart:a" alt="grafiek"><p>Na</p></body></html>'


class Cycle:
    """An object in a reference cycle: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if was:  # as it was before the test, also after a test that switched it off
        gc.enable()
    else:
        gc.disable()


def test_paused_while_weasyprint_lays_out_and_cycles_freed_when_it_returns() -> None:
    seen: list[bool] = []
    made: list[weakref.ref[Cycle]] = []

    def resolve(key: str) -> bytes:
        seen.append(gc.isenabled())
        made.append(weakref.ref(Cycle()))  # garbage at once, but only a collection frees it
        return placeholder(40, 30)

    pdf = render_pdf_with(HTML, resolve)
    assert pdf.startswith(b"%PDF")
    assert seen == [False]
    assert gc.isenabled()
    assert made[0]() is None  # freed before render_pdf_with returned, by the collection after it


def test_on_again_after_an_error() -> None:
    def resolve(key: str) -> bytes:
        raise ValueError("kapot")

    # WeasyPrint reports a broken image and goes on; an error of our own passes through
    render_pdf_with(HTML, resolve)
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("kapot")
    assert gc.isenabled()


def test_a_collector_switched_off_by_someone_else_stays_off() -> None:
    gc.disable()
    render_pdf_with(HTML, lambda key: placeholder(40, 30))
    assert not gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_documents_made_at_the_same_time_share_the_pause() -> None:
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    during: dict[str, bool] = {}

    def first() -> None:
        with collector_paused():
            first_in.set()
            second_in.wait(10)
        first_out.set()

    def second() -> None:
        first_in.wait(10)
        with collector_paused():
            second_in.set()
            first_out.wait(10)
            during["after the first left"] = gc.isenabled()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert during == {"after the first left": False}  # the second document is still being made
    assert gc.isenabled()  # and on again once both are done
