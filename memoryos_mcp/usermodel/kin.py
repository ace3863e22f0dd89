"""Who a person is to the user when the words around the name say it, not "my brother Danny".

Kinship is often said through someone else ("his wife Priya", "Steve's wife", "my son's wife Anna"), named
after the fact ("my dad ... He's called Kenji", "His name is Vasant"), or as a title before the name ("Uncle
Bob", and in Filipino English "ate Joy", "tita Lorna"). A pronoun is the last person named, kept in a short
list of "name:gender" entries (a role word stands for a person not yet named: "dad:m"); the assistant's
question names who an answer is about ("Does Tiago cook?" -> "he's an architect").
"""

from __future__ import annotations

import re

from ..language.nlp import common_word
from . import cues
from .values import Update

_NAME = cues.NAME
_KIN = rf"(?:{cues.ROLES}|{cues.PETS})"
#: Words for someone not yet named ("a guy", "a woman"), with the gender each tells.
_SOMEONE = {"bloke": "m", "guy": "m", "man": "m", "fella": "m", "chap": "m", "lad": "m", "boy": "m",
            "woman": "f", "lady": "f", "girl": "f", "kid": ""}
#: "my neighbour is a bloke called Ron", "the new boss is a woman named Asha".
_ROLE_CALLED = re.compile(
    rf"\b(?P<role>{cues.ROLES})\b(?:\s+(?:here|now|there)\b)?(?:[^.!?,;]{{0,25}}?)\s+(?:is|'s)\s+an?\s+"
    rf"(?:[a-z]+\s+)?(?:{'|'.join(_SOMEONE)})\s+(?:called|named)\s+(?P<v>{_NAME})",
    re.IGNORECASE)
#: Someone met and then named in apposition ("there is a guy in the other team, Tomás, argentinian"): the name
#: is who "he" or "she" is next, whatever the tagger took the name for (often a place).
_INTRODUCED = re.compile(rf"\ban?\s+(?:[a-z]+\s+)?(?P<kind>{'|'.join(_SOMEONE)})\b[^.!?,;:]{{0,40}},\s+"
                         rf"(?P<v>{_NAME})\s*(?=[,.;!?]|$)", re.IGNORECASE)
#: A name with who it is to the user in apposition after it ("Bess, our old huntaway,", "Priya, my manager,").
_OURS_NAMED = re.compile(rf"\b(?P<v>{_NAME}),\s+(?:my|our)\s+(?:[a-z]+\s+){{0,2}}[a-z]+\s*,")
#: "they have a little boy, Arjun", "she had a baby girl called Isla": a child of the last person named.
_CHILD = re.compile(rf"\b(?P<who>he|she|they)\s+(?:have|has|had|just\s+had)\s+an?\s+(?:little\s+|baby\s+|new\s+)?"
                    rf"(?P<kind>boy|girl|son|daughter|baby)\s*(?:,|\s+called|\s+named)\s+(?P<v>{_NAME})")
#: "He's called Kenji", "his name is Vasant" ("her names Lupe" in chat), "Named him Biltong" (not "we called her
#: Bubbles", a pet name): the name of the one "he" or "she" is.
_NAMED_AS = (re.compile(rf"\b(?P<who>he|she)(?:'s|\s+is)\s+(?:called|named)\s+(?P<v>{_NAME})", re.IGNORECASE),
             re.compile(rf"\b(?P<who>his|her)\s+name(?:'s|s|\s+is)\s+(?P<v>{_NAME}|(?-i:[a-z]{{3,}})(?=\s*[,.;!]|$))",
                        re.IGNORECASE),
             re.compile(rf"(?:^|\b(?:i|we)\s+)named\s+(?P<who>him|her)\s+(?P<v>{_NAME})", re.IGNORECASE))
#: "He's László, came out of Hungary in 1956": a name said as who "he" is, when no everyday word is written so
#: ("she's Polish", "he's Head of Sales" are not names); read only in an answer about him.
_IS_NAMED = re.compile(rf"(?:^|[.!?;]\s+|,\s+)(?P<who>he|she)(?:'s|’s|\s+is)\s+(?P<v>{_NAME})(?=\s*[,.;!]|$)",
                       re.IGNORECASE)
#: "his wife Priya", "Steve's wife, Priya", "my son's wife Priya", "her little dog Biscuit".
_RELATION = re.compile(
    rf"(?<![\w'’-])(?P<owner>his|her|their|(?:my|our)\s+(?P<mine>{cues.ROLES})['’]s|(?P<name>{_NAME})['’]s)\s+"
    rf"(?:(?:little|old|new|baby|eldest|oldest|youngest|younger|older)\s+)?(?P<role>{_KIN})\s*,?\s+(?P<v>{_NAME})\b",
    re.IGNORECASE)
_TITLES = "|".join(sorted(cues.KIN_TITLES, key=len, reverse=True))
#: A kin title before a name ("Uncle Bob", "tita Lorna"); not a relative's ("her nanna Marg" is Mia's).
_TITLED = re.compile(rf"(?<![\w'’-])(?P<mine>(?:my|our)\s+)?(?P<t>{_TITLES})\s+(?P<v>{_NAME})\b", re.IGNORECASE)
_POSSESSED = re.compile(r"(?:\b(?:his|her|their|its)|['’]s)\s+$", re.IGNORECASE)
#: A name the assistant asks who it is ("Who's Priya?", "Who is Sam, a friend?"): a person, whatever the tagger says.
_WHO_IS = re.compile(rf"\bwho(?:'s|’s|\s+is)\s+(?P<v>{_NAME})\b", re.IGNORECASE)
#: "your dad", "your sister" in the assistant's question: who the answer's "he" or "she" is.
_YOUR_ROLE = re.compile(rf"\byour\s+({cues.ROLES})\b", re.IGNORECASE)
_PRONOUNS = frozenset({"he", "she", "they"})
#: The gender a pronoun tells.
_GENDER_OF = {"he": "m", "his": "m", "him": "m", "she": "f", "her": "f"}
#: The subject pronoun of an object or possessive one ("her name is ...", "named him ...", "at her place").
SUBJECT_OF = {"his": "he", "him": "he", "her": "she", "their": "they", "them": "they"}
_SHE = frozenset("she her herself she's she'd she'll".split())
_HE = frozenset("he him himself he's he'd he'll".split())
#: The name someone goes by, said right after their name ("Juliana, everybody calls her Ju", "Rebecca but I call her
#: Bex", "Rebecca, though most people call her Bex", "Margaret, she goes by Peggy"): no one else.
_NICKNAME = re.compile(rf"\s*,?\s*(?:but\s+|and\s+|though\s+|although\s+)?(?:(?:every(?:body|one)|we(?:\s+all)?|"
                       rf"they(?:\s+all)?|i|(?:most\s+)?people|friends|(?:the\s+)?family)\s+calls?\s+(?:her\s+|him\s+)?|"
                       rf"(?:she|he)\s+goes\s+by\s+)({_NAME})\b", re.IGNORECASE)
#: The assistant asking a person's name: "What's her name?", "what is your mum called?", "what do you call him?".
NAME_ASKED = re.compile(
    rf"\bwhat(?:'s|’s|\s+is)\s+(?:(?P<pron>his|her)\s+name|(?P<pron2>he|she)\s+called|your\s+(?P<role>{cues.ROLES})"
    rf"(?:['’]s\s+name|\s+called))\b|\bwhat\s+do\s+you\s+call\s+(?P<pron3>him|her)\b", re.IGNORECASE)
#: An answer that is a name, alone or said as one ("halina.", "It's Halina", "Her name's Halina").
_NAME_GIVEN = re.compile(rf"^\W*(?:(?:it's|it is|she's|he's|(?:her|his)\s+name(?:'s|\s+is)|called)\s+)?(?P<v>{_NAME})"
                         r"(?=\s*(?:[.,!;:)-]|$|\s+(?:and|but|btw|lol|haha)\b))", re.IGNORECASE)
#: A pet's kind said after its name in the same answer ("Biscuit, corgi", "Pip - a beagle").
_KIND_GIVEN = re.compile(rf"\s*[,-]?\s*(?:an?\s+)?(?P<k>{cues.PETS})\b", re.IGNORECASE)
#: An answer that is a pet's kind ("blue heeler, 9 years old", "He's a beagle").
_KIND_ALONE = re.compile(rf"^\W*(?:(?:he's|she's|it's|he is|she is|it is)\s+)?(?:an?\s+)?(?:[a-z]+\s+){{0,2}}?"
                         rf"(?P<k>{cues.PETS})\b(?=\s*(?:[,.;!]|$))", re.IGNORECASE)
#: An age said in years ("9 years old", "he's 11"; not "we've had him 9 years").
_YEARS_OLD = re.compile(r"\b(\d{1,2})\s*(?:(?:years?|yrs?)\s+old|yo)\b|\b(?:he|she)(?:'s|\s+is)\s+(\d{1,2})\b",
                        re.IGNORECASE)
#: The assistant asking what kind of animal a pet is ("What kind of animal is she?", "what breed is he?").
_KIND_ASKED = re.compile(r"\bwhat\s+(?:kind|sort|type|breed)\s+(?:of\s+\w+\s+)?(?:is|are)\s+(?:he|she|it)\b",
                         re.IGNORECASE)
#: An answer that is the kind with the name beside it ("A rabbit, Clover", "she's a beagle, Pip").
_PET_GIVEN = re.compile(rf"^\W*(?:(?:he's|she's|it's|he is|she is|it is)\s+)?an?\s+(?P<k>{cues.PETS})\s*,\s*"
                        rf"(?:called\s+|named\s+)?(?P<v>{_NAME})\b", re.IGNORECASE)
#: "my mum's", "my mums" (chat): the role is the person spoken of, named or not.
_MY_KIN = re.compile(rf"\bmy\s+({cues.ROLES})(?:['’]?s)\b", re.IGNORECASE)
#: Roles whose pets live with the user or the family ("my boyfriend's staffy", not "my neighbour's dog").
_HOUSEHOLD = cues.PARTNER_ROLES | cues.MALE_ROLES | cues.FEMALE_ROLES | {"parents", "child"}


def kin_updates(text: str, recent: list[str], names: set[str], answering: bool = False) -> list[Update]:
    """The roles one sentence gives people through another person, a pronoun or a title; `recent` (the
    people last named) is updated with the people it names. `answering`: the message answers the assistant's
    question about "he" or "she" ("Where does he live?" -> "Nelson. He's László, ...")."""
    for match in _MY_KIN.finditer(text):  # "lunch at my mum's in paisley": the mum is the last named
        mention(recent, cues.role_word(match.group(1)), cues.role_word(match.group(1)))
    return _named_as(text, recent, answering) + _role_called(text, recent) + _relations(text, recent, names) + \
        _children(text, recent, names) + _titled(text, recent)


def _children(text: str, recent: list[str], names: set[str]) -> list[Update]:
    """"His wife Priya ... and they have a little boy, Arjun": Arjun is Priya's son."""
    found = []
    for match in _CHILD.finditer(text):
        name = match.group("v")
        whose = _before(text, match.start(), recent, names, match.group("who").lower())
        if not whose or whose in _PRONOUNS or not _is_name(name):
            continue
        kind = {"boy": "son", "girl": "daughter", "baby": "child"}.get(match.group("kind"), match.group("kind"))
        found.append(Update(name, "role", f"{whose}'s {kind}", weak=True))
        mention(recent, name, kind)
    return found


def _role_called(text: str, recent: list[str]) -> list[Update]:
    """"neighbour here is a bloke called Ron": Ron is the neighbour."""
    found = []
    for match in _ROLE_CALLED.finditer(text):
        name, role = match.group("v"), cues.role_word(match.group("role"))
        if _is_name(name):
            found.append(Update(name, "role", role))
            mention(recent, name, role)
    return found


def last_question(reply: str) -> str:
    """The question the assistant's reply ends with ("Lovely. How old is Eilidh?": "How old is Eilidh?"); '' when it
    ends with none."""
    return re.split(r"(?<=[.!?])\s+", reply.strip())[-1] if reply.strip().endswith("?") else ""


def asked_about(question: str, recent: list[str], names: set[str]) -> None:
    """The people the assistant's question names become the last named, in the order it names them, a name it asks
    about too ("Who's Priya, a friend or a coworker?"); a reply that asks nothing names no one the answer is
    about."""
    asked = last_question(question)
    found = [(m.start(), cues.role_word(m.group(1))) for m in _YOUR_ROLE.finditer(asked)]
    found += [(m.start(), m.group(0)) for m in re.finditer(rf"\b{_NAME}\b", asked) if m.group(0) in names]
    found += [(m.start("v"), m.group("v")) for m in _WHO_IS.finditer(asked) if m.group("v") not in names]
    for _, person in sorted(found):
        mention(recent, person, person if person.islower() else "")


def answered_name(question: str, text: str, recent: list[str]) -> list[Update]:
    """A name given in answer to the assistant's asking it ("What's her name?" -> "halina. she'll love that"):
    the name of the one the question asks about (a role not yet named: "her" after "my mum")."""
    asked = NAME_ASKED.search(question.strip().rsplit("\n", 1)[-1])
    if asked is None:
        return _kind_answered(question, text, recent)
    given = _NAME_GIVEN.match(text)
    if asked is None or given is None or not _is_name(given.group("v")):
        return []
    pronoun = asked.group("pron") or asked.group("pron2") or asked.group("pron3") or ""
    who = cues.role_word(asked.group("role")) if asked.group("role") else referent(
        recent, SUBJECT_OF.get(pronoun.lower(), pronoun.lower()), animals=True)
    kind = _KIND_GIVEN.match(text, given.end("v"))  # "What's his name and breed?" -> "biscuit, corgi"
    who = kind.group("k").lower() if kind else who
    name = given.group("v")
    # whom the question asks about was never said (no one asks the name of someone named): the name given is whom
    # "he" or "she" stands for next
    if not who.islower() or who in ("he", "she"):
        mention(recent, name, gender=_GENDER_OF.get(pronoun.lower(), ""))
        return []
    if who in _PRONOUNS:
        return []  # no one to name
    mention(recent, name, who)
    return [Update(name, "role", who)]


def name_given(text: str) -> bool:
    """The text is a name given alone or as one ("Tessa.", "It's Halina")."""
    given = _NAME_GIVEN.match(text)
    return given is not None and _is_name(given.group("v"))


def _kind_answered(question: str, text: str, recent: list[str]) -> list[Update]:
    """A pet's kind given in answer to what kind of animal it is, with its name ("What kind of animal is she?" ->
    "A rabbit, Clover, ...") or of the pet the question names ("Sarge has found the best seat. What kind of dog
    is he?" -> "blue heeler, 9 years old"), with the age said beside it."""
    line = question.strip().rsplit("\n", 1)[-1]
    asked = _KIND_ASKED.search(line)
    given = _PET_GIVEN.match(text) if asked else None
    if given is not None and _is_name(given.group("v")):
        kind = given.group("k").lower()
        mention(recent, given.group("v"), kind)
        return [Update(given.group("v"), "role", kind)]
    alone = _KIND_ALONE.match(text) if asked else None
    pet = _pet_asked_about(line[: asked.start()]) if asked and alone else ""
    if not pet:
        return []
    kind = alone.group("k").lower()  # type: ignore[union-attr]  # set with pet
    mention(recent, pet, kind)
    age = _YEARS_OLD.search(text)
    return [Update(pet, "role", kind)] + ([Update(pet, "age", age.group(1) or age.group(2))] if age else [])


def _pet_asked_about(said: str) -> str:
    """The name the assistant's words before its question give ("Sounds like Sarge has found ..."): the last one no
    everyday word is, not opening a sentence."""
    names = [m.group(0) for m in re.finditer(_NAME, said)
             if m.start() > 0 and said[: m.start()].rstrip()[-1:] not in ".!?" and _is_name(m.group(0))
             and not common_word(m.group(0))]
    return names[-1] if names else ""


def _named_as(text: str, recent: list[str], answering: bool = False) -> list[Update]:
    """"He's called Kenji" of the dad named before: Kenji is the dad; "adopted a kitten, his name is Pickles": the
    kitten not yet named; "my sister ... her name is Juliana, everybody calls Ju": Ju, in full Juliana; in an answer
    about him, "He's László," (said out of one, "he's Māori," is what he is)."""
    found = []
    said = [m for pattern in _NAMED_AS for m in pattern.finditer(text)] + \
        [m for m in _IS_NAMED.finditer(text) if answering and not common_word(m.group("v"))]
    for match in said:
        name = _said_name(match)
        if not name:
            continue
        goes_by = _NICKNAME.match(text, match.end())
        nickname = goes_by.group(1) if goes_by and _is_name(goes_by.group(1)) else ""
        if nickname and nickname in {p.split(":")[0] for p in recent if not p.endswith(":")}:
            # "my sister Ju" before (her role told who she is): this is her full name
            found.append(Update(nickname, "fullname", name))
            continue
        pronoun = match.group("who").lower()
        who = referent([p for p in recent if p.split(":")[0] not in (nickname, name)], SUBJECT_OF.get(pronoun, pronoun),
                       animals=True)  # "adopted a kitten, his name is Pickles"
        if who.islower() and who not in _PRONOUNS and _is_name(name):
            known = nickname or name  # the name they go by
            found += [Update(known, "role", who)] + ([Update(known, "fullname", name)] if nickname else [])
            mention(recent, known, who)
    return found


def _said_name(match: re.Match[str]) -> str:
    """The name a pattern read, capitalised when chat wrote it without ("her name is renee,"); '' for an everyday
    word ("her name is weird.")."""
    name = match.group("v")
    if not name.islower():
        return name
    return "" if common_word(name) else name.capitalize()


def _relations(text: str, recent: list[str], names: set[str]) -> list[Update]:
    """"His wife Priya" (his: the last man named), "Steve's wife Priya", "my son's wife Priya": Priya is the
    son's or Steve's wife. Said in passing, weak: it never replaces a role the user gave them."""
    found = []
    for match in _RELATION.finditer(text):
        name, owner = match.group("v"), match.group("owner").lower()
        role = cues.role_word(match.group("role"))
        if match.group("mine"):
            whose = cues.role_word(match.group("mine"))
        elif match.group("name"):
            whose = match.group("name") if match.group("name") in names else ""
        else:
            pronoun = SUBJECT_OF[owner]
            whose = _before(text, match.start(), recent, names, pronoun)
        if not whose or whose in _PRONOUNS or not _is_name(name) or name == whose:
            continue
        pet = role not in cues.ROLE_SET  # "his staffy Bruno" is a dog whoever took him for a person before
        if pet and whose.islower() and whose not in _HOUSEHOLD:
            continue  # the old neighbour's dog is no pet of the user's
        found.append(Update(name, "role", f"{whose}'s {role}", weak=not pet))
        mention(recent, name, role)
    return found


def places_named(words: list[str]) -> set[str]:
    """The words said after "in", "at", "near" ... (cues.BEFORE_PLACE): places, whatever the tagger took them for;
    not one with a possessive, as its ending or as the next word ("at Jo's": Jo's home, and Jo someone)."""
    return {word for at, word in enumerate(words) if at and words[at - 1].lower() in cues.BEFORE_PLACE
            and not word.endswith(("'s", "’s")) and not (at + 1 < len(words) and words[at + 1].lower() in ("'s", "’s"))}


def _before(text: str, start: int, recent: list[str], names: set[str], pronoun: str) -> str:
    """Who a possessive pronoun at `start` stands for: the last person named before it in the sentence, else
    the last one named before the sentence (not one the sentence names only after it, nor a place it names)."""
    genders = dict(p.split(":") for p in recent)
    other = {"he": "f", "she": "m"}.get(pronoun, "")
    said = re.findall(r"[\w'’-]+", text)
    words = [w.removesuffix("'s").removesuffix("’s") for w in said]
    places = places_named(said)
    before = words[: len(re.findall(r"[\w'’-]+", text[:start]))]
    for word in reversed(before):
        person = word in names and word[:1].isupper() or word in genders
        if person and word not in places and genders.get(word, "") != other:
            return word
    after = set(words[len(before):]) - set(before)
    return referent([p for p in recent if p.split(":")[0] not in after | places], pronoun)


def _titled(text: str, recent: list[str]) -> list[Update]:
    """"Uncle Bob", "ate Joy": a person called with the title, of the title's role."""
    found = []
    for match in _TITLED.finditer(text):
        title = match.group("t").lower()
        if _POSSESSED.search(text[: match.start()]) or match.group("mine") and title in cues.ROLE_SET:
            continue  # "her nanna Marg" is someone else's; "my uncle Bob" is said so elsewhere
        if not _is_name(match.group("v")):
            continue
        role = cues.KIN_TITLES[title]
        person = f"{title.capitalize()} {match.group('v')}"
        found.append(Update(person, "role", role, weak=True))  # "tita" is any older woman too: a stated role wins
        mention(recent, person, role)
    return found


def _is_name(word: str) -> bool:
    low = word.lower()
    return low not in cues.NOT_NAMES and low not in cues.ROLE_SET and low not in cues.KIN_TITLES


def introduced(text: str, recent: list[str]) -> None:
    """Someone the sentence names after saying who they are ("a guy in the other team, Tomás,") becomes the
    latest named, of the gender the word for them tells; so does one named before it ("Bess, our old huntaway,
    she's 11": Bess, whatever a huntaway is), and one whose name is said of no one known ("her name is Renee,
    she's a nurse")."""
    for match in _INTRODUCED.finditer(text):
        if _is_name(match.group("v")):
            mention(recent, match.group("v"), gender=_SOMEONE[match.group("kind").lower()])
    for match in _OURS_NAMED.finditer(text):
        if _is_name(match.group("v")) and not common_word(match.group("v")):  # not "Anyway, my sister, ..."
            mention(recent, match.group("v"))
    for match in _NAMED_AS[1].finditer(text):  # "her name is Renee, she's a dental hygienist", of no one named
        pronoun = SUBJECT_OF[match.group("who").lower()]  # before: she is Renee
        name = _said_name(match)
        if name and _is_name(name) and referent(recent, pronoun, animals=True) == pronoun:
            mention(recent, name, gender=_GENDER_OF[pronoun])


#: The gender kept for an animal not yet named ("we got a dog"): "he" or "she" may stand for it.
ANIMAL = "a"


def mention(recent: list[str], person: str, role: str = "", gender: str = "") -> None:
    """`person` is the latest named; the list keeps a few, each with the gender its role tells ("Paul:m") or
    `gender` (ANIMAL for a pet). A word with a colon ("10:30", "Re:") is no one."""
    if ":" in person:
        return
    if not gender:
        gender = "m" if role in cues.MALE_ROLES or person in cues.MALE_ROLES else \
            "f" if role in cues.FEMALE_ROLES or person in cues.FEMALE_ROLES else \
            "p" if role in cues.PLURAL_ROLES or person in cues.PLURAL_ROLES else ""
    known = next((p.split(":")[1] for p in recent if p.split(":")[0] == person), "")
    recent[:] = [p for p in recent if p.split(":")[0] != person][-4:] + [f"{person}:{gender or known}"]


def gendered(recent: list[str], text: str, persons: set[str]) -> None:
    """The one person named without a gender takes the one the message's pronouns tell ("Lorraine's been on at me
    ... to shut her up": Lorraine is "she" in the next message), by those said after the name; only someone the tagger
    takes for a person ("the Transit ... she's not worth fixing" is a van), and none when they are both "he" and
    "she"."""
    unknown = [n for n, entry in enumerate(recent) if entry.endswith(":")]
    name = recent[unknown[0]][:-1] if len(unknown) == 1 else ""
    said = re.search(rf"\b{re.escape(name)}\b", text) if name in persons else None
    words = {w.lower() for w in re.findall(r"[\w']+", text[said.start():])} if said else set()
    female, male = bool(words & _SHE), bool(words & _HE)
    gender = "f" if female and not male else "m" if male and not female else ""
    # "my brother Mark ... Robin from his work told him": him is Mark, already the man last named
    if gender and not any(entry.endswith(f":{gender}") for entry in recent):
        recent[unknown[0]] += gender


def spoken_of(recent: list[str], text: str) -> bool:
    """The message speaks of someone last named: by name, or as "he" or "she"."""
    words = {w.lower() for w in re.findall(r"[\w']+", text)}
    return bool(words & (_SHE | _HE)) or any(entry.split(":")[0].lower() in words for entry in recent)


def carried(recent: list[str], roles: dict[str, str]) -> list[str]:
    """The people named before, carried on to the next message: those whose gender is known, from their
    mention or from the role the user gave them ("Steve" the son: "his wife Priya" next is Steve's)."""
    kept = []
    for entry in recent:
        person, gender = entry.split(":")
        role = roles.get(person.lower(), "")
        gender = gender or ("m" if role in cues.MALE_ROLES else "f" if role in cues.FEMALE_ROLES else "")
        if gender:
            kept.append(f"{person}:{gender}")
    return kept


def forget(recent: list[str], place: str) -> None:
    """A word said to be a place or an employer is no one "he" or "she" can be ("moving to Darwin")."""
    recent[:] = [p for p in recent if p.split(":")[0].lower() != place.lower()]


def referent(recent: list[str], pronoun: str, unless: str = "", animals: bool = False) -> str:
    """Who "he", "she" or "they" is: the latest person named whose role does not say otherwise (and not what is
    said of them, `unless`: "they're moving to Darwin", where the tagger took Darwin for a person); an animal not
    yet named only when `animals` ("What's her name?" after "we got a dog"; not "she's a nurse")."""
    other = {"he": {"f", "p"}, "she": {"m", "p"}}.get(pronoun, set()) | (set() if animals else {ANIMAL})
    for entry in reversed(recent):
        person, gender = entry.split(":")
        if gender not in other and person.lower() != unless.lower():
            return person
    return pronoun
