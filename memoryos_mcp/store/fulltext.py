"""The full-text indexes of pages: words (pages_fts) and Korean/Chinese/Japanese character pairs (pages_cjk).

Kept apart from the pages table's other queries because the schema's migrations rebuild them too.
"""

from __future__ import annotations

import logging
import sqlite3

from ..language.text import cjk_terms

logger = logging.getLogger(__name__)

#: A page's full-text document: its date (so "2024-03-01" matches), then both sides of the exchange.
_FTS_BODY = "substr(timestamp, 1, 10) || char(10) || user_input || char(10) || agent_response"

#: The FTS5 table of each page full-text index.
FTS_TABLES = {"words": "pages_fts", "cjk": "pages_cjk"}
#: Terms of one query at most: a pasted text does not become a query of thousands of terms.
MAX_TERMS = 64


def match_any(terms: list[str]) -> str:
    """An FTS5 OR-query of the terms, each quoted so user text is never FTS syntax."""
    return " OR ".join('"' + term.replace('"', '""') + '"' for term in terms[:MAX_TERMS])


def index_page(conn: sqlite3.Connection, page_id: int, text: str) -> None:
    """Add a stored page (`text`: its two sides) to both full-text indexes."""
    conn.execute(f"INSERT INTO pages_fts (rowid, body) SELECT id, {_FTS_BODY} FROM pages WHERE id = ?", (page_id,))
    index_cjk(conn, page_id, text)


def index_cjk(conn: sqlite3.Connection, page_id: int, text: str) -> None:
    """A page with Korean, Chinese or Japanese text also gets a row of its character pairs in pages_cjk."""
    terms = cjk_terms(text)
    if terms:
        conn.execute("INSERT INTO pages_cjk (rowid, body) VALUES (?, ?)", (page_id, " ".join(terms)))


def drop_from_full_text(conn: sqlite3.Connection, ids: list[int]) -> None:
    """Take pages out of both full-text indexes (words, and Korean/Chinese/Japanese character pairs)."""
    for table in ("pages_fts", "pages_cjk"):
        conn.executemany(f"DELETE FROM {table} WHERE rowid = ?", [(page_id,) for page_id in ids])


def repair_full_text_index(conn: sqlite3.Connection) -> int:
    """Make the full-text index hold exactly the non-archived pages; returns how many rows disagreed.

    Pages and their index rows are written in one transaction, so they only disagree after outside
    damage (a hand edit, a partial restore, a bug); then the index is rebuilt from the pages table.
    """
    expected = conn.execute("SELECT COUNT(*) FROM pages WHERE tier != 'archived'").fetchone()[0]
    indexed = conn.execute("SELECT COUNT(*) FROM pages_fts").fetchone()[0]
    missing = conn.execute("SELECT COUNT(*) FROM pages WHERE tier != 'archived' "
                           "AND id NOT IN (SELECT rowid FROM pages_fts)").fetchone()[0]
    extra = indexed - (expected - missing)
    stale = conn.execute("SELECT COUNT(*) FROM pages_cjk WHERE rowid NOT IN "
                         "(SELECT id FROM pages WHERE tier != 'archived')").fetchone()[0]
    if missing == 0 and extra == 0 and stale == 0:
        return 0
    logger.warning("full-text index disagrees with the pages table (%d missing, %d extra rows, %d stale "
                   "CJK rows): rebuilding", missing, extra, stale)
    conn.execute("DELETE FROM pages_fts")
    conn.execute(f"INSERT INTO pages_fts (rowid, body) SELECT id, {_FTS_BODY} FROM pages WHERE tier != 'archived'")
    rebuild_cjk_index(conn)
    return missing + extra + stale


def rebuild_cjk_index(conn: sqlite3.Connection) -> None:
    """Fill pages_cjk afresh from every searchable page (a migration and a repair both need it)."""
    conn.execute("DELETE FROM pages_cjk")
    for row in conn.execute("SELECT id, user_input, agent_response FROM pages WHERE tier != 'archived'").fetchall():
        index_cjk(conn, row[0], f"{row[1]}\n{row[2]}")


def purge(conn: sqlite3.Connection) -> None:
    """FTS5 only marks deleted rows until its segments merge; merging now drops their words for good."""
    for table in ("pages_fts", "pages_cjk", "knowledge_fts"):
        conn.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
