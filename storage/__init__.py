"""Encrypted Redis storage: key ring, phone tokens, records, streams, tracker store."""
