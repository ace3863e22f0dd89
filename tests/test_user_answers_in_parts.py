"""What two chats written blind in session 21 showed the learner missing: an answer in two parts ("Tessa. Textile
conservator at Te Papa."), a name said as who "he" is ("He's László, came out of Hungary"), someone named through
"our" ("our neighbour's niece, Aroha"), a job offered by a firm ("Kaimai Pastoral have offered me the operations
manager job"), a start said of the new employer ("Start at Chinook is Monday 5 April"), a home said as what the house
is or as the new house; and what it read wrongly: a trip "for Mom's birthday weekend" as an employer, "the job at Tui
Creek" said of the job being left as a new employer, "he offered me associate" as a job title."""

from __future__ import annotations

from tests.test_user_model import card, chat_memory, section
from tests.test_user_slots import card_of, said


def test_a_name_asked_with_what_the_person_does_is_answered_in_two_sentences(tmp_path, local_embedder):
    chat = [("Our anniversary is next Friday. I need gift ideas for someone who critiques anything made of fabric.",
             "Some ideas: a dinner, a book. What does she do exactly, and what's her name?"),
            ("Tessa. Textile conservator at Te Papa. She once spent a fortnight on a cloak.", "Ideas for Tessa.")]
    people = section(card_of(tmp_path, local_embedder, chat), "People")
    assert "Tessa" in people and "textile conservator at Te Papa" in people, people


def test_a_name_said_as_who_he_is_names_the_relative_asked_about(tmp_path, local_embedder):
    chat = [("My father is 79 and refuses to own a smartphone. What's the simplest video-calling setup?",
             "A tablet in kiosk mode. Where does he live?"),
            ("Nelson. He's László, came out of Hungary in 1956 as a boy.", "Then the Echo Show.")]
    people = section(card_of(tmp_path, local_embedder, chat), "People")
    assert "László (dad): lives in Nelson" in people, people


def test_a_nationality_said_as_what_she_is_names_no_one():
    assert not {u for u in said("My sister phoned. She's Polish now, got the passport.") if u[1] == "role"
                and u[0] != "sister"}


def test_someone_named_through_our_relative_is_who_she_is_next():
    found = said("Our neighbour's niece, Aroha, has offered. She's a vet nursing student, which helps.")
    assert {("Aroha", "role", "neighbour's niece", ""), ("Aroha", "job", "vet nursing student", "")} <= found


def test_a_trip_for_a_birthday_weekend_is_no_employer():
    assert not {u for u in said("Driving to Lethbridge tomorrow for Mom's birthday weekend. What goes in the kit?")
                if u[1] == "employer"}
    assert ("user", "employer", "Hollis Transport", "") in said("I drive for Hollis Transport now.")


def test_a_job_offered_by_a_firm_and_a_start_said_of_the_new_employer_change_the_employer(tmp_path, local_embedder):
    chat = [("I'm a farm manager at Tui Creek Farm.", "Nice."),
            ("Interview done. I met the general manager, Warren Tapsell, and the woman who does their HR.", "Good."),
            ("Warren rang. Kaimai Pastoral have offered me the operations manager job!", "Congratulations!"),
            ("The cottage comes with the job at Tui Creek, so we need somewhere to live by June.", "Start looking.")]
    who = card_of(tmp_path, local_embedder, chat).splitlines()[0]
    assert "operations manager at Kaimai Pastoral" in who, who
    assert ("user", "employer", "Chinook", "") in said("Start at Chinook is Monday 5 April. How do I not drown?")
    assert ("user", "employer", "Kestrel", "") in said("my start date at Kestrel is the 3rd")


def test_a_job_offered_by_the_old_boss_is_its_title_alone(tmp_path, local_embedder):
    chat = [("I'm a senior design engineer at Prairie Span.", "OK."),
            ("Told Graham. He offered me associate on the spot. Too late, buddy.", "Fair enough."),
            ("I start at Chinook Civil Constructors on Monday.", "Good luck!")]
    who = card_of(tmp_path, local_embedder, chat).splitlines()[0]
    assert "offered" not in who and "Chinook Civil Constructors" in who, who


def test_a_home_said_as_what_the_house_is_or_as_the_new_house(tmp_path, local_embedder):
    assert ("user", "home", "Bridgeland", "") in said(
        "Our house is a 1912 bungalow in Bridgeland and the basement gets damp. Is a dehumidifier enough?")
    assert not {u for u in said("My sister loves the new house in Leeds they found.") if u[1] == "home"
                and u[0] == "user"}
    pages = [("Our house is a 1912 bungalow in Bridgeland.", "Lovely."),
             ("We're in! Everything's in the new house in Leamington, the dogs are confused.", "Congratulations!")]
    assert card(chat_memory(tmp_path, local_embedder, pages=pages)).startswith("Who they are: lives in Leamington")
