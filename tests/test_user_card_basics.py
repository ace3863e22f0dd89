"""The basics on the card as a new voice says them: the name the user goes by beside their full name, an employer
later called by its common noun ("the council"), a name with its title ("Mrs Hudson") or with a surname after it
("Gwen Pritchard"), a pet's kind as said ("our grey tabby"), "he" after a relative named in a possessive written
without its apostrophe ("my dads birthday"), a diagnosis as reported ("it's type 1 diabetes", "mild sleep apnoea",
a reading of 8.4), and a favourite named inside another noun ("in the mood for some fleetwood mac"). One chat read
through the engine; every sentence is written for the test, in no case's words. An overfull card says its plans
shorter before its promises, and has no room for notes."""

from __future__ import annotations

import pytest

from memoryos_mcp.records import Value
from memoryos_mcp.usermodel.card import write_card
from tests.test_user_model import section
from tests.test_user_slots import card_of

CHAT = [
    ("quick one, my name is Kipchoge Arap-Rotich but everyone calls me Kip, what should my invoice say",
     "Either works, Kip: your full name looks more formal."),
    ("I've applied for a policy officer job at Dunmore District Council, fingers crossed",
     "Good luck! Dunmore District Council will be lucky to have you."),
    ("my son Callum turned eleven on saturday, he's football mad", "Happy birthday to Callum!"),
    ("my dads birthday is on friday, he lives in Harrogate and he never wants anything. his names Douglas",
     "A few ideas for Douglas: a good biography, or a day out together."),
    ("Packing day. Mrs Hudson, our grey tabby, hates the carrier and has hidden under the stairs.",
     "Poor thing! A towel over the carrier helps."),
    ("email to my new manager Gwen Pritchard asking about parking", "Here's a short, friendly draft."),
    ("First day at the council. The coffee is grim.", "Congratulations on the new job!"),
    ("Results are in. The consultant says it's type 1 diabetes, and my HbA1c is 8.4.",
     "That's a lot to take in. Type 1 is very manageable with the right support."),
    ("sleep clinic rang back. mild sleep apnoea, nothing scary apparently", "Good that it's mild."),
    ("in the mood for some fleetwood mac tonight, whats their best album. they're my favourite band",
     "Rumours is the classic pick."),
]


@pytest.fixture(scope="module")
def card(tmp_path_factory, local_embedder) -> str:
    return card_of(tmp_path_factory.mktemp("basics"), local_embedder, CHAT)


def test_the_name_the_user_goes_by_is_shown_with_the_full_name_beside_it(card):
    assert card.startswith("Who they are: Kip (Kipchoge Arap-Rotich);"), card


def test_an_employer_called_by_its_common_noun_is_the_name_said_before(card):
    assert "Dunmore District Council" in section(card, "Who they are"), card


def test_a_person_keeps_their_title_and_is_called_by_their_first_name_and_a_pet_its_kind_as_said(card):
    people = section(card, "People and pets")
    assert "Mrs Hudson (grey tabby)" in people and "- Hudson" not in people, card
    assert "- Gwen Pritchard (manager)" in people and "- Pritchard" not in people, card  # named in full once


def test_he_after_a_relative_named_in_a_possessive_without_its_apostrophe_is_that_relative(card):
    people = section(card, "People and pets")
    assert "Douglas (dad): lives in Harrogate" in people, card
    assert "Callum (son)" in people and "Callum (son): lives in" not in people, card


def test_a_favourite_pointed_back_to_is_the_thing_a_noun_holds_not_the_noun(card):
    assert "favourite band: fleetwood mac" in card and "mood" not in card, card


def test_a_diagnosis_is_kept_as_reported_with_its_type_grade_and_reading(card):
    health = next(line for line in card.splitlines() if line.startswith("Health and diet"))
    assert "type 1 diabetes" in health and "mild sleep apnoea" in health and "HbA1c is 8.4" in health, card


def test_a_change_said_in_one_message_names_the_new_value():
    """The old value closed and the new one began at the same moment (one message): the change still links them."""
    moment = "2027-03-01 10:00:00"
    values = [Value(1, "user", "job", "test engineer", "", None, moment, moment, "past"),
              Value(2, "user", "job", "quality engineer", "", None, moment, None, "current")]
    assert "- Job: quality engineer since Mon 1 Mar; before: test engineer" in write_card(values, "2027-03-10")


def test_an_overfull_card_says_plans_shorter_before_promises_and_keeps_no_room_for_notes():
    day = "2027-04-01 09:00:00"
    plans = [Value(i, "user", "plan", f"Plan number {i}: " + "a long description of the outing, " * 4, "",
                   f"2027-04-{10 + i:02d}", day, None, "current") for i in range(1, 6)]
    promises = [Value(10 + i, "user", "commitment", f"Remind the user on {9 + i} April to send signed form number {i} "
                      "to the letting agent, with a copy of the passport, before the Friday deadline", "",
                      f"2027-04-{9 + i:02d}", day, None, "current") for i in range(5)]
    card = write_card(plans + promises, "2027-04-01", ["A note the facts know: they keep bees on the allotment."])
    assert len(card) <= 1500 and all(p.value in card for p in promises), card
    assert "bees" not in card and "..." in section(card, "Coming up"), card
