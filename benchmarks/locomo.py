"""LoCoMo evidence recall@k of the memory engine, with BM25-only and dense-only baselines.

    python -m benchmarks.locomo [--data PATH] [--split tune|report|all] [--k 5 10 20] [--json OUT] [--llm]
                                [--limit-samples N] [--fusion NAME=VALUE ...] [--store-dir DIR]

Each sample is ingested into a fresh store through the `Memoryos` facade (the one the MCP tools
call), then every question of categories 1-4 is asked with `max_results = k`. Recall@k is the
fraction of the question's evidence turns found in the first k retrieved (ranked) pages, read back
from the returned `meta_data`, like for like with the baselines; the same with the short-term pages
every answer also carries is reported beside it, labelled.

`--store-dir DIR` keeps each sample's freshly built store in DIR and later runs start from a copy
of it, so a ranking change is measured in seconds instead of minutes of ingestion; delete DIR after
changing anything that ingestion does.

The dev file's split is frozen: weights and features are chosen on `--split tune` (samples 0-3)
and results are reported on `--split report` (samples 4-7).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from memoryos_mcp.search.retrieval import FusionWeights

from .common import (
    engine_config,
    format_table,
    latency_summary,
    machine_info,
    make_embedder,
    open_engine,
    run_and_report,
)
from .locomo_data import CATEGORIES, DEFAULT_DATA, SPLITS, Sample, load_locomo
from .locomo_eval import METHODS, MODES, RANK_DEPTH, PageMap, QuestionResult, SampleScorer, aggregate, analyse
from .segments import segment_sizes, segment_stats

METHOD_LABELS = {
    "engine": "engine retrieve (ranked pages)",
    "engine_with_short_term": "engine retrieve + short-term pages",
    "hybrid_pages": "rank_pages hybrid",
    "bm25": "BM25 only",
    "dense": "dense only",
}


def ingest(memo: Any, sample: Sample, one_by_one: bool) -> tuple[PageMap, float]:
    """Store every page in order; bulk import and one-by-one adds store the same pages."""
    pages = PageMap()
    items = [page.as_memory() for page in sample.pages]
    start = time.perf_counter()
    if one_by_one:
        ids = [memo.add_memory(**item).details["page_id"] for item in items]
    else:
        ids = memo.add_memories(items)
    memo.flush()
    elapsed = time.perf_counter() - start
    for page, page_id in zip(sample.pages, ids, strict=True):
        pages.add(page_id, page.dia_ids)
    return pages, elapsed


@dataclass
class Totals:
    """Everything measured over the samples of one run."""

    ks: list[int]
    results: list[QuestionResult] = field(default_factory=list)
    retrieve_s: dict[int, list[float]] = field(default_factory=lambda: defaultdict(list))
    rank_s: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    pages: int = 0
    ingest_seconds: float = 0.0
    per_sample: list[dict[str, Any]] = field(default_factory=list)

    def add(self, sample: Sample, scorer: SampleScorer, results: list[QuestionResult], secs: float,
            segments: dict[str, Any]) -> None:
        self.results += results
        self.pages += len(sample.pages)
        self.ingest_seconds += secs
        for k, values in scorer.retrieve_seconds.items():
            self.retrieve_s[k] += values
        for mode, values in scorer.rank_seconds.items():
            self.rank_s[mode] += values
        self.per_sample.append(_sample_row(sample, results, self.ks, len(sample.pages) / secs) | {"segments": segments})


def run(args: argparse.Namespace) -> dict[str, Any]:
    samples = load_locomo(Path(args.data))[SPLITS[args.split]][: args.limit_samples or None]
    if not samples:
        raise SystemExit(f"--split {args.split}: {args.data} has no samples in that part")
    totals = Totals(ks=sorted(set(args.k)))
    analysis_k = None if args.no_analysis or args.engine_only else (10 if 10 in totals.ks else totals.ks[-1])
    embedder = None
    with tempfile.TemporaryDirectory(prefix="memoryos-locomo-") as tmp:
        for i, sample in enumerate(samples):
            config = engine_config(Path(tmp) / f"s{i}", use_llm=args.llm, config_path=args.config)
            embedder = embedder or make_embedder(config)
            kept = Path(args.store_dir) / sample.sample_id if args.store_dir else None
            built = _reuse(kept, config.data_storage_path)
            memo = open_engine(config, embedder)
            memo.search.weights = args.fusion
            try:
                if built:
                    pages, seconds = built
                else:
                    pages, seconds = ingest(memo, sample, args.one_by_one)
                    if kept:
                        _keep(memo, kept, pages, seconds)
                        memo = open_engine(config, embedder)
                        memo.search.weights = args.fusion
                segments = segment_stats(segment_sizes(memo))  # before the questions heat any segment
                scorer = SampleScorer(memo, sample, pages, totals.ks, analysis_k, not args.engine_only)
                totals.add(sample, scorer, scorer.score(), seconds, segments)
            finally:
                memo.close()
            _progress(totals.per_sample[-1], totals.ks)
    return _report(args, samples, totals, analysis_k)


def _reuse(kept: Path | None, data_dir: Path) -> tuple[PageMap, float] | None:
    """Copy a kept store into `data_dir` and return its page map and ingestion time, if there is one."""
    if kept is None or not (kept / "pages.json").exists():
        return None
    shutil.copytree(kept / "store", data_dir)
    saved = json.loads((kept / "pages.json").read_text(encoding="utf-8"))
    pages = PageMap()
    for page_id, dia_ids in saved["pages"].items():
        pages.add(int(page_id), dia_ids)
    return pages, saved["ingest_seconds"]


def _keep(memo: Any, kept: Path, pages: PageMap, seconds: float) -> None:
    """Close the freshly built store (so the copy is consistent) and save a copy of it in `kept`.

    Questions heat segments, so runs start from a copy rather than share one store."""
    data_dir = memo.config.data_storage_path
    memo.close()
    if kept.exists():
        shutil.rmtree(kept)
    shutil.copytree(data_dir, kept / "store")
    payload = {"pages": {str(k): v for k, v in pages.dia_ids.items()}, "ingest_seconds": seconds}
    (kept / "pages.json").write_text(json.dumps(payload), encoding="utf-8")


def _progress(row: dict[str, Any], ks: list[int]) -> None:
    recalls = ", ".join(f"R@{k}={row['recall'][str(k)]:.3f}" for k in ks)
    print(f"  {row['sample_id']}: {row['pages']} pages, {row['questions']} questions, {recalls}", flush=True)


def _sample_row(sample: Sample, results: list[QuestionResult], ks: list[int], rate: float) -> dict[str, Any]:
    return {
        "sample_id": sample.sample_id,
        "pages": len(sample.pages),
        "questions": len(results),
        "skipped_questions": sample.skipped_questions,
        "dropped_evidence_ids": sample.dropped_evidence,
        "ingest_pages_per_s": round(rate, 1),
        "recall": {str(k): aggregate(results, "engine", k, CATEGORIES)["all"] for k in ks},
    }


def _report(args: argparse.Namespace, samples: list[Sample], totals: Totals, analysis_k: int | None) -> dict:
    ks, results = totals.ks, totals.results
    methods = [m for m in METHODS if not results or m in results[0].recall]
    by_method = {m: {str(k): aggregate(results, m, k, CATEGORIES) for k in ks} for m in methods}
    seconds = totals.ingest_seconds
    report: dict[str, Any] = {
        "benchmark": "locomo",
        "data": str(Path(args.data).resolve()),
        "machine": machine_info(),
        "provider": "llm (configured endpoint)" if args.llm else "offline",
        "ingestion": "add_memory one by one" if args.one_by_one else "add_memories (bulk)",
        "fusion_weights": dataclasses.asdict(args.fusion),
        "split": args.split,
        "samples": len(samples),
        "sample_ids": [s.sample_id for s in samples],
        "questions": {CATEGORIES[c]: sum(1 for r in results if r.category == c) for c in CATEGORIES}
        | {"all": len(results)},
        "ks": ks,
        "recall": by_method["engine"],
        "recall_with_short_term": by_method["engine_with_short_term"],
        "baselines": {m: by_method[m] for m in ("bm25", "dense", "hybrid_pages") if m in by_method},
        "ingest": {"pages": totals.pages, "seconds": round(seconds, 2),
                   "pages_per_s": round(totals.pages / seconds, 1) if seconds else 0.0},
        "retrieval_latency_ms": {"all": latency_summary([s for k in ks for s in totals.retrieve_s[k]])}
        | {str(k): latency_summary(totals.retrieve_s[k]) for k in ks},
        "rank_pages_latency_ms": {mode: latency_summary(totals.rank_s[mode]) for mode in MODES if totals.rank_s[mode]},
        "meta_data_missing": sum(r.missing_meta for r in results),
        "per_sample": totals.per_sample,
    }
    if analysis_k:
        report["analysis"] = analyse(results, analysis_k, CATEGORIES)
    if args.details:
        report["questions_detail"] = [_detail(r) for r in results]
    return report


def _detail(r: QuestionResult) -> dict[str, Any]:
    recall = {method: {str(k): v for k, v in by_k.items()} for method, by_k in r.recall.items()}
    return {"sample": r.sample_id, "category": CATEGORIES[r.category], "question": r.question,
            "evidence": r.evidence, "recall": recall, "ranks": r.ranks}


def render(report: dict[str, Any]) -> str:
    """The tables printed at the end of a run (and pasted into BENCHMARKS.md)."""
    names = [*CATEGORIES.values(), "all"]
    counts = report["questions"]
    out = [f"LoCoMo {report['data']} (split {report['split']}: {', '.join(report['sample_ids'])}): "
           f"{report['samples']} samples, {counts['all']} questions "
           f"({', '.join(f'{n} {counts[n]}' for n in CATEGORIES.values())}); provider {report['provider']}"]
    sources = {"engine": report["recall"], "engine_with_short_term": report["recall_with_short_term"]}
    sources |= report["baselines"]
    for k in report["ks"]:
        rows = [[METHOD_LABELS[m]] + [sources[m][str(k)].get(n, "-") for n in names] for m in METHODS if m in sources]
        out += ["", f"recall@{k}", format_table(["method", *names], rows)]
    ingest = report["ingest"]
    lat = report["retrieval_latency_ms"]
    rows = [[f"retrieve max_results={k}", lat[str(k)]["p50_ms"], lat[str(k)]["p95_ms"]] for k in report["ks"]]
    for mode, v in report["rank_pages_latency_ms"].items():
        rows.append([f"rank_pages {mode}", v["p50_ms"], v["p95_ms"]])
    out += ["", f"ingest ({report['ingestion']}): {ingest['pages']} pages in {ingest['seconds']} s = "
            f"{ingest['pages_per_s']} pages/s", "", format_table(["call", "p50 ms", "p95 ms"], rows)]
    keys = ["mid_term_pages", "segments", "largest", "largest_share", "median", "singletons"]
    rows = [[row["sample_id"]] + [row["segments"][key] for key in keys] for row in report["per_sample"]]
    out += ["", "topic segments after import", format_table(["sample", *keys], rows)]
    if "analysis" in report:
        out += ["", _render_analysis(report["analysis"])]
    return "\n".join(out)


def _render_analysis(a: dict[str, Any]) -> str:
    k = a["k"]
    rows = [[m, v["median_rank"], v["in_top_k"], v["in_top_2k"], v["beyond_depth"]]
            for m, v in a["missed_evidence_ranks"].items()]
    return "\n".join([
        f"miss analysis at k={k}: {a['missed_evidence']} evidence turns missed by the engine; "
        f"questions with a miss per category: {a['questions_with_a_miss']}",
        f"recall of (BM25 top-{k} | dense top-{k}): {a['union_bm25_dense_top_k_recall']}; "
        f"mean overlap of the two top-{k} lists: {a['bm25_dense_top_k_overlap']}",
        f"where the missed evidence ranks in rank_pages (first {RANK_DEPTH} mid-term pages ranked):",
        format_table(["mode", "median rank", f"in top {k}", f"in top {2 * k}", f"beyond {RANK_DEPTH}"], rows),
    ])


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.locomo", description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="LoCoMo-format JSON file")
    parser.add_argument("--split", choices=list(SPLITS), default="all",
                        help="samples 0-3 (tune: choose weights here), 4-7 (report: publish these), or all")
    parser.add_argument("--k", type=int, nargs="+", default=[5, 10, 20], help="cut-offs (max_results)")
    parser.add_argument("--json", dest="json_out", help="write the results as JSON to this path")
    parser.add_argument("--llm", action="store_true", help="use the configured OpenAI-compatible endpoint")
    parser.add_argument("--config", help="config.json for --llm (else OPENAI_API_KEY / OPENAI_BASE_URL)")
    parser.add_argument("--limit-samples", type=int, default=0, help="only the first N samples")
    parser.add_argument("--one-by-one", action="store_true", help="ingest with add_memory, not add_memories")
    parser.add_argument("--no-analysis", action="store_true", help="skip the miss analysis (full rankings)")
    parser.add_argument("--engine-only", action="store_true", help="skip the baselines and the miss analysis")
    parser.add_argument("--details", action="store_true", help="per-question results in the JSON")
    parser.add_argument("--store-dir", help="keep each sample's built store here and start later runs from a "
                        "copy (for ranking changes; delete it after changing ingestion)")
    parser.add_argument("--fusion", nargs="+", default=[], metavar="NAME=VALUE",
                        help="override hybrid fusion weights, e.g. neighbour=0 (to see what each signal adds)")
    args = parser.parse_args(argv)
    if any(k < 1 for k in args.k):
        parser.error("--k values must be >= 1")
    args.fusion = _fusion_weights(parser, args.fusion)
    return args


def _fusion_weights(parser: argparse.ArgumentParser, items: list[str]) -> FusionWeights:
    defaults = dataclasses.asdict(FusionWeights())
    overrides: dict[str, float] = {}
    for item in items:
        name, _, value = item.partition("=")
        try:
            overrides[name] = type(defaults[name])(value)
        except (KeyError, ValueError):
            parser.error(f"--fusion {item!r}: expected NAME=NUMBER with NAME one of {', '.join(defaults)}")
    return FusionWeights(**(defaults | overrides))


def main(argv: list[str] | None = None) -> dict[str, Any]:
    return run_and_report(parse_args(argv), run, render)


if __name__ == "__main__":
    main()
