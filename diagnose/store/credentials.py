"""Passwords (argon2id) and random tokens (only their SHA-256 is stored).

A token has 144 random bits, so a plain SHA-256 is enough to store it: unlike a password it cannot
be guessed, and looking up a hash is one indexed query.
"""

from __future__ import annotations

import hashlib
import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

TOKEN_BYTES = 18  # 24 URL-safe characters
_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verifying against this when the e-mail is unknown keeps the time of a failed sign-in the same.
    Made on first use: hashing costs ~130 ms, which every import of the store would otherwise pay."""
    return str(_hasher.hash(secrets.token_hex(16)))


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def hash_password(password: str) -> str:
    return str(_hasher.hash(password))


def check_password(stored_hash: str | None, password: str) -> bool:
    try:
        return bool(_hasher.verify(stored_hash or _dummy_hash(), password)) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return bool(_hasher.check_needs_rehash(stored_hash))
