"""Scoring one LoCoMo sample against one store: engine retrieval, baselines and miss analysis."""

from __future__ import annotations

import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from memoryos_mcp.validation import MAX_RESULTS_LIMIT

from .locomo_data import Question, Sample

MODES = ("hybrid", "lexical", "dense")
#: Names of the scored methods in results: the engine's ranked pages (the headline, like for like with
#: the baselines), the same plus the short-term pages every answer carries, and `rank_pages` in each
#: mode over the same mid-term pages.
METHODS = ("engine", "engine_with_short_term", "hybrid_pages", "bm25", "dense")
#: How deep the miss analysis looks (the engine's limit on max_results).
RANK_DEPTH = MAX_RESULTS_LIMIT
_MODE_METHOD = {"hybrid": "hybrid_pages", "lexical": "bm25", "dense": "dense"}


@dataclass
class PageMap:
    """What ingestion stored: page id -> turn ids, and turn id -> page id."""

    dia_ids: dict[int, list[str]] = field(default_factory=dict)

    def add(self, page_id: int, dia_ids: list[str]) -> None:
        self.dia_ids[int(page_id)] = list(dia_ids)

    def page_of(self) -> dict[str, int]:
        return {d: pid for pid, ids in self.dia_ids.items() for d in ids}

    def ids_of(self, page_ids: list[int]) -> set[str]:
        return {d for pid in page_ids for d in self.dia_ids.get(int(pid), [])}


@dataclass
class QuestionResult:
    sample_id: str
    question: str
    category: int
    evidence: list[str]
    recall: dict[str, dict[int, float]]  # method -> k -> recall
    found: dict[int, set[str]] = field(default_factory=dict)  # k -> turn ids of the engine's ranked pages
    ranks: dict[str, dict[str, int | None]] = field(default_factory=dict)  # mode -> evidence id -> rank
    overlap: float | None = None  # |BM25 top-k & dense top-k| / k at the analysis k
    missing_meta: int = 0


def recall_of(evidence: list[str], found: set[str]) -> float:
    return sum(1 for d in evidence if d in found) / len(evidence)


def _page_ids(items: list[Any], pages: PageMap) -> tuple[set[str], int]:
    """Turn ids read back from returned meta_data (page id map only when meta_data lacks them)."""
    found: set[str] = set()
    missing = 0
    for item in items:
        ids = (item.meta_data or {}).get("dia_ids")
        if ids is None:
            missing += 1
            ids = pages.dia_ids.get(int(item.page_id), [])
        found.update(str(d) for d in ids)
    return found, missing


class SampleScorer:
    """Asks the engine every question of a sample at every k, timing each retrieval."""

    def __init__(self, memo: Any, sample: Sample, pages: PageMap, ks: list[int], analysis_k: int | None,
                 baselines: bool = True):
        self.memo, self.sample, self.pages, self.ks = memo, sample, pages, ks
        self.analysis_k = analysis_k
        self.modes = MODES if baselines else ()
        self.retrieve_seconds: dict[int, list[float]] = defaultdict(list)
        self.rank_seconds: dict[str, list[float]] = defaultdict(list)

    def score(self) -> list[QuestionResult]:
        return [self._question(q) for q in self.sample.questions]

    def _question(self, q: Question) -> QuestionResult:
        result = QuestionResult(self.sample.sample_id, q.question, q.category, q.evidence, defaultdict(dict))
        for k in self.ks:
            start = time.perf_counter()
            answer = self.memo.retrieve(q.question, max_results=k)
            self.retrieve_seconds[k].append(time.perf_counter() - start)
            stm, miss_a = _page_ids(answer.short_term_memory, self.pages)
            got, miss_b = _page_ids(answer.retrieved_pages[:k], self.pages)
            result.missing_meta += miss_a + miss_b
            result.found[k] = got
            result.recall["engine"][k] = recall_of(q.evidence, got)
            result.recall["engine_with_short_term"][k] = recall_of(q.evidence, stm | got)
            for mode in self.modes:
                start = time.perf_counter()
                ranked = self.memo.rank_pages(q.question, k, mode=mode)
                self.rank_seconds[mode].append(time.perf_counter() - start)
                result.recall[_MODE_METHOD[mode]][k] = recall_of(q.evidence, self.pages.ids_of(ranked[:k]))
        if self.analysis_k:
            self._rank_evidence(q, result, self.analysis_k)
        return result

    def _rank_evidence(self, q: Question, result: QuestionResult, k: int) -> None:
        """1-based rank of each evidence turn's page in each mode's ranking (None: not in the first
        RANK_DEPTH, or a short-term page, which rank_pages leaves out)."""
        page_of = self.pages.page_of()
        depth = min(RANK_DEPTH, len(self.pages.dia_ids))
        tops: dict[str, set[int]] = {}
        for mode in MODES:
            order = [int(pid) for pid in self.memo.rank_pages(q.question, depth, mode=mode)]
            position = {pid: i + 1 for i, pid in enumerate(order)}
            result.ranks[mode] = {d: position.get(page_of[d]) for d in q.evidence}
            tops[mode] = set(order[:k])
        result.overlap = len(tops["lexical"] & tops["dense"]) / k


def aggregate(results: list[QuestionResult], method: str, k: int, categories: dict[int, str]) -> dict:
    """Mean recall per category name and over all questions."""
    out: dict[str, float] = {}
    for cat, name in categories.items():
        values = [r.recall[method][k] for r in results if r.category == cat]
        if values:
            out[name] = round(statistics.fmean(values), 4)
    out["all"] = round(statistics.fmean(r.recall[method][k] for r in results), 4) if results else 0.0
    return out


def _top(rank: int | None, k: int) -> bool:
    return rank is not None and rank <= k


def _in_either(r: QuestionResult, evidence_id: str, k: int) -> bool:
    return _top(r.ranks["lexical"][evidence_id], k) or _top(r.ranks["dense"][evidence_id], k)


def _rank_stats(ranks: list[int | None], k: int) -> dict[str, Any]:
    present = sorted(r for r in ranks if r is not None)
    share = (lambda n: round(n / len(ranks), 4)) if ranks else (lambda n: 0.0)
    return {
        "median_rank": statistics.median(present) if present else None,
        "in_top_k": share(sum(1 for r in present if r <= k)),
        "in_top_2k": share(sum(1 for r in present if r <= 2 * k)),
        "beyond_depth": len(ranks) - len(present),
    }


def _mean(values: list[float]) -> float:
    return round(statistics.fmean(values), 4) if values else 0.0


def analyse(results: list[QuestionResult], k: int, categories: dict[int, str]) -> dict[str, Any]:
    """Where the engine's missed evidence at k sits in each mode's ranking, and how the modes agree."""
    ranked = [r for r in results if r.ranks]
    missed: list[dict[str, int | None]] = []
    per_category: dict[str, int] = defaultdict(int)
    examples = []
    for r in ranked:
        lost = [d for d in r.evidence if d not in r.found[k]]
        if not lost:
            continue
        per_category[categories[r.category]] += 1
        missed += [{m: r.ranks[m][d] for m in MODES} for d in lost]
        if len(examples) < 40:
            ranks = {m: {d: r.ranks[m][d] for d in lost} for m in MODES}
            examples.append({"sample": r.sample_id, "category": categories[r.category],
                             "question": r.question, "missed": lost, "ranks": ranks})
    union = [recall_of(r.evidence, {d for d in r.evidence if _in_either(r, d, k)}) for r in ranked]
    return {
        "k": k,
        "questions_with_a_miss": dict(per_category),
        "missed_evidence": len(missed),
        "missed_evidence_ranks": {m: _rank_stats([x[m] for x in missed], k) for m in MODES},
        "union_bm25_dense_top_k_recall": _mean(union),
        "bm25_dense_top_k_overlap": _mean([r.overlap or 0.0 for r in ranked]),
        "examples": examples,
    }
