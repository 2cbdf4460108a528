"""What the gateway itself says (consent, failures), before or instead of the bot."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Notices:
    service: str
    privacy_url: str

    def first_contact(self) -> str:
        return (f"{self.service}: we use this number only to help with your breakdown. "
                f"Reply STOP to opt out, HELP for help. Privacy: {self.privacy_url}")

    def opted_out(self) -> str:
        return (f"{self.service}: you're unsubscribed and will get no more texts from us. "
                "Reply START to resubscribe.")

    def opted_in(self) -> str:
        return f"{self.service}: you're subscribed again. Reply HELP for help, STOP to opt out."

    def help(self) -> str:
        return (f"{self.service} roadside help by text: we ask where you are and what's wrong, then send "
                "updates about your request. Msg&data rates may apply. Reply AGENT to reach a person. "
                "Reply STOP to opt out.")

    def unavailable(self, emergency_number: str) -> str:
        return ("Sorry, our system is slow right now. We have your message and a person will text you "
                f"shortly. If anyone is hurt or in danger, call {emergency_number}.")

    def trouble(self, emergency_number: str) -> str:
        return ("Sorry, we're having technical trouble and couldn't save your message. Please text again "
                f"in a few minutes. If anyone is hurt or in danger, call {emergency_number}.")

    def empty_message(self) -> str:
        return "Your message came through empty. Tell me where your car is and what's wrong."

    def attachment_only(self) -> str:
        return ("Thanks. I can't open attachments here. Please text the nearest exit, mile marker or street, "
                "or paste a maps link.")

    def say_again(self) -> str:
        return "Sorry, I missed that. Could you send it again?"

    def danger_while_waiting(self, emergency_number: str) -> str:
        return (f"If anyone is hurt or in danger, call {emergency_number} now. "
                "I've marked your request urgent for our team.")

    def still_waiting(self, emergency_number: str) -> str:
        return ("We haven't forgotten you: a person from our team will text you as soon as one is free. "
                f"If anyone is hurt or in danger, call {emergency_number}.")

    def shortened(self) -> str:
        return "Your message was long, so I read the first part."

    def slow_down(self, emergency_number: str) -> str:
        return ("You're sending messages faster than we can read them, so we'll pause for a few minutes. "
                f"Please text again later. If anyone is hurt or in danger, call {emergency_number}.")

    def dispatch_limit(self, emergency_number: str) -> str:
        return ("You've already sent as many requests today as we can take by text, so this one goes to a "
                f"person, who will contact you. If anyone is hurt or in danger, call {emergency_number}.")
