"""Checks a questionnaire against the construct catalogue, beyond what the models can see."""

from __future__ import annotations

from collections.abc import Callable

from diagnose.item_types import item_type
from diagnose.problems import Problem, did_you_mean
from diagnose.questionnaire import ConstructCatalogue, Item, Questionnaire
from diagnose.responses import ROLE_CONSTRUCT
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
    problems.extend(_check_roles(q, source))
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
            problems.extend(_check_audience(q, section.asked_of, item, loc, source))
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


def _check_roles(q: Questionnaire, source: SourceFile) -> list[Problem]:
    """`roles:` on a section or item name values of the role question, which itself is asked of all."""
    problems: list[Problem] = []
    role_item = q.fact_item(ROLE_CONSTRUCT)
    allowed = role_item.option_values if role_item else []
    for s_index, section in enumerate(q.sections):
        places: list[tuple[tuple[str | int, ...], list[str]]] = []
        if section.roles:
            places.append((("sections", s_index, "roles"), section.roles))
        places += [
            (("sections", s_index, "items", i_index, "roles"), item.roles)
            for i_index, item in enumerate(section.items)
            if item.roles
        ]
        for loc, roles in places:
            if section.asked_of == "coordinator":
                problems.append(
                    source.problem(
                        "item-shape",
                        loc,
                        "roles",
                        detail=LocalizedText(
                            nl="de coördinator beantwoordt dit deel; 'roles' geldt alleen voor respondenten",
                            en="the coordinator answers this section; 'roles' applies to respondents only",
                        ),
                    )
                )
                continue
            for index, role in enumerate(roles):
                if role not in allowed:
                    problems.append(
                        source.problem(
                            "item-roles",
                            (*loc, index),
                            "roles",
                            key=role,
                            suggestion=did_you_mean(role, allowed),
                            allowed=", ".join(allowed) or "-",
                        )
                    )
    if role_item is not None and q.roles_of.get(role_item.id) is not None:
        problems.append(
            source.problem(
                "item-shape",
                _item_loc(q, role_item.id),
                "roles",
                detail=LocalizedText(
                    nl="de rolvraag bepaalt wie welke vragen krijgt: stel hem aan iedereen, zonder 'roles'",
                    en="the role question decides who is asked what: ask it of everyone, without 'roles'",
                ),
            )
        )
    return problems


def _item_loc(q: Questionnaire, item_id: str) -> tuple[str | int, ...]:
    for s_index, section in enumerate(q.sections):
        for i_index, item in enumerate(section.items):
            if item.id == item_id:
                return ("sections", s_index, "items", i_index)
    return ()


def _check_audience(
    q: Questionnaire, asked_of: str, item: Item, loc: tuple[str | int, ...], source: SourceFile
) -> list[Problem]:
    """The coordinator's section holds the network's facts: no scores, no role question."""
    if asked_of != "coordinator":
        return []
    if item_type(item).facts == "score":
        nl = "de coördinator geeft feiten over het netwerk; een schaalvraag hoort bij de respondenten"
        en = "the coordinator gives facts about the network; a scale question belongs to the respondents"
    elif item.construct_id == ROLE_CONSTRUCT:
        nl = "de rolvraag stel je aan respondenten, niet aan de coördinator"
        en = "the role question is asked of respondents, not of the coordinator"
    else:
        return []
    return [source.problem("item-shape", (*loc, "type"), "type", detail=LocalizedText(nl=nl, en=en))]


def check_comparable(
    q: Questionnaire,
    versions: dict[str, Questionnaire],
    constructs: ConstructCatalogue,
    source: SourceFile,
) -> list[Problem]:
    """`comparable:` names an earlier version that is loaded, and maps constructs measured on each
    side, each at most once, of the same kind and on the same scale."""
    problems: list[Problem] = []
    for index, comparison in enumerate(q.comparable):
        loc: tuple[str | int, ...] = ("comparable", index)
        earlier = versions.get(comparison.version)
        if earlier is None or comparison.version == q.version:
            others = [v for v in versions if v != q.version]
            problems.append(
                source.problem(
                    "comparable-version",
                    (*loc, "version"),
                    "version",
                    key=comparison.version,
                    known=LocalizedText(
                        nl=f" (wel: {', '.join(others)})" if others else " (er is geen eerdere versie)",
                        en=f" (there is: {', '.join(others)})"
                        if others
                        else " (there is no earlier version)",
                    ),
                )
            )
            continue
        mapping_loc = (*loc, "constructs")
        for key, first_line in source.repeated_keys.items():
            if key[:-1] == mapping_loc:
                problems.append(
                    source.problem("comparable-twice", key, "constructs", key=key[-1], other_line=first_line)
                )
        targets: dict[str, str] = {}
        for new, old in comparison.constructs.items():
            at = (*mapping_loc, new)
            side_problem = False
            for name, side in ((new, q), (old, earlier)):
                if name not in side.items_by_construct:
                    side_problem = True
                    problems.append(
                        source.problem(
                            "comparable-construct",
                            at,
                            "constructs",
                            key=name,
                            version=side.version,
                            other=earlier.version,
                            suggestion=did_you_mean(name, side.items_by_construct),
                        )
                    )
            if old in targets:
                problems.append(
                    source.problem(
                        "comparable-twice",
                        at,
                        "constructs",
                        key=old,
                        other_line=source.line_of((*mapping_loc, targets[old])),
                    )
                )
            targets.setdefault(old, new)
            if side_problem:
                continue
            detail = _incomparable(q, new, earlier, old, constructs)
            if detail is not None:
                problems.append(
                    source.problem("comparable-kind", at, "constructs", key=new, other=old, detail=detail)
                )
    return problems


def _incomparable(
    q: Questionnaire, new: str, earlier: Questionnaire, old: str, constructs: ConstructCatalogue
) -> LocalizedText | None:
    """Why two constructs cannot be compared, or None when they can."""
    kinds = (constructs.by_id[new].kind, constructs.by_id[old].kind)
    if "fact" in kinds:
        return LocalizedText(
            nl="een profielfeit heeft geen score die over metingen te vergelijken is",
            en="a profile fact has no score to compare over rounds",
        )
    if kinds[0] != kinds[1]:
        return LocalizedText(
            nl=f"het ene is een {kinds[0]}, het andere een {kinds[1]}",
            en=f"one is a {kinds[0]}, the other a {kinds[1]}",
        )
    scales = tuple(
        sorted({i.scale or "" for i in side.items_by_construct[cid] if item_type(i).facts == "score"})
        for side, cid in ((q, new), (earlier, old))
    )
    if scales[0] != scales[1]:
        return LocalizedText(
            nl=f"ze worden op verschillende schalen gemeten ({', '.join(scales[0]) or '-'} tegenover {', '.join(scales[1]) or '-'})",
            en=f"they are measured on different scales ({', '.join(scales[0]) or '-'} against {', '.join(scales[1]) or '-'})",
        )
    return None
