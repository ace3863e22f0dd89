"""The enrichment queue cannot jam, and the segment cache never disagrees with SQLite.

- A postponed page holds back the pages after it, so chains link in page order.
- A page whose enrichment raises anything is retried with backoff, then quarantined; later pages go on.
- Visits are SQL increments: two connections (processes) sharing a store both count.
- A failed enrichment transaction leaves the in-memory segments as SQLite has them.
- Promotion fires at the default heat threshold, end to end over MCP.
- retrieve_memory succeeds when its segment-heat write fails, over MCP.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from memoryos_mcp import Memoryos
from memoryos_mcp.errors import LLMError
from memoryos_mcp.language.offline import OfflineLLM
from memoryos_mcp.memory.enrichment import MAX_ATTEMPTS
from memoryos_mcp.models import PageText
from tests.support import all_pages, blocking_client, open_memory, read_store
from tests.test_comprehensive import stdio_client_for, write_config

#: One continuing conversation: each exchange shares words with the one before, minutes apart.
HIKE = [
    ("I am planning a hike in the Alps this summer.", "The Alps are great for hiking."),
    ("The hike in the Alps starts in Zermatt.", "Zermatt is a fine start for a hike."),
    ("From Zermatt the hike goes over two passes.", "Two passes make a long hike."),
    ("On the passes I will sleep in mountain huts.", "Mountain huts need booking."),
    ("I booked the mountain huts for the hike.", "Good, the huts fill up."),
    ("The hike ends in Saas-Fee after five days.", "Saas-Fee is a lovely end."),
    ("After Saas-Fee I take the train home.", "The train is easy from there."),
]


class FailingLLM(OfflineLLM):
    """The offline provider, except that themes for a page containing `marker` raise `error`."""

    def __init__(self, marker: str, error: Exception, times: int | None = None) -> None:
        self.marker, self.error, self.left = marker, error, times

    def themes(self, pages: list[PageText]):
        if self.marker in pages[-1].user_input and (self.left is None or self.left > 0):
            if self.left is not None:
                self.left -= 1
            raise self.error
        return super().themes(pages)


def add_hike(memory: Memoryos, marked: int | None = None, marker: str = "") -> list[int]:
    ids = []
    for n, (said, answer) in enumerate(HIKE):
        text = f"{said} {marker}" if n == marked else said
        ids.append(memory.add_memory(text, answer, timestamp=f"2024-05-01 10:{n:02d}:00").details["page_id"])
    return ids


def chain_links(memory: Memoryos) -> dict[int, tuple[int | None, int | None]]:
    return {page.id: (page.pre_page, page.chain_id) for page in all_pages(memory) if page.enriched}


def test_a_postponed_page_keeps_chain_order(tmp_path: Path) -> None:
    llm = FailingLLM("LATER", LLMError("the language model timed out"))
    with open_memory(tmp_path, llm=llm, short_term_capacity=1) as memory:
        ids = add_hike(memory, marked=1, marker="LATER")
        memory.flush()
        assert chain_links(memory) == {ids[0]: (None, chain_links(memory)[ids[0]][1])}  # page 2 holds back 3..6
        assert memory.status()["enrichment_backlog"] == len(ids) - 2
        llm.left = 0  # the model answers again (set here, not by a count: a slow machine may retry sooner)
        memory.enricher.enrich_pending(now=time.time() + 3600)  # its retry time has come
        links = chain_links(memory)
    mid = ids[:-1]
    assert sorted(links) == mid
    assert [links[i][0] for i in mid] == [None, *mid[:-1]]
    assert len({links[i][1] for i in mid}) == 1


@pytest.mark.parametrize("error", [ValueError("a bug in a rule"), LLMError("the model's answer has the wrong shape")])
def test_a_poison_page_is_quarantined_and_later_pages_proceed(tmp_path: Path, error: Exception) -> None:
    with open_memory(tmp_path, llm=FailingLLM("POISON", error), short_term_capacity=1) as memory:
        ids = add_hike(memory, marked=2, marker="POISON")
        now, passes = time.time(), 0
        while memory.status()["quarantined_pages"] == 0 and passes <= MAX_ATTEMPTS:
            assert memory.status()["enrichment_backlog"] == len(ids) - 3  # the page and those after it wait
            now += 3600
            memory.enricher.enrich_pending(now=now)
            passes += 1
        status = memory.status()
        links = chain_links(memory)
        attempts = read_store(memory.config.database_path, "SELECT attempts FROM pages WHERE id = ?", (ids[2],))
    assert status["quarantined_pages"] == 1
    assert status["enrichment_backlog"] == 0
    assert sorted(links) == [i for i in ids[:-1] if i != ids[2]]
    assert attempts == [(MAX_ATTEMPTS,)]


def test_visits_from_two_processes_both_count(tmp_path: Path) -> None:
    """Each Memoryos has its own connection and cache, as two processes do; B writes while A's cache is stale.

    Promotion is kept out of reach: its heat reset, run by either worker's timer, would zero the visits.
    """
    with open_memory(tmp_path, short_term_capacity=1, mid_term_heat_threshold=1000) as a:
        add_hike(a)
        a.flush()
        with open_memory(tmp_path, short_term_capacity=1, mid_term_heat_threshold=1000) as b:
            b.retrieve("hike in the Alps")
            b.retrieve("mountain huts")
            hottest = min(a.mid.rows.live(), key=lambda s: (-s.n_visit, s.id))
            segment, visits = hottest.id, hottest.n_visit
            assert visits >= 1 and a.mid.segments[segment].n_visit == 0  # A has not seen B's visits
            a.mid.record_visits({segment})
            stored = a.mid.rows.get(segment)
            assert stored is not None and stored.n_visit == visits + 1
            assert a.mid.segments[segment].n_visit == visits + 1


def segments_in_sqlite(memory: Memoryos) -> dict[int, tuple[int, int, int]]:
    return {s.id: (s.n_themes, s.l_interaction, s.n_visit) for s in memory.mid.rows.live()}


def segments_in_cache(memory: Memoryos) -> dict[int, tuple[int, int, int]]:
    return {s.id: (s.n_themes, s.l_interaction, s.n_visit) for s in memory.mid.segments.values()}


def test_a_failed_enrichment_transaction_leaves_the_cache_as_sqlite(tmp_path: Path) -> None:
    with open_memory(tmp_path, short_term_capacity=1) as memory:
        memory.add_memory(*HIKE[0])
        memory.add_memory(*HIKE[1])
        memory.flush()
        outside = sqlite3.connect(memory.config.database_path)
        outside.execute("CREATE TRIGGER fail_assign BEFORE UPDATE OF segment_id ON pages "
                        "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END")
        outside.commit()
        for said, answer in HIKE[2:5]:  # one joins the segment, the others may open new ones: all roll back
            memory.add_memory(said, answer)
        memory.flush()
        assert memory.status()["enrichment_backlog"] == 3
        assert segments_in_cache(memory) == segments_in_sqlite(memory)
        outside.execute("DROP TRIGGER fail_assign")
        outside.commit()
        outside.close()
        memory.enricher.enrich_pending(now=time.time() + 3600)
        assert memory.status()["enrichment_backlog"] == 0
        assert segments_in_cache(memory) == segments_in_sqlite(memory)
        assert sum(s.n_themes for s in memory.mid.segments.values()) == 4


@pytest.mark.slow
def test_promotion_at_the_default_heat_threshold_over_mcp(tmp_path: Path) -> None:
    """Shipped thresholds: ten pages in short-term memory, then one topic's pages heat its segment."""
    config = write_config(tmp_path, short_term_capacity=10, mid_term_heat_threshold=5.0)
    database = tmp_path / "data" / "memoryos.sqlite3"
    with open(tmp_path / "server.log", "w", encoding="utf-8") as errlog, \
            blocking_client(stdio_client_for(config, errlog)) as client:
        for n, (said, answer) in enumerate(HIKE * 3):
            added = client.call("add_memory", {"user_input": f"{said} I love hiking.", "agent_response": answer,
                                               "timestamp": f"2024-05-0{1 + n // 7} 10:{n % 7:02d}:00"})
            assert not added.is_error
        profile = client.call("get_user_profile", {}).structured_content  # offline: waits for the worker
        status = client.resource("memoryos://status")
    assert status["mid_term_pages"] == len(HIKE) * 3 - 10
    analysed = read_store(database, "SELECT COUNT(*) FROM pages WHERE analyzed = 1")[0][0]
    assert analysed >= 4
    assert profile["user_profile"].strip()


@pytest.mark.slow
def test_retrieve_succeeds_when_the_heat_write_fails_over_mcp(tmp_path: Path) -> None:
    """A read-only tool on a store that refuses writes to segments (as a full disk would)."""
    config = write_config(tmp_path, short_term_capacity=1, mid_term_heat_threshold=1000)
    database = tmp_path / "data" / "memoryos.sqlite3"
    log = tmp_path / "server.log"
    with open(log, "w", encoding="utf-8") as errlog, blocking_client(stdio_client_for(config, errlog)) as client:
        for said, answer in HIKE:
            assert not client.call("add_memory", {"user_input": said, "agent_response": answer}).is_error
        assert client.resource("memoryos://status")["enrichment_backlog"] == 0
        outside = sqlite3.connect(database)
        outside.execute("CREATE TRIGGER full_disk BEFORE UPDATE OF n_visit ON segments "
                        "BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END")
        outside.commit()
        outside.close()
        found = client.call("retrieve_memory", {"query": "mountain huts"})
        assert not found.is_error, found.content
        assert any("huts" in page["user_input"] for page in found.structured_content["retrieved_pages"])
        assert read_store(database, "SELECT SUM(n_visit) FROM segments")[0][0] == 0
    assert "segment heat not recorded" in log.read_text(encoding="utf-8")
