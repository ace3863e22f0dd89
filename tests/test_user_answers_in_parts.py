"""What two chats written blind in session 21 showed the learner missing: an answer in two parts ("Tessa. Textile
conservator at Te Papa."), a name said as who "he" is ("He's László, came out of Hungary"), someone named through
"our" ("our neighbour's niece, Aroha"), a job offered by a firm ("Kaimai Pastoral have offered me the operations
manager job"), a start said of the new employer ("Start at Chinook is Monday 5 April"), a home said as what the house
is or as the new house; and what it read wrongly: a trip "for Mom's birthday weekend" as an employer, "the job at Tui
Creek" said of the job being left as a new employer, "he offered me associate" as a job title."""

from __future__ import annotations

import pytest

from tests.test_user_model import card, chat_memory, section
from tests.test_user_slots import card_of, said


@pytest.mark.parametrize(("chat", "lines"), [
    # a name asked with what the person does, answered in two sentences
    ([("Our anniversary is next Friday. I need gift ideas for someone who critiques anything made of fabric.",
       "Some ideas: a dinner, a book. What does she do exactly, and what's her name?"),
      ("Tessa. Textile conservator at Te Papa. She once spent a fortnight on a cloak.", "Ideas for Tessa.")],
     ("Tessa", "textile conservator at Te Papa")),
    # a name said as who he is names the relative asked about
    ([("My father is 79 and refuses to own a smartphone. What's the simplest video-calling setup?",
       "A tablet in kiosk mode. Where does he live?"),
      ("Nelson. He's László, came out of Hungary in 1956 as a boy.", "Then the Echo Show.")],
     ("László (dad): lives in Nelson",)),
    # "Mom" said without "my" is whom the name asked for belongs to
    ([("Mom turns 70 on the twenty-first of February. I need a gift idea.", "What's her name, and what is she into?"),
      ("Halina. She's a retired hospital lab tech, lives on her own in Lethbridge.", "A photo book, then.")],
     ("Halina (mum): retired hospital lab tech, lives in Lethbridge",)),
], ids=["name and job in two sentences", "he's László", "Mom turns 70"])
def test_an_answer_to_whom_the_assistant_asked_about(tmp_path, local_embedder, chat, lines):
    people = section(card_of(tmp_path, local_embedder, chat), "People")
    assert all(line in people for line in lines), people


def test_what_someone_is_said_outside_an_answer_about_them_names_no_one():
    assert not {u for u in said("My dad rang. He's Māori, so he wants a hāngī for his birthday.") if u[1] == "role"}


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


def test_an_offer_not_made_refused_or_wished_for_is_no_employer():
    for text in ("Kiwibank didn't offer me the job.", "Kiwibank offered me the job but I said no.",
                 "Kiwibank offered me the job but I didn't take it.", "If Deloitte offered me the job I'd take it.",
                 "My start at Parkrun is 9am.", "My brother Owen is a teacher with ADHD."):
        assert not {u for u in said(text) if u[1] == "employer"}, text
    assert ("user", "employer", "Kiwibank", "") in said("Kiwibank offered me the job and I'm not going to say no!")
    assert ("user", "employer", "Kestrel", "") in said("My start date at Kestrel is next Monday.")


def test_a_job_offered_by_the_old_boss_is_its_title_alone(tmp_path, local_embedder):
    chat = [("I'm a senior design engineer at Prairie Span.", "OK."),
            ("Told Graham. He offered me associate on the spot. Too late, buddy.", "Fair enough."),
            ("I start at Chinook Civil Constructors on Monday.", "Good luck!")]
    who = card_of(tmp_path, local_embedder, chat).splitlines()[0]
    assert "offered" not in who and "Chinook Civil Constructors" in who, who


def test_a_home_said_as_what_the_house_is_or_as_the_new_house(tmp_path, local_embedder):
    assert ("user", "home", "Bridgeland", "") in said(
        "Our house is a 1912 bungalow in Bridgeland and the basement gets damp. Is a dehumidifier enough?")
    assert ("user", "home", "Leamington", "") in said("We finally moved to the new house in Leamington last week.")
    for text in ("My sister loves the new house in Leeds they found.", "It's the new house in Leith, the one my "
                 "parents bought.", "Our dream house is a cottage in Cornwall."):
        assert not {u for u in said(text) if u[1] == "home" and u[0] == "user"}, text
    pages = [("Our house is a 1912 bungalow in Bridgeland.", "Lovely."),
             ("We're in! Everything's in the new house in Leamington, the dogs are confused.", "Congratulations!")]
    assert card(chat_memory(tmp_path, local_embedder, pages=pages)).startswith("Who they are: lives in Leamington")


def test_a_short_answer_and_then_the_user_s_own_news_is_not_about_whom_the_question_asked():
    found = said("Not sure. I'm a teacher at Kelburn Normal.", question="What does your brother do?")
    assert not {u for u in found if u[0] == "brother"}
    found = said("Tessa. Textile conservator at Te Papa, I think you'd like her.",
                 question="What does your wife do, and what's her name?")
    read = {(subject, attribute, value) for subject, attribute, value, _ in found}
    assert ("Tessa", "role", "wife") in read and {("Tessa", "job", "textile conservator"),
                                                 ("wife", "job", "textile conservator")} & read, read


def test_an_age_before_the_job_and_work_said_as_works_as_are_the_person_s(tmp_path, local_embedder):
    chat = [("My daughter Kirsty rang last night. She's 31 and works as a physio in Melbourne.", "Lovely."),
            ("My son Callum popped in. He's 27 and an electrician in Tauranga.", "Nice."),
            ("We've also got Bess, our old huntaway, she's 11 and lazy.", "Bess sounds lovely."),
            ("Owen was diagnosed at 19. He's a power line technician with ENMAX.", "Noted.")]
    people = section(card_of(tmp_path, local_embedder, chat), "People")
    assert "Kirsty (daughter): physio, lives in Melbourne, age 31" in people, people
    assert "Callum (son): electrician, lives in Tauranga, age 27" in people, people
    assert "Bess (huntaway): age 11" in people and "power line technician at ENMAX" in people, people


def test_a_pet_s_kind_answered_about_the_pet_the_question_names():
    assert {("Sarge", "role", "blue heeler", ""), ("Sarge", "age", "9", "")} <= said(
        "blue heeler, 9 years old. Lazy as anything.",
        question="Sounds like Sarge has found the best seat in the house. What kind of dog is he?")
    assert not {u for u in said("no idea, a mix of everything", question="What kind of dog is he?") if u[1] == "role"}
    assert not {u for u in said("blue heeler, we've had him 9 years.",
                                question="Sarge looks happy. What kind of dog is he?") if u[1] == "age"}


def test_a_name_said_as_my_older_brother_with_the_age_after():
    assert {("Steve", "role", "brother", ""), ("Steve", "age", "67", "")} <= said(
        "Steve's my older brother btw, 67, runs a caravan park in Hervey Bay.")
    assert not {u for u in said("Tom is my brother's friend.") if u[1] == "role"}


def test_a_name_said_with_her_after_it_is_she_in_the_next_message(tmp_path, local_embedder):
    chat = [("Lorraine's been on at me about a spot on my forearm. Booked the GP for the 18th to shut her up",
             "Sensible."),
            ("She'd know, she's a practice manager at a GP clinic in Wynnum. She's 61, still doing 4 days a week",
             "A solid load."),
            ("The Transit failed the test. Mechanic says she's not worth fixing.", "Time for a new van."),
            ("Mam's 80th is coming up and we're throwing her a do.", "What date is it?"),
            ("Saturday the 21st of August. She's 79 now and still drives to Mass.", "Lovely.")]
    people = section(card_of(tmp_path, local_embedder, chat), "People")
    assert "Lorraine: practice manager, age 61" in people and "Mum: age 79" in people, people
    assert "Transit" not in people, people


def test_she_is_not_someone_named_many_messages_before(tmp_path, local_embedder):
    chat = [("Got in with the GP Friday at 9:40, Dr. Kinsella on the Drumcondra Road. What should I be asking her?",
             "Ask about the knee.")] + \
        [(f"Quick one: how do I bleed radiator number {n}?", "Open the valve.") for n in range(1, 8)] + \
        [("Big birthday coming. She's 79 now and still drives to Mass.", "Lovely.")]
    assert "age 79" not in card_of(tmp_path, local_embedder, chat)


def test_a_name_asked_for_is_not_someone_already_named(tmp_path, local_embedder):
    chat = [("Zsófi is 16 and she eats anything with chilli.", "Noted."),
            ("Our anniversary is next Friday. Fourteen years.", "What does she do, and what's her name?"),
            ("Tessa. Textile conservator at Te Papa.", "Ideas for Tessa.")]
    people = section(card_of(tmp_path, local_embedder, chat), "People")
    assert "Tessa: textile conservator at Te Papa" in people and "Zsófi: age 16" in people, people


def test_he_is_the_brother_named_not_a_colleague_named_after_him_and_a_wife_spoken_of_stays_she(tmp_path,
                                                                                                 local_embedder):
    chat = [("My brother Mark is visiting.", "Nice."),
            ("Apparently Robin from his work told him to take a break.", "Good advice."),
            ("He's 41 and works as an electrician in Hull.", "Noted."),
            ("My wife Sarah has been unwell.", "Sorry to hear that.")] + \
        [(f"Sarah is resting, day {n}.", "Rest helps.") for n in range(1, 8)] + [("She's 44 next week.", "Nice.")]
    people = section(card_of(tmp_path, local_embedder, chat), "People")
    assert "Mark (brother): electrician, lives in Hull, age 41" in people and "Sarah (wife): age 44" in people, people
