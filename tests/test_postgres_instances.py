"""Three server instances over streamable HTTP sharing one PostgreSQL database, and the database going away.

Clients write to every instance at once: no write is lost or doubled, every instance finds every page, each
page is learnt from and analysed once, and a delete on one instance is gone on all. The database stopped and
started mid-stream: calls fail with a clear tool error, every acknowledged write is stored, and the same
server processes work again once it is back.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from tests.postgres_server import LocalPostgres
from tests.support import blocking_client, tool_error
from tests.test_comprehensive import connect, http_server, payload, write_config

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

INSTANCES = 3
#: Pages each client adds (two clients per instance).
PAGES_PER_CLIENT = 4


def client(base: str):
    from mcp.client import Client

    return blocking_client(Client(connect("streamable-http", base), mode="legacy"))


def marker(n: int) -> str:
    return f"zq{n:03d}x"


def every_page(base: str) -> list[dict[str, Any]]:
    with client(base) as session:
        listed = payload(session.call("list_memories", {"limit": 100}))
    assert listed["total"] == listed["count"], listed
    return listed["pages"]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory, postgres_server: LocalPostgres) -> Iterator[dict[str, Any]]:
    folder = tmp_path_factory.mktemp("instances")
    config = write_config(folder, storage_url=postgres_server.database(), short_term_capacity=2,
                          mid_term_heat_threshold=2.0)
    with ExitStack() as stack:
        logs = [folder / f"instance{n}.log" for n in range(INSTANCES)]
        bases = [stack.enter_context(http_server(config, "streamable-http",
                                                 stack.enter_context(open(log, "w", encoding="utf-8"))))
                 for log in logs]
        jobs = [(bases[n % INSTANCES], list(range(n * PAGES_PER_CLIENT, (n + 1) * PAGES_PER_CLIENT)))
                for n in range(2 * INSTANCES)]
        with ThreadPoolExecutor(len(jobs)) as pool:  # two clients per instance, writing at once
            acknowledged = [page_id for ids in pool.map(lambda job: _write(*job), jobs) for page_id in ids]
        yield {"bases": bases, "logs": logs, "acknowledged": acknowledged}


def _write(base: str, numbers: list[int]) -> list[int]:
    ids = []
    with client(base) as session:
        for n in numbers:
            added = payload(session.call("add_memory", {"user_input": f"My locker code is {marker(n)} today.",
                                                        "agent_response": "Saved.",
                                                        "timestamp": f"2024-05-{1 + n % 28:02d}T10:{n % 60:02d}:00"}))
            ids.append(added["details"]["page_id"])
    return ids


def test_concurrent_writes_on_every_instance_are_each_stored_once_and_found_everywhere(
        cluster: dict[str, Any]) -> None:
    bases, acknowledged = cluster["bases"], cluster["acknowledged"]
    total = 2 * INSTANCES * PAGES_PER_CLIENT
    assert len(set(acknowledged)) == total
    for base in bases:  # nothing lost, nothing doubled, the same on every instance
        pages = every_page(base)
        assert sorted(p["page_id"] for p in pages) == sorted(acknowledged)
        assert sorted(p["user_input"] for p in pages) == sorted(f"My locker code is {marker(n)} today."
                                                               for n in range(total))
    for n, base in enumerate(bases):  # a page written on one instance is found by the others' search
        for number in (n, total - 1 - n):
            with client(base) as session:
                found = payload(session.call("retrieve_memory", {"query": f"locker code {marker(number)}"}))
            texts = [p["user_input"] for p in found["short_term_memory"] + found["retrieved_pages"]]
            assert any(marker(number) in text for text in texts), (base, number, texts)


def settled_facts(base: str) -> list[dict[str, Any]]:
    """The user facts once the instances' background workers have settled what the writes left: two reads a
    second apart agree (a fixed wait was too short on a loaded machine)."""
    deadline, previous = time.monotonic() + 60, None
    while True:
        with client(base) as session:
            facts = payload(session.call("list_knowledge", {"kind": "user", "limit": 100}))["facts"]
        if (facts == previous and facts) or time.monotonic() > deadline:
            return facts
        previous = facts
        time.sleep(1)


def test_each_page_is_learnt_and_analysed_once(cluster: dict[str, Any]) -> None:
    facts = settled_facts(cluster["bases"][0])
    lockers = [f for f in facts if "locker" in f["knowledge"]]
    assert lockers, facts
    for fact in lockers:  # each page learnt by one instance: a second reading counts a mention but no new source
        assert fact["mentions"] == len(fact["sources"]), fact
    analysed = [int(m) for log in cluster["logs"]
                for m in re.findall(r"promoted segment \d+: (\d+) pages analysed", log.read_text(encoding="utf-8"))]
    assert sum(analysed) <= 2 * INSTANCES * PAGES_PER_CLIENT  # no page analysed by two instances


def test_a_delete_on_one_instance_is_gone_on_all(cluster: dict[str, Any]) -> None:
    bases = cluster["bases"]
    victim = next(p for p in every_page(bases[0]) if marker(5) in p["user_input"])
    with client(bases[1]) as session:
        assert payload(session.call("delete_memory", {"page_ids": [victim["page_id"]]}))["deleted_page_ids"] == [
            victim["page_id"]]
    for base in bases:
        assert victim["page_id"] not in {p["page_id"] for p in every_page(base)}
        with client(base) as session:
            found = payload(session.call("retrieve_memory", {"query": f"locker code {marker(5)}"}))
        assert all(marker(5) not in p["user_input"] for p in found["short_term_memory"] + found["retrieved_pages"])


def test_the_database_stopped_mid_stream_fails_calls_clearly_and_recovers(
        tmp_path: Path, postgres_server: LocalPostgres) -> None:
    config = write_config(tmp_path, storage_url=postgres_server.database(), short_term_capacity=2)
    acknowledged: list[str] = []
    errors: list[str] = []
    back = threading.Event()
    with open(tmp_path / "server.log", "w", encoding="utf-8") as errlog, \
            http_server(config, "streamable-http", errlog) as base, client(base) as session:
        def stream() -> None:
            n, after = 0, 0
            while after < 3 and n < 500:
                text = f"Outage note {marker(n)}."
                result = session.call("add_memory", {"user_input": text, "agent_response": "Ok."})
                if result.is_error:
                    errors.append(tool_error(result))
                else:
                    acknowledged.append(text)
                    after += back.is_set()
                n += 1
                time.sleep(0.05)

        writer = threading.Thread(target=stream)
        writer.start()
        time.sleep(1.0)
        postgres_server.stop()
        try:
            time.sleep(2.0)
            down = session.call("retrieve_memory", {"query": "outage note"})
            assert "unreachable" in tool_error(down)
        finally:
            postgres_server.start()
            back.set()
        writer.join(timeout=120)
        assert not writer.is_alive()
        stored = {p["user_input"] for p in payload(session.call("list_memories", {"limit": 100}))["pages"]}
    assert errors and all("unreachable" in e and "nothing was stored" in e for e in errors), errors
    assert set(acknowledged) <= stored  # nothing acknowledged is missing
    assert len(acknowledged) >= 4  # before the stop and three after the restart, same process
