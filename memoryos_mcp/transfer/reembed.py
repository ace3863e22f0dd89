"""Re-embed an existing store with another model, in place, so a change of model is not a dead end.

New vectors are first written to a scratch table, one committed batch at a time: an interrupted
run (Ctrl-C, kill -9, power loss) leaves the store exactly as it was, still usable with the old
model, and the next run only embeds what the scratch table lacks. The last step swaps every
vector and records the new model in one transaction, so the store never holds vectors of two models.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..config import MemoryConfig
from ..errors import ConfigError
from ..language.embeddings import Embedder
from ..language.local_models import make_embedder
from ..store.pages import embedding_text
from ..store.sqlite import Store, from_blob, to_blob

#: Texts per embedding call and per committed batch of the scratch table.
BATCH = 256
SCRATCH = "reembed_vectors"
#: Meta key naming the model the scratch table's vectors belong to.
TARGET_KEY = "reembed_target"
_EPOCH_KEY = "index_epoch"
#: What carries a vector and the text it is made of. Segment vectors are the unit mean of their pages'.
SOURCES = {
    "page": "SELECT id, user_input, agent_response FROM pages",
    "knowledge": "SELECT id, knowledge FROM knowledge",
}
_TABLES = {"page": "pages", "knowledge": "knowledge"}
_LABELS = {"page": "pages", "knowledge": "facts"}


@dataclass
class ReembedResult:
    old_model: str | None
    new_model: str
    embedded: int  # texts embedded by this run
    reused: int  # vectors a previous, interrupted run had already made
    segments: int


def _text(kind: str, row: sqlite3.Row) -> str:
    return embedding_text(row["user_input"], row["agent_response"]) if kind == "page" else row["knowledge"]


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def _todo(conn: sqlite3.Connection, kind: str) -> tuple[list[tuple[int, str, str]], int]:
    """(id, text, digest) of the rows without an up-to-date scratch vector, and how many have one."""
    done = {row[0]: row[1] for row in conn.execute(f"SELECT id, digest FROM {SCRATCH} WHERE kind = ?", (kind,))}
    todo = []
    reused = 0
    for row in conn.execute(SOURCES[kind]):
        text = _text(kind, row)
        digest = _digest(text)
        if done.get(row["id"]) == digest:
            reused += 1
        else:
            todo.append((row["id"], text, digest))
    return todo, reused


def _save(conn: sqlite3.Connection, kind: str, batch: list[tuple[int, str, str]], vectors: np.ndarray) -> None:
    conn.executemany(
        f"INSERT OR REPLACE INTO {SCRATCH} (kind, id, digest, embedding) VALUES (?, ?, ?, ?)",
        [(kind, row_id, digest, to_blob(vector)) for (row_id, _, digest), vector in zip(batch, vectors, strict=True)],
    )


def _start(store: Store, name: str) -> None:
    """Create the scratch table; vectors left by a run towards another model are thrown away."""
    with store.transaction() as conn:
        conn.execute(f"CREATE TABLE IF NOT EXISTS {SCRATCH} (kind TEXT NOT NULL, id INTEGER NOT NULL, "
                     "digest TEXT NOT NULL, embedding BLOB NOT NULL, PRIMARY KEY (kind, id))")
        if store.get_meta(TARGET_KEY) != name:
            conn.execute(f"DELETE FROM {SCRATCH}")
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (TARGET_KEY, name))


def _drop_scratch(store: Store) -> None:
    with store.transaction() as conn:
        conn.execute(f"DROP TABLE IF EXISTS {SCRATCH}")
        conn.execute("DELETE FROM meta WHERE key = ?", (TARGET_KEY,))


def _segment_vectors(conn: sqlite3.Connection, embedder: Embedder) -> list[tuple[bytes, int]]:
    """Each segment's new vector: the unit mean of its pages' new vectors (its summary's, if it has none)."""
    members: dict[int, list[np.ndarray]] = {}
    for row in conn.execute(f"SELECT p.segment_id, s.embedding FROM pages p JOIN {SCRATCH} s "
                            "ON s.kind = 'page' AND s.id = p.id WHERE p.segment_id IS NOT NULL"):
        members.setdefault(row[0], []).append(from_blob(row[1]))
    updates = []
    for row in conn.execute("SELECT id, summary FROM segments").fetchall():
        vectors = members.get(row["id"])
        if vectors:
            total = np.sum(vectors, axis=0)
            vector = total / (np.linalg.norm(total) or 1.0)
        else:
            vector = embedder.embed_batch([row["summary"]])[0]
        updates.append((to_blob(vector), row["id"]))
    return updates


def _swap(store: Store, embedder: Embedder) -> int:
    """One transaction: embed what was added since, move every vector in, record the model."""
    with store.transaction() as conn:
        for kind in SOURCES:
            todo, _ = _todo(conn, kind)
            for start in range(0, len(todo), BATCH):
                batch = todo[start : start + BATCH]
                _save(conn, kind, batch, embedder.embed_batch([text for _, text, _ in batch]))
            table = _TABLES[kind]
            conn.execute(f"UPDATE {table} SET embedding = (SELECT embedding FROM {SCRATCH} s "
                         f"WHERE s.kind = ? AND s.id = {table}.id)", (kind,))
        segments = _segment_vectors(conn, embedder)
        conn.executemany("UPDATE segments SET embedding = ? WHERE id = ?", segments)
        for key, value in (("embedding_model", embedder.name), ("embedding_dimension", str(embedder.dimension))):
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
        # Other processes sharing the file reload their vector indexes when the epoch changes.
        conn.execute("INSERT INTO meta (key, value) VALUES (?, '1') "
                     "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1", (_EPOCH_KEY,))
        _drop_scratch(store)  # joins this transaction: the swap and the clean-up commit together
    return len(segments)


def reembed(config: MemoryConfig, progress: Callable[[str], None], embedder: Embedder | None = None) -> ReembedResult:
    """Re-embed the store of `config` with the model `config` names; resumes an interrupted run."""
    path = config.database_path
    if not path.is_file():
        raise ConfigError(f"data_storage_path: no store at {path}: there is nothing to re-embed")
    embedder = embedder or make_embedder(config)
    store = Store(path)
    try:
        old = store.get_meta("embedding_model")
        if old == embedder.name and store.get_meta("embedding_dimension") == str(embedder.dimension):
            _drop_scratch(store)  # left by an interrupted run towards a model no longer wanted
            progress(f"the store already uses {embedder.name}: nothing to do")
            return ReembedResult(old, embedder.name, 0, 0, 0)
        progress(f"re-embedding {path} from {old} to {embedder.name}")
        _start(store, embedder.name)
        embedded = reused = 0
        for kind in SOURCES:
            with store.lock:
                todo, done = _todo(store.conn, kind)
            reused += done
            total = len(todo) + done
            if done:
                progress(f"{_LABELS[kind]}: {done} of {total} already re-embedded by an earlier run")
            for start in range(0, len(todo), BATCH):
                batch = todo[start : start + BATCH]
                vectors = embedder.embed_batch([text for _, text, _ in batch])
                with store.transaction() as conn:
                    _save(conn, kind, batch, vectors)
                embedded += len(batch)
                progress(f"{_LABELS[kind]}: {done + start + len(batch)}/{total}")
        segments = _swap(store, embedder)
        progress(f"done: {embedder.name} ({embedder.dimension}-d) is now the store's model; "
                 f"{segments} segment vectors rebuilt")
        return ReembedResult(old, embedder.name, embedded, reused, segments)
    finally:
        store.close()
