"""A change said in passing, in words no slot knows, retires the older statement about the same thing: "the darts
league folded, I've joined the quiz team instead" leaves no current fact (nor card line) saying the user plays
darts. A message of many statements is not retired whole for a change to one of them."""

from __future__ import annotations

import pytest

from benchmarks.changes import stale_lines
from tests.support import open_memory

CHAT = [
    ("I play in a darts league at the Red Lion on thursdays. Any tips to stop my elbow drifting?",
     "Keep the elbow still and let the forearm do the work."),
    ("I'm Fiona, I teach Year 4 at Millbrook Primary, and my lad Rory plays rugby on Saturdays.",
     "Nice to meet you, Fiona!"),
    ("how do I descale a kettle without the vinegar smell", "Citric acid works and leaves no smell."),
    ("The darts league folded after christmas, so I've joined the quiz team at the Red Lion instead.",
     "A quiz team is a good swap."),
    ("My lad Rory has stopped playing rugby, his shoulder couldn't take it.", "Sorry, I hope the shoulder mends."),
]
#: The pages before the changes.
BEFORE = 3


@pytest.fixture(scope="module")
def memories(tmp_path_factory, local_embedder) -> tuple[tuple[str, list[str]], tuple[str, list[str]]]:
    """(card, current facts) before the changes were said and after."""
    memory = open_memory(tmp_path_factory.mktemp("fact_changes"), embedder=local_embedder)
    found = []
    for start, pages in ((0, CHAT[:BEFORE]), (BEFORE, CHAT[BEFORE:])):
        for day, (user, assistant) in enumerate(pages, start=start + 1):
            memory.add_memory(user, assistant, timestamp=f"2027-03-{day:02d} 19:00:00")
        memory.flush()
        profile = memory.get_user_profile(include_knowledge=True)
        found.append((profile.user_profile, [item.knowledge for item in profile.user_knowledge]))
    return found[0], found[1]


def test_a_thing_said_to_have_ended_is_no_current_fact(memories):
    (_, before), (card, after) = memories
    assert any("darts" in fact for fact in before), before
    assert not any("darts league at the Red Lion" in fact for fact in after), after
    assert not stale_lines(card, ("darts league",)), card


def test_a_message_of_many_statements_stays_when_one_of_them_changes(memories):
    _, (_, after) = memories
    assert any("Millbrook Primary" in fact for fact in after), after
