"""Past plans and promises on a card read days after the last chat: still shown as coming up or open?

    python -m benchmarks.card_later [--cases FILE ...] [--heldout] [--days 0 14 30] [--json OUT]

A card is written when pages are learnt from. A user comes back days or weeks later and reads it before saying
anything new: what was coming up then may be past. For each case, the chat is learnt and the card read on the
case's `now` plus each number of days, as written on the day of the last page and as written for the reading day
(what `get_user_profile` returns). Counted: the dated lines of "Coming up" and "Open commitments" ("- Sat 16 May:
...", "(by Sat 16 May)") whose day is before the reading day. The card shows no year: a line's day is the one of
that date nearest the reading day.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from .common import case_parser, engine_config, format_table, make_embedder, run_and_report
from .usermodel import default_cases, learnt

_MONTHS = {month: n for n, month in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), start=1)}
_DAY = re.compile(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b")
_DATED = ("Coming up", "Open commitments")
#: A reading day before any chat: the card as written on the day of the last page.
AS_WRITTEN = "2000-01-01"


def past_lines(card: str, read: date) -> int:
    """The dated lines of the card's coming-up and open-commitment sections whose day is before `read`."""
    count, section = 0, ""
    for line in card.splitlines():
        if not line.startswith("- "):
            section = line
            continue
        found = _DAY.search(line) if section.startswith(_DATED) else None
        if found:
            count += _nearest(int(found.group(1)), _MONTHS[found.group(2)], read) < read
    return count


def _nearest(day: int, month: int, read: date) -> date:
    """The date of that day and month nearest `read` (29 February only in a leap year): a plan more than six
    months ahead is read as past."""
    dates = []
    for year in (read.year - 1, read.year, read.year + 1):
        try:
            dates.append(date(year, month, day))
        except ValueError:
            continue
    return min(dates, key=lambda d: abs((d - read).days))


def run_case(path: Path, days: list[int], embedder: Any) -> dict[str, Any]:
    case = json.loads(path.read_text(encoding="utf-8"))
    now = datetime.fromisoformat(case["now"]).date()
    reads = {n: now + timedelta(days=n) for n in days}
    with learnt(case, embedder) as memo:
        written = memo.get_user_profile(include_knowledge=False, reference_time=AS_WRITTEN).user_profile
        of_day = {n: memo.get_user_profile(include_knowledge=False, reference_time=day.isoformat()).user_profile
                  for n, day in reads.items()}
    return {"case": case["case"], "past": {n: {"as_written": past_lines(written, day),
                                               "of_the_day": past_lines(of_day[n], day)} for n, day in reads.items()}}


def run(args: argparse.Namespace) -> dict[str, Any]:
    paths = [Path(p) for p in args.cases] or default_cases(args.heldout)
    embedder = make_embedder(engine_config(Path(tempfile.gettempdir())))
    cases = [run_case(path, args.days, embedder) for path in paths]
    totals = {n: {kind: sum(c["past"][n][kind] for c in cases) for kind in ("as_written", "of_the_day")}
              for n in args.days}
    return {"cases": cases, "days": args.days, "totals": totals}


def render(report: dict[str, Any]) -> str:
    rows = [[f"now + {n} days", t["as_written"], t["of_the_day"]] for n, t in report["totals"].items()]
    return f"{len(report['cases'])} cases; past lines shown as coming up or open\n" + format_table(
        ["card read", "as written", "of the day"], rows)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = case_parser("python -m benchmarks.card_later", __doc__ or "")
    parser.add_argument("--days", nargs="+", type=int, default=[0, 14, 30], help="days after the case's now")
    return run_and_report(parser.parse_args(argv), run, render)


if __name__ == "__main__":
    main()
