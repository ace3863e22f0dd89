"""Data shapes at the engine's edges: what callers get back and what the LLM layer is given.

Result models carry the exact key names of SPEC.md §4 (a compatibility contract).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer


@dataclass
class PageText:
    """One exchange as the LLM layer sees it (the embedding lets offline methods compare pages)."""

    user_input: str
    agent_response: str
    timestamp: str
    embedding: np.ndarray | None = None
    #: The assistant's question this exchange answers (its previous reply), for replies without a subject.
    question: str = ""
    #: The user's statements as the parser split them (requests left out); None: split by punctuation.
    sentences: tuple[str, ...] | None = None

    @property
    def text(self) -> str:
        return f"{self.user_input}\n{self.agent_response}".strip()


def _compact_schema(schema: dict[str, Any]) -> None:
    """An answer's JSON schema without what repeats itself: titles that restate the property names, the
    class docstring (written for this code's readers; the fields keep their descriptions), a default
    that is null or the field's only value, and `anyOf [T, null]` where `"type": [T, "null"]` says the same.
    `tools/list` carries every tool's output schema (26.6K characters before, 15K of them output schemas)."""
    schema.pop("title", None)
    schema.pop("description", None)
    for spec in schema.get("properties", {}).values():
        spec.pop("title", None)
        if "default" in spec and (spec["default"] is None or "const" in spec):
            del spec["default"]
        options = spec.get("anyOf", [])
        if len(options) == 2 and options[1] == {"type": "null"} and set(options[0]) == {"type"}:
            del spec["anyOf"]
            spec["type"] = [options[0]["type"], "null"]


class Answer(BaseModel):
    """What a tool returns: its published schema is compacted (`_compact_schema`)."""

    model_config = ConfigDict(json_schema_extra=_compact_schema)


class Theme(BaseModel):
    """A topic of one or more pages: what mid-term segments are built from."""

    summary: str
    keywords: list[str] = Field(default_factory=list)


class AddResult(Answer):
    status: Literal["success"] = "success"
    message: str
    timestamp: str = Field(description="The stored timestamp of the page (YYYY-MM-DD HH:MM:SS).")
    details: dict[str, Any] = Field(default_factory=dict)


class ShortTermPage(Answer):
    user_input: str
    agent_response: str
    timestamp: str
    meta_data: dict[str, Any] = Field(default_factory=dict)
    page_id: int
    relevant: bool = Field(False, description="True when the page matches the query on its own (a word, its "
                                              "meaning, a fact learnt from it or the period asked about) and "
                                              "ranks with the retrieved pages; retrieval returns only such pages.")
    score: float = Field(0.0, description="Fused relevance score on the retrieved pages' scale.")


class RetrievedPage(Answer):
    user_input: str
    agent_response: str
    timestamp: str
    meta_info: str = Field("", description="Running summary of the dialogue chain the page belongs to.")
    meta_data: dict[str, Any] = Field(default_factory=dict)
    page_id: int
    score: float = Field(0.0, description="Fused relevance score; higher is better.")


class KnowledgeItem(Answer):
    """A fact as retrieval and the profile tool return it."""

    #: The schema of the fields, not of the compacting serializer's plain dict.
    model_config = ConfigDict(json_schema_extra=_compact_schema, json_schema_mode_override="validation")

    knowledge: str
    timestamp: str = Field(description="When the fact was last seen in the conversation.")
    id: int | None = Field(None, description="The fact id (for update_knowledge and delete_knowledge).")
    score: float | None = Field(None, description="Relevance to the query (retrieval only); higher is better.")
    status: Literal["current", "superseded"] = Field(
        "current", description="superseded: a newer fact about the same thing replaced it; kept as history and "
                               "retrieved only for questions about the past.")
    valid_from: str | None = Field(None, description="Superseded facts: when the fact was first stated.")
    valid_until: str | None = Field(None, description="Superseded facts: when the newer fact replaced it.")

    @model_serializer(mode="wrap")
    def _compact(self, serialize: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """A current fact leaves out the history fields: every answer carries up to twenty facts."""
        data = serialize(self)
        if data.get("status") == "current" and type(self) is KnowledgeItem:
            for key in ("status", "valid_from", "valid_until"):
                data.pop(key, None)
        return data


class Fact(KnowledgeItem):
    """A stored fact with its history: where it came from and how often it was seen."""

    kind: Literal["user", "assistant"]
    first_seen: str
    last_seen: str
    mentions: int = Field(description="How many times the fact (or a near-duplicate of it) was stated.")
    corrected: bool = Field(description="Set by the user; automatic extraction never overwrites it.")
    sources: list[int] = Field(description="Ids of the pages the fact was learnt from.")


class TimeRange(Answer):
    """The period a retrieval was limited to, as understood: from the arguments or from the query."""

    start: str | None = Field(None, description="Inclusive lower bound (YYYY-MM-DD HH:MM:SS), or none.")
    end: str | None = Field(None, description="Exclusive upper bound (YYYY-MM-DD HH:MM:SS), or none.")
    source: Literal["arguments", "query"] = Field(
        description="'arguments': after/before, only pages and facts inside are returned; 'query': a time phrase "
                    "of the query, pages inside rank higher.")


class RetrieveResult(Answer):
    status: Literal["success"] = "success"
    query: str
    timestamp: str
    time_range: TimeRange | None = None
    user_profile: str
    short_term_memory: list[ShortTermPage]
    short_term_count: int
    retrieved_pages: list[RetrievedPage]
    retrieved_user_knowledge: list[KnowledgeItem]
    retrieved_assistant_knowledge: list[KnowledgeItem]
    total_pages_found: int
    total_user_knowledge_found: int
    total_assistant_knowledge_found: int


class ProfileResult(Answer):
    status: Literal["success"] = "success"
    timestamp: str
    user_id: str
    assistant_id: str
    user_profile: str
    user_knowledge: list[KnowledgeItem]
    user_knowledge_count: int
    assistant_knowledge: list[KnowledgeItem]
    assistant_knowledge_count: int


# -- managing memory: listing, deleting, forgetting -------------------------------------------------


class MemoryPage(Answer):
    """One stored exchange as `list_memories` shows it."""

    page_id: int
    timestamp: str
    tier: Literal["short", "mid", "archived"] = Field(
        description="short: recent conversation; mid: grouped into a topic; archived: evicted, not searched.")
    segment_id: int | None = Field(None, description="The mid-term topic segment holding the page, if any.")
    user_input: str
    agent_response: str
    meta_data: dict[str, Any] = Field(default_factory=dict)


class PageList(Answer):
    status: Literal["success"] = "success"
    pages: list[MemoryPage] = Field(description="Newest first.")
    count: int = Field(description="Pages in this answer.")
    total: int = Field(description="Pages matching the filters, over all answers.")
    next_cursor: str | None = Field(
        None, description="Pass as `cursor` for the next (older) pages; null on the last answer.")


class DeleteResult(Answer):
    status: Literal["success"] = "success"
    deleted_page_ids: list[int]
    removed_segment_ids: list[int] = Field(description="Topic segments left empty and removed.")
    refreshed_segment_ids: list[int] = Field(description="Segments whose summary and keywords were rebuilt.")
    deleted_knowledge_ids: list[int] = Field(
        default_factory=list, description="Facts removed because every page they came from is deleted.")
    erased_from_disk: bool = Field(True, description=(
        "True: the deleted text is already gone from the database files. False: another process is reading "
        "an older snapshot of the store (a sqlite3 shell, an export); the text is wiped as soon as it finishes."))


class FactList(Answer):
    status: Literal["success"] = "success"
    kind: Literal["user", "assistant"]
    facts: list[Fact] = Field(description="Most recently seen first, each with the ids of the pages it came from.")
    count: int = Field(description="Facts in this answer.")
    total: int = Field(description="Facts of this kind, over all answers.")
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next facts; null on the last answer.")


class DeleteKnowledgeResult(Answer):
    status: Literal["success"] = "success"
    deleted_ids: list[int]
    profile_rebuilt: bool = Field(True, description="The profile was rewritten from the facts that remain.")
    erased_from_disk: bool = Field(True, description=(
        "True: the deleted text is already gone from the database files. False: another process is reading "
        "an older snapshot of the store (a sqlite3 shell, an export); the text is wiped as soon as it finishes."))


class UpdateKnowledgeResult(Answer):
    status: Literal["success"] = "success"
    fact: Fact = Field(description="The corrected fact: new text, same provenance, corrected = true.")


class ForgetResult(Answer):
    status: Literal["success"] = "success"
    deleted_pages: int
    deleted_segments: int
    deleted_knowledge: int
    profile_cleared: bool
    erased_from_disk: bool = Field(True, description=(
        "True: the deleted text is already gone from the database files. False: another process is reading "
        "an older snapshot of the store (a sqlite3 shell, an export); the text is wiped as soon as it finishes."))
