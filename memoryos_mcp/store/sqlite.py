"""The SQLite store: one file, WAL mode, numbered migrations, every mutation in a transaction."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from ..errors import ConfigError, StoreDamagedError, StoreFullError, StoreMismatchError
from .fulltext import purge, rebuild_cjk_index, repair_full_text_index

logger = logging.getLogger(__name__)


#: Meta key bumped whenever pages leave the vector index: other processes then rebuild theirs in full.
INDEX_EPOCH_KEY = "index_epoch"


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


#: Schema migrations, applied in order; `PRAGMA user_version` records how many ran.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_migration_1, _migration_2, _migration_cjk_and_time]


#: The first 16 bytes of every SQLite database file.
_SQLITE_HEADER = b"SQLite format 3\x00"
_SQLITE_FULL, _SQLITE_CORRUPT, _SQLITE_NOTADB = 13, 11, 26


def check_before_opening(path: Path) -> None:
    """Refuse a file that is not a MemoryOS store from its header alone, so it is left byte for byte as it was
    (opening it would switch it to WAL mode first). A missing or empty file is a new store."""
    try:
        with open(path, "rb") as file:
            header = file.read(100)
    except OSError:
        return  # a folder, no permission...: sqlite3.connect reports it with its own words
    if not header:
        return
    if len(header) < 100 or not header.startswith(_SQLITE_HEADER):
        raise ConfigError(f"data_storage_path: {path} is not a database (no SQLite header); move the file away "
                          "or set data_storage_path to another folder")
    version = int.from_bytes(header[60:64], "big")
    schema_cookie = int.from_bytes(header[40:44], "big")
    if version > len(MIGRATIONS):
        raise ConfigError(f"data_storage_path: {path} has schema version {version}, newer than this "
                          f"memoryos-mcp knows ({len(MIGRATIONS)}): upgrade memoryos-mcp")
    if version == 0 and schema_cookie:
        raise ConfigError(f"data_storage_path: {path} is a SQLite database of another program, not a MemoryOS "
                          "store; it was not changed. Move it away or set data_storage_path to another folder")


def _error_code(exc: sqlite3.Error) -> int:
    """SQLite's primary result code (Python 3.11+ has it; 3.10 only has the message)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF
    text = str(exc)
    if "disk is full" in text:
        return _SQLITE_FULL
    return _SQLITE_CORRUPT if "malformed" in text or "not a database" in text else -1


def to_blob(vector: np.ndarray) -> bytes:
    return np.ascontiguousarray(vector, dtype=np.float32).tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float32)


class Store:
    """Owns the connection. A lock serialises use across threads; BEGIN IMMEDIATE across processes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        check_before_opening(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(path, timeout=30.0, isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise ConfigError(f"data_storage_path: cannot open the database {path}: {exc}") from None
        self.conn.row_factory = sqlite3.Row
        self.lock = threading.RLock()
        self._depth = 0
        try:
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")  # WAL: durable across process crashes
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA secure_delete = ON")  # deleted memories are zeroed, not left in free pages
            self._migrate()
        except sqlite3.DatabaseError as exc:  # e.g. "file is not a database": a start-up error, not a crash
            self.conn.close()
            raise ConfigError(f"data_storage_path: cannot use the database {path}: {exc}; move the file away "
                              "or set data_storage_path to another folder") from None
        except BaseException:
            self.conn.close()
            raise

    def _migrate(self) -> None:
        with self.transaction():
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            if version > len(MIGRATIONS):
                raise ConfigError(f"data_storage_path: {self.path} has schema version {version}, newer than this "
                                  f"memoryos-mcp knows ({len(MIGRATIONS)}): upgrade memoryos-mcp")
            for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
                logger.info("applying schema migration %d to %s", number, self.path)
                migration(self.conn)
                self.conn.execute(f"PRAGMA user_version = {number}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic unit; nested uses join the outer transaction."""
        with self.lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                return
            self.conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self.conn
                self.conn.execute("COMMIT")
            except BaseException:
                self._rollback()  # also after a failed COMMIT, which can leave the transaction open
                raise
            finally:
                self._depth = 0

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """A consistent read of many queries (a deferred transaction) that never blocks other writers."""
        with self.lock:
            if self._depth:
                yield self.conn
                return
            self.conn.execute("BEGIN")
            self._depth = 1
            try:
                yield self.conn
            finally:
                self._depth = 0
                self.conn.execute("COMMIT")

    def _rollback(self) -> None:
        """Roll back what is still open; SQLite may already have done it (disk full, I/O error)."""
        if not self.conn.in_transaction:
            return
        try:
            self.conn.execute("ROLLBACK")
        except sqlite3.Error:
            logger.exception("rollback failed on %s", self.path)

    @contextmanager
    def reporting_errors(self) -> Iterator[None]:
        """SQLite errors a user can act on (disk full, damaged file) become messages that say what to do."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            code = _error_code(exc)
            if code == _SQLITE_FULL:
                raise StoreFullError(f"the disk holding {self.path.parent} is full ({exc}): nothing was stored; "
                                     "free some space and try again") from exc
            if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
                raise StoreDamagedError(
                    f"data_storage_path: the database {self.path} is damaged ({exc}): restore it from a backup, or "
                    f"save what is readable with `sqlite3 {self.path} .recover | sqlite3 recovered.sqlite3`, "
                    "then move the damaged file away") from exc
            raise

    def query(self, sql: str, params: tuple | list = ()) -> list[sqlite3.Row]:
        with self.lock:
            return self.conn.execute(sql, params).fetchall()

    def get_meta(self, key: str) -> str | None:
        rows = self.query("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0]["value"] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def bump_meta_counter(self, key: str) -> None:
        """Tell other processes that sharing this file that their in-memory indexes are stale."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, '1') "
                "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
                (key,),
            )

    def data_version(self) -> int:
        """Changes whenever another connection commits, so a cheap staleness check."""
        with self.lock:
            return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def check_embedding_model(self, name: str, dimension: int) -> None:
        """Vectors of two models live in different spaces: refuse to mix them."""
        stored = self.get_meta("embedding_model")
        if stored is None:
            with self.transaction() as conn:
                conn.execute("INSERT OR REPLACE INTO meta VALUES ('embedding_model', ?)", (name,))
                conn.execute("INSERT OR REPLACE INTO meta VALUES ('embedding_dimension', ?)", (str(dimension),))
            return
        stored_dim = int(self.get_meta("embedding_dimension") or 0)
        if stored != name or stored_dim != dimension:
            raise StoreMismatchError(
                f"the store {self.path} was built with embedding model {stored!r} ({stored_dim}-d) but "
                f"{name!r} ({dimension}-d) is configured: run 'memoryos-mcp reembed --config <this config>' "
                "(server stopped) to re-embed the store with the configured model, or set "
                "embedding_provider/embedding_model_name back, or use another data_storage_path"
            )

    def repair_full_text(self) -> int:
        """Make the full-text indexes agree with the pages table (store/fulltext.py); returns the rows fixed."""
        with self.transaction() as conn:
            return repair_full_text_index(conn)

    def purge_full_text(self) -> None:
        """Drop the words of deleted rows from the full-text indexes for good (store/fulltext.py)."""
        with self.transaction() as conn:
            purge(conn)

    def checkpoint(self) -> None:
        """Copy the WAL into the database file and truncate it, so deleted text leaves the -wal file too.

        A reader in another process can hold older frames back; they are overwritten on its next checkpoint.
        """
        with self.lock:
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*") if p.is_file())

    def close(self) -> None:
        with self.lock:
            self.conn.close()
