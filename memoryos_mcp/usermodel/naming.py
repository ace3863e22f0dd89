"""The people and pets in the user's life by name, read from the dependency parse: "my wife Njeri", "Njeri, my
wife", "our dog Simba", "my eldest, Temitope", "we adopted a greyhound, his name is Pilot"; each name with the role
the user gives it (or a pet's kind), in one spelling.

A name is taken only where the parse ties it to a role the user owns ("my", "our") or takes ("got a kitten called
Biscotte"): a wrong person is worse than a missing one.
"""

from __future__ import annotations

import re

from ..language.nlp import Token
from . import cues
from .job_words import JOB_WORD, is_job, job_phrase
from .kin import NAME_ASKED
from .tree import ROLES, called_by, child, is_name, owned, taken
from .values import Update

#: Roles someone is given to the user, by name after "is" ("my new manager is Priya"): a word after "my mum is" is
#: as often a people ("Kalenjin") as a name.
_APPOINTED = frozenset("boss manager supervisor lead mentor tutor therapist physio doctor gp landlord landlady "
                       "coach".split())
#: Titles at work that are no job of the user's own words (cues.JOB): "the VP, Sunita Rao", "Peter, our chair".
_TITLES = frozenset("vp ceo cto cfo coo chair chairman chairwoman chairperson deputy".split())
#: Entity tags of things a job is said beside ("showed my designer Photoshop"), never of whom it is.
_THINGS = frozenset("PRODUCT ORG WORK_OF_ART GPE LOC FAC EVENT".split())
#: Words said before a job that are not of it ("my new designer Ana").
_NOT_OF_THE_JOB = frozenset("new old current lovely great brilliant awful".split())
#: What may follow "from the office" when it is the user's workplace ("Orla from the office rang"), not "from the office
#: next door".
_CLOSES = frozenset("VERB AUX PUNCT CCONJ".split())
#: A child's place among the children, said for the child ("my eldest"), in one spelling.
_BIRTH_ORDER = {"eldest": "eldest", "oldest": "eldest", "youngest": "youngest"}
#: Forms of "be" after which an appointed role's name is said ("my new manager is Priya", "I'm ...").
_IS = frozenset({"'m", "am", "m", "is", "'s"})
#: The words a role ends with ("lead" of "tech lead"): a role said in two words is found by its head.
_ROLE_HEADS = frozenset(role.split()[-1] for role in ROLES)
#: The words a pet's kind ends with ("russell" of "jack russell").
_PET_ENDS = frozenset(kind.split()[-1] for kind in cues.PET_WORDS)


def people_named(tokens: tuple[Token, ...], i: int) -> list[Update]:
    """The person or pet the word at `i` names with its role: a role owned or taken ("my sister Ines"), a role with
    a name in brackets ("Mum (Rosa)"), a child by birth order ("our youngest Damilola"), "his name is Pilot"."""
    token = tokens[i]
    found: list[Update] = []
    bracketed = i + 1 < len(tokens) and tokens[i + 1].text == "("  # "Mum (Rosa) is coming"
    pet = token.lower in cues.PET_WORDS or _crossbreed(tokens, i)
    noun = token.pos == "NOUN" or token.pos == "PROPN" and pet  # a breed: "our Labrador"
    if (token.lower in _ROLE_HEADS or pet) and (noun and (owned(tokens, i) or taken(tokens, i)) or bracketed
                                                or pet and _kind_said(tokens, i)):
        found += _named(tokens, i)
    if token.lower in cues.PET_WORDS:
        found += _the_pet(tokens, i)
    if token.lower in _BIRTH_ORDER and token.pos == "ADJ":
        found += _birth_order(tokens, i)
    if token.lower == "name" and token.dep == "nsubj":  # "we adopted a greyhound, his name is Pilot"
        found += _their_name(tokens, i)
    if token.lower not in _ROLE_HEADS and not pet and token.tag in ("NN", "NNP") and \
            (token.lower in _TITLES or is_job(tokens, i)):
        found += _by_job(tokens, i)
    if token.pos == "PROPN" and is_name(tokens, i) and _from_work(tokens, i):
        found.append(Update(called_by(tokens, i), "role", "colleague", weak=True))
    return found


def _named(tokens: tuple[Token, ...], role: int) -> list[Update]:
    """"my wife Njeri", "Njeri, my wife", "Njeri is my wife", "Bea's my best friend", "my wife is called Njeri",
    "my mum's name is Jean", "our dog Simba", "Dana, who is my landlady": the person (or pet) and their role."""
    token = tokens[role]
    head = token.head
    candidates = [child(tokens, role, "appos")]
    if token.dep in ("compound", "appos") and head != role:
        candidates.append(head)
    if token.dep == "attr":
        candidates.append(child(tokens, head, "nsubj"))
        if _relative(tokens, head):  # "Mrs Okafor, who is my boss now": the name the clause describes
            candidates.append(tokens[head].head)
            if token.lower in cues.PET_WORDS:  # "our dog, Bruno, who is a Staffie": the clause hangs on "dog"
                candidates.append(child(tokens, tokens[head].head, "appos"))
    attr = child(tokens, head, "attr") if token.dep == "nsubj" and tokens[head].lower in _IS else None
    if attr is not None and (token.lower in _APPOINTED or _named_plainly(tokens, role, attr)):
        candidates.append(attr)  # "my new manager is Priya", "my wife is Niamh"; not "my mum is Kalenjin"
    if token.dep in ("ROOT", "dep"):  # "Bea's my best friend", parsed as a possessive
        candidates.append(child(tokens, role, "poss"))
    called = [n for n, t in enumerate(tokens) if t.lower in ("called", "named") and (
        t.head == role or token.dep in ("nsubj", "nsubjpass") and n == head)]
    candidates += [child(tokens, n, "oprd", "attr") for n in called]  # "a kitten called Biscotte"
    if token.dep == "poss" and tokens[head].lower == "name" and tokens[head].dep == "nsubj":
        candidates.append(child(tokens, tokens[head].head, "attr"))  # "my mum's name is Jean"
    if role + 1 < len(tokens):  # "my sister Ines", however parsed
        candidates.append(role + 1)
    if _with_me(tokens, role):  # "eating suya, my wife and I are ...": the wife is a subject beside the user
        candidates = [n for n in candidates if n is not None and n > role]
    name = next((n for n in candidates if n is not None and is_name(tokens, n)), None)
    said = _role(tokens, role)
    known = said in ROLES or said.split()[-1] in ROLES or _crossbreed(tokens, role)
    return [Update(called_by(tokens, name), "role", said)] if name is not None and known else []


#: Words after "my wife is Niamh" that leave Niamh her name, not a part played ("my son is Joseph in the nativity").
_AFTER_NAME = frozenset("and but by btw who she he".split())


def _named_plainly(tokens: tuple[Token, ...], role: int, name: int) -> bool:
    """"My wife is Niamh", "my sister is Jess, by the way": a name the tagger calls a person's said as who the role
    is; not denied ("my wife isn't Niamh"), asked, a part played ("my brother is Elvis at weddings"), someone's
    ("Tom Hanks' double"), an in-law's ("my father-in-law is Ken": the parse splits the role), nor a title ("my
    husband is Sergeant Collins")."""
    verb = tokens[role].head
    after = tokens[name + 1] if name + 1 < len(tokens) else None
    return tokens[name].entity == "PERSON" and not any(t.head == verb and t.dep == "neg" for t in tokens) and \
        tokens[-1].text != "?" and tokens[role + 1].text != "-" and \
        (after is None or after.pos == "PUNCT" and after.text not in ("'", "’") or after.lower in _AFTER_NAME) and \
        not any(t.head == name and t.dep == "compound" and JOB_WORD.match(t.lower) for t in tokens)


def _by_job(tokens: tuple[Token, ...], job: int) -> list[Update]:
    """"Bea, our designer", "my accountant Brendan", "The VP, Sunita Rao,": someone the parse ties to a job the user
    owns, or in apposition after a title at work said with "the" (not "the waiter, Luis": anyone's); the job as
    said is who they are to the user. Said in passing: it never replaces a role the user gave them."""
    token = tokens[job]
    if owned(tokens, job):
        candidates = [child(tokens, job, "appos"), token.head if token.dep in ("appos", "compound") else None,
                      _next_name(tokens, job)]
    elif token.lower in _TITLES and any(t.head == job and t.dep == "det" and t.lower == "the" for t in tokens):
        candidates = [child(tokens, job, "appos")]
    else:
        return []
    name = next((n for n in candidates if n is not None and n != job and is_name(tokens, n)
                 and tokens[n].entity not in _THINGS), None)
    if name is None:
        return []
    said = " ".join(word for word in job_phrase(tokens, job).split() if word not in _NOT_OF_THE_JOB)
    return [Update(called_by(tokens, name), "role", said, weak=True)]


def _next_name(tokens: tuple[Token, ...], word: int) -> int | None:
    """The word after, however parsed, when a verb follows it ("my new designer Ana is great"): not someone's ("showed
    my designer Tom's sketches") nor a thing ("showed my designer Photoshop", "sent my accountant Xero access")."""
    after = word + 1
    return after if after + 1 < len(tokens) and tokens[after + 1].pos in ("VERB", "AUX") else None


def _from_work(tokens: tuple[Token, ...], name: int) -> bool:
    """"Fergal from work", "ran into Aisling from the office": a colleague, said as the workplace says it; not "back
    from work" (no one named before "from"), "my friend Fergal from work" (whose role is said), nor "John from the
    tax office" (another office)."""
    after = [t.lower for t in tokens[name + 1 : name + 4]]
    office = after == ["from", "the", "office"] and (name + 4 == len(tokens) or tokens[name + 4].pos in _CLOSES)
    said = tokens[max(0, name - 3) : name]
    return (after[:2] == ["from", "work"] or office) and not any(t.lower in ROLES for t in said)


def _the_pet(tokens: tuple[Token, ...], pet: int) -> list[Update]:
    """"Gus the tortoise is out of hibernation", "Bella the cocker spaniel": a pet called by its name and kind (a
    person so called, "Dave the plumber", is no one of the user's)."""
    the = next((n for n in (pet - 1, pet - 2) if n > 0 and tokens[n].lower == "the"), None)
    if the is None or the == pet - 2 and tokens[pet - 1].dep not in ("amod", "compound"):
        return []
    return [Update(called_by(tokens, the - 1), "role", _kind(tokens, pet))] if is_name(tokens, the - 1) else []


def _with_me(tokens: tuple[Token, ...], role: int) -> bool:
    """The role is joined to the user ("my wife and I"): a subject of its own, no apposition to a word before it."""
    return any(t.head == role and t.dep == "conj" and t.lower in ("i", "me") for t in tokens)


def _birth_order(tokens: tuple[Token, ...], word: int) -> list[Update]:
    """"My eldest, Temitope, ...", "our youngest Damilola is 10", "Kate's our eldest", "Mia is our youngest": a child
    named by their place among the children (the parse hangs the name on the adjective, as an apposition or a
    possessive, makes it the subject the adjective is said of, or hangs the adjective on the name)."""
    token = tokens[word]
    names = (child(tokens, word, "appos"), _named_poss(tokens, word),
             child(tokens, token.head, "nsubj") if token.dep == "attr" else None) if owned(tokens, word) else \
        (token.head,) if token.dep == "amod" and owned(tokens, token.head) else ()
    name = next((n for n in names if n is not None and is_name(tokens, n)), None)
    if name is None:
        return []
    return [Update(called_by(tokens, name), "role", f"{_BIRTH_ORDER[token.lower]} child")]


def _named_poss(tokens: tuple[Token, ...], word: int) -> int | None:
    """The name parsed as the possessive of the word ("Kate's our eldest"), beside its "our"."""
    return next((n for n, t in enumerate(tokens) if t.head == word and n != word and t.dep == "poss"
                 and t.lower not in ("my", "our")), None)


def _relative(tokens: tuple[Token, ...], verb: int) -> bool:
    """The verb is a relative clause's, its subject the relative pronoun ("Dana, who is my landlady")."""
    subject = child(tokens, verb, "nsubj")
    return tokens[verb].dep == "relcl" and subject is not None and tokens[subject].lower in ("who", "that", "which")


def _kind_said(tokens: tuple[Token, ...], kind: int) -> bool:
    """An animal's kind said of it by name in a relative clause ("our dog, Bruno, who is a Staffie"): any
    pet kind with "a" is the kind of the one named, not someone else's."""
    token = tokens[kind]
    return token.dep == "attr" and _relative(tokens, token.head) and \
        any(t.head == kind and t.lower in ("a", "an") for t in tokens)


def _their_name(tokens: tuple[Token, ...], name: int) -> list[Update]:
    """"(his|her|its) name is Pilot" after the user adopted or got an animal (or a person) of some kind."""
    whose = child(tokens, name, "poss")
    said = child(tokens, tokens[name].head, "attr")
    if whose is None or tokens[whose].lower not in ("his", "her", "its") or said is None or not is_name(tokens, said):
        return []
    kind = next((n for n in range(name - 1, -1, -1) if tokens[n].pos == "NOUN" and taken(tokens, n)), None)
    if kind is None or _role(tokens, kind).split()[-1] not in ROLES:  # "Sorry the autocorrect, her name is Lulu"
        return []
    return [Update(called_by(tokens, said), "role", _role(tokens, kind))]


def _role(tokens: tuple[Token, ...], role: int) -> str:
    """The role as the user said it, in one spelling: "tech lead", "best friend", "mum" (for "mom")."""
    word = cues.role_word(tokens[role].lower)
    if word in cues.PET_WORDS or _crossbreed(tokens, role):
        return _kind(tokens, role)
    before = role - 1
    if before >= 0 and tokens[before].head == role:
        phrase = f"{tokens[before].lower} {word}"
        if phrase in ROLES or tokens[before].dep == "compound" and word in ROLES:  # "best friend", "belay partner"
            return cues.ROLE_WORDS.get(phrase, phrase)  # "other half": the partner
    return word


def _crossbreed(tokens: tuple[Token, ...], word: int) -> bool:
    """"cross" or "mix" after a breed it ends ("my Jack Russell cross", "a collie mix")."""
    before = word - 1
    return tokens[word].lower in cues.CROSSBREEDS and before >= 0 and tokens[before].head == word and \
        tokens[before].lower in _PET_ENDS


def _kind(tokens: tuple[Token, ...], pet: int) -> str:
    """A pet's kind with the words that describe it ("grey tabby", "blue heeler", "rescue greyhound"), not a
    hyphenated age ("nine-year-old")."""
    lo = pet
    while lo > 0 and tokens[lo - 1].dep in ("amod", "compound") and tokens[lo - 1].head in range(lo, pet + 1) \
            and tokens[lo - 1].text.isalpha() and (lo < 2 or tokens[lo - 2].text != "-"):
        lo -= 1
    return " ".join(t.lower for t in tokens[lo : pet + 1])


#: Someone spoken of by a role alone, no name after it ("a kid who once forgot her own helmet", "my new boss is ..."):
#: the last such role in a message.
_UNNAMED = re.compile(rf"\b(?:a|an|my|our|the)\s+(?:(?:new|little|eldest|oldest|youngest|middle)\s+)?"
                      rf"(?P<role>kid|{cues.ROLES})\b(?!\s+(?-i:[A-Z])|['’]s\b)", re.IGNORECASE)


def asks_a_name(question: str) -> bool:
    """The assistant's last line asks someone's name ("What's her name, by the way?")."""
    return NAME_ASKED.search(question.strip().rsplit("\n", 1)[-1]) is not None


def unnamed_role(text: str) -> str:
    """The role of the last one `text` speaks of without their name, in one spelling ("a kid who ...": child), or "":
    whom the assistant's "What's her name, by the way?" after it asks about."""
    found = [m.group("role") for m in _UNNAMED.finditer(text)]
    return cues.role_word("child" if found and found[-1].lower() == "kid" else found[-1]) if found else ""
