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
from ..filters import TimeWindow
from ..models import Fact, FactList, PageList
from ..store.protocol import Pages, Segments
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


def list_pages(pages: Pages, tier: str = "all", after: str | None = None, before: str | None = None,
               cursor: str | None = None, limit: int = DEFAULT_LIMIT) -> PageList:
    """Pages of one scope, newest first; `after` is inclusive, `before` exclusive."""
    if tier not in TIERS:
        raise InvalidInputError(f"tier must be one of {', '.join(TIERS)}, got {tier!r}")
    limit = check_limit(limit)
    bounds = []
    for name, value in (("after", after), ("before", before)):
        if value is not None:
            if not isinstance(value, str) or not value.strip():
                raise InvalidInputError(f"{name} must be a timestamp ('YYYY-MM-DD HH:MM:SS' or ISO 8601)")
            try:
                value = parse_timestamp(value)
            except InvalidInputError as exc:
                raise InvalidInputError(f"{name}: {exc}") from None
        bounds.append(value)
    if cursor is not None and not isinstance(cursor, str):
        raise InvalidInputError("cursor must be a string: the next_cursor of a previous answer")
    position = decode_cursor(cursor) if cursor is not None else None
    window = TimeWindow(*bounds) if bounds != [None, None] else None
    total, shown = pages.listing(None if tier == "all" else tier, window, position, limit + 1)
    more = len(shown) > limit
    shown = shown[:limit]
    return PageList(pages=shown, count=len(shown), total=total,
                    next_cursor=encode_cursor(shown[-1].timestamp, shown[-1].page_id) if more else None)


def read_page(pages: Pages, page_id: int) -> dict[str, Any] | None:
    """One page with its chain summary and neighbours, or None if this scope has no such page."""
    found = pages.detail(page_id)
    if found is None:
        return None
    page, meta_info, previous, following = found
    return {**page.model_dump(), "meta_info": meta_info, "previous_page_id": previous, "next_page_id": following}


def read_segment(segments: Segments, pages: Pages, segment_id: int,
                 heat: float | None) -> dict[str, Any] | None:
    """One topic segment: summary, keywords, heat (None once archived) and its page ids, oldest first."""
    segment = segments.get(segment_id)
    if segment is None:
        return None
    keywords = segment.keywords
    return {"segment_id": segment.id, "summary": segment.summary,
            "keywords": sorted(keywords, key=lambda w: -keywords[w])[:20], "heat": heat,
            "visits": segment.n_visit, "interactions": segment.l_interaction, "archived": segment.archived,
            "page_ids": pages.in_segment(segment_id)}


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
