"""What a query keeps: whose memory (the scope), which tiers, and which stretch of time.

One value per question, rendered once to SQL (store/sql.py) and once in Python (the methods here),
used by the search of pages and of facts alike. A window is half-open, [start, end), everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scope:
    """Whose memory: pages, segments, facts and the profile belong to a (user, assistant) pair."""

    user_id: str
    assistant_id: str


@dataclass(frozen=True)
class TimeWindow:
    """[start, end) as stored-timestamp strings; None leaves that side open.

    Stored timestamps are 'YYYY-MM-DD HH:MM:SS', so string order is time order.
    """

    start: str | None = None
    end: str | None = None

    def contains(self, timestamp: str) -> bool:
        return (self.start is None or timestamp >= self.start) and (self.end is None or timestamp < self.end)

    def overlaps(self, first: str, last: str) -> bool:
        """Whether [first, last] (a fact's first and last mention) meets the window."""
        return (self.start is None or last >= self.start) and (self.end is None or first < self.end)

    def bounds(self) -> tuple[str, str]:
        """(start, end) with open sides filled, for one SQL `timestamp >= ? AND timestamp < ?`."""
        return self.start or "", self.end or "\uffff"


@dataclass(frozen=True)
class PageFilter:
    """The pages a search keeps: mid-term ones and the given short-term ones, inside the window."""

    window: TimeWindow | None = None
    short: frozenset[int] = frozenset()

    @property
    def tiers(self) -> tuple[str, ...]:
        return ("mid", "short") if self.short else ("mid",)

    def keeps(self, page_id: int, tier: str, timestamp: str) -> bool:
        return (tier == "mid" or page_id in self.short) and (self.window is None or self.window.contains(timestamp))
