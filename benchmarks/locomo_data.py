"""Reading LoCoMo files: turns paired into pages, session dates, and repaired evidence ids.

The format is that of LoCoMo (Maharana et al., 2024): a list of samples, each with a
`conversation` (`session_N` turn lists and `session_N_date_time`) and `qa` items. The public
files carry malformed evidence ("D8:6; D9:17", "D:11:26", "D30:05") and ids naming no turn;
they are repaired or dropped here so every file of the format loads.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

CATEGORIES = {1: "multi-hop", 2: "temporal", 3: "open-domain", 4: "single-hop"}
#: The frozen split of the dev file, by sample index: choose on "tune", report on "report".
#: The dev file shipped beside the repository (shared/ is a sibling of the checkout).
DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "locomo" / "locomo_dev.json"
SPLITS: dict[str, slice] = {"tune": slice(0, 4), "report": slice(4, 8), "all": slice(None)}
SKIPPED_CATEGORY = 5  # adversarial / unanswerable: no evidence to recall

_SESSION_KEY = re.compile(r"^session_(\d+)$")
_EVIDENCE_ID = re.compile(r"^D:?(\d+):(\d+)$", re.IGNORECASE)
_EVIDENCE_SPLIT = re.compile(r"[;,\s]+")
_DATE_FORMATS = (
    "%I:%M %p on %d %B, %Y",
    "%I:%M %p on %d %b, %Y",
    "%I:%M %p on %B %d, %Y",
    "%Y-%m-%d %H:%M:%S",
)


@dataclass
class Page:
    """One stored exchange: two consecutive turns of a session (or one, for an odd last turn)."""

    user_input: str
    agent_response: str
    timestamp: str | None
    dia_ids: list[str]
    session: int

    def as_memory(self) -> dict[str, Any]:
        """The keyword arguments of `Memoryos.add_memory` (and one item of `add_memories`)."""
        return {
            "user_input": self.user_input,
            "agent_response": self.agent_response,
            "timestamp": self.timestamp,
            "meta_data": {"dia_ids": list(self.dia_ids), "session": self.session},
        }


@dataclass
class Question:
    question: str
    category: int
    evidence: list[str]


@dataclass
class Sample:
    sample_id: str
    pages: list[Page]
    questions: list[Question]
    dropped_evidence: list[str] = field(default_factory=list)
    skipped_questions: int = 0


def parse_session_date(text: str) -> str | None:
    """'1:56 pm on 8 May, 2023' -> '2023-05-08 13:56:00'; None (engine uses now) if unparseable."""
    cleaned = " ".join(str(text).split())
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).strftime("%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
    logger.warning("unparseable session date %r: the page gets the current time", text)
    return None


def normalise_evidence_id(token: str) -> str | None:
    """'D:11:26' -> 'D11:26', 'D30:05' -> 'D30:5'; None when the token is not an id at all."""
    match = _EVIDENCE_ID.match(token.strip())
    if not match:
        return None
    return f"D{int(match.group(1))}:{int(match.group(2))}"


def split_evidence(raw: Any) -> list[str]:
    """Every normalised id in an evidence field (list of strings, or one joined string)."""
    items = raw if isinstance(raw, list) else [raw]
    ids: list[str] = []
    for item in items:
        for token in _EVIDENCE_SPLIT.split(str(item)):
            norm = normalise_evidence_id(token) if token else None
            if norm and norm not in ids:
                ids.append(norm)
    return ids


def turn_text(turn: dict[str, Any]) -> str:
    """'Speaker: text', with an image turn's caption appended so the picture is searchable."""
    text = str(turn.get("text", "")).strip()
    caption = str(turn.get("blip_caption") or "").strip()
    if caption:
        text = f"{text} [shares an image: {caption}]".strip()
    return f"{turn.get('speaker', '?')}: {text}"


def _turn_id(turn: dict[str, Any]) -> str:
    raw = str(turn.get("dia_id", ""))
    return normalise_evidence_id(raw) or raw


def _sessions(conversation: dict[str, Any]) -> list[tuple[int, list[dict[str, Any]], str | None]]:
    numbered = []
    for key, turns in conversation.items():
        match = _SESSION_KEY.match(key)
        if match and isinstance(turns, list) and turns:
            n = int(match.group(1))
            date = conversation.get(f"session_{n}_date_time")
            numbered.append((n, turns, parse_session_date(date) if date else None))
    return sorted(numbered, key=lambda item: item[0])


def pages_of(conversation: dict[str, Any]) -> list[Page]:
    """Within each session, consecutive turns paired as user_input / agent_response, in order."""
    pages = []
    for n, turns, timestamp in _sessions(conversation):
        for i in range(0, len(turns), 2):
            pair = turns[i : i + 2]
            pages.append(
                Page(
                    user_input=turn_text(pair[0]),
                    agent_response=turn_text(pair[1]) if len(pair) > 1 else "",
                    timestamp=timestamp,
                    dia_ids=[_turn_id(t) for t in pair],
                    session=n,
                )
            )
    return pages


def load_sample(raw: dict[str, Any], index: int) -> Sample:
    """Pages and scorable questions of one sample (category 5 and evidence-less ones skipped)."""
    pages = pages_of(raw["conversation"])
    known = {d for page in pages for d in page.dia_ids}
    sample = Sample(sample_id=str(raw.get("sample_id", f"sample-{index}")), pages=pages, questions=[])
    for qa in raw.get("qa", []):
        category = int(qa.get("category", 0))
        if category not in CATEGORIES:
            continue
        ids = split_evidence(qa.get("evidence", []))
        sample.dropped_evidence += [d for d in ids if d not in known]
        evidence = [d for d in ids if d in known]
        if not evidence:
            sample.skipped_questions += 1
            continue
        sample.questions.append(Question(question=str(qa["question"]), category=category, evidence=evidence))
    return sample


def load_locomo(path: Path) -> list[Sample]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if isinstance(data, dict):
        data = [data]
    return [load_sample(raw, i) for i, raw in enumerate(data)]


# -- persona view: one speaker as the user, the other as the assistant --------------------------------


@dataclass
class Observation:
    """One of LoCoMo's per-session observations about a speaker, with the turns it rests on."""

    text: str
    evidence: list[str]


@dataclass
class PersonaSample:
    sample_id: str
    user: str
    assistant: str
    pages: list[Page]
    observations: dict[str, list[Observation]]  # "user" / "assistant" -> observations


def _plain(turn: dict[str, Any]) -> str:
    """The turn's text without the speaker prefix (the page's role says who spoke)."""
    return turn_text(turn).split(": ", 1)[1]


def persona_pages(conversation: dict[str, Any]) -> list[Page]:
    """The pairs of `pages_of`, with speaker_a's turn as user_input and speaker_b's as agent_response.

    A session's lone last turn of speaker_b (a goodbye, mostly) joins the page before it, so every
    turn is stored and every page has a user turn.
    """
    user = conversation["speaker_a"]
    pages: list[Page] = []
    for n, turns, timestamp in _sessions(conversation):
        for i in range(0, len(turns), 2):
            pair = turns[i : i + 2]
            mine = [_plain(t) for t in pair if t.get("speaker") == user]
            theirs = [_plain(t) for t in pair if t.get("speaker") != user]
            ids = [_turn_id(t) for t in pair]
            if not mine and pages:
                pages[-1].agent_response = "\n".join(filter(None, [pages[-1].agent_response, *theirs]))
                pages[-1].dia_ids += ids
            elif mine:
                pages.append(Page("\n".join(mine), "\n".join(theirs), timestamp, ids, n))
    return pages


def load_persona(path: Path) -> list[PersonaSample]:
    """Every sample with its persona pages and the observations of both speakers."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    samples = []
    for index, raw in enumerate(data if isinstance(data, list) else [data]):
        conversation = raw["conversation"]
        names = {"user": conversation["speaker_a"], "assistant": conversation["speaker_b"]}
        observations: dict[str, list[Observation]] = {"user": [], "assistant": []}
        for session in (raw.get("observation") or {}).values():
            for role, name in names.items():
                for text, evidence in session.get(name, []):
                    observations[role].append(Observation(str(text), split_evidence(evidence)))
        samples.append(PersonaSample(str(raw.get("sample_id", f"sample-{index}")), names["user"],
                                     names["assistant"], persona_pages(conversation), observations))
    return samples
