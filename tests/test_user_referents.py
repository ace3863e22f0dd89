"""Who "he", "she" or "they" is in a chat written a line per sentence: someone just named after who they are ("a
man from the choir, Anselmo,"), not a relative named messages before; a relative named in a request ("help me
call my sister"); the relatives said in the plural just before ("his parents ..., they live in"), not the last
one named. And a home held is where its holder lives ("she rents a room in X"). One chat read through the
engine; every sentence is written for the test, in no case's words."""

from __future__ import annotations

import pytest

from tests.test_user_model import section
from tests.test_user_slots import card_of

CHAT = [
    ("my dad Henryk rang from Gdańsk, he is fine", "Good to hear Henryk is well."),
    ("my sister Ola lives in Kraków, she is a vet", "A vet in Kraków, lovely."),
    ("rehearsal tonight\nthere is a man from the choir, Anselmo, very funny\nhe says he is a baker\n"
     "should I ask him for sourdough tips?", "Why not, bakers love talking shop."),
    ("help me plan a weekly call with my sister\nshe rents a room in Poznań now, she moved last month",
     "Sunday evenings usually suit both sides."),
    ("my grandparents retired last year, they live in Málaga now", "Lovely place to retire."),
    ("my friend Oskar is visiting", "Have fun!"),
    ("Oskar wants me to meet his parents next week, they live in Gdynia", "Good luck!"),
]


@pytest.fixture(scope="module")
def people(tmp_path_factory, local_embedder) -> str:
    return section(card_of(tmp_path_factory.mktemp("referents"), local_embedder, CHAT), "People and pets")


def test_he_after_someone_named_in_apposition_is_them_not_a_relative_named_before(people):
    assert "Anselmo: baker" in people and "baker" not in people.split("Anselmo")[0], people
    assert "Henryk (dad): lives in Gdańsk" in people, people


def test_she_after_a_relative_named_in_a_request_is_that_relative_and_a_room_rented_is_her_home(people):
    assert "Ola (sister): vet, lives in Poznań" in people and "Kraków" not in people, people


def test_they_after_relatives_named_in_the_plural_is_them_not_the_last_person_named(people):
    assert "Gdynia" not in people, people
    assert "live in Málaga" in next(line for line in people.splitlines() if line.startswith("- Grandparents")), people
