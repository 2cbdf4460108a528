from __future__ import annotations

from webhooks.signature import is_valid_signature, sign

TOKEN = "12345"
URL = "https://mycompany.com/myapp.php?foo=1&bar=2"
PARAMS = {"CallSid": "CA1234567890ABCDE", "Caller": "+12349013030", "Digits": "1234", "From": "+12349013030",
          "To": "+18005551212"}
# The known answer used by twilio-python's own validator tests for these values.
EXPECTED = "0/KCTR6DLpKmkAf8muzZqo1nDgQ="


def test_known_answer() -> None:
    assert sign(TOKEN, URL, PARAMS) == EXPECTED
    assert is_valid_signature(TOKEN, URL, PARAMS, EXPECTED)


def test_matches_an_independent_hmac_sha1() -> None:
    import base64
    import hashlib
    import hmac

    data = URL + "".join(k + PARAMS[k] for k in sorted(PARAMS))
    digest = hmac.new(TOKEN.encode(), data.encode(), hashlib.sha1).digest()
    assert base64.b64encode(digest).decode() == EXPECTED


def test_any_change_fails() -> None:
    assert not is_valid_signature(TOKEN, URL, {**PARAMS, "Digits": "1235"}, EXPECTED)
    assert not is_valid_signature("other", URL, PARAMS, EXPECTED)
    assert not is_valid_signature(TOKEN, URL.replace("https", "http"), PARAMS, EXPECTED)
    assert not is_valid_signature(TOKEN, URL, PARAMS, "")


def test_default_port_variants_accepted() -> None:
    sig = sign(TOKEN, "https://example.com:443/twilio/sms", {"a": "1"})
    assert is_valid_signature(TOKEN, "https://example.com/twilio/sms", {"a": "1"}, sig)
