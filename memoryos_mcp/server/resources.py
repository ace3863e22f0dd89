"""Read-only JSON resources: the store's status and the effective configuration."""

from __future__ import annotations

import json

import anyio
from mcp.server.mcpserver import MCPServer

from .host import AppContext, EngineHost


def add_resources(server: MCPServer[AppContext], host: EngineHost) -> None:
    async def status() -> str:
        """Counts per memory tier, store size, providers, enrichment backlog, version and transport."""
        async with host.hold() as app:
            report = await anyio.to_thread.run_sync(app.engine.status)
            report = {**report, "transport": app.transport}
        return json.dumps(report, indent=2, default=str)

    async def effective_config() -> str:
        """The effective configuration, with secrets redacted."""
        async with host.hold() as app:
            return json.dumps(app.config.redacted(), indent=2, default=str)

    server.resource("memoryos://status", name="status", mime_type="application/json")(status)
    server.resource("memoryos://config", name="config", mime_type="application/json")(effective_config)
