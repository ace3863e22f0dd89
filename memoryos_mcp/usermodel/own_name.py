"""The user's own name as they say it: "I'm Kip", "call me Kip", "you may address me as Mr Nowak, or Jan Nowak in
full", "Hello, myself Pradeep Iyer", "hey this is Trevor from 4B"; with the surname said after it, and the name
they go by when two are said ("my name is Kipchoge but everyone calls me Kip")."""

from __future__ import annotations

import re
from dataclasses import replace

from ..language.nlp import Entity, Token
from ..language.text import LOWER, UPPER
from . import cues
from .tree import NOT_NAME, child, is_name, object_of, span_of
from .values import USER, Update

#: Verbs a name the user goes by is said with ("call me Kip", "you may address me as Mr Nowak").
CALL = frozenset({"call", "calls", "called", "address"})

#: Subjects that call the user nothing ("nobody calls me Robert").
_NO_ONE = frozenset({"nobody", "noone", "no-one"})
#: A name taken on in the user's words ("it's Sorcha Kavanagh now", "sign my letters now as Mrs Ngozi Okafor"),
#: and agreed to in the assistant's ("Robert it is", "I'll use Mrs Ngozi Okafor from now on"): the other side
#: repeating the name makes it the user's.
_TITLED = r"(?<![\w'’-])(?:(?:Mrs|Mr|Ms|Miss|Dr)\.?\s+)?"
_WORD = rf"[{UPPER}][{LOWER}'’]+(?:-[{UPPER}]?[{LOWER}'’]+)*-?"  # "Kerry-Anne"
_NAMES = rf"{_TITLED}(?P<v>{_WORD}(?:\s+{_WORD})?)"
_TAKEN_ON = (re.compile(rf"\b(?i:it's|it’s|it is)\s+{_TITLED}(?P<v>{_WORD}\s+{_WORD})\s+now\b"),  # a full name
             re.compile(rf"\b(?i:sign)\s+(?:\w+\s+){{0,3}}?as\s+{_NAMES}"))
#: Words closing a letter, no name ("my name at the bottom, Thanks.").
_SIGN_OFFS = r"(?:Thanks|Thank|Regards|Kind|Best|Sincerely|Yours|Cheers|Love|Warm|Many)\b"
#: A draft the user asks to be signed with their name, which the reply signs it with: "sign it from Helen Marsh",
#: "sign it off from me, Gareth", "sign it Ola Nordmann", "my name at the bottom: Rosalind Achebe" (or ", Kerry-Anne
#: Govender"), "put Ciarán Doyle at the bottom" (`_PUT_AT_FOOT`); not "from Jo and Al" (`_listed`) nor "from Sophie's
#: class". Weak: the name may be a relative's the draft is for.
_SIGNED = (re.compile(rf"\b(?i:sign)(?:\s+(?:\w+\s+){{0,3}}?(?i:from)|\s+(?i:it|this|that|them)(?:\s+(?i:off))?)"
                      rf"\s+(?:(?i:me),?\s+)?{_NAMES}(?<!['’]s)(?![\w'’])"),
           re.compile(rf"\b(?i:my\s+(?:full\s+)?name)\b[^:.!?]{{0,30}}:\s*{_NAMES}"),
           re.compile(rf"\b(?i:my\s+(?:full\s+)?name\s+at\s+the\s+(?:bottom|end)),\s*(?!{_SIGN_OFFS}){_NAMES}"
                      r"(?=\s*(?:[,.;!]|$))"))
#: A full name the user asks to be put at the foot of a draft ("put Ciarán Doyle at the bottom"; not "Love Nana", nor
#: a firm's or a school's name, `_FIRM`: "Hollybrook Primary").
_PUT_AT_FOOT = re.compile(rf"\b(?i:and|put)\s+(?!{_SIGN_OFFS}){_TITLED}(?P<v>{_WORD}\s+{_WORD})\s+"
                          r"(?i:at\s+the\s+(?:bottom|end))\b")
_FIRM = re.compile(rf"\b(?:{cues.ORGANISATIONS}|primary|secondary|academy|high|services|plumbing|heating)\b",
                   re.IGNORECASE)
_AGREED = (re.compile(rf"{_NAMES}\s+it\s+is(?=\s*(?:[.!,;]|$|from\s+now\s+on\b))"),  # not "on an iPhone it is Settings"
           re.compile(rf"\bI(?:'ll|’ll|\s+will)\s+(?:call\s+you|address\s+you\s+as)\s+{_NAMES}"),
           re.compile(rf"\bI(?:'ll|’ll|\s+will)\s+use\s+{_NAMES}(?=\s+(?:from\s+now\s+on|going\s+forward)\b)"))
#: Titles said before a surname alone ("Mrs Pemberton here", "call me Dr Tanaka"): the name is the surname.
SURNAME_TITLES = frozenset("mr mrs ms miss dr prof".split())
#: What a grandchild, a child or a niece calls the user ("Ruby calls me Nana"): a role, never their name.
_KIN_CALLED = frozenset("nana nanna nan gran granny grandma grandmother grandad granddad grandpa mum mom mam mummy "
                        "mommy ma dad daddy pa papa mama auntie aunty aunt uncle".split())
#: Words that make "my ... name" a surname ("my last name is Vance"), or a name no longer or not called by.
_FAMILY_NAMES = frozenset({"last"})  # not "family name": said first by those who write it first ("I am Zhang Chen")
_PAST_NAMES = frozenset({"maiden", "middle", "old", "former", "previous", "birth"})
#: Greetings, words of address and fillers before the writer says who they are ("Good morning sir, myself Ravi",
#: "hiya, ellie here", "Salaam, Mohammed this side", "Aye, it's Hamish"), a greeting in any language opening the
#: sentence ("Cześć, Mateusz here", "Kia ora, Aroha here"), or a few words of chat in lower case ("hi po mia here").
_HELLO = (r"(?:[\w'’-]+(?:\s+[\w'’-]+)?[,!]\s+)?(?:(?:(?i:hi|hey|hello|hiya|heya|yo|namaste|salaam|salam|"
          r"assalamu\s+alaikum|g'?day|good\s+(?:morning|afternoon|evening|day)|morning|afternoon|evening|greetings|"
          r"dear\s+\w+|sir|ma'?am|madam|mate|all|there|everyone|aye|yes|yeah|ok|okay|so|well|right|oh|um|erm|hmm|"
          r"sorry)|(?!(?:my|our|his|her|their|the|an?|and|with|to|for|at|of)\b)[a-z][a-z'’]*)[\s,!.;:-]+){0,4}")
#: The name itself, with the title a surname alone is said with ("Mr. Okonkwo"); not a possessive ("Liam's").
_ME = rf"(?P<t>(?:Mrs|Mr|Ms|Miss|Dr|Prof)\.?\s+)?(?P<v>{_WORD}(?:\s+{_WORD})?)(?<!['’]s)(?![\w'’])"
#: What may follow a name the writer gives themselves: the sentence goes on, not with a verb of the name's
#: ("Grace here is my colleague", "Rex here is being naughty").
_AFTER = r"(?!\s+(?i:is|was|has|had|says|said|wants|needs|will|can|and\s+I)\b)"
#: The ways a writer opens by saying who is writing: "hey, it's Marco.", "It's me, Callum", "This is Deepak, we
#: spoke last week", "I'm Maddie btw", "Priya again", "ellie here", "Mohammed this side", "Moira from Edinburgh
#: again", "Name's Rafe", "myself Ravi"; not someone presented with who they are to the user ("this is Sarah, my
#: colleague") nor "it's Marco's birthday".
_PRESENTED = (
    re.compile(rf"^{_HELLO}(?i:it'?s|it’s|it\s+is|this\s+is|(?P<i>i'?m|i’m|i\s+am))\s+(?:(?i:me),?\s+)?{_ME}"
               r"(?!\s*,?\s*(?i:my|our|his|her|their)\b)"
               r"(?=\s*(?:[,.!?;:)-]|$|(?i:again|here|from|back|now|by\s+the\s+way|btw)\b))"),
    re.compile(rf"^{_HELLO}{_ME}\s+(?i:here|again|this\s+side|speaking|from\s+[\w\s'’]{{1,30}}?\s+again)\b{_AFTER}"),
    re.compile(rf"^{_HELLO}(?i:(?:the\s+)?name(?:'s|’s|\s+is)|myself)\s+{_ME}"),
)
#: "my name is Jamal Washington", anywhere in a sentence.
_MY_NAME = re.compile(rf"(?<!\bif\s)(?<!\bwhether\s)\b(?i:my\s+(?:full\s+)?name(?:'s|’s|\s+is))\s+{_ME}")
#: A surname said as one ("my surname's Nowak", "my last name is Kowalczyk", "my surname: Iyer", "Hollis is the
#: surname").
_SURNAME = re.compile(rf"\b(?i:my)\s+(?i:surname|last\s+name)(?:'s|’s|\s+is|\s*:)?\s+(?P<v>{_WORD})\b|"
                      rf"(?<![\w'’])(?!(?:Mine|Yours|Ours|His|Hers|Theirs)\b)(?P<w>{_WORD})(?<!['’]s)\s+"
                      r"(?i:is\s+(?:the|my|our)\s+(?:surname|last\s+name|family\s+name))(?=\s*(?:[,.;!]|$|not\b|and\b|but\b))")
#: A booking made under the user's name ("book it under Whitfield", "a table under the name Laura Ames", "the
#: appointment is in the name of Okafor").
_BOOKED_UNDER = re.compile(rf"\b(?i:book|booked|booking|reserve|reserved|reservation|table|order|appointment|ticket|"
                           rf"registered)\b[^.!?]{{0,40}}?\b(?i:under(?:\s+the\s+name(?:\s+of)?)?|in\s+the\s+name\s+of)"
                           rf"\s+(?P<v>{_WORD}(?:\s+{_WORD})?)(?<!['’]s)(?![\w'’])")
#: Words that say a message is about what the user is called.
_NAME_TALK = re.compile(r"\b(?:names?|call(?:s|ed)?\s+me|address\s+me|go(?:es)?\s+by|known\s+as|maiden|sign|"
                        r"from\s+now\s+on|anymore|any\s+more|at\s+the\s+bottom)\b", re.IGNORECASE)
#: Greetings before "this is ..." that make it the writer's own name.
_GREETINGS = frozenset({"hi", "hey", "hello", "hiya", "yo", "morning", "afternoon", "evening", "namaste"})


def addressed(name: str, reply: str) -> bool:
    """The reply calls the user `name`, written with its capital: "Hi Kip", "Salut Léa!", "Good morning Emeka!",
    "Nice to meet you, Kip!", "Good day, Mr. Okonkwo." (not "Merry Christmas!" for a Christmas said)."""
    name = rf"(?:(?:Mrs|Mr|Ms|Miss|Dr|Prof)\.?\s+)?(?=[A-Z])(?i:{re.escape(name)})"
    return bool(re.match(rf"\W*(?:[\w'’]+,?\s+){{0,2}}{name}\b\s*[,!.]", reply)
                or re.search(rf",\s*{name}\s*[!.?,]", reply))  # "Nice to meet you, Bill, and ..."


def presented(text: str, entities: tuple[Entity, ...]) -> list[Update]:
    """The name a sentence opens by saying who is writing ("hey, it's Marco.", "Priya again", "Mrs. Pemberton
    here", "Name's Rafe"): said in passing, so weak (kept when the reply calls the user by it); a title with one
    name makes it a surname."""
    for pattern in _PRESENTED:
        match = pattern.match(text)
        if match is None:
            continue
        words = match.group("v").split()
        refused = NOT_NAME if match.groupdict().get("i") else NOT_NAME - {"NORP"}  # "I'm Canadian"; "Priya again"
        if any(w.lower() in cues.NOT_NAMES | cues.ROLE_SET | _KIN_CALLED for w in words) or any(
                e.label in refused and words[0] in e.text.split() for e in entities):
            return []  # "It's Tuesday again", "it's Mum", "Christmas again!"
        return titled(words, (match.group("t") or "").strip(), weak=True)
    return []


def my_name_is(text: str, found: list[Update]) -> list[Update]:
    """"here I am my name is Jamal Washington I teach history": "my name is" said inside a run-on the parse reads
    wrongly ("I am my name"), when the parse found no name."""
    if any(u.subject == USER and u.attribute in ("name", "surname") for u in found):
        return []
    match = _MY_NAME.search(text)
    if match is None or any(w.lower() in cues.NOT_NAMES | cues.ROLE_SET for w in match.group("v").split()):
        return []
    return titled(match.group("v").split(), (match.group("t") or "").strip())


def said_again_in_full(text: str, found: list[Update]) -> list[Update]:
    """The surname of a name said again in full after it ("My name is Kofi, Kofi Mensah", "Name's Bill, Bill
    Henderson"), when none was said with it."""
    name = next((u for u in found if u.subject == USER and u.attribute == "name"), None)
    if name is None or any(u.subject == USER and u.attribute == "surname" for u in found):
        return []
    again = re.search(rf"\b{re.escape(name.value)}\s*,\s*{re.escape(name.value)}\s+(?P<v>{_WORD})(?<!['’]s)(?![\w'’])",
                      text)
    if again is None or again.group("v").lower() in cues.NOT_NAMES:
        return []
    return [Update(USER, "surname", again.group("v"), weak=name.weak)]


def titled(words: list[str], title: str, weak: bool = False) -> list[Update]:
    """The user's name and surname from the words of a name, with the title they were said with: a title with one
    name makes it a surname ("Mrs Adeyemi"), the title kept to write it with when no first name is known."""
    if title.rstrip(".").lower() in SURNAME_TITLES and len(words) == 1:
        return [Update(USER, "surname", words[0], detail=title.rstrip("."), weak=weak)]
    found = [Update(USER, "name", words[0], weak=weak)]
    return found + [Update(USER, "surname", " ".join(words[1:]), weak=weak)] if len(words) > 1 else found


def surname_said(text: str, reply: str, entities: list[Entity]) -> list[Update]:
    """A surname said as one ("my surname's Nowak", not "my surname's Polish": a people), or a booking under the
    user's name that the reply takes up ("book it under Whitfield": weak, as it may be a first name)."""
    peoples = {w for e in entities if e.label in NOT_NAME for w in e.text.split()}
    surnames = [m.group("v") or m.group("w") for m in _SURNAME.finditer(text)]
    said = [Update(USER, "surname", name) for name in surnames if name.lower() not in cues.NOT_NAMES
            and name not in peoples]
    for match in _BOOKED_UNDER.finditer(text):
        words = match.group("v").split()
        if match.group("v") in reply and not {w.lower() for w in words} & (cues.NOT_NAMES | cues.ROLE_SET):
            said += titled(words, "", weak=True) if len(words) > 1 else [Update(USER, "surname", words[0], weak=True)]
    return said


def introduced(tokens: tuple[Token, ...], i: int) -> list[Update]:
    """The name the writer gives themselves at word `i`: "call me Kip", "Hello, myself Pradeep Iyer", "hey this is
    Trevor from 4B", "I am called Ana", "I'm known as Mags"."""
    token = tokens[i]
    if token.lower in ("called", "known") and any(t.head == i and t.dep == "nsubjpass" and t.lower == "i"
                                                 for t in tokens):
        named = child(tokens, i, "oprd", "attr")
        return name_said(tokens, named if named is not None else object_of(tokens, i, ("as",)))
    if token.lower in CALL and token.pos == "VERB":
        return _called_me(tokens, i)
    if token.lower == "myself" and _greeted(tokens, i, opening=True) and i + 1 < len(tokens):
        return name_said(tokens, _named_head(tokens, i + 1))
    if token.lower == "this" and token.dep == "nsubj" and _greeted(tokens, i):
        return name_said(tokens, child(tokens, token.head, "attr"))
    return []


def _called_me(tokens: tuple[Token, ...], verb: int) -> list[Update]:
    """"call me Kip", "everyone calls me Kip" (the name parsed as a second object or as a complement), "address me
    as Mr Nowak, or Jan Nowak in full" (the fullest of the names offered); "he called me Dave" once is said in
    passing (kept when the reply calls the user so: "the examiner called me Dr Tanaka" -> "Well done, Dr Tanaka!")."""
    if any(t.head == verb and (t.dep == "neg" or t.lower in _NO_ONE) for t in tokens):
        return []  # "nobody calls me robert", "don't call me Bob": the name they do not go by
    me = next((n for n, t in enumerate(tokens) if t.head == verb and t.dep == "dobj" and t.lower == "me"), None)
    name = next((n for n, t in enumerate(tokens) if t.head == verb and n != me and t.dep in ("oprd", "dobj")), None)
    if name is None:
        name = object_of(tokens, verb, ("as",))
        offered = [name, child(tokens, name, "conj")] if name is not None else []
        name = max((n for n in offered if n is not None), key=lambda n: _names_in(tokens, n), default=None)
    return name_said(tokens, name, weak=tokens[verb].lower == "called") if me is not None else []


def named_as(tokens: tuple[Token, ...], noun: int, name: int | None) -> list[Update]:
    """"my name is Kip" (the name), "my last name is Vance" (the surname), "my maiden name was Byrne" (none now)."""
    kind = {t.lower for t in tokens if t.head == noun and t.dep in ("amod", "compound")}
    if kind & _PAST_NAMES:
        return []
    found = name_said(tokens, name)
    return [replace(u, attribute="surname") for u in found] if kind & _FAMILY_NAMES and len(found) == 1 else found


def _names_in(tokens: tuple[Token, ...], name: int) -> int:
    """How many names the phrase headed at `name` holds ("Jan Nowak": two; "Mr Nowak": one)."""
    lo, hi = span_of(tokens, name)
    return sum(1 for n in range(lo, hi + 1) if is_name(tokens, n))


def _named_head(tokens: tuple[Token, ...], n: int) -> int:
    """The word heading the name that starts at `n` (the surname the parse hangs "Pradeep" on)."""
    return tokens[n].head if tokens[n].dep == "compound" and tokens[n].head > n else n


def _greeted(tokens: tuple[Token, ...], word: int, opening: bool = False) -> bool:
    """The word follows a greeting ("hey this is Trevor", "Hello, myself Pradeep"), or with `opening` opens the
    sentence: the writer says who they are, not who someone in a photo is ("this is Sarah, my colleague")."""
    before = [t.lower for t in tokens[:word] if t.pos != "PUNCT"]
    return bool(before) and before[-1] in _GREETINGS or opening and not before


def goes_by(updates: list[Update]) -> list[Update]:
    """A page saying two names of the user's ("my name is Kipchoge Rotich but everyone calls me Kip"): the name
    said last is the one they go by, with the full name said before it as its detail."""
    names = [u for u in updates if u.subject == USER and u.attribute == "name" and not u.weak]
    if len(names) < 2 or names[-1].value == names[0].value:
        return updates
    surname = next((u.value for u in updates if u.subject == USER and u.attribute == "surname" and not u.weak), "")
    full = f"{names[0].value} {surname}".strip()
    return [replace(names[-1], detail=full) if u is names[-1] else u for u in updates if u not in names[:-1]]


def name_said(tokens: tuple[Token, ...], name: int | None, weak: bool = False) -> list[Update]:
    """The user's name (the first of "Maureen Fahy"; the rest as their surname, "Okafor-Reyes" whole); a title with
    one name says a surname ("call me Mrs Adeyemi"); never what kin call them ("Ruby calls me Nana")."""
    if name is None or not is_name(tokens, name) or tokens[name].lower in _KIN_CALLED:
        return []
    lo, _ = span_of(tokens, name)
    first = next((n for n in range(lo, name + 1) if is_name(tokens, n)), name)
    title = next((t.text for t in tokens[lo:first] if t.lower.rstrip(".") in SURNAME_TITLES), "")
    if title and first == name:
        return titled([_surname(tokens, name, name)], title, weak)
    found = [Update(USER, "name", tokens[first].text, weak=weak)]
    return found + [Update(USER, "surname", _surname(tokens, first + 1, name), weak=weak)] if first != name else found


def _surname(tokens: tuple[Token, ...], lo: int, n: int) -> str:
    """The surname ending at `n` from `lo`, with the names joined to it by hyphens ("Okafor-Reyes", which the
    tokenizer splits and the parse may head by either half)."""
    end = n
    while end + 2 < len(tokens) and tokens[end + 1].text == "-" and not tokens[end].space \
            and not tokens[end + 1].space and tokens[end + 2].pos == "PROPN":
        end += 2
    return "".join(t.text + t.space for t in tokens[lo : end + 1]).strip()


def _someone_elses(name: str, text: str) -> bool:
    """The message gives `name` as someone else's ("the PT name is Lauren", "his name's Tom"): the reply's "Lauren it
    is" agrees to the plan, not to a name for the user."""
    return re.search(rf"\b(?<!\bmy\s)(?!my\b)[\w'’]+\s+name(?:['’]s|\s+is|\s+was)\s+{re.escape(name)}\b", text,
                     re.IGNORECASE) is not None  # not "my middle name is Rose"


def _short_of(name: str, text: str) -> bool:
    """`name` is the short form of a name the user says they are called ("Geoff" of "nobody's called me Geoffrey");
    not of what a grandchild calls them ("calls me Grandad")."""
    called = re.search(rf"\b(?i:call(?:s|ed)?\s+me)\s+({re.escape(name)}[a-z]+)\b", text)
    return called is not None and called.group(1).lower() not in _KIN_CALLED


def _listed(match: re.Match[str], text: str) -> bool:
    """A name that opens a list of names ("sign it from Jo, Al and Sam", "from Jo Smith and Al Brown"): no one's
    own; a title after a full name is no list ("sign it Katarzyna Wójcik, Front Office Supervisor")."""
    after = text[match.end():]
    joined = re.match(rf"\s*(?:and|&)\s*{_WORD}", after) is not None
    return joined or " " not in match.group("v") and re.match(rf"\s*,\s*{_WORD}", after) is not None


def agreed_name(text: str, reply: str) -> list[Update]:
    """A new name the user takes on, said in one side's words and repeated in the other's: "It's Sorcha Kavanagh
    now ... the new name" (the reply writes "Sorcha Kavanagh"), "I've gone back to Robert" ("Robert it is"), "do
    not say Wolfi anymore ... simply Wolfgang" ("Wolfgang it is from now on"); not a choice of anything else
    ("Paris it is", where the message says nothing of a name); and, said in passing, the name the user asks a draft
    to be signed with ("sign it from Helen Marsh", which the draft is signed with), not a relative's ("from Mum");
    the short form of the name the user is called ("nobody's called me Geoffrey since me mam" -> "Geoff it is")."""
    if not _NAME_TALK.search(text):
        return []
    asked = [m.group("v") for p in _SIGNED for m in p.finditer(text) if not _listed(m, text)] + [
        m.group("v") for m in _PUT_AT_FOOT.finditer(text) if not _FIRM.search(m.group("v"))]
    signed = [name for name in asked if name in reply and name.split()[0].lower() not in cues.ROLE_SET | _KIN_CALLED]
    said = [m.group("v") for p in _TAKEN_ON for m in p.finditer(text) if m.group("v") in reply]
    said += [m.group("v") for p in _AGREED for m in p.finditer(reply) if m.group("v").lower() not in cues.NOT_NAMES
             and (re.search(rf"\b{re.escape(m.group('v'))}\b", text, re.IGNORECASE)
                  or _short_of(m.group("v"), text)) and not _someone_elses(m.group("v"), text)]
    if said:
        return titled(said[-1].split()[:2], "")
    return titled(signed[-1].split(), "", weak=True) if signed else []
