"""Long-term persona memory: the user profile and the user and assistant knowledge bases."""

from __future__ import annotations

import sqlite3
from typing import Literal

import numpy as np

from .models import KnowledgeItem
from .storage import Scope, Store, from_blob, to_blob

Kind = Literal["user", "assistant"]
#: A profile shorter than this is not substantive enough to replace the current one.
MIN_PROFILE_CHARS = 20
_KNOWN = "SELECT knowledge FROM knowledge WHERE kind = ? AND owner = ?"


class LongTermMemory:
    """Profile and user facts belong to the user; assistant facts to the assistant."""

    def __init__(self, store: Store, scope: Scope, capacity: int) -> None:
        self.store = store
        self.scope = scope
        self.capacity = capacity
        self._cache: dict[Kind, tuple[list[KnowledgeItem], np.ndarray]] = {}

    def _owner(self, kind: Kind) -> str:
        return self.scope.user_id if kind == "user" else self.scope.assistant_id

    def profile(self) -> str:
        rows = self.store.query("SELECT profile FROM profiles WHERE user_id = ?", (self.scope.user_id,))
        return rows[0]["profile"] if rows else ""

    def set_profile(self, conn: sqlite3.Connection, text: str, timestamp: str) -> bool:
        """Replace the profile only with substantive text; an empty or error answer never wipes it."""
        text = text.strip()
        if len(text) < MIN_PROFILE_CHARS:
            return False
        conn.execute(
            "INSERT INTO profiles (user_id, profile, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (user_id) DO UPDATE SET profile = excluded.profile, updated_at = excluded.updated_at",
            (self.scope.user_id, text, timestamp),
        )
        return True

    def unseen(self, kind: Kind, facts: list[str]) -> list[str]:
        """The facts not stored yet (case-insensitive), each once: only these are worth embedding."""
        known = {row[0].casefold() for row in self.store.query(_KNOWN, (kind, self._owner(kind)))}
        fresh: list[str] = []
        for fact in facts:
            if fact.casefold() not in known:
                known.add(fact.casefold())
                fresh.append(fact)
        return fresh

    def add(self, conn: sqlite3.Connection, kind: Kind, facts: list[str], timestamp: str,
            vectors: np.ndarray) -> int:
        """Append new facts (exact repeats skipped) and drop the oldest beyond capacity (FIFO)."""
        owner = self._owner(kind)
        known = {row[0].casefold() for row in conn.execute(_KNOWN, (kind, owner))}
        added = 0
        for fact, vector in zip(facts, vectors, strict=True):
            if fact.casefold() in known:
                continue
            known.add(fact.casefold())
            conn.execute(
                "INSERT INTO knowledge (kind, owner, knowledge, timestamp, embedding) VALUES (?, ?, ?, ?, ?)",
                (kind, owner, fact, timestamp, to_blob(vector)),
            )
            added += 1
        conn.execute(
            "DELETE FROM knowledge WHERE kind = ? AND owner = ? AND id NOT IN "
            "(SELECT id FROM knowledge WHERE kind = ? AND owner = ? ORDER BY id DESC LIMIT ?)",
            (kind, owner, kind, owner, self.capacity),
        )
        self._cache.pop(kind, None)
        return added

    def invalidate(self) -> None:
        self._cache.clear()

    def _load(self, kind: Kind) -> tuple[list[KnowledgeItem], np.ndarray]:
        if kind not in self._cache:
            rows = self.store.query(
                "SELECT knowledge, timestamp, embedding FROM knowledge WHERE kind = ? AND owner = ? ORDER BY id",
                (kind, self._owner(kind)),
            )
            items = [KnowledgeItem(knowledge=r["knowledge"], timestamp=r["timestamp"]) for r in rows]
            matrix = np.vstack([from_blob(r["embedding"]) for r in rows]) if rows else np.zeros((0, 0))
            self._cache[kind] = (items, matrix)
        return self._cache[kind]

    def all(self, kind: Kind) -> list[KnowledgeItem]:
        """Every stored fact, oldest first."""
        return list(self._load(kind)[0])

    def search(self, kind: Kind, vector: np.ndarray, k: int = 10) -> list[KnowledgeItem]:
        """The k facts most similar to the query vector, best first."""
        items, matrix = self._load(kind)
        if not items:
            return []
        scores = matrix @ vector.astype(np.float32)
        order = np.argsort(-scores, kind="stable")[:k]
        return [items[i] for i in order]
