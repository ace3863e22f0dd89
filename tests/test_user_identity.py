"""Who the user is, read from the parse of what they say in any wording, through the MCP tools of a fresh
server: name, home and employer; a new employer replaces the old one in the card and in answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from memoryos_mcp.language.nlp import parse
from memoryos_mcp.usermodel.extract import caseless, page_updates, recase
from memoryos_mcp.usermodel.identity import identity_updates
from tests.support import blocking_client
from tests.test_comprehensive import stdio_client_for, write_config

#: A terse, code-switching texter: no phrasing the dev cases use.
CHAT = [
    ("habari! names Kip btw, call me Kip", "Habari Kip! Nice to meet you. How can I help?"),
    ("we moved to Nakuru last month, still unpacking", "Welcome to Nakuru! Unpacking takes forever."),
    ("I'm Kalenjin, mum's 11 hens are laying well", "Eleven hens, that's a lot of eggs!"),
    ("I work for Kenya Power as a logistics manager. long days", "Logistics is never quiet. Hang in there."),
    ("big news. started at Safaricom on Monday!!", "Congratulations on the new job at Safaricom!"),
]


def updates(text: str, reply: str = "") -> set[tuple[str, str, str]]:
    return {(u.subject, u.attribute, u.value)
            for s in parse([text])[0] for u in identity_updates(s, reply, asking=s.request)}


def test_the_parse_reads_who_the_user_is_in_varied_wordings():
    assert ("user", "name", "Kip") in updates("Call me Kip.")
    assert ("user", "name", "Njoki") in updates("My name is Njoki.")
    assert ("user", "home", "Eldoret") in updates("I'm based in Eldoret these days")
    assert ("user", "employer", "Moi Girls") in updates("I teach at Moi Girls.")
    assert updates("Just joined Safaricom as a data analyst") >= {("user", "employer", "Safaricom"),
                                                                   ("user", "job", "data analyst")}
    assert ("Njeri", "role", "wife") in updates("My wife Njeri says hi.")
    assert ("Njeri", "role", "wife") in updates("Njeri is my wife")
    assert ("Biscotte", "role", "kitten") in updates("We adopted a kitten called Biscotte")
    assert ("Pilot", "role", "retired greyhound") in updates(  # the kind as said
        "We finally adopted a retired greyhound, his name is Pilot!")
    assert ("user", "name", "Dani") in updates("dani here.", "Hey Dani!")
    assert ("Thao", "role", "wife") in updates("My wife Thao ask: is kindergarten free?")
    assert updates("Can I work at Google?") == set()


def test_a_people_an_age_a_wish_or_a_passing_name_is_never_who_the_user_is():
    assert updates("I'm Kalenjin by the way", "Kalenjin runners are famous!") == set()
    assert updates("my mum is Kalenjin") == set()
    assert updates("I'm 34") == set()
    assert updates("I don't live in Nairobi anymore") == set()
    assert updates("I'm going to move to Mombasa") == set()
    assert updates("If I moved to Kisumu I'd be happier") == set()
    assert updates("kids first day at St Aidan's.") == set()
    assert updates("I'm Kip", "Hi Kip, welcome!") == {("user", "name", "Kip")}
    assert updates("I'm Kip", "That sounds hard.") == set()  # a name said in passing needs the reply to use it


@pytest.mark.slow
def test_a_fresh_server_learns_name_home_employer_and_serves_the_new_employer(tmp_path: Path) -> None:
    config = write_config(tmp_path, short_term_capacity=10)
    with open(tmp_path / "server.log", "w", encoding="utf-8") as errlog, \
            blocking_client(stdio_client_for(config, errlog)) as client:
        for day, (user_input, agent_response) in enumerate(CHAT, start=1):
            added = client.call("add_memory", {"user_input": user_input, "agent_response": agent_response,
                                               "timestamp": f"2027-08-{day:02d} 19:00:00"})
            assert not added.is_error, added.content
        card = client.call("get_user_profile", {"include_knowledge": False}).structured_content["user_profile"]
        who = card.splitlines()[0]
        assert who.startswith("Who they are: Kip; lives in Nakuru;"), card
        assert "Safaricom" in who and "Kenya Power" not in who and "Kalenjin" not in card, card
        assert "age 11" not in card, card
        result = client.call("retrieve_memory", {"query": "Where do I work now?", "max_results": 5,
                                                 "reference_time": "2027-08-06 09:00:00"})
        facts = result.structured_content["retrieved_user_knowledge"]
        assert facts and "Safaricom" in facts[0]["knowledge"], facts
        assert all("Kenya Power" not in fact["knowledge"] for fact in facts), facts


def page(text: str, reply: str = "") -> set[tuple[str, str, str]]:
    """What one whole message says, as the learner reads it (requests, signatures and people included)."""
    said = recase(text, [reply])
    return {(u.subject, u.attribute, u.value)
            for u in page_updates(parse([said])[0], "", "2027-03-01 10:00:00", caseless(text), reply=reply)}


def test_who_people_are_is_read_in_the_words_chat_uses():
    assert ("Jan", "role", "dad") in page("my dad's called Jan")
    assert ("Tom", "job", "chef") in page("my husband, Tom, is a chef")
    assert ("boyfriend", "employer", "Google") in page("my boyfriend works at Google")
    assert ("Rosa", "role", "mum") in page("Mum (Rosa) is coming, what should I cook?")
    assert ("Jürgen", "role", "team lead") in page("What is 'Überstunden'? My team lead Jürgen say it often.")
    assert ("user", "name", "Carmen") in page("quick q, my name's Carmen btw, what's a good recipe for paella?")
    assert ("user", "name", "Tomasz") in page("Could you tidy up this email? Hi Jo, the rota is attached. — Tomasz")
    assert ("user", "allergy", "penicillin") in page("How to say 'I am allergic to penicillin' in German?")
    assert ("user", "favourite:programme", "Sunday Miscellany") in page(
        "I always listen to Sunday Miscellany on Radio 1. It's my favourite programme.")
    assert ("user", "employer", "") in page("handed in my notice today!!")
    assert not {u for u in page("Thanks, see you Monday") if u[1] == "name"}
    assert not {u for u in page("thanks Mum") if u[1] == "name"}
    for said in ("We went to France last year and I love Paris", "I'm flying on Friday - Lisbon"):
        assert not {u for u in page(said) if u[1] == "name"}, said  # a word inside a sentence signs nothing
    assert ("user", "age", "24") in page("salut! i have 24 years, english is my second language")
    assert ("user", "age", "34") in page("I'm 34 years old")
    assert not {u for u in page("I have 10 years of experience in sales") if u[1] == "age"}
