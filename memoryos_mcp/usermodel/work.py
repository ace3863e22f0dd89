"""The user's work read over several messages: a job looked at in an advert, an interview or an offer ("saw a job
advert. diabetes specialist nurse at a clinic in york") becomes their job when they move to a new employer
without naming the job again, closing the old title; and working hours said with their work ("8:30 to 4:30
mon-fri. no more nights", "7:30pm to 8am" on nights) are one value, a newer one closing the older.
"""

from __future__ import annotations

import re
from datetime import date

from ..language.nlp import Sentence, Token, parse, split
from . import cues
from .identity import BE
from .job_words import is_job, job_phrase
from .tree import object_of, phrase_of, subject_of, tag_of
from .values import USER, Update
from .voice import token_at

#: Words that say a job is being looked at, not held.
_PROSPECT = re.compile(r"\b(?:advert|advertisement|advertised|ad|vacancy|vacancies|opening|posting|interview|"
                       r"interviewing|applied|applying|application|shortlisted|offer(?:ed)?)\b", re.IGNORECASE)
#: A job, with the department a title is written with after a dash ("Assistant Manager - Finance").
_JOB = re.compile(rf"\b(?P<v>{cues.JOB}(?:\s+[-–]\s+(?-i:[A-Z])[a-z]+)?)\b", re.IGNORECASE)
#: The words of a title in capitals before an "and" inside it ("People and" of "People and Culture Manager").
_JOINED = re.compile(r"(?<![\w-])(?-i:[A-Z][a-z]+)\s+(?:and|&)\s+$")
#: Nouns a job title is said before ("a finance administrator position").
_POSITIONS = frozenset("job position role post vacancy opening".split())
#: Words before a job that make it someone else's ("he's a chef", "Piotr is a chef").
_THEIRS = re.compile(r"(?:\b(?:he|she|they)(?:['’]s|['’]re|\s+is|\s+are)|\b(?-i:[A-Z])\w+(?:['’]s|\s+is))\b[^.!?;,]*$",
                     re.IGNORECASE)
#: Words before a job that make it someone met on the way ("with the hiring manager", "an email to the recruiter", "I
#: met the general manager").
_MET = re.compile(r"\b(?:with|to|from|by|met|meet|meeting)\s+(?:the|a|an|my|our|their|your)\s+$", re.IGNORECASE)
#: Words that say the job looked at is not to be: it explains no later move.
_NOT_GOT = re.compile(r"\b(?:didn['’]?t get|did not get|didn['’]?t make it|not getting|rejected|rejection|"
                      r"turned (?:me |it )?down|unsuccessful|no luck|withdrew|pulled out)\b", re.IGNORECASE)
#: The user saying they got the job looked at ("I GOT IT", "got it!!").
_GOT_IT = re.compile(r"^\W*(?:i\s+)?got\s+it\b(?!\s+(?:wrong|done|fixed|back|sorted|working|from|off|in|on|to))",
                     re.IGNORECASE | re.MULTILINE)
#: Words that name a job got, beside "I got it".
_A_JOB = re.compile(r"\b(?:job|offer|position|role|post)\b", re.IGNORECASE)
_OFFERED = re.compile(r"\boffer(?:ed|s)?\b", re.IGNORECASE)
#: An offer the user turns down ("offered me associate on the spot. Too late", "I said no"): it does not replace the
#: job looked at.
_DECLINED = re.compile(r"\b(?:too late|said no|say no|declined|no thanks|turned (?:him|her|them) down|not taking it)\b",
                       re.IGNORECASE)
#: Verbs that say something of a person met in a job search ("manager is called gill", "the recruiter rang"),
#: whose subject is that person, not the job looked at (a fragment's "diabetes specialist nurse at a clinic" may
#: parse as the subject of "diabetes"); "be" says so with an adjective ("the manager was lovely"), not with a noun
#: ("data analyst was the title").
_SAID_OF_SOMEONE = frozenset("called named said says asked rang rings phoned emailed showed told offered calls".split())
_IS = frozenset("is was 's seems seemed".split())
#: Words before a job up to the last pronoun, no part of its title ("he offered me associate": associate; "IT
#: manager" keeps its IT).
_PERSON_BEFORE = re.compile(r"^(?:[\w-]+\s+)*(?:(?i:he|she|i|me|we|us|they|them|him|her|you)|it|It)\s+")
#: A reply sentence that congratulates: parsed for the job it congratulates the user on.
_CONGRATULATES = re.compile(r"\bcongrat(?:ulation)?s\b", re.IGNORECASE)
#: Longest a prospect waits for the move it explains, in days.
PROSPECT_DAYS = 120
#: A clock range: "8:30 to 4:30", "7:30pm to 8am" (a side with minutes or am/pm: "19-26" is days), with the days.
_CLOCK = r"\d{1,2}(?::\d{2}(?:\s*(?:am|pm))?|\s*(?:am|pm))"
_SIDE = r"\d{1,2}(?::\d{2})?(?:\s*(?:am|pm))?"
_DAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*"
_TO = r"\s*(?:to|-|–|till|until)\s*"
_HOURS = re.compile(rf"\b(?P<v>(?:{_CLOCK}{_TO}{_SIDE}|{_SIDE}{_TO}{_CLOCK})(?:,?\s+{_DAY}\s*(?:-|–|to)\s*{_DAY})?)\b",
                    re.IGNORECASE)
#: A message about the user's own work: shifts, nights, a start date, their hours.
_AT_WORK = re.compile(r"\b(?:shifts?|nights|offered me the (?:[\w-]+ ){0,3}?job|rota|start date|my hours|"
                      r"working hours|hours are|on call|i work|"
                      r"work(?:ing)? (?:from|until|till)|mon-fri|monday to friday|weekdays|day job|office hours)\b",
                      re.IGNORECASE)


class Work:
    """The job last looked at (and when), to become the job when the employer changes."""

    def __init__(self) -> None:
        self._prospect: tuple[str, str] | None = None  #: (job, day it was looked at)

    def read(self, sentences: list[Sentence], updates: list[Update], day: str, reply: str = "") -> list[Update]:
        """The page's updates with the job a new employer brings, or the `reply` congratulates the user on, and
        the working hours the page says."""
        text = " ".join(s.text for s in sentences)
        # one line a sentence: a job is not read across two ("interview done" / "tech task was ...")
        stated = "\n".join(s.text for s in sentences if not s.request and not s.text.rstrip().endswith("?"))
        # a job said in passing ("as contractor I have no dental insurance") keeps the job looked at
        mine = {u.attribute for u in updates if u.subject == USER and u.change != "end" and not u.weak}
        found = list(updates)
        congratulated = "" if "job" in mine else _congratulated(reply)
        if congratulated:
            found.append(Update(USER, "job", congratulated))
            self._prospect = None
        elif "job" in mine:
            self._prospect = None
        elif self._prospect is not None and ("employer" in mine or _got_it(text, self._prospect[0])):
            job, since = self._prospect  # "I GOT IT\njunior automation tester": the job looked at, same employer
            if _days(since, day) <= PROSPECT_DAYS:
                found.append(Update(USER, "job", job))
            self._prospect = None
        elif _NOT_GOT.search(text):
            self._prospect = None
        elif _PROSPECT.search(stated) and not (_DECLINED.search(text) and _OFFERED.search(text)):  # "Offer has come.
            # Assistant Manager - Finance. Please help me with ..."; not "He offered me associate. Too late, buddy.":
            # the offer taken stands
            looked_at = _looked_at(sentences, stated)
            if looked_at:
                self._prospect = (looked_at, day)
        if "employer" not in mine and any(u.subject == USER and u.attribute == "employer" and u.change == "end"
                                          for u in updates):
            found += [Update(USER, "employer", name) for name in _now_at(sentences)][:1]
        hours = _HOURS.search(text) if _AT_WORK.search(text) else None
        return found + ([Update(USER, "hours", " ".join(hours.group("v").split()))] if hours else [])


def _got_it(text: str, job: str) -> bool:
    """The user says they got the job looked at, naming it or a job ("I GOT IT junior automation tester"; not "Got
    it, thanks!")."""
    return _GOT_IT.search(text) is not None and (job.lower() in text.lower() or _A_JOB.search(text) is not None)


def _now_at(sentences: list[Sentence]) -> list[str]:
    """Where the user says they are now, on a page that ends their job ("The resignation letter I gave in March.
    Now I am at Saigon Pearl Bank"): the organisation they work at; said alone, "I'm at Tesco now" is a shop."""
    found = []
    for sentence in sentences:
        tokens = sentence.tokens
        for n, token in enumerate(tokens):
            subject = subject_of(tokens, n) if token.lower in BE else None
            if subject is not None and tokens[subject].lower == "i" and \
                    any(t.head == n and t.lower == "now" for t in tokens):
                org = object_of(tokens, n, ("at", "with"))
                found += [phrase_of(tokens, org)] if org is not None and tag_of(tokens, org) == "ORG" else []
    return found


def _looked_at(sentences: list[Sentence], stated: str) -> str:
    """The job a prospect is for: the title said before "job" or "position" ("an interview for an events
    coordinator job"), whatever its words, else the first job word not said of someone else ("he's a chef")."""
    for sentence in sentences:
        tokens = sentence.tokens
        for n, token in enumerate(tokens):
            if token.lower in _POSITIONS and not sentence.request:
                if n > 0 and tokens[n - 1].head == n and tokens[n - 1].dep == "compound":
                    return job_phrase(tokens, n - 1)
    for match in _JOB.finditer(stated):
        if not _THEIRS.search(stated[: match.end()]) and not _MET.search(stated[: match.start()]) and \
                not _modifies(sentences, match.group("v")):
            joined = _JOINED.search(stated, 0, match.start()) if match.group("v").istitle() else None
            job = (joined.group(0) if joined else "") + match.group("v")  # "People and Culture Manager"
            return re.sub(r"^(?:an?|the|for)\s+", "", _PERSON_BEFORE.sub("", job).lower())
    return ""


def _modifies(sentences: list[Sentence], job: str) -> bool:
    """The job word only qualifies another noun ("her student reference", "the teacher training day") or is
    someone in the search, what a clause says is of them ("the recruiter calls me", "manager is called gill, she
    was lovely"): no job looked at."""
    for sentence in sentences:
        at = sentence.text.find(job)
        n = token_at(sentence.tokens, at + len(job) - 1) if at >= 0 and sentence.tokens else None
        if n is not None:
            tokens = sentence.tokens
            token, head = tokens[n], tokens[tokens[n].head]
            described = head.lower in _IS and any(t.head == token.head and t.dep == "acomp" for t in tokens)
            return token.dep == "compound" and head.pos == "NOUN" or \
                token.dep in ("nsubj", "nsubjpass") and (head.lower in _SAID_OF_SOMEONE or described)
    return False


def _congratulated(reply: str) -> str:
    """The job the assistant congratulates the user on ("Congratulations on the depot manager role at Brightway,
    Trevor!", "Congrats on your new job as a ward sister"): theirs now; not someone else's ("Congratulations to
    Megan on her place")."""
    told = [s for s in split(reply) if _CONGRATULATES.search(s)]
    for sentence in (s for ss in (parse(told) if told else []) for s in ss):
        tokens = sentence.tokens
        for n, token in enumerate(tokens):
            if token.lower.startswith("congrat") and object_of(tokens, n, ("to",)) is None:
                position = object_of(tokens, n, ("on",))
                if position is not None and tokens[position].lower in _POSITIONS and _yours(tokens, position):
                    return _title(tokens, position, n)
    return ""


def _yours(tokens: tuple[Token, ...], noun: int) -> bool:
    return all(t.lower == "your" for t in tokens if t.head == noun and t.dep == "poss")


def _title(tokens: tuple[Token, ...], position: int, congratulations: int) -> str:
    """The title before the position ("the depot manager role") or after "as" ("your new job as a ward sister")."""
    if position and tokens[position - 1].head == position and tokens[position - 1].dep == "compound" and \
            is_job(tokens, position - 1):
        return job_phrase(tokens, position - 1)
    job = object_of(tokens, position, ("as",))
    job = object_of(tokens, congratulations, ("as",)) if job is None else job
    return job_phrase(tokens, job) if job is not None and is_job(tokens, job) else ""


def _days(since: str, day: str) -> int:
    try:
        return (date.fromisoformat(day) - date.fromisoformat(since)).days
    except ValueError:
        return PROSPECT_DAYS + 1
