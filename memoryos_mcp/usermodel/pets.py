"""The user's pets: what each is (its breed or coat, "kind") and its age, said in a list beside its name.

A pet is named with what it is in ways the people rules do not read: after its kind ("met a greyhound called
pepper"), in apposition ("there is a cat, Biscotto, orange and very fat"; "Bess, our old huntaway"), in answer to the
assistant ("Who's Figa?" -> "our dog. beagle, 4 years."), and described in a list after who it is ("Pepper is my
cat, a gray tabby, ten years old"; "Our dog Ember is a yellow lab, eight years old"). The pets named so far are
kept over the conversation: "he's our goldendoodle" is the pet the message names, or the last one spoken of.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from . import cues
from .kin import last_question
from .values import USER, Update

#: Breeds and coats said as what a pet is, beside the pet words ("a yellow lab", "a tortie").
_MORE_KINDS = ("(?:yellow|black|chocolate|golden|fox red|silver)\\s+lab|tortie|tortoiseshell|calico|huntaway|cocker|"
               "leopard gecko|corn snake|ball python|cockatiel")
_KIND = rf"(?:{_MORE_KINDS}|{cues.PETS})"
#: A kind, or a cross of it ("beagle mix", "Jack Russell cross").
_CROSSED = rf"{_KIND}(?:\s+(?:{'|'.join(cues.CROSSBREEDS)}))?"
#: The animals a pet is, before its breed is known.
_ANIMALS = frozenset("cat dog kitten puppy rabbit bunny hamster bird fish horse pony".split())
#: A pet's coat said on its own ("ginger", "black and white").
_COLOURS = "ginger|orange|black|white|grey|gray|brown|golden|cream|tabby|tan|brindle|chocolate|fawn|tortie"
_COLOUR = re.compile(rf"^(?:{_COLOURS})(?:(?:\s+&\s+|\s*/\s*|-)(?:{_COLOURS}))?$", re.IGNORECASE)
_COATS = re.compile(rf"\b({_COLOURS})\s+and\s+({_COLOURS})\b", re.IGNORECASE)
#: Words before a kind that only say how the user feels about the pet ("our little beagle").
_FOND = r"(?:(?:little|old|big|fat|lazy|new|baby|rescue|sweet|silly|daft|crazy|fluffy|good)\s+)"
_NAME = rf"(?:{cues.NAME}|(?-i:[a-z]{{3,}}))"
_MINE = r"(?:my|our|the\s+family(?:['’]s)?)"
#: The end of a kind's word ("cat", not "cat's" nor "catalogue", nor a person: "our dog walker", "a cat person").
_END = r"(?![\w'’-])(?!\s+(?:person|people|lover|lady|guy|owner|sitter|walker|groomer|trainer|mum|mom|dad)\b)"

#: "Pepper is my cat, ...", "Sisi is twelve, ginger, ...": a list of what the pet is follows.
_IS_MINE = re.compile(rf"\b(?P<v>{cues.NAME})\s+(?:is|['’]s)\s+{_MINE}\s+{_FOND}?(?P<k>{_KIND}){_END}", re.IGNORECASE)
#: "Our dog Ember is a yellow lab, eight years old", "Our dog, Biscuit, is an eleven-year-old Shih Tzu".
_MINE_IS = re.compile(rf"\b{_MINE}\s+{_FOND}?(?P<k>{_KIND})\s*,?\s+(?P<v>{cues.NAME})\s*,?\s+(?:is|['’]s)\b",
                      re.IGNORECASE)
#: "met a greyhound called pepper, 4 yrs old", "a tabby named Biscuit", "3 yr old greyhound called princess".
_CALLED = re.compile(rf"(?:\b(?:an?|the)\s+|\b\d{{1,2}}\s*(?:yrs?|years?)[\s-]old\s+)"
                     rf"{_FOND}?(?:[a-z]+\s+)?(?P<k>{_KIND})\s+(?:called|named)\s+(?P<v>{_NAME})\b", re.IGNORECASE)
#: "renamed her biddy": the pet last spoken of has a new name.
_RENAMED = re.compile(rf"\brenamed\s+(?:her|him)\s+(?P<v>{_NAME})\b", re.IGNORECASE)
#: "there is a cat, Biscotto, orange", "we have a dog, Rex,".
_HAVE_A = re.compile(rf"\b(?:there(?:['’]s|\s+is)|(?:we|i)\s+(?:have|got|adopted)|(?:we['’]ve|i['’]ve)\s+got|also)\s+"
                     rf"an?\s+{_FOND}?(?P<k>{_KIND})\s*,\s*(?P<v>{cues.NAME})\s*(?=[,.;!]|$)", re.IGNORECASE)
#: "Bess, our old huntaway" (not "Biscuit, her dog": whose, the words do not say).
_NAME_THEN = re.compile(rf"\b(?P<v>{cues.NAME}),\s+(?:my|our)\s+{_FOND}?(?P<k>{_KIND}){_END}",
                        re.IGNORECASE)
#: "The dog's gone off his food. Bosco, black Lab, he's 11": a sentence opening with a name and the breed it is,
#: said as in a list (not "Max, a boxer, asked me to spar").
_NAME_BREED = re.compile(rf"(?:^|(?<=[.!?]\s))(?P<v>{cues.NAME}),\s+{_FOND}?"
                         rf"(?P<k>(?:(?:{_COLOURS})\s+)?{_CROSSED})\s*(?=[,.;!]|$)", re.IGNORECASE)
#: "Yeah Biscuit our boxer mix he five": a sentence opening with the name and whose it is, then what is said of it,
#: without commas.
_NAME_OUR = re.compile(rf"(?:^|(?<=[.!?]\s))(?:(?:yeah|yes|so|and|oh|well|ok)\s+)?(?P<v>{cues.NAME})\s+(?:my|our)\s+"
                       rf"{_FOND}?(?P<k>{_CROSSED})\s+(?=(?:he|she)\b)", re.IGNORECASE)
#: Someone else's pet, named in the sentence before a list that names one ("My neighbour's dog is poorly.").
_THEIR_PET = re.compile(rf"\b(?:his|her|their|\w+['’]s)\s+{_FOND}?(?:{_KIND}){_END}", re.IGNORECASE)
#: Words opening a sentence that are no pet's name ("Yesterday our puppy he ...", "Sadly our cat she ...").
_OPENERS = frozenset("yesterday today tonight tomorrow anyway".split())
#: "he's our goldendoodle, 5 years old", "shes a lurcher" (of a pet known): the pet the message names, or the last
#: spoken of (not "she's a cat person", "thinks he's a rottweiler").
_IT_IS = re.compile(rf"(?<!\bthinks\s)(?<!\blike\s)\b(?:he|she|it)(?:['’]?s|\s+is)\s+(?:(?P<mine>{_MINE})|an?)\s+"
                    rf"{_FOND}?(?P<k>{_KIND}){_END}", re.IGNORECASE)
#: An answer opening with what the pet asked about is ("our dog. beagle", "Cat, obvio.", "She's a rescue collie").
_ANSWER = re.compile(rf"^\W*(?:(?:he|she|it)(?:['’]s|\s+is)\s+)?(?:{_MINE}\s+|an?\s+)?{_FOND}?(?P<k>{_KIND}){_END}",
                     re.IGNORECASE)
#: The assistant asking what a pet is ("Who's Figa?", "Is he a cat or a dog?", "What breed is she?").
_ASKS_KIND = re.compile(rf"\bwho(?:['’]s|\s+is)\s+(?P<v>{cues.NAME})|\ban?\s+{_KIND}\s+or\s+an?\s+{_KIND}\b|"
                        rf"\bwhat\s+(?:breed|(?:kind|sort|type)\s+of\s+(?:animal|pet|{_KIND}))\b", re.IGNORECASE)

#: Words of a clause that make the animal it names someone else's.
_OTHERS = re.compile(rf"\b(?:he|she|they|his|her|their|he['’]s|she['’]s|they['’]re)\b|\w['’]s\s|"
                     rf"\bmy\s+(?!(?:{'|'.join(sorted(cues.PARTNER_ROLES))}|son|daughter|kids|children)\b)"
                     rf"(?:{cues.ROLES})\b", re.IGNORECASE)
#: The user as the subject of a clause ("we adopted", "I've got").
_MY = re.compile(r"\b(?:i|we)\b|\b(?:i|we)['’]", re.IGNORECASE)

#: One item of a list saying what a pet is: an age ("ten years old", "4 yrs", "twelve", "he's 11").
_AGE = re.compile(rf"^(?:(?:he|she|it)(?:['’]?s|\s+is)?\s+)?(?:about\s+|nearly\s+|almost\s+)?"
                  rf"(?P<n>\d{{1,2}}|{cues.NUMBERS})"
                  r"(?:\s*(?:years?|yrs?|yo)(?:\s+old)?)?$", re.IGNORECASE)
#: A word before a kind, saying which ("gray", "border"): no pronoun, article or verb ("chases every cat").
_WORD = r"(?!(?:his|her|their|my|our|your|its|not|no|never|a|an|the|every|all|any|some|other)\b)[a-z]+(?<!s)"
#: An age said before a kind ("an eleven-year-old Shih Tzu").
_AGED = rf"(?:(?P<n>\d{{1,2}}|{cues.NUMBERS})[- ](?:years?|yrs?|yo)[- ]old\s+)?"
#: A breed or kind ("a gray tabby", "a yellow lab", "beagle", "an eleven-year-old Shih Tzu who is used to walks").
_BREED = re.compile(rf"^(?:(?:he|she|it)(?:['’]s|\s+is)\s+)?(?:an?\s+{_AGED}(?P<k>(?:{_WORD}\s+){{0,2}}?{_CROSSED})|"
                    rf"(?P<k2>(?:{_WORD}\s+)?{_CROSSED}))(?:\s+(?:who|that|which)\b.*)?$", re.IGNORECASE)
#: Words said in passing inside the list ("bosco is my dog btw, beagle mix"): passed over.
_FILLERS = frozenset(["btw", "by the way", "lol", "haha", "fyi", "though", "too"])
_ITEM = re.compile(r"\s*(?:[,;:]|[.!?](?:\s|$)|\band\b|\(|\))\s*", re.IGNORECASE)
#: The most items of a list read after who the pet is.
_ITEMS = 4


class Pets:
    """The pets named over the conversation, by name, and the last one spoken of."""

    def __init__(self) -> None:
        self._known: dict[str, str] = {}  #: each pet's kind, by name
        self._last = ""

    def read(self, text: str, question: str, updates: list[Update], roles: dict[str, str]) -> list[Update]:
        """What one message (re-cased) says each pet is, with the assistant's question before it; `updates` (the
        message's others) name pets by their role, as `roles` (by name in lower case) name people and pets."""
        self._known |= {u.subject: u.value for u in updates if u.attribute == "role" and is_pet(u.value)}
        people = {name for name, role in roles.items() if not is_pet(role)}
        text = _COATS.sub(r"\1 & \2", text)  # "black and white" is one coat, not two items of a list
        found = self._answered(text, question, people)
        for pattern in (_IS_MINE, _MINE_IS, _CALLED, _HAVE_A, _NAME_THEN):
            for match in pattern.finditer(text):
                name = _named(match.group("v"))
                unowned = pattern in (_CALLED, _HAVE_A)  # no "my" or "our" says whose it is
                if name and name.lower() not in people and not (
                        unowned and _someone_elses(text, match.start(), pattern is _CALLED)):
                    found += _described(name, match.group("k"), text[match.end():])
        found = self._kinds(found + _listed(text, people))
        for match in _IT_IS.finditer(text):
            name = self._spoken_of(text[: match.start()], people)
            if name and (match.group("mine") or name in self._known):  # "her little dog Biscuit he's a shih tzu": not
                found += _described(name, match.group("k"), text[match.end():])  # a pet of the user's yet
        for name in sorted(self._known):  # "Sisi is twelve, ginger, and hates everyone", "bosco is my dog, beagle mix";
            # not "the max is 2"
            for match in re.finditer(rf"(?<!\bthe\s)(?<!\ba\s)\b{re.escape(name)}\s+(?:is|['’]s)\s+"
                                     rf"(?:{_MINE}\s+{_FOND}?{_KIND}{_END})?", text, re.IGNORECASE):
                found += _described(name, "", text[match.end():])
        found = self._kinds(found) + self._renamed(text)
        said = {(u.subject, u.attribute) for u in updates}  # "Pip is 4. Sorry, she's 5, not 4.": put right already
        known = {name.lower(): name for name in self._known}  # "called princess": Princess
        self._last = next((known[w.lower()] for w in reversed(re.findall(r"[\w'’-]+", text)) if w.lower() in known),
                          self._last)
        return [u for u in found if (u.subject, u.attribute) not in said]

    def _kinds(self, found: list[Update]) -> list[Update]:
        """The pets' roles learnt; a breed said of a pet known by its animal ("Chato (dog)" then "he's our chihuahua")
        is what kind of dog it is, not a new role (a breed put right is: "shes a lurcher not a greyhound")."""
        kept = []
        for update in found:
            known = self._known.get(update.subject, "")
            if update.attribute == "role" and known in _ANIMALS and update.value not in _ANIMALS:
                update = Update(update.subject, "kind", update.value)
            elif update.attribute == "role":
                self._known[update.subject] = update.value
            kept.append(update)
        return kept

    def _renamed(self, text: str) -> list[Update]:
        """"shes home!! renamed her biddy": what was known of the pet last spoken of is the new name's (a name
        put right, as "Bonnie, not Bella" is)."""
        match = _RENAMED.search(text)
        name = _named(match.group("v")) if match else ""
        if not name or not self._last or name == self._last:
            return []
        old, self._last = self._last, name
        self._known[name] = self._known.get(old, "")
        return [Update(USER, "", name, "correct", old=old)]

    def _answered(self, text: str, question: str, people: set[str]) -> list[Update]:
        """"Who's Figa?" -> "our dog. beagle, 4 years."; "Poor Churro. Is he a cat or a dog?" -> "Cat, obvio.
        Orange, 4 years": the pet the question names (or the one its words before name) is what the answer opens
        with."""
        asked = last_question(question)
        kind = _ASKS_KIND.search(asked) if asked else None
        given = _ANSWER.match(text) if kind else None
        if kind is None or given is None:
            return []
        name = kind.group("v") or _last_name(question[: question.rfind(asked) + kind.start()], self._known)
        if not name or name.lower() in people:
            return []
        return _described(name, given.group("k"), text[given.end():], skip=1)

    def _spoken_of(self, before: str, people: set[str]) -> str:
        """The pet "he" or "she" is: the last name said before it in the message that is no one's known to be a
        person ("took Biscuit to the vet in Derek's truck. he's our goldendoodle"), else the last pet spoken of."""
        return _last_name(before, self._known, people) or self._last


def _listed(text: str, people: set[str]) -> list[Update]:
    """"The dog's gone off his food. Bosco, black Lab, he's 11", "Yeah Biscuit our boxer mix he five": a pet named
    opening its sentence with its breed, and more said of it in a list; not someone else's pet named in the sentence
    before ("My neighbour's dog is poorly. Bosco, ..."), nor a word opening a sentence ("Sadly our cat she ...")."""
    found = []
    for pattern in (_NAME_BREED, _NAME_OUR):
        for match in pattern.finditer(text):
            name = _named(match.group("v"))
            before = re.split(r"(?<=[.!?])\s", text[: match.start()].rstrip())[-1]
            if not name or name.lower() in people | _OPENERS or name.lower().endswith("ly") or \
                    _THEIR_PET.search(before):
                continue
            said = _described(name, match.group("k"), text[match.end():])
            found += said if len(said) > 1 else []  # more than its breed ("Max, boxer, asked me to spar": no pet)
    return found


def _someone_elses(text: str, at: int, said_mine: bool) -> bool:
    """The clause before `at` speaks of someone else's animal ("my boss has a tabby called Mochi", "my neighbour's
    dog"); `said_mine`: unless it says the user's ("we adopted", "met a greyhound called pepper"; not "the studio is
    eleven people and a dog called Brutus")."""
    clause = re.split(r"[.!?;]\s", text[:at])[-1]
    opener = clause.split()[0].lower() if clause.split() else ""
    mine = _MY.search(clause) is not None or opener.endswith("ed") or opener in cues.IRREGULAR_PAST or not opener
    return _OTHERS.search(clause) is not None or said_mine and not mine


def says_less(known: str, said: str) -> bool:
    """A pet known by its breed said again by its animal ("Rusty (jack russell cross)" then "Rusty is my dog"):
    nothing new."""
    return said in _ANIMALS and is_pet(known) and known not in _ANIMALS


def is_pet(role: str) -> bool:
    """The role is a kind of pet ("cat", "yellow lab", "beagle mix")."""
    return re.fullmatch(_CROSSED, role, re.IGNORECASE) is not None


def _last_name(said: str, pets: Collection[str], people: frozenset[str] | set[str] = frozenset()) -> str:
    """The last pet named in `said`, else its last capitalised word inside a sentence that is a name (not a
    possessive, a person's or an everyday word's)."""
    words = list(re.finditer(r"[\w'’-]+", said))
    for match in reversed(words):
        if match.group(0) in pets:
            return match.group(0)
    for match in reversed(words):
        word = match.group(0)
        opens = said[: match.start()].rstrip()[-1:] in ("", ".", "!", "?")
        low = word.lower()
        if re.fullmatch(cues.NAME, word) and not opens and low not in people | cues.NOT_NAMES | cues.ROLE_SET:
            return word
    return ""


def _named(word: str) -> str:
    """A name as a pattern read it, capitalised when chat wrote it without ("called pepper"); '' for a word no name
    is."""
    if word.lower() in cues.NOT_NAMES or word.lower() in cues.ROLE_SET:
        return ""
    return word.capitalize() if word.islower() else word


def _described(name: str, kind: str, rest: str, skip: int = 0) -> list[Update]:
    """The pet's role (its kind word, when said) and what the list after it says: a breed or coat, an age;
    `skip`: that many one-word items said in passing ("Cat, obvio. Orange") are passed over."""
    found = [Update(name, "role", _kind_word(kind))] if kind else []
    for n, item in enumerate(i for i in _ITEM.split(rest[:160]) if i):
        item = item.strip().lower()
        age, breed = _AGE.match(item), _BREED.match(item)
        breed_said = breed.group("k") or breed.group("k2") if breed else ""
        aged = breed.group("n") if breed else None  # "an eleven-year-old Shih Tzu"
        if age:
            found.append(Update(name, "age", age.group("n")))
        elif breed_said and _kind_word(breed_said) != _kind_word(kind):
            found += [Update(name, "kind", breed_said)] + ([Update(name, "age", aged)] if aged else [])
        elif _COLOUR.match(item):
            found.append(Update(name, "kind", item.replace(" & ", " and ")))
        elif skip and " " not in item and n < skip or item in _FILLERS:
            continue
        else:
            break
        if n + 1 >= _ITEMS:
            break
    return found


def _kind_word(kind: str) -> str:
    """The word a kind of pet is called by ("Cat" -> "cat"; "a yellow lab": "yellow lab")."""
    return " ".join(kind.lower().split())
