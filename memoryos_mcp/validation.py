"""Checks on caller input: every failure names the argument and what was expected."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import datetime, timezone
from typing import Any

from .errors import InvalidInputError

MAX_RESULTS_LIMIT = 100
#: Ids are SQLite rowids: positive and below 2**63.
MAX_ID = 2**63 - 1
MAX_META_DATA_BYTES = 64 * 1024
MAX_META_DATA_DEPTH = 8
#: C0 controls except tab, newline and carriage return; DEL; the C1 controls U+0080-U+009F.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def now_timestamp() -> str:
    """The current time in UTC: stored times are UTC whenever the zone is known (see parse_timestamp)."""
    return datetime.now(timezone.utc).replace(tzinfo=None).isoformat(sep=" ", timespec="seconds")


def _is_blank(value: str) -> bool:
    """Nothing visible: only whitespace and invisible format characters (zero-width spaces and joiners,
    direction marks and isolates, soft hyphens, byte-order marks: Unicode category Cf)."""
    return all(char.isspace() or unicodedata.category(char) == "Cf" for char in value)


def clean_text(name: str, value: Any, max_chars: int, required: bool = True,
               limit_key: str | None = "max_text_chars") -> str:
    """A string argument with control characters removed; refuses non-strings, blanks and huge text."""
    if not isinstance(value, str):
        raise InvalidInputError(f"{name} must be a string, got {type(value).__name__}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInputError(f"{name} is not valid Unicode text (it contains a lone surrogate)") from None
    value = _CONTROL.sub("", value)
    if required and _is_blank(value):
        raise InvalidInputError(f"{name} must be a non-empty string")
    if len(value) > max_chars:
        where = f" (config key {limit_key})" if limit_key else ""
        raise InvalidInputError(f"{name} is {len(value)} characters long; the limit is {max_chars}{where}")
    return value


def parse_timestamp(value: Any) -> str:
    """`YYYY-MM-DD HH:MM:SS`, a date, or ISO 8601; None or blank means now.

    One rule, whatever the server's time zone: a time with an offset (`Z`, `+09:00`) is converted to UTC;
    a time without one is kept as given (read as UTC); "now" is UTC. Stored times then sort in real-time
    order, also across daylight-saving changes.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return now_timestamp()
    if not isinstance(value, str):
        raise InvalidInputError(f"timestamp must be a string, got {type(value).__name__}")
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    except (ValueError, OverflowError):  # OverflowError: an offset pushing year 1 or 9999 out of range
        raise InvalidInputError(
            f"timestamp {value[:60]!r} is not understood: expected 'YYYY-MM-DD HH:MM:SS' or ISO 8601 "
            "(e.g. 2025-01-31T14:05:00Z), or omit it for the current time"
        ) from None
    return parsed.isoformat(sep=" ", timespec="seconds")  # strftime would not zero-pad years before 1000


def _depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


def check_meta_data(value: Any) -> dict[str, Any]:
    """A JSON object of bounded size and depth, stored with the page and returned with it."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InvalidInputError(f"meta_data must be a JSON object (dict), got {type(value).__name__}")
    if _depth(value) > MAX_META_DATA_DEPTH:
        raise InvalidInputError(f"meta_data is nested more than {MAX_META_DATA_DEPTH} levels deep")
    try:
        encoded = json.dumps(value, ensure_ascii=False, allow_nan=False)
        size = len(encoded.encode("utf-8"))
    except (TypeError, ValueError, UnicodeEncodeError) as exc:
        raise InvalidInputError(f"meta_data must be JSON-serialisable: {exc}") from None
    if size > MAX_META_DATA_BYTES:
        raise InvalidInputError(f"meta_data is {size} bytes as UTF-8 JSON; the limit is {MAX_META_DATA_BYTES}")
    return json.loads(encoded)


def check_max_results(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(f"max_results must be an integer, got {type(value).__name__}")
    if not 1 <= value <= MAX_RESULTS_LIMIT:
        raise InvalidInputError(f"max_results must be between 1 and {MAX_RESULTS_LIMIT}, got {value}")
    return value


def check_id(name: str, value: Any) -> int:
    """A stored id: a positive integer below 2**63. `true` is not 1 here: a boolean is a caller's mistake."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(f"{name} must be an integer id, got {type(value).__name__}")
    if not 1 <= value <= MAX_ID:
        raise InvalidInputError(f"{name} must be a positive integer below 2**63, got {str(value)[:30]}")
    return value


def parse_id(name: str, text: str) -> int:
    """An id written in a URI: ASCII digits only (int() would also take '²'-like digits, signs and spaces)."""
    if not re.fullmatch(r"[0-9]{1,19}", text):
        raise InvalidInputError(f"{name} must be a positive integer below 2**63, got {text[:40]!r}")
    return check_id(name, int(text))
