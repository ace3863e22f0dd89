"""Rules that turn one speaker's first-person clauses into third-person facts, for the offline provider.

"I adopted a dog named Max" -> "User adopted a dog named Max"; said by the assistant's side,
"Assistant adopted a dog named Max". A clause is restated only when its subject is the speaker
("I ...", "my sister is ...", "we went ...", a dropped subject as in "just got back from Rome") or
the speaker is its object ("painting helps me relax"); reactions, courtesies and clauses without
content ("I'll check it out", "I'm so happy for you") are refused: precision over recall.
"""

from __future__ import annotations

import re
from typing import Literal

from .. import text as tx
from .words import (
    ADVERBS,
    CAN_REJECT,
    DROPPED,
    FEELING_LINKS,
    FEELINGS,
    ING_NOUNS,
    INTENSIFIERS,
    IRREGULAR_PAST,
    LIGHT,
    LIKED,
    MY_REJECT,
    NEGATIONS,
    NOT_EVENTS,
    OBJECT_REJECT_FIRST,
    PRESENT,
    PRESENT_TOO,
    PRONOUN_OBJECTS,
    REJECT_FIRST,
    REJECT_PHRASES,
    SIMPLE_VERBS,
)

Speaker = Literal["user", "assistant"]

#: Longer clauses are usually several thoughts run together: too risky to restate.
MAX_CLAUSE_WORDS = 40
#: A clause restated with the speaker as its object needs this many words to carry a fact.
MIN_OBJECT_CLAUSE_WORDS = 4
#: Words with meaning (not stop words, not chat fillers such as "check", "soon") an object needs.
MIN_HEAVY_WORDS = 2


_LEAD = re.compile(
    r"^(?:(?:yeah|yes|yep|yup|well|oh|ah|so|actually|honestly|also|and|but|hey|wow|btw|anyway|anyways|"
    r"haha|lol|ok|okay|um|uh|plus|now|guess what|true|exactly|absolutely|definitely|totally|right|"
    r"by the way|in fact|luckily|thankfully|sadly|unfortunately|fortunately|then|though|lately|"
    r"recently|finally|woah|whoa|omg|aww|yay|ugh|since|because)\b[\s,!.]*)+",
    re.IGNORECASE,
)
#: Interjections after the statement ("I missed the tram again, ugh").
_TRAIL = re.compile(r"(?:[\s,]+(?:ugh|lol|haha+|yay|tho|though|lmao|sigh|oops|hehe|"
                    r"for sure|honestly|haha))+[\s.!,]*$", re.IGNORECASE)
_TIME_NOUN = (
    r"(?:week|weekend|month|year|night|morning|afternoon|evening|summer|winter|spring|fall|autumn|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
)
_WHEN_LEAD = re.compile(
    rf"^(?P<when>yesterday|today|tonight|(?:last|this|next) {_TIME_NOUN}|"
    r"(?:a few|a couple of|a|an|\w+) (?:days?|weeks?|months?|years?) ago)[\s,]+",
    re.IGNORECASE,
)
_SLANG = {"gonna": "going to", "wanna": "want to", "gotta": "have to", "kinda": "kind of", "'cause": "because"}
_SLANG_RE = re.compile(r"(?<![\w'])(?:gonna|wanna|gotta|kinda|'cause)(?![\w'])", re.IGNORECASE)

#: A gerund that is the subject ("Taking care of myself is key") is no dropped "I".
_GERUND_SUBJECT = re.compile(
    r"\b(?:is|are|was|were|would|will|can|could|should|might|may|must|does|did|makes?|made|helps?|gives?|has|"
    r"means|keeps|reminds|brings|feels|seems|looks|sounds|gets|got)\b", re.IGNORECASE)

_SELF = {
    "i was": "they were", "i am": "they are", "i'm": "they're", "i've": "they've", "i'll": "they'll",
    "i'd": "they'd", "i": "they", "me": "them", "my": "their", "mine": "theirs", "myself": "themselves",
    "we're": "they're", "we've": "they've", "we'll": "they'll", "we'd": "they'd", "we": "they", "us": "them",
    "our": "their", "ours": "theirs", "ourselves": "themselves",
}


def _listener(name: str) -> dict[str, str]:
    return {"you're": f"{name} is", "you've": f"{name} has", "you'll": f"{name} will", "you'd": f"{name} would",
            "you": name, "your": f"{name}'s", "yours": f"{name}'s", "yourself": name}


#: First and second person after the speaker is named: "User lost their job", "Assistant told the user".
_PRONOUNS = {"user": _SELF | _listener("the assistant"), "assistant": _SELF | _listener("the user")}
#: In advice the user is named too, so "their" would be ambiguous: "send the user the assistant's notes".
ADVICE_PRONOUNS = _listener("the user") | {
    "i was": "the assistant was", "i am": "the assistant is", "i'm": "the assistant is",
    "i've": "the assistant has", "i'll": "the assistant will", "i'd": "the assistant would",
    "i": "the assistant", "me": "the assistant", "my": "the assistant's", "mine": "the assistant's",
    "myself": "the assistant",
}
_PRONOUN_WORD = re.compile(
    r"(?<![\w'’-])(?:i was|i am|i['’](?:m|ve|ll|d)|you['’](?:re|ve|ll|d)|we['’](?:re|ve|ll|d)|myself|mine|my|me|"
    r"i|yourself|yours|your|you|ourselves|ours|our|us|we)(?![\w'’-])",
    re.IGNORECASE,
)
_LISTENER = {"user": "the assistant", "assistant": "the user"}
_NAME = {"user": "User", "assistant": "Assistant"}
_FIRST_PERSON_OBJECT = re.compile(r"(?<![\w'’-])(?:me|my|myself)(?![\w'’-])", re.IGNORECASE)
#: The speaker's first mention in a clause, which is named ("Realizing I can be me" -> "Realizing the user can").
_FIRST_PERSON = re.compile(r"(?<![\w'’-])(?:i was|i am|i['’](?:m|ve|ll|d)|me|my|myself|i)(?![\w'’-])", re.IGNORECASE)


def _normal(word: str) -> str:
    return word.lower().replace("’", "'").strip(",.!;:")


def convert(text: str, speaker: Speaker, table: dict[str, str] | None = None) -> str:
    """First and second person -> third person, from `speaker`'s point of view; slang spelt out."""
    table = table or _PRONOUNS[speaker]

    def swap(match: re.Match[str]) -> str:
        key = " ".join(match.group(0).lower().replace("’", "'").split())
        return table.get(key, match.group(0))

    text = _PRONOUN_WORD.sub(swap, text)
    return _SLANG_RE.sub(lambda m: _SLANG[m.group(0).lower()], text)


def clean_clause(clause: str) -> tuple[str, str]:
    """Strip interjections, a leading time phrase (returned apart) and end punctuation."""
    clause = _LEAD.sub("", clause.strip().lstrip("(\"'“*-–— ")).strip()
    when = ""
    match = _WHEN_LEAD.match(clause)
    if match:
        when = match.group("when")
        clause = _LEAD.sub("", clause[match.end() :]).strip()
    clause = clause.rstrip(" .!,;:)(-–—~*\"”").strip()
    return _TRAIL.sub("", clause) if _TRAIL.sub("", clause) else clause, when


def _heavy_words(text: str) -> list[str]:
    return [w for w in tx.content_words(text) if w not in LIGHT and w not in ADVERBS]


def usable_object(obj: str, speaker: Speaker, listener_ok: bool = False, min_heavy: int = MIN_HEAVY_WORDS) -> bool:
    """Something to restate: not a reaction, a courtesy, the listener (unless `listener_ok`), or a bare pronoun."""
    words = [_normal(w) for w in obj.split()]
    meaningful = [w for w in words if w and w not in INTENSIFIERS]
    if not meaningful or meaningful[0] in REJECT_FIRST:
        return False
    if meaningful[0] in PRONOUN_OBJECTS and len(meaningful) < 4:
        return False
    joined = " ".join(meaningful)
    if joined.startswith(REJECT_PHRASES):
        return False
    if not listener_ok and _LISTENER[speaker] in convert(obj, speaker).lower():
        return False
    if meaningful[0] in FEELINGS:
        return len(meaningful) > 1 and meaningful[1] in FEELING_LINKS and len(_heavy_words(obj)) >= 2
    return len(_heavy_words(obj)) >= min_heavy


def _third_person(verb: str) -> str:
    if verb == "have":
        return "has"
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _is_past(verb: str) -> bool:
    return verb in IRREGULAR_PAST or (
        len(verb) >= 5 and verb.isalpha() and verb.endswith("ed") and verb not in NOT_EVENTS
        and not verb.endswith("eed")
    )


def _is_adverb(word: str) -> bool:
    return word in ADVERBS or (len(word) > 4 and word.endswith("ly") and word not in PRESENT)


def _verb_phrase(words: list[str]) -> tuple[str, list[str], bool] | None:
    """(verb phrase, object words, past) for the words after a bare "I"."""
    adverbs = []
    while words and _is_adverb(_normal(words[0])):
        adverbs.append(_normal(words.pop(0)))
    if not words:
        return None
    verb, rest = _normal(words[0]), words[1:]
    prefix = " ".join(adverbs + [""])
    if verb in ("can", "can't", "cannot") and (not rest or _normal(rest[0]) in CAN_REJECT):
        return None
    if verb in SIMPLE_VERBS:
        phrase, past = SIMPLE_VERBS[verb]
        return prefix + phrase, rest, past
    if verb in NEGATIONS and rest and _normal(rest[0]) in PRESENT | {"have", "get"}:
        return f"{prefix}{NEGATIONS[verb]} {_normal(rest[0])}", rest[1:], verb == "didn't"
    if verb in PRESENT:
        return prefix + _third_person(verb), rest, False
    if verb in LIKED:
        return prefix + verb, rest, False
    if _is_past(verb):
        return prefix + verb, rest, True
    return None


def _contraction(first: str, words: list[str]) -> tuple[str, list[str], bool] | None:
    """(verb phrase, object words, past) for I'm / I've / I'll / I'd."""
    suffix = first[2:]
    if suffix == "m":
        return "is", words, False
    if suffix == "ve":
        return "has", words, False
    if suffix == "ll":
        return "will", words, False
    if suffix == "d" and words and _normal(words[0]) in ("like", "love", "prefer", "enjoy", "rather"):
        return f"would {_normal(words[0])}", words[1:], False
    if suffix == "d" and words and _normal(words[0]) in ("been", "never", "always", "already"):
        return "had", words, True
    return None


_PRESENT_THIRD = frozenset(_third_person(verb) for verb in PRESENT) | {"warms", "fills"}


def _with_subject(clause: str) -> str:
    """"Just got back from Rome" -> "I just got back from Rome": the dropped subject put back."""
    words = clause.split()
    first = _normal(words[0])
    lowered = words[0].lower() + clause[len(words[0]) :]
    second = _normal(words[1]) if len(words) > 1 else ""
    if first == "just" and second == "been":
        return "I've " + lowered
    if first == "been" and not second.endswith("ing"):
        return clause  # "Been quite a ride"
    if first == "gonna" and len(words) > 1 and _normal(words[1]) == "be":
        return clause  # "(It's) gonna be a great night"
    if first in DROPPED and not (first == "still" and _GERUND_SUBJECT.search(clause)):
        return DROPPED[first] + lowered
    if _is_past(first) and first not in NOT_EVENTS | PRESENT_TOO:
        return "I " + lowered
    if (first.endswith("ing") and len(first) > 5 and first.isalpha() and first not in ING_NOUNS
                and len(words) >= 3 and not _GERUND_SUBJECT.search(clause)
            and not _PRESENT_THIRD.intersection(_normal(w) for w in words)):
        return "I'm " + lowered  # "Researching adoption agencies"
    return clause


_US_TWO = re.compile(r"\b(?:each other|in this together|one another)\b", re.IGNORECASE)
#: A trailing clause about the listener, cut so the rest can stand as a fact.
_LISTENER_TAIL = re.compile(r",?\s+(?:while|when|since|because|after|before|as|like)\s+(?:you|your)\b.*$",
                            re.IGNORECASE)
_MODALS = frozenset("will would could might may must should can can't won't".split())
_WE_AS_I = {"we're": "i'm", "we've": "i've", "we'll": "i'll", "we'd": "i'd"}
#: Verbs that state a fact even with a one-word object ("User lives in Oslo", "User is a nurse").
_STRONG_VERBS = frozenset("lives works owns eats drinks plays studies teaches speaks has had doesn't".split())
_IDENTITY = frozenset(
    "a an from in at married engaged divorced single allergic vegetarian vegan pregnant retired".split()
)


_WEAK_VERBS = frozenset("will won't would could might can wants needs hopes tries wanted".split())
_WEAK_AFTER = frozenset("going gonna feeling trying hoping looking to".split())


def _min_heavy(phrase: str, rest: list[str], past: bool) -> int:
    """Content words the object needs: one for events and identity ("User is a nurse"), more for
    moods, wishes and intentions, which are mostly chat ("I'm going to keep going")."""
    verbs = phrase.split()
    after = _normal(rest[0]) if rest else ""
    if _WEAK_VERBS.intersection(verbs) or (verbs[-1] in ("is", "has", "had") and after in _WEAK_AFTER):
        return MIN_HEAVY_WORDS + 1
    if past or _STRONG_VERBS.intersection(verbs) or (verbs[-1] == "is" and after in _IDENTITY):
        return 1
    return MIN_HEAVY_WORDS


def _speaker_subject(words: list[str], speaker: Speaker) -> str | None:
    """Clauses with I / we as their subject."""
    first = _normal(words[0])
    if first in ("i", "we"):
        parsed = _verb_phrase(words[1:])
    elif first in ("i'm", "i've", "i'll", "i'd", "we're", "we've", "we'll", "we'd"):
        parsed = _contraction(_WE_AS_I.get(first, first), words[1:])
    else:
        return None
    if parsed is None:
        return None
    phrase, rest, past = parsed
    if first.startswith("we") and (phrase.split()[-1] in _MODALS or first in ("we'll", "we'd")
                                   or _US_TWO.search(" ".join(rest))):
        return None  # "we can do this together", "we're in this together": encouragement, not a fact
    obj = _LISTENER_TAIL.sub("", " ".join(rest))  # "I took a road trip while you were winning"
    verb_content = len(_heavy_words(phrase)) if past else 0  # "I graduated last week"
    if (rest or not verb_content) and not usable_object(
            obj, speaker, min_heavy=max(0, _min_heavy(phrase, rest, past) - verb_content)):
        return None
    text = f"{_NAME[speaker]} {phrase} {convert(obj, speaker)}".rstrip()
    return text.replace("has have to ", "has to ")  # "we've gotta"


_MY = re.compile(
    r"^(?:my|our)\s+(?P<thing>[\w'’-]+(?:,?\s+(?:and\s+)?[\w'’-]+){0,4}?)\s+"
    r"(?P<verb>is|are|was|were|has|have|had|will|can|'s|got|gets|(?-i:[a-z]\w*ed)|(?-i:[a-z]\w*s)|"
    + "|".join(sorted(IRREGULAR_PAST)) + r")\s+(?P<rest>.+)$",
    re.IGNORECASE,
)


def _my_subject(clause: str, speaker: Speaker) -> str | None:
    """"My sister is a nurse" -> "User's sister is a nurse"."""
    mine = _MY.match(clause)
    if not mine:
        return None
    thing, verb, rest = mine.group("thing"), mine.group("verb").lower(), mine.group("rest")
    if {_normal(w) for w in thing.split()} & ({"i", "me", "you"} | MY_REJECT):
        return None
    if not usable_object(rest, speaker, min_heavy=1):
        return None
    name = f"{_NAME[speaker]}'s"
    return f"{name} {convert(thing, speaker)} {verb} {convert(rest, speaker)}"


def _speaker_object(clause: str, speaker: Speaker) -> str | None:
    """"Painting helps me relax" -> "Painting helps the user relax" (first mention named)."""
    words = clause.split()
    first = _normal(words[0])
    if (len(words) < MIN_OBJECT_CLAUSE_WORDS or first in OBJECT_REJECT_FIRST or first in LIGHT or _is_adverb(first)
            or not _FIRST_PERSON_OBJECT.search(clause) or len(_heavy_words(clause)) < MIN_HEAVY_WORDS):
        return None
    if _LISTENER[speaker] in convert(clause, speaker).lower() or "thank" in clause.lower():
        return None
    name = "the user" if speaker == "user" else "the assistant"
    match = _FIRST_PERSON.search(clause)
    if match is None or match.group(0).lower() == "myself":
        return None  # "Taking care of myself is key": whose care is not said
    key = " ".join(match.group(0).lower().replace("’", "'").split())
    named = {"me": name, "my": f"{name}'s", "i": name, "i'm": f"{name} is", "i am": f"{name} is",
             "i was": f"{name} was", "i've": f"{name} has", "i'll": f"{name} will", "i'd": f"{name} would"}[key]
    text = convert(clause[: match.start()], speaker) + named + convert(clause[match.end() :], speaker)
    return text[0].upper() + text[1:]


#: Split a sentence where a new first-person clause starts ("..., and I moved", "...; my son is").
_CLAUSE_BREAK = re.compile(
    r"\s*(?:;|(?<!\d):(?!\d)|\s[-–—]+\s|--|,?\s+(?:and|but|so|because|since|although|that)\s+(?:now\s+|then\s+|also\s+)?"
    r"(?=(?:i|i['’]\w+|my|we|we['’]\w+)\b)|,\s+(?=(?:i|i['’]\w+|my|we|we['’]\w+)\b))\s*",
    re.IGNORECASE,
)


def clauses(text: str) -> list[str]:
    """The clauses of `text` that may state something: questions are left out, but a statement
    before a tag question stays ("I started a store - pretty cool, huh?")."""
    found = []
    for sentence in tx.sentences(text):
        parts = [c for c in _CLAUSE_BREAK.split(sentence) if c and c.strip()]
        if sentence.rstrip().endswith("?"):
            parts = parts[:-1]
        found.extend(parts)
    return found


_PHOTO = re.compile(
    r"^(?:here['’]?s|here is|this is|check out|look at)\s+(?:a|an|the|this|some)?\s*(?:quick\s+|cool\s+|little\s+)?"
    r"(?:pic|photo|picture|snap|shot|snapshot)s?\s+(?P<rest>(?:of|from)\s+.+)$",
    re.IGNORECASE,
)


def _shared_photo(clause: str, speaker: Speaker) -> str | None:
    """"Here's a pic of my horse painting" -> "User shared a photo of their horse painting"."""
    match = _PHOTO.match(clause)
    if not match or not _PRONOUN_WORD.search(match.group("rest")) or not _heavy_words(match.group("rest")):
        return None
    if _LISTENER[speaker] in convert(match.group("rest"), speaker).lower():
        return None
    return f"{_NAME[speaker]} shared a photo {convert(match.group('rest'), speaker)}"


def statement(clause: str, speaker: Speaker) -> str | None:
    """The clause restated in the third person ("User ..."), or None when no rule applies."""
    clause, when = clean_clause(clause)
    if not clause or len(clause.split()) > MAX_CLAUSE_WORDS:
        return None
    clause = _with_subject(clause)
    words = clause.split()
    found = (_speaker_subject(words, speaker) or _my_subject(clause, speaker) or _shared_photo(clause, speaker)
             or _speaker_object(clause, speaker))
    if found is None:
        return None
    return f"{found} {when.lower()}" if when else found
