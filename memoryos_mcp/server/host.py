"""The engine every request handler shares, and the bridge from async handlers to its synchronous calls."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Callable, MutableMapping
from contextvars import ContextVar
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol, TypeVar

import anyio
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError

from ..config import MemoryConfig
from ..errors import MemoryosError
from ..memory.engine import Memoryos
from .sampling import SamplingSessions, single_user
from .startup import stdout_to_stderr

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: The engine of the request being handled, when it is not the process's one engine: a team server sets it
#: per request to the caller's own (`tenants.TenantEngines`).
REQUEST_ENGINE: ContextVar[Memoryos | None] = ContextVar("memoryos_request_engine", default=None)


@dataclass
class AppContext:
    """What every request handler reaches through `ctx.request_context.lifespan_context`."""

    engine: Memoryos | None  # None on a team server: each request has its user's engine in REQUEST_ENGINE
    config: MemoryConfig
    transport: str


class Host(Protocol):
    """What the server needs from whoever owns the engines: one engine (EngineHost) or one per user."""

    #: The sessions whose clients' models do the engines' language work (MCP sampling), by user.
    sampling: SamplingSessions

    def hold(self) -> contextlib.AbstractAsyncContextManager[AppContext]:
        """The MCP lifespan: the context every handler sees."""
        ...

    def lease(self, scope: MutableMapping[str, Any]) -> contextlib.AbstractAsyncContextManager[Memoryos]:
        """The engine an HTTP request (ASGI scope) acts on, kept open while the block runs."""
        ...

    async def close_now(self) -> None:
        """Close every engine, for a shutdown that cannot wait."""
        ...


class EngineHost:
    """Opens the engine once and shares it between every MCP lifespan that enters.

    The SDK enters the server lifespan once per connection over SSE (once per process over stdio
    and streamable HTTP): reference counting keeps one engine, closed when the last holder leaves.
    Its clients' models reach the engine through `sampling` (MCP sampling, by user).
    """

    def __init__(self, config: MemoryConfig, transport: str,
                 factory: Callable[[MemoryConfig], Memoryos] | None = None) -> None:
        self._config = config
        self._transport = transport
        self.sampling = SamplingSessions(single_user(config.user_id))
        self._factory = factory or partial(Memoryos.from_config, sampler=self.sampling)
        self._lock = anyio.Lock()
        self._holders = 0
        self._context: AppContext | None = None

    @contextlib.asynccontextmanager
    async def hold(self) -> AsyncIterator[AppContext]:
        async with self._lock:
            if self._context is None:
                with stdout_to_stderr():
                    engine = await anyio.to_thread.run_sync(self._factory, self._config)
                self._context = AppContext(engine, self._config, self._transport)
                logger.info("memory engine open on %s", self._config.data_storage_path)
            self._holders += 1
            context = self._context
        try:
            yield context
        finally:
            with anyio.CancelScope(shield=True):
                await self._release()

    @contextlib.asynccontextmanager
    async def lease(self, scope: MutableMapping[str, Any]) -> AsyncIterator[Memoryos]:
        """The engine for an HTTP request outside MCP (the viewer's API): here always the one engine."""
        async with self.hold() as app:
            assert app.engine is not None
            yield app.engine

    async def _release(self) -> None:
        async with self._lock:
            self._holders -= 1
            if self._holders == 0:
                await self._close()

    async def close_now(self) -> None:
        """Close whatever the holders think, for a shutdown that cannot wait for them."""
        with anyio.CancelScope(shield=True):
            async with self._lock:
                await self._close()

    async def _close(self) -> None:
        if self._context is not None and self._context.engine is not None:
            engine, self._context = self._context.engine, None
            self.sampling.close()  # the sessions go with the server: closing sends them nothing
            logger.info("closing the memory engine")
            await anyio.to_thread.run_sync(engine.close)


async def in_thread(method: Callable[..., T], *args: Any) -> T:
    """Run a synchronous engine call off the event loop; engine errors become tool errors."""
    try:
        return await anyio.to_thread.run_sync(partial(method, *args))
    except MemoryosError as exc:
        raise ToolError(str(exc)) from exc


def current(app: AppContext) -> Memoryos:
    """The engine this request acts on: the caller's on a team server, else the process's one."""
    memory = REQUEST_ENGINE.get() or app.engine
    if memory is None:
        raise ToolError("this request has no memory to act on")
    return memory


def engine(ctx: Context[AppContext, Any]) -> Memoryos:
    return current(ctx.request_context.lifespan_context)
