"""Hobbies, from evidence over several messages: a pastime the user talks about on two different days, in
sentences about themselves ("The garden is my pride and joy", "How do I make a raised bed?"; "Sinéad bought me a
watercolour set", "I painted my first picture"). One mention is chat, not a hobby, unless it says the pastime is
theirs: taken up ("I've taken up birdwatching"), done as a habit ("I crochet in the evenings"), or belonged to
("I'm in a community choir", "my allotment"). Someone else's painting of a room is not the user's.

Which words belong to which pastime is a list: no library groups "dahlias" and "raised bed" under gardening.
A sport spoken of so on two days is the user's exercise when no other is known ("demi dragged me to padel", "my
wrist is sore from padel"), never one watched ("watched the football").
"""

from __future__ import annotations

import re

from ..language.nlp import Sentence, Token
from .exercise import ONE_WORD_ACTIVITIES
from .values import USER, Update

#: Each pastime with the words that speak of it; the ones in `_KINDS` also say what kind it is.
_WORDS: dict[str, frozenset[str]] = {
    "gardening": frozenset("garden gardening allotment planting planted seedlings bulbs sowing sow pruning greenhouse "
                           "compost".split()),
    "painting": frozenset("painting painted paint watercolour watercolours watercolor watercolors acrylics easel "
                          "sketchbook".split()),
    "knitting": frozenset("knitting knitted knit crochet crocheting yarn".split()),
    "baking": frozenset("baking baked bake sourdough".split()),
    "photography": frozenset("photography photographing".split()),
    "pottery": frozenset("pottery ceramics".split()),
    "woodwork": frozenset("woodwork woodworking".split()),
    "birdwatching": frozenset("birdwatching birding".split()),
    "calligraphy": frozenset({"calligraphy"}),
    "chess": frozenset({"chess"}),
    "sewing": frozenset("sewing quilting".split()),
    "guitar": frozenset({"guitar"}),
    "piano": frozenset({"piano"}),
    "singing in a choir": frozenset("choir".split()),
}
#: The pastimes named by one word ("knitting", "pottery").
PASTIMES = frozenset(hobby for hobby in _WORDS if " " not in hobby)
_KINDS = {"watercolour": "watercolour", "watercolours": "watercolour", "watercolor": "watercolour",
          "watercolors": "watercolour", "acrylics": "acrylics", "sourdough": "sourdough", "crochet": "crochet",
          "crocheting": "crochet", "allotment": "allotment"}
#: Words that put the user in a sentence.
_SELF = frozenset("i i'm i've i'd i'll me my we we're our us".split())
#: Pastimes one belongs to or holds a place in.
_HELD = frozenset("allotment choir orchestra".split())
#: Words that say how often something is done ("in the evenings", "at weekends", "every Sunday").
_OFTEN = frozenset("every evenings mornings nights weekends daily weekly usually always often".split())
#: The user's time or passion a pastime is said to fill ("took over my life", "my free time goes to", "my new thing").
_CLAIMED = frozenset("life time thing obsession passion hobby hobbies weekends evenings".split())
#: Verbs that with "up" say a pastime was taken up ("took up", "picked up").
_TAKEN = frozenset("take took taken taking pick picked".split())
#: Days a pastime must be spoken of on before it is a hobby.
DAYS = 2
#: Sports said in one word ("padel", "swimming"), but for words that say other things too ("running late",
#: "boxing up the kitchen", "butternut squash", "salad bowls").
_SPORTS = ONE_WORD_ACTIVITIES - frozenset(
    "running walking spinning climbing rowing boxing squash bowls skating dancing aerobics gym".split())
#: Swimming said by what is done in it: lengths counted, swum by the user ("Did 30 lengths at the DCU pool", "I swam
#: before work", "Swam 1,500 m this morning"; not "four lengths of timber", "my head swam", "I swam across the lake as
#: a kid").
_SWUM = re.compile(r"\b(?:\d+|twenty|thirty|forty|fifty)\s+lengths\b(?!\s+of\b)|"
                   r"(?:\b(?:i|we)\s+swam\b|^\W*swam\s+\d[\d,.]*\s*(?:m|metres|meters|km|k)\b)"
                   r"(?![^.!?]*\b(?:as\s+a\s+(?:kid|child|boy|girl)|when\s+i\s+was)\b)", re.IGNORECASE)
#: A sport said by the lessons taken in it ("FIRST SURF LESSON DONE", "signed up for swim classes").
_LESSONS = re.compile(r"\b(surf|swim|ski|dance|tennis|golf|yoga|pilates|boxing|climbing)\s+(?:lessons?|class(?:es)?|"
                      r"sessions?|school)\b", re.IGNORECASE)
_DONE_AS = {"surf": "surfing", "swim": "swimming", "ski": "skiing", "dance": "dancing"}
#: Words that make lessons someone else's or given by the user ("signed my daughter up for swim lessons", "I teach
#: swim lessons").
_OTHERS_LESSONS = frozenset("teach teaches teaching taught coach coaching daughter son kids kid children child "
                            "grandson granddaughter grandkids nephew niece".split())
#: Words that say a sport is watched, not done.
_WATCHED = frozenset("watch watched watching match game tickets fan fans score league final".split())


def _no_subject(sentence: Sentence) -> bool:
    """A sentence opening with its verb, its subject (the user) dropped: "did some knitting tonight"."""
    first = next((t for t in sentence.tokens if t.pos not in ("INTJ", "PUNCT", "ADV")), None)
    return first is not None and first.pos in ("VERB", "AUX") and first.tag != "VB" and first.dep == "ROOT"


def _someone_elses(sentence: Sentence) -> bool:
    """Someone else does it: a person is a subject and the user neither is nor receives ("Euan has started
    stress-baking"; not "Sinéad bought me a watercolour set")."""
    tokens = sentence.tokens
    other = any(t.dep in ("nsubj", "nsubjpass") and (t.pos == "PROPN" or t.lower in ("he", "she", "they"))
                for t in tokens)
    user = any(t.dep in ("nsubj", "nsubjpass") and t.lower in ("i", "we") or t.dep in ("dative", "dobj")
               and t.lower in ("me", "us") for t in tokens)
    return other and not user


def _users(tokens: tuple[Token, ...], verb: int) -> bool:
    return any(t.head == verb and t.dep == "nsubj" and t.lower in ("i", "we") for t in tokens)


def _held(tokens: tuple[Token, ...], n: int) -> bool:
    """The pastime word at `n` says the pastime is the user's, said once: taken up ("I've taken up birdwatching",
    "got into crochet"), done as a habit ("I crochet in the evenings", "at weekends I do calligraphy"), or one the
    user belongs to or holds ("I'm in a community choir", "my allotment instagram")."""
    token = tokens[n]
    verb = n if token.pos == "VERB" else token.head
    if token.dep == "pobj" and tokens[verb].lower in ("into", "in"):  # "got into", "I'm in"
        verb = tokens[verb].head
        if _users(tokens, verb) and (tokens[verb].lower in ("got", "get", "getting") or token.lower in _HELD):
            return True
    if _users(tokens, verb):
        up = any(t.head == verb and t.dep == "prt" and t.lower == "up" for t in tokens)
        if up and tokens[verb].lower in _TAKEN or (verb == n or tokens[verb].lower in ("do", "does")) and \
                _OFTEN.intersection(t.lower for t in tokens):
            return True
    owner = token.head if token.dep == "compound" else n
    return token.lower in _HELD and any(t.head == owner and t.dep == "poss" and t.lower in ("my", "our")
                                        for t in tokens) or _claimed(tokens, owner)


def _kind_of(sport: str, words: list[str]) -> str:
    """The sport with the word that says which kind it is ("disc golf")."""
    disc = any(word == sport and n and words[n - 1] == "disc" for n, word in enumerate(words))
    return f"disc {sport}" if sport == "golf" and disc else sport


def _claimed(tokens: tuple[Token, ...], n: int) -> bool:
    """The pastime at `n` said to fill the user's time or be their passion ("pottery class took over my life", "my
    free time goes to pottery", "my new thing is birdwatching", "my hobby is photography"), alone or with
    another ("my hobbies are painting and birdwatching")."""
    while tokens[n].dep == "conj" and tokens[n].head != n:  # "pottery, painting and birdwatching": the first
        n = tokens[n].head
    verb = n if tokens[n].pos == "VERB" else tokens[n].head
    if tokens[n].dep == "pobj":  # "goes to pottery"
        verb = tokens[verb].head
    return any(t.head == verb and i != n and t.dep in ("nsubj", "dobj", "attr") and t.lower in _CLAIMED and any(
        p.head == i and p.dep == "poss" and p.lower in ("my", "our") for p in tokens) for i, t in enumerate(tokens))


#: A pastime said as not done, or done only before ("no knitting", "Before, I would knit a blanket").
_DENIED = r"\b(?:no|not|would|used\s+to)\s+(?:more\s+|any\s+)?{word}\b"


def _denied(text: str, word: str) -> bool:
    return re.search(_DENIED.format(word=re.escape(word)), text, re.IGNORECASE) is not None


class Hobbies:
    """The days each pastime was spoken of, and the kind said of it."""

    def __init__(self) -> None:
        self._days: dict[str, set[str]] = {}
        self._kinds: dict[str, str] = {}
        self._held: set[str] = set()

    def read(self, sentences: list[Sentence], day: str, ended: frozenset[str] = frozenset()) -> list[Update]:
        """The hobbies this message shows, once they have been spoken of on `DAYS` days; a pastime the message ends
        (`ended`, the words of its endings: "vale bouldering") starts its count again, so that mentions after it
        ("Before, I would knit a blanket") do not bring it back."""
        pastimes = self._forget(ended)
        found = []
        for sentence in sentences:
            words = [t.lower for t in sentence.tokens] or sentence.text.lower().split()
            if not (_SELF.intersection(words) or sentence.request or _no_subject(sentence)) or _someone_elses(sentence):
                continue
            for hobby, forms in pastimes.items():
                said = {w for w in forms.intersection(words) if not _denied(sentence.text, w)}
                if said:
                    days = self._days.setdefault(hobby, set())
                    if len(days) < DAYS:
                        days.add(day)
                    kind = next((_KINDS[w] for w in sorted(said) if w in _KINDS), "")
                    if kind:
                        self._kinds[hobby] = kind
                    if any(_held(sentence.tokens, n) for n, t in enumerate(sentence.tokens) if t.lower in said):
                        self._held.add(hobby)
                    found.append(hobby)
            if not _WATCHED.intersection(words):
                found += [f"sport:{_kind_of(w, words)}" for w in _SPORTS.intersection(words)]
                found += ["sport:swimming"] if _SWUM.search(sentence.text) else []
                found += [f"sport:{_DONE_AS.get(m.group(1).lower(), m.group(1).lower())}"
                          for m in _LESSONS.finditer(sentence.text) if not _OTHERS_LESSONS.intersection(words)]
        for sport in {f for f in found if f.startswith("sport:")}:
            days = self._days.setdefault(sport, set())
            if len(days) < DAYS:
                days.add(day)
        return [Update(USER, "exercise", hobby.split(":")[1], weak=True) if hobby.startswith("sport:")
                else Update(USER, "hobby", hobby, "add", detail=self._kinds.get(hobby, ""))
                for hobby in dict.fromkeys(found) if len(self._days[hobby]) >= DAYS or hobby in self._held]

    def _forget(self, ended: frozenset[str]) -> dict[str, frozenset[str]]:
        """The pastimes with their words, but those the `ended` words name, whose count starts again."""
        gone = {hobby for hobby, forms in _WORDS.items() if forms & ended}
        for hobby in gone:
            self._days.pop(hobby, None)
            self._held.discard(hobby)
        return {hobby: forms for hobby, forms in _WORDS.items() if hobby not in gone}
