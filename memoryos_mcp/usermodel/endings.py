"""What the user says has ended, read by grammar whatever the attribute: a verb of ending ("I quit swimming",
"Kieran and I broke up", "we had to cancel the Japan trip", "my dad retired"), a negation said with "any more"
or "no longer" ("I don't do crossfit any more", "not knitting anymore", "we're not together anymore"), or a
thing said to be off ("the lisbon trip's off").

The reader says who and which words ended; the current value those words name is found when the update is
applied (apply.py), so no rule per attribute is needed: the same sentence ends an exercise, a hobby, a plan or
an employer, by what the model holds.
"""

from __future__ import annotations

from ..language.nlp import Sentence, Token
from . import cues
from .values import USER, Update


def _forms(base: str, past: str = "", participle: str = "") -> set[str]:
    """A verb's forms: "drop" -> drop, drops, dropped, dropping (irregular past and participle given)."""
    stem = base[:-1] if base.endswith("e") else base
    double = base + base[-1] if len(base) <= 4 and base[-1] in "pbt" and base[-2] in "aeiou" else stem
    regular = f"{double}ed" if base[-1] != "e" else f"{base}d"
    return {base, f"{base}s", f"{double}ing", past or regular, participle or past or regular}


#: Verbs of ending (the particle some need: "gave up", "called off"); a closed class of English verbs.
_ENDING: dict[str, str] = {form: particle for base, past, participle, particle in (
    ("quit", "quit", "quit", ""), ("stop", "", "", ""), ("leave", "left", "left", ""), ("give", "gave", "given", "up"),
    ("drop", "", "", ""), ("cancel", "cancelled", "cancelled", ""), ("cancel", "canceled", "canceled", ""),
    ("end", "", "", ""), ("scrap", "", "", ""), ("ditch", "", "", ""), ("sell", "sold", "sold", ""),
    ("call", "", "", "off"), ("lay", "laid", "laid", "off"), ("retire", "", "", ""), ("resign", "", "", ""),
    ("break", "broke", "broken", "up"), ("split", "split", "split", ""), ("separate", "", "", ""),
    ("divorce", "", "", ""), ("finish", "", "", "with"),
) for form in _forms(base, past, participle)}
#: Endings of a partnership: with no other words, they end the user's partner.
_PARTED = _forms("break", "broke", "broken") | _forms("split", "split", "split") | _forms("separate") | \
    _forms("divorce") | {"together"}
_RETIRED = _forms("retire")
_LAID_OFF = _forms("lay", "laid", "laid")
_LEFT = _forms("leave", "left", "left")
_WORK = _forms("work")
#: Words after a negation that make it an ending ("not ... any more", "no longer").
_NO_MORE = frozenset({"anymore", "more", "longer"})
_USER_WORDS = frozenset({"i", "we", "me", "us"})
#: Prepositions that say what a verb of ending ended ("gave up on running", "broke up with Kieran", "retired from
#: teaching"); not where or when ("dropped the kids at school", "stopped in Leeds").
_OF_WHAT = frozenset({"on", "with", "from", "of"})
#: A verb's dependents that start another clause: not what ended ("I quit swimming and bouldering is my thing").
_OTHER_CLAUSE = frozenset({"conj", "advcl", "ccomp", "parataxis", "npadvmod", "cc"})
_CONTENT = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})


def endings(sentence: Sentence) -> list[Update]:
    """The endings the sentence states; each an "end" update with no attribute, naming who and what ended."""
    tokens = sentence.tokens
    found: list[Update] = []
    for n, token in enumerate(tokens):
        if _ends_here(tokens, n):
            found += _ended(tokens, n)
        elif token.lower == "off" and n >= 2 and tokens[n - 1].lower in ("'s", "’s", "is", "was") and \
                tokens[n - 2].pos == "NOUN":  # "the lisbon trip's off"
            words = _words(tokens, _subtree(tokens, n - 2))
            found.append(Update(USER, "", words, "end"))
    return found


def _ends_here(tokens: tuple[Token, ...], n: int) -> bool:
    """A verb of ending (with its particle), or a verb negated with "any more" / "no longer" (the negation may
    hang on its auxiliary: "I don't do crossfit any more")."""
    token = tokens[n]
    kids = {t.lower for i, t in enumerate(tokens) if t.head == n and i != n}
    auxiliaries = {i for i, t in enumerate(tokens) if t.head == n and i != n and t.dep in ("aux", "auxpass")}
    near = [t for i, t in enumerate(tokens) if i != n and (t.head == n or t.head in auxiliaries)]
    negated = any(t.dep == "neg" or t.lower == "no" for t in near)
    particles = {t.lower for i, t in enumerate(tokens) if t.head == n and i != n and t.dep == "prt"}
    if token.pos in ("VERB", "AUX") and token.lower in _ENDING and particles <= {_ENDING[token.lower]} and \
            (not _ENDING[token.lower] or _ENDING[token.lower] in kids):  # not "dropped off", "ended up"
        return not negated  # "I didn't quit"
    return negated and bool({t.lower for t in near} & _NO_MORE) and token.pos in ("VERB", "AUX", "ADJ", "ADV")


def _subtree(tokens: tuple[Token, ...], root: int) -> list[int]:
    """The indices of `root` and every token under it."""
    inside = {root}
    changed = True
    while changed:
        before = len(inside)
        inside |= {i for i, t in enumerate(tokens) if t.head in inside and i != t.head}
        changed = len(inside) != before
    return sorted(inside)


def _words(tokens: tuple[Token, ...], indices: list[int]) -> str:
    return " ".join(tokens[i].text for i in indices if tokens[i].pos in _CONTENT and tokens[i].lower not in _NO_MORE)


def _ended(tokens: tuple[Token, ...], n: int) -> list[Update]:
    """Who ended what at the verb `n`: the user (or "X and I") or the person the subject names, and the words of
    what ended (the object's, or the subject's when the verb is passive)."""
    verb = tokens[n]
    subjects = [i for i, t in enumerate(tokens) if t.head == n and i != n and t.dep in ("nsubj", "nsubjpass")]
    subject = subjects[0] if subjects else None
    negation = verb.lower not in _ENDING  # "not knitting anymore", "not at Boots any more": all it says ended
    apart = {i for c, t in enumerate(tokens) if t.head == n and c != n and (
        t.dep in _OTHER_CLAUSE or c == subject or t.dep == "prep" and t.lower not in _OF_WHAT and not negation)
             for i in _subtree(tokens, c)}
    ended = [i for i in _subtree(tokens, n) if i not in apart and (negation or i != n)]
    if not negation and not _words(tokens, ended):  # "I quit swimming and bouldering is my thing": a clause's
        ended = [i for i, t in enumerate(tokens) if t.dep == "nsubj" and tokens[t.head].dep == "ccomp"
                 and tokens[t.head].head == n]  # subject, in the parse, is the object ended
    words = _words(tokens, ended)
    if subject is not None and tokens[subject].dep == "nsubjpass":
        return [Update(USER, "", _words(tokens, _subtree(tokens, subject)), "end")]
    people = _subtree(tokens, subject) if subject is not None else []
    mine = subject is None or any(tokens[i].lower in _USER_WORDS for i in people)
    if not mine and subject is not None:
        who = tokens[subject].text if tokens[subject].pos == "PROPN" else tokens[subject].lower
        if who not in cues.ROLE_SET and tokens[subject].pos != "PROPN":
            return []
        return [Update(who, "job", "retired")] if verb.lower in _RETIRED else [Update(who, "", words, "end")]
    others = " ".join(tokens[i].text for i in people if tokens[i].pos == "PROPN")
    parted = verb.lower in _PARTED or any(t.lower in _PARTED and t.head == n for t in tokens)
    if parted:
        return [Update(USER, "", f"{others} {words}".strip(), "end", detail="partner")]
    if verb.lower in _RETIRED:
        return [Update(USER, "job", "retired"), Update(USER, "employer", "", "end")]
    if verb.lower in _WORK or not words and verb.lower in _LAID_OFF:  # "got laid off", "don't work there any more"
        return [Update(USER, "employer", "", "end")] + ([Update(USER, "job", "", "end")] * (verb.lower in _LAID_OFF))
    if verb.lower in _LEFT:  # "left Tesco", not "left work early": a name is left for good
        words = " ".join(tokens[i].text for i in ended if tokens[i].pos == "PROPN")
    return [Update(USER, "", words, "end")] if words else []
