"""What answers cost a client's context: characters per `retrieve_memory` answer and of `tools/list`.

    python -m benchmarks.answers [--cases FILE ...] [--json OUT]

Each usermodel case (default: the shared dev cases and our tune cases) is imported into a fresh offline
store, then every question is asked at max_results 5 and 10 with `reference_time` = the case's `now`;
an answer's size is its JSON (`model_dump_json`, what the text content carries). `tools/list` is read
through an in-memory MCP session, as a client gets it, and counted as JSON (`json.dumps`).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
from pathlib import Path
from typing import Any

import anyio
from mcp.client import Client

from memoryos_mcp.server.app import build_server
from memoryos_mcp.server.host import EngineHost

from .common import (
    case_parser,
    engine_config,
    format_table,
    machine_info,
    make_embedder,
    open_engine,
    percentile,
    run_and_report,
)
from .usermodel import default_cases

CUTOFFS = (5, 10)


def answer_sizes(path: Path, embedder: Any) -> dict[int, list[int]]:
    """max_results -> the size of each question's answer, in characters of JSON."""
    case = json.loads(path.read_text(encoding="utf-8"))
    sizes: dict[int, list[int]] = {k: [] for k in CUTOFFS}
    with tempfile.TemporaryDirectory(prefix="memoryos-answers-") as tmp:
        memo = open_engine(engine_config(Path(tmp)), embedder)
        try:
            memo.add_memories([{key: e[key] for key in ("user_input", "agent_response", "timestamp")}
                               for e in case["exchanges"]])
            memo.flush()
            for question in case["questions"]:
                for k in CUTOFFS:
                    answer = memo.retrieve(question["q"], max_results=k, reference_time=case["now"])
                    sizes[k].append(len(answer.model_dump_json()))
        finally:
            memo.close()
    return sizes


def tools_list_sizes() -> dict[str, int]:
    """Characters of `tools/list` as a client receives it, and of its output schemas."""
    async def listed() -> list[dict[str, Any]]:
        with tempfile.TemporaryDirectory(prefix="memoryos-answers-") as tmp:
            memo = open_engine(engine_config(Path(tmp)))
            server = build_server(EngineHost(memo.config, "in-memory", factory=lambda _config: memo))
            async with Client(server, mode="legacy") as client:
                tools = (await client.list_tools()).tools
                return [tool.model_dump(mode="json", by_alias=True, exclude_none=True) for tool in tools]

    tools = anyio.run(listed)
    schema = {tool["name"]: len(json.dumps(tool.get("outputSchema", {}))) for tool in tools}
    return {"tools_list": len(json.dumps(tools)), "output_schemas": sum(schema.values()),
            "retrieve_memory_output_schema": schema["retrieve_memory"]}


def run(args: argparse.Namespace) -> dict[str, Any]:
    paths = [Path(p) for p in args.cases] if args.cases else default_cases(False)
    embedder = make_embedder(engine_config(Path(tempfile.gettempdir())))
    every: dict[int, list[int]] = {k: [] for k in CUTOFFS}
    for path in paths:
        for k, sizes in answer_sizes(path, embedder).items():
            every[k].extend(sizes)
    answers = {k: {"answers": len(v), "mean": round(statistics.mean(v)), "p95": round(percentile(v, 95)),
                   "max": max(v)} for k, v in every.items()}
    return {"benchmark": "answers", "machine": machine_info(), "cases": [str(p) for p in paths],
            "answers": answers, "tools": tools_list_sizes()}


def render(report: dict[str, Any]) -> str:
    rows = [[k, *stats.values()] for k, stats in report["answers"].items()]
    table = format_table(["max_results", "answers", "mean chars", "p95 chars", "max chars"], rows)
    tools = report["tools"]
    return (f"{table}\n\ntools/list {tools['tools_list']} chars, output schemas {tools['output_schemas']}, "
            f"retrieve_memory's {tools['retrieve_memory_output_schema']} (code {report['machine']['code']})")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    return case_parser("python -m benchmarks.answers", __doc__, heldout=False).parse_args(argv)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    return run_and_report(parse_args(argv), run, render)


if __name__ == "__main__":
    main()
