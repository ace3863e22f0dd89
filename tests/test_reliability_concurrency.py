"""Concurrency: several clients over streamable HTTP adding and retrieving at once against one server, and
two server processes on the same data path adding at once. No write is lost, no "database is locked" (or
any other error) reaches a client, each process finds the other's pages, and the indexes agree with the
tables (full-text rows and vector-index size == searchable pages).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp.client import Client

from tests.support import index_counts, stored_user_inputs
from tests.test_comprehensive import connect, http_server, payload, read_json_resource, write_config

pytestmark = pytest.mark.slow  # real server processes

CLIENTS = 4
CALLS = 25  # per client, alternating add_memory and retrieve_memory


async def client_session(base: str, name: str, calls: int, acked: list[str], errors: list[str]) -> None:
    """Adds unique tokens and, in between, retrieves its own previous token (which must be found)."""
    async with Client(connect("streamable-http", base), mode="legacy") as client:
        previous = None
        for number in range(calls):
            if number % 2 and previous:
                result = await client.call_tool("retrieve_memory", {"query": previous, "max_results": 5})
                if not result.is_error:
                    data = payload(result)
                    pages = data["retrieved_pages"] + data["short_term_memory"]
                    if not any(previous in page["user_input"] for page in pages):
                        errors.append(f"{name}: own page {previous} not found")
            else:
                previous = f"{name}w{number}tok"
                result = await client.call_tool("add_memory", {
                    "user_input": f"Concurrent note {previous} about gardening", "agent_response": "Noted."})
                if not result.is_error:
                    acked.append(previous)
            if result.is_error:
                errors.append(f"{name}: {result.content[0].text}")


async def run_clients(bases: list[str], clients: int, calls: int) -> tuple[list[str], list[str]]:
    acked: list[str] = []
    errors: list[str] = []
    with anyio.fail_after(300):  # a hang guard, not a speed requirement
        async with anyio.create_task_group() as group:
            for number in range(clients):
                group.start_soon(client_session, bases[number % len(bases)], f"c{number}", calls, acked, errors)
    return acked, errors


async def statuses(bases: list[str]) -> list[dict[str, Any]]:
    found = []
    for base in bases:
        async with Client(connect("streamable-http", base), mode="legacy") as client:
            found.append(await read_json_resource(client, "memoryos://status"))
    return found


async def retrieve(base: str, query: str) -> dict[str, Any]:
    async with Client(connect("streamable-http", base), mode="legacy") as client:
        return payload(await client.call_tool("retrieve_memory", {"query": query, "max_results": 3}))


def check_store(database: Path, acked: list[str], status: dict[str, Any]) -> None:
    present = [text.split()[2] for text in stored_user_inputs(database)]
    assert sorted(present) == sorted(acked), "every acknowledged add is stored, once"
    counts = index_counts(database)
    assert counts["full_text"] == counts["searchable"] and counts["missing"] == 0, counts
    assert status["indexed_pages"] == status["short_term_pages"] + status["mid_term_pages"] == counts["searchable"]


def test_clients_adding_and_retrieving_at_once(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    log = tmp_path / "server.log"
    with open(log, "w", encoding="utf-8") as errlog, http_server(config, "streamable-http", errlog) as base:
        acked, errors = anyio.run(run_clients, [base], CLIENTS, CALLS)
        [status] = anyio.run(statuses, [base])
    assert errors == []
    assert len(acked) == CLIENTS * ((CALLS + 1) // 2)
    check_store(tmp_path / "data" / "memoryos.sqlite3", acked, status)
    assert "locked" not in log.read_text(encoding="utf-8")


def test_two_processes_on_one_data_path(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    log = tmp_path / "server.log"
    with open(log, "w", encoding="utf-8") as errlog, http_server(config, "streamable-http", errlog) as first, \
            http_server(config, "streamable-http", errlog) as second:
        acked, errors = anyio.run(run_clients, [first, second], CLIENTS, CALLS)
        mine = [token for token in acked if token.startswith("c0")]  # written through the first process
        theirs = [token for token in acked if token.startswith("c1")]  # through the second
        crossed = [anyio.run(retrieve, second, mine[0]), anyio.run(retrieve, first, theirs[0])]
        found_first, found_second = anyio.run(statuses, [first, second])
    assert errors == []
    for token, data in zip((mine[0], theirs[0]), crossed, strict=True):
        assert any(token in page["user_input"] for page in data["retrieved_pages"] + data["short_term_memory"]), token
    database = tmp_path / "data" / "memoryos.sqlite3"
    check_store(database, acked, found_first)
    check_store(database, acked, found_second)
    assert "locked" not in log.read_text(encoding="utf-8")
