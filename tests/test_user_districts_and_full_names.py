"""What session 34 found the learner missing on the tune cases: the town of a district said in an earlier message or
reply ("a rental in Leamington, on the south side of Cambridge", then "the new house in Leamington"), someone's full
name said before their role ("GC is Priya Raman", then "Priya = my boss"), who someone is said as the relative picked
out ("Megan, the daughter who set this up, is ..."), one sport put in another's place ("I've swapped running for
swimming", "Saturday mornings used to be football, now they are swimming"), and a new favourite of no kind said with
the one it replaces ("Search Engine is my new favourite. Knocked 99% Invisible off the top spot")."""

from __future__ import annotations

import pytest

from tests.test_user_model import section
from tests.test_user_people import _said
from tests.test_user_slots import card_of, said


@pytest.mark.parametrize(("chat", "home"), [
    ([("Found a place! Three-bedroom rental in Leamington, on the south side of Cambridge, fenced section for the "
       "dogs.", "That sounds ideal for the dogs."),
      ("We're in! Everything's in the new house in Leamington, and the dogs are confused.", "Welcome home!")],
     "lives in Leamington, Cambridge"),
    ([("Which areas are good for a flat near the office?", "Many people pick a 2BHK in Gachibowli, Hyderabad."),
      ("Found it! We moved to Gachibowli last weekend.", "Congratulations on the new flat!")],
     "lives in Gachibowli, Hyderabad"),
], ids=["in the user's words", "in the reply's"])
def test_a_district_said_as_home_has_the_town_it_was_placed_in_before(tmp_path, local_embedder, chat, home):
    who = card_of(tmp_path, local_embedder, chat).splitlines()[0]
    assert home in who, who


def test_a_place_said_with_a_name_after_it_is_no_district(tmp_path, local_embedder):
    chat = [("I was in Leeds, Sarah says hi.", "Say hi back!"), ("We live in Leeds.", "Good to know.")]
    who = card_of(tmp_path, local_embedder, chat).splitlines()[0]
    assert "lives in Leeds" in who and "Sarah" not in who, who


def test_someone_named_in_full_before_their_role_is_on_the_card_by_their_full_name(tmp_path, local_embedder):
    chat = [("Ridgeline 1st interview Thu. GC is Priya Raman. how do I answer 'why in-house'", "Say why."),
            ("day 1 @ Ridgeline. Priya = my boss. badge photo terrible.", "Congrats on day one!"),
            ("We got a Jack Russell puppy and named him Jack.", "Cute!")]
    people = section(card_of(tmp_path, local_embedder, chat), "People")
    assert "- Priya Raman (boss)" in people.splitlines(), people
    assert "Russell" not in people, people


def test_who_someone_is_said_as_the_relative_picked_out():
    text = "Megan, the daughter who set this up, is thirty-three and an ICU nurse."
    assert ("Megan", "role", "daughter") in _said(text, frozenset({"Megan"}))
    assert ("Tom", "role", "neighbour") in _said("Tom, the neighbour who fixed my fence, is moving away.",
                                                 frozenset({"Tom"}))


@pytest.mark.parametrize("text", [
    "So that's it, I've swapped running for swimming, at least until the knee forgives me.",
    "Saturday mornings used to be running, now they are swimming, and I like it.",
])
def test_a_sport_put_in_another_s_place_is_the_exercise_now(text):
    assert ("user", "exercise", "swimming", "") in said(text)


def test_a_sport_someone_else_swapped_is_not_the_user_s():
    assert not {u for u in said("My sister has swapped running for swimming.") if u[1] == "exercise"}


@pytest.mark.parametrize("given_up", [
    "Official: Search Engine is my new favourite. Knocked 99% Invisible off the top spot, perfect for the drive.",
    "I've gone off 99% Invisible since they changed presenters. My new favourite is Search Engine.",
])
def test_a_new_favourite_of_no_kind_takes_the_kind_of_the_one_given_up(tmp_path, local_embedder, given_up):
    chat = [("My favourite podcast is 99% Invisible.", "Great one."), (given_up, "A changing of the guard!")]
    activities = section(card_of(tmp_path, local_embedder, chat), "Activities")
    assert "favourite podcast: Search Engine" in activities and "99%" not in activities, activities
