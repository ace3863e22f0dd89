"""How chat writes words, read as the words they stand for before the parse: spellings without apostrophes
("im"), texting and note shorthand ("u", "w/", "bday", "mtg"), signs between words ("day 1 @ Halden") and emojis
or laughs where a clause ends."""

from __future__ import annotations

import re

#: Chat spellings ("im" -> "I'm").
SPELLINGS = {"i": "I", "i'm": "I'm", "i've": "I've", "i'll": "I'll", "i'd": "I'd", "im": "I'm", "ive": "I've",
             "ill": "I'll", "id": "I'd", "hes": "he's", "shes": "she's", "theyre": "they're", "were": "were",
             "dont": "don't", "didnt": "didn't", "cant": "can't", "name's": "name is"}
_EMOJI = re.compile(r"\s*[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]+\s*")
#: A laugh between two words of chat ends a clause, not the sentence ("we adopted a bearded dragon lol his name is
#: ..."): a comma, so the tagger does not take it for a noun of either.
_LAUGH = re.compile(r"(?<=\w)\s+(?:lol|lmao|lmfao|rofl|haha+|hehe+)\s+(?=\w)", re.IGNORECASE)
#: Words that go on with the clause an emoji stands in ("my puppy 🐶 is called Rex"): no clause ends there.
_GOES_ON = re.compile(r"(?:is|are|was|were|named|called|and|who|from|with)\b", re.IGNORECASE)
#: "my names Aroha" (a "name's" without its apostrophe), not "my names are ...".
_NAMES_IS = re.compile(r"\b(my|his|her)\s+names\s+(?!(?:are|were|and|or)\b)(?=\w)", re.IGNORECASE)
#: Shorthand signs: with a slash, not inside a word or a path; "@" and "=" between spaces, not in an address.
_SIGNS = re.compile(r"(?<![\w/])(?:w/o|w/|b/c)(?![\w/])|(?<!\S)[@=](?!\S)", re.IGNORECASE)
#: Texting shorthand read as the words it stands for before the parse ("me n imani", "done w basketball",
#: "w/ my sister"): left as typed, the tagger reads "n" and "w" as nouns and the sentence around them falls apart.
SHORTHAND = {"u": "you", "ur": "your", "n": "and", "w": "with", "r": "are", "bc": "because", "cuz": "because",
             "coz": "because", "abt": "about", "bday": "birthday", "tmrw": "tomorrow", "tmr": "tomorrow",
             "rn": "right now", "smth": "something", "sth": "something", "idk": "I don't know", "pls": "please",
             "plz": "please", "thx": "thanks", "bf": "boyfriend", "gf": "girlfriend", "fav": "favourite",
             "fave": "favourite", "ppl": "people", "thru": "through", "tho": "though", "ngl": "honestly",
             "tbh": "honestly", "btw": "by the way", "lowkey": "kind of", "fr": "really", "appt": "appointment",
             "mtg": "meeting", "wi": "with",  # Scots "staying wi eilidh"
             "doesnt": "doesn't", "isnt": "isn't", "wasnt": "wasn't", "havent": "haven't", "wont": "won't",
             # the clipped words of notes ("mtg w/ Ana", "sr assoc", "2 wks")
             "appts": "appointments", "mtgs": "meetings", "yr": "year", "yrs": "years", "wk": "week", "wks": "weeks",
             "wknd": "weekend", "sr": "senior", "jr": "junior", "assoc": "associate", "mgr": "manager"}
#: Words no possessive "its" comes before: "its just peloton now" is "it's" ("its own", "its lid" are not).
_NOT_OWNED = re.compile(r"\s+(?:just|so|like|not|all|only|been|gonna|going|getting|ok|okay|fine|really|too|always|"
                        r"never|pretty|literally|actually|basically|still|kinda|such|a|an|the|my|your)\b",
                        re.IGNORECASE)
#: Around "wi", words that make it no Scots "with": "wi fi", "the WI" (the Women's Institute).
_NOT_WITH = re.compile(r"\bwi\s+fi\b|\bthe\s+wi\b", re.IGNORECASE)
#: Shorthand signs: written with a slash, and "@" and "=" for words in notes ("day 1 @ Halden", "Ana = my boss").
SIGNS = {"w/": "with", "w/o": "without", "b/c": "because", "@": "at", "=": "is"}


def spelt_out(match: re.Match[str]) -> str | None:
    """The words a lower-case word of chat stands for ("im" -> "I'm", "u" -> "you"; not "u" of "u-haul"), or None."""
    word = match.group(0)
    if word == "its" and _NOT_OWNED.match(match.string, match.end()):
        return "it's"
    if word == "wi" and _NOT_WITH.search(match.string[max(0, match.start() - 4) : match.end() + 3]):
        return None  # "the wi fi", "joined the WI": no Scots "with"
    return SPELLINGS.get(word) or (SHORTHAND.get(word) if not _hyphened(match) else None)


#: Words written in capitals in a row ("LILY IS FOUR TODAY", "I GOT THE JOB", "NHS UK").
_CAPITALS = re.compile(r"\b[A-Z][A-Z'’]*(?:[ \t]+[A-Z][A-Z'’]*)+\b")
#: Shouted, not acronyms: three words or more, or two with one of four letters or more ("IN LOVE"; not "NHS UK").
_SHOUT_WORDS, _SHOUT_LETTERS = 3, 4


def _shouted(run: re.Match[str]) -> bool:
    words = run.group(0).split()
    return len(words) >= _SHOUT_WORDS or any(len(w) >= _SHOUT_LETTERS for w in words)


def unshouted(text: str) -> str:
    """The words shouted in capitals written in lower case, to be re-cased as any other."""
    return _CAPITALS.sub(lambda run: run.group(0).lower() if _shouted(run) else run.group(0), text)


def shouted_out(text: str) -> str:
    """The text without its words shouted in capitals, which tell nothing of how the user writes names."""
    return _CAPITALS.sub(lambda run: "" if _shouted(run) else run.group(0), text)


def signs_and_emojis_read(text: str) -> str:
    """The text with its shorthand signs as words ("my names Ana": "my name is Ana"), a full stop where an emoji
    ends a clause and a comma where a laugh does."""
    text = _NAMES_IS.sub(r"\1 name is ", _SIGNS.sub(lambda m: SIGNS[m.group(0).lower()], text))
    return _LAUGH.sub(", ", _EMOJI.sub(_emoji_break, text))


def _emoji_break(match: re.Match[str]) -> str:
    """Emojis end a clause in chat ("me n imani are official 🥹 she asked me"): a full stop where none is, so the
    tagger does not read them as nouns of the sentence; not before a word that goes on with it ("a puppy 🐶 named
    Rex")."""
    before = match.string[:match.start()].rstrip()
    after = match.string[match.end():].strip()
    ends = before and after and before[-1] not in ".!?,;:" and not _GOES_ON.match(after)
    return ". " if ends else " "


def _hyphened(match: re.Match[str]) -> bool:
    """The word is part of a hyphened one ("u-haul"): no shorthand."""
    text, start, end = match.string, match.start(), match.end()
    return text[end:end + 1] == "-" or start > 0 and text[start - 1] == "-"
