"""Test helpers: a deterministic embedder for fast unit tests of the tiers' arithmetic, a blocking MCP client
for driving a real server process from synchronous tests, and direct reads of a store for counting.

End-to-end tests use the real local model; the hash embedder only makes texts that share words similar.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractAsyncContextManager, contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from anyio.from_thread import BlockingPortal, start_blocking_portal
from mcp.client import Client
from mcp_types import CallToolResult

from memoryos_mcp import Memoryos
from memoryos_mcp.config import MemoryConfig
from memoryos_mcp.language.text import content_words
from memoryos_mcp.records import Page

REPO = Path(__file__).resolve().parents[1]
LOCOMO_DEV = REPO.parent / "shared" / "data" / "locomo" / "locomo_dev.json"


class HashEmbedder:
    """Bag of hashed content words, L2-normalised."""

    name = "test:hash-bow"
    dimension = 64

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        matrix = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in content_words(text):
                bucket = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "little")
                matrix[row, bucket % self.dimension] += 1.0
            norm = np.linalg.norm(matrix[row])
            if norm:
                matrix[row] /= norm
        return matrix


def sqlite_store(path: Path) -> str | None:
    """No storage_url: the SQLite file in the data path (the `backend` fixture swaps in a database per path)."""
    return None


#: The storage_url of the store at a data path; the `backend` fixture runs a test on PostgreSQL too.
STORAGE: Callable[[Path], str | None] = sqlite_store


def storage_settings(path: Path) -> dict[str, str]:
    """The config entries for a server process whose store is the one of `path` on the test's backend."""
    url = STORAGE(path)
    return {"storage_url": url} if url else {}


#: Every engine open_memory opened, so the `engines_closed` fixture (conftest.py) closes those a test left open.
OPENED: list[Memoryos] = []


def open_memory(path: Path, embedder=None, llm=None, **settings) -> Memoryos:
    """A Memoryos on `path` (its store on the `backend` fixture's backend) with the hash embedder unless another
    is given."""
    config = MemoryConfig.model_validate({"data_storage_path": path, "storage_url": STORAGE(path), **settings})
    memory = Memoryos.from_config(config, embedder=embedder or HashEmbedder(), llm=llm)
    OPENED.append(memory)
    return memory


# -- driving a real server from synchronous test code --------------------------------------------------


class BlockingClient:
    """An MCP SDK client session living in a portal's event-loop thread, called from plain test code.

    One session can then serve a whole module (module-scoped fixtures, hypothesis, worker threads).
    """

    def __init__(self, portal: BlockingPortal, client: Client) -> None:
        self.portal = portal
        self.client = client

    def call(self, tool: str, arguments: dict[str, Any], timeout: float = 120.0) -> CallToolResult:
        """One tools/call; a protocol error or a lost server raises, a tool error is returned."""
        return self.portal.call(partial(self.client.call_tool, tool, arguments, read_timeout_seconds=timeout))

    def resource(self, uri: str) -> dict[str, Any]:
        """A JSON resource such as memoryos://status, never from the client's cache."""
        result = self.portal.call(partial(self.client.read_resource, uri, cache_mode="bypass"))
        return json.loads(result.contents[0].text)


@contextmanager
def blocking_client(session: AbstractAsyncContextManager[Client]) -> Iterator[BlockingClient]:
    """Enter an async client context (e.g. `stdio_client_for(...)`) in a portal; yields a BlockingClient."""
    with start_blocking_portal() as portal, portal.wrap_async_context_manager(session) as client:
        yield BlockingClient(portal, client)


def tool_error(result: CallToolResult) -> str:
    """The one-line message of a tool error, after checking its `{"status": "error"}` payload."""
    assert result.is_error, f"expected a tool error, got {result.structured_content}"
    error = json.loads(result.content[0].text)
    assert error["status"] == "error" and error["message"].strip(), error
    assert "\n" not in error["message"] and "internal error" not in error["message"], error["message"]
    return error["message"]


# -- reading a store directly (fine for counting; the server may be running) ---------------------------


def all_pages(memory: Memoryos) -> list[Page]:
    """Every page of the memory, oldest first, read through its page repository."""
    return memory.pages.get(sorted(i for tier in ("short", "mid", "archived") for i in memory.pages.ids(tier)))


def read_store(database: Path, sql: str, params: tuple = ()) -> list[tuple[Any, ...]]:
    """Rows of a query on a read-only connection to the SQLite file."""
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def query_store(path: Path, sql: str, params: tuple = (), file: str = "memoryos.sqlite3") -> list[tuple[Any, ...]]:
    """Rows of a query (`?` placeholders) on the store of `path` on the test's backend: the SQLite file (`file`
    in `path`) read-only, or the test's PostgreSQL database for `path`."""
    url = STORAGE(path)
    if url is None:
        return read_store(path / file, sql, params)
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute(sql.replace("?", "%s"), params).fetchall()  # type: ignore[arg-type]  # test SQL


def stored_user_inputs(database: Path) -> list[str]:
    return [row[0] for row in read_store(database, "SELECT user_input FROM pages ORDER BY id")]


def index_counts(database: Path) -> dict[str, int]:
    """Searchable pages vs full-text rows vs rows missing from the full-text index; must agree."""
    return {
        "searchable": read_store(database, "SELECT COUNT(*) FROM pages WHERE tier != 'archived'")[0][0],
        "full_text": read_store(database, "SELECT COUNT(*) FROM pages_fts")[0][0],
        "missing": read_store(database, "SELECT COUNT(*) FROM pages WHERE tier != 'archived' "
                                        "AND id NOT IN (SELECT rowid FROM pages_fts)")[0][0],
    }
