"""forget_all's confirmation question: a malformed answer deletes nothing, a silent client holds nothing up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anyio
import mcp_types as types
import pytest

from memoryos_mcp.server import manage_tools
from tests.support import read_store, tool_error
from tests.test_data_control import data, history, session


def answering(content: Any) -> Any:
    async def callback(context: Any, params: types.ElicitRequestParams) -> types.ElicitResult:
        return types.ElicitResult(action="accept", content=content)

    return callback


async def never_answers(context: Any, params: types.ElicitRequestParams) -> types.ElicitResult:
    await anyio.sleep_forever()
    raise AssertionError("unreachable")


def test_malformed_answers_are_refused_and_delete_nothing(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with session(tmp_path) as client:
            data(await client.call_tool("add_memories", {"pages": history(5)}))
        for content in ({"erase_everything": "maybe"}, {"erase_everything": "yes"}, {"erase_everything": 1},
                        {}, None):
            async with session(tmp_path, elicitation_callback=answering(content)) as client:
                message = tool_error(await client.call_tool("forget_all", {"confirm": "DELETE ALL"}))
                assert "nothing was deleted" in message and "erase_everything" in message, (content, message)

    anyio.run(scenario)
    assert read_store(tmp_path / "memoryos.sqlite3", "SELECT COUNT(*) FROM pages")[0][0] == 5


def test_a_client_that_never_answers_falls_back_to_the_phrase(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(manage_tools, "CONFIRM_TIMEOUT_SECONDS", 0.5)

    async def scenario() -> None:
        async with session(tmp_path, elicitation_callback=never_answers) as client:
            data(await client.call_tool("add_memories", {"pages": history(5)}))
            assert "confirm" in tool_error(await client.call_tool("forget_all", {"confirm": "yes"}))
            with anyio.fail_after(60):  # the session's next calls are not held behind the question
                result = data(await client.call_tool("forget_all", {"confirm": "DELETE ALL"}))
                assert result["deleted_pages"] == 5
                assert data(await client.call_tool("list_memories", {}))["total"] == 0

    anyio.run(scenario)
