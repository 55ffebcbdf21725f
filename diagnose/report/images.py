"""Chart images: Plotly figures to JPEG through kaleido 1.x and a headless Chromium that stays running.

One :class:`ChartExporter` per process (see :func:`exporter`) owns a background thread with its own
asyncio loop and a kaleido browser with a couple of tabs. The first export starts Chromium (about
2–3 s); later exports reuse it (tens of milliseconds per chart). :meth:`ChartExporter.start` begins
the start-up without waiting, so the report builder can do its other work in the meantime.

Kaleido reloads a tab after every image, which costs more than drawing the chart; this exporter
reloads a tab only every ``RELOAD_EVERY`` images (``Plotly.toImage`` cleans up after itself). The last
``CACHE_SIZE`` images are kept by figure content, so the PDF and the HTML of one round, or a second
download, draw each chart once.

Anything that goes wrong (no browser, a crash, a timeout) raises :class:`ChartExportError` with a
short reason; the report then builds without charts and says so. The browser is found through
``BROWSER_PATH`` (as kaleido does), else ``/usr/bin/chromium`` when present.

Chromium spends most of its start loading plotly.js into its tab. The tab loads the report's own
plotly.js (``vendor/plotly-netscan.min.js``, 1.3 MB: only the trace types in BUNDLE_TRACES, built
by tools/plotly_bundle) instead of the full 4.8 MB one plotly.py ships, when both are the same
plotly.js version; it draws the same images in about half the start-up time.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from functools import lru_cache
from pathlib import Path
from typing import Any

DEFAULT_BROWSER = "/usr/bin/chromium"
START_TIMEOUT = 30.0
EXPORT_TIMEOUT = 60.0
RELOAD_EVERY = 25
CACHE_SIZE = 64  # images kept (about 100 KB each)
TABS = 2  # the browser opens with one tab (quicker start) and adds the second after the first export
SCALE = 1.5  # pixels per CSS pixel: a 760 px wide chart is ~165 dpi across the A4 text width
# JPEG, not PNG: WeasyPrint embeds JPEG as it is, but decodes and re-encodes every PNG (and splits off
# Plotly's alpha channel), which cost more than drawing the charts. Chromium's JPEG of a white chart
# shows no visible artefacts at this scale.
IMAGE_FORMAT = "jpeg"
IMAGE_MEDIA_TYPE = "image/jpeg"
BUNDLE = Path(__file__).with_name("vendor") / "plotly-netscan.min.js"
BUNDLE_TRACES = frozenset({"scatter", "bar", "box", "scatterpolar"})  # tools/plotly_bundle/entry.js


class ChartExportError(RuntimeError):
    """The charts could not be made; ``reason`` is short enough to print in the report."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class ChartRefused(ChartExportError):
    """These figures were refused before drawing; the browser, and other reports' exports, run on."""


def browser_path() -> str | None:
    """The Chromium to use: BROWSER_PATH if set (even when wrong: then export fails), else Debian's."""
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        return configured
    if os.path.exists(DEFAULT_BROWSER):
        return DEFAULT_BROWSER
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def plotly_js_version(script: Path) -> str | None:
    """The version a plotly.js file names in its opening comment ("plotly.js v4.1.1")."""
    try:
        with script.open("rb") as opened:
            head = opened.read(300).decode("utf-8", "replace")
    except OSError:
        return None
    found = re.search(r"plotly\.js v(\d[\w.+-]*)", head)
    return found.group(1) if found else None


def shipped_plotly_js() -> Path:
    """The full plotly.js that plotly.py ships (what kaleido loads by default)."""
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


@lru_cache(maxsize=1)
def bundle_path() -> str | None:
    """The report's own plotly.js when it is the version plotly.py ships, else None (then the tab
    loads plotly.py's full plotly.js: slower to start, the same images)."""
    version, shipped = plotly_js_version(BUNDLE), plotly_js_version(shipped_plotly_js())
    if version is not None and version == shipped:
        return BUNDLE.as_uri()
    logging.getLogger("netscan.report").warning(
        "the report's plotly.js (%s) is not plotly.py's (%s): charts start slower with the full one; "
        "rebuild it with `make plotly-bundle` (tools/plotly_bundle/README.md)",
        version,
        shipped,
    )
    return None


def _trace_kinds(figure: Any) -> set[str]:
    data = figure.get("data", ()) if isinstance(figure, Mapping) else getattr(figure, "data", ())
    kinds = (t.get("type") if isinstance(t, Mapping) else getattr(t, "type", None) for t in data or ())
    return {kind or "scatter" for kind in kinds}


def _outside_bundle(figures: Sequence[Any]) -> set[str]:
    """The trace types of these figures (figure objects or dicts) that the report's plotly.js
    cannot draw (plotly.js would leave them out of the image without a word)."""
    if bundle_path() is None:
        return set()
    return set().union(*(_trace_kinds(f) for f in figures)) - BUNDLE_TRACES


def _kaleido_class() -> Any:
    import kaleido

    base: Any = kaleido.Kaleido

    class Faster(base):  # type: ignore[misc]
        """Kaleido that reloads a tab every RELOAD_EVERY images instead of after each one, and
        says when its first tab can draw: ``open()`` returns 0.1 s later (choreographer sleeps)."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.netscan_tab_ready = asyncio.Event()

        async def _return_kaleido_tab(self, tab: Any) -> None:
            uses: dict[int, int] = self.__dict__.setdefault("_netscan_uses", {})
            count = uses.get(id(tab), 0) + 1
            if count >= RELOAD_EVERY:
                count = 0
                await tab.reload()
            uses[id(tab)] = count
            await self.tabs_ready.put(tab)

        async def _conform_tabs(self, tabs: Any = None) -> None:
            await super()._conform_tabs(tabs)
            queue = getattr(self, "tabs_ready", None)
            if isinstance(queue, asyncio.Queue) and not queue.empty():
                self.netscan_tab_ready.set()

    # only take the fast paths on a kaleido that still works the way these overrides expect
    if not hasattr(base, "_return_kaleido_tab"):
        return base
    if not hasattr(base, "_conform_tabs"):
        del Faster._conform_tabs  # then wait for open() to return
    return Faster


class ChartExporter:
    """A long-lived headless Chromium that turns Plotly figures into image bytes. Thread-safe."""

    def __init__(self, tabs: int = TABS):
        self._tabs = tabs
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._browser: Any = None
        self._opening: Future[Any] | None = None
        self._extra_tabs: asyncio.Future[None] | None = None
        # image by figure content: the same chart in the PDF and the HTML, or a repeated download,
        # is drawn once. Only the exporter's loop thread touches it.
        self._cache: OrderedDict[str, bytes] = OrderedDict()

    @property
    def tabs(self) -> int:
        return self._tabs

    # -- life cycle ---------------------------------------------------------------------------
    def start(self) -> None:
        """Begin starting Chromium in the background; returns at once. Safe to call repeatedly."""
        with self._lock:
            if self._opening is not None:
                return
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, name="netscan-charts", daemon=True)
            thread.start()
            self._loop, self._thread = loop, thread
            self._opening = asyncio.run_coroutine_threadsafe(self._open(), loop)

    async def _open(self) -> Any:
        path = browser_path()
        if path is None:
            raise ChartExportError("no Chromium found; install chromium or set BROWSER_PATH")
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            raise ChartExportError(f"no browser at {path}")
        cls = _kaleido_class()
        browser = cls(n=1, timeout=EXPORT_TIMEOUT, mathjax=False, path=path, plotlyjs=bundle_path())
        self._browser = browser  # before it opens, so a reset during start-up still closes it
        await browser.open()
        return browser

    @staticmethod
    async def _more_tabs(browser: Any, count: int) -> None:
        for _ in range(count):
            try:
                await browser._create_kaleido_tab()
            except Exception:  # one tab is enough to work with
                return

    def ready(self, timeout: float = START_TIMEOUT) -> None:
        """Wait until Chromium runs; raise ChartExportError if it cannot start."""
        self.start()
        assert self._opening is not None
        try:
            self._opening.result(timeout=timeout)
        except FutureTimeout:
            self._reset()
            raise ChartExportError(f"Chromium did not start within {timeout:.0f} s") from None
        except ChartExportError:
            self._reset()
            raise
        except Exception as exc:  # kaleido/choreographer raise their own types
            self._reset()
            raise ChartExportError(_reason(exc)) from exc

    def close(self) -> None:
        self._reset()

    def _reset(self) -> None:
        """Stop the browser and the loop; the next export starts afresh."""
        with self._lock:
            loop, thread, browser = self._loop, self._thread, self._browser
            self._loop = self._thread = self._browser = self._opening = None
            self._extra_tabs = None
        if loop is None:
            return

        async def shutdown() -> None:
            if browser is not None:  # also a browser still opening: it must not outlive us
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(browser.close(), 10)
            me = asyncio.current_task()
            others = [task for task in asyncio.all_tasks() if task is not me]
            for task in others:
                task.cancel()
            if others:
                await asyncio.wait(others, timeout=5)

        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(shutdown(), loop).result(timeout=20)
        loop.call_soon_threadsafe(loop.stop)
        if thread is not None:
            thread.join(timeout=10)
        with contextlib.suppress(Exception):
            loop.close()

    # -- work -----------------------------------------------------------------------------------
    async def _drawing_browser(self, opening: Future[Any]) -> Any:
        """The browser as soon as its first tab can draw, or when it has opened (or failed to)."""
        opened = asyncio.wrap_future(opening)
        ready = getattr(self._browser, "netscan_tab_ready", None)
        if ready is not None and not opened.done():
            first_tab = asyncio.ensure_future(ready.wait())
            await asyncio.wait({opened, first_tab}, return_when=asyncio.FIRST_COMPLETED)
            first_tab.cancel()
            if not opened.done():
                return self._browser
        return await opened

    async def _render(
        self, opening: Future[Any], figures: Sequence[Any], keys: list[str], scale: float
    ) -> list[bytes]:
        """Runs in the exporter's loop: cached images as they are, the rest drawn by Chromium."""
        missing = [i for i, key in enumerate(keys) if key not in self._cache]
        if missing:
            browser = await self._drawing_browser(opening)
            drawn = await asyncio.gather(
                *(
                    browser.calc_fig(figures[i], opts={"format": IMAGE_FORMAT, "scale": scale})
                    for i in missing
                )
            )
            for i, image in zip(missing, drawn, strict=True):
                self._cache[keys[i]] = bytes(image)
            if (
                self._extra_tabs is None
                and self._tabs > 1
                and opening.done()
                and hasattr(browser, "_create_kaleido_tab")
            ):
                # More tabs draw in parallel (on two busy cores, 9 charts took 0.8 s instead of 1.2 s),
                # but opening them with the browser made it start a second later, and opening one
                # during the first export slowed that down: add them after the first export, and
                # only once kaleido's open() has returned (it sets up every tab it knows of then,
                # which would also take a tab another export is drawing in).
                self._extra_tabs = asyncio.ensure_future(self._more_tabs(browser, self._tabs - 1))
        images = []
        for key in keys:
            self._cache.move_to_end(key)
            images.append(self._cache[key])
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return images

    def submit(self, figures: Sequence[Any], *, scale: float = SCALE) -> Future[list[bytes]]:
        """Start exporting (and Chromium, if needed) without waiting; collect with :meth:`collect`."""
        outside = _outside_bundle(figures)
        if outside:  # a chart type added without rebuilding the bundle (tools/plotly_bundle)
            refused: Future[list[bytes]] = Future()
            kinds = ", ".join(sorted(outside))
            refused.set_exception(ChartRefused(f"the report's plotly.js cannot draw {kinds} charts"))
            return refused
        self.start()
        with self._lock:
            loop, opening = self._loop, self._opening
        if loop is None or opening is None:
            failed: Future[list[bytes]] = Future()
            failed.set_exception(ChartExportError("Chromium is not running"))
            return failed
        keys = [_cache_key(f, scale) for f in figures]
        return asyncio.run_coroutine_threadsafe(self._render(opening, list(figures), keys, scale), loop)

    def collect(self, future: Future[list[bytes]], timeout: float = EXPORT_TIMEOUT) -> list[bytes]:
        """The image bytes of a submitted export. Raises ChartExportError (and restarts next time)."""
        try:
            return future.result(timeout=timeout)
        except FutureTimeout:
            future.cancel()
            self._reset()
            raise ChartExportError(f"chart export took longer than {timeout:.0f} s") from None
        except ChartRefused:
            raise  # nothing went wrong with the browser
        except ChartExportError:
            self._reset()
            raise
        except Exception as exc:  # kaleido/choreographer raise their own types
            self._reset()
            raise ChartExportError(_reason(exc)) from exc

    def export(
        self, figures: Sequence[Any], *, scale: float = SCALE, timeout: float = EXPORT_TIMEOUT
    ) -> list[bytes]:
        """Image bytes (IMAGE_FORMAT) for each figure, in order. Raises ChartExportError."""
        if not figures:
            return []
        return self.collect(self.submit(figures, scale=scale), timeout)


def image_size(figure: Any, scale: float = SCALE) -> tuple[int, int]:
    """The pixel size of a figure's image, as kaleido and Plotly make it (700 × 500 when unset)."""
    layout = figure.layout
    width = layout.width or (layout.template.layout.width if layout.template else None) or 700
    height = layout.height or (layout.template.layout.height if layout.template else None) or 500
    return int(width * scale), int(height * scale)


def _cache_key(figure: Any, scale: float) -> str:
    text = figure.to_json() if hasattr(figure, "to_json") else json.dumps(figure, sort_keys=True, default=str)
    return hashlib.sha256(f"{IMAGE_FORMAT}:{scale}:{text}".encode()).hexdigest()


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."


_exporter: ChartExporter | None = None
_exporter_lock = threading.Lock()


def exporter() -> ChartExporter:
    """The process's shared exporter (created on first use, closed at exit)."""
    global _exporter
    with _exporter_lock:
        if _exporter is None:
            _exporter = ChartExporter()
            atexit.register(_exporter.close)
        return _exporter
