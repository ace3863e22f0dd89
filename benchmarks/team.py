"""A team server under load: N users x M pages, concurrent MCP clients over streamable HTTP, the LRU bound.

Builds one store per user (bulk import, one shared embedder, facts learnt) and a tokens file, then starts
the real server (`--transport streamable-http`, `auth_tokens_file`, `max_open_users`) as a subprocess and
runs `--clients` concurrent clients. Each client opens sessions as a random user (uniform: the worst case
for the LRU) and makes one call of each tool per session: retrieve_memory, add_memory, get_user_profile,
list_memories, list_knowledge, and reads memoryos://status. Reports p50/p95 per tool, the first call of
a session separately (it opens the user's engine when the LRU had closed it), engine opens, and the
server's RSS sampled every 0.25 s.

    python -m benchmarks.team --users 100 --pages 1000 --store STORE --json team.json
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import anyio
import httpx2
from mcp.client import Client
from mcp.client.streamable_http import streamable_http_client

from benchmarks import synth
from benchmarks.common import (
    REPO_ROOT,
    engine_config,
    format_table,
    latency_summary,
    machine_info,
    make_embedder,
    run_and_report,
)
from memoryos_mcp import Memoryos
from memoryos_mcp.server.engine_pool import user_config
from memoryos_mcp.server.token_file import Tenant, add_token

IMPORT_BATCH = 500
TOOLS = ["retrieve_memory", "add_memory", "get_user_profile", "list_memories", "list_knowledge", "status"]


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build(store: Path, users: int, pages: int, seed: int) -> dict[str, str]:
    """One store per user (skipped when already built) and a token each; returns user -> token."""
    tokens_path = store / "bench-tokens.json"
    tokens: dict[str, str] = json.loads(tokens_path.read_text()) if tokens_path.exists() else {}
    config = engine_config(store)
    embedder = make_embedder(config)
    started = time.perf_counter()
    for i in range(users):
        user = f"user{i:03d}"
        if user in tokens:
            continue
        with Memoryos.from_config(user_config(config, Tenant(user_id=user, assistant_id=config.assistant_id)),
                                  embedder=embedder) as memory:
            for start in range(0, pages, IMPORT_BATCH):
                batch = synth.pages(seed + i, start, min(IMPORT_BATCH, pages - start))
                memory.add_memories([p.as_memory() for p in batch])
            memory.flush()
        tokens[user], _ = add_token(store / "tokens.json", user, config.assistant_id, "user")
        tokens_path.write_text(json.dumps(tokens))
        _log(f"  built {user}: {pages} pages ({time.perf_counter() - started:.0f} s so far)")
    return tokens


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(store: Path, max_open: int, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    config = store / "team-config.json"
    config.write_text(json.dumps({"data_storage_path": ".", "auth_tokens_file": "tokens.json",
                                  "llm_provider": "offline", "max_open_users": max_open}))
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "memoryos_mcp", "--config", str(config), "--transport",
                                "streamable-http", "--port", str(port)], cwd=REPO_ROOT, stdin=subprocess.DEVNULL,
                               stdout=log.open("w"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx2.get(f"{base}/healthz", timeout=1).status_code == 200:
                return process, base
        except httpx2.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"the server did not start; see {log}")


class RssSampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.samples, self.stop = pid, [], threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.25):
            try:
                status = Path(f"/proc/{self.pid}/status").read_text()
            except OSError:
                return
            kib = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
            self.samples.append(kib / 1024)


async def session(base: str, token: str, rng: random.Random, seed: int, timings: dict[str, list[float]]) -> None:
    """One user's session: a call of each tool, each timed; the first one is also filed as `first call`."""
    queries = synth.queries(seed + rng.randrange(1000), 1)
    new = synth.page(seed, 10_000_000 + rng.randrange(1_000_000))
    calls: list[tuple[str, Any]] = [
        ("retrieve_memory", {"query": queries[0], "max_results": 10}),
        ("add_memory", {"user_input": new.user_input, "agent_response": new.agent_response}),
        ("get_user_profile", {"include_knowledge": True}),
        ("list_memories", {"limit": 20}),
        ("list_knowledge", {"limit": 20}),
        ("status", None),
    ]
    rng.shuffle(calls)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx2.AsyncClient(headers=headers, timeout=300) as http, \
            Client(streamable_http_client(f"{base}/mcp", http_client=http), mode="legacy") as client:
        for position, (tool, arguments) in enumerate(calls):
            started = time.perf_counter()
            if arguments is None:
                await client.read_resource("memoryos://status", cache_mode="bypass")
            else:
                result = await client.call_tool(tool, arguments)
                if result.is_error:
                    raise RuntimeError(f"{tool} failed: {result.content}")
            elapsed = time.perf_counter() - started
            timings[tool].append(elapsed)
            if position == 0:
                timings["first call of a session"].append(elapsed)


async def load(base: str, tokens: dict[str, str], clients: int, sessions: int, seed: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {name: [] for name in [*TOOLS, "first call of a session"]}
    users = sorted(tokens)

    async def client(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        for _ in range(sessions):
            user = rng.choice(users)
            await session(base, tokens[user], rng, seed + users.index(user), timings)

    async with anyio.create_task_group() as group:
        for number in range(clients):
            group.start_soon(client, number)
    return timings


def run(args: argparse.Namespace) -> dict[str, Any]:
    store = Path(args.store)
    store.mkdir(parents=True, exist_ok=True)
    _log(f"building {args.users} users x {args.pages} pages in {store}")
    started = time.perf_counter()
    tokens = build(store, args.users, args.pages, args.seed)
    build_seconds = time.perf_counter() - started
    tokens = {user: tokens[user] for user in sorted(tokens)[:args.users]}
    results = []
    for bound in args.max_open:
        log = store / f"server-{bound}.log"
        process, base = start_server(store, bound, log)
        sampler = RssSampler(process.pid)
        sampler.start()
        t0 = time.perf_counter()
        try:
            timings = anyio.run(load, base, tokens, args.clients, args.sessions, args.seed)
        finally:
            wall = time.perf_counter() - t0
            sampler.stop.set()
            process.terminate()
            process.wait(timeout=120)
        text = log.read_text(errors="replace")
        calls = sum(len(timings[tool]) for tool in TOOLS)
        results.append({
            "max_open_users": bound, "wall_s": round(wall, 1), "calls": calls,
            "calls_per_s": round(calls / wall, 1), "engine_opens": text.count("opened the memory of user"),
            "engine_closes": text.count("closed the memory of user"),
            "rss_peak_mb": round(max(sampler.samples), 1), "rss_final_mb": round(sampler.samples[-1], 1),
            "latency": {name: latency_summary(values) for name, values in timings.items()},
        })
        _log(f"  max_open_users {bound}: {calls} calls in {wall:.0f} s, peak RSS {max(sampler.samples):.0f} MB")
    return {"benchmark": "team", "machine": machine_info(), "users": args.users, "pages_per_user": args.pages,
            "clients": args.clients, "sessions_per_client": args.sessions, "build_s": round(build_seconds, 1),
            "results": results}


def render(report: dict[str, Any]) -> str:
    rows = []
    for r in report["results"]:
        for name, summary in r["latency"].items():
            rows.append([r["max_open_users"], name, summary["n"], summary["p50_ms"], summary["p95_ms"]])
    header = (f"{report['users']} users x {report['pages_per_user']} pages, {report['clients']} clients; "
              + "; ".join(f"max_open_users {r['max_open_users']}: {r['calls_per_s']} calls/s, {r['engine_opens']} "
                          f"engine opens, RSS peak {r['rss_peak_mb']} MB" for r in report["results"]))
    return header + "\n\n" + format_table(["max_open_users", "call", "n", "p50 ms", "p95 ms"], rows)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.team", description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--pages", type=int, default=1000, help="pages per user")
    parser.add_argument("--clients", type=int, default=16, help="concurrent MCP clients")
    parser.add_argument("--sessions", type=int, default=10, help="sessions per client (6 calls each)")
    parser.add_argument("--max-open", type=int, nargs="+", default=[32], help="max_open_users values to run")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--store", required=True, help="folder of the stores; a later run reuses what is built")
    parser.add_argument("--json", dest="json_out", help="write the results as JSON to this path")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    return run_and_report(parse_args(argv), run, render)


if __name__ == "__main__":
    main()
