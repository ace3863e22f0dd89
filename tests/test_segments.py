"""Mid-term segments are topics: bounded in size on a long conversation, built from both of the LLM's
themes, and with a summary that follows the pages as they join."""

from __future__ import annotations

import json
import statistics
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from memoryos_mcp import Memoryos
from memoryos_mcp.config import MemoryConfig
from memoryos_mcp.language.text import jaccard
from memoryos_mcp.memory.mid_term import SEGMENT_MAX_PAGES
from memoryos_mcp.search.retrieval import FusionWeights
from memoryos_mcp.search.segment_index import SegmentIndex
from tests.fake_openai import FakeOpenAI
from tests.long_chat import long_conversation
from tests.support import HashEmbedder, all_pages, open_memory, query_store, read_store


def segment_sizes(memory: Memoryos) -> list[int]:
    rows = query_store(memory.config.data_storage_path, "SELECT COUNT(*) FROM pages WHERE tier = 'mid' "
                       "AND segment_id IS NOT NULL GROUP BY segment_id")
    return [row[0] for row in rows]


def test_segments_stay_topics_on_a_long_conversation(tmp_path: Path, local_embedder) -> None:
    """The SPEC's bounds (largest <= 15% of the mid-term pages, median 3-40) with the real model."""
    with open_memory(tmp_path, embedder=local_embedder) as memory:
        memory.add_memories(long_conversation())
        memory.flush()
        sizes = segment_sizes(memory)
        mid = memory.status()["mid_term_pages"]
        rows = read_store(memory.config.database_path,
                          "SELECT segment_id, meta_data FROM pages WHERE tier = 'mid' ORDER BY id")
    assert sum(sizes) == mid > 150
    assert max(sizes) <= 0.15 * mid, sizes
    assert 3 <= statistics.median(sizes) <= 40, sizes
    assert max(sizes) <= SEGMENT_MAX_PAGES
    # Topics, not time slices: most pages share their segment with pages on the same subject.
    subjects: dict[int, Counter[str]] = defaultdict(Counter)
    for segment_id, meta in rows:
        subjects[segment_id][json.loads(meta)["subject"]] += 1
    majority = sum(count.most_common(1)[0][1] for count in subjects.values())
    assert majority >= 0.8 * mid, subjects


def two_themes(messages: list[dict]) -> str:
    """A model that names two topics for the exchange about the trip and one for the others."""
    prompt = messages[-1]["content"]
    if '{"continues"' in prompt:
        return '{"continues": false}'
    if '{"themes"' in prompt:
        exchanges = prompt.count("User:")
        if "Kyoto" in prompt and exchanges == 1:
            return json.dumps({"themes": [
                {"summary": "Booking trains for a trip to Kyoto", "keywords": ["kyoto", "trains", "booking"]},
                {"summary": "Tomato seedlings in the vegetable garden", "keywords": ["tomato", "seedlings", "garden"]},
            ]})
        # no number in the summary: the model's themes are refused when they name a number no exchange says, and
        # the pages' timestamps say some numbers on some days only
        staked = ", sprouting and staked" if exchanges > 1 else ""
        return json.dumps({"themes": [{"summary": f"Tomato seedlings in the vegetable garden{staked}",
                                       "keywords": ["tomato", "seedlings", "garden"]}]})
    if '{"summary"' in prompt:
        return '{"summary": "A chat."}'
    if '{"profile"' in prompt:
        return '{"profile": ""}'
    return '{"facts": []}'


def llm_memory(path: Path, fake: FakeOpenAI) -> Memoryos:
    config = MemoryConfig(data_storage_path=path, openai_base_url=fake.base_url, openai_api_key="sk-test",
                          short_term_capacity=1, mid_term_heat_threshold=1000, llm_max_retries=0)
    return Memoryos.from_config(config, embedder=HashEmbedder())


def test_a_page_joins_the_segment_of_its_second_theme(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    fake_openai.chat_handler = two_themes
    with llm_memory(tmp_path, fake_openai) as memory:
        first = memory.add_memory("My tomato seedlings in the garden are sprouting.", "Lovely!").details["page_id"]
        second = memory.add_memory("I booked the trains to Kyoto, and the tomato seedlings need water.",
                                   "Sounds busy.").details["page_id"]
        memory.add_memory("Unrelated last message.", "Ok.")
        memory.flush()
        segment_of = {page.id: page.segment_id for page in all_pages(memory)}
    assert segment_of[first] is not None
    assert segment_of[second] == segment_of[first]


def test_the_model_rewrites_a_segment_summary_as_pages_join(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    fake_openai.chat_handler = two_themes
    with llm_memory(tmp_path, fake_openai) as memory:
        memory.add_memory("My tomato seedlings in the garden are sprouting.", "Lovely!")
        memory.add_memory("The tomato seedlings in the garden need a stake.", "Use bamboo.")
        memory.add_memory("Unrelated last message.", "Ok.")
        memory.flush()
        [summary] = [segment.summary for segment in memory.mid.rows.live()]
    assert summary == "Tomato seedlings in the vegetable garden, sprouting and staked"


def test_offline_summary_and_keywords_follow_the_pages(tmp_path: Path) -> None:
    """Offline the summary is extractive: after later pages join, it is drawn from them too."""
    exchanges = [
        ("I bought a second-hand road bike today.", "Nice find!"),
        ("On the road bike I rode the coast road to Cascais with the cycling club.", "What a ride."),
        ("The cycling club rides the coast road to Cascais every Sunday on road bikes.", "Great habit."),
        ("Next Sunday the cycling club rides to Cascais again along the coast road.", "Enjoy the coast."),
        ("Closing message about nothing in particular.", "Bye."),
    ]
    with open_memory(tmp_path, short_term_capacity=1, mid_term_similarity_threshold=0.3) as memory:
        memory.add_memory(*exchanges[0])
        memory.add_memory(*exchanges[1])
        memory.flush()
        [first] = memory.mid.segments.values()
        before_summary, before_keywords = first.summary, set(first.keywords)
        for exchange in exchanges[2:]:
            memory.add_memory(*exchange)
        memory.flush()
        [segment] = memory.mid.segments.values()
        stored = [(s.summary, s.keywords) for s in memory.mid.rows.live()]
    assert segment.n_themes == 4
    assert stored == [(segment.summary, segment.keywords)]
    assert segment.summary != before_summary
    assert "cycling club" in segment.summary.lower()
    assert {"cycling", "club", "cascais"} <= set(segment.keywords) - before_keywords


def placement(memory: Memoryos) -> list[tuple[int, int | None, str]]:
    """Every page's segment and chain (numbered by first appearance) and its chain summary, in page order,
    then every segment's summary, size and keywords: what enrichment decided, independent of row ids."""
    rows = read_store(memory.config.database_path,
                      "SELECT p.tier, p.segment_id, p.chain_id, c.meta_info FROM pages p "
                      "LEFT JOIN chains c ON c.id = p.chain_id ORDER BY p.id")
    segments: dict[int, int] = {}
    chains: dict[int, int] = {}
    pages = [(tier, segments.setdefault(segment, len(segments)) if segment is not None else None,
              chains.setdefault(chain, len(chains)) if chain is not None else None, meta)
             for tier, segment, chain, meta in rows]
    summaries = read_store(memory.config.database_path,
                           "SELECT summary, n_themes, keywords FROM segments ORDER BY id")
    return pages + [tuple(row) for row in summaries]


def test_a_bulk_import_places_pages_as_adding_them_one_by_one_does(tmp_path: Path, local_embedder) -> None:
    """A bulk import stores many pages in one transaction and enriches them afterwards: the segments,
    chains and summaries must be those of one page at a time."""
    history = long_conversation(sessions=10)
    with open_memory(tmp_path / "bulk", embedder=local_embedder) as memory:
        memory.add_memories(history[:5])
        memory.add_memories(history[5:])
        memory.flush()
        bulk = placement(memory)
    with open_memory(tmp_path / "one", embedder=local_embedder) as memory:
        for page in history:
            memory.add_memory(**page)
        memory.flush()
        one_by_one = placement(memory)
    assert sum(1 for row in bulk if row[0] == "mid") > 50
    assert bulk == one_by_one


BREAD = {"summary": "Baking sourdough bread", "keywords": ["sourdough", "starter", "bread"]}
THEMES = {"starter": BREAD, "sourdough": BREAD, "bakery": {"summary": "A bakery near the office",
                                                           "keywords": ["bakery", "office"]},
          "trail": {"summary": "Hiking trails", "keywords": ["hiking", "trail"]}}


def themes_by_word(messages: list[dict]) -> str:
    """A model that files each exchange under the topic its key word names, and links no two exchanges."""
    prompt = messages[-1]["content"]
    if '{"continues"' in prompt:
        return '{"continues": false}'
    if '{"themes"' in prompt:
        theme = next((t for word, t in THEMES.items() if word in prompt.lower()), {"summary": "Small talk",
                                                                                     "keywords": ["chat"]})
        return json.dumps({"themes": [theme]})
    return two_themes(messages)


def test_a_page_without_the_questions_words_is_found_through_its_segment(
        tmp_path: Path, fake_openai: FakeOpenAI, local_embedder) -> None:
    """The starter page shares no word with the question and is less like it than the bakery page, but its
    segment's other pages answer the question, so the segment prior ranks it above the bakery page."""
    fake_openai.chat_handler = themes_by_word
    question = "How is my sourdough bread baking going?"
    config = MemoryConfig(data_storage_path=tmp_path, openai_base_url=fake_openai.base_url, openai_api_key="sk-test",
                          short_term_capacity=1, mid_term_heat_threshold=1000, llm_max_retries=0)
    with Memoryos.from_config(config, embedder=local_embedder) as memory:
        ids = {}
        for name, user, agent in [
            ("bread1", "I'm baking sourdough bread this weekend.", "Enjoy!"),
            ("hike1", "We hiked up the ridge trail on Saturday.", "Great views?"),
            ("bread2", "My sourdough bread came out with a great crust.", "Nice!"),
            ("bakery", "A new bakery opened near the office and sells rye loaves.", "Handy."),
            ("starter", "The starter doubled in the jar overnight after I fed it rye flour.", "Good luck."),
            ("hike2", "The trail was muddy after the rain.", "Wear good boots."),
            ("bread3", "Baking bread again: the sourdough loaf was perfect.", "Well done."),
            ("last", "Closing message about nothing in particular.", "Bye."),
        ]:
            ids[name] = memory.add_memory(user, agent).details["page_id"]
        memory.flush()
        segments = {page.id: page.segment_id for page in all_pages(memory)}
        assert segments[ids["starter"]] == segments[ids["bread1"]] != segments[ids["bakery"]]

        def top4() -> set[int]:
            return {page.page_id for page in memory.retrieve(question, max_results=4).retrieved_pages}

        with_prior = top4()
        memory.search.weights = FusionWeights(segment=0.0)
        without = top4()
    assert not set(question.lower().strip("?").split()) & set("the starter doubled in the jar overnight after "
                                                              "i fed it rye flour good luck".split())
    assert with_prior == {ids["bread1"], ids["bread2"], ids["bread3"], ids["starter"]}
    assert without == {ids["bread1"], ids["bread2"], ids["bread3"], ids["bakery"]}


def test_the_segment_index_places_a_page_where_scoring_every_segment_would() -> None:
    """The incremental index (rows moved on removal, keywords looked up by word) against the rule
    computed from scratch: F = cos + Jaccard (+ bonus) over the not-full live segments."""
    rng = np.random.default_rng(3)
    vocabulary = [f"w{n}" for n in range(40)]
    index = SegmentIndex()
    live: dict[int, tuple[np.ndarray, set[str], bool]] = {}

    def unit() -> np.ndarray:
        vector = rng.normal(size=8).astype(np.float32)
        return vector / np.linalg.norm(vector)

    for step in range(600):
        action = rng.random()
        if action < 0.45 or not live:
            segment_id = int(rng.integers(0, 120))
            live[segment_id] = (unit(), set(rng.choice(vocabulary, size=int(rng.integers(0, 6)))), rng.random() < 0.2)
            index.put(segment_id, *live[segment_id])
        elif action < 0.6:
            segment_id = int(rng.choice(list(live)))
            del live[segment_id]
            index.remove(segment_id)
        else:
            vector, words = unit(), set(rng.choice(vocabulary, size=3))
            bonus = {int(rng.choice(list(live))): 0.1}
            expected = [(float(v @ vector) + jaccard(w, words) + bonus.get(sid, 0.0), sid)
                        for sid, (v, w, full) in live.items() if not full]
            found = index.best(vector, words, bonus)
            if not expected:
                assert found is None, step
            else:
                assert found is not None and found[1] == max(expected)[1], step
                assert abs(found[0] - max(expected)[0]) < 1e-5
    assert len(index) == len(live)
