"""Deleting a page removes every trace of its words from knowledge; a user's correction is their own (issue 18,
items 3 and 10). In-memory MCP sessions on the real local model, which merges the two PIN statements (the same PIN said
in other words)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import anyio

from tests.test_data_control import data, session
from tests.test_data_control_e2e import store_bytes
from tests.test_sampling import status, wait_for

FILLER = [("I went for a run by the river this morning.", "Sounds refreshing."),
          ("My sister Ingrid is visiting next month.", "How nice."),
          ("I am reading a novel about sailors.", "Enjoy it."),
          ("We had pasta with pesto for dinner.", "Yum.")]


async def add(client: Any, user_input: str, agent_response: str = "Noted.") -> int:
    return data(await client.call_tool("add_memory", {"user_input": user_input,
                                                      "agent_response": agent_response}))["details"]["page_id"]


async def learnt(client: Any) -> None:
    """Wait until the background worker has learnt every page: list_knowledge waits for it at most 30 s, and on a
    loaded machine the facts of the last pages came after the listing."""
    async def done() -> bool:
        now = await status(client)
        return now["learning_backlog"] == 0 and now["enrichment_backlog"] == 0

    await wait_for(done, "every page learnt", seconds=120)


async def everything(client: Any) -> str:
    """Every answer a client can get about the user's knowledge, as one text."""
    answers = [data(await client.call_tool("list_knowledge", {"include_history": True, "limit": 100})),
               data(await client.call_tool("get_user_profile", {"include_assistant_knowledge": True})),
               data(await client.call_tool("retrieve_memory", {"query": "What is my bank PIN?"}))]
    answers.append(json.loads((await client.read_resource("memoryos://profile")).contents[0].text))
    return json.dumps(answers)


def test_a_merged_fact_loses_the_deleted_pages_words(tmp_path: Path, local_embedder: Any) -> None:
    async def scenario() -> None:
        async with session(tmp_path, embedder=local_embedder, short_term_capacity=2) as client:
            old = await add(client, "My bank PIN is 4417.")  # a new PIN would be a new fact: the same, said otherwise
            new = await add(client, "My bank card PIN is 4417.")
            for user_input, agent_response in FILLER:
                await add(client, user_input, agent_response)
            await learnt(client)
            facts = data(await client.call_tool("list_knowledge", {"limit": 100}))["facts"]
            pin = [f for f in facts if "PIN" in f["knowledge"]]
            assert any({old, new} <= set(f["sources"]) for f in pin), pin  # one fact learnt from both pages
            data(await client.call_tool("delete_memory", {"page_ids": [old]}))
            shown = await everything(client)
            assert "bank PIN is 4417" not in shown and "card PIN is 4417" in shown, shown
        assert b"bank PIN is 4417" not in store_bytes(tmp_path.parent / tmp_path.name)

    anyio.run(scenario)


def test_corrections_survive_their_source_and_never_make_two_homes(tmp_path: Path, local_embedder: Any) -> None:
    async def scenario() -> None:
        async with session(tmp_path, embedder=local_embedder, short_term_capacity=2) as client:
            lisbon = await add(client, "I live in Lisbon.")
            nickname = await add(client, "My nickname is Bolt.")
            await add(client, "I moved to Porto last week.")
            for user_input, agent_response in FILLER:
                await add(client, user_input, agent_response)
            await learnt(client)
            facts = data(await client.call_tool("list_knowledge", {"include_history": True, "limit": 100}))["facts"]
            by_source = {tuple(f["sources"]): f for f in facts}
            old_home, nick = by_source[(lisbon,)], by_source[(nickname,)]
            assert old_home["status"] == "superseded", facts
            for fact, text in ((nick, "User's nickname is Flash"), (old_home, "User lives in Braga")):
                data(await client.call_tool("update_knowledge", {"id": fact["id"], "knowledge": text}))
            current = data(await client.call_tool("list_knowledge", {"limit": 100}))["facts"]
            homes = [f["knowledge"] for f in current if "lives in" in f["knowledge"] or "moved to" in f["knowledge"]]
            assert len(homes) == 1 and "Porto" in homes[0], current
            data(await client.call_tool("delete_memory", {"page_ids": [nickname, lisbon]}))
            after = data(await client.call_tool("list_knowledge", {"include_history": True, "limit": 100}))["facts"]
            kept = {f["id"]: f for f in after}
            assert kept[nick["id"]]["knowledge"] == "User's nickname is Flash" and kept[nick["id"]]["corrected"]
            assert kept[old_home["id"]]["knowledge"] == "User lives in Braga"

    anyio.run(scenario)
