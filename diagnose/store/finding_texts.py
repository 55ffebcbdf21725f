"""Finding texts stored once, not in every snapshot.

A snapshot keeps the findings exactly as they were said, so an old round reads the same after the
rule base changed. Title, diagnosis and advice are most of a finding (~1.6 KB in two languages)
and the same for every round a rule fires in: they are stored once, keyed by a digest of their
content, and the snapshot lists the digests. Content-addressed rows are never changed, so a
reworded rule gets a new row and old snapshots keep the old wording. Snapshots stored whole (before
this, or imported from an archive) are read as they are.

A process keeps the texts it has packed or read, to spare the database and the digests; the caches
are bounded (CACHED_TEXTS): a text filled in for one round (a score in an advice) is new in every
round, ~3 a round, and a re-diagnosis of 50,000 rounds kept ~150,000 of them (~300 MB) before.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Collection
from typing import Any

from pydantic_core import to_json
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
CACHED_TEXTS = 4_000  # per cache; the rule base's own texts are a few hundred, the rest filled in per round

Texts = dict[str, dict[str, Any]]  # digest: {title, diagnosis, advice}, each {nl, en}


def _digest_of(key: tuple[str, ...]) -> str:
    """The digest of a finding's texts: of their JSON with sorted keys and no spaces, as
    `json.dumps(texts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))` writes it
    (the digests stored so far), written by pydantic-core's serialiser straight to UTF-8, which
    writes every str as json.dumps does (tests compare them; a lone surrogate, which UTF-8 cannot
    hold, fails either way): a re-diagnosis makes one for each of a round's ~3 texts filled in for
    it, in half the time of formatting the JSON in Python and a third of json.dumps'."""
    title_nl, title_en, diagnosis_nl, diagnosis_en, advice_nl, advice_en = key
    canonical = to_json(
        {
            "advice": {"en": advice_en, "nl": advice_nl},
            "diagnosis": {"en": diagnosis_en, "nl": diagnosis_nl},
            "title": {"en": title_en, "nl": title_nl},
        }
    )
    return hashlib.blake2b(canonical, digest_size=16).hexdigest()


class FindingTexts:
    """Packs and unpacks snapshot JSON for one database; caches digests and texts (immutable)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._digests: dict[tuple[str, ...], tuple[str, dict[str, Any]]] = {}
        self._texts: Texts = {}
        self._stored: set[str] = set()

    def pack(self, d: Diagnosis, leave_out: Collection[str] = ()) -> tuple[bytes, Texts]:
        """The snapshot JSON (UTF-8) without the texts (nor the fields left out), and the texts it
        refers to by digest (for `store`, which needs them whatever the cache has let go of since).
        The bytes pydantic writes, never decoded to a str and encoded again on the way to the
        database (~25 KB of copies per round: the texts' quotes make it a two-byte str)."""
        found = [self._digest(f) for f in d.findings]
        exclude: dict[str, Any] = dict.fromkeys(leave_out, True) | _EXCLUDE if leave_out else _EXCLUDE
        body = _SERIALIZER.to_json(d, exclude=exclude)
        digests = json.dumps([digest for digest, _ in found]).encode()
        return b"".join((body[:-1], _KEY_JSON, digests, b"}")), dict(found)

    def _digest(self, f: Finding) -> tuple[str, dict[str, Any]]:
        # keyed by the texts themselves (their strings: hashing and comparing the frozen models is
        # pydantic's Python code): a text filled in for this round is
        # a new object every time, and the cache holds one entry per distinct text, as the table
        # does (keyed by the objects' ids it had to keep every finding alive: +45 MB per 1,000
        # rounds re-diagnosed, never given back)
        key = (f.title.nl, f.title.en, f.diagnosis.nl, f.diagnosis.en, f.advice.nl, f.advice.en)
        known = self._digests.get(key)
        if known is not None:
            return known
        title_nl, title_en, diagnosis_nl, diagnosis_en, advice_nl, advice_en = key
        texts = {
            "title": {"nl": title_nl, "en": title_en},
            "diagnosis": {"nl": diagnosis_nl, "en": diagnosis_en},
            "advice": {"nl": advice_nl, "en": advice_en},
        }
        made = _digest_of(key), texts

        with self._lock:
            if len(self._digests) >= CACHED_TEXTS:
                self._digests.clear()
            self._digests[key] = made
        return made

    def cached(self) -> int:
        """How many finding texts this process holds (one per distinct text, however many rounds,
        up to CACHED_TEXTS per cache)."""
        return len(self._digests) + len(self._texts)

    def store(self, s: Session, texts: Texts) -> None:
        """Insert the texts of these digests that the database does not hold yet. Those this
        process has seen stored are not asked for; the others are looked up first: in a
        re-diagnosis almost all of them are there already (a text filled in for a round is the
        same at every run), and a lookup by key costs less than writing each text's JSON for
        the insert to skip (~40 µs a round, in every new process)."""
        unseen = sorted(texts.keys() - self._stored)
        if not unseen:
            return
        held: set[str] = set()
        for i in range(0, len(unseen), IN_SLICE):
            held.update(s.scalars(select(_DIGEST).where(_DIGEST.in_(unseen[i : i + IN_SLICE]))))
        new = [{"digest": d, "texts": texts[d]} for d in unseen if d not in held]
        if not new:
            return
        # another process may store the same texts meanwhile
        insert = models.dialect_insert(s)(models.FindingText).on_conflict_do_nothing()
        s.execute(insert, new)
        s.flush()

    def stored(self, digests: Collection[str]) -> None:
        """After the transaction that stored them committed."""
        with self._lock:
            if len(self._stored) >= CACHED_TEXTS:
                self._stored.clear()
            self._stored.update(digests)

    def unpack(self, s: Session, data: dict[str, Any]) -> dict[str, Any]:
        """The snapshot JSON with every finding's texts in place."""
        digests: list[str] | None = data.pop(KEY, None)
        if digests is None:
            return data
        cached = self._texts
        # .get, not `in` then [ ]: another thread may empty the cache in between (see below)
        found = {d: texts for d in digests if (texts := cached.get(d)) is not None}
        missing = set(digests) - found.keys()
        if missing:
            rows: Texts = dict(
                s.execute(
                    select(models.FindingText.digest, models.FindingText.texts).where(
                        models.FindingText.digest.in_(missing)
                    )
                ).all()
            )
            found.update(rows)
            with self._lock:
                if len(cached) + len(rows) > CACHED_TEXTS:
                    cached.clear()
                if len(rows) <= CACHED_TEXTS:
                    cached.update(rows)
        findings = []
        for finding, digest in zip(data["findings"], digests, strict=True):
            texts = found.get(digest)
            if texts is None:
                raise LookupError(
                    f"finding text {digest} of rule {finding.get('rule')} is missing from the database"
                )
            head = {k: finding[k] for k in _HEAD if k in finding}
            findings.append({**head, **texts, **{k: v for k, v in finding.items() if k not in head}})
        data["findings"] = findings
        return data
