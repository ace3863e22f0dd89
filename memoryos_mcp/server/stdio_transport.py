"""stdio where every request line gets an answer: the SDK's own loop drops a line it cannot parse.

Valid JSON the SDK still refuses (nesting beyond its parser's depth limit, a lone surrogate escape) was
dropped silently, so a client waiting for that id hung. Here such a line is answered with a JSON-RPC parse
error (-32700) carrying the request's id when it can be read, as streamable HTTP answers it.
Part of the MCP adapter (the server package).
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import AsyncIterator
from io import TextIOWrapper
from typing import Any

import anyio
from mcp.server.mcpserver import MCPServer
from mcp.server.stdio import stdio_server
from mcp.shared.message import SessionMessage
from mcp_types import PARSE_ERROR, ErrorData, JSONRPCError

logger = logging.getLogger(__name__)

#: The id at the start of a request too deep for json.loads: `{"jsonrpc": "2.0", "id": 7, ...`.
_LEADING_ID = re.compile(r'\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")')


class _Lines:
    """stdin as the SDK reads it (UTF-8, undecodable bytes replaced), remembering the last line read."""

    def __init__(self) -> None:
        self._file = anyio.wrap_file(TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace"))
        self.last = ""

    def __aiter__(self) -> AsyncIterator[str]:
        return self._read()

    async def _read(self) -> AsyncIterator[str]:
        async for line in self._file:
            self.last = line
            yield line


def request_id(line: str) -> int | str | None:
    """The id of the request on a line the SDK refused, or None (then the error says `"id": null`)."""
    try:
        message: Any = json.loads(line)
    except RecursionError:
        match = _LEADING_ID.match(line)
        return json.loads(match.group(1)) if match else None
    except ValueError:
        return None
    value = message.get("id") if isinstance(message, dict) else None
    return value if isinstance(value, int | str) and not isinstance(value, bool) else None


async def serve_stdio(server: MCPServer[Any]) -> None:
    """`MCPServer.run_stdio_async`, with a parse error answered instead of dropped."""
    lines = _Lines()
    async with stdio_server(stdin=lines) as (read_stream, write_stream):  # type: ignore[arg-type]
        send, receive = anyio.create_memory_object_stream[SessionMessage | Exception](0)

        async def relay() -> None:
            async with send, read_stream:
                async for item in read_stream:
                    if not isinstance(item, Exception):
                        await send.send(item)
                        continue
                    # The SDK's reader waits on this hand-over, so lines.last is still the refused line.
                    number = request_id(lines.last)  # the error's text would quote the caller's data: not logged
                    logger.warning("refused a request the protocol layer cannot parse (id %r, %s)", number,
                                   type(item).__name__)
                    error = ErrorData(code=PARSE_ERROR, message="Parse error: not JSON-RPC the server can read "
                                      "(invalid JSON or UTF-8, a lone surrogate, or nested too deep)")
                    await write_stream.send(SessionMessage(JSONRPCError(jsonrpc="2.0", id=number, error=error)))

        lowlevel = server._lowlevel_server  # the SDK offers no public way to pass streams
        async with anyio.create_task_group() as group:
            group.start_soon(relay)
            await lowlevel.run(receive, write_stream, lowlevel.create_initialization_options())
            group.cancel_scope.cancel()
