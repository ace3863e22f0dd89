"""PostgreSQL at size: a bulk load leaves pages searchable by both indexes, built again after the load, and the
ranked full-text search reads a bounded number of each term's matches without losing a rare word's old page."""

from __future__ import annotations

import numpy as np
import pytest

from memoryos_mcp.filters import PageFilter, Scope
from memoryos_mcp.records import NewPage
from memoryos_mcp.store.postgres import pages as pg_pages
from memoryos_mcp.store.postgres.bulk import load_pages
from memoryos_mcp.store.postgres.store import PostgresStore

pytestmark = pytest.mark.postgres

SCOPE = Scope("ada", "helper")


def _vectors(n: int) -> np.ndarray:
    vectors = np.random.default_rng(3).normal(size=(n, 8)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _indexes(store: PostgresStore) -> set[str]:
    return {row["indexname"] for row in store.query("SELECT indexname FROM pg_indexes WHERE tablename IN "
                                                    "('pages', 'page_vectors')")}


def test_a_bulk_load_writes_settled_searchable_pages_and_builds_the_search_indexes_again(postgres_url: str) -> None:
    store = PostgresStore(postgres_url)
    try:
        store.check_embedding_model("test", 8)
        before = _indexes(store)
        vectors = _vectors(30)
        pages = [NewPage(f"question {n} about the harbour", f"answer {n}", f"2024-05-{n % 28 + 1:02d}T10:00:00",
                         {"n": n}) for n in range(20)] + [NewPage("东京的天气怎么样", "很好", "2024-06-01T10:00:00")]
        assert load_pages(store, SCOPE, [(pages[:12], vectors[:12]), (pages[12:], vectors[12:21])]) == 21
        assert _indexes(store) == before
        assert {"page_vectors_dense_8", "pages_words", "pages_cjk"} <= before
        repositories = store.repositories(SCOPE, 8)
        ids = repositories.pages.ids("mid")
        assert len(ids) == 21 and repositories.pages.unlearned_count() == 0 and repositories.pages.pending(5) == []
        found = repositories.dense.search(vectors[5], 3)
        assert found[0][0] == ids[5] and found[0][1] == pytest.approx(1.0, abs=1e-5)
        cosines = {c.id: c.cosine for c in repositories.pages.candidates([ids[5], ids[6]], vectors[5])}
        assert cosines == pytest.approx({ids[5]: 1.0, ids[6]: float(vectors[6] @ vectors[5])}, abs=1e-5)
        assert [page_id for page_id, _ in repositories.pages.ranked("words", ["harbours"], PageFilter(), 50)] != []
        assert repositories.pages.ranked("cjk", ["东京"], PageFilter(), 5)[0][0] == ids[20]
        assert repositories.pages.get([ids[3]])[0].meta_data == {"n": 3}
    finally:
        store.close()


def test_ranking_reads_each_terms_newest_matches_and_a_rare_words_old_page_stays_found(
        postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pg_pages, "TERM_MATCHES", 3)
    store = PostgresStore(postgres_url)
    try:
        store.check_embedding_model("test", 8)
        pages = store.repositories(SCOPE, 8).pages
        old = pages.insert([NewPage("cooking in Zanzibar", "spice market", "2024-01-01T10:00:00")], _vectors(1))
        newer = pages.insert([NewPage(f"cooking lesson {n}", "fine", f"2024-02-{n + 1:02d}T10:00:00")
                              for n in range(8)], _vectors(8))
        pages.set_tier([*old, *newer], "mid")
        ranked = dict(pages.ranked("words", ["cooking", "zanzibar"], PageFilter(), 20))
        assert old[0] in ranked and ranked[old[0]] == max(ranked.values())  # both words: ranked first
        assert set(ranked) - set(old) == set(newer[-3:])  # of the common word, its three newest matches
    finally:
        store.close()


def test_the_ranked_full_text_query_is_planned_for_its_terms_every_time_and_ranks_a_page_once(
        postgres_url: str) -> None:
    """A prepared statement's generic plan cannot know how common a term is (BENCHMARKS.md): psycopg prepares a
    statement from its sixth run on, so this one must never be."""
    store = PostgresStore(postgres_url)
    try:
        store.check_embedding_model("test", 8)
        pages = store.repositories(SCOPE, 8).pages
        ids = pages.insert([NewPage(f"cooking in Zanzibar {n}", "spice market", f"2024-01-{n + 1:02d}T10:00:00")
                            for n in range(4)], _vectors(4))
        pages.set_tier(ids, "mid")
        with store.session():
            for _ in range(8):
                ranked = pages.ranked("words", ["cooking", "zanzibar"], PageFilter(), 20)
                assert pages.ids("mid") == ids
            prepared = [row["statement"] for row in store.query("SELECT statement FROM pg_prepared_statements")]
        assert sorted(page_id for page_id, _ in ranked) == ids  # each page once, though it matches both terms
        assert [s for s in prepared if "ORDER BY id" in s] and not [s for s in prepared if "ts_rank" in s]
    finally:
        store.close()
