"""The benchmark's room: which networks take part, the reference sets imported, and the other
networks a round is compared with (the comparison itself is the core's, diagnose.benchmark).

    benchmark_taking_part(network_id) -> bool
    set_benchmark_taking_part(network_id, on, *, user_id=None) -> bool
        only an administrator of the network's workspace (user_id), or the command line (None);
        off by default; switching off takes the network out of every benchmark at once (no cache:
        every comparison reads who takes part when it is made)
    benchmark_for(round_id, diagnosis, scope=ALL) -> Comparison | None
        None unless the round's network takes part and its results are open; the others are the
        latest round with open results of every other network taking part (any version of the same
        questionnaire, read in this round's terms) and the imported reference sets
    benchmark_export(questionnaire_id="netwerkscan") -> BenchmarkFile   (every network taking part)
    import_benchmark(path, *, name) -> BenchmarkReferenceInfo;  benchmark_references();
    remove_benchmark_reference(reference_id)

Means come from the rounds' standing (diagnose.store.standing), never from re-diagnosing; a
construct counts only when at least the anonymity minimum of the round's respondents scored it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select

from diagnose import benchmark_file
from diagnose.benchmark import ALL, Comparison, Own, Peer, Scope, compare, in_own_terms
from diagnose.benchmark_file import BenchmarkFile, score_constructs
from diagnose.diagnosis import Diagnosis
from diagnose.problems import Problem, ValidationFailed
from diagnose.scores import Reference
from diagnose.store import models, records
from diagnose.store.benchmark_rows import BenchmarkOptIn, BenchmarkReference
from diagnose.store.errors import StoreError
from diagnose.store.models import utcnow
from diagnose.store.standing import ConstructMean, Standing
from diagnose.text import LocalizedText


@dataclass(frozen=True)
class BenchmarkReferenceInfo:
    """An imported reference set, as `netscan benchmark list` shows it."""

    id: int
    name: str
    created: dt.date
    questionnaire_id: str
    questionnaire_version: str
    networks: int
    imported_at: dt.datetime


class Benchmark(Standing):
    """Taking part in the benchmark, reference sets, and the other networks (see the module)."""

    @property
    def benchmark_minimum(self) -> int:
        return self.db.bundle.settings.benchmark_minimum

    # --- taking part ---------------------------------------------------------------------------

    def benchmark_taking_part(self, network_id: int) -> bool:
        with self.db.read() as s:
            records.network_row(s, network_id)
            return s.get(BenchmarkOptIn, network_id) is not None

    def set_benchmark_taking_part(self, network_id: int, on: bool, *, user_id: int | None = None) -> bool:
        """Switch taking part on or off; returns whether it changed. `user_id` must be an
        administrator of the network's workspace (AccessDenied otherwise)."""
        with self.db.write() as s:
            network = records.network_row(s, network_id)
            by_name = ""
            if user_id is not None:
                role = s.scalar(
                    select(models.Membership.role).where(
                        models.Membership.user_id == user_id,
                        models.Membership.workspace_id == network.workspace_id,
                    )
                )
                if role != "admin":
                    raise StoreError(Problem("benchmark-not-admin", id="benchmark"))
                user = s.get(models.User, user_id)
                by_name = user.email if user is not None else ""
            row = s.get(BenchmarkOptIn, network_id)
            if (row is not None) == on:
                return False
            if on:
                s.add(BenchmarkOptIn(network_id=network_id, user_id=user_id, by_name=by_name))
            else:
                s.delete(row)
            name, workspace_id = network.name, network.workspace_id
        self.record(
            "benchmark_on" if on else "benchmark_off",
            f"‘{name}’ (#{network_id})",
            workspace_id=workspace_id,
        )
        return True

    # --- the comparison ------------------------------------------------------------------------

    def benchmark_for(self, round_id: int, diagnosis: Diagnosis, scope: Scope = ALL) -> Comparison | None:
        """The round (as `diagnosis`, its visible means) among the other networks; None when its
        network does not take part, its results are closed, or too few others qualify."""
        info = self.get_round(round_id)
        if not diagnosis.results_allowed or not self.benchmark_taking_part(info.network_id):
            return None
        bundle = self.db.bundle
        network = self.get_network(info.network_id)
        q = bundle.questionnaire(info.questionnaire_id, info.questionnaire_version)
        ref = Reference(id=q.id, version=q.version)
        scores = set(score_constructs(bundle, q))
        own = Own(
            ref,
            {c: m for c, m in diagnosis.visible_scores().items() if c in scores},
            sector=_fact("sector", {k: f.value for k, f in diagnosis.profile.items()}, network.profile),
            network_type=_fact(
                "network_type", {k: f.value for k, f in diagnosis.profile.items()}, network.profile
            ),
        )
        others = self.benchmark_peers(
            q.id, exclude_network_id=info.network_id, workspace_id=info.workspace_id
        )
        peers = in_own_terms(bundle, ref, others)
        return compare(own, peers, minimum=self.benchmark_minimum, scope=scope)

    def benchmark_peers(
        self, questionnaire_id: str, *, exclude_network_id: int | None = None, workspace_id: int | None = None
    ) -> list[Peer]:
        """The networks taking part (but `exclude_network_id`) and the reference sets' networks,
        as the core's Peers, not yet in any round's terms. `workspace_id`: whose networks the
        viewer sees anyway (Peer.same_workspace)."""
        return self._taking_part(questionnaire_id, exclude_network_id, workspace_id) + self._reference_peers(
            questionnaire_id
        )

    def _taking_part(
        self, questionnaire_id: str, exclude_network_id: int | None, workspace_id: int | None
    ) -> list[Peer]:
        """Each network taking part by its latest round with open results answered with any
        version of the questionnaire."""
        with self.db.read() as s:
            taking_part = {
                nid: (ws, profile)
                for nid, ws, profile in s.execute(
                    select(models.Network.id, models.Network.workspace_id, models.Network.profile).join(
                        BenchmarkOptIn, BenchmarkOptIn.network_id == models.Network.id
                    )
                )
                if nid != exclude_network_id
            }
        if not taking_part:
            return []
        minimum = self.db.bundle.settings.anonymity_minimum
        peers: list[Peer] = []
        for nid, standing in self.latest_open_means(questionnaire_id=questionnaire_id, version=None).items():
            if nid not in taking_part:
                continue
            ws, profile = taking_part[nid]
            means = _usable(standing.means, minimum)
            if means:
                peers.append(
                    Peer(
                        Reference(id=standing.questionnaire_id, version=standing.questionnaire_version),
                        means,
                        sector=_fact("sector", standing.facts, profile),
                        network_type=_fact("network_type", standing.facts, profile),
                        same_workspace=ws == workspace_id,
                    )
                )
        return peers

    def _reference_peers(self, questionnaire_id: str) -> list[Peer]:
        with self.db.read() as s:
            rows = s.scalars(
                select(BenchmarkReference.data).where(BenchmarkReference.questionnaire_id == questionnaire_id)
            )
            return [p for data in rows for p in BenchmarkFile.model_validate(data).peers()]

    # --- export and reference sets -------------------------------------------------------------

    def benchmark_export(
        self, questionnaire_id: str = "netwerkscan", *, today: dt.date | None = None
    ) -> BenchmarkFile:
        """The anonymised file of every network taking part, in the current version's terms;
        ValidationFailed (benchmark-too-few) below the minimum. Reference sets imported from
        elsewhere are never passed on."""
        bundle = self.db.bundle
        q = bundle.questionnaire(questionnaire_id)
        ref = Reference(id=q.id, version=q.version)
        peers = in_own_terms(bundle, ref, self._taking_part(questionnaire_id, None, None))
        return benchmark_file.build(peers, q, bundle, self.benchmark_minimum, today or dt.date.today())

    def import_benchmark(
        self, path: Path, *, name: str, display: str | None = None
    ) -> BenchmarkReferenceInfo:
        """Check the file whole and keep it as a reference set; ValidationFailed with every problem
        located, and nothing kept, when anything is wrong or the same file was imported before."""
        checked, data = benchmark_file.read(path, self.db.bundle, self.benchmark_minimum, display)
        digest = benchmark_file.digest(data)
        clean = records.check_name(name)
        with self.db.write() as s:
            known = s.scalar(select(BenchmarkReference).where(BenchmarkReference.digest == digest))
            if known is not None:
                raise ValidationFailed(
                    [Problem("benchmark-imported", file=display or path.name, params={"key": known.name})]
                )
            row = BenchmarkReference(
                name=clean,
                digest=digest,
                created=checked.created,
                questionnaire_id=checked.questionnaire.id,
                questionnaire_version=checked.questionnaire.version,
                networks=len(checked.networks),
                data=checked.model_dump(mode="json"),
                imported_at=utcnow(),
            )
            s.add(row)
            s.flush()
            info = _reference_info(row)
        return info

    def benchmark_references(self) -> list[BenchmarkReferenceInfo]:
        with self.db.read() as s:
            return [
                _reference_info(r)
                for r in s.scalars(select(BenchmarkReference).order_by(BenchmarkReference.id))
            ]

    def remove_benchmark_reference(self, reference_id: int) -> BenchmarkReferenceInfo:
        with self.db.write() as s:
            row = s.get(BenchmarkReference, reference_id)
            if row is None:
                raise StoreError(
                    Problem(
                        "not-found",
                        id=str(reference_id),
                        params={
                            "kind": LocalizedText(nl="referentieset", en="reference set"),
                            "key": reference_id,
                        },
                    )
                )
            info = _reference_info(row)
            s.execute(delete(BenchmarkReference).where(BenchmarkReference.id == reference_id))
        return info


def _usable(means: Mapping[str, ConstructMean], minimum: int) -> dict[str, float]:
    """The means a benchmark may use: scored, by at least the anonymity minimum of respondents."""
    return {c: m.mean for c, m in means.items() if m.mean is not None and m.respondents >= minimum}


def _fact(name: str, answered: Mapping[str, object], profile: Mapping[str, object]) -> str | None:
    """A network's sector or type as the benchmark filters on it, for the own round and every other
    alike: as its round answered it (the most common answer), else as its profile records it."""
    for value in (answered.get(name), profile.get(name)):
        if isinstance(value, str) and value:
            return value
    return None


def _reference_info(row: BenchmarkReference) -> BenchmarkReferenceInfo:
    return BenchmarkReferenceInfo(
        id=row.id,
        name=row.name,
        created=row.created,
        questionnaire_id=row.questionnaire_id,
        questionnaire_version=row.questionnaire_version,
        networks=row.networks,
        imported_at=row.imported_at,
    )
