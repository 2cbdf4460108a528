"""Rasa custom actions for the roadside intake bot."""
