"""From one message to its fact: the rules' statements plus the informative sentences they cannot restate.

Much of what a speaker tells about themselves is no clean "I ..." clause (rules.py): "It
taught me self-acceptance", "Dance has the power to bring us together". Such a sentence is still
the speaker's view or experience, so it is kept whole, in the third person, as what they said:
"User said dance has the power to bring them together". Alone in a message such a sentence is
mostly a reaction ("Life sure can be a roller coaster"), so it is kept only when the message says
at least one other thing, or it names someone or something ("fiona's a classroom assistant at
rockfield primary"). A message's statements then make one fact, the way a person would note
it ("User passed the adoption interviews; User is excited; ..."): its parts belong together and
are found together. Only a single-valued subject ("User lives in Porto") stays a fact of its own,
so that a later statement can supersede it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from .. import text as tx
from ..profile import PART_SEPARATOR
from .dates import relative_date, says_a_day
from .rules import MAX_CLAUSE_WORDS, Speaker, clauses, clean_clause, convert
from .slots import slot_of
from .words import ADVERBS, LIGHT

#: A sentence kept whole needs this many content words (not stop words, not chat fillers).
MIN_CONTENT_WORDS = 3
#: A sentence kept whole must not be the only thing its message says (alone, it is mostly a reaction).
MIN_STATEMENTS = 2

#: Image captions the chat client adds ("[shares an image: a photo of ...]"): not the speaker's words.
_CAPTION = re.compile(r"\[[^\]]*\]")
#: A name said to the listener at either end ("Mel, family is the best", "..., Melanie").
_VOCATIVE = re.compile(r"^[A-Z][a-z]+,\s+|,\s+[A-Z][a-z]+$")
#: Courtesies, reactions and questions without a question mark: nothing said about anything.
_COURTESY = re.compile(
    r"^(?:thanks?|thank you|thx|sorry|congrats|congratulations|glad|good luck|take care|hope|hey|hi|hello|bye|"
    r"wow|cool|nice|great|awesome|amazing|that['’]?s|that is|what|how|why|who|where|when|which|"
    r"can['’]?t wait|see you|talk soon|catch you|good job|well done|same|me too|no worries|of course|sure|"
    r"cheers|here['’]?s to|enjoy|have fun|bet|must|aw+|oh|haha)\b",
    re.IGNORECASE,
)
#: Looks, sounds and seems judge what the listener showed or said ("the kids look so cute").
_REACTION = re.compile(r"\b(?:looks?|looked|sounds?|sounded|seems?|seemed)\b", re.IGNORECASE)
#: An imperative tells the listener what to do, not who the speaker is ("check out this pic").
_IMPERATIVE = re.compile(
    r"^(?:check|love|be|don['’]t|do|make|take|let['’]?s|let|lemme|keep|try|remember|stay|go|come|gather|find|"
    r"wish|wishing|way to go|never|always)\b",
    re.IGNORECASE,
)
#: A sentence about the listener is a reaction to them, not a fact about the speaker.
_LISTENER = re.compile(r"\byou(?:r|rs|rself|['’]\w+)?\b", re.IGNORECASE)
_NAME = {"user": "User", "assistant": "Assistant"}
#: A reply with its own subject ("I ...", "my sister ...") stands as a fact alone; a shorter one without does not.
_FIRST_PERSON_SUBJECT = re.compile(r"^\W*(?:i|i['’]\w+|im|my|we|we['’]\w+|our|me)\b", re.IGNORECASE)
MAX_ANSWER_WORDS = 10
#: A sentence that says a day with fewer words besides the calendar's is kept with the one before it, if any ("divorce
#: final today. 19 Feb. weird day."); a day without another word or a sentence before it is no fact.
MIN_DATED_WORDS = 2
#: A question without its question mark ("is fourth of july weekend crazy there").
_ASKING = re.compile(r"^(?:is|are|am|was|were|do|does|did|can|could|should|would|will|shall)\b", re.IGNORECASE)
#: Requests, greetings, cheers and guesses: nothing told ("Book a table for 8pm", "Happy Fourth of July", "Well done
#: Liverpool", "Maybe Tom will like it").
_REQUEST = re.compile(r"^(?:set|book|schedule|text|tell|please|add|call|email|send|ping|message|cancel|wake|put|ask|"
                      r"good (?:morning|night|evening|afternoon)|morning|night|happy|merry|haha|lol|ok|okay|ugh|"
                      r"(?:best of |good )luck|well done|brilliant work|(?:big )?shout ?out|fair play|cheers|congrats|"
                      r"gotta love|jesus|agree|not sure|maybe|hopefully|idk|i wonder|wonder)\b", re.IGNORECASE)
#: A question asked inside a sentence without its mark ("wait is it 5pm or 6pm").
_QUESTION_INSIDE = re.compile(r"\b(?:is|are|was|do|does|did|can|could|should|will) (?:it|i|we|you|they|he|she|that|"
                              r"this|there)\b(?! (?:is|was|are)\b)", re.IGNORECASE)
#: A name said after a sentence's first word, or a name's possessive opening it ("fiona's", not "it's").
_NAMED = re.compile(rf"[{tx.UPPER}][{tx.LOWER}]")
_POSSESSIVE = re.compile(r"(?!(?:it|that|there|here|what|who|he|she|let|one|this|mine|yours|life|weather|traffic|work|"
                         r"time|today|tonight|tomorrow|yesterday|(?:some|any|every|no)(?:one|body|thing))['’])"
                         rf"[{tx.UPPER}{tx.LOWER}]+['’]s$", re.IGNORECASE)
#: A question that asks when ("When's her birthday?", "What day is the move?").
_WHEN = re.compile(r"^\W*(?:when\b|what (?:date|day|time)\b|which (?:date|day)\b)", re.IGNORECASE)
#: Words of the calendar: a day said alone is no statement.
_CALENDAR = re.compile(rf"\d+(?:st|nd|rd|th)?|{tx.MONTH_NAMES}|{tx.WEEKDAY_NAME}|the|of|day", re.IGNORECASE)
#: A question about the one who answers it ("Where are your parents?").
_ABOUT_LISTENER = re.compile(r"\byou(?:r|rs)?\b", re.IGNORECASE)


def informative(sentence: str) -> bool:
    """A statement about something other than the listener, with enough content words."""
    if (sentence.endswith("?") or _COURTESY.match(sentence) or _REACTION.search(sentence)
            or _IMPERATIVE.match(sentence) or _LISTENER.search(sentence)):
        return False
    heavy = [w for w in tx.content_words(sentence) if w not in LIGHT and w not in ADVERBS]
    return len(heavy) >= MIN_CONTENT_WORDS and len(sentence.split()) <= MAX_CLAUSE_WORDS


def answer_fact(question: str, answer: str) -> str | None:
    """A reply to the assistant's question that has no subject of its own ("In Braga, with my dad"), kept with
    the question it answers: 'User, asked "Where are the user's parents?", answered: In Braga, with their dad'. The
    question is about the user, or asks when and the reply says a day ("When's her birthday?" / "The 20th of
    November.")."""
    asked = tx.sentences(question)[-1:] if question.rstrip().endswith("?") else []
    if (not asked or not (_ABOUT_LISTENER.search(asked[0]) or (_WHEN.search(asked[0]) and says_a_day(answer)))
            or len(answer.split()) > MAX_ANSWER_WORDS):
        return None
    reply = _with_when(*clean_clause(answer))
    if (not tx.content_words(reply) or _COURTESY.match(reply) or _FIRST_PERSON_SUBJECT.search(reply)
            or _FIRST_PERSON_SUBJECT.search(answer)):
        return None
    return f'User, asked "{convert(asked[0], "assistant")}", answered: {convert(reply, "user")}'


def sentence_fact(sentence: str, speaker: Speaker) -> str | None:
    """"Dance has the power to bring us together" -> "User said dance has the power to bring them together"."""
    sentence = " ".join(_CAPTION.sub(" ", sentence).split())
    if not sentence or sentence.endswith("?"):
        return None
    cleaned, when = clean_clause(sentence)
    cleaned = _VOCATIVE.sub("", cleaned)
    if not cleaned or not informative(cleaned):
        return None
    first = cleaned.split(maxsplit=1)[0]
    if first != "I" and first.lower() in tx.STOPWORDS:  # "It taught me" -> "it"; "Dune", "Paris" keep theirs
        cleaned = cleaned[0].lower() + cleaned[1:]
    said = f"{_NAME[speaker]} said {convert(cleaned, speaker)}"
    return f"{said} {when.lower()}" if when else said


def dated_fact(sentence: str, before: str | None, speaker: Speaker) -> str | None:
    """A sentence that says a day or a time, kept whole even alone in its message ("Start at Chinook is Monday 5
    April", "Amara turns ten on july third"): asked "when", a memory needs it more than anything else said in passing.
    A day said nearly alone ("19 Feb.") is kept with the sentence `before` it ("divorce final today. 19 Feb.")."""
    sentence = " ".join(_CAPTION.sub(" ", sentence).split())
    cleaned, when = clean_clause(sentence)
    cleaned = _VOCATIVE.sub("", cleaned)
    if not cleaned or _not_told(sentence, cleaned) or len(cleaned.split()) > MAX_CLAUSE_WORDS:
        return None
    words = len([w for w in tx.content_words(cleaned) if not _CALENDAR.fullmatch(w)])
    if words < MIN_DATED_WORDS:
        if before and not _not_told(before, before):
            cleaned = f"{before.rstrip(' .!')}. {cleaned}"
        elif not words:  # a day said alone with nothing it is the day of
            return None
    first = cleaned.split(maxsplit=1)[0]
    if first != "I" and first.lower() in tx.STOPWORDS:
        cleaned = cleaned[0].lower() + cleaned[1:]
    return f"{_NAME[speaker]} said {convert(_with_when(cleaned, when), speaker)}"


def _not_told(sentence: str, cleaned: str) -> bool:
    """Whether a sentence asks, asks for something, greets or thanks rather than tells ("Set an alarm for 6:30",
    "is it 5pm", "Good morning, it's 7am")."""
    return sentence.rstrip().endswith("?") or any(
        bool(_COURTESY.match(text) or _IMPERATIVE.match(text) or _ASKING.match(text) or _REQUEST.match(text)
             or _QUESTION_INSIDE.search(text)) for text in (sentence.strip(), cleaned))


def _next_to(text: str, first: str, second: str) -> bool:
    """Whether `second` follows `first` in `text` with nothing between (a parser may have left a request out)."""
    at = text.find(second)
    end = text.rfind(first, 0, max(at, 0)) + len(first)
    return at >= 0 and end >= len(first) and not text[end:at].strip()


def _particular(sentence: str) -> bool:
    """Whether a sentence names someone or something ("fiona's a classroom assistant at rockfield primary", "Only
    Connect's on"): then alone in its message it is still no mere reaction."""
    words = sentence.split()
    return bool(words) and (bool(_POSSESSIVE.match(words[0])) or any(
        _NAMED.match(word) and not _CALENDAR.fullmatch(word.strip(".,;:!?'’")) for word in words[1:]))


def _with_when(clause: str, when: str) -> str:
    """A clause with the time phrase that opened it put back after it ("last Friday at 6:30")."""
    return f"{clause} {when.lower()}" if when else clause


def message_facts(text: str, speaker: Speaker, rule: Callable[[str], str | None], day: datetime | None,
                  sentences: list[str] | None = None) -> list[str]:
    """The facts of one message: single-valued statements apart, everything else joined into one fact.

    `rule` restates one clause (None when it cannot); `day` dates "yesterday" and the like; `sentences`, when
    given, are the message's statements as a parser split them (requests left out).
    """
    statements: list[tuple[str, bool]] = []  # (statement, a reaction unless the message says more)
    before = None  # the sentence before: a day said alone may be its day
    for sentence in tx.sentences(text) if sentences is None else sentences:
        found = [f for f in (rule(clause) for clause in clauses(sentence)) if f is not None]
        kept = sentence_fact(sentence, speaker) if not found else None
        statements.extend((relative_date(f, day), False) for f in found)
        dated = None
        if speaker == "user" and says_a_day(sentence) and not any(says_a_day(f) for f in found):
            dated = dated_fact(sentence, before if before and _next_to(text, before, sentence) else None, speaker)
        if dated is not None:
            statements.append((relative_date(dated, day), False))
        elif kept is not None:
            told = kept.split(" said ", 1)[1]  # the sentence as kept: a name said to the listener is gone
            statements.append((relative_date(kept, day), not _particular(told) or _not_told(sentence, told)))
        before = sentence
    if len(statements) < MIN_STATEMENTS:
        statements = [(s, reaction) for s, reaction in statements if not reaction]
    joined = PART_SEPARATOR.join(s for s, _ in statements if slot_of(s) is None)
    facts: list[str] = []
    for s, _ in statements:  # in the order said, the joined fact where its first statement was
        fact = s if slot_of(s) is not None else joined
        if fact not in facts:
            facts.append(fact)
    return facts
