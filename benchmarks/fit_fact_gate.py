"""Fits the weights of search/confidence.py: how likely the facts found for a question answer it at all.

    python -m benchmarks.fit_fact_gate [--cases FILE ...] [--json OUT]

By default the cases of benchmarks/usermodel.py but those kept to measure the gate on chats it was not fitted on
(NOT_FITTED). Each case is imported as there and every question asked with `fact_confidence` 0 (answers not
judged, so as the judgment sees them). A question whose first three facts hold every answer string is a positive; a
never-answered (`absent`) question that got a fact is a negative; the others, questions that got no fact, and
questions of two parts (never judged whole) are left out. An L2-regularised logistic regression (Newton's
method) is fitted on all cases and, case by case, on all cases but one: the table shows, for each floor, the
positives that lose their facts and the negatives cleared, each question scored by the fit that left its case out.
Paste the printed WEIGHTS into search/confidence.py. In a checkout without ../shared (a git worktree), pass every
case with --cases.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from memoryos_mcp.search.confidence import FITTED_FOR, MARKS, answer_marks, best_first, one_question

from .common import case_parser, engine_config, make_embedder, run_and_report
from .usermodel import MAX_RESULTS, TOP_FACTS, all_in, default_cases, learnt

#: Blind chats nobody read, kept out of the fit to measure it (benchmarks/usermodel_cases/README.md).
NOT_FITTED = frozenset(f"tune_z{n}.json" for n in range(21, 29))
#: Regularisation of every weight but the bias.
L2 = 1.0
FLOORS = (0.4, 0.5, 0.6, 0.7, 0.8)


def questions_of(path: Path, embedder: Any) -> list[tuple[tuple[float, ...], int]]:
    """(marks, label) of a case's questions that got a fact: 1 answered in the first three, 0 never said."""
    case = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    with learnt(case, embedder, fact_confidence=0.0) as memo:
        for question in case["questions"]:
            if not one_question(question["q"]):
                continue
            answer = memo.retrieve(question["q"], max_results=MAX_RESULTS, reference_time=case["now"])
            facts = best_first(answer)
            if not facts:
                continue
            if question["kind"] == "absent":
                rows.append((answer_marks(answer), 0))
            elif all_in("\n".join(f.knowledge for f in facts[:TOP_FACTS]), question["answer"]):
                rows.append((answer_marks(answer), 1))
    return rows


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2) -> np.ndarray:
    """Logistic regression by Newton's method; the bias (first column) is not regularised."""
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def run(args: argparse.Namespace) -> dict[str, Any]:
    paths = [Path(p) for p in args.cases] or [p for p in default_cases(heldout=False) if p.name not in NOT_FITTED]
    config = engine_config(Path(tempfile.gettempdir()))
    embedder = make_embedder(config)
    if embedder.name != FITTED_FOR:  # retrieve judges only with the embedder the weights were fitted with
        raise SystemExit(f"the weights are for {FITTED_FOR}; this config embeds with {embedder.name}")
    per_case = [questions_of(path, embedder) for path in paths]
    x = np.array([m for rows in per_case for m, _ in rows], dtype=float)
    y = np.array([label for rows in per_case for _, label in rows], dtype=float)
    group = np.array([i for i, rows in enumerate(per_case) for _ in rows])
    held = np.zeros(len(y))
    for i in range(len(paths)):
        w = fit(x[group != i], y[group != i])
        held[group == i] = 1.0 / (1.0 + np.exp(-x[group == i] @ w))
    table = [{"floor": floor, "positives_cleared": int(((y == 1) & (held < floor)).sum()),
              "negatives_cleared": int(((y == 0) & (held < floor)).sum())} for floor in FLOORS]
    return {"cases": [str(p) for p in paths], "positives": int(y.sum()), "negatives": int((y == 0).sum()),
            "leave_one_case_out": table, "marks": list(MARKS), "weights": [round(float(w), 3) for w in fit(x, y)]}


def render(report: dict[str, Any]) -> str:
    lines = [f"{report['positives']} positives, {report['negatives']} negatives, {len(report['cases'])} cases"]
    lines += [f"floor {row['floor']}: positives cleared {row['positives_cleared']}, "
              f"negatives cleared {row['negatives_cleared']} (each by the fit without its case)"
              for row in report["leave_one_case_out"]]
    lines.append(f"WEIGHTS = {tuple(report['weights'])}  # {', '.join(MARKS)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = case_parser("python -m benchmarks.fit_fact_gate", __doc__ or "", heldout=False)
    return run_and_report(parser.parse_args(argv), run, render)


if __name__ == "__main__":
    main()
