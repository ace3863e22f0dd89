"""Single-valued subjects of a fact ("lives in", "works at"): a newer statement replaces the older one."""

from __future__ import annotations

import re

#: Single-valued subjects: a newer statement replaces the older one ("I moved to Porto").
_SLOTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE)) for name, pattern in (
        ("home", r"^(?:User|Assistant) (?:now )?(?:lives|is living|moved|has moved|relocated) (?:in|to) (?P<v>.+)$"),
        ("employer", r"^(?:User|Assistant) (?:now )?(?:works|is working) (?:at|for) (?P<v>.+)$"),
        ("job", r"^(?:User|Assistant) (?:now )?works as (?P<v>.+)$"),
        ("name", r"^(?:User|Assistant)'s name is (?P<v>.+)$"),
        ("age", r"^(?:User|Assistant) is (?P<v>\d+) years old"),
        ("relationship", r"^(?:User|Assistant) is (?P<v>single|married|engaged|divorced|widowed|dating .+)$"),
        ("favourite", r"^(?:User|Assistant)'s (?P<k>favou?rite [\w ]{1,30}?) is (?P<v>.+)$"),
    )
)


def slot_of(text: str) -> tuple[str, str] | None:
    """(subject, value) for a fact about a single-valued subject, else None."""
    clean = text.strip().rstrip(".")
    clean = re.sub(r"\s+\((?:mentioned )?on \d{4}-\d\d-\d\d\)$", "", clean)
    for name, pattern in _SLOTS:
        match = pattern.match(clean)
        if match:
            key = f"{name}:{match.group('k').lower()}" if "k" in pattern.groupindex else name
            return key, match.group("v").strip().lower()
    return None
