"""Learning the user model from pages as they are stored: parse (outside the lock), then apply and write.

Each page is read with the page before it (the assistant's question it may answer). The spaCy pipeline is
loaded here on first use, in the background worker, so the server starts as fast as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from ..language.nlp import Sentence, moment, parse
from ..language.text import DAY_OF_MONTH, LOWER, MONTHS, STOPWORDS, UPPER, WEEKDAYS
from ..records import Page, Value
from ..store.protocol import UserModel
from .address import Address
from .apply import apply
from .card import write_card
from .card_facts import Stored, gone
from .cars import cars_by_model, models_named
from .commitments import reply_updates
from .cues import FEMALE_ROLES, HOME_ROLES, HONORIFICS, MALE_ROLES, PARTNER_ROLES, PETS, WORK_ROLES, called
from .details import language_of
from .extract import caseless, page_updates, recase
from .favourites import side_followed
from .hobbies import Hobbies
from .homes import Homes
from .house_rules import house_rules
from .kin import carried, gendered, mention, places_named, spoken_of
from .naming import asks_a_name, unnamed_role
from .people import People
from .pets import Pets
from .plans import answered_when
from .starts import started_on
from .statements import Statement, statements
from .values import USER, Update
from .work import Work

#: Names remembered from the assistant's replies to re-case the user's lower-case messages ("nadia").
MAX_NAMES = 5000
#: Messages after which "he" or "she" no longer stands for the last person named or spoken of (the GP named twenty
#: messages back is not the "she" of "She's 79 now" said of the user's mother).
PRONOUN_PAGES = 6
_FIRST_PERSON = re.compile(r"\bUser(?:'s)?\b")
_TOWN = rf"[{UPPER}][\w'-]+(?:\s+[{UPPER}][\w'-]+)?"
#: The town the reply welcomes the user to ("Welcome to Cape Town!", "welcome to your new corner of Austin").
_WELCOME = re.compile(rf"\b(?i:welcome) to (?:your (?:new )?(?:corner|part|patch|bit) of )?({_TOWN})")
#: The town a district is placed in, after its name ("Leslieville — the east end of Toronto", "Leamington, on the south
#: side of Cambridge").
_PART_OF = rf"\s*[—–,-]\s*(?:on\s+|in\s+)?(?:the|a)\s+(?:[a-z]+\s+){{0,2}}(?:end|side|part|corner|suburb|area|" \
           rf"district|neighbou?rhood)\s+of\s+({_TOWN})"
#: A district named with its town, in either's words ("a 2BHK in Gachibowli, Hyderabad"): the town is the district's
#: when the district is said as the user's home later. Not a list ("in Leeds, York and Hull"), nor "in Leeds, Sarah
#: said".
_IN_TOWN = re.compile(rf"\bin\s+({_TOWN}),\s+({_TOWN})(?=\s*(?:[.!?;:)]|,(?!\s*(?:{_TOWN}\s*)?(?:,|and\b|or\b|&))|$)|"
                      r"\s+(?:with|for|sounds|looks|near|at|from|by|to|on)\b)")
#: A person's name said in full: two or three capitalised words ("Priya Raman", "Chen Boon Huat").
_IN_FULL = re.compile(rf"[{UPPER}](?:[{LOWER}-]|['’][{UPPER}])+(?: [{UPPER}](?:[{LOWER}-]|['’][{UPPER}])+){{1,2}}")
#: Where a full name is said as whose it is: after "my new manager", or after "is", "=" or a comma, or opening the
#: sentence, and before punctuation ("GC is Priya Raman.", "Peter Hollis, our chair"; not "a huge Chris Martin fan").
_NAMING_BEFORE = re.compile(r"(?:\b(?:is|was|called|named)|[=:(]|^|,)\s*$", re.IGNORECASE)
_NAMING_AFTER = re.compile(r"\s*(?:[,.!?;:)]|$)")
_ROLE_BEFORE = re.compile(r"\b(?:my|our)\s+(?:[\w-]+\s+)?[\w-]+\s*$", re.IGNORECASE)
#: Roles of people met through work or care, often named in full before their role is said ("GC is Priya Raman",
#: then "Priya = my boss").
_MET_THROUGH = WORK_ROLES | HOME_ROLES | frozenset("gp doctor physio therapist tutor mentor teammate classmate".split())
#: Relatives share the user's surname and are rarely named in full: a name beginning with theirs is someone else's
#: ("my son Harry is obsessed with Harry Styles").
_RELATIVES = (MALE_ROLES | FEMALE_ROLES | PARTNER_ROLES | frozenset(
    """child children kids parents grandchild grandchildren grandkids cousin in-laws twins stepdad stepmum stepmom
    stepfather stepmother stepson stepdaughter stepbrother stepsister""".split())) - _MET_THROUGH  # not the landlord
#: Words before a place's name ("in Hyderabad", "moved to Leeds"): a town said so is a place, not a name.
_PLACED = re.compile(rf"\b(?:in|near|around|outside|(?:moved|moving|move)\s+to)\s+({_TOWN})")
_PET_WORDS = re.compile(rf"\b(?:{PETS})\b", re.IGNORECASE)
_CAPITALISED = re.compile(rf"(?<=[a-z,;:] )([{UPPER}][{LOWER}]{{2,}})\b")
#: A name of several capitalised words in the assistant's reply, not opening a sentence ("the Vistula Congress Centre",
#: "Marrow & Finch").
_FULL_NAME = re.compile(rf"(?<=[a-z,;:] )(?:[{UPPER}][\w'’&-]+\s+(?:&\s+)?){{1,4}}[{UPPER}][\w'’&-]+")
#: Such a name the user writes as a place of work or one that offers work ("a recruiter from Brightwater Foods", "at
#: Halden Energy", "the Halden Energy offer"), not a thing they use or buy from ("on Google Maps", "from Amazon Fresh").
_ORGANISED = rf"[{UPPER}][\w'’&-]+(?:\s+(?:&\s+)?[{UPPER}][\w'’&-]+){{1,4}}"
_ORGANISATION = re.compile(rf"(?i:(?:\b(?:at|joined|joining|join|(?:recruiter|offer|call|email|letter|interview)\s+"
                           rf"from)|@)\s+)({_ORGANISED})|\bthe\s+({_ORGANISED})\s+(?i:offer|job|role|position)\b")


@dataclass(frozen=True)
class Reading:
    """One page as the learner read it: the user's message re-cased, its sentences and the model updates."""

    page: Page
    question: str
    text: str
    sentences: list[Sentence]
    updates: list[Update]


#: Days after a value ended in which a mention in passing does not begin it again.
ENDED_DAYS = 90


def _key(said: Update | Value) -> tuple[str, str, str]:
    """Whose value of what, as one key whatever the capitals."""
    return said.subject, said.attribute, said.value.lower()


def _lately_ended(until: str | None, day: str) -> bool:
    """A value ended within `ENDED_DAYS` of `day`: a mention in passing does not begin it again ("Last netball game
    ever." ... "I miss netball already"); said again months later, it may ("the physio cleared me, played tennis")."""
    if not until:
        return False
    try:
        return (date.fromisoformat(day) - date.fromisoformat(until[:10])).days < ENDED_DAYS
    except ValueError:
        return False


def _someone_else(update: Update, others: set[str]) -> bool:
    """A name said in passing that belongs to someone in the user's life ("this is Ania, she wants to practise",
    Ania the girlfriend named before): not the user's."""
    return update.subject == USER and update.attribute == "name" and update.weak and update.value.lower() in others


#: Attributes whose value is a place, an organisation, a line of work or of study, never a day or a clock time.
_UNDATED = frozenset("home employer job studies".split())
_DAY_OR_TIME = re.compile(rf"\b(?:{DAY_OF_MONTH}|\d{{1,2}}[:.]\d{{2}})\b", re.IGNORECASE)


def _dated(update: Update) -> bool:
    """A home, employer, job or field of study read from words that are a day or a time ("Ola's birthday, 12
    October", "mock viva at 14:00"): misread, not learnt."""
    return update.attribute in _UNDATED and _DAY_OR_TIME.search(update.value) is not None


def _in_full(update: Update, names: dict[str, str], text: str, own: dict[str, str]) -> Update:
    """An employer or home of several words with the fuller name it was written by before ("Congress Centre" ->
    "Vistula Congress Centre"); an employer said by its common noun ("first day at the council") with the name
    that noun ends ("Wellington City Council"), or by its first word ("day 1 at Halden") with the one name of the
    `own` (the user's words for a place of work or one offering work) it begins ("Halden Energy"; not the
    assistant's "the Halden Hiring Team", nor the user's "on Google Maps"), unless said with where it is ("LMU, in
    Martinsried")."""
    if update.subject != USER or update.attribute not in ("employer", "home"):
        return update
    head = update.value.lower() + " "
    begun = {name for low, name in own.items() if low.startswith(head)}
    if update.attribute == "employer" and " " not in update.value and not update.detail and len(begun) == 1:
        return replace(update, value=begun.pop())
    if len(update.value.split()) < 2 and not (update.attribute == "employer" and _common(update.value, text)):
        return update
    tail = " " + update.value.lower()
    fuller = [name for low, name in names.items() if low.endswith(tail)]
    return replace(update, value=max(fuller, key=len)) if fuller else update


def _common(word: str, text: str) -> bool:
    """The user wrote `word` as a common noun ("the council"), not a name."""
    return bool(re.search(rf"\bthe\s+{re.escape(word.lower())}\b", text))


def _naming(text: str, name: str) -> bool:
    """Whether `name` is said in `text` as whose it is ("GC is Priya Raman", "Hamid, my deputy, Hamid Siddiqui", "my
    new manager Gwen Pritchard")."""
    at = text.find(name)
    return at >= 0 and (bool(_ROLE_BEFORE.search(text[:at])) or bool(_NAMING_BEFORE.search(text[:at]))
                        and bool(_NAMING_AFTER.match(text, at + len(name))))


def _with_town(update: Update, reply: str, text: str, towns: dict[str, str]) -> Update:
    """A new home named by its district ("we're in Acomb now") with the town the reply welcomes them to or places
    it in, or that either placed it in before (`towns`, by the district's lower case); the town itself when the
    user's message named it and not the place read ("MOVED!!! yarraville gang" -> "welcome to Yarraville!", after a
    "vic" said before); not a place of work ("my new job at Deloitte" -> "Welcome to Deloitte!"), nor a day
    ("Welcome to Monday!")."""
    if update.subject != USER or update.attribute != "home":
        return update
    town = _WELCOME.search(reply) or re.search(re.escape(update.value) + _PART_OF, reply)
    if town is None and update.value.lower() in towns:
        return replace(update, value=f"{update.value}, {towns[update.value.lower()]}")
    if town is None or town.group(1).lower() in update.value.lower() or town.group(1).lower() in {*WEEKDAYS, *MONTHS}:
        return update
    said = re.search(rf"(?:\b(?P<at>at|for|with|join|joined|joining)\s+)?\b{re.escape(town.group(1))}\b", text,
                     re.IGNORECASE)
    if said is not None and (said.group("at") or update.value.lower() not in text.lower()):
        return update if said.group("at") else replace(update, value=town.group(1))
    return replace(update, value=f"{update.value}, {town.group(1)}")


class ModelLearner:
    """Reads pages into user-model updates and writes them, with the card, into the store."""

    def __init__(self, model: UserModel) -> None:
        self.model = model
        #: The card's lines from the statement facts, for the values (card_facts.py); set by the engine.
        self.notes: Callable[[list[Value]], list[str]] | None = None
        #: Embeds what `notes` will read of these stored facts, before the write that writes the card; set too.
        self.warm: Callable[[list[Stored]], None] | None = None
        self.forget()

    def forget(self) -> None:
        """Drop what was gathered in memory over the conversation (names, the people ledger's evidence, homes
        viewed...), as a restart does: pages are being deleted, and what they showed must not come back on the
        card with the next message."""
        self._names: set[str] = set()
        self._full_names: dict[str, str] = {}  #: names of several words written in the chat, by their lower case
        self._own_names: dict[str, str] = {}  #: those the user wrote as a place of work
        self._towns: dict[str, str] = {}  #: the town each district named with one is in, by the district's lower case
        self._places: set[str] = set()  #: the names said as places ("in Hyderabad"), lower case
        self._models: set[str] = set()  #: car models named after their maker ("Vauxhall Vivaro": Vivaro)
        self._in_full: dict[str, set[str]] = {}  #: people's names said in full, by their first name's lower case
        self._full_told: set[str] = set()  #: the first names whose full name is told to the model
        self._people: set[str] = set()
        self._last_person: list[str] = []
        self._unnamed_for = 0  #: messages since anyone last named was named or spoken of
        self._homes = Homes()
        self._hobbies = Hobbies()
        self._work = Work()
        self._language = ""  #: the language last said to be learnt: what a course is in
        self._ledger = People()
        self._address = Address()
        self._pets = Pets()

    def read(self, pages: list[Page], previous: Page | None) -> list[Reading]:
        """Parse a run of consecutive pages (CPU work, no store access) into their updates."""
        questions = [previous.agent_response if previous else ""] + [p.agent_response for p in pages[:-1]]
        topics = [previous.user_input if previous else ""] + [p.user_input for p in pages[:-1]]
        for page in pages:
            self._names.update(w for w in _CAPITALISED.findall(page.agent_response) if w.lower() not in STOPWORDS)
            written = f"{page.agent_response}\n{page.user_input}"
            self._full_names.update((n.lower(), n) for n in _FULL_NAME.findall(written))
            self._own_names.update((n.lower(), n) for pair in _ORGANISATION.findall(page.user_input) for n in pair if n)
            self._models |= models_named(written)
            placed = re.findall(f"({_TOWN}){_PART_OF}", written)
            self._towns.update((district.lower(), town) for district, town in [*_IN_TOWN.findall(written), *placed]
                               if not {district.lower(), town.lower()} & {*WEEKDAYS, *MONTHS})
            self._places.update(place.lower() for place in [*_PLACED.findall(written), *(t for _d, t in placed)])
        for names in (self._names, self._people, self._full_names, self._own_names, self._towns, self._in_full,
                      self._places, self._models):
            if len(names) > MAX_NAMES:
                names.clear()
        texts = []
        for page, question in zip(pages, questions, strict=True):
            people = self._ledger.observe(page.id, page.user_input, page.agent_response)
            self._people |= people
            texts.append(recase(page.user_input, [page.agent_response, question], self._names | people))
        readings = []
        for page, question, topic, text, sentences in zip(pages, questions, topics, texts, parse(texts), strict=True):
            # not a place the tagger took for a person ("a restaurant in Valencia"): no one "he" may stand for later
            persons = {called(e.text) for s in sentences for places in [places_named([t.text for t in s.tokens])]
                       for e in s.entities if e.label == "PERSON" and e.text.split()[0] not in places}
            self._people.update(p for p in persons if p[:1].isupper())
            in_full = {e.text for s in sentences for e in s.entities if e.label == "PERSON"
                       and _IN_FULL.fullmatch(e.text) and e.text.split()[0].lower() not in HONORIFICS
                       and not _PET_WORDS.search(e.text) and _naming(s.text, e.text)}  # not "Jack Russell"
            for name in in_full:
                self._in_full.setdefault(name.split()[0].lower(), set()).add(name)
            # "he" or "she" in a later message is only someone whose role says which, named in the last few
            self._last_person[:] = carried(self._last_person, self._ledger.roles) \
                if self._unnamed_for < PRONOUN_PAGES else []
            if asks_a_name(question) and (role := unnamed_role(topic)):  # "a kid who ..." -> "What's her name?"
                mention(self._last_person, role, role)
            before = list(self._last_person)
            updates = page_updates(sentences, question, page.timestamp, caseless(page.user_input),
                                   frozenset(self._people), self._last_person, page.agent_response)
            self._unnamed_for = 0 if self._last_person != before or spoken_of(self._last_person, text) \
                else self._unnamed_for + 1
            gendered(self._last_person, text, persons)
            when = moment(page.timestamp)
            updates += answered_when(sentences, question, topic, when) if when is not None else []
            roles = [u for u in updates if u.attribute == "role" and u.subject[:1].isupper()]
            updates += self._ledger.relate(page.id, text, page.agent_response, self._people, roles)
            updates += self._pets.read(text, question, updates, self._ledger.roles)
            self._people.update(u.subject for u in updates if u.attribute == "role")
            updates = self._homes.read(sentences, updates, page.agent_response)
            updates = self._work.read(sentences, updates, page.timestamp[:10], page.agent_response)
            updates = started_on(updates, text, page.timestamp)
            towns = self._placed_towns() if any(u.subject == USER and u.attribute == "home" for u in updates) else {}
            updates = [side_followed(_with_town(_in_full(u, self._full_names, page.user_input, self._own_names),
                                                page.agent_response, page.user_input, towns), text, page.agent_response)
                       for u in updates]
            ended = frozenset(w for u in updates if u.subject == USER and u.change == "end" and not u.attribute
                              for w in u.value.lower().split())
            updates = self._in_language(sentences, updates) + self._hobbies.read(sentences, page.timestamp[:10], ended)
            updates += house_rules(text) + cars_by_model(text, self._models)
            others = set(self._ledger.roles) | {u.subject.lower() for u in updates if u.attribute == "role"}
            updates = [u for u in updates if not _someone_else(u, others) and not _dated(u)]
            updates += self._address.read(page.user_input, page.agent_response, others)
            updates += reply_updates(page.agent_response, page.timestamp, page.user_input)
            updates += self._full_names_of(updates, in_full)
            readings.append(Reading(page, question, text, sentences, updates))
        return readings

    def _placed_towns(self) -> dict[str, str]:
        """The districts' towns that are said as places and are no one's name ("in Leeds, Sarah!")."""
        people = {p.lower() for p in self._people}
        return {district: town for district, town in self._towns.items()
                if town.lower() in self._places and town.lower() not in people}

    def _full_names_of(self, updates: list[Update], said_here: set[str]) -> list[Update]:
        """The full name of someone in the user's life said by their first name, once, but for a relative's: said on
        the page that tells who they are ("Hamid, my deputy, Hamid Siddiqui"), or before, of one met through work or
        care ("GC is Priya Raman", then "Priya = my boss")."""
        told_here = {u.subject.lower() for u in updates if u.attribute == "role"}
        roles = {**self._ledger.roles, **{u.subject.lower(): u.value for u in updates if u.attribute == "role"}}
        found = []
        for first in sorted(roles.keys() & self._in_full.keys() - self._full_told):  # said here: in _in_full too
            here = [name for name in said_here if name.split()[0].lower() == first]
            known = self._in_full[first]
            relation = roles[first].split("'s ")[-1]
            full = "" if relation in _RELATIVES else here[0] if first in told_here and len(here) == 1 else \
                next(iter(known)) if relation in _MET_THROUGH and len(known) == 1 else ""
            if full:
                found.append(Update(full.split()[0], "fullname", full))
                self._full_told.add(first)
        return found

    def _in_language(self, sentences: list[Sentence], updates: list[Update]) -> list[Update]:
        """A course of the user's with the language it teaches, said in the message or with an earlier course."""
        self._language = next((found for s in sentences for found in [language_of(s.tokens)] if found),
                              self._language)
        return [replace(u, detail=self._language) if u.attribute == "course" and u.subject == USER and not u.detail
                else u for u in updates]

    def write(self, found: list[tuple[Page, list[Update]]], claimed: set[int]) -> int:
        """Apply the claimed pages' updates in page order; returns how many statement facts became history."""
        current = self.model.values(current_only=True)
        weak = any(u.weak for page, updates in found if page.id in claimed for u in updates)
        ended = {_key(v): v.valid_to or "" for v in self.model.values() if v.status == "past"} if weak else {}
        superseded = 0
        for page, updates in found:
            if page.id not in claimed:
                continue
            day = page.timestamp[:10]
            changes = apply(current, [u for u in updates if not (u.weak and _lately_ended(ended.get(_key(u)), day))],
                            day)
            superseded += self.model.write(changes, page.id, page.timestamp)
            ended |= {_key(v): day for v in current if v.status == "past"}
            current = [v for v in current if v.current]
        return superseded

    def restate(self, fact: str, page: Page) -> None:
        """The user's own wording of a fact ("User lives in Porto"), read as if said on `page`."""
        said = _FIRST_PERSON.sub(lambda m: "My" if m.group(0).endswith("'s") else "I", fact)
        [sentences] = parse([said])
        updates = page_updates(sentences, "", page.timestamp, caseless(said), frozenset(self._people))
        self.write([(page, updates)], {page.id})

    def statements(self) -> list[Statement]:
        """The current values said as facts, with the questions they answer (for retrieval)."""
        return statements(self.model.values())

    def gone(self) -> list[str]:
        """What the model holds as no longer so (card_facts.gone): the statement facts naming it are not shown."""
        return gone(self.model.values())

    def card(self, day: str = "") -> tuple[str, str]:
        """The card as the model stands on `day` (YYYY-MM-DD), or on the day of the latest page when that is later,
        with the day it is written for ("" for both when no page is stored)."""
        latest = self.model.latest_day()
        if not latest:
            return "", ""
        values, on = self.model.values(), max(latest, day)
        return write_card(values, on, self.notes(values) if self.notes else []), on
