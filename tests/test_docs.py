"""The figures and lists in README.md and docs/*.md that the code can produce are current."""

from __future__ import annotations

import re

import pytest

from diagnose import Bundle
from diagnose.conditions import NAMESPACES
from tests.docs_figures import DOCS, LISTED, REGION, ROOT, Listed, refresh, stale_files


def test_generated_regions_are_current(bundle: Bundle) -> None:
    assert stale_files(bundle) == [], "run `make docs` and commit the result"


def test_readme_rule_count_is_what_the_rule_base_loads_not_159(bundle: Bundle) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"<!-- gen rules -->{len(bundle.rules)}<!-- /gen --> rules" in readme


def test_a_stale_region_is_rewritten_and_an_unknown_one_refused(bundle: Bundle) -> None:
    text = "has <!-- gen rules -->159<!-- /gen --> rules and <!-- gen threshold change nl -->1<!-- /gen -->"
    assert refresh(text, bundle) == (
        f"has <!-- gen rules -->{len(bundle.rules)}<!-- /gen --> rules and <!-- gen threshold change nl -->0,5<!-- /gen -->"
    )
    with pytest.raises(KeyError, match="unknown generated region 'rule'"):
        refresh("<!-- gen rule --><!-- /gen -->", bundle)


def test_every_doc_with_regions_is_covered() -> None:
    with_regions = {
        p
        for p in [ROOT / "README.md", *(ROOT / "docs").rglob("*.md")]
        if REGION.search(p.read_text(encoding="utf-8"))
    }
    assert with_regions <= set(DOCS)


@pytest.mark.parametrize("listed", LISTED, ids=lambda listed: listed.line_start)
def test_lists_in_code_blocks_match_the_models(listed: Listed) -> None:
    text = (ROOT / listed.file).read_text(encoding="utf-8")
    assert listed.found(text) == listed.values(), f"{listed.file}: the line `{listed.line_start}  # ...`"


def test_the_fact_table_explains_every_namespace() -> None:
    text = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    table = text.split("Facts, by namespace", 1)[1].split("\n\n", 2)[1]
    named = {
        m for row in table.splitlines()[2:] for m in re.findall(r"`([a-z_]+)\.[A-Za-z_]+`", row.split("|")[1])
    }
    assert named == set(NAMESPACES)
