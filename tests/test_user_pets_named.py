"""A pet called by its name and its kind ("Pip the hamster", "Suki the Siamese cat") or given its name ("we named
the puppy Bramble") is the user's pet; a person so called ("Dave the plumber") is nobody in their life."""

from __future__ import annotations

from tests.test_user_slots import card_of, said


def _roles(text: str) -> set[tuple[str, str]]:
    return {(subject, value) for subject, attribute, value, _ in said(text) if attribute == "role"}


def test_a_pet_by_its_name_and_kind():
    assert _roles("Pip the hamster has learnt to open his cage door.") == {("Pip", "hamster")}
    assert _roles("Suki the Siamese cat sat on my laptop all morning.") == {("Suki", "siamese cat")}
    assert not _roles("Dave the plumber is coming at ten.")


def test_a_pet_given_its_name():
    assert _roles("The girls named the puppy Bramble after the hedge he hid in.") == {("Bramble", "puppy")}
    assert not _roles("They might call the puppy Bramble, nothing is decided.")


def test_a_pet_s_kind_said_of_it_by_he_or_she_after_its_name():
    assert ("Biscuit", "beagle") in _roles("The groomer said Biscuit is overweight, she's a greedy little beagle.")
    assert not any(value == "cat" for _, value in _roles("My aunt Rose is lovely, she's a total cat person."))


def test_a_pet_got_without_a_name_is_named_in_the_answer_to_what_it_is_called(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("We picked up a kitten from the farm today!", "How exciting! What's his name?"),
        ("Pumpkin, because he's bright orange.", "Perfect name for him.")])
    assert "Pumpkin (kitten)" in card
