"""Roadside intake bot: Rasa domain, config and custom actions."""
