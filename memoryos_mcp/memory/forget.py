"""Forgetting pages: everything derived from them goes too, and no trace stays in the database file.

A page lives in its row, the full-text index, the vector index (rebuilt by the caller), its dialogue
chain (neighbours relinked, the chain's running summary rebuilt) and its topic segment (rebuilt from
the pages left, or removed when empty). Summaries are rebuilt with the offline rules: deterministic,
local, and built only from what is left, so a deleted sentence cannot survive in one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..errors import InvalidInputError
from ..language import text as tx
from ..language.offline import OfflineLLM
from ..search.segment_index import segment_direction
from ..store.protocol import Knowledge, Pages, Profiles, Segments
from ..validation import check_id

#: Most ids one delete call takes.
MAX_IDS_PER_CALL = 1000


@dataclass
class Forgotten:
    page_ids: list[int]
    removed_segments: list[int] = field(default_factory=list)
    refreshed_segments: list[int] = field(default_factory=list)


def check_ids(name: str, value: Any) -> list[int]:
    """A non-empty list of integer ids, each once, in the order given."""
    if not isinstance(value, list) or not value:
        raise InvalidInputError(f"{name} must be a non-empty list of integer ids")
    if len(value) > MAX_IDS_PER_CALL:
        raise InvalidInputError(f"{name} holds {len(value)} ids; the limit is {MAX_IDS_PER_CALL} per call")
    return list(dict.fromkeys(check_id(name, item) for item in value))


def delete_pages(pages: Pages, segments: Segments, rules: OfflineLLM, ids: list[int]) -> Forgotten:
    """Delete the scope's pages (all or nothing), then rebuild what held them. Runs in the caller's transaction;
    the caller then forgets the facts learnt only from these pages and purges the full-text indexes.

    Any id that is absent, or another user's, is refused as not found.
    """
    owned = pages.owned(ids)
    missing = sorted(set(ids) - {page.id for page in owned})
    if missing:
        shown = ", ".join(map(str, missing[:10])) + (" ..." if len(missing) > 10 else "")
        raise InvalidInputError(f"page_ids: no page {shown} in this memory; nothing was deleted")
    pages.delete(ids)
    for chain_id in {page.chain_id for page in owned if page.chain_id is not None}:
        _rebuild_chain(pages, segments, rules, chain_id)
    forgotten = Forgotten(page_ids=ids)
    for segment_id in sorted({page.segment_id for page in owned if page.segment_id is not None}):
        if _rebuild_segment(pages, segments, rules, segment_id):
            forgotten.refreshed_segments.append(segment_id)
        else:
            forgotten.removed_segments.append(segment_id)
    return forgotten


def _rebuild_chain(pages: Pages, segments: Segments, rules: OfflineLLM, chain_id: int) -> None:
    """The chain's running summary, folded again over the pages it has left; an empty chain goes."""
    texts, _ = pages.texts_of("chain_id", chain_id)
    if not texts:
        segments.delete_chains([chain_id])
        return
    meta = ""
    for page in texts:
        meta = rules.chain_meta(meta, page)
    segments.set_chain_meta(chain_id, meta)


def _rebuild_segment(pages: Pages, segments: Segments, rules: OfflineLLM, segment_id: int) -> bool:
    """Summary, keywords and direction from the segment's remaining pages; False when none is left."""
    texts, analyzed = pages.texts_of("segment_id", segment_id)
    if not texts:
        segments.delete(segment_id)
        return False
    theme = rules.themes(texts)[0]
    keywords: Counter[str] = Counter()
    for page in texts:  # as assignment counts them: each page's own keywords once
        keywords.update(tx.keywords(page.text, k=8))
    direction = segment_direction([p.embedding for p in texts if p.embedding is not None])
    segments.rebuild(segment_id, theme.summary, keywords, direction, len(texts), analyzed.count(False))
    return True


def forget_scope(pages: Pages, segments: Segments, knowledge: Knowledge,
                 profiles: Profiles) -> dict[str, int]:
    """Every page, chain, segment, fact, counter and the profile of one scope (the assistant's shared
    persona stays). Runs in the caller's transaction."""
    ids, chains = pages.delete_all()
    segments.delete_chains(sorted(chains))
    removed = segments.delete_all()
    facts = knowledge.delete_all()
    profile = profiles.delete()
    return {"pages": len(ids), "segments": removed, "knowledge": facts, "profile": profile}
