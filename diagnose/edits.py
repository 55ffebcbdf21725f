"""The consultant's edit of a round's results, kept apart from the computed diagnosis.

Before handing a report over, a coordinator or consultant may choose the summary's top three from
the round's findings (in their own order), leave out a finding that does not apply (with a reason),
comment on any finding and write an opening note. The diagnosis stays as computed (reproducible);
the edit is a separate record that names findings by their **stable key, the rule id**: one rule
gives at most one finding per diagnosis, and a rule keeps its id when the rule base is revised, so
a re-diagnosed round keeps the edit wherever its findings still exist. A card is named by any of
its findings (cards regroup when findings come and go; the finding named still leads you to it).

Pure: a Diagnosis and an Edit in, an `Applied` out (the diagnosis as people see it: findings left
out removed, the summary as chosen), plus what no longer applies. `check` refuses an edit naming a
finding the round does not have; the store calls it before saving.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from diagnose.bundle import Bundle
from diagnose.cards import SUMMARY_SIZE, Card, summary
from diagnose.diagnosis import Diagnosis, Finding
from diagnose.problems import Problem
from diagnose.text import Lang, LocalizedText, long_date

NOTE_LENGTH = 3000
COMMENT_LENGTH = 1000
REASON_LENGTH = 300
Part = Literal["summary", "hidden", "comment"]
PARTS: dict[Part, LocalizedText] = {
    "summary": LocalizedText(nl="de bovenste drie", en="the top three"),
    "hidden": LocalizedText(nl="weggelaten", en="left out"),
    "comment": LocalizedText(nl="opmerking", en="comment"),
}


class Edit(BaseModel):
    """What a person changed, each finding named by its rule id. Empty: the report as computed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    summary: tuple[str, ...] = ()  # the top, in the chosen order (the rest of the three as computed)
    hidden: dict[str, str] = Field(default_factory=dict)  # rule id → why it does not apply
    comments: dict[str, str] = Field(default_factory=dict)  # rule id → the consultant's comment
    opening_note: str = ""
    # each named finding's title when the edit was made: an edit that no longer applies is named
    # by what the person saw, never by a rule id
    titles: dict[str, LocalizedText] = Field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.summary or self.hidden or self.comments or self.opening_note)

    def named(self) -> list[tuple[Part, str]]:
        return [
            *(("summary", k) for k in self.summary),
            *(("hidden", k) for k in self.hidden),
            *(("comment", k) for k in self.comments),
        ]


class EditVersion(BaseModel):
    """One saved version of a round's edit: who saved it and when. Version 0 is "never edited"."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = 0
    edit: Edit = Field(default_factory=Edit)
    by: str = ""
    at: dt.datetime | None = None
    changes: tuple[LocalizedText, ...] = ()  # what this version changed against the one before


class Branding(BaseModel):
    """A workspace's name for the cover of its reports and its logo (checked by the store)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    organisation: str = ""
    logo: bytes | None = None
    logo_type: Literal["png", "svg"] | None = None
    width: int | None = None
    height: int | None = None

    @property
    def media_type(self) -> str:
        return "image/svg+xml" if self.logo_type == "svg" else "image/png"


@dataclass(frozen=True)
class Stale:
    """A part of the edit naming a finding the current diagnosis no longer has."""

    part: Part
    key: str
    title: LocalizedText

    def message(self) -> LocalizedText:
        p = Problem("edit-stale", id=self.key, params={"title": self.title, "part": PARTS[self.part]})
        return LocalizedText(nl=p.what("nl"), en=p.what("en"))


@dataclass(frozen=True)
class Applied:
    """A diagnosis as people see it after the edit, with the computed one beside it."""

    diagnosis: Diagnosis  # findings left out removed; summary as chosen
    computed: Diagnosis  # as diagnosed
    version: EditVersion
    omitted: tuple[tuple[Finding, str], ...]  # left out, with the reason
    stale: tuple[Stale, ...]  # parts of the edit that no longer apply

    @property
    def edit(self) -> Edit:
        return self.version.edit

    @property
    def edited(self) -> bool:
        return not self.version.edit.empty

    def comment(self, card: Card) -> str:
        """The comments on the card's findings (usually one), in the card's order."""
        said = [self.edit.comments[f.rule] for f in card.findings if f.rule in self.edit.comments]
        return "\n\n".join(said)

    def mark(self) -> LocalizedText | None:
        """ "Aangepast door Jan de Vries op 3 december 2026", or None when nothing was changed."""
        if not self.edited:
            return None
        return mark_text(self.version.by, self.version.at)


def mark_text(by: str, at: dt.datetime | None) -> LocalizedText:
    def one(lang: Lang) -> str:
        who = by or ("een gebruiker" if lang == "nl" else "a user")
        when = f" {'op' if lang == 'nl' else 'on'} {long_date(at.date(), lang)}" if at else ""
        return f"{'Aangepast door' if lang == 'nl' else 'Edited by'} {who}{when}"

    return LocalizedText(nl=one("nl"), en=one("en"))


def clean(edit: Edit, d: Diagnosis) -> Edit:
    """Texts trimmed, empty comments dropped, the summary without repeats, and the title of every
    finding named (from the diagnosis, else as the edit had it)."""
    summary = tuple(dict.fromkeys(k.strip() for k in edit.summary if k.strip()))
    hidden = {k: v.strip() for k, v in edit.hidden.items()}
    comments = {k: v.strip() for k, v in edit.comments.items() if v.strip()}
    named = set(summary) | set(hidden) | set(comments)
    titles = {}
    for key in sorted(named):
        f = d.finding(key)
        if f is not None:
            titles[key] = f.title
        elif key in edit.titles:
            titles[key] = edit.titles[key]
    return Edit(
        summary=summary,
        hidden=hidden,
        comments=comments,
        opening_note=edit.opening_note.strip(),
        titles=titles,
    )


def check(edit: Edit, d: Diagnosis, bundle: Bundle, *, keep: Sequence[str] = ()) -> list[Problem]:
    """What is wrong with an edit of this diagnosis: a finding it does not have (unless in `keep`:
    what an earlier version already named, kept until the person removes it), a strength on top,
    more than three on top, a finding both on top and left out, a missing reason, a text too long."""
    problems: list[Problem] = []
    round_label = d.round.label

    def title(key: str) -> LocalizedText:
        f = d.finding(key)
        if f is not None:
            return f.title
        if key in edit.titles:
            return edit.titles[key]
        rule = bundle.rule_by_id.get(key)
        return rule.title if rule is not None and "{" not in rule.title.nl else LocalizedText(nl=key, en=key)

    for part, key in edit.named():
        if d.finding(key) is None and key not in keep:
            problems.append(
                Problem(
                    "edit-unknown-finding",
                    id=key,
                    field=part,
                    params={"title": title(key), "round": round_label},
                )
            )
    if len(edit.summary) > SUMMARY_SIZE:
        problems.append(Problem("edit-summary-size", field="summary", params={"limit": SUMMARY_SIZE}))
    if len(set(edit.summary)) != len(edit.summary):
        twice = next(k for k in edit.summary if edit.summary.count(k) > 1)
        problems.append(
            Problem("edit-summary-twice", id=twice, field="summary", params={"title": title(twice)})
        )
    for key in edit.summary:
        f = d.finding(key)
        if f is not None and f.kind == "strength":
            problems.append(
                Problem("edit-summary-strength", id=key, field="summary", params={"title": title(key)})
            )
        if key in edit.hidden:
            problems.append(
                Problem("edit-hidden-chosen", id=key, field="hidden", params={"title": title(key)})
            )
    for key, reason in edit.hidden.items():
        if not reason.strip():
            problems.append(
                Problem("edit-reason-missing", id=key, field="hidden", params={"title": title(key)})
            )
        elif len(reason) > REASON_LENGTH:
            problems.append(_too_long("hidden", key, REASON_LENGTH))
    problems += [
        _too_long("comment", k, COMMENT_LENGTH) for k, v in edit.comments.items() if len(v) > COMMENT_LENGTH
    ]
    if len(edit.opening_note) > NOTE_LENGTH:
        problems.append(_too_long("opening_note", None, NOTE_LENGTH))
    return problems


_WHAT = {
    "hidden": LocalizedText(nl="de reden", en="the reason"),
    "comment": LocalizedText(nl="de opmerking", en="the comment"),
    "opening_note": LocalizedText(nl="de openingsnotitie", en="the opening note"),
}


def _too_long(field: str, key: str | None, limit: int) -> Problem:
    return Problem("edit-too-long", id=key, field=field, params={"what": _WHAT[field], "limit": limit})


def apply(d: Diagnosis, bundle: Bundle, version: EditVersion | None) -> Applied:
    """The diagnosis with the edit: findings left out are removed (the cards regroup without
    them), the top is the chosen findings' cards in the chosen order, filled up to three in the
    computed order. What names a finding the diagnosis no longer has is reported, not applied."""
    version = version or EditVersion()
    edit = version.edit
    present = {f.rule for f in d.findings}
    stale = tuple(
        Stale(part, key, edit.titles.get(key, LocalizedText(nl=key, en=key)))
        for part, key in edit.named()
        if key not in present
    )
    hidden = {k: v for k, v in edit.hidden.items() if k in present}
    omitted = tuple((f, hidden[f.rule]) for f in d.findings if f.rule in hidden)
    kept = d.model_copy(
        update={
            "findings": [f for f in d.findings if f.rule not in hidden],
            "strengths": [r for r in d.strengths if r not in hidden],
        }
    )
    chosen = [k for k in edit.summary if k in present and k not in hidden]
    if chosen:
        kept = kept.model_copy(update={"chosen_summary": chosen})
    if chosen or hidden:  # the leads of the top as it now is, through the one selection
        kept = kept.model_copy(update={"summary": summary(kept, bundle)})
    return Applied(diagnosis=kept, computed=d, version=version, omitted=omitted, stale=stale)


def changes(before: Edit, after: Edit) -> list[LocalizedText]:
    """What a new version changed, in words for the history ("bovenste drie gekozen", ...)."""

    def say(nl: str, en: str, key: str) -> LocalizedText:
        title = after.titles.get(key) or before.titles.get(key) or LocalizedText(nl=key, en=key)
        return LocalizedText(nl=nl.format(t=title.nl), en=en.format(t=title.en))

    said: list[LocalizedText] = []
    if before.summary != after.summary:
        said.append(
            LocalizedText(nl="bovenste drie gekozen", en="top three chosen")
            if after.summary
            else LocalizedText(
                nl="bovenste drie terug naar de berekende volgorde", en="top three back to the computed order"
            )
        )
    for key in after.hidden:
        if key not in before.hidden:
            said.append(say("‘{t}’ weggelaten", "‘{t}’ left out", key))
        elif before.hidden[key] != after.hidden[key]:
            said.append(say("reden bij ‘{t}’ aangepast", "reason for ‘{t}’ changed", key))
    said += [
        say("‘{t}’ weer getoond", "‘{t}’ shown again", k) for k in before.hidden if k not in after.hidden
    ]
    for key in sorted(set(before.comments) | set(after.comments)):
        if before.comments.get(key) != after.comments.get(key):
            if key in after.comments:
                said.append(say("opmerking bij ‘{t}’", "comment on ‘{t}’", key))
            else:
                said.append(say("opmerking bij ‘{t}’ verwijderd", "comment on ‘{t}’ removed", key))
    if before.opening_note != after.opening_note:
        said.append(
            LocalizedText(nl="openingsnotitie", en="opening note")
            if after.opening_note
            else LocalizedText(nl="openingsnotitie verwijderd", en="opening note removed")
        )
    return said


__all__ = [
    "PARTS",
    "Applied",
    "Branding",
    "Edit",
    "EditVersion",
    "Stale",
    "apply",
    "changes",
    "check",
    "clean",
    "mark_text",
]
