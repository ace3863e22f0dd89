"""Who holds a store: every process that opens it holds a shared lock on a file beside it, and
`memoryos-mcp reembed` needs it alone, so a server never writes one model's vectors into a store
converted to another. The OS drops the lock when a process ends, `kill -9` included.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ConfigError

try:
    import fcntl
except ImportError:  # Windows: no advisory locks here; reembed's own checks remain
    fcntl = None  # type: ignore[assignment]


class StoreHold:
    """A shared hold on one database for the life of a Store; `alone()` upgrades it for reembed."""

    def __init__(self, database: Path) -> None:
        self.database = database
        lock = database.with_name(f"{database.name}.lock")
        try:
            self._fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise ConfigError(f"data_storage_path: cannot open {lock}: {exc.strerror or exc}") from None
        if fcntl is None:
            return
        try:
            fcntl.flock(self._fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self._fd)
            raise ConfigError(f"data_storage_path: {database} is being re-embedded by 'memoryos-mcp reembed'; "
                              "start again once it has finished") from None

    def alone(self) -> None:
        """Refuse unless no other process (a server, an export...) has the store open."""
        if fcntl is None:
            return
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ConfigError(f"data_storage_path: {self.database} is open in another process (a running server "
                              "or command): stop it, then run reembed again; nothing was changed") from None

    def release(self) -> None:
        os.close(self._fd)
