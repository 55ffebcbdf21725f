"""What the store compresses is zlib's format whichever library made it: the release before, and
any tool with Python's zlib, reads it; what the standard zlib made before is read; a damaged blob
is zlib's error, not a crash or another library's exception."""

from __future__ import annotations

import random
import zlib

import pytest

from diagnose.store import codec

SAMPLES = [
    b"",
    b"{}",
    '{"advies":"Zet één doel centraal — “samen”","n":3.1416}'.encode(),
    bytes(random.Random(7).getrandbits(8) for _ in range(5_000)),  # incompressible
    b'{"respondents":['
    + b",".join(b'{"role":"teacher","scores":{"lnc4_trust":3.25}}' for _ in range(4_000))
    + b"]}",
]


@pytest.mark.parametrize("data", SAMPLES, ids=["empty", "object", "dutch", "random", "large"])
def test_what_the_store_compresses_python_zlib_reads_and_back(data: bytes) -> None:
    blob = codec.compress(data)
    assert zlib.decompress(blob) == data
    assert codec.decompress(blob) == data
    assert codec.decompress(zlib.compress(data, 1)) == data  # as stored by releases before
    assert codec.decompress(zlib.compress(data, 9)) == data


def test_a_damaged_blob_is_zlibs_error() -> None:
    blob = codec.compress(SAMPLES[4])
    for damaged in (b"garbage", blob[:-9], blob[:2] + bytes([blob[2] ^ 0xFF]) + blob[3:200]):
        with pytest.raises(zlib.error):
            codec.decompress(damaged)


def test_a_large_document_compresses() -> None:
    assert len(codec.compress(SAMPLES[4])) < len(SAMPLES[4]) / 20
