"""Exceptions raised by the storage layer: one tree, each carrying context."""

from __future__ import annotations


class StorageError(Exception):
    """Base class for every error the storage layer raises on purpose."""


class ConfigError(StorageError):
    """A required setting is missing, malformed or too weak."""


class DecryptError(StorageError):
    """A stored value could not be authenticated or decrypted.

    Raised for a wrong key, a tampered byte, a ciphertext moved to another
    record, or a malformed envelope. Never returns garbage instead.
    """

    def __init__(self, message: str, *, key: str | None = None) -> None:
        self.key = key
        super().__init__(f"{message} (key {key!r})" if key else message)


class UnknownKeyId(DecryptError):
    """The envelope names a key id that the key ring does not hold."""

    def __init__(self, kid: str, *, key: str | None = None) -> None:
        self.kid = kid
        super().__init__(f"unknown key id {kid!r}", key=key)


class StoreUnavailable(StorageError):
    """Redis could not be reached, or did not answer within its timeout."""
