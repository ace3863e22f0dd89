"""How fast pages are learnt from after a bulk import: the user model and the statement facts, offline.

    python -m benchmarks.learnrate [--case FILE] [--repeat N] [--json OUT] [--store DIR --pages N --pace P]

A case's exchanges (default: the shared dev_sam.json, 149 pages) go through `add_memories` into a fresh
offline store; the clock then runs until every page is learnt (`flush`). Reported per run: import seconds,
learn seconds, pages learnt per second of learning, the load average, and the CPU seconds learning took per
100 pages: the process's CPU while `flush` waits (the worker, the embedding model's threads; the import's one
transaction commits every page at once, so none is learnt before it ends, and the waiting main thread costs
none). The machine is shared: wall rates are comparable only at the same load, CPU seconds much more so. The
median of the runs is the figure.

With `--store` (a store `benchmarks.scale --store` built), each run imports `--pages` synthetic pages into a
copy of it, `--pace` pages a second (one `add_memories` call a second): the learn rate is then the pages over
the seconds from the import's start until the last is learnt, and the pages learnt while importing are counted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from . import synth
from .common import REPO_ROOT, engine_config, format_table, machine_info, make_embedder, open_engine, run_and_report

DEFAULT_CASE = REPO_ROOT.parent / "shared" / "data" / "usermodel" / "dev_sam.json"


def run_once(exchanges: list[dict[str, Any]], embedder: Any) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        memo = open_engine(engine_config(Path(tmp)), embedder)
        try:
            load = os.getloadavg()[0]
            started = time.perf_counter()
            memo.add_memories([dict(e) for e in exchanges])
            imported = time.perf_counter()
            backlog = memo.status()["learning_backlog"]
            cpu = time.process_time()
            memo.flush()
            cpu = time.process_time() - cpu
            learnt = time.perf_counter()
        finally:
            memo.close()
    return {"import_s": round(imported - started, 2), "learnt_while_importing": len(exchanges) - backlog,
            "learn_s": round(learnt - imported, 2),
            "pages_per_s": round(len(exchanges) / max(learnt - imported, 1e-9), 1),
            "learn_cpu_s": round(cpu, 2), "cpu_s_per_100_pages": round(100 * cpu / len(exchanges), 2),
            "load_1min": round(load, 2)}


def run_paced(store: Path, count: int, pace: int, embedder: Any) -> dict[str, float]:
    """Import `count` synthetic pages into a copy of `store`, `pace` a second, and time until all are learnt."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(store, Path(tmp) / "store")
        memo = open_engine(engine_config(Path(tmp) / "store"), embedder)
        try:
            pages = [p.as_memory() for p in synth.pages(7, 100_000, count)]  # beyond the store's pages
            load = os.getloadavg()[0]
            started = time.perf_counter()
            for n in range(0, count, pace):
                memo.add_memories(pages[n : n + pace])
                time.sleep(max(0.0, started + (n + pace) / pace - time.perf_counter()))
            imported = time.perf_counter()
            backlog = memo.status()["learning_backlog"]
            memo.flush()
            learnt = time.perf_counter()
        finally:
            memo.close()
    return {"import_s": round(imported - started, 2), "learnt_while_importing": count - backlog,
            "learn_s": round(learnt - started, 2), "pages_per_s": round(count / (learnt - started), 1),
            "load_1min": round(load, 2)}


def run(args: argparse.Namespace) -> dict[str, Any]:
    embedder = make_embedder(engine_config(Path(tempfile.gettempdir())))
    # the embedder and the language pipeline load outside the clock
    run_once([p.as_memory() for p in synth.pages(7, 200_000, 10)], embedder)
    if args.store:
        runs = [run_paced(Path(args.store), args.pages, args.pace, embedder) for _ in range(args.repeat)]
        return {"machine": machine_info(), "store": args.store, "pages": args.pages, "pace": args.pace,
                "runs": runs, "median_pages_per_s": statistics.median(r["pages_per_s"] for r in runs)}
    exchanges = json.loads(Path(args.case).read_text(encoding="utf-8"))["exchanges"]
    runs = [run_once(exchanges, embedder) for _ in range(args.repeat)]
    return {"machine": machine_info(), "case": str(args.case), "pages": len(exchanges), "runs": runs,
            "median_pages_per_s": statistics.median(r["pages_per_s"] for r in runs),
            "median_cpu_s_per_100_pages": statistics.median(r["cpu_s_per_100_pages"] for r in runs)}


def render(report: dict[str, Any]) -> str:
    rows = [[n + 1, r["import_s"], r["learnt_while_importing"], r["learn_s"], r["pages_per_s"],
             r.get("cpu_s_per_100_pages", "-"), r["load_1min"]] for n, r in enumerate(report["runs"])]
    table = format_table(["run", "import s", "learnt while importing", "learn s", "pages/s learnt",
                          "learn CPU s / 100 pages", "load (1 min)"], rows)
    median_cpu = report.get("median_cpu_s_per_100_pages")
    cpu = f", median {median_cpu} CPU s / 100 pages" if median_cpu is not None else ""
    return (f"{table}\n\n{report['pages']} pages, median {report['median_pages_per_s']} pages/s learnt{cpu}; "
            f"code {report['machine']['code']}, {report['machine']['date']}")


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.learnrate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", default=str(DEFAULT_CASE), help="a usermodel case file (its exchanges are used)")
    parser.add_argument("--repeat", type=int, default=3, help="runs (the median is reported)")
    parser.add_argument("--json", dest="json_out", help="write the results as JSON to this path")
    parser.add_argument("--store", help="import synthetic pages into a copy of this store (see the module's doc)")
    parser.add_argument("--pages", type=int, default=1000, help="synthetic pages per run, with --store")
    parser.add_argument("--pace", type=int, default=100, help="pages imported per second, with --store")
    return run_and_report(parser.parse_args(argv), run, render)


if __name__ == "__main__":
    main()
