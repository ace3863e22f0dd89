"""Hardening round two: time zones, dates at the edge of the calendar, a full disk, an interrupted bulk import
and a COMMIT that fails. The tool surface is driven through real server processes over stdio.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp.client import Client
from mcp.client.stdio import StdioServerParameters, stdio_client

from memoryos_mcp.store.sqlite import Store
from tests.support import read_store
from tests.test_comprehensive import REPO, SERVER, payload, server_env, stdio_client_for, write_config

pytestmark = pytest.mark.slow  # real server processes

#: (timestamp as the caller sends it, the instant in UTC). New York leaves daylight saving time on
#: 2024-11-03 at 02:00 EDT: 01:30 EDT comes *before* 01:10 EST in real time.
INSTANTS = [
    ("2024-11-03T01:30:00-04:00", "2024-11-03 05:30:00"),
    ("2024-11-03T01:10:00-05:00", "2024-11-03 06:10:00"),
    ("2024-06-01T09:00:00+09:00", "2024-06-01 00:00:00"),
    ("2024-06-01T00:00:00Z", "2024-06-01 00:00:00"),
    ("2024-06-01 12:00:00", "2024-06-01 12:00:00"),  # no offset: kept as given
]


async def add_in_zone(folder: Path, zone: str) -> tuple[list[str], str]:
    """Timestamps stored by a server running with TZ=zone, and the stored "now" of an add without one."""
    config = write_config(folder, short_term_capacity=50)
    params = StdioServerParameters(command=sys.executable, args=[str(SERVER), "--config", str(config)],
                                   env={**server_env(), "TZ": zone}, cwd=str(folder))
    with open(folder / "server.log", "w", encoding="utf-8") as errlog:
        async with Client(stdio_client(params, errlog=errlog), mode="legacy") as client:
            stored = []
            for given, _ in INSTANTS:
                result = await client.call_tool("add_memory", {"user_input": f"at {given}", "agent_response": "ok",
                                                               "timestamp": given})
                stored.append(payload(result)["timestamp"])
            now = payload(await client.call_tool("add_memory", {"user_input": "now", "agent_response": "ok"}))
    return stored, now["timestamp"]


def test_one_time_rule_whatever_the_server_zone(tmp_path: Path) -> None:
    """The same instant is stored the same under TZ=UTC, Asia/Tokyo and America/New_York (it used to be
    converted to the server's local time), and stored times sort in real-time order across a DST change."""
    results: dict[str, tuple[list[str], str]] = {}

    async def run_all() -> None:
        async with anyio.create_task_group() as group:
            for zone in ("UTC", "Asia/Tokyo", "America/New_York"):
                (tmp_path / zone.replace("/", "_")).mkdir()

                async def one(zone: str = zone) -> None:
                    results[zone] = await add_in_zone(tmp_path / zone.replace("/", "_"), zone)

                group.start_soon(one)

    anyio.run(run_all)
    expected = [utc for _, utc in INSTANTS]
    for zone, (stored, now) in results.items():
        assert stored == expected, zone
        assert stored[0] < stored[1], "01:30 EDT happened before 01:10 EST"
        stored_now = datetime.fromisoformat(now).replace(tzinfo=timezone.utc)
        assert abs((datetime.now(timezone.utc) - stored_now).total_seconds()) < 3600, (zone, now)


def test_year_one_does_not_break_promotion(tmp_path: Path) -> None:
    """A page dated 0001-01-01 saying "yesterday" made the fact rules raise OverflowError on every promotion
    pass; the fact is now learnt with the phrase kept as said, and nothing is logged as a failure."""
    config = write_config(tmp_path, short_term_capacity=1, mid_term_heat_threshold=1.0)

    async def scenario() -> dict[str, Any]:
        with open(tmp_path / "server.log", "w", encoding="utf-8") as errlog:
            async with stdio_client_for(config, errlog) as client:
                for turn in range(4):
                    await client.call_tool("add_memory", {
                        "user_input": f"Yesterday I adopted a cat called Miso, turn {turn}.",
                        "agent_response": "Congratulations on adopting Miso!", "timestamp": "0001-01-01 08:00:00"})
                for _ in range(3):
                    await client.call_tool("retrieve_memory", {"query": "cat Miso adopted"})
                return payload(await client.call_tool("get_user_profile", {}))

    profile = anyio.run(scenario)
    log = (tmp_path / "server.log").read_text(encoding="utf-8")
    assert "OverflowError" not in log and "Traceback" not in log, log[-3000:]
    facts = " ".join(item["knowledge"] for item in profile["user_knowledge"])
    assert "Miso" in facts or "Miso" in profile["user_profile"], profile


def unshare_available() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not unshare_available(), reason="needs a private mount namespace (unshare -m, root)")
def test_full_disk_is_named_and_reads_go_on(tmp_path: Path) -> None:
    """The store on a real 1 MiB tmpfs (in the server's own mount namespace): add_memory answers that the
    disk is full (it used to say "internal error"), the server keeps serving, and earlier pages are found."""
    disk = tmp_path / "disk"
    disk.mkdir()
    config = write_config(tmp_path, data_storage_path=str(disk / "data"), short_term_capacity=100)
    script = f'mount -t tmpfs -o size=1m tmpfs "{disk}" && exec "$0" "$@"'
    params = StdioServerParameters(command="unshare", args=["-m", "sh", "-c", script, sys.executable, str(SERVER),
                                                            "--config", str(config)],
                                   env=server_env(), cwd=str(tmp_path))

    async def scenario() -> tuple[list[str], dict[str, Any]]:
        with open(tmp_path / "server.log", "w", encoding="utf-8") as errlog:
            async with Client(stdio_client(params, errlog=errlog), mode="legacy") as client:
                first = await client.call_tool("add_memory", {"user_input": "My locker code is 4711.",
                                                              "agent_response": "Noted."})
                assert not first.is_error, first.content[0].text
                errors = []
                for turn in range(40):
                    result = await client.call_tool("add_memory", {"user_input": f"filler {turn} " + "z" * 90_000,
                                                                   "agent_response": "ok"})
                    if result.is_error:
                        errors.append(json.loads(result.content[0].text)["message"])
                        break
                found = payload(await client.call_tool("retrieve_memory", {"query": "locker code"}))
                return errors, found

    errors, found = anyio.run(scenario)
    assert errors, "the 1 MiB disk never filled up"
    assert "disk" in errors[0] and "full" in errors[0] and "internal error" not in errors[0], errors[0]
    assert "4711" in json.dumps(found)


def test_bulk_import_is_all_or_nothing(tmp_path: Path) -> None:
    """kill -9 during add_memories: the store holds none of the import or all of it, never a part (it used
    to commit chunk by chunk, so a retry duplicated what a crash had already committed)."""
    database = tmp_path / "data" / "memoryos.sqlite3"
    script = f"""
import sys
sys.path.insert(0, {str(REPO)!r})
from pathlib import Path
from tests.support import open_memory
memory = open_memory(Path({str(tmp_path / "data")!r}))
memory.add_memory("before the import", "ok")
print("ready", flush=True)
memory.add_memories([{{"user_input": f"imported page {{n}} about topic {{n % 7}}", "agent_response": "ok",
                      "timestamp": "2024-01-01 10:00:00"}} for n in range(3000)])
print("done", flush=True)
"""
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=REPO) as process:
        assert process.stdout.readline().strip() == "ready"
        while process.poll() is None:
            if read_store(database, "SELECT COUNT(*) FROM pages")[0][0] > 1:  # the import shows: kill it there
                process.kill()
                break
            time.sleep(0.005)
    final = read_store(database, "SELECT COUNT(*) FROM pages")[0][0]
    assert final in (1, 3001), f"a killed import left {final - 1} of 3000 pages"


def test_failed_commit_leaves_no_transaction_open(tmp_path: Path) -> None:
    """A COMMIT refused by SQLite (here a deferred foreign key; a full disk does the same) used to leave the
    connection inside the transaction, so every later write failed with "cannot start a transaction"."""
    store = Store(tmp_path / "store.sqlite3")
    with store.transaction() as conn:
        conn.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
        conn.execute("CREATE TABLE child (parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)")
    with pytest.raises(sqlite3.IntegrityError), store.transaction() as conn:
        conn.execute("INSERT INTO child VALUES (5)")  # accepted now, refused at COMMIT
    assert not store.conn.in_transaction
    with store.transaction() as conn:
        conn.execute("INSERT INTO parent VALUES (1)")
    assert store.query("SELECT COUNT(*) FROM child")[0][0] == 0
    assert store.query("SELECT COUNT(*) FROM parent")[0][0] == 1
    store.close()
