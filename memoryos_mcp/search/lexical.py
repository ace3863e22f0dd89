"""Lexical search: a query's words as full-text terms, ranking of pages and facts, and rare words.

The store runs the full-text queries (FTS5 BM25 on SQLite: store/pages.py, store/knowledge.py); this
module decides what to ask and what counts as a match.
"""

from __future__ import annotations

from ..filters import PageFilter
from ..language.text import MONTHS, WEEKDAYS, cjk_terms, content_words, identifiers, tokenize
from ..store.protocol import FullText, Knowledge, Pages

#: FTS5 gives a word found in more than half of all rows an IDF of 1e-6, so a BM25 score below this
#: comes from such words alone (a name said in every exchange, "User" in every fact): no lexical evidence.
BM25_FLOOR = 1e-3
#: A word found in more pages than this, anywhere in the store, is not rare enough to name one page.
RARE_LIMIT = 20
#: Facts read from the full-text index per query.
FACT_MATCHES = 1000
#: Every mid-term page, at any time.
MID_TERM = PageFilter()


def query_terms(query: str) -> list[str]:
    """The query's words to look up: its content words, or all its words when it has none."""
    return list(dict.fromkeys(content_words(query))) or list(dict.fromkeys(tokenize(query)))


def lexical_search(pages: Pages, query: str, k: int, keep: PageFilter = MID_TERM) -> list[tuple[int, float]]:
    """(page id, BM25 score, higher is better) for pages matching any query word, best first.

    Words are matched in pages_fts; Korean, Chinese and Japanese text, whose words the word
    tokenizer cannot find, by its character pairs in pages_cjk, and the two scores are added.
    """
    if k <= 0:
        return []
    terms = query_terms(query)
    found = pages.ranked("words", terms, keep, k) if terms else []
    pairs = list(dict.fromkeys(cjk_terms(query)))
    if not pairs:
        return found
    total = dict(found)
    for page_id, score in pages.ranked("cjk", pairs, keep, k):
        total[page_id] = total.get(page_id, 0.0) + score
    return sorted(total.items(), key=lambda item: item[1], reverse=True)[:k]


def sole_matches(pages: Pages, query: str, keep: PageFilter) -> dict[int, int]:
    """Page id -> how many of the query's rare words occur in that page and in no other of this scope.

    Such a word (an order number, a name, a code) says which page is meant more surely than any
    similarity can, so ranking puts that page first. Each word's few matches are read from the
    full-text index alone (a join would walk the scope's pages for a word that is not there).
    """
    matches: list[list[int]] = []
    names = [w for w in dict.fromkeys(identifiers(query)) if w not in MONTHS and w not in WEEKDAYS]  # time: not a name
    words: list[tuple[FullText, str]] = [("words", w) for w in names]
    words += [("cjk", t) for t in dict.fromkeys(cjk_terms(query))]
    for index, word in words[:32]:
        found = pages.full_text_ids(index, [word], RARE_LIMIT + 1)
        if 0 < len(found) <= RARE_LIMIT:
            matches.append(found)
    mine = pages.kept(sorted({i for found in matches for i in found}), keep)
    counts: dict[int, int] = {}
    for found in matches:
        here = [i for i in found if i in mine]
        if len(here) == 1:
            counts[here[0]] = counts.get(here[0], 0) + 1
    return counts


def fact_matches(knowledge: Knowledge, query: str, ids: set[int]) -> dict[int, float]:
    """BM25 (higher is better) of the facts among `ids` that share an informative word with the query
    (BM25_FLOOR: "user" is in every fact, and scaled by the best score it would count as a match)."""
    terms = query_terms(query)
    if not terms:
        return {}
    found = knowledge.full_text(terms, FACT_MATCHES)
    return {fact_id: score for fact_id, score in found.items() if fact_id in ids and score >= BM25_FLOOR}
