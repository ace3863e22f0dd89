"""Topic segments on months-long personal chats (the usermodel cases): singletons and subjects that return.

    python -m benchmarks.topics [--cases FILE ...] [--heldout] [--json OUT]

Each case is imported through `add_memories` into a fresh offline store with the shipped defaults. The
SPEC asks that at most a third of the segments hold a single page, and that a subject coming back weeks
later joins its topic. "Topic return" is measured on the cases' own ground truth: every pair of evidence
exchanges of one profile slot, commitment or question, at least RETURN_DAYS apart and both in mid-term
memory, and the share of those pairs that sit in one segment.
"""

from __future__ import annotations

import argparse
import itertools
import json
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from memoryos_mcp import Memoryos

from .common import case_parser, engine_config, format_table, machine_info, make_embedder, open_engine, run_and_report
from .segments import segment_stats
from .usermodel import default_cases

#: Two mentions of a subject this many days apart or more count as the subject coming back.
RETURN_DAYS = 7


def page_segments(memo: Memoryos) -> dict[int, int]:
    """Mid-term page id -> its segment, for the engine's scope."""
    rows = memo.store.query(
        "SELECT id, segment_id FROM pages WHERE user_id = ? AND assistant_id = ? AND tier = 'mid' "
        "AND segment_id IS NOT NULL", (memo.scope.user_id, memo.scope.assistant_id))
    return {row["id"]: row["segment_id"] for row in rows}


def returns(case: dict[str, Any], ids: list[int], segment_of: dict[int, int]) -> list[bool]:
    """For each pair of one item's evidence exchanges RETURN_DAYS apart (both mid-term): same segment?"""
    stamps = [datetime.fromisoformat(e["timestamp"]) for e in case["exchanges"]]
    pairs = []
    for item in case["profile"] + case["assistant"] + case["questions"]:
        placed = [i for i in item.get("evidence", []) if ids[i] in segment_of]
        for a, b in itertools.combinations(placed, 2):
            if abs((stamps[a] - stamps[b]).days) >= RETURN_DAYS:
                pairs.append(segment_of[ids[a]] == segment_of[ids[b]])
    return pairs


def run_case(path: Path, embedder: Any) -> dict[str, Any]:
    case = json.loads(path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="memoryos-topics-") as tmp:
        memo = open_engine(engine_config(Path(tmp)), embedder)
        try:
            ids = memo.add_memories([{key: e[key] for key in ("user_input", "agent_response", "timestamp")}
                                     for e in case["exchanges"]])
            memo.flush()
            segment_of = page_segments(memo)
        finally:
            memo.close()
    sizes = sorted((list(segment_of.values()).count(s) for s in set(segment_of.values())), reverse=True)
    pairs = returns(case, ids, segment_of)
    stats = segment_stats(sizes)
    return {"case": case["case"], **{k: stats[k] for k in ("mid_term_pages", "segments", "largest", "median",
                                                          "singletons")},
            "singleton_share": round(stats["singletons"] / max(stats["segments"], 1), 3),
            "returns_joined": sum(pairs), "return_pairs": len(pairs)}


def run(args: argparse.Namespace) -> dict[str, Any]:
    paths = [Path(p) for p in args.cases] if args.cases else default_cases(args.heldout)
    embedder = make_embedder(engine_config(Path(tempfile.gettempdir())))
    rows = [run_case(path, embedder) for path in paths]
    segments = sum(row["segments"] for row in rows)
    pairs = sum(row["return_pairs"] for row in rows)
    overall = {"singleton_share": round(sum(row["singletons"] for row in rows) / max(segments, 1), 3),
               "topic_return": round(sum(row["returns_joined"] for row in rows) / max(pairs, 1), 3)}
    return {"benchmark": "topics", "machine": machine_info(), "per_case": rows, "overall": overall}


def render(report: dict[str, Any]) -> str:
    keys = ["case", "mid_term_pages", "segments", "largest", "median", "singletons", "singleton_share",
            "returns_joined", "return_pairs"]
    table = format_table(keys, [[row[k] for k in keys] for row in report["per_case"]])
    overall = report["overall"]
    return (f"{table}\n\noverall: singleton share {overall['singleton_share']}, topic return "
            f"{overall['topic_return']} (code {report['machine']['code']})")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    return case_parser("python -m benchmarks.topics", __doc__).parse_args(argv)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    return run_and_report(parse_args(argv), run, render)


if __name__ == "__main__":
    main()
