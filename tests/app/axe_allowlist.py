"""What axe may find in Streamlit's own markup: each entry a rule, the CSS scope of Streamlit's
elements it applies to, why we cannot change it, and the upstream Streamlit issue where there is one.

Nothing of ours belongs here: a scope names only Streamlit's own ``data-testid`` markup. The test
``test_the_allow_list_names_only_streamlit_markup`` checks that.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Allowed:
    rule: str
    scope: str
    reason: str
    upstream: str = ""


_NAV_LIST = (
    "Streamlit's sidebar navigation with section headers (st.navigation with a dict) puts each section "
    "as a <div> straight inside its <ul>, and the pages' <li>s inside that <div>; the markup is "
    "Streamlit's, with no option to change it. The links and section names are still read out in order. "
    "Upstream: Streamlit's open accessibility issue on page language and structure."
)
#: streamlit/streamlit#8399 "Basic accessibility web features" (open, area:accessibility)
UPSTREAM_8399 = "https://github.com/streamlit/streamlit/issues/8399"

ALLOWED: tuple[Allowed, ...] = (
    Allowed("list", '[data-testid="stSidebarNavItems"]', _NAV_LIST, UPSTREAM_8399),
    Allowed("listitem", '[data-testid="stSidebarNavItems"]', _NAV_LIST, UPSTREAM_8399),
)
