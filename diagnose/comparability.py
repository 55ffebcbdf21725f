"""Which constructs of an earlier round may be compared with this one: decided here, once.

Rounds answered with the same version of a questionnaire (or with two questionnaires of the same
version, such as the quickscan and the netwerkscan) compare constructs by id. Across versions only
the constructs that the newer version's `comparable` mapping (docs/formats.md) declares comparable
are compared, under the current round's construct ids; everything else is left out, and the trend
says so (`version_note`). Without a mapping nothing is compared across versions.

The diagnosis (change and previous facts), the history shown beside a round, the trend chart and
the report all ask this module.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from diagnose.questionnaire import version_key
from diagnose.scores import Reference, RoundScores
from diagnose.text import LocalizedText

if TYPE_CHECKING:
    from diagnose.bundle import Bundle
    from diagnose.diagnosis import Diagnosis, PreviousRound

V = TypeVar("V")


@dataclass(frozen=True)
class Comparability:
    """How an earlier round's constructs read in the current round's terms."""

    current: Reference
    earlier: Reference
    # current construct id → the earlier round's construct id; None: compared by id (same version)
    constructs: Mapping[str, str] | None
    note: LocalizedText | None = None  # the mapping's own sentence on what changed

    @property
    def across_versions(self) -> bool:
        return self.constructs is not None

    def translate(self, scores: Mapping[str, V]) -> dict[str, V]:
        """An earlier round's values per construct under the current ids, comparable ones only."""
        if self.constructs is None:
            return dict(scores)
        return {new: scores[old] for new, old in self.constructs.items() if old in scores}


def comparability(bundle: Bundle, current: Reference, earlier: Reference) -> Comparability:
    """The mapping between two rounds' questionnaires (see the module docstring)."""
    if current.version == earlier.version:
        return Comparability(current, earlier, None)
    newer, older = (current, earlier) if _newer(current, earlier) else (earlier, current)
    q = bundle.versions.get(newer.id, {}).get(newer.version)
    comparison = q.comparison_with(older.version) if q is not None else None
    mapping = dict(comparison.constructs) if comparison is not None else {}
    if newer is earlier:  # an older version answered after a newer one: read the mapping backwards
        mapping = {old: new for new, old in mapping.items()}
    return Comparability(current, earlier, mapping, comparison.note if comparison else None)


def _newer(a: Reference, b: Reference) -> bool:
    return version_key(a.version) > version_key(b.version)


def previous_in_terms(bundle: Bundle, current: Reference, previous: RoundScores) -> RoundScores:
    """The previous round's scores under the current round's construct ids (comparable ones only),
    for the change and previous facts. Kept scores from before versions were recorded are read as
    the same version."""
    if previous.questionnaire is None:
        return previous
    found = comparability(bundle, current, previous.questionnaire)
    if not found.across_versions:
        return previous
    return previous.model_copy(
        update={
            "constructs": found.translate(previous.constructs),
            "by_role": {role: found.translate(means) for role, means in previous.by_role.items()},
        }
    )


def earlier_in_terms(bundle: Bundle, current: Reference, earlier: PreviousRound) -> PreviousRound:
    """An earlier round as shown beside the current one: its comparable scores, under current ids.
    A round already in the current round's terms is returned as it is."""
    if earlier.questionnaire is None or earlier.in_terms_of == current:
        return earlier
    found = comparability(bundle, current, earlier.questionnaire)
    if not found.across_versions:
        return earlier
    return earlier.model_copy(update={"scores": found.translate(earlier.scores), "in_terms_of": current})


@dataclass(frozen=True)
class VersionChange:
    """Rounds of another version stand beside this one: since when, and what cannot be compared."""

    since: str  # the label of the first round answered with the current version
    version: str
    left_out: tuple[str, ...]  # constructs this round shows that earlier versions cannot be compared on
    note: LocalizedText | None

    def text(self, labels: Mapping[str, LocalizedText]) -> LocalizedText:
        """One sentence for under the trend chart and in the report's trend section."""
        names = {
            lang: ", ".join(f"‘{labels[c].get(lang) if c in labels else c}’" for c in self.left_out)
            for lang in ("nl", "en")
        }
        nl = f"Vanaf ‘{self.since}’ gemeten met vragenlijst {self.version}"
        en = f"From ‘{self.since}’ on, measured with questionnaire {self.version}"
        if self.left_out:
            nl += f"; niet vergelijkbaar met eerdere metingen: {names['nl']}."
            en += f"; not comparable with earlier rounds: {names['en']}."
        else:
            nl += "; alle getoonde onderdelen zijn vergelijkbaar met eerdere metingen."
            en += "; every construct shown is comparable with earlier rounds."
        if self.note is not None:
            nl += f" {self.note.nl}"
            en += f" {self.note.en}"
        return LocalizedText(nl=nl, en=en)


def version_change(bundle: Bundle, d: Diagnosis, history: Sequence[PreviousRound]) -> VersionChange | None:
    """What to say when the rounds shown beside `d` (oldest first, as `Diagnosis.with_history`
    gives them) include a round answered with another version; None when all share d's version."""
    current = d.questionnaire
    others = [
        r for r in history if r.questionnaire is not None and r.questionnaire.version != current.version
    ]
    if not others:
        return None
    since = d.round.label
    for r in reversed(history):
        if r.questionnaire is not None and r.questionnaire.version != current.version:
            break
        since = r.label
    shown = set(d.visible_scores())
    left_out: dict[str, None] = {}
    notes: list[LocalizedText] = []
    for r in others:
        assert r.questionnaire is not None
        found = comparability(bundle, Reference(id=current.id, version=current.version), r.questionnaire)
        comparable = set(found.constructs or {})
        for cid in bundle.constructs.by_id:
            if cid in shown and cid not in comparable:
                left_out[cid] = None
        if found.note is not None and found.note not in notes:
            notes.append(found.note)
    note = (
        LocalizedText(nl=" ".join(n.nl for n in notes), en=" ".join(n.en for n in notes)) if notes else None
    )
    return VersionChange(since, current.version, tuple(left_out), note)
