"""Managing stored memory through an MCP client session: paging, bulk add, forgetting everything.

An in-memory session (JSON-RPC over memory streams) on an engine with the fast hash embedder, so
1,000-page histories stay quick; test_data_control_e2e.py drives real server processes. Every test runs on
each backend (the `backend` fixture); what only the SQLite files hold (their full-text tables, their bytes)
is checked there.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
import mcp_types as types
import pytest
from mcp.client import Client

from memoryos_mcp.server.app import build_server
from memoryos_mcp.server.host import EngineHost
from tests.support import open_memory, query_store, tool_error

pytestmark = pytest.mark.usefixtures("backend")

MANAGEMENT_TOOLS = {"list_memories", "add_memories", "delete_memory", "forget_all", "list_knowledge",
                    "delete_knowledge", "update_knowledge"}


@asynccontextmanager
async def session(path: Path, elicitation_callback: Any = None, **settings: Any) -> AsyncIterator[Client]:
    memory = open_memory(path, **{"short_term_capacity": 3, **settings})
    server = build_server(EngineHost(memory.config, "in-memory", factory=lambda _config: memory))
    async with Client(server, mode="legacy", elicitation_callback=elicitation_callback) as client:
        yield client


def data(result: types.CallToolResult) -> dict[str, Any]:
    assert not result.is_error, result.content
    return result.structured_content


def history(count: int, start_day: int = 0) -> list[dict[str, Any]]:
    """`count` exchanges, one per hour from 2023-01-01, each with a unique word."""
    pages = []
    for n in range(count):
        hour = start_day * 24 + n
        pages.append({"user_input": f"Entry {n}: I tried recipe number{n} with lentils.",
                      "agent_response": f"Noted recipe number{n}.",
                      "timestamp": f"2023-{1 + hour // (24 * 28):02d}-{1 + hour // 24 % 28:02d} {hour % 24:02d}:00:00",
                      "meta_data": {"n": n}})
    return pages


def test_tools_declare_schemas_and_hints(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with session(tmp_path) as client:
            tools = {tool.name: tool for tool in (await client.list_tools()).tools}
            assert MANAGEMENT_TOOLS <= set(tools)
            for name in MANAGEMENT_TOOLS:
                assert tools[name].output_schema and tools[name].output_schema.get("properties"), name
                assert all(spec.get("description") for spec in tools[name].input_schema["properties"].values()), name
            hints = {name: tools[name].annotations for name in MANAGEMENT_TOOLS}
            assert hints["list_memories"].read_only_hint is True
            assert hints["delete_memory"].destructive_hint is True and hints["delete_memory"].read_only_hint is False
            assert hints["forget_all"].destructive_hint is True and hints["list_knowledge"].read_only_hint is True
            assert hints["delete_knowledge"].destructive_hint is True and hints["update_knowledge"].idempotent_hint
            assert hints["add_memories"].destructive_hint is False and hints["add_memories"].read_only_hint is False
            prompts = {prompt.name for prompt in (await client.list_prompts()).prompts}
            assert prompts == {"remember", "recall", "review_memory"}
            recall = await client.get_prompt("recall", {"topic": "my dog"})
            assert "retrieve_memory" in recall.messages[0].content.text and "my dog" in recall.messages[0].content.text
            templates = {t.uri_template for t in (await client.list_resource_templates()).resource_templates}
            assert templates == {"memoryos://pages/{page_id}", "memoryos://segments/{segment_id}"}

    anyio.run(scenario)


def test_paging_with_cursors_over_three_hundred_pages(tmp_path: Path) -> None:
    progress: list[tuple[float, float | None]] = []

    async def on_progress(done: float, total: float | None, message: str | None) -> None:
        progress.append((done, total))

    async def scenario() -> None:
        async with session(tmp_path) as client:
            added = data(await client.call_tool("add_memories", {"pages": history(300)},
                                                progress_callback=on_progress))
            assert added["count"] == 300 and len(set(added["page_ids"])) == 300
            seen: list[dict[str, Any]] = []
            cursor = None
            answers = 0
            while True:
                arguments = {"limit": 100} if cursor is None else {"limit": 100, "cursor": cursor}
                answer = data(await client.call_tool("list_memories", arguments))
                answers += 1
                assert answer["total"] == 300 and answer["count"] == len(answer["pages"]) <= 100
                seen += answer["pages"]
                cursor = answer["next_cursor"]
                if cursor is None:
                    break
            assert answers == 3
            assert [p["page_id"] for p in seen] == sorted(added["page_ids"], reverse=True)  # newest first, once each
            assert [p["timestamp"] for p in seen] == sorted((p["timestamp"] for p in seen), reverse=True)
            assert seen[0]["meta_data"] == {"n": 299} and seen[-1]["user_input"].startswith("Entry 0:")
            assert {p["tier"] for p in seen[:3]} == {"short"} and {p["tier"] for p in seen[3:]} == {"mid"}

            short = data(await client.call_tool("list_memories", {"tier": "short"}))
            assert short["total"] == 3 and [p["page_id"] for p in short["pages"]] == [p["page_id"] for p in seen[:3]]
            window = data(await client.call_tool("list_memories", {"after": "2023-01-02", "before": "2023-01-03",
                                                                   "limit": 50}))
            assert window["total"] == 24 and window["next_cursor"] is None
            assert all(p["timestamp"].startswith("2023-01-02") for p in window["pages"])

            page = await client.read_resource(f"memoryos://pages/{seen[150]['page_id']}")
            shown = json.loads(page.contents[0].text)
            assert shown["user_input"] == seen[150]["user_input"] and shown["segment_id"] == seen[150]["segment_id"]
            segment = json.loads((await client.read_resource(
                f"memoryos://segments/{shown['segment_id']}")).contents[0].text)
            assert shown["page_id"] in segment["page_ids"] and segment["summary"]
        assert progress and progress[-1] == (300, 300)

    anyio.run(scenario)


@pytest.mark.parametrize(("arguments", "named"), [
    ({"tier": "long"}, "tier"),
    ({"limit": 0}, "limit"),
    ({"limit": 101}, "limit"),
    ({"cursor": "not-a-cursor"}, "cursor"),
    ({"after": "yesterday-ish"}, "after"),
])
def test_list_memories_bad_arguments_are_named(tmp_path: Path, arguments: dict[str, Any], named: str) -> None:
    async def scenario() -> None:
        async with session(tmp_path) as client:
            assert named in tool_error(await client.call_tool("list_memories", arguments))

    anyio.run(scenario)


def test_add_memories_is_all_or_nothing(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with session(tmp_path) as client:
            pages = history(10)
            pages[6]["timestamp"] = "the day after tomorrow"
            message = tool_error(await client.call_tool("add_memories", {"pages": pages}))
            assert "pages[6].timestamp" in message
            assert "pages" in tool_error(await client.call_tool("add_memories", {"pages": history(1001)}))
            assert "pages" in tool_error(await client.call_tool("add_memories", {"pages": []}))
            listed = data(await client.call_tool("list_memories", {}))
            assert listed["total"] == 0

    anyio.run(scenario)
    assert query_store(tmp_path, "SELECT COUNT(*) FROM pages")[0][0] == 0


def answer_elicitation(action: str, erase: bool = True) -> Any:
    asked: list[str] = []

    async def callback(context: Any, params: types.ElicitRequestParams) -> types.ElicitResult:
        asked.append(params.message)
        return types.ElicitResult(action=action, content={"erase_everything": erase} if action == "accept" else None)

    callback.asked = asked  # type: ignore[attr-defined]
    return callback


def test_forget_all_needs_confirmation_and_asks_the_user(tmp_path: Path, backend: str) -> None:

    async def attempt(callback: Any, confirm: str) -> types.CallToolResult:
        async with session(tmp_path, elicitation_callback=callback) as client:
            return await client.call_tool("forget_all", {"confirm": confirm})

    async def scenario() -> None:
        async with session(tmp_path) as client:
            data(await client.call_tool("add_memories", {"pages": history(20)}))
        declined = answer_elicitation("decline")
        assert "confirm" in tool_error(await attempt(None, "yes"))
        assert "confirm" in tool_error(await attempt(declined, "DELETE ALL"))
        assert declined.asked and "cannot be undone" in declined.asked[0]
        assert "confirm" in tool_error(await attempt(answer_elicitation("accept", erase=False), "DELETE ALL"))
        assert query_store(tmp_path, "SELECT COUNT(*) FROM pages")[0][0] == 20
        accepted = answer_elicitation("accept")
        result = data(await attempt(accepted, "DELETE ALL"))
        assert result["deleted_pages"] == 20 and result["deleted_segments"] >= 1
        async with session(tmp_path) as client:
            assert data(await client.call_tool("list_memories", {}))["total"] == 0
            found = data(await client.call_tool("retrieve_memory", {"query": "recipe number7 lentils"}))
            assert found["retrieved_pages"] == [] and found["short_term_memory"] == []

    anyio.run(scenario)
    full_text = ["pages_fts"] if backend == "sqlite" else []  # PostgreSQL's full text is a column of pages
    for table in ["pages", "segments", "chains", "knowledge", "model_values", *full_text]:
        assert query_store(tmp_path, f"SELECT COUNT(*) FROM {table}")[0][0] == 0, table


LIFE = [
    {"user_input": "I live in Lisbon with my partner.", "agent_response": "Lovely city.",
     "timestamp": "2024-01-01 10:00:00"},
    {"user_input": "I work as a nurse at the city hospital.", "agent_response": "Demanding work.",
     "timestamp": "2024-01-02 10:00:00"},
    {"user_input": "My favourite food is grilled sardines.", "agent_response": "A Lisbon classic.",
     "timestamp": "2024-01-03 10:00:00"},
    *[{"user_input": f"Filler exchange {n} about the weather.", "agent_response": "Indeed.",
       "timestamp": f"2024-01-1{n} 10:00:00"} for n in range(4)],
]


def test_knowledge_listed_with_provenance_corrected_and_deleted(tmp_path: Path) -> None:
    with open_memory(tmp_path, user_id="someone_else", short_term_capacity=1) as other:
        other.add_memories([{"user_input": "I live in Oslo.", "agent_response": "Cold!"},
                            {"user_input": "Filler.", "agent_response": "Yes."}])
        other.flush(30)
        theirs = [f.id for f in other.knowledge("user")]
    assert theirs

    async def scenario() -> None:
        async with session(tmp_path) as client:
            ids = data(await client.call_tool("add_memories", {"pages": LIFE}))["page_ids"]
            data(await client.call_tool("get_user_profile", {}))  # waits for the facts to be learnt
            listed = data(await client.call_tool("list_knowledge", {"kind": "user"}))
            by_text = {f["knowledge"]: f for f in listed["facts"]}
            home = next(f for text, f in by_text.items() if "Lisbon" in text)
            job = next(f for text, f in by_text.items() if "nurse" in text)
            assert home["sources"] == [ids[0]] and home["first_seen"] == "2024-01-01 10:00:00"
            assert not home["corrected"] and listed["total"] == len(listed["facts"]) >= 3
            assert [f["last_seen"] for f in listed["facts"]] == sorted((f["last_seen"] for f in listed["facts"]),
                                                                       reverse=True)
            first = data(await client.call_tool("list_knowledge", {"limit": 1}))
            rest = data(await client.call_tool("list_knowledge", {"limit": 100, "cursor": first["next_cursor"]}))
            assert [f["id"] for f in first["facts"] + rest["facts"]] == [f["id"] for f in listed["facts"]]

            fixed = data(await client.call_tool("update_knowledge", {"id": home["id"],
                                                                     "knowledge": "User lives in Porto"}))
            assert fixed["fact"]["knowledge"] == "User lives in Porto" and fixed["fact"]["corrected"] is True
            assert fixed["fact"]["sources"] == [ids[0]]
            profile = data(await client.call_tool("get_user_profile", {}))
            assert "Porto" in profile["user_profile"] and "Lisbon" not in json.dumps(profile["user_knowledge"])
            found = data(await client.call_tool("retrieve_memory", {"query": "Where does the user live? Porto"}))
            assert any(k["knowledge"] == "User lives in Porto" for k in found["retrieved_user_knowledge"])

            gone = data(await client.call_tool("delete_knowledge", {"ids": [job["id"]]}))
            assert gone["deleted_ids"] == [job["id"]]
            profile = data(await client.call_tool("get_user_profile", {}))
            assert "nurse" not in profile["user_profile"] and "nurse" not in json.dumps(profile["user_knowledge"])
            pages = data(await client.call_tool("list_memories", {"limit": 100}))
            assert any("nurse" in p["user_input"] for p in pages["pages"])  # the page itself stays

            for tool, arguments, named in (
                ("delete_knowledge", {"ids": [theirs[0]]}, "ids"),
                ("update_knowledge", {"id": theirs[0], "knowledge": "User lives in Rome"}, "id"),
                ("update_knowledge", {"id": home["id"], "knowledge": "   "}, "knowledge"),
                ("list_knowledge", {"kind": "everyone"}, "kind"),
                ("delete_knowledge", {"ids": []}, "ids"),
            ):
                message = tool_error(await client.call_tool(tool, arguments))
                assert named in message and "Oslo" not in message, (tool, message)

    anyio.run(scenario)
    assert query_store(tmp_path, "SELECT knowledge FROM knowledge WHERE id = ?",
                       (theirs[0],)) == [("User lives in Oslo",)]


class DeletingLLM:
    """An LLM (offline rules underneath) during whose analysis the user deletes a page being analysed."""

    name = "test:deleting"
    offline = False

    def __init__(self) -> None:
        from memoryos_mcp.language.offline import OfflineLLM

        self.rules = OfflineLLM()
        self.memory: Any = None
        self.victim: int | None = None
        self.profiles_written = 0

    def __getattr__(self, method: str) -> Any:
        return getattr(self.rules, method)

    def now(self) -> DeletingLLM:
        return self

    def user_facts(self, pages: list[Any]) -> list[str]:
        if self.victim is not None and any("penicillin" in p.user_input for p in pages):
            self.memory.delete_memory([self.victim])  # from the worker thread, while the analysis runs
            self.victim = None
        return self.rules.user_facts(pages)

    def profile(self, old_profile: str, pages: list[Any], facts: list[str]) -> str:
        self.profiles_written += 1
        return "The user is allergic to penicillin and works as a nurse. " * 2


def test_a_page_deleted_during_llm_analysis_leaves_nothing_behind(tmp_path: Path) -> None:
    llm = DeletingLLM()
    memory = open_memory(tmp_path, llm=llm, short_term_capacity=1, mid_term_heat_threshold=1.0,
                         mid_term_similarity_threshold=0.0)
    llm.memory = memory
    with memory:
        first = memory.add_memories([{"user_input": "I am allergic to penicillin.", "agent_response": "Noted.",
                                      "timestamp": "2024-01-01 10:00:00"}])[0]
        llm.victim = first
        memory.add_memories([{"user_input": "I work as a nurse at the hospital.", "agent_response": "Great.",
                              "timestamp": "2024-01-02 10:00:00"},
                             {"user_input": "Filler.", "agent_response": "Yes.", "timestamp": "2024-01-03 10:00:00"}])
        memory.retrieve("nurse hospital penicillin")  # heats the segment so the analysis runs
        memory.flush(30)
        assert llm.victim is None, "the analysis ran and the page was deleted during it"
        facts = json.dumps([f.model_dump() for f in memory.knowledge("user", include_history=True)])
        assert "penicillin" not in facts and "penicillin" not in memory.get_user_profile().user_profile
        assert memory.list_memories().total == 2


CHAIN = [  # one conversation about one topic: one chain, one segment
    {"user_input": "I am planning a trip to Kyoto in April.", "agent_response": "Kyoto in spring is lovely.",
     "timestamp": "2024-02-01 10:00:00"},
    {"user_input": "In Kyoto I want to see the Fushimi Inari shrine quokkazebra.",
     "agent_response": "Fushimi Inari in Kyoto is best early in the morning.", "timestamp": "2024-02-01 10:02:00"},
    {"user_input": "For the Kyoto trip I will also visit the bamboo grove.",
     "agent_response": "The Kyoto bamboo grove is beautiful.", "timestamp": "2024-02-01 10:04:00"},
    {"user_input": "Last one.", "agent_response": "Ok.", "timestamp": "2024-02-02 10:00:00"},
]


def test_delete_relinks_the_chain_and_rebuilds_or_removes_the_segment(tmp_path: Path) -> None:
    async def resource(client: Client, uri: str) -> dict[str, Any]:
        return json.loads((await client.read_resource(uri)).contents[0].text)

    async def scenario() -> None:
        async with session(tmp_path, short_term_capacity=1, mid_term_similarity_threshold=0.0) as client:
            first, middle, last, newest = data(await client.call_tool("add_memories", {"pages": CHAIN}))["page_ids"]
            before = await resource(client, f"memoryos://pages/{middle}")
            assert (before["previous_page_id"], before["next_page_id"]) == (first, last), before
            segment_id = before["segment_id"]
            assert "quokkazebra" in json.dumps(await resource(client, f"memoryos://segments/{segment_id}")) + \
                before["meta_info"]

            result = data(await client.call_tool("delete_memory", {"page_ids": [middle, newest]}))  # newest: short
            assert result["refreshed_segment_ids"] == [segment_id] and result["removed_segment_ids"] == []
            assert (await resource(client, f"memoryos://pages/{first}"))["next_page_id"] == last
            after = await resource(client, f"memoryos://pages/{last}")
            assert after["previous_page_id"] == first and "quokkazebra" not in after["meta_info"]
            segment = await resource(client, f"memoryos://segments/{segment_id}")
            assert segment["page_ids"] == [first, last] and "quokkazebra" not in json.dumps(segment)

            gone = data(await client.call_tool("delete_memory", {"page_ids": [first, last]}))
            assert gone["removed_segment_ids"] == [segment_id]
            with pytest.raises(Exception, match="no segment"):
                await resource(client, f"memoryos://segments/{segment_id}")
            assert data(await client.call_tool("list_memories", {}))["total"] == 0

    anyio.run(scenario)
    assert query_store(tmp_path, "SELECT COUNT(*) FROM chains")[0][0] == 0


def test_a_delete_reaches_the_vector_index_of_another_process(tmp_path: Path) -> None:
    """Two engines on one file stand for two server processes sharing a store."""
    with open_memory(tmp_path, short_term_capacity=1) as writer, open_memory(tmp_path, short_term_capacity=1) as other:
        ids = writer.add_memories(history(30))
        assert ids[7] in other.rank_pages("recipe number7 lentils", 5, mode="dense")
        indexed = other.status()["indexed_pages"]
        writer.delete_memory([ids[7]])
        assert ids[7] not in other.rank_pages("recipe number7 lentils", 30, mode="dense")
        assert ids[7] not in other.rank_pages("number7", 30, mode="lexical")
        assert other.status()["indexed_pages"] == indexed - 1


def test_a_deleted_korean_page_leaves_no_character_pairs_behind(tmp_path: Path, backend: str) -> None:
    secret = "민수는 부산 해운대에서 일한다"
    with open_memory(tmp_path, short_term_capacity=1) as memory:
        ids = memory.add_memories([{"user_input": secret, "agent_response": "좋네요"},
                                   {"user_input": "hello", "agent_response": "hi"}])
        assert ids[0] in memory.rank_pages("해운대", 5, mode="lexical")
        memory.delete_memory([ids[0]])
        assert memory.rank_pages("해운대", 5, mode="lexical") == []
    assert query_store(tmp_path, "SELECT COUNT(*) FROM pages WHERE user_input LIKE ?", ("%해운대%",)) == [(0,)]
    if backend != "sqlite":
        return  # the rows are gone; VACUUM reclaims their space in PostgreSQL's files
    assert query_store(tmp_path, "SELECT COUNT(*) FROM pages_cjk WHERE rowid = ?", (ids[0],)) == [(0,)]
    raw = b"".join(path.read_bytes() for path in tmp_path.glob("memoryos.sqlite3*"))
    assert "해운".encode() not in raw and "운대".encode() not in raw
