"""E-mail addresses as a coordinator types or uploads them: one rule, used on every way in."""

from __future__ import annotations

import re

MAX_ADDRESS = 254
# local@domain.tld: no spaces, no control characters, no second @, a dot in the domain; what a
# coordinator can mistype (a comma, a missing part, "jan@school" without a domain) is refused here
_ADDRESS = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)


def clean_address(text: str) -> str | None:
    """The address, stripped and lower-cased, or None when it is not one."""
    address = text.strip().lower()
    if len(address) > MAX_ADDRESS or not _ADDRESS.fullmatch(address):
        return None
    local, _domain = address.rsplit("@", 1)
    if local.startswith(".") or local.endswith(".") or ".." in local or len(local) > 64:
        return None
    return address
