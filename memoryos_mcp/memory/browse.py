"""Listing pages newest first, a page at a time, with opaque keyset cursors.

A cursor is the (timestamp, id) of the last page shown, so paging stays stable while pages are
added and costs the same on page 1 and page 1,000 (no OFFSET).
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any, Literal

from ..errors import InvalidInputError
from ..models import Fact, FactList, MemoryPage, PageList
from ..store.sqlite import Scope, Store
from ..validation import parse_timestamp

TIERS = ("all", "short", "mid", "archived")
DEFAULT_LIMIT = 20
MAX_LIMIT = 100


def encode_cursor(timestamp: str, page_id: int) -> str:
    return base64.urlsafe_b64encode(json.dumps([timestamp, page_id]).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, int]:
    """The position a cursor stands for; anything this server did not issue is refused."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        timestamp, page_id = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if isinstance(timestamp, str) and isinstance(page_id, int) and not isinstance(page_id, bool):
            return timestamp, page_id
    except (ValueError, TypeError, binascii.Error, UnicodeError):
        pass
    raise InvalidInputError("cursor is not one this server issued: pass the next_cursor of a previous answer")


def check_limit(limit: Any) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise InvalidInputError(f"limit must be an integer between 1 and {MAX_LIMIT}, got {limit!r}")
    return limit


def list_pages(store: Store, scope: Scope, tier: str = "all", after: str | None = None, before: str | None = None,
               cursor: str | None = None, limit: int = DEFAULT_LIMIT) -> PageList:
    """Pages of one scope, newest first; `after` is inclusive, `before` exclusive."""
    if tier not in TIERS:
        raise InvalidInputError(f"tier must be one of {', '.join(TIERS)}, got {tier!r}")
    limit = check_limit(limit)
    where = ["user_id = ?", "assistant_id = ?"]
    params: list[Any] = [scope.user_id, scope.assistant_id]
    if tier != "all":
        where.append("tier = ?")
        params.append(tier)
    for name, value, operator in (("after", after, ">="), ("before", before, "<")):
        if value is not None:
            if not isinstance(value, str) or not value.strip():
                raise InvalidInputError(f"{name} must be a timestamp ('YYYY-MM-DD HH:MM:SS' or ISO 8601)")
            try:
                bound = parse_timestamp(value)
            except InvalidInputError as exc:
                raise InvalidInputError(f"{name}: {exc}") from None
            where.append(f"timestamp {operator} ?")
            params.append(bound)
    total = store.query(f"SELECT COUNT(*) FROM pages WHERE {' AND '.join(where)}", params)[0][0]
    if cursor is not None:
        if not isinstance(cursor, str):
            raise InvalidInputError("cursor must be a string: the next_cursor of a previous answer")
        where.append("(timestamp, id) < (?, ?)")
        params.extend(decode_cursor(cursor))
    rows = store.query(
        "SELECT id, timestamp, tier, segment_id, user_input, agent_response, meta_data FROM pages "
        f"WHERE {' AND '.join(where)} ORDER BY timestamp DESC, id DESC LIMIT ?",
        [*params, limit + 1],
    )
    pages = [MemoryPage(page_id=row["id"], timestamp=row["timestamp"], tier=row["tier"], segment_id=row["segment_id"],
                        user_input=row["user_input"], agent_response=row["agent_response"],
                        meta_data=json.loads(row["meta_data"])) for row in rows[:limit]]
    more = len(rows) > limit
    return PageList(pages=pages, count=len(pages), total=total,
                    next_cursor=encode_cursor(pages[-1].timestamp, pages[-1].page_id) if more else None)


def read_page(store: Store, scope: Scope, page_id: int) -> dict[str, Any] | None:
    """One page with its chain summary and neighbours, or None if this scope has no such page."""
    rows = store.query(
        "SELECT p.id, timestamp, tier, segment_id, user_input, agent_response, meta_data, pre_page, next_page, "
        "COALESCE(c.meta_info, '') AS meta_info FROM pages p LEFT JOIN chains c ON c.id = p.chain_id "
        "WHERE p.id = ? AND user_id = ? AND assistant_id = ?", (page_id, scope.user_id, scope.assistant_id))
    if not rows:
        return None
    row = rows[0]
    page = MemoryPage(page_id=row["id"], timestamp=row["timestamp"], tier=row["tier"], segment_id=row["segment_id"],
                      user_input=row["user_input"], agent_response=row["agent_response"],
                      meta_data=json.loads(row["meta_data"]))
    return {**page.model_dump(), "meta_info": row["meta_info"], "previous_page_id": row["pre_page"],
            "next_page_id": row["next_page"]}


def read_segment(store: Store, scope: Scope, segment_id: int, heat: float | None) -> dict[str, Any] | None:
    """One topic segment: summary, keywords, heat (None once archived) and its page ids, oldest first."""
    rows = store.query("SELECT id, summary, keywords, n_visit, l_interaction, archived FROM segments "
                       "WHERE id = ? AND user_id = ? AND assistant_id = ?",
                       (segment_id, scope.user_id, scope.assistant_id))
    if not rows:
        return None
    row = rows[0]
    keywords = json.loads(row["keywords"])
    pages = [r["id"] for r in store.query("SELECT id FROM pages WHERE segment_id = ? ORDER BY id", (segment_id,))]
    return {"segment_id": row["id"], "summary": row["summary"],
            "keywords": sorted(keywords, key=lambda w: -keywords[w])[:20], "heat": heat,
            "visits": row["n_visit"], "interactions": row["l_interaction"], "archived": bool(row["archived"]),
            "page_ids": pages}


def page_facts(facts: list[Fact], kind: Literal["user", "assistant"], cursor: str | None, limit: int) -> FactList:
    """Facts most recently seen first, `limit` at a time, with the same kind of cursor as pages."""
    limit = check_limit(limit)
    ordered = sorted(facts, key=lambda f: (f.last_seen, f.id or 0), reverse=True)
    if cursor is not None:
        if not isinstance(cursor, str):
            raise InvalidInputError("cursor must be a string: the next_cursor of a previous answer")
        position = decode_cursor(cursor)
        ordered_after = [f for f in ordered if (f.last_seen, f.id or 0) < position]
    else:
        ordered_after = ordered
    shown = ordered_after[:limit]
    more = len(ordered_after) > limit
    return FactList(kind=kind, facts=shown, count=len(shown), total=len(facts),
                    next_cursor=encode_cursor(shown[-1].last_seen, shown[-1].id or 0) if more else None)
