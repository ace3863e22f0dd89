"""Ids are never reused, so a deleted page's work can never land on another page (issue 18, items 1-2)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp.client import Client

from memoryos_mcp.store import sqlite as storage
from tests.support import open_memory, read_store, tool_error
from tests.test_data_control import data, session


async def learnt(client: Client, patience: float = 180.0) -> None:
    """Wait until the background learner has read every page: on a loaded machine it runs behind add_memory
    (`patience` guards against a hung test; it is no speed requirement)."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        status = json.loads((await client.read_resource("memoryos://status", cache_mode="bypass")).contents[0].text)
        if status["learning_backlog"] == 0:
            return
        await anyio.sleep(0.2)
    raise AssertionError(f"the learner did not catch up: {status}")


def race_pages(count: int) -> list[dict[str, Any]]:
    return [{"user_input": f"I live in Oldtown{n} and my pin is RACEOLD{n}.", "agent_response": "Noted."}
            for n in range(count)]


def test_forgotten_pages_facts_never_reach_new_pages(tmp_path: Path, local_embedder: Any) -> None:
    async def scenario() -> list[dict[str, Any]]:
        async with session(tmp_path, embedder=local_embedder) as client:
            data(await client.call_tool("add_memories", {"pages": race_pages(40)}))
            data(await client.call_tool("forget_all", {"confirm": "DELETE ALL"}))
            new_ids = [data(await client.call_tool("add_memory", {
                "user_input": f"My cousin Fennimore{n} plays the tuba in Newport{n}.",
                "agent_response": "Fun."}))["details"]["page_id"] for n in range(6)]
            await learnt(client)
            facts = data(await client.call_tool("list_knowledge", {"limit": 100}))["facts"]
            return new_ids, facts

    new_ids, facts = anyio.run(scenario)
    shown = " ".join(f["knowledge"] for f in facts)
    assert "RACEOLD" not in shown and "Oldtown" not in shown, facts
    assert min(new_ids) > 40, new_ids  # not the forgotten pages' ids
    learnt_from = {page for f in facts for page in f["sources"]}
    assert learnt_from and learnt_from <= set(new_ids), facts


def test_retried_deletes_and_corrections_never_touch_a_newer_row(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with session(tmp_path) as client:
            first = data(await client.call_tool("add_memories", {"pages": race_pages(10)}))["page_ids"]
            last = first[-1]
            data(await client.call_tool("delete_memory", {"page_ids": [last]}))
            newer = data(await client.call_tool("add_memory", {"user_input": "My dog is called Pixel.",
                                                                "agent_response": "Cute."}))["details"]["page_id"]
            assert newer > last
            assert "page_ids" in tool_error(await client.call_tool("delete_memory", {"page_ids": [last]}))
            facts = data(await client.call_tool("list_knowledge", {"limit": 100}))["facts"]
            gone = max(f["id"] for f in facts)
            data(await client.call_tool("delete_knowledge", {"ids": [gone]}))
            data(await client.call_tool("forget_all", {"confirm": "DELETE ALL"}))
            again = data(await client.call_tool("add_memories", {"pages": race_pages(8)}))["page_ids"]
            assert min(again) > newer, again  # forget_all does not restart the ids either
            facts = data(await client.call_tool("list_knowledge", {"limit": 100}))["facts"]
            assert facts and min(f["id"] for f in facts) > gone
            message = tool_error(await client.call_tool("update_knowledge", {"id": gone, "knowledge": "User is 40"}))
            assert f"no fact {gone}" in message

    anyio.run(scenario)


def test_an_older_store_keeps_its_ids_and_stops_reusing_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as old:  # a store made before ids were never reused
        old.setattr(storage, "MIGRATIONS", storage.MIGRATIONS[:3])
        with open_memory(tmp_path, short_term_capacity=100) as memory:
            ids = memory.add_memories(race_pages(5))
    assert "AUTOINCREMENT" not in schema(tmp_path, "pages")
    with open_memory(tmp_path, short_term_capacity=100) as memory:
        assert [p.page_id for p in memory.list_memories().pages] == ids[::-1]
        memory.delete_memory([ids[-2], ids[-1]])
        assert memory.add_memory("My dog is called Pixel.", "Cute.").details["page_id"] > ids[-1]
    assert all("AUTOINCREMENT" in schema(tmp_path, table) for table in ("pages", "segments", "knowledge", "chains"))


def schema(folder: Path, table: str) -> str:
    return read_store(folder / "memoryos.sqlite3", "SELECT sql FROM sqlite_master WHERE name = ?", (table,))[0][0]
