"""Child process of the scale benchmark: open an existing store and answer retrievals.

    python -m benchmarks.coldstart [--config CONFIG] [--storage-url URL] DATA_DIR QUERY [QUERY ...]

Prints one JSON line as soon as the first retrieval is answered (the parent times the spawn up
to that line: interpreter start, imports, opening the store and indexes, first answer), then one
JSON line with the later retrievals and the process's peak RSS.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

START = time.perf_counter()


def _emit(payload: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(payload) + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> None:
    config_path = storage_url = None
    if argv[0] == "--config":
        config_path, argv = argv[1], argv[2:]
    if argv[0] == "--storage-url":
        storage_url, argv = argv[1], argv[2:]
    data_dir, queries = Path(argv[0]), argv[1:]
    from .common import engine_config, open_engine

    imported = time.perf_counter()
    memo = open_engine(engine_config(data_dir, config_path=config_path, storage_url=storage_url))
    opened = time.perf_counter()
    memo.retrieve(queries[0], max_results=10)
    first = time.perf_counter()
    _emit({"imports_s": imported - START, "open_s": opened - imported, "first_retrieve_s": first - opened})
    later = []
    for query in queries[1:]:
        t0 = time.perf_counter()
        memo.retrieve(query, max_results=10)
        later.append(time.perf_counter() - t0)
    memo.close()
    _emit({"later_retrievals_s": later, "peak_rss_mb": round(_peak_rss_kib() / 1024, 1)})


def _peak_rss_kib() -> int:
    """This process's own peak. Linux's ru_maxrss survives fork and exec, so in a child of the
    benchmark it would report the parent's peak; the kernel's VmHWM starts afresh at exec."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # macOS counts bytes, others KiB


if __name__ == "__main__":
    main(sys.argv[1:])
