"""Evidence on the questionnaires' wording and burden, measured rather than argued (issue 18).

    python benchmarks/questionnaire_evidence.py [netwerkscan|quickscan ...]   # print the tables

Reports, for the newest version of each questionnaire:
- per scale item: the number of words (Dutch) and its Flesch–Douma reading ease;
- per construct: the number of scale items, how many are reverse-worded and their share, and
  whether the construct gets a band (at least the rule base's `min_items_for_band` items), is a
  signal or a position;
- the estimated completion time on a phone, for each path a respondent can take (sections with
  `roles:` are shown to some roles only; the coordinator's section is never shown to respondents).

The same tables stand in docs/questionnaire.md as a generated region (`make docs` rewrites it,
tests/test_docs.py fails when it is stale), and the README's and the intros' stated times come
from `completion_minutes`, so a change in wording shows up in the figures at once.

**Words** are runs of letters or digits, with an inner hyphen or apostrophe kept inside the word
("wij-gevoel" is one word, "po" in "(po)" is one): `word_count`, the one count every check uses.

**Readability** is the Flesch–Douma reading ease (Douma 1960, Flesch's formula refitted for
Dutch: 206.835 − 0.93 × words per sentence − 77 × syllables per word), the constants `textstat`
uses for language `nl`. Syllables are counted as `textstat` does for Dutch: the places `pyphen`'s
Dutch hyphenation dictionary (the LibreOffice one) may break a word, plus one; the dictionary
leaves two letters at each end of a word whole, so "ideeën" counts as two syllables, not three,
and scores err on the easy side. (`textstat` itself is not used: its wheel installs a top-level
`tests` package that hides this project's `tests`, and it pulls in nltk.) Higher is easier; 60–70
reads as plain language, above 70 as easy. On one short sentence the score is coarse (one long
word moves it by ten points), so the tables also give the score of all items read as one text.

**Completion time** = words read ÷ READING_WPM + SECONDS_PER_ANSWER for every question answered
+ SECONDS_PER_PAGE for every page. READING_WPM = 200 words a minute: below the 238 that Brysbaert
(2019, "How many words do we read per minute?", Journal of Memory and Language 109) found for
adults reading non-fiction silently, inside his 175–300 range, lowered for a small phone screen
and for Dutch words being longer than English ones. The answer and page times are this script's
own assumptions (a tap on a labelled pill, a scroll and a "next" button), stated so they can be
replaced by timings measured in the app. What a respondent reads: the questionnaire's intro, each
page's title and intro, each question with its help text and options, and a scale's labels once
per page. The optional open questions are left out of the time (they take as long as one wants).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyphen

from diagnose import Bundle, load_bundle
from diagnose.questionnaire import ConstructCatalogue, Item, Questionnaire, Section
from diagnose.text import LocalizedText

READING_WPM = 200
SECONDS_PER_ANSWER = 4
SECONDS_PER_PAGE = 3
MAX_ITEM_WORDS = 20  # the limit for a question (nl)
MAX_OPTION_WORDS = 12  # an answer option (nl)
ANSWERED_TYPES = ("scale", "single", "multi", "number")

WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def word_count(text: str) -> int:
    """The number of words in a text: the one count the evidence and the tests use."""
    return len(WORD.findall(text))


@cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="nl_NL")


def syllables(word: str) -> int:
    """Syllables of a Dutch word: the places pyphen's Dutch dictionary may hyphenate it, plus one."""
    return len(_hyphenator().positions(word.lower())) + 1


def flesch_douma(text: str) -> float:
    """Flesch–Douma reading ease of a Dutch text, one decimal: 206.835 − 0.93 × words per
    sentence − 77 × syllables per word (a sentence ends at . ! or ?; a text without one is one)."""
    words = WORD.findall(text)
    if not words:
        return 0.0
    sentences = max(1, len(re.findall(r"[.!?]+(?:\s|$)", text.strip())))
    per_word = sum(syllables(w) for w in words) / len(words)
    return round(206.835 - 0.93 * len(words) / sentences - 77 * per_word, 1)


@dataclass(frozen=True)
class Path_:
    """What one kind of respondent sees: the pages and questions their role is shown."""

    name: str
    pages: list[tuple[Section, list[Item]]]


def respondent_paths(q: Questionnaire) -> list[Path_]:
    """One path per distinct set of questions: the pages a role is shown (`Questionnaire.shown_to`
    decides), named after the first role that sees that set, shortest first."""
    role_item = q.fact_item("respondent_role")
    paths: dict[tuple[str, ...], Path_] = {}
    for role in role_item.option_values if role_item else [None]:
        pages = []
        for section in q.respondent_sections():
            items = [i for i in section.items if q.shown_to(i, role)]
            if items:
                pages.append((section, items))
        key = tuple(i.id for _, items in pages for i in items)
        paths.setdefault(key, Path_(name=role or "everyone", pages=pages))
    return sorted(paths.values(), key=lambda p: sum(len(items) for _, items in p.pages))


def _nl(text: LocalizedText | None) -> str:
    return text.nl if text is not None else ""


def words_read(q: Questionnaire, path: Path_) -> int:
    words = word_count(_nl(q.title)) + word_count(_nl(q.intro))
    for section, items in path.pages:
        words += word_count(_nl(section.title)) + word_count(_nl(section.intro))
        scales_on_page: set[str] = set()
        for item in items:
            words += word_count(item.text.nl) + word_count(_nl(item.help))
            words += sum(word_count(o.label.nl) for o in item.options or [])
            if item.type == "scale" and item.scale and item.scale not in scales_on_page:
                scales_on_page.add(item.scale)
                scale = q.scales[item.scale]
                words += sum(word_count(p.label.nl) for p in scale.points)
                words += word_count(_nl(scale.dont_know)) + word_count(_nl(scale.not_applicable))
    return words


def answers(path: Path_) -> int:
    return sum(1 for _, items in path.pages for i in items if i.type in ANSWERED_TYPES)


def seconds(q: Questionnaire, path: Path_) -> float:
    return (
        words_read(q, path) / READING_WPM * 60
        + answers(path) * SECONDS_PER_ANSWER
        + len(path.pages) * SECONDS_PER_PAGE
    )


def completion_minutes(q: Questionnaire) -> int:
    """The time the intro states: the longest path, rounded to whole minutes."""
    return round(max(seconds(q, p) for p in respondent_paths(q)) / 60)


def scale_items(q: Questionnaire) -> list[Item]:
    return [i for i in q.items() if i.type == "scale"]


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def _construct_rows(q: Questionnaire, constructs: ConstructCatalogue, min_items_for_band: int) -> list[str]:
    rows = [
        "| construct | group | scale items | reverse-worded | share reverse | shown as |",
        "|---|---|--:|--:|--:|---|",
    ]
    by_construct: dict[str, list[Item]] = {}
    for item in scale_items(q):
        by_construct.setdefault(item.construct_id, []).append(item)
    for cid, items in by_construct.items():
        construct = constructs.by_id[cid]
        reverse = sum(i.reverse for i in items)
        shown = (
            "position (no band)"
            if construct.kind == "position"
            else "band"
            if len(items) >= min_items_for_band
            else f"signal ({len(items)} {'item' if len(items) == 1 else 'items'})"
        )
        rows.append(
            f"| `{cid}` | {construct.group} | {len(items)} | {reverse} | {reverse / len(items):.0%} | {shown} |"
        )
    return rows


def _item_rows(q: Questionnaire) -> list[str]:
    rows = ["| item | construct | reverse | words | Flesch–Douma |", "|---|---|:-:|--:|--:|"]
    for item in scale_items(q):
        rows.append(
            f"| `{item.id}` | `{item.construct_id}` | {'yes' if item.reverse else ''} | "
            f"{word_count(item.text.nl)} | {_fmt(flesch_douma(item.text.nl))} |"
        )
    return rows


def burden_markdown(q: Questionnaire) -> str:
    """What answering costs a respondent: words, readability and time, per path through the pages."""
    items = scale_items(q)
    texts = [i.text.nl for s in q.respondent_sections() for i in s.items]
    words = sorted(word_count(t) for t in texts)
    reverse = sum(i.reverse for i in items)
    lines = [
        "",
        f"**{q.id} {q.version}**: {len(items)} scale items, {reverse} of them reverse-worded "
        f"({reverse / len(items):.0%}); {len(texts)} questions for respondents, "
        f"{words[0]}–{words[-1]} words each (median {words[len(words) // 2]}, "
        f"{sum(w > MAX_ITEM_WORDS for w in words)} over {MAX_ITEM_WORDS}); "
        f"Flesch–Douma of all questions read as one text: {_fmt(flesch_douma(' '.join(texts)))}.",
        "",
        "| respondent sees | pages | questions answered | words read | estimated time |",
        "|---|--:|--:|--:|--:|",
    ]
    for path in respondent_paths(q):
        limited = any(q.roles_of[i.id] for _, items in path.pages for i in items)
        who = (
            f"role `{path.name}` and others with its questions" if limited else "the questions for every role"
        )
        lines.append(
            f"| {who} | {len(path.pages)} | {answers(path)} | {words_read(q, path)} | "
            f"{seconds(q, path) / 60:.1f} min |"
        )
    return "\n".join(lines) + "\n"


def evidence_markdown(q: Questionnaire, bundle: Bundle) -> str:
    """The generated region of docs/questionnaire.md for one questionnaire."""
    lines = [f"\nStated in the intro: about {completion_minutes(q)} minutes.", ""]
    lines += _construct_rows(q, bundle.constructs, bundle.settings.min_items_for_band)
    lines += ["", *_item_rows(q), ""]
    return burden_markdown(q) + "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("questionnaires", nargs="*", default=["netwerkscan", "quickscan"])
    args = parser.parse_args(argv)
    bundle = load_bundle()
    for qid in args.questionnaires:
        print(evidence_markdown(bundle.questionnaire(qid), bundle))
    return 0


if __name__ == "__main__":
    sys.exit(main())
