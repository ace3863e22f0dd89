"""The user's work said in passing, read from the parse, the way people mention it while talking of something
else: the employer by the people and shifts they have there ("my boss at Tesco", "our team at Google", "a shift
at Woolies", "on nights at the Royal", "short-staffed at Lidl", "Asda changed our rota"; not "a long day at
Disneyland"), by how long they have been there ("been at Siemens for six years", "forty years with Network Rail",
"working in TCS since 2019") or by the place "where I work"; the job by what they speak as ("as a dental
hygienist I ...", "being a pharmacist in winter", "been an electrician for 30 years"), by what they do ("I teach
year 5", "we farm 200 acres") or by a title at a named employer ("a producer at the BBC").

Said in passing, every value is weak: it fills an empty slot and never replaces a known one, so a sentence misread
in a long chat cannot close a true value.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..language.nlp import Token, common_word
from .job_words import is_job, job_phrase
from .tree import NOT_EMPLOYER, child, object_of, opens, owned, phrase_of, proper, subject_of, tag_of
from .values import USER, Update
from .voice import unreal

#: Entity tags no employer has here: places ("20 years in Leeds"), and people but after "at", where the tagger
#: takes a firm named after someone for them ("my supervisor at Morrisons"; not "been with Sarah for years").
_NOT_EMPLOYER = NOT_EMPLOYER | {"GPE", "LOC"}
#: The people and the work the user has at their employer ("my boss at Tesco", "our rota").
_COLLEAGUES = frozenset("boss manager supervisor colleague colleagues coworker coworkers co-workers team department "
                        "dept branch rota shift shifts project payroll appraisal".split())
#: Words that make "our team at X" a side the user supports ("our team at Wembley was awful", "lost again").
_PLAYED = frozenset("won win lost lose losing beat beaten played playing draw drew match game goal goals scored "
                    "season league cup final fans ref awful".split())
#: Turns of work ("on nights at the Royal", "a shift at Woolies", "lates"), said of the user's own clause.
_SHIFTS = frozenset("shift shifts nights lates earlies".split())
#: What an organisation does to the user's work when it is their employer ("amazon changed our rota").
_WORK_OWNED = frozenset("rota shifts hours pay pension bonus payslip overtime".split())
#: Words that make "been with X for years" a customer's ("with Vodafone for ten years, the signal is awful").
_CUSTOMER = frozenset("customer account contract tariff bill bills broadband signal mortgage insurance policy "
                      "provider switch switched switching loyalty".split())
#: Units of a time long enough to be a job's ("been at Siemens six years"; not "been at Glastonbury three days").
_LONG = frozenset("year years yrs decade decades month months life career".split())
#: Public bodies said by their common noun ("I work for the council", "20 years in the fire service").
_INSTITUTIONS = frozenset("council police army navy nhs government".split())
#: Public services said with "service" ("the fire service", "the civil service").
_SERVICES = frozenset("fire ambulance civil prison probation diplomatic".split())
#: Verbs whose doer is the job ("I teach year 5", "I lecture in history", "we farm 200 acres").
_DOERS = {"teach": "teacher", "lecture": "lecturer", "farm": "farmer"}
#: Verbs whose doer is the job when said for whom ("I drive for Uber", "I cook for a living") or of what ("I clean
#: offices"; not "I drive to work", "I clean the house").
_DOERS_FOR = {"drive": "driver", "clean": "cleaner", "cook": "cook", "deliver": "delivery driver"}
#: Lines of work said by their name, with who works in them ("been nursing for twelve years", "30 years in
#: teaching").
_CAREERS = {"teaching": "teacher", "nursing": "nurse", "lecturing": "lecturer", "farming": "farmer",
            "tutoring": "tutor", "accountancy": "accountant", "hairdressing": "hairdresser", "midwifery": "midwife",
            "engineering": "engineer", "journalism": "journalist", "nannying": "nanny", "childminding": "childminder"}
#: Nouns of a business the user runs or owns ("I run my own plumbing business", "I own a bakery"): its owner.
_BUSINESSES = frozenset("business company firm shop salon cafe café restaurant bakery consultancy agency practice "
                        "pub garage nursery".split())
#: Endings of a noun for who does a kind of work ("producer", "underwriter", "cardiologist", "technician").
_AGENT_ENDINGS = ("er", "or", "ist", "ian", "eer")
#: Such nouns that are no job at the place they are said at ("a member at the gym", "a regular at the Crown").
_NOT_TITLES = frozenset("member customer regular volunteer fan visitor user subscriber shareholder supporter "
                        "follower listener viewer reader shopper diner drinker smoker beginner newcomer foreigner "
                        "stranger outsider lodger boarder commuter passenger prisoner survivor teenager donor "
                        "believer lover owner mother father sister brother daughter neighbour neighbor".split())


def work_in_passing(tokens: tuple[Token, ...], known: list[Update]) -> list[Update]:
    """The employer and job one sentence says in passing, each only when `known` (what the sentence's other
    readings found) has none for the user: weak values."""
    had = {u.attribute for u in known if u.subject == USER and u.change != "end"}
    if any(u.subject == USER and u.attribute == "employer" and u.change == "end" for u in known):
        return []  # "I retired from Shell after 35 years": a job ended, not one held
    found: list[Update] = []
    for n in range(len(tokens)):
        found += _employer(tokens, n) + _job(tokens, n)
    first: dict[str, Update] = {}
    for update in found:
        first.setdefault(update.attribute, update)
    return [replace(u, weak=True) for attribute, u in first.items() if attribute not in had]


def _employer(tokens: tuple[Token, ...], n: int) -> list[Update]:
    if tokens[n].lower == "work" and tokens[n].dep == "relcl" and _where_i(tokens, n):  # "the X centre where I work"
        org = next((m for m, t in enumerate(tokens) if t.head == tokens[n].head and t.dep == "compound"
                    and t.pos == "PROPN" and t.text[:1].isupper()), None)
        return [Update(USER, "employer", tokens[org].text)] if org is not None else []
    return _named(tokens, next((m for read in _READERS for m in [read(tokens, n)] if m is not None), None))


def _colleagues_at(tokens: tuple[Token, ...], n: int) -> int | None:
    """"my boss at Tesco", "our team at Google" (not "my old boss at", "our team at Wembley lost")."""
    if tokens[n].lower in _COLLEAGUES and owned(tokens, n) and not _former(tokens, n) and not _played(tokens, n):
        return _after(tokens, n, ("at", "in"))
    return None


def _shift_at(tokens: tuple[Token, ...], n: int) -> int | None:
    """"a shift at Woolies", "on nights at the Royal", "we're short-staffed at Lidl"."""
    if (tokens[n].lower in _SHIFTS or tokens[n].lower.endswith("staffed")) and _mine(tokens, n):
        return object_of(tokens, n, ("at",))
    return None


def _works_at(tokens: tuple[Token, ...], n: int) -> int | None:
    """"I work for the council", "working in TCS" (names the parse in identity.py leaves: a body, "in")."""
    if tokens[n].lower in ("work", "works", "working") and tokens[n].pos == "VERB" and _mine(tokens, n):
        return object_of(tokens, n, ("for", "with", "at", "in"))
    return None


def _started_in(tokens: tuple[Token, ...], n: int) -> int | None:
    """"from Monday I start in Vantora Logistics": a firm, by its tag."""
    if tokens[n].lower in ("start", "starting", "started", "joined") and _mine(tokens, n):
        org = object_of(tokens, n, ("in",))
        return org if org is not None and tag_of(tokens, org) == "ORG" else None
    return None


def _now_at(tokens: tuple[Token, ...], n: int) -> int | None:
    """"I used to work at Barclays, now I'm at HSBC"."""
    if tokens[n].lower in ("'m", "am") and _mine(tokens, n) and _now_at_work(tokens, n):
        return object_of(tokens, n, ("at", "with"))
    return None


def _runs_ours(tokens: tuple[Token, ...], n: int) -> int | None:
    """"Asda changed our rota": the organisation that does it to the user's work."""
    if tokens[n].lower in _WORK_OWNED and owned(tokens, n) and tokens[n].dep == "dobj":
        return child(tokens, tokens[n].head, "nsubj")
    return None


def _years_with(tokens: tuple[Token, ...], n: int) -> int | None:
    """"Forty years with Network Rail and ...", "20 years in the fire service"."""
    if tokens[n].lower in ("years", "decades") and _opens_fragment(tokens, n):
        return object_of(tokens, n, ("with", "at", "in"))
    return None


def _job(tokens: tuple[Token, ...], n: int) -> list[Update]:
    token = tokens[n]
    job = None
    if token.lower == "as" and token.dep == "prep" and (_speaks_as(tokens, n) or _years_as(tokens, n)):
        job = child(tokens, n, "pobj")  # "As a teacher I ...", "in my 20 years as a paramedic"
    elif token.lower == "being" and token.dep in ("csubj", "advcl") and not _others(tokens, token.head):
        job = child(tokens, n, "attr")  # "being a pharmacist in winter is brutal"
    elif token.lower == "been" and _mine(tokens, n) and _long(tokens, n):  # "been an electrician for 30 years"
        job = child(tokens, n, "attr")
    elif token.lower in ("'m", "am") and _mine(tokens, n):  # "I'm a producer at the BBC"
        return _titled(tokens, child(tokens, n, "attr"))
    elif token.lower == "qualified" and _mine(tokens, n):  # "I qualified as a solicitor in 2015 and ..."
        job = object_of(tokens, n, ("as",))
    elif token.pos == "VERB" and token.tag == "VBP" and _does(tokens, n):
        return _doer(tokens, n)
    elif token.lower in _CAREERS and _career(tokens, n):  # "been teaching for 20 years", "30 years in nursing"
        return [Update(USER, "job", _CAREERS[token.lower])]
    if job is None or child(tokens, job, "poss") is not None or not is_job(tokens, job):
        return []
    return [Update(USER, "job", job_phrase(tokens, job))]


def _named(tokens: tuple[Token, ...], n: int | None) -> list[Update]:
    """The employer at `n`: a name (capitalised, or in lower-case chat a word no everyday English has: "aldi") or
    a public body ("the council", "the fire service"); not a person or a place."""
    if n is None or tag_of(tokens, n) in _NOT_EMPLOYER or tokens[n].pos not in ("NOUN", "PROPN"):
        return []
    if tag_of(tokens, n) == "PERSON" and tokens[tokens[n].head].lower != "at":
        return []
    token = tokens[n]
    before = tokens[n - 1].lower if n else ""
    if token.lower in _INSTITUTIONS or token.lower == "service" and before in _SERVICES:
        return [Update(USER, "employer", " ".join(t.text for t in tokens[n - (token.lower == "service") : n + 1]))]
    if child(tokens, n, "det", "poss") is not None and tokens[n].pos != "PROPN":
        return []  # "the warehouse", "my office"
    named = proper(tokens, n) or token.text[:1].isupper() and n > 0 or not common_word(token.lower)
    return [Update(USER, "employer", phrase_of(tokens, n))] if named and token.text.replace("'", "").isalnum() else []


def _mine(tokens: tuple[Token, ...], n: int) -> bool:
    """The word's clause is the user's: its verb's subject is "I"/"we", or it has none and opens the sentence."""
    verb = n
    while (tokens[verb].pos not in ("VERB", "AUX") or tokens[verb].dep == "acomp") and tokens[verb].head != verb:
        verb = tokens[verb].head  # "we're short-staffed at": the clause of "are"
    if unreal(tokens, verb):
        return False
    subject = subject_of(tokens, verb)
    if subject is None:  # "Been working at Ford for 12 years", "Got a shift at Woolies"
        return opens(tokens, verb) or all(t.pos in ("ADV", "INTJ", "PUNCT", "CCONJ", "AUX") for t in tokens[:verb])
    return tokens[subject].lower in ("i", "we") and not any(t.head == verb and t.lower in ("had", "'d") for t in tokens)


def _first_word(tokens: tuple[Token, ...]) -> int:
    return next((m for m, t in enumerate(tokens) if t.pos not in ("PUNCT", "INTJ", "ADV", "CCONJ")), 0)


def _former(tokens: tuple[Token, ...], n: int) -> bool:
    return any(t.head == n and t.lower in ("old", "former", "ex", "previous", "last") for t in tokens)


def _tenure(tokens: tuple[Token, ...], verb: int) -> int | None:
    """Where the user has been or worked for a long time ("been at Siemens for six years", "have been at Irwin
    Mitchell ever since", "working in TCS since 2019", "doing job in Infosys from last 3 years"); a customer's
    years ("with Vodafone ten years, the signal ...") are not."""
    if tokens[verb].lower not in ("been", "working", "doing") or tokens[verb].pos not in ("AUX", "VERB") or \
            not _mine(tokens, verb) or not _long(tokens, verb):
        return None
    if tokens[verb].lower == "doing" and not any(t.head == verb and t.lower == "job" for t in tokens):
        return None
    org = object_of(tokens, verb, ("at", "with", "in"))
    with_ = org is not None and tokens[tokens[org].head].lower == "with"
    return None if with_ and any(t.lower in _CUSTOMER for t in tokens) else org


def _long(tokens: tuple[Token, ...], verb: int) -> bool:
    """The clause says a long time: years or months, "since" a year, "ever since", "my whole life" (not "since
    Wednesday")."""
    words = [t.lower for t in _subtree(tokens, verb)]
    since = [n for n, w in enumerate(words) if w == "since"]
    return bool(_LONG.intersection(words)) or any(n and words[n - 1] == "ever" or n + 1 < len(words) and
                                                  re.fullmatch(r"(?:19|20)\d\d", words[n + 1]) for n in since)


def _subtree(tokens: tuple[Token, ...], head: int) -> list[Token]:
    inside = {head}
    for _ in range(4):
        inside |= {m for m, t in enumerate(tokens) if t.head in inside}
    return [tokens[m] for m in sorted(inside) if m == head or tokens[m].dep not in ("conj", "ccomp", "advcl")
            or tokens[m].head != head]


def _opens_fragment(tokens: tuple[Token, ...], n: int) -> bool:
    """"Forty years with Network Rail and ...", "20 years in the fire service and I've seen it all": the time
    opens the sentence, as no verb's object ("my dad spent 40 years with British Rail")."""
    start = _first_word(tokens)
    return tokens[n].dep in ("ROOT", "npadvmod") and all(t.head == n for t in tokens[start:n])


def _where_i(tokens: tuple[Token, ...], verb: int) -> bool:
    said = [t.lower for t in tokens if t.head == verb]
    return "where" in said and "i" in said and not unreal(tokens, verb)


def _speaks_as(tokens: tuple[Token, ...], prep: int) -> bool:
    """"As a dental hygienist I see ...": "as" opens the sentence, before the user the clause is of."""
    verb = tokens[prep].head
    subject = subject_of(tokens, verb)
    return prep == _first_word(tokens) and subject is not None and subject > prep and \
        tokens[subject].lower == "i" and tokens[verb].pos in ("VERB", "AUX") and not unreal(tokens, verb)


def _others(tokens: tuple[Token, ...], verb: int) -> bool:
    """The clause is said of someone else ("my mum knows, being a nurse")."""
    subject = subject_of(tokens, verb)
    return subject is not None and (tokens[subject].lower in ("he", "she", "they", "you") or
                                    tag_of(tokens, subject) == "PERSON" or owned(tokens, subject) and
                                    tokens[subject].lower not in ("day", "week", "job", "work"))


def _titled(tokens: tuple[Token, ...], title: int | None) -> list[Update]:
    """"I'm a producer at the BBC": a word for who does a kind of work, at a named employer, is the job (the
    job words themselves are read in identity.py)."""
    if title is None or tokens[title].pos != "NOUN" or is_job(tokens, title):
        return []
    word = tokens[title].lower
    if not word.endswith(_AGENT_ENDINGS) or word in _NOT_TITLES or child(tokens, title, "poss") is not None:
        return []
    employer = _named(tokens, object_of(tokens, title, ("at", "for", "with")))
    return [Update(USER, "job", job_phrase(tokens, title)), *employer] if employer else []


def _does(tokens: tuple[Token, ...], verb: int) -> bool:
    """"I teach year 5", "we farm 200 acres": the user does something, now, to or for something."""
    subject = subject_of(tokens, verb)
    if subject is None or tokens[subject].lower not in ("i", "we") or unreal(tokens, verb):
        return False
    return any(t.head == verb and t.dep in ("dobj", "dative", "prep") for t in tokens)


def _after(tokens: tuple[Token, ...], noun: int, prepositions: tuple[str, ...]) -> int | None:
    """The object of a preposition on the noun, or right after it where the parse hung it elsewhere ("lol my
    manager at starbucks just said ...")."""
    found = object_of(tokens, noun, prepositions)
    if found is None and noun + 1 < len(tokens) and tokens[noun + 1].lower in prepositions:
        found = child(tokens, noun + 1, "pobj")
    return found


def _now_at_work(tokens: tuple[Token, ...], verb: int) -> bool:
    """"now I'm at HSBC" said beside the user's work ("I used to work at Barclays")."""
    now = any(t.head == verb and t.lower == "now" for t in tokens)
    return now and any(t.lower in ("work", "worked", "job") and m != verb for m, t in enumerate(tokens))


def _doer(tokens: tuple[Token, ...], verb: int) -> list[Update]:
    """The job of the user's habitual work ("I teach year 5", "I drive for Uber", "I clean offices"), or the
    business they run or own ("I run my own plumbing business": a plumbing business owner)."""
    word = tokens[verb].lower
    said = [m for m, t in enumerate(tokens) if t.head == verb and t.dep in ("dobj", "dative", "prep")]
    if word in _DOERS and not any(owned(tokens, m) or child(tokens, m, "poss") is not None or
                                  tokens[m].pos == "PRON" for m in said):  # not "I teach my son to swim"
        return [Update(USER, "job", _DOERS[word])]
    if word in _DOERS_FOR:
        whom = object_of(tokens, verb, ("for",))
        named = whom is not None and (tokens[whom].lower == "living" or bool(_named(tokens, whom)))
        where = object_of(tokens, verb, ("at",))  # "I cook at a pub in Bath"
        named = named or where is not None and (tokens[where].lower in _BUSINESSES or bool(_named(tokens, where)))
        thing = child(tokens, verb, "dobj")
        plural = thing is not None and tokens[thing].tag == "NNS" and child(tokens, thing, "det") is None
        return [Update(USER, "job", _DOERS_FOR[word])] if named or plural and word == "clean" else []
    business = child(tokens, verb, "dobj")
    if word in ("run", "own") and business is not None and tokens[business].lower in _BUSINESSES:
        words = [t.lower for t in tokens[:business] if t.head == business and t.dep in ("compound", "amod")
                 and t.lower not in ("own", "little", "small", "new")]
        return [Update(USER, "job", " ".join([*words, tokens[business].lower, "owner"]))]
    return []


def _played(tokens: tuple[Token, ...], noun: int) -> bool:
    """"our team at Wembley was awful", "my team at Old Trafford lost again": a side played, not colleagues."""
    return tokens[noun].lower == "team" and any(t.lower in _PLAYED for t in tokens)


def _career(tokens: tuple[Token, ...], n: int) -> bool:
    """A line of work the user has been in for long: done ("I've been teaching for 20 years"; not "been nursing a
    cold") or been in ("I've been in nursing since 2004", "30 years in teaching")."""
    token = tokens[n]
    if token.pos == "VERB":
        been = any(t.head == n and t.lower == "been" for t in tokens)
        thing = child(tokens, n, "dobj")
        return been and _mine(tokens, n) and _long(tokens, n) and (thing is None or token.lower == "teaching")
    if token.dep != "pobj" or tokens[token.head].lower != "in":
        return False
    holder = tokens[token.head].head
    if tokens[holder].lower in ("years", "decades"):
        return _opens_fragment(tokens, holder)
    return tokens[holder].lower == "been" and _mine(tokens, holder) and _long(tokens, holder)


def _years_as(tokens: tuple[Token, ...], prep: int) -> bool:
    """"in my twenty years as a paramedic", "Eleven years as a postie and ...": the user's years in the job."""
    years = tokens[prep].head
    return tokens[years].lower in ("years", "decades") and (owned(tokens, years) or _opens_fragment(tokens, years))


#: The readings of an employer said in passing, in the order tried.
_READERS = (_colleagues_at, _shift_at, _tenure, _works_at, _started_in, _now_at, _runs_ours, _years_with)
