"""Secure delete's last step: the WAL copied into the database file and truncated, so deleted text
leaves both files. A reader in another process (a `sqlite3` shell, an export piped to a slow consumer)
pins the old copies until it finishes; the store then waits only briefly, and a background retry (or,
after a crash, the next start) completes the wipe once the reader is done. Nobody waits 30 seconds.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable

logger = logging.getLogger(__name__)

#: How long a delete waits for readers before leaving the wipe to the background retry.
WAIT_MS = 500
#: Seconds between background attempts.
RETRY_SECONDS = 0.5
#: The connection's usual busy timeout, restored after each attempt.
BUSY_MS = 30_000


class Wiper:
    """Checkpoints one connection's database, with a bounded wait and retries until it succeeds."""

    def __init__(self, conn: sqlite3.Connection, lock: threading.RLock, is_open: Callable[[], bool]) -> None:
        self.conn = conn
        self.lock = lock
        self.is_open = is_open
        self._retrying = threading.Event()
        self._stop = threading.Event()

    def wipe(self, wait_ms: int = WAIT_MS) -> bool:
        """True when deleted text is gone from the files now; else it will be once readers finish."""
        if self._attempt(wait_ms):
            return True
        if not self._retrying.is_set():
            self._retrying.set()
            threading.Thread(target=self._retry, name="memoryos-wipe", daemon=True).start()
        return False

    def pending(self) -> bool:
        return self._retrying.is_set()

    def stop(self) -> None:
        self._stop.set()

    def _attempt(self, wait_ms: int) -> bool:
        with self.lock:
            if not self.is_open() or self.conn.in_transaction:
                return False
            self.conn.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
            try:
                busy = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            except sqlite3.OperationalError:  # locked by a writer in another process: try again later
                busy = 1
            finally:
                self.conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
            return busy == 0

    def _retry(self) -> None:
        while not self._stop.wait(RETRY_SECONDS):
            if self._attempt(0):
                logger.info("deleted text wiped from the database files: the last reader has finished")
                break
        self._retrying.clear()
