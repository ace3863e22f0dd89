"""How background work reaches one memory's store: its rows, the engine lock, and other processes' writes."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from ..filters import Scope
from .sqlite import Store


@dataclass(frozen=True)
class StoreAccess:
    """The store with the `scope` (user, assistant) whose rows background work reads and writes.

    Writes happen under the engine `lock`, after `sync` has caught up with what another process sharing
    the database file committed: the caches (segments, facts, the vector index) must agree with SQLite.
    """

    store: Store
    scope: Scope
    lock: threading.RLock
    sync: Callable[[], None]
