"""The card carries what the statement facts know and the user model does not, by meaning: the newest line per
attribute, within the card's length; never a request, a dated event, someone else, or what the model says."""

from __future__ import annotations

from itertools import takewhile

import pytest

from memoryos_mcp.usermodel.card import MAX_CHARS
from tests.support import open_memory

CHAT = [
    ("I take the bus to work every day, the number 6.", "Handy."),
    ("Hi, I'm Kayla, I work as a colour technician at Halo in Finnieston.", "Nice to meet you, Kayla!"),
    ("I drive a Baleno now, grey colour.", "Nice car!"),
    ("I'm commuting by train now.", "Makes sense."),
    ("Can you remind me to ring the dentist on Friday?", "Sure, I'll remind you on Friday."),
    ("Ross is a bus driver, he drives the number 6.", "Nice."),
    ("I went to the cinema with Ross on Saturday and cried.", "Sounds emotional."),
]


@pytest.fixture(scope="module")
def card(tmp_path_factory, local_embedder) -> str:
    memory = open_memory(tmp_path_factory.mktemp("card_facts"), embedder=local_embedder)
    for day, (user, assistant) in enumerate(CHAT, start=1):
        memory.add_memory(user, assistant, timestamp=f"2026-11-{day:02d} 09:00:00")
    memory.flush()
    text = memory.get_user_profile(include_knowledge=False).user_profile
    memory.close()
    return text


def more(card: str) -> list[str]:
    """The card's lines from the statement facts."""
    lines = card.splitlines()
    return list(takewhile(lambda line: line.startswith("- "), lines[lines.index("More about them:") + 1 :]))


def test_a_value_only_the_facts_hold_is_on_the_card(card):
    assert "Drives a Baleno" in card
    assert card.index("Who they are") < card.index("More about them") and len(card) <= MAX_CHARS


def test_the_newest_line_of_an_attribute_is_shown_and_not_the_older(card):
    assert any("commuting by train" in line for line in more(card))
    assert not any("bus to work every day" in line for line in more(card))


def test_no_request_event_someone_else_or_what_the_model_shows(card):
    lines = " ".join(more(card))
    for said in ("dentist", "cinema", "driver", "colour technician"):
        assert said not in lines, said
