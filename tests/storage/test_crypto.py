from __future__ import annotations

import base64

import pytest

from storage.crypto import KeyRing, new_key_spec
from storage.errors import ConfigError, DecryptError, UnknownKeyId


def test_round_trip_and_envelope_format(keyring: KeyRing) -> None:
    env = keyring.encrypt(b"+15085550142", "roadside:contact:{abc}")
    version, kid, body = env.split(".")
    assert (version, kid) == ("v1", "k1")
    assert "+1508" not in env
    assert len(base64.urlsafe_b64decode(body + "==")) == 12 + len(b"+15085550142") + 16
    assert keyring.decrypt(env, "roadside:contact:{abc}") == b"+15085550142"


def test_fresh_nonce_every_write(keyring: KeyRing) -> None:
    assert keyring.encrypt(b"same", "k") != keyring.encrypt(b"same", "k")


def test_tampered_byte_raises(keyring: KeyRing) -> None:
    env = keyring.encrypt(b"secret", "key")
    head, body = env.rsplit(".", 1)
    raw = bytearray(base64.urlsafe_b64decode(body + "=="))
    raw[-1] ^= 1
    bad = head + "." + base64.urlsafe_b64encode(bytes(raw)).decode().rstrip("=")
    with pytest.raises(DecryptError, match="authentication failed"):
        keyring.decrypt(bad, "key")


def test_wrong_key_raises() -> None:
    a, b = KeyRing.generate("k1"), KeyRing.generate("k1")
    with pytest.raises(DecryptError):
        b.decrypt(a.encrypt(b"x", "key"), "key")


def test_ciphertext_moved_to_another_record_raises(keyring: KeyRing) -> None:
    env = keyring.encrypt(b"x", "roadside:contact:{aaa}")
    with pytest.raises(DecryptError) as info:
        keyring.decrypt(env, "roadside:contact:{bbb}")
    assert info.value.key == "roadside:contact:{bbb}"


def test_unknown_key_id_names_the_kid(keyring: KeyRing) -> None:
    other = KeyRing.generate("k9")
    with pytest.raises(UnknownKeyId, match="k9"):
        keyring.decrypt(other.encrypt(b"x", "key"), "key")


@pytest.mark.parametrize("junk", ["", "plain text", "v2.k1.abcd", "v1.k1.", "v1.k1.!!!!", b"\xff\xfe"])
def test_garbage_is_a_decrypt_error(keyring: KeyRing, junk: str | bytes) -> None:
    with pytest.raises(DecryptError):
        keyring.decrypt(junk, "key")


def test_ring_first_key_encrypts_all_decrypt() -> None:
    old = KeyRing.parse(new_key_spec("old"))
    sealed = old.encrypt(b"history", "key")
    ring = KeyRing.parse(new_key_spec("new") + "," + old.spec())
    assert ring.current_kid == "new"
    assert ring.decrypt(sealed, "key") == b"history"
    assert ring.needs_rotation(sealed)
    assert not ring.needs_rotation(ring.encrypt(b"x", "key"))


@pytest.mark.parametrize(
    "spec, message",
    [
        ("", "empty"),
        ("k1", "kid:base64key"),
        ("k1:" + base64.b64encode(b"short").decode(), "32 bytes"),
        ("k1:" + base64.b64encode(b"\0" * 32).decode(), "too weak"),
        ("bad id!:" + base64.b64encode(bytes(range(32))).decode(), "bad key id"),
    ],
)
def test_bad_key_specs_are_refused(spec: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        KeyRing.parse(spec)


def test_duplicate_kid_refused() -> None:
    spec = new_key_spec("a")
    with pytest.raises(ConfigError, match="twice"):
        KeyRing.parse(spec + "," + spec)
