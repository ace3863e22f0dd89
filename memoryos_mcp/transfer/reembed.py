"""Re-embed an existing store with another model, in place, so a change of model is not a dead end.

New vectors are first written to a scratch table, one committed batch at a time: an interrupted
run (Ctrl-C, kill -9, power loss) leaves the store exactly as it was, still usable with the old
model, and the next run only embeds what the scratch table lacks. The last step swaps every
vector and records the new model in one transaction, so the store never holds vectors of two models.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..config import MemoryConfig
from ..language.embeddings import Embedder
from ..language.local_models import make_embedder
from ..search.segment_index import segment_direction
from ..store.backend import open_for_reembed
from ..store.protocol import INDEX_EPOCH_KEY, VECTOR_KINDS, Backend, VectorScratch

#: Texts per embedding call and per committed batch of the scratch table.
BATCH = 256
_LABELS = {"page": "pages", "knowledge": "facts"}


@dataclass
class ReembedResult:
    old_model: str | None
    new_model: str
    embedded: int  # texts embedded by this run
    reused: int  # vectors a previous, interrupted run had already made
    segments: int


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def _todo(scratch: VectorScratch, kind: str) -> tuple[list[tuple[int, str, str]], int]:
    """(id, text, digest) of the rows without an up-to-date staged vector, and how many have one."""
    done = scratch.staged(kind)
    todo = []
    reused = 0
    for row_id, text in scratch.texts(kind):
        digest = _digest(text)
        if done.get(row_id) == digest:
            reused += 1
        else:
            todo.append((row_id, text, digest))
    return todo, reused


def _stage(scratch: VectorScratch, kind: str, batch: list[tuple[int, str, str]], embedder: Embedder) -> None:
    vectors = embedder.embed_batch([text for _, text, _ in batch])
    scratch.stage(kind, [(row_id, digest) for row_id, _, digest in batch], vectors)


def _segment_vectors(scratch: VectorScratch, embedder: Embedder) -> list[tuple[int, np.ndarray]]:
    """Each segment's new vector: the unit mean of its pages' new vectors (its summary's, if it has none)."""
    members, segments = scratch.segment_members()
    updates = []
    for segment_id, summary in segments:
        vectors = members.get(segment_id)
        if vectors:
            vector = segment_direction(vectors)
        else:
            vector = embedder.embed_batch([summary])[0]
        updates.append((segment_id, vector))
    return updates


def _swap(store: Backend, scratch: VectorScratch, embedder: Embedder) -> int:
    """One transaction: embed what was added since, move every vector in, record the model."""
    with store.transaction():
        scratch.lock_out()
        for kind in VECTOR_KINDS:
            todo, _ = _todo(scratch, kind)
            for start in range(0, len(todo), BATCH):
                _stage(scratch, kind, todo[start : start + BATCH], embedder)
        scratch.swap_in()
        segments = _segment_vectors(scratch, embedder)
        scratch.set_segment_vectors(segments)
        store.set_meta("embedding_model", embedder.name)
        store.set_meta("embedding_dimension", str(embedder.dimension))
        store.bump_meta_counter(INDEX_EPOCH_KEY)  # other processes sharing the file reload their vector indexes
        scratch.drop()  # joins this transaction: the swap and the clean-up commit together
    return len(segments)


def reembed(config: MemoryConfig, progress: Callable[[str], None], embedder: Embedder | None = None) -> ReembedResult:
    """Re-embed the store of `config` with the model `config` names; resumes an interrupted run."""
    store, scratch = open_for_reembed(config)
    try:
        scratch.alone()
        embedder = embedder or make_embedder(config)
        old = store.get_meta("embedding_model")
        if old == embedder.name and store.get_meta("embedding_dimension") == str(embedder.dimension) \
                and not scratch.odd_widths(embedder.dimension):
            scratch.drop()  # left by an interrupted run towards a model no longer wanted
            scratch.reindex(embedder.dimension)  # in case a run stopped between its swap and its index
            progress(f"the store already uses {embedder.name}: nothing to do")
            return ReembedResult(old, embedder.name, 0, 0, 0)
        progress(f"re-embedding {store.location} from {old} to {embedder.name}")
        scratch.start(embedder.name)
        embedded = reused = 0
        for kind in VECTOR_KINDS:
            todo, done = _todo(scratch, kind)
            reused += done
            total = len(todo) + done
            if done:
                progress(f"{_LABELS[kind]}: {done} of {total} already re-embedded by an earlier run")
            for start in range(0, len(todo), BATCH):
                batch = todo[start : start + BATCH]
                _stage(scratch, kind, batch, embedder)
                embedded += len(batch)
                progress(f"{_LABELS[kind]}: {done + start + len(batch)}/{total}")
        segments = _swap(store, scratch, embedder)
        scratch.reindex(embedder.dimension)
        progress(f"done: {embedder.name} ({embedder.dimension}-d) is now the store's model; "
                 f"{segments} segment vectors rebuilt")
        return ReembedResult(old, embedder.name, embedded, reused, segments)
    finally:
        store.close()
