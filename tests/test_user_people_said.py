"""People and pets said in the asides of chat: a statement before a question that opens with no question word,
an age or a note set off by commas or brackets, a relative's home said with how they live there, a title before
a first name, and a laugh between two clauses."""

from __future__ import annotations

from tests.test_user_slots import card_of, said


def test_a_statement_before_a_question_without_a_question_word_is_read(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("my daughter Maya is 8 and she hates reading, suggestions??", "Graphic novels can win Maya over."),
        ("so my uncle Pete lives in Tulsa and he's flying up in june, cheapest airline?", "Check fares from Tulsa."),
        ("My flatmate Joss is a paramedic - does that mean she knows first aid?", "Yes, Joss will.")])
    assert "Maya (daughter): age 8" in card
    assert "Pete (uncle): lives in Tulsa" in card
    assert "Joss" in card and "paramedic" in card


def test_an_age_said_in_an_aside_after_the_name():
    assert ("Ines", "age", "nine", "") in said("My daughter Ines, who's nine, wants a guitar.")
    assert ("Tomek", "age", "15", "") in said("My nephew Tomek, he is 15, never leaves his room.")
    assert not {u for u in said("We saw Ines, who is 20 minutes away.") if u[1] == "age"}


def test_a_relative_moved_into_a_home_or_living_alone_somewhere_lives_there():
    assert ("Joan", "home", "Hull", "") in said("My gran Joan has moved into sheltered housing in Hull.")
    assert ("mum", "home", "Tralee", "") in said("Mum (Joan) just moved into a care home in Tralee.")
    assert ("aunt", "home", "Perth", "") in said("My aunt lives on her own in Perth.")
    assert ("Ada", "home", "Leeds", "") in said("my sister Ada lives alone in Leeds.", "Ada is lucky.")


def test_a_title_before_a_first_name_stays_with_it_and_a_laugh_ends_a_clause():
    assert ("Dona Rosa", "role", "grandmother") in {u[:3] for u in said("My grandmother, Dona Rosa, is 90.")}
    assert ("Sir Wiggles", "role", "iguana", "") in said(
        "we got an iguana lol his name is Sir Wiggles", "Sir Wiggles is a great name.")


def test_a_move_into_something_that_is_no_dwelling_gives_no_home():
    assert not {u for u in said("Priya moved into a new team in Finance last spring.") if u[1] == "home"}


def test_coming_over_from_no_place_and_together_somewhere_say_no_home_nor_couple():
    assert not {u for u in said("my brother is coming over from work later") if u[1] == "home"}
    assert not {u for u in said("my aunt is driving up from the seaside tomorrow") if u[1] == "home"}
    assert not {u for u in said("me and Sam are together at the expo, any dinner ideas?") if u[1] == "role"}


def roles(text: str, reply: str = "") -> set[tuple[str, str]]:
    """(who, role) of the roles one message gives."""
    return {(u[0], u[2]) for u in said(text, reply) if u[1] == "role"}


def test_people_at_work_said_by_their_job_a_title_or_where_they_are_from():
    assert ("Bea", "designer") in roles("Bea, our designer, says the mockups are late.")
    assert ("Brendan", "accountant") in roles("Brendan, my accountant, says the deadline is the 31st.")
    assert ("Sunita", "VP") in roles("The VP, Sunita Rao, wants the deck by Friday.")
    assert ("Fergal", "colleague") in roles("Fergal from work is leaving.")
    assert ("Siobhan", "colleague") in roles("Ran into Siobhan from work at the shops.")
    assert ("Orla", "colleague") in roles("had lunch with Orla from the office.")
    assert roles("Liam from the office next door came round.") == set()
    assert ("Ana", "designer") in roles("my new designer Ana is great")  # not "new designer"
    assert roles("I got back from work at 6.") == set()
    assert roles("my friend Tom from work came over") == {("Tom", "friend")}  # the role said wins
    assert roles("John from the tax office called about my return.") == set()  # another office
    assert roles("The waiter, Luis, was so rude to us.") == set()  # anyone's
    assert roles("I showed my designer Tom's sketches to the client.") == set()  # Tom's, not Tom
    assert roles("Sent my accountant Xero access today.") == set()  # a thing, not a name
    assert roles("I showed my designer Photoshop.") == set()


def test_a_job_said_in_passing_replaces_no_role_the_user_gave(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("my husband Dave is away till Friday", "Enjoy the quiet!"),
        ("Dave, our driver, got us there in one piece", "Glad you made it.")])
    assert "Dave (husband)" in card and "driver" not in card


def test_the_wife_and_our_eldest_are_the_user_s_own():
    assert ("Fiona", "wife") in roles("the wife Fiona saw an advert in the Oban Times.")
    assert roles("The wife of my neighbour is ill.") == set()
    assert roles("Dave brought the wife, Sandra, to the barbecue.") == set()  # Dave's
    assert ("Sue", "wife") in roles("Sue, the wife, says hi.")  # the name "the wife" is said of
    assert ("Kate", "eldest child") in roles("Kate's our eldest. 38, lives in Geelong.")
    assert ("Mia", "youngest child") in roles("Mia is our youngest.")
    assert ("Kev", "husband") in roles("the hubby Kev is cooking tonight")


def test_a_lower_case_name_after_the_wife_or_our_youngest_is_a_name(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("the wife fiona saw an advert in the oban times", "Worth a look."),
        ("our youngest ruaridh is 23, works offshore out of aberdeen", "Long shifts!")])
    assert "Fiona (wife)" in card
    assert "Ruaridh (youngest child): age 23" in card
    card = card_of(tmp_path / "our", local_embedder, [
        ("our landlord finally fixed the boiler", "About time!"), ("our eldest girl is 10 today", "Happy birthday!")])
    assert "Finally" not in card and "Girl" not in card
