"""What the memory knows about the user *now*: the profile card, commitments and answers on months-long chats.

    python -m benchmarks.usermodel [--cases FILE ...] [--heldout] [--json OUT] [--show-cards] [--config PATH] [--llm]

Each case (format: ../shared/data/usermodel/README.md) is imported through `add_memories` with its own
timestamps into a fresh offline store (with `--llm`, one using the config's endpoint); once learning has
settled, the card (`get_user_profile`) is read
and every question is asked with `reference_time` = the case's `now` and `max_results` 5.

Measures (a string "appears" when it is a case-insensitive substring after dates are normalised to
"30 may"):
- profile recall: share of profile slots whose every `current` string appears in the card;
- stale as current: share of slots with stale values where a card line names a stale value without
  marking it past ("used to", "before", "previously", "formerly", "until", "no longer", "was");
- open listed: open commitments whose `current` strings all appear in the card; done listed as open:
  done commitments whose strings all appear in the card outside lines marked done or past;
- evidence top 5: an evidence exchange among the retrieved pages or the short-term pages marked relevant;
- answer top 3: every `answer` string in the first three facts (user and assistant, by score);
  stale-led: the first fact names a stale value and not the answer;
- absent with a fact: never-said questions for which any fact is returned.

By default the shared dev cases and our own `benchmarks/usermodel_cases/tune_*.json` are run; `--heldout`
runs the held-out cases (`heldout_*.json`), which no choice was tuned on.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from memoryos_mcp import Memoryos

from .common import REPO_ROOT, engine_config, format_table, machine_info, make_embedder, open_engine, run_and_report

SHARED_CASES = REPO_ROOT.parent / "shared" / "data" / "usermodel"
OWN_CASES = REPO_ROOT / "benchmarks" / "usermodel_cases"
MAX_RESULTS = 5
TOP_FACTS = 3
PAST_MARKERS = ("used to", "before", "previously", "formerly", "until", "no longer", "was ")
DONE_MARKERS = ("done", "completed", "kept", "closed", "expired") + PAST_MARKERS
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_MONTH = "|".join(MONTHS + tuple(m[:3] for m in MONTHS if len(m) > 3) + ("sept",))


def default_cases(heldout: bool) -> list[Path]:
    """The dev cases (shared and ours) or, with `heldout`, only the held-out ones."""
    if heldout:
        return sorted(OWN_CASES.glob("heldout_*.json"))
    shared = sorted(SHARED_CASES.glob("dev_*.json"))
    if not shared:  # a checkout elsewhere (a git worktree) has no ../shared: say so, or the figures quietly differ
        raise SystemExit(f"no shared dev cases in {SHARED_CASES}: pass the case files with --cases")
    return shared + sorted(OWN_CASES.glob("tune_*.json"))


def normalise(text: str) -> str:
    """Lower-case, with dates written the way the cases write them ('30 may'), so 'May 30th' matches."""
    text = text.lower()
    text = re.sub(r"\b(\d{1,2})(?:st|nd|rd|th)\b", r"\1", text)
    text = re.sub(rf"\b(?:the )?(\d{{1,2}}) of (?=(?:{_MONTH})\b)", r"\1 ", text)
    text = re.sub(rf"\b({_MONTH})\.? (\d{{1,2}})\b(?!:)", lambda m: f"{m.group(2)} {_full_month(m.group(1))}", text)
    text = re.sub(rf"\b(\d{{1,2}}) ({_MONTH})\b", lambda m: f"{m.group(1)} {_full_month(m.group(2))}", text)
    text = re.sub(r"\b\d{4}-(\d{2})-(\d{2})\b", lambda m: f"{int(m.group(2))} {MONTHS[int(m.group(1)) - 1]}", text)
    return text


def _full_month(name: str) -> str:
    name = name.lower().rstrip(".")
    return next(m for m in MONTHS if m.startswith(name[:3]))


def contains(text: str, needle: str) -> bool:
    return normalise(needle) in normalise(text)


def all_in(text: str, needles: list[str]) -> bool:
    return bool(needles) and all(contains(text, n) for n in needles)


def _marked(line: str, markers: tuple[str, ...]) -> bool:
    low = line.lower()
    return any(marker in low for marker in markers)


@dataclass
class CaseResult:
    """One case's scores, as counts so cases add up."""

    case: str
    pages: int
    import_s: float
    learn_s: float
    card: str
    counts: dict[str, list[int]] = field(default_factory=dict)  # measure -> [hits, total]
    by_kind: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    #: With --llm, the model's health at the end (answers used, refusals by reason).
    llm_state: dict[str, Any] = field(default_factory=dict)

    def add(self, measure: str, hit: bool, kind: str | None = None) -> None:
        for table in (self.counts, self.by_kind.setdefault(kind, {}) if kind else None):
            if table is not None:
                entry = table.setdefault(measure, [0, 0])
                entry[0] += int(hit)
                entry[1] += 1


def score_card(result: CaseResult, case: dict[str, Any]) -> None:
    card = result.card
    lines = card.splitlines()
    for slot in case["profile"]:
        hit = all_in(card, slot["current"])
        result.add("profile_recall", hit)
        if not hit:
            result.misses.append(f"profile {slot['slot']}: {slot['current']}")
        if slot["stale"]:
            shown = any(contains(line, stale) and not _marked(line, PAST_MARKERS)
                        for line in lines for stale in slot["stale"])
            result.add("stale_as_current", shown)
            if shown:
                result.misses.append(f"stale shown {slot['slot']}: {slot['stale']}")
    open_text = "\n".join(line for line in lines if not _marked(line, DONE_MARKERS))
    for item in case["assistant"]:
        if item["done"]:
            result.add("done_listed_open", all_in(open_text, item["current"]))
        else:
            hit = all_in(card, item["current"])
            result.add("open_listed", hit)
            if not hit:
                result.misses.append(f"open commitment: {item['commitment']}")


def score_question(result: CaseResult, question: dict[str, Any], answer: Any, page_index: dict[int, int]) -> None:
    kind = question["kind"]
    facts = sorted(answer.retrieved_user_knowledge + answer.retrieved_assistant_knowledge,
                   key=lambda f: -(f.score or 0.0))
    if kind == "absent":
        result.add("absent_with_fact", bool(facts), kind)
        return
    found = {page_index.get(p.page_id) for p in answer.retrieved_pages}
    found |= {page_index.get(p.page_id) for p in answer.short_term_memory if p.relevant}
    result.add("evidence_top5", bool(found & set(question["evidence"])), kind)
    top = "\n".join(f.knowledge for f in facts[:TOP_FACTS])
    hit = all_in(top, question["answer"])
    result.add("answer_top3", hit, kind)
    if not hit:
        result.misses.append(f"answer {kind}: {question['q']} -> {facts[0].knowledge if facts else '(no fact)'}")
    if question.get("stale"):
        first = facts[0].knowledge if facts else ""
        led = any(contains(first, s) for s in question["stale"]) and not all_in(first, question["answer"])
        result.add("stale_led", led, kind)


def settle(memo: Any) -> None:
    """Waits until learning is done: a flush, then more while a model enriches in the background."""
    memo.flush()
    while memo.status()["enrichment_backlog"]:
        memo.flush()


@contextmanager
def learnt(case: dict[str, Any], embedder: Any, **settings: Any) -> Iterator[Memoryos]:
    """A memory in a temporary folder, offline, with these settings, that has learnt the case's chat; closed after."""
    with tempfile.TemporaryDirectory() as tmp:
        memo = open_engine(engine_config(Path(tmp)).model_copy(update=settings), embedder)
        try:
            memo.add_memories([dict(e) for e in case["exchanges"]])
            settle(memo)
            yield memo
        finally:
            memo.close()


def run_case(path: Path, args: argparse.Namespace, embedder: Any) -> CaseResult:
    case = json.loads(path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        config = engine_config(Path(tmp), use_llm=args.llm, config_path=args.config)
        memo = open_engine(config, embedder)
        try:
            started = time.perf_counter()
            ids = memo.add_memories([dict(e) for e in case["exchanges"]])
            imported = time.perf_counter()
            settle(memo)
            learnt = time.perf_counter()
            card = memo.get_user_profile(include_knowledge=False, reference_time=case["now"]).user_profile
            result = CaseResult(case["case"], len(ids), imported - started, learnt - imported, card)
            result.llm_state = memo.status().get("llm_state", {})
            score_card(result, case)
            page_index = {page_id: index for index, page_id in enumerate(ids)}
            for question in case["questions"]:
                answer = memo.retrieve(question["q"], max_results=MAX_RESULTS, reference_time=case["now"])
                score_question(result, question, answer, page_index)
        finally:
            memo.close()
    return result


MEASURES = ("profile_recall", "stale_as_current", "open_listed", "done_listed_open", "evidence_top5",
            "answer_top3", "stale_led", "absent_with_fact")


def _rate(entry: list[int] | None) -> float | None:
    return round(entry[0] / entry[1], 3) if entry and entry[1] else None


def _sum(tables: list[dict[str, list[int]]]) -> dict[str, list[int]]:
    total: dict[str, list[int]] = {}
    for table in tables:
        for measure, (hits, n) in table.items():
            entry = total.setdefault(measure, [0, 0])
            entry[0] += hits
            entry[1] += n
    return total


def run(args: argparse.Namespace) -> dict[str, Any]:
    paths = [Path(p) for p in args.cases] if args.cases else default_cases(args.heldout)
    if not paths:
        raise SystemExit("no case files found (see --cases)")
    config = engine_config(Path(tempfile.gettempdir()), config_path=args.config)
    embedder = make_embedder(config)
    results = [run_case(path, args, embedder) for path in paths]
    overall = _sum([r.counts for r in results])
    kinds = sorted({k for r in results for k in r.by_kind})
    return {
        "machine": machine_info(),
        "cases": [{"case": r.case, "file": str(p), "pages": r.pages, "import_s": round(r.import_s, 2),
                   "learn_s": round(r.learn_s, 2),
                   "pages_per_s": round(r.pages / max(r.import_s + r.learn_s, 1e-9), 1),
                   **{m: _rate(r.counts.get(m)) for m in MEASURES}, "card": r.card, "misses": r.misses,
                   "llm_state": r.llm_state}
                  for r, p in zip(results, paths, strict=True)],
        "overall": {m: _rate(overall.get(m)) for m in MEASURES},
        "counts": overall,
        "by_kind": {k: {m: _rate(_sum([r.by_kind.get(k, {}) for r in results]).get(m))
                        for m in ("evidence_top5", "answer_top3", "stale_led", "absent_with_fact")}
                    for k in kinds},
    }


def render(report: dict[str, Any]) -> str:
    headers = ["case", "pages", "pages/s"] + list(MEASURES)
    rows = [[c["case"], c["pages"], c["pages_per_s"]] + [c[m] for m in MEASURES] for c in report["cases"]]
    rows.append(["overall", sum(c["pages"] for c in report["cases"]), ""] + [report["overall"][m] for m in MEASURES])
    kind_headers = ["kind", "evidence_top5", "answer_top3", "stale_led", "absent_with_fact"]
    kind_rows = [[k] + list(v.values()) for k, v in report["by_kind"].items()]
    return "\n\n".join([format_table(headers, rows), format_table(kind_headers, kind_rows),
                        f"code {report['machine']['code']}, {report['machine']['date']}"])


def render_with_cards(report: dict[str, Any]) -> str:
    parts = [f"--- {c['case']} card ({len(c['card'])} chars)\n{c['card']}\n--- misses\n" + "\n".join(c["misses"])
             for c in report["cases"]]
    return "\n\n".join(parts + [render(report)])


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.usermodel", description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", nargs="+", default=[], help="case files (default: shared dev + own tune cases)")
    parser.add_argument("--heldout", action="store_true", help="run the held-out cases instead (never tuned on)")
    parser.add_argument("--config", help="config file (its LLM endpoint is ignored unless --llm)")
    parser.add_argument("--llm", action="store_true", help="use the config's OpenAI-compatible endpoint")
    parser.add_argument("--json", dest="json_out", help="write the results as JSON to this path")
    parser.add_argument("--show-cards", action="store_true", help="print each case's card and what it missed")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = parse_args(argv)
    return run_and_report(args, run, render_with_cards if args.show_cards else render)


if __name__ == "__main__":
    main()
