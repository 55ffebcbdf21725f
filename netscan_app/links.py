"""Invitation links: ``<base>/?t=TOKEN`` (a deep link to a page breaks on a server's first load)."""

from __future__ import annotations

import csv
import io
from urllib.parse import urlsplit

import streamlit as st

from diagnose import settings
from diagnose.store.transfer.tables import escape


def base_url() -> str:
    """NETSCAN_PUBLIC_URL when set (behind a proxy), else the address this browser used."""
    configured = settings.public_url("")
    if configured:
        return configured
    try:
        seen = st.context.url or ""
    except Exception:
        seen = ""
    parts = urlsplit(seen)
    root = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else "http://localhost:8501"
    prefix = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"{root}/{prefix}" if prefix else root


def invite_link(token: str) -> str:
    return f"{base_url()}/?t={token}"


def links_csv(rows: list[tuple[str, str]], header: tuple[str, str]) -> bytes:
    """A list of (label, link) as CSV that Excel opens with the right characters (UTF-8 with BOM)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([escape(h) for h in header])
    writer.writerows([(escape(label), escape(link)) for label, link in rows])  # a label may begin with =
    return ("\ufeff" + out.getvalue()).encode("utf-8")
