"""Several server instances on one store at once: each adds and retrieves, all together.

    python -m benchmarks.instances --storage-url postgresql://... [--instances 1 2] [--calls 100] [--json OUT]

The store must exist (filled by `benchmarks.scale`, say). For each instance count, that many processes open
it, warm up, wait for one another, then each makes `calls` calls alternating `add_memory` and `retrieve`
(the real model, one user, as behind a load balancer); each reports its latencies. The figures are each
instance's p50/p95 per call and the calls per second of all instances together.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from . import synth
from .common import REPO_ROOT, format_table, latency_summary, machine_info, run_and_report

WARMUP = 5
#: Seed offset of each instance's pages and questions, so no two instances write the same page.
SEED_STEP = 1000


def instance(storage_url: str, data_dir: str, seed: int, calls: int) -> None:
    """One instance (a child process): open, warm up, say ready, wait for the go line, then time its calls."""
    from .common import engine_config, open_engine

    memo = open_engine(engine_config(Path(data_dir), storage_url=storage_url))
    questions = synth.queries(seed, WARMUP + calls)
    for question in questions[:WARMUP]:
        memo.retrieve(question, max_results=10)
    print("ready", flush=True)
    sys.stdin.readline()
    adds: list[float] = []
    retrievals: list[float] = []
    started = time.perf_counter()
    for n, page in enumerate(synth.pages(seed, 10_000_000 + seed * calls, calls)):
        t0 = time.perf_counter()
        if n % 2:
            memo.retrieve(questions[WARMUP + n], max_results=10)
            retrievals.append(time.perf_counter() - t0)
        else:
            memo.add_memory(page.user_input, page.agent_response, page.timestamp)
            adds.append(time.perf_counter() - t0)
    wall = time.perf_counter() - started
    memo.close()
    print(json.dumps({"adds_s": adds, "retrievals_s": retrievals, "wall_s": wall}), flush=True)


def run_instances(storage_url: str, data_dir: Path, count: int, calls: int, seed: int) -> dict[str, Any]:
    children = [subprocess.Popen([sys.executable, "-m", "benchmarks.instances", "--child", storage_url,
                                  str(data_dir / f"instance{n}"), str(seed + SEED_STEP * (n + 1)), str(calls)],
                                 cwd=REPO_ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
                for n in range(count)]
    for child in children:
        assert child.stdout is not None
        if child.stdout.readline().strip() != "ready":
            raise RuntimeError("an instance failed to start")
    t0 = time.perf_counter()
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    reports = []
    for child in children:
        out, _ = child.communicate()
        if child.returncode != 0:
            raise RuntimeError(f"an instance failed with exit code {child.returncode}")
        reports.append(json.loads(out.strip().splitlines()[-1]))
    wall = time.perf_counter() - t0
    return {
        "instances": count,
        "calls_per_instance": calls,
        "calls_per_s": round(count * calls / wall, 2),
        "each": [{"add_memory_ms": latency_summary(r["adds_s"]), "retrieve_ms": latency_summary(r["retrievals_s"]),
                  "calls_per_s": round(calls / r["wall_s"], 2)} for r in reports],
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    import os
    import tempfile

    with tempfile.TemporaryDirectory(prefix="memoryos-instances-") as base:
        results = [run_instances(args.storage_url, Path(base), count, args.calls, args.seed)
                   for count in args.instances]
    return {"benchmark": "instances", "machine": machine_info(), "storage_url": "postgresql" if
            args.storage_url.startswith("postgresql") else args.storage_url, "results": results,
            "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()]}


def render(report: dict[str, Any]) -> str:
    rows = [[r["instances"], n + 1, e["add_memory_ms"]["p50_ms"], e["add_memory_ms"]["p95_ms"],
             e["retrieve_ms"]["p50_ms"], e["retrieve_ms"]["p95_ms"], e["calls_per_s"], r["calls_per_s"]]
            for r in report["results"] for n, e in enumerate(r["each"])]
    return format_table(["instances", "instance", "add p50 ms", "add p95 ms", "retrieve p50 ms", "retrieve p95 ms",
                         "calls/s", "calls/s all"], rows)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.instances", description=__doc__.splitlines()[0])
    parser.add_argument("--storage-url", required=True, help="the store every instance opens (filled beforehand)")
    parser.add_argument("--instances", type=int, nargs="+", default=[1, 2], help="instance counts, one after another")
    parser.add_argument("--calls", type=int, default=100, help="calls per instance, alternating add and retrieve")
    parser.add_argument("--seed", type=int, default=7, help="seed of the pages and questions")
    parser.add_argument("--json", dest="json_out", help="write the results as JSON to this path")
    return parser.parse_args(argv)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        instance(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        run_and_report(parse_args(), run, render)
