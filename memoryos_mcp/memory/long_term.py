"""Long-term persona memory: the user profile and the user and assistant knowledge bases.

A fact keeps where it came from (page ids), when it was first and last seen and how often. A
near-duplicate of a stored fact merges into it; a newer fact about a single-valued subject ("lives
in ...") supersedes the older one, which stays as history. Everything is scoped by (user, assistant):
what the assistant said in one user's conversation belongs to that user. Only the assistant's own
persona, set deliberately, is shared (stored with an empty user id).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..filters import TimeWindow
from ..language.facts.changes import retired, says_changed
from ..language.facts.particulars import says_more
from ..language.facts.slots import slot_of
from ..language.profile import section_of, write_profile
from ..models import Fact, KnowledgeItem
from ..records import StoredFact
from ..search.facts import FactSet, rank_facts
from ..search.lexical import fact_matches
from ..store.protocol import Repositories

Kind = Literal["user", "assistant"]
#: Texts to vectors (the engine's embedder), for a fact rewritten in other words.
Embed = Callable[[list[str]], np.ndarray]
#: A profile shorter than this is not substantive enough to replace the current one.
MIN_PROFILE_CHARS = 20
#: MiniLM cosine at or above which a new fact restates a stored one (same slot value required).
MERGE_COSINE = 0.88
COUNTERS = ("facts_extracted", "facts_added", "facts_merged", "facts_superseded", "facts_evicted")
#: Eviction order per status: the most useful facts first (never corrected ones first), newest history first.
_KEEP_ORDER = (("current", "corrected DESC, mentions DESC, last_seen DESC, id DESC"), ("superseded", "id DESC"))


@dataclass(frozen=True)
class NewFact:
    """A fact found in some pages, before it is merged into the store."""

    text: str
    page_ids: tuple[int, ...]
    timestamp: str


@dataclass
class _Stored:
    id: int
    text: str
    slot: str | None
    value: str | None
    corrected: bool
    last_seen: str
    vector: np.ndarray

    @classmethod
    def of(cls, fact: StoredFact) -> _Stored:
        slot = slot_of(fact.text) if fact.slot else None
        return cls(fact.id, fact.text, fact.slot, slot[1] if slot else None, fact.corrected, fact.last_seen,
                   fact.vector)


#: A card and the day (YYYY-MM-DD) it is written for.
Dated = tuple[str, str]


class LongTermMemory:
    """Profile and facts of one (user, assistant) scope, plus the assistant's shared persona.

    Writes join the caller's transaction: the caller opens one around a whole change.
    """

    def __init__(self, repositories: Repositories, capacity: int) -> None:
        self.capacity = capacity
        self.knowledge = repositories.knowledge
        self.profiles = repositories.profiles
        self._cache: dict[Kind, FactSet] = {}
        #: Writes the profile card from the user model as it stands on a day (the latest page's when later), with
        #: the day it is written for; the facts' sections are the profile when it has nothing to say.
        self.card: Callable[[str], Dated] | None = None
        #: The stored profile as the card the rules wrote, with its day; None when a language model wrote it or it
        #: is the facts' sections. Found at the first read after the memory opens or another process wrote (the
        #: card written again and compared), then kept by each write of the profile.
        self._rules: Dated | None = None
        self._rules_known = False
        #: A later day the card was last read on, with the card written for it, until the profile is written again.
        self._dated: Dated | None = None
        #: What the user model holds as no longer so: the facts' sections leave out statements naming it.
        self.gone: Callable[[], list[str]] | None = None

    # -- reading ---------------------------------------------------------------------------------

    def profile(self, day: str = "") -> str:
        """The stored profile; when it is the rules' card and `day` (YYYY-MM-DD) is later than the day it was
        written for, the card written for `day`: a card is written when pages are learnt from, and read days
        later its plans and promises past by then were still coming up, its changes still recent. A profile a
        language model wrote is read as written."""
        found = self.profiles.get()
        if not found:
            return ""
        text, written = found
        rules = self._rules_card(text) if day > written[:10] else None  # the card's day is never before its facts'
        if rules is None or day <= rules[1]:
            return text
        if self._dated is None or self._dated[0] != day:
            self._dated = (day, self._composed(day, self.knowledge.profile_facts()))
        return self._dated[1]

    def _rules_card(self, text: str) -> Dated | None:
        """The stored `text` as the rules' card with its day, or None when they did not write it."""
        if not self._rules_known:
            card = self.card("") if self.card else None
            self._rules, self._rules_known = (card if card and card[0] == text else None), True
        return self._rules if self._rules and self._rules[0] == text else None

    def invalidate(self) -> None:
        self._cache.clear()
        self._rules_known, self._dated = False, None  # another process may have written the profile

    def facts(self, kind: Kind, include_history: bool = False) -> list[Fact]:
        """The scope's facts of one kind, oldest first (current only unless `include_history`)."""
        if not include_history:
            return list(self._load(kind).facts)
        return self.knowledge.select(kind, ("current", "superseded"), shared=kind == "assistant")[0]

    def _load(self, kind: Kind) -> FactSet:
        """The current facts with what every search needs of them, cached until the next write."""
        if kind not in self._cache:
            facts, matrix = self.knowledge.select(kind, ("current",), shared=kind == "assistant")
            self._cache[kind] = FactSet(facts, matrix, [section_of(fact.knowledge) for fact in facts])
        return self._cache[kind]

    def search(self, kind: Kind, query: str, vector: np.ndarray, k: int,
               window: TimeWindow | None = None, past: bool = False) -> list[KnowledgeItem]:
        """The k most relevant current facts, best first (search/facts.py); superseded ones compete too when
        the question asks about the `past`."""
        facts = self._load(kind)
        if past:
            history, matrix = self.knowledge.select(kind, ("superseded",), shared=kind == "assistant")
            if history:
                facts = FactSet(facts.facts + history, np.vstack([m for m in (facts.matrix, matrix) if m.size]),
                                facts.sections + [section_of(fact.knowledge) for fact in history])
        if not facts.facts:
            return []
        lexical = fact_matches(self.knowledge, query, {fact.id for fact in facts.facts if fact.id is not None})
        return rank_facts(facts, query, vector, lexical, k, window)

    def newest(self, kind: Kind, limit: int) -> list[tuple[str, str, np.ndarray]]:
        """(text, last seen, vector) of the `limit` current facts last seen latest, newest first: what the card
        reads, bounded whatever the store holds."""
        return self.knowledge.newest(kind, limit)

    def sources(self, kind: Kind, ids: list[int | None]) -> dict[int, list[int]]:
        """Fact id -> the pages it was learnt from, for the current facts among `ids`."""
        wanted = set(ids)
        return {fact.id: fact.sources for fact in self._load(kind).facts if fact.id in wanted and fact.id is not None}

    def counters(self) -> dict[str, int]:
        found = self.knowledge.counters()
        return {name: found.get(name, 0) for name in COUNTERS}

    # -- writing (inside the caller's transaction) ------------------------------------------------

    def set_profile(self, text: str, timestamp: str) -> bool:
        """Replace the profile only with substantive text; an empty or error answer never wipes it."""
        text = text.strip()
        if len(text) < MIN_PROFILE_CHARS:
            return False
        self.profiles.put(text, timestamp)
        self._rules, self._rules_known, self._dated = None, True, None
        return True

    def rebuild_profile(self) -> None:
        """The profile: the card of the user model, else the current user facts written into sections (empty
        when there are none)."""
        facts = self.knowledge.profile_facts()
        card = self.card("") if self.card else ("", "")
        text = card[0] or self._sections(facts)
        self._rules, self._rules_known, self._dated = (card if card[0] else None), True, None
        if text:
            self.profiles.put(text, max((last_seen for _, _, last_seen in facts), default=""))
        else:
            self.profiles.delete()

    def _composed(self, day: str, facts: list[tuple[str, int, str]]) -> str:
        """The profile as written for `day`: the card, else the facts' sections."""
        return (self.card(day)[0] if self.card else "") or self._sections(facts)

    def _sections(self, facts: list[tuple[str, int, str]]) -> str:
        return write_profile(facts, self.gone() if self.gone else [])

    def count_superseded(self, n: int) -> None:
        """Statement facts the user model closed (store/user_model.py marks them): counted, the cache renewed."""
        self.knowledge.bump({"facts_superseded": n})
        self._cache.clear()

    def learn(self, kind: Kind, facts: list[NewFact], vectors: np.ndarray) -> None:
        """Merge, supersede or add each fact, then keep the current facts within capacity."""
        stored = [_Stored.of(fact) for fact in self.knowledge.current(kind)]
        counts = dict.fromkeys(COUNTERS, 0)
        counts["facts_extracted"] = len(facts)
        for fact, vector in zip(facts, vectors, strict=True):
            vector = np.asarray(vector, dtype=np.float32)
            slot = slot_of(fact.text)
            same = _near_duplicate(stored, fact.text, slot, vector, fact.timestamp)
            if same is not None:
                self.knowledge.mention(same.id, fact.timestamp, fact.page_ids, fact.text)
                same.last_seen = max(same.last_seen, fact.timestamp)
                counts["facts_merged"] += 1
                continue
            new_id = self.knowledge.insert(kind, fact.text, slot[0] if slot else None, fact.timestamp,
                                           fact.timestamp, vector, list(fact.page_ids))
            counts["facts_added"] += 1
            entry = _Stored(new_id, fact.text, slot[0] if slot else None, slot[1] if slot else None, False,
                            fact.timestamp, vector)
            if kind == "user":
                stored, gone = self._retire(stored, entry, fact.timestamp)
                counts["facts_superseded"] += gone
            if slot is not None:
                stored, superseded = self._supersede(stored, entry)
                counts["facts_superseded"] += superseded
            else:
                stored.append(entry)
        counts["facts_evicted"] += self._evict(kind)
        self.knowledge.bump(counts)
        self._cache.pop(kind, None)

    def _supersede(self, stored: list[_Stored], new: _Stored) -> tuple[list[_Stored], int]:
        """Of the current facts filling the new fact's slot, the newest (or a user-corrected one) stays.

        Returns the current facts afterwards and how many became history.
        """
        contenders = [s for s in stored if s.slot == new.slot] + [new]
        keeper = max(contenders, key=lambda s: (s.corrected, s.last_seen, s.id))
        for loser in contenders:
            if loser is not keeper:
                self.knowledge.supersede(loser.id, keeper.id)
        return [s for s in stored if s.slot != new.slot] + [keeper], len(contenders) - 1

    def _retire(self, stored: list[_Stored], new: _Stored, said: str) -> tuple[list[_Stored], int]:
        """The current facts said before the new one that it says changed (facts/changes.py) become its history; a
        user's own correction stays. Returns the current facts afterwards and how many became history."""
        if not says_changed(new.text):  # most facts: no cosine to every stored one
            return stored, 0
        older = [s for s in stored if not s.corrected and s.last_seen < said]
        gone = [older[i] for i in retired(new.text, [(s.text, float(s.vector @ new.vector)) for s in older])]
        for old in gone:
            self.knowledge.supersede(old.id, new.id)
        return [s for s in stored if s not in gone], len(gone)

    def enforce_capacity(self) -> None:
        """Both kinds back within capacity, e.g. after an import brought more facts than it holds."""
        self.knowledge.bump({"facts_evicted": sum(self._evict(kind) for kind in ("user", "assistant"))})
        self._cache.clear()

    def _evict(self, kind: Kind) -> int:
        """Drop the least useful current facts over capacity, and the oldest history over the same bound;
        returns how many went."""
        evicted = 0
        for status, order in _KEEP_ORDER:
            ids = self.knowledge.over_capacity(kind, status, order, self.capacity)
            self.knowledge.delete(ids)
            evicted += len(ids)
        return evicted

    def owned(self, ids: list[int]) -> list[int]:
        """The ids among `ids` that are facts of this scope (another user's ids are never touched)."""
        return self.knowledge.owned(ids)

    def delete(self, ids: list[int]) -> list[int]:
        """Delete this scope's facts among `ids`; returns the ids deleted. The caller rebuilds the profile."""
        owned = self.knowledge.owned(ids)
        self.knowledge.delete(owned)
        self._cache.clear()
        return owned

    def forget_pages(self, page_ids: list[int], embed: Embed) -> tuple[list[int], list[int], list[int]]:
        """Pages are being deleted: no word of theirs may stay in a fact. Returns the facts deleted, the facts
        reworded, and the remaining pages to learn again.

        A fact left with no source goes; one whose words came from a deleted page is rewritten in the words
        of its newest remaining source (re-embedded with `embed`), or, when no remaining source's words are
        known (rows older than the wording column), goes too and its pages are learnt again. A user's
        correction is their own statement: it stays as they wrote it, also with no source left.
        """
        if not page_ids:
            return [], [], []
        gone: list[int] = []
        reworded: list[int] = []
        relearn: list[int] = []
        for fact_id in self.knowledge.unlink_pages(page_ids):
            text, corrected, _, wordings = self.knowledge.state(fact_id)
            known = [wording for wording in wordings if wording is not None]
            if corrected or text in known:
                continue
            if known:
                slot = slot_of(known[0])
                self.knowledge.reword(fact_id, known[0], slot[0] if slot else None, embed([known[0]])[0], False)
                reworded.append(fact_id)
                continue
            relearn += self.knowledge.source_pages(fact_id)
            gone.append(fact_id)
        self._cache.clear()
        return self.delete(gone), reworded, relearn

    def correct(self, fact_id: int, text: str, vector: np.ndarray) -> bool:
        """Replace a fact's text (the user's correction); provenance stays. False if not this scope's fact.

        A corrected history fact stays history (the newer fact stays the one current); a corrected current
        fact that now names a single-valued subject replaces the other current fact about it.
        """
        if not self.knowledge.owned([fact_id]):
            return False
        slot = slot_of(text)
        self.knowledge.reword(fact_id, text, slot[0] if slot else None, vector, True)
        _, _, status, _ = self.knowledge.state(fact_id)
        if status == "current" and slot is not None:
            for kind in ("user", "assistant"):
                current = [_Stored.of(fact) for fact in self.knowledge.current(kind)]
                mine = [s for s in current if s.id == fact_id]
                if mine:
                    self._supersede([s for s in current if s.id != fact_id], mine[0])
        self._cache.clear()
        return True

    def set_persona(self, facts: list[str], vectors: np.ndarray, timestamp: str) -> None:
        """Replace the assistant's shared persona: the only knowledge every user of this assistant sees."""
        self.knowledge.delete(self.knowledge.shared_ids())
        for text, vector in zip(facts, vectors, strict=True):
            self.knowledge.insert("assistant", text, None, timestamp, timestamp, vector, [], shared=True)
        self._cache.clear()


def _near_duplicate(stored: list[_Stored], text: str, slot: tuple[str, str] | None,
                    vector: np.ndarray, day: str) -> _Stored | None:
    """The stored fact this one (said on `day`) restates: same words, or very close in meaning with the same slot
    value and nothing particular the stored one does not say (a number, a name: facts/particulars.py)."""
    folded = text.casefold()
    best: tuple[float, _Stored] | None = None
    for entry in stored:
        if entry.text.casefold() == folded:
            return entry
        if slot is not None and (entry.slot != slot[0] or entry.value != slot[1]):
            continue
        if slot is None and entry.slot is not None:
            continue
        cosine = float(entry.vector @ vector)
        if cosine >= MERGE_COSINE and (best is None or cosine > best[0]) and not says_more(text, entry.text, day):
            best = (cosine, entry)
    return best[1] if best else None
