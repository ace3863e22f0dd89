"""SQL fragments the PostgreSQL repositories share: the page filter, a full-text OR-query, vectors read back."""

from __future__ import annotations

from typing import Any

import numpy as np

from ...filters import PageFilter, Scope


def page_filter(scope: Scope, keep: PageFilter, alias: str = "p") -> tuple[str, list[Any]]:
    """The WHERE clause (on pages `alias`) keeping this scope's pages of the filter's tiers in its window."""
    sql = f"{alias}.user_id = %s AND {alias}.assistant_id = %s AND {alias}.tier = ANY(%s)"
    params: list[Any] = [scope.user_id, scope.assistant_id, list(keep.tiers)]
    if keep.window is not None:
        sql += f" AND {alias}.timestamp >= %s AND {alias}.timestamp < %s"
        params += list(keep.window.bounds())
    return sql, params


def any_term(config: str, terms: list[str]) -> tuple[str, list[str]]:
    """A tsquery matching any of the terms, each parsed as plain text (user text is never query syntax)."""
    assert config in ("english", "simple")
    if not terms:
        return "to_tsquery('simple', '')", []
    return "(" + " || ".join([f"plainto_tsquery('{config}', %s)"] * len(terms)) + ")", list(terms)


def vector_of(value: Any) -> np.ndarray:
    """A stored vector (pgvector's `Vector`) as a float32 array."""
    return np.asarray(value.to_numpy() if hasattr(value, "to_numpy") else value, dtype=np.float32)
