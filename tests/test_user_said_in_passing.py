"""Where the user lives, works and studies, said in passing: by pointing at a name ("I live here", "that's where I
work"), as the time since a move, beside "my employer" or a shift, in a degree, or as a bare answer to the
assistant's question."""

from __future__ import annotations

from memoryos_mcp.language.nlp import parse
from memoryos_mcp.usermodel.extract import caseless, page_updates, recase
from tests.test_user_slots import homes_read, said


def answered(question: str, text: str) -> set[tuple[str, str, str]]:
    """(subject, attribute, value) of a message answering the assistant's `question`."""
    found = page_updates(parse([recase(text, [question])])[0], question, "2027-03-01 10:00:00", caseless(text))
    return {(u.subject, u.attribute, u.value) for u in found}


def _homes(text: str) -> set[str]:
    return {value for subject, attribute, value, _ in said(text) if subject == "user" and attribute == "home"}


def test_here_and_where_point_at_the_name_said_before():
    assert _homes("what are some rainy day things to do in spokane i live here and the kids are bored") == {"Spokane"}
    assert ("user", "employer", "Brightwater Clinic", "") in said(
        "can you draft a note to payroll at brightwater clinic, thats where i work, my overtime is missing")
    assert not _homes("any ideas for a day out with the kids i live here and we are bored")
    assert not _homes("where do i live again lol")


def test_a_move_said_as_the_time_since_it_is_a_home():
    assert _homes("ever since moving from boston to phoenix my allergies have calmed down") == {"Phoenix"}
    assert not _homes("Since moving to Leeds she has been much happier.")


def test_the_employer_said_beside_my_employer_or_a_shift():
    assert ("user", "employer", "Halvorsen Marine", "") in said("My company, Halvorsen Marine, gives us Fridays off.")
    assert ("user", "employer", "Brightline Logistics", "") in said(
        "sorry for the late reply, the night shift at Brightline Logistics was chaos again.")
    assert not {u for u in said("Her shift at the Royal Infirmary ran late.") if u[:2] == ("user", "employer")}


def test_a_degree_with_its_school_is_what_the_user_studies():
    assert ("user", "studies", "nursing degree at Broward College", "") in said(
        "doing evening classes for my nursing degree at broward college while working, its a lot")


def test_a_notice_handed_in_at_an_employer_ends_it():
    assert ("user", "employer", "Greggs", "") in {u for u in said("Big news: I've handed my notice in at Greggs.")}


def test_a_bare_answer_to_who_the_user_works_for_or_where_they_are_based():
    assert ("user", "employer", "Costco") in answered("Happy to help. Who do you work for?", "costco")
    assert not {u for u in answered("Who do you work for?", "myself lol") if u[1] == "employer"}
    assert not {u for u in answered("Who do you work for?", "I'm a nurse") if u[1] == "employer"}
    assert not {u for u in answered("Who do you work for?", "long story lol") if u[1] == "employer"}
    assert ("user", "home", "Bristol") in answered("Whereabouts are you based?", "Bristol, near the harbour")


def test_where_the_user_says_they_are_is_a_home_unless_away():
    assert homes_read(["its been grey for a week down here in Dundee and I'm fed up"]) == [{("Dundee", "")}]
    assert homes_read(["We're visiting, what's open late here in Dundee?"]) == [set()]


def test_a_home_swapped_for_another():
    assert ("user", "home", "Lisbon", "") in said("We swapped London for a flat in Lisbon and love it.")
    assert not _homes("We swapped our car for two bikes in Leeds.")


def test_a_move_the_parse_misreads_is_read_with_the_reply():
    assert _homes_replied("i moved to fresno for work, any good taquerias", "Fresno has plenty of great taquerias!") \
        == {"Fresno"}
    assert not _homes_replied("i moved to fresno for work, any good taquerias", "Sure, a few ideas below.")


def _homes_replied(text: str, reply: str) -> set[str]:
    return {value for subject, attribute, value, _ in said(text, reply) if subject == "user" and attribute == "home"}


def test_a_time_since_a_move_is_not_the_users_when_another_moved_or_the_move_is_to_come():
    assert not _homes("since moving to Norwich my dad seems ten years younger")
    assert not _homes("after moving to Porto in the spring we will look for a dog")


def test_here_points_at_no_season_and_a_traveller_here_has_no_home_there():
    assert not _homes("any ideas what to do in autumn i live here and its grim")
    assert homes_read(["just landed, the queue for taxis here in Osaka is endless"]) == [set()]
    assert homes_read(["stuck in a conference all week here in Vienna, where can I get decent coffee?"]) == [set()]


def test_a_shift_as_a_change_names_no_employer_nor_my_ma_a_degree():
    assert not {u for u in said("There was a big shift in Amazon's pricing last month.") if u[1] == "employer"}
    assert not {u for u in said("popped in to see my ma at St Luke's, she's grand") if u[1] == "studies"}
    assert ("user", "studies", "MA at University of Kent", "") in said("my MA at the University of Kent is going well")


def test_a_notice_handed_in_on_a_flat_ends_no_job():
    assert not {u for u in said("I've handed my notice to the landlord, we're out by June.") if u[1] == "employer"}
    assert not {u for u in said("handed in my notice on the flat today, so boxes everywhere") if u[1] == "employer"}


def test_an_answer_to_where_the_user_works_that_names_a_place_is_no_employer():
    assert not {u for u in answered("Where do you work?", "in Harrogate") if u[1] == "employer"}
    assert not {u for u in answered("Where do you work?", "downtown Denver") if u[1] == "employer"}
    assert ("user", "employer", "Ocado") in answered("Where do you work?", "Ocado")


def test_here_pointing_at_a_district_names_no_employer():
    assert not {u for u in said("what are good lunch spots in hackney, i work here") if u[1] == "employer"}


def test_a_place_swapped_for_a_weekend_is_no_home():
    assert not _homes("we swapped Glasgow for Seville this weekend, finally some sun")
