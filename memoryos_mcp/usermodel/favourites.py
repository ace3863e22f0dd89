"""A favourite said of something named just before: "Half Moon Run announced a show! they're my favourite
band", "I listen to Sunday Miscellany every week. It's my favourite programme".

The parse finds "it/they is my favourite K"; what "it" is, is the first thing named in the sentence before
it, or else in the sentence before (a subject or an object, a name first), never a pronoun, a date or one of
the user's own things ("my tea"). A name in full may be the subject itself ("Nina Simone has always been my
favourite"), or follow the kind in apposition ("found my new favourite cafe, Bean Counter"); what is said after
"my favourite" of the verb, not of the favourite ("by far", "forever", "after all these years"), leaves it kindless.
A side the user follows is "my team" in talk of its games ("the bengals lost again. they've been my team since I
was five"), or the side whose result a fan's message gives ("Leeds lost again. 2-0. I don't know why I bother",
"leicester city 0 watford 2. we've had season tickets since I was 12").
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..language.nlp import Sentence, Token, common_word
from ..language.text import MONTHS, STOPWORDS, WEEKDAYS, tokenize
from . import cues
from .tree import child
from .values import USER, Update

_POINTERS = frozenset("it it's its they they're that this these those".split())
_PEOPLE = frozenset({"he", "she"})
#: Pointers to a thing, never to people ("they're my favourite band" may point to a band the tagger takes for one).
_IT = frozenset("it it's its that this".split())
_FAVOURITE = frozenset({"favourite", "favorite", "fave", "fav", "comfort"})  # "its my comfort show"
_NAMED_BY = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr"})
_NOT_A_THING = frozenset("DATE TIME CARDINAL ORDINAL MONEY QUANTITY PERCENT".split())
_MAX_WORDS = 5
#: Small words written in lower case inside a title ("Master and Commander", "Lord of the Flies").
_TITLE_WORDS = frozenset("of the and a an in on at to for".split())
#: Words of talk about a side's games: "my team" in it is the side the user follows, not the people they work with.
_GAMES = frozenset("won win wins lost lose loses beat game games match season league cup playoffs final derby "
                   "score".split())
#: Verbs of a side's result ("lost again", "win 2:0").
_RESULTS = frozenset("lost lose loses won win wins beat drew".split())
#: Words of a fan's ("I've been a fan since day one", "why do I do this to meself", "I don't know why I bother",
#: "season tickets"); not "why I bother voting".
_FAN = re.compile(r"\b(?:i've\s+been\s+a\s+fan|been\s+a\s+fan\s+since|why\s+do\s+i\s+do\s+this|"
                  r"why\s+(?:do\s+)?i\s+(?:even\s+)?bother\b(?!\s+\w)|"
                  r"(?:we've|we\s+have|i've|i\s+have)\s+had\s+season\s+tickets?)\b", re.IGNORECASE)
#: Watching a side play, which makes a fan only in talk of a sport ("Ewa hate football so I watch on phone").
_WATCHED = re.compile(r"\bi\s+(?:always\s+|still\s+)?watch(?:ed)?\s+(?:it|them|on|every|the\s+(?:game|match))\b",
                      re.IGNORECASE)
_SEASON_TICKETS = re.compile(r"\bseason\s+tickets?\b", re.IGNORECASE)
#: A result: "4-1", "2:0" (not a time, "7:30").
_SCORE = re.compile(r"\b\d{1,2}\s*(?:[-–]\s*\d{1,2}|:\s*\d)\b")
#: A result said as a scoreline, the home side named first ("Leicester City 0 Watford 2"): the side of a fan who
#: has season tickets.
_SIDE = r"[^\W\d][\w'’.-]*(?:\s+[^\W\d][\w'’.-]*){0,2}"
_SCORELINE = re.compile(rf"^\W*(?P<side>{_SIDE})\s+\d{{1,2}}\s*[-–,]?\s+(?P<other>{_SIDE})\s+\d{{1,2}}"
                        r"(?=\s*(?:[.!?]|$))")
#: Words of a sport whose sides have fans: a favourite of no kind said with a result in talk of one is a side.
_SPORTS = frozenset("football footy soccer hockey rugby cricket baseball basketball nfl nba nhl afl gaa hurling "
                    "netball derby playoffs".split())
#: Nouns of people, never a side ("six people at work, they're my team").
_PEOPLE_NOUNS = cues.ROLE_SET | frozenset("people guys lads girls staff folks everyone members colleagues".split())
#: Words naming an occasion of a band's or a show's, not it ("BALL PARK MUSIC TOUR": the band).
_OCCASIONS = frozenset("tour concert concerts gig gigs show tickets album ep".split())
#: Favourites that are people or made by them: the tagger may call their name a person's ("Vetusta Morla").
PEOPLE_KINDS = frozenset("band artist singer author writer musician actor actress player comedian poet rapper dj "
                          "composer group".split())
#: The user among others ("Lucía and me"): the others are people.
_WE = frozenset({"me", "i", "us", "we"})
#: Verbs whose object is a title, whoever the tagger takes its name for ("watching Paquita Salas").
_TAKEN_IN = frozenset("watching watched watch rewatching reading read listening playing".split())
#: Words a sentence opens with before "my favourite <kind>", its subject dropped ("Is my favourite series ever").
_OPENING = frozenset("is it 's its my our".split())
#: What a word after "my favourite" is when it says how or how long of the verb: "by far", "forever", "still".
_ADVERBIAL = frozenset({"advmod", "npadvmod", "prep"})


#: Words around a one-word answer that are not it ("oh definitely Paramore", "paramore always", "easy, Arsenal").
_FILLERS = re.compile(r"^(?:(?:oh|ooh|hmm+|um+|easy|easily|definitely|def|probably|prob|gotta be|has to be|it's|its|"
                      r"that's|thats)\b[\s,!]*)+|\s+(?:always|forever|obviously|of course|for sure|no contest|lol|"
                      r"haha|honestly)\b.*$|\s*[,.;!?].*$", re.IGNORECASE)


#: Replies that name no favourite ("hard to say", "don't really have one", "not sure").
_NO_ANSWER = re.compile(r"^(?:not sure|no idea|dunno|i (?:don'?t|do not) know|hard to (?:say|choose|pick)|depends|"
                        r"too many|(?:i )?(?:don'?t|do not) (?:really )?have|none|nothing|no favou?rite|"
                        r"can'?t (?:choose|decide|pick))\b", re.IGNORECASE)


def favourite_answered(kind: str, text: str) -> list[Update]:
    """A reply to "what's your favourite band?" that names only the favourite ("paramore always")."""
    value = _FILLERS.sub("", text.strip()).strip(" '\"’")
    if _NO_ANSWER.search(value):
        return []
    return [Update(USER, f"favourite:{kind}", value)] if 0 < len(value.split()) <= 5 else []


def favourite_of_named(sentences: list[Sentence], index: int) -> list[Update]:
    """The favourite that sentence `index` says a pronoun is, with the thing it points back to; said without
    what kind of favourite ("Kishori Amonkar only, she is my all time favourite"), its kind is left empty."""
    tokens = sentences[index].tokens
    for n, token in enumerate(tokens):
        if token.lower not in _FAVOURITE:
            continue
        chosen = _chosen_as(tokens, n)
        if chosen:
            return [Update(USER, f"favourite:{tokens[token.head].lower}", chosen)]
        beside = _in_apposition(tokens, n)
        if beside:
            return [Update(USER, f"favourite:{beside[0]}", beside[1])]
        said = _kind_and_verb(tokens, n)
        if said is None:
            continue
        kind, verb = said
        pointer = next((m for m, t in enumerate(tokens) if t.head == verb and t.dep == "nsubj" and m < n), None)
        full = _phrase(tokens, pointer) if pointer is not None and tokens[pointer].pos == "PROPN" else ""
        if not kind and len(full.split()) > 1:  # a first name alone may be someone they know ("Mia is my favourite")
            return [Update(USER, "favourite:", full)]
        # "he is my favourite musician", not "my favourite nephew" (a relative) nor "he's the favourite" (of the family)
        people = not kind or kind not in cues.ROLE_SET and any(
            t.head == token.head and t.lower in ("my", "our") for t in tokens)
        if pointer is None or tokens[pointer].lower not in (_POINTERS | _PEOPLE if people else _POINTERS):
            continue
        thing = tokens[pointer].lower in _IT  # "it's our favourite film": not whom the sentence opens with
        named = _first_named(tokens[:pointer], thing) or (
            _first_named(sentences[index - 1].tokens, thing) if index else "")
        if named:
            return [Update(USER, f"favourite:{kind}", named)]
    return _noted(sentences, index) or _my_team(sentences, index) or _fragment(sentences, index) or \
        _followed(sentences, index)


def _fragment(sentences: list[Sentence], index: int) -> list[Update]:
    """"the concert of Vetusta Morla in December!!! My favourite band since the university", "runrig forever. my
    favourite band since i was a boy", "watching Paquita Salas again. Is my favourite series ever": a sentence
    opening with "my favourite <kind>", no verb after it, is of the first thing the sentence before names (or the
    name it is: "runrig forever"; a dish it makes: "making misal pav. my favourite food ever"), never a person
    ("Lucía and me"), and a band's, not its tour ("BALL PARK MUSIC TOUR.")."""
    tokens = sentences[index].tokens
    start = next((n for n, t in enumerate(tokens[:4]) if t.lower not in _OPENING), 0)  # "Is my favourite series ever"
    if not index or len(tokens) < start + 2 or tokens[start].lower not in _FAVOURITE or \
            tokens[start + 1].lower not in cues.FAVOURITE_KINDS:
        return []
    ends = [n for n, t in enumerate(tokens) if n > start + 1 and (t.text in (",", ";", ":") or t.pos == "SCONJ")]
    clause = ends[0] if ends else len(tokens)  # "my favourite band since i was a boy": "was" is of "since"
    if any(t.text in (",", ":") for t in tokens[start + 2 : start + 3]) or \
            any(t.pos in ("VERB", "AUX") for t in tokens[start + 2 : clause]):
        return []  # "my favourite band of all time is still Queen", "my favourite band, Runrig": the rules read those
    kind = tokens[start + 1].lower
    before = sentences[index - 1].tokens
    named = (_dish(before) if kind in cues.FOOD_KINDS else _named_before(before, kind in PEOPLE_KINDS)).split()
    while named and named[-1].lower() in _OCCASIONS:
        named.pop()
    if len(named) == 1 and named[0].islower() and common_word(named[0]):
        return []  # "chat 10 looks 3 has a new ep": "new" is no name
    if any(w[:1].isupper() for w in named):  # "ball Park Music", re-cased from the reply but for its first word
        named[0] = named[0][:1].upper() + named[0][1:]
    return [Update(USER, f"favourite:{kind}", " ".join(named))] if named else []


def _dish(tokens: tuple[Token, ...]) -> str:
    """A dish the sentence before a favourite food makes or eats, in lower case ("making misal pav, nashik style"):
    a noun said after its verb, of a word no everyday English has."""
    found = next((n for n, t in enumerate(tokens) if t.dep == "dobj" and t.pos in ("NOUN", "PROPN")
                  and not _owned(tokens, n)), None)
    dish = _phrase(tokens, found) if found is not None else ""
    return dish if any(not common_word(w.lower()) for w in dish.split()) else ""


def _named_before(tokens: tuple[Token, ...], people: bool) -> str:
    """What the sentence before a favourite said as a fragment names: a name it holds as an object ("going to the
    concert of Vetusta Morla"), else the first thing it names, not whoever does something with the user ("Lucía and
    me"), or the noun it is ("BALL PARK MUSIC TOUR."); a sentence of a word or two is the name ("runrig forever", which
    the tagger reads as a verb). A person the tagger names is one only for a favourite who is one (`people`: a band,
    an author), not a restaurant, nor who the user was with ("dinner with Tom at Dishoom"), unless watched or read
    ("watching Paquita Salas")."""
    refused = _NOT_A_THING if people else _NOT_A_THING | {"PERSON"}
    objects = [n for n, t in enumerate(tokens) if t.pos == "PROPN" and t.dep in ("pobj", "dobj", "attr", "appos")
               and (t.entity not in refused or t.dep == "dobj" and tokens[t.head].lower in _TAKEN_IN)
               and (people or tokens[t.head].lower != "with")]
    if objects:
        return _phrase(tokens, objects[0])
    words = [t for t in tokens if t.pos != "PUNCT"]
    if not people:
        return ""
    if 0 < len(words) <= 2 and words[0].pos not in ("PRON", "DET", "AUX"):
        return words[0].text
    root = next((n for n, t in enumerate(tokens) if t.dep == "ROOT" and t.pos in ("NOUN", "PROPN")), None)
    named = _first_named(tokens, thing=True) or (_phrase(tokens, root) if root is not None else "")
    with_user = {t.text for n, t in enumerate(tokens) if any(c.head == n and c.dep == "conj" and c.lower in _WE
                                                              for c in tokens)}
    return "" if with_user.intersection(named.split()) else named


def _my_team(sentences: list[Sentence], index: int) -> list[Update]:
    """"they've been my team since I was five", "Arsenal are my team", said in talk of games: the favourite team is
    the side named as the subject, or else the first thing named before "they"."""
    tokens = sentences[index].tokens
    for n, token in enumerate(tokens):
        if token.lower != "team" or token.dep != "attr" or not _owned(tokens, n) or \
                not _GAMES.intersection(t.lower for s in sentences for t in s.tokens):
            continue
        subject = next((m for m, t in enumerate(tokens) if t.head == token.head and t.dep == "nsubj" and m < n), None)
        if subject is None:
            continue
        if tokens[subject].pos == "PROPN" and child(tokens, subject, "conj") is None:  # not "Sarah and Tom are ..."
            return [Update(USER, "favourite:team", _phrase(tokens, subject))]
        named = _first_named(tokens[:subject]) or (_first_named(sentences[index - 1].tokens) if index else "")
        if tokens[subject].lower in _POINTERS and named and named.split()[-1].lower() not in _PEOPLE_NOUNS:
            return [Update(USER, "favourite:team", named)]
    return []


def _followed(sentences: list[Sentence], index: int) -> list[Update]:
    """A side the user follows, told by its result where the message says the user is a fan ("blue jackets lost
    again, 4-1. I've been a fan since day one", "bohs lost again. why do i do this to meself", "Lech win 2:0!! Ewa
    hate football so I watch on phone"): the side that won or lost, by name."""
    message = " ".join(s.text for s in sentences)
    fan = _FAN.search(message) is not None
    if not fan and not (_WATCHED.search(message) and _SPORTS & {t.lower for s in sentences for t in s.tokens}):
        return []
    tokens = sentences[index].tokens
    scoreline = _SCORELINE.match(" ".join(s.text for s in sentences[index:index + 2]))  # split after "City 0"
    sides = scoreline.group("side", "other") if scoreline and _SEASON_TICKETS.search(message) else ()
    if sides and not STOPWORDS.intersection(" ".join(sides).lower().split()):  # not "we won 3 they got 2"
        return [Update(USER, "favourite:team", sides[0] if sides[0][:1].isupper() else sides[0].title())]
    scored = any(_SCORE.search(s.text) for s in sentences)
    for n, token in enumerate(tokens):
        side = next((m for m, t in enumerate(tokens) if t.head == n and t.dep == "nsubj"), None)
        if token.lower not in _RESULTS or side is None or tokens[side].entity == "DATE" or \
                tokens[side].entity == "PERSON" and not (fan and _lament(tokens, n, scored)) or \
                tokens[side].lower in _POINTERS | _PEOPLE_NOUNS | _WE | {"team"} or \
                _determined(tokens, side) or common_word(tokens[side].lower) and not scored:
            continue
        name = _phrase(tokens, side)
        return [Update(USER, "favourite:team", name if name[:1].isupper() else name.title())]
    return []


def _lament(tokens: tuple[Token, ...], verb: int, scored: bool) -> bool:
    """A fan's lament over a side the tagger takes for someone ("Leeds lost again. 2-0 at home"): lost or won
    "again", with a score in the message, and nothing won ("Tom won the raffle again")."""
    return scored and child(tokens, verb, "dobj") is None and any(t.head == verb and t.lower == "again" for t in tokens)


def _determined(tokens: tuple[Token, ...], side: int) -> bool:
    """Whether the side is said with a determiner that makes it no name ("my son's team", "the kids"; not "The
    Jets")."""
    det = child(tokens, side, "det", "poss")
    return det is not None and not (tokens[det].lower == "the" and tokens[side].text[:1].isupper())


#: Words after a side's name in a reply that are not of it ("Leeds Bradford Airport", "Liverpool Street", "Crystal
#: Palace Park", "Arsenal Women").
_NOT_OF_A_SIDE = frozenset({*WEEKDAYS, *MONTHS, *"""i airport street road park station stadium arena ground
    council return row women kingdom square bridge lane hall centre center""".split()})


def side_followed(update: Update, text: str, reply: str) -> Update:
    """A favourite of no kind said with a result in talk of a sport ("I've been a Jets fan since the WHA days, they
    lost 4-2 tonight") is a side; a side with the longer name the reply gives it ("Leeds" -> "Leeds United at home to
    lose 2-0"): one word more, no place's ("Leeds Bradford Airport")."""
    if update.subject != USER or update.attribute not in ("favourite:", "favourite:team"):
        return update
    talk = set(tokenize(text))
    if update.attribute == "favourite:" and not (talk & _RESULTS and (talk & _SPORTS or _SCORE.search(text))):
        return update
    longer = re.search(rf"\b{re.escape(update.value)}\s+({cues.CAPITAL}[\w'’-]+)(?![\w'’-])(?!\s+{cues.CAPITAL})",
                       reply)
    tail = longer.group(1) if longer and longer.group(1).lower() not in _NOT_OF_A_SIDE else ""
    return replace(update, attribute="favourite:team", value=f"{update.value} {tail}".strip())


def _noted(sentences: list[Sentence], index: int) -> list[Update]:
    """A favourite noted in brackets after its name ("all of The Rest Is History (favourite, nothing beats it)",
    "Wolf Hall (my fav)"), of the kind a noun of the message names ("a podcast for long runs"), if one does."""
    tokens = sentences[index].tokens
    for n, token in enumerate(tokens):
        opening = n - 2 if n > 1 and tokens[n - 1].lower in ("my", "our", "all-time", "new") else n - 1
        if token.lower not in _FAVOURITE or opening < 1 or tokens[opening].text != "(":
            continue
        lo = opening
        while lo > 0 and _in_title(tokens, lo - 1):
            lo -= 1
        while lo < opening and not tokens[lo].text[:1].isupper():  # "all of The Rest Is History": not "of"
            lo += 1
        name = "".join(t.text + t.space for t in tokens[lo:opening]).strip()
        if name:
            kind = next((t.lower for s in sentences for t in s.tokens if t.lower in cues.FAVOURITE_KINDS
                         and t.pos == "NOUN"), "")
            return [Update(USER, f"favourite:{kind}", name)]
    return []


def _in_title(tokens: tuple[Token, ...], n: int) -> bool:
    """A word of a title written with capitals ("The Rest Is History"), or a small word inside one; not a verb
    opening the sentence ("Finished Wolf Hall")."""
    token = tokens[n]
    if token.text[:1].isupper():
        return not (n == 0 and token.pos == "VERB")
    return token.lower in _TITLE_WORDS


def _chosen_as(tokens: tuple[Token, ...], n: int) -> str:
    """"Maranui has usurped Customs as my favourite coffee" -> Maranui; "I've adopted the Floriditas as my
    favourite cafe" -> the Floriditas: what is taken *as* the favourite is the verb's subject, or its object
    when the user is the subject."""
    kind = tokens[n].head
    preposition = tokens[kind].head
    if tokens[kind].dep != "pobj" or tokens[preposition].lower != "as" or tokens[preposition].dep != "prep":
        return ""
    verb = tokens[preposition].head
    heads = {verb} | {m for m, t in enumerate(tokens) if t.head == verb and t.dep == "aux"}  # "Maranui has"
    subject = next((m for m, t in enumerate(tokens) if t.head in heads and t.dep == "nsubj"), None)
    if subject is not None and tokens[subject].lower in ("i", "we"):
        subject = next((m for m, t in enumerate(tokens) if t.head == verb and t.dep == "dobj"), None)
    if subject is None or tokens[subject].pos != "PROPN":
        return ""
    return _phrase(tokens, subject)


def _in_apposition(tokens: tuple[Token, ...], n: int) -> tuple[str, str] | None:
    """"found my new favourite lunch spot, Bean Counter" -> (lunch spot, Bean Counter): a name set beside the user's
    favourite kind."""
    kind = tokens[n].head
    while tokens[kind].dep == "compound" and tokens[kind].head > kind:
        kind = tokens[kind].head
    if tokens[n].dep != "amod" or not any(t.head == kind and t.lower in ("my", "our") for t in tokens):
        return None
    name = next((m for m, t in enumerate(tokens) if t.head == kind and t.dep == "appos" and t.pos == "PROPN"), None)
    if name is None:
        return None
    lo = name
    while lo > kind + 1 and (tokens[lo - 1].dep in ("compound", "poss", "case") or tokens[lo - 1].text == "The"):
        lo -= 1
    words = " ".join(t.lower for t in tokens[n + 1:kind + 1])
    return words, "".join(t.text + t.space for t in tokens[lo:name + 1]).strip()


def _kind_and_verb(tokens: tuple[Token, ...], n: int) -> tuple[str, int] | None:
    """"it's my favourite *programme*": the kind and the verb; "he is my (all time) favourite.": no kind."""
    token = tokens[n]
    head = tokens[token.head]
    if token.dep in ("amod", "compound") and head.dep == "attr" and head.lower != "time":  # "my comfort show"
        return head.lower, head.head
    after = tokens[n + 1] if n + 1 < len(tokens) else None
    closes = after is None or after.pos == "PUNCT" or after.head == token.head and after.dep in _ADVERBIAL
    if not closes or not any(t.lower in ("my", "our") for t in tokens[max(0, n - 4) : n]):
        return None
    if token.dep in ("acomp", "attr"):
        return "", token.head
    return ("", head.head) if token.dep == "amod" and head.dep == "attr" else None


def _first_named(tokens: tuple[Token, ...], thing: bool = False) -> str:
    """The first thing named in `tokens`: a proper name if there is one, else a noun phrase; of a noun that holds
    another ("in the mood for some creedence", "a cup of rooibos"), the one it holds. A `thing` is no person doing
    something ("Inès came over, we watched Ratatouille, it's our favourite film": the film)."""
    heads = [n for n, t in enumerate(tokens) if t.dep in _NAMED_BY and t.pos in ("NOUN", "PROPN")
             and t.entity not in _NOT_A_THING and not _owned(tokens, n)
             and not (thing and t.entity == "PERSON" and t.dep == "nsubj" and tokens[t.head].pos == "VERB")]
    heads = [n for n in heads if not any(tokens[tokens[m].head].head == n for m in heads if tokens[m].dep == "pobj")]
    names = [n for n in heads if tokens[n].pos == "PROPN"]
    chosen = (names or heads)[:1]
    return _titled(tokens, chosen[0]) if chosen else ""


def _titled(tokens: tuple[Token, ...], head: int) -> str:
    """The phrase of a name, with the name that holds it by "of" when both are names: one title ("Anne of Green
    Gables", "Lord of the Flies"), not "a cup of rooibos"."""
    preposition = tokens[head].head
    holder = tokens[preposition].head
    if tokens[head].pos != "PROPN" or tokens[head].dep != "pobj" or tokens[preposition].lower != "of" or \
            tokens[holder].pos != "PROPN" or holder > preposition:
        return _phrase(tokens, head)
    return f"{_phrase(tokens, holder)} {' '.join(t.text for t in tokens[holder + 1 : head + 1])}"


def _owned(tokens: tuple[Token, ...], n: int) -> bool:
    return any(t.head == n and t.dep == "poss" and t.lower in ("my", "our") for t in tokens)


def _phrase(tokens: tuple[Token, ...], head: int) -> str:
    """The head with the names and modifiers just before it ("Sunday Miscellany", "sweet peas")."""
    lo = head
    while lo > 0 and tokens[lo - 1].dep in ("compound", "amod") and tokens[lo - 1].head in range(lo, head + 1):
        lo -= 1
    return " ".join(t.text for t in tokens[lo : head + 1][-_MAX_WORDS:])
