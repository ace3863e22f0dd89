"""Bad input through the real server: every tool and argument, table-driven and property-based.

One stdio server, shared by the module, takes the table, the hypothesis test and the id checks; its
config holds user_id / assistant_id values that look like a path and like SQL, which must stay plain
data. A streamable-HTTP server takes requests the SDK cannot parse. test_comprehensive.py covers the
first bad calls (missing arguments, empty user_input, negative max_results...); this table the rest.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import BlockingClient, blocking_client, read_store, tool_error
from tests.test_comprehensive import http_server, stdio_client_for, write_config
from tests.test_server_auth import MCP_HEADERS
from tests.test_server_cli import INITIALIZE

pytestmark = pytest.mark.slow  # real server processes

HOSTILE_IDS = {"user_id": "../../etc", "assistant_id": "x'); DROP TABLE pages; -- \"quoted\" %s ?"}
LIMIT = 100_000  # max_text_chars default

GOOD_CALLS: dict[str, dict[str, Any]] = {
    "add_memory": {"user_input": "I keep bees on my roof in Ghent.", "agent_response": "Lovely honey!"},
    "retrieve_memory": {"query": "bees", "max_results": 3},
    "get_user_profile": {"include_knowledge": True},
}


def add(**arguments: Any) -> dict[str, Any]:
    return {"user_input": "hello", "agent_response": "hi", **arguments}


def nested(depth: int) -> dict[str, Any]:
    value: dict[str, Any] = {"leaf": 1}
    for _ in range(depth - 1):
        value = {"a": value}
    return value


#: (tool, label, arguments, words the error message must contain).
BAD_INPUT: list[tuple[str, str, dict[str, Any], list[str]]] = [
    ("add_memory", "user_input missing", {"agent_response": "x"}, ["user_input"]),
    ("add_memory", "user_input null", {"user_input": None, "agent_response": "x"}, ["user_input"]),
    ("add_memory", "user_input list", {"user_input": ["a"], "agent_response": "x"}, ["user_input"]),
    ("add_memory", "user_input object", {"user_input": {"a": 1}, "agent_response": "x"}, ["user_input"]),
    ("add_memory", "user_input boolean", {"user_input": True, "agent_response": "x"}, ["user_input"]),
    ("add_memory", "user_input unicode blanks", add(user_input="\t\u00a0\u3000 \r\n"), ["user_input", "non-empty"]),
    ("add_memory", "user_input control chars only", add(user_input="\x00\x07\x1b\x7f"), ["user_input", "non-empty"]),
    ("add_memory", "user_input C1 controls only", add(user_input="\x80\x85\x9b\x9f"), ["user_input", "non-empty"]),
    ("add_memory", "user_input zero-width and direction marks only",
     add(user_input="\u200b\u200d\u200e\u202e\u2066\ufeff"), ["user_input", "non-empty"]),
    ("add_memory", "user_input one over the limit", add(user_input="x" * (LIMIT + 1)),
     ["user_input", str(LIMIT), "max_text_chars"]),
    ("add_memory", "agent_response null", add(agent_response=None), ["agent_response"]),
    ("add_memory", "agent_response number", add(agent_response=3.5), ["agent_response"]),
    ("add_memory", "agent_response over the limit", add(agent_response="y" * (LIMIT + 1)),
     ["agent_response", "max_text_chars"]),
    ("add_memory", "timestamp number", add(timestamp=1700000000), ["timestamp"]),
    ("add_memory", "timestamp list", add(timestamp=["2024-01-01"]), ["timestamp"]),
    ("add_memory", "timestamp epoch string", add(timestamp="1700000000"), ["timestamp", "ISO 8601"]),
    ("add_memory", "timestamp day first", add(timestamp="31/01/2025 10:00"), ["timestamp", "ISO 8601"]),
    ("add_memory", "timestamp words", add(timestamp="yesterday at noon"), ["timestamp"]),
    ("add_memory", "timestamp 30 February", add(timestamp="2025-02-30 10:00:00"), ["timestamp"]),
    ("add_memory", "timestamp hour 25", add(timestamp="2025-01-31T25:00:00"), ["timestamp"]),
    ("add_memory", "timestamp offset of 99 h", add(timestamp="2025-01-31 10:00:00+99:00"), ["timestamp"]),
    ("add_memory", "timestamp before year 1", add(timestamp="0001-01-01T00:00:00+01:00"), ["timestamp"]),
    ("add_memory", "timestamp after year 9999", add(timestamp="9999-12-31T23:59:59-01:00"), ["timestamp"]),
    ("add_memory", "meta_data plain string", add(meta_data="source=chat"), ["meta_data"]),
    ("add_memory", "meta_data JSON array string", add(meta_data="[1, 2]"), ["meta_data"]),
    ("add_memory", "meta_data number", add(meta_data=7), ["meta_data"]),
    ("add_memory", "meta_data boolean", add(meta_data=True), ["meta_data"]),
    ("add_memory", "meta_data 9 levels deep", add(meta_data=nested(9)), ["meta_data", "nested"]),
    ("add_memory", "meta_data over 64 KiB", add(meta_data={"blob": "z" * 70_000}), ["meta_data", "limit"]),
    ("add_memory", "meta_data over 64 KiB of UTF-8 in fewer characters", add(meta_data={"blob": "\u20ac" * 65_000}),
     ["meta_data", "bytes", "65536"]),
    ("retrieve_memory", "query null", {"query": None}, ["query"]),
    ("retrieve_memory", "query number", {"query": 42}, ["query"]),
    ("retrieve_memory", "query list", {"query": ["dog"]}, ["query"]),
    ("retrieve_memory", "query control chars only", {"query": "\x01\x02\x03"}, ["query", "non-empty"]),
    ("retrieve_memory", "query unicode blanks", {"query": "\u2003\t\n"}, ["query", "non-empty"]),
    ("retrieve_memory", "query over the limit", {"query": "q" * (LIMIT + 1)}, ["query", "max_text_chars"]),
    ("retrieve_memory", "relationship_with_user number", {"query": "dog", "relationship_with_user": 5},
     ["relationship_with_user"]),
    ("retrieve_memory", "relationship_with_user too long", {"query": "dog", "relationship_with_user": "f" * 1001},
     ["relationship_with_user", "1000"]),
    ("retrieve_memory", "style_hint list", {"query": "dog", "style_hint": ["short"]}, ["style_hint"]),
    ("retrieve_memory", "style_hint too long", {"query": "dog", "style_hint": "s" * 1001}, ["style_hint", "1000"]),
    ("retrieve_memory", "max_results 101", {"query": "dog", "max_results": 101}, ["max_results", "100"]),
    ("retrieve_memory", "max_results fraction", {"query": "dog", "max_results": 1.5}, ["max_results"]),
    ("retrieve_memory", "max_results null", {"query": "dog", "max_results": None}, ["max_results"]),
    ("retrieve_memory", "max_results list", {"query": "dog", "max_results": [5]}, ["max_results"]),
    ("retrieve_memory", "max_results -10^12", {"query": "dog", "max_results": -10**12}, ["max_results"]),
    ("retrieve_memory", "max_results true", {"query": "dog", "max_results": True}, ["max_results", "integer"]),
    ("retrieve_memory", "query zero-width only", {"query": "\u200b\u2060\u200c"}, ["query", "non-empty"]),
    ("get_user_profile", "include_knowledge null", {"include_knowledge": None}, ["include_knowledge"]),
    ("get_user_profile", "include_knowledge 2", {"include_knowledge": 2}, ["include_knowledge"]),
    ("get_user_profile", "include_knowledge list", {"include_knowledge": []}, ["include_knowledge"]),
    ("get_user_profile", "include_assistant_knowledge word", {"include_assistant_knowledge": "maybe"},
     ["include_assistant_knowledge"]),
    ("get_user_profile", "include_assistant_knowledge object", {"include_assistant_knowledge": {"a": 1}},
     ["include_assistant_knowledge"]),
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bad-input")


@pytest.fixture(scope="module")
def server(folder: Path) -> Iterator[BlockingClient]:
    config = write_config(folder, **HOSTILE_IDS)
    with open(folder / "server.log", "w", encoding="utf-8") as errlog, \
            blocking_client(stdio_client_for(config, errlog)) as client:
        yield client


def succeeds(client: BlockingClient, tool: str, arguments: dict[str, Any]) -> dict[str, Any]:
    result = client.call(tool, arguments)
    assert not result.is_error, result.content[0].text
    assert result.structured_content["status"] == "success"
    return result.structured_content


@pytest.mark.parametrize(("tool", "label", "arguments", "needles"), BAD_INPUT, ids=[c[1] for c in BAD_INPUT])
def test_bad_argument_is_a_tool_error_naming_it(server: BlockingClient, tool: str, label: str,
                                                 arguments: dict[str, Any], needles: list[str]) -> None:
    message = tool_error(server.call(tool, arguments))
    assert all(needle in message for needle in needles), message
    succeeds(server, tool, GOOD_CALLS[tool])


def test_values_at_the_limits_are_accepted(server: BlockingClient) -> None:
    """The documented limits are inclusive, and some loose inputs are read the obvious way."""
    added = succeeds(server, "add_memory", add(user_input="w" * LIMIT, agent_response="", meta_data=nested(8),
                                                timestamp="0005-01-01"))
    assert added["timestamp"] == "0005-01-01 00:00:00"
    succeeds(server, "add_memory", add(timestamp="  ", meta_data=None, unknown_argument="ignored"))
    as_text = succeeds(server, "add_memory", add(user_input="meta as JSON text", meta_data='{"turn": 3}'))
    assert as_text["details"]["has_meta_data"], "the SDK parses JSON-encoded object arguments, as some clients send"
    for max_results in (1, 100, "7", 2.0):  # JSON-ish numbers are coerced, as pydantic does
        succeeds(server, "retrieve_memory", {"query": "bees", "max_results": max_results})
    stored = succeeds(server, "add_memory", add(user_input="tab\there, bell\x07 and nul\x00 gone"))
    assert stored["details"]["user_input_length"] == len("tab\there, bell and nul gone")
    c1 = succeeds(server, "add_memory", add(user_input="C1\x85 and CSI\x9b gone, caf\u00e9 and \u20ac kept"))
    assert c1["details"]["user_input_length"] == len("C1 and CSI gone, caf\u00e9 and \u20ac kept")
    succeeds(server, "add_memory", add(meta_data={"blob": "\u20ac" * 21_000}))  # 63 KB of UTF-8 fits


def test_ids_from_the_config_are_data_not_paths_or_sql(server: BlockingClient, folder: Path) -> None:
    succeeds(server, "add_memory", {"user_input": "Robert'); DROP TABLE pages;-- likes ../../etc/passwd",
                                    "agent_response": "SELECT * FROM knowledge"})
    profile = succeeds(server, "get_user_profile", {})
    assert (profile["user_id"], profile["assistant_id"]) == (HOSTILE_IDS["user_id"], HOSTILE_IDS["assistant_id"])
    found = succeeds(server, "retrieve_memory", {"query": "DROP TABLE passwd"})
    assert "DROP TABLE pages" in json.dumps(found)
    created = {str(p.relative_to(folder)) for p in folder.rglob("*")}
    assert created <= {"config.json", "server.log", "data", "data/memoryos.sqlite3", "data/memoryos.sqlite3-wal",
                       "data/memoryos.sqlite3-shm", "data/memoryos.sqlite3.lock"}, created
    assert not (folder.parent / "etc").exists() and not (folder / "etc").exists()
    owners = read_store(folder / "data" / "memoryos.sqlite3", "SELECT DISTINCT user_id, assistant_id FROM pages")
    assert owners == [(HOSTILE_IDS["user_id"], HOSTILE_IDS["assistant_id"])]


def tool_call_body(number: int, tool: str, arguments: str) -> str:
    return (f'{{"jsonrpc": "2.0", "id": {number}, "method": "tools/call", '
            f'"params": {{"name": "{tool}", "arguments": {arguments}}}}}')


#: Valid JSON the SDK's parser still refuses: lone surrogate escapes (the SDK client cannot even send
#: them) and nesting far beyond its recursion limit.
UNPARSEABLE = [
    ("add_memory", json.dumps({"user_input": "ok", "agent_response": "half \ud83d of an emoji"})),
    ("add_memory", json.dumps({"user_input": "ok", "agent_response": "x", "meta_data": {"\ud800": "\udfff"}})),
    ("retrieve_memory", json.dumps({"query": "dog \udc00"})),
    ("retrieve_memory", json.dumps({"query": "dog", "style_hint": "\ud800", "relationship_with_user": "\udbff"})),
    ("add_memory", '{"user_input": "a", "agent_response": "b", "meta_data": ' + '{"a": ' * 100_000 + "1"
     + "}" * 100_001),
]


def test_unparseable_requests_get_a_parse_error_and_the_session_goes_on(tmp_path: Path) -> None:
    """Streamable HTTP answers a JSON-RPC parse error (over stdio the SDK drops such a line unanswered, see
    test_server_cli.py); the session keeps serving. The engine refuses lone surrogates too (test_engine.py)."""
    with open(tmp_path / "server.log", "w", encoding="utf-8") as errlog, \
            http_server(write_config(tmp_path), "streamable-http", errlog) as base, httpx.Client(timeout=60) as http:
        answer = http.post(f"{base}/mcp", json={"jsonrpc": "2.0", "id": 1, "method": "initialize",
                                                "params": INITIALIZE}, headers=MCP_HEADERS)
        headers = {**MCP_HEADERS, "mcp-session-id": answer.headers["mcp-session-id"],
                   "mcp-protocol-version": INITIALIZE["protocolVersion"]}
        http.post(f"{base}/mcp", json={"jsonrpc": "2.0", "method": "notifications/initialized"}, headers=headers)
        for number, (tool, arguments) in enumerate(UNPARSEABLE):
            refused = http.post(f"{base}/mcp", content=tool_call_body(10 + number, tool, arguments), headers=headers)
            assert refused.status_code == 400 and refused.json()["error"]["code"] == -32700, refused.text
            good = http.post(f"{base}/mcp", content=tool_call_body(10 + number, tool, json.dumps(GOOD_CALLS[tool])),
                             headers=headers)
            assert good.status_code == 200 and '"isError":false' in good.text.replace(" ", ""), good.text[:300]


# -- property-based: random strings and JSON values never crash the server --------------------------------

_TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=60) | st.sampled_from(
    ["", " ", "\x00", "2024-02-29 23:59:59", "2024-13-01", "1e309", "-1", "null", "{}", "'; DROP TABLE pages; --",
     "../../etc/passwd", "\u202e\u200b", "x" * 3000])
_SCALAR = st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70) | st.floats(
    allow_nan=False, allow_infinity=False) | _TEXT
_JSON = st.recursive(_SCALAR, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
                     max_leaves=12)
_ARGUMENTS = {
    "add_memory": ["user_input", "agent_response", "timestamp", "meta_data"],
    "retrieve_memory": ["query", "relationship_with_user", "style_hint", "max_results"],
    "get_user_profile": ["include_knowledge", "include_assistant_knowledge"],
}


@st.composite
def tool_calls(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """A tool and, for each of its arguments, nothing, a random string or a random JSON value."""
    tool = draw(st.sampled_from(sorted(_ARGUMENTS)))
    arguments = {}
    for name in _ARGUMENTS[tool]:
        kind = draw(st.sampled_from(["omit", "text", "json"]))
        if kind != "omit":
            arguments[name] = draw(_TEXT if kind == "text" else _JSON)
    return tool, arguments


@settings(max_examples=120, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(call=tool_calls())
def test_random_arguments_never_crash_the_server(server: BlockingClient, call: tuple[str, dict[str, Any]]) -> None:
    tool, arguments = call
    result = server.call(tool, arguments)  # a protocol error or a dead server raises here
    if result.is_error:
        tool_error(result)
    else:
        assert result.structured_content["status"] == "success", result.structured_content


def test_server_still_serves_after_the_fuzzing(server: BlockingClient) -> None:
    succeeds(server, "add_memory", {"user_input": "Final check: my cat is Miso.", "agent_response": "Hi Miso"})
    assert "Miso" in json.dumps(succeeds(server, "retrieve_memory", {"query": "cat Miso"}))
    assert server.resource("memoryos://status")["short_term_pages"] >= 1
