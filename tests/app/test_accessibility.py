"""The axe allow-list (tests/app/axe_allowlist.py) names only Streamlit's own markup, each entry with
a rule axe knows, a reason and, where there is one, the upstream issue."""

from __future__ import annotations

import re

from axe_playwright_python.base import AXE_SCRIPT

from tests.app.axe_allowlist import ALLOWED

# Streamlit's own markup: its data-testid attributes ("stSidebarNavItems", …); never a st-key-…
# class (a key is ours) nor an element or class of our own
STREAMLIT_SCOPE = re.compile(r'^\[data-testid="st[A-Z][A-Za-z]+"\]$')


def test_the_allow_list_names_only_streamlit_markup() -> None:
    assert ALLOWED, "an empty list would make this test pass for nothing; delete it with the list"
    for entry in ALLOWED:
        assert STREAMLIT_SCOPE.match(entry.scope), entry
        assert "st-key-" not in entry.scope and "netscan" not in entry.scope, entry
        assert len(entry.reason) > 40, entry
        assert entry.upstream == "" or entry.upstream.startswith("https://github.com/streamlit/"), entry


def test_every_allowed_rule_is_a_rule_of_the_bundled_axe() -> None:
    for entry in ALLOWED:
        assert (
            f'id:"{entry.rule}"' in AXE_SCRIPT
            or f"id:'{entry.rule}'" in AXE_SCRIPT
            or (f'"{entry.rule}"' in AXE_SCRIPT)
        ), entry.rule
