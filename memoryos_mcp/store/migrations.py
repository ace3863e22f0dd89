"""Schema migrations as numbered functions, applied in order; `PRAGMA user_version` records how many ran.

Each runs inside the transaction that opens the store, so a migration applies whole or not at all.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable

from .fulltext import rebuild_cjk_index


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Statement by statement: executescript() would commit, breaking the migration's transaction."""
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _migration_1(conn: sqlite3.Connection) -> None:
    _run_script(
        conn,
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE pages (
            id INTEGER PRIMARY KEY,
            user_id TEXT NOT NULL,
            assistant_id TEXT NOT NULL,
            user_input TEXT NOT NULL,
            agent_response TEXT NOT NULL,
            timestamp TEXT NOT NULL,
            meta_data TEXT NOT NULL DEFAULT '{}',
            tier TEXT NOT NULL DEFAULT 'short' CHECK (tier IN ('short', 'mid', 'archived')),
            enriched INTEGER NOT NULL DEFAULT 0,
            segment_id INTEGER,
            pre_page INTEGER,
            next_page INTEGER,
            chain_id INTEGER,
            analyzed INTEGER NOT NULL DEFAULT 0,
            attempts INTEGER NOT NULL DEFAULT 0,
            retry_after REAL NOT NULL DEFAULT 0,
            created_at REAL NOT NULL,
            embedding BLOB NOT NULL
        );
        CREATE INDEX pages_scope_tier ON pages (user_id, assistant_id, tier, id);
        CREATE INDEX pages_scope_id ON pages (user_id, assistant_id, id);
        CREATE INDEX pages_segment ON pages (segment_id, analyzed);
        CREATE INDEX pages_pending ON pages (user_id, assistant_id, id) WHERE tier = 'mid' AND enriched = 0;
        CREATE VIRTUAL TABLE pages_fts USING fts5 (body, tokenize = 'porter unicode61');
        CREATE TABLE segments (
            id INTEGER PRIMARY KEY,
            user_id TEXT NOT NULL,
            assistant_id TEXT NOT NULL,
            summary TEXT NOT NULL,
            keywords TEXT NOT NULL DEFAULT '{}',
            embedding BLOB NOT NULL,
            n_themes INTEGER NOT NULL DEFAULT 1,
            n_visit INTEGER NOT NULL DEFAULT 0,
            l_interaction INTEGER NOT NULL DEFAULT 0,
            last_access REAL NOT NULL,
            created_at REAL NOT NULL,
            archived INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX segments_scope ON segments (user_id, assistant_id, archived);
        CREATE TABLE knowledge (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('user', 'assistant')),
            owner TEXT NOT NULL,
            knowledge TEXT NOT NULL,
            timestamp TEXT NOT NULL,
            embedding BLOB NOT NULL
        );
        CREATE INDEX knowledge_owner ON knowledge (kind, owner, id);
        CREATE TABLE chains (id INTEGER PRIMARY KEY, meta_info TEXT NOT NULL DEFAULT '');
        CREATE TABLE profiles (user_id TEXT PRIMARY KEY, profile TEXT NOT NULL, updated_at TEXT NOT NULL);
        """
    )


def _migration_2(conn: sqlite3.Connection) -> None:
    """Knowledge scoped by (user, assistant) with provenance, status and counts; per-scope profiles.

    Old rows have no provenance. A user fact goes to the user's (first) assistant; an assistant fact
    to the one user who talked to that assistant, and is dropped when several did: it cannot be
    attributed, and sharing it would leak one user's conversation to another.
    """
    _run_script(
        conn,
        """
        ALTER TABLE knowledge RENAME TO knowledge_v1;
        ALTER TABLE profiles RENAME TO profiles_v1;
        CREATE TABLE knowledge (
            id INTEGER PRIMARY KEY,
            user_id TEXT NOT NULL,
            assistant_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('user', 'assistant')),
            knowledge TEXT NOT NULL,
            slot TEXT,
            status TEXT NOT NULL DEFAULT 'current' CHECK (status IN ('current', 'superseded')),
            superseded_by INTEGER,
            corrected INTEGER NOT NULL DEFAULT 0,
            mentions INTEGER NOT NULL DEFAULT 1,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            created_at REAL NOT NULL,
            embedding BLOB NOT NULL
        );
        CREATE INDEX knowledge_scope ON knowledge (user_id, assistant_id, kind, status, id);
        CREATE TABLE knowledge_sources (
            knowledge_id INTEGER NOT NULL REFERENCES knowledge (id) ON DELETE CASCADE,
            page_id INTEGER NOT NULL,
            PRIMARY KEY (knowledge_id, page_id)
        ) WITHOUT ROWID;
        CREATE INDEX knowledge_sources_page ON knowledge_sources (page_id);
        CREATE VIRTUAL TABLE knowledge_fts USING fts5 (body, tokenize = 'porter unicode61');
        CREATE TABLE profiles (
            user_id TEXT NOT NULL,
            assistant_id TEXT NOT NULL,
            profile TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (user_id, assistant_id)
        );
        CREATE TABLE counters (
            user_id TEXT NOT NULL,
            assistant_id TEXT NOT NULL,
            name TEXT NOT NULL,
            value INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (user_id, assistant_id, name)
        );
        ALTER TABLE pages ADD COLUMN learned INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX pages_unlearned ON pages (user_id, assistant_id, id) WHERE tier = 'mid' AND learned = 0
        """
    )
    pairs: dict[str, list[tuple[str, str]]] = {}
    for user_id, assistant_id in conn.execute("SELECT DISTINCT user_id, assistant_id FROM pages ORDER BY 1, 2"):
        pairs.setdefault(f"user:{user_id}", []).append((user_id, assistant_id))
        pairs.setdefault(f"assistant:{assistant_id}", []).append((user_id, assistant_id))
    now = time.time()
    for kind, owner, text, stamp, blob in conn.execute(
            "SELECT kind, owner, knowledge, timestamp, embedding FROM knowledge_v1 ORDER BY id").fetchall():
        owners = pairs.get(f"{kind}:{owner}") or ([(owner, "default_assistant_profile")] if kind == "user" else [])
        if kind == "assistant" and len(owners) != 1:
            continue
        user_id, assistant_id = owners[0]
        cursor = conn.execute(
            "INSERT INTO knowledge (user_id, assistant_id, kind, knowledge, first_seen, last_seen, created_at, "
            "embedding) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (user_id, assistant_id, kind, text, stamp, stamp, now, blob))
        conn.execute("INSERT INTO knowledge_fts (rowid, body) VALUES (?, ?)", (cursor.lastrowid, text))
    for user_id, text, stamp in conn.execute("SELECT user_id, profile, updated_at FROM profiles_v1").fetchall():
        assistant_id = (pairs.get(f"user:{user_id}") or [(user_id, "default_assistant_profile")])[0][1]
        conn.execute("INSERT INTO profiles VALUES (?, ?, ?, ?)", (user_id, assistant_id, text, stamp))
    _run_script(conn, "DROP TABLE knowledge_v1; DROP TABLE profiles_v1")


def _migration_cjk_and_time(conn: sqlite3.Connection) -> None:
    """Character pairs of Korean, Chinese and Japanese text in a second full-text table (their words
    are not space-separated), and an index for time-window queries."""
    conn.execute("CREATE VIRTUAL TABLE pages_cjk USING fts5 (body, tokenize = 'unicode61')")
    conn.execute("CREATE INDEX pages_scope_time ON pages (user_id, assistant_id, timestamp)")
    rebuild_cjk_index(conn)


def _migration_ids_never_reused(conn: sqlite3.Connection) -> None:
    """AUTOINCREMENT on pages, segments, facts and chains: a deleted id is never given again (also after
    forget_all), so a retried delete or correction, or background work on a page read before it was
    deleted, can never land on a newer row. SQLite cannot add it in place: each table is copied into a
    new one with the same columns and ids. Dropping `knowledge` would cascade to its sources: kept aside."""
    conn.execute("CREATE TEMP TABLE sources_kept AS SELECT * FROM knowledge_sources")
    for table in ("pages", "segments", "knowledge", "chains"):
        create = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()[0]
        indexes = [row[0] for row in conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", (table,))]
        head, body = create.split("(", 1)
        body = body.replace("id INTEGER PRIMARY KEY", "id INTEGER PRIMARY KEY AUTOINCREMENT", 1)
        conn.execute(f"CREATE TABLE {table}_autoincrement ({body}")
        conn.execute(f"INSERT INTO {table}_autoincrement SELECT * FROM {table}")
        conn.execute(f"DROP TABLE {table}")
        conn.execute(f"ALTER TABLE {table}_autoincrement RENAME TO {table}")
        for index in indexes:
            conn.execute(index)
    conn.execute("INSERT INTO knowledge_sources SELECT * FROM sources_kept")
    conn.execute("DROP TABLE sources_kept")


def _migration_source_wording(conn: sqlite3.Connection) -> None:
    """Each source page of a fact keeps the words it stated the fact in, so a fact losing the page its
    wording came from is rewritten in a remaining page's words. Older rows: the first page said it."""
    conn.execute("ALTER TABLE knowledge_sources ADD COLUMN wording TEXT")
    conn.execute("UPDATE knowledge_sources SET wording = (SELECT knowledge FROM knowledge WHERE id = knowledge_id) "
                 "WHERE page_id = (SELECT MIN(page_id) FROM knowledge_sources first "
                 "WHERE first.knowledge_id = knowledge_sources.knowledge_id)")


def _migration_user_model(conn: sqlite3.Connection) -> None:
    """The user model's values and sources; every page is learnt from, whatever its tier."""
    _run_script(conn, _USER_MODEL_SCHEMA)


_USER_MODEL_SCHEMA = """
CREATE TABLE model_values (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id TEXT NOT NULL,
    assistant_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    attribute TEXT NOT NULL,
    value TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    due TEXT,
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    status TEXT NOT NULL DEFAULT 'current' CHECK (status IN ('current', 'past', 'done', 'expired')),
    closed_by INTEGER
);
CREATE INDEX model_values_scope ON model_values (user_id, assistant_id, status, id);
CREATE TABLE model_sources (
    value_id INTEGER NOT NULL REFERENCES model_values (id) ON DELETE CASCADE,
    page_id INTEGER NOT NULL,
    PRIMARY KEY (value_id, page_id)
) WITHOUT ROWID;
CREATE INDEX model_sources_page ON model_sources (page_id);
CREATE INDEX pages_to_learn ON pages (user_id, assistant_id, id) WHERE learned = 0
"""


#: Schema migrations, applied in order; `PRAGMA user_version` records how many ran.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _migration_1, _migration_2, _migration_cjk_and_time, _migration_ids_never_reused, _migration_source_wording,
    _migration_user_model]
