"""Forgetting through real server processes (stdio and streamable HTTP) with the real local model.

A deleted page must be unretrievable by its words, by its meaning and by a fact derived from it,
and its text must be gone from the database file and its WAL (from every row, on PostgreSQL: VACUUM reclaims
the files later); another user's ids are not found.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp.client import Client

from tests import support
from tests.support import query_store, tool_error
from tests.test_comprehensive import CONVERSATION, connect, http_server, payload, stdio_client_for, texts, write_config

pytestmark = pytest.mark.slow  # real server processes

SECRET = ("I am allergic to penicillin, and my locker code is zq91xk.", "Noted, I will keep that in mind.",
          "2024-03-05 10:00:00")
SECRET_WORDS = (b"penicillin", b"zq91xk")


#: The SQLite file of a test folder's config (write_config: data_storage_path "data").
DATABASE = "data/memoryos.sqlite3"
#: The tables that hold a user's words in PostgreSQL.
TABLES = ("pages", "chains", "segments", "knowledge", "knowledge_sources", "profiles", "model_values")


def store_bytes(folder: Path) -> bytes:
    """Every byte of the SQLite file and its WAL and shared-memory files; on PostgreSQL, every row's text."""
    url = support.STORAGE(folder)
    if url is None:
        return b"".join(path.read_bytes() for path in sorted((folder / "data").glob("memoryos.sqlite3*")))
    return " ".join(str(row[0]) for table in TABLES
                    for row in query_store(folder, f"SELECT t::text FROM {table} t")).encode()


async def add(client: Client, user_input: str, agent_response: str, timestamp: str | None = None) -> int:
    arguments = {"user_input": user_input, "agent_response": agent_response}
    if timestamp:
        arguments["timestamp"] = timestamp
    return payload(await client.call_tool("add_memory", arguments))["details"]["page_id"]


def facts(profile: dict[str, Any]) -> str:
    return " ".join(item["knowledge"] for item in profile["user_knowledge"] + profile["assistant_knowledge"])


async def forget_scenario(client: Client, folder: Path) -> int:
    """Store the secret, see it everywhere, delete it, see it nowhere; returns its page id."""
    for user_input, agent_response, timestamp in CONVERSATION[:5]:
        await add(client, user_input, agent_response, timestamp)
    secret_id = await add(client, *SECRET)
    for user_input, agent_response, _ in CONVERSATION[5:]:  # push the secret out of short-term memory
        await add(client, user_input, agent_response)
    profile = payload(await client.call_tool("get_user_profile", {"include_assistant_knowledge": True}))
    assert "penicillin" in facts(profile) and "penicillin" in profile["user_profile"], profile
    listed = payload(await client.call_tool("list_knowledge", {"limit": 100}))
    derived = [f for f in listed["facts"] if "penicillin" in f["knowledge"]]
    assert derived and all(f["sources"] == [secret_id] for f in derived), derived  # provenance: the secret page
    by_words = payload(await client.call_tool("retrieve_memory", {"query": "zq91xk"}))
    assert "zq91xk" in texts(by_words)
    assert all(word in store_bytes(folder) for word in SECRET_WORDS)

    deleted = payload(await client.call_tool("delete_memory", {"page_ids": [secret_id]}))
    assert deleted["deleted_page_ids"] == [secret_id]
    only_secret = [f for f in listed["facts"] if f["sources"] == [secret_id]]
    assert all(word.decode() in json.dumps(only_secret) for word in SECRET_WORDS)  # penicillin, locker code
    assert sorted(deleted["deleted_knowledge_ids"]) == sorted(f["id"] for f in only_secret)

    for query in ("zq91xk", "What am I allergic to?", "Which medicine should I avoid?", "locker code"):
        found = payload(await client.call_tool("retrieve_memory", {"query": query}))
        shown = json.dumps({key: value for key, value in found.items() if key != "query"})
        assert "zq91xk" not in shown and "penicillin" not in shown, (query, found)
    profile = payload(await client.call_tool("get_user_profile", {"include_assistant_knowledge": True}))
    assert "penicillin" not in json.dumps(profile) and "Lisbon" in profile["user_profile"]
    history = payload(await client.call_tool("list_knowledge", {"include_history": True, "limit": 100}))
    assert "penicillin" not in json.dumps(history)
    listed = payload(await client.call_tool("list_memories", {"limit": 100}))
    assert secret_id not in [page["page_id"] for page in listed["pages"]] and listed["total"] == len(CONVERSATION)
    assert "page_ids" in tool_error(await client.call_tool("delete_memory", {"page_ids": [secret_id]}))
    still = payload(await client.call_tool("retrieve_memory", {"query": "What is my dog called?"}))
    assert "Biscuit" in texts(still)  # the rest of the memory is intact
    for word in SECRET_WORDS:
        assert word not in store_bytes(folder), word
    return secret_id


@pytest.mark.usefixtures("backend")
def test_delete_over_stdio_and_other_users_ids(tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    other_config = write_config(other, user_id="other_user", data_storage_path=str(tmp_path / "data"),
                                **support.storage_settings(tmp_path))

    async def scenario() -> None:
        with open(tmp_path / "server.log", "w", encoding="utf-8") as errlog:
            async with stdio_client_for(other_config, errlog) as client:
                theirs = await add(client, "My sister's name is Ingrid.", "Nice name.")
            async with stdio_client_for(write_config(tmp_path), errlog) as client:
                secret_id = await forget_scenario(client, tmp_path)
                message = tool_error(await client.call_tool("delete_memory", {"page_ids": [theirs]}))
                assert "page_ids" in message and str(theirs) in message and "Ingrid" not in message
                mixed = await client.call_tool("delete_memory", {"page_ids": [theirs, secret_id - 1]})
                assert "nothing was deleted" in tool_error(mixed)
                for uri in (f"memoryos://pages/{theirs}", f"memoryos://pages/{secret_id}"):
                    try:
                        await client.read_resource(uri)
                    except Exception as exc:  # the SDK raises the server's not-found error
                        assert "no page" in str(exc) and "Ingrid" not in str(exc)
                    else:
                        raise AssertionError(f"{uri} was readable")
                assert "page_ids" in tool_error(await client.call_tool("delete_memory", {"page_ids": []}))
                assert "page_ids" in tool_error(await client.call_tool("delete_memory", {"page_ids": ["7"]}))

    anyio.run(scenario)
    assert query_store(tmp_path, "SELECT user_input FROM pages WHERE user_id = 'other_user'", file=DATABASE) == [
        ("My sister's name is Ingrid.",)]
    kept = query_store(tmp_path, "SELECT id FROM pages WHERE user_input = ?", (CONVERSATION[4][0],), DATABASE)
    assert len(kept) == 1  # the page before the secret, which the refused mixed delete kept


@pytest.mark.usefixtures("backend")
def test_delete_over_streamable_http(tmp_path: Path) -> None:
    """The same over HTTP, where one server process serves many sessions from one engine."""
    async def scenario() -> None:
        with open(tmp_path / "server.log", "w", encoding="utf-8") as errlog, \
                http_server(write_config(tmp_path), "streamable-http", errlog) as base:
            async with Client(connect("streamable-http", base), mode="legacy") as client:
                await forget_scenario(client, tmp_path)

    anyio.run(scenario)
