"""What a server loads while it starts, so the first visitor does not wait for it (issue 16).

Streamlit runs the app's script only when a first visitor connects: without this, that visitor
waits for the store and the content to be loaded (the YAML read and checked, the rules compiled),
the database schema to be checked and the results page's modules (Plotly, the charts) to be
imported. :func:`start` does that on a background thread while the server starts and the browser
loads Streamlit's page; a visitor arriving earlier waits for the same work (``st.cache_resource``
computes a value once, the import system imports a module once). Nothing here is required: when
it fails (no database yet), the first page does the same work and says what is wrong.
"""

from __future__ import annotations

import importlib
import logging
import threading

# the modules of the sign-in, overview and results pages beyond what every page imports
MODULES = (
    "netscan_app.main",
    "netscan_app.sidebar",
    "netscan_app.dashboard",
    "netscan_app.agreement_parts",
    "netscan_app.edit_parts",
    "netscan_app.report",
    "diagnose.store.round_view",
)


def start() -> threading.Thread:
    """Begin loading on a background thread; returns at once."""
    thread = threading.Thread(target=_load, name="netscan-preload", daemon=True)
    thread.start()
    return thread


def _load() -> None:
    log = logging.getLogger("netscan.app")
    try:
        for name in MODULES:
            importlib.import_module(name)
        from netscan_app.resources import get_bundle

        get_bundle()  # the store (the same object every session gets) and its content, loaded
    except Exception as exc:  # the first page does it again and shows the problem
        log.info("preloading at start-up did not finish: %s", exc)
