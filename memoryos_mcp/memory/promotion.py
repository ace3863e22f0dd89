"""Promotion into the long-term persona: facts learnt from pages, and hot topics analysed and cooled down.

Every page is learnt from as soon as it is stored, by rules, whatever model is configured: the user model
(usermodel/) and the statement facts (they are free). With an LLM, analysis is the paid step the MemoryOS
heat gates: the hottest segment's new pages, once it is hot enough, whose facts add to the rules' ones.
Either way the facts of a batch of pages are embedded in one call, in a gap between tool calls: one
batch sorted by length pads little.
"""

from __future__ import annotations

import logging
import time

import numpy as np

from ..language.embeddings import Embedder
from ..language.llm import LLM
from ..language.policy import Language
from ..models import PageText
from ..records import Page
from ..usermodel.card_facts import NEWEST
from ..usermodel.learner import ModelLearner, Reading
from ..validation import now_timestamp
from .long_term import Kind, LongTermMemory, NewFact
from .mid_term import MidTermMemory
from .unit_of_work import UnitOfWork
from .worker import Foreground

logger = logging.getLogger(__name__)

#: Pages whose facts are learnt per transaction, offline.
LEARN_BATCH = 32
#: Cosine at which an LLM fact is also traced to a page other than the closest one.
ATTRIBUTION_COSINE = 0.6


class Promotion:
    """Learns facts (by rules, from every page) and promotes the hottest segment; LLM calls run outside the lock."""

    def __init__(self, uow: UnitOfWork, embedder: Embedder, language: Language, mid: MidTermMemory,
                 long: LongTermMemory, heat_threshold: float, foreground: Foreground,
                 learner: ModelLearner) -> None:
        self.uow = uow
        self.pages = uow.repositories.pages
        self.embedder = embedder
        self.language = language
        self.mid = mid
        self.long = long
        self.heat_threshold = heat_threshold
        self.foreground = foreground
        self.learner = learner
        #: The card is the model's (validated, written at promotion): the rules leave it until the next one.
        #: Per process: after a restart the rules write the card again, and the next promotion refines it.
        self.model_wrote_card = False

    def learn_pending(self, keep_profile: bool = False) -> int:
        """Every page is learnt from as soon as it is stored, whatever model is configured: the user model from
        each page (read with the assistant's question before it) and its statement facts. Both are cheap next to an LLM
        call, so unlike the paid analysis they are not gated by heat; each fact keeps the page it came from.
        By rules, the profile card is rewritten, unless `keep_profile` (a model is in use) and the card is the
        model's. Returns how many pages were learnt."""
        learnt = 0
        while not self.foreground.closing and (ids := self.pages.unlearned(LEARN_BATCH)):
            pages = self.pages.get(ids)
            previous = self.pages.previous_id(ids[0])
            self.foreground.wait_for_gap()
            readings = self.learner.read(pages, self.pages.get([previous])[0] if previous else None)
            found: dict[str, list[NewFact]] = {"user": [], "assistant": []}
            for reading in readings:
                for kind, facts in zip(found, self._extract(reading), strict=True):
                    found[kind] += [NewFact(text, (reading.page.id,), reading.page.timestamp) for text in facts]
            vectors = self._embed([f.text for f in found["user"] + found["assistant"]])
            split = len(found["user"])
            if not (keep_profile and self.model_wrote_card):
                self._warm_card(found["user"], vectors[:split])
            with self.uow.write(durable=False):  # the rules' reading: lost in a crash, the pages are read again
                claimed = {page.id for page in pages if self.pages.claim("learned", page)}
                kinds: tuple[tuple[Kind, list[NewFact], np.ndarray], ...] = (
                    ("user", found["user"], vectors[:split]), ("assistant", found["assistant"], vectors[split:]))
                for kind, new, kind_vectors in kinds:
                    keep = [n for n, fact in enumerate(new) if fact.page_ids[0] in claimed]
                    if keep:  # nothing to learn: the stored facts (read whole by `learn`) stay as they are
                        self.long.learn(kind, [new[n] for n in keep], kind_vectors[keep])
                read = self.learner.model.pages_read(sorted(claimed))  # learnt again (`learn_again`): facts only,
                # an older page read again into the model would bring back what a later page closed
                superseded = self.learner.write([(r.page, r.updates) for r in readings], claimed - read)
                if superseded:
                    self.long.count_superseded(superseded)
                if claimed and not (keep_profile and self.model_wrote_card and self.long.profile()):
                    self.long.rebuild_profile()  # the card, from the model and the user facts
            learnt += len(claimed)
        return learnt

    def card_of_today(self) -> None:
        """The card of today written before anyone reads it: read first on a later day than the last page's (a new
        session), the card is written again for that day (long_term.py), which after a start embeds its statements
        again under the engine lock (1.1 s at 464 facts)."""
        self.foreground.wait_for_gap()
        with self.uow.read():
            self.long.profile(now_timestamp()[:10])

    def _warm_card(self, new: list[NewFact], vectors: np.ndarray) -> None:
        """What the card will read of the newest stored facts and of this batch's, embedded before the write:
        inside it, under the engine lock, the first card after a start embedded 1,000 statements (17-28 s, loaded)."""
        if self.learner.warm is None:
            return
        with self.uow.read():
            stored = self.long.newest("user", NEWEST)
        self.foreground.wait_for_gap()
        self.learner.warm(stored + [(f.text, f.timestamp, v) for f, v in zip(new, vectors, strict=True)])

    def _extract(self, reading: Reading) -> tuple[list[str], list[str]]:
        """One page's user and assistant facts; a page the rules cannot handle yields none, not a jam."""
        page = reading.page
        text = PageText(reading.text, page.agent_response, page.timestamp, question=reading.question,
                        sentences=tuple(s.text for s in reading.sentences if not s.request))
        try:
            rules = self.language.rules
            return rules.user_facts([text]), rules.assistant_facts([text])
        except Exception:
            logger.exception("fact extraction failed on page %d; it is stored but yields no facts", page.id)
            return [], []

    def promote(self, llm: LLM) -> None:
        """Cool down the hottest segment once it is hot enough; with an LLM, first analyse its new pages
        into facts and a rewritten profile (the paid analysis the heat threshold gates)."""
        with self.uow.store.exclusive("promote", self.uow.scope) as alone:
            if not alone:  # another instance sharing the database promotes this memory now
                return
            with self.uow.read():
                segment = self.mid.hottest()
                if segment is None or segment.heat(time.time()) < self.heat_threshold:
                    return
                ids = self.pages.in_segment(segment.id, tier="mid", analyzed=False)
            pages = self.pages.get(ids)
            if pages and not llm.offline:
                self._analyse(pages, llm)
            with self.uow.write(on_rollback=self.mid.reload):  # reset_heat changes the cache
                self.pages.mark_analyzed(ids)
                if segment.id in self.mid.segments:
                    self.mid.reset_heat(segment.id)
        logger.info("promoted segment %d: %d pages analysed", segment.id, len(ids))

    def _analyse(self, pages: list[Page], llm: LLM) -> None:
        """LLM analysis of promoted pages: facts, each traced to the pages it most resembles, and user-model
        updates; then the card written from the model, rewritten by the LLM with the facts and the pages."""
        texts = [page.as_text() for page in pages]
        self.foreground.wait_for_gap()
        found = {"user": llm.user_facts(texts), "assistant": llm.assistant_facts(texts)}
        updates = llm.model_updates(texts)
        vectors = self._embed(found["user"] + found["assistant"])
        facts = [NewFact(text, *_attribute(vector, pages))
                 for text, vector in zip(found["user"] + found["assistant"], vectors, strict=True)]
        split = len(found["user"])
        with self.uow.write():
            alive = self.pages.existing([page.id for page in pages])
            if len(alive) < len(pages):  # pages deleted during the analysis: nothing learnt from them stays
                keep = [n for n, fact in enumerate(facts) if alive.intersection(fact.page_ids)]
                facts = [NewFact(facts[n].text, tuple(i for i in facts[n].page_ids if i in alive),
                                 facts[n].timestamp) for n in keep]
                vectors = vectors[keep]
                split = sum(1 for n in keep if n < split)
            self.long.learn("user", facts[:split], vectors[:split])
            self.long.learn("assistant", facts[split:], vectors[split:])
            superseded = self.learner.write(list(zip(pages, updates, strict=True)), alive)
            if superseded:
                self.long.count_superseded(superseded)
            self.long.rebuild_profile()  # the card, which the model then rewrites
            if len(alive) < len(pages):
                return
        with self.uow.lock:
            card = self.long.profile()
            known = [fact.knowledge for fact in self.long.facts("user")]
        profile = llm.profile(card, texts, known)
        if profile == card:  # the model's card was refused (or said nothing new): the rules' stays theirs
            return
        with self.uow.write(catch_up=False):
            self.model_wrote_card = self.long.set_profile(profile, max(t.timestamp for t in texts))

    def _embed(self, texts: list[str]) -> np.ndarray:
        """All the texts in one embedding call, once no tool call has run for a moment."""
        if not texts:
            return np.zeros((0, self.embedder.dimension), dtype=np.float32)
        self.foreground.wait_for_gap()
        return self.embedder.embed_batch(texts)


def _attribute(vector: np.ndarray, pages: list[Page]) -> tuple[tuple[int, ...], str]:
    """(source page ids, time) of a fact an LLM found in several pages: the page closest in meaning,
    plus any other at least ATTRIBUTION_COSINE close. Deleting those pages deletes the fact."""
    cosines = np.vstack([page.embedding for page in pages]) @ vector.astype(np.float32)
    best = int(np.argmax(cosines))
    chosen = [n for n, cos in enumerate(cosines) if n == best or cos >= ATTRIBUTION_COSINE]
    return tuple(pages[n].id for n in chosen), pages[best].timestamp
