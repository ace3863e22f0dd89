"""The tiers' behaviour (SPEC.md §1-2) through the engine facade, on each backend: a real SQLite store and a
real PostgreSQL database (the `backend` fixture)."""

from __future__ import annotations

import math
import os
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from memoryos_mcp.errors import InvalidInputError, StoreMismatchError
from memoryos_mcp.memory.mid_term import MU_SECONDS, Segment
from memoryos_mcp.memory.worker import WORKER_NICENESS, EnrichmentWorker, Foreground
from memoryos_mcp.search.lexical import lexical_search
from tests.support import HashEmbedder, all_pages, open_memory

pytestmark = pytest.mark.usefixtures("backend")

COOKING = [
    ("I cooked pasta with tomato sauce and basil tonight", "Pasta with tomato sauce and basil sounds great"),
    ("The tomato sauce pasta needed more basil and garlic", "Fresh basil and garlic make tomato sauce better"),
    ("Next time my pasta sauce gets roasted tomato and basil", "Roasted tomato sauce with basil on pasta, yum"),
]
PHYSICS = ("Quantum entanglement lecture covered Bell inequalities", "Bell inequalities test quantum entanglement")
GARDEN = ("My roses and tulips bloomed in the garden", "Roses and tulips brighten a garden")


def add_all(memory, exchanges, start_day: int = 1) -> list[int]:
    return [
        memory.add_memory(user, agent, timestamp=f"2024-03-{start_day + n:02d} 09:30:00").details["page_id"]
        for n, (user, agent) in enumerate(exchanges)
    ]


def test_short_term_is_fifo_and_nothing_is_lost(tmp_path):
    memory = open_memory(tmp_path, short_term_capacity=3)
    ids = add_all(memory, [(f"message number {n} about topic {n}", f"reply {n}") for n in range(10)])
    status = memory.status()
    assert (status["short_term_pages"], status["mid_term_pages"]) == (3, 7)
    assert memory.pages.ids("short") == ids[-3:]
    assert [page.id for page in all_pages(memory)] == ids
    result = memory.retrieve("message", max_results=5)
    assert all(p.page_id in ids[-3:] and p.relevant for p in result.short_term_memory)
    assert all(p.page_id in ids[:7] for p in result.retrieved_pages)


def test_caller_timestamps_and_meta_data_are_kept(tmp_path):
    memory = open_memory(tmp_path, short_term_capacity=1)
    memory.add_memory("We moved to Lisbon", "Exciting!", timestamp="2019-07-14T08:00:00", meta_data={"turn": 7})
    memory.add_memory("Unrelated later message", "ok")
    page = memory.retrieve("Lisbon", max_results=1).retrieved_pages[0]
    assert (page.timestamp, page.meta_data) == ("2019-07-14 08:00:00", {"turn": 7})


def test_dialogue_chain_links_continuing_pages_only(tmp_path):
    memory = open_memory(tmp_path, short_term_capacity=1)
    ids = add_all(memory, [*COOKING, PHYSICS, ("one more", "message")])
    links = {page.id: (page.pre_page, page.next_page) for page in all_pages(memory)}
    assert links[ids[1]][0] == ids[0] and links[ids[0]][1] == ids[1]
    assert links[ids[2]][0] == ids[1]
    assert links[ids[3]][0] is None, "an unrelated page starts a new chain"
    chains = [page.chain_id for page in memory.pages.get(ids[:4])]
    assert chains[0] == chains[1] == chains[2] != chains[3]
    meta = memory.retrieve("basil pasta", max_results=1).retrieved_pages[0].meta_info
    assert "basil" in meta.lower()


def test_segment_merges_similar_pages_and_opens_new_for_others(tmp_path):
    memory = open_memory(tmp_path, short_term_capacity=1)
    ids = add_all(memory, [*COOKING, PHYSICS, ("one more", "message")])
    segments = [page.segment_id for page in memory.pages.get(ids[:4])]
    assert segments[0] == segments[1] == segments[2]
    assert segments[3] != segments[0]
    assert len(memory.mid.segments) == 2


def test_heat_formula():
    now = time.time()
    segment = Segment(1, "s", {}, np.zeros(4, np.float32), 1, n_visit=2, l_interaction=3,
                      last_access=now - MU_SECONDS)
    assert segment.heat(now) == pytest.approx(2 + 3 + math.exp(-1))


def test_promotion_fills_long_term_memory_and_resets_heat(tmp_path):
    memory = open_memory(tmp_path, short_term_capacity=1, mid_term_heat_threshold=3)
    add_all(memory, [
        ("I love baking sourdough bread on Sundays", "Sourdough bread takes patience"),
        ("My sourdough bread starter is called Doughy", "A named sourdough bread starter, cute"),
        ("I bake sourdough bread for my neighbours", "Sharing sourdough bread is kind"),
        ("I'm a teacher in Porto and I bake bread", "Teaching and bread baking, nice"),
        ("final message", "ok"),
    ])
    profile = memory.get_user_profile(include_assistant_knowledge=True)
    facts = " ".join(k.knowledge for k in profile.user_knowledge).lower()
    assert "sourdough" in facts
    assert profile.user_profile
    pages = all_pages(memory)
    assert sum(page.analyzed for page in pages) >= 3
    promoted = next(page.segment_id for page in pages if page.analyzed)
    since_promotion = sum(1 for page in pages if page.segment_id == promoted and not page.analyzed)
    segment = memory.mid.segments[promoted]
    assert (segment.n_visit, segment.l_interaction) == (0, since_promotion)
    stored = memory.mid.rows.get(promoted)
    assert (stored.n_visit, stored.l_interaction) == (0, since_promotion)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread niceness is a Linux feature")
def test_background_worker_runs_at_low_priority(tmp_path):
    if os.nice(0) >= WORKER_NICENESS:
        pytest.skip("the tests already run at the worker's niceness (nice -n 19), so nothing can be lower")
    memory = open_memory(tmp_path)
    memory.flush()

    def niceness(thread_id: int) -> int:
        stat = Path(f"/proc/self/task/{thread_id}/stat").read_text()
        return int(stat.rsplit(")", 1)[1].split()[16])

    assert niceness(memory.worker._thread.native_id) == WORKER_NICENESS
    assert niceness(threading.get_native_id()) < WORKER_NICENESS


def test_background_steps_wait_for_a_gap_between_tool_calls():
    foreground = Foreground()
    assert foreground.wait_for_gap(gap=0, max_wait=0)
    with foreground.call():
        assert not foreground.wait_for_gap(gap=0, max_wait=0.05)
    assert not foreground.wait_for_gap(gap=60, max_wait=0.05)
    assert foreground.wait_for_gap(gap=0.01, max_wait=60)


def test_add_and_retrieve_embed_as_foreground_calls(tmp_path):
    seen: list[tuple[str, int]] = []

    class Recording(HashEmbedder):
        def embed_batch(self, texts):
            seen.append((threading.current_thread().name, memory._foreground._active, len(texts)))
            return super().embed_batch(texts)

    memory = open_memory(tmp_path, embedder=Recording(), short_term_capacity=1, mid_term_heat_threshold=0.1)
    add_all(memory, COOKING)
    memory.retrieve("pasta", max_results=2)
    memory.flush()
    own = [(active, texts) for thread, active, texts in seen if thread == threading.current_thread().name]
    # one model call of one text per add and one for the query: offline, the theme of the page that an add
    # moves out of short-term memory takes its vector from the pages, not from the model
    assert own == [(1, 1), (1, 1), (1, 1), (1, 1)]
    assert memory.enricher.foreground is memory.enricher.promotion.foreground is memory._foreground
    assert any(thread == "memoryos-enrichment" for thread, _, _ in seen)  # promotion embedded its facts


def test_retrieval_counts_visits(tmp_path):
    memory = open_memory(tmp_path, short_term_capacity=1, mid_term_heat_threshold=100)
    add_all(memory, [*COOKING, PHYSICS])
    found = memory.retrieve("quantum entanglement", max_results=1).retrieved_pages[0]
    segment_id = memory.pages.get([found.page_id])[0].segment_id
    assert memory.mid.segments[segment_id].n_visit == 1


def test_coldest_segment_is_evicted_and_its_pages_archived(tmp_path):
    memory = open_memory(tmp_path, short_term_capacity=1, mid_term_capacity=2, mid_term_heat_threshold=100)
    ids = add_all(memory, [COOKING[0], PHYSICS])
    for _ in range(3):
        memory.retrieve("pasta tomato basil", max_results=1)
    add_all(memory, [GARDEN, ("the last message", "bye")], start_day=10)
    status = memory.status()
    assert status["mid_term_segments"] == 2
    assert [page.tier for page in memory.pages.get([ids[1]])] == ["archived"]
    assert memory.retrieve("quantum entanglement Bell", max_results=5).retrieved_pages == [] or all(
        p.page_id != ids[1] for p in memory.retrieve("quantum entanglement Bell", max_results=5).retrieved_pages)
    assert [page.user_input for page in memory.pages.get([ids[1]])] == [PHYSICS[0]]


def test_lexical_search_keeps_to_its_user_when_another_outranks_it(tmp_path):
    alice = open_memory(tmp_path, user_id="alice", short_term_capacity=1)
    bob = open_memory(tmp_path, user_id="bob", short_term_capacity=1)
    add_all(bob, [(f"zebra zebra zebra {n}", "zebra") for n in range(30)])
    mine = add_all(alice, [(f"a long walk in the park, day {n}, where I saw one zebra", "nice") for n in range(5)])
    found = lexical_search(alice.pages, "zebra", 3)
    assert len(found) == 3 and {page_id for page_id, _ in found} <= set(mine[:-1])
    assert {page_id for page_id, _ in lexical_search(alice.pages, "zebra", 10)} == set(mine[:-1])


def test_profile_is_never_replaced_by_empty_text(tmp_path):
    memory = open_memory(tmp_path)
    with memory.store.transaction():
        assert memory.long.set_profile("Enjoys sailing and astronomy; prefers short answers.", "t")
        assert not memory.long.set_profile("  ", "t")
    assert memory.get_user_profile().user_profile.startswith("Enjoys sailing")


def test_restart_gives_identical_results(tmp_path):
    memory = open_memory(tmp_path, short_term_capacity=2)
    add_all(memory, [*COOKING, PHYSICS, GARDEN])
    memory.flush()  # facts are learnt in the background
    before = memory.retrieve("tomato basil garden", max_results=3).model_dump(exclude={"timestamp"})
    memory.close()
    reopened = open_memory(tmp_path, short_term_capacity=2)
    after = reopened.retrieve("tomato basil garden", max_results=3).model_dump(exclude={"timestamp"})
    assert after == before


def test_store_refuses_another_embedding_model(tmp_path):
    open_memory(tmp_path).close()

    class Other(HashEmbedder):
        name = "test:other"

    with pytest.raises(StoreMismatchError, match="test:hash-bow") as refused:
        open_memory(tmp_path, embedder=Other())
    assert "'memoryos-mcp reembed --config" in str(refused.value)


def test_bulk_import_matches_one_by_one(tmp_path):
    exchanges = [*COOKING, PHYSICS, GARDEN, ("last", "one")]
    single = open_memory(tmp_path / "a", short_term_capacity=2)
    add_all(single, exchanges)
    bulk = open_memory(tmp_path / "b", short_term_capacity=2)
    bulk.add_memories([{"user_input": u, "agent_response": a, "timestamp": f"2024-03-{n + 1:02d} 09:30:00"}
                       for n, (u, a) in enumerate(exchanges)])
    single.flush()  # the facts learnt in the background rank pages too: compare the settled stores
    bulk.flush()
    query = "tomato basil quantum"
    assert [p.user_input for p in single.retrieve(query).retrieved_pages] == [
        p.user_input for p in bulk.retrieve(query).retrieved_pages]
    assert single.status()["mid_term_segments"] == bulk.status()["mid_term_segments"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"user_input": ""}, "user_input must be a non-empty string"),
        ({"user_input": "   "}, "user_input must be a non-empty string"),
        ({"user_input": 5}, "user_input must be a string"),
        ({"user_input": "x" * 100_001}, "the limit is 100000"),
        ({"user_input": "hi", "timestamp": "last tuesday"}, "timestamp 'last tuesday' is not understood"),
        ({"user_input": "hi", "meta_data": ["a"]}, "meta_data must be a JSON object"),
        ({"user_input": "hi", "meta_data": {"x": float("nan")}}, "meta_data must be JSON-serialisable"),
        ({"user_input": "hi\ud800"}, "lone surrogate"),
    ],
)
def test_bad_input_is_refused_with_the_argument_named(tmp_path, kwargs, message):
    memory = open_memory(tmp_path)
    with pytest.raises(InvalidInputError, match=message):
        memory.add_memory(**{"agent_response": "ok", **kwargs})
    assert memory.status()["short_term_pages"] == 0


@pytest.mark.parametrize("max_results", [0, -1, 101, True, "3"])
def test_bad_max_results_is_refused(tmp_path, max_results):
    with pytest.raises(InvalidInputError, match="max_results"):
        open_memory(tmp_path).retrieve("anything", max_results=max_results)


def test_closing_stops_background_work_after_its_step_in_progress():
    """A client quitting does not wait for a backlog: what is left is in the store (next test)."""
    foreground = Foreground()
    started, ended = threading.Event(), threading.Event()

    class Endless:
        def run(self) -> None:
            started.set()
            while not foreground.closing:
                foreground.wait_for_gap(gap=0, max_wait=0)
                time.sleep(0.01)
            ended.set()

    worker = EnrichmentWorker(Endless(), foreground)
    worker.notify()
    assert started.wait(60)  # the worker is niced: on a loaded machine its pass may start late
    worker.stop()
    assert ended.is_set()


def test_pages_not_learnt_when_the_engine_closes_are_learnt_after_the_next_open(tmp_path):
    memory = open_memory(tmp_path)
    memory.add_memories([{"user_input": f"Note {n}: nothing much.", "agent_response": "Noted.",
                          "timestamp": f"2024-03-01 09:{n // 60:02d}:{n % 60:02d}"} for n in range(200)]
                        + [{"user_input": "I'm Oona and I live in Galway.", "agent_response": "Hi Oona!",
                            "timestamp": "2024-03-02 10:00:00"}])
    memory.close()
    memory = open_memory(tmp_path)
    assert "User lives in Galway" in [f.knowledge for f in memory.knowledge("user")]  # listing waits for learning
    assert memory.status()["learning_backlog"] == 0
    assert "Oona" in memory.get_user_profile().user_profile
