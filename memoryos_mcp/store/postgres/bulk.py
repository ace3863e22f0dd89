"""Writing many pages into PostgreSQL at once: COPY into a staging table, the search indexes built after.

Through the repositories a page is one INSERT, one HNSW graph insertion and a GIN update: 76 pages/s with
the index's `m` 32. Here the dense and full-text indexes are dropped for the load and built once over every
row at the end (one sorted GIN build, one HNSW build in `maintenance_work_mem`), as `migrate` builds its
HNSW index after the copy. One transaction: a failed load leaves the database as it was. It holds the pages
alone (ACCESS EXCLUSIVE) until it commits, so it is for loading a store no instance serves yet.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import numpy as np

from ...filters import Scope
from ...language.text import cjk_terms
from ...records import NewPage
from .store import PostgresStore

#: Memory one index build may use: an HNSW graph of 1M 384-d pages at `m` 32 needs about 3 GB to be
#: built in memory (beyond it pgvector goes on building on disk, many times slower).
BUILD_MEMORY = "4GB"
#: The indexes dropped for a load and built again after it: the page full-text ones and the HNSW one.
_SEARCH_INDEXES = ("SELECT indexname, indexdef FROM pg_indexes WHERE (tablename = 'pages' AND indexname IN "
                   "('pages_words', 'pages_cjk')) OR (tablename = 'page_vectors' AND indexname LIKE "
                   "'page\\_vectors\\_dense\\_%')")
_STAGE = ("CREATE TEMP TABLE bulk_pages (user_input TEXT, agent_response TEXT, timestamp TEXT, meta_data TEXT, "
          "embedding vector, cjk TEXT) ON COMMIT DROP")
_COPY = "COPY bulk_pages FROM STDIN (FORMAT BINARY)"
_TYPES = ["text", "text", "text", "text", "vector", "text"]
_MOVE = ("INSERT INTO pages (user_id, assistant_id, user_input, agent_response, timestamp, meta_data, created_at, "
         "embedding, cjk, tier, enriched, analyzed, learned) SELECT %s, %s, user_input, agent_response, timestamp, "
         "meta_data, extract(epoch FROM now()), embedding, to_tsvector('simple', cjk), %s, %s, %s, %s FROM bulk_pages")


def load_pages(store: PostgresStore, scope: Scope, batches: Iterable[tuple[list[NewPage], np.ndarray]],
               tier: str = "mid", settled: bool = True) -> int:
    """Write every batch's pages (with their vectors) into `scope` as pages of `tier`, already enriched,
    analysed and learnt from when `settled` (nothing left for background work); the number written."""
    written = 0
    flag = int(settled)
    with store.transaction(pipelined=False) as conn:  # COPY is not allowed in pipeline mode
        conn.execute(f"SET LOCAL maintenance_work_mem = '{BUILD_MEMORY}'")
        indexes = conn.execute(_SEARCH_INDEXES).fetchall()
        for index in indexes:
            conn.execute(f"DROP INDEX {index['indexname']}")
        conn.execute(_STAGE)
        for pages, vectors in batches:
            store.check_width(np.asarray(vectors))
            with conn.cursor() as cursor, cursor.copy(_COPY) as copy:
                copy.set_types(_TYPES)
                for page, vector in zip(pages, vectors, strict=True):
                    copy.write_row((page.user_input, page.agent_response, page.timestamp,
                                    json.dumps(page.meta_data, ensure_ascii=False), np.asarray(vector, np.float32),
                                    " ".join(cjk_terms(f"{page.user_input}\n{page.agent_response}"))))
            conn.execute(_MOVE, (scope.user_id, scope.assistant_id, tier, flag, flag, flag))
            conn.execute("TRUNCATE bulk_pages")
            written += len(pages)
        for index in indexes:
            conn.execute(index["indexdef"])
    return written

