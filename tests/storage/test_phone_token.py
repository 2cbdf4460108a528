from __future__ import annotations

import os

import pytest

from storage.phone_token import phone_token


def test_same_number_same_token_and_no_digits_leak() -> None:
    key = os.urandom(32)
    tok = phone_token("+15085550142", key)
    assert tok == phone_token("+15085550142", key)
    assert tok != phone_token("+15085550143", key)
    assert tok != phone_token("+15085550142", os.urandom(32))
    assert "5085550142" not in tok
    assert len(tok) == 32 and all(c in "0123456789abcdef" for c in tok)


def test_known_answer() -> None:
    # HMAC-SHA256(key=32 x 0x01, "+15085550142"), first 128 bits, computed independently.
    import hashlib
    import hmac

    key = b"\x01" * 32
    expected = hmac.new(key, b"+15085550142", hashlib.sha256).hexdigest()[:32]
    assert phone_token("+15085550142", key) == expected


def test_rejects_non_e164() -> None:
    with pytest.raises(ValueError):
        phone_token("5085550142", os.urandom(32))
