"""What the people in the user's life do, said after they are named: by "he"/"she" in a later sentence or
message, in a sentence that asks something, in a clause ("since he retired he volunteers ..."), where they come
from, and shown on their card line with their name and role."""

from __future__ import annotations

import pytest

from tests.test_user_model import card, chat_memory, section

CHAT = [
    ("My husband Donal says hello. He was a Garda sergeant for thirty years and since he retired he volunteers "
     "in the RNLI shop on the prom.", "Hello to Donal! The RNLI shop is a lovely way to spend a retirement."),
    ("My son Eoin rang last night from Toronto.", "That's a long way away. How is he?"),
    ("my grandson Jack is turning 16 in October and he wants a headset", "A headset is a good present."),
    ("no hang on he's turning 17 not 16", "Seventeen it is, easy mistake."),
    ("Mia's nine, she plays goal defence", "A nine-year-old goal defence, brilliant."),
    ("My daughter Madhura says hello.", "Hello Madhura!"),
    ("Daughter is asking names of good books. She is teaching History at Abhinav Vidyalaya.", "Here are a few."),
    ("noor says the club run is at 7", "Have fun."),
    ("i went for a drink with noor, she's doing a phd in ecology at mcgill", "A fascinating PhD."),
    ("Anya (my colleague, she is from Kraków) brought a cake in.", "How kind of her!"),
    ("My brother Piotr is back from Madrid, he loved it.", "Welcome home to him!"),
]


@pytest.fixture(scope="module")
def people(tmp_path_factory, local_embedder) -> str:
    return section(card(chat_memory(tmp_path_factory.mktemp("doings"), local_embedder, pages=CHAT)),
                   "People and pets")


def lines(people: str, name: str) -> str:
    return next(line for line in people.splitlines() if line.startswith(f"- {name}"))


def test_what_he_did_and_does_now_said_after_the_name_is_on_the_person_s_line(people):
    assert "former garda sergeant" in lines(people, "Donal (husband)").lower()
    assert "volunteers at RNLI shop" in lines(people, "Donal (husband)")


def test_a_person_in_touch_from_a_place_lives_there(people):
    assert "lives in Toronto" in lines(people, "Eoin (son)")


def test_an_age_said_of_he_is_the_last_named_s_and_corrects_the_older_one(people):
    assert "age 17" in lines(people, "Jack (grandson)")


def test_what_she_plays_and_studies_is_hers_in_the_clause_after_her_name(people):
    assert "plays goal defence" in lines(people, "Mia")
    assert "phd in ecology at mcgill" in lines(people, "Noor").lower()


def test_a_person_named_in_a_request_is_who_she_is_in_the_next_sentence(people):
    assert "Abhinav Vidyalaya" in lines(people, "Madhura (daughter)")


def test_where_a_person_is_from_is_on_their_line_not_where_they_are_back_from(people):
    assert "from Kraków" in lines(people, "Anya (colleague)")
    assert "Madrid" not in people
