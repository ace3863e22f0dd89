"""What a question asks for, and whether a fact gives it: the fact must speak of the question's own subject and
hold the kind of answer asked.

A question that was never answered in the chat still gets facts that share a name or a sentence shape with
it ("What's Theo's teacher called?" -> "Theo's nine"; "When is Tiago's birthday?" -> "Tiago says they cost
more than his birthday present"), and their cosine is no lower than that of facts that do answer. Two
signals the cosine does not carry tell them apart:
- the focus: a fact must share one of the question's own words other than the names and the owners it
  mentions ("my dad's phone number" is about a phone number), word stems compared, or a word of the same
  family ("my other half's line of work" -> "husband", "works"), or a word no family knows that means the same
  by its vector ("my kitty" -> "cat", search/word_meaning.py); the profile's sections were too broad a family
  (any relative is "people in their life");
- the kind: "when" wants a date or a time in the fact, "how many / how old / what number" a number, "who / what is X
  called" a name the question does not already say, "where" a place. A "when" question about something that
  happened ("When did my new passport arrive?", "what day we moved house") is answered by a fact that reports
  it ("User's new passport came") with the day it was said, which retrieval writes after it.
The user model's values (search/model_facts.py) pass the same two checks, and one more: whose the value is must
be whom the question asks about (its owners: "my other half's job", "he"). A question about a period (its facts
already kept to that period) needs no focus word.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ..language.text import MONTHS, STOPWORDS, WEEKDAYS, cjk_terms
from ..models import KnowledgeItem
from ..usermodel import cues
from .question_words import ANY_PET, FAMILIES, PETS, SIDES, as_asked, read_as

Kind = Literal["time", "number", "name", "place"]
#: Words of a question that say how it is asked, not what about ("whats" typed without its apostrophe; "names",
#: "number": the kind of answer asked).
_ASKING = frozenset("""now currently these days moment called named name tell say said kind sort please still
    ever actually really new other main favourite favorite fave anything something thing things date day
    time names whats number""".split())
#: Words of a question that only opens a request ("Can you help?", "Quick question?").
_OPENING = frozenset("help remind remember question quick ask wondering hi hello".split())
#: Two words are one when they share this many first letters (both at least this long): "married"/"marrying".
STEM = 5
#: Or when one is the other with an inflection: "join"/"joining", "move"/"moved", "live"/"living".
_ENDINGS = ("s", "es", "d", "ed", "ing")
_WORD = re.compile(r"[\w'’-]+")
_KINDS: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    ("time", re.compile(r"^\W*(?:on |in |at )?(?:when\b|since when\b|what (?:date|day|time|year|month)\b|"
                        r"(?:which|what) (?:date|day|month|year)\b|at what time\b|how long ago\b|"
                        r"what (?:was|is) (?:my|our|his|her|their|the) (?:first|last|final)(?: working)? day\b"
                        r"(?!.*\blike\W*$))", re.IGNORECASE)),  # "What was my first day at Maplepay?"; not "... like?"
    ("number", re.compile(r"\bhow (?:many|much|old|far|often)\b|\bnumber\b", re.IGNORECASE)),
    ("place", re.compile(r"^\W*where\b", re.IGNORECASE)),
    ("name", re.compile(r"^\W*(?:who|whom|who['’]s)\b|\b(?:called|named)\W*$|\bnames?\b", re.IGNORECASE)),
)
#: A question about something that happened: a past tense ("did", "was", "moved"), nothing ahead.
_HAPPENED = re.compile(r"\b(?:did|was|were|\w{3,}ed)\b", re.IGNORECASE)
_AHEAD = re.compile(r"\b(?:will|going to|gonna|next|upcoming|planned|due)\b|^\W*(?:on |in |at )?(?:when|what \w+|which "
                    r"\w+)(?:['’]s|\s+(?:is|are|do|does|shall|should|can)\b)", re.IGNORECASE)
_NUMBER_WORDS = frozenset("""one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
    thousand dozen half once twice couple few""".split())
_DAYS_NAMED = [*MONTHS, *WEEKDAYS, *(m[:3] for m in MONTHS), "christmas", "easter"]
_TIME_WORDS = frozenset(_DAYS_NAMED) | frozenset(
    """yesterday today tomorrow tonight weekend morning afternoon evening night noon midnight ago""".split())
#: A fact naming its day: an ISO date, a clock time, an ordinal or d/m day, a month, a weekday or a feast (not
#: "today" or "this morning": the day it was said tells more).
_DATED = re.compile(rf"\b(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[:.h]\d{{2}}|\d{{1,2}}(?:st|nd|rd|th)|\d{{1,2}}/\d{{1,2}}|"
                    rf"{'|'.join(sorted(_DAYS_NAMED, key=len, reverse=True))})\b", re.IGNORECASE)
#: A fact reporting something that happened: a verb in the past tense ("User moved", "User got the keys"; not
#: the "asked ..., answered" of a reply); one that states how things are ("User is working at Bosch") says
#: nothing of when they began.
_EVENT = re.compile(r"\b(?:(?!asked\b|answered\b)\w{3,}ed|got|came|went|began|left|took|made|met|found|bought|sold|"
                    r"won|lost|gave|flew|drove|ran|swam|wrote|saw|became|broke|fell|sent|paid|passed)\b", re.IGNORECASE)
#: How much lower a fact dated only by when it was said scores than one naming the day.
SAID_DAY_PENALTY = 0.15
_NOT_NAMES = frozenset({"user", "user's", "assistant", "assistant's", "i"}) | _TIME_WORDS
#: A fact of the user's own ("User lives in Leamington"), not what they said of anyone ("User said Mum ...").
_BY_THE_USER = re.compile(r"User\s+(?!(?:said|says|told|mentioned|asked|noted|heard)\b)")
#: A short word in capitals is an acronym ("GP", "MRI", "NHS"), not a name.
_ACRONYM = re.compile(r"[A-Z]{2,4}(?:['’]s)?")
#: Someone other than the user, said before: a question part with one is not about the user.
_THIRD_PERSON = frozenset("he she they him her them his their".split())
_CALLED = re.compile(r"\b(?:called|named)\s+['‘\"]?\w", re.IGNORECASE)
#: A named person's relative asked about ("What's Steve's wife's name?", "What's Rhys's mum called?").
_RELATIVE_OF = re.compile(r"\b([A-Z][\w-]+)['’]s\s+(?:[a-z]+\s+)?("
                          + cues.ROLE_PATTERN + r")\b")
_AT = re.compile(r"\b(?:in|at|from|near|to)\s+\w", re.IGNORECASE)


@dataclass(frozen=True)
class Asked:
    """A question's focus words (lower-case, names and owners left out, with their families), the words it
    says and the kind of answer it wants."""

    focus: frozenset[str]
    said: frozenset[str]
    kind: Kind | None
    #: A "when" question about something that happened: the day a fact reporting it was said answers it.
    happened: bool = False
    #: Whose something the question asks ("my other half's job": "half" and its family; "he", "they" when it
    #: speaks of someone said before).
    owners: frozenset[str] = frozenset()
    #: The names it says (lower-case).
    names: frozenset[str] = frozenset()
    #: Its focus words that no family knows: compared with a fact's words by meaning (`means`).
    own: frozenset[str] = frozenset()
    #: A named person's relative it asks about ("Steve's wife"): the name and the relation's words (with their family,
    #: this side of it).
    relative: tuple[frozenset[str], frozenset[str]] | None = None


def asked(query: str) -> Asked:
    query = asking(query)
    text = as_asked(query)
    words = _WORD.findall(text)
    names = {_plain(m.group()) for m in _WORD.finditer(text) if m.group()[:1].isupper() and not _opens(text, m.start())
             and not _ACRONYM.fullmatch(m.group())}  # "my GP": what the question is about, no one's name
    focus: set[str] = set()
    owners: set[str] = set()
    for word in words:
        low = _plain(word)
        whose = low != word.lower().replace("’", "'")  # "my dad's phone number" is about the phone number
        if (whose and low not in STOPWORDS) or low in _THIRD_PERSON:  # "my GP's name", "Ross's dog": theirs
            owners.add(low)
        long_enough = len(low) >= 3 or _ACRONYM.fullmatch(word) is not None  # "my GP"
        if long_enough and not whose and low not in STOPWORDS and low not in _ASKING and low not in names:
            focus.add(low)
    own = frozenset(word for word in focus if not any(_same(word, b) for group in FAMILIES for b in group))
    said = frozenset(_plain(w) for w in words)
    focus, owners = (words | _families(words) - _other_sides(said) for words in (focus, owners))
    focus |= PETS if focus & ANY_PET else set()
    focus |= set(cjk_terms(query))  # Chinese, Japanese, Korean: the character pairs stand for words
    kind = next((kind for kind, pattern in _KINDS if pattern.search(query)), None)
    happened = kind == "time" and _HAPPENED.search(query) is not None and _AHEAD.search(query) is None
    return Asked(frozenset(focus), said, kind, happened, frozenset(owners),
                 frozenset(names - _NOT_NAMES), own, _relative(text, said))


def _relative(text: str, said: frozenset[str]) -> tuple[frozenset[str], frozenset[str]] | None:
    """The named person and the relation of theirs a question asks about ("Steve's wife": Steve; wife, partner,
    ...; not husband), if it asks about one."""
    found = next((m for m in _RELATIVE_OF.finditer(text) if not _opens(text, m.start())), None)
    if found is None:  # not "What's my partner's name?"
        return None
    role = found.group(2).lower()
    return frozenset({found.group(1).lower()}), frozenset({role, *_families({role})} - _other_sides(said))


#: Titles written with a full stop that ends no sentence ("Dr. Patel").
_TITLE = re.compile(r"\b(?:dr|mr|mrs|ms|prof|st|rev|fr|sr|jr)\.$", re.IGNORECASE)


def _families(words: set[str]) -> set[str]:
    """The words of every family (FAMILIES) one of `words` belongs to, stems compared."""
    return {word for group in FAMILIES if any(_same(a, b) for a in words for b in group) for word in group}


def _opens(text: str, at: int) -> bool:
    """Whether the word at `at` opens a sentence (a capital there makes no name: "... Who is it?"; not after a
    title, "Dr. Patel")."""
    before = text[:at].rstrip()
    return not before or before[-1] in ".?!" and not _TITLE.search(before)


def asking(query: str) -> str:
    """The part of a query that asks: up to its last question mark. What follows is why it is asked ("How old is
    Ben? I need it for the ferry booking."), and its words are no focus; what comes before may be ("The broker
    wants my employer. Who is it?"). Unless that question only opens the request ("Can you help? I need my
    sister's allergy."): then what follows is what it asks."""
    end = query.rfind("?")
    if end <= 0 or not query[end + 1:].strip():
        return query
    last = re.split(r"[.!?]\s", query[:end])[-1]
    opens = all(w.lower() in STOPWORDS | _ASKING | _OPENING for w in _WORD.findall(last))
    return query if opens else query[:end + 1]


#: Whether a text has a word meaning what one of the given words means (search/word_meaning.py).
Near = Callable[[frozenset[str], str], bool]


def answers(question: Asked, fact: str, in_period: bool = False, near: Near | None = None) -> bool:
    """Whether `fact` may answer the question: about its subject, in its words or others meaning the same
    (unless the question is about a period), holding the kind of answer it asks for, and not of another side of
    the relation asked about."""
    words = words_of(fact)
    return ((in_period or about(question, words) or means(question, fact, near)) and _holds(question, fact, words)
            and not other_side(question, words) and not (_BY_THE_USER.match(fact) and of_someone(question))
            and of_the_relative(question, words))


def asks_more_than(question: Asked, role: str, words: list[str]) -> bool:
    """Whether the question asks about more than who someone is (the `role` and the `words` saying it): "Which team
    does my brother support?", "What does my dad do for a living?" are not answered by "Fergal is the user's
    brother"."""
    relation = role.lower().split("'s ")[-1]
    if relation not in cues.ROLE_SET:  # a pet's role is its kind: "Bosco is the user's black lab" tells the breed
        return False
    kin = _families({relation})
    return any(not any(_same(a, b) for b in words) and a not in kin | _RELATED | cues.ROLE_SET for a in question.focus)


#: Words asking who someone is to the user ("How is Fergal related to me?", "Remind me who Fergal is").
_RELATED = frozenset("related relation relationship remind know".split())


def of_the_relative(question: Asked, words: list[str]) -> bool:
    """Whether the words name the relative the question asks about, when it asks about a named person's: both the
    person and the relation ("Priya is Steve's wife"; not "Steve lives in Hervey Bay" nor "Akosua is the user's
    mum" for "What's Naomi's mum's name?")."""
    return question.relative is None or all(named_in(side, words) for side in question.relative)


def of_someone(question: Asked) -> bool:
    """The question asks where someone in the user's life lives or works, how old they are or what they do, not
    the user ("How old is Papa?", "Where does my wife work?"; not "When do I see Mum?", "When is Dad's MRI?", "What
    did my colleague recommend?", nor an appointment with the GP)."""
    return bool((question.said & _THEIR_LIFE) - question.owners) and bool(question.said & _THEIR_STATE) and \
        not question.said & _ME


#: The people whose own life a question can ask about: the roles no appointment is with.
_THEIR_LIFE = cues.ROLE_SET - frozenset({"doctor", "gp", "physio", "therapist", "tutor", "mentor", "manager", "boss",
                                          "supervisor", "landlord", "landlady", "team lead", "tech lead"})
#: What a question asks of a person's life.
_THEIR_STATE = frozenset("live lives living based city town work works job do does old age from".split())
_ME = frozenset({"i", "i'm", "im", "me", "myself", "we", "we're", "our", "us"})


def words_of(text: str) -> list[str]:
    """The words of a text as the focus is compared with them: lower-case, without a possessive 's."""
    return [_plain(w) for w in _WORD.findall(read_as(text))] + cjk_terms(text)


def other_side(question: Asked, words: list[str]) -> bool:
    """Whether the words name another side of a relation than the question says and not its own ("my dad" /
    "the user's mum")."""
    return bool(_other_sides(question.said) & set(words)) and not _own_sides(question.said) & set(words)


def _own_sides(said: frozenset[str]) -> frozenset[str]:
    return frozenset(word for pair in SIDES for side in pair if side & said for word in side)


def _other_sides(said: frozenset[str]) -> frozenset[str]:
    """The words of the sides of a relation other than the one the question says ("my dad": "mum", "mother")."""
    return frozenset(word for pair in SIDES if any(side & said for side in pair)
                     for side in pair if not side & said for word in side)


def about(question: Asked, words: list[str]) -> bool:
    """Whether the words speak of the question's focus: one of its words or of their families, stems compared."""
    return not question.focus or any(_same(a, b) for a in question.focus for b in words)


def means(question: Asked, text: str, near: Near | None) -> bool:
    """Whether the text speaks of the question's focus in other words ("my kitty" / "User's cat Kluska")."""
    return near is not None and bool(question.own) and near(question.own, text)


def named_in(owners: frozenset[str], words: list[str]) -> bool:
    """Whether the words name one of `owners` (stems compared)."""
    return any(_same(a, b) for a in owners for b in words)


def holds(question: Asked, text: str) -> bool:
    """Whether the text holds an answer of the kind the question asks for (a date for "when", ...)."""
    return _holds(question, text, words_of(text))


def keep_answering(question: Asked, facts: list[KnowledgeItem], in_period: bool = False,
                   near: Near | None = None) -> list[KnowledgeItem]:
    return [fact for fact in facts if answers(question, fact.knowledge, in_period, near)]


def with_day_said(question: Asked, facts: list[KnowledgeItem]) -> list[KnowledgeItem]:
    """For a question about when something happened, each fact reporting an event that names no date or time,
    with the day it was said ("User received their new passport (said on 2027-05-07)"), scored SAID_DAY_PENALTY
    lower than one that names the day itself (the event may have come before the telling); best first."""
    if not question.happened:
        return facts
    said = [fact if _DATED.search(fact.knowledge) or not _EVENT.search(fact.knowledge) or not fact.timestamp else
            fact.model_copy(update={
                "knowledge": f"{fact.knowledge} (said on {fact.timestamp[:10]})",
                "score": round((fact.score or 0.0) - SAID_DAY_PENALTY, 4)})
            for fact in facts]
    return sorted(said, key=lambda fact: -(fact.score or 0.0))


def _plain(word: str) -> str:
    low = word.lower().replace("’", "'")
    return low[:-2] if low.endswith("'s") else low


def _same(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) >= STEM and len(b) >= STEM:
        return a[:STEM] == b[:STEM] or bool(_lemmas(a) & _lemmas(b))  # "drives" / "driving"
    short, long = sorted((a, b), key=len)
    if len(short) >= 3 and long.startswith(short) and long[len(short):] in _ENDINGS:
        return True
    # a silent "e" drops before "-ing": "live" / "living", "move" / "moving"
    return len(short) >= 4 and short.endswith("e") and long == short[:-1] + "ing"


def _lemmas(word: str) -> set[str]:
    """The words `word` may be an inflection of ("driving": drive or driv; "drives": drive; "boxes": box; not
    "planes": plan)."""
    forms = {word}
    if word.endswith(("ing", "ed")):
        stem = word[: -3] if word.endswith("ing") else word[: -2]
        forms |= {stem, stem + "e"}
    elif word.endswith("s"):
        forms.add(word[:-2] if re.search(r"(?:[sxz]|[cs]h)es$", word) else word[:-1])
    return {form for form in forms if len(form) >= 4}


def _holds(question: Asked, fact: str, words: list[str]) -> bool:
    """Whether the fact holds an answer of the question's kind (any fact for a question of no kind)."""
    if question.kind == "time":
        return ((question.happened and _EVENT.search(fact) is not None) or any(ch.isdigit() for ch in fact)
                or any(w in _TIME_WORDS for w in words))
    if question.kind == "number":
        return any(ch.isdigit() for ch in fact) or any(w in _NUMBER_WORDS for w in words)
    if question.kind is None:
        return True
    raws = _WORD.findall(read_as(fact))  # `words` adds Chinese, Japanese and Korean terms after these
    named = any((raw[:1].isupper() or bool(cjk_terms(raw[:1]))) and low not in _NOT_NAMES and low not in STOPWORDS
                and low not in question.said  # those scripts have no capitals: a word of them may be a name
                for raw, low in zip(raws, words[:len(raws)], strict=True))
    if question.kind == "name":
        return named or _CALLED.search(fact) is not None
    return named or _AT.search(fact) is not None
