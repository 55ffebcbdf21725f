"""The export kept before a delete: the network's lossless archive (transfer.archive, agreements
included) written to the data folder's exports/ with a UTC timestamp, so a coordinator who deletes
a network or a round by mistake can import it again (Gegevens → Importeren, or `netscan import`)."""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from pathlib import Path

from diagnose.problems import Problem
from diagnose.store import db
from diagnose.store.errors import StoreError

EXPORTS = "exports"


def exports_dir() -> Path:
    """Where kept exports go: exports/ in the data folder (NETSCAN_DATA_DIR, else ./data)."""
    return db.data_dir() / EXPORTS


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60] or "netwerk"


def keep(data: bytes, name: str, folder: Path | None = None, *, now: dt.datetime | None = None) -> Path:
    """Write `data` as netwerkscan-<name>-<UTC time>.json in `folder` (default exports_dir()), whole
    or not at all: a temporary file, flushed to disk, then renamed. Never overwrites an earlier one.
    Raises StoreError (`export-not-kept`) when the folder cannot be written: the caller deletes nothing."""
    target = folder if folder is not None else exports_dir()
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
    try:
        target.mkdir(parents=True, exist_ok=True)
        for n in range(1, 1000):
            path = target / f"netwerkscan-{slug(name)}-{stamp}{'' if n == 1 else f'-{n}'}.json"
            if not path.exists():
                break
        partial = path.with_suffix(".json.part")
        with partial.open("wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, path)
    except OSError as exc:
        raise StoreError(
            Problem("export-not-kept", params={"folder": str(target), "detail": exc.strerror or str(exc)})
        ) from exc
    return path
