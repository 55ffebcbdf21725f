"""Workspaces and their networks, with the network's profile (facts nobody answers) checked."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from diagnose.problems import Problem, ValidationFailed, did_you_mean
from diagnose.regions import REGION, region_problem
from diagnose.responses import Network
from diagnose.store import models, records
from diagnose.store import types as t
from diagnose.store.answer_checks import normalise_value, validate_answer
from diagnose.store.audit import Audit
from diagnose.store.errors import Conflict, NotFound
from diagnose.text import LocalizedText


class Networks(Audit):
    """Workspaces and the networks in them."""

    def create_workspace(
        self, name: str, *, owner_id: int | None = None, is_demo: bool = False
    ) -> t.Workspace:
        with self.db.write() as s:
            row = models.Workspace(name=records.check_name(name), is_demo=is_demo)
            s.add(row)
            s.flush()
            if owner_id is not None:
                if s.get(models.User, owner_id) is None:
                    raise NotFound("user", owner_id)
                s.add(models.Membership(user_id=owner_id, workspace_id=row.id, role="admin"))
            return records.to_workspace(row)

    def get_workspace(self, workspace_id: int) -> t.Workspace:
        with self.db.read() as s:
            return records.to_workspace(records.workspace_row(s, workspace_id))

    def list_workspaces(self) -> list[t.Workspace]:
        with self.db.read() as s:
            return [
                records.to_workspace(w)
                for w in s.scalars(select(models.Workspace).order_by(models.Workspace.id))
            ]

    def workspace_by_name(self, name: str) -> t.Workspace | None:
        with self.db.read() as s:
            row = s.scalars(
                select(models.Workspace)
                .where(models.Workspace.name == " ".join(name.split()))
                .order_by(models.Workspace.id)
            ).first()
            return records.to_workspace(row) if row else None

    def check_profile(
        self, profile: dict[str, Any], *, file: str = "", where: str = "profile"
    ) -> dict[str, Any]:
        """A network profile as the core expects it: known facts with valid values."""
        try:
            checked = Network(name="-", profile=profile).profile
        except Exception as exc:
            raise ValidationFailed(
                [Problem("invalid-value", file=file, id=where, params={"detail": str(exc)})]
            ) from exc
        problems: list[Problem] = []
        facts = {c.id for c in self.db.bundle.constructs.constructs if c.kind == "fact"}
        result: dict[str, Any] = {}
        for key, given in checked.items():
            if key == REGION:  # not a fact: the consultant's own label for the portfolio (p15)
                if (problem := region_problem(given, file=file, where=where)) is not None:
                    problems.append(problem)
                result[key] = given
                continue
            if key not in facts:
                problems.append(
                    Problem(
                        "unknown-fact",
                        file=file,
                        id=where,
                        field=key,
                        params={
                            "key": key,
                            "suggestion": did_you_mean(key, facts),
                            "detail": LocalizedText(
                                nl="mogelijke feiten: " + ", ".join(sorted(facts)),
                                en="possible facts: " + ", ".join(sorted(facts)),
                            ),
                        },
                    )
                )
                continue
            value = normalise_value(given)
            for q in self.db.bundle.questionnaires.values():
                item = q.fact_item(key)
                if item is not None:
                    try:
                        validate_answer(q, item.id, value, who=where, file=file)
                    except ValidationFailed as exc:
                        problems.extend(
                            Problem(p.code, p.file, p.line, where, key, p.params) for p in exc.problems
                        )
                    break
            result[key] = value
        if problems:
            raise ValidationFailed(problems)
        return result

    def create_network(
        self, workspace_id: int, name: str, profile: dict[str, Any] | None = None
    ) -> t.NetworkInfo:
        checked = self.check_profile(profile or {})
        clean = records.check_name(name)
        try:
            with self.db.write() as s:
                records.workspace_row(s, workspace_id)
                row = models.Network(workspace_id=workspace_id, name=clean, profile=checked)
                s.add(row)
                s.flush()
                return records.to_network(row)
        except IntegrityError as exc:
            raise Conflict(
                Problem(
                    "name-taken",
                    id="name",
                    params={"kind": LocalizedText(nl="netwerk", en="network"), "key": clean},
                )
            ) from exc

    def update_network(
        self, network_id: int, *, name: str | None = None, profile: dict[str, Any] | None = None
    ) -> t.NetworkInfo:
        checked = self.check_profile(profile) if profile is not None else None
        try:
            with self.db.write() as s:
                row = records.network_row(s, network_id)
                if name is not None:
                    row.name = records.check_name(name)
                if checked is not None:
                    row.profile = checked
                s.flush()
                return records.to_network(row)
        except IntegrityError as exc:
            raise Conflict(
                Problem(
                    "name-taken",
                    id="name",
                    params={"kind": LocalizedText(nl="netwerk", en="network"), "key": name},
                )
            ) from exc

    def get_network(self, network_id: int) -> t.NetworkInfo:
        with self.db.read() as s:
            return records.to_network(records.network_row(s, network_id))

    def list_networks(self, workspace_id: int) -> list[t.NetworkInfo]:
        with self.db.read() as s:
            rows = s.scalars(
                select(models.Network)
                .where(models.Network.workspace_id == workspace_id)
                .order_by(models.Network.name, models.Network.id)
            )
            return [records.to_network(n) for n in rows]

    def delete_network(self, network_id: int) -> None:
        """Gone with its rounds, responses, snapshots and agreements. The app and the CLI call
        delete_network_keeping_export (diagnose.store.transfer), which keeps the archive first."""
        with self.db.write() as s:
            row = records.network_row(s, network_id)
            name, workspace_id = row.name, row.workspace_id
            s.delete(row)
        self.record("delete_network", f"‘{name}’ (#{network_id})", workspace_id=workspace_id)

    def deletion_scope(
        self, *, network_id: int | None = None, round_id: int | None = None
    ) -> t.DeletionScope:
        """What deleting the network (or only the round) would take with it."""
        with self.db.read() as s:
            if round_id is not None:
                records.round_row(s, round_id)
                rounds = select(models.Round.id).where(models.Round.id == round_id)
            else:
                records.network_row(s, network_id or 0)
                rounds = select(models.Round.id).where(models.Round.network_id == network_id)
            ids = list(s.scalars(rounds))

            def count(model: type[models.Response] | type[models.Agreement]) -> int:
                return s.scalar(select(func.count()).select_from(model).where(model.round_id.in_(ids))) or 0

            return t.DeletionScope(
                rounds=len(ids), responses=count(models.Response), agreements=count(models.Agreement)
            )
