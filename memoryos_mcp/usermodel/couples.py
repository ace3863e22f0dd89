"""A partnership that starts or moves on, read by grammar: asked to be someone's partner and saying yes ("Tom
asked me to be his girlfriend and I said yes", "she proposed, I said yes"), engaged ("Mia and I got engaged",
"I'm engaged to Tom", "we're getting married in June"), married ("Ben and I got married", "I married Ben") or a
couple ("me and Imani are official", "Tom and I are dating", "we've been together ten years", "Theo asked if I want
to be official" with a yes).

Each gives the other person the partner's role they now have (boyfriend, fiancée, husband): applied, it
replaces their old role and closes another person's partner role (apply.py), as the user has one partner at a
time. The role's word needs the person's gender: from the words said ("his girlfriend", "my girlfriend Mia") or
from the role they were last named with; unknown, no role is given (a wrong one is worse than none), except
"partner", which needs none.
"""

from __future__ import annotations

from ..language.nlp import Sentence, Token
from . import cues
from .kin import referent
from .tree import capitalised, child, is_name, object_of
from .values import Update

_ASK = frozenset({"ask", "asks", "asked", "asking"})
_PROPOSE = frozenset({"propose", "proposes", "proposed"})
_MARRY = frozenset({"marry", "marries", "married"})
#: Words saying two people are a couple ("we're official now", "Tom and I are dating", "Sheila and me are going
#: steady").
_COUPLED = frozenset({"official", "dating", "exclusive", "steady"})
#: "Together" with these says a couple ("me and Dougie have been together 15 years", "we're together now"); not
#: "went together", nor "were together" (over).
_BEEN = frozenset({"been", "are", "'re", "re"})
_A_DAY = frozenset("today tonight yesterday day week weekend morning afternoon evening night".split())
#: Words that say a couple is over ("we stopped dating", "Leo and I were dating"), or said after it ("but we
#: broke up").
_OVER = frozenset({"stopped", "quit", "was", "were", "used"})
_ENDED = frozenset({"broke", "split"})
#: Words of a yes or a no to the question asked ("I said yes", "I say yes 🥹", "I turned him down"); not a "yeah",
#: which opens sentences that are no answer ("Yeah I'm still thinking about it").
_YES = frozenset({"yes", "yess", "yesss", "accepted"})
_NO = frozenset({"no", "nope", "down", "declined", "refused", "not", "n't"})
_USER = frozenset({"i", "me", "we", "us"})
#: The role each word of a partnership gives, by the gender of the one it is said of.
_ROLE = {("partner", ""): "partner", ("partner", "m"): "boyfriend", ("partner", "f"): "girlfriend",
         ("engaged", "m"): "fiancé", ("engaged", "f"): "fiancée", ("married", "m"): "husband", ("married", "f"): "wife"}


def partnered(sentences: list[Sentence], last_person: list[str]) -> list[Update]:
    """The partner roles the page's stated sentences give, each once (the last said wins)."""
    said = " ".join(s.text for s in sentences).lower()
    found: dict[str, str] = {}
    for sentence in sentences:
        tokens = capitalised(sentence.tokens)
        for person, role in _asked(tokens, last_person) if _answered_yes(said) else []:
            found[person] = role
        for person, role in _engaged(tokens, last_person):
            found[person] = role
    return [Update(person, "role", role) for person, role in found.items()]


def _answered_yes(text: str) -> bool:
    """The page says yes to what was asked, and no no ("I said yes", not "I said no" or "I turned him down")."""
    words = set(text.replace("’", "'").replace("n't", " n't").split())
    words = {w.strip(".,!?;:)(") for w in words}
    return bool(words & _YES) and not words & _NO


def _asked(tokens: tuple[Token, ...], last_person: list[str]) -> list[tuple[str, str]]:
    """"X asked me to be his girlfriend", "X asked me to marry him", "X proposed": X and the role they have."""
    found = []
    for n, token in enumerate(tokens):
        if token.lower not in _ASK | _PROPOSE:
            continue
        person = _who(tokens, child(tokens, n, "nsubj"), last_person)
        if person is None:
            continue
        name, gender = person
        if token.lower in _PROPOSE:  # to the user, or to nobody said ("she proposed"), not "to Mia"
            to = object_of(tokens, n, ("to",))
            found += [(name, _ROLE[("engaged", gender)])] if gender and (to is None or tokens[to].lower in _USER) \
                else []
            continue
        if _asked_if_official(tokens, n):  # "Theo asked if I want to be 'official'"
            found.append((name, _ROLE[("partner", gender)]))
            continue
        me = child(tokens, n, "dobj")
        asked = child(tokens, n, "xcomp")
        if me is None or tokens[me].lower != "me" or asked is None:
            continue
        role = child(tokens, asked, "attr")
        if tokens[asked].lower in _MARRY:  # "asked me to marry him"
            whom = child(tokens, asked, "dobj")
            gender = {"him": "m", "her": "f"}.get(tokens[whom].lower, "") if whom is not None else gender
            found += [(name, _ROLE[("engaged", gender)])] if gender else []
        elif role is not None and tokens[role].lower in cues.PARTNER_ROLES:  # "to be his girlfriend"
            whose = child(tokens, role, "poss")
            gender = {"his": "m", "her": "f"}.get(tokens[whose].lower, "") if whose is not None else gender
            kind = "engaged" if tokens[role].lower in ("wife", "husband") else "partner"  # "to be his wife"
            found += [(name, _ROLE[(kind, gender)])] if gender else []
    return found


def _engaged(tokens: tuple[Token, ...], last_person: list[str]) -> list[tuple[str, str]]:
    """"Mia and I got engaged", "I'm engaged to Tom", "me and Ana are getting married", "I married Ben", "me and
    Imani are official", "Tom and I have been together since uni": the one the user is engaged or married to or a
    couple with, when the user is one of the two and it is said as so."""
    found = []
    for n, token in enumerate(tokens):
        together = token.lower == "together" and token.dep == "advmod" and tokens[token.head].lower in _BEEN and \
            not any(t.head == token.head and (t.lower in _A_DAY or t.dep == "prep" and t.lower in ("at", "on"))
                    for t in tokens)  # "together all week", "together at the conference": a visit
        if not together and (token.lower not in {"engaged"} | _MARRY | _COUPLED or token.pos not in ("VERB", "ADJ")):
            continue
        clause = tokens[n].head if tokens[n].dep in ("acomp", "xcomp") or together else n
        if _unsaid(tokens, n) or _unsaid(tokens, clause) or token.lower in _COUPLED and _over(tokens, n, clause):
            continue
        people = _pair(tokens, n, clause)
        if not any(tokens[m].lower in _USER for m in people):
            continue
        kind = "partner" if token.lower in _COUPLED or together else \
            "engaged" if token.lower == "engaged" or _to_come(tokens, n) else "married"
        for m in sorted(people):
            person = _who(tokens, m, last_person) if tokens[m].lower not in _USER else None
            if person is not None and (kind, person[1]) in _ROLE:
                found.append((person[0], _ROLE[(kind, person[1])]))
    return found


def _asked_if_official(tokens: tuple[Token, ...], ask: int) -> bool:
    """"asked if I want to be official", "asked me if we could be exclusive": the user asked to be a couple (not
    "asked if the results were official", "asked if Mia and Jake are official")."""
    wish = next((n for n, t in enumerate(tokens) if t.head == ask and t.dep == "ccomp" and any(
        m.head == n and m.dep == "mark" and m.lower in ("if", "whether") for m in tokens)), None)
    if wish is None or not any(t.head == wish and t.dep == "nsubj" and t.lower in _USER for t in tokens):
        return False
    be = wish if tokens[wish].lower == "be" else child(tokens, wish, "xcomp")  # "could be", "want to be"
    return be is not None and tokens[be].lower == "be" and any(
        t.head == be and t.dep in ("acomp", "attr") and t.lower in _COUPLED for t in tokens)


def _pair(tokens: tuple[Token, ...], verb: int, clause: int) -> set[int]:
    """The words for the two people: the subjects (and the names joined to them: "Mia and I", "my girlfriend Mia
    and I") and whom the user is engaged or married to ("to Tom", "married Ben")."""
    people = {n for n, t in enumerate(tokens) if t.head in (verb, clause) and n != t.head and t.dep in (
        "nsubj", "nsubjpass", "npadvmod") and t.pos in ("PRON", "PROPN", "NOUN")}
    head = tokens[clause].head
    if tokens[clause].dep == "conj" and tokens[head].pos in ("NOUN", "PROPN"):  # "my boyfriend Tomasz and I got
        people.add(head)  # married", parsed as the role joined to the verb
    for _ in range(2):
        people |= {n for n, t in enumerate(tokens) if t.head in people and t.dep in ("conj", "appos")}
    to = object_of(tokens, verb, ("to",))
    married = child(tokens, verb, "dobj") if tokens[verb].lower in _MARRY else None
    return people | {m for m in (to, married) if m is not None}


def _who(tokens: tuple[Token, ...], n: int | None, last_person: list[str]) -> tuple[str, str] | None:
    """The person at `n` by name with their gender (from the role said with them, or last said), or the one "he"
    or "she" is; None for anyone else."""
    if n is None:
        return None
    token = tokens[n]
    genders = dict(p.split(":") for p in last_person)
    if token.lower in ("he", "she"):
        name = referent(last_person, token.lower)
        return (name, "m" if token.lower == "he" else "f") if name[:1].isupper() else None
    if token.lower in cues.PARTNER_ROLES:  # "my girlfriend Mia": the name with the role's gender
        named = child(tokens, n, "appos")
        if named is None or not is_name(tokens, named):
            return None
        gender = "m" if token.lower in cues.MALE_ROLES else "f" if token.lower in cues.FEMALE_ROLES else ""
        return tokens[named].text, gender or genders.get(tokens[named].text, "")
    if not is_name(tokens, n):
        return None
    return token.text, genders.get(token.text, "") or _pronoun_after(tokens, n)


def _pronoun_after(tokens: tuple[Token, ...], n: int) -> str:
    """The gender of the first "he" or "she" after the name, who the sentence goes on to speak of ("I'm married to
    Lena, she's Swedish")."""
    said = next((t.lower for t in tokens[n + 1 :] if t.lower in ("he", "she")), "")
    return {"he": "m", "she": "f"}.get(said, "")


def _unsaid(tokens: tuple[Token, ...], verb: int) -> bool:
    """Negated, wished or supposed ("not engaged", "if we get married", "might get married")."""
    return any(t.head == verb and (t.dep == "neg" or t.tag == "MD" or t.dep == "mark" and t.lower in ("if", "whether"))
               for t in tokens)


def _over(tokens: tuple[Token, ...], word: int, clause: int) -> bool:
    """A couple told of as over ("Leo and I stopped dating", "we were official for a year but broke up")."""
    return tokens[clause].lower in _OVER or any(
        t.head in (word, clause) and (t.dep == "aux" and t.lower in _OVER or t.dep == "conj" and t.lower in _ENDED)
        for t in tokens)


def _to_come(tokens: tuple[Token, ...], verb: int) -> bool:
    """A wedding still to come ("we're getting married in June"): the two are engaged."""
    return tokens[verb].lower == "married" and any(t.head == verb and t.lower in ("getting", "get") for t in tokens)
