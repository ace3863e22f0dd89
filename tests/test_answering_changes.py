"""A question why the user gave something up or had it changed, asked over MCP: answered by what they said when it
ended (the page that closed the value in the user model), and by what replaced it when asked; not by the chatter that
only shares its words ("Won netball 21-9")."""

from __future__ import annotations

import pytest

from memoryos_mcp.models import Fact
from memoryos_mcp.records import Value
from memoryos_mcp.search.asked import asked
from memoryos_mcp.search.changes import NO_WHY, Why, asks_why_ended, one_why, why_ended
from memoryos_mcp.usermodel.statements import Statement
from memoryos_mcp.usermodel.values import USER
from tests.test_answering import _facts, _remember

NETBALL = [
    ("I play netball on Tuesday nights, social comp. It's the only thing keeping me sane.", "Sounds fun!",
     "2026-06-09 19:00:00"),
    ("Won netball 21-9! Goal attack all game.", "Great win!", "2026-06-16 19:00:00"),
    ("Lost netball 12-14. Missed about six shots.", "Unlucky, there's always next week.", "2026-06-23 19:00:00"),
    ("Netball won again. Callum came to watch and cheered for the wrong team.", "Ha!", "2026-07-14 19:00:00"),
    ("Got the term roster. Evenings every Tuesday and Thursday, so netball is dead. RIP.", "Sorry, that's a loss.",
     "2026-08-13 19:00:00"),
    ("I've started bouldering at a gym near work, I go twice a week now.", "A good fit for shifts.",
     "2026-08-16 19:00:00"),
    ("Bouldering again tonight, finally got the purple problem.", "Nice one!", "2026-09-01 19:00:00"),
]

MEDICATION = [
    ("Dr Oduya put me on naproxen, 500 mg twice a day, for my back.", "Take it with food.", "2027-01-18 09:00:00"),
    ("My back is a bit better, walking to the shops again.", "Good progress.", "2027-01-25 09:00:00"),
    ("Picked up my medication at the pharmacy on the way back from bowls.", "Good.", "2027-01-28 09:00:00"),
    ("Switched my walking route to the park, it is flatter and easier on my back.", "Sensible.",
     "2027-02-01 09:00:00"),
    ("I saw Dr Oduya about the heartburn. She agreed the naproxen was the culprit and has stopped it. Instead I am "
     "now taking celecoxib, 200 mg once a day.", "Celecoxib is gentler on the stomach.", "2027-02-08 09:00:00"),
    ("Started tai chi at the community centre on Thursdays.", "Lovely for balance.", "2027-02-25 09:00:00"),
    ("The surgery switched my back review to a Thursday, so I take the bus now.", "Handy.", "2027-02-26 09:00:00"),
    ("I take the stairs slowly now, my back medication makes me dizzy some mornings.", "Mention it to Dr Oduya.",
     "2027-02-27 09:00:00"),
]

CURLING = [
    ("Curling tonight. We lost to four retirees, and I skip, so that one's on me.", "Next time!",
     "2027-01-13 21:00:00"),
    ("GP thinks it's the meniscus. She's sending me for an MRI. No curling until she's seen the results.",
     "Rest it until then.", "2027-01-22 09:00:00"),
    ("Curling club dinner on Friday, I'll go anyway.", "Enjoy it.", "2027-02-05 09:00:00"),
    ("Curling is honestly the best two hours of my week. I miss it.", "It'll be back.", "2027-02-06 09:00:00"),
    ("Bought new curling shoes in the sale, for next season.", "Optimistic!", "2027-02-08 09:00:00"),
]


def _top(facts: list[str], n: int = 3) -> str:
    return "\n".join(facts[:n])


@pytest.mark.usefixtures("backend")
def test_why_an_activity_was_given_up_and_what_replaced_it(tmp_path, local_embedder):
    memory = _remember(tmp_path, local_embedder, NETBALL)
    question = "Why did I give up netball, and what do I do instead?"
    facts = _facts(memory, [question, "Why did I give up netball?"], "2026-09-10")
    assert "roster" in _top(facts[question]) and "bouldering" in _top(facts[question]), facts[question]
    assert "roster" in facts["Why did I give up netball?"][0], facts["Why did I give up netball?"]


@pytest.mark.usefixtures("backend")
def test_each_why_of_a_question_asking_two_is_answered_over_mcp(tmp_path, local_embedder):
    chat = NETBALL + [(user, reply, when.replace("2027-0", "2026-1")) for user, reply, when in CURLING]
    memory = _remember(tmp_path, local_embedder, chat)
    question = "Why did I give up netball, and why did I stop curling?"
    top = _top(_facts(memory, [question], "2026-12-01")[question], 4)
    assert "roster" in top and "meniscus" in top, top


@pytest.mark.usefixtures("backend")
def test_why_a_medicine_was_switched_asked_first_or_in_the_second_part(tmp_path, local_embedder):
    memory = _remember(tmp_path, local_embedder, MEDICATION)
    switched = "Why was my back medication switched, and what do I take now?"
    first = "Which tablet was I first put on, and why did the doctor swap it?"
    found = _facts(memory, [switched, first], "2027-03-01")
    assert "heartburn" in _top(found[switched]) and "celecoxib" in _top(found[switched]), found[switched]
    assert "naproxen" in _top(found[first]) and "heartburn" in _top(found[first]), found[first]


@pytest.mark.usefixtures("backend")
def test_why_something_stopped_that_the_model_never_held_is_what_said_it_stopped(tmp_path, local_embedder):
    memory = _remember(tmp_path, local_embedder, CURLING)
    question = "Why did I stop curling?"
    top = _top(_facts(memory, [question], "2027-02-10")[question], 2)
    assert "meniscus" in top, top


def _value(value_id: int, attribute: str, value: str, start: str, end: str | None, closed_by: int | None,
           sources: list[int]) -> Value:
    return Value(value_id, USER, attribute, value, "", None, start, end, "past" if end else "current", sources,
                 closed_by)


def _fact(fact_id: int, text: str, day: str, sources: list[int]) -> Fact:
    return Fact(knowledge=text, timestamp=day, id=fact_id, status="current", kind="user", first_seen=day,
                last_seen=day, mentions=1, corrected=False, sources=sources)


VALUES = [_value(1, "exercise", "netball", "2026-06-09", "2026-08-13", 4, [1]),
          _value(2, "exercise", "bouldering", "2026-08-16", None, None, [5]),
          _value(3, "plan", "Porto trip with Ana in May", "2026-04-01", "2026-05-20", 3, [2]),
          _value(4, "medication", "ramipril", "2026-07-01", None, None, [6])]
FACTS = [_fact(10, "User had dinner with Ana, who loved Porto", "2026-05-20", [3]),
         _fact(11, "User got the term roster; User said netball is dead", "2026-08-13", [4]),
         _fact(12, "User's sister has no car; User's sister is off to Spain next week", "2026-08-20", [7]),
         _fact(13, "User said no curling until the MRI", "2026-09-01", [8])]


def _why(query: str) -> Why:
    return why_ended(query, asked(query), VALUES, FACTS, []) if asks_why_ended(query) else NO_WHY


def test_a_why_about_someone_else_a_plan_gone_by_or_no_ending_forces_no_fact():
    for query in ("Why did my sister give up netball?", "Why did my dog stop eating?", "Why did Tom leave his job?",
                  "Why did I cancel the Porto trip?", "Why did my sister leave early?", "Why did Jon stop curling?",
                  "Why is my knee sore since I changed shoes?", "Why did I stop the ramipril?"):
        assert _why(query) == NO_WHY, query
    assert [f.id for f in _why("Why did I give up netball?").facts] == [11]
    assert [f.id for f in _why("Why did I stop curling?").facts] == [13]


def test_what_replaced_it_comes_when_asked():
    said = [Statement("User's exercise now: bouldering", "2026-08-16", (), (5,), USER, "exercise", "bouldering")]
    whole = "Why did I give up netball, and what do I do instead?"
    instead = why_ended(whole, asked(whole), VALUES, FACTS, said)
    assert [f.knowledge for f in instead.facts] == [FACTS[1].knowledge, "User's exercise now: bouldering"]
    alone = "Why did I give up netball?"
    assert len(why_ended(alone, asked(alone), VALUES, FACTS, said).facts) == 1


def test_each_why_of_a_question_asking_two_is_answered():
    both = "Why did I give up netball, and why did I stop curling?"
    assert not one_why(both) and one_why("Which tablet was I first put on, and why did the GP swap it?")
    assert [f.id for f in _why("why did I stop curling?").facts] == [13]
