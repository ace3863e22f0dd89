"""A pet called by its name and its kind ("Pip the hamster", "Suki the Siamese cat") or given its name ("we named
the puppy Bramble") is the user's pet; a person so called ("Dave the plumber") is nobody in their life."""

from __future__ import annotations

from tests.test_user_slots import said


def _roles(text: str) -> set[tuple[str, str]]:
    return {(subject, value) for subject, attribute, value, _ in said(text) if attribute == "role"}


def test_a_pet_by_its_name_and_kind():
    assert _roles("Pip the hamster has learnt to open his cage door.") == {("Pip", "hamster")}
    assert _roles("Suki the Siamese cat sat on my laptop all morning.") == {("Suki", "siamese cat")}
    assert not _roles("Dave the plumber is coming at ten.")


def test_a_pet_given_its_name():
    assert _roles("The girls named the puppy Bramble after the hedge he hid in.") == {("Bramble", "puppy")}
    assert not _roles("They might call the puppy Bramble, nothing is decided.")
