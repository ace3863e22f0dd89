"""Secure delete while another process reads the store: the delete does not wait for it, says the text
is not wiped yet, and the wipe completes once the reader finishes, or at the next start after a crash
(issue 18, item 4). The reader is a separate process holding a read transaction, like a `sqlite3` shell."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import anyio

from tests.support import REPO, open_memory
from tests.test_data_control import data, session

SECRET = "My locker code is zq91xk and my alarm code is 7731."
READER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN")
conn.execute("SELECT COUNT(*), group_concat(user_input) FROM pages").fetchone()
print("reading", flush=True)
sys.stdin.readline()
conn.execute("COMMIT")
print("done", flush=True)
sys.stdin.readline()
"""


@contextmanager
def reader(database: Path) -> Iterator[Any]:
    """A process with a read transaction open on the store until `finish(process)` is called."""
    process = subprocess.Popen([sys.executable, "-c", READER, str(database)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline().strip() == "reading"
        yield process
    finally:
        process.stdin.close()
        process.wait(timeout=60)
        process.stdout.close()


def finish(process: Any) -> None:
    """The reader ends its transaction but keeps its connection open (a last connection closing would
    checkpoint the file itself)."""
    process.stdin.write("\n")
    process.stdin.flush()
    assert process.stdout.readline().strip() == "done"


def secret_on_disk(folder: Path) -> bool:
    """Whether the store's files hold the secret, read by another process: closing a file this process
    opened would drop the SQLite locks of an engine open here (POSIX locks are per process)."""
    script = ("import sys, pathlib; print(any(b'zq91xk' in p.read_bytes() for p in "
              "pathlib.Path(sys.argv[1]).glob('memoryos.sqlite3*')))")
    return subprocess.run([sys.executable, "-c", script, str(folder)], capture_output=True, text=True,
                          check=True).stdout.strip() == "True"


def wait_for_wipe(folder: Path) -> None:
    for _ in range(300):  # a guard against a wipe that never comes, not a speed requirement
        if not secret_on_disk(folder):
            return
        time.sleep(0.1)
    raise AssertionError("the deleted text is still in the database files")


def test_a_reader_does_not_hold_the_delete_and_the_wipe_follows_it(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with session(tmp_path) as client:
            ids = data(await client.call_tool("add_memories", {"pages": [
                {"user_input": SECRET, "agent_response": "Noted."},
                *({"user_input": f"Filler {n}: I like tea.", "agent_response": "Ok."} for n in range(5))]}))["page_ids"]
            with reader(tmp_path / "memoryos.sqlite3") as process:
                deleted = data(await client.call_tool("delete_memory", {"page_ids": [ids[0]]}))
                assert deleted["deleted_page_ids"] == [ids[0]] and deleted["erased_from_disk"] is False
                found = data(await client.call_tool("retrieve_memory", {"query": "tea"}))
                assert found["retrieved_pages"] or found["short_term_memory"]  # the store stays usable
                finish(process)
                await anyio.to_thread.run_sync(wait_for_wipe, tmp_path)
            again = data(await client.call_tool("delete_memory", {"page_ids": [ids[1]]}))
            assert again["erased_from_disk"] is True  # no reader: wiped before the answer

    anyio.run(scenario)


CRASHING_SERVER = """
import os, signal, sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from tests.support import open_memory
memory = open_memory(Path(sys.argv[1]))
print(memory.add_memory(sys.argv[3], "Noted.").details["page_id"], flush=True)
sys.stdin.readline()  # the test's reader has its transaction open now
print(memory.delete_memory([1]).erased_from_disk, flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # before the background wipe can run
"""


def test_after_a_crash_the_next_start_completes_the_wipe(tmp_path: Path) -> None:
    server = subprocess.Popen([sys.executable, "-c", CRASHING_SERVER, str(tmp_path), str(REPO), SECRET],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout.readline().strip() == "1"
        with reader(tmp_path / "memoryos.sqlite3") as process:
            server.stdin.write("\n")
            server.stdin.flush()
            assert server.stdout.readline().strip() == "False"  # not wiped yet: the reader pins it
            assert server.wait(timeout=60) == -9
            finish(process)
            assert secret_on_disk(tmp_path)  # the crash left the text in the files
            with open_memory(tmp_path) as memory:  # the next start completes the wipe
                wait_for_wipe(tmp_path)
                assert memory.list_memories().total == 0
    finally:
        server.stdin.close()
        server.stdout.close()
