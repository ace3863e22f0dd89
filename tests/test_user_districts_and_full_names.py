"""What session 34 found the learner missing on the tune cases: the town of a district said in an earlier message or
reply ("a rental in Leamington, on the south side of Cambridge", then "the new house in Leamington"), someone's full
name said before their role ("GC is Priya Raman", then "Priya = my boss"), who someone is said as the relative picked
out ("Megan, the daughter who set this up, is ..."), one sport put in another's place ("I've swapped running for
swimming", "Saturday mornings used to be football, now they are swimming"), and a new favourite of no kind said with
the one it replaces ("Search Engine is my new favourite. Knocked 99% Invisible off the top spot"), and a condition of
someone in the user's life ("Owen is celiac", "my dad has type 2 diabetes", "the wife ... she's coeliac")."""

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
    ([("Which areas are good for a flat near the office in Hyderabad?",
       "Many people pick a 2BHK in Gachibowli, Hyderabad with a short commute."),
      ("Found it! We moved to Gachibowli last weekend.", "Congratulations on the new flat!")],
     "lives in Gachibowli, Hyderabad"),
], ids=["in the user's words", "in the reply's"])
def test_a_district_said_as_home_has_the_town_it_was_placed_in_before(tmp_path, local_embedder, chat, home):
    who = card_of(tmp_path, local_embedder, chat).splitlines()[0]
    assert home in who, who


def test_a_place_said_with_a_name_after_it_is_no_district(tmp_path, local_embedder):
    chat = [("I was in Leeds, Sarah says hi.", "Say hi back!"), ("Got a lovely card from Sarah today.", "Sweet!"),
            ("Fingers crossed for Saturday!", "Fingers crossed for the new flat in Leeds, Sarah!"),
            ("We live in Leeds now.", "Good to know.")]
    who = card_of(tmp_path, local_embedder, chat).splitlines()[0]
    assert "lives in Leeds" in who and "Sarah" not in who, who


def test_someone_named_in_full_before_their_role_is_on_the_card_by_their_full_name(tmp_path, local_embedder):
    chat = [("Ridgeline 1st interview Thu. GC is Priya Raman. how do I answer 'why in-house'", "Say why."),
            ("day 1 @ Ridgeline. Priya = my boss. badge photo terrible.", "Congrats on day one!"),
            ("Hamid, my deputy, Hamid Siddiqui, will take the strategies part.", "Good plan."),
            ("We got a Jack Russell puppy and named him Jack.", "Cute!"),
            ("My son Harry is obsessed with Harry Styles.", "Ha!"), ("Tom is my brother.", "Nice."),
            ("Watched a Tom Hanks film last night.", "Fun."), ("my boss Chris is a huge Chris Martin fan", "Ha."),
            ("Our landlord is Dermot Kelly.", "Noted.")]
    people = section(card_of(tmp_path, local_embedder, chat), "People").splitlines()
    assert {"- Priya Raman (boss)", "- Hamid Siddiqui (deputy)", "- Dermot Kelly (landlord)"} <= set(people), people
    assert not any(name in line for line in people for name in ("Russell", "Styles", "Hanks", "Martin")), people


def test_who_someone_is_said_as_the_relative_picked_out():
    text = "Megan, the daughter who set this up, is thirty-three and an ICU nurse."
    assert ("Megan", "role", "daughter") in _said(text, frozenset({"Megan"}))
    for text in ("Linda, the mum who runs the PTA, is a force.",  # someone else's relatives
                 "Amy, the daughter who my neighbour keeps bragging about, got in."):
        assert not {u for u in _said(text, frozenset({"Linda", "Amy"})) if u[1] == "role"}, text


@pytest.mark.parametrize("text", [
    "So that's it, I've swapped running for swimming, at least until the knee forgives me.",
    "Saturday mornings used to be running, now they are swimming, and I like it.",
])
def test_a_sport_put_in_another_s_place_is_the_exercise_now(text):
    assert ("user", "exercise", "swimming", "") in said(text)


@pytest.mark.parametrize("text", [
    "My sister has swapped running for swimming.", "thinking about swapping running for swimming tbh",
    "planning on replacing running with cycling next month",
    "My son's Saturday mornings used to be football, now they're swimming."])
def test_a_sport_swapped_by_someone_else_or_only_thought_of_is_not_the_user_s(text):
    assert not {u for u in said(text) if u[1] == "exercise" and u[2] in ("swimming", "cycling")}, text


@pytest.mark.parametrize("given_up", [
    "Official: Search Engine is my new favourite. Knocked 99% Invisible off the top spot, perfect for the drive.",
    "I've gone off 99% Invisible since they changed presenters. My new favourite is Search Engine.",
])
def test_a_new_favourite_of_no_kind_takes_the_kind_of_the_one_given_up(tmp_path, local_embedder, given_up):
    chat = [("My favourite podcast is 99% Invisible.", "Great one."), (given_up, "A changing of the guard!")]
    activities = section(card_of(tmp_path, local_embedder, chat), "Activities")
    assert "favourite podcast: Search Engine" in activities and "99%" not in activities, activities


@pytest.mark.parametrize(("text", "names", "reading"), [
    ("My husband Owen is celiac, so dinner out is a nightmare.", {"Owen"}, ("Owen", "condition", "celiac")),
    ("My dad has type 2 diabetes now.", set(), ("dad", "condition", "type 2 diabetes")),
    ("Lola has arthritis in her hips.", {"Lola"}, ("Lola", "condition", "arthritis")),
])
def test_a_condition_someone_in_the_user_s_life_has(text, names, reading):
    assert reading in _said(text, frozenset(names))


def test_the_wife_in_chat_is_the_user_s_unless_the_message_is_about_another_couple():
    found = said("The wife wants something for Saturday. She's coeliac so it has to be gluten-free.")
    assert ("wife", "condition", "coeliac", "") in found
    assert ("Owen", "condition", "asthma") in _said("Owen's got asthma, poor lad.", frozenset({"Owen"}))
    assert not {u for u in said("Our new neighbours seem nice. The husband is a GP. He's diabetic.")
                if u[0] == "husband"}
    for theirs in ("Met the new neighbours. The wife is a nurse, the husband drives trucks.",
                   "The couple next door are lovely. The wife is a vet."):
        assert not {u for u in said(theirs) if u[0] in ("wife", "husband")}, theirs
    for mine in ("The wife is a nurse. We had the neighbours round for dinner.",
                 "Back in a couple of days. The wife is a nurse, she's on nights."):
        assert ("wife", "job", "nurse", "") in said(mine), mine


@pytest.mark.parametrize("text", ["Is he asthmatic?", "Mum isn't diabetic.", "If Mum was diabetic we'd know.",
                                  "She has anxiety about flying.", "I met the wife of the owner. She's diabetic.",
                                  "I think my son has ADHD", "im scared my dad has diabetes tbh",
                                  "none of the kids has eczema anymore"])
def test_a_condition_asked_denied_guessed_or_supposed_is_no_one_s(text):
    assert not {u for u in _said(text, frozenset()) if u[1] == "condition"}, text
