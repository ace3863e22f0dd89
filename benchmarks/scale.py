"""Latency, memory and disk use of the engine as the store grows (synthetic pages, offline).

    python -m benchmarks.scale [--pages 1000 10000 100000] [--json OUT] [--store DIR] [--config CONFIG]
                               [--storage-url sqlite postgresql://... ] [--synthetic-bulk-vectors [blend|copies]]

One store grows through the sizes: bulk import (`add_memories`, batched embedding) up to
`size - adds` pages, then `adds` timed `add_memory` calls one by one, so each size holds exactly
`size` pages. At each size: retrieval timed in-process and through an in-memory MCP client
session, then cold start (a new process opens the store and answers a first retrieval) with
that process's peak RSS, and the database size on disk.

`--storage-url` runs the whole measurement once per store, side by side in one run (`sqlite`: a SQLite
file in a temporary folder; a `postgresql://` URL: that database, which must be empty). On PostgreSQL
the recall of the HNSW search against exact search is measured on the timed queries too.
On PostgreSQL the round trips to the server per timed call are counted too (benchmarks/roundtrips.py).
`--synthetic-bulk-vectors` writes the bulk of the store straight through the store's repositories, as
pages already enriched and learnt from, with vectors made from 2,000 real embeddings of synthetic pages,
so a million pages do not take days of embedding on 2 cores; the timed adds and queries still go through
the engine and the real model. `blend` (the default) mixes two of them in random shares, plus a little
noise: every vector is distinct and they spread over the space real pages span. `copies` (the generator
before 2026-12-02) is one of them plus noise: at 1M pages 500 near-copies of each, tight clusters no history
of distinct pages has. HNSW recall at 1M is below 0.95 with either (BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import anyio
import numpy as np

from . import synth
from .common import (
    REPO_ROOT,
    dir_size,
    engine_config,
    format_table,
    latency_summary,
    machine_info,
    make_embedder,
    open_engine,
    run_and_report,
)
from .roundtrips import RoundTrips, counting

WARMUP_QUERIES = 5
IMPORT_BATCH = 2000
#: Real embeddings the synthetic bulk vectors are made from, and the noise added to each vector by generator.
SYNTHETIC_SOURCES = 2000
SYNTHETIC_NOISE = {"blend": 0.25, "copies": 0.5}
#: Dense candidates whose recall against exact search is measured (retrieval's candidate depth), and the top.
RECALL_DEPTHS = (10, 200)
#: HNSW candidate lists whose recall and latency are measured too on PostgreSQL (the store uses 1000).
EF_SEARCH = (200, 400, 1000)
TARGETS = {"retrieve_p95_ms_at_100k": 50, "add_p95_ms": 30, "cold_start_s_at_100k": 3.0, "peak_rss_mb_at_100k": 600}


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def bulk_import(memo: Any, seed: int, start: int, count: int) -> float:
    """Seconds to import pages start..start+count with add_memories, in batches."""
    elapsed = 0.0
    for offset in range(start, start + count, IMPORT_BATCH):
        batch = [p.as_memory() for p in synth.pages(seed, offset, min(IMPORT_BATCH, start + count - offset))]
        t0 = time.perf_counter()
        memo.add_memories(batch)
        elapsed += time.perf_counter() - t0
        if (offset - start) % (IMPORT_BATCH * 10) == 0:
            _log(f"  imported {offset + len(batch) - start}/{count} ({elapsed:.0f} s)")
    memo.flush()
    return elapsed


def synthetic_bulk(memo: Any, seed: int, start: int, count: int, generator: str = "blend") -> float:
    """Seconds to write pages start..start+count straight into the store, as pages already enriched and learnt
    from, with vectors of real synthetic pages plus noise (no model call per page). On PostgreSQL by COPY with
    the search indexes built after (store/postgres/bulk.py); on SQLite through the repositories."""
    sources = memo.embedder.embed_batch([p.as_memory()["user_input"] for p in
                                         synth.pages(seed + 1, 0, SYNTHETIC_SOURCES)])
    batches = synthetic_batches(sources, seed, start, count, generator)
    t0 = time.perf_counter()
    if memo.config.on_postgres:
        from memoryos_mcp.store.postgres.bulk import load_pages

        load_pages(memo.store, memo.scope, batches)
        return time.perf_counter() - t0
    for ids in (memo.pages.insert(pages, vectors) for pages, vectors in batches):
        with memo.store.transaction() as conn:
            conn.execute("UPDATE pages SET tier = 'mid', enriched = 1, analyzed = 1, learned = 1 "
                         "WHERE id BETWEEN ? AND ?", (min(ids), max(ids)))
    memo.search.dense.load()
    return time.perf_counter() - t0


def synthetic_batches(sources: np.ndarray, seed: int, start: int, count: int,
                      generator: str = "blend") -> Iterator[tuple[list[Any], np.ndarray]]:
    """Pages start..start+count in batches, each with vectors made from `sources` (real embeddings) by `generator`
    (see the module's docstring)."""
    from memoryos_mcp.records import NewPage

    rng = np.random.default_rng(seed)
    t0 = time.perf_counter()
    for offset in range(start, start + count, IMPORT_BATCH):
        batch = synth.pages(seed, offset, min(IMPORT_BATCH, start + count - offset))
        picked = sources[rng.integers(0, len(sources), len(batch))]
        if generator == "blend":
            share = rng.uniform(0.0, 1.0, (len(batch), 1))
            picked = share * picked + (1.0 - share) * sources[rng.integers(0, len(sources), len(batch))]
        noise = rng.normal(0.0, SYNTHETIC_NOISE[generator] / np.sqrt(sources.shape[1]), picked.shape)
        vectors = picked + noise
        vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
        yield [NewPage(p.user_input, p.agent_response, p.timestamp, {}) for p in batch], vectors
        if (offset - start) % (IMPORT_BATCH * 50) == 0:
            _log(f"  wrote {offset + len(batch) - start}/{count} ({time.perf_counter() - t0:.0f} s)")


def dense_recall(memo: Any, queries: list[str]) -> dict[str, Any]:
    """Recall of the store's dense search (HNSW on PostgreSQL, FAISS on SQLite) against exact cosine search
    over every searchable page's vector, at each of RECALL_DEPTHS, averaged over the queries; on PostgreSQL
    also at each of EF_SEARCH, with the dense search's own latency there."""
    ids, matrix = [], []
    for batch_ids, vectors in memo.pages.vectors():
        ids += batch_ids
        matrix.append(vectors)
    every = np.vstack(matrix)
    vectors = memo.embedder.embed_batch(queries)
    truths = [[ids[i] for i in np.argsort(-(every @ vector))[:max(RECALL_DEPTHS)]] for vector in vectors]
    recall = _recall(memo, vectors, truths)
    if memo.config.on_postgres:
        with memo.store.transaction() as conn:
            for ef_search in EF_SEARCH:
                conn.execute(f"SET LOCAL hnsw.ef_search = {ef_search}")
                recall[f"ef_search_{ef_search}"] = _recall(memo, vectors, truths)
    return recall


def _recall(memo: Any, vectors: np.ndarray, truths: list[list[int]]) -> dict[str, Any]:
    found: dict[int, list[float]] = {depth: [] for depth in RECALL_DEPTHS}
    seconds = []
    for vector, truth in zip(vectors, truths, strict=True):
        t0 = time.perf_counter()
        approximate = [page_id for page_id, _ in memo.search.dense.search(vector, max(RECALL_DEPTHS))]
        seconds.append(time.perf_counter() - t0)
        for depth in RECALL_DEPTHS:
            found[depth].append(len(set(truth[:depth]) & set(approximate[:depth])) / depth)
    return {**{f"recall_at_{depth}": round(float(np.mean(values)), 4) for depth, values in found.items()},
            "search_ms": latency_summary(seconds)}


def timed_adds(memo: Any, seed: int, start: int, count: int) -> tuple[list[float], RoundTrips]:
    """Seconds of each call, and the calls' round trips to a database server (none on SQLite)."""
    seconds = []
    with counting() as trips:
        for p in synth.pages(seed, start, count):
            t0 = time.perf_counter()
            memo.add_memory(p.user_input, p.agent_response, p.timestamp)
            seconds.append(time.perf_counter() - t0)
    memo.flush()
    return seconds, trips


def timed_retrievals(memo: Any, queries: list[str], k: int) -> tuple[list[float], RoundTrips]:
    """As timed_adds, after WARMUP_QUERIES untimed ones."""
    for query in queries[:WARMUP_QUERIES]:
        memo.retrieve(query, max_results=k)
    seconds = []
    with counting() as trips:
        for query in queries[WARMUP_QUERIES:]:
            t0 = time.perf_counter()
            memo.retrieve(query, max_results=k)
            seconds.append(time.perf_counter() - t0)
    return seconds, trips


def mcp_retrievals(memo: Any, queries: list[str], k: int) -> list[float]:
    """`retrieve_memory` through an in-memory MCP client session (JSON-RPC over memory streams).

    The server's lifespan closes the engine when the session ends.
    """
    from mcp import Client

    from memoryos_mcp.server.app import build_server
    from memoryos_mcp.server.host import EngineHost

    server = build_server(EngineHost(memo.config, "in-memory", factory=lambda _config: memo))
    seconds: list[float] = []

    async def session() -> None:
        async with Client(server, mode="legacy") as client:
            for i, query in enumerate(queries):
                t0 = time.perf_counter()
                result = await client.call_tool("retrieve_memory", {"query": query, "max_results": k})
                if result.is_error:
                    raise RuntimeError(f"retrieve_memory failed over MCP: {result.content}")
                if i >= WARMUP_QUERIES:
                    seconds.append(time.perf_counter() - t0)

    anyio.run(session)
    return seconds


def cold_start(data_dir: Path, queries: list[str], config_path: str | None,
               storage_url: str | None = None) -> dict[str, Any]:
    """Spawn a process that opens the store; time spawn -> first answer, read its peak RSS."""
    settings = (["--config", config_path] if config_path else []) + (["--storage-url", storage_url]
                                                                       if storage_url else [])
    cmd = [sys.executable, "-m", "benchmarks.coldstart", *settings, str(data_dir), *queries]
    t0 = time.perf_counter()
    with subprocess.Popen(cmd, cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True) as child:
        assert child.stdout is not None
        first_line = child.stdout.readline()
        first_answer_s = time.perf_counter() - t0
        rest = child.stdout.read()
    if child.returncode != 0 or not first_line:
        raise RuntimeError(f"cold-start process failed with exit code {child.returncode}")
    phases, later = json.loads(first_line), json.loads(rest.strip().splitlines()[-1])
    return {
        "cold_start_s": round(first_answer_s, 3),
        "phases_s": {key: round(value, 3) for key, value in phases.items()},
        "retrieve_after_start_ms": latency_summary(later["later_retrievals_s"]),
        "peak_rss_mb": later["peak_rss_mb"],
    }


def measure_size(memo: Any, args: argparse.Namespace, size: int, count: int, data_dir: Path,
                 storage_url: str | None, reopen: Callable[[], Any]) -> dict[str, Any]:
    """Grow the store from `count` to `size` pages and measure everything at that size.

    On PostgreSQL the engine is opened again after the bulk, as a restarted server would be: a pooled connection
    sets `hnsw.ef_search` by the size of the graph when it opens (store/postgres/store.py), so connections
    opened on the smaller store would search the grown one with the smaller candidate list."""
    bulk = size - args.adds - count
    _log(f"size {size}: bulk import of {bulk} pages")
    if bulk <= 0:
        import_s = 0.0
    elif args.synthetic_bulk_vectors:
        import_s = synthetic_bulk(memo, args.seed, count, bulk, args.synthetic_bulk_vectors)
    else:
        import_s = bulk_import(memo, args.seed, count, bulk)
    if storage_url and bulk > 0:
        memo.close()
        memo = reopen()
    _log(f"size {size}: {args.adds} add_memory calls")
    adds, add_trips = timed_adds(memo, args.seed, count + bulk, args.adds)
    queries = synth.queries(args.seed + size, WARMUP_QUERIES + args.queries)
    _log(f"size {size}: {args.queries} retrievals in-process and over MCP")
    inproc, retrieve_trips = timed_retrievals(memo, queries, args.k)
    recall = dense_recall(memo, queries[WARMUP_QUERIES:])
    status = memo.status()
    mcp = mcp_retrievals(memo, queries, args.k)  # closes the engine
    memo.close()
    _log(f"size {size}: cold start")
    cold = cold_start(data_dir, queries[WARMUP_QUERIES - 1 : WARMUP_QUERIES + args.cold_queries], args.config,
                      storage_url)
    return {
        "store": "postgresql" if storage_url else "sqlite",
        "pages": size,
        "dense_recall": recall,
        "bulk_import": {"pages": bulk, "seconds": round(import_s, 2),
                        "pages_per_s": round(bulk / import_s, 1) if import_s else None},
        "add_memory_ms": latency_summary(adds),
        "retrieve_inprocess_ms": latency_summary(inproc),
        "retrieve_mcp_ms": latency_summary(mcp),
        "round_trips_per_call": {"add_memory": per_call(add_trips, adds), "retrieve": per_call(retrieve_trips, inproc)},
        "cold_start": cold,
        "peak_rss_mb": cold["peak_rss_mb"],
        "benchmark_process_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "db_bytes": status["store_size_bytes"] if storage_url else dir_size(data_dir),
        "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
        "tiers": {key: status.get(key) for key in ("short_term_pages", "mid_term_pages", "archived_pages",
                                                   "mid_term_segments")},
    }


def per_call(trips: RoundTrips, calls: list[float]) -> dict[str, float]:
    """Round trips to the database server per call, and milliseconds spent waiting in them."""
    return {"round_trips": round(trips.count / len(calls), 1),
            "waiting_ms": round(trips.seconds * 1000 / len(calls), 1)}


def stored_pages(memo: Any) -> int:
    status = memo.status()
    return sum(int(status.get(key) or 0) for key in ("short_term_pages", "mid_term_pages", "archived_pages"))


def run(args: argparse.Namespace) -> dict[str, Any]:
    results = []
    with contextlib.ExitStack() as stack:
        if args.store:
            base = Path(args.store)
        else:
            base = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="memoryos-scale-", dir=args.tmp_dir)))
        embedder = make_embedder(engine_config(base, config_path=args.config))
        for number, url in enumerate(args.storage_url):
            storage_url = None if url == "sqlite" else url
            data_dir = base / ("store" if number == 0 else f"store{number}")
            config = engine_config(data_dir, config_path=args.config, storage_url=storage_url)
            for size in sorted(set(args.pages)):
                memo = open_engine(config, embedder)
                try:
                    count = stored_pages(memo)
                    if count > size - args.adds:
                        _log(f"size {size}: skipped, the store already holds {count} pages")
                        continue
                    results.append(measure_size(memo, args, size, count, data_dir, storage_url,
                                                lambda config=config: open_engine(config, embedder)))
                finally:
                    memo.close()
                _log(render_row(results[-1]))
    return {
        "benchmark": "scale",
        "machine": machine_info(),
        "provider": "offline",
        "config": args.config or "shipped defaults",
        "bulk_vectors": f"synthetic, {args.synthetic_bulk_vectors} of 2,000 real embeddings"
        if args.synthetic_bulk_vectors else "the model's",
        "seed": args.seed,
        "max_results": args.k,
        "adds_per_size": args.adds,
        "queries_per_size": args.queries,
        "warmup_queries": WARMUP_QUERIES,
        "targets": TARGETS,
        "sizes": results,
    }


def render_row(r: dict[str, Any]) -> str:
    return (f"{r['store']} {r['pages']} pages: add p95 {r['add_memory_ms']['p95_ms']} ms, retrieve p95 "
            f"{r['retrieve_inprocess_ms']['p95_ms']} ms, cold start {r['cold_start']['cold_start_s']} s, "
            f"RSS {r['peak_rss_mb']} MB")


def render(report: dict[str, Any]) -> str:
    headers = ["store", "pages", "add p50", "add p95", "retrieve p50", "retrieve p95", "MCP p50", "MCP p95",
               "dense recall@10/@200", "cold start s", "peak RSS MB", "DB MB", "import pages/s"]
    rows = []
    for r in report["sizes"]:
        add, inproc, mcp = r["add_memory_ms"], r["retrieve_inprocess_ms"], r["retrieve_mcp_ms"]
        recall = r["dense_recall"]
        rows.append([r["store"], r["pages"], add["p50_ms"], add["p95_ms"], inproc["p50_ms"], inproc["p95_ms"],
                     mcp["p50_ms"], mcp["p95_ms"], f"{recall['recall_at_10']}/{recall['recall_at_200']}",
                     r["cold_start"]["cold_start_s"], r["peak_rss_mb"], round(r["db_bytes"] / 1e6, 1),
                     r["bulk_import"]["pages_per_s"] or "-"])
    m = report["machine"]
    return "\n".join([
        f"scale benchmark, offline provider, max_results={report['max_results']}, {m['nproc']} cores {m['cpu']}",
        "latencies in ms (p50 / p95); cold start = new process: imports + open store + first retrieval",
        format_table(headers, rows),
    ])


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale", description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[1000, 10000, 100000], help="store sizes")
    parser.add_argument("--json", dest="json_out", help="write the results as JSON to this path")
    parser.add_argument("--adds", type=int, default=200, help="timed add_memory calls per size")
    parser.add_argument("--queries", type=int, default=100, help="timed retrievals per size (and over MCP)")
    parser.add_argument("--cold-queries", type=int, default=20, help="retrievals after the cold start")
    parser.add_argument("--k", type=int, default=10, help="max_results of each retrieval")
    parser.add_argument("--seed", type=int, default=7, help="seed of the synthetic history")
    parser.add_argument("--tmp-dir", help="where the temporary store lives (default: the system temp dir)")
    parser.add_argument("--config", help="engine settings from this config.json (the provider stays offline)")
    parser.add_argument("--store", help="keep the store in this directory; a later run resumes from its pages")
    parser.add_argument("--storage-url", nargs="+", default=["sqlite"],
                        help="stores measured one after the other: sqlite (a file) or postgresql://... (empty)")
    parser.add_argument("--synthetic-bulk-vectors", nargs="?", const="blend", choices=sorted(SYNTHETIC_NOISE),
                        help="write the bulk through the store, vectors made from real embeddings (default blend)")
    args = parser.parse_args(argv)
    if min(args.pages) < args.adds or args.adds < 1 or args.queries < 1:
        parser.error("every --pages size must be >= --adds, and --adds and --queries must be >= 1")
    return args


def main(argv: list[str] | None = None) -> dict[str, Any]:
    return run_and_report(parse_args(argv), run, render)


if __name__ == "__main__":
    main()
