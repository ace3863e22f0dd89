"""Reading a reference MemoryOS data folder (the JSON files of the original implementation).

Its layout, per user and per assistant:

    PATH/users/<user_id>/short_term.json        [{user_input, agent_response, timestamp}, ...]
    PATH/users/<user_id>/mid_term.json          {"sessions": {sid: {summary, summary_keywords, N_visit,
                                                 L_interaction, timestamp, last_visit_time, details: [page]}}}
                                                 page: {page_id, user_input, agent_response, timestamp,
                                                        analyzed, pre_page, next_page, meta_info}
    PATH/users/<user_id>/long_term_user.json    {"user_profiles": {user_id: {"data": text}},
                                                 "knowledge_base": [{knowledge, timestamp}], ...}
    PATH/assistants/<assistant_id>/long_term_assistant.json   {"assistant_knowledge": [{knowledge, timestamp}]}

The files are converted into the records of our export format and imported like an export, so the
same checks, chunking and idempotence apply. Their embeddings come from another model setup and are
not reused: pages and facts are embedded again. What the reference learnt from one user's
conversation with the assistant (its "assistant knowledge") is imported into that user's memory.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from ..errors import InvalidInputError
from .jsonl_export import FORMAT, FORMAT_VERSION

#: What the reference writes when it has no profile or an empty fact.
_NONE = {"", "none", "- none", "- none."}


def _read(path: Path) -> Any:
    """A JSON file of the folder, or None when it does not exist."""
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInputError(f"{path}: not a readable MemoryOS JSON file: {exc}") from None


def _seconds(timestamp: Any) -> float:
    try:
        return datetime.strptime(str(timestamp), "%Y-%m-%d %H:%M:%S").timestamp()
    except ValueError:
        return time.time()


def user_folder(root: Path, user_id: str) -> Path:
    """The user's folder, or a clear error listing the users the folder holds."""
    folder = root / "users" / user_id
    if folder.is_dir():
        return folder
    users = sorted(p.name for p in (root / "users").iterdir() if p.is_dir()) if (root / "users").is_dir() else []
    if not users:
        raise InvalidInputError(f"{root}: not a MemoryOS data folder (it has no users/<user_id>/ folders)")
    raise InvalidInputError(f"{root}: no MemoryOS user {user_id!r}; it holds {', '.join(users[:20])}: "
                            "choose one with --user")


def records(root: Path, user_id: str, assistant_id: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(number, record) pairs of our export format for one user of a MemoryOS folder."""
    folder = user_folder(root, user_id)
    number = 0

    def emit(record: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        nonlocal number
        number += 1
        return number, record

    yield emit({"type": "header", "format": FORMAT, "version": FORMAT_VERSION, "source": "MemoryOS",
                "user_id": user_id, "assistant_id": assistant_id, "embedding_model": None})
    sessions = list(((_read(folder / "mid_term.json") or {}).get("sessions") or {}).values())
    pages, chain_of = _mid_term_pages(sessions)
    segment_of: dict[Any, int] = {}
    chains: dict[int, str] = {}
    for segment_number, session in enumerate(sessions, start=1):
        details = session.get("details") or []
        yield emit({"type": "segment", "id": segment_number, "summary": str(session.get("summary") or ""),
                    "keywords": {str(k): 1 for k in session.get("summary_keywords") or []},
                    "n_themes": max(1, len(details)), "n_visit": int(session.get("N_visit") or 0),
                    "l_interaction": int(session.get("L_interaction") or 0),
                    "last_access": _seconds(session.get("last_visit_time")),
                    "created_at": _seconds(session.get("timestamp"))})
        for page in details:
            segment_of[page.get("page_id")] = segment_number
    for page in pages:  # oldest first, so each chain keeps its latest running summary
        chain = chain_of.get(page.get("page_id"))
        if chain is not None and page.get("meta_info"):
            chains[chain] = str(page["meta_info"])
    for chain, meta in sorted(chains.items()):
        yield emit({"type": "chain", "id": chain, "meta_info": meta})
    numbers = {page.get("page_id"): n for n, page in enumerate(pages, start=1)}
    for n, page in enumerate(pages, start=1):
        page_id = page.get("page_id")
        yield emit({"type": "page", "id": n, "user_input": page.get("user_input", ""),
                    "agent_response": page.get("agent_response") or "", "timestamp": page.get("timestamp"),
                    "meta_data": {"imported_from": "MemoryOS"}, "tier": "mid", "segment": segment_of.get(page_id),
                    "chain": chain_of.get(page_id), "pre_page": numbers.get(page.get("pre_page")),
                    "next_page": numbers.get(page.get("next_page")), "enriched": True,
                    "analyzed": bool(page.get("analyzed"))})
    short = _read(folder / "short_term.json") or []
    for n, page in enumerate(short if isinstance(short, list) else [], start=len(pages) + 1):
        yield emit({"type": "page", "id": n, "user_input": page.get("user_input", ""),
                    "agent_response": page.get("agent_response") or "", "timestamp": page.get("timestamp"),
                    "meta_data": {"imported_from": "MemoryOS"}, "tier": "short"})
    yield from (emit(record) for record in _long_term(folder, root, user_id, assistant_id))


def _mid_term_pages(sessions: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[Any, int]]:
    """Every mid-term page, oldest first, and the dialogue chain (numbered from 1) each belongs to.

    A chain is found by following `pre_page` links back to its first page.
    """
    pages = [page for session in sessions for page in session.get("details") or []]
    pages.sort(key=lambda page: str(page.get("timestamp") or ""))
    by_id = {page.get("page_id"): page for page in pages if page.get("page_id")}
    numbering: dict[Any, int] = {}
    chain_of: dict[Any, int] = {}
    for page in pages:
        first, seen = page, {page.get("page_id")}
        while first.get("pre_page") in by_id and first["pre_page"] not in seen:
            first = by_id[first["pre_page"]]
            seen.add(first.get("page_id"))
        chain_of[page.get("page_id")] = numbering.setdefault(first.get("page_id"), len(numbering) + 1)
    return pages, chain_of


def _long_term(folder: Path, root: Path, user_id: str, assistant_id: str) -> Iterator[dict[str, Any]]:
    """The user's facts and profile, and the assistant's knowledge (as facts of this user's memory)."""
    user = _read(folder / "long_term_user.json") or {}
    assistant = _read(root / "assistants" / assistant_id / "long_term_assistant.json") or {}
    for kind, entries in (("user", user.get("knowledge_base")),
                          ("assistant", (user.get("assistant_knowledge") or []) +
                           (assistant.get("assistant_knowledge") or []))):
        for entry in entries or []:
            text = str(entry.get("knowledge") or "").strip().lstrip("-").strip()
            if text.lower() not in _NONE:
                stamp = entry.get("timestamp")
                yield {"type": "fact", "kind": kind, "knowledge": text, "first_seen": stamp, "last_seen": stamp}
    profile = ((user.get("user_profiles") or {}).get(user_id) or {}).get("data")
    if isinstance(profile, str) and profile.strip().lower() not in _NONE:
        yield {"type": "profile", "profile": profile.strip(),
               "updated_at": (user.get("user_profiles") or {}).get(user_id, {}).get("last_updated", "")}
