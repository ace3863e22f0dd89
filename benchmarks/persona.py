"""How much of what LoCoMo's annotators observed about each speaker the memory learns, and how clean it is.

    python -m benchmarks.persona [--data PATH] [--json OUT] [--limit-samples N] [--split tune|report|all]
                                 [--examples N]

Each conversation is imported with speaker_a as the user and speaker_b as the assistant
(`locomo_data.persona_pages`). The user's facts are compared with LoCoMo's observations of
speaker_a, the assistant's with those of speaker_b. An observation is covered when a fact whose
provenance includes one of the observation's evidence turns is also close to it in meaning: cosine
>= 0.45 under the bundled all-MiniLM-L6-v2, whatever the engine embeds with. The speakers' names
in an observation are read as "User" and "Assistant", the way the facts name them.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from memoryos_mcp.embeddings import LocalEmbedder
from memoryos_mcp.models import PageText
from memoryos_mcp.offline import OfflineLLM

from .common import REPO_ROOT, format_table, machine_info, run_and_report
from .locomo_data import Observation, PersonaSample, load_persona

DEFAULT_DATA = REPO_ROOT / ".." / "shared" / "data" / "locomo" / "locomo_dev.json"
#: The dev file's frozen split: rules are tuned on the first four conversations, reported on the rest.
SPLITS = {"tune": slice(0, 4), "report": slice(4, 8), "all": slice(None)}
COVER_COSINE = 0.45
DUPLICATE_COSINE = 0.9
KINDS = ("user", "assistant")


@dataclass
class StoredFact:
    text: str
    turns: set[str]  # dia_ids of the pages the fact came from


@dataclass
class Learnt:
    """What one conversation left in memory, per kind."""

    facts: dict[str, list[StoredFact]]
    extracted: dict[str, int]
    evicted: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    dropped: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    profile: str = ""


def learn(sample: PersonaSample) -> Learnt:
    """Run the offline fact rules on every page, provenance = that page, exact repeats merged."""
    llm = OfflineLLM()
    facts: dict[str, dict[str, StoredFact]] = {kind: {} for kind in KINDS}
    extracted = dict.fromkeys(KINDS, 0)
    for page in sample.pages:
        text = PageText(page.user_input, page.agent_response, page.timestamp or "")
        for kind, found in (("user", llm.user_facts([text])), ("assistant", llm.assistant_facts([text]))):
            extracted[kind] += len(found)
            for fact in found:
                stored = facts[kind].setdefault(fact.casefold(), StoredFact(fact, set()))
                stored.turns.update(page.dia_ids)
    return Learnt({kind: list(facts[kind].values()) for kind in KINDS}, extracted)


def _as_roles(text: str, sample: PersonaSample) -> str:
    """'Caroline told Melanie' -> 'User told Assistant' (possessives kept)."""
    for name, role in ((sample.user, "User"), (sample.assistant, "Assistant")):
        text = re.sub(rf"\b{re.escape(name)}\b", role, text)
    return text


def _cosines(embedder: Any, left: list[str], right: list[str]) -> np.ndarray:
    if not left or not right:
        return np.zeros((len(left), len(right)), dtype=np.float32)
    return embedder.embed_batch(left) @ embedder.embed_batch(right).T


@dataclass
class Scored:
    covered: list[bool]
    useful: list[bool]
    duplicated: list[bool]
    best: list[tuple[float, str]]  # per observation: best cosine among facts from its turns, and that fact


def score(judge: Any, observations: list[Observation], facts: list[StoredFact], sample: PersonaSample) -> Scored:
    texts = [f.text for f in facts]
    sims = _cosines(judge, [_as_roles(o.text, sample) for o in observations], texts)
    linked = np.array([[bool(f.turns.intersection(o.evidence)) for f in facts] for o in observations], dtype=bool)
    linked = linked.reshape(len(observations), len(facts))
    hits = (sims >= COVER_COSINE) & linked
    best = []
    for i in range(len(observations)):
        masked = np.where(linked[i], sims[i], -1.0)
        j = int(np.argmax(masked)) if len(facts) else -1
        best.append((float(masked[j]), texts[j]) if j >= 0 and masked[j] > -1 else (0.0, ""))
    self_sims = _cosines(judge, texts, texts)
    np.fill_diagonal(self_sims, 0.0)
    return Scored(
        covered=hits.any(axis=1).tolist(),
        useful=hits.any(axis=0).tolist(),
        duplicated=(self_sims >= DUPLICATE_COSINE).any(axis=1).tolist(),
        best=best,
    )


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def _row(scored: Scored, learnt: Learnt, kind: str) -> dict[str, Any]:
    return {
        "observations": len(scored.covered),
        "facts": len(scored.useful),
        "coverage": _ratio(sum(scored.covered), len(scored.covered)),
        "precision": _ratio(sum(scored.useful), len(scored.useful)),
        "duplicates": _ratio(sum(scored.duplicated), len(scored.duplicated)),
        "extracted": learnt.extracted[kind],
        "evicted": learnt.evicted[kind],
        "dropped": learnt.dropped[kind],
    }


def _examples(sample: PersonaSample, kind: str, scored: Scored, facts: list[StoredFact], n: int) -> None:
    """Missed observations (with the best fact from their turns) and facts that cover nothing."""
    observations = sample.observations[kind]
    misses = [(o, b) for o, c, b in zip(observations, scored.covered, scored.best, strict=True) if not c]
    false = [f for f, u in zip(facts, scored.useful, strict=True) if not u]
    print(f"--- {sample.sample_id} {kind}: {len(misses)} missed observations, {len(false)} facts covering none")
    for o, (cos, fact) in misses[:n]:
        print(f"  MISS {o.evidence} {o.text}\n       best {cos:.2f}: {fact or '(no fact from these turns)'}")
    for f in false[:n]:
        print(f"  NOISE {sorted(f.turns)} {f.text}")


def run(args: argparse.Namespace) -> dict[str, Any]:
    samples = load_persona(Path(args.data))[SPLITS[args.split]][: args.limit_samples or None]
    judge = LocalEmbedder()
    per_sample = []
    totals: dict[str, dict[str, list[bool]]] = {k: {"covered": [], "useful": [], "duplicated": []} for k in KINDS}
    counts: dict[str, dict[str, int]] = {k: {"extracted": 0, "evicted": 0, "dropped": 0} for k in KINDS}
    for sample in samples:
        learnt = learn(sample)
        row: dict[str, Any] = {"sample_id": sample.sample_id, "pages": len(sample.pages),
                               "profile_chars": len(learnt.profile)}
        for kind in KINDS:
            facts = learnt.facts[kind]
            scored = score(judge, sample.observations[kind], facts, sample)
            row[kind] = _row(scored, learnt, kind)
            for key in totals[kind]:
                totals[kind][key] += getattr(scored, key)
            for key in counts[kind]:
                counts[kind][key] += row[kind][key]
            if args.examples:
                _examples(sample, kind, scored, facts, args.examples)
        per_sample.append(row)
        print(f"  {sample.sample_id}: user coverage {row['user']['coverage']:.3f} precision "
              f"{row['user']['precision']:.3f}; assistant coverage {row['assistant']['coverage']:.3f} "
              f"precision {row['assistant']['precision']:.3f}", flush=True)
    overall = {}
    for kind in KINDS:
        t = totals[kind]
        overall[kind] = {
            "observations": len(t["covered"]), "facts": len(t["useful"]),
            "coverage": _ratio(sum(t["covered"]), len(t["covered"])),
            "precision": _ratio(sum(t["useful"]), len(t["useful"])),
            "duplicates": _ratio(sum(t["duplicated"]), len(t["duplicated"])),
        } | counts[kind]
    overall["profile_chars"] = sum(r["profile_chars"] for r in per_sample)
    return {
        "benchmark": "persona",
        "data": str(Path(args.data).resolve()),
        "split": args.split,
        "samples": [s.sample_id for s in samples],
        "machine": machine_info(),
        "cover_cosine": COVER_COSINE,
        "duplicate_cosine": DUPLICATE_COSINE,
        "overall": overall,
        "per_sample": per_sample,
    }


_COLUMNS = ["coverage", "precision", "duplicates", "facts", "observations", "evicted", "dropped"]


def render(report: dict[str, Any]) -> str:
    rows = []
    for row in [*report["per_sample"], {"sample_id": "all", **report["overall"]}]:
        for kind in KINDS:
            rows.append([row["sample_id"], kind, *(row[kind][c] for c in _COLUMNS), row["profile_chars"]])
    return "\n".join([
        f"LoCoMo persona ({report['data']}, split {report['split']}): facts vs observations, "
        f"covered at cosine >= {report['cover_cosine']}",
        format_table(["conversation", "kind", *_COLUMNS, "profile chars"], rows),
    ])


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.persona", description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="LoCoMo-format JSON file with observations")
    parser.add_argument("--json", dest="json_out", help="write the results as JSON to this path")
    parser.add_argument("--limit-samples", type=int, default=0, help="only the first N samples of the split")
    parser.add_argument("--split", choices=sorted(SPLITS), default="all",
                        help="tune = conversations 1-4 (rules are tuned there), report = 5-8")
    parser.add_argument("--examples", type=int, default=0, help="print N missed observations and unused facts")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    return run_and_report(parse_args(argv), run, render)


if __name__ == "__main__":
    main()
