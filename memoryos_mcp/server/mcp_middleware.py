"""Protocol rules the SDK leaves to the server, as MCP middleware: a session's calls in arrival order, and
the spec's error code for unknown tool and prompt names. Part of the MCP adapter (the server package)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import anyio
from mcp.server.context import CallNext, HandlerResult, ServerRequestContext
from mcp.shared.exceptions import MCPError
from mcp_types import INVALID_PARAMS


class ArrivalOrder:
    """Read-your-writes: the SDK runs each request in its own task, so a retrieve pipelined right behind an
    add could overtake it. A session's tool calls and resource reads run one at a time, in arrival order
    (anyio's lock is first-come first-served); different sessions still run side by side."""

    def __init__(self) -> None:
        self._locks: dict[str, tuple[anyio.Lock, int]] = {}

    @staticmethod
    def session_key(ctx: ServerRequestContext[Any, Any]) -> str:
        """stdio has one session; streamable HTTP names it in a header, SSE in the query string."""
        request = ctx.request
        if request is None:
            return "stdio"
        key = request.headers.get("mcp-session-id") or request.query_params.get("session_id")
        return key or f"request-{id(ctx)}"  # stateless HTTP: each request is its own session

    async def __call__(self, ctx: ServerRequestContext[Any, Any], call_next: CallNext) -> HandlerResult:
        if ctx.method not in ("tools/call", "resources/read"):
            return await call_next(ctx)
        key = self.session_key(ctx)
        lock, users = self._locks.get(key) or (anyio.Lock(), 0)
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                return await call_next(ctx)
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)


def unknown_names_are_invalid_params(tool_names: set[str], prompt_names: set[str]) -> Callable[..., Any]:
    """The spec's error for an unknown tool or prompt is JSON-RPC -32602, not a tool error (isError) or
    the SDK's code 0."""

    async def middleware(ctx: ServerRequestContext[Any, Any], call_next: CallNext) -> HandlerResult:
        params = ctx.params if isinstance(ctx.params, Mapping) else {}
        name = params.get("name")
        if isinstance(name, str) and ctx.request_id is not None:
            if ctx.method == "tools/call" and name not in tool_names:
                raise MCPError(code=INVALID_PARAMS, message=f"Unknown tool: {name[:100]}")
            if ctx.method == "prompts/get" and name not in prompt_names:
                raise MCPError(code=INVALID_PARAMS, message=f"Unknown prompt: {name[:100]}")
        return await call_next(ctx)

    return middleware
