"""Texts that state the data: the {placeholders} a rule's title, diagnosis and advice may carry,
when a rule may use each (checked at load, so `netscan validate` names an unknown or unusable one
by file and line), and how each is filled from the round (in `diagnose`, for nl and en alike).

A placeholder is only allowed where the rule's condition guarantees its value exists: {change}
only in a rule about a change, {roles_high} only in one about a gap between roles. So a text
never shows an empty or made-up value, and never states a band the score does not have: {band}
is the score's own band."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from diagnose.conditions import Condition, fact_refs
from diagnose.problems import Problem, did_you_mean
from diagnose.questionnaire import Questionnaire
from diagnose.text import LANGUAGES, Lang, LocalizedText, format_number

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
LEADERSHIP = "derived.fitting_leadership_role"
# The 4C model's cohesion input, first one the round has: `cohesion` (questionnaire 1.0), else
# `identity` (2.0 merged cohesion into it); the order of the cases of fitting_leadership_role in
# rules/ruleset.yaml, which tests/core/test_four_c_inputs.py keeps equal to this.
COHESION_INPUTS = ("score.cohesion", "score.identity")
BAND_WORDS = {
    "strength": LocalizedText(nl="een sterk punt", en="a strength"),
    "attention": LocalizedText(nl="een aandachtspunt", en="a point of attention"),
    "concern": LocalizedText(nl="een zorgpunt", en="a concern"),
}
AND = LocalizedText(nl="en", en="and")


@dataclass(frozen=True)
class Context:
    """What a finding's texts may draw on: the round's facts and the labels to name them."""

    facts: Mapping[str, Any]
    by_role: Mapping[str, Mapping[str, float]]
    role_labels: Mapping[str, LocalizedText]
    item_texts: Mapping[str, list[tuple[str, LocalizedText]]]  # construct → (item's fact path, text)
    value_labels: Mapping[str, LocalizedText]  # leadership role value → how texts name it
    # each placeholder's text once filled, per language (LANGUAGES' order), by (name, construct):
    # several texts of a round name the same score or statements
    values: dict[tuple[str, str], tuple[str, ...]] = dataclasses.field(default_factory=dict)
    lowest: dict[str, list[LocalizedText]] = dataclasses.field(default_factory=dict)  # see _lowest_items


@dataclass(frozen=True)
class Placeholder:
    needs: LocalizedText  # what a rule must be about to use it (for the error message)
    allowed: Callable[[frozenset[str], tuple[str, ...]], bool]  # (condition's fact paths, constructs)
    fill: Callable[[Context, str, Lang], str]  # (context, the rule's construct, language)


def _num(value: Any, lang: Lang) -> str:
    return format_number(float(value), lang, 2)


def _construct(paths: frozenset[str], constructs: tuple[str, ...]) -> bool:
    return bool(constructs)


def _about(namespace: str) -> Callable[[frozenset[str], tuple[str, ...]], bool]:
    return lambda paths, constructs: bool(constructs) and any(p.startswith(namespace + ".") for p in paths)


def _uses(*paths: str) -> Callable[[frozenset[str], tuple[str, ...]], bool]:
    return lambda used, constructs: any(p in used for p in paths)


def _roles(ctx: Context, cid: str, lang: Lang, highest: bool) -> str:
    means = {role: m[cid] for role, m in ctx.by_role.items() if cid in m}
    if not means:
        return ""
    edge = max(means.values()) if highest else min(means.values())
    names = [
        f"‘{ctx.role_labels[r].get(lang) if r in ctx.role_labels else r}’ ({_num(v, lang)})"
        for r, v in sorted(means.items())
        if abs(v - edge) < 1e-9
    ]
    return _join(names, lang)


def _join(parts: list[str], lang: Lang) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {AND.get(lang)} {parts[-1]}"


def _lowest_items(ctx: Context, cid: str, lang: Lang) -> str:
    # no numbers: a statement that describes a problem is scored reversed, and its reversed mean
    # beside its own words would read as the opposite of what members said
    return _join([f"‘{text.get(lang).rstrip('.')}’" for text in _lowest_of(ctx, cid)], lang)


def _lowest_of(ctx: Context, cid: str) -> list[LocalizedText]:
    """The construct's two statements with the lowest means (the first of equals), chosen once
    per round and construct: the same two in every language."""
    lowest = ctx.lowest.get(cid)
    if lowest is None:
        facts = ctx.facts
        scored = [(facts[path], text) for path, text in ctx.item_texts.get(cid, ()) if path in facts]
        scored.sort(key=_first)
        lowest = ctx.lowest[cid] = [text for _, text in scored[:2]]
    return lowest


_first = itemgetter(0)


def _role_label(ctx: Context, value: Any, lang: Lang) -> str:
    label = ctx.value_labels.get(str(value))
    return label.get(lang) if label else str(value)


def _cohesion(ctx: Context, cid: str, lang: Lang) -> str:
    return next(_num(ctx.facts[path], lang) for path in COHESION_INPUTS if path in ctx.facts)


def _band(ctx: Context, cid: str, lang: Lang) -> str:
    band = ctx.facts.get(f"band.{cid}")
    return BAND_WORDS[band].get(lang) if band in BAND_WORDS else ""


def _nums(value: Any) -> tuple[str, ...]:
    """_num of `value` in every language (LANGUAGES' order), formatted once."""
    text = f"{float(value):.2f}"
    if _DUTCH_FIRST:
        return (text.replace(".", ","), text)
    return tuple(text.replace(".", ",") if lang == "nl" else text for lang in LANGUAGES)


_DUTCH_FIRST = LANGUAGES == ("nl", "en")
_NL, _EN = LANGUAGES.index("nl"), LANGUAGES.index("en")


def _lowest_items_all(ctx: Context, cid: str) -> tuple[str, ...]:
    """_lowest_items in every language (LANGUAGES' order): the statements chosen once, their
    quoted and joined words kept per pair of statements (the same few pairs in every round)."""
    lowest = _lowest_of(ctx, cid)
    key = tuple(map(id, lowest))
    known = _lowest_texts.get(key)
    if known is None:  # (a kept entry keeps its statements alive: no other object has their ids)
        if len(_lowest_texts) > 10_000:
            _lowest_texts.clear()
        known = _lowest_texts[key] = (
            tuple(lowest),
            tuple(_lowest_items(ctx, cid, lang) for lang in LANGUAGES),
        )
    return known[1]


# per pair of statements (by id, the statements kept beside them so the ids stay theirs)
_lowest_texts: dict[tuple[int, ...], tuple[tuple[LocalizedText, ...], tuple[str, ...]]] = {}


PLACEHOLDERS: dict[str, Placeholder] = {
    "score": Placeholder(
        LocalizedText(nl="een regel over een onderdeel", en="a rule about a construct"),
        _construct,
        lambda ctx, cid, lang: _num(ctx.facts[f"score.{cid}"], lang),
    ),
    "unknown": Placeholder(
        LocalizedText(
            nl="een regel over het aandeel ‘weet ik niet’ (unknown.…)",
            en="a rule about the share of ‘I don't know’ (unknown.…)",
        ),
        _about("unknown"),
        lambda ctx, cid, lang: f"{round(float(ctx.facts[f'unknown.{cid}']) * 100)}%",
    ),
    "signal": Placeholder(
        LocalizedText(nl="een regel over een signaal (signal.…)", en="a rule about a signal (signal.…)"),
        _about("signal"),
        lambda ctx, cid, lang: _num(ctx.facts[f"signal.{cid}"], lang),
    ),
    "band": Placeholder(
        LocalizedText(nl="een regel over een onderdeel", en="a rule about a construct"),
        _construct,
        _band,
    ),
    "lowest_items": Placeholder(
        LocalizedText(nl="een regel over een onderdeel", en="a rule about a construct"),
        _construct,
        _lowest_items,
    ),
    "previous": Placeholder(
        LocalizedText(nl="een regel over een verandering (change.…)", en="a rule about a change (change.…)"),
        _about("change"),
        lambda ctx, cid, lang: _num(ctx.facts[f"previous.{cid}"], lang),
    ),
    "change": Placeholder(
        LocalizedText(nl="een regel over een verandering (change.…)", en="a rule about a change (change.…)"),
        _about("change"),
        lambda ctx, cid, lang: _num(abs(ctx.facts[f"change.{cid}"]), lang),
    ),
    "roles_high": Placeholder(
        LocalizedText(nl="een regel over verschil tussen rollen (role_gap.…)", en="a rule about a role gap"),
        _about("role_gap"),
        lambda ctx, cid, lang: _roles(ctx, cid, lang, highest=True),
    ),
    "roles_low": Placeholder(
        LocalizedText(nl="een regel over verschil tussen rollen (role_gap.…)", en="a rule about a role gap"),
        _about("role_gap"),
        lambda ctx, cid, lang: _roles(ctx, cid, lang, highest=False),
    ),
    "cohesion": Placeholder(
        LocalizedText(nl="een regel over het 4C-model", en="a rule about the 4C model"),
        _uses(LEADERSHIP, "score.cohesion"),
        _cohesion,
    ),
    "orientation": Placeholder(
        LocalizedText(nl="een regel over het 4C-model", en="a rule about the 4C model"),
        _uses(LEADERSHIP),
        lambda ctx, cid, lang: _num(ctx.facts["score.orientation"], lang),
    ),
    "fitting_role": Placeholder(
        LocalizedText(nl="een regel over het 4C-model", en="a rule about the 4C model"),
        _uses(LEADERSHIP),
        lambda ctx, cid, lang: _role_label(ctx, ctx.facts[LEADERSHIP], lang),
    ),
    "current_role": Placeholder(
        LocalizedText(nl="een regel over de huidige leiding", en="a rule about the current leadership"),
        _uses("profile.leadership_role"),
        lambda ctx, cid, lang: _role_label(ctx, ctx.facts["profile.leadership_role"], lang),
    ),
}


# placeholders filled for every language at once (the same texts as their `fill` per language)
_FILL_ALL: dict[str, Callable[[Context, str], tuple[str, ...]]] = {
    "score": lambda ctx, cid: _nums(ctx.facts[f"score.{cid}"]),
    "signal": lambda ctx, cid: _nums(ctx.facts[f"signal.{cid}"]),
    "previous": lambda ctx, cid: _nums(ctx.facts[f"previous.{cid}"]),
    "lowest_items": _lowest_items_all,
}


def context_for(
    q: Questionnaire,
    facts: Mapping[str, Any],
    by_role: Mapping[str, Mapping[str, float]],
    roles: Mapping[str, int],
    minimum: int,
    value_labels: Mapping[str, LocalizedText],
) -> Context:
    """The context of a round's texts; roles below the anonymity minimum are never named."""
    role_labels, items = _labels_of(q)
    shown = {role: means for role, means in by_role.items() if roles.get(role, 0) >= minimum}
    return Context(facts, shown, role_labels, items, value_labels)


_Labels = tuple[dict[str, LocalizedText], dict[str, list[tuple[str, LocalizedText]]]]
_labels: dict[tuple[str, str], tuple[Questionnaire, _Labels]] = {}


def _labels_of(q: Questionnaire) -> _Labels:
    """The role labels and each construct's items of a questionnaire, made once per questionnaire
    object (the same for every round: remaking them was a tenth of building a round's findings)."""
    known = _labels.get((q.id, q.version))
    if known is not None and known[0] is q:
        return known[1]
    role_item = q.fact_item("respondent_role")
    role_labels = {
        o.value: LocalizedText(nl=o.label.nl.split(" (", 1)[0], en=o.label.en.split(" (", 1)[0])
        for o in (role_item.options or [] if role_item else [])
    }
    items: dict[str, list[tuple[str, LocalizedText]]] = {}
    for iid, (cid, _) in q.scale_index.items():
        items.setdefault(cid, []).append(("item." + iid, q.item_by_id[iid].text))
    _labels[(q.id, q.version)] = (q, (role_labels, items))
    return role_labels, items


def names_in(text: LocalizedText) -> list[str]:
    return list(dict.fromkeys(PLACEHOLDER.findall(text.nl) + PLACEHOLDER.findall(text.en)))


def check_placeholders(
    texts: Mapping[str, LocalizedText],
    condition: Condition,
    constructs: tuple[str, ...],
    where: Callable[[str], tuple[str, int | None]],
    rule_id: str,
) -> list[Problem]:
    """An unknown placeholder, or one the rule's condition cannot fill, is a located problem.
    `where(field)` gives the file and line of a text field."""
    paths = frozenset(ref.path for ref in fact_refs(condition))
    usable = [name for name, p in PLACEHOLDERS.items() if p.allowed(paths, constructs)]
    problems = []
    for field, text in texts.items():
        for lang in LANGUAGES:
            for name in PLACEHOLDER.findall(text.get(lang)):
                if name in usable:
                    continue
                file, line = where(field)
                known = PLACEHOLDERS.get(name)
                detail: LocalizedText | str = (
                    LocalizedText(nl=f" — alleen in {known.needs.nl}", en=f" — only in {known.needs.en}")
                    if known
                    else ""
                )
                problems.append(
                    Problem(
                        "unknown-placeholder",
                        file,
                        line,
                        rule_id,
                        f"{field}.{lang}",
                        {
                            "key": name,
                            "detail": detail,
                            "suggestion": "" if known else did_you_mean(name, PLACEHOLDERS),
                            "allowed": ", ".join("{" + u + "}" for u in usable) or "-",
                        },
                    )
                )
    return problems


def has_placeholders(text: LocalizedText) -> bool:
    """Whether `fill` changes the text (decided once per text)."""
    return filler(text) is not None


def fill(text: LocalizedText, ctx: Context, construct: str) -> LocalizedText:
    """The text with every placeholder replaced by the round's value, in each language."""
    filled = filler(text)
    return text if filled is None else filled(ctx, construct)


def filler(text: LocalizedText) -> Callable[[Context, str], LocalizedText] | None:
    """`fill` of this text as a function of a round's context and the rule's construct (made once
    per text), or None when the text has no placeholders (`fill` gives it back as it is)."""
    compiled = _compiled.get(id(text))
    if compiled is None or compiled[0] is not text:
        compiled = _compile(text)
    return compiled[1]


def _filler(names: tuple[str, ...], templates: tuple[str, ...]) -> Callable[[Context, str], LocalizedText]:
    nl_template, en_template = templates[_NL], templates[_EN]

    def filled(ctx: Context, construct: str) -> LocalizedText:
        values = ctx.values
        texts_of = []
        for name in names:
            key = (name, construct)
            texts = values.get(key)
            if texts is None:  # each language's text of the placeholder, once per round
                fill_all = _FILL_ALL.get(name)
                if fill_all is not None:
                    texts = fill_all(ctx, construct)
                else:
                    fill_one = PLACEHOLDERS[name].fill
                    texts = tuple([fill_one(ctx, construct, lang) for lang in LANGUAGES])
                values[key] = texts
            texts_of.append(texts)
        key_of = (templates, *texts_of)
        text = _filled.get(key_of)
        if text is None:
            text = LocalizedText.of(
                nl_template.format(*[texts[_NL] for texts in texts_of]),
                en_template.format(*[texts[_EN] for texts in texts_of]),
            )
            if len(_filled) >= _MOST_FILLED:
                _filled.clear()
            _filled[key_of] = text
        return text

    return filled


# Filled texts by their templates and their placeholders' texts (exact: strings): a score as
# written and the same two statements come back round after round
_filled: dict[tuple[tuple[str, ...], ...], LocalizedText] = {}
_MOST_FILLED = 10_000  # flat memory (~6,600 after 2,000 bench rounds)


# Per text (by id, the text kept beside them so the id stays its own): how it is filled (see
# `filler`): per language a str.format template with the known placeholders it names as positional
# fields (by their place in the names) and everything else literal. A rule's texts are the same
# objects for every round, so this is decided once per text, not once per finding.
_compiled: dict[int, tuple[LocalizedText, Callable[[Context, str], LocalizedText] | None]] = {}


def _compile(text: LocalizedText) -> tuple[LocalizedText, Callable[[Context, str], LocalizedText] | None]:
    split = [_parts(text.get(lang)) for lang in LANGUAGES]
    names = tuple(dict.fromkeys(name for parts in split for name in parts[1::2]))
    templates = tuple(
        "".join(
            part.replace("{", "{{").replace("}", "}}")
            if index % 2 == 0
            else "{" + str(names.index(part)) + "}"
            for index, part in enumerate(parts)
        )
        for parts in split
    )
    if len(_compiled) > 10_000:  # texts of rule bases loaded one after another in a long-lived process
        _compiled.clear()
    entry = _compiled[id(text)] = (text, _filler(names, templates) if names else None)
    return entry


_split: dict[str, tuple[str, ...]] = {}


def _parts(text: str) -> tuple[str, ...]:
    """A text as literal parts (even positions) and the known placeholder names between them; an
    unknown {name} stays literal (check_placeholders reports it when the rules load)."""
    parts = _split.get(text)
    if parts is None:
        out, literal, last = [], "", 0
        for m in PLACEHOLDER.finditer(text):
            literal += text[last : m.start()]
            last = m.end()
            if m.group(1) in PLACEHOLDERS:
                out += [literal, m.group(1)]
                literal = ""
            else:
                literal += m.group(0)
        if len(_split) > 10_000:
            _split.clear()
        parts = _split[text] = (*out, literal + text[last:])
    return parts
