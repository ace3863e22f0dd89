"""A change said in any words closes the value it names: a verb of ending ("grandad retired"), a negation said
with "any more" ("I don't do pilates any more", "I'm not at Boots anymore", "Callum and I aren't together any
more"), a thing said to be off ("the crete holiday's off"); and the card's notes from statement facts leave out
a line a newer statement about the same thing overtakes ("instead now"). What others call off ("choir was
cancelled tonight") or others retired ("mostly retired", "is retired headmaster") end nothing of the user's."""

from __future__ import annotations

import pytest

from benchmarks.changes import stale_lines
from tests.support import open_memory

CHAT = [
    ("Hi, I'm Moira. I do pilates twice a week.", "Hi Moira! Pilates is great for the core."),
    ("My boyfriend Callum is a paramedic.", "A demanding job!"),
    ("Booked a week in Crete from 14 June!", "Lovely, Crete in June."),
    ("I work at Boots as a pharmacist.", "Noted."),
    ("My grandad is a postman in Lerwick.", "Shetland!"),
    ("I take the ferry to work every day.", "A scenic commute."),
    ("I sing in a choir on Thursdays.", "Singing is good for the soul."),
    ("I don't do pilates any more, my back hated it.", "Fair enough, listen to your back."),
    ("Callum and I aren't together any more.", "I'm sorry, Moira."),
    ("the crete holiday's off, the airline went bust", "What a shame."),
    ("I'm not at Boots anymore, I'm a locum now.", "Locum work gives you freedom."),
    ("grandad retired on friday after 40 years", "Congratulations to him!"),
    ("I take the train to work instead now, the ferry was always late.", "Trains are more reliable."),
    ("Choir was cancelled tonight because the conductor is ill.", "A quiet Thursday, then."),
    ("My neighbour Hamish is retired headmaster from Perth.", "A good neighbour to have."),
    ("There were six of us at the pub quiz, mostly retired.", "Sounds like a sharp team."),
]


#: The pages before the changes: each value is on the card by then.
BEFORE = 7


@pytest.fixture(scope="module")
def cards(tmp_path_factory, local_embedder) -> tuple[str, str]:
    """The card before the changes were said and after."""
    memory = open_memory(tmp_path_factory.mktemp("changes"), embedder=local_embedder)
    found = []
    for pages in (CHAT[:BEFORE], CHAT[BEFORE:]):
        for user, assistant in pages:
            memory.add_memory(user, assistant, timestamp=f"2027-03-{CHAT.index((user, assistant)) + 1:02d} 09:00:00")
        memory.flush()
        found.append(memory.get_user_profile(include_knowledge=False).user_profile)
    return found[0], found[1]


def _closed(cards: tuple[str, str], value: str) -> None:
    before, after = cards
    assert value in before and not stale_lines(after, (value,)), f"{before}\n---\n{after}"


def test_an_activity_said_not_done_any_more_is_not_current(cards):
    _closed(cards, "pilates")


def test_a_break_up_ends_the_partner(cards):
    before, after = cards
    assert "Callum (boyfriend)" in before and "boyfriend" not in after, f"{before}\n---\n{after}"


def test_a_cancelled_plan_is_no_longer_coming_up(cards):
    _closed(cards, "Crete")


def test_an_employer_said_left_with_any_more_closes(cards):
    _closed(cards, "Boots")


def test_a_relative_who_retired(cards):
    _closed(cards, "postman")
    assert "retired" in cards[1], cards[1]


def test_a_note_overtaken_by_a_newer_statement_is_left_out(cards):
    _closed(cards, "ferry")


def test_one_occasion_called_off_leaves_the_habit(cards):
    assert stale_lines(cards[1], ("choir",)), cards[1]  # shown as current, not as "no longer"


def test_someone_else_retired_leaves_the_users_job(cards):
    assert "works as pharmacist" in cards[1], cards[1]
