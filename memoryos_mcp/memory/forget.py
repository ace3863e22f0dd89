"""Forgetting pages: everything derived from them goes too, and no trace stays in the database file.

A page lives in its row, the full-text index, the vector index (rebuilt by the caller), its dialogue
chain (neighbours relinked, the chain's running summary rebuilt) and its topic segment (rebuilt from
the pages left, or removed when empty). Summaries are rebuilt with the offline rules: deterministic,
local, and built only from what is left, so a deleted sentence cannot survive in one.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import InvalidInputError
from ..language import text as tx
from ..language.offline import OfflineLLM
from ..models import PageText
from ..store.fulltext import drop_from_full_text
from ..store.sqlite import Scope, from_blob, to_blob

#: Most ids one delete call takes.
MAX_IDS_PER_CALL = 1000

_OFFLINE = OfflineLLM()


@dataclass
class Forgotten:
    page_ids: list[int]
    removed_segments: list[int] = field(default_factory=list)
    refreshed_segments: list[int] = field(default_factory=list)


def check_ids(name: str, value: Any) -> list[int]:
    """A non-empty list of integer ids, each once, in the order given."""
    if not isinstance(value, list) or not value:
        raise InvalidInputError(f"{name} must be a non-empty list of integer ids")
    if len(value) > MAX_IDS_PER_CALL:
        raise InvalidInputError(f"{name} holds {len(value)} ids; the limit is {MAX_IDS_PER_CALL} per call")
    for item in value:
        if isinstance(item, bool) or not isinstance(item, int):
            raise InvalidInputError(f"{name} must hold integer ids, got {item!r}")
    return list(dict.fromkeys(value))


def owned_pages(conn: sqlite3.Connection, scope: Scope, ids: list[int]) -> list[sqlite3.Row]:
    """The scope's pages with these ids; any other id (absent, or another user's) is refused as not found."""
    rows: list[sqlite3.Row] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows += conn.execute(
            f"SELECT id, segment_id, chain_id FROM pages WHERE id IN ({','.join('?' * len(chunk))}) "
            "AND user_id = ? AND assistant_id = ?", (*chunk, scope.user_id, scope.assistant_id)).fetchall()
    missing = sorted(set(ids) - {row["id"] for row in rows})
    if missing:
        shown = ", ".join(map(str, missing[:10])) + (" ..." if len(missing) > 10 else "")
        raise InvalidInputError(f"page_ids: no page {shown} in this memory; nothing was deleted")
    return rows


def delete_pages(conn: sqlite3.Connection, scope: Scope, ids: list[int]) -> Forgotten:
    """Delete the scope's pages (all or nothing), then rebuild what held them. Runs in the caller's transaction;
    the caller then forgets the facts learnt only from these pages and purges the full-text indexes."""
    rows = owned_pages(conn, scope, ids)
    for page_id in ids:
        _unlink(conn, page_id)
        conn.execute("DELETE FROM pages WHERE id = ?", (page_id,))
    drop_from_full_text(conn, ids)
    for chain_id in {row["chain_id"] for row in rows if row["chain_id"] is not None}:
        _rebuild_chain(conn, chain_id)
    forgotten = Forgotten(page_ids=ids)
    for segment_id in sorted({row["segment_id"] for row in rows if row["segment_id"] is not None}):
        if _rebuild_segment(conn, segment_id):
            forgotten.refreshed_segments.append(segment_id)
        else:
            forgotten.removed_segments.append(segment_id)
    return forgotten


def _unlink(conn: sqlite3.Connection, page_id: int) -> None:
    """Join the page's neighbours in its dialogue chain to each other."""
    pre, nxt = conn.execute("SELECT pre_page, next_page FROM pages WHERE id = ?", (page_id,)).fetchone()
    if pre is not None:
        conn.execute("UPDATE pages SET next_page = ? WHERE id = ?", (nxt, pre))
    if nxt is not None:
        conn.execute("UPDATE pages SET pre_page = ? WHERE id = ?", (pre, nxt))


def _texts(rows: list[sqlite3.Row]) -> list[PageText]:
    return [PageText(r["user_input"], r["agent_response"], r["timestamp"], from_blob(r["embedding"])) for r in rows]


def _rebuild_chain(conn: sqlite3.Connection, chain_id: int) -> None:
    """The chain's running summary, folded again over the pages it has left; an empty chain goes."""
    rows = conn.execute("SELECT user_input, agent_response, timestamp, embedding FROM pages WHERE chain_id = ? "
                        "ORDER BY id", (chain_id,)).fetchall()
    if not rows:
        conn.execute("DELETE FROM chains WHERE id = ?", (chain_id,))
        return
    meta = ""
    for page in _texts(rows):
        meta = _OFFLINE.chain_meta(meta, page)
    conn.execute("UPDATE chains SET meta_info = ? WHERE id = ?", (meta, chain_id))


def _rebuild_segment(conn: sqlite3.Connection, segment_id: int) -> bool:
    """Summary, keywords and direction from the segment's remaining pages; False when none is left."""
    rows = conn.execute("SELECT user_input, agent_response, timestamp, embedding, analyzed FROM pages "
                        "WHERE segment_id = ? ORDER BY id", (segment_id,)).fetchall()
    if not rows:
        conn.execute("DELETE FROM segments WHERE id = ?", (segment_id,))
        return False
    pages = _texts(rows)
    theme = _OFFLINE.themes(pages)[0]
    keywords: Counter[str] = Counter()
    for page in pages:  # as assignment counts them: each page's own keywords once
        keywords.update(tx.keywords(page.text, k=8))
    mean = np.mean([p.embedding for p in pages], axis=0)
    direction = (mean / (np.linalg.norm(mean) or 1.0)).astype(np.float32)
    unanalysed = sum(1 for r in rows if not r["analyzed"])
    conn.execute("UPDATE segments SET summary = ?, keywords = ?, embedding = ?, n_themes = ?, "
                 "l_interaction = MIN(l_interaction, ?) WHERE id = ?",
                 (theme.summary, json.dumps(keywords), to_blob(direction), len(rows), unanalysed, segment_id))
    return True


def purge_full_text_index(conn: sqlite3.Connection) -> None:
    """FTS5 only marks deleted rows until its segments merge; merging now drops their words for good."""
    for table in ("pages_fts", "pages_cjk", "knowledge_fts"):
        conn.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")


def forget_scope(conn: sqlite3.Connection, scope: Scope) -> dict[str, int]:
    """Every page, chain, segment, fact, counter and the profile of one scope (the assistant's shared
    persona stays). Runs in the caller's transaction."""
    who = (scope.user_id, scope.assistant_id)
    ids = [r[0] for r in conn.execute("SELECT id FROM pages WHERE user_id = ? AND assistant_id = ?", who)]
    chains = {r[0] for r in conn.execute("SELECT DISTINCT chain_id FROM pages WHERE user_id = ? AND assistant_id = ? "
                                         "AND chain_id IS NOT NULL", who)}
    facts = [r[0] for r in conn.execute("SELECT id FROM knowledge WHERE user_id = ? AND assistant_id = ?", who)]
    drop_from_full_text(conn, ids)
    conn.execute("DELETE FROM pages WHERE user_id = ? AND assistant_id = ?", who)
    conn.executemany("DELETE FROM chains WHERE id = ?", [(c,) for c in chains])
    segments = conn.execute("DELETE FROM segments WHERE user_id = ? AND assistant_id = ?", who).rowcount
    conn.executemany("DELETE FROM knowledge_fts WHERE rowid = ?", [(i,) for i in facts])
    conn.executemany("DELETE FROM knowledge_sources WHERE knowledge_id = ?", [(i,) for i in facts])
    conn.execute("DELETE FROM knowledge WHERE user_id = ? AND assistant_id = ?", who)
    conn.execute("DELETE FROM counters WHERE user_id = ? AND assistant_id = ?", who)
    profile = conn.execute("DELETE FROM profiles WHERE user_id = ? AND assistant_id = ?", who).rowcount
    purge_full_text_index(conn)
    return {"pages": len(ids), "segments": segments, "knowledge": len(facts), "profile": profile}
