"""Per-user engines of a team server: opened on first use, closed when idle or least recently used.

Each user's memory is its own SQLite file (with its own indexes) under `data_storage_path/users/`, so
isolation is physical and a user's engine loads only that user's pages. The config's own `user_id` keeps
the store at `data_storage_path`, so a single-user server turns into a team server without moving its
memory. One embedding model serves every engine, and one `sampler` (the connected clients' models, by
user) every engine: each engine asks it only for its own user.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path

import anyio
import numpy as np

from ..config import MemoryConfig
from ..errors import MemoryosError
from ..language.embeddings import Embedder
from ..language.local_models import make_embedder
from ..language.sampling import Sampler
from ..memory.engine import Memoryos
from .startup import stdout_to_stderr
from .token_file import Tenant

logger = logging.getLogger(__name__)

Key = tuple[str, str]
#: How often idle engines are looked for, at most.
SWEEP_SECONDS = 30.0


class SharedEmbedder:
    """The one embedding model of the process, lent to every engine: an engine closing leaves it open."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        return self.inner.embed_batch(texts)


def user_folder(base: Path, user_id: str) -> Path:
    """`users/<readable part>-<hash>`: any user id maps to one safe folder name, distinct ids to distinct ones."""
    readable = re.sub(r"[^A-Za-z0-9_-]", "_", user_id)[:40] or "user"
    digest = hashlib.sha256(user_id.encode("utf-8")).hexdigest()[:12]
    return base / "users" / f"{readable}-{digest}"


def user_config(config: MemoryConfig, tenant: Tenant) -> MemoryConfig:
    """The config with the tenant's ids and store: the SQLite file in the tenant's folder, or the one PostgreSQL
    database every user shares (rows scoped by user)."""
    update: dict[str, object] = {"user_id": tenant.user_id, "assistant_id": tenant.assistant_id}
    if tenant.user_id != config.user_id and not config.on_postgres:
        update |= {"data_storage_path": user_folder(config.data_storage_path, tenant.user_id), "storage_url": None}
    return config.model_copy(update=update)


@dataclass
class _Entry:
    ready: anyio.Event = field(default_factory=anyio.Event)
    engine: Memoryos | None = None
    failed: bool = False
    leases: int = 0
    last_used: float = field(default_factory=time.monotonic)


class EnginePool:
    """At most `max_open_users` engines open; one in use by a request is never closed under it."""

    def __init__(self, config: MemoryConfig, embedder: Embedder | None = None,
                 factory: Callable[..., Memoryos] = Memoryos.from_config, sampler: Sampler | None = None) -> None:
        """`embedder`: the model every engine shares (default: the configured one, loaded on first use);
        `sampler`: the server's MCP sampling sessions, by user."""
        self.config = config
        self._factory = factory
        self._sampler = sampler
        self._entries: OrderedDict[Key, _Entry] = OrderedDict()
        self._closing: dict[Key, anyio.Event] = {}
        self._lock = anyio.Lock()
        self._embedder = SharedEmbedder(embedder) if embedder is not None else None
        self._embedder_lock = threading.Lock()

    @property
    def open_count(self) -> int:
        return len(self._entries)

    @contextlib.asynccontextmanager
    async def lease(self, tenant: Tenant) -> AsyncIterator[Memoryos]:
        """The tenant's engine, opened if needed, kept open until the block ends."""
        key = (tenant.user_id, tenant.assistant_id)
        entry = await self._acquire(key, tenant)
        try:
            assert entry.engine is not None
            yield entry.engine
        finally:
            with anyio.CancelScope(shield=True):
                async with self._lock:
                    entry.leases -= 1
                    entry.last_used = time.monotonic()
                await self._close_over_bound()

    async def _acquire(self, key: Key, tenant: Tenant) -> _Entry:
        async with self._lock:
            entry = self._entries.get(key)
            opener = entry is None
            if entry is None:
                entry = self._entries[key] = _Entry()
            self._entries.move_to_end(key)
            entry.leases += 1
            closing = self._closing.get(key)
        if opener:
            await self._open(key, entry, tenant, closing)
            await self._close_over_bound()
        else:
            await entry.ready.wait()
        if entry.failed:
            async with self._lock:
                entry.leases -= 1
            raise MemoryosError(f"the memory of user {tenant.user_id!r} could not be opened; see the server log")
        return entry

    async def _open(self, key: Key, entry: _Entry, tenant: Tenant, closing: anyio.Event | None) -> None:
        """Open outside the pool lock (other users go on); shielded, so a cancelled request leaks no engine."""
        with anyio.CancelScope(shield=True):
            try:
                if closing is not None:  # the same store still closing: never two engines writing one file
                    await closing.wait()
                entry.engine = await anyio.to_thread.run_sync(self._open_engine, tenant)
            except Exception:
                logger.exception("cannot open the memory of user %r", tenant.user_id)
                entry.failed = True
                async with self._lock:
                    if self._entries.get(key) is entry:
                        del self._entries[key]
            finally:
                entry.ready.set()

    def _open_engine(self, tenant: Tenant) -> Memoryos:
        with stdout_to_stderr():
            with self._embedder_lock:
                if self._embedder is None:
                    self._embedder = SharedEmbedder(make_embedder(self.config))
            engine = self._factory(user_config(self.config, tenant), embedder=self._embedder, sampler=self._sampler)
        logger.info("opened the memory of user %r (%d open)", tenant.user_id, len(self._entries))
        return engine

    async def _close_over_bound(self) -> None:
        """Least recently used first, skipping engines in use (the bound is exceeded while all are busy)."""
        async with self._lock:
            excess = len(self._entries) - self.config.max_open_users
            idle = [key for key, entry in self._entries.items() if entry.leases == 0 and entry.engine is not None]
            victims = self._take(idle[:max(excess, 0)])
        await self._close(victims)

    async def close_idle(self) -> None:
        """Close every engine unused for `user_idle_seconds`."""
        cutoff = time.monotonic() - self.config.user_idle_seconds
        async with self._lock:
            victims = self._take([key for key, entry in self._entries.items()
                                  if entry.leases == 0 and entry.engine is not None and entry.last_used < cutoff])
        await self._close(victims)

    def _take(self, keys: list[Key]) -> list[tuple[Key, Memoryos]]:
        """Remove entries from the table (under the lock) and mark their stores as closing."""
        taken = []
        for key in keys:
            entry = self._entries.pop(key)
            assert entry.engine is not None
            self._closing[key] = anyio.Event()
            taken.append((key, entry.engine))
        return taken

    async def _close(self, victims: list[tuple[Key, Memoryos]]) -> None:
        with anyio.CancelScope(shield=True):
            for key, engine in victims:
                try:
                    await anyio.to_thread.run_sync(engine.close)
                    logger.info("closed the memory of user %r (%d open)", key[0], len(self._entries))
                finally:
                    self._closing.pop(key).set()

    async def run_sweeper(self) -> None:
        """Close idle engines now and then, until cancelled."""
        every = min(SWEEP_SECONDS, self.config.user_idle_seconds / 2)
        while True:
            await anyio.sleep(every)
            await self.close_idle()

    async def close_all(self) -> None:
        """At shutdown: every engine, then the shared model."""
        async with self._lock:
            victims = self._take([key for key, entry in self._entries.items() if entry.engine is not None])
        await self._close(victims)
        close = getattr(self._embedder.inner if self._embedder else None, "close", None)
        if callable(close):
            close()
