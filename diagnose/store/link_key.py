"""A participant's link, made again whenever a mail needs it, while the database keeps only its hash.

The invitation and every reminder carry the same personal link, and a mail sent again after a crash
must carry it too. Keeping the token itself in the database would break "tokens only as hashes";
so a participant's token is HMAC-SHA256(link key, the participant's random salt), and the link key
lives outside the database: NETSCAN_LINK_KEY, else the file `link.key` in the data folder (made on
first use, readable by its owner only). A copy of the database alone opens no link. The app and
`netscan invite`/`remind` must see the same key (the same data folder, or the same variable); a
sender with another key is refused before it mails a link that would not work (mail_queue.py).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from diagnose.store import credentials, db


def _key_file() -> Path:
    return db.data_dir() / "link.key"


def link_key() -> bytes:
    configured = os.environ.get("NETSCAN_LINK_KEY", "").strip()
    if configured:
        return configured.encode("utf-8")
    path = _key_file()
    try:
        return path.read_bytes().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return path.read_bytes().strip()
    with os.fdopen(fd, "wb") as out:
        out.write(secrets.token_hex(32).encode("ascii"))
    return path.read_bytes().strip()


def new_salt() -> str:
    return secrets.token_hex(16)


def participant_token(salt: str) -> str:
    digest = hmac.new(link_key(), b"participant-link:" + salt.encode("ascii"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[: credentials.TOKEN_BYTES]).decode("ascii")


def link(base: str, token: str) -> str:
    """The one shape of an invitation link (as the app's netscan_app/links.py makes it)."""
    return f"{base.rstrip('/')}/?t={token}"
