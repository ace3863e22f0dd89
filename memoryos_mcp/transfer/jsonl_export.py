"""The export format: versioned JSON Lines, one record per line, written as it is read (streams).

Line 1 is the header; then `segment`, `chain`, `page`, `fact`, `value` (the user model) and `profile`
records. Ids in the file are the exporting store's: they only tie records together (a page's segment,
chain and neighbours, a fact's or a value's source pages); an import assigns new ones. Vectors travel
as base64 float32 so an import into a store with the same embedding model needs no re-embedding; any
other store re-embeds the text.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time
from collections.abc import Callable, Iterator
from typing import IO, Any

import numpy as np

from .. import __version__
from ..filters import Scope
from ..store.protocol import Backend, Knowledge, Pages, Repositories, UserModel

FORMAT = "memoryos-mcp-export"
FORMAT_VERSION = 1
#: Rows read per query while exporting, so memory stays flat however large the store.
EXPORT_BATCH = 1000

Progress = Callable[[str, int], None]


def content_key(user_input: str, agent_response: str, timestamp: str) -> str:
    """What makes two pages the same exchange: an import skips a page whose key the store already holds."""
    body = json.dumps([user_input, agent_response, timestamp], ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:32]


def vector_text(blob: bytes) -> str:
    return base64.b64encode(blob).decode("ascii")


def vector_from_text(text: str, dimension: int) -> np.ndarray | None:
    """The vector, or None when it is malformed or of another dimension (then the text is re-embedded)."""
    try:
        vector = np.frombuffer(base64.b64decode(text, validate=True), dtype=np.float32)
    except (ValueError, TypeError):
        return None
    return vector if vector.shape == (dimension,) else None


def header(store: Backend, scope: Scope) -> dict[str, Any]:
    return {
        "type": "header", "format": FORMAT, "version": FORMAT_VERSION, "memoryos_mcp": __version__,
        "exported_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "user_id": scope.user_id, "assistant_id": scope.assistant_id,
        "embedding_model": store.get_meta("embedding_model"),
        "embedding_dimension": int(store.get_meta("embedding_dimension") or 0),
    }


def records(store: Backend, scope: Scope, repositories: Repositories) -> Iterator[dict[str, Any]]:
    """Every record of one scope, in the order an import needs them (segments and chains before pages)."""
    segments = repositories.segments
    yield header(store, scope)
    for row in segments.exported():
        yield {"type": "segment", "id": row["id"], "summary": row["summary"], "keywords": json.loads(row["keywords"]),
               "n_themes": row["n_themes"], "n_visit": row["n_visit"], "l_interaction": row["l_interaction"],
               "last_access": row["last_access"], "created_at": row["created_at"], "archived": bool(row["archived"]),
               "embedding": vector_text(row["embedding"])}
    for chain_id, meta_info in segments.exported_chains():
        yield {"type": "chain", "id": chain_id, "meta_info": meta_info}
    yield from _pages(repositories.pages)
    yield from _facts(repositories.knowledge)
    yield from _values(repositories.model)
    profile = repositories.profiles.get()
    if profile is not None:
        yield {"type": "profile", "profile": profile[0], "updated_at": profile[1]}


def _pages(pages: Pages) -> Iterator[dict[str, Any]]:
    after = 0
    while True:
        rows = pages.exported(after, EXPORT_BATCH)
        if not rows:
            return
        for row in rows:
            yield {"type": "page", "id": row["id"],
                   "key": content_key(row["user_input"], row["agent_response"], row["timestamp"]),
                   "user_input": row["user_input"], "agent_response": row["agent_response"],
                   "timestamp": row["timestamp"], "meta_data": json.loads(row["meta_data"]), "tier": row["tier"],
                   "segment": row["segment_id"], "chain": row["chain_id"], "pre_page": row["pre_page"],
                   "next_page": row["next_page"], "enriched": bool(row["enriched"]),
                   "analyzed": bool(row["analyzed"]), "learned": bool(row["learned"]), "created_at": row["created_at"],
                   "embedding": vector_text(row["embedding"])}
        after = rows[-1]["id"]


def _facts(knowledge: Knowledge) -> Iterator[dict[str, Any]]:
    """The scope's facts, history included; the assistant's shared persona is not this user's and stays out."""
    for row in knowledge.exported():
        yield {"type": "fact", "id": row["id"], "kind": row["kind"], "knowledge": row["knowledge"],
               "slot": row["slot"], "status": row["status"], "superseded_by": row["superseded_by"],
               "corrected": bool(row["corrected"]), "mentions": row["mentions"], "first_seen": row["first_seen"],
               "last_seen": row["last_seen"], "created_at": row["created_at"], "sources": row["sources"],
               "embedding": vector_text(row["embedding"])}


def _values(model: UserModel) -> Iterator[dict[str, Any]]:
    """The user model's values, history included, with the pages they came from and the page that closed them."""
    for value in model.values():
        yield {"type": "value", "subject": value.subject, "attribute": value.attribute, "value": value.value,
               "detail": value.detail, "due": value.when, "valid_from": value.valid_from, "valid_to": value.valid_to,
               "status": value.status, "sources": value.sources, "closed_by": value.closed_by}


def write(store: Backend, scope: Scope, repositories: Repositories, out: IO[str],
          progress: Progress | None = None) -> dict[str, int]:
    """Write one scope as JSON Lines from a consistent snapshot; returns how many records of each type."""
    counts: dict[str, int] = {}
    with store.snapshot():
        for record in records(store, scope, repositories):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            counts[record["type"]] = counts.get(record["type"], 0) + 1
            if progress is not None:
                progress(record["type"], counts[record["type"]])
    counts.pop("header", None)
    return counts
