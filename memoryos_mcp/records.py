"""What the store hands back and takes: plain values of stored rows, free of any connection or SQL.

Identity (ids, the scope) is the store's concern; the tiers and the search work on these values.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .models import PageText


def embedding_text(user_input: str, agent_response: str) -> str:
    """What a page's vector is made of: both sides, so either side's words can find it."""
    return f"{user_input}\n{agent_response}".strip()


@dataclass
class NewPage:
    """A validated exchange, ready to store."""

    user_input: str
    agent_response: str
    timestamp: str
    meta_data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Page:
    id: int
    user_input: str
    agent_response: str
    timestamp: str
    meta_data: dict[str, Any]
    tier: str
    enriched: bool
    segment_id: int | None
    pre_page: int | None
    next_page: int | None
    chain_id: int | None
    meta_info: str
    analyzed: bool
    embedding: np.ndarray

    def as_text(self) -> PageText:
        return PageText(self.user_input, self.agent_response, self.timestamp, self.embedding)


@dataclass(frozen=True)
class Candidate:
    """What ranking needs of a page: where it sits (tier, time, segment, neighbours) and its vector."""

    id: int
    tier: str
    timestamp: str
    segment_id: int | None
    pre_page: int | None
    next_page: int | None
    embedding: np.ndarray


@dataclass(frozen=True)
class PageLinks:
    """A page's place in its segment and dialogue chain (what a delete must rebuild)."""

    id: int
    segment_id: int | None
    chain_id: int | None


@dataclass(frozen=True)
class StoredSegment:
    id: int
    summary: str
    keywords: Counter[str]
    embedding: np.ndarray
    n_themes: int
    n_visit: int
    l_interaction: int
    last_access: float
    archived: bool


@dataclass(frozen=True)
class StoredFact:
    """A fact as the merge step compares it: text, slot, correction, last mention and vector."""

    id: int
    text: str
    slot: str | None
    corrected: bool
    last_seen: str
    vector: np.ndarray
