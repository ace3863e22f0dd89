"""A team server: many bearer tokens, each acting on its own user's memory.

The ASGI layer (`TeamAuth`) turns the presented token into a `Tenant` stored in the request's scope; the
MCP middleware (`TenantEngines`) leases that tenant's engine for the length of each tool call or resource
read and makes it the request's engine (`host.REQUEST_ENGINE`), so tools and resources cannot reach
another user's memory: they only ever see the engine of the caller.

An admin token may act for another user by sending `X-MemoryOS-User-Id` (and optionally
`X-MemoryOS-Assistant-Id`); any other token sending a user id not its own is refused with 403.

MCP sampling is per user too: a session is recorded under its token's user (`token_user`), so the
enrichment of a user's pages is only ever sent to that user's own clients; a session of an admin acting
for someone else is not recorded (its model is not that user's).
"""

from __future__ import annotations

import contextlib
import hmac
import json
import logging
from collections.abc import AsyncIterator, MutableMapping
from typing import Any

import anyio
from mcp.server.context import CallNext, HandlerResult, ServerRequestContext
from mcp.server.mcpserver.exceptions import ToolError

from ..config import MemoryConfig
from ..memory.engine import Memoryos
from .engine_pool import EnginePool
from .host import REQUEST_ENGINE, AppContext
from .sampling import SamplingSessions
from .token_file import Tenant, TokenTable

logger = logging.getLogger(__name__)

ASGIApp = Any
#: Where TeamAuth leaves the caller's tenant in the ASGI scope (Starlette requests share the dict).
TENANT_KEY = "memoryos.tenant"
#: The tenant of the token itself (differs from TENANT_KEY's when an admin acts for another user).
TOKEN_TENANT_KEY = "memoryos.token_tenant"
USER_HEADER = b"x-memoryos-user-id"
ASSISTANT_HEADER = b"x-memoryos-assistant-id"


class TeamHost:
    """The `Host` of a team server: no engine of its own, a pool of per-user engines instead."""

    def __init__(self, config: MemoryConfig, transport: str, pool: EnginePool | None = None) -> None:
        """`pool`: the per-user engines (default: one for `config`, its engines sampling through `sampling`)."""
        self.sampling = SamplingSessions(token_user)
        self.pool = pool or EnginePool(config, sampler=self.sampling)
        self._context = AppContext(None, config, transport)

    @contextlib.asynccontextmanager
    async def hold(self) -> AsyncIterator[AppContext]:
        yield self._context

    @contextlib.asynccontextmanager
    async def lease(self, scope: MutableMapping[str, Any]) -> AsyncIterator[Memoryos]:
        tenant = scope.get(TENANT_KEY)
        if not isinstance(tenant, Tenant):
            raise ToolError("this request carries no user: send 'Authorization: Bearer <token>'")
        async with self.pool.lease(tenant) as memory:
            yield memory

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """While serving: close idle engines now and then; on the way out, close them all."""
        try:
            async with anyio.create_task_group() as group:
                group.start_soon(self.pool.run_sweeper)
                try:
                    yield
                finally:
                    group.cancel_scope.cancel()
        finally:
            await self.close_now()

    async def close_now(self) -> None:
        self.sampling.close()  # the sessions go with the server: closing sends them nothing
        await self.pool.close_all()


def token_user(ctx: ServerRequestContext[Any, Any]) -> str | None:
    """The user whose sessions may answer sampling for this request's memory: the token's own user, or
    None when an admin acts for another user (or the request carries no tenant)."""
    scope = ctx.request.scope if ctx.request is not None else {}
    acting, own = scope.get(TENANT_KEY), scope.get(TOKEN_TENANT_KEY)
    if not isinstance(acting, Tenant) or not isinstance(own, Tenant) or acting.user_id != own.user_id:
        return None
    return acting.user_id


class TenantEngines:
    """MCP middleware: each tool call and resource read runs on the caller's engine, leased for its length."""

    def __init__(self, host: TeamHost) -> None:
        self._host = host

    async def __call__(self, ctx: ServerRequestContext[Any, Any], call_next: CallNext) -> HandlerResult:
        if ctx.method not in ("tools/call", "resources/read"):
            return await call_next(ctx)
        scope = ctx.request.scope if ctx.request is not None else {}
        async with self._host.lease(scope) as memory:
            token = REQUEST_ENGINE.set(memory)
            try:
                return await call_next(ctx)
            finally:
                REQUEST_ENGINE.reset(token)


def _header(scope: dict[str, Any], name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1").strip()
    return None


def _bearer(scope: dict[str, Any]) -> str | None:
    value = _header(scope, b"authorization")
    if value is None:
        return None
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


class TeamAuth:
    """ASGI: every request needs a token of the tokens file (or the config's own `auth_token`, which acts
    for the config's user); the caller's tenant goes into the scope."""

    def __init__(self, app: ASGIApp, table: TokenTable, config: MemoryConfig, static_token: str | None) -> None:
        self.app = app
        self._table = table
        self._static = static_token
        self._own = Tenant(user_id=config.user_id, assistant_id=config.assistant_id)

    def _tenant(self, scope: dict[str, Any]) -> Tenant | None:
        token = _bearer(scope)
        if token is None:
            return None
        if self._static is not None and hmac.compare_digest(token.encode(), self._static.encode()):
            return self._own
        return self._table.lookup(token)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        tenant = self._tenant(scope)
        if tenant is None:
            client = scope.get("client") or ("?", 0)
            logger.warning("refused an unauthenticated %s %s from %s", scope.get("method", ""), scope.get("path"),
                           client[0])
            await _refuse(scope, send, 401, "unauthorized", "send a token of this server as "
                                                            "'Authorization: Bearer <token>'")
            return
        acting = _acting_for(scope, tenant)
        if acting is None:
            logger.warning("refused user %r acting for another user without an admin token", tenant.user_id)
            await _refuse(scope, send, 403, "forbidden",
                          "only an admin token may act for another user (X-MemoryOS-User-Id)")
            return
        scope[TENANT_KEY] = acting
        scope[TOKEN_TENANT_KEY] = tenant
        await self.app(scope, receive, send)


def _acting_for(scope: dict[str, Any], tenant: Tenant) -> Tenant | None:
    """The tenant the request acts for: the token's, or for an admin the one its headers name."""
    user_id = _header(scope, USER_HEADER)
    assistant_id = _header(scope, ASSISTANT_HEADER)
    if not user_id and not assistant_id:
        return tenant
    wanted = Tenant(user_id=(user_id or tenant.user_id)[:256], assistant_id=(assistant_id or tenant.assistant_id)[:256],
                    role=tenant.role)
    if tenant.role == "admin" or (wanted.user_id, wanted.assistant_id) == (tenant.user_id, tenant.assistant_id):
        return wanted
    return None


async def _refuse(scope: dict[str, Any], send: Any, status: int, error: str, message: str) -> None:
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008})
        return
    body = json.dumps({"error": error, "message": message}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if status == 401:
        headers.append((b"www-authenticate", b'Bearer realm="memoryos"'))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
