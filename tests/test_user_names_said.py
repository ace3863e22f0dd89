"""Names as people write them: with letters beyond Latin-1 ("Łukasz", "Łódź", "Đỏ"), several pets named at once
("our two cats, Mango and Olive"), a pet adopted and then named ("his name is Pickles"), a name with the one the
person goes by ("her name is Juliana, everybody calls Ju"); and a plan said to be on another day now ("its now
oct 4"); a parting said after a lower-case "and" the parser took for a new sentence. A memory whose model holds
nothing yet shows what the statements know, not a keyword list."""

from __future__ import annotations

from memoryos_mcp.language.nlp import parse
from tests.test_user_slots import card_of, said


def test_names_and_places_with_letters_beyond_latin_1():
    assert {("Małgorzata", "role", "sister", ""), ("Małgorzata", "home", "Łódź", "")} <= said(
        "My sister Małgorzata lives in Łódź.")
    assert ("Łukasz", "job", "chef", "") in said("My brother Łukasz is a chef.")
    assert ("Đỏ", "role", "goldfish", "") in said("I have a goldfish named Đỏ.")


def test_pets_named_together_are_each_a_pet():
    assert {("Mango", "role", "cat", ""), ("Olive", "role", "cat", "")} <= said(
        "Our two cats, Mango and Olive, have started fighting over the window seat.")
    assert {("Bear", "role", "dog", ""), ("Lulu", "role", "dog", "")} <= said(
        "we have 2 dogs, bear and lulu. whats safe for them to chew", "For Bear and Lulu, try rubber toys.")
    assert {("Tom", "role", "cat", ""), ("Rex", "role", "dog", "")} <= said(
        "We have a cat called Tom and a dog called Rex.")
    assert not {u for u in said("My sister has two cats, Tom and Jerry.") if u[1] == "role"}
    assert not {u for u in said("We adopted two kittens, Sarah and Tom are thrilled.") if u[1] == "role"}


def test_a_pet_that_died_leaves_the_one_named_with_it(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("Our two cats, Mango and Olive, have started fighting over the window seat.", "Cats do fall out."),
        ("Olive's been calling round the house since we had Mango put to sleep last week.", "I'm so sorry.")])
    assert "Olive (cat)" in card and "Mango" not in card


def test_a_pet_adopted_then_named_and_a_person_named_after_a_pet_is_no_pet(tmp_path, local_embedder):
    assert ("Pickles", "role", "kitten", "") in said(
        "Adopted a kitten from the shelter, his name is Pickles, he's a menace.", "Congrats on Pickles!")
    card = card_of(tmp_path, local_embedder, [
        ("We got a puppy last week and my brother came over to see it.", "Lovely!"),
        ("His name is Ollie, he's a nurse.", "Nice.")])
    assert "Ollie (brother): nurse" in card
    assert ("Ollie", "role", "puppy", "") in said("We got a puppy last week! His name is Ollie.")


def test_a_pet_got_and_named_in_the_next_message(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("We adopted a rescue greyhound yesterday.", "How lovely!"),
        ("Her name is Misty, she is very shy.", "Give her time.")])
    assert "Misty (greyhound)" in card


def test_a_name_with_the_one_the_person_goes_by(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("my sister Ju is in final interviews for a job in Lisbon!!", "Fingers crossed for her!"),
        ("more about my sister\n- her name is Juliana, everybody calls Ju\n- she is UX designer\n- she is 30",
         "She sounds great.")])
    assert "Ju (Juliana, sister): UX designer, age 30" in card
    assert "Juliana (sister)" not in card


def test_a_name_said_later_in_the_sentence_is_no_name_they_go_by(tmp_path, local_embedder):
    assert not {u for u in said("my sister got a job. Her name is Juliana and she has a dog called Rex.")
                if u[1] == "fullname" or u[0] == "Rex" and u[1] == "role" and u[2] == "sister"}
    assert not {u for u in said("my brother is great. his name is Tom and he called Sarah last night")
                if u[0] == "Sarah"}
    for text in ("my sister is visiting. Her name is Rebecca but I call her Bex.",
                 "my sister is visiting. Her name is Rebecca, though most people call her Bex."):
        assert {("Bex", "role", "sister", ""), ("Bex", "fullname", "Rebecca", "")} <= said(text), text
    card = card_of(tmp_path, local_embedder, [
        ("My sister Ju is visiting with my mum.", "Lovely!"),
        ("Her name is Juliana, everybody calls her Ju.", "Pretty name.")])
    assert "Ju (Juliana, sister)" in card


def test_a_plan_said_to_be_on_another_day_now(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("we're doing the wedding on sept 20", "Congrats! Do you need help planning?"),
        ("what's a good playlist for a long drive", "Try some classic road-trip rock."),
        ("venue double booked so its now oct 4", "What a headache! Oct 4 is still lovely.")], month="2025-07")
    assert "4 Oct" in card and "20 Sep" not in card
    card = card_of(tmp_path / "on", local_embedder, [
        ("we're doing the wedding on sept 20", "Congrats!"),
        ("had to change the date, it's now on 4 October", "Noted.")], month="2025-07")
    assert "4 Oct" in card and "20 Sep" not in card


def test_another_plan_said_with_actually_or_a_clock_time_now_moves_no_plan(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("Flying to Crete on 14 September, can't wait.", "Lovely!"),
        ("Actually, my dentist appointment is on August 5, should I floss more?", "Yes, daily."),
        ("It's now 9am on Saturday and the kids are still asleep, we go to the zoo on August 8.", "Enjoy!")],
        month="2026-07")
    assert "14 Sep" in card and "5 Aug" in card


def test_a_memory_whose_model_holds_nothing_shows_the_statements_as_notes(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("my commute is 45 min on the 7 bus every day, any podcast ideas", "Try a history podcast.")])
    assert card.startswith("More about them:") and "7 bus" in card


def test_a_lower_case_and_goes_on_the_sentence_before_it():
    assert ("user", "", "Jess", "partner") in said("fyi Jess and I called it quits, its mutual, im ok.")
    assert [s.text for s in parse(["I went home. And then I slept."])[0]] == ["I went home.", "And then I slept."]
