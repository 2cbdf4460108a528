"""Facts every part of the intake shares: pure Python, no Flask, Rasa or Redis."""
