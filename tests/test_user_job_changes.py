"""A new job, a new employer or no job at all, said the way people say it: a title given ("my manager made me shift
lead", "since I took over as head of finance", "the promotion to principal engineer went through"), an employer
said in passing ("two months in at Harwick Logistics", "first shift at the Royal Oak done"), work ended and what
the user is now ("I'm unemployed now", "went freelance"). A gym started at, a lesson in what made someone better,
and someone else's promotion are none of these."""

from __future__ import annotations

from benchmarks.changes import stale_lines
from tests.test_user_slots import card_of, said


def test_a_title_given_or_taken_over_is_the_job_and_not_what_made_someone_better():
    assert ("user", "job", "shift lead", "") in said("My manager made me shift lead last week, more keys to carry.")
    assert ("user", "job", "head of finance", "") in said("Ever since I took over as head of finance the emails "
                                                          "never stop.")
    assert ("user", "job", "principal engineer", "") in said("The promotion to principal engineer went through "
                                                             "on Monday!")
    assert ("user", "job", "charge nurse", "") in said("Quieter weeks now I'm charge nurse, though the rota is mine.")
    # what made someone better, and someone else's promotion, give no title
    assert not {u for u in said("Teaching made me a calmer parent, honestly.") if u[1] == "job"}
    assert not {u for u in said("Running made me feel like a new person.") if u[1] == "job"}
    assert not {u for u in said("My wife took over as head of nursing in May.") if u[1] == "job"}


def test_an_employer_said_in_passing_and_not_a_gym_or_someone_elses():
    assert ("user", "employer", "Harwick Logistics", "") in said(
        "Two months in at Harwick Logistics and I finally know where the kettle is.")
    assert ("user", "employer", "Royal Oak", "") in said("also first shift at the royal oak done, feet are gone")
    assert ("user", "employer", "Dunmore Foods", "") in said("I work since six years at Dunmore Foods as a fitter.")
    assert ("user", "employer", "St Helen's", "") in said("I am a staff nurse on the stroke ward at St Helen's.")
    assert ("user", "employer", "Pryce & Dunne", "") in said("The induction at Pryce & Dunne ran all week.")
    assert ("user", "employer", "Larkspur", "") in said("my onboarding at larkspur was chaos lol")
    # a gym, or someone else's workplace, is no employer
    assert not {u for u in said("first week at the gym done, legs are jelly") if u[1] == "employer"}
    assert not {u for u in said("The induction at Leeds University was all fire drills.") if u[1] == "employer"}
    assert not {u for u in said("My brother is a month in at Deloitte and hates it.") if u[:2] == ("user", "employer")}


def test_a_job_with_the_employer_the_parse_hung_on_the_verb_or_the_name():
    assert ("user", "employer", "Hollybrook School", "") in said("I'm a headteacher at Hollybrook School.")
    found = said("Good evening. I'm Grace Okafor, headteacher at Hollybrook Primary, and my deputy nags me.")
    assert {u[2] for u in found if u[1] == "employer"} == {"Hollybrook Primary"}, found
    assert not {u for u in said("I'm a nurse at heart.") if u[1] == "employer"}


def test_an_offer_turned_down_is_not_the_job_and_i_got_it_takes_the_job_looked_at(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("CHINOOK OFFERED. Project manager, bridges and structures. $128k plus vehicle allowance.", "Congrats!"),
        ("Told Graham. He offered me associate on the spot. Too late, buddy.", "Good for you."),
        ("Start at Chinook is Monday 5 April. How do I not drown as a first-time PM?", "Plan your first 90 days.")],
        month="2027-03")
    assert card.startswith("Who they are: starts as project manager at Chinook on Mon 5 Apr"), card
    card = card_of(tmp_path / "got", local_embedder, [
        ("I'm a software tester at Kestrel Systems.", "Nice."),
        ("job ad on the intranet! automation team want a junior automation tester. im applying", "Go for it!"),
        ("interview done\nthink it went ok??\ntech task was adding tests to a fake payroll page", "Well done!"),
        ("I GOT IT\njunior automation tester\nstart mon 2nd nov", "Congratulations!")], month="2026-09")
    assert "junior automation tester" in card.splitlines()[0], card  # "interview done" / "tech task" is no job
    card = card_of(tmp_path / "thanks", local_embedder, [
        ("I'm a software tester at Kestrel Systems.", "Nice."),
        ("job ad up: automation team want a junior automation tester. applying", "Go for it!"),
        ("Got it, thanks!", "You're welcome.")], month="2026-09")
    assert card.startswith("Who they are: works as software tester at Kestrel Systems"), card


def test_out_of_work_or_working_for_oneself_is_said_as_it_is(tmp_path, local_embedder):
    assert ("user", "job", "unemployed", "") in said("they shut the depot, so I'm unemployed now")
    assert ("user", "job", "freelance", "") in said("After the restructure I went freelance.")
    card = card_of(tmp_path, local_embedder, [
        ("I'm a barista at Grindhouse Coffee, the early shift.", "Early starts!"),
        ("Grindhouse let half of us go on Friday. I've decided to go freelance as a photographer.", "Good luck."),
    ])
    assert "works freelance" in card, card
    assert not stale_lines(card, ("Grindhouse", "barista")), card


def test_notice_handed_in_with_the_new_job_keeps_the_new_employer(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("I'm an account manager at Corvid Media.", "Noted."),
        ("Handed in my notice today, I start at Pellow Partners in March as head of content.", "Congratulations!"),
    ])
    assert "head of content at Pellow Partners" in card and "until" not in card, card
    assert not stale_lines(card, ("Corvid",)), card


def test_the_place_the_user_is_now_after_resigning_is_the_employer(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("I am a clerk at Tamsin Shipping.", "Noted."),
        ("My resignation I handed in last month. Now I am at Halcyon Insurance, in the claims team.", "Well done."),
    ])
    assert "Halcyon Insurance" in card, card
    assert not stale_lines(card, ("Tamsin",)), card


def test_a_course_keeps_what_it_is_in_and_finished_studies_leave_the_card(tmp_path, local_embedder):
    assert ("user", "course", "ten-week course in conversational Italian", "") in said(
        "I've enrolled on a ten-week course in conversational Italian, Tuesdays after work.")
    card = card_of(tmp_path, local_embedder, [
        ("I'm doing my masters in Marine Biology at Plymouth University, final year now.", "Final year, exciting."),
        ("My masters is finished, the certificate came in the post today!", "Congratulations!"),
    ])
    assert not stale_lines(card, ("Marine Biology",)), card


def test_a_new_job_said_as_title_and_employer_with_the_day_it_starts():
    assert {("user", "job", "senior veterinary adviser", ""), ("user", "employer", "Wellington City Council", "")} <= \
        said("Senior Veterinary Adviser, Wellington City Council, starting Monday 2 November.")
    assert {("user", "job", "data analyst", ""), ("user", "employer", "Monzo", "")} <= said(
        "Accepted the offer: data analyst at Monzo, starting 3 March.")
    assert not {u for u in said("My sister is a nurse at St James's, starting Monday.") if u[0] == "user"}
    assert not {u for u in said("Reminder: therapist at Mind Matters, starts at 4pm Thursday.") if u[0] == "user"}
    assert ("user", "job", "senior veterinary adviser", "") in said(
        "Senior Veterinary Adviser at Wellington City Council, starting Monday 2 November.")
    assert ("user", "employer", "Monzo", "") in said("Accepted the offer: data analyst at Monzo, starts 3 March.")
    assert not {u for u in said("Update on my brother: nurse at Leeds General, starting Monday.") if u[0] == "user"}
