"""Cost of managing a store: listing with cursors, deleting a page, exporting and importing (offline).

    python -m benchmarks.manage [--pages 10000] [--json OUT]

One store is filled through `add_memories` with synthetic pages (the local model embeds them), then:
the first page of `list_memories` and `list_knowledge`, every page of a full `list_memories` walk
with cursors (limit 100), `delete_memory` of single mid-term pages (each also checkpoints the WAL
and merges the full-text index), and an export followed by an import into an empty store with the
same model (so nothing is embedded again).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from . import synth
from .common import (
    engine_config,
    format_table,
    latency_summary,
    machine_info,
    make_embedder,
    open_engine,
    run_and_report,
)

IMPORT_BATCH = 2000


def _timed(call: Any, runs: int) -> tuple[dict[str, float], Any]:
    seconds, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = call()
        seconds.append(time.perf_counter() - t0)
    return latency_summary(seconds), result


def run(args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(dir=args.tmp_dir) as tmp:
        config = engine_config(Path(tmp) / "store")
        embedder = make_embedder(config)
        memo = open_engine(config, embedder)
        for start in range(0, args.pages, IMPORT_BATCH):
            memo.add_memories([p.as_memory() for p in synth.pages(args.seed, start,
                                                                   min(IMPORT_BATCH, args.pages - start))])
            print(f"  stored {min(start + IMPORT_BATCH, args.pages)}/{args.pages}", file=sys.stderr, flush=True)
        memo.flush()
        first_page, _ = _timed(lambda: memo.list_memories(limit=20), args.runs)
        first_facts, _ = _timed(lambda: memo.list_knowledge(limit=20), args.runs)
        walk, cursor, answers = [], None, 0
        while True:
            t0 = time.perf_counter()
            answer = memo.list_memories(limit=100, cursor=cursor)
            walk.append(time.perf_counter() - t0)
            answers += 1
            cursor = answer.next_cursor
            if cursor is None:
                break
        mid = [p.page_id for p in memo.list_memories(tier="mid", limit=100).pages]
        victims = random.Random(args.seed).sample(mid, min(args.deletes, len(mid)))
        deletes = []
        for page_id in victims:
            t0 = time.perf_counter()
            memo.delete_memory([page_id])
            deletes.append(time.perf_counter() - t0)
        export_path = Path(tmp) / "export.jsonl"
        t0 = time.perf_counter()
        counts = memo.export(export_path)
        export_s = time.perf_counter() - t0
        memo.close()
        copy = open_engine(engine_config(Path(tmp) / "copy"), embedder)
        t0 = time.perf_counter()
        imported = copy.import_(export_path)
        import_s = time.perf_counter() - t0
        copy.close()
        pages = counts.get("page", 0)
        return {
            "machine": machine_info(), "pages": args.pages, "runs": args.runs,
            "list_memories_first_ms": first_page, "list_knowledge_first_ms": first_facts,
            "list_memories_walk_ms": {**latency_summary(walk), "answers": answers},
            "delete_memory_ms": latency_summary(deletes),
            "export": {"seconds": round(export_s, 2), "pages_per_s": round(pages / export_s),
                       "bytes": export_path.stat().st_size, "records": counts},
            "import": {"seconds": round(import_s, 2), "pages_per_s": round(imported["pages_added"] / import_s),
                       "re_embedded": imported["re_embedded"]},
        }


def render(report: dict[str, Any]) -> str:
    rows = [[name, report[key]["p50_ms"], report[key]["p95_ms"], report[key]["n"]] for name, key in (
        ("list_memories, first 20", "list_memories_first_ms"), ("list_knowledge, first 20", "list_knowledge_first_ms"),
        ("list_memories walk, each 100", "list_memories_walk_ms"), ("delete_memory, one page", "delete_memory_ms"))]
    export, imported, m = report["export"], report["import"], report["machine"]
    return "\n".join([
        f"manage benchmark, {report['pages']} pages, offline, {m['nproc']} cores {m['cpu']}",
        format_table(["operation", "p50 ms", "p95 ms", "runs"], rows),
        f"export: {export['seconds']} s ({export['pages_per_s']} pages/s, {round(export['bytes'] / 1e6, 1)} MB); "
        f"import into an empty store: {imported['seconds']} s ({imported['pages_per_s']} pages/s, "
        f"{imported['re_embedded']} re-embedded)",
    ])


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.manage", description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10000, help="pages in the store")
    parser.add_argument("--runs", type=int, default=50, help="timed calls of each first-page listing")
    parser.add_argument("--deletes", type=int, default=20, help="pages deleted one by one, each timed")
    parser.add_argument("--seed", type=int, default=7, help="seed of the synthetic history")
    parser.add_argument("--tmp-dir", help="where the temporary stores live (default: the system temp dir)")
    parser.add_argument("--json", dest="json_out", help="write the results as JSON to this path")
    args = parser.parse_args(argv)
    if args.pages <= 100 or args.runs < 1 or args.deletes < 1:  # the walk must take more than one answer
        parser.error("--pages must be > 100, --runs and --deletes >= 1")
    return args


def main(argv: list[str] | None = None) -> dict[str, Any]:
    return run_and_report(parse_args(argv), run, render)


if __name__ == "__main__":
    main()
