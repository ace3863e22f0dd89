"""What a valid export record is: every field checked and converted before an import writes anything.

Each check raises ValueError naming the field; the importer adds the file and line. Texts are cleaned like
tool arguments (control characters removed, sizes bounded), numbers must be finite, ids positive integers
below 2**63, and a vector given for the store's model must have its dimension and finite values.
"""

from __future__ import annotations

import base64
import binascii
import math
from typing import Any

import numpy as np

from ..store.pages import NewPage
from ..validation import MAX_ID, check_id, check_meta_data, clean_text, parse_timestamp

TIERS = ("short", "mid", "archived")
#: What a user-model value may be: still true, no longer true, a plan carried out or one whose time passed.
VALUE_STATUSES = ("current", "past", "done", "expired")
#: Most keywords a segment record may carry.
MAX_KEYWORDS = 1000


def record_id(record: dict[str, Any], key: str, required: bool = True) -> int | None:
    """A record's id or reference: a positive integer below 2**63 (None when absent and not required)."""
    value = record.get(key)
    return None if value is None and not required else check_id(key, value)


def count(record: dict[str, Any], key: str, default: int, minimum: int = 0) -> int:
    value = record.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= MAX_ID:
        raise ValueError(f"{key} must be an integer of at least {minimum}, got {str(value)[:40]}")
    return value


def flag(record: dict[str, Any], key: str) -> bool:
    value = record.get(key, False)
    if not isinstance(value, bool):
        raise ValueError(f"{key} must be true or false, got {str(value)[:40]}")
    return value


def seconds(record: dict[str, Any], key: str, default: float) -> float:
    """Epoch seconds: a finite number."""
    value = record.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{key} must be a finite number of seconds, got {str(value)[:40]}")
    return float(value)


def text(record: dict[str, Any], key: str, max_chars: int, required: bool = False) -> str:
    """A text field cleaned like a tool argument; absent counts as empty unless required."""
    value = record.get(key, None if required else "")
    return clean_text(key, "" if value is None and not required else value, max_chars, required=required,
                      limit_key="max_text_chars")


def vector(record: dict[str, Any], dimension: int) -> np.ndarray | None:
    """The record's vector when it has one: base64 float32 of the store's dimension, every value finite."""
    encoded = record.get("embedding")
    if encoded is None:
        return None
    if not isinstance(encoded, str):
        raise ValueError("embedding must be base64 text")
    try:
        values = np.frombuffer(base64.b64decode(encoded, validate=True), dtype=np.float32)
    except (binascii.Error, ValueError):
        raise ValueError("embedding is not base64 of float32 values") from None
    if values.shape != (dimension,):
        raise ValueError(f"embedding has {values.size} values; this store's model has {dimension}")
    if not np.isfinite(values).all():
        raise ValueError("embedding holds a value that is not a finite number (NaN or infinity)")
    return values


def segment(record: dict[str, Any], max_chars: int) -> dict[str, Any]:
    keywords = record.get("keywords") or {}
    if not isinstance(keywords, dict) or len(keywords) > MAX_KEYWORDS or not all(
            isinstance(word, str) and isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= MAX_ID
            for word, n in keywords.items()):
        raise ValueError(f"keywords must map at most {MAX_KEYWORDS} words to counts")
    return {"id": record_id(record, "id"), "summary": text(record, "summary", max_chars),
            "keywords": {clean_text("keywords", word, 200, limit_key=None): n for word, n in keywords.items()},
            "n_themes": count(record, "n_themes", 1, 1), "n_visit": count(record, "n_visit", 0),
            "l_interaction": count(record, "l_interaction", 0), "archived": flag(record, "archived"),
            "last_access": seconds(record, "last_access", 0.0), "created_at": seconds(record, "created_at", 0.0)}


def chain(record: dict[str, Any], max_chars: int) -> dict[str, Any]:
    return {"id": record_id(record, "id"), "meta_info": text(record, "meta_info", max_chars)}


def page(record: dict[str, Any], max_chars: int) -> dict[str, Any]:
    """A page record checked like add_memory's arguments, its references like ids."""
    tier = record.get("tier", "short")
    if tier not in TIERS:
        raise ValueError(f"tier must be one of {', '.join(TIERS)}, got {str(tier)[:40]!r}")
    new = NewPage(user_input=text(record, "user_input", max_chars, required=True),
                  agent_response=text(record, "agent_response", max_chars),
                  timestamp=parse_timestamp(record.get("timestamp")),
                  meta_data=check_meta_data(record.get("meta_data")))
    references = {key: record_id(record, key, required=False) for key in ("segment", "chain", "pre_page", "next_page")}
    return {"id": record_id(record, "id"), "tier": tier, "page": new, **references,
            **{key: flag(record, key) for key in ("enriched", "analyzed", "learned")}}


def fact(record: dict[str, Any], max_chars: int) -> dict[str, Any]:
    kind = record.get("kind")
    if kind not in ("user", "assistant"):
        raise ValueError(f"kind must be user or assistant, got {str(kind)[:40]!r}")
    status = record.get("status", "current")
    if status not in ("current", "superseded"):
        raise ValueError(f"status must be current or superseded, got {str(status)[:40]!r}")
    sources = record.get("sources") or []
    if not isinstance(sources, list):
        raise ValueError("sources must be a list of page ids")
    first = text(record, "first_seen", 40) or text(record, "timestamp", 40)
    slot = record.get("slot")
    return {"id": record_id(record, "id", required=False), "kind": kind, "status": status,
            "knowledge": text(record, "knowledge", max_chars, required=True),
            "slot": None if slot is None else text(record, "slot", 200),
            "superseded_by": record_id(record, "superseded_by", required=False),
            "corrected": flag(record, "corrected"), "mentions": count(record, "mentions", 1, 1),
            "first_seen": first, "last_seen": text(record, "last_seen", 40) or first,
            "created_at": seconds(record, "created_at", 0.0) or None,
            "sources": [record_id({"sources": source}, "sources") for source in sources]}


def value(record: dict[str, Any], max_chars: int) -> dict[str, Any]:
    """A user-model value; its sources and closing page are page ids of the file."""
    status = record.get("status", "current")
    if status not in VALUE_STATUSES:
        raise ValueError(f"status must be one of {', '.join(VALUE_STATUSES)}, got {str(status)[:40]!r}")
    due, valid_to = record.get("due"), record.get("valid_to")
    return {"subject": text(record, "subject", 200, required=True),
            "attribute": text(record, "attribute", 200, required=True),
            "value": text(record, "value", max_chars, required=True), "detail": text(record, "detail", max_chars),
            "due": None if due is None else text(record, "due", 40),
            "valid_from": text(record, "valid_from", 40, required=True),
            "valid_to": None if valid_to is None else text(record, "valid_to", 40), "status": status,
            "sources": _ids(record, "sources"), "closed_by": record_id(record, "closed_by", required=False)}


def _ids(record: dict[str, Any], key: str) -> list[int]:
    found = record.get(key) or []
    if not isinstance(found, list):
        raise ValueError(f"{key} must be a list of page ids")
    return [check_id(key, item) for item in found]


def profile(record: dict[str, Any]) -> dict[str, Any]:
    return {"profile": text(record, "profile", 100_000), "updated_at": text(record, "updated_at", 40)}
