"""References: made with the schema's alphabet, recognised new and old, spelt out for calls."""

from __future__ import annotations

import re

import pytest

from facts.references import (
    ALPHABET,
    ESCALATION,
    REQUEST,
    is_request_reference,
    new_reference,
    new_request_id,
    prefix_of,
    spell_references,
)


def test_new_references_round_trip() -> None:
    for _ in range(200):
        request_id, escalation = new_request_id(), new_reference(ESCALATION)
        assert re.fullmatch(r"RS-[23456789ABCDEFGHJKMNPQRSTWXYZ]{5}", request_id)
        assert prefix_of(request_id) == REQUEST and is_request_reference(request_id)
        assert prefix_of(escalation) == ESCALATION and not is_request_reference(escalation)


def test_the_alphabet_has_no_look_alikes() -> None:
    assert not set("01ILOUV") & set(ALPHABET)
    assert new_reference(REQUEST, choice=lambda alphabet: alphabet[-1]) == "RS-ZZZZZ"


def test_references_made_with_the_old_alphabets_are_still_recognised() -> None:
    # storage/queues.py used to allow U and V; a reference may have been given out with them.
    for old in ("RS-UV23W", "ES-VVVVU", "RS-7K3Q", "RS-7K3Q9ABC"):
        assert prefix_of(old) in (REQUEST, ESCALATION), old
    assert is_request_reference("RS-UV23W")


@pytest.mark.parametrize("text", ["", "RS-", "RS-7k3q9", "XS-7K3Q9", "RS-7K3Q9 extra", "RS-123", "RS-7K3Q9ABCD"])
def test_anything_else_is_not_a_reference(text: str) -> None:
    assert prefix_of(text) is None


def test_an_unknown_prefix_is_refused() -> None:
    with pytest.raises(ValueError):
        new_reference("XX")


def test_references_are_spelt_out_for_the_ear() -> None:
    assert spell_references("Yours is RS-7K3Q9, ours ES-UV23W.") == "Yours is R S 7 K 3 Q 9, ours E S U V 2 3 W."
