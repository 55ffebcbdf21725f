"""The edit page's logic without Streamlit: which cards the form offers, what it starts from, and
the Edit its values make (diagnose.edits), so it can be tested plainly.

The form works on the diagnosis *as computed* (everything the scan found, also what the edit now
leaves out), one row per card as the dashboard shows them. A card left out leaves out every
finding it stands for, with one reason; a comment is kept under the card's lead finding. A top
equal to the computed one is stored as no choice, so a later re-diagnosis may still reorder it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from diagnose import cards as grouping
from diagnose.bundle import Bundle
from diagnose.cards import SUMMARY_SIZE
from diagnose.diagnosis import Diagnosis
from diagnose.edits import Applied, Edit, EditVersion, apply


@dataclass(frozen=True)
class Row:
    """One card of the computed diagnosis as the form shows it."""

    key: str  # the lead finding's rule id (the card's stable key)
    card: grouping.Card
    hidden: bool
    reason: str
    comment: str


@dataclass(frozen=True)
class Start:
    """What the form starts from: the stored edit over the computed diagnosis."""

    top: list[str]  # the three places (lead rule ids), as now shown
    computed_top: list[str]
    note: str
    rows: list[Row]
    choices: list[str]  # the lead rule ids a place may hold (no strengths)


def start(applied: Applied, bundle: Bundle) -> Start:
    computed = applied.computed
    every = grouping.cards(computed, bundle)
    edit = applied.edit
    rows = []
    for card in every:
        reasons = [edit.hidden[f.rule] for f in card.findings if f.rule in edit.hidden]
        rows.append(
            Row(
                key=card.lead.rule,
                card=card,
                hidden=bool(reasons),
                reason=reasons[0] if reasons else "",
                comment=applied.comment(card),
            )
        )
    shown = grouping.summary_cards(applied.diagnosis, bundle)
    lead_of = {f.rule: card.lead.rule for card in every for f in card.findings}
    return Start(
        top=[lead_of.get(card.lead.rule, card.lead.rule) for card in shown],
        computed_top=grouping.summary(computed, bundle),
        note=edit.opening_note,
        rows=rows,
        choices=[card.lead.rule for card in every if not card.is_strength],
    )


def make_edit(
    computed: Diagnosis,
    bundle: Bundle,
    *,
    top: Sequence[str | None],
    note: str,
    hidden: Mapping[str, str],
    comments: Mapping[str, str],
) -> Edit:
    """The Edit the form's values make. `hidden` and `comments` are keyed by card (lead rule id);
    a hidden card's reason goes to every finding it stands for (an empty reason is refused by the
    store's check, with the card's title)."""
    cards = {card.lead.rule: card for card in grouping.cards(computed, bundle)}
    hide: dict[str, str] = {}
    for key, reason in hidden.items():
        card = cards.get(key)
        for rule in card.rules if card is not None else [key]:
            hide[rule] = reason.strip()
    chosen = tuple(dict.fromkeys(k for k in top if k))[:SUMMARY_SIZE]
    # the top as it would be computed without the cards left out: choosing it is no choice
    as_computed = grouping.summary(
        apply(computed, bundle, EditVersion(edit=Edit(hidden=hide))).diagnosis, bundle
    )
    if list(chosen) == as_computed:
        chosen = ()
    return Edit(
        summary=chosen,
        hidden=hide,
        comments={k: v.strip() for k, v in comments.items() if v.strip()},
        opening_note=note.strip(),
    )
