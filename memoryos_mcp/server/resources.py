"""Read-only JSON resources: status, configuration, the profile, and one page or segment by id."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import anyio
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ResourceNotFoundError

from ..errors import InvalidInputError
from ..validation import parse_id
from .host import AppContext, Host, current


def add_resources(server: MCPServer[AppContext], host: Host) -> None:
    async def status() -> str:
        """Counts per memory tier, store size, providers, enrichment backlog, version and transport."""
        async with host.hold() as app:
            report = await anyio.to_thread.run_sync(current(app).status)
            report = {**report, "transport": app.transport}
        return json.dumps(report, indent=2, default=str)

    async def effective_config() -> str:
        """The effective configuration, with secrets redacted."""
        async with host.hold() as app:
            return json.dumps(current(app).config.redacted(), indent=2, default=str)

    async def profile() -> str:
        """The user's profile and every stored fact about the user and the assistant."""
        async with host.hold() as app:
            result = await anyio.to_thread.run_sync(current(app).get_user_profile, True, True)
        return result.model_dump_json(indent=2)

    async def page(page_id: str) -> str:
        """One stored exchange with its dialogue-chain summary and neighbours."""
        return await _by_id(host, "page", page_id, lambda app: current(app).page)

    async def segment(segment_id: str) -> str:
        """One topic segment: summary, keywords, heat and the ids of its pages."""
        return await _by_id(host, "segment", segment_id, lambda app: current(app).segment)

    json_type = "application/json"
    server.resource("memoryos://status", name="status", mime_type=json_type)(status)
    server.resource("memoryos://config", name="config", mime_type=json_type)(effective_config)
    server.resource("memoryos://profile", name="profile", mime_type=json_type)(profile)
    server.resource("memoryos://pages/{page_id}", name="page", mime_type=json_type)(page)
    server.resource("memoryos://segments/{segment_id}", name="segment", mime_type=json_type)(segment)


async def _by_id(host: Host, what: str, raw_id: str,
                 reader: Callable[[AppContext], Callable[[int], dict[str, Any] | None]]) -> str:
    """Another user's id reads exactly like a missing one."""
    try:
        item_id = parse_id(f"{what} id", raw_id)
    except InvalidInputError as exc:
        raise ResourceNotFoundError(str(exc)) from None
    async with host.hold() as app:
        found = await anyio.to_thread.run_sync(reader(app), item_id)
    if found is None:
        raise ResourceNotFoundError(f"no {what} {raw_id} in this memory")
    return json.dumps(found, indent=2, ensure_ascii=False)
