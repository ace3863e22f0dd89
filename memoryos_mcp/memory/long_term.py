"""Long-term persona memory: the user profile and the user and assistant knowledge bases.

A fact keeps where it came from (page ids), when it was first and last seen and how often. A
near-duplicate of a stored fact merges into it; a newer fact about a single-valued subject ("lives
in ...") supersedes the older one, which stays as history. Everything is scoped by (user, assistant):
what the assistant said in one user's conversation belongs to that user. Only the assistant's own
persona, set deliberately, is shared (stored with an empty user id).
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..language.facts.slots import slot_of
from ..language.profile import section_of, sections_asked, write_profile
from ..models import Fact, KnowledgeItem
from ..store.pages import BM25_FLOOR, fts_query
from ..store.sqlite import Scope, Store, from_blob, to_blob

Kind = Literal["user", "assistant"]
#: A profile shorter than this is not substantive enough to replace the current one.
MIN_PROFILE_CHARS = 20
#: MiniLM cosine at or above which a new fact restates a stored one (same slot value required).
MERGE_COSINE = 0.88
#: Retrieval: a fact must reach this cosine with the query on its own, LEXICAL_FLOOR when it shares a word
#: with the query, or SECTION_FLOOR when it sits in the profile section the question is about ("Who is my
#: boss?" -> work). MiniLM puts a question and the statement answering it at 0.1-0.6.
RELEVANCE_FLOOR = 0.35
LEXICAL_FLOOR = 0.25
SECTION_FLOOR = 0.1
#: Bonuses added to the cosine: the (max-scaled) BM25 of shared words, and being in the asked section.
LEXICAL_WEIGHT = 0.2
SECTION_WEIGHT = 0.15
#: Owner of the assistant's shared persona facts.
SHARED = ""
COUNTERS = ("facts_extracted", "facts_added", "facts_merged", "facts_superseded", "facts_evicted")
_COLUMNS = ("id, kind, knowledge, slot, status, corrected, mentions, first_seen, last_seen, embedding, "
            "(SELECT group_concat(page_id) FROM knowledge_sources s WHERE s.knowledge_id = k.id) AS sources")


@dataclass(frozen=True)
class NewFact:
    """A fact found in some pages, before it is merged into the store."""

    text: str
    page_ids: tuple[int, ...]
    timestamp: str


@dataclass(frozen=True)
class _Current:
    """A kind's current facts, their vectors as one matrix, and the profile section of each."""

    facts: list[Fact]
    matrix: np.ndarray
    sections: list[str]


@dataclass
class _Stored:
    id: int
    text: str
    slot: str | None
    value: str | None
    corrected: bool
    last_seen: str
    vector: np.ndarray


class LongTermMemory:
    """Profile and facts of one (user, assistant) scope, plus the assistant's shared persona."""

    def __init__(self, store: Store, scope: Scope, capacity: int) -> None:
        self.store = store
        self.scope = scope
        self.capacity = capacity
        self._cache: dict[Kind, _Current] = {}

    # -- reading ---------------------------------------------------------------------------------

    def profile(self) -> str:
        rows = self.store.query("SELECT profile FROM profiles WHERE user_id = ? AND assistant_id = ?",
                                (self.scope.user_id, self.scope.assistant_id))
        return rows[0]["profile"] if rows else ""

    def invalidate(self) -> None:
        self._cache.clear()

    def _owners(self, kind: Kind) -> tuple[str, ...]:
        return (self.scope.user_id, SHARED) if kind == "assistant" else (self.scope.user_id,)

    def facts(self, kind: Kind, include_history: bool = False) -> list[Fact]:
        """The scope's facts of one kind, oldest first (current only unless `include_history`)."""
        if not include_history:
            return list(self._load(kind).facts)
        return self._select(kind, ("current", "superseded"))[0]

    def _select(self, kind: Kind, statuses: tuple[str, ...]) -> tuple[list[Fact], np.ndarray]:
        owners = self._owners(kind)
        rows = self.store.query(
            f"SELECT {_COLUMNS} FROM knowledge k WHERE assistant_id = ? AND kind = ? "
            f"AND user_id IN ({','.join('?' * len(owners))}) AND status IN ({','.join('?' * len(statuses))}) "
            "ORDER BY id",
            (self.scope.assistant_id, kind, *owners, *statuses),
        )
        facts = [_row_to_fact(row) for row in rows]
        matrix = np.vstack([from_blob(r["embedding"]) for r in rows]) if rows else np.zeros((0, 0), np.float32)
        return facts, matrix

    def _load(self, kind: Kind) -> _Current:
        """The current facts with what every search needs of them, cached until the next write."""
        if kind not in self._cache:
            facts, matrix = self._select(kind, ("current",))
            self._cache[kind] = _Current(facts, matrix, [section_of(fact.knowledge) for fact in facts])
        return self._cache[kind]

    def search(self, kind: Kind, query: str, vector: np.ndarray, k: int,
               time_range: tuple[str, str] | None = None) -> list[KnowledgeItem]:
        """The k most relevant current facts, best first, each with its score; unrelated facts are left out.

        Dense cosine, BM25 over the facts' words and the profile section the question is about are
        fused; a fact must reach a cosine floor on its own, or a lower one when it shares a word or a
        section with the query, so an unrelated query gets no facts rather than the same ten every time.
        """
        current = self._load(kind)
        facts = current.facts
        if not facts:
            return []
        cosine = current.matrix @ vector.astype(np.float32)
        lexical = self._lexical(query, {fact.id for fact in facts})
        top = max(lexical.values(), default=0.0) or 1.0
        asked = sections_asked(query)
        scored = []
        for fact, cos, section in zip(facts, cosine.tolist(), current.sections, strict=True):
            lex = lexical.get(fact.id or 0, 0.0) / top
            topical = section in asked
            floor = min(RELEVANCE_FLOOR, LEXICAL_FLOOR if lex > 0 else 1.0, SECTION_FLOOR if topical else 1.0)
            if cos < floor:
                continue
            if time_range and not (fact.last_seen >= time_range[0] and fact.first_seen <= time_range[1]):
                continue
            scored.append((cos + LEXICAL_WEIGHT * lex + SECTION_WEIGHT * topical, fact))
        scored.sort(key=lambda item: item[0], reverse=True)
        return [KnowledgeItem(knowledge=f.knowledge, timestamp=f.timestamp, id=f.id, score=round(s, 4))
                for s, f in scored[:k]]

    def sources(self, kind: Kind, ids: list[int | None]) -> dict[int, list[int]]:
        """Fact id -> the pages it was learnt from, for the current facts among `ids`."""
        wanted = set(ids)
        return {fact.id: fact.sources for fact in self._load(kind).facts if fact.id in wanted and fact.id is not None}

    def _lexical(self, query: str, ids: set[int]) -> dict[int, float]:
        """BM25 (higher is better) of the facts among `ids` that share an informative word with the query
        (BM25_FLOOR: "user" is in every fact, and scaled by the best score it would count as a match)."""
        match = fts_query(query)
        if not match:
            return {}
        rows = self.store.query("SELECT rowid AS id, -bm25(knowledge_fts) AS score FROM knowledge_fts "
                                "WHERE knowledge_fts MATCH ? ORDER BY bm25(knowledge_fts) LIMIT 1000", (match,))
        return {row["id"]: row["score"] for row in rows if row["id"] in ids and row["score"] >= BM25_FLOOR}

    def counters(self) -> dict[str, int]:
        rows = self.store.query("SELECT name, value FROM counters WHERE user_id = ? AND assistant_id = ?",
                                (self.scope.user_id, self.scope.assistant_id))
        found = {row["name"]: row["value"] for row in rows}
        return {name: found.get(name, 0) for name in COUNTERS}

    # -- writing (inside the caller's transaction) ------------------------------------------------

    def set_profile(self, conn: sqlite3.Connection, text: str, timestamp: str) -> bool:
        """Replace the profile only with substantive text; an empty or error answer never wipes it."""
        text = text.strip()
        if len(text) < MIN_PROFILE_CHARS:
            return False
        self._write_profile(conn, text, timestamp)
        return True

    def _write_profile(self, conn: sqlite3.Connection, text: str, timestamp: str) -> None:
        conn.execute(
            "INSERT INTO profiles (user_id, assistant_id, profile, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (user_id, assistant_id) DO UPDATE SET profile = excluded.profile, "
            "updated_at = excluded.updated_at",
            (self.scope.user_id, self.scope.assistant_id, text, timestamp),
        )

    def rebuild_profile(self, conn: sqlite3.Connection) -> None:
        """The offline profile: the current user facts written into sections (empty when there are none)."""
        rows = conn.execute(
            "SELECT knowledge, mentions, last_seen FROM knowledge WHERE user_id = ? AND assistant_id = ? "
            "AND kind = 'user' AND status = 'current' ORDER BY id",
            (self.scope.user_id, self.scope.assistant_id),
        ).fetchall()
        text = write_profile([(r["knowledge"], r["mentions"], r["last_seen"]) for r in rows])
        latest = max((r["last_seen"] for r in rows), default="")
        if text:
            self._write_profile(conn, text, latest)
        else:
            conn.execute("DELETE FROM profiles WHERE user_id = ? AND assistant_id = ?",
                         (self.scope.user_id, self.scope.assistant_id))

    def learn(self, conn: sqlite3.Connection, kind: Kind, facts: list[NewFact], vectors: np.ndarray) -> None:
        """Merge, supersede or add each fact, then keep the current facts within capacity."""
        stored = self._stored(conn, kind)
        counts = dict.fromkeys(COUNTERS, 0)
        counts["facts_extracted"] = len(facts)
        for fact, vector in zip(facts, vectors, strict=True):
            vector = np.asarray(vector, dtype=np.float32)
            slot = slot_of(fact.text)
            same = _near_duplicate(stored, fact.text, slot, vector)
            if same is not None:
                self._merge(conn, same, fact)
                counts["facts_merged"] += 1
                continue
            new_id = self._insert(conn, kind, fact, slot, vector)
            counts["facts_added"] += 1
            entry = _Stored(new_id, fact.text, slot[0] if slot else None, slot[1] if slot else None, False,
                            fact.timestamp, vector)
            if slot is not None:
                stored, superseded = self._supersede(conn, stored, entry)
                counts["facts_superseded"] += superseded
            else:
                stored.append(entry)
        counts["facts_evicted"] += self._evict(conn, kind)
        self._bump(conn, counts)
        self._cache.pop(kind, None)

    def _stored(self, conn: sqlite3.Connection, kind: Kind) -> list[_Stored]:
        rows = conn.execute(
            "SELECT id, knowledge, slot, corrected, last_seen, embedding FROM knowledge WHERE user_id = ? "
            "AND assistant_id = ? AND kind = ? AND status = 'current' ORDER BY id",
            (self.scope.user_id, self.scope.assistant_id, kind),
        ).fetchall()
        stored = []
        for row in rows:
            slot = slot_of(row["knowledge"]) if row["slot"] else None
            stored.append(_Stored(row["id"], row["knowledge"], row["slot"], slot[1] if slot else None,
                                  bool(row["corrected"]), row["last_seen"], from_blob(row["embedding"])))
        return stored

    def _merge(self, conn: sqlite3.Connection, into: _Stored, fact: NewFact) -> None:
        conn.execute(
            "UPDATE knowledge SET mentions = mentions + 1, last_seen = max(last_seen, ?), "
            "first_seen = min(first_seen, ?) WHERE id = ?",
            (fact.timestamp, fact.timestamp, into.id),
        )
        conn.executemany("INSERT OR IGNORE INTO knowledge_sources (knowledge_id, page_id) VALUES (?, ?)",
                         [(into.id, page_id) for page_id in fact.page_ids])
        into.last_seen = max(into.last_seen, fact.timestamp)

    def _insert(self, conn: sqlite3.Connection, kind: Kind, fact: NewFact, slot: tuple[str, str] | None,
                vector: np.ndarray, owner: str | None = None) -> int:
        cursor = conn.execute(
            "INSERT INTO knowledge (user_id, assistant_id, kind, knowledge, slot, first_seen, last_seen, "
            "created_at, embedding) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (self.scope.user_id if owner is None else owner, self.scope.assistant_id, kind, fact.text,
             slot[0] if slot else None, fact.timestamp, fact.timestamp, time.time(), to_blob(vector)),
        )
        fact_id = int(cursor.lastrowid)
        conn.execute("INSERT INTO knowledge_fts (rowid, body) VALUES (?, ?)", (fact_id, fact.text))
        conn.executemany("INSERT OR IGNORE INTO knowledge_sources (knowledge_id, page_id) VALUES (?, ?)",
                         [(fact_id, page_id) for page_id in fact.page_ids])
        return fact_id

    def _supersede(self, conn: sqlite3.Connection, stored: list[_Stored], new: _Stored) -> tuple[list[_Stored], int]:
        """Of the current facts filling the new fact's slot, the newest (or a user-corrected one) stays.

        Returns the current facts afterwards and how many became history.
        """
        contenders = [s for s in stored if s.slot == new.slot] + [new]
        keeper = max(contenders, key=lambda s: (s.corrected, s.last_seen, s.id))
        for loser in contenders:
            if loser is not keeper:
                conn.execute("UPDATE knowledge SET status = 'superseded', superseded_by = ? WHERE id = ?",
                             (keeper.id, loser.id))
        return [s for s in stored if s.slot != new.slot] + [keeper], len(contenders) - 1

    def _evict(self, conn: sqlite3.Connection, kind: Kind) -> int:
        """Drop the least useful current facts over capacity (never corrected ones first: fewest mentions,
        then least recently seen), and the oldest history over the same bound; returns how many went."""
        scope = (self.scope.user_id, self.scope.assistant_id, kind)
        evicted = 0
        for status, order in (("current", "corrected DESC, mentions DESC, last_seen DESC, id DESC"),
                              ("superseded", "id DESC")):
            rows = conn.execute(
                f"SELECT id FROM knowledge WHERE user_id = ? AND assistant_id = ? AND kind = ? AND status = ? "
                f"ORDER BY {order} LIMIT -1 OFFSET ?", (*scope, status, self.capacity)).fetchall()
            self._delete_rows(conn, [row["id"] for row in rows])
            evicted += len(rows)
        return evicted

    def _delete_rows(self, conn: sqlite3.Connection, ids: list[int]) -> None:
        for fact_id in ids:
            conn.execute("DELETE FROM knowledge_sources WHERE knowledge_id = ?", (fact_id,))
            conn.execute("DELETE FROM knowledge_fts WHERE rowid = ?", (fact_id,))
            conn.execute("DELETE FROM knowledge WHERE id = ?", (fact_id,))
            conn.execute("UPDATE knowledge SET superseded_by = NULL WHERE superseded_by = ?", (fact_id,))

    def _bump(self, conn: sqlite3.Connection, counts: dict[str, int]) -> None:
        conn.executemany(
            "INSERT INTO counters (user_id, assistant_id, name, value) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (user_id, assistant_id, name) DO UPDATE SET value = value + excluded.value",
            [(self.scope.user_id, self.scope.assistant_id, name, n) for name, n in counts.items() if n],
        )

    def owned(self, conn: sqlite3.Connection, ids: list[int]) -> list[int]:
        """The ids among `ids` that are facts of this scope (another user's ids are never touched)."""
        marks = ",".join("?" * len(ids))
        rows = conn.execute(f"SELECT id FROM knowledge WHERE id IN ({marks}) AND user_id = ? AND assistant_id = ?",
                            (*ids, self.scope.user_id, self.scope.assistant_id)).fetchall() if ids else []
        return [row["id"] for row in rows]

    def delete(self, conn: sqlite3.Connection, ids: list[int]) -> list[int]:
        """Delete this scope's facts among `ids`; returns the ids deleted. The caller rebuilds the profile."""
        owned = self.owned(conn, ids)
        self._delete_rows(conn, owned)
        self._cache.clear()
        return owned

    def forget_pages(self, conn: sqlite3.Connection, page_ids: list[int]) -> list[int]:
        """Pages are being deleted: drop their provenance links and the facts left with no source."""
        if not page_ids:
            return []
        marks = ",".join("?" * len(page_ids))
        touched = [row[0] for row in conn.execute(
            f"SELECT DISTINCT knowledge_id FROM knowledge_sources WHERE page_id IN ({marks})", page_ids)]
        conn.execute(f"DELETE FROM knowledge_sources WHERE page_id IN ({marks})", page_ids)
        orphans = [fact_id for fact_id in touched if not conn.execute(
            "SELECT 1 FROM knowledge_sources WHERE knowledge_id = ? LIMIT 1", (fact_id,)).fetchone()]
        return self.delete(conn, orphans)

    def correct(self, conn: sqlite3.Connection, fact_id: int, text: str, vector: np.ndarray) -> bool:
        """Replace a fact's text (the user's correction); provenance stays. False if not this scope's fact."""
        if not self.owned(conn, [fact_id]):
            return False
        slot = slot_of(text)
        conn.execute("UPDATE knowledge SET knowledge = ?, embedding = ?, slot = ?, corrected = 1, "
                     "status = 'current', superseded_by = NULL WHERE id = ?",
                     (text, to_blob(vector), slot[0] if slot else None, fact_id))
        conn.execute("DELETE FROM knowledge_fts WHERE rowid = ?", (fact_id,))
        conn.execute("INSERT INTO knowledge_fts (rowid, body) VALUES (?, ?)", (fact_id, text))
        self._cache.clear()
        return True

    def set_persona(self, conn: sqlite3.Connection, facts: list[str], vectors: np.ndarray, timestamp: str) -> None:
        """Replace the assistant's shared persona: the only knowledge every user of this assistant sees."""
        ids = [row[0] for row in conn.execute(
            "SELECT id FROM knowledge WHERE user_id = ? AND assistant_id = ?", (SHARED, self.scope.assistant_id))]
        self._delete_rows(conn, ids)
        for text, vector in zip(facts, vectors, strict=True):
            self._insert(conn, "assistant", NewFact(text, (), timestamp), None, vector, owner=SHARED)
        self._cache.clear()


def _near_duplicate(stored: list[_Stored], text: str, slot: tuple[str, str] | None,
                    vector: np.ndarray) -> _Stored | None:
    """The stored fact this one restates: same words, or very close in meaning with the same slot value."""
    folded = text.casefold()
    best: tuple[float, _Stored] | None = None
    for entry in stored:
        if entry.text.casefold() == folded:
            return entry
        if slot is not None and (entry.slot != slot[0] or entry.value != slot[1]):
            continue
        if slot is None and entry.slot is not None:
            continue
        cosine = float(entry.vector @ vector)
        if cosine >= MERGE_COSINE and (best is None or cosine > best[0]):
            best = (cosine, entry)
    return best[1] if best else None


def _row_to_fact(row: sqlite3.Row) -> Fact:
    sources = sorted(int(i) for i in row["sources"].split(",")) if row["sources"] else []
    return Fact(id=row["id"], kind=row["kind"], knowledge=row["knowledge"], timestamp=row["last_seen"],
                first_seen=row["first_seen"], last_seen=row["last_seen"], mentions=row["mentions"],
                status=row["status"], corrected=bool(row["corrected"]), sources=sources)
