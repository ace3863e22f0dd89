"""A value closes only on evidence of change: what is said of someone else, as a wish or a condition, or of
another person's relative, and a value added to several, leave the user's current values as they are."""

from __future__ import annotations

import pytest

from tests.support import open_memory

CHAT = [
    ("Hi, I'm Clara. I work at Arup as an engineer and I live in Leeds.", "Hi Clara! Leeds is a great city."),
    ("My mum Jean lives in Scarborough.", "Scarborough is lovely."),
    ("I swim every morning before work.", "Great habit."),
    ("I'm vegetarian. My favourite podcast is The Rest Is History.", "Good choice."),
    ("I drive a Skoda Octavia.", "A solid car."),
    # someone else's values, in the words the rules read as the user's
    ("My sister took up running last month.", "Good for her!"),
    ("My brother has been vegan for years.", "Impressive."),
    ("Nadia's new favourite podcast is Serial.", "A classic."),
    ("Ross's mum lives in Paisley.", "Nice."),
    # a wish and a condition
    ("I'd love to work at Google one day.", "Why not?"),
    ("If I joined a boxing class I'd be fitter.", "Maybe!"),
    # one more value of several, said with "actually"
    ("Actually I also drive a Ford Fiesta for work.", "Two cars, then."),
]


@pytest.fixture(scope="module")
def memory(tmp_path_factory, local_embedder):
    memory = open_memory(tmp_path_factory.mktemp("closing"), embedder=local_embedder)
    for day, (user, assistant) in enumerate(CHAT, start=1):
        memory.add_memory(user, assistant, timestamp=f"2026-05-{day:02d} 09:00:00")
    memory.flush()
    return memory


@pytest.fixture(scope="module")
def card(memory) -> str:
    return memory.get_user_profile(include_knowledge=False).user_profile


def test_what_is_said_of_someone_else_closes_none_of_the_user_s_values(card):
    assert "swimming" in card and "running" not in card, card
    assert "vegetarian" in card and "vegan" not in card.replace("vegetarian", ""), card
    assert "The Rest Is History" in card and "Serial" not in card, card


def test_another_person_s_relative_is_not_the_user_s(card):
    assert "lives in Scarborough" in card and "Paisley" not in card, card


def test_a_wish_or_a_condition_changes_nothing(card):
    assert "engineer at Arup" in card and "Google" not in card, card
    assert "boxing" not in card, card


def test_a_value_added_with_actually_keeps_the_others_of_its_kind(memory):
    current = " | ".join(f.knowledge for f in memory.knowledge("user"))
    assert "Skoda Octavia" in current and "Ford Fiesta" in current, current

