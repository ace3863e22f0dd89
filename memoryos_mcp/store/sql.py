"""SQL fragments every repository shares: the scope filter and a page filter, each written once."""

from __future__ import annotations

from collections.abc import Sequence

from ..filters import PageFilter, Scope, TimeWindow


def marks(values: Sequence[object]) -> str:
    """`?, ?, ?`: one placeholder per value, for an `IN (...)` list."""
    return ",".join("?" * len(values))


def scope_sql(scope: Scope, alias: str = "") -> tuple[str, tuple[str, str]]:
    """The WHERE clause that keeps one scope's rows, and its parameters: the only place it is written."""
    column = f"{alias}." if alias else ""
    return f"{column}user_id = ? AND {column}assistant_id = ?", (scope.user_id, scope.assistant_id)


def window_sql(window: TimeWindow | None, column: str = "timestamp") -> tuple[str, list[object]]:
    """` AND` the clause keeping timestamps inside the window, [start, end), or nothing for no window."""
    if window is None:
        return "", []
    return f" AND {column} >= ? AND {column} < ?", list(window.bounds())


def page_filter_sql(scope: Scope, keep: PageFilter, alias: str = "p") -> tuple[str, list[object]]:
    """The WHERE clause (on pages `alias`) that keeps this scope's pages of the filter's tiers in its window."""
    where, params = scope_sql(scope, alias)
    sql = f"{where} AND {alias}.tier IN ({marks(keep.tiers)})"
    within, bounds = window_sql(keep.window, f"{alias}.timestamp")
    return sql + within, [*params, *keep.tiers, *bounds]
