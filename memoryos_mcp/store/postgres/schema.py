"""The PostgreSQL schema as numbered migrations; `schema_version` records how many ran.

Migrations run in one transaction under an advisory lock, so instances starting together apply each once.
Vectors are `vector` columns of any width; the HNSW index is made for the store's width once it is known
(`dense_index`), since an index needs one width.

The index is on `page_vectors`, a copy of the searchable pages' vectors that a trigger keeps in step with
`pages`, not on `pages` itself: a page's row is updated half a dozen times as it is placed, enriched and
learnt from, and each update of an indexed row adds one more entry to an HNSW graph (until VACUUM), which
made every such update an HNSW insertion and filled the graph with dead entries that crowd a search's
`ef_search` candidates out (recall 0.94 at 100k pages; see BENCHMARKS.md).
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

_PAGE_VECTORS_2 = """
CREATE TABLE page_vectors (
    page_id BIGINT PRIMARY KEY REFERENCES pages (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL,
    assistant_id TEXT NOT NULL,
    embedding vector NOT NULL
);
INSERT INTO page_vectors SELECT id, user_id, assistant_id, embedding FROM pages WHERE tier != 'archived';
CREATE FUNCTION page_vectors_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        DELETE FROM page_vectors WHERE page_id = OLD.id;
    END IF;
    IF NEW.tier != 'archived' THEN
        INSERT INTO page_vectors VALUES (NEW.id, NEW.user_id, NEW.assistant_id, NEW.embedding);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER pages_vector_inserted AFTER INSERT ON pages FOR EACH ROW EXECUTE FUNCTION page_vectors_follow();
CREATE TRIGGER pages_vector_changed AFTER UPDATE OF tier, embedding ON pages FOR EACH ROW
    WHEN ((OLD.tier = 'archived') != (NEW.tier = 'archived') OR OLD.embedding IS DISTINCT FROM NEW.embedding)
    EXECUTE FUNCTION page_vectors_follow();
DO $$
DECLARE old_index TEXT;
BEGIN
    FOR old_index IN SELECT indexname FROM pg_indexes WHERE tablename = 'pages' AND indexname LIKE 'pages_dense_%' LOOP
        EXECUTE format('DROP INDEX %I', old_index);
    END LOOP;
END $$;
"""

#: One user's vectors found without the HNSW graph: the planner can scan a small user's pages exactly, where an
#: HNSW scan over every user's pages may stop before it finds k of that user's.
_PAGE_VECTORS_SCOPE_3 = """
CREATE INDEX page_vectors_scope ON page_vectors (user_id, assistant_id);
"""

#: Migrations, applied in order: the SQL of each.
MIGRATIONS: list[str] = [_SCHEMA_1, _PAGE_VECTORS_2, _PAGE_VECTORS_SCOPE_3]

#: HNSW graph links per node and candidate list while building: twice pgvector's defaults (16, 64), for recall
#: of at least 0.95 of exact search at `hnsw.ef_search` 1000 on clustered vectors (BENCHMARKS.md).
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 128


def dense_index(dimension: int) -> str:
    """The HNSW cosine index over the searchable pages' vectors of one width (made once the width is known)."""
    return (f"CREATE INDEX IF NOT EXISTS page_vectors_dense_{dimension} ON page_vectors USING hnsw "
            f"((embedding::vector({dimension})) vector_cosine_ops) "
            f"WITH (m = {HNSW_M}, ef_construction = {HNSW_EF_CONSTRUCTION})")
