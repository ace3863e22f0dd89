"""Basics said the way people mention them in passing: a spouse by "married to" with the pronoun that follows, a
partner as "the missus" or "my other half", a car by its model alone or bought, collected or ordered, a side
followed or supported, a club joined by name, a diet owned or tried, an age spoken from ("at 58 I can't ...", "as a
31 year old I ..."), a condition one lives with or suffers from. Another's, a past age, a car weighed up or a vehicle
driven for work stay out."""

from __future__ import annotations

from tests.test_user_slots import said


def _user(text: str, attribute: str) -> set[str]:
    return {v for subject, a, v, _ in said(text) if subject == "user" and a == attribute}


def _roles(text: str) -> set[tuple[str, str]]:
    return {(subject, value) for subject, attribute, value, _ in said(text) if attribute == "role"}


def test_a_spouse_or_partner_said_in_passing():
    assert _roles("I'm married to Ingrid, she's a potter, so the garage is her studio.") == {("Ingrid", "wife")}
    assert _roles("Femi (the hubby) is cooking tonight.") == {("Femi", "husband")}
    assert ("Ingrid", "partner") in _roles("My other half Ingrid hates camping.")
    assert not _roles("Femi (the neighbour's lad) fixed our fence.")


def test_a_crossbreed_is_a_pet_of_its_breed_and_a_cross_is_no_pet():
    assert _roles("Rusty, my eleven-year-old Jack Russell cross, has had terrible breath for months.") == {
        ("Rusty", "jack russell cross")}
    assert _roles("We got a collie mix called Pip from the shelter.") == {("Pip", "collie mix")}
    assert not _roles("My cross Dave was furious about the parking.")


def test_a_name_joined_that_is_said_to_be_a_club_is_a_club_and_no_employer():
    joined = "I joined the Wreake Valley Wheelers, a cycling club."
    assert _user(joined, "club") == {"Wreake Valley Wheelers"} and not _user(joined, "employer")
    assert _user("I've joined Harbour Voices, a community choir.", "club") == {"Harbour Voices"}
    assert _user("I joined Safaricom last month as a data analyst.", "employer") == {"Safaricom"}


def test_a_car_by_its_model_alone_and_no_vehicle_of_work():
    assert _user("We drive a Yaris, would a bike rack fit?", "car") == {"Yaris"}
    assert not _user("I drive a forklift on nights.", "car")


def test_a_car_bought_collected_or_owned_by_its_model_and_not_one_weighed_up():
    assert _user("Picked up the silver Kia Sportage from the garage this morning!", "car") == {"Kia Sportage"}
    assert _user("so my 2011 yaris finally needs a new clutch", "car") == {"2011 Yaris"}  # its year, as said
    assert _user("We ordered a Qashqai, delivery in March.", "car") == {"Qashqai"}
    assert _user("I drive a 2018 Hyundai i20 to work.", "car") == {"2018 Hyundai I20"}
    assert _user("Traded in my Accord today, got us a 2023 Toyota Sienna", "car") == {"2023 Toyota Sienna"}
    assert _user("I've got a 2014 F-150 and I plug the block heater in all night", "car") == {"2014 F-150"}
    assert _user("Traded the old Commodore in for a 2019 HiLux SR5 yesterday.", "car") == {"2019 HiLux"}
    assert _user("My Polo Vivo's aircon is blowing warm air.", "car") == {"Polo Vivo"}
    assert not _user("My brother got a Toyota Corolla last week.", "car")
    assert _user("we got a Toyota Yaris last week, second hand", "car") == {"Toyota Yaris"}
    assert not _user("I got a BMW quote today", "car")
    for not_ours in ("I got a seat by the window", "We got a Toyota Yaris hire car for the week",
                     "We bought a Kia Picanto for my daughter"):
        assert not _user(not_ours, "car"), not_ours
    assert not _user("Which is better, a Corolla or a Civic?", "car")
    assert not _user("My 2024 resolutions are mostly about sleep.", "car")
    assert not _user("I'm practising my sonata for the recital.", "car")


def test_a_side_followed_or_supported_and_not_someone_followed_online():
    assert _user("I've supported Celtic since I was six, so Saturdays are tense.", "favourite:") == {"Celtic"}
    assert _user("Huge Munster fan here, we never miss a match.", "favourite:") == {"Munster"}
    assert _user("I listen to Desert Island Discs religiously.", "favourite:") == {"Desert Island Discs"}
    assert _user("my #1 band is Elbow, no contest", "favourite:band") == {"Elbow"}
    assert not _user("I followed Greta Thunberg on Instagram for the updates.", "favourite:")
    assert not _user("We've always supported Shelter, every Christmas.", "favourite:")
    assert not _user("I supported Niamh through her exams.", "favourite:")
    assert not any(a.startswith("favourite") for _, a, _, _ in said("My number one priority is sleep."))


def test_a_diet_owned_or_tried_now():
    assert _user("I am calling myself vegetarian now, bacon aside.", "diet") == {"vegetarian"}
    assert _user("Trying to eat low carb now, it's hard with a toddler.", "diet") == {"low carb"}
    assert not _user("My sister is trying to eat low carb.", "diet")
    assert not _user("I can't call myself vegetarian any more.", "diet")


def test_an_age_spoken_from_now_and_not_one_looked_back_on():
    assert _user("As a 31 year old I find hangovers last two days now.", "age") == {"31"}
    assert _user("At 58 I still run three times a week.", "age") == {"58"}
    assert not _user("As a 16 year old I wanted to be a pilot.", "age")


def test_a_condition_lived_with_or_suffered_from():
    assert _user("As someone with eczema, is wool a bad idea for me?", "condition") == {"eczema"}
    assert _user("I suffer from sciatica after long drives.", "condition") == {"sciatica"}
    assert _user("My bad back hates this sofa.", "condition") == {"bad back"}
    assert not _user("My dad suffers from gout.", "condition")


def _homes_of(text: str) -> set[tuple[str, str]]:
    return {(subject, v) for subject, a, v, _ in said(text) if a == "home" and subject != "user"}


def test_a_relative_placed_where_they_live_and_not_for_a_while():
    assert _homes_of("Dad's still over in Belfast, we ring on Sundays.") == {("dad", "Belfast")}
    assert _homes_of("My in-laws live in Galway, so Easter is there.") == {("in-laws", "Galway")}
    assert not _homes_of("Dad's down in Belfast for the weekend.")


def test_retired_said_of_a_job_or_of_a_thing_is_no_tool_nor_the_users_retirement():
    assert not {a for s, a, v, c in said("Good day to you, I am Mrs. Adeyemi, retired midwife.") if a == "uses"}
    assert not _user("We retired the old Jira board last spring.", "job")
    assert _user("I retired in June after forty years on the buses.", "job") == {"retired"}


def test_an_age_something_is_begun_at_or_said_on_the_birthday_is_the_users():
    assert _user("Is it crazy to start rowing at 26, with no experience?", "age") == {"26"}
    assert _user("How do I make friends in a new city at 38? Everyone has their people", "age") == {"38"}
    assert _user("38 years of pub brawls and here I am at 64 nervous about selling cheese boards", "age") == {"64"}
    assert _user("the boat isnt paying and im 52 wi a bad back", "age") == {"52"}
    assert _user("It's my birthday today, 36! Dan is taking me out", "age") == {"36"}
    assert _user("it's my birthday!! 36 😩 dan's taking me to the omakase place", "age") == {"36"}  # two sentences
    assert _user("It's my birthday. 36 today and not a single card.", "age") == {"36"}
    assert not _user("I'll start at 18 on Monday, the night shift.", "age")
    assert not _user("We start at 14:00 sharp.", "age")
    assert not _user("I started at 16 as an apprentice.", "age")
    for no_age in ("Tickets start at 25 quid", "I'm going to start at 25 mg of sertraline", "Classes start at 19.",
                   "Learning to drive at 17 was the best thing", "my birthday 25 June", "It's my birthday, 30 quid on "
                   "wine", "crazy busy at 40 hours a week", "it's my birthday. 40 people coming",
                   "it's my birthday!!! 30 quid on wine", "it's my birthday! 25 minutes late already"):
        assert not _user(no_age, "age"), no_age
