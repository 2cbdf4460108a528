"""Build Twilio-shaped, correctly signed form posts for the Flask test client."""

from __future__ import annotations

import uuid
from typing import Any

from webhooks.signature import sign

PUBLIC_BASE = "https://roadside.example.com"


def sms_params(sender: str, body: str | None, **extra: str) -> dict[str, str]:
    params = {"MessageSid": "SM" + uuid.uuid4().hex, "AccountSid": "AC" + "0" * 32, "From": sender,
              "To": "+15005550006", "NumMedia": "0"}
    if body is not None:
        params["Body"] = body
    params.update(extra)
    return params


def post_signed(client: Any, path: str, params: dict[str, str], token: str, *, base: str = PUBLIC_BASE) -> Any:
    signature = sign(token, f"{base}{path}", params)
    return client.post(path, data=params, headers={"X-Twilio-Signature": signature})


def messages(resp: Any) -> list[str]:
    import xml.etree.ElementTree as ET

    return [m.text or "" for m in ET.fromstring(resp.data).iter("Message")]
