"""Reading spaCy's dependency tree of a sentence: a word's children, the words under it and its subject, the
object of a preposition, the phrase around a head, and whether a phrase can be a person's name, a place or an
organisation (by its entity tag, which a name, a home or an employer never carries)."""

from __future__ import annotations

import re
from dataclasses import replace

from ..language.nlp import Token
from . import cues

#: Entity tags a person's name never carries ("I'm Kalenjin" is a people, "she's 11" a number). The tagger's
#: guess of a place or an organisation is overruled: the wording says it is a name ("my office mate Mhairi").
NOT_NAME = frozenset("NORP DATE TIME CARDINAL ORDINAL MONEY QUANTITY PERCENT LANGUAGE".split())
#: Entity tags a home never carries (an unknown place is often tagged PERSON, so that one is allowed).
NOT_PLACE = frozenset("NORP ORG DATE TIME CARDINAL ORDINAL MONEY QUANTITY PERCENT LANGUAGE EVENT".split())
#: Entity tags an employer never carries (a new company's name is often tagged a place or a person).
NOT_EMPLOYER = frozenset("NORP DATE TIME CARDINAL ORDINAL MONEY QUANTITY PERCENT LANGUAGE EVENT".split())
#: Roles and pets as the user names them (wife, tech lead, dog).
ROLES = cues.ROLE_SET | cues.PET_WORDS
#: Longest value read from a phrase, in words.
MAX_WORDS = 6


def sentence_start(tokens: tuple[Token, ...], n: int) -> int:
    """Where the sentence holding word `n` starts, by its punctuation (the parser misses some full stops)."""
    return next((m + 1 for m in range(n - 1, -1, -1) if tokens[m].text in (".", "!", "?", "...")), 0)


def subtree(tokens: tuple[Token, ...], root: int) -> list[int]:
    """The indices of `root` and every token under it."""
    inside = {root}
    changed = True
    while changed:
        before = len(inside)
        inside |= {i for i, t in enumerate(tokens) if t.head in inside and i != t.head}
        changed = len(inside) != before
    return sorted(inside)


def subject_of(tokens: tuple[Token, ...], verb: int) -> int | None:
    """The subject of `verb`, or of the verb it is joined to ("I moved to Nakuru and started at KCB")."""
    for _ in range(3):
        found = child(tokens, verb, "nsubj", "nsubjpass")
        if found is not None and found < sentence_start(tokens, verb):  # "big news. started at ...": a missed full stop
            return None
        if found is not None or tokens[verb].dep not in ("conj", "xcomp") or tokens[verb].head == verb:
            return found
        verb = tokens[verb].head
    return None


def opens(tokens: tuple[Token, ...], verb: int) -> bool:
    """The verb opens the sentence (a statement, not an order), with only adverbs or interjections before it
    ("just started at ...")."""
    return tokens[verb].tag != "VB" and all(t.pos in ("ADV", "INTJ", "PUNCT", "CCONJ")
                                            for t in tokens[sentence_start(tokens, verb) : verb])


#: Roles that "the" makes the user's in chat ("the wife says", "the hubby's cooking"): no one else's is so called.
THE_OWN = frozenset("wife husband missus hubby".split())


def owned(tokens: tuple[Token, ...], noun: int) -> bool:
    """"my" or "our" before the noun, or "the" before a partner said so ("the wife Fiona")."""
    held = tokens[noun].head if tokens[noun].dep == "compound" else noun  # "the hubby Kev": "the" hangs on Kev
    return any(t.head == noun and t.dep == "poss" and t.lower in ("my", "our") or
               t.head in (noun, held) and t.dep == "det" and t.lower == "the" and _the_users(tokens, noun)
               for t in tokens)


def _the_users(tokens: tuple[Token, ...], noun: int) -> bool:
    """"the wife", "the hubby" as the user's own: not someone else's ("the wife of a friend"), nor said after another
    person or a title the sentence speaks of ("Dave brought the wife, Sandra", "Gone Girl is wild, the wife, Amy,
    fakes her death"), but for the name it is said of ("Sue, the wife, says hi")."""
    if tokens[noun].lower not in THE_OWN or any(t.head == noun and t.lower == "of" for t in tokens):
        return False
    named = tokens[noun].head if tokens[noun].dep == "appos" else None  # "Sue, the wife, says hi": her own name
    return not any(t.pos == "PROPN" and n != named or t.lower in ("he", "she", "they")
                   for n, t in enumerate(tokens[:noun]))


def taken(tokens: tuple[Token, ...], noun: int) -> bool:
    """The object of the user's verb: "we adopted a kitten called Biscotte", "found a studio in Sendling", "I have
    two fish, a goldfish named Vàng and a betta named Đỏ" (each said beside it)."""
    theirs = False  # not "my brother and his wife Anna", "Tom and his dog, a poodle named Coco"
    for _ in range(3):
        if tokens[noun].dep not in ("appos", "conj") or tokens[noun].head == noun:
            break
        theirs = theirs or _theirs(tokens, noun) or _theirs(tokens, tokens[noun].head)
        noun = tokens[noun].head
    if tokens[noun].dep != "dobj":
        return False
    verb = tokens[noun].head
    if theirs and tokens[verb].lower not in _ADOPTED:  # "we adopted my neighbour's cat, a tabby named Milo"
        return False
    subject = subject_of(tokens, verb)
    return tokens[subject].lower in ("i", "we") if subject is not None else opens(tokens, verb)


#: Verbs by which another's pet becomes the user's.
_ADOPTED = frozenset("adopted adopt took taken inherited rescued".split())


def _theirs(tokens: tuple[Token, ...], noun: int) -> bool:
    """The noun is owned by someone other than the user ("his wife", "the neighbour's dog")."""
    return any(t.head == noun and t.dep == "poss" and t.lower not in ("my", "our") for t in tokens)


def child(tokens: tuple[Token, ...], head: int, *deps: str) -> int | None:
    """The first word hanging on `head` by one of `deps` (an index: 0 is a word, not a miss)."""
    return next((n for n, t in enumerate(tokens) if t.head == head and n != head and t.dep in deps), None)


def object_of(tokens: tuple[Token, ...], head: int, prepositions: tuple[str, ...]) -> int | None:
    """The object of the first of `prepositions` hanging on `head` ("lives *in* Eldoret" -> Eldoret); when the
    parse left the preposition without one, the name right after it ("at Harbour Light Hospice!", where the
    parser took the last word for punctuation)."""
    for n, token in enumerate(tokens):
        if token.head == head and n != head and token.dep == "prep" and token.lower in prepositions:
            found = child(tokens, n, "pobj")
            if found is not None:
                return found
            end = n + 1
            while end < len(tokens) and tokens[end].pos == "PROPN" and tokens[end].text[:1].isupper():
                end += 1
            return end - 1 if end > n + 1 else None
    return None


def span_of(tokens: tuple[Token, ...], head: int) -> tuple[int, int]:
    """The proper-noun phrase around `head`: its compounds, possessives and "of X" ("University of Edinburgh",
    "St James's hospital"), and the rest of an entity it starts."""
    lo = hi = head
    for n, token in enumerate(tokens):
        if token.head == head and n != head:
            if token.dep in ("compound", "poss", "case", "amod", "flat", "nmod") and n < head and (
                    token.pos in ("PROPN", "PART") or token.entity or token.text[:1].isupper()):
                lo = min(lo, span_of(tokens, n)[0])
            elif token.dep == "case" and n == head + 1 and token.lower in ("'s", "’s"):  # "at St Mary's"
                hi = max(hi, n)
            elif token.dep == "prep" and token.lower == "of" and n == head + 1:
                obj = child(tokens, n, "pobj")
                if obj is not None and tokens[obj].pos == "PROPN":
                    hi = max(hi, span_of(tokens, obj)[1])
    while hi + 1 < len(tokens) and tokens[head].entity and tokens[hi + 1].entity == tokens[head].entity \
            and tokens[hi + 1].pos == "PROPN":
        hi += 1
    return lo, hi


def phrase_of(tokens: tuple[Token, ...], head: int) -> str:
    lo, hi = span_of(tokens, head)
    words = "".join(t.text + t.space for t in tokens[lo : hi + 1]).strip()
    words = re.sub(r"^(?:the|a|an)\s+", "", words, flags=re.IGNORECASE)
    return " ".join(words.split()[:MAX_WORDS])


def located(tokens: tuple[Token, ...], head: int, skip: int | None = None) -> int | None:
    """The place said of the phrase at `head`: the first proper noun after it that is the object of "in" in
    its subtree, through appositions and participles but no other clause ("backend engineer at Tessela, a
    fintech startup in Lisbon", "postdoc at LMU, based at the Biocenter in Martinsried")."""
    inside = {head}
    for n in range(head + 1, len(tokens)):
        token = tokens[n]
        if token.head not in inside or token.pos == "VERB" and token.dep not in ("acl", "amod"):
            continue
        inside.add(n)
        if token.dep == "pobj" and tokens[token.head].lower == "in" and n != skip and is_place(tokens, n):
            return n
    return None


def proper(tokens: tuple[Token, ...], head: int) -> bool:
    lo, hi = span_of(tokens, head)
    return any(t.pos == "PROPN" and t.text[:1].isupper() for t in tokens[lo : hi + 1])


def tag_of(tokens: tuple[Token, ...], head: int) -> str:
    lo, hi = span_of(tokens, head)
    return next((t.entity for t in tokens[lo : hi + 1] if t.entity), "")


def capitalised(tokens: tuple[Token, ...]) -> tuple[Token, ...]:
    """The words the tagger calls proper nouns written with their capital: chat is often written in lower case
    ("me n imani are official")."""
    return tuple(replace(t, text=t.text[:1].upper() + t.text[1:]) if t.pos == "PROPN" else t for t in tokens)


def is_name(tokens: tuple[Token, ...], n: int) -> bool:
    """A proper noun that can be a person's (or pet's) name: not a people, a date, a number or a role word; or a
    word tagged a person the tagger took for an adjective or a noun ("Hello, I'm Pauline")."""
    token = tokens[n]
    named = token.pos == "PROPN" or token.entity == "PERSON" and token.pos in ("ADJ", "NOUN")
    return (named and token.text[:1].isupper() and token.entity not in NOT_NAME
            and token.lower not in cues.NOT_NAMES | ROLES and token.text.replace("-", "").isalpha())


def called_by(tokens: tuple[Token, ...], n: int) -> str:
    """The name a person at `n` is called by, as the model keys them: the first name of "Renata Lis" (the parse
    heads a full name by its surname), the title with a surname ("Mr Bennet": how the user calls them)."""
    first = next((m for m in range(n) if tokens[m].head == n and tokens[m].dep == "compound"
                  and all(t.dep == "compound" and t.pos == "PROPN" for t in tokens[m:n])), n)
    if tokens[first].lower.rstrip(".") in cues.HONORIFICS:
        return " ".join(t.text.rstrip(".") for t in tokens[first : n + 1])
    return tokens[first].text if is_name(tokens, first) else tokens[n].text


def is_place(tokens: tuple[Token, ...], n: int) -> bool:
    return proper(tokens, n) and tag_of(tokens, n) not in NOT_PLACE


def is_organisation(tokens: tuple[Token, ...], n: int) -> bool:
    return proper(tokens, n) and tag_of(tokens, n) not in NOT_EMPLOYER
