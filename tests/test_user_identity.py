"""Who the user is, read from the parse of what they say in any wording, through the MCP tools of a fresh
server: name, home and employer; a new employer replaces the old one in the card and in answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from memoryos_mcp.language.nlp import parse
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
    assert ("Pilot", "role", "greyhound") in updates("We finally adopted a retired greyhound, his name is Pilot!")
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
