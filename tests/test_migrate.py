"""`memoryos-mcp migrate`: a SQLite store moves into PostgreSQL with every row of every user (same ids, same
vectors), and retrieval answers the same on both."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import psycopg
import pytest

from memoryos_mcp.store.migrate import TABLES
from tests.support import REPO, open_memory, read_store
from tests.test_export_import import QUERIES, build, seen

pytestmark = [pytest.mark.postgres, pytest.mark.slow]  # a real database, the real command

#: Each table's columns to compare (every one but the vectors, compared apart) and its order.
#: The queries the store answers. "TP1234" is in no page: what comes back for it is a tie of near-identical
#: pages, cut where each backend's dense index cuts it.
ANSWERED = [query for query in QUERIES if query != "TP1234"]
KEYS = {"chains": "id", "pages": "id", "segments": "id", "knowledge": "id", "model_values": "id",
        "knowledge_sources": "knowledge_id, page_id", "profiles": "user_id, assistant_id",
        "counters": "user_id, assistant_id, name", "model_sources": "value_id, page_id"}


SQL_DIMENSION = "SELECT value FROM meta WHERE key = 'embedding_dimension'"


def migrate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "memoryos_mcp", "migrate", *args], capture_output=True, text=True,
                          cwd=REPO, timeout=600, stdin=subprocess.DEVNULL)


def rows(database: Path, url: str, table: str) -> tuple[list[tuple], list[tuple]]:
    """A table's rows in the SQLite file and in PostgreSQL, by key, without vectors or generated columns."""
    with psycopg.connect(url) as conn:
        columns = [r[0] for r in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND is_generated = 'NEVER' "
            "AND column_name NOT IN ('cjk', 'embedding') ORDER BY ordinal_position", (table,))]
        sql = f"SELECT {', '.join(columns)} FROM {table} ORDER BY {KEYS[table]}"
        return read_store(database, sql), [tuple(r) for r in conn.execute(sql)]  # type: ignore[arg-type]


def test_a_sqlite_store_moves_into_postgres_with_every_item(tmp_path: Path, postgres_url: str) -> None:
    build(tmp_path)  # pages through every tier, segments, chains, facts, the user model, a profile
    with open_memory(tmp_path, user_id="second_user", short_term_capacity=1) as other:
        other.add_memory("My sister Ingrid lives in Oslo and I live in Bergen.", "Noted.")
    database = tmp_path / "memoryos.sqlite3"

    with open_memory(tmp_path, mid_term_heat_threshold=1e9) as memory:  # held: refused, nothing changed
        refused = migrate("--from", f"sqlite:///{database}", "--to", postgres_url)
        assert refused.returncode == 2 and "open in another process" in refused.stderr, refused.stderr
        before = seen(memory, ANSWERED)
    assert migrate("--from", str(database), "--to", postgres_url).returncode == 2  # not a sqlite:/// URL

    done = migrate("--from", f"sqlite:///{database}", "--to", postgres_url)
    assert done.returncode == 0, done.stderr
    for table in TABLES:
        in_file, in_database = rows(database, postgres_url, table)
        assert in_file == in_database, table
    counts = {table: read_store(database, f"SELECT COUNT(*) FROM {table}")[0][0] for table in TABLES}
    assert min(counts.values()) > 0, counts  # every kind of item was there to move
    assert f"{counts['pages']} pages" in done.stderr

    with psycopg.connect(postgres_url) as conn:  # built after the copy, over every searchable page
        dense = conn.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'page_vectors' "
                             "AND indexname LIKE 'page_vectors_dense_%'").fetchall()
        assert [row[0] for row in dense] == [f"page_vectors_dense_{read_store(database, SQL_DIMENSION)[0][0]}"]
    for table in ("pages", "segments", "knowledge"):
        with psycopg.connect(postgres_url) as conn:
            moved_vectors = conn.execute(f"SELECT embedding::real[] FROM {table} ORDER BY id").fetchall()
        stored = read_store(database, f"SELECT embedding FROM {table} ORDER BY id")
        assert len(moved_vectors) == len(stored) and all(
            np.array_equal(np.asarray(m[0], np.float32), np.frombuffer(s[0], np.float32))
            for m, s in zip(moved_vectors, stored, strict=True)), table
    with open_memory(tmp_path, mid_term_heat_threshold=1e9, storage_url=postgres_url) as moved:
        assert seen(moved, ANSWERED) == before
        added = moved.add_memory("A new page after the move.", "Stored.")  # the id sequences go on
        assert added.details["page_id"] > counts["pages"]

    again = migrate("--from", f"sqlite:///{database}", "--to", postgres_url)
    assert again.returncode == 2 and "already holds memory" in again.stderr, again.stderr
