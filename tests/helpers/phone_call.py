"""A phone call over signed Twilio Voice webhooks against the running stack."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from typing import Any

import requests

from conftest import TEST_TWILIO_TOKEN
from webhooks.signature import sign


class Caller:
    """Follows the ``<Gather action>`` of each answer, as Twilio does."""

    def __init__(self, stack: Any, sender: str) -> None:
        self.stack = stack
        self.sender = sender
        self.call_sid = "CA" + uuid.uuid4().hex
        self.next_path = "/twilio/voice"

    def post(self, path: str, **params: str) -> ET.Element:
        return ET.fromstring(self.post_raw(path, **params).text)

    def post_raw(self, path: str, **params: str) -> requests.Response:
        form = {"CallSid": self.call_sid, "AccountSid": "AC" + "0" * 32, "From": self.sender,
                "To": "+15005550006", **params}
        url = f"{self.stack.env['PUBLIC_BASE_URL']}{path}"
        resp = requests.post(f"{self.stack.web_url}{path}", data=form,
                             headers={"X-Twilio-Signature": sign(TEST_TWILIO_TOKEN, url, form)}, timeout=20)
        assert resp.status_code == 200, resp.text
        gather = ET.fromstring(resp.text).find("Gather")
        if gather is not None:
            self.next_path = gather.attrib["action"]
        return resp

    def start(self) -> ET.Element:
        return self.post("/twilio/voice")

    def speak(self, text: str, confidence: str = "0.92") -> ET.Element:
        return self.post(self.next_path, SpeechResult=text, Confidence=confidence)

    def press(self, digits: str) -> ET.Element:
        return self.post(self.next_path, Digits=digits)

    def silence(self) -> ET.Element:
        """Twilio's redirect after a ``<Gather>`` that heard nothing."""
        return self.post(self.next_path + "&silent=1")


def said(root: ET.Element) -> str:
    return " ".join((el.text or "") for el in root.iter("Say"))
