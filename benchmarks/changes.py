"""Changes read as changes: does the card show the newer value as current and the older one only as past?

    python -m benchmarks.changes [--half tune|report|all] [--json OUT] [--show]

Each item of `benchmarks.changes_sweep` (an older statement, a filler, a later change, in one of several voices)
is added with timestamps a month apart to a fresh offline store; the card (`get_user_profile`) is read once
before the change (was the older value read at all?) and once after. An item is read right when every current
string is on the card and no card line names a stale value without a past marker (the same test as
`benchmarks.usermodel`'s "stale as current"). Report by half: the report half was never tuned on.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

from .changes_sweep import SWEEP, Change
from .common import engine_config, format_table, machine_info, make_embedder, open_engine, run_and_report
from .usermodel import PAST_MARKERS, _marked, all_in, contains

FILLER = ("what's a good recipe for a quick weeknight dinner?", "Try a one-pan lemon chicken with greens.")


def stale_lines(card: str, stale: tuple[str, ...]) -> list[str]:
    """Card lines that name a stale value without marking it past."""
    return [line for line in card.splitlines()
            if any(contains(line, value) for value in stale) and not _marked(line, PAST_MARKERS)]


def run_item(item: Change, config_dir: Path, embedder: Any) -> dict[str, Any]:
    config = engine_config(config_dir)
    memo = open_engine(config, embedder)
    try:
        first = list(item.older) + [FILLER]
        for day, (user, assistant) in enumerate(first):
            said = f"2027-03-{1 + 7 * day:02d} 09:00:00"
            memo.add_memory(user, assistant, timestamp=said)
        memo.flush()  # each card read on the day of its last page
        before = memo.get_user_profile(include_knowledge=False, reference_time=said).user_profile
        for minute, (user, assistant) in enumerate(item.change):
            said = f"2027-04-10 18:{minute:02d}:00"
            memo.add_memory(user, assistant, timestamp=said)
        memo.flush()
        card = memo.get_user_profile(include_knowledge=False, reference_time=said).user_profile
    finally:
        memo.close()
    shown = stale_lines(card, item.stale)
    current = not item.current or all_in(card, list(item.current))
    return {"key": item.key, "kind": item.kind, "voice": item.voice, "half": item.half,
            "older_read": any(contains(before, value) for value in item.stale),
            "current_shown": current, "stale_shown": bool(shown), "right": current and not shown,
            "card": card, "stale_lines": shown}


def _share(rows: list[dict[str, Any]], measure: str) -> float | None:
    return round(sum(r[measure] for r in rows) / len(rows), 3) if rows else None


def summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {"n": len(rows), **{m: _share(rows, m) for m in ("right", "current_shown", "stale_shown", "older_read")}}


def run(args: argparse.Namespace) -> dict[str, Any]:
    items = [item for item in SWEEP if args.half in ("all", item.half)]
    with tempfile.TemporaryDirectory(prefix="memoryos-changes-") as tmp:
        embedder = make_embedder(engine_config(Path(tmp)))
        rows = []
        for n, item in enumerate(items):
            folder = Path(tmp) / str(n)
            folder.mkdir()
            rows.append(run_item(item, folder, embedder))
    halves = sorted({r["half"] for r in rows})
    kinds = sorted({r["kind"] for r in rows})
    return {"machine": machine_info(), "items": rows,
            "by_half": {h: summary([r for r in rows if r["half"] == h]) for h in halves},
            "by_kind": {f"{h}/{k}": summary([r for r in rows if r["half"] == h and r["kind"] == k])
                        for h in halves for k in kinds}}


def render(report: dict[str, Any]) -> str:
    headers = ["set", "n", "right", "current_shown", "stale_shown", "older_read"]
    rows = [[name] + list(values.values()) for name, values in {**report["by_half"], **report["by_kind"]}.items()]
    return f"{format_table(headers, rows)}\n\ncode {report['machine']['code']}, {report['machine']['date']}"


def render_misses(report: dict[str, Any]) -> str:
    misses = [f"--- {r['key']} ({r['half']}): current {'ok' if r['current_shown'] else 'MISSING'}, "
              f"stale lines {r['stale_lines']}\n{r['card']}" for r in report["items"] if not r["right"]]
    return "\n\n".join(misses + [render(report)])


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.changes", description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("tune", "report", "all"), default="tune",
                        help="which half of the sweep (report: never tuned on; default tune)")
    parser.add_argument("--json", dest="json_out", help="write the results as JSON to this path")
    parser.add_argument("--show", action="store_true", help="print the card of every item not read right")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = parse_args(argv)
    return run_and_report(args, run, render_misses if args.show else render)


if __name__ == "__main__":
    main()
