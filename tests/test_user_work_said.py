"""The user's employer and job said in passing, while talking of something else (usermodel/work_said.py)."""

from __future__ import annotations

from memoryos_mcp.language.nlp import parse
from memoryos_mcp.usermodel.extract import caseless, page_updates, recase

from .test_user_slots import card_of


def _work(text: str, reply: str = "Okay.") -> set[tuple[str, str]]:
    """(attribute, value) of the user's employer and job one message says."""
    text_ = recase(text, [reply])
    return {(u.attribute, u.value) for u in page_updates(parse([text_])[0], "", "2027-03-01 10:00:00", caseless(text),
                                                         reply=reply)
            if u.subject == "user" and u.attribute in ("employer", "job") and u.change != "end"}


def test_the_employer_is_where_the_users_people_and_shifts_are():
    assert ("employer", "Morrisons") in _work("My supervisor at Morrisons has changed the rota again.")
    assert ("employer", "Microsoft") in _work("Our department at Microsoft is getting a new director.")
    assert ("employer", "Asda") in _work("we're short-staffed at Asda again this weekend")
    assert ("employer", "Homebase") in _work("Another 11-hour shift at Homebase done.")
    assert ("employer", "Asda") in _work("Asda changed our rota again, typical.")
    assert ("employer", "Addenbrooke's") in _work("I'm on nights at Addenbrooke's until Thursday.")


def test_the_employer_is_where_the_user_has_been_for_years():
    assert ("employer", "Rolls-Royce") in _work("Been at Rolls-Royce for nine years, mostly in testing.")
    assert ("employer", "Thames Water") in _work("Thirty years with Thames Water and never a dull day.")
    assert ("employer", "HCL") in _work("I am working in HCL since 2017 as support engineer.")
    assert ("employer", "council") in _work("I work for the council, mostly in housing.")


def test_the_job_is_what_the_user_speaks_as_or_does():
    assert ("job", "midwife") in _work("As a midwife I get asked this a lot.")
    assert ("job", "paramedic") in _work("Being a paramedic at Christmas is grim, honestly.")
    assert ("job", "welder") in _work("Been a welder for 25 years, my eyes are going.")
    assert ("job", "teacher") in _work("I teach year 9 science at a comp in Wigan.")
    assert ("job", "cleaner") in _work("I clean hotels on the early shift.")
    assert ("job", "cafe owner") in _work("I run a little cafe by the harbour.")
    assert ("job", "nurse") in _work("Been nursing for nine years now, nothing shocks me.")
    assert ("job", "teacher") in _work("Twenty years in teaching and September still scares me.")
    assert ("job", "postman") in _work("In my fifteen years as a postman I've met every dog in town.")
    assert ("job", "stay-at-home mum") in _work("I'm a stay-at-home mum with three under five.")
    assert {("job", "copywriter"), ("employer", "Ogilvy")} <= _work("I'm a copywriter at Ogilvy, mostly print.")


def test_someone_elses_work_a_past_one_or_a_shop_is_not_the_users():
    assert ("employer", "Greggs") in _work("Ha, my manager at Greggs is off again.")
    assert not _work("my brother's manager at Tesco sounds awful")
    assert not _work("My ex boss at Boots still emails me.")
    assert not _work("I've been with EE for twelve years and the signal is still bad.")
    assert not _work("Been at the Marriott for four days, the spa is great.")
    assert not _work("Been at Glastonbury since Wednesday, I'm shattered.")
    assert not _work("As a vegetarian I skip the gravy.")
    assert not _work("my uncle has been at Vauxhall for 20 years")
    assert not _work("I teach my daughter the piano at weekends.")
    assert not _work("I've been nursing a sore throat all week.")
    assert not _work("Her forty years as a miner's wife were hard.")
    assert not _work("I drive to the station every morning.")
    assert not _work("our team at Villa Park lost again")
    assert not _work("I'm a member at the leisure centre now.")


def test_work_said_in_passing_fills_the_card_and_replaces_no_value(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("Been a sonographer for eleven years and the machines still surprise me.", "That's a long career."),
        ("Ha, my boss at Kier says we can leave early on Friday.", "Nice!"),
        ("Our team at Galliford Try came round to see the site, they were lovely.", "Sounds fun."),
        ("As a teacher's son I always hated Sunday nights.", "Ha, understandable."),
    ])
    assert "Who they are: works as sonographer at Kier." in card


def test_notice_given_ends_the_employer_and_a_feast_in_the_reply_capitalises_no_day():
    found = _ends("put in my two weeks at Kestrel today, last day is friday.")
    assert ("employer", "Kestrel") in found
    said = recase("gave my notice, last day is the 30th, new year fresh", ["Happy Mother's Day! New Year soon."])
    assert "last day" in said and "new year" in said


def _ends(text: str) -> set[tuple[str, str]]:
    return {(u.attribute, u.value) for u in page_updates(parse([recase(text, ["Well done!"])])[0], "",
                                                          "2027-05-03 10:00:00", caseless(text)) if u.change == "end"}


def test_a_job_said_in_passing_keeps_the_job_looked_at(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("I work as a receptionist at Halvorsen Dental, temping.", "Got it."),
        ("Applied for a practice manager post at Brookfield Clinic tonight.", "Good luck!"),
        ("As a receptionist I get no proper lunch break, it's grim.", "That's tough."),
        ("Started at Brookfield Clinic today!", "Congratulations!"),
    ])
    assert "practice manager at Brookfield Clinic" in card
