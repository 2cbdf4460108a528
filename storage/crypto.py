"""AES-256-GCM envelopes and the data key ring.

Envelope: ``v1.<kid>.<base64url(nonce || ciphertext)>``. The associated data
is the Redis key (or stream name + entry id) so that a ciphertext cannot be
moved to another record. The first key of the ring encrypts; all decrypt.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from storage.errors import ConfigError, DecryptError, UnknownKeyId

VERSION = "v1"
NONCE_BYTES = 12
KEY_BYTES = 32
_KID_RE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


def _b64e(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64d(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class KeyRing:
    """Named 256-bit keys, newest first. The first one encrypts."""

    keys: tuple[tuple[str, bytes], ...]
    _ciphers: Mapping[str, AESGCM] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.keys:
            raise ConfigError("the data key ring is empty")
        ciphers: dict[str, AESGCM] = {}
        for kid, key in self.keys:
            if not _KID_RE.match(kid):
                raise ConfigError(f"bad key id {kid!r}: use 1-32 of A-Z a-z 0-9 _ -")
            if len(key) != KEY_BYTES:
                raise ConfigError(f"key {kid!r} must be {KEY_BYTES} bytes, got {len(key)}")
            if len(set(key)) < 8:
                raise ConfigError(f"key {kid!r} is too weak (too few distinct bytes)")
            if kid in ciphers:
                raise ConfigError(f"key id {kid!r} appears twice")
            ciphers[kid] = AESGCM(key)
        object.__setattr__(self, "_ciphers", ciphers)

    @classmethod
    def parse(cls, spec: str) -> KeyRing:
        """Build a ring from ``kid:base64key,kid:base64key`` (newest first)."""
        pairs: list[tuple[str, bytes]] = []
        for item in (part.strip() for part in spec.split(",")):
            if not item:
                continue
            kid, sep, b64 = item.partition(":")
            if not sep:
                raise ConfigError("ROADSIDE_DATA_KEYS entries must look like kid:base64key")
            try:
                key = base64.b64decode(_pad(b64.strip()), altchars=b"-_", validate=False)
            except (binascii.Error, ValueError) as exc:
                raise ConfigError(f"key {kid!r} is not valid base64") from exc
            pairs.append((kid.strip(), key))
        return cls(tuple(pairs))

    @classmethod
    def generate(cls, kid: str = "k1") -> KeyRing:
        """A ring holding one fresh random key (tests, first run)."""
        return cls(((kid, AESGCM.generate_key(bit_length=256)),))

    def spec(self) -> str:
        """The ``kid:base64key,…`` text this ring was built from."""
        return ",".join(f"{kid}:{base64.b64encode(key).decode()}" for kid, key in self.keys)

    @property
    def current_kid(self) -> str:
        return self.keys[0][0]

    @property
    def kids(self) -> tuple[str, ...]:
        return tuple(kid for kid, _ in self.keys)

    def encrypt(self, plaintext: bytes, aad: str) -> str:
        """Seal ``plaintext`` under the newest key, bound to ``aad``."""
        kid = self.current_kid
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._ciphers[kid].encrypt(nonce, plaintext, aad.encode())
        return f"{VERSION}.{kid}.{_b64e(nonce + sealed)}"

    def decrypt(self, envelope: str | bytes, aad: str) -> bytes:
        """Open an envelope sealed for ``aad``; raise DecryptError otherwise."""
        if isinstance(envelope, bytes):
            try:
                envelope = envelope.decode("ascii")
            except UnicodeDecodeError:
                raise DecryptError("value is not an envelope", key=aad) from None
        _, kid, body = envelope_parts(envelope, aad)
        cipher = self._ciphers.get(kid)
        if cipher is None:
            raise UnknownKeyId(kid, key=aad)
        try:
            raw = _b64d(body)
        except (binascii.Error, ValueError):
            raise DecryptError("envelope body is not base64url", key=aad) from None
        if len(raw) < NONCE_BYTES + 16:
            raise DecryptError("envelope is too short", key=aad)
        try:
            return cipher.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], aad.encode())
        except InvalidTag:
            raise DecryptError("authentication failed (wrong key, tampered or moved)", key=aad) from None

    def needs_rotation(self, envelope: str | bytes) -> bool:
        """True when the envelope was not sealed with the newest key."""
        text = envelope.decode("ascii", "replace") if isinstance(envelope, bytes) else envelope
        return not text.startswith(f"{VERSION}.{self.current_kid}.")


def is_envelope(value: str | bytes) -> bool:
    """True for a value that looks like one of our envelopes (not plain data)."""
    prefix = f"{VERSION}."
    return value.startswith(prefix.encode()) if isinstance(value, bytes) else value.startswith(prefix)


def envelope_parts(envelope: str, aad: str = "") -> tuple[str, str, str]:
    """Split an envelope into (version, kid, body) or raise DecryptError."""
    parts = envelope.split(".")
    if len(parts) != 3 or parts[0] != VERSION or not parts[1] or not parts[2]:
        raise DecryptError("value is not a v1 envelope", key=aad or None)
    return parts[0], parts[1], parts[2]


def _pad(text: str) -> str:
    return text + "=" * (-len(text) % 4)


def new_key_spec(kid: str) -> str:
    """A fresh ``kid:base64key`` entry for ROADSIDE_DATA_KEYS."""
    return f"{kid}:{base64.b64encode(AESGCM.generate_key(bit_length=256)).decode()}"


def ring_from_pairs(pairs: Iterable[tuple[str, bytes]]) -> KeyRing:
    return KeyRing(tuple(pairs))
