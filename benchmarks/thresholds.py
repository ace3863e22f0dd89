"""What the engine's MiniLM-tuned cosine thresholds would be for another local model.

    python -m benchmarks.thresholds [--models NAME ...] [--samples 0 1 2 3] [--pages N]

Several thresholds compare a cosine with a constant chosen on MiniLM: the offline continuation test,
the cosine part of the mid-term segment threshold, the fact-merge cosine and the fact relevance floors.
Models spread cosines differently (e5 puts unrelated texts near 0.75), so a constant does not carry
over. For each threshold this prints the share of page pairs (two non-consecutive pages of one
conversation: mostly different moments, often the same people and topics) MiniLM puts below it, and the
cosine at the same share for each model: a quantile-matched starting point for tuning a switch, not a
tuned value. Pages come from the tuning half of the LoCoMo dev file (samples 0-3) by default.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import numpy as np

from memoryos_mcp.config import MemoryConfig
from memoryos_mcp.language.offline import OfflineLLM
from memoryos_mcp.memory.long_term import MERGE_COSINE
from memoryos_mcp.records import embedding_text
from memoryos_mcp.search.facts import LEXICAL_FLOOR, RELEVANCE_FLOOR, SECTION_FLOOR

from .common import format_table, machine_info, run_and_report
from .embedders import SHORT_NAMES, build, full_name
from .locomo_data import DEFAULT_DATA, load_locomo

THRESHOLDS = {
    "OfflineLLM.CONTINUATION_COSINE": OfflineLLM.CONTINUATION_COSINE,
    "mid_term_similarity_threshold": MemoryConfig.model_fields["mid_term_similarity_threshold"].default,
    "long_term.MERGE_COSINE": MERGE_COSINE,
    "long_term.RELEVANCE_FLOOR": RELEVANCE_FLOOR,
    "long_term.LEXICAL_FLOOR": LEXICAL_FLOOR,
    "long_term.SECTION_FLOOR": SECTION_FLOOR,
}


def pair_cosines(vectors: np.ndarray, sample_of: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cosines of consecutive pages (same conversation) and of every non-adjacent pair within a conversation."""
    same = sample_of[:-1] == sample_of[1:]
    adjacent = np.einsum("ij,ij->i", vectors[:-1], vectors[1:])[same]
    cos = vectors @ vectors.T
    i, j = np.triu_indices(len(vectors), k=2)
    keep = sample_of[i] == sample_of[j]
    return adjacent, cos[i[keep], j[keep]]


def run(args: argparse.Namespace) -> dict[str, Any]:
    samples = [load_locomo(Path(args.data))[i] for i in args.samples]
    texts, sample_of = [], []
    for number, sample in enumerate(samples):
        for page in sample.pages[: args.pages]:
            texts.append(embedding_text(page.user_input, page.agent_response))
            sample_of.append(number)
    owners = np.asarray(sample_of)
    models = {}
    for spec in args.models:
        adjacent, unrelated = pair_cosines(build(spec).embed_batch(texts), owners)
        models[spec] = {"adjacent_median": float(np.median(adjacent)), "unrelated": unrelated}
        print(f"  {spec}: {len(unrelated)} page pairs", flush=True)
    reference = models[args.models[0]]["unrelated"]
    rows = []
    for name, value in THRESHOLDS.items():
        share = float(np.mean(reference < value))
        rows.append({"threshold": name, "value": value, "share_below": round(share, 4)}
                    | {spec: round(float(np.quantile(m["unrelated"], share)), 3) for spec, m in models.items()})
    summary = {spec: {"unrelated_median": round(float(np.median(m["unrelated"])), 3),
                      "adjacent_median": round(m["adjacent_median"], 3)} for spec, m in models.items()}
    return {"benchmark": "thresholds", "samples": [s.sample_id for s in samples], "pages_per_sample": args.pages,
            "machine": machine_info(), "models": summary, "thresholds": rows}


def render(report: dict[str, Any]) -> str:
    specs = list(report["models"])
    medians = format_table(["model", "median cosine, non-consecutive pages", "median cosine, consecutive pages"],
                           [[s, v["unrelated_median"], v["adjacent_median"]] for s, v in report["models"].items()])
    table = format_table(["threshold (tuned on MiniLM)", "value", "share of non-consecutive pairs below", *specs],
                         [[r["threshold"], r["value"], r["share_below"], *[r[s] for s in specs]]
                          for r in report["thresholds"]])
    return (f"LoCoMo samples {', '.join(report['samples'])}, first {report['pages_per_sample']} pages each\n"
            f"{medians}\n\n{table}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.thresholds", description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="LoCoMo-format JSON file")
    parser.add_argument("--models", nargs="+", default=["minilm", "use", "e5"],
                        help=f"the first is the reference (short names: {', '.join(SHORT_NAMES)})")
    parser.add_argument("--samples", type=int, nargs="+", default=[0, 1, 2, 3],
                        help="sample indexes (default 0-3: the tuning half of the dev file)")
    parser.add_argument("--pages", type=int, default=150, help="pages per sample (default 150)")
    parser.add_argument("--json", dest="json_out", help="write the results as JSON to this path")
    args = parser.parse_args(argv)
    for spec in args.models:
        full_name(spec)
    return args


def main(argv: list[str] | None = None) -> dict[str, Any]:
    return run_and_report(parse_args(argv), run, render)


if __name__ == "__main__":
    main()
