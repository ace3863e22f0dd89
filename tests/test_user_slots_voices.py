"""The user's own slots as new voices say them: a name after a greeting, a job taken in formal English, a move
said without its place, a diet, an allergy, a drug and a reading said any way, a class joined, favourites with
no kind; then the card that writes them as a person would."""

from __future__ import annotations

from memoryos_mcp.language.nlp import parse
from memoryos_mcp.usermodel.extract import recase
from memoryos_mcp.usermodel.hobbies import Hobbies
from tests.test_user_slots import card_of, homes_read, said, work_read


def test_a_name_said_as_name_here_after_a_greeting_and_an_emoji():
    assert ("user", "name", "Ria", "") in said("hi po 😅 ria here, 3rd yr sa school. can u help me w a format?",
                                               "Hi Ria! Sure.")


def test_a_job_joined_in_formal_english_with_its_department():
    found = said("I have joined Brightwater Components as Assistant Manager - Finance.")
    assert {("user", "employer", "Brightwater Components", ""),
            ("user", "job", "assistant manager - finance", "")} <= found
    assert ("user", "employer", "Kestrel Foods", "") in said("Today I am joining Kestrel Foods. Any tips?")


def test_a_part_time_job_held_and_tutoring_for_an_employer():
    assert ("user", "job", "barista", "") in said("I have a part-time job as a barista at a cafe near uni.")
    assert ("user", "employer", "LinguaLeap", "") in said("I tutor English online for LinguaLeap in the evenings.")


def test_a_new_employer_is_where_its_workplace_is_named():
    assert ("user", "employer", "Kestrel Foods", "Ranjangaon") in said(
        "Today I am joining Kestrel Foods. Reached Ranjangaon plant by 8 itself. Any tips for first day?")
    assert ("user", "employer", "Halden Health", "Leeds") in said(
        "Started at Halden Health today, the Leeds office is huge.")


def test_an_offer_said_beside_a_request_is_the_job_when_the_user_joins():
    assert work_read([("2027-01-27", "Good news!! Offer has come from Kestrel Foods. Senior Manager - Operations, "
                                     "good CTC. I am currently Senior Accountant here. Please help me with "
                                     "resignation letter."),
                      ("2027-03-01", "Today I am joining Kestrel Foods. Reached the plant by 8 itself.")])[-1] == {
        ("job", "senior manager - operations")}


def test_a_move_said_without_its_place_is_to_the_last_place_a_dwelling_was_named_in():
    assert homes_read(["Finalised flat in Hadapsar, 4th floor with lift. We will shift on 20 March.",
                       "We have shifted. Everything is boxes."])[-1] == {("Hadapsar", "flat")}
    assert homes_read(["we looked at the unit in Henley, on Seaview Road, it's nice",
                       "We moved into the unit on Saturday."])[-1] == {("Henley", "unit, Seaview Road")}
    assert homes_read(["my daughter Joan set this up for me",  # said without a stop: "Henley Joan" is one name
                       "we looked at the unit in Henley Joan and me it's nice on Seaview Road",
                       "We moved into the unit on Saturday."])[-1] == {("Henley", "unit, Seaview Road")}
    assert homes_read(["ross n me are moving in together!! his flat in dennistoun. monday 29th is the day",
                       "MOVED. my back is broken."])[-1] == {("Dennistoun", "flat")}
    for unsaid in ("send me a list after we've moved, not now", "We moved the sofa.", "we haven't moved yet",
                   "Mum moved last week."):
        assert homes_read(["we looked at a flat in Hadapsar", unsaid])[-1] == set(), unsaid


def test_home_worked_from_is_no_dwelling_and_a_place_a_dwelling_was_seen_in_is_the_home_now():
    assert homes_read(["we're talking about moving to york. nadia mostly works from home",
                       "MOVED. 11 april, remember it forever."])[-1] == set()
    assert homes_read(["viewed the Acomb house!! its nice, garden for the cat",
                       "MOVED. we're in Acomb now."])[-1] == {("Acomb", "")}


def test_an_employer_named_with_an_ampersand_is_named_whole(tmp_path, local_embedder):
    chat = [("I got the job at Marrow & Finch! I start Monday as junior architect.", "Congratulations!")]
    assert "works as junior architect at Marrow & Finch" in card_of(tmp_path, local_embedder, chat)


def test_a_place_of_two_words_is_the_home_whole():
    assert homes_read(["We've made an offer on the Kelburn Heights villa. Accepted, subject to a building report.",
                       "Moved. We're in Kelburn Heights. The cat is under the bed."])[-1] == {("Kelburn Heights", "")}
    assert homes_read(["we viewed a house in Roundhay Park, on Oakwood Lane",
                       "our first night in Roundhay Park!"])[-1] == {("Roundhay Park", "Oakwood Lane")}


def test_a_diet_said_with_a_qualifier():
    assert ("user", "diet", "vegetarian", "") in said("Very helpful. We are pure vegetarian only, no egg also.")


def test_what_the_user_does_not_eat_is_kept_beside_the_diet():
    assert ("user", "avoids", "eggs", "") in said("I don't eat eggs, so no omelettes please.")
    assert not {u for u in said("I can't eat much these days.") if u[1] == "avoids"}


def test_a_sport_played_and_a_home_stayed_in():
    assert ("user", "exercise", "cricket", "") in said("I play cricket on Sundays with the office team.")
    assert ("user", "home", "Pune", "") in said("We stay in Pune with my parents.")


def test_an_allergy_said_any_way():
    assert ("user", "allergy", "hipon", "") in said("nagluto si jessa ng sinigang 😭 allergic ako sa hipon huhu")
    assert ("user", "allergy", "dust allergy", "") in said("Dust allergy is troubling me again, sneezing full day.")
    assert ("user", "allergy", "nuts", "") in said("I'm allergic only to nuts.")


def test_a_drug_the_user_takes_is_known_by_its_ending_but_not_an_allergy_or_a_month():
    assert ("user", "medication", "ramipril", "") in said("doctor said I take the tablets for that too the ramipril")
    assert ("user", "medication", "naproxen", "") in said("naproxen kapag may attack.")
    assert not {u for u in said("I'm allergic to penicillin, I came out in hives.") if u[1] == "medication"}
    assert not {u for u in said("the flat is available from 10 april.") if u[1] == "medication"}


def test_a_reading_is_a_health_matter_with_the_doctor_named():
    assert ("user", "condition", "LDL is 162", "Dr Rao") in said(
        "Today I got my lipid profile report. LDL is 162. Dr Rao said borderline high.")


def test_a_class_joined_is_the_exercise():
    assert ("user", "exercise", "yoga", "") in said("Joined Iyengar yoga class today at 6 am.")


def test_a_favourite_said_without_its_kind():
    assert ("user", "favourite:", "Kishori Amonkar", "") in said(
        "I told her Kishori Amonkar only, she is my all time favourite. Any others?")


def test_a_favourite_named_inside_a_clause_or_taken_as_the_favourite():
    def favourites(text: str) -> set[tuple[str, str]]:
        return {(u[1], u[2]) for u in said(text) if u[1].startswith("favourite")}

    assert favourites("We're reading Plainsong, I chose it because Kent Haruf is my favourite author.") == {
        ("favourite:author", "Kent Haruf")}
    assert favourites("Lyttelton Coffee has usurped Deluxe as my favourite cafe, and I mourn a little.") == {
        ("favourite:cafe", "Lyttelton Coffee")}
    assert favourites("I've adopted the Floriditas as my favourite cafe.") == {("favourite:cafe", "Floriditas")}
    assert favourites("My favourite band, Coldplay, is touring.") == {("favourite:band", "Coldplay")}
    assert favourites("That is my favourite cafe, and I go there often.") == set()


def test_a_favourite_named_in_full_as_the_subject_before_an_adverbial_or_beside_its_kind():
    def favourites(text: str) -> set[tuple[str, str]]:
        return {(u[1], u[2]) for u in said(text) if u[1].startswith("favourite")}

    assert favourites("Nina Simone has always been my favourite, I saw her in Paris once.") == {
        ("favourite:", "Nina Simone")}
    assert favourites("I keep listening to Radiolab, thats my favorite by far.") == {("favourite:", "Radiolab")}
    assert favourites("Bill Evans is still my favourite after all these years.") == {("favourite:", "Bill Evans")}
    assert favourites("found my new favourite lunch place Auntie Pat's Kitchen near the depot") == {
        ("favourite:lunch place", "Auntie Pat's Kitchen")}
    assert favourites("My nieces are all lovely but Mia is my favourite.") == set()  # may be someone they know


def test_a_birthday_said_as_the_age_alone():
    assert ("user", "age", "25", "") in said("25 tomorrow. old")
    assert not {u for u in said("10 tomorrow at the cafe.") if u[1] == "age"}


def sports_read(messages: list[tuple[str, str]]) -> set[tuple[str, str, bool]]:
    hobbies, found = Hobbies(), set()
    for day, text in messages:
        found |= {(u.attribute, u.value, u.weak) for u in hobbies.read(parse([recase(text, [])])[0], day)}
    return found


def test_a_sport_spoken_of_on_two_days_is_the_exercise_when_none_is_known():
    assert sports_read([("2027-04-07", "my pal dragged me to padel on sunday. we're going every sunday now"),
                        ("2027-04-08", "my wrist is a bit sore from padel. is that normal")]) == {
        ("exercise", "padel", True)}
    assert sports_read([("2027-04-07", "watched the football with my dad"),
                        ("2027-04-08", "we watched the football again, what a match")]) == set()
    assert sports_read([("2027-04-07", "Ross plays tennis every week"), ("2027-04-08", "Ross won at tennis")]) == set()
    assert sports_read([("2027-04-07", "I'm running late"), ("2027-04-08", "I'm running late again")]) == set()


def test_a_comfort_show_is_a_favourite():
    assert ("user", "favourite:show", "Bluey", "") in said(
        "Rewatching Bluey for like the 4th time. It's my comfort show.")


def test_a_post_held_or_volunteered_for_and_a_club_of_the_users():
    assert ("user", "volunteer", "treasurer", "") in said("I don't care much I'm the treasurer I just count the money")
    assert ("user", "volunteer", "selector", "") in said("AGM done and they voted me on as a selector")
    assert ("user", "volunteer", "reading tutor", "") in said(
        "I'd put my name down in the summer to volunteer as a reading tutor, and forgot I'd done it.")
    assert ("user", "club", "Brookside bowls club", "") in said(
        "do you know anything about the new rules they changed it at our club the Brookside bowls club")
    assert not {u for u in said("Graham's the new treasurer, good luck to him") if u[1] == "volunteer"}


CHAT = [
    ("Good morning. My good name is Aditya Kulkarni, I am an accountant in Nagpur.", "Good morning, Aditya!"),
    ("Dust allergy is troubling me again.", "Sorry to hear that."),
    ("doctor says it's the blood pressure, I take the ramipril for it", "Noted."),
    ("I told her Kishori Amonkar only, she is my all time favourite. Any others?", "Try these."),
    ("Nina Simone has always been my favourite too, I saw her in Paris once.", "What a memory!"),
    ("I've been treasurer nine years at our club, the Brookside bowls club", "That's a long time!"),
    ("AGM done and they voted me on as a selector", "Congratulations!"),
]


def test_the_card_writes_the_full_name_the_allergy_the_drug_and_a_favourite(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, CHAT)
    assert card.startswith("Who they are: Aditya Kulkarni;"), card
    assert "Health and diet: takes ramipril; dust allergy." in card, card
    assert "favourites: Kishori Amonkar, Nina Simone" in card and "member of Brookside bowls club" in card, card
    assert "volunteers as selector" in card and "Volunteers as: selector since" in card, card
