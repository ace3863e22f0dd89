"""The basics as a writer of formal English says them, in long paragraphs: a child named by their place among the
children ("my eldest, Ngozi,"), a mother called "Mama", a pronoun that stands for the man named before it (not a
town named after it), food read as nobody's name beside "my husband and I", a part played for an evening ("I am the
driver") that is no job, a first day "as" the new job "at" the employer, a move said as the keys got, a job written
in title case. One chat read through the engine; every sentence is written for the test, in no case's words."""

from __future__ import annotations

import pytest

from tests.test_user_model import section
from tests.test_user_slots import card_of, said

CHAT = [
    ("Good morning. I am the senior buyer at Halvergate Textiles in Bolton, where I have worked for nine years.",
     "Good morning! Nine years at Halvergate Textiles is a fine record."),
    ("Good evening. We live in Farnworth at present, in a rented flat, but my husband and I have had an offer "
     "accepted on a bungalow in Heaton.", "Congratulations on the offer!"),
    ("I have seen a post for a quality manager at Ravensholme Mills Group in Heaton, which I intend to apply for.",
     "That sounds like a good fit."),
    ("My eldest, Ngozi, is studying law in Sheffield. She is very diligent.", "Ngozi sounds very hardworking."),
    ("Mama lives in Enugu, and we telephone her every Sunday without fail.", "Sunday calls are a lovely habit."),
    ("Our cousin Emeka visited on Saturday. They were at school together, he is a surveyor in Derby, a gentle man "
     "from Owerri.",
     "It must have been good to see Emeka."),
    ("We finished the day with jollof, my husband and I are overjoyed.", "What a lovely end to the day."),
    ("Please may I have a packing list for the school trip? My husband is away, so I am the driver this week.",
     "Here is a packing list."),
    ("Thanks be to God, on Monday I start at Ravensholme. I am nervous but ready.", "Wishing you a great start!"),
    ("First day as quality manager at Ravensholme Mills Group complete! The team were most welcoming.",
     "Wonderful news, congratulations!"),
    ("Good news from the conveyancer: we exchanged contracts on the Heaton bungalow this afternoon.",
     "Wonderful, nearly there!"),
    ("We got the keys today at noon, and the removal van arrived shortly after. We are so grateful.",
     "Congratulations on your new home!"),
]


@pytest.fixture(scope="module")
def card(tmp_path_factory, local_embedder) -> str:
    return card_of(tmp_path_factory.mktemp("formal"), local_embedder, CHAT)


def test_a_child_named_by_their_place_among_the_children_is_the_users_child(card):
    assert "Ngozi (eldest child)" in section(card, "People and pets"), card
    assert ("Ikenna", "role", "youngest child", "") in said("Our youngest Ikenna is starting nursery in May.")


def test_mama_is_the_users_mother_not_a_person_called_mama(card):
    people = section(card, "People and pets")
    assert "Mama" not in people and "lives in Enugu" in people, card


def test_a_pronoun_stands_for_someone_named_before_it_not_a_town_named_after_it(card):
    people = section(card, "People and pets")
    assert "Owerri" not in people and "Emeka" in people and "surveyor" in people, card


def test_food_beside_my_husband_and_i_is_nobodys_name(card):
    assert "Jollof" not in card and "jollof" not in card, card


def test_a_part_played_for_a_while_is_no_job():
    assert not {u for u in said("My wife is on nights, so I am the cook this weekend.") if u[1] == "job"}
    assert ("user", "job", "store manager", "") in said("I am the store manager at Lidl in Salford.")


def test_a_first_day_as_the_new_job_at_the_employer_gives_both(card):
    who = section(card, "Who they are")
    assert "works as quality manager at Ravensholme Mills Group" in who, card
    assert {("user", "job", "staff nurse", ""), ("user", "employer", "Ashby Community Hospital", "")} <= said(
        "First day as staff nurse at Ashby Community Hospital done!")
    assert "Halvergate" not in who, card


def test_the_keys_got_move_the_user_into_the_dwelling_they_bought(card):
    assert "lives in Heaton" in section(card, "Who they are"), card
    assert "Lives in: Heaton" in section(card, "Recent changes") and "before: Farnworth" in card, card


def test_a_job_written_in_title_case_is_written_small_not_an_acronym_or_a_degree():
    assert ("user", "job", "staff nurse", "") in said("First day as Staff Nurse at Ashby Community Hospital done!")
    assert ("Ifeoma", "job", "UX designer", "") in said("My sister Ifeoma is a UX designer in Lagos.")
