"""Ids as a client sends them: strict positive integers below 2**63, refused as argument errors otherwise."""

from __future__ import annotations

from pathlib import Path

import anyio
import pytest
from mcp.shared.exceptions import MCPError

from tests.support import read_store, tool_error
from tests.test_data_control import data, session

BAD_IDS = [True, False, 2**63, 10**29, -1, 0, "1", 1.0]


def test_bad_ids_are_argument_errors_and_delete_nothing(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with session(tmp_path) as client:
            added = data(await client.call_tool("add_memories", {"pages": [
                {"user_input": f"My locker number is {n}.", "agent_response": "Noted."} for n in range(3)]}))
            assert added["page_ids"][0] == 1
            for bad in BAD_IDS:
                for tool, arguments in (("delete_memory", {"page_ids": [bad]}),
                                        ("delete_knowledge", {"ids": [bad]}),
                                        ("update_knowledge", {"id": bad, "knowledge": "User likes tea"})):
                    message = tool_error(await client.call_tool(tool, arguments))
                    assert ("ids" if tool != "update_knowledge" else "id") in message, (tool, bad, message)
            for raw in ("²", "9" * 30, str(2**63), "0", "-1", " 1", "1.0"):
                for kind in ("pages", "segments"):
                    with pytest.raises(MCPError) as caught:
                        await client.read_resource(f"memoryos://{kind}/{raw}")
                    assert "id must be a positive integer" in str(caught.value), (raw, str(caught.value))
            assert data(await client.call_tool("list_memories", {}))["total"] == 3

    anyio.run(scenario)
    assert read_store(tmp_path / "memoryos.sqlite3", "SELECT COUNT(*) FROM pages")[0][0] == 3
