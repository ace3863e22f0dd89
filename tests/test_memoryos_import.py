"""Migrating from the reference MemoryOS: a small data folder in its layout (tests/fixtures/memoryos_reference,
written for these tests) imported with `memoryos-mcp import-memoryos`, then read through an MCP session."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import anyio
import pytest

from tests.support import read_store
from tests.test_comprehensive import payload, read_json_resource, stdio_client_for, texts, write_config
from tests.test_export_import import cli

REFERENCE = Path(__file__).parent / "fixtures" / "memoryos_reference"


@pytest.mark.slow
def test_reference_folder_imported_with_timestamps_segments_facts_and_profile(tmp_path: Path) -> None:
    config = write_config(tmp_path, user_id="maria", mid_term_heat_threshold=1e9)
    result = cli("import-memoryos", "--config", str(config), str(REFERENCE), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "imported 7 pages (0 already stored), 2 segments, 3 facts" in result.stderr and "profile" in result.stderr

    async def check() -> dict[str, Any]:
        with open(tmp_path / "server.log", "a", encoding="utf-8") as errlog:
            async with stdio_client_for(config, errlog) as client:
                listed = payload(await client.call_tool("list_memories", {"limit": 100}))
                found = payload(await client.call_tool("retrieve_memory", {"query": "NX-4471"}))
                facts = payload(await client.call_tool("list_knowledge", {"limit": 100}))
                assistant = payload(await client.call_tool("list_knowledge", {"kind": "assistant"}))
                profile = payload(await client.call_tool("get_user_profile", {}))
                page = next(p for p in listed["pages"] if "NX-4471" in p["user_input"])
                segment = await read_json_resource(client, f"memoryos://segments/{page['segment_id']}")
                shown = await read_json_resource(client, f"memoryos://pages/{page['page_id']}")
                return {"listed": listed, "found": found, "facts": facts, "assistant": assistant,
                        "profile": profile, "segment": segment, "page": shown}

    seen = anyio.run(check)
    pages = seen["listed"]["pages"]
    assert seen["listed"]["total"] == 7
    assert [p["timestamp"] for p in pages] == ["2024-05-09 18:22:00", "2024-05-09 18:20:00", "2024-04-16 00:10:00",
                                               "2024-04-15 23:45:00", "2024-04-15 23:40:00", "2024-04-02 09:20:00",
                                               "2024-04-02 09:15:00"]
    assert [p["tier"] for p in pages] == ["short", "short"] + ["mid"] * 5
    assert all(p["meta_data"] == {"imported_from": "MemoryOS"} for p in pages)
    assert "NX-4471" in texts(seen["found"])
    assert seen["segment"]["summary"].startswith("Maria's job as a pharmacist")
    assert len(seen["segment"]["page_ids"]) == 3 and "pharmacist" in seen["segment"]["keywords"]
    assert seen["segment"]["visits"] == 2  # one in MemoryOS, one from the retrieval above
    assert "NX-4471" in seen["page"]["meta_info"] and seen["page"]["previous_page_id"] is not None
    facts = [f["knowledge"] for f in seen["facts"]["facts"]]
    assert "Maria adopted a retired greyhound named Pilot" in facts and "None" not in facts
    assert any("vitamin D" in f["knowledge"] for f in seen["assistant"]["facts"])
    assert "Pilot" in seen["profile"]["user_profile"]
    everything = json.dumps(seen)
    assert "PIN" not in everything  # another user's folder is not imported

    again = cli("import-memoryos", "--config", str(config), str(REFERENCE), cwd=tmp_path)
    assert again.returncode == 0 and "imported 0 pages (7 already stored)" in again.stderr, again.stderr
    database = tmp_path / "data" / "memoryos.sqlite3"
    assert read_store(database, "SELECT COUNT(*) FROM pages")[0][0] == 7
    assert read_store(database, "SELECT COUNT(*) FROM segments")[0][0] == 2


def test_choosing_another_reference_user_and_refusals(tmp_path: Path) -> None:
    config = write_config(tmp_path, user_id="joao_here")
    missing = cli("import-memoryos", "--config", str(config), str(REFERENCE), cwd=tmp_path)
    assert missing.returncode == 2 and "no MemoryOS user 'joao_here'" in missing.stderr
    assert "joao, maria" in missing.stderr and "--user" in missing.stderr
    chosen = cli("import-memoryos", "--config", str(config), "--user", "joao", str(REFERENCE), cwd=tmp_path)
    assert chosen.returncode == 0 and "imported 1 pages" in chosen.stderr, chosen.stderr
    database = tmp_path / "data" / "memoryos.sqlite3"
    assert read_store(database, "SELECT user_id, timestamp FROM pages") == [("joao_here", "2024-03-01 12:00:00")]
    not_folder = cli("import-memoryos", "--config", str(config), str(tmp_path / "nowhere"), cwd=tmp_path)
    assert not_folder.returncode == 2 and "not a folder" in not_folder.stderr
