"""What the store hands back and takes: plain values of stored rows, free of any connection or SQL.

Identity (ids, the scope) is the store's concern; the tiers and the search work on these values.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

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
    """What ranking needs of a page: where it sits (tier, time, segment, neighbours) and its cosine to the query
    (computed by the store, so a database server need not ship every candidate's vector back)."""

    id: int
    tier: str
    timestamp: str
    segment_id: int | None
    pre_page: int | None
    next_page: int | None
    cosine: float


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


#: A user-model value's state: holding now, or closed (history).
Status = Literal["current", "past", "done", "expired"]
#: Attributes whose values are events with a date: upcoming until the date has passed.
DATED = frozenset({"plan", "commitment"})


@dataclass
class Value:
    """A stored user-model value: its validity interval and the pages it came from."""

    id: int
    subject: str
    attribute: str
    value: str
    detail: str
    when: str | None
    valid_from: str
    valid_to: str | None
    status: Status
    sources: list[int] = field(default_factory=list)
    #: The page that closed it (deleting that page reopens it).
    closed_by: int | None = None

    @property
    def current(self) -> bool:
        return self.status == "current"


@dataclass
class Changes:
    """What one page changes in the user model, for the store to write."""

    added: list[Value] = field(default_factory=list)  #: new values (negative ids until stored)
    confirmed: list[int] = field(default_factory=list)  #: value ids the page restates (a new source)
    closed: dict[int, str] = field(default_factory=dict)  #: value id -> new status
    renamed: list[tuple[str, str]] = field(default_factory=list)  #: (old subject, new subject)
    retracted: list[str] = field(default_factory=list)  #: values a correction says were wrong ("not Cork")


def naming(word: str) -> re.Pattern[str]:
    """A word or words as a text names them: whole, in any case ("Cork" in "Cork's cheaper"), as a value a
    correction retracts is looked for in the values and statements said before it."""
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
