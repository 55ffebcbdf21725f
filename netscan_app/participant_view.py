"""What the participants page shows, without Streamlit: the table rows (status, never answers),
the response line, and the links to copy when e-mail is not configured."""

from __future__ import annotations

import datetime as dt
from typing import Any

from diagnose.questionnaire import Questionnaire
from diagnose.responses import ROLE_CONSTRUCT
from diagnose.store.participants import Participant, Progress
from diagnose.text import Lang
from netscan_app.i18n import translate


def role_label(q: Questionnaire, role: str | None, lang: Lang) -> str:
    item = q.fact_item(ROLE_CONSTRUCT)
    label = item.option_label(role) if item is not None and role else None
    return label.get(lang).split("(")[0].strip() if label is not None else "–"


def status_text(status: str, lang: Lang) -> str:
    return translate(f"participants.status_{status}", lang)


def when(moment: dt.datetime | None) -> str:
    return moment.astimezone().strftime("%d-%m-%Y %H:%M") if moment is not None else "–"


def rows(people: list[Participant], q: Questionnaire, lang: Lang) -> list[dict[str, Any]]:
    return [
        {
            translate("participants.col_name", lang): p.name,
            translate("participants.col_email", lang): p.email,
            translate("participants.col_role", lang): role_label(q, p.role, lang),
            translate("participants.col_status", lang): status_text(p.status, lang),
            translate("participants.col_last_mail", lang): when(p.last_mail_at),
            translate("participants.col_reminders", lang): p.reminders,
            translate("participants.col_reply", lang): p.reply or "",
        }
        for p in people
    ]


def response_line(progress: Progress, lang: Lang) -> str:
    if progress.rate is None:
        return translate("participants.rate_none", lang)
    return translate(
        "participants.rate",
        lang,
        submitted=progress.submitted,
        invited=progress.invited,
        percent=round(progress.rate * 100),
    )
