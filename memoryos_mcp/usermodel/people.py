"""The people in the user's life, from evidence gathered over the whole conversation.

Chat names people in lower case ("nadia says i need one of these") and seldom says who they are ("my
partner is Nadia"): it shows it over many messages ("valentines. nadia and i agreed no presents", "i love
her", "our flat"). The ledger keeps, for each word used as a person, how it is used: a word used as a person
(the subject of "says", "X and I", "with X.", "X's mum") in two messages, or once right after a role ("my
dad réjean"), and never written in lower case by the assistant, is a name. A name whose messages carry a
partner's cues on two pages or more (one of them the user's own words), far more than anyone else's, is the
partner; a break-up said of them makes them an ex. A role the user states is never overruled. Besides the
cues of a couple's life, "X and I" said on two pages is a couple's evidence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..language.facts.words import IRREGULAR_PAST, PRESENT
from ..language.text import LOWER, MONTHS, STOPWORDS, UPPER, WEEKDAYS
from . import cues, tree
from .values import Update

_W = rf"[{LOWER}][{LOWER}'-]*[{LOWER}]"
#: Where a word of _W may start: a whole word, not a part after its hyphen or apostrophe (`\b` there would try
#: every part of "a-b-c-...", each to the end, in time growing with the square of the message).
_START = r"(?<!\w)(?<!\w[-'])"
#: Verbs only a person is the subject of ("nadia says", "tiago refuses").
_PERSON_VERBS = ("says|said|told|tells|asks|asked|texted|texts|messaged|called|rang|wants|wanted|thinks|thought|"
                 "reckons|loves|loved|hates|agreed|agrees|decided|suggested|suggests|refuses|refused|promised|"
                 "laughed|cried|smiled|insists|insisted|knows|knew|cooked|cooks|booked|invited|hugged|met|"
                 "misses|missed|snores|complained|complains|convinced|convinces")
_CLAUSE = r"(?:^|[.!?,;:(]\s*|\b(?:and|but|so|then|because|when|while|plus|also|oh|btw)\s+)"
#: Uses of a word that only a person has (as its subject, with "and I", a kin's possessive).
_STRONG = (re.compile(rf"{_CLAUSE}({_W})\s+(?:just\s+|also\s+|still\s+|finally\s+|even\s+|already\s+|never\s+)?"
                      rf"(?:{_PERSON_VERBS})\b"),
           re.compile(rf"{_CLAUSE}({_W})\s+(?:and|n|&)\s+(?:i|me)\b"),  # "ross n me", chat's "and"
           re.compile(rf"\bme\s+and\s+({_W})\b"),
           re.compile(rf"\b(?:a|the)\s+(?:girl|guy|boy|man|woman|lady|friend)\s+(?:named|called)\s+({_W})\b"),
           re.compile(rf"{_START}({_W})'s\s+(?:mum|mom|dad|parents|sister|brother|family|birthday|kids|husband|wife|"
                      r"boyfriend|girlfriend|partner|friends?|colleagues?|boss|son|daughter)\b"),
           # "madhura is asking", "baba is saying": the progressive of a person's verb
           re.compile(rf"{_CLAUSE}({_W})\s+(?:is|was)\s+(?:asking|saying|telling|texting|calling|complaining|"
                      r"insisting|crying|laughing)\b"))
#: Uses a person shares with things ("with tiago.", "nadia's organising"): they count once a strong one is seen.
_WEAK = (re.compile(rf"\bwith\s+({_W})(?=\s*(?:[.,!?;:)]|$|\s+(?:and|to|at|for|in|on|tonight|today|yesterday|"
                    r"this|last|again)\b))"),
         re.compile(rf"{_CLAUSE}({_W})(?:'s|\s+is|\s+was)\s+\w+ing\b"),
         re.compile(rf"{_CLAUSE}({_W})\s+(?:just\s+|also\s+)?(?:made|brought|came|went|got|took|drove|ran|picked|"
                    r"bought|sent|helped|gave|left|arrived|flew|moved|started|finished|won|lost)\b"))
_THE_OWN = "|".join(sorted(tree.THE_OWN))
#: A word right after a role the user owns ("my dad réjean", "the wife fiona"); "our" makes a name only after a child's
#: place ("our youngest ruaridh"): "our landlord finally ..." is no name.
_ROLE_NAMED = re.compile(rf"\b(?:my\s+(?:{cues.ROLES}|{cues.PETS}|eldest|oldest|youngest)|"
                         rf"our\s+(?:eldest|oldest|youngest)|(?:^|(?<=[.!?,;] ))the\s+(?:{_THE_OWN}))"
                         rf"\s+({_W})(?:\s*(?:[.,!?;:)]|$)|\s+([a-z]+))")
#: Words after "my dad X" that make X a name: a verb ("my dad réjean runs"), a particle ("took my mum jean out"),
#: or the phrase ends.
_AFTER_NAME = frozenset("and is was has had just also still who out for to from with over at in on back about".split(
)) | PRESENT | IRREGULAR_PAST
#: Verbs in the past after "my mum" that are no name ("my mum rang from Tesco", "my dad went to"); "Drew" may be one.
_PAST_NOT_NAMES = IRREGULAR_PAST - {"drew"}
#: The assistant calling a named one a pet ("Moss sounds like a classic tuxedo cat").
_PET_HEARD = re.compile(rf"\b([{UPPER}][{LOWER}]+)(?:'s)?\s+(?:sounds like|is|seems like|must be|looks like)\s+an?\s+"
                        rf"(?:[a-z-]+\s+){{0,3}}?({cues.PETS})\b")
#: Words for people that are not names.
_NOT_NAMES = frozenset("everyone someone somebody nobody everybody anyone anybody people guys team family baby "
                       "kids mate mates friends folks bestie hubby wifey babe boys girls girl boy lad lass kid bairn "
                       "child one".split())
_EXCLUDED = STOPWORDS | cues.NOT_NAMES | cues.ROLE_SET | _NOT_NAMES | frozenset(MONTHS) | frozenset(WEEKDAYS)
_PET = re.compile(cues.PETS)
_LOWER_IN_REPLY = re.compile(rf"(?<=[a-z,;:] )([{LOWER}][{LOWER}'-]+)")
_LIST = re.compile(rf"{_START}({_W}),\s+({_W}),?\s+and\s+({_W})\b")
_SENTENCES = re.compile(r"(?<=[.!?\n])\s+")

#: A partner's cues in the user's words: Valentine's, a date, love, a shared home or bed, kisses, hearts.
PARTNER_SAID = re.compile(
    r"\bvalentine|\bdate night\b|\b(?:it was|on|our first|a second|first) (?:a )?date\b|\banniversary\b|"
    r"\bi love (?:him|her|them)\b|\b(?:is|that's|which is) love\b|\blove of my life\b|"
    r"\bour (?:flat|house|home|place|apartment|bed|bedroom|wedding|counter|kitchen|sofa|couch)\b|\bin bed\b|"
    r"\bkiss|\bcuddl|❤|😍|😘|🥰|💕|\bmy (?:boyfriend|girlfriend|partner|novi[oa]|husband|wife|fianc\w*|other half)\b|"
    r"\bin-laws\b|\bmov(?:e|ing) in together\b|\bproposed\b|\bwe(?:'re| are) getting married\b|\bhoneymoon\b|"
    r"\bromantic\b",
    re.IGNORECASE)
#: The assistant's words that take the person for a partner ("that's love", "you two", "a keeper").
PARTNER_HEARD = re.compile(
    r"\b(?:that's|which is|definitely|real) love\b|\bromantic\b|\ba keeper\b|\byou two\b|\bthe two of you\b|"
    r"\bin-laws\b|\byour (?:partner|boyfriend|girlfriend|other half)\b|\bvalentine|\banniversary\b|"
    r"\ba partner who\b|\bdate\b", re.IGNORECASE)
#: Valentine's Day and what is had on it, which the tagger may take for a person called Valentine.
_FEAST = re.compile(r"\bvalentine(?:['’]?s)?(?=\s+(?:day|dinner|card|cards|gift|gifts|present|plans?|night|date|"
                    r"weekend|meal|flowers)\b)", re.IGNORECASE)
#: A relationship ended ("we broke up", "julien and me, c'est fini", "my ex julien").
BREAK_UP = re.compile(r"\bbr(?:oke|eak|eaking) up\b|\bsplit(?:ting)? up\b|\bc'est fini\b|\bwe(?:'re| are) done\b|"
                      r"\bdivorc\w*|\bseparat(?:ed|ing)\b|\bdumped\b|\bleft me\b|\bmy ex\b|\bex-?(?:boyfriend|"
                      r"girlfriend|partner|husband|wife)\b", re.IGNORECASE)
#: A first-person word, and how near (in characters) a break-up it puts the user in it.
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|we|we're|we've|me|us)\b")
_NEAR = 30
#: Pages of partner evidence needed, and how many times anyone else's the partner's must be.
PARTNER_PAGES = 2
DOMINANCE = 2


@dataclass
class People:
    """What the conversation so far shows of the people in it (one per learner, kept in memory)."""

    common: set[str] = field(default_factory=set)  #: words the assistant wrote in lower case: not names
    uses: dict[str, set[int]] = field(default_factory=dict)  #: pages where a word was used as a person
    strong: set[str] = field(default_factory=set)  #: words used at least once as only a person is
    names: set[str] = field(default_factory=set)  #: words taken for names (lower case)
    roles: dict[str, str] = field(default_factory=dict)  #: roles the user stated, by name
    evidence: dict[str, set[int]] = field(default_factory=dict)  #: pages with a partner's cues, by name
    own: set[str] = field(default_factory=set)  #: names whose evidence includes the user's own words
    exes: set[str] = field(default_factory=set)
    partner: str = ""  #: the partner the evidence chose ('' for none)

    def observe(self, page: int, text: str, reply: str) -> set[str]:
        """Read one message (before it is re-cased) for words used as people; the names it makes (Title case)."""
        self.common.update(w.lower() for w in _LOWER_IN_REPLY.findall(reply) if w.islower())
        low = text.lower()
        for pattern in _STRONG:
            for word in pattern.findall(low):
                self._use(word, page, strong=True)
        for pattern in _WEAK:
            for word in pattern.findall(low):
                self._use(word, page, strong=False)
        fresh = {w for w, after in _ROLE_NAMED.findall(low) if self._candidate(w) and not _verb_like(w)
                 and w not in _PAST_NOT_NAMES and (not after or after in _AFTER_NAME or _verb_like(after))}
        fresh |= {w for w, pages in self.uses.items() if len(pages) >= 2 and w in self.strong}
        fresh = {w for w in fresh if w not in self.common}
        self.names |= fresh
        return {_title(w) for w in self.names}

    def _use(self, word: str, page: int, strong: bool) -> None:
        if not self._candidate(word):
            return
        self.uses.setdefault(word, set()).add(page)
        if strong:
            self.strong.add(word)

    @staticmethod
    def _candidate(word: str) -> bool:
        return len(word) >= 3 and "'" not in word and not word.endswith("ing") and word not in _EXCLUDED and \
            not _PET.fullmatch(word)

    def relate(self, page: int, text: str, reply: str, people: set[str], stated: list[Update]) -> list[Update]:
        """The roles one message shows, given the people known (a name each) and the roles it states. Evidence
        is kept for a word used as a person before it is known to be a name ("a drink with noor. it was a date")."""
        for update in stated:  # a role said in passing ("Marg" as "Mia's grandmother") replaces no stated one
            if not update.weak or update.subject.lower() not in self.roles:
                self.roles[update.subject.lower()] = update.value
        known = {w for w in self.names | {p.lower() for p in people} | set(self.uses)
                 if w not in self.common and self._candidate(w)}
        named = _named_in(_FEAST.sub("valentines", text), known)  # "Valentine's dinner for Owen": Owen alone
        found: list[Update] = []
        for sentence in _SENTENCES.split(text) if len(named) > 1 else [text]:
            here = _named_in(sentence, named)
            if len(here) != 1:
                continue
            [who] = here
            if _ours(sentence, who):
                found += self._broke_up(who)
            elif PARTNER_SAID.search(_without(sentence, who)) or _with_me(sentence, who):
                self._evidence(who, page, own=True)
        if len(named) == 1 and PARTNER_HEARD.search(_without(reply, next(iter(named)))):
            self._evidence(next(iter(named)), page, own=False)
        return found + self._pets(text, reply) + self._partner(people)

    def _pets(self, text: str, reply: str) -> list[Update]:
        """A name of the user's that the assistant's reply calls a cat or a dog: a pet of that kind."""
        found = []
        for name, kind in _PET_HEARD.findall(reply):
            if name.lower() not in self.roles and _named_in(text, {name.lower()}) and self._candidate(name.lower()):
                self.roles[name.lower()] = kind
                found.append(Update(name, "role", kind))
        return found

    def _broke_up(self, who: str) -> list[Update]:
        """The person is an ex now: their partner's role closes and their evidence is forgotten."""
        self.exes.add(who)
        self.evidence.pop(who, None)
        if self.partner == who:
            self.partner = ""
        if self.roles.get(who) == "ex":
            return []
        self.roles[who] = "ex"
        return [Update(_title(who), "role", "ex")]

    def _evidence(self, who: str, page: int, own: bool) -> None:
        if who in self.exes or self.roles.get(who, "partner") not in cues.PARTNER_ROLES:
            return
        self.evidence.setdefault(who, set()).add(page)
        if own:
            self.own.add(who)

    def _partner(self, people: set[str]) -> list[Update]:
        """A new partner, when one name's evidence is strong and far ahead of anyone else's."""
        if any(r in cues.PARTNER_ROLES for n, r in self.roles.items() if n not in self.exes):
            return []  # a partner the user named is never overruled
        names = self.names | {p.lower() for p in people}
        scores = Counter({n: len(p) for n, p in self.evidence.items() if n in self.own})
        [(best, score), *rest] = scores.most_common(2) + [("", 0)]
        if not best or best == self.partner or best not in names or score < PARTNER_PAGES or \
                score < DOMINANCE * rest[0][1]:
            return []
        self.partner = best
        return [Update(_title(best), "role", "partner")]


def _named_in(text: str, words: set[str]) -> set[str]:
    """Which of `words` (people, in lower case) `text` names; a list of three names counts as one unknown
    more ("Mhairi, Tomasz and Euan": not Euan alone)."""
    said = {w.removesuffix("'s").removesuffix("’s") for w in re.findall(r"[\wà-ÿ'’-]+", text.lower())}
    listed = {" ".join(m) for m in _LIST.findall(text.lower()) if words & set(m)}
    return (words & said) | listed


def _ours(sentence: str, who: str) -> bool:
    """The sentence ends the user's relationship with `who`: the break-up has the user beside it ("julien and me,
    c'est fini", "she dumped me") or names them as the ex ("my ex julien"); not another couple's ("nadia says her
    sister broke up with her boyfriend", "nadia bumped into my ex")."""
    low = sentence.lower()
    for match in BREAK_UP.finditer(low):
        if "ex" in match.group().split("-")[0].split():  # "my ex", "ex-boyfriend": the ex is the one named
            name = re.escape(who)
            if re.search(rf"\bex(?:-\w+)?,?\s+{name}\b|\b{name},?\s+(?:is\s+|was\s+)?(?:my|an?)\s+ex\b", low):
                return True
        elif _FIRST_PERSON.search(low, max(0, match.start() - _NEAR), match.end() + _NEAR):
            return True
    return False


def _with_me(sentence: str, who: str) -> bool:
    """"bartek and I are looking at flats", "me and ross": the user and the person as one subject, as a couple
    is spoken of (a friend or a child said so has the role the user gave them, which no evidence overrules)."""
    name = re.escape(who)
    return bool(re.search(rf"(?<![\w'’]){name}\s+(?:and|n|&)\s+(?:i|me)\b|\bme\s+(?:and|n|&)\s+{name}(?![\w'’])",
                          sentence, re.IGNORECASE))


def _without(text: str, name: str) -> str:
    """The text with the person's name blanked: a name is no cue about them ("valentine says the build broke")."""
    return re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " ", text, flags=re.IGNORECASE)


def _verb_like(word: str) -> bool:
    """"runs", "texted": a verb by its ending (not "this", "his"; nor "marcus", "lucas", "chris": a verb's "-s" never
    follows "a", "i", "u" or another "s", except in "has", "was" and "is")."""
    return len(word) > 3 and word not in STOPWORDS and (word.endswith("ed") or word.endswith("s") and
                                                         not word.endswith(("ss", "as", "is", "us")))


def _title(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))
