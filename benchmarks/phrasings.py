"""One fact said many ways: does the card understand how people actually say who they are?

    python -m benchmarks.phrasings [--sets FILE ...] [--half tune|report|all] [--json OUT] [--show-misses]

Each set in `benchmarks/usermodel_phrasings/` was written blind (by writers who never read the code or the
other cases) in one voice: items of one to four exchanges, each a different user teaching one slot (a name, an
employer, a move, a pet, a promise kept ...); in sets `h` to `l`, two to six exchanges over weeks in which a slot
changes (an old value said, filler, then the new one, often only implied). Every item is imported alone into a
fresh offline store and scored on its card as `benchmarks.usermodel` scores a case's: the slot's `current`
strings all on the card, a `stale` value shown without a past marker, an open promise listed, a kept one listed
as open.

Rules are tuned on the `tune_*` sets; the figure to quote is the `report_*` sets', which nobody working on the
code has read.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

from .common import REPO_ROOT, engine_config, format_table, machine_info, make_embedder, open_engine, run_and_report
from .usermodel import CaseResult, _rate, _sum, score_card

SETS = REPO_ROOT / "benchmarks" / "usermodel_phrasings"
MEASURES = ("profile_recall", "stale_as_current", "open_listed", "done_listed_open")
HALVES = ("tune", "report", "all")


def sets_of(half: str) -> list[Path]:
    """The shipped sets of `half` (tune, report or all)."""
    return sorted(SETS.glob("*.json" if half == "all" else f"{half}_*.json"))


def run_item(item: dict[str, Any], args: argparse.Namespace, embedder: Any) -> CaseResult:
    with tempfile.TemporaryDirectory() as tmp:
        memo = open_engine(engine_config(Path(tmp), config_path=args.config), embedder)
        try:
            ids = memo.add_memories([dict(e) for e in item["exchanges"]])
            memo.flush()
            card = memo.get_user_profile(  # as read the day of the last page
                include_knowledge=False, reference_time=max(e["timestamp"] for e in item["exchanges"])).user_profile
        finally:
            memo.close()
    result = CaseResult(item["id"], len(ids), 0.0, 0.0, card)
    score_card(result, item)
    return result


def run(args: argparse.Namespace) -> dict[str, Any]:
    paths = [Path(p) for p in args.sets] if args.sets else sets_of(args.half)
    if not paths:
        raise SystemExit(f"no phrasing sets in {SETS} (see --sets)")
    config = engine_config(Path(tempfile.gettempdir()), config_path=args.config)
    embedder = make_embedder(config)
    by_kind: dict[str, list[CaseResult]] = {}
    items: list[dict[str, Any]] = []
    for path in paths:
        for item in json.loads(path.read_text(encoding="utf-8"))["items"]:
            result = run_item(item, args, embedder)
            by_kind.setdefault(item["kind"], []).append(result)
            items.append({"id": item["id"], "kind": item["kind"], "card": result.card, "misses": result.misses,
                          **{m: _rate(result.counts.get(m)) for m in MEASURES}})
    overall = _sum([r.counts for results in by_kind.values() for r in results])
    return {
        "machine": machine_info(),
        "half": "given" if args.sets else args.half,
        "sets": [str(p) for p in paths],
        "overall": {m: _rate(overall.get(m)) for m in MEASURES},
        "counts": overall,
        "by_kind": {kind: {m: _rate(_sum([r.counts for r in results]).get(m)) for m in MEASURES}
                    | {"items": len(results)} for kind, results in sorted(by_kind.items())},
        "items": items,
    }


def render(report: dict[str, Any]) -> str:
    headers = ["kind", "items", *MEASURES]
    rows = [[kind, row["items"], *(row[m] for m in MEASURES)] for kind, row in report["by_kind"].items()]
    rows.append(["overall", len(report["items"]), *(report["overall"][m] for m in MEASURES)])
    return "\n\n".join([format_table(headers, rows),
                        f"half {report['half']}, code {report['machine']['code']}, {report['machine']['date']}"])


def render_with_misses(report: dict[str, Any]) -> str:
    missed = [f"--- {item['id']} ({item['kind']})\n{item['card']}\n" + "\n".join(f"MISS {m}" for m in item["misses"])
              for item in report["items"] if item["misses"]]
    return "\n\n".join([*missed, render(report)])


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.phrasings", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="+", default=[], help="phrasing files (instead of the shipped --half)")
    parser.add_argument("--half", choices=HALVES, default="report", help="which shipped sets (default: report)")
    parser.add_argument("--config", help="config file (its LLM endpoint is ignored)")
    parser.add_argument("--json", dest="json_out", help="write the results as JSON to this path")
    parser.add_argument("--show-misses", action="store_true", help="print the card of every item that missed")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = parse_args(argv)
    return run_and_report(args, run, render_with_misses if args.show_misses else render)


if __name__ == "__main__":
    main()
