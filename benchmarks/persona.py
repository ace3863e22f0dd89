"""How much of what LoCoMo's annotators observed about each speaker the memory learns, and how clean it is.

    python -m benchmarks.persona [--data PATH] [--json OUT] [--limit-samples N] [--split tune|report|all]
                                 [--samples I [I ...]] [--examples N]

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
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from memoryos_mcp.config import MemoryConfig
from memoryos_mcp.language.embeddings import LocalEmbedder
from memoryos_mcp.memory.long_term import COUNTERS

from .common import engine_config, format_table, machine_info, make_embedder, open_engine, run_and_report
from .locomo_data import DEFAULT_DATA, SPLITS, Observation, PersonaSample, load_persona

COVER_COSINE = 0.45
DUPLICATE_COSINE = 0.9
KINDS = ("user", "assistant")


@dataclass
class StoredFact:
    text: str
    turns: set[str]  # dia_ids of the pages the fact came from


@dataclass
class Learnt:
    """What one conversation left in long-term memory, read back through the facade."""

    facts: dict[str, list[StoredFact]]
    counters: dict[str, int]
    profile: str


def learn(sample: PersonaSample, config: MemoryConfig, embedder: Any) -> Learnt:
    """Import the conversation, let every page that left short-term memory give its facts, read them back."""
    memo = open_engine(config, embedder)
    try:
        ids = memo.add_memories([page.as_memory() for page in sample.pages])
        memo.flush()
        turns = {page_id: page.dia_ids for page_id, page in zip(ids, sample.pages, strict=True)}
        facts = {kind: [StoredFact(f.knowledge, {t for page_id in f.sources for t in turns.get(page_id, [])})
                        for f in memo.knowledge(kind)] for kind in KINDS}
        status = memo.status()
        profile = memo.get_user_profile(include_knowledge=False,  # as read the day of the last page
                                        reference_time=max(p.timestamp for p in sample.pages)).user_profile
    finally:
        memo.close()
    counters = {name.removeprefix("facts_"): int(status.get(name, 0)) for name in COUNTERS}
    counters["dropped"] = counters["extracted"] - counters["added"] - counters["merged"]
    counters["short_term_pages"] = int(status["short_term_pages"])
    return Learnt(facts, counters, profile)


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


def _row(scored: Scored) -> dict[str, Any]:
    return {
        "observations": len(scored.covered),
        "facts": len(scored.useful),
        "coverage": _ratio(sum(scored.covered), len(scored.covered)),
        "precision": _ratio(sum(scored.useful), len(scored.useful)),
        "duplicates": _ratio(sum(scored.duplicated), len(scored.duplicated)),
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
    samples = load_persona(Path(args.data))[SPLITS[args.split]]
    if args.samples:  # cross-validation inside a split: develop on some conversations, check on the others
        samples = [samples[i] for i in args.samples]
    samples = samples[: args.limit_samples or None]
    per_sample = []
    totals = {kind: Scored([], [], [], []) for kind in KINDS}
    with tempfile.TemporaryDirectory(prefix="memoryos-persona-") as tmp:
        embedder = judge = None
        for i, sample in enumerate(samples):
            config = engine_config(Path(tmp) / f"s{i}")
            embedder = embedder or make_embedder(config)
            judge = judge or (embedder if isinstance(embedder, LocalEmbedder) else LocalEmbedder())
            learnt = learn(sample, config, embedder)
            row: dict[str, Any] = {"sample_id": sample.sample_id, "pages": len(sample.pages)}
            for kind in KINDS:
                scored = score(judge, sample.observations[kind], learnt.facts[kind], sample)
                row[kind] = _row(scored)
                for name in ("covered", "useful", "duplicated"):
                    getattr(totals[kind], name).extend(getattr(scored, name))
                if args.examples:
                    _examples(sample, kind, scored, learnt.facts[kind], args.examples)
            row |= learnt.counters | {"profile_chars": len(learnt.profile)}
            per_sample.append(row)
            print(f"  {sample.sample_id}: user coverage {row['user']['coverage']:.3f} precision "
                  f"{row['user']['precision']:.3f}; assistant coverage {row['assistant']['coverage']:.3f} "
                  f"precision {row['assistant']['precision']:.3f}; dropped {row['dropped']}", flush=True)
    overall: dict[str, Any] = {kind: _row(totals[kind]) for kind in KINDS}
    for name in per_sample[0] if per_sample else []:
        if name not in ("sample_id", *KINDS):
            overall[name] = sum(row[name] for row in per_sample)
    return {
        "benchmark": "persona",
        "data": str(Path(args.data).resolve()),
        "split": args.split,
        "samples": [s.sample_id for s in samples],
        "machine": machine_info(),
        "provider": "offline (shipped defaults)",
        "cover_cosine": COVER_COSINE,
        "duplicate_cosine": DUPLICATE_COSINE,
        "overall": overall,
        "per_sample": per_sample,
    }


_COLUMNS = ["coverage", "precision", "duplicates", "facts", "observations"]
_COUNTS = ["pages", "extracted", "added", "merged", "superseded", "evicted", "dropped", "profile_chars"]


def render(report: dict[str, Any]) -> str:
    rows, counts = [], []
    for row in [*report["per_sample"], {"sample_id": "all", **report["overall"]}]:
        for kind in KINDS:
            rows.append([row["sample_id"], kind, *(row[kind][c] for c in _COLUMNS)])
        counts.append([row["sample_id"], *(row[c] for c in _COUNTS)])
    return "\n".join([
        f"LoCoMo persona ({report['data']}, split {report['split']}): facts vs observations, "
        f"covered at cosine >= {report['cover_cosine']}",
        format_table(["conversation", "kind", *_COLUMNS], rows),
        "",
        "facts extracted, added, merged into a stored one, superseded, evicted, dropped (neither stored, "
        "merged nor evicted); profile length",
        format_table(["conversation", *_COUNTS], counts),
    ])


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.persona", description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="LoCoMo-format JSON file with observations")
    parser.add_argument("--json", dest="json_out", help="write the results as JSON to this path")
    parser.add_argument("--limit-samples", type=int, default=0, help="only the first N samples of the split")
    parser.add_argument("--split", choices=sorted(SPLITS), default="all",
                        help="tune = conversations 1-4 (rules are tuned there), report = 5-8")
    parser.add_argument("--samples", type=int, nargs="+", default=[],
                        help="only these samples of the split, by index (0-based), e.g. --samples 2 3")
    parser.add_argument("--examples", type=int, default=0, help="print N missed observations and unused facts")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    return run_and_report(parse_args(argv), run, render)


if __name__ == "__main__":
    main()
