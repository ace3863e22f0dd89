"""The SQLite store: one file, WAL mode, numbered migrations, every mutation in a transaction."""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from ..errors import ConfigError, StoreDamagedError, StoreFullError, StoreMismatchError
from .fulltext import purge, repair_full_text_index
from .holders import StoreHold
from .migrations import MIGRATIONS
from .wipe import Wiper

logger = logging.getLogger(__name__)


#: The first 16 bytes of every SQLite database file.
_SQLITE_HEADER = b"SQLite format 3\x00"
_SQLITE_FULL, _SQLITE_CORRUPT, _SQLITE_NOTADB = 13, 11, 26


def check_file(path: Path) -> None:
    """Refuse a file that is not a MemoryOS store from its header alone, so it is left byte for byte as it was
    (opening it would switch it to WAL mode first). A missing file is a new store; an empty one is refused:
    new stores are never empty (see _create), so it is a store that lost its contents, not one to start over."""
    try:
        with open(path, "rb") as file:
            header = file.read(100)
    except OSError:
        return  # missing, a folder, no permission...: sqlite3.connect reports it with its own words
    if not header:
        raise ConfigError(f"data_storage_path: {path} is empty (0 bytes), not a MemoryOS store: restore it from a "
                          "backup, or delete it to start a new empty store")
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


def _create(path: Path) -> None:
    """A new store appears whole: made beside `path` and linked into place, so no process ever sees an
    empty file there (which check_file refuses). Another process creating it first wins."""
    if path.exists():
        return
    fresh = path.with_name(f".{path.name}.{os.getpid()}.new")
    conn = sqlite3.connect(fresh)
    try:
        conn.execute("PRAGMA journal_mode = WAL")  # writes the header: the file is a database from now on
    finally:
        conn.close()
    try:
        os.link(fresh, path)
    except FileExistsError:
        pass
    except OSError:  # a file system without hard links
        if not path.exists():
            os.replace(fresh, path)
    finally:
        fresh.unlink(missing_ok=True)


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


def row_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just made."""
    assert cursor.lastrowid is not None
    return cursor.lastrowid


class Store:
    """Owns the connection. A lock serialises use across threads; BEGIN IMMEDIATE across processes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        check_file(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _create(path)
            self.conn = sqlite3.connect(path, timeout=30.0, isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise ConfigError(f"data_storage_path: cannot open the database {path}: {exc}") from None
        try:
            self.hold = StoreHold(path)
        except BaseException:
            self.conn.close()
            raise
        self.conn.row_factory = sqlite3.Row
        self.lock = threading.RLock()
        self._depth = 0
        self._closed = False
        try:
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")  # WAL: durable across process crashes
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA secure_delete = ON")  # deleted memories are zeroed, not left in free pages
            self._migrate()
            self.wiper = Wiper(self.conn, self.lock, lambda: not self._closed)
            self.wiper.wipe(wait_ms=0)  # a delete that crashed before its wipe, or left it to a reader: now
        except sqlite3.DatabaseError as exc:  # e.g. "file is not a database": a start-up error, not a crash
            self.conn.close()
            self.hold.release()
            raise ConfigError(f"data_storage_path: cannot use the database {path}: {exc}; move the file away "
                              "or set data_storage_path to another folder") from None
        except BaseException:
            self.conn.close()
            self.hold.release()
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
    def transaction(self, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """One atomic unit; nested uses join the outer transaction. Every commit is as durable as
        `synchronous=NORMAL` makes it (no wait for the disk in WAL mode), so `durable` changes nothing here."""
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

    def check_width(self, vectors: np.ndarray) -> None:
        """Write only vectors of the store's dimension: never a second model's into one store."""
        stored = self.get_meta("embedding_dimension")
        if stored is not None and vectors.size and vectors.shape[-1] != int(stored):
            raise StoreMismatchError(f"the store {self.path} holds {stored}-d vectors; this process has "
                                     f"{vectors.shape[-1]}-d ones (was it re-embedded meanwhile?): nothing was "
                                     "stored; restart with the config that names the store's model")

    def odd_vectors(self, rows: list[bytes]) -> None:
        """A store with vectors of another width (written while it was re-embedded, before reembed refused
        to run beside a server) is refused with the way out instead of a crash."""
        stored = self.get_meta("embedding_dimension")
        if stored is not None and any(len(blob) != 4 * int(stored) for blob in rows):
            raise StoreMismatchError(f"the store {self.path} holds vectors that are not {stored}-d (written by "
                                     "another model): stop every server, then run 'memoryos-mcp reembed --config "
                                     "<this config>' to re-embed them")

    def wiped(self) -> bool:
        """Whether deleted text is gone from the files, or still waits for a reader (see wipe.py)."""
        return not self.wiper.pending()

    def checkpoint(self) -> bool:
        """Copy the WAL into the database file and truncate it, so deleted text leaves both files. False when
        a reader in another process pins the old copies: they are wiped in the background once it finishes."""
        return self.wiper.wipe()

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*") if p.is_file())

    def close(self) -> None:
        if self._closed:
            return
        self.wiper.stop()
        with self.lock:
            self._closed = True
            self.conn.close()
            self.hold.release()
