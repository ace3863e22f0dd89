"""Trips and stays booked for a span of days, said the ways chat says them: the days alone after the news
("booked Lisbon!! 2 to 5 April"), weekdays cut short ("fri 10 sep to sun 26 sep"), a span the tagger misses
("the May long weekend, 22-24 May"), and a leaving day that is a plan, not an ending ("we leave on Friday 18
June"). Six read chats (session 31) had such a trip on no card."""

from __future__ import annotations

from tests.test_user_model import section
from tests.test_user_slots import card_of


def test_a_trip_booked_for_a_span_of_days_is_coming_up_with_its_days(tmp_path, local_embedder):
    chat = [
        ("bartek just told me he booked us a weekend in vienna for the christmas markets!! 10 to 12 december, "
         "by train.", "What a lovely present!"),
        ("Lucía and me booked Lisbon!! 2 to 5 April, Friday to Monday. Girls trip", "Enjoy!"),
        ("We're camping in Waterton over the May long weekend, 22-24 May, at the townsite campground.", "Fun."),
        ("BOOKED VIETNAM. fri 10 sep to sun 26 sep, melbourne to da nang via singapore.", "Exciting!"),
        ("Abel Tasman: it's flat enough for the knee, allegedly, and close to my father. Four days, 3 to 6 January.",
         "Lovely walk."),
    ]
    plans = section(card_of(tmp_path, local_embedder, chat, month="2026-11"), "Coming up")
    assert "Thu 10 Dec (10 to 12 december): " in plans and "vienna" in plans, plans
    assert "Fri 2 Apr (2 to 5 April): Lucía and them booked Lisbon" in plans, plans
    assert "Sat 22 May (22-24 May): Camping in Waterton" in plans, plans
    assert "Fri 10 Sep (fri 10 sep to sun 26 sep): Booked vietnam" in plans, plans
    assert "Sun 3 Jan (3 to 6 January): Abel Tasman" in plans, plans


def test_a_span_after_its_month_is_the_trip_before_it_and_a_day_put_right_keeps_its_month(tmp_path, local_embedder):
    chat = [("Jess and I just booked a girls weekend in Fredericksburg!!! January 14-16, wineries, a B&B and NO ONE "
             "asking me for a snack", "Sounds perfect!")]
    plans = section(card_of(tmp_path, local_embedder, chat, month="2027-10"), "Coming up")
    assert "Fri 14 Jan (January 14-16): Jess and they just booked a girls weekend in Fredericksburg" in plans, plans
    chat.append(("oops, I told you the Fredericksburg trip was January 14th. actually it's the 21st to the 23rd, not "
                 "the 14th! Jess had to swap because her sister's baby shower is that weekend", "Noted, 21 to 23."))
    plans = section(card_of(tmp_path / "put right", local_embedder, chat, month="2027-10"), "Coming up")
    assert "Fri 21 Jan (the 21st to the 23rd): Jess and they just booked a girls weekend in Fredericksburg" in plans, \
        plans
    assert "14 Jan" not in plans and "Oct" not in plans, plans
    chat = [("my sister's wedding is January 14th in Austin", "Lovely!"),
            ("actually it's the 21st, not the 14th", "OK.")]
    plans = section(card_of(tmp_path / "wedding", local_embedder, chat, month="2026-12"), "Coming up")
    assert "Thu 21 Jan: Their sister's wedding is January 21st in Austin" in plans, plans
    chat = [("I've been so stressed about work lately, my manager keeps piling things on me and I can't sleep. "
             "Friday I'm seeing the dentist.", "Sorry to hear.")]
    plans = section(card_of(tmp_path / "dentist", local_embedder, chat, month="2026-12"), "Coming up")
    assert "Friday they're seeing the dentist" in plans and "stressed" not in plans, plans


def test_leaving_on_a_day_ahead_is_a_plan_and_not_an_ending(tmp_path, local_embedder):
    chat = [("Graham has booked Tofino for our anniversary: we leave on Friday 18 June and return on Sunday 20 "
             "June.", "How lovely!")]
    plans = section(card_of(tmp_path, local_embedder, chat, month="2027-05"), "Coming up")
    assert "Fri 18 Jun: Graham has booked Tofino" in plans, plans
    chat = [("I'm doing swimming every morning now.", "Great."), ("I quit swimming last month, too cold.", "Fair.")]
    card = card_of(tmp_path / "quit", local_embedder, chat, month="2027-05")
    assert "Activities" not in card and "no longer swimming" in card, card


def test_a_day_and_month_that_are_no_date_make_no_plan(tmp_path, local_embedder):
    chat = [("I bought 10 marbles for the kids and 3 may go missing by Friday.", "Ha!"),
            ("Round the prices to 2 dec places please.", "Done.")]
    assert "Coming up" not in card_of(tmp_path, local_embedder, chat, month="2027-05")


def test_a_day_said_after_its_weekday_and_a_comma_is_that_day_and_a_sentence_with_its_own_words_stands_alone(
        tmp_path, local_embedder):
    chat = [("The pre-operative appointment is on Tuesday, January 5th, at ten o'clock in the morning.", "Noted."),
            ("Fewer attacks since I gave up the late milk tea shifts, the doctor is pleased. Next check up 8 June",
             "Great news.")]
    plans = section(card_of(tmp_path, local_embedder, chat, month="2026-12"), "Coming up")
    assert "Tue 5 Jan: The pre-operative appointment" in plans, plans
    assert "Tue 8 Jun: Next check up" in plans and "milk tea" not in plans, plans


def test_a_day_with_a_month_cut_short_and_the_time_of_day_after_it_is_a_plan(tmp_path, local_embedder):
    chat = [("flight 3 apr evening, booked it", "Nice."), ("I'm a nurse. I retire this summer, can't wait", "Enjoy!")]
    card = card_of(tmp_path, local_embedder, chat, month="2027-01")
    assert "Sat 3 Apr: Flight" in section(card, "Coming up"), card
    assert "retired" not in card, card


def test_a_past_verb_in_another_clause_leaves_the_day_ahead(tmp_path, local_embedder):
    chat = [("Christmas plan: we're driving up to Tulsa on the 23rd to see my mom and dad, they retired there a few "
             "years ago.", "Long drive!")]
    plans = section(card_of(tmp_path, local_embedder, chat, month="2027-12"), "Coming up")
    assert "Thu 23 Dec: Christmas plan: they're driving up to Tulsa" in plans, plans
    chat = [("On Saturday we went to the zoo, it was great.", "Fun!")]
    assert "Coming up" not in card_of(tmp_path / "zoo", local_embedder, chat, month="2027-12")


def test_a_month_then_its_days_after_a_comma_is_one_date(tmp_path, local_embedder):
    chat = [("Pieter has suggested we go away for a weekend to the Cederberg in October, the 16th to the 18th, and "
             "take the dogs.", "Lovely."), ("Her party is in May, on the 9th.", "Noted.")]
    plans = section(card_of(tmp_path, local_embedder, chat, month="2026-08"), "Coming up")
    assert "Fri 16 Oct (16 to 18 October): Pieter has suggested they go away" in plans, plans
    assert "Sun 9 May: Her party is in May, on the 9th" in plans, plans
