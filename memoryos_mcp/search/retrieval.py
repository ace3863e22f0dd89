"""Page search: dense and lexical candidates from the store (FAISS, FTS5 BM25 on SQLite), fused, with a
topic-segment prior, the dialogue-chain neighbour bonus, a rare-word exactness rule, time windows and, for a
question about the present, the newer pages on its subject first."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..filters import PageFilter, TimeWindow
from ..records import Candidate
from ..store.protocol import Dense, Pages
from .expansion import NO_EXPANSION, Expansion
from .lexical import BM25_FLOOR, lexical_search, sole_matches

Mode = Literal["hybrid", "lexical", "dense"]
MODES: tuple[str, ...] = ("hybrid", "lexical", "dense")
#: Added to the score of a page that alone holds a query word, per such word. With the default weights
#: a fused score is at most 0.9 (lexical + dense) + 0.18 (segment prior: 0.2 x 0.9) + 0.432 (neighbour:
#: 0.4 x 1.08) + 0.05 (facts) + 0.3 (values) = 1.862, plus 2.0 for a page inside a period the query names (or at
#: most 0.8 for the newer pages on the subject of a question about the present): 4.0 ranks such a page above every
#: page without one, those of the named period included.
EXACT_BONUS = 4.0
#: Fused scores are relative to the candidates, so some page always scores well. A short-term page is
#: only marked a hit with absolute evidence too (`_evidence`): a query word in it, a cosine this high
#: (unrelated sentences sit near 0.1 with the bundled model, paraphrases above 0.4), a fact answering
#: the question learnt from it, or its time inside the period the question names.
DENSE_FLOOR = 0.35
#: A question about the present ranks up the newer of the pages whose cosine reaches this share of the best
#: candidate's: pages on its subject (see FusionWeights.recent).
RECENT_SHARE = 0.6
#: How many of a segment's best candidate pages make its score in the segment prior.
SEGMENT_EVIDENCE = 3
#: Pages the fact expansion adds to the candidates at most (the fact search's best facts' sources).
FACT_CANDIDATES = 50
#: Source pages looked up per query while choosing them: one SQL variable each, well within SQLite's limit.
FACT_LOOKUP = 4 * FACT_CANDIDATES


@dataclass(frozen=True)
class FusionWeights:
    """How much each signal counts in the hybrid score (each signal is scaled to [0, 1] first)."""

    lexical: float = 0.5
    dense: float = 0.4
    #: Weight of the topic-segment prior: a page's own score again, times how well its segment matches.
    segment: float = 0.2
    #: Share of the better dialogue-chain neighbour's score a page inherits: a question often
    #: matches the turn that sets a topic up while the answer sits in the next exchange.
    neighbour: float = 0.4
    #: Added to pages inside the period a time phrase of the query names ("last week", "in May 2023"):
    #: above any fused score without it (1.862), so that period's pages rank first ("What did I do last
    #: weekend?"), short-term ones included.
    time: float = 2.0
    #: 1 lets a page that alone holds a query word rank first (EXACT_BONUS); 0 turns the rule off.
    exact: float = 1.0
    #: Most added to a page that is the source of a fact answering the question (expansion.py):
    #: below the lexical and dense evidence, so it settles close calls.
    facts: float = 0.05
    #: Most added to a page that is the source of a user-model value answering the question (expansion.py): a
    #: question in other words than its page ("Which nut must I steer clear of?" / "allergic to hazelnuts") reaches
    #: it through the value. Chosen on the usermodel dev + tune cases: 0.3 raised paraphrase evidence 0.426 ->
    #: 0.553 and moved no other question; 0.6 reached 0.596 but lost a multi and a current question.
    values: float = 0.3
    #: Added to a page the user model's current value answering the question was read from: what is true
    #: now ("Where do I live now?" -> the page that said the move), above the pages that only share words.
    known: float = 1.0
    #: Most added, for a question about the present ("Where do I work now?"), to the newest of the pages on its
    #: subject (RECENT_SHARE), in proportion to their order in time: the newest exchange that said the value
    #: or changed it holds what is true now, while older ones on the subject share as many words with the
    #: question. Below the time bonus: a question naming a period is not about the present.
    recent: float = 0.8
    #: 1 searches the names the user's facts give to "my cat", "my sister" too (expansion.py); 0: off.
    names: float = 1.0
    #: Candidates fetched from each side, as a multiple of k (at least `min_candidates`).
    candidate_factor: int = 5
    min_candidates: int = 200


@dataclass(frozen=True)
class Query:
    """One search: the text, its vector, and the time limits that apply to it."""

    text: str
    vector: np.ndarray
    #: Hard limit (the `after` / `before` arguments): nothing outside it is returned.
    window: TimeWindow | None = None
    #: Soft limit (a time phrase in the text): pages inside it rank higher.
    hint: TimeWindow | None = None
    #: What the user's facts add: names searched too, pages they come from.
    expansion: Expansion = NO_EXPANSION
    #: The question asks what holds now ("What do I do for exercise these days?"): the newer pages on its
    #: subject rank higher.
    present: bool = False


class PageSearch:
    """Ranks mid-term pages from the store's dense and lexical candidates."""

    def __init__(self, pages: Pages, dense: Dense, weights: FusionWeights | None = None) -> None:
        self.pages = pages
        self.dense = dense
        self.weights = weights or FusionWeights()

    def rank(self, query: Query, k: int, mode: Mode, top_segments: int,
             short: frozenset[int] = frozenset()) -> list[tuple[int, float]]:
        """(page id, score) of the k best mid-term pages, best first; in hybrid mode also the `short`
        (short-term) pages that score as well as the k-th of them, so a caller can mark those as hits."""
        depth = max(self.weights.min_candidates, self.weights.candidate_factor * k)
        keep = PageFilter(query.window, short)
        dense = self.dense.search(query.vector, depth + len(short))  # short-term pages are in the index too
        if mode == "dense":
            return self._keep(dense, PageFilter(query.window))[:k]
        names = query.expansion.names if self.weights.names else ()
        lexical = lexical_search(self.pages, " ".join((query.text, *names)), depth, keep)
        if mode == "lexical":
            return self._keep(lexical, PageFilter(query.window))[:k]
        extra = [i for limit in (query.window, query.hint) if limit
                 for i in self.pages.newest(PageFilter(limit, short), depth)]
        if self.weights.facts:
            extra += self._fact_candidates(query.expansion.pages, keep)
        if self.weights.values:
            extra += self._fact_candidates(query.expansion.values, keep)
        if self.weights.known:
            extra += [i for i, _ in self._keep([(i, 1.0) for i in sorted(query.expansion.known)], keep)]
        return self._fuse(query, dense[:depth], lexical, extra, k, top_segments, keep)

    def _fact_candidates(self, bonus: Mapping[int, float], keep: PageFilter) -> list[int]:
        """An expansion's pages (a fact's or a value's sources) to rank beside the page search's own: at most
        FACT_CANDIDATES of those the search may return, largest bonus first, then latest stored. A fact repeated
        in thousands of exchanges (a 100k-page history has them) brought them all and doubled retrieval time;
        any other source page the page search finds still gets its bonus."""
        ranked = sorted(bonus.items(), key=lambda item: (item[1], item[0]), reverse=True)
        kept: list[int] = []
        for start in range(0, len(ranked), FACT_LOOKUP):
            kept += [page_id for page_id, _ in self._keep(ranked[start : start + FACT_LOOKUP], keep)]
            if len(kept) >= FACT_CANDIDATES:
                break
        return kept[:FACT_CANDIDATES]

    def _keep(self, ranked: list[tuple[int, float]], keep: PageFilter) -> list[tuple[int, float]]:
        """The pages of `ranked` the filter keeps, in order."""
        if not ranked:
            return []
        ok = {page_id for page_id, tier, timestamp in self.pages.placed([i for i, _ in ranked])
              if keep.keeps(page_id, tier, timestamp)}
        return [(i, float(s)) for i, s in ranked if i in ok]

    def _fuse(self, query: Query, dense: list[tuple[int, float]], lexical: list[tuple[int, float]],
              extra: list[int], k: int, top_segments: int, keep: PageFilter) -> list[tuple[int, float]]:
        bm25 = dict(lexical)
        candidates = list(dict.fromkeys([i for i, _ in dense] + [i for i, _ in lexical] + extra))
        if not candidates:
            return []
        rows = [c for c in self.pages.candidates(candidates, query.vector) if keep.keeps(c.id, c.tier, c.timestamp)]
        if not rows:
            return []
        ids = [row.id for row in rows]
        cosine = np.array([row.cosine for row in rows], dtype=np.float32)
        lex = _informative(np.array([bm25.get(i, 0.0) for i in ids]))
        w = self.weights
        score = w.lexical * _unit(lex) + w.dense * _unit(cosine)
        score = score + w.segment * _segment_prior(score, [row.segment_id for row in rows], top_segments)
        position = {page_id: n for n, page_id in enumerate(ids)}
        neighbours = [
            max((score[position[j]] for j in (row.pre_page, row.next_page) if j in position), default=0.0)
            for row in rows
        ]
        score = score + w.neighbour * np.array(neighbours)
        if w.facts and query.expansion.pages:
            score = score + w.facts * np.array([query.expansion.pages.get(i, 0.0) for i in ids])
        if w.values and query.expansion.values:
            score = score + w.values * np.array([query.expansion.values.get(i, 0.0) for i in ids])
        if w.known and query.expansion.known:
            score = score + w.known * np.array([i in query.expansion.known for i in ids], dtype=float)
        if w.recent and query.present:
            score = score + w.recent * _recency(rows, cosine)
        if query.hint is not None:
            score = score + w.time * np.array([query.hint.contains(row.timestamp) for row in rows], dtype=float)
        if w.exact:
            sole = sole_matches(self.pages, query.text, keep)
            score = score + EXACT_BONUS * np.array([sole.get(i, 0) for i in ids], dtype=float)
        order = np.argsort(-score, kind="stable")
        ranked = [(ids[i], round(float(score[i]), 4)) for i in order]
        pages = [item for item in ranked if item[0] not in keep.short][:k]
        floor = pages[-1][1] if len(pages) == k else 0.0
        evidence = _evidence(query, rows, lex, cosine)
        hits = [item for item in ranked if item[0] in keep.short and item[0] in evidence and item[1] >= floor]
        return pages + hits


def _evidence(query: Query, rows: list[Candidate], lex: np.ndarray, cosine: np.ndarray) -> set[int]:
    """The candidates that match the question on their own, not only relative to the others: a query word,
    a cosine of DENSE_FLOOR, a fact answering the question learnt from them, or a time inside the period
    the question (or `after` / `before`) names. The same rule marks short-term pages relevant whatever
    else is stored."""
    periods = [limit for limit in (query.window, query.hint) if limit is not None]
    return {row.id for row, word, cos in zip(rows, lex, cosine, strict=True)
            if word > 0 or cos >= DENSE_FLOOR or row.id in query.expansion.pages or row.id in query.expansion.known
            or row.id in query.expansion.values
            or any(limit.contains(row.timestamp) for limit in periods)}


def _recency(rows: list[Candidate], cosine: np.ndarray) -> np.ndarray:
    """Each candidate on the question's subject (a cosine of at least RECENT_SHARE of the best) scored by its
    place in time among them (the newest 1, the oldest 1/n); any other candidate 0. Relative to the best
    cosine, since a question and the page that answers it in other words sit at 0.2-0.3 with MiniLM while
    the best page on the subject sits at 0.3-0.5."""
    recency = np.zeros(len(rows))
    if not rows or float(cosine.max()) <= 0:
        return recency
    close = [n for n in range(len(rows)) if cosine[n] >= RECENT_SHARE * float(cosine.max())]
    close.sort(key=lambda n: (rows[n].timestamp, rows[n].id))
    for place, n in enumerate(close, start=1):
        recency[n] = place / len(close)
    return recency


def _segment_prior(score: np.ndarray, segments: list[int | None], top_segments: int) -> np.ndarray:
    """The segment prior: the `top_segments` segments whose best candidate pages match the query best
    (the sum of their SEGMENT_EVIDENCE best scores) lend their pages their own score again, scaled by
    the segment's score relative to the best segment's.

    Pages of one topic vouch for each other, so an exchange among exchanges that match the query moves
    up. It is a product with the page's own match, not a flat bonus: a page that matches nothing gains
    nothing from its segment, and one segment cannot fill the top k with its weakest pages. On the
    LoCoMo tuning half it ranked at least as well as the other formulations tried (a flat share of the
    segment's best other pages; segments scored by F, cosine, keywords or BM25 over their text), but
    every one of them stays within a few thousandths of no prior there (BENCHMARKS.md).
    """
    members: dict[int, list[int]] = defaultdict(list)
    for position, segment in enumerate(segments):
        if segment is not None:
            members[segment].append(position)
    strength = {segment: float(np.sort(score[at])[::-1][:SEGMENT_EVIDENCE].sum()) for segment, at in members.items()}
    best = sorted(strength, key=lambda s: strength[s], reverse=True)[:top_segments]
    support = np.zeros_like(score)
    if not best or strength[best[0]] <= 0:
        return support
    for segment in best:
        at = members[segment]
        support[at] = score[at] * strength[segment] / strength[best[0]]
    return support


def _informative(bm25: np.ndarray) -> np.ndarray:
    """BM25 scores with those below BM25_FLOOR set to 0 (no match).

    Scaling to [0, 1] would otherwise blow the ~1e-6 scores of words found everywhere up into a
    full-weight signal whenever nothing else in the query matches, ranking pages by how often they
    repeat a speaker's name.
    """
    return np.where(bm25 < BM25_FLOOR, 0.0, bm25)


def _unit(values: np.ndarray) -> np.ndarray:
    """Min-max scale to [0, 1]. A constant signal carries no ranking information: it becomes 0, except
    a positive one, which is 1 (a lone candidate that matches is the best match, not a miss scoring 0)."""
    if values.size == 0:
        return values
    low, high = float(values.min()), float(values.max())
    if high > low:
        return (values - low) / (high - low)
    return np.full_like(values, 1.0 if high > 0 else 0.0, dtype=float)
