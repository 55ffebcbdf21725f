"""The consultant's edit and the workspace's branding, filled into a built report model.

The diagnosis the model was built from is already the edited one (findings left out are gone,
the top is as chosen: diagnose.edits.apply, through the store's round view), so every chapter
follows the edit by itself. What is left to fill is what the diagnosis does not carry: the mark
"Aangepast door ..." with the day, the opening note, each card's comment (found by the rule ids
the card stands for), the findings left out with their reasons, and the cover's organisation and
logo. `render_report` calls `fill` for every edition and format.
"""

from __future__ import annotations

import base64

from diagnose.edits import Applied
from diagnose.report.inputs import ReportInput
from diagnose.report.views import EditMark, FindingView, Logo, OmittedFinding, ReportModel
from diagnose.text import long_date


def fill(model: ReportModel, inp: ReportInput) -> None:
    lang = model.lang
    if inp.branding is not None:
        model.organisation = inp.branding.organisation or None
        if inp.branding.logo is not None:
            data = base64.b64encode(inp.branding.logo).decode("ascii")
            alt = inp.branding.organisation or "Logo"
            model.logo = Logo(data_uri=f"data:{inp.branding.media_type};base64,{data}", alt=alt)
    applied = inp.edit
    if applied is None or not applied.edited:
        return
    version = applied.version
    mark = applied.mark()
    if mark is not None:
        model.edited = EditMark(
            by=version.by,
            at=long_date(version.at.date(), lang) if version.at else "",
            text=mark.get(lang),
        )
    model.opening_note = applied.edit.opening_note or None
    if not model.allowed:
        return
    for view in _cards(model):
        view.comment = _comment(applied, view) or None
    model.omitted = [OmittedFinding(title=f.title.get(lang), reason=why) for f, why in applied.omitted]


def _cards(model: ReportModel) -> list[FindingView]:
    return [*model.summary, *(f for group in model.finding_groups for f in group.findings), *model.strengths]


def _comment(applied: Applied, view: FindingView) -> str:
    rules = view.rules or [view.rule]
    said = [applied.edit.comments[r] for r in rules if r in applied.edit.comments]
    return "\n\n".join(said)
