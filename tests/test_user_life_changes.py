"""Life changes said in plain English: a job left or lost, a promotion, a new manager, a partner asked out,
engaged or married, a parting, a birthday, an accepted offer; each read through the learner and applied to
what is known, then shown on the card through the engine."""

from __future__ import annotations

from memoryos_mcp.language.nlp import parse
from memoryos_mcp.records import Value
from memoryos_mcp.usermodel.apply import apply
from memoryos_mcp.usermodel.extract import caseless, page_updates, recase
from tests.test_user_slots import card_of, said, work_read


def _after(text: str, *known: tuple[str, str, str]) -> tuple[set[tuple[str, str, str]], set[tuple[str, str, str]]]:
    """(added, closed) as (subject, attribute, value) when `text` is said with `known` values current."""
    current = [Value(n, s, a, v, "", None, "2027-01-05", None, "current") for n, (s, a, v) in enumerate(known, 1)]
    text_ = recase(text, [])
    updates = page_updates(parse([text_])[0], "", "2027-02-10 09:00:00", caseless(text))
    changes = apply(list(current), updates, "2027-02-10")
    closed = {(v.subject, v.attribute, v.value) for v in current if v.id in changes.closed}
    return {(v.subject, v.attribute, v.value) for v in changes.added}, closed


def test_a_job_left_or_lost_closes_the_employer_named_or_held():
    held = ("user", "employer", "Kestrel Logistics")
    for text in ("Friday was my last day at Kestrel.", "finished up at Kestrel yesterday, weird feeling",
                 "I've been made redundant from Kestrel.", "Got sacked this morning.", "I was let go on Monday.",
                 "made redundant today, gutted", "I've just been made redundant."):
        assert _after(text, held)[1] == {held}, text
    assert _after("My last day at Kestrel.", ("user", "employer", "Harbour Bank"))[1] == set()
    for text in ("My husband was made redundant.", "I might be made redundant next month.",
                 "I finished at 6 tonight.", "I got fired up by that speech."):
        assert _after(text, held)[1] == set(), text


def test_a_promotion_is_the_new_job_and_a_grade_after_a_title_is_part_of_it():
    assert _after("Just got promoted to shift manager!", ("user", "job", "nurse")) == (
        {("user", "job", "shift manager")}, {("user", "job", "nurse")})
    assert ("user", "job", "charge nurse", "") in said("I've been made charge nurse on the ward.")
    assert not {u for u in said("My brother got promoted to area manager.") if u[0] == "user"}
    assert not {u for u in said("I made the barista laugh.") if u[1] == "job"}
    assert ("user", "job", "data engineer III", "") in said("I am Data Engineer III since the reorg.")


def test_a_job_said_by_what_is_done_for_whom_names_the_employer():
    assert ("user", "employer", "Marlow Freight", "") in said("I drive for Marlow Freight these days.")
    assert ("user", "employer", "Bright Homes", "") in said("I clean for Bright Homes, mostly offices.")
    assert not {u for u in said("I cook for my kids every night.") if u[1] == "employer"}


def test_an_offer_taken_is_the_employer_an_offer_alone_is_not():
    assert ("user", "employer", "Tidewell Care", "") in said("Got the offer from Tidewell Care, I start in April!")
    assert ("user", "employer", "Tidewell Care", "") in said("I accepted the offer from Tidewell Care.")
    assert not {u for u in said("I got an offer from Tidewell Care!") if u[1] == "employer"}


def test_a_new_manager_named_after_is_has_the_role_but_a_people_after_my_mum_is_is_no_name():
    assert ("Oluwaseun", "role", "manager", "") in said("My new manager is Oluwaseun.")
    assert not {u for u in said("my dad is Yoruba") if u[1] == "role"}


def test_a_partner_asked_out_engaged_or_married_gets_the_role_and_a_parting_closes_it():
    assert _after("Marek asked me to be his girlfriend and I said yes!", ("Marek", "role", "friend"))[0] == {
        ("Marek", "role", "boyfriend")}
    assert _after("Marek asked me to be his girlfriend. I said no.", ("Marek", "role", "friend"))[0] == set()
    assert _after("my boyfriend Marek and I got engaged last night", ("Marek", "role", "boyfriend")) == (
        {("Marek", "role", "fiancé")}, {("Marek", "role", "boyfriend")})
    assert ("Tomasz", "role", "husband", "") in said("my boyfriend Tomasz and I got married on Saturday")
    assert not {u for u in said("My sister got engaged to Marek.") if u[1] == "role" and u[2] != "sister"}
    assert _after("Ilse and I split up.", ("Ilse", "role", "girlfriend"))[1] == {("Ilse", "role", "girlfriend")}
    assert not {u for u in said("We split up the bill.") if u[3] == "partner"}


def test_a_birthday_says_the_age():
    for text, age in (("I'm 41 today", "41"), ("turned 29 yesterday lol", "29"), ("it was my 50th yesterday", "50")):
        assert {u[2] for u in said(text) if u[1] == "age"} == {age}, text
    assert not {u for u in said("My mum turned 70 yesterday.") if u[0] == "user" and u[1] == "age"}


def test_someone_elses_birthday_gives_their_new_age_in_place_of_the_old():
    added, closed = _after("My daughter Isla had a brilliant 13th yesterday!", ("Isla", "age", "12"))
    assert ("Isla", "age", "13") in added and closed == {("Isla", "age", "12")}
    assert ("Rory", "age", "7", "") in said("My nephew Rory is football mad. It's Rory's 7th birthday today.")
    assert ("Rory", "age", "7", "") in said("My nephew Rory is football mad. Rory's 7th was yesterday.")
    assert ("youngest", "age", "11", "") in said("Our youngest is 11 today, cake for breakfast.")
    assert ("brother", "age", "30", "") in said("my brother turned 30 on Sunday")


def test_a_birthday_still_to_come_or_someone_elses_gives_no_age():
    for text in ("My son turns 7 on Saturday.", "Our youngest is 11 next week.",
                 "My nephew Rory had a 2nd interview today.", "His daughter's 9th birthday was yesterday."):
        assert not {u for u in said(text) if u[1] == "age"}, text


def test_the_card_follows_a_job_left_and_a_new_partner(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("I work at Kestrel Logistics as a planner.", "Noted."),
        ("my boyfriend Aaron is coming over tonight", "Have fun!"),
        ("Aaron and I split up. It's for the best.", "I'm sorry."),
        ("Friday was my last day at Kestrel!!", "Onwards!"),
        ("Felix asked me to be his girlfriend. I said yes", "Congratulations!"),
    ])
    assert "Kestrel" not in card.split("\n", 1)[0], card
    assert "Felix (boyfriend)" in card and "Aaron (boyfriend)" not in card, card


def test_someone_acting_in_a_job_search_is_not_the_job_looked_at():
    assert work_read([("2027-02-01", "The Corvane recruiter phoned me, interview is next week!"),
                      ("2027-03-01", "Started at Corvane today!")])[-1] == set()
    assert work_read([("2027-02-01", "second interview monday with the hiring manager"),
                      ("2027-03-01", "Started at Corvane today!")])[-1] == set()


def test_a_shift_ended_or_a_job_nearly_lost_closes_nothing():
    held = ("user", "employer", "Pellow Foods")
    for text in ("Finished at Pellow late tonight, my feet are killing me.", "I was almost sacked on Tuesday.",
                 "I nearly got made redundant last year, but they found me a new team.",
                 "I have never been fired in my life.", "I was not let go, I left on my own terms."):
        assert _after(text, held)[1] == set(), text
    assert _after("I finished at Pellow for good on Friday.", held)[1] == {held}


def test_a_promotion_from_one_job_to_another_is_the_second():
    found = {u for u in said("I was promoted from cashier to deputy store manager.") if u[1] == "job"}
    assert found == {("user", "job", "deputy store manager", "")}


def test_an_offer_turned_down_is_no_employer():
    for text in ("Declined the offer from Quayside Labs, the starting pay was poor.",
                 "I turned down a job at Quayside Labs."):
        assert not {u for u in said(text) if u[1] == "employer"}, text


def test_a_birthday_long_past_is_no_age():
    assert not {u for u in said("I turned 25, and that was a good few years ago.") if u[1] == "age"}
