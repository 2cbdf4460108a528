"""A caller on the phone: signed Twilio Voice webhooks against the running stack."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from typing import Any

import requests

from conftest import TEST_TWILIO_TOKEN
from webhooks.signature import sign


class Caller:
    def __init__(self, driver: Any, sender: str | None = None) -> None:
        self.driver = driver
        self.sender = sender if sender is not None else driver.phone
        self.call_sid = "CA" + uuid.uuid4().hex
        self.next_path = "/twilio/voice"

    def post(self, path: str, **params: str) -> ET.Element:
        stack = self.driver.stack
        form = {"CallSid": self.call_sid, "AccountSid": "AC" + "0" * 32, "From": self.sender,
                "To": "+15005550006", **params}
        url = f"{stack.env['PUBLIC_BASE_URL']}{path}"
        resp = requests.post(f"{stack.web_url}{path}", data=form,
                             headers={"X-Twilio-Signature": sign(TEST_TWILIO_TOKEN, url, form)}, timeout=20)
        assert resp.status_code == 200, resp.text
        root = ET.fromstring(resp.text)
        gather = root.find("Gather")
        if gather is not None:
            self.next_path = gather.attrib["action"]
        return root

    def start(self) -> ET.Element:
        return self.post("/twilio/voice")

    def speak(self, text: str, confidence: str = "0.92") -> ET.Element:
        return self.post(self.next_path, SpeechResult=text, Confidence=confidence)

    def silence(self) -> ET.Element:
        """Twilio's redirect after a <Gather> that heard nothing."""
        return self.post(self.next_path + "&silent=1")


def said(root: ET.Element) -> str:
    return " ".join((el.text or "") for el in root.iter("Say"))
