"""The unit of work: the one way engine code reads or changes a memory.

Every read and write of the in-memory caches (the vector index, the segments, the facts) and of the
store runs under the engine lock, after catching up with what another process sharing the database
file committed. A change also runs in one store transaction (so no other process commits in between);
a change that deletes is then checkpointed, so the deleted text leaves the write-ahead log too.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..filters import Scope
from ..store.protocol import Backend, Repositories


@dataclass(frozen=True)
class UnitOfWork:
    """The store with the `scope` whose rows the engine reads and writes (its `repositories`), the engine
    `lock`, and `sync`, which brings the caches up to date with the store (set by the composition root)."""

    store: Backend
    scope: Scope
    repositories: Repositories
    sync: Callable[[], None]
    lock: threading.RLock = field(default_factory=threading.RLock)

    @contextmanager
    def read(self, catch_up: bool = True) -> Iterator[None]:
        """The caches and the store agree with what is committed, and stay so until the block ends.
        `catch_up=False` skips the sync: an earlier block of the same call synced, so the call still sees every
        change committed before it began (on a database server the sync is a round trip)."""
        with self.lock, self.store.session():
            if catch_up:
                self.sync()
            yield

    @contextmanager
    def write(self, catch_up: bool = True, on_rollback: Callable[[], None] | None = None,
              durable: bool = True) -> Iterator[None]:
        """One atomic change. `catch_up=False` skips the sync (the caller synced under the same lock
        before a slow step); `on_rollback` restores a cache the block changed before it failed;
        `durable=False` for work redone cheaply if a crash loses it (see Backend.transaction)."""
        with self.lock:
            try:
                with self.store.transaction(durable):
                    if catch_up:
                        self.sync()
                    yield
            except BaseException:
                if on_rollback is not None:
                    on_rollback()
                raise

    @contextmanager
    def forgetting(self, forgot: Callable[[], None]) -> Iterator[list[Callable[[], None]]]:
        """A change that deletes: as `write`; once committed, the actions the block queued on the list it
        gets run, then `forgot` (the caches reload what is left), and the file is checkpointed."""
        then: list[Callable[[], None]] = []
        with self.lock:
            with self.write():
                yield then
            for action in then:
                action()
            forgot()
        self.store.checkpoint()
