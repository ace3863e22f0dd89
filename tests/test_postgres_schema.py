"""The PostgreSQL schema's migrations: a store an older version made opens with its pages in the dense index,
and the index follows each page's tier after that (a trigger keeps `page_vectors` in step with `pages`); the
vectors are also indexed by user, for an exact scan of one user's pages."""

from __future__ import annotations

import numpy as np
import psycopg
import pytest

from memoryos_mcp.filters import Scope
from memoryos_mcp.store.postgres.schema import MIGRATIONS
from memoryos_mcp.store.postgres.store import PostgresStore

pytestmark = pytest.mark.postgres

SCOPE = Scope("ada", "helper")
VECTORS = {"mid": [1.0, 0.0, 0.0], "short": [0.8, 0.6, 0.0], "archived": [0.6, 0.8, 0.0]}


def _schema_1_store(url: str) -> dict[str, int]:
    """A database as version 1 left it: three pages of one user, one of them archived."""
    ids = {}
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(MIGRATIONS[0])
        conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (1)")
        conn.execute("INSERT INTO meta VALUES ('embedding_model', 'test'), ('embedding_dimension', '3')")
        for tier, vector in VECTORS.items():
            row = conn.execute(
                "INSERT INTO pages (user_id, assistant_id, user_input, agent_response, timestamp, tier, created_at, "
                "embedding) VALUES (%s, %s, %s, '', '2024-05-01T10:00:00', %s, 0, %s::vector) RETURNING id",
                (SCOPE.user_id, SCOPE.assistant_id, f"a {tier} page", tier, str(vector))).fetchone()
            assert row is not None
            ids[tier] = row[0]
    return ids


def test_an_older_store_opens_with_its_searchable_pages_in_the_index_which_then_follows_their_tier(
        postgres_url: str) -> None:
    ids = _schema_1_store(postgres_url)
    store = PostgresStore(postgres_url)
    try:
        repositories = store.repositories(SCOPE, 3)
        dense, pages = repositories.dense, repositories.pages
        query = np.array([1.0, 0.0, 0.0], np.float32)

        def found() -> list[int]:
            return [page_id for page_id, _ in dense.search(query, 10)]

        assert found() == [ids["mid"], ids["short"]]  # best first; the archived page is not searchable
        assert len(dense) == 2
        indexes = {row["indexname"] for row in store.query("SELECT indexname FROM pg_indexes "
                                                           "WHERE tablename = 'page_vectors'")}
        assert {"page_vectors_scope", "page_vectors_dense_3"} <= indexes  # one user's pages, and the HNSW graph
        pages.archive([ids["mid"]])
        pages.set_tier([ids["short"]], "mid")  # a move between searchable tiers keeps the page in the index
        assert found() == [ids["short"]]
        pages.set_tier([ids["archived"], ids["mid"]], "mid")
        assert found() == [ids["mid"], ids["short"], ids["archived"]]
        pages.delete([ids["short"]])
        assert found() == [ids["mid"], ids["archived"]]
    finally:
        store.close()
