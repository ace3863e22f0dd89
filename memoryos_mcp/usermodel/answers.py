"""A bare reply to the assistant's question, read as the question asks ("What do you do?" -> "nurse. at st james's",
"Who do you work for?" -> "fedex", "How old are you?" -> "twenty-nine, so not exactly ancient")."""

from __future__ import annotations

import re
from dataclasses import replace

from ..language.nlp import common_word
from ..language.text import STOPWORDS
from . import cues, wellbeing
from .favourites import favourite_answered
from .kin import last_question
from .phrase import CUT, value_of
from .values import USER, Update

_WORD = re.compile(r"[\w'’]+")
_QUESTIONS = tuple((attribute, re.compile(pattern, re.IGNORECASE)) for attribute, pattern in cues.QUESTIONS)
#: Words of an answer to "who do you work for?" that names no employer ("myself", "I'm a nurse", "no one").
_NOT_EMPLOYERS = frozenset("i i'm me my myself we us our no nobody nowhere none not unemployed retired self "
                           "freelance".split())
#: A job said as a whole answer, in words the job list may not hold (`_trade`).
_TRADE = re.compile(r"^(?:(?:i'm|i am|she's|she is|he's|he is)\s+)?(?:an?\s+)?(?P<v>(?:[a-z][\w-]*\s+){0,2}"
                    r"[a-z][\w-]*(?:er|or|ist|ian|ant|ent))(?=\s+(?:at|for|in|with)\b|\s*[,.;!]|$)", re.IGNORECASE)
#: Words with a trade's ending that name none ("whatever pays", "never worked").
_NOT_TRADES = frozenset("whatever whenever wherever however never ever other another either neither rather together "
                        "later better after under over number present recent different ancient".split())
#: A question of the assistant's line; the last one is the one the answer answers ("Who do you work for? I can
#: check if they have one.": the question, not what follows it).
_QUESTION = re.compile(r"[^?]*\?")
#: An answer about someone else that says nothing of them ("dunno", "not sure", "no idea").
_NO_ANSWER = re.compile(r"^\W*(?:dunno|idk|not\s+sure|no\s+idea|unsure|don'?t\s+know|no\s+clue|near\s+me|next\s+door|"
                        r"with\s+me|remotely)\b", re.IGNORECASE)
#: An answer to "where do you work?" opening with one of these says where, not for whom ("in Leeds", "downtown").
_WHERE = re.compile(r"(?:in|near|around|outside|downtown|from|on)\b", re.IGNORECASE)


#: The assistant's question speaks to the user ("What did he say when you told him?": the user's part asked).
_YOU = re.compile(r"\byou(?:['’](?:re|ve|d|ll))?\b|\byourself\b", re.IGNORECASE)


def asked_whom(question: str, known: frozenset[str]) -> str:
    """Whom the assistant's last question asks about when it is not the user: a name known ("How old is
    Eilidh?") or a role of theirs ("your sister"), else "he" or "she" ("Do they know if he's hurt badly?"); '' when
    it asks about the user or no one."""
    asked = last_question(question)
    if not asked or _YOU.search(asked):
        return ""
    named = [w.removesuffix("'s").removesuffix("’s") for w in _WORD.findall(asked)]
    named = [w for w in named if w in known]
    role = re.search(rf"\byour\s+({cues.ROLES})\b", asked, re.IGNORECASE)
    if named or role:  # "How old is Eilidh?", "What's Eilidh's job?", "How old is your sister?"
        return named[-1] if named else cues.role_word(role.group(1) if role else "")
    pronoun = re.search(r"\b(?:(he|him|his)|(she|her))\b", asked, re.IGNORECASE)
    return "" if pronoun is None else "he" if pronoun.group(1) else "she"


def answer(text: str, question: str, lowercase: bool) -> list[Update]:
    """A reply to the assistant's question that does not say what it is about ("nurse. at st james's"), of the user
    or of whom the question asks about ("What does she do?" -> "textile conservator at Te Papa": "she", resolved by
    the caller)."""
    line = question.strip().rsplit("\n", 1)[-1]
    for asked in reversed(_QUESTION.findall(line) or [line]):  # "What does she do? And what do you do?": yours
        for attribute, pattern in _QUESTIONS:
            match = pattern.search(asked)
            if match:
                return _answered(attribute, match, text)
    return []


def _answered(attribute: str, match: re.Match[str], text: str) -> list[Update]:
    """What the answer says, read as the question `match`ed asks."""
    subject = _whom(match.groupdict().get("who") or USER)
    if subject != USER and _NO_ANSWER.match(text):  # "dunno", "not sure": nothing said of them
        return []
    if attribute == "job":  # of someone else, a trade the job words do not know too ("textile conservator")
        job = re.search(rf"^(?:an?\s+)?(?P<v>{cues.JOB})\b", text, re.IGNORECASE) or \
            (_trade(text) if subject != USER else None)
        found = [Update(subject, "job", job.group("v").lower())] if job else []
        place = re.search(r"\bat\s+(?:the\s+)?(?P<v>[\w'’ ]+?)(?=\s+in\b|[,.;]|$)", text, re.IGNORECASE)
        if job and place:
            found.append(Update(subject, "employer", value_of(place.group("v"), "employer")))
        return found
    if attribute == "employer":  # "Who do you work for?" -> "fedex"; not "myself", "I'm a nurse", "long story"
        return [replace(u, subject=subject) for u in _employer_answered(text)]
    if attribute == "favourite":  # "paramore always"
        return favourite_answered(match.group("k").lower(), text)
    if attribute in ("diet", "exercise", "allergy"):  # "no pork", "CrossFit, 4x a week", "Penicillin."
        return wellbeing.answered(attribute, text)
    if attribute == "age":  # "twenty-nine, so not exactly ancient"; "How old is Eilidh?" -> "26."
        return _age_answered(text) if subject == USER else [] if subject in ("he", "she") else \
            _their_age(subject, text)  # "How old is she?": a pet's or a person's, the pronoun cannot tell
    if attribute in ("home", "name"):
        value = value_of(re.sub(r"^(?:(?:they're|they are|he's|she's|we're)\s+)?(?:in|it's|its|i'm)\s+", "", text,
                              flags=re.IGNORECASE), attribute)
        return [Update(subject, attribute, value)] if value and len(value.split()) <= 3 else []
    return []


def _whom(who: str) -> str:
    """Whom the question asks about, as the model keys them: "your sister" -> "sister"; "he", "she", a name."""
    role = re.match(r"your\s+(.+)$", who, re.IGNORECASE)
    return cues.role_word(role.group(1)) if role else \
        who.lower() if who.lower() in ("he", "she") else who


def _trade(text: str) -> re.Match[str] | None:
    """A job the job words do not know, said as the whole answer ("textile conservator at Te Papa", "She's a
    dog groomer."): one to three words, the last a word for someone who does a trade ("-or", "-er", "-ist")."""
    said = _TRADE.match(text)
    words = said.group("v").lower().split() if said else []
    return said if words and not set(words) & (STOPWORDS | _NOT_TRADES) else None


def _employer_answered(text: str) -> list[Update]:
    """The employer a bare answer names: a name as written (a capital, or re-cased from the reply: "fedex" ->
    "FedEx") or a word no everyday English has ("walmart"); not "myself", "a nurse", "long story" nor a place
    ("in Leeds")."""
    stripped = re.sub(r"^(?:i work (?:for|at)|at|for)\s+", "", text, flags=re.IGNORECASE)
    said = _WORD.findall(CUT.sub("", stripped.strip()))
    if not said or len(said) > 3 or {w.lower() for w in said} & _NOT_EMPLOYERS or _WHERE.match(stripped) or \
            re.match(rf"{cues.JOB}\b", stripped, re.IGNORECASE):
        return []
    named = any(w[:1].isupper() or not common_word(w) for w in said)
    return [Update(USER, "employer", value_of(stripped, "employer"))] if named else []


def _age_answered(text: str) -> list[Update]:
    """An age given as the answer to how old the user is ("twenty-nine, so not exactly ancient", "I'm 52")."""
    age = re.match(rf"^(?:i'm\s+|i am\s+|about\s+|just\s+)?(?P<v>{cues.ADULT_AGE})\b(?!\s*(?:[:%]|minutes|mins))",
                   text, re.IGNORECASE)
    return [Update(USER, "age", age.group("v").lower())] if age else []


def _their_age(subject: str, text: str) -> list[Update]:
    """The age of someone else the assistant asked about, a child's too ("4", "she's nine"), not a measure
    ("3 weeks")."""
    age = re.match(rf"^(?:(?:he|she)(?:'s|’s|\s+is)\s+|about\s+|just\s+)?"
                   rf"(?P<v>\d{{1,2}}|{cues.ADULT_AGE}|{cues.NUMBERS})\b"
                   r"(?!\s*(?:[:%.,]\d|min|hour|day|week|month|am\b|pm\b))", text, re.IGNORECASE)
    return [Update(subject, "age", age.group("v").lower())] if age else []

