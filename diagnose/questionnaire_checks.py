"""Checks a questionnaire against the construct catalogue, beyond what the models can see."""

from __future__ import annotations

from collections.abc import Callable

from diagnose.item_types import item_type
from diagnose.problems import Problem, did_you_mean
from diagnose.questionnaire import ConstructCatalogue, Item, Questionnaire
from diagnose.source import SourceFile
from diagnose.text import LocalizedText


def check_constructs(constructs: ConstructCatalogue, source: SourceFile) -> list[Problem]:
    """Every group declared once; every construct in a declared group."""
    problems: list[Problem] = []
    ids = [g.id for g in constructs.groups]
    for index, group in enumerate(ids):
        if group in ids[:index]:
            problems.append(
                source.problem(
                    "duplicate-id",
                    ("groups", index, "id"),
                    "id",
                    key=group,
                    other_line=source.line_of(("groups", ids.index(group), "id")),
                )
            )
    for index, construct in enumerate(constructs.constructs):
        if construct.group not in constructs.group_by_id:
            close = did_you_mean(construct.group, ids)
            problems.append(
                source.problem(
                    "invalid-value",
                    ("constructs", index, "group"),
                    "group",
                    detail=LocalizedText(
                        nl=f"'{construct.group}' is geen groep uit 'groups' ({', '.join(ids)})"
                        + (f"; bedoel je '{close}'?" if close else ""),
                        en=f"'{construct.group}' is not a group listed under 'groups' ({', '.join(ids)})"
                        + (f"; did you mean '{close}'?" if close else ""),
                    ),
                )
            )
    return problems


def check_questionnaire(
    q: Questionnaire, constructs: ConstructCatalogue, source: SourceFile
) -> list[Problem]:
    problems: list[Problem] = []
    for name, scale in q.scales.items():
        if sorted(p.value for p in scale.points) != [1, 2, 3, 4, 5]:
            problems.append(source.problem("scale-points", ("scales", name, "points"), "points"))
    seen: dict[str, int | None] = {}
    fact_items: dict[str, str] = {}
    for s_index, section in enumerate(q.sections):
        for i_index, item in enumerate(section.items):
            loc = ("sections", s_index, "items", i_index)
            if item.id in seen:
                problems.append(
                    source.problem("duplicate-id", (*loc, "id"), "id", key=item.id, other_line=seen[item.id])
                )
            seen[item.id] = source.line_of((*loc, "id"))
            construct = constructs.by_id.get(item.construct_id)
            if construct is None:
                problems.append(
                    source.problem(
                        "unknown-construct",
                        (*loc, "construct"),
                        "construct",
                        key=item.construct_id,
                        suggestion=did_you_mean(item.construct_id, constructs.by_id),
                    )
                )
            problems.extend(_check_shape(q, item, loc, source))
            facts = item_type(item).facts
            if construct is None or facts == "none":
                continue
            if construct.kind == "fact":
                if item.construct_id in fact_items:
                    problems.append(
                        source.problem(
                            "construct-items",
                            (*loc, "construct"),
                            "construct",
                            detail=LocalizedText(
                                nl=f"profielfeit '{item.construct_id}' wordt al gevraagd door item '{fact_items[item.construct_id]}'",
                                en=f"profile fact '{item.construct_id}' is already asked by item '{fact_items[item.construct_id]}'",
                            ),
                        )
                    )
                fact_items[item.construct_id] = item.id
                if facts == "score":
                    problems.append(
                        source.problem(
                            "construct-items",
                            (*loc, "type"),
                            "type",
                            detail=LocalizedText(
                                nl=f"profielfeit '{item.construct_id}' vraag je met single, multi of number, niet met een schaal",
                                en=f"profile fact '{item.construct_id}' is asked with single, multi or number, not a scale",
                            ),
                        )
                    )
            elif facts != "score":
                problems.append(
                    source.problem(
                        "construct-items",
                        (*loc, "type"),
                        "type",
                        detail=LocalizedText(
                            nl=f"construct '{item.construct_id}' is een score: alleen schaalitems (of vrije tekst) horen erbij",
                            en=f"construct '{item.construct_id}' is a score: only scale items (or free text) belong to it",
                        ),
                    )
                )
    return problems


# What to say when an item has a field of another item type, in the order the fields are checked.
_NOT_ITS_FIELD: dict[str, tuple[str, str]] = {
    "scale": (
        "alleen schaalitems hebben een schaal, dit is '{type}'",
        "only scale items have a scale, this one is '{type}'",
    ),
    "reverse": (
        "alleen schaalitems kunnen omgekeerd gescoord worden",
        "only scale items can be reverse-scored",
    ),
    "options": ("een '{type}'-item heeft geen opties", "a '{type}' item has no options"),
    "min": ("alleen getalitems hebben min en max", "only number items have min and max"),
    "max_length": ("alleen tekstitems hebben max_length", "only text items have max_length"),
}


def _has(item: Item, field: str) -> bool:
    if field == "reverse":
        return item.reverse
    if field == "min":
        return item.min is not None or item.max is not None
    return getattr(item, field) is not None


def _check_shape(
    q: Questionnaire, item: Item, loc: tuple[str | int, ...], source: SourceFile
) -> list[Problem]:
    """Each field belongs to the item types that declare it (item_types.ITEM_TYPES); a type's own
    fields are checked for what that type needs."""
    problems: list[Problem] = []

    def wrong(field: str, nl: str, en: str) -> None:
        problems.append(
            source.problem("item-shape", (*loc, field), field, detail=LocalizedText(nl=nl, en=en))
        )

    own = item_type(item).fields
    for field, (nl, en) in _NOT_ITS_FIELD.items():
        if field not in own:
            if _has(item, field):
                wrong(field, nl.format(type=item.type), en.format(type=item.type))
        elif field == "scale":
            if item.scale is None:
                wrong(
                    "type",
                    "een schaalitem noemt zijn schaal (scale: ...)",
                    "a scale item names its scale (scale: ...)",
                )
            elif item.scale not in q.scales:
                problems.append(
                    source.problem(
                        "unknown-scale",
                        (*loc, "scale"),
                        "scale",
                        key=item.scale,
                        suggestion=did_you_mean(item.scale, q.scales),
                    )
                )
        elif field == "options":
            problems.extend(_check_options(item, loc, source, wrong))
        elif field == "min" and item.min is not None and item.max is not None and item.min > item.max:
            wrong("max", "max is kleiner dan min", "max is smaller than min")
    return problems


def _check_options(
    item: Item, loc: tuple[str | int, ...], source: SourceFile, wrong: Callable[[str, str, str], None]
) -> list[Problem]:
    if not item.options:
        wrong("options", f"een '{item.type}'-item heeft opties nodig", f"a '{item.type}' item needs options")
        return []
    problems = []
    values = item.option_values
    for index, value in enumerate(values):
        if value in values[:index]:
            problems.append(
                source.problem(
                    "duplicate-id",
                    (*loc, "options", index, "value"),
                    "options",
                    key=value,
                    other_line=source.line_of((*loc, "options", values.index(value))),
                )
            )
    return problems
