"""The local embedding models side by side: LoCoMo recall, speed, cold start, memory, install size.

    python -m benchmarks.embedders [--models NAME ...] [--samples 4 5 6 7] [--json OUT]

A model is a name of `LOCAL_MODELS` (or a short name: minilm, e5, use), or two joined by '+', which
fuses them: the concatenation of both unit vectors scaled by 1/sqrt(2), so its cosine is the mean
of the two cosines. Recall is LoCoMo evidence recall of `rank_pages` (ranked mid-term pages only,
no short-term credit) in dense mode and in the engine's hybrid mode, on the dev file's report half
(samples 4-7) by default: nothing here was tuned on it. Speed, cold start and RSS are measured in a
fresh subprocess per model, so one model's memory does not count against the next.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from memoryos_mcp.config import local_model_name
from memoryos_mcp.language.embeddings import Embedder
from memoryos_mcp.language.local_models import LOCAL_MODELS
from memoryos_mcp.records import embedding_text

from .common import engine_config, format_table, machine_info, open_engine, percentile, run_and_report
from .locomo import ingest
from .locomo_data import DEFAULT_DATA, load_locomo
from .locomo_eval import recall_of

SHORT_NAMES = {"minilm": "all-MiniLM-L6-v2", "e5": "multilingual-e5-small",
               "use": "universal-sentence-encoder-multilingual-3"}
DEFAULT_MODELS = ["minilm", "use", "e5", "minilm+use"]
#: Texts embedded for the throughput figure, and single queries timed for the latency figures.
SPEED_TEXTS = 256
#: Throughput rounds; the best is reported (other processes share the cores).
SPEED_ROUNDS = 3
SPEED_QUERIES = 200
KS = (5, 10)


class FusedEmbedder:
    """Two models in one vector space: cos(fused a, fused b) = (cos_1 + cos_2) / 2."""

    def __init__(self, first: Embedder, second: Embedder) -> None:
        self.parts = (first, second)
        self.name = f"fused:{first.name}+{second.name}"
        self.dimension = first.dimension + second.dimension

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        halves = [part.embed_batch(texts) for part in self.parts]
        return (np.hstack(halves) / math.sqrt(2.0)).astype(np.float32)


def full_name(name: str) -> str:
    resolved = local_model_name(SHORT_NAMES.get(name, name))
    if resolved is None:
        raise SystemExit(f"unknown model {name!r}: use {', '.join(SHORT_NAMES)} or a name of LOCAL_MODELS")
    return resolved


def build(spec: str) -> Embedder:
    parts = [LOCAL_MODELS[full_name(part)].load() for part in spec.split("+")]
    return parts[0] if len(parts) == 1 else FusedEmbedder(parts[0], parts[1])


def install_mb(spec: str) -> float:
    """Size of the installed files of each model's package (what choosing the model adds)."""
    total = 0
    for part in spec.split("+"):
        files = importlib.metadata.files(LOCAL_MODELS[full_name(part)].package) or []
        total += sum(f.locate().stat().st_size for f in files if f.locate().is_file())
    return round(total / 1e6, 1)


def measure_process(spec: str, texts: list[str], queries: list[str]) -> dict[str, Any]:
    """In this (fresh) process: load time, throughput, one-query latency, peak RSS."""
    start = time.perf_counter()
    embedder = build(spec)
    embedder.embed_batch(["warm-up"])
    cold = time.perf_counter() - start
    loaded_rss = peak_rss_mb()
    rates = []
    for _ in range(SPEED_ROUNDS):
        start = time.perf_counter()
        embedder.embed_batch(texts)
        rates.append(len(texts) / (time.perf_counter() - start))
    rate = max(rates)  # the least disturbed round: the machine is shared
    single = []
    for query in queries:
        start = time.perf_counter()
        embedder.embed_batch([query])
        single.append((time.perf_counter() - start) * 1000.0)
    return {"load_and_first_vector_s": round(cold, 2), "sentences_per_s": round(rate, 1),
            "query_p50_ms": round(statistics.median(single), 2), "query_p95_ms": round(percentile(single, 95), 2),
            "rss_after_load_mb": loaded_rss, "peak_rss_mb": peak_rss_mb()}


def peak_rss_mb() -> float:
    """VmHWM, the peak resident set so far of this process image (ru_maxrss would carry the parent's
    across exec): after loading, the model's footprint; after the batch, the peak while embedding."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def speed_in_subprocess(spec: str, texts: list[str], queries: list[str]) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump({"spec": spec, "texts": texts, "queries": queries}, handle)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "benchmarks.embedders", "--child", handle.name],
                          capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parents[1])
    Path(handle.name).unlink()
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_wall_s"] = round(time.perf_counter() - start, 2)
    return result


def recall(spec: str, embedder: Embedder, samples: list[Any]) -> dict[str, Any]:
    """Mean evidence recall of rank_pages (dense and hybrid) at each k over every question of the samples."""
    scores: dict[str, list[float]] = {f"{mode}@{k}": [] for mode in ("dense", "hybrid") for k in KS}
    with tempfile.TemporaryDirectory(prefix="memoryos-embedders-") as tmp:
        for sample in samples:
            config = engine_config(Path(tmp) / sample.sample_id)
            memo = open_engine(config, embedder)
            try:
                pages, _ = ingest(memo, sample, one_by_one=False)
                for question in sample.questions:
                    for mode in ("dense", "hybrid"):
                        ranked = memo.rank_pages(question.question, max(KS), mode=mode)
                        for k in KS:
                            scores[f"{mode}@{k}"].append(recall_of(question.evidence, pages.ids_of(ranked[:k])))
            finally:
                memo.close()
        print(f"  {spec}: recall done ({len(scores['dense@10'])} questions)", flush=True)
    return {key: round(statistics.fmean(values), 3) for key, values in scores.items()} | {
        "questions": len(scores["dense@10"])}


def run(args: argparse.Namespace) -> dict[str, Any]:
    everything = load_locomo(Path(args.data))
    samples = [everything[i] for i in args.samples]
    texts = [embedding_text(p.user_input, p.agent_response) for s in samples for p in s.pages][:SPEED_TEXTS]
    queries = [q.question for s in samples for q in s.questions][:SPEED_QUERIES]
    rows = {}
    for spec in args.models:
        row = {"install_mb": install_mb(spec)} | speed_in_subprocess(spec, texts, queries)
        print(f"  {spec}: {row}", flush=True)
        embedder = build(spec)
        row |= recall(spec, embedder, samples)
        rows[spec] = row
    return {"benchmark": "embedders", "data": str(Path(args.data).resolve()),
            "samples": [s.sample_id for s in samples], "machine": machine_info(), "models": rows}


def render(report: dict[str, Any]) -> str:
    headers = ["model", "dense R@5", "dense R@10", "hybrid R@5", "hybrid R@10", "sent/s", "query p50 ms",
               "query p95 ms", "load s", "RSS loaded MB", f"RSS peak ({SPEED_TEXTS} pages) MB", "install MB"]
    rows = [[spec, r["dense@5"], r["dense@10"], r["hybrid@5"], r["hybrid@10"], r["sentences_per_s"],
             r["query_p50_ms"], r["query_p95_ms"], r["load_and_first_vector_s"], r["rss_after_load_mb"],
             r["peak_rss_mb"], r["install_mb"]]
            for spec, r in report["models"].items()]
    questions = next(iter(report["models"].values()))["questions"] if report["models"] else 0
    return (f"LoCoMo {report['data']}, samples {', '.join(report['samples'])} ({questions} questions), "
            f"rank_pages only (no short-term credit); machine {report['machine']}\n"
            + format_table(headers, rows))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.embedders", description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="LoCoMo-format JSON file")
    parser.add_argument("--models", nargs="+", default=DEFAULT_MODELS, help="models, or A+B for a fusion")
    parser.add_argument("--samples", type=int, nargs="+", default=[4, 5, 6, 7],
                        help="sample indexes (default 4-7: the report half of the dev file)")
    parser.add_argument("--json", dest="json_out", help="write the results as JSON to this path")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> dict[str, Any] | None:
    args = parse_args(argv)
    if args.child:
        job = json.loads(Path(args.child).read_text(encoding="utf-8"))
        print(json.dumps(measure_process(job["spec"], job["texts"], job["queries"])))
        return None
    return run_and_report(args, run, render)


if __name__ == "__main__":
    main()
