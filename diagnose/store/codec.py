"""How the store compresses what it keeps as compressed JSON (snapshots, kept scores): zlib's
format (RFC 1950), which every release reads with Python's own zlib, made and read by ISA-L's
deflate (the `isal` package): on a snapshot's ~13 KB of JSON ~5× faster to make at level 1 than
zlib's and a little smaller, ~2.5× faster to read. A re-diagnosis compresses a snapshot for every
round, and a first one the round's scores too (benchmarks/bench_store.py). Without isal (a
platform it has no wheel for) the standard library's zlib makes the same format."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from typing import cast

_compress: Callable[[bytes, int], bytes]
_decompress: Callable[[bytes], bytes]
_error: type[Exception]
try:
    from isal import isal_zlib

    _compress, _decompress = isal_zlib.compress, isal_zlib.decompress
    _error = cast(type[Exception], isal_zlib.error)  # a class; its stub says an instance
except ImportError:  # pragma: no cover - every platform the locks name has its wheel
    _compress, _decompress, _error = zlib.compress, zlib.decompress, zlib.error

LEVEL = 1  # the fastest level that still compresses (isal's 0 makes ~15% larger blobs)


def compress(data: bytes) -> bytes:
    return _compress(data, LEVEL)


def decompress(blob: bytes) -> bytes:
    """The bytes `blob` holds; a damaged blob raises zlib.error, whichever library read it."""
    try:
        return _decompress(blob)
    except _error as exc:
        raise zlib.error(str(exc)) from exc
