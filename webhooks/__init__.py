"""Twilio webhooks: signature check, consent gate, Rasa hand-over, TwiML."""
