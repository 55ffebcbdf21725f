"""Small building blocks shared by the pages: safe text, the language switch, findings, headers."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

import streamlit as st

from diagnose.diagnosis import Diagnosis, Finding
from diagnose.text import LANGUAGES
from netscan_app.i18n import current_lang, loc, set_lang, t, translate
from netscan_app.resources import get_bundle

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


_STYLE = (Path(__file__).with_name("style.css")).read_text(encoding="utf-8")


def page_style() -> None:
    """The app's own static CSS (style.css); contains no user data."""
    st.html(f"<style>{_STYLE}</style>")


# Streamlit serves every page as <html lang="en"> and has no setting for it: the page's language is
# set here on every run (a changed language re-renders this element, so its script runs again).
# The same script puts Streamlit's own English words for screen readers (the skip link, "progress",
# "Show password" …) into the page's language, and hides the decorative icons in text ("visibility
# icon") from screen readers, on every element Streamlit draws later too (one observer per page).
_LANG_JS = """<div class="netscan-script"><script>
(() => {{
  document.documentElement.lang = {lang};
  window.netscanWords = {words};
  const fix = () => {{
    const words = window.netscanWords;
    for (const a of document.querySelectorAll('a[href^="#"]')) {{
      const text = a.textContent.trim();
      if (a.children.length === 0 && words.text[text] !== undefined && words.text[text] !== text) {{
        a.textContent = words.text[text];
      }}
    }}
    for (const el of document.querySelectorAll('[aria-label]')) {{
      const label = el.getAttribute('aria-label');
      if (words.labels[label] !== undefined && words.labels[label] !== label) el.setAttribute('aria-label', words.labels[label]);
    }}
    for (const icon of document.querySelectorAll('span[role="img"][aria-label$=" icon"], [data-testid="stIconMaterial"]')) {{
      icon.setAttribute('aria-hidden', 'true');
    }}
  }};
  fix();
  if (!window.netscanObserver) {{
    let queued = false;
    window.netscanObserver = new MutationObserver(() => {{
      if (!queued) {{ queued = true; requestAnimationFrame(() => {{ queued = false; window.netscanFix(); }}); }}
    }});
    window.netscanObserver.observe(document.body, {{subtree: true, childList: true}});
  }}
  window.netscanFix = fix;
}})();
</script></div>"""

#: Streamlit's English accessible names → our catalogue key
_STREAMLIT_LABELS = {
    "progress": "a11y.progress",
    "Show password": "a11y.show_password",
    "Hide password": "a11y.hide_password",
    "Sidebar": "a11y.sidebar",
    "Collapse sidebar": "a11y.collapse_sidebar",
    "Expand sidebar": "a11y.expand_sidebar",
    "App pages": "a11y.app_pages",
    "Clear value": "a11y.clear_value",
    "Open": "a11y.open",
    "Help": "a11y.help",
}

# Attributes Streamlit has no parameter for, set on a keyed container (``st-key-<key>``) by a small
# script rendered after it. Streamlit keeps a keyed container's element across reruns, so they stay
# while its content changes; when the container is drawn anew, so is the script.
_ATTRS_JS = (
    '<div class="netscan-script"><script>'
    "for (const el of document.querySelectorAll({selector})) {{"
    " for (const [name, value] of Object.entries({attrs})) el.setAttribute(name, value); }}"
    "</script></div>"
)


def document_language() -> None:
    """``<html lang>`` follows the session's language (WCAG 3.1.1): "nl" or "en", never Streamlit's
    fixed "en" under Dutch text; and Streamlit's own words for screen readers in that language."""
    lang = current_lang()
    words = {
        "text": _in_this_language({"Skip to main content": "a11y.skip"}),
        "labels": _in_this_language(_STREAMLIT_LABELS),
    }
    st.html(_LANG_JS.format(lang=_js(lang), words=_js(words)), unsafe_allow_javascript=True)


def _in_this_language(words: dict[str, str]) -> dict[str, str]:
    """Streamlit's word, and each language's translation of it (set before a switch), → the word
    in the session's language."""
    lang = current_lang()
    return {
        variant: translate(key, lang)
        for english, key in words.items()
        for variant in (english, *(translate(key, other) for other in LANGUAGES))
    }


def _js(value: object) -> str:
    """A value as a JavaScript literal inside a <script>: JSON with ``<`` escaped."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")


def container_attributes(key: str, attrs: dict[str, str]) -> None:
    """Set ARIA attributes on the container ``key`` rendered earlier in this run. Values are text
    (JSON-encoded, ``<`` escaped), never markup."""

    st.html(
        _ATTRS_JS.format(selector=_js(f".st-key-{key}"), attrs=_js(attrs)),
        unsafe_allow_javascript=True,
    )


def live_region(key: str) -> None:
    """The container ``key`` as a polite live region: a screen reader reads out what changes in it
    (the autosave status; WCAG 4.1.3)."""
    container_attributes(key, {"role": "status", "aria-live": "polite", "aria-atomic": "true"})


def group(key: str, label: str) -> None:
    """The container ``key`` as a group named ``label`` (check boxes that answer one question)."""
    container_attributes(key, {"role": "group", "aria-label": label})


def hidden_heading(text: str) -> None:
    """An h2 read by screen readers and left out of sight, where the visible layout shows the level
    another way (the results' tabs) but the heading outline would jump from h1 to h3."""
    st.html(f'<h2 class="netscan-sr-only">{html.escape(text)}</h2>')


def md_escape(text: str) -> str:
    """User data (network names, labels) inside Markdown: every Markdown character escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def language_switch(where: str = "main") -> None:
    """NL | EN as a small segmented control; changing it reruns the page in the other language."""
    container = st.sidebar if where == "sidebar" else st
    key = f"lang_switch_{where}"
    if st.session_state.get(key) != current_lang():
        st.session_state[key] = current_lang()

    def changed() -> None:
        value = st.session_state.get(key)
        if value in ("nl", "en"):
            set_lang(value)
        else:  # a click on the selected option deselects it: keep the language
            st.session_state[key] = current_lang()

    container.segmented_control(
        t("lang.label"),
        options=["nl", "en"],
        format_func=lambda v: {"nl": "NL", "en": "EN"}[v],
        key=key,
        on_change=changed,
        label_visibility="collapsed",
    )


def kind_label(kind: str) -> str:
    return loc(get_bundle().settings.kind_by_id[kind].label)


def kind_icon(kind: str) -> str:
    return get_bundle().settings.kind_by_id[kind].icon


def finding_icon(f: Finding) -> str:
    """The kind's icon, falling for a decline (diagnose.cards.falls)."""
    from diagnose.cards import falls

    return ":material/trending_down:" if falls(f) else kind_icon(f.kind)


def finding_body(
    f: Finding, *, expanded_why: bool = False, evidence: Sequence[str] = (), alike: Sequence[str] = ()
) -> None:
    st.markdown(loc(f.diagnosis))
    if evidence:
        st.markdown(f"**{t('results.evidence')}:** " + "; ".join(md_escape(e) for e in evidence))
    if alike:
        st.markdown(f"**{t('results.alike')}:** " + "; ".join(md_escape(a) for a in alike))
    st.markdown(f"**{t('finding.advice')}** {loc(f.advice)}")
    with st.expander(t("finding.why"), expanded=expanded_why, icon=":material/help:"):
        st.markdown("\n".join(f"- {loc(b.text)}" for b in f.because) or t("finding.no_because"))
        if f.spread is not None:
            from diagnose.text import format_number

            st.caption(t("finding.spread", value=format_number(f.spread, current_lang(), 2)))
        sources = get_bundle().references.cite_all(f.sources, current_lang())
        st.caption(t("finding.sources", sources="; ".join(sources)))


def finding_card(
    f: Finding,
    number: int | None = None,
    *,
    key: str,
    note: str = "",
    evidence: Sequence[str] = (),
    alike: Sequence[str] = (),
) -> None:
    """A finding as a card; `note` says why it is on top, `evidence` lists the other findings
    about the same construct (diagnose.cards)."""
    with st.container(border=True, key=key):
        prefix = f"{number}. " if number is not None else ""
        st.markdown(f"#### {prefix}{loc(f.title)}")
        st.caption(f"{finding_icon(f)} {kind_label(f.kind)}")
        if note:
            st.caption(md_escape(note))
        finding_body(f, evidence=evidence, alike=alike)


def finding_expander(
    f: Finding, *, show_kind: bool = True, evidence: Sequence[str] = (), alike: Sequence[str] = ()
) -> None:
    label = kind_label(f.kind)
    # never "Verschil van inzicht: X · Verschil van inzicht": a title naming its kind says it once
    kind = f" · {label}" if show_kind and not loc(f.title).casefold().startswith(label.casefold()) else ""
    with st.expander(f"{finding_icon(f)} {loc(f.title)}{kind}"):
        finding_body(f, expanded_why=True, evidence=evidence, alike=alike)


def findings_by_ids(d: Diagnosis, ids: Iterable[str]) -> list[Finding]:
    return [f for rule in ids if (f := d.finding(rule)) is not None]


def free_text(text: str) -> None:
    """A respondent's free text: shown as plain text, never as Markdown or HTML."""
    with st.container(border=True):
        st.text(text)


_SCROLL_JS = """
export default function(component) {
  const doc = window.parent.document || document;
  const main = doc.querySelector('[data-testid="stMain"]');
  if (main) { main.scrollTo({top: 0}); }
  window.scrollTo({top: 0});
  // Keyboard and screen reader: focus moves to the new page's heading (data.heading: a section's
  // h2, else the h1) once the run has drawn it, instead of staying on the button at the bottom (WCAG 2.4.3).
  let tries = 0;
  const focusHeading = () => {
    const app = doc.querySelector('[data-testid="stApp"]');
    const done = app && app.getAttribute('data-test-script-state') === 'notRunning';
    const wanted = (component.data && component.data.heading) || 'h1';
    const heading = main && (main.querySelector(wanted) || main.querySelector('h1'));
    if (done && heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({preventScroll: true});
    } else if (tries++ < 100) {
      setTimeout(focusHeading, 50);
    }
  };
  focusHeading();
}
"""
_scroll_component: object = None


def scroll_to_top_if_asked() -> None:
    """After moving to another questionnaire page, start at its top (a rerun keeps the old scroll),
    with the keyboard focus on its heading."""
    global _scroll_component
    if not st.session_state.pop("scroll_top", False):
        return
    import streamlit.components.v2 as components

    if _scroll_component is None:
        _scroll_component = components.component("netscan_scroll_top", html="<span></span>", js=_SCROLL_JS)
    count = st.session_state.get("scroll_count", 0) + 1
    st.session_state["scroll_count"] = count
    heading = st.session_state.pop("scroll_heading", "h1")
    _scroll_component(data={"n": count, "heading": heading}, key=f"scroll_top_{count}")  # type: ignore[operator]


def show_flash() -> None:
    """A one-off confirmation carried over a page switch."""
    message = st.session_state.pop("flash", None)
    if message:
        st.success(message, icon=":material/check_circle:")


def choose_first(message_key: str) -> None:
    """Nothing selected yet: say so and offer the way back to the overview."""
    from netscan_app.main import page_path

    st.info(t(message_key), icon=":material/info:")
    st.page_link(page_path("overview"), label=t("nav.back_to_overview"), icon=":material/dashboard:")


def _browser_zone() -> ZoneInfo:
    try:
        return ZoneInfo(st.context.timezone or "Europe/Amsterdam")
    except Exception:
        return ZoneInfo("Europe/Amsterdam")


def local_time(moment: dt.datetime) -> str:
    """A time as the person in front of the browser reads it (their own time zone)."""
    return moment.astimezone(_browser_zone()).strftime("%H:%M:%S")


def local_date_time(moment: dt.datetime) -> str:
    """Day and time in the browser's time zone, written the Dutch way: 30-11-2026 09:52."""
    return moment.astimezone(_browser_zone()).strftime("%d-%m-%Y %H:%M")
