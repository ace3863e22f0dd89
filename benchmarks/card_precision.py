"""How much of the card a reader would call right: card items judged against their chats, re-read on today's cards.

    python -m benchmarks.card_precision [--results USERMODEL_JSON] [--json OUT]

Readers (session 23) took each card of the dev and tune cases and judged every item as the user would: right,
wrong (misread, someone else's, a past date shown as coming up, a kept promise shown open), stale, trivia or
partial (true but missing what makes it useful). The judgements are in `benchmarks/usermodel_judged/`, one file per
case with the commit its card was written at. This benchmark writes today's cards (or reads them from a
`benchmarks.usermodel --json` output) and reports, per verdict, how many of the judged items are still on the
card, the share of right ones among the judged items still shown, and how many items today's cards show that no
one judged (a new item may be right or wrong: judge it before trusting the share; an item judged after its case's
card says when, `judged_at`).

An item is "still on the card" when its first 45 characters are (case-insensitive): a line rewritten in other words
counts as gone and its new wording as unjudged.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

from . import usermodel
from .common import REPO_ROOT, engine_config, format_table, machine_info, make_embedder, run_and_report

JUDGED = REPO_ROOT / "benchmarks" / "usermodel_judged"
VERDICTS = ("right", "partial", "trivia", "stale", "wrong")
#: How much of an item's start must still be on the card for it to count as shown.
KEY_CHARS = 45


def items_of(card: str) -> list[str]:
    """The card's items as the readers split it: each "- " line, and each "; " part of a "Heading: a; b" line."""
    items = []
    for line in card.splitlines():
        if line.startswith("- "):
            items.append(line[2:])
        elif ": " in line:
            items += [part.strip().rstrip(".") for part in line.split(": ", 1)[1].split("; ") if part.strip()]
    return items


def _key(item: str) -> str:
    return item[:KEY_CHARS].rstrip(".").lower()


def _cards(judged: list[dict[str, Any]], results: str | None) -> dict[str, str]:
    if results:
        return {c["case"]: c["card"] for c in json.loads(Path(results).read_text())["cases"]}
    args = usermodel.parse_args([])
    embedder = make_embedder(engine_config(Path(tempfile.gettempdir())))
    return {j["case"]: usermodel.run_case(REPO_ROOT / j["file"], args, embedder).card for j in judged}


def run(args: argparse.Namespace) -> dict[str, Any]:
    judged = [json.loads(p.read_text()) for p in sorted(JUDGED.glob("*.json"))]
    cards = _cards(judged, args.results)
    cases, total = [], {v: [0, 0] for v in VERDICTS}
    for judgement in judged:
        card = cards.get(judgement["case"])
        if card is None:
            raise SystemExit(f"{args.results}: no card for case {judgement['case']!r}")
        counts = {v: [0, 0] for v in VERDICTS}
        keys = set()
        for item in judgement["items"]:
            keys.add(_key(item["item"]))
            counts[item["verdict"]][0] += 1
            counts[item["verdict"]][1] += _key(item["item"]) in card.lower()
        unjudged = sum(1 for item in items_of(card) if _key(item) not in keys)
        for verdict, (n, shown) in counts.items():
            total[verdict][0] += n
            total[verdict][1] += shown
        cases.append({"case": judgement["case"], "judged_at": judgement["judged_at"], "counts": counts,
                      "unjudged_shown": unjudged, "right_share": _share(counts)})
    return {"machine": machine_info(), "cases": cases, "overall": total, "right_share": _share(total),
            "unjudged_shown": sum(c["unjudged_shown"] for c in cases)}


def _share(counts: dict[str, list[int]]) -> float | None:
    shown = sum(s for _, s in counts.values())
    return round(counts["right"][1] / shown, 3) if shown else None


def render(report: dict[str, Any]) -> str:
    headers = ["case", *(f"{v} shown" for v in VERDICTS), "unjudged shown", "right share"]
    rows = [[c["case"], *(f"{c['counts'][v][1]}/{c['counts'][v][0]}" for v in VERDICTS), c["unjudged_shown"],
             c["right_share"]] for c in report["cases"]]
    rows.append(["overall", *(f"{report['overall'][v][1]}/{report['overall'][v][0]}" for v in VERDICTS),
                 report["unjudged_shown"], report["right_share"]])
    return f"{format_table(headers, rows)}\n\ncode {report['machine']['code']}, {report['machine']['date']}"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.card_precision", description=__doc__.split("\n\n")[0])
    parser.add_argument("--results", help="a `benchmarks.usermodel --json` output to read the cards from")
    parser.add_argument("--json", dest="json_out", help="write the results as JSON to this path")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = parse_args(argv)
    return run_and_report(args, run, render)


if __name__ == "__main__":
    main()
