"""Corrections and endings as people say them in passing: a misnamed pet or person, an age put right with "actually",
a job said "X, not Y", "no more squash"; a day of a month said without its year is the coming one, after "since"
none."""

from __future__ import annotations

from datetime import datetime

from memoryos_mcp.language.nlp import resolve_date
from tests.test_user_slots import card_of, said


def test_a_name_put_right_renames_the_one_known_by_it(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("Is it normal that our rabbit Clover sleeps so much?", "Rabbits nap a lot in the day."),
        ("sorry, autocorrect again: he's Clyde not Clover. Should I get him a friend?", "A bonded pair is happier."),
    ])
    assert "Clyde (rabbit)" in card and "Clover" not in card, card


def test_an_age_put_right_with_actually_replaces_the_one_said(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("my nephew tomas is 11 and loves chess", "Chess is a great hobby for Tomas at 11."),
        ("wait he's 12 actually, birthday was last week", "Happy birthday to Tomas!"),
    ])
    assert "Tomas (nephew): age 12" in card and "11" not in card, card


def test_the_value_after_not_is_the_wrong_one():
    found = said("I'm a paralegal, not a lawyer, so the exam is different.")
    assert ("user", "job", "paralegal", "") in found
    assert not any(value == "lawyer" for _, _, value, _ in found)


def test_a_plans_day_without_a_year_is_the_coming_one(tmp_path, local_embedder):
    said_in_march = resolve_date("the 21st of September", datetime(2027, 3, 1), ahead=True)
    assert said_in_march is not None and said_in_march.isoformat() == "2027-09-21"
    card = card_of(tmp_path, local_embedder, [("Our housewarming is on the 12th of October, I need a menu.",
                                                "Happy to help with the menu.")], month="2027-03")
    assert "12 Oct" in card and "housewarming" in card.lower(), card


def test_no_more_of_something_ends_it_but_a_limit_does_not(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("I play squash twice a week, any tips for my backhand?", "Keep the racket head up."),
        ("Doctor says my wrist needs rest, so no more squash for me. Ideas for staying fit?", "Try walking."),
    ])
    assert "Activities" not in card and "Exercise: no longer squash" in card, card
    assert not [u for u in said("It costs no more than ten euros, so fine.") if u[2].startswith("ten")]


def test_a_month_said_after_since_is_no_plan(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("My visa renewal has been pending since october and nobody answers the phone.", "That is frustrating.")],
        month="2027-01")
    assert "Coming up" not in card, card


def test_a_correction_said_of_someone_by_name_stays_theirs(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("The twins are Ruby and Jack. Jack is 6.", "Lovely ages."),
        ("Sorry, Ruby is 9, not 6, she's their big sister", "Got it."),
    ])
    assert "Ruby" in card and "age 9" in card and "Jack: age 6" in card, card


def test_no_more_of_a_thing_run_out_or_for_a_while_ends_nothing():
    for text in ("there's no more oat milk", "no more Spotify tonight, I have an exam",
                 "gutted, no more swimming lessons this month, the pool is shut"):
        assert not [u for u in said(text) if u[1] == ""], text


def test_which_of_two_known_pets_put_right_renames_neither(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("Our cats are Pip and Moss. Pip is 4 and Moss is 2.", "Lovely pair."),
        ("Moss knocked my plant over again.", "Cats love plants."),
        ("whoops sorry, Pip not Moss.", "Ah, Pip then."),
    ])
    assert "Pip: age 4" in card and "Moss: age 2" in card, card


def test_someone_elses_new_diet_in_a_request_is_not_the_users():
    assert not [u for u in said("My dad is visiting and he's gone vegan, what should I cook for him?")
                if u[1] == "diet"]
    assert ("user", "diet", "vegan", "") in said("I've gone vegan, what should I cook tonight?")
