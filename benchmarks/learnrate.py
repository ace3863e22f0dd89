"""How fast pages are learnt from after a bulk import: the user model and the statement facts, offline.

    python -m benchmarks.learnrate [--case FILE] [--repeat N] [--json OUT]

A case's exchanges (default: the shared dev_sam.json, 149 pages) go through `add_memories` into a fresh
offline store; the clock then runs until every page is learnt (`flush`). Reported per run: import seconds,
learn seconds, pages learnt per second of learning, and the load average (the machine is shared: compare
runs made at the same load). The median of the runs is the figure.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

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
            memo.flush()
            learnt = time.perf_counter()
        finally:
            memo.close()
    return {"import_s": round(imported - started, 2), "learn_s": round(learnt - imported, 2),
            "pages_per_s": round(len(exchanges) / max(learnt - imported, 1e-9), 1), "load_1min": round(load, 2)}


def run(args: argparse.Namespace) -> dict[str, Any]:
    exchanges = json.loads(Path(args.case).read_text(encoding="utf-8"))["exchanges"]
    embedder = make_embedder(engine_config(Path(tempfile.gettempdir())))
    run_once(exchanges[:10], embedder)  # the embedder and the language pipeline load outside the clock
    runs = [run_once(exchanges, embedder) for _ in range(args.repeat)]
    return {"machine": machine_info(), "case": str(args.case), "pages": len(exchanges), "runs": runs,
            "median_pages_per_s": statistics.median(r["pages_per_s"] for r in runs)}


def render(report: dict[str, Any]) -> str:
    rows = [[n + 1, r["import_s"], r["learn_s"], r["pages_per_s"], r["load_1min"]]
            for n, r in enumerate(report["runs"])]
    table = format_table(["run", "import s", "learn s", "pages/s learnt", "load (1 min)"], rows)
    return (f"{table}\n\n{report['pages']} pages, median {report['median_pages_per_s']} pages/s learnt; "
            f"code {report['machine']['code']}, {report['machine']['date']}")


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.learnrate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", default=str(DEFAULT_CASE), help="a usermodel case file (its exchanges are used)")
    parser.add_argument("--repeat", type=int, default=3, help="runs (the median is reported)")
    parser.add_argument("--json", dest="json_out", help="write the results as JSON to this path")
    return run_and_report(parser.parse_args(argv), run, render)


if __name__ == "__main__":
    main()
