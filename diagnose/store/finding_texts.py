"""Finding texts stored once, not in every snapshot.

A snapshot keeps the findings exactly as they were said, so an old round reads the same after the
rule base changed. Title, diagnosis and advice are most of a finding (~1.6 KB in two languages)
and the same for every round a rule fires in: they are stored once, keyed by a digest of their
content, and the snapshot lists the digests. Content-addressed rows are never changed, so a
reworded rule gets a new row and old snapshots keep the old wording. Snapshots stored whole (before
this, or imported from an archive) are read as they are.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Collection
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from diagnose.diagnosis import Diagnosis, Finding
from diagnose.store import models
from diagnose.store.db import IN_SLICE

TEXT_FIELDS = ("title", "diagnosis", "advice")
KEY = "finding_texts"  # in a snapshot's JSON: the digest of each finding's texts, in order
_EXCLUDE = {"findings": {"__all__": set(TEXT_FIELDS)}}
_HEAD = ("rule", "kind", "severity")  # the fields before the texts, to keep a finding's field order
_KEY_JSON = f',"{KEY}":'.encode()
_DIGEST = models.FindingText.digest
_SERIALIZER = Diagnosis.__pydantic_serializer__  # what model_dump_json calls, giving bytes


class FindingTexts:
    """Packs and unpacks snapshot JSON for one database; caches digests and texts (immutable)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._digests: dict[tuple[str, ...], str] = {}
        self._texts: dict[str, dict[str, Any]] = {}
        self._stored: set[str] = set()

    def pack(self, d: Diagnosis, leave_out: Collection[str] = ()) -> tuple[bytes, list[str]]:
        """The snapshot JSON (UTF-8) without the texts (nor the fields left out), and the digests it
        refers to. The bytes pydantic writes, never decoded to a str and encoded again on the way
        to the database (~25 KB of copies per round: the texts' quotes make it a two-byte str)."""
        digests = [self._digest(f) for f in d.findings]
        exclude: dict[str, Any] = dict.fromkeys(leave_out, True) | _EXCLUDE if leave_out else _EXCLUDE
        body = _SERIALIZER.to_json(d, exclude=exclude)
        return b"".join((body[:-1], _KEY_JSON, json.dumps(digests).encode(), b"}")), digests

    def _digest(self, f: Finding) -> str:
        # keyed by the texts themselves (their strings: hashing and comparing the frozen models is
        # pydantic's Python code): a text filled in for this round is
        # a new object every time, and the cache holds one entry per distinct text, as the table
        # does (keyed by the objects' ids it had to keep every finding alive: +45 MB per 1,000
        # rounds re-diagnosed, never given back)
        key = (f.title.nl, f.title.en, f.diagnosis.nl, f.diagnosis.en, f.advice.nl, f.advice.en)
        known = self._digests.get(key)
        if known is not None:
            return known
        texts = {name: getattr(f, name).model_dump() for name in TEXT_FIELDS}
        canonical = json.dumps(texts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        digest = hashlib.blake2b(canonical.encode(), digest_size=16).hexdigest()
        with self._lock:
            self._digests[key] = digest
            self._texts[digest] = texts
        return digest

    def cached(self) -> int:
        """How many finding texts this process holds (one per distinct text, however many rounds)."""
        return len(self._digests)

    def store(self, s: Session, digests: set[str]) -> None:
        """Insert the texts of these digests that the database does not hold yet. Those this
        process has seen stored are not asked for; the others are looked up first: in a
        re-diagnosis almost all of them are there already (a text filled in for a round is the
        same at every run), and a lookup by key costs less than writing each text's JSON for
        the insert to skip (~40 µs a round, in every new process)."""
        unseen = sorted(digests - self._stored)
        if not unseen:
            return
        held: set[str] = set()
        for i in range(0, len(unseen), IN_SLICE):
            held.update(s.scalars(select(_DIGEST).where(_DIGEST.in_(unseen[i : i + IN_SLICE]))))
        new = [{"digest": d, "texts": self._texts[d]} for d in unseen if d not in held]
        if not new:
            return
        # another process may store the same texts meanwhile
        insert = models.dialect_insert(s)(models.FindingText).on_conflict_do_nothing()
        s.execute(insert, new)
        s.flush()

    def stored(self, digests: set[str]) -> None:
        """After the transaction that stored them committed."""
        with self._lock:
            self._stored |= digests

    def unpack(self, s: Session, data: dict[str, Any]) -> dict[str, Any]:
        """The snapshot JSON with every finding's texts in place."""
        digests: list[str] | None = data.pop(KEY, None)
        if digests is None:
            return data
        missing = set(digests) - self._texts.keys()
        if missing:
            rows = s.execute(
                select(models.FindingText.digest, models.FindingText.texts).where(
                    models.FindingText.digest.in_(missing)
                )
            ).all()
            with self._lock:
                self._texts.update(dict(rows))
        findings = []
        for finding, digest in zip(data["findings"], digests, strict=True):
            texts = self._texts.get(digest)
            if texts is None:
                raise LookupError(
                    f"finding text {digest} of rule {finding.get('rule')} is missing from the database"
                )
            head = {k: finding[k] for k in _HEAD if k in finding}
            findings.append({**head, **texts, **{k: v for k, v in finding.items() if k not in head}})
        data["findings"] = findings
        return data
