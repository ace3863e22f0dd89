"""The comprehensive end-to-end test: the real server as a subprocess, driven by the MCP SDK client.

One scenario (every tool and resource, promotion through the three tiers with the offline
provider, retrieval by paraphrase and by exact token, schemas, bad input) runs over stdio,
streamable HTTP and SSE; over stdio the data must then survive a restart.

Also runs standalone from the repository and prints a readable report:  python -m tests.test_comprehensive
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any, TextIO

import anyio
import httpx2
import pytest
from mcp.client import Client
from mcp.client.sse import sse_client
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError

from tests import support

pytestmark = pytest.mark.slow  # real server processes

REPO = Path(__file__).resolve().parents[1]
SERVER = REPO / "server.py"
TOOLS = {"add_memory", "retrieve_memory", "get_user_profile", "list_memories", "add_memories", "delete_memory",
         "list_knowledge", "delete_knowledge", "update_knowledge", "forget_all"}
ADD_KEYS = {"status", "message", "timestamp", "details"}
RETRIEVE_KEYS = {
    "status", "query", "timestamp", "time_range", "user_profile", "short_term_memory", "short_term_count",
    "retrieved_pages", "retrieved_user_knowledge", "retrieved_assistant_knowledge", "total_pages_found",
    "total_user_knowledge_found", "total_assistant_knowledge_found",
}
PAGE_KEYS = {"user_input", "agent_response", "timestamp", "meta_info", "meta_data", "page_id", "score"}
PROFILE_KEYS = {
    "status", "timestamp", "user_id", "assistant_id", "user_profile", "user_knowledge", "user_knowledge_count",
    "assistant_knowledge", "assistant_knowledge_count",
}

#: (user_input, agent_response, timestamp): facts to recall once they have left short-term memory.
CONVERSATION = [
    ("Hi, my name is Ada Lovelace and I live in Lisbon.", "Nice to meet you, Ada!", "2024-03-01 09:00:00"),
    ("My dog is called Biscuit, he is a golden retriever.", "Biscuit sounds lovely.", "2024-03-01 09:05:00"),
    ("My flight to Tokyo is TP1234, leaving on 3 March.", "Noted: flight TP1234 to Tokyo.", "2024-03-02 18:30:00"),
    ("I love hiking in the mountains on weekends.", "Hiking is a great way to unwind.", "2024-03-03T10:00:00"),
    ("Last weekend I hiked up Serra da Estrela with friends.", "That is a beautiful trail.", "2024-03-04 11:00:00"),
    ("I want to hike in the Alps next summer.", "The Alps have wonderful hut-to-hut routes.", None),
    ("I work as a software engineer at a bank.", "That sounds like interesting work.", None),
    ("I prefer green tea over coffee in the morning.", "Green tea is a gentle start.", None),
    ("Which hiking boots should I buy?", "I recommend boots with good ankle support.", None),
    ("My favourite number is 42.", "A classic choice.", None),
]


class Report:
    """Records every check; fails fast with the label. Standalone mode prints each line as it goes."""

    def __init__(self, verbose: bool = False) -> None:
        self.verbose = verbose
        self.passed = 0

    def section(self, title: str) -> None:
        if self.verbose:
            print(f"\n== {title}")

    def check(self, label: str, ok: bool, detail: Any = "") -> None:
        if self.verbose:
            print(f"  [{'ok' if ok else 'FAIL'}] {label}" + (f"  ({detail})" if detail != "" else ""))
        if not ok:
            raise AssertionError(f"{label}: {detail}")
        self.passed += 1


def write_config(folder: Path, **overrides: Any) -> Path:
    """A config for a throw-away store: tiny short-term memory and a low heat threshold, so pages
    reach mid-term and a segment reaches long-term within a handful of exchanges. The store is the one of
    `folder` on the test's backend (the `backend` fixture: a PostgreSQL database per folder)."""
    values = {"data_storage_path": "data", "short_term_capacity": 3, "mid_term_heat_threshold": 1.0,
              "user_id": "test_user", **support.storage_settings(folder), **overrides}
    path = folder / "config.json"
    path.write_text(json.dumps(values), encoding="utf-8")
    return path


def server_env() -> dict[str, str]:
    """No key, no endpoint and no MEMORYOS_* override from the caller's environment: the offline provider
    and the test's own config are what is tested."""
    return {k: v for k, v in os.environ.items()
            if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL") and not k.startswith("MEMORYOS_")}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@asynccontextmanager
async def stdio_client_for(config: Path, errlog: TextIO) -> AsyncIterator[Client]:
    params = StdioServerParameters(command=sys.executable, args=[str(SERVER), "--config", str(config)],
                                   env=server_env(), cwd=str(config.parent))
    async with Client(stdio_client(params, errlog=errlog), mode="legacy") as client:
        yield client


@contextmanager
def http_server(config: Path, transport: str, errlog: TextIO, extra: list[str] | None = None,
                env: dict[str, str] | None = None):
    """The server as a subprocess on a free 127.0.0.1 port; yields the base URL once it accepts."""
    port = free_port()
    command = [sys.executable, str(SERVER), "--config", str(config), "--transport", transport,
               "--port", str(port), *(extra or [])]
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=errlog, stderr=errlog,
                               env={**server_env(), **(env or {})}, cwd=str(config.parent))
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        failing = sys.exc_info()[1]  # the test's own failure on its way out of the `with`: the one to report
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()  # reaped here, not left running into the next test
            process.wait()
            if failing is None:
                raise AssertionError(f"{transport} server still running 60 s after SIGTERM") from None
    if process.returncode != 0:
        raise AssertionError(f"{transport} server exited with {process.returncode}")


def wait_for_port(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited early with code {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"server did not listen on port {port}")


def payload(result: Any) -> dict[str, Any]:
    """The structured result, after checking the JSON text block says the same (older clients read it)."""
    text = json.loads(result.content[0].text)
    assert text == result.structured_content, "text content and structuredContent differ"
    return result.structured_content


async def check_surface(client: Client, report: Report) -> None:
    report.section("handshake, tools and resources")
    report.check("protocol negotiated", client.protocol_version == "2025-11-25", client.protocol_version)
    report.check("server name", client.server_info is not None and client.server_info.name == "memoryos")
    tools = {tool.name: tool for tool in (await client.list_tools()).tools}
    report.check("exactly the expected tools", set(tools) == TOOLS, sorted(tools))
    add = tools["add_memory"].input_schema
    report.check("add_memory arguments", set(add["properties"]) == {"user_input", "agent_response", "timestamp",
                                                                    "meta_data"}, sorted(add["properties"]))
    report.check("add_memory required", set(add["required"]) == {"user_input", "agent_response"}, add["required"])
    retrieve = tools["retrieve_memory"].input_schema["properties"]
    defaults = {name: retrieve[name].get("default") for name in retrieve}
    report.check("retrieve_memory defaults", defaults == {"query": None, "relationship_with_user": "friend",
                                                          "style_hint": "", "max_results": 10, "after": None,
                                                          "before": None, "reference_time": None}, defaults)
    profile = tools["get_user_profile"].input_schema["properties"]
    report.check("get_user_profile defaults", (profile["include_knowledge"]["default"],
                                               profile["include_assistant_knowledge"]["default"]) == (True, False))
    described = all(spec.get("description") for tool in tools.values()
                    for spec in tool.input_schema["properties"].values())
    report.check("every argument described", described)
    report.check("every tool described", all(len(tool.description or "") > 80 for tool in tools.values()))
    for name, keys in (("add_memory", ADD_KEYS), ("retrieve_memory", RETRIEVE_KEYS), ("get_user_profile",
                                                                                      PROFILE_KEYS)):
        schema = tools[name].output_schema or {}
        report.check(f"{name} outputSchema", set(schema.get("properties", {})) == keys)
    report.check("retrieve/profile read-only", tools["retrieve_memory"].annotations.read_only_hint
                 and tools["get_user_profile"].annotations.read_only_hint
                 and not tools["add_memory"].annotations.read_only_hint)
    uris = {str(resource.uri) for resource in (await client.list_resources()).resources}
    report.check("resources listed", uris == {"memoryos://status", "memoryos://config", "memoryos://profile"},
                 sorted(uris))


async def read_json_resource(client: Client, uri: str) -> dict[str, Any]:
    result = await client.read_resource(uri, cache_mode="bypass")
    return json.loads(result.contents[0].text)


async def add_conversation(client: Client, report: Report) -> None:
    report.section(f"adding {len(CONVERSATION)} exchanges (short-term capacity 3)")
    for number, (user_input, agent_response, timestamp) in enumerate(CONVERSATION):
        arguments: dict[str, Any] = {"user_input": user_input, "agent_response": agent_response}
        if timestamp:
            arguments["timestamp"] = timestamp
        if number == 1:
            arguments["meta_data"] = {"source": "comprehensive-test", "turn": 2}
        result = await client.call_tool("add_memory", arguments)
        data = payload(result)
        if result.is_error or set(data) != ADD_KEYS or data["status"] != "success":
            report.check(f"add #{number + 1}", False, data)
    report.check("every add succeeded with the SPEC keys", True)
    first = payload(await client.call_tool("add_memory", {"user_input": "Quick check of the clock.",
                                                          "agent_response": "Sure.",
                                                          "timestamp": "2024-03-05T08:15:00"}))
    report.check("timestamp stored as given", first["timestamp"] == "2024-03-05 08:15:00", first["timestamp"])
    report.check("page id returned", isinstance(first["details"].get("page_id"), int), first["details"])


async def check_tiers(client: Client, report: Report) -> dict[str, Any]:
    report.section("tiers and resources")
    status = await read_json_resource(client, "memoryos://status")
    report.check("short-term full at capacity", status["short_term_pages"] == 3, status["short_term_pages"])
    report.check("pages moved to mid-term", status["mid_term_pages"] >= len(CONVERSATION) - 2, status)
    report.check("mid-term segments exist", status["mid_term_segments"] >= 1, status["mid_term_segments"])
    profile = payload(await client.call_tool("get_user_profile", {"include_assistant_knowledge": True}))
    report.check("profile keys", set(profile) == PROFILE_KEYS, sorted(profile))
    promoted = profile["user_knowledge_count"] > 0 or bool(profile["user_profile"].strip())
    report.check("a segment reached long-term (profile or user facts)", promoted,
                 f"{profile['user_knowledge_count']} facts, profile {profile['user_profile'][:80]!r}")
    report.check("user id from config", profile["user_id"] == "test_user", profile["user_id"])
    config = await read_json_resource(client, "memoryos://config")
    report.check("config resource redacts secrets", config.get("openai_api_key") in (None, "***")
                 and config.get("auth_token") in (None, "***"), {k: config.get(k) for k in ("openai_api_key",
                                                                                           "auth_token")})
    report.check("config resource shows settings", config["short_term_capacity"] == 3)
    return status


def texts(data: dict[str, Any]) -> str:
    pages = data["retrieved_pages"] + data["short_term_memory"]
    return " ".join(f"{p['user_input']} {p['agent_response']}" for p in pages)


async def check_retrieval(client: Client, report: Report) -> None:
    report.section("retrieval")
    data = payload(await client.call_tool("retrieve_memory", {"query": "What is the name of my pet?"}))
    report.check("retrieve keys", set(data) == RETRIEVE_KEYS, sorted(data))
    report.check("page keys", all(PAGE_KEYS <= set(page) for page in data["retrieved_pages"]))
    found = [p for p in data["retrieved_pages"] if "Biscuit" in p["user_input"]]
    report.check("paraphrase finds the dog's name in mid-term", bool(found), [p["user_input"] for p in
                                                                            data["retrieved_pages"]])
    report.check("meta_data returned with the page", found[0]["meta_data"] == {"source": "comprehensive-test",
                                                                               "turn": 2}, found[0]["meta_data"])
    report.check("timestamp returned with the page", found[0]["timestamp"] == "2024-03-01 09:05:00")
    exact = payload(await client.call_tool("retrieve_memory", {"query": "TP1234", "max_results": 3}))
    report.check("exact token finds the flight", "TP1234" in " ".join(p["user_input"] for p in
                                                                    exact["retrieved_pages"][:3]))
    report.check("max_results honoured", len(exact["retrieved_pages"]) <= 3, len(exact["retrieved_pages"]))
    short = exact["short_term_memory"]
    report.check("only matching short-term pages returned", exact["short_term_count"] == len(short)
                 and all(p["relevant"] and "TP1234" in p["user_input"] for p in short), short)
    name = payload(await client.call_tool("retrieve_memory", {"query": "Where does Ada live?"}))
    report.check("name query finds Lisbon", "Lisbon" in texts(name))


BAD_CALLS: list[tuple[str, str, dict[str, Any], str]] = [
    ("add_memory", "no arguments", {}, "user_input"),
    ("add_memory", "missing agent_response", {"user_input": "hello"}, "agent_response"),
    ("add_memory", "empty user_input", {"user_input": "", "agent_response": "x"}, "user_input"),
    ("add_memory", "whitespace user_input", {"user_input": "  \n ", "agent_response": "x"}, "user_input"),
    ("add_memory", "user_input not a string", {"user_input": 123, "agent_response": "x"}, "user_input"),
    ("add_memory", "huge user_input", {"user_input": "x" * 200_001, "agent_response": "x"}, "user_input"),
    ("add_memory", "bad timestamp", {"user_input": "a", "agent_response": "b", "timestamp": "next tuesday"},
     "timestamp"),
    ("add_memory", "meta_data not an object", {"user_input": "a", "agent_response": "b", "meta_data": [1, 2]},
     "meta_data"),
    ("retrieve_memory", "no query", {}, "query"),
    ("retrieve_memory", "empty query", {"query": "   "}, "query"),
    ("retrieve_memory", "negative max_results", {"query": "dog", "max_results": -1}, "max_results"),
    ("retrieve_memory", "zero max_results", {"query": "dog", "max_results": 0}, "max_results"),
    ("retrieve_memory", "max_results not a number", {"query": "dog", "max_results": "ten"}, "max_results"),
    ("retrieve_memory", "absurd max_results", {"query": "dog", "max_results": 10**9}, "max_results"),
    ("get_user_profile", "include_knowledge not a boolean", {"include_knowledge": "maybe"}, "include_knowledge"),
]


def error_payload(result: Any) -> dict[str, Any]:
    """A tool error: isError, no structuredContent (clients would check it against the outputSchema),
    and a JSON text `{"status": "error", "message": ...}`."""
    assert result.is_error and result.structured_content is None, result
    return json.loads(result.content[0].text)


async def check_bad_input(client: Client, report: Report) -> None:
    report.section("bad input: tool errors with clear messages, server stays up")
    for tool, label, arguments, needle in BAD_CALLS:
        result = await client.call_tool(tool, arguments)
        error = error_payload(result)
        ok = error["status"] == "error" and needle in error["message"] and "\n" not in error["message"]
        report.check(f"{tool}: {label}", ok, error["message"][:160])
    for label, request in (("unknown tool", client.call_tool("no_such_tool", {})),
                           ("unknown prompt", client.get_prompt("no_such_prompt"))):
        try:
            await request
            report.check(f"{label} is refused", False, "answered")
        except MCPError as exc:  # the spec's code for an unknown name, not a tool error
            report.check(f"{label}: JSON-RPC -32602 naming it", exc.code == -32602 and "no_such" in exc.message,
                         (exc.code, exc.message))
    alive = payload(await client.call_tool("retrieve_memory", {"query": "Biscuit"}))
    report.check("server still serving after bad input", alive["status"] == "success")


async def full_session(client: Client, report: Report) -> dict[str, Any]:
    """Every tool and resource; returns the final status for the restart check."""
    await check_surface(client, report)
    await add_conversation(client, report)
    await check_tiers(client, report)
    await check_retrieval(client, report)
    await check_bad_input(client, report)
    await client.call_tool("get_user_profile", {})  # offline, this waits for background promotion to settle
    return await read_json_resource(client, "memoryos://status")


async def after_restart(client: Client, before: dict[str, Any], report: Report) -> None:
    report.section("after a restart")
    status = await read_json_resource(client, "memoryos://status")
    counts = ("short_term_pages", "mid_term_pages", "mid_term_segments")
    report.check("tier counts survive", all(status[k] == before[k] for k in counts),
                 {k: (before[k], status[k]) for k in counts})
    # A promotion the poll timer started after the snapshot may finish as the step in progress at shutdown: more, never
    # fewer.
    report.check("knowledge survives", status["user_knowledge"] >= before["user_knowledge"] > 0,
                 (before["user_knowledge"], status["user_knowledge"]))
    data = payload(await client.call_tool("retrieve_memory", {"query": "What is my dog called?"}))
    report.check("dog's name still found", "Biscuit" in texts(data))
    exact = payload(await client.call_tool("retrieve_memory", {"query": "TP1234"}))
    report.check("flight number still found", "TP1234" in texts(exact))


async def stdio_scenario(folder: Path, report: Report) -> None:
    config = write_config(folder)
    with open(folder / "server.log", "w", encoding="utf-8") as errlog:
        async with stdio_client_for(config, errlog) as client:
            before = await full_session(client, report)
        async with stdio_client_for(config, errlog) as client:
            await after_restart(client, before, report)


async def http_scenario(folder: Path, transport: str, report: Report) -> None:
    """The same session over HTTP; the server must also stop cleanly (exit 0) on SIGTERM."""
    config = write_config(folder)
    with open(folder / "server.log", "w", encoding="utf-8") as errlog:
        with http_server(config, transport, errlog) as base:
            async with Client(connect(transport, base), mode="legacy") as client:
                await full_session(client, report)


@asynccontextmanager
async def connect(transport: str, base: str, headers: dict[str, str] | None = None) -> AsyncIterator[Any]:
    """The client transport for a running HTTP server (a Transport for `Client`)."""
    if transport == "sse":
        async with sse_client(f"{base}/sse", headers=headers) as streams:
            yield streams
        return
    async with httpx2.AsyncClient(headers=headers, timeout=60) as http, \
            streamable_http_client(f"{base}/mcp", http_client=http) as streams:
        yield streams


@pytest.mark.usefixtures("backend")
def test_stdio_session_and_restart(tmp_path: Path) -> None:
    anyio.run(stdio_scenario, tmp_path, Report())


@pytest.mark.usefixtures("backend")
def test_streamable_http_session(tmp_path: Path) -> None:
    anyio.run(http_scenario, tmp_path, "streamable-http", Report())


def test_sse_session(tmp_path: Path) -> None:
    """SSE is a transport like streamable HTTP: the store under it is tested there (SQLite here)."""
    anyio.run(http_scenario, tmp_path, "sse", Report())


def main() -> int:
    report = Report(verbose=True)
    scenarios: list[tuple[str, Callable[[Path], Any]]] = [
        ("stdio", lambda folder: stdio_scenario(folder, report)),
        ("streamable HTTP", lambda folder: http_scenario(folder, "streamable-http", report)),
        ("SSE", lambda folder: http_scenario(folder, "sse", report)),
    ]
    failures = 0
    for name, scenario in scenarios:
        print(f"\n##### {name}")
        started = time.monotonic()
        with tempfile.TemporaryDirectory() as folder:
            try:
                anyio.run(scenario, Path(folder))
                print(f"##### {name}: passed in {time.monotonic() - started:.1f} s")
            except AssertionError as exc:
                failures += 1
                print(f"##### {name}: FAILED: {exc}")
                print((Path(folder) / "server.log").read_text()[-3000:] if (Path(folder) / "server.log").exists()
                      else "")
    print(f"\n{report.passed} checks passed, {failures} scenario(s) failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
