"""The profiles table: one written profile per scope."""

from __future__ import annotations

from ..filters import Scope
from .sql import scope_sql
from .sqlite import Store


class ProfileRepository:
    """One scope's profile text and when it was last written."""

    def __init__(self, store: Store, scope: Scope) -> None:
        self.store = store
        self._where, self._who = scope_sql(scope)

    def get(self) -> tuple[str, str] | None:
        """(profile, updated at), or None when the scope has none."""
        rows = self.store.query(f"SELECT profile, updated_at FROM profiles WHERE {self._where}", self._who)
        return (rows[0]["profile"], rows[0]["updated_at"]) if rows else None

    def put(self, text: str, updated_at: str) -> None:
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO profiles (user_id, assistant_id, profile, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (user_id, assistant_id) DO UPDATE SET profile = excluded.profile, "
                "updated_at = excluded.updated_at", (*self._who, text, updated_at))

    def put_if_absent(self, text: str, updated_at: str) -> bool:
        """Set the profile unless the scope has one already (an import never overwrites); True if set."""
        with self.store.transaction() as conn:
            return conn.execute("INSERT OR IGNORE INTO profiles (user_id, assistant_id, profile, updated_at) "
                                "VALUES (?, ?, ?, ?)", (*self._who, text, updated_at)).rowcount > 0

    def delete(self) -> int:
        with self.store.transaction() as conn:
            return int(conn.execute(f"DELETE FROM profiles WHERE {self._where}", self._who).rowcount)
