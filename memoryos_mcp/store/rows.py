"""Stored rows as the values the engine sees, written once for both backends.

A row is anything indexed by column name (sqlite3.Row, psycopg's dict rows); each backend stores vectors its
own way (a float32 blob, a pgvector `Vector`), so it hands in the function that reads one back.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from ..models import Fact, MemoryPage, PageText
from ..records import DATED, Candidate, Page, StoredFact, StoredSegment, Value

Row = sqlite3.Row | Mapping[str, Any]
#: Reads one stored vector back as a float32 array.
Decode = Callable[[Any], np.ndarray]


def source_ids(text: str | None) -> list[int]:
    """The ids of a row's source pages, from their comma-separated list (either backend's aggregate)."""
    return sorted(int(i) for i in text.split(",")) if text else []


def row_to_page(row: Row, decode: Decode) -> Page:
    return Page(id=row["id"], user_input=row["user_input"], agent_response=row["agent_response"],
                timestamp=row["timestamp"], meta_data=json.loads(row["meta_data"]), tier=row["tier"],
                enriched=bool(row["enriched"]), segment_id=row["segment_id"], pre_page=row["pre_page"],
                next_page=row["next_page"], chain_id=row["chain_id"], meta_info=row["meta_info"],
                analyzed=bool(row["analyzed"]), embedding=decode(row["embedding"]))


def row_to_listed(row: Row) -> MemoryPage:
    """A page as browsing shows it."""
    return MemoryPage(page_id=row["id"], timestamp=row["timestamp"], tier=row["tier"], segment_id=row["segment_id"],
                      user_input=row["user_input"], agent_response=row["agent_response"],
                      meta_data=json.loads(row["meta_data"]))


def row_to_text(row: Row, decode: Decode) -> PageText:
    return PageText(row["user_input"], row["agent_response"], row["timestamp"], decode(row["embedding"]))


def row_to_candidate(row: Row, cosine: float) -> Candidate:
    return Candidate(row["id"], row["tier"], row["timestamp"], row["segment_id"], row["pre_page"], row["next_page"],
                     cosine)


def row_to_segment(row: Row, decode: Decode) -> StoredSegment:
    return StoredSegment(id=row["id"], summary=row["summary"], keywords=Counter(json.loads(row["keywords"])),
                         embedding=decode(row["embedding"]), n_themes=row["n_themes"], n_visit=row["n_visit"],
                         l_interaction=row["l_interaction"], last_access=row["last_access"],
                         archived=bool(row["archived"]))


def row_to_fact(row: Row) -> Fact:
    """A fact row (with its `sources` and `replaced` columns) as the engine sees it."""
    history = row["status"] == "superseded"
    return Fact(id=row["id"], kind=row["kind"], knowledge=row["knowledge"], timestamp=row["last_seen"],
                first_seen=row["first_seen"], last_seen=row["last_seen"], mentions=row["mentions"],
                status=row["status"], corrected=bool(row["corrected"]), sources=source_ids(row["sources"]),
                valid_from=row["first_seen"] if history else None,
                valid_until=(row["replaced"] or row["last_seen"]) if history else None)


def row_to_stored_fact(row: Row, decode: Decode) -> StoredFact:
    """A current fact as the merge step compares it."""
    return StoredFact(row["id"], row["knowledge"], row["slot"], bool(row["corrected"]), row["last_seen"],
                      decode(row["embedding"]))


def row_to_value(row: Row) -> Value:
    """A user-model value row (with its `sources` column)."""
    return Value(row["id"], row["subject"], row["attribute"], row["value"], row["detail"], row["due"],
                 row["valid_from"], row["valid_to"], row["status"], source_ids(row["sources"]), row["closed_by"])


#: A word of a plan's note or of a statement fact.
_WORD = re.compile(r"[\w'’]+")
#: Words a plan's note says of the user that its statement fact says otherwise ("they" / "User").
_NOT_NAMING = frozenset("they they're they've they'll their them user user's the and".split())


def facts_stay(attribute: str, value: str, due: str | None, closed_on: str) -> bool:
    """Whether the statement facts naming a value closed on `closed_on` (a timestamp) stay current: a promise kept
    or a plan whose day came still happened ("User is flying to Porto on the 3rd"); a plan called off or moved
    before its day is no more ("User will sit the CELPIP in May")."""
    return len(value) < 3 or attribute == "commitment" or attribute in DATED and due is not None and due != "" and \
        due <= closed_on[: len(due)]


def names_value(fact: str, attribute: str, value: str) -> bool:
    """A statement fact names the value: its text, or of a plan (kept as a note without its day, "Going to Krakow
    for the hen do") every word ("User is going to Krakow on 14 March for the hen do")."""
    if attribute not in DATED:
        return value.lower() in fact.lower()
    said = _plan_words(value)
    return len(said) >= 2 and said <= _plan_words(fact)


def _plan_words(text: str) -> set[str]:
    """The words that name a plan, in either wording."""
    return {w for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in _NOT_NAMING}
