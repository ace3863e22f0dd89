"""A user who writes notes, not sentences: shorthand signs and clipped words ("w/", "=", "@", "appt"), fragments
with the subject dropped, who someone is noted in brackets after their name, a new job noted by its title."""

from __future__ import annotations

from tests.test_user_slots import card_of, said


def test_shorthand_signs_read_as_the_words_they_stand_for():
    assert ("Omar", "job", "paramedic", "") in said("Omar = paramedic. nights mostly")
    assert ("user", "employer", "Fernhill Labs", "") in said("day 1 @ Fernhill Labs. nice ppl")
    assert not {u for u in said("email me @ the usual address") if u[1] == "employer"}


def test_who_someone_is_noted_in_brackets_after_the_name():
    assert ("Ines", "age", "7", "") in said("Ines (7) lost a tooth at school")
    found = said("vet again. Biscuit (rescue greyhound, 9) won't eat")
    assert {("Biscuit", "role", "rescue greyhound", ""), ("Biscuit", "age", "9", "")} <= found
    assert ("Tomasz", "role", "brother", "") in said("Tomasz (brother) visiting from Gdansk")


def test_a_condition_opening_a_note_is_the_users():
    assert ("user", "condition", "coeliac", "") in said("pasta brands? coeliac, so nothing with wheat")
    assert not {u for u in said("diabetic patients need regular checks") if u[1] == "condition"}


def test_working_in_house_names_no_home(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("offer accepted on a cottage in Portobello!! completion next month", "Congratulations!"),
        ("first week in-house. office in Morningside, nice canteen", "Sounds good."),
        ("moved. boxes everywhere", "Welcome home!"),
    ])
    assert "lives in Portobello" in card and "Morningside" not in card.split("\n")[0], card


def test_a_new_job_noted_by_its_title_and_the_employers_first_word(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("a recruiter from Brightwater Foods rang. in-house role", "Interesting!"),
        ("offer in!! Brightwater: deputy general counsel. start 3 May", "Congratulations!"),
        ("day 1 @ Brightwater. lanyard photo is awful", "Ha, they always are."),
    ])
    assert "works as deputy general counsel at Brightwater Foods" in card, card
    card = card_of(tmp_path / "maps", local_embedder, [
        ("I checked on Google Maps, it's 20 minutes to the office by bike", "Nice commute."),
        ("first day at Google today.", "Congratulations!")])
    assert "works at Google." in card, card
    card = card_of(tmp_path / "fresh", local_embedder, [
        ("got my parcel from Amazon Fresh, finally", "Enjoy!"), ("first day at Amazon today.", "Congratulations!")])
    assert "works at Amazon." in card, card


def test_a_divorce_made_final_is_the_users_status_and_not_anyone_elses(tmp_path, local_embedder):
    assert ("user", "marital", "divorced", "") in said("divorce finalised this morning. strange feeling")
    assert not {u for u in said("my brother's divorce was final last year") if u[1] == "marital"}
    assert ("user", "marital", "widowed", "") in said("I'm widowed, 3 yrs now")
    card = card_of(tmp_path, local_embedder, [("Ruth here. divorce came through today. odd", "Hi Ruth, that's a lot.")])
    assert card.startswith("Who they are: Ruth; divorced."), card


def test_a_favourite_noted_in_brackets_after_its_title():
    found = said("need a new book for the train. reread Piranesi (fav) twice")
    assert ("user", "favourite:book", "Piranesi", "") in found
    assert ("user", "favourite:", "Lord of the Flies", "") in said("finally reread Lord of the Flies (my fave)")


def test_a_plan_in_an_aside_of_several_notes_is_the_note_with_its_date():
    plans = {u[2] for u in said("new tyres on. (cycling since uni, riding the Dales 100 in July)") if u[1] == "plan"}
    assert len(plans) == 1 and all("Dales 100 in July" in p and "since uni" not in p for p in plans), plans


def test_an_injury_a_scan_names_is_a_condition_with_its_side():
    found = said("scan back: ruptured achilles, R ankle. boot for 6 wks")
    assert ("user", "condition", "ruptured achilles", "R ankle") in found
    assert not {u for u in said("my flatmate has a broken wrist") if u[1] == "condition"}


def test_a_car_by_a_model_named_before_with_its_maker(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("Odyssey vs Sienna? I need to fit 3 kids and a dog.", "The Toyota Sienna is hybrid-only, so it saves fuel."),
        ("test drove the Odyssey AND the Sienna today!!", "How did they compare?"),
        ("Is the Sienna's mileage better than the Odyssey's?", "Yes, by about 10 mpg."),
        ("WE BOUGHT THE SIENNA!!! traded in the Pilot", "Congratulations on the new minivan!")])
    assert "car: Sienna" in card, card
    card = card_of(tmp_path / "van", local_embedder, [
        ("Budget is 20 grand for a van.", "You'd get a 2021 Vauxhall Vivaro or a Renault Trafic."),
        ("The Vivaro's reversing sensor beeps at nothing every time it rains.", "Clean the sensors first.")])
    assert "car: Vivaro" in card, card
    card = card_of(tmp_path / "sienna", local_embedder, [
        ("The Toyota Sienna ad is everywhere.", "It is!"), ("My friend Sienna's car broke down", "Oh no.")])
    assert "car:" not in card, card
