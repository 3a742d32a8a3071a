"""Encryption at rest for special-category and financial text (access-needs notes, bank details).

The keys come from FIELD_ENCRYPTION_KEYS (validated in settings), never from the database, so a
copy of the database alone reveals nothing. MultiFernet encrypts with the first key and decrypts
with any, which lets keys be rotated.
"""

import json
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


@cache
def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in settings.FIELD_ENCRYPTION_KEYS])


def encrypt(plaintext: str) -> str:
    return _fernet().encrypt(plaintext.encode()).decode()


class Sealed(str):
    """Text already encrypted (by `seal`): stored as it is. Lets one person's bank details be
    encrypted once for all their payments in a batch instead of once per payment."""


def seal(plaintext: str) -> Sealed:
    return Sealed(encrypt(plaintext))


# Within `decrypting_once()`: what each token decrypted to, so that a token read again (one
# person's sealed bank details on each of their payments) is decrypted once.
_opened: ContextVar[dict | None] = ContextVar("opened", default=None)


@contextmanager
def decrypting_once():
    """Decrypt each distinct token once inside the block; the plaintexts are forgotten after."""
    reset = _opened.set({})
    try:
        yield
    finally:
        _opened.reset(reset)


def decrypt(token: str) -> str:
    opened = _opened.get()
    if opened is not None and token in opened:
        return opened[token]
    try:
        plaintext = _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        # Never show ciphertext or a blank as if it were the person's words.
        raise ImproperlyConfigured(
            "Encrypted data cannot be read with FIELD_ENCRYPTION_KEYS: the key is wrong or "
            "missing. Restore the key that encrypted it (keys can be rotated by listing the "
            "new key first and keeping the old one after it)."
        ) from None
    if opened is not None:
        opened[token] = plaintext
    return plaintext


class EncryptedTextField(models.TextField):
    """A text column stored encrypted. It cannot be searched or filtered on, by design."""

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "" or isinstance(value, Sealed):
            return value
        return encrypt(value)


class EncryptedJSONField(EncryptedTextField):
    """A JSON value (dicts, lists, numbers, text) stored encrypted as text. Each save encrypts
    afresh with a random IV, so two equal values never look alike in the database."""

    def from_db_value(self, value, expression, connection):
        value = super().from_db_value(value, expression, connection)
        return None if value is None or value == "" else json.loads(value)

    def to_python(self, value):
        return value

    def get_prep_value(self, value):
        if value is None:
            return None
        return encrypt(json.dumps(value, sort_keys=True))
