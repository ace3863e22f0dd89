"""The offline LLM provider: deterministic rules that do the language-model work with no network.

It runs inline on every add, so each method is a few regexes and counts over one page.
Facts come from each side's statements about itself (facts/rules.py) and from informative sentences
the rules cannot restate, one fact per message (facts/sentences.py); questions, courtesies and
reactions are skipped: precision over recall.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any, TypeVar

import numpy as np

from ..errors import LLMUnavailableError
from ..models import PageText, Theme
from ..usermodel.values import Update
from . import text as tx
from .facts.advice import assistant_statement
from .facts.dates import relative_date
from .facts.delivered import handed
from .facts.drafts import own_words
from .facts.rules import statement
from .facts.sentences import answer_fact, message_facts
from .profile import write_profile

T = TypeVar("T")


class OfflineLLM:
    """Deterministic stand-in for a language model: extractive summaries and rule-based facts."""

    name = "offline"
    offline = True

    #: MiniLM cosine at or above which two exchanges count as one conversation. Measured on LoCoMo
    #: (4 conversations): 74% of consecutive exchanges of a session reach 0.4, 8% of random pairs
    #: from different conversations do (0.35: 83% / 16%). The time rule below catches most of the rest.
    CONTINUATION_COSINE = 0.4
    #: Content-word Jaccard used instead when a page has no embedding (LoCoMo: 48% / 2% at 0.08).
    CONTINUATION_JACCARD = 0.1
    #: Exchanges this close in time continue each other if they share any content word.
    CONTINUATION_GAP = timedelta(minutes=10)
    META_CHARS = 400
    META_SENTENCE_CHARS = 200
    THEME_SUMMARY_CHARS = 200
    THEME_MIN_WORDS = 3

    def now(self) -> OfflineLLM:
        """The rules are always there to do the work."""
        return self

    def status(self) -> dict[str, Any]:
        return {}

    # -- continuity and summaries -------------------------------------------------------------------

    def is_continuation(self, previous: PageText, current: PageText) -> bool:
        """Similar meaning, or close in time with a shared content word."""
        overlap = tx.jaccard(tx.content_words(previous.text), tx.content_words(current.text))
        a, b = previous.embedding, current.embedding
        if a is not None and b is not None and a.shape == b.shape:
            if float(np.dot(a, b)) >= self.CONTINUATION_COSINE:
                return True
        elif overlap >= self.CONTINUATION_JACCARD:
            return True
        gap = _gap(previous.timestamp, current.timestamp)
        return gap is not None and gap <= self.CONTINUATION_GAP and overlap > 0

    def chain_meta(self, previous_meta: str, page: PageText) -> str:
        """The previous summary plus the page's most informative sentence, cut from the front."""
        best = _most_informative(tx.sentences(page.user_input) + tx.sentences(page.agent_response))
        if not best:
            return previous_meta
        best = _clip(best, self.META_SENTENCE_CHARS)
        if best[-1] not in ".!?":
            best += "."
        if best.lower() in previous_meta.lower():
            return previous_meta
        return _tail(tx.sentences(previous_meta) + [best], self.META_CHARS)

    def themes(self, pages: list[PageText]) -> list[Theme]:
        """One theme: the most central sentence(s) and the most frequent content words."""
        texts = [p.text for p in pages if p.text]
        if not texts:
            return []
        candidates = list(dict.fromkeys(s for t in texts for s in tx.sentences(t)))
        words_of = [set(tx.content_words(s)) for s in candidates]
        freq = Counter(w for words in words_of for w in words)
        # Short exclamations ("Wow, cool, Caroline!") are no summary when a real sentence exists.
        least = min(self.THEME_MIN_WORDS, max((len(words) for words in words_of), default=0))
        scored = [
            (sum(freq[w] for w in words) / len(words) ** 0.5, -index, candidates[index])
            for index, words in enumerate(words_of)
            if words and len(words) >= least
        ]
        if not scored:
            return [Theme(summary=_clip(texts[0], self.THEME_SUMMARY_CHARS), keywords=[])]
        scored.sort(reverse=True)
        chosen = [scored[0]]
        for item in scored[1:]:
            if sum(len(c[2]) + 1 for c in chosen) + len(item[2]) <= self.THEME_SUMMARY_CHARS:
                chosen.append(item)
                break
        summary = " ".join(c[2] for c in sorted(chosen, key=lambda c: -c[1]))
        return [Theme(summary=_clip(summary, self.THEME_SUMMARY_CHARS), keywords=tx.keywords(texts, k=8))]

    # -- long-term persona --------------------------------------------------------------------------

    def user_facts(self, pages: list[PageText]) -> list[str]:
        """Every fact of the user's turns, in order, each once (no cap: the caller ranks)."""
        facts = []
        for page in pages:
            day = _day(page.timestamp)
            sentences = list(page.sentences) if page.sentences is not None else tx.sentences(page.user_input)
            answer = answer_fact(page.question, sentences[0]) if page.question and sentences else None
            if answer is not None:
                facts.append(relative_date(answer, day))
                sentences = sentences[1:]
            facts.extend(message_facts(page.user_input, "user", _user_rule, day, sentences))
        return _dedupe(facts, key=lambda f: f)

    def assistant_facts(self, pages: list[PageText]) -> list[str]:
        """What the assistant recommended or promised, what it said of itself ("I adopted a dog") and what it handed
        the user (a list, a plan, a draft)."""
        facts = []
        for page in pages:
            day = _day(page.timestamp)
            said = own_words(page.user_input, page.agent_response)  # not the letter it drafted for the user
            given = handed(page.agent_response)  # the list or the letter itself, with what it is, as one fact
            facts.extend(message_facts(said[:given.start] if given else said, "assistant", _assistant_rule, day))
            if given:
                facts.append(given.fact)  # and the promises and advice after its heading ("I'll check in Friday")
                facts.extend(message_facts(said[given.start:], "assistant", assistant_statement, day))
        return _dedupe(facts, key=lambda f: f)

    def profile(self, old_profile: str, pages: list[PageText], facts: list[str]) -> str:
        """The profile written from the facts alone (pages add nothing a rule could say better)."""
        return write_profile([(fact, 1, "") for fact in facts])

    def model_updates(self, pages: list[PageText]) -> list[list[Update]]:
        """None: offline, the learner reads the user model with spaCy and rules (usermodel/extract.py)."""
        return [[] for _ in pages]

    def chat(self, system: str, user: str) -> str:
        raise LLMUnavailableError(
            "free-form answers need a language model and no language model is configured: set "
            "openai_api_key / OPENAI_API_KEY or openai_base_url (e.g. a local Ollama or vLLM server) "
            "in config.json"
        )


# -- helpers ----------------------------------------------------------------------------------------

def _user_rule(clause: str) -> str | None:
    return statement(clause, "user")


def _assistant_rule(clause: str) -> str | None:
    return assistant_statement(clause) or statement(clause, "assistant")


def _most_informative(sentences: list[str]) -> str:
    best, best_score = "", 0
    for sentence in sentences:
        score = len(set(tx.content_words(sentence)))
        if score > best_score:
            best, best_score = sentence, score
    return best


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "..."


def _tail(sentences: list[str], limit: int) -> str:
    """The last sentences that fit in `limit` characters (at least the last one, clipped)."""
    kept: list[str] = []
    size = 0
    for sentence in reversed(sentences):
        if kept and size + len(sentence) + 1 > limit:
            break
        kept.append(sentence)
        size += len(sentence) + 1
    return _clip(" ".join(reversed(kept)), limit)


def _dedupe(items: Iterable[T], key: Callable[[T], str]) -> list[T]:
    seen: set[str] = set()
    out = []
    for item in items:
        k = key(item).lower()
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out


def _parse_time(timestamp: str) -> datetime | None:
    try:
        return datetime.fromisoformat(timestamp.strip().replace("Z", "+00:00")).replace(tzinfo=None)
    except (ValueError, AttributeError):
        return None


def _day(timestamp: str) -> datetime | None:
    moment = _parse_time(timestamp)
    return moment.replace(hour=0, minute=0, second=0, microsecond=0) if moment else None


def _gap(first: str, second: str) -> timedelta | None:
    a, b = _parse_time(first), _parse_time(second)
    return abs(b - a) if a and b else None
