"""Network exposure: bearer-token auth and DNS-rebinding protection on both HTTP transports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from mcp.client import Client

from memoryos_mcp.server.http_auth import BearerTokenMiddleware, is_loopback
from memoryos_mcp.server.transports import transport_security
from tests.test_comprehensive import connect, http_server, payload, write_config

pytestmark = pytest.mark.slow  # real server processes

TOKEN = "correct-horse-battery-staple-42"
INITIALIZE = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
    "protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "auth-test", "version": "1"}}}
MCP_HEADERS = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}


def raw_status(transport: str, base: str, headers: dict[str, str]) -> int:
    """Status of the transport's first request: POST initialize (streamable HTTP) or GET the stream (SSE)."""
    with httpx.Client(timeout=30) as http:
        if transport == "sse":
            with http.stream("GET", f"{base}/sse", headers=headers) as response:
                return response.status_code
        return http.post(f"{base}/mcp", json=INITIALIZE, headers={**MCP_HEADERS, **headers}).status_code


async def authorised_session(transport: str, base: str) -> dict[str, Any]:
    async with Client(connect(transport, base, {"Authorization": f"Bearer {TOKEN}"}), mode="legacy") as client:
        added = payload(await client.call_tool("add_memory", {"user_input": "My locker code is 4711.",
                                                              "agent_response": "Noted."}))
        assert added["status"] == "success"
        config = json.loads((await client.read_resource("memoryos://config")).contents[0].text)
        return config


@pytest.mark.parametrize("transport", ["streamable-http", "sse"])
def test_token_and_host_checks(tmp_path: Path, transport: str) -> None:
    config = write_config(tmp_path, auth_token=TOKEN)
    log = tmp_path / "server.log"
    with open(log, "w", encoding="utf-8") as errlog, http_server(config, transport, errlog) as base:
        assert raw_status(transport, base, {}) == 401
        assert raw_status(transport, base, {"Authorization": "Bearer wrong-token"}) == 401
        assert raw_status(transport, base, {"Authorization": f"Basic {TOKEN}"}) == 401
        right = {"Authorization": f"Bearer {TOKEN}"}
        assert raw_status(transport, base, {**right, "Host": "evil.example.com"}) == 421
        assert raw_status(transport, base, {**right, "Origin": "http://evil.example.com"}) == 403
        assert raw_status(transport, base, right) == 200
        config_seen = anyio.run(authorised_session, transport, base)
    assert config_seen["auth_token"] == "***"
    assert TOKEN not in log.read_text(encoding="utf-8")


def test_token_from_environment(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    with open(tmp_path / "server.log", "w", encoding="utf-8") as errlog, \
            http_server(config, "streamable-http", errlog, env={"MEMORYOS_AUTH_TOKEN": TOKEN}) as base:
        assert raw_status("streamable-http", base, {}) == 401
        assert raw_status("streamable-http", base, {"Authorization": f"Bearer {TOKEN}"}) == 200


def test_loopback_and_allowed_hosts() -> None:
    assert all(map(is_loopback, ["127.0.0.1", "127.3.4.5", "::1", "[::1]", "localhost"]))
    assert not any(map(is_loopback, ["0.0.0.0", "192.168.1.5", "example.com", "::"]))
    settings = transport_security("192.168.1.5", ["memory.lan"])
    assert settings.enable_dns_rebinding_protection
    assert {"127.0.0.1:*", "192.168.1.5:*", "memory.lan:*"} <= set(settings.allowed_hosts)
    assert "http://memory.lan:*" in settings.allowed_origins
    assert not any("0.0.0.0" in host for host in transport_security("0.0.0.0", []).allowed_hosts)


def test_token_in_a_query_string_is_refused_and_not_logged(tmp_path: Path) -> None:
    config = write_config(tmp_path, auth_token=TOKEN)
    log = tmp_path / "server.log"
    with open(log, "w", encoding="utf-8") as errlog, http_server(config, "streamable-http", errlog) as base:
        with httpx.Client(timeout=30) as http:
            refused = http.post(f"{base}/mcp?access_token={TOKEN}", json=INITIALIZE, headers=MCP_HEADERS)
        assert refused.status_code == 401
    text = log.read_text(encoding="utf-8")
    assert "refused an unauthenticated http POST /mcp" in text and TOKEN not in text, text


def test_every_scope_but_lifespan_needs_the_token() -> None:
    """A WebSocket (or any future scope type) without the token never reaches the app; lifespan does."""
    reached: list[str] = []

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        reached.append(scope["type"])

    async def scenario() -> list[dict[str, Any]]:
        sent: list[dict[str, Any]] = []

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        async def receive() -> dict[str, Any]:
            return {"type": "websocket.connect"}

        guarded = BearerTokenMiddleware(app, TOKEN)
        await guarded({"type": "websocket", "path": "/mcp", "headers": []}, receive, send)
        await guarded({"type": "webtransport", "path": "/mcp", "headers": []}, receive, send)
        await guarded({"type": "lifespan"}, receive, send)
        authorised = [(b"authorization", f"Bearer {TOKEN}".encode())]
        await guarded({"type": "websocket", "path": "/mcp", "headers": authorised}, receive, send)
        return sent

    sent = anyio.run(scenario)
    assert reached == ["lifespan", "websocket"]
    assert sent == [{"type": "websocket.close", "code": 1008}]
