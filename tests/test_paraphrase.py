"""Paraphrased questions find their page through the user's facts (issue 11): the allergy page for a
question about food to avoid, the clinic visit of the cat named in a fact for "my cat". Through the
engine with the real local model, over the conversation of `benchmarks.paraphrase_chat`."""

from __future__ import annotations

import pytest

from benchmarks.paraphrase_chat import conversation
from memoryos_mcp import Memoryos
from memoryos_mcp.filters import PageFilter, TimeWindow
from memoryos_mcp.language.embeddings import LocalEmbedder
from memoryos_mcp.models import KnowledgeItem
from memoryos_mcp.search.expansion import expand
from memoryos_mcp.search.retrieval import FACT_CANDIDATES
from tests.support import all_pages, open_memory


@pytest.fixture(scope="module")
def priya(tmp_path_factory: pytest.TempPathFactory, local_embedder: LocalEmbedder):
    """Four months of one user's conversation, bulk-imported; page key -> page id."""
    memory = open_memory(tmp_path_factory.mktemp("priya"), embedder=local_embedder)
    items = conversation()
    ids = memory.add_memories(items)
    memory.flush()
    yield memory, {item["meta_data"]["key"]: page_id for item, page_id in zip(items, ids, strict=True)
                   if item["meta_data"].get("key")}
    memory.close()


def _ranked(memory: Memoryos, question: str, k: int) -> list[int]:
    return [page.page_id for page in memory.retrieve(question, max_results=k).retrieved_pages]


def test_a_question_about_food_to_avoid_finds_the_allergy_page(priya: tuple[Memoryos, dict[str, int]]) -> None:
    memory, pages = priya
    question = "Is there any food I must avoid for health reasons?"
    facts = [item.knowledge for item in memory.retrieve(question).retrieved_user_knowledge]
    assert "User is allergic to peanuts, even a trace of them" in facts
    assert pages["peanut"] in _ranked(memory, question, 5)


def test_my_cat_is_also_searched_by_the_name_a_fact_gives_it(priya: tuple[Memoryos, dict[str, int]]) -> None:
    memory, pages = priya
    visit = memory.retrieve("clinic ear infection", max_results=1).retrieved_pages[0]
    assert visit.page_id == pages["vet"] and "vet" not in visit.user_input and "cat" not in visit.user_input
    assert pages["vet"] in _ranked(memory, "What did the vet say about my cat?", 3)


def test_questions_in_the_stored_words_still_come_first(priya: tuple[Memoryos, dict[str, int]]) -> None:
    memory, pages = priya
    assert _ranked(memory, "allergic to peanuts EpiPen", 1) == [pages["peanut"]]
    assert _ranked(memory, "Took Miso to the clinic, ear infection drops", 1) == [pages["vet"]]


def _fact(fact_id: int, text: str, score: float) -> KnowledgeItem:
    return KnowledgeItem(knowledge=text, timestamp="2025-01-01 00:00:00", id=fact_id, score=score)


def test_expansion_names_what_my_x_is_called_and_links_only_the_best_facts() -> None:
    facts = [_fact(1, "User's sister Anika got a design job in Lisbon", 0.6),
             _fact(2, "User adopted a grey tabby cat from the shelter and named her Miso", 0.5),
             _fact(3, "User's manager Tom seems nice", 0.2)]
    sources = {1: [10, 11], 2: [20], 3: [30]}
    sister = expand("Where does my sister work?", facts, sources)
    assert sister.names == ("Anika",)
    assert sister.pages == {10: 1.0, 11: 1.0, 20: pytest.approx(0.5 / 0.6)}  # fact 3 is under half the best
    assert expand("What did the vet say about my cat?", facts, sources).names == ("Miso",)
    assert expand("What did Anika's cat do?", facts, sources).names == ()  # only what the user calls "my"
    assert expand("anything", [], {}).pages == {}


def test_a_fact_repeated_in_many_pages_brings_only_its_best_pages_that_the_search_may_return(tmp_path) -> None:
    """At 100k pages one fact had 3,000 source pages and fetching them all doubled retrieval time. The bound
    applies after the tier and time filters, so an old period's pages are not crowded out by newer ones
    (here the 200 newest sources, looked up first, are all outside the window)."""
    with open_memory(tmp_path, short_term_capacity=5) as memory:
        memory.add_memories([{"user_input": f"I went running again today, lap {n}", "agent_response": "Nice.",
                              "timestamp": f"{2023 + n // 100}-01-01 {n // 60 % 24:02d}:{n % 60:02d}:00"}
                             for n in range(300)])
        ids = [page.id for page in all_pages(memory)]
        bonus = dict.fromkeys(ids, 1.0) | {ids[0]: 0.5}
        chosen = memory.search._fact_candidates(bonus, PageFilter())
        assert chosen == ids[-6 : -6 - FACT_CANDIDATES : -1]  # the 5 short-term pages are not candidates
        old = memory.search._fact_candidates(bonus, PageFilter(TimeWindow(end="2024-01-01 00:00:00")))
        assert old == ids[99 : 99 - FACT_CANDIDATES : -1]
        assert memory.search._fact_candidates(bonus, PageFilter(short=frozenset(ids[-5:])))[:5] == ids[:-6:-1]


def test_a_question_in_other_words_reaches_its_page_through_the_value_read_from_it(tmp_path, local_embedder) -> None:
    """"Which foods make me ill?" shares no word with "I am allergic to sesame ..."; pages that say "ill" or
    "food" outrank it on words and meaning. The user model's allergy answers the question, and its source page
    ranks up with it (2nd; 3rd before, behind a page about food to try)."""
    chat = [
        ("Booked a table at that new tapas bar for Friday, fingers crossed it's good.", "Enjoy! Tapas is for sharing."),
        ("The tapas were amazing, we ordered way too much food.", "Sounds like a great night out!"),
        ("I am allergic to sesame, found out the hard way after a bagel in Lisbon.", "Oh no! Carry antihistamines."),
        ("Trying a new curry recipe tonight, lots of chilli.", "Go easy on the chilli!"),
        ("Any tips for meal prep on a budget? I want to stop buying lunch at work.", "Batch-cook grains on Sunday."),
        ("Meal prep went well, I have food for the whole week.", "Nice, that will save money."),
        ("I should stay away from the office coffee, it is awful.", "Maybe bring your own beans."),
        ("Any food I should try in Porto?", "Francesinha, definitely."),
        ("Felt ill all weekend, probably just a cold.", "Rest up and drink plenty of water."),
        ("My sister is visiting next month, need to plan what we eat.", "You could cook together one night."),
    ]
    memory = open_memory(tmp_path, embedder=local_embedder, short_term_capacity=2)
    ids = memory.add_memories([{"user_input": user, "agent_response": assistant, "timestamp": f"2026-10-{day:02d}"}
                               for day, (user, assistant) in enumerate(chat, start=1)])
    memory.flush()
    answer = memory.retrieve("Which foods make me ill?", max_results=2)
    assert answer.retrieved_user_knowledge[0].knowledge == "User is allergic to sesame"
    assert ids[2] in [page.page_id for page in answer.retrieved_pages]
