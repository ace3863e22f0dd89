"""Recall: what a memory answers with, the pages and facts relevant to a query, and the profile."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from ..config import MemoryConfig
from ..errors import InvalidInputError
from ..filters import TimeWindow
from ..language.embeddings import Embedder
from ..models import (
    Fact,
    KnowledgeItem,
    ProfileResult,
    RetrievedPage,
    RetrieveResult,
    ShortTermPage,
    TimeRange,
)
from ..records import Value
from ..search.answer_budget import budget, fit, short_card
from ..search.asked import Asked, asked, asking, keep_answering, with_day_said
from ..search.changes import NO_WHY, Why, asks_why_ended, one_why, why_ended
from ..search.confidence import (
    FITTED_FOR,
    answers_enough,
    one_question,
    without_facts,
)
from ..search.expansion import expand
from ..search.facts import newest_first
from ..search.model_facts import ModelFacts, lead_with
from ..search.parts import Answer, merge, parts
from ..search.promises import asks_what_is_coming, besides, handed_first, open_promises, still_to_come
from ..search.retrieval import MODES, PageSearch, Query
from ..search.time_query import asks_about_now, asks_about_past, explicit_window, parse_reference, query_window
from ..search.word_meaning import WordMeaning
from ..store.protocol import Pages
from ..usermodel.statements import Statement
from ..validation import check_max_results, clean_text, now_timestamp
from .long_term import Kind, LongTermMemory
from .mid_term import MidTermMemory
from .unit_of_work import UnitOfWork
from .worker import EnrichmentWorker, Foreground

#: Longest wait, offline, for the learning backlog to reach 0 before the profile is read; before a listing of the
#: facts (each page of it, and the viewer's), LIST_SETTLE_SECONDS: a bulk import in progress should not hold it long.
LEARN_SETTLE_SECONDS = 120.0
LIST_SETTLE_SECONDS = 30.0
#: Facts returned by retrieval from each knowledge base.
KNOWLEDGE_RESULTS = 10


class Recall:
    """Retrieval, page ranking, the profile and the stored facts of one memory."""

    def __init__(self, config: MemoryConfig, uow: UnitOfWork, embedder: Embedder, pages: Pages,
                 mid: MidTermMemory, long: LongTermMemory, search: PageSearch, worker: EnrichmentWorker,
                 foreground: Foreground, settles: Callable[[], bool],
                 statements: Callable[[], list[Statement]], values: Callable[[bool], list[Value]]) -> None:
        self.config = config
        self.uow = uow
        self.embedder = embedder
        self.pages = pages
        self.mid = mid
        self.long = long
        self.search = search
        self.worker = worker
        self.foreground = foreground
        #: Whether reading the profile first waits briefly for learning in progress (by rules: milliseconds).
        self.settles = settles
        #: The user model's current values said as facts: one that answers the question leads the facts.
        self.statements = statements
        #: Words of a question and a fact meaning the same ("kitty" / "cat"): a fact may answer in other words.
        self.words = WordMeaning(embedder.embed_batch)
        self.model_facts = ModelFacts(embedder.embed_batch, self.words.near)
        #: The user model's values, only the current ones when asked (the assistant's open commitments among them).
        self.values = values
        #: Whether answers are judged as a whole (search/confidence.py): its weights hold for the embedder fitted with.
        self._judged = embedder.name == FITTED_FOR

    def retrieve(self, query: str, relationship_with_user: str = "friend", style_hint: str = "",
                 max_results: int = 10, after: str | None = None, before: str | None = None,
                 reference_time: str | None = None) -> RetrieveResult:
        """The best mid-term pages, the short-term pages that match, the most relevant facts and the profile
        card, within the answer budget (search/answer_budget.py).

        `after` / `before` (ISO dates) keep only pages and facts inside; a time phrase in the query
        ("last week", "in May 2023"), read relative to `reference_time` (default now), ranks the pages
        of that period first and keeps the facts that held in it. Facts a newer one replaced come back
        only for questions about the past, marked superseded with the interval they held.
        """
        query = clean_text("query", query, self.config.max_text_chars)
        clean_text("relationship_with_user", relationship_with_user, 1000, required=False, limit_key=None)
        clean_text("style_hint", style_hint, 1000, required=False, limit_key=None)
        k = check_max_results(max_results)
        window = explicit_window(after, before)
        reference = parse_reference(reference_time)
        hint = None if window else query_window(query, reference)
        limit = window or hint
        pieces = parts(asking(query))  # "How old is Ben? It's for the ferry booking.": the facts of what it asks
        asks = [query] if pieces == [query] else [query, *pieces]  # the whole question, then each of its parts
        # the answer is judged as a whole (search/confidence.py) unless turned off, the weights are another embedder's,
        # or the question has two parts
        judged = self._judged and self.config.fact_confidence > 0 and one_question(query)
        with self.foreground.call():
            vectors = self.embedder.embed_batch(asks)
            vector = vectors[0]
            whole = self._search_facts(query, vector, limit)
            with self.uow.read(catch_up=False):  # the fact search synced
                short_ids = self.pages.ids("short")
                expansion = expand(query, whole.user, self.long.sources("user", [f.id for f in whole.user]),
                                   whole.answered_from, whole.value_pages)
                present = limit is None and asks_about_now(query) and not asks_about_past(query)
                ranked = dict(self.search.rank(Query(query, vector, window, hint, expansion, present), k, "hybrid",
                                               self.config.top_segments, frozenset(short_ids)))
                found = self.pages.get([i for i in ranked if i not in short_ids])
                self.mid.record_visits({p.segment_id for p in found if p.segment_id is not None})
                short = [ShortTermPage(user_input=p.user_input, agent_response=p.agent_response,
                                       timestamp=p.timestamp, meta_data=p.meta_data, page_id=p.id,
                                       relevant=True, score=ranked[p.id])
                         for p in self.pages.get([i for i in short_ids if i in ranked])]
                profile = self.long.profile(_day_of(reference_time))
            alone = not whole.why.facts or not one_why(query)  # else the whole's why answer is its parts' too
            each = [whole] + [self._search_facts(piece, v, limit, catch_up=False, why=alone)
                              for piece, v in zip(asks[1:], vectors[1:], strict=True)]
        user_facts, assistant_facts = merge([self._answering(piece, facts, limit is not None, reference)
                                             for piece, facts in zip(asks, each, strict=True)], KNOWLEDGE_RESULTS)
        answer = RetrieveResult(
            query=query,
            timestamp=now_timestamp(),
            time_range=TimeRange(start=limit.start, end=limit.end, source="arguments" if window else "query")
            if limit else None,
            user_profile=short_card(profile),
            short_term_memory=short,
            short_term_count=len(short),
            retrieved_pages=[RetrievedPage(user_input=p.user_input, agent_response=p.agent_response,
                                           timestamp=p.timestamp, meta_info=p.meta_info, meta_data=p.meta_data,
                                           page_id=p.id, score=ranked[p.id]) for p in found],
            retrieved_user_knowledge=user_facts,
            retrieved_assistant_knowledge=assistant_facts,
            total_pages_found=len(found),
            total_user_knowledge_found=len(user_facts),
            total_assistant_knowledge_found=len(assistant_facts),
        )
        fitted = fit(answer, budget(k))
        if not judged:
            return fitted
        if not answers_enough(fitted, self.config.fact_confidence):  # its pages take the room its facts had
            return fit(without_facts(answer), budget(k))
        return fitted

    def _search_facts(self, query: str, vector: np.ndarray, limit: TimeWindow | None,
                      catch_up: bool = True, why: bool = True) -> _Found:
        """The model's values and the stored facts found for a question (a part of one), before the checks that
        they answer it: the page search ranks up the sources of these. `catch_up` as in UnitOfWork.read; `why`: a
        question why something ended is answered from what was said when it did (search/changes.py)."""
        past = limit is not None or asks_about_past(query)
        question = asked(query)
        with self.uow.read(catch_up):  # one read block: each sync is a round trip on a database server
            said = [] if past else self.statements()
            user = self.long.search("user", query, vector, KNOWLEDGE_RESULTS, limit, past)
            assistant = self.long.search("assistant", query, vector, KNOWLEDGE_RESULTS, limit, past)
            ended = NO_WHY if not why or limit is not None or not asks_why_ended(query) else \
                why_ended(query, question, self.values(False), self.long.facts("user", True), said or self.statements())
        known, answered_from, value_pages = self.model_facts.rank(said, vector, KNOWLEDGE_RESULTS, question)  # embeds
        return _Found(question, known, (*ended.pages, *answered_from), user, assistant, value_pages, ended)

    def _answering(self, query: str, found: _Found, in_period: bool, reference: datetime) -> Answer:
        """The (user, assistant) facts returned for a question: those that answer it, the model's values first."""
        question = found.question
        user_facts = with_day_said(question, keep_answering(question, found.user, in_period, self.words.near))
        known = found.known
        if asks_about_now(query) or (question.kind == "time" and not asks_about_past(query)):
            # of two facts that answer, the later one is more likely what still holds (a new job, a day moved)
            known, user_facts = newest_first(known), newest_first(user_facts)
        user_facts = lead_with(found.why.facts + known, user_facts, KNOWLEDGE_RESULTS)
        assistant_facts = handed_first(query, with_day_said(question, keep_answering(question, found.assistant,
                                                                                    in_period, self.words.near)))
        if asks_what_is_coming(query):  # "Which reminders are still coming up?": the open ones, not January's
            with self.uow.read(catch_up=False):  # retrieve's fact search synced
                promised = open_promises(self.values(True), query, reference)
            assistant_facts = besides(promised, still_to_come(assistant_facts, reference, query))[:KNOWLEDGE_RESULTS]
        return user_facts, assistant_facts

    def recent(self) -> list[ShortTermPage]:
        """Every short-term page, oldest first: the recent conversation an answer is written after."""
        with self.uow.read():
            pages = self.pages.get(self.pages.ids("short"))
        return [ShortTermPage(user_input=p.user_input, agent_response=p.agent_response, timestamp=p.timestamp,
                              meta_data=p.meta_data, page_id=p.id) for p in pages]

    def rank_pages(self, query: str, k: int, mode: str = "hybrid") -> list[int]:
        """Mid-term page ids, best first, by one ranking mode; retrieval without side effects."""
        if mode not in MODES:
            raise InvalidInputError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
        query = clean_text("query", query, self.config.max_text_chars)
        vector = self.embedder.embed_batch([query])[0]
        with self.uow.read():
            short = frozenset(self.pages.ids("short"))
            ranked = self.search.rank(Query(query, vector), check_max_results(k), mode,  # type: ignore[arg-type]
                                      self.config.top_segments, short)
            return [i for i, _ in ranked if i not in short]

    def _settle(self, seconds: float = LEARN_SETTLE_SECONDS) -> None:
        """Wait for a full pass (a promotion in progress takes milliseconds), then, at most `seconds` in all, until
        every page is learnt from, so the profile reflects them: the first pass also loads the language pipeline
        (seconds, more under load). A pass that learns nothing ends the wait early."""
        deadline = time.monotonic() + seconds
        backlog = self.pages.unlearned_count()
        while (left := deadline - time.monotonic()) > 0 and self.worker.wait_idle(left):
            before, backlog = backlog, self.pages.unlearned_count()
            if not backlog or backlog >= before:
                return

    def get_user_profile(self, include_knowledge: bool = True, include_assistant_knowledge: bool = False,
                         reference_time: str | None = None) -> ProfileResult:
        """The profile as of `reference_time` (default now), with the current user facts and, if asked, the
        assistant's."""
        day = _day_of(reference_time)
        for name, value in (("include_knowledge", include_knowledge),
                            ("include_assistant_knowledge", include_assistant_knowledge)):
            if not isinstance(value, bool):
                raise InvalidInputError(f"{name} must be true or false, got {type(value).__name__}")
        if self.settles():
            self._settle()
        with self.uow.read():
            user = _items(self.long.facts("user")) if include_knowledge else []
            assistant = _items(self.long.facts("assistant")) if include_assistant_knowledge else []
            profile = self.long.profile(day)
        return ProfileResult(
            timestamp=now_timestamp(), user_id=self.uow.scope.user_id, assistant_id=self.uow.scope.assistant_id,
            user_profile=profile, user_knowledge=user, user_knowledge_count=len(user),
            assistant_knowledge=assistant, assistant_knowledge_count=len(assistant),
        )

    def knowledge(self, kind: Kind, include_history: bool = False) -> list[Fact]:
        """Stored facts of one kind ('user' or 'assistant') with provenance, oldest first; superseded
        facts too when `include_history`."""
        if kind not in ("user", "assistant"):
            raise InvalidInputError(f"kind must be 'user' or 'assistant', got {kind!r}")
        if self.settles():  # as for the profile: the facts of every page stored, also of those a process before
            self._settle(LIST_SETTLE_SECONDS)  # this one stored and quit before learning (closing stops the worker)
        with self.uow.read():
            return self.long.facts(kind, include_history)


@dataclass(frozen=True)
class _Found:
    """What the search found for a question: what it asks, the model's values answering it, the pages the best
    was read from, the stored user and assistant facts, the pages of the best values by share, and, for a question why
    something ended, what was said when it did and what replaced it (search/changes.py)."""

    question: Asked
    known: list[KnowledgeItem]
    answered_from: tuple[int, ...]
    user: list[KnowledgeItem]
    assistant: list[KnowledgeItem]
    value_pages: dict[int, float]
    why: Why


def _items(facts: list[Fact]) -> list[KnowledgeItem]:
    return [KnowledgeItem(knowledge=f.knowledge, timestamp=f.timestamp, id=f.id) for f in facts]


def _day_of(reference_time: str | None) -> str:
    """The day the profile is read on (long_term.py: the card written again for a later day): that of
    `reference_time`, by default today in UTC as pages are stored."""
    return parse_reference(reference_time).date().isoformat() if reference_time else now_timestamp()[:10]
