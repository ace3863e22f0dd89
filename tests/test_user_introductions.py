"""How people introduce themselves and the ones in their life in chat: a name given with "myself" or after a
greeting, asked to be addressed by, an age answered or said in passing, a pet's name given with its kind, a
breed written with its capital, and a lower-case name ending in "s"."""

from __future__ import annotations

from memoryos_mcp.language.nlp import parse
from memoryos_mcp.usermodel.extract import caseless, page_updates
from tests.test_user_slots import card_of, said


def _names(text: str, reply: str = "") -> set[tuple[str, str]]:
    return {(a, v) for s, a, v, _ in said(text, reply) if s == "user" and a in ("name", "surname")}


def test_a_name_given_with_myself_after_a_greeting_or_as_how_to_be_addressed():
    assert _names("Good morning, myself Anil Kapoor, from the billing team.") == {("name", "Anil"),
                                                                                  ("surname", "Kapoor")}
    assert _names("ok write: hi this is Dwayne from flat 2, the boiler is out again") == {("name", "Dwayne")}
    assert _names("Please address me as Mrs. Okafor, or Grace Okafor on anything formal.") == {
        ("name", "Grace"), ("surname", "Okafor")}
    assert _names("my names Tuvi, nice to meet you", "Hi Tuvi!") == {("name", "Tuvi")}
    assert not _names("This is Dwayne, my new neighbour.")
    assert not _names("hi, this is Pickle, our new kitten")
    assert not _names("I taught myself Spanish last year.")


def test_an_age_answered_or_said_in_passing():
    assert ("user", "age", "fifty-four", "") in said("Having turned fifty-four in June, I find the stairs harder.")
    assert ("user", "age", "31", "") in said("the physio said at 31 I shouldn't be this stiff already??")
    assert not {u for u in said("Can I still enter if I'm 17?") if u[1] == "age"}


def test_an_age_given_as_the_answer_to_how_old_the_user_is(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("need cheaper car insurance, the quotes are mad", "Age matters a lot there. How old are you, roughly?"),
        ("thirty-three, clean licence", "At thirty-three you should find better quotes.")])
    assert "age thirty-three" in card


def test_a_pet_named_with_its_kind_or_a_capitalised_breed(tmp_path, local_embedder):
    assert ("Rufus", "role", "old spaniel", "") in said("Our old Spaniel, Rufus, has gone deaf.")
    card = card_of(tmp_path, local_embedder, [
        ("our cat keeps knocking glasses off the shelf", "Classic cat behaviour! What's her name and breed?"),
        ("pixel, ragdoll", "Oh, Pixel sounds lovely; ragdolls are usually so calm!")])
    assert "Pixel (ragdoll)" in card


def test_a_lower_case_name_ending_in_s_after_my_partner_is_a_name(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("planning a weekend in the lakes", "Lovely! Are you going alone or with someone?"),
        ("my gf lois", "Nice, a cottage with a log burner would suit two.")])
    assert "Lois (girlfriend)" in card


def test_a_couple_said_as_together_for_a_time_and_not_a_day_spent_together():
    assert ("Ruth", "role", "partner", "") in said("Ruth and I have been together nine years in May.")
    assert not {u for u in said("Ruth and I have been together all weekend.") if u[1] == "role"}
    assert not {u for u in said("Ruth and I went together to the match.") if u[1] == "role"}


def test_a_person_the_assistant_asks_about_is_who_the_answer_describes(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("kemi wants me to swap shifts again", "Who's Kemi, a friend or someone at work?"),
        ("work, she's our shift manager", "Then a polite no with another day offered works well.")])
    assert "Kemi (manager)" in card or "Kemi (shift manager)" in card


def test_a_bare_answer_to_what_a_relative_does_or_where_they_live_is_theirs(tmp_path, local_embedder):
    """The assistant asks about the wife, the dad or "your sister" and the answer names no one: the answer is
    theirs, a job the job words do not know included ("textile conservator")."""
    card = card_of(tmp_path, local_embedder, [
        ("My wife Tessa's birthday is coming up, any ideas?", "What does she do for work?"),
        ("Textile conservator at Te Papa.", "A weaving workshop could be perfect."),
        ("My dad refuses to use video calls.", "Is there someone nearby who could help? Where does he live?"),
        ("Nelson. Three streets from the beach.", "Then a neighbour could set it up."),
        ("My sister is coming over on Friday.", "Lovely! Where does your sister live?"),
        ("Leeds, near the station", "Not far then.")])
    assert "Tessa (wife): textile conservator at Te Papa" in card
    assert "Dad: lives in Nelson" in card and "Sister: lives in Leeds" in card
    assert "Who they are" not in card  # none of it is the user's


def _answered(question: str, text: str) -> set[tuple[str, str, str]]:
    """(subject, attribute, value) of the job, employer and home an answer to the assistant's question gives."""
    return {(u.subject, u.attribute, u.value) for u in page_updates(parse([text])[0], question, "2027-03-01 10:00:00",
                                                                    caseless(text))
            if u.attribute in ("job", "employer", "home")}


def test_an_answer_about_someone_else_takes_nothing_from_the_user_and_says_nothing_when_it_is_none():
    assert not _answered("What do you do for fun?", "Gamer, honestly.")  # a trade's ending, no job of the user's
    assert not _answered("What do you do?", "I'm a vegetarian")
    assert _answered("So what does your wife do? What do you do?", "Nurse at St James's") == {
        ("user", "job", "nurse"), ("user", "employer", "St James's")}  # the last question is the one answered
    assert ("wife", "job", "textile conservator") in _answered(
        "What does your wife do? Is she happy there?", "Textile conservator at Te Papa.")  # the last one asking
    assert ("user", "employer", "FedEx") in _answered("Who do you work for? I can check their scheme.", "FedEx")
    assert _answered("What does your husband do?", "Engineer at Arup.") == {
        ("husband", "job", "engineer"), ("husband", "employer", "Arup")}  # his, not also the user's
    assert ("user", "employer", "Arup") in _answered(
        "What does your husband do?", "He's an engineer at Arup, and I'm a nurse at Arup too.")
    assert not _answered("What does your dad do all day now?", "Gardener, basically.")
    assert not _answered("What does he do for exercise?", "Runner")
    assert not _answered("Where does your sister live?", "Dunno")
    assert _answered("What does your wife do for work?", "Textile conservator at Te Papa.") == {
        ("wife", "job", "textile conservator"), ("wife", "employer", "Te Papa")}


def test_a_relative_visiting_from_a_place_lives_there_and_a_pet_s_kind_answered_with_its_name(
        tmp_path, local_embedder):
    assert ("Orla", "home", "Sligo", "") in said("My aunt Orla is flying in from Sligo on Sunday.")
    assert not {u for u in said("My aunt Orla is coming back from Sligo on Sunday.") if u[1] == "home"}
    card = card_of(tmp_path, local_embedder, [
        ("how do I clip claws without stress? he hates it", "Happy to help. What kind of animal is he?"),
        ("A guinea pig, Nibbles, he's about two", "For Nibbles, wrap him in a towel and clip a little at a time.")])
    assert "Nibbles (guinea pig)" in card
