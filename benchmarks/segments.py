"""Topic segments of LoCoMo conversations: how many, how large, against the SPEC's bounds.

    python -m benchmarks.segments [--data PATH] [--split tune|report|all] [--json OUT] [--limit-samples N]

Each sample is imported into a fresh store (as in `benchmarks.locomo`), then the mid-term pages
are counted per segment. The SPEC asks, per conversation, for a largest segment of at most 15% of
the mid-term pages and a median segment size of 3-40 pages. `benchmarks.locomo` reports the same
statistics next to recall; the segment prior's effect on recall is its `--fusion segment=0` run.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path
from typing import Any

from memoryos_mcp import Memoryos

from .common import engine_config, format_table, machine_info, make_embedder, open_engine, run_and_report
from .locomo_data import DEFAULT_DATA, SPLITS, load_locomo

#: The SPEC's bounds for one conversation.
MAX_LARGEST_SHARE = 0.15
MEDIAN_RANGE = (3, 40)


def segment_sizes(memo: Memoryos) -> list[int]:
    """Mid-term pages per live segment of the engine's scope, largest first."""
    rows = memo.store.query(
        "SELECT COUNT(*) AS n FROM pages WHERE user_id = ? AND assistant_id = ? AND tier = 'mid' "
        "AND segment_id IS NOT NULL GROUP BY segment_id ORDER BY n DESC",
        (memo.scope.user_id, memo.scope.assistant_id),
    )
    return [row["n"] for row in rows]


def segment_stats(sizes: list[int]) -> dict[str, Any]:
    """Count, largest, median, singletons, and whether the SPEC's bounds hold."""
    pages = sum(sizes)
    largest = max(sizes, default=0)
    median = statistics.median(sizes) if sizes else 0
    share = largest / pages if pages else 0.0
    return {
        "mid_term_pages": pages,
        "segments": len(sizes),
        "largest": largest,
        "largest_share": round(share, 3),
        "median": median,
        "singletons": sum(1 for n in sizes if n == 1),
        "within_bounds": share <= MAX_LARGEST_SHARE and MEDIAN_RANGE[0] <= median <= MEDIAN_RANGE[1],
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    chosen = load_locomo(Path(args.data))[SPLITS[args.split]][: args.limit_samples or None]
    rows = []
    embedder = None
    with tempfile.TemporaryDirectory(prefix="memoryos-segments-") as tmp:
        for i, sample in enumerate(chosen):
            config = engine_config(Path(tmp) / f"s{i}")
            embedder = embedder or make_embedder(config)
            memo = open_engine(config, embedder)
            try:
                memo.add_memories([page.as_memory() for page in sample.pages])
                memo.flush()
                rows.append({"sample_id": sample.sample_id} | segment_stats(segment_sizes(memo)))
            finally:
                memo.close()
            print(f"  {rows[-1]}", flush=True)
    return {"benchmark": "segments", "data": str(Path(args.data).resolve()), "machine": machine_info(),
            "per_sample": rows}


def render(report: dict[str, Any]) -> str:
    keys = ["sample_id", "mid_term_pages", "segments", "largest", "largest_share", "median", "singletons",
            "within_bounds"]
    return format_table(keys, [[row[k] for k in keys] for row in report["per_sample"]])


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.segments", description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="LoCoMo-format JSON file")
    parser.add_argument("--split", choices=list(SPLITS), default="all", help="samples 0-3 (tune), 4-7 (report), or all")
    parser.add_argument("--json", dest="json_out", help="write the results as JSON to this path")
    parser.add_argument("--limit-samples", type=int, default=0, help="only the first N samples")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    return run_and_report(parse_args(argv), run, render)


if __name__ == "__main__":
    main()
