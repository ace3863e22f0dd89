"""Crash safety: kill -9 the server in the middle of a stream of add_memory calls, restart it, and count.

Every call that returned success must be in the store (SQLite in WAL mode with synchronous=NORMAL is
durable across process crashes); the store must open cleanly and its indexes must agree with the tables.
The start-up check that rebuilds a full-text index that disagrees with the pages table is tested here too.
"""

from __future__ import annotations

import logging
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any, TextIO

import anyio
import pytest
from mcp.client import Client

from tests.support import index_counts, open_memory, read_store, stored_user_inputs
from tests.test_comprehensive import (
    SERVER,
    connect,
    free_port,
    payload,
    read_json_resource,
    server_env,
    stdio_client_for,
    wait_for_port,
    write_config,
)

pytestmark = pytest.mark.slow  # real server processes

#: Streams of sequential add_memory calls running side by side, and acknowledgements before the kill.
STREAMS = 3
KILL_AFTER = 45


def spawn_http_server(config: Path, errlog: TextIO) -> tuple[subprocess.Popen[bytes], str]:
    """Like test_comprehensive.http_server, but hands over the process so the test can kill it."""
    port = free_port()
    process = subprocess.Popen([sys.executable, str(SERVER), "--config", str(config), "--transport",
                                "streamable-http", "--port", str(port)], stdin=subprocess.DEVNULL, stdout=errlog,
                               stderr=errlog, env=server_env(), cwd=str(config.parent))
    wait_for_port(port, process)
    return process, f"http://127.0.0.1:{port}"


async def add_until_the_server_dies(base: str, stream: int, acked: list[str], sent: list[str]) -> None:
    """Sequential adds, each with a unique token; only tokens whose call returned success count as acked."""
    try:
        async with Client(connect("streamable-http", base), mode="legacy") as client:
            for number in range(10_000):
                token = f"crash{stream}n{number}tok"
                sent.append(token)
                result = await client.call_tool("add_memory", {
                    "user_input": f"Remember {token}: the stream goes on", "agent_response": "Stored."})
                assert not result.is_error, result.content[0].text
                acked.append(token)
    except AssertionError:
        raise
    except Exception:  # the connection died with the server: the end of the stream
        return


async def kill_mid_stream(process: subprocess.Popen[bytes], acked: list[str]) -> None:
    while len(acked) < KILL_AFTER:
        await anyio.sleep(0.01)
    process.kill()  # SIGKILL: no shutdown, no flush, no engine close


async def crash_and_count(folder: Path) -> dict[str, Any]:
    config = write_config(folder)
    acked: list[str] = []
    sent: list[str] = []
    with open(folder / "server.log", "w", encoding="utf-8") as errlog:
        process, base = spawn_http_server(config, errlog)
        try:
            with anyio.fail_after(300):  # a hang guard, not a speed requirement
                async with anyio.create_task_group() as group:
                    for stream in range(STREAMS):
                        group.start_soon(add_until_the_server_dies, base, stream, acked, sent)
                    group.start_soon(kill_mid_stream, process, acked)
        finally:
            process.kill()
            process.wait(timeout=60)
        assert process.returncode == -9
        async with stdio_client_for(config, errlog) as client:
            status = await read_json_resource(client, "memoryos://status")
            probes = [payload(await client.call_tool("retrieve_memory", {"query": token, "max_results": 3}))
                      for token in (acked[0], acked[-1])]
    return {"acked": acked, "sent": sent, "status": status, "probes": probes}


def test_kill_9_loses_no_acknowledged_memory(tmp_path: Path) -> None:
    outcome = anyio.run(crash_and_count, tmp_path)
    acked, sent = set(outcome["acked"]), set(outcome["sent"])
    database = tmp_path / "data" / "memoryos.sqlite3"
    present = {text.split()[1].rstrip(":") for text in stored_user_inputs(database)}
    assert len(acked) >= KILL_AFTER
    assert acked <= present, f"acknowledged but lost: {sorted(acked - present)}"
    assert present <= sent and len(present - acked) <= STREAMS, "only calls in flight at the kill may be extra"
    assert read_store(database, "PRAGMA integrity_check") == [("ok",)]
    counts = index_counts(database)
    assert counts["full_text"] == counts["searchable"] == len(present) and counts["missing"] == 0, counts
    status = outcome["status"]
    assert status["short_term_pages"] + status["mid_term_pages"] == len(present) == status["indexed_pages"], status
    for token, probe in zip((outcome["acked"][0], outcome["acked"][-1]), outcome["probes"], strict=True):
        pages = probe["retrieved_pages"] + probe["short_term_memory"]
        assert any(token in page["user_input"] for page in pages), token


WORDS = ["aardvark", "bagpipe", "cobalt", "dulcimer", "eiderdown", "fjord"]


def test_full_text_index_is_rebuilt_when_it_disagrees(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    memory = open_memory(tmp_path, short_term_capacity=1)
    ids = [memory.add_memory(f"My note about the {word}", "ok").details["page_id"] for word in WORDS]
    memory.close()
    database = tmp_path / "memoryos.sqlite3"
    conn = sqlite3.connect(database)
    with conn:
        conn.execute("DELETE FROM pages_fts WHERE rowid IN (?, ?)", (ids[0], ids[1]))
        conn.execute("INSERT INTO pages_fts (rowid, body) VALUES (?, 'ghost page about a cobalt fjord')", (999,))
    conn.close()
    assert index_counts(database)["missing"] == 2
    with caplog.at_level(logging.WARNING, logger="memoryos_mcp.store.fulltext"):
        memory = open_memory(tmp_path, short_term_capacity=1)
    assert "2 missing, 1 extra" in caplog.text
    counts = index_counts(database)
    assert counts["full_text"] == counts["searchable"] == len(WORDS) and counts["missing"] == 0, counts
    assert read_store(database, "SELECT COUNT(*) FROM pages_fts WHERE rowid = 999") == [(0,)]
    assert memory.rank_pages("aardvark", 3, mode="lexical") == [ids[0]]
    assert memory.rank_pages("bagpipe", 3, mode="lexical") == [ids[1]]
    with memory.store.transaction() as conn:
        conn.execute("INSERT INTO pages_fts (pages_fts) VALUES ('integrity-check')")  # raises if corrupt
    memory.close()
    caplog.clear()
    open_memory(tmp_path, short_term_capacity=1).close()
    assert "disagrees" not in caplog.text, "a consistent index is left alone"
