"""The basics as a writer of formal English says them, in long paragraphs: a child named by their place among the
children ("my eldest, Ngozi,"), a mother called "Mama", a pronoun that stands for the man named before it (not a
town named after it), food read as nobody's name beside "my husband and I", a part played for an evening ("I am the
driver") that is no job, a first day "as" the new job "at" the employer, a move said as the keys got, a job written
in title case; a condition's range, a food given up, a staple changed, a first lesson of a sport, a congregation
and an instrument, a favourite singer called "he", a child's exams and school, a greeting before a plan; a card
over its length says plans and promises shorter. One chat read through the engine; every sentence is written for
the test, in no case's words."""

from __future__ import annotations

import pytest

from memoryos_mcp.records import Value
from memoryos_mcp.usermodel.card import MAX_CHARS, write_card
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
    ("The practice nurse telephoned: I am in the prediabetic range, so I have given up the sugar in my coffee.",
     "That is a manageable result."),
    ("My husband has changed our milk to oat milk, which I am still getting used to.", "Oat milk is a good choice."),
    ("Tuesday evenings used to be squash, but yesterday I went for my first adult rowing session at the lake.",
     "Rowing is excellent exercise."),
    ("We worship at St Barnabas in Heaton Moor, which is our church, and I play the cello in its orchestra.",
     "How lovely."),
    ("Fela Kuti was playing on the radio this morning, he is my favourite singer by far.", "A legend!"),
    ("Our son Chidi is 17 and doing his A-levels this spring, while Ngozi got into Castlebrook College.",
     "Good luck to them both."),
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


def test_a_reading_in_a_conditions_range_and_a_food_given_up_are_health_and_diet(card):
    health = section(card, "Health and diet")
    assert "prediabetic" in health and "no sugar" in health, card


def test_a_first_lesson_is_the_new_exercise_a_staple_changed_is_preferred(card):
    activities = section(card, "Activities and favourites")
    assert "rowing" in activities and "squash" not in card and "prefers oat milk" in activities, card


def test_a_congregation_named_as_ours_an_instrument_played_and_a_favourite_called_he(card):
    activities = section(card, "Activities and favourites")
    assert "member of St Barnabas in Heaton Moor" in activities and "cello" in activities, card
    assert "favourite singer: Fela Kuti" in activities, card
    family = said("Dad rang, my cousin Kofi was there too, he's the favourite haha")
    assert not {u for u in family if "favourite" in u[1]}


def test_a_childs_exams_and_the_school_they_got_into(card):
    people = section(card, "People and pets")
    assert "studies A-levels" in people and "studies at Castlebrook College" in people, card


def test_a_greeting_before_a_plan_is_no_topic_of_it():
    plans = [u[2] for u in said("Good evening. The choir recital is on Friday 19 March at the town hall.")
             if u[1] == "plan"]
    assert plans and not any("evening" in p for p in plans), plans


def test_a_card_over_its_length_says_plans_and_promises_shorter_before_it_drops_any():
    day = "2027-03-01 09:00:00"
    promises = [f"Remind the user about errand number {n}, " + "with each detail they asked for " * 4 for n in range(5)]
    people = [f"Person{n}" for n in range(8)]
    values = [Value(n, "assistant", "commitment", text, "", None, day, None, "current")
              for n, text in enumerate(promises, start=1)]
    values += [Value(10 + n, name, "job", "senior structural engineer at Ferrous Holdings", "", None, day, None,
                     "current") for n, name in enumerate(people)]
    values += [Value(30 + n, "user", "plan", f"Trip number {n} " + "to see the family by the coast " * 5, "",
                     f"2027-04-0{n + 1}", day, None, "current") for n in range(5)]
    card = write_card(values, "2027-03-02")
    assert len(card) <= MAX_CHARS and all(f"errand number {n}," in card for n in range(5)), card
