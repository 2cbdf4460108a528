"""Outbound texts: the consent guard, quiet hours, held messages and the outbox (through storage/)."""
