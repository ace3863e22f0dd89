"""Export and import: the JSON Lines round trip, idempotent re-import, refusals, and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import anyio
import pytest

from memoryos_mcp import Memoryos
from memoryos_mcp.errors import InvalidInputError
from tests.support import open_memory
from tests.test_comprehensive import CONVERSATION, SERVER, payload, server_env, stdio_client_for, write_config
from tests.test_data_control import history

QUERIES = ["recipe number42 lentils", "What am I allergic to?", "Where do I live?", "my dog", "TP1234"]
EXTRA = [
    {"user_input": "I am allergic to penicillin and I live in Porto.", "agent_response": "Noted.",
     "timestamp": "2024-02-01 09:00:00"},
    {"user_input": "My dog Biscuit loves the beach.", "agent_response": "Lovely.", "timestamp": "2024-02-02 09:00:00"},
    {"user_input": "I moved to Lisbon last week.", "agent_response": "Exciting!", "timestamp": "2024-03-01 09:00:00"},
]


def seen(memory: Memoryos, queries: list[str] = QUERIES, depth: int | None = None) -> dict[str, Any]:
    """What a user can observe: retrieval for several queries (the first `depth` pages of each), the profile and
    facts, every page."""
    found = {}
    for query in queries:
        result = memory.retrieve(query)
        found[query] = {
            "pages": [(p.user_input, p.timestamp, p.meta_info, p.meta_data) for p in result.retrieved_pages][:depth],
            "short": [(p.user_input, p.timestamp) for p in result.short_term_memory],
            "user_facts": [k.model_dump() for k in result.retrieved_user_knowledge],
            "assistant_facts": [k.model_dump() for k in result.retrieved_assistant_knowledge],
        }
    profile = memory.get_user_profile(True, True).model_dump(exclude={"timestamp"})
    pages = [(p.user_input, p.timestamp, p.tier) for p in memory.list_memories(limit=100).pages]
    return {"retrieval": found, "profile": profile, "pages": pages}


def user_model(memory: Memoryos) -> list[tuple[Any, ...]]:
    """The user model's values, each page they name (sources, the closing page) by its text: ids differ between
    stores."""
    def said(ids: list[int]) -> list[tuple[str, str]]:
        return sorted((p.user_input, p.timestamp) for p in memory.pages.get(ids))

    return [(v.subject, v.attribute, v.value, v.detail, v.when, v.valid_from, v.valid_to, v.status, said(v.sources),
             said([v.closed_by] if v.closed_by else [])) for v in memory.model.values()]


def build(path: Path) -> None:
    """A store that has been through every tier: pages moved, segments, chains, promotion into facts."""
    memory = open_memory(path, short_term_capacity=3, mid_term_heat_threshold=1.0)
    memory.add_memories(history(200) + EXTRA)
    memory.retrieve("lentils")  # heats segments, so the background promotion learns facts
    memory.flush(30)
    memory.close()


def test_round_trip_into_an_empty_store_is_identical(tmp_path: Path, backend: str) -> None:
    build(tmp_path / "a")
    # A heat threshold nothing reaches: retrieval below must not start promotions that change what is seen.
    original = open_memory(tmp_path / "a", short_term_capacity=3, mid_term_heat_threshold=1e9)
    counts = original.export(tmp_path / "memory.jsonl")
    assert counts["page"] == 203 and counts["segment"] >= 1 and counts["fact"] >= 1 and counts["profile"] == 1
    copy = open_memory(tmp_path / "b", short_term_capacity=3, mid_term_heat_threshold=1e9)
    report = copy.import_(tmp_path / "memory.jsonl")
    assert report["pages_added"] == 203 and report["re_embedded"] == 0 and report["profile_set"]
    assert copy.get_user_profile(True, True).user_knowledge, "facts were imported"
    model = user_model(original)
    assert any(not value[-1] for value in model) and any(value[-1] for value in model), model  # open and closed
    assert user_model(copy) == model and report["values_added"] == len(model)
    if backend == "sqlite":
        assert seen(copy) == seen(original)
    else:
        # Retrieval warms segments, and on PostgreSQL that heat reorders the history's near-identical pages
        # from one call to the next: there the short-term pages and facts of every query are compared, and
        # the page that answers the one query answered from mid-term memory (the others' are short-term).
        assert seen(copy, depth=0) == seen(original, depth=0)
        answered = ["recipe number42 lentils"]
        assert seen(copy, answered, depth=1) == seen(original, answered, depth=1)
    assert copy.status()["mid_term_segments"] == original.status()["mid_term_segments"]

    again = copy.import_(tmp_path / "memory.jsonl")  # idempotent: nothing new
    assert again["pages_added"] == 0 and again["pages_skipped"] == 203 and again["facts_added"] == 0
    assert again["values_added"] == 0 and again["values_skipped"] == len(model) and user_model(copy) == model
    assert again["segments_added"] == 0 and copy.status()["mid_term_pages"] == original.status()["mid_term_pages"]
    copy.export(tmp_path / "copy.jsonl")
    original.close()
    copy.close()
    lines = [json.loads(line) for line in (tmp_path / "memory.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines[0]["type"] == "header" and lines[0]["version"] == 1 and lines[0]["user_id"] == "default_user"
    exported = [r for r in lines if r["type"] == "page"]
    assert len({r["key"] for r in exported}) == 203 and all(r["embedding"] for r in exported)


@pytest.mark.usefixtures("backend")
def test_import_into_another_model_re_embeds(tmp_path: Path) -> None:
    build(tmp_path / "a")
    with open_memory(tmp_path / "a") as original:
        original.export(tmp_path / "memory.jsonl")
    lines = (tmp_path / "memory.jsonl").read_text(encoding="utf-8").splitlines()
    head = json.loads(lines[0])
    (tmp_path / "other.jsonl").write_text("\n".join([json.dumps({**head, "embedding_model": "another"}),
                                                     *lines[1:]]) + "\n", encoding="utf-8")
    with open_memory(tmp_path / "b", mid_term_heat_threshold=1e9) as copy:
        report = copy.import_(tmp_path / "other.jsonl")
        assert report["pages_added"] == 203 and report["re_embedded"] >= 203
        found = copy.retrieve("recipe number42")
        assert "Entry 42:" in found.retrieved_pages[0].user_input and copy.status()["indexed_pages"] == 203


@pytest.mark.parametrize(("text", "expected"), [
    ("", "empty file"),
    ('{"type": "page"}\n', "not a memoryos-mcp-export file"),
    ('{"type": "header", "format": "memoryos-mcp-export", "version": 2}\n', "newer memoryos-mcp"),
    ('{"type": "header", "format": "memoryos-mcp-export", "version": 1}\nnot json\n', "line 2 is not JSON"),
    ('{"type": "header", "format": "memoryos-mcp-export", "version": 1}\n{"type": "page", "id": 1, '
     '"user_input": "x", "timestamp": "someday"}\n', "line 2: invalid page record"),
    ('{"type": "header", "format": "memoryos-mcp-export", "version": 1}\n{"type": "gossip"}\n', "unknown record"),
])
def test_import_refuses_bad_files_clearly(tmp_path: Path, text: str, expected: str) -> None:
    (tmp_path / "bad.jsonl").write_text(text, encoding="utf-8")
    with open_memory(tmp_path / "store") as memory:
        with pytest.raises(InvalidInputError, match=expected):
            memory.import_(tmp_path / "bad.jsonl")
        assert memory.list_memories().total == 0


def test_import_refuses_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "latin1.jsonl").write_bytes(
        b'{"type": "header", "format": "memoryos-mcp-export", "version": 1}\n{"type": "chain", "id": 1, '
        b'"meta_info": "caf\xe9"}\n')
    with open_memory(tmp_path / "store") as memory, pytest.raises(InvalidInputError, match="not UTF-8"):
        memory.import_(tmp_path / "latin1.jsonl")


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SERVER), *args], cwd=cwd, env=server_env(), capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=300)


@pytest.mark.slow
def test_cli_export_then_import_into_an_empty_store(tmp_path: Path) -> None:
    """On SQLite: the commands are one code path whatever the store, and the PostgreSQL store's export and import
    are test_round_trip_into_an_empty_store_is_identical's (seven server and CLI processes cost two minutes there)."""
    source, target = tmp_path / "source", tmp_path / "target"
    source.mkdir()
    target.mkdir()
    config = write_config(source, mid_term_heat_threshold=1e9)
    empty = write_config(target, mid_term_heat_threshold=1e9, user_id="new_owner")

    async def fill_and_ask(config: Path, fill: bool) -> list[Any]:
        with open(config.parent / "server.log", "a", encoding="utf-8") as errlog:
            async with stdio_client_for(config, errlog) as client:
                if fill:
                    pages = [{"user_input": u, "agent_response": a, **({"timestamp": t} if t else {})}
                             for u, a, t in CONVERSATION]
                    payload(await client.call_tool("add_memories", {"pages": pages}))
                answers = []
                for query in QUERIES:
                    found = payload(await client.call_tool("retrieve_memory", {"query": query}))
                    answers.append([(p["user_input"], p["timestamp"]) for p in found["retrieved_pages"]])
                return answers

    before = anyio.run(fill_and_ask, config, True)
    exported = cli("export", "--config", str(config), "--output", str(tmp_path / "memory.jsonl"), cwd=source)
    assert exported.returncode == 0, exported.stderr
    assert f"{len(CONVERSATION)} pages" in exported.stderr and exported.stdout == ""
    to_stdout = cli("export", "--config", str(config), cwd=source)
    assert to_stdout.returncode == 0 and len(to_stdout.stdout.splitlines()) == len(
        (tmp_path / "memory.jsonl").read_text(encoding="utf-8").splitlines())

    imported = cli("import", "--config", str(empty), str(tmp_path / "memory.jsonl"), cwd=target)
    assert imported.returncode == 0, imported.stderr
    assert f"imported {len(CONVERSATION)} pages (0 already stored)" in imported.stderr
    again = cli("import", "--config", str(empty), str(tmp_path / "memory.jsonl"), cwd=target)
    assert f"imported 0 pages ({len(CONVERSATION)} already stored)" in again.stderr
    assert anyio.run(fill_and_ask, empty, False) == before

    newer = tmp_path / "newer.jsonl"
    newer.write_text('{"type": "header", "format": "memoryos-mcp-export", "version": 99}\n', encoding="utf-8")
    refused = cli("import", "--config", str(empty), str(newer), cwd=target)
    assert refused.returncode == 2 and "format version 99" in refused.stderr and "upgrade" in refused.stderr
