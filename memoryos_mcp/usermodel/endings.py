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
from .tree import subtree
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
    ("divorce", "", "", ""), ("finish", "", "", "with"), ("graduate", "", "", ""),
    ("withdraw", "withdrew", "withdrawn", ""), ("rid", "rid", "rid", "of"),
) for form in _forms(base, past, participle)}
#: Endings of a partnership: with no other words, they end the user's partner.
_PARTED = _forms("break", "broke", "broken") | _forms("split", "split", "split") | _forms("separate") | \
    _forms("divorce") | {"together"}
#: Verbs saying someone died ("Bear passed", "Biscuit died"), said without an object ("passed the exam").
_DIED = _forms("die", "died", "died") | {"passed"}
#: Verbs of a pet's death said gently ("Bolek went to sleep forever", "crossed the rainbow bridge").
_WENT = frozenset({"went", "gone", "crossed"})
#: A verb of ending that may take "up" and mean the same ("Sara and I split up").
_SPLIT = _forms("split", "split", "split")
_RETIRED = _forms("retire")
_GRADUATED = _forms("graduate")
#: What is studied, said to be finished ("my master is finished", "the course is over"): it ends.
_STUDIED = frozenset("degree diploma master masters msc bsc mba phd doctorate course programme program apprenticeship "
                     "training studies".split())
_COMPLETE = frozenset("finished done over complete completed".split())
_LAID_OFF = _forms("lay", "laid", "laid")
_LEFT = _forms("leave", "left", "left")
_WORK = _forms("work")
#: How long a thing not done has not been done for it to be over ("haven't crocheted in months").
_LONG = frozenset("months ages years forever yonks".split())
#: Words after a negation that make it an ending ("not ... any more", "no longer").
_NO_MORE = frozenset({"anymore", "more", "longer"})
#: The user, as a subject or an object.
USER_WORDS = frozenset({"i", "we", "me", "us"})
#: Prepositions that say what a verb of ending ended ("gave up on running", "broke up with Kieran", "retired from
#: teaching"); not where or when ("dropped the kids at school", "stopped in Leeds").
_OF_WHAT = frozenset({"on", "with", "from", "of"})
#: A verb's dependents that start another clause: not what ended ("I quit swimming and bouldering is my thing").
_OTHER_CLAUSE = frozenset({"conj", "advcl", "ccomp", "parataxis", "npadvmod", "cc"})
_CONTENT = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
#: A verb that describes a noun ("a retired teacher", "the cancelled flight"): no ending said.
_DESCRIBES = frozenset({"amod", "acl", "compound", "nmod", "appos"})
#: A verb's links to the clause whose subject it shares ("..., three years retired", "had to quit", "quit and").
_CONTINUES = frozenset({"advcl", "xcomp", "conj", "acomp"})
#: Who or what a clause is about ("there were fourteen of us, mostly retired": not the user).
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl"})
#: Words that make a clause a supposition, not news ("if I sell the house").
_SUPPOSED = frozenset({"if", "unless", "whether"})
#: What a verb of healing has when it says something else ("gone soft", "gone off to camp", "cleared the shed").
_NOT_HEALED = frozenset({"dobj", "neg", "acomp", "prep", "prt", "xcomp", "attr", "oprd", "dative"})
#: Verbs calling a thing off, and the words that make what they call off one occasion ("cancelled the gym class
#: today, back Monday"): a plan may end, a habit goes on.
_CALLED_OFF = _forms("cancel", "cancelled", "cancelled") | _forms("cancel", "canceled", "canceled") | _forms("scrap")
_ONE_OFF = frozenset({"today", "tonight", "tomorrow", "today's", "tonight's", "tomorrow's"})
#: Verbs saying an ailment is over, said of the ailment ("the wrist has healed", "the fatigue lifted", "my rash
#: cleared up", "the headaches are gone"), with the particle some need.
_HEALED: dict[str, str] = {form: particle for base, past, particle in (
    ("heal", "", ""), ("lift", "", ""), ("clear", "", "up"), ("resolve", "", ""), ("disappear", "", ""),
    ("cure", "", ""), ("go", "gone", ""), ("settle", "", "down"),
) for form in _forms(base, past, past) if form not in ("go", "goes", "going")}


def endings(sentence: Sentence) -> list[Update]:
    """The endings the sentence states; each an "end" update with no attribute, naming who and what ended."""
    tokens = sentence.tokens
    found: list[Update] = []
    if sentence.text.rstrip().endswith("?"):  # a question tells no ending ("should I quit?")
        return found
    for n, token in enumerate(tokens):
        if _ends_here(tokens, n):
            if _done(tokens, n):
                found += _one_off(tokens, n) or _ended(tokens, n)
        elif token.lower == "off" and n >= 2 and tokens[n - 1].lower in ("'s", "’s", "is", "was") and \
                tokens[n - 2].pos == "NOUN" and not _when_after(tokens, n):  # "the lisbon trip's off"
            words = _words(tokens, subtree(tokens, n - 2))
            found.append(Update(USER, "", words, "end"))
        elif _finished(tokens, n) is not None:  # "Master is finished, I have the diploma"
            found.append(Update(USER, "", _words(tokens, subtree(tokens, _finished(tokens, n) or 0)), "end"))
        elif _no_more(tokens, n):  # "my knee gave out, no more running for me"; "no more visa stress"
            found.append(Update(USER, "", _words(tokens, list(range(n + 1, token.head + 1))), "end"))
        elif _died(tokens, n):
            found.append(Update(USER, "", _died(tokens, n), "end", detail="died"))
        elif _through_with(tokens, n):
            found.append(Update(USER, "", _through_with(tokens, n), "end"))
        elif _healed(tokens, n):
            found.append(Update(USER, "", _healed(tokens, n), "end", detail="healed"))
    return found


def _finished(tokens: tuple[Token, ...], n: int) -> int | None:
    """The studies said finished at the word `n` ("my master is finished", "the course is over"): the subject, of the
    word or of the "be" it completes; None for anything else ("the kitchen is finished")."""
    if tokens[n].lower not in _COMPLETE:
        return None
    for head in (n, tokens[n].head):
        subject = next((i for i, t in enumerate(tokens) if t.head == head and i != head and t.dep in _SUBJECTS), None)
        if subject is not None:
            return subject if tokens[subject].lower in _STUDIED else None
    return None


def _died(tokens: tuple[Token, ...], n: int) -> str:
    """The name of one who died at the word `n`, said as they say it: "Bear passed (away)", "Biscuit died", "we lost
    Oreo", "we had Mango put to sleep" (or "put down"), "Bolek went to sleep forever"; '' if no one named did."""
    token, kids = tokens[n], [t for i, t in enumerate(tokens) if t.head == n and i != n]
    objects = [i for i, t in enumerate(tokens) if t.head == n and t.dep == "dobj" and i > n]  # "passed the exam"
    if token.lower in _DIED and token.pos in ("VERB", "AUX") and not objects:
        return next((t.text for t in kids if t.dep == "nsubj" and _named(t)), "")
    if token.lower == "lost" and any(t.dep == "nsubj" and t.lower in USER_WORDS for t in kids):
        return next((t.text for t in kids if t.dep == "dobj" and _named(t)), "")
    after = " ".join(t.lower for t in tokens[n + 1:n + 4])
    if token.lower == "put" and (after.startswith("to sleep") or after.startswith("down")):
        return next((t.text for t in tokens[max(n - 2, 0):n] if _named(t)), "")
    if token.lower in _WENT and after in ("to sleep forever", "the rainbow bridge"):  # "Bolek went to sleep forever"
        return next((t.text for t in kids if t.dep == "nsubj" and _named(t)), "")
    return ""


def _through_with(tokens: tuple[Token, ...], n: int) -> str:
    """What the user says they are done with at the word `n` ("I'm done with running", "my knees r done w
    running"): the words up to the clause's end; '' when it is someone else's ("Kim is done with school")."""
    if tokens[n].lower != "done" or n + 2 >= len(tokens) or tokens[n + 1].lower not in ("with", "w") or \
            any(t.head == n and t.dep == "mark" for t in tokens):  # "once I'm done with the report": a while
        return ""
    subject = _subject(tokens, n)
    if subject is not None and tokens[subject].lower not in USER_WORDS and not any(
            t.head == subject and t.lower == "my" for t in tokens):
        return ""
    thing = next((i for i, t in enumerate(tokens) if t.head == n + 1 and t.dep in ("pobj", "pcomp")), None)
    end = next((i for i in range(n + 2, len(tokens)) if tokens[i].pos == "PUNCT"), len(tokens))
    return _words(tokens, subtree(tokens, thing) if thing is not None else list(range(n + 2, end)))


def _healed(tokens: tuple[Token, ...], n: int) -> str:
    """The user's ailment said to be over at the word `n` ("the wrist is healed", "my back pain has cleared up", "the
    headaches have gone away"): its words; '' for anything else ("I cleared up the garage", "the kids are gone",
    "Mum's hip has healed")."""
    token = tokens[n]
    if token.lower not in _HEALED or token.tag not in ("VBD", "VBN", "JJ") or not _done(tokens, n) or \
            _timed(tokens, n):  # not "a cent disappears" (whenever it does)
        return ""
    kids = [t for i, t in enumerate(tokens) if t.head == n and i != n]
    if _HEALED[token.lower] and not any(t.dep == "prt" and t.lower == _HEALED[token.lower] for t in kids) or \
            any(t.dep in _NOT_HEALED and not (t.dep == "prt" and t.lower == _HEALED[token.lower]) for t in kids):
        return ""  # "my fingers have gone soft", "the lad has gone off on his residential", "cleared the shed"
    verb = token.head if token.dep == "acomp" else n  # "the rash is gone": the subject is the verb "be"'s
    subject = next((i for i, t in enumerate(tokens) if t.head == verb and i != verb and t.dep in _SUBJECTS), None)
    if subject is None or _person(tokens[subject]) or tokens[subject].pos not in ("NOUN", "PROPN"):
        return ""
    whose = subtree(tokens, subject)
    if any(tokens[i].pos == "PROPN" or tokens[i].lower in cues.ROLE_SET or tokens[i].tag == "PRP$" and
           tokens[i].lower != "my" for i in whose):
        return ""
    return _words(tokens, whose)


def _named(token: Token) -> bool:
    return token.pos == "PROPN" and token.text[:1].isupper() and token.lower not in cues.NOT_NAMES


def _no_more(tokens: tuple[Token, ...], n: int) -> bool:
    """"no more" before the thing that stopped, which it hangs on (not "no more than ten", "no more coffee after
    lunch", "no more telly tonight": a limit, said with when; nor "there's no more milk", "we've no more bread":
    a thing run out, the object of a verb)."""
    head = tokens[n].head
    return tokens[n].lower == "more" and n > 0 and tokens[n - 1].lower == "no" and tokens[n - 1].dep == "neg" \
        and head > n and tokens[head].pos in ("NOUN", "VERB", "PROPN") and tokens[head].dep not in ("dobj", "attr") \
        and not any(t.head == head and t.dep == "prep" and t.lower != "for" for t in tokens) \
        and not any(t.entity in ("DATE", "TIME") for t in tokens[n:])


def _ends_here(tokens: tuple[Token, ...], n: int) -> bool:
    """A verb of ending (with its particle), or a verb negated with "any more" / "no longer" (the negation may
    hang on its auxiliary: "I don't do crossfit any more")."""
    token = tokens[n]
    kids = {t.lower for i, t in enumerate(tokens) if t.head == n and i != n}
    auxiliaries = {i for i, t in enumerate(tokens) if t.head == n and i != n and t.dep in ("aux", "auxpass")}
    near = [t for i, t in enumerate(tokens) if i != n and (t.head == n or t.head in auxiliaries)]
    negated = any(t.dep == "neg" or t.lower == "no" for t in near) or _negated_above(tokens, n) is not None
    particles = {t.lower for i, t in enumerate(tokens) if t.head == n and i != n and t.dep == "prt"}
    deps = {t.dep for i, t in enumerate(tokens) if t.head == n and i != n}  # "split up the bill": no parting
    if _told_to_forget(tokens, n):
        return True
    if token.pos in ("VERB", "AUX") and token.lower in _ENDING and particles <= {_ENDING[token.lower]} | (
            {"up"} if token.lower in _SPLIT and "dobj" not in deps else set()) and \
            (not _ENDING[token.lower] or _ENDING[token.lower] in kids):  # not "dropped off", "ended up"
        return not negated and not (_ENDING[token.lower] in _OF_WHAT and "dobj" in deps)  # "I didn't quit"; not
        # "finished the report with Tom", "rid the beds of slugs"
    return negated and (bool({t.lower for t in near} & _NO_MORE) or _for_long(tokens, n) is not None) and \
        token.pos in ("VERB", "AUX", "ADJ", "ADV")


def _for_long(tokens: tuple[Token, ...], n: int) -> int | None:
    """The words saying the negated verb at `n` has not been done for long ("haven't knitted in months", "not been
    to the gym in ages"): the preposition's index; None without them ("didn't knit in the evenings"), or when it is
    someone not seen ("haven't seen my sister in years")."""
    if any(t.dep in ("dobj", "pobj") and (t.lower in cues.ROLE_SET or t.pos in ("PROPN", "PRON"))
           for t in (tokens[i] for i in subtree(tokens, n))):
        return None
    return next((c for c, t in enumerate(tokens) if t.head == n and t.dep == "prep" and t.lower in ("in", "for")
                 and any(o.head == c and o.lower in _LONG for o in tokens)), None)


def _told_to_forget(tokens: tuple[Token, ...], n: int) -> bool:
    """"Forget the Lisbon trip", "ok forget the gym": said to drop a thing, opening the sentence (not "I forgot the
    tickets", "don't forget the milk", "forget it")."""
    token = tokens[n]
    opening = all(t.pos in ("INTJ", "ADV", "CCONJ", "PUNCT") for t in tokens[:n])
    return token.lower == "forget" and token.tag == "VB" and opening and not any(
        t.head == n and (t.dep in _SUBJECTS or t.dep in ("aux", "neg")) for t in tokens) and any(
        t.head == n and t.dep == "dobj" and t.pos in ("NOUN", "PROPN") for t in tokens)


def _done(tokens: tuple[Token, ...], n: int) -> bool:
    """The ending at the verb `n` happened, or holds: not asked ("how do I stop ..."), meant ("thinking of
    selling", "going to sell", "wants me to stop", "might quit") or supposed ("if I sell the house"). An
    infinitive counts under a verb in the past ("had to quit", "managed to give up")."""
    token = tokens[n]
    kids = [t for i, t in enumerate(tokens) if t.head == n and i != n]
    if any(t.tag == "MD" and t.lower not in ("ca", "can", "could") or t.dep == "mark" and t.lower in _SUPPOSED
           or t.tag in ("WRB", "WP") for t in kids):  # "can't stand it any more" is said as done
        return False
    if token.dep == "pcomp" or token.tag == "VBG" and token.dep in ("xcomp", "pcomp", "advcl"):
        return False
    if _coming(tokens, n):
        return False
    if any(t.dep == "aux" and t.lower == "to" for t in kids):
        return token.dep in ("xcomp", "conj") and tokens[token.head].tag in ("VBD", "VBN") or \
            _negated_above(tokens, n) is not None and any(t.lower in _NO_MORE for t in kids)
    return True


#: Words of a progressive that say it is still to come ("retiring next month", "is quitting soon").
_AHEAD = frozenset("next soon tomorrow".split())
#: Words of a date gone by ("last month", "two weeks ago").
_GONE = frozenset("last ago yesterday".split())
_BE = frozenset("is are am 's ’s 're ’re 'm ’m".split())
#: Words of a date that say how long, not when ("after 40 years").
_HOW_LONG = frozenset("year years month months week weeks day days decades".split())


def _coming(tokens: tuple[Token, ...], n: int) -> bool:
    """A progressive or a present said of a time ahead ("Papa is finally retiring in September", "I'm quitting
    next month", "we leave on Friday 18 June"): a plan, not an ending yet; "retiring today" is one."""
    progressive = tokens[n].tag == "VBG" and any(t.head == n and t.dep == "aux" and t.lower in _BE for t in tokens)
    if not progressive and tokens[n].tag not in ("VBP", "VBZ"):
        return False
    said = [tokens[i] for i in subtree(tokens, n) if i != n]
    if any(t.lower in ("today", "tonight", "now") for t in said):
        return False  # "my mum is retiring today after 40 years"
    if not progressive:  # a present said of a time named ahead ("we leave on Friday 18 June", "I retire this
        # summer"; not "I quit swimming last month")
        return any(t.lower in _AHEAD for t in said) or any(
            t.entity == "DATE" and t.lower not in _HOW_LONG and t.pos != "NUM" for t in said) and \
            not any(t.lower in _GONE for t in said)
    return any(t.lower in _AHEAD or t.entity == "DATE" and t.lower not in _HOW_LONG and t.pos != "NUM" for t in said)


def _negated_above(tokens: tuple[Token, ...], n: int) -> int | None:
    """The negated verb an infinitive at `n` completes ("I don't get to play anymore", "didn't have the time to bake
    anymore"): what it says is no more; None when there is none."""
    head = tokens[n].head
    if tokens[n].dep == "relcl" and tokens[head].dep == "dobj":  # "the time to bake": the verb having the time
        head = tokens[head].head
    elif tokens[n].dep != "xcomp":
        return None
    if head == n or not any(t.head == head and t.dep == "neg" for t in tokens):
        return None
    return head


def _when_after(tokens: tuple[Token, ...], n: int) -> bool:
    """A time said after the word `n` ("off on saturdays", "off today"): a day off, not a thing called off."""
    return any(t.entity in ("DATE", "TIME") for t in tokens[n + 1:])


def _subject(tokens: tuple[Token, ...], n: int) -> int | None:
    """The subject of the verb `n`, or of the clause it continues when it has none of its own ("I still dream
    about my classroom, three years retired"; "I had to quit"; "I quit and moved"); None in a fragment ("quit
    the gym today"), which the user says of themselves."""
    seen = set()
    while n not in seen:
        seen.add(n)
        subjects = [i for i, t in enumerate(tokens) if t.head == n and i != n and t.dep in _SUBJECTS]
        if subjects:
            return subjects[0]
        if tokens[n].dep not in _CONTINUES or tokens[n].dep == "advcl" and n < tokens[n].head:
            return None  # a clause opening the sentence is the user's ("Cancelled the gym, my knees couldn't take it")
        n = tokens[n].head
    return None


def _timed(tokens: tuple[Token, ...], n: int) -> bool:
    """The verb dates another clause ("since he retired he volunteers", "when she retired"): no news of it."""
    return any(t.head == n and t.dep == "mark" for t in tokens)


def _person(token: Token) -> bool:
    """A passive subject that is who ended something ("I'm retired", "we got laid off"), not what ended ("the
    trip was cancelled")."""
    return token.lower in USER_WORDS or token.lower in cues.ROLE_SET or token.pos == "PRON" or \
        token.entity == "PERSON"


def _words(tokens: tuple[Token, ...], indices: list[int]) -> str:
    """The content words of what ended; not when it ended ("laid off on Friday")."""
    return " ".join(tokens[i].text for i in indices if tokens[i].pos in _CONTENT and tokens[i].lower not in _NO_MORE
                    and tokens[i].entity not in ("DATE", "TIME"))


def _what_ended(tokens: tuple[Token, ...], n: int, subject: int | None) -> list[int]:
    """The tokens of what the verb `n` ended: its object's words, not another clause's nor where or when; of a
    verb with a gerund, the gerund's ("stopped going to the gym, it's just peloton now")."""
    # "not knitting anymore", "not at Boots any more": all it says ended; "no time to knit any more after work": the
    # verb, not when
    negation = tokens[n].lower not in _ENDING and tokens[n].lower != "forget"
    where = not negation or _negated_above(tokens, n) is not None
    gerund = next((c for c, t in enumerate(tokens) if t.head == n and t.dep == "xcomp" and t.tag == "VBG"), None)
    if gerund is not None and not negation:
        return subtree(tokens, gerund)
    apart = {i for c, t in enumerate(tokens) if t.head == n and c != n and (
        t.dep in _OTHER_CLAUSE or c in (subject, _for_long(tokens, n)) or t.dep == "prep" and t.lower not in _OF_WHAT
        and where) for i in subtree(tokens, c)}
    ended = [i for i in subtree(tokens, n) if i not in apart and (negation or i != n)]
    if not negation and not _words(tokens, ended):  # "I quit swimming and bouldering is my thing": a clause's
        ended = [i for i, t in enumerate(tokens) if t.dep == "nsubj" and tokens[t.head].dep == "ccomp"
                 and tokens[t.head].head == n]  # subject, in the parse, is the object ended
    return ended


def _fronted(tokens: tuple[Token, ...], n: int, subject: int | None) -> int | None:
    """What an ending's pronoun object stands for when it is said first ("Chess I have left it", "Knitting, I gave
    it up"): the noun opening the sentence before the subject; None when the object is no pronoun."""
    if subject is None or not any(t.head == n and t.dep == "dobj" and t.lower in ("it", "that", "them")
                                  for t in tokens):
        return None
    first = next((i for i, t in enumerate(tokens) if t.pos not in ("PUNCT", "DET")), None)
    return first if first is not None and first < subject and tokens[first].head == n and \
        tokens[first].pos in ("NOUN", "PROPN") and tokens[first].dep not in _SUBJECTS else None


def _one_off(tokens: tuple[Token, ...], n: int) -> list[Update]:
    """A thing called off for one day ("cancelled the gym class today, back Monday"): an occasion, which ends a plan,
    not the habit; [] for any other ending."""
    subject = _subject(tokens, n)
    if tokens[n].lower not in _CALLED_OFF or not any(t.lower in _ONE_OFF for t in tokens) or \
            subject is not None and tokens[subject].dep == "nsubjpass":  # "German was cancelled tonight": _ended's
        return []
    return [Update(USER, "", _words(tokens, _what_ended(tokens, n, subject)), "end", detail="occasion")]


def _retired_a_thing(tokens: tuple[Token, ...], n: int) -> bool:
    """"We retired Jenkins last month": a thing put out of use (cues' "uses"), no one's job."""
    return tokens[n].lower in _RETIRED and any(t.head == n and t.dep == "dobj" for t in tokens)


def _ended(tokens: tuple[Token, ...], n: int) -> list[Update]:
    """Who ended what at the verb `n`: the user (or "X and I") or the person the subject names, and the words of
    what ended (the object's, or a thing's that is the passive subject)."""
    verb = tokens[n]
    if verb.dep in _DESCRIBES or _retired_a_thing(tokens, n):  # "a retired headmaster": who someone is, no event
        return []
    subject = _subject(tokens, n)
    if subject is not None and tokens[subject].dep == "nsubjpass" and not _person(tokens[subject]):
        return [Update(USER, "", _words(tokens, subtree(tokens, subject)), "end", detail="occasion")]
    topic = _fronted(tokens, n, subject)
    ended = _what_ended(tokens, n, subject) if topic is None else subtree(tokens, topic)
    words = _words(tokens, ended)
    people = subtree(tokens, subject) if subject is not None else []
    mine = subject is None or any(tokens[i].lower in USER_WORDS for i in people)
    if not mine and subject is not None:
        who = tokens[subject].text if tokens[subject].pos == "PROPN" else tokens[subject].lower
        if who not in cues.ROLE_SET and tokens[subject].pos != "PROPN" and not (
                who in ("he", "she") and verb.lower in _RETIRED and not _timed(tokens, n)):
            return []  # "he just retired": whoever "he" is (extract.py); not "since he retired he volunteers"
        return [Update(who, "job", "retired")] if verb.lower in _RETIRED else [Update(who, "", words, "end")]
    others = " ".join(tokens[i].text for i in people if tokens[i].pos == "PROPN")
    parted = verb.lower in _PARTED or any(t.lower in _PARTED and t.head == n for t in tokens)
    if parted:
        return [Update(USER, "", f"{others} {words}".strip(), "end", detail="partner")]
    if verb.lower in _RETIRED:
        return [Update(USER, "job", "retired"), Update(USER, "employer", "", "end")]
    if verb.lower in _GRADUATED and not words:  # "I graduated in May": the studies end
        return [Update(USER, "studies", "", "end")]
    if verb.lower in _WORK:  # the verb itself names no value; "don't work Tuesdays any more" is a new week
        if any(tokens[i].entity in ("DATE", "TIME") for i in ended):
            return []
        words = _words(tokens, [i for i in ended if i != n])
    if not words and (verb.lower in _WORK or verb.lower in _LAID_OFF):  # "got laid off", "don't work there"
        return [Update(USER, "employer", "", "end")] + ([Update(USER, "job", "", "end")] * (verb.lower in _LAID_OFF))
    if verb.lower in _LEFT and topic is None:  # "left Tesco", not "left work early": a name is left for good
        words = " ".join(tokens[i].text for i in ended if tokens[i].pos == "PROPN" and tokens[i].entity != "DATE")
    return [Update(USER, "", words, "end")] if words else []
