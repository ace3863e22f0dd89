"""Moving a SQLite store into PostgreSQL row for row: every user, every table, the same ids and vectors.

No model runs: vectors are copied as stored, so the database answers as the file did. The copy is one
transaction on PostgreSQL (a failed run leaves the database as it was) and the SQLite file is held alone
meanwhile (no server writes to it while it is read).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError
from ..language.text import cjk_terms
from .backend import SQLiteBackend
from .postgres.store import PostgresStore

#: The tables a memory lives in, parents first.
TABLES = ("chains", "pages", "segments", "knowledge", "knowledge_sources", "profiles", "counters", "model_values",
          "model_sources")
#: Tables whose ids come from a sequence on PostgreSQL: it continues after the copied ids.
_SERIAL = ("chains", "pages", "segments", "knowledge", "model_values")
_VECTORS = {"pages", "segments", "knowledge"}
#: Rows read and written per batch.
BATCH = 1000


def migrate(database: Path, url: str, progress: Callable[[str, int], None]) -> dict[str, int]:
    """Copy the SQLite store at `database` into the empty PostgreSQL database at `url`; rows copied per table."""
    if not database.is_file():
        raise ConfigError(f"--from: no store at {database}: there is nothing to migrate")
    source = SQLiteBackend(database)
    try:
        source.hold.alone()
        target = PostgresStore(url, "--to", application="memoryos-mcp migrate")
        try:
            return _copy(source, target, progress)
        finally:
            target.close()
    finally:
        source.close()


def _copy(source: SQLiteBackend, target: PostgresStore, progress: Callable[[str, int], None]) -> dict[str, int]:
    model, dimension = source.get_meta("embedding_model"), source.get_meta("embedding_dimension")
    copied: dict[str, int] = {}
    with target.transaction() as conn:
        held = [table for table in TABLES if target.query(f"SELECT EXISTS (SELECT 1 FROM {table}) AS e")[0]["e"]]
        if held:
            raise ConfigError(f"--to: the database {target.location} already holds memory ({', '.join(held)}): "
                              "migrate into an empty database; nothing was changed")
        for table in TABLES:
            columns = _columns(conn, table)
            insert = _insert_sql(table, columns)
            copied[table] = 0
            for rows in _batches(source, table, columns):
                with conn.cursor() as cursor:
                    cursor.executemany(insert, [_values(table, columns, row) for row in rows])
                copied[table] += len(rows)
                progress(table, copied[table])
        # The model and its HNSW index after the copy: built once over the pages, where an index made first
        # turns every copied page into one graph insertion (many times slower).
        if model is not None and dimension is not None:
            target.check_embedding_model(model, int(dimension))
        for table in _SERIAL:
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(max(id), 0) + 1, false) "
                         f"FROM {table}")
    return copied


def _columns(conn: Any, table: str) -> list[str]:
    """The stored columns of a PostgreSQL table (not the generated full text, nor pages' CJK column, made here)."""
    rows = conn.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                        "AND is_generated = 'NEVER' AND column_name != 'cjk' ORDER BY ordinal_position",
                        (table,)).fetchall()
    return [row["column_name"] for row in rows]


def _insert_sql(table: str, columns: list[str]) -> str:
    marks = ", ".join(["%s"] * len(columns))
    if table == "pages":
        return f"INSERT INTO pages ({', '.join(columns)}, cjk) VALUES ({marks}, to_tsvector('simple', %s))"
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"


def _batches(source: SQLiteBackend, table: str, columns: list[str]) -> Iterator[list[sqlite3.Row]]:
    """The SQLite table's rows, BATCH at a time."""
    with source.lock:
        cursor = source.conn.execute(f"SELECT {', '.join(columns)} FROM {table}")
        while rows := cursor.fetchmany(BATCH):
            yield rows


def _values(table: str, columns: list[str], row: sqlite3.Row) -> list[Any]:
    values = [np.frombuffer(row[c], dtype=np.float32) if c == "embedding" and table in _VECTORS else row[c]
              for c in columns]
    if table == "pages":
        values.append(" ".join(cjk_terms(f"{row['user_input']}\n{row['agent_response']}")))
    return values
