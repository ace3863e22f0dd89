"""Who the user is, read from the dependency parse: name, home, employer and job, in whatever words they are said
(the people and pets in their life by name: naming.py; the ways a home is said: whereabouts.py; the user's own
name: own_name.py).

A value is taken only where the parse says the user is the subject ("I", "we" for a home, "my"/"our", or a
sentence whose subject is dropped: "started at Safaricom") of a verb or noun that says what the value is ("I'm
Kip", "call me Kip", "based in Eldoret", "we moved to Nakuru", "I teach at Moi Girls"), and
the value is the kind of thing the attribute holds: a name is a proper noun no entity tag calls a place, a
people, a date or a number; a home is a place; an employer an organisation. A wrong "Who they are" line is
worse than a missing one, so anything else is left to the rules (cues.py) or out.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..language.nlp import Sentence, Token, common_word
from . import cues
from .doings import GREW_UP, origin
from .job_words import is_job, job_phrase
from .naming import people_named
from .own_name import CALL, addressed, introduced, my_name_is, name_said, named_as, presented, said_again_in_full
from .tree import (
    capitalised,
    child,
    is_organisation,
    object_of,
    opens,
    owned,
    phrase_of,
    subject_of,
    tag_of,
    taken,
)
from .values import USER, Update
from .voice import unreal
from .whereabouts import (
    GENERIC_PLACES,
    HOMES,
    PLACED,
    POINTERS,
    based,
    called_home,
    home,
    home_named,
    home_word,
    moved_to_named,
    pointed,
    resident,
    since,
    stayed,
    swapped,
    valued,
)

#: Verbs of a job said by what is done, for whom ("I drive for Hollis Transport", "I clean for Sparkle").
_DONE_FOR = frozenset(("drive", "drives", "driving", "clean", "cleans", "cleaning", "nanny", "deliver", "delivers",
                       "delivering", "code", "coding", "cook", "cooking", "design", "designing", "freelance",
                       "freelancing", "consult", "consulting", "contract", "contracting"))
#: Verbs saying where the subject works, with the prepositions that name the employer.
WORK_VERBS = {"work": ("at", "for"), "works": ("at", "for"), "working": ("at", "for"), "teach": ("at",),
              "teaching": ("at",), "tutor": ("for", "at"), "tutoring": ("for", "at"), "started": ("at", "with"),
              "start": ("at", "with"), "starting": ("at", "with"), "joined": (), "joining": (),
              "employed": ("by", "at"), "hired": ("by", "at"), **{verb: ("for",) for verb in _DONE_FOR}}
#: Nouns naming the user's employer beside it ("my employer, Kessler Hydraulik, pays ...", "my company is Arup").
EMPLOYER_NOUNS = frozenset("employer company firm workplace".split())
#: Nouns of work done at the employer ("the shift in TeleVista was toxic"): an organisation after them is it.
SHIFTS = frozenset({"shift", "shifts"})
#: Words after "work at" that name no employer, however written ("i work at night", "at home", "at weekends").
NOT_WORKPLACES = frozenset("night nights weekend weekends home work present moment times height".split())
#: Nouns of a qualification studied for ("my accounting degree at miami dade college", "my MSc in ecology").
DEGREES = frozenset("degree diploma master masters msc bsc ba ma mba phd doctorate".split())
#: Degrees whose name in lower case is a mother ("my ma at the Mater"): a degree only in capitals.
MOTHERS = frozenset({"ma"})
#: Verbs ending a job ("I left Kenya Power", "quit Tessela").
LEAVE_VERBS = frozenset({"left", "quit", "resigned"})
#: Nouns for a position ("first day at Ouse Bank", "my new job at Halden").
JOB_NOUNS = frozenset("job position role post contract internship placement day week".split())
#: Verbs whose object is such a position the user now has ("got the job at", "landed a role with").
TAKE_VERBS = frozenset("got landed accepted took started start starting began have has".split())
#: Words for a home not lived in now ("our dream house", "our next flat", "the holiday cottage").
_NOT_LIVED_IN = frozenset("dream next future holiday ideal old first last summer weekend second".split())
#: An offer turned down, said after it ("offered me the job but I said no").
_REFUSED = re.compile(r"(?<!\bnot going to )(?<!\bnever )(?<!n't )\b(?:said no|say no|turned (?:it |them )?down|"
                      r"declined|refused|rejected|not taking|won't take|didn't take|passed on it)\b", re.IGNORECASE)
#: Verbs whose giver offers the position to the user ("they offered me the job at Harbour Light").
OFFER_VERBS = frozenset("offered offer gave given".split())
#: What a name joined is, said beside it, when it is no employer.
_CLUBS = frozenset("club team choir group society league band orchestra crew squad association".split())
#: The last word of a name that makes it a club one joins as a member ("Aireville Park Bowling Club").
_CLUB_NAMES = frozenset("club choir society league orchestra squad fitness gym".split())
#: Verbs whose "as" phrase is the job ("work as a nurse", "joined Safaricom as a data analyst").
AS_VERBS = frozenset("work works working employed hired joined joining started start starting began".split())
#: A word that adds a value to the one held ("I am now their accountant too"): it replaces nothing.
ADDED = frozenset({"too"})
#: A number said beside the user's name is their age within these bounds ("I'm Jaylen, 20").
_AGES = (5, 110)
#: A grade said after a job title ("Quality Engineer II", "Data Engineer III"): the title is no name.
_GRADE = re.compile(r"^(?:I{1,3}|IV|V|[1-5])$")
#: The first person's forms of "be".
BE = frozenset({"'m", "am", "m"})


def identity_updates(sentence: Sentence, reply: str, asking: bool = False) -> list[Update]:
    """What one parsed sentence of the user's says of who they are and who is in their life (a sentence
    opening with its verb has dropped its subject, the user: "started at Safaricom today"). `reply` is the
    assistant's answer: a name said in passing ("I'm Kip") counts when it calls the user so ("Hi Kip!").
    Chat is often written in lower case: a word the tagger calls a proper noun is one, whatever its case.
    A sentence `asking` something says only who people are ("My wife Thao asks: ..."), never the user's
    own values ("Can I work at Google?"), except the name it asks to be called by ("Please call me Kip"). A full
    name the reply calls the user by is no longer said in passing: it replaces the name known (a new surname)."""
    tokens = capitalised(sentence.tokens)
    found = _updates(tokens)
    said = presented("".join(t.text + t.space for t in tokens), sentence.entities)  # "hey, it's Marco": also asking
    found += said if not any(u.attribute in ("name", "surname") for u in found) else []
    found += my_name_is(sentence.text, found)
    found += said_again_in_full(sentence.text, found)
    full = " ".join(u.value for u in found if u.attribute in ("name", "surname"))
    titled = any(u.attribute == "surname" and u.detail for u in found)  # "I'm Mrs Halloran now"
    if (" " in full or titled) and addressed(full, reply):  # "I am Hilary Fourie" -> "Congratulations, Hilary Fourie!"
        found = [replace(u, weak=False) if u.attribute in ("name", "surname") else u for u in found]
    kept = any(u.attribute == "name" and u.weak and addressed(u.value, reply) for u in found)
    found = [u for u in found if not u.weak or addressed(u.value, reply) or u.attribute == "surname" and kept
             or u.attribute == "role"]  # a role said in passing is kept, as one that replaces none (apply.py)
    if not any(u.attribute == "home" for u in found):
        found += moved_to_named(tokens, reply)
    if any(t.lower in ADDED and tokens[t.head].pos not in ("ADJ", "ADV", "DET") for t in tokens):  # not "too far"
        found = [replace(u, weak=True) if u.attribute in ("job", "employer") else u for u in found]
    if not asking:
        return found
    named = any(t.lower in CALL and t.pos == "VERB" for t in tokens)  # "Please call me Kip": a request that names
    presenting = {u.value for u in said}
    return [u for u in found if u.attribute == "role" or (named or u.value in presenting) and u.attribute in (
        "name", "surname")] + _pointing(tokens) + _described(tokens)


def _described(tokens: tuple[Token, ...]) -> list[Update]:
    """Where the user lives, said as who they are inside a request ("As someone living in Lagos, what inverter
    should I buy?", "I'm Manchester based, can you find ...")."""
    return [u for n, t in enumerate(tokens) for u in (resident(tokens, n) if t.lower == "living" else
                                                       based(tokens, n) if t.lower == "based" else [])]


def _pointing(tokens: tuple[Token, ...]) -> list[Update]:
    """A home or an employer stated inside a request by pointing at a name in it ("a day trip from tucson ... i live
    here", "an email to hr at lakeview memorial, thats where i work"); not asked ("where do I live?")."""
    found = []
    for verb, token in enumerate(tokens):
        subject = subject_of(tokens, verb)
        said = [t for t in tokens if t.head == verb]
        if subject is not None and tokens[subject].lower == "i" and any(t.lower in POINTERS for t in said) and \
                not any(t.dep == "aux" for t in said) and not unreal(tokens, verb):
            found += home(tokens, verb) + (_work(tokens, verb) if token.lower in ("work", "works") else [])
    return found


def _updates(tokens: tuple[Token, ...]) -> list[Update]:
    found: list[Update] = []
    for i, token in enumerate(tokens):
        if token.pos in ("VERB", "AUX"):
            found += _about_user(tokens, i)
        found += introduced(tokens, i)
        found += people_named(tokens, i)
        found += home_word(tokens, i)
        if token.lower in HOMES and (owned(tokens, i) or taken(tokens, i) or _the_new(tokens, i)) and \
                not any(t.head == i and t.dep == "compound" and t.lower in cues.ROLE_SET for t in tokens):
            # "our flat in", "found a studio in", "everything's in the new house in Leamington"; not "my mom house in
            # Macon" (chat's "my mom's house")
            found += home_named(tokens, object_of(tokens, i, ("in",)) or _home_said_as(tokens, i))
        if token.pos == "NOUN" and _fragment(tokens, i) and is_job(tokens, i):  # "nurse at St James's."
            found += _job_at(tokens, i, needs_employer=True)
        if token.lower in EMPLOYER_NOUNS and owned(tokens, i):  # "my employer, Kessler Hydraulik", "my firm is X"
            found += valued(tokens, _said_as(tokens, i), "employer")
        if token.lower in SHIFTS and (owned(tokens, i) or child(tokens, i, "poss") is None):  # not "her shift"
            org = object_of(tokens, i, ("at", "in"))
            named = org is not None and tag_of(tokens, org) == "ORG" and child(tokens, org, "poss") is None
            found += valued(tokens, org, "employer") if named else []  # not "a shift in Google's hiring"
        if token.lower in DEGREES and owned(tokens, i) and (token.lower not in MOTHERS or token.text.isupper()):
            found += _studies(tokens, i)
        if token.lower in JOB_NOUNS and _holds(tokens, i):  # "first day at Ouse Bank", "day one as a postdoc"
            found += valued(tokens, object_of(tokens, i, ("at", "with")) or _offered_by(tokens, i), "employer")
            job = object_of(tokens, i, ("as",)) or _title_before(tokens, i)
            found += [Update(USER, "job", job_phrase(tokens, job))] if job is not None and is_job(tokens, job) else []
    others = {u.subject for u in found if u.attribute == "role"}  # "hi, this is Bella, our new puppy": not the user
    return [u for u in found if not (u.subject == USER and u.attribute == "name" and u.value in others)]


def _about_user(tokens: tuple[Token, ...], verb: int) -> list[Update]:
    """Name, home, employer and job said with the user as the subject of `verb`."""
    if unreal(tokens, verb):
        return []
    word = tokens[verb].lower
    subject = subject_of(tokens, verb)
    if subject is None and not opens(tokens, verb):  # "lol forget austin, been in denver 3 wks now"
        return home(tokens, verb) if since(tokens, verb) else stayed(tokens, verb) + resident(tokens, verb)
    who = tokens[subject].lower if subject is not None else "i"
    if subject is not None and who == "name" and word in ("is", "'s") and (subject == 0 or owned(tokens, subject)):
        return named_as(tokens, subject, child(tokens, verb, "attr"))
    if who not in ("i", "we"):
        return called_home(tokens, verb)
    found = home(tokens, verb) + swapped(tokens, verb) + stayed(tokens, verb)
    now = any(t.head == verb and t.lower == "now" for t in tokens)
    if tokens[verb].lower in BE | {"'re", "are"} and now:  # "we're in Acomb now"
        found += valued(tokens, object_of(tokens, verb, ("in",)), "home")
    if who == "i":
        found += (_copula(tokens, verb) if word in BE else []) + _work(tokens, verb)
        found += origin(tokens, verb, USER) if word in BE | GREW_UP else []  # "I'm from Dayton", "grew up in Kumasi"
    return found


def _said_as(tokens: tuple[Token, ...], noun: int) -> int | None:
    """What a noun is said to be, beside it or by "is" ("my employer, Kessler Hydraulik,", "my company is Arup")."""
    beside = child(tokens, noun, "appos")
    be = tokens[noun].head
    if beside is not None or tokens[noun].dep != "nsubj" or tokens[be].lower not in ("is", "'s"):
        return beside
    return child(tokens, be, "attr")


def _own_thing(tokens: tuple[Token, ...], thing: int | None) -> bool:
    """The word at `thing` is the user's own ("my flat", "our car")."""
    return thing is not None and any(t.head == thing and t.dep == "poss" and t.lower in ("my", "our") for t in tokens)


def _work(tokens: tuple[Token, ...], verb: int) -> list[Update]:
    """"I work at", "started at", "joined Safaricom as a data analyst", "I left Kenya Power"."""
    word = tokens[verb].lower
    found: list[Update] = []
    if word in WORK_VERBS and not (word in _DONE_FOR and _own_thing(tokens, child(tokens, verb, "dobj"))):
        # "cleaning my flat for Ama": a thing of one's own done for someone, no job ("I clean houses for Sparkle" is)
        org = object_of(tokens, verb, WORK_VERBS[word]) if WORK_VERBS[word] else child(tokens, verb, "dobj")
        org = _after_how_long(tokens, verb, WORK_VERBS[word]) if org is None and WORK_VERBS[word] else org
        named = pointed(tokens, verb) if org is None and word in ("work", "works") else None
        if named is not None and tokens[tokens[named].head].lower not in PLACED:  # "at lakeview memorial, that's
            found += _employer_named(tokens, named)  # where I work"; not "lunch spots in shoreditch, I work here"
        if not WORK_VERBS[word] and org is not None and tokens[org].pos != "PROPN" and \
                object_of(tokens, verb, ("as",)) is None:
            org = None  # "joined the Fish Hoek library", "joined a gym": a member, not an employee
        if not WORK_VERBS[word] and org is not None and _a_club(tokens, org):  # "joined the Wreake Valley
            return valued(tokens, org, "club", "add")  # Wheelers, a cycling club": a member, not an employee
        job = child(tokens, org, "appos") if org is not None else None  # "i work at HEB, pharmacy tech"
        if org is not None and is_job(tokens, org) and child(tokens, org, "nmod") is not None:
            org, job = child(tokens, org, "nmod"), org  # "at Siemens, software developer", parsed as one phrase
        found += _employer_named(tokens, org)
        found += [Update(USER, "job", job_phrase(tokens, job))] if found and job is not None and is_job(tokens, job) \
            else []
    if word in AS_VERBS:  # "as" on the verb, or on its object ("joined Safaricom as ...", however parsed)
        job = object_of(tokens, verb, ("as",))
        hired = child(tokens, verb, "dobj")
        job = object_of(tokens, hired, ("as",)) if job is None and hired is not None else job
        if job is not None and is_job(tokens, job):  # "work as a pharmacist (at Santa Maria hospital)"
            found += _job_at(tokens, job)
    if word in LEAVE_VERBS:
        found += valued(tokens, child(tokens, verb, "dobj"), "employer", "end")
    return found


def _a_club(tokens: tuple[Token, ...], org: int) -> bool:
    """The name is said to be a club or a team ("the Wreake Valley Wheelers, a cycling club"), or names itself one
    ("Aireville Park Bowling Club", "Harrogate Choral Society", "Anytime Fitness"), unless joined as something ("joined
    Leeds Rhinos Club as a physio")."""
    what = child(tokens, org, "appos")
    named = tokens[org].lower in _CLUB_NAMES and object_of(tokens, tokens[org].head, ("as",)) is None
    return what is not None and tokens[what].lower in _CLUBS or named


def _after_how_long(tokens: tuple[Token, ...], verb: int, prepositions: tuple[str, ...]) -> int | None:
    """The employer the parse hung on how long the user has worked ("I work since four years at Brenner", "worked
    for ten years at Arup")."""
    for n, token in enumerate(tokens):
        if token.head == verb and n != verb and token.dep == "prep":
            long = child(tokens, n, "pobj")
            if long is not None and tokens[long].entity == "DATE":
                return object_of(tokens, long, prepositions)
    return None


#: Verbs in the past that begin the studies they take ("I started my MSc at Leeds": studies now).
_BEGAN = frozenset("started began enrolled joined".split())


def _studies(tokens: tuple[Token, ...], degree: int) -> list[Update]:
    """"my accounting degree at miami dade college", "my MSc in ecology at Leeds": the field and the school, named
    (hung on the verb the degree is done by, or on the field: "doing my master in Logistics at Gdańsk")."""
    done_by = tokens[degree].head if tokens[degree].dep == "dobj" else degree
    if done_by != degree and tokens[done_by].tag == "VBD" and tokens[done_by].lower not in _BEGAN:
        return []  # "I did my Master at the Bartlett, finished in 2025": studies of the past
    field = next((f for head in (degree, done_by) for f in [object_of(tokens, head, ("in",))] if f is not None), None)
    words = [t.text for t in tokens[:degree] if t.head == degree and t.dep in ("compound", "amod")]
    school = next((s for head in (degree, done_by, field) if head is not None
                   for s in [object_of(tokens, head, ("at", "from"))] if s is not None), None)
    if school is None or not is_organisation(tokens, school):
        return []
    words.append(tokens[degree].text)
    studied = " ".join(words + ([f"in {phrase_of(tokens, field)}"] if field is not None else []))
    named = " ".join(w if w in ("of", "the", "and") else w[:1].upper() + w[1:]
                     for w in phrase_of(tokens, school).split())
    return [Update(USER, "studies", f"{studied} at {named}")]  # "broward college" as a name: Broward College


def _employer_named(tokens: tuple[Token, ...], org: int | None) -> list[Update]:
    """The employer at `org`: an organisation, or a name written in lower case no everyday English has ("i work at
    lakeview memorial"), with the words compounded before it; not "at night", "at home" nor "a hospital", nor
    "driving to Lethbridge for Mom's birthday weekend"."""
    if org is not None and tokens[org].text.islower() and tokens[org].lower in NOT_WORKPLACES:
        return []
    if org is None or tokens[org].text[:1].isupper() or tokens[org].pos not in ("NOUN", "PROPN") or \
            tokens[org].lower in NOT_WORKPLACES | GENERIC_PLACES or child(tokens, org, "det", "poss") is not None:
        return valued(tokens, org, "employer")
    lo = org
    while lo > 0 and tokens[lo - 1].head == org and tokens[lo - 1].dep == "compound" and tokens[lo - 1].text.islower():
        lo -= 1
    words = [t.text for t in tokens[lo : org + 1]]
    if all(common_word(w) for w in words) or not all(w.isalpha() for w in words):
        return []
    return [Update(USER, "employer", " ".join(w.capitalize() for w in words))]


def _job_at(tokens: tuple[Token, ...], job: int, needs_employer: bool = False) -> list[Update]:
    """A job ("a nurse"), with the employer it is at ("at St James's hospital"); a job said without a verb
    ("nurse at St James's") `needs_employer` to be one, not a topic ("physio: not the IT band")."""
    where = object_of(tokens, job, ("at", "for", "with"))
    if where is None and tokens[job].dep in ("attr", "appos"):  # "at" hung on "'m" ("I'm a headteacher at X") or
        where = object_of(tokens, tokens[job].head, ("at",))  # on the name ("I'm Grace Okafor, headteacher at X")
    within = object_of(tokens, job, ("on", "in")) if where is None else None  # "a nurse on the cardiac ward at X"
    where = object_of(tokens, within, ("at",)) if within is not None else where
    employer = _employer_named(tokens, where)
    return [Update(USER, "job", job_phrase(tokens, job))] + employer if employer or not needs_employer else []


def _copula(tokens: tuple[Token, ...], verb: int) -> list[Update]:
    """"I'm Kip" (a weak claim: a name said in passing), "I'm a nurse at St James's"."""
    attr = child(tokens, verb, "attr", "acomp")
    if attr is None:
        return []
    # "I'm Kip" (kept only when the reply calls the user so), "I'm Sam, backend engineer", "I'm Dr Tanaka, postdoc"
    names = [attr] + [n for n, t in enumerate(tokens) if t.head == attr and t.dep == "nmod" and t.pos == "PROPN"]
    found = [u for name in names for u in name_said(tokens, name, weak=True)][:2]
    if found:  # "I'm Jaylen, 20, sophomore at Ohio State": the number beside the name is the age
        found += [Update(USER, "age", t.text) for t in tokens if t.head == attr and t.dep == "appos"
                  and t.text.isdigit() and _AGES[0] <= int(t.text) <= _AGES[1]][:1]
    jobs = [attr] + [n for n, t in enumerate(tokens) if t.head == attr and t.dep in ("appos", "advmod")
                     and all(w.lower != "not" for w in tokens[attr:n])]  # "a bookkeeper, not an accountant"
    for job in jobs:  # "I am the cook" this weekend: a part played, unless said with where ("the manager at Aldi")
        if tokens[job].pos != "PROPN" and is_job(tokens, job):
            found += _job_at(tokens, job, needs_employer=any(t.head == job and t.lower == "the" for t in tokens))
    if _GRADE.match(tokens[attr].text) and attr and tokens[attr - 1].head == attr and is_job(tokens, attr - 1):
        title = [n for n in range(attr) if tokens[n].head == attr and tokens[n].dep in ("compound", "amod")]
        words = [t.lower for t in tokens[min([attr - 1, *title]) : attr]]
        employer = valued(tokens, object_of(tokens, attr, ("at", "for", "with")), "employer")
        found = [Update(USER, "job", " ".join([*words, tokens[attr].text]))] + employer  # the title is no name
    return found


def _fragment(tokens: tuple[Token, ...], noun: int) -> bool:
    """The noun opens a sentence without a verb of its own ("junior UX designer at Oiseau Labs.")."""
    return all(t.dep in ("det", "amod", "compound") and t.head in range(noun + 1) or t.pos in ("INTJ", "PUNCT")
               for t in tokens[:noun]) and tokens[noun].dep in ("ROOT", "nsubj")


def _holds(tokens: tuple[Token, ...], noun: int) -> bool:
    """A position the user has: "my job at", "first day at" (opening the sentence), "got a job at"."""
    token = tokens[noun]
    if token.lower in ("day", "week"):  # "first day at": the user's unless it is someone else's
        before = {t.lower for t in tokens[:noun] if t.pos not in ("INTJ", "PUNCT", "ADV", "CCONJ")}
        one = noun + 1 < len(tokens) and tokens[noun + 1].lower in ("one", "1") and not before  # "day 1 at"
        return one or "first" in before and before <= {"first", "my", "our"}
    if owned(tokens, noun) or token.dep == "ROOT":
        return True
    if token.dep == "dobj" and tokens[token.head].lower in OFFER_VERBS:  # "they offered me the job at ..."
        given = child(tokens, token.head, "dative")
        return given is not None and tokens[given].lower == "me"
    return token.dep == "dobj" and tokens[token.head].lower in TAKE_VERBS and subject_of(tokens, token.head) in (
        None, *[n for n, t in enumerate(tokens) if t.lower == "i"])


def _the_new(tokens: tuple[Token, ...], noun: int) -> bool:
    """"everything's in the new house", "we moved into the new flat": the user's new home, unless said of someone
    else ("my sister moved into the new house in Leeds": hers; "it's the new house in Leith my parents bought")."""
    det = child(tokens, noun, "det")
    if det is None or tokens[det].lower != "the" or tokens[noun].dep != "pobj" or \
            tokens[tokens[noun].head].lower not in ("in", "into", "to") or \
            not any(t.head == noun and t.dep == "amod" and t.lower == "new" for t in tokens):
        return False
    verb = noun
    while tokens[verb].pos not in ("VERB", "AUX") and tokens[verb].head != verb:
        verb = tokens[verb].head
    subject = subject_of(tokens, verb)
    return subject is None or tokens[subject].lower in ("i", "we", "everything")


def _home_said_as(tokens: tuple[Token, ...], noun: int) -> int | None:
    """The place of what the user's home is said to be: "our house is a 1912 bungalow in Bridgeland"."""
    verb = tokens[noun].head
    said = child(tokens, verb, "attr") if tokens[noun].dep == "nsubj" and tokens[verb].lower in ("is", "'s") else None
    if said is None or tokens[said].lower not in HOMES or \
            any(t.head in (noun, said) and t.lower in _NOT_LIVED_IN for t in tokens):
        return None  # "our dream house is a cottage in Cornwall", "our holiday home is a flat in Nice"
    return object_of(tokens, said, ("in",)) or object_of(tokens, verb, ("in",))


def _title_before(tokens: tuple[Token, ...], noun: int) -> int | None:
    """The title said before the position ("offered me the operations manager job")."""
    before = noun - 1
    return before if before >= 0 and tokens[before].head == noun and tokens[before].dep == "compound" else None


def _offered_by(tokens: tuple[Token, ...], noun: int) -> int | None:
    """The organisation that offered the user the position ("Kaimai Pastoral have offered me the job"): a name."""
    verb = tokens[noun].head
    giver = subject_of(tokens, verb) if tokens[noun].dep == "dobj" and tokens[verb].lower in OFFER_VERBS else None
    if giver is None or unreal(tokens, verb) or child(tokens, verb, "neg") is not None or \
            _REFUSED.search("".join(t.text + t.space for t in tokens[verb:])):  # "didn't offer me", "but I said no"
        return None
    return giver if tokens[giver].text[:1].isupper() and tokens[giver].lower not in \
        ("they", "he", "she", "we", "i") and tag_of(tokens, giver) != "PERSON" else None
