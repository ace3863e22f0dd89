"""Diet, allergies, conditions, exercise, pastimes and favourites said the ways people say them: in passing before a
request, as a one-word answer to the assistant's question, with the subject dropped, or in idiom."""

from __future__ import annotations

from tests.test_user_said_in_passing import answered
from tests.test_user_slots import card_of, hobbies_read, said


def _of(text: str, attribute: str) -> set[str]:
    return {value for _, name, value, _ in said(text) if name == attribute}


def test_a_diet_said_in_passing_or_as_kept_is_the_diet():
    assert _of("Pescatarian here, so what goes well with cod?", "diet") == {"pescatarian"}
    assert _of("we keep halal at home, is gelatine ok?", "diet") == {"halal"}
    assert _of("I'm doing paleo these days and miss bread", "diet") == {"paleo"}
    assert _of("my cardiologist wants me to eat low salt from now on", "diet") == {"low salt"}
    assert _of("I was doing paleo last year, it was hard", "diet") == {"paleo"}  # an end, not the diet now
    assert not _of("we're trying vegan recipes for the party", "diet")


def test_a_diet_said_by_what_is_eaten_and_not_is_named():
    assert _of("I don't eat meat but fish is fine, and I'm allergic to hazelnuts", "diet") == {"pescatarian"}
    assert _of("I do not eat meat since many years, only fish, so my guests eat fish too", "diet") == {"pescatarian"}
    assert _of("I don't eat meat or fish.", "diet") == {"vegetarian"}
    assert _of("eggs n dairy fine. just no meat or fish, been veggie my whole life", "diet") == {"vegetarian"}
    assert not _of("whats a good veggie dinner thats high protein", "diet")
    assert not _of("I don't eat meat on Fridays.", "diet")
    for passing in ("We're eating veggie pasta tonight", "trying veggie mince", "I can't eat meat or fish before my "
                    "colonoscopy", "we don't eat meat on fridays in lent, only fish", "If I don't eat meat or fish, "
                    "where do I get B12?"):
        assert not _of(passing, "diet"), passing


def test_a_food_cut_down_on_is_limited_and_the_card_names_the_diet(tmp_path, local_embedder):
    assert _of("She wants me to cut down on salt, exercise more and come back in six weeks", "limits") == {"salt"}
    assert _of("Dr. Patel has been after me for some time to use less salt.", "limits") == {"salt"}
    assert _of("less salt, more exercise, lay off the breakfast roll.", "limits") == {"salt"}
    assert _of("I'm cutting back on coffee this month", "limits") == {"coffee"}
    assert not _of("Cut the meat into strips and fry it.", "limits")
    assert not _of("This soup has less salt than the last one.", "limits")
    assert not _of("I cut the sugar in the recipe by half", "limits")
    assert not _of("It tastes better with less salt, less sugar", "limits")
    assert not _of("I cut my caffeine out completely", "limits")
    chat = [("Dr Malik wants me to cut down on salt.", "Good idea."), ("I'm cutting back on coffee too.", "Nice.")]
    health = next(line for line in card_of(tmp_path, local_embedder, chat).splitlines() if "diet" in line)
    assert "low-salt" in health and "less coffee" in health


def test_a_food_cut_down_on_that_the_diet_names_is_said_once(tmp_path, local_embedder):
    chat = [("I'm on a low-salt diet now.", "Good."), ("My doctor wants me to cut down on salt.", "Makes sense.")]
    health = next(line for line in card_of(tmp_path, local_embedder, chat).splitlines() if "diet" in line)
    assert health == "Health and diet: low-salt diet.", health


def test_a_food_refused_beside_the_diet_or_for_me_is_avoided():
    assert _of("I'm vegetarian, no fish.", "avoids") == {"fish"}
    assert _of("could you do a lasagne? no beef for me though", "avoids") == {"beef"}


def test_an_allergy_said_with_in_or_by_the_allergen_named_before_it():
    assert _of("I have allergy from cats since I was small.", "allergy") == {"cats"}
    assert _of("Does this korma have cashews? I'm allergic.", "allergy") == {"cashews"}
    assert not _of("my brother is allergic, does this have cashews?", "allergy")
    assert not _of("I have allergy, so careful please.", "allergy")


def test_an_allergy_said_sideways_is_the_allergy():
    assert _of("and I tell him again I am allergic for penicillin, he put it in computer", "allergy") == {"penicillin"}
    assert _of("the drug I'm allergic to, which is penicillin. Hives head to toe.", "allergy") == {"penicillin"}
    assert _of("she asked about allergies and I had to say penicillin for the 100th time", "allergy") == {"penicillin"}
    assert not _of("she asked about allergies and I said none.", "allergy")
    assert not _of("Nursery asked about allergies and I said peanuts, for Maisie", "allergy")
    assert not _of("the thing my daughter is allergic to, which is peanuts", "allergy")
    assert not _of("asked about allergies and I said fish is fine but no nuts", "allergy") & {"fish"}


def test_a_condition_said_with_its_type_and_here_is_the_condition():
    assert _of("type 2 diabetic here, what can I snack on at work?", "condition") == {"type 2 diabetic"}
    assert _of("I'm type 1 diabetic so carbs matter", "condition") == {"type 1 diabetic"}


def test_exercise_said_as_going_doing_or_all_there_is_now():
    assert _of("Every Sunday I go to swim at the lido", "exercise") == {"swimming"}
    assert _of("I'm doing pilates at home now, any good channels?", "exercise") == {"pilates"}
    assert _of("I do weights three times a week", "exercise") == {"weights"}
    assert _of("I'm doing yoga tonight with a friend", "exercise") == set()
    assert _of("Any stretches for after climbing? I go twice a week with my cousin.", "exercise") == {"climbing"}
    assert _of("My daughter adores tennis. I go every Sunday to watch her.", "exercise") == set()
    found = {(name, value) for _, name, value, _ in said("no more tennis for me, my physio has me doing yoga now")}
    assert {("exercise", "tennis"), ("exercise", "yoga")} <= found
    assert _of("weighed 229 this morning and I been swimming three mornings a week", "exercise") == {"swimming"}
    assert _of("First Pilates class at the Leamington hall tonight.", "exercise") == {"pilates"}
    assert _of("First aqua aerobics class today. The instructor plays Abba.", "exercise") == {"aqua aerobics"}
    assert _of("went for my first adult swimming lesson", "exercise") == {"swimming"}
    assert _of("I've been swimming every morning", "exercise") == {"swimming"}
    assert not _of("First swimming lesson tomorrow for Maisie", "exercise")
    assert not _of("First yoga class cancelled", "exercise")


def test_what_stopped_is_the_gerund_not_what_is_done_now(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("I play squash every week at the club", "Nice."),
        ("stopped playing squash honestly its just peloton at home now", "Peloton it is."),
    ])
    assert "peloton" in card.lower() and "no longer peloton" not in card.lower(), card


def test_answers_to_the_assistants_question_are_read_as_what_it_asked(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("can you plan my lunches for the week", "Happy to. Any dietary restrictions?"),
        ("no shellfish, no beef", "Noted. And what kind of training are you doing?"),
        ("rowing, most mornings", "Great. What's your favourite film, for a movie night?"),
        ("oh definitely Heat", "Heat it is."),
    ])
    assert "no shellfish" in card and "no beef" in card, card
    assert "rowing" in card and "favourite film: Heat" in card, card


def test_a_pastime_taken_up_held_or_done_as_a_habit_is_a_hobby_at_once():
    assert hobbies_read([("2027-02-01", "I knit every evening while the telly is on")]) == {("knitting", "")}
    assert hobbies_read([("2027-02-01", "Since the spring I have taken up pottery at the arts centre.")]) == {
        ("pottery", "")}
    assert hobbies_read([("2027-02-01", "slugs have eaten half my allotment, any ideas?")]) == {
        ("gardening", "allotment")}
    assert hobbies_read([("2027-02-01", "My sister took up pottery last year.")]) == set()
    assert hobbies_read([("2027-02-01", "My hobbies are pottery, painting and birdwatching.")]) == {
        ("pottery", ""), ("painting", ""), ("birdwatching", "")}  # the last of a list is as much theirs


def test_a_favourite_said_as_a_fan_an_idiom_or_my_team():
    assert _of("I'm a lifelong Celtic supporter so the derby matters", "favourite:") == {"Celtic"}
    assert _of("Boca until I die, like my grandad.", "favourite:") == {"Boca"}
    assert not _of("Ceiling fan is broken again", "favourite:")
    assert _of("my favourite dish is fish and chips and I want it tonight", "favourite:dish") == {"fish and chips"}
    assert _of("I reread Lord of the Flies every summer, it's my comfort book.", "favourite:book") == {
        "Lord of the Flies"}
    assert "don't laugh" not in _of("watching paddington again, its my comfort film, dont laugh", "favourite:film")
    assert _of("the rovers lost again. they've been my team since school", "favourite:team") == {"rovers"}
    assert not _of("I run six people at work, they're my team and we won the bid", "favourite:team")


def test_a_refusal_that_is_no_food_or_a_one_off_is_not_avoided():
    assert not _of("no rush for me, whenever suits", "avoids")
    assert not _of("no wine for me tonight, I'm driving", "avoids")


def test_no_more_of_a_sport_for_a_while_ends_nothing():
    assert not _of("no more gym this week, I've got the flu", "exercise")


def test_a_fan_for_a_room_or_a_diet_a_question_is_about_is_not_the_users():
    assert not _of("Dyson fan for the bedroom, worth it?", "favourite:")
    assert not _of("Keto, is it safe for diabetics?", "diet")
    assert not _of("Vegan, vegetarian or pescatarian: which is healthiest?", "diet")
    assert _of("as a vegan, what cheese can I use?", "diet") == {"vegan"}


def test_people_who_are_my_team_are_no_side():
    assert not _of("Priya and Sam are my team now, we won the pitch", "favourite:team")


def test_an_answer_that_names_nothing_is_no_favourite_nor_food_avoided():
    assert not answered("Great. Any dietary restrictions?", "no restrictions, I eat everything")
    assert not answered("What's your favourite cuisine?", "hard to say really")


def test_going_somewhere_often_is_not_the_sport_named_before():
    assert not _of("Cycling is not for me, my hips hate it. I go twice a week to hydrotherapy.", "exercise")
    assert not _of("Tennis wrecked my elbow. I go every Thursday to the pub quiz now.", "exercise")
