"""The PostgreSQL schema as numbered migrations; `schema_version` records how many ran.

Migrations run in one transaction under an advisory lock, so instances starting together apply each once.
Vectors are `vector` columns of any width; the HNSW index is made for the store's width once it is known
(`dense_index`), since an index needs one width.
"""

from __future__ import annotations

#: Taken while migrating: a second instance waits, then finds the schema current.
MIGRATION_LOCK = 7_260_421
#: The high half of promotion's advisory lock (the scope's hash is the low half): two instances never promote
#: one memory at once.
PROMOTION_LOCK = 7_260_422

_SCHEMA_1 = """
CREATE EXTENSION IF NOT EXISTS vector;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE chains (id BIGSERIAL PRIMARY KEY, meta_info TEXT NOT NULL DEFAULT '');
CREATE TABLE pages (
    id BIGSERIAL PRIMARY KEY,
    user_id TEXT NOT NULL,
    assistant_id TEXT NOT NULL,
    user_input TEXT NOT NULL,
    agent_response TEXT NOT NULL,
    timestamp TEXT COLLATE "C" NOT NULL,
    meta_data TEXT NOT NULL DEFAULT '{}',
    tier TEXT NOT NULL DEFAULT 'short' CHECK (tier IN ('short', 'mid', 'archived')),
    enriched INTEGER NOT NULL DEFAULT 0,
    segment_id BIGINT,
    pre_page BIGINT,
    next_page BIGINT,
    chain_id BIGINT,
    analyzed INTEGER NOT NULL DEFAULT 0,
    learned INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    retry_after DOUBLE PRECISION NOT NULL DEFAULT 0,
    created_at DOUBLE PRECISION NOT NULL,
    embedding vector NOT NULL,
    words tsvector GENERATED ALWAYS AS (to_tsvector('english', left(timestamp, 10) || ' ' || user_input || ' '
                                                    || agent_response)) STORED,
    cjk tsvector
);
CREATE INDEX pages_scope_tier ON pages (user_id, assistant_id, tier, id);
CREATE INDEX pages_scope_time ON pages (user_id, assistant_id, timestamp);
CREATE INDEX pages_segment ON pages (segment_id, analyzed);
CREATE INDEX pages_pending ON pages (user_id, assistant_id, id) WHERE tier = 'mid' AND enriched = 0;
CREATE INDEX pages_to_learn ON pages (user_id, assistant_id, id) WHERE learned = 0;
CREATE INDEX pages_words ON pages USING gin (words) WHERE tier != 'archived';
CREATE INDEX pages_cjk ON pages USING gin (cjk) WHERE tier != 'archived';
CREATE TABLE segments (
    id BIGSERIAL PRIMARY KEY,
    user_id TEXT NOT NULL,
    assistant_id TEXT NOT NULL,
    summary TEXT NOT NULL,
    keywords TEXT NOT NULL DEFAULT '{}',
    embedding vector NOT NULL,
    n_themes INTEGER NOT NULL DEFAULT 1,
    n_visit INTEGER NOT NULL DEFAULT 0,
    l_interaction INTEGER NOT NULL DEFAULT 0,
    last_access DOUBLE PRECISION NOT NULL,
    created_at DOUBLE PRECISION NOT NULL,
    archived INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX segments_scope ON segments (user_id, assistant_id, archived);
CREATE TABLE knowledge (
    id BIGSERIAL PRIMARY KEY,
    user_id TEXT NOT NULL,
    assistant_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('user', 'assistant')),
    knowledge TEXT NOT NULL,
    slot TEXT,
    status TEXT NOT NULL DEFAULT 'current' CHECK (status IN ('current', 'superseded')),
    superseded_by BIGINT,
    corrected INTEGER NOT NULL DEFAULT 0,
    mentions INTEGER NOT NULL DEFAULT 1,
    first_seen TEXT COLLATE "C" NOT NULL,
    last_seen TEXT COLLATE "C" NOT NULL,
    created_at DOUBLE PRECISION NOT NULL,
    embedding vector NOT NULL,
    words tsvector GENERATED ALWAYS AS (to_tsvector('english', knowledge)) STORED
);
CREATE INDEX knowledge_scope ON knowledge (user_id, assistant_id, kind, status, id);
CREATE INDEX knowledge_words ON knowledge USING gin (words);
CREATE TABLE knowledge_sources (
    knowledge_id BIGINT NOT NULL REFERENCES knowledge (id) ON DELETE CASCADE,
    page_id BIGINT NOT NULL,
    wording TEXT,
    PRIMARY KEY (knowledge_id, page_id)
);
CREATE INDEX knowledge_sources_page ON knowledge_sources (page_id);
CREATE TABLE profiles (
    user_id TEXT NOT NULL,
    assistant_id TEXT NOT NULL,
    profile TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (user_id, assistant_id)
);
CREATE TABLE counters (
    user_id TEXT NOT NULL,
    assistant_id TEXT NOT NULL,
    name TEXT NOT NULL,
    value BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, assistant_id, name)
);
CREATE TABLE model_values (
    id BIGSERIAL PRIMARY KEY,
    user_id TEXT NOT NULL,
    assistant_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    attribute TEXT NOT NULL,
    value TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    due TEXT,
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    status TEXT NOT NULL DEFAULT 'current' CHECK (status IN ('current', 'past', 'done', 'expired')),
    closed_by BIGINT
);
CREATE INDEX model_values_scope ON model_values (user_id, assistant_id, status, id);
CREATE TABLE model_sources (
    value_id BIGINT NOT NULL REFERENCES model_values (id) ON DELETE CASCADE,
    page_id BIGINT NOT NULL,
    PRIMARY KEY (value_id, page_id)
);
CREATE INDEX model_sources_page ON model_sources (page_id);
INSERT INTO meta (key, value) VALUES ('data_version', '0');
"""

#: Migrations, applied in order: the SQL of each.
MIGRATIONS: list[str] = [_SCHEMA_1]


def dense_index(dimension: int) -> str:
    """The HNSW cosine index over the searchable pages' vectors of one width (made once the width is known)."""
    return (f"CREATE INDEX IF NOT EXISTS pages_dense_{dimension} ON pages USING hnsw "
            f"((embedding::vector({dimension})) vector_cosine_ops) WHERE tier != 'archived'")
