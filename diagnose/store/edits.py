"""The consultant's edit of a round, kept apart from the computed diagnosis, and the workspace's
branding (organisation name and logo on the report's cover).

An edit (diagnose.edits.Edit) is saved as a new version; the versions are the history of who
changed what and when. Saving names the version it started from: when someone else saved in the
meantime the save is refused with EditChanged, which carries the newer version, and nothing is
written (the app keeps the person's text in the form). Two saves racing past the check meet the
unique (round, version) key, and the later gets the same refusal.

Refused with a located message and nothing stored: an edit naming a finding the round's latest
diagnosis does not have (what an earlier version named that a re-diagnosis removed may stay until
the person takes it out), a strength on top, a reason missing, a text too long, a logo that is not
a safe PNG or SVG of a sensible size (diagnose.store.logo), a user not in the workspace.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from diagnose.diagnosis import Diagnosis
from diagnose.edits import Branding, Edit, EditVersion, check, clean
from diagnose.problems import Problem, ValidationFailed
from diagnose.store import edit_rows, models, records
from diagnose.store.diagnoses import Diagnoses
from diagnose.store.errors import AccessDenied, Conflict
from diagnose.store.logo import check_logo
from diagnose.store.models import utcnow
from diagnose.text import LocalizedText

KEEP_LOGO = object()


class EditChanged(Conflict):
    """Someone else saved the edit after the version this save started from."""

    def __init__(self, current: EditVersion, yours: int):
        super().__init__(
            Problem(
                "edit-changed",
                field="version",
                params={"by": current.by or "?", "current": current.version, "yours": yours},
            )
        )
        self.current = current


class Edits(Diagnoses):
    """The consultant's edit of each round, every version kept, and each workspace's branding."""

    def round_edit(self, round_id: int) -> EditVersion:
        """The round's current edit; version 0 (empty) when it was never edited."""
        with self.db.read() as s:
            records.round_row(s, round_id)
            return edit_rows.latest(s, [round_id]).get(round_id, EditVersion())

    def edit_history(self, round_id: int) -> list[EditVersion]:
        """Every saved version, oldest first, each with who, when and what it changed."""
        with self.db.read() as s:
            records.round_row(s, round_id)
            return edit_rows.history(s, round_id)

    def save_edit(
        self, round_id: int, edit: Edit, *, version: int, user_id: int | None = None
    ) -> EditVersion:
        """Save `edit` as the version after `version` (the one the person started from). Raises
        EditChanged when the round's edit is no longer at `version`; ValidationFailed when the edit
        is wrong for the round's diagnosis. An empty edit is saved too: back to the computed report."""
        d = self._latest_diagnosis(round_id)

        def attempt() -> EditVersion:
            with self.db.write() as s:
                row, workspace_id = records.round_row(s, round_id)
                who = self._user_name(s, user_id, workspace_id)
                current = edit_rows.latest(s, [round_id]).get(round_id, EditVersion())
                if current.version != version:
                    raise EditChanged(current, version)
                cleaned = clean(edit, d) if d is not None else edit
                # what the current version already names and a re-diagnosis removed may stay
                kept = [key for _, key in current.edit.named()]
                problems = self._check(cleaned, d, kept, row.label)
                if problems:
                    raise ValidationFailed(problems)
                stored = models.RoundEdit(
                    round_id=round_id,
                    version=version + 1,
                    edit=cleaned.model_dump(mode="json"),
                    user_id=user_id,
                    by_name=who,
                    created_at=utcnow(),
                )
                s.add(stored)
                s.flush()
                return edit_rows.to_version(stored)

        try:
            saved = attempt()
        except IntegrityError:  # another save of the same version won the race
            raise EditChanged(self.round_edit(round_id), version) from None
        rnd = self.get_round(round_id)
        subject = f"‘{self.get_network(rnd.network_id).name}’ / ‘{rnd.label}’ (v{saved.version})"
        self.record("edit_report", subject, workspace_id=rnd.workspace_id)
        return saved

    def branding(self, workspace_id: int) -> Branding:
        with self.db.read() as s:
            records.workspace_row(s, workspace_id)
            return edit_rows.branding(s, workspace_id)

    def set_branding(
        self,
        workspace_id: int,
        *,
        organisation: str | None = None,
        logo: bytes | object | None = KEEP_LOGO,
        user_id: int | None = None,
    ) -> Branding:
        """Set the organisation's name (None: keep) and the logo (KEEP_LOGO: keep, None: remove,
        bytes: a PNG or SVG checked by diagnose.store.logo). Nothing is stored on a refusal."""
        checked = check_logo(logo) if isinstance(logo, bytes) else None
        if organisation is not None and organisation.strip():  # the store's one rule for names
            organisation = records.check_name(organisation)
        with self.db.write() as s:
            records.workspace_row(s, workspace_id)
            who = self._user_name(s, user_id, workspace_id)
            row = s.get(models.WorkspaceBranding, workspace_id)
            if row is None:
                row = models.WorkspaceBranding(workspace_id=workspace_id, organisation="")
                s.add(row)
            if organisation is not None:
                row.organisation = organisation.strip()
            if logo is None:
                row.logo = row.logo_type = row.logo_width = row.logo_height = None
            elif checked is not None:
                row.logo, row.logo_type = checked.data, checked.kind
                row.logo_width, row.logo_height = checked.width, checked.height
            row.by_name, row.updated_at = who, utcnow()
            s.flush()
            return edit_rows.branding(s, workspace_id)

    # --- checks -------------------------------------------------------------------------------

    def _latest_diagnosis(self, round_id: int) -> Diagnosis | None:
        snapshot = self.latest_snapshot(round_id)
        if snapshot is None:
            try:
                snapshot = self.diagnose_round(round_id)
            except ValidationFailed:  # nothing submitted: there are no findings to name
                return None
        return snapshot.diagnosis()

    def _check(self, edit: Edit, d: Diagnosis | None, kept: list[str], label: str) -> list[Problem]:
        if d is not None:
            return check(edit, d, self.db.bundle, keep=kept)
        return [
            Problem(
                "edit-unknown-finding",
                id=key,
                field=part,
                params={"title": edit.titles.get(key, LocalizedText(nl=key, en=key)), "round": label},
            )
            for part, key in edit.named()
            if key not in kept
        ]

    @staticmethod
    def _user_name(s: Session, user_id: int | None, workspace_id: int) -> str:
        """The name the history and the report's mark show (the e-mail address when no name)."""
        if user_id is None:
            return ""
        if s.get(models.Membership, (user_id, workspace_id)) is None:
            raise AccessDenied(workspace_id)
        user = s.get(models.User, user_id)
        return (user.name or user.email) if user is not None else ""
