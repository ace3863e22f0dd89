"""Paraphrased questions: found@k of the page a question is about, with and without fact expansion.

    python -m benchmarks.paraphrase [--k 1 3 5 10] [--set dev|held-out|all] [--json OUT]

The conversation of `benchmarks.paraphrase_chat` (a user over four months, everyday requests in
between) is bulk-imported into a fresh offline store through the `Memoryos` facade, then every
question is asked with `retrieve_memory`. A question is found at k when a page it is about is among
the first k ranked pages. Each question is asked over the same store with the shipped weights, with
each of the two expansions from the user's facts alone, and with neither (the ablation).
"""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
from pathlib import Path
from typing import Any

from memoryos_mcp import Memoryos
from memoryos_mcp.search.retrieval import FusionWeights

from .common import engine_config, format_table, machine_info, open_engine, run_and_report
from .paraphrase_chat import DEV_QUESTIONS, HELD_OUT_QUESTIONS, Question, conversation

SETS: dict[str, tuple[Question, ...]] = {"dev": DEV_QUESTIONS, "held-out": HELD_OUT_QUESTIONS}
#: Ranking variants, over the same store: shipped, each expansion alone, neither (the code before).
VARIANTS: dict[str, dict[str, float]] = {
    "with expansion": {},
    "fact-to-page only (names=0)": {"names": 0.0},
    "names only (facts=0)": {"facts": 0.0},
    "without (facts=0 names=0)": {"facts": 0.0, "names": 0.0},
}


def ranks(memo: Memoryos, questions: tuple[Question, ...], depth: int) -> list[int | None]:
    """For each question, the rank (1-based) of its first page among the ranked pages, or None."""
    found: list[int | None] = []
    for question in questions:
        pages = memo.retrieve(question.text, max_results=depth).retrieved_pages
        keys = [page.meta_data.get("key") for page in pages]
        found.append(next((n for n, key in enumerate(keys, 1) if key in question.keys), None))
    return found


def run(args: argparse.Namespace) -> dict[str, Any]:
    sets = list(SETS) if args.set == "all" else [args.set]
    depth = max(args.k)
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="memoryos-paraphrase-") as tmp:
        memo = open_engine(engine_config(Path(tmp)))
        try:
            memo.add_memories(conversation())
            memo.flush()
            for variant, overrides in VARIANTS.items():
                memo.search.weights = dataclasses.replace(FusionWeights(), **overrides)
                for name in sets:
                    found = ranks(memo, SETS[name], depth)
                    results.setdefault(name, {})[variant] = {
                        "found": {str(k): round(sum(r is not None and r <= k for r in found) / len(found), 3)
                                  for k in args.k},
                        "ranks": dict(zip((q.text for q in SETS[name]), found, strict=True)),
                    }
        finally:
            memo.close()
    return {"benchmark": "paraphrase", "machine": machine_info(), "ks": args.k, "pages": len(conversation()),
            "questions": {name: len(SETS[name]) for name in sets}, "results": results}


def render(report: dict[str, Any]) -> str:
    ks = report["ks"]
    rows = [[name, variant] + [values["found"][str(k)] for k in ks]
            for name, by_variant in report["results"].items() for variant, values in by_variant.items()]
    out = [f"Paraphrased questions over {report['pages']} pages ({report['questions']})",
           format_table(["questions", "ranking", *(f"found@{k}" for k in ks)], rows)]
    for name, by_variant in report["results"].items():
        variants = list(by_variant)
        questions = list(by_variant[variants[0]]["ranks"])
        rows = [[q] + [by_variant[v]["ranks"][q] or "-" for v in variants] for q in questions]
        out += ["", f"rank of the page ({name} questions)", format_table(["question", *variants], rows)]
    return "\n".join(out)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.paraphrase", description=__doc__.splitlines()[0])
    parser.add_argument("--k", type=int, nargs="+", default=[1, 3, 5, 10], help="cut-offs")
    parser.add_argument("--set", choices=[*SETS, "all"], default="all", help="which questions to ask")
    parser.add_argument("--json", dest="json_out", help="write the results as JSON to this path")
    args = parser.parse_args(argv)
    if any(k < 1 for k in args.k):
        parser.error("--k values must be >= 1")
    return args


def main(argv: list[str] | None = None) -> dict[str, Any]:
    return run_and_report(parse_args(argv), run, render)


if __name__ == "__main__":
    main()
