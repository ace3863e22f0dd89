"""Helpers shared by the benchmarks: engine construction, percentiles, machine description."""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from memoryos_mcp import Memoryos
from memoryos_mcp.config import MemoryConfig, build_config, load_config
from memoryos_mcp.language import local_models

REPO_ROOT = Path(__file__).resolve().parents[1]


def engine_config(data_dir: Path, *, use_llm: bool = False, config_path: str | None = None,
                  storage_url: str | None = None) -> MemoryConfig:
    """Offline by default, so a run needs no key and no network; `use_llm` keeps the endpoint. A `storage_url`
    puts the store in that database instead of the SQLite file in `data_dir`."""
    config = load_config(config_path) if config_path else build_config({})
    config.data_storage_path = data_dir
    if storage_url is not None:
        config.storage_url = storage_url
    if not use_llm:
        config.llm_provider = "offline"
    elif not config.uses_openai_llm:
        raise SystemExit("--llm needs an endpoint: set OPENAI_API_KEY / OPENAI_BASE_URL or pass --config")
    return config


def make_embedder(config: MemoryConfig) -> Any:
    """One embedder shared by every store of a run, so the model loads once."""
    return local_models.make_embedder(config)


def open_engine(config: MemoryConfig, embedder: Any = None) -> Memoryos:
    return Memoryos.from_config(config, embedder=embedder)


def percentile(values: list[float], q: float) -> float:
    """Linear-interpolated percentile (q in 0..100); 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100.0
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def latency_summary(seconds: list[float]) -> dict[str, float]:
    """p50/p95/max in milliseconds, rounded for tables and JSON."""
    ms = [s * 1000.0 for s in seconds]
    return {
        "n": len(ms),
        "p50_ms": round(percentile(ms, 50), 2),
        "p95_ms": round(percentile(ms, 95), 2),
        "max_ms": round(max(ms), 2) if ms else 0.0,
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return 0.0


def code_version() -> str:
    """The commit measured ('+dirty' when the work tree has uncommitted changes), or 'unknown'."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO_ROOT,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + ("+dirty" if dirty else "")


def machine_info() -> dict[str, Any]:
    """What a reader needs to compare numbers: cores, CPU, RAM, Python, date, code version."""
    return {
        "code": code_version(),
        "nproc": os.cpu_count(),
        "cpu": _cpu_model(),
        "ram_gib": _ram_gib(),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
    }


def dir_size(path: Path) -> int:
    """Bytes of every file under `path` (database, WAL, index files)."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def write_json(path: str, payload: dict[str, Any]) -> None:
    Path(path).write_text(json.dumps(payload, indent=2, sort_keys=False) + "\n", encoding="utf-8")


def format_table(headers: list[str], rows: list[list[Any]]) -> str:
    """A Markdown table (readable in a terminal and pasteable into BENCHMARKS.md)."""
    cells = [[str(h) for h in headers]] + [[_cell(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in cells]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
    return str(value)


def case_parser(prog: str, doc: str, heldout: bool = True) -> argparse.ArgumentParser:
    """The arguments of a benchmark over usermodel cases: which cases, and where to write the JSON."""
    parser = argparse.ArgumentParser(prog=prog, description=doc.splitlines()[0])
    parser.add_argument("--cases", nargs="+", default=[], help="case files (default: shared dev + own tune cases)")
    if heldout:
        parser.add_argument("--heldout", action="store_true", help="run the held-out cases instead (never tuned on)")
    parser.add_argument("--json", dest="json_out", help="write the results as JSON to this path")
    return parser


def run_and_report(args: argparse.Namespace, run: Callable[[argparse.Namespace], dict[str, Any]],
                   render: Callable[[dict[str, Any]], str]) -> dict[str, Any]:
    """What every benchmark command does: run, print the tables, write the JSON when asked."""
    logging.basicConfig(level=logging.WARNING)
    report = run(args)
    print(render(report))
    if args.json_out:
        write_json(args.json_out, report)
    return report
