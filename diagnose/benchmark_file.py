"""The benchmark exchange file: anonymised network means shared between installations.

`netscan benchmark export FILE` writes one (`build`); `netscan benchmark import FILE` reads and
checks one (`read`) before the store keeps it as a reference set. The format is documented in
docs/benchmark.md and has a JSON Schema (schemas/benchmark-file.schema.json, from `BenchmarkFile`).

A file holds no names, ids, sizes or dates of rounds: per network only its sector and network type
(either left out, null, where fewer than the minimum of networks share it: `generalise`) and its
construct means rounded to 0.1, in an order that says nothing (sorted by the values). It is
refused whole, with every problem located (`networks[3].means.lnc4_trust`), when anything is
wrong: nothing is half-imported.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr

from diagnose.benchmark import MINIMUM_FLOOR, ROUNDING, Peer
from diagnose.bundle import Bundle
from diagnose.problems import Problem, ValidationFailed, did_you_mean
from diagnose.questionnaire import Questionnaire
from diagnose.scores import Reference
from diagnose.source import SourceFile, load_json_text, read_text, validate_model

FORMAT = "netwerkscan-benchmark"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 5 * 1024 * 1024  # ~20,000 networks; a larger file is damaged or hostile
MAX_NETWORKS = 20_000
PROFILE_FACTS = ("sector", "network_type")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FileQuestionnaire(_Strict):
    id: StrictStr = Field(min_length=1, max_length=100)
    version: StrictStr = Field(min_length=1, max_length=50)


class FileNetwork(_Strict):
    """One network: its profile as far as it is shared, and its means per construct id."""

    sector: StrictStr | None = Field(default=None, max_length=50)
    network_type: StrictStr | None = Field(default=None, max_length=50)
    means: dict[StrictStr, StrictFloat | StrictInt] = Field(min_length=1, max_length=200)


class BenchmarkFile(_Strict):
    """An anonymised reference set: the latest open round of each opted-in network, as means."""

    format: Literal["netwerkscan-benchmark"]
    format_version: Literal[1]
    created: dt.date
    questionnaire: FileQuestionnaire
    constructs: list[StrictStr] = Field(min_length=1, max_length=200)
    networks: list[FileNetwork] = Field(max_length=MAX_NETWORKS)

    def peers(self) -> list[Peer]:
        ref = Reference(id=self.questionnaire.id, version=self.questionnaire.version)
        return [
            Peer(ref, {c: float(v) for c, v in n.means.items()}, sector=n.sector, network_type=n.network_type)
            for n in self.networks
        ]


def digest(data: bytes) -> str:
    """What recognises a file imported before (the same bytes)."""
    return hashlib.sha256(data).hexdigest()


def read(path: Path, bundle: Bundle, minimum: int, display: str | None = None) -> tuple[BenchmarkFile, bytes]:
    """The file checked whole (ValidationFailed with every problem located), and its bytes."""
    display = display or path.name
    if path.is_file() and path.stat().st_size > MAX_FILE_BYTES:
        raise ValidationFailed([Problem("file-too-large", file=display, params={"limit": "5 MB"})])
    text = read_text(path, display)
    parsed = load_json_text(text, display)
    source = _Located(parsed.path, parsed.data)
    checked = validate_model(BenchmarkFile, source)
    problems = check(checked, bundle, minimum, source)
    if problems:
        raise ValidationFailed(problems)
    return checked, text.encode("utf-8")


class _Located(SourceFile):
    """A JSON file has no lines to point to: a problem names the entry by its path instead,
    e.g. `networks[3].means` with the field `lnc4_trust`."""

    def id_at(self, loc: Iterable[str | int]) -> str | None:
        parts = tuple(loc)
        if parts and isinstance(parts[-1], str):
            parts = parts[:-1]
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts).lstrip(".")
        return path or None


def check(f: BenchmarkFile, bundle: Bundle, minimum: int, source: SourceFile) -> list[Problem]:
    """What the schema cannot say: the questionnaire is known here, every construct is one of its
    scores, every mean on the scale and rounded, every profile value known, enough networks."""
    versions = bundle.versions.get(f.questionnaire.id, {})
    q = versions.get(f.questionnaire.version)
    if q is None:
        known = [f"{qid} {v}" for qid, vs in bundle.versions.items() for v in vs]
        return [
            source.problem(
                "benchmark-version",
                ("questionnaire", "version"),
                "version",
                key=f.questionnaire.id,
                version=f.questionnaire.version,
                allowed=", ".join(sorted(known)),
            )
        ]
    scores = score_constructs(bundle, q)
    problems: list[Problem] = []
    for i, cid in enumerate(f.constructs):
        if cid not in scores:
            problems.append(_construct_problem(source, ("constructs", i), cid, scores, q))
    declared = set(f.constructs)
    options = {fact: _options(q, fact) for fact in PROFILE_FACTS}
    for i, n in enumerate(f.networks):
        for cid, value in n.means.items():
            where = ("networks", i, "means", cid)
            if cid not in declared or cid not in scores:
                problems.append(_construct_problem(source, where, cid, scores, q))
            elif not 1.0 <= value <= 5.0 or round(value, ROUNDING) != value:
                problems.append(source.problem("benchmark-value", where, cid, value=value))
        for fact in PROFILE_FACTS:
            given = getattr(n, fact)
            allowed = options[fact]
            if given is not None and allowed and given not in allowed:
                problems.append(
                    source.problem(
                        "benchmark-profile",
                        ("networks", i, fact),
                        fact,
                        key=given,
                        fact=fact,
                        allowed=", ".join(allowed),
                        suggestion=did_you_mean(given, allowed),
                    )
                )
    if len(f.networks) < max(minimum, MINIMUM_FLOOR):
        problems.append(
            source.problem(
                "benchmark-too-few", ("networks",), "networks", count=len(f.networks), minimum=minimum
            )
        )
    return problems


def _construct_problem(
    source: SourceFile, where: tuple[str | int, ...], cid: str, scores: Sequence[str], q: Questionnaire
) -> Problem:
    return source.problem(
        "benchmark-construct",
        where,
        where[-1] if isinstance(where[-1], str) else None,
        key=cid,
        questionnaire=f"{q.id} {q.version}",
        suggestion=did_you_mean(cid, scores),
    )


def _options(q: Questionnaire, fact: str) -> list[str]:
    item = q.fact_item(fact)
    return item.option_values if item is not None else []


def score_constructs(bundle: Bundle, q: Questionnaire) -> list[str]:
    """The constructs a benchmark compares: the scores the questionnaire measures (a position is
    neither good nor bad, a fact is not a mean)."""
    return [
        c
        for c in q.items_by_construct
        if c in bundle.constructs.by_id and bundle.constructs.by_id[c].kind == "score"
    ]


def generalise(peers: Sequence[Peer], minimum: int) -> list[tuple[str | None, str | None]]:
    """Each network's (sector, network type) as the file may show it: a combination fewer than
    `minimum` networks share would single them out, so it loses its type, then its sector; a
    left-over group below the minimum takes whole groups with it until it is large enough."""
    shown = [(p.sector, p.network_type) for p in peers]
    for level in (lambda s, t: (s, None), lambda s, t: (None, None)):
        counts = Counter(shown)
        shown = [level(*key) if counts[key] < minimum else key for key in shown]
    counts = Counter(shown)
    blank = counts.get((None, None), 0)
    if 0 < blank < minimum:
        for key, _ in sorted(counts.items(), key=lambda kv: kv[1]):
            if key == (None, None) or blank >= minimum:
                continue
            blank += counts[key]
            shown = [(None, None) if k == key else k for k in shown]
    return shown


def build(
    peers: Sequence[Peer], q: Questionnaire, bundle: Bundle, minimum: int, today: dt.date
) -> BenchmarkFile:
    """The export of `peers` (already in q's terms): rounded, generalised, in an order of values.
    ValidationFailed (benchmark-too-few) below the minimum: such a file would expose networks."""
    scores = score_constructs(bundle, q)
    peers = [p for p in peers if any(c in p.means for c in scores)]
    if len(peers) < max(minimum, MINIMUM_FLOOR):
        raise ValidationFailed(
            [Problem("benchmark-too-few", id="networks", params={"count": len(peers), "minimum": minimum})]
        )
    profiles = generalise(peers, minimum)
    networks = [
        FileNetwork(
            sector=sector,
            network_type=kind,
            means={c: round(p.means[c], ROUNDING) for c in scores if c in p.means},
        )
        for p, (sector, kind) in zip(peers, profiles, strict=True)
    ]
    networks = [n for n in networks if n.means]
    networks.sort(key=lambda n: (n.sector or "", n.network_type or "", sorted(n.means.items())))
    return BenchmarkFile(
        format=FORMAT,
        format_version=FORMAT_VERSION,
        created=today,
        questionnaire=FileQuestionnaire(id=q.id, version=q.version),
        constructs=[c for c in scores if any(c in n.means for n in networks)],
        networks=networks,
    )


def dumps(f: BenchmarkFile) -> str:
    return json.dumps(f.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"
