"""Plain-text helpers shared by the offline provider, keyword scoring and lexical search."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
#: Titles whose full stop ends no sentence ("Dr. Okafor"); an initial's does not either ("Ursula K. Le Guin").
_TITLES = ("Dr", "Mr", "Mrs", "Ms", "Prof", "St", "Jr", "Sr", "Mt", "No", "vs", "etc", "e.g", "i.e")
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<![\s.][A-Z]\.)" + "".join(rf"(?<!\b{re.escape(t)}\.)" for t in _TITLES)
                           + r"\s+|\n+")
#: Runs of Hangul, Han, Hiragana and Katakana: scripts written without spaces between words (Chinese,
#: Japanese) or with particles glued to them (Korean), so a word tokenizer cannot find their words.
_CJK_RUN = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff"
                      r"\uac00-\ud7af\uf900-\ufaff]+")

#: The capital and the small letters of the Latin alphabets, as the inside of a character class: a name may open
#: with "Ł", "Đ" or "Ş" and hold "ł" or "ỏ" ("Łukasz", "Đỏ", "Małgorzata"), which `[A-Z]` and `[a-zà-ÿ]` cut short.
_LATIN = [*map(chr, range(0x100, 0x250)), *map(chr, range(0x1E00, 0x1F00))]
UPPER = "A-ZÀ-ÖØ-Þ" + "".join(ch for ch in _LATIN if ch.isupper())
LOWER = "a-zß-öø-ÿ" + "".join(ch for ch in _LATIN if ch.islower())

#: Calendar words: time phrases in a query, never a name.
MONTHS = {name: n for n, name in enumerate(
    "january february march april may june july august september october november december".split(), start=1)}
WEEKDAYS = {name: n for n, name in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
#: A month as a pattern: its name or its first three letters ("sept" too), longest first.
MONTH_NAMES = "|".join(sorted([*MONTHS, *(m[:3] for m in MONTHS), "sept"], key=len, reverse=True))
#: A weekday's name as a pattern.
WEEKDAY_NAME = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
#: "may" the verb after a number ("Chapter 12 may be long"), no month: before any word but those a date is followed by.
MAY_VERB = re.compile(r"\b\d{1,2}\s+may\s+(?!(?:at|on|in|and|or|to|till|until|for|from|with|is|was|the|this|next|then|"
                      r"but|so)\b)[a-z]", re.IGNORECASE)
#: A weekday cut short, as chat writes it before a day ("fri 10 sep").
WEEKDAY_SHORT = r"(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)\b\.?"
#: A day of a month said with its month, and maybe its weekday ("Monday 3 May", "the 28th of May", "May 3rd").
DAY_OF_MONTH = (rf"(?:{WEEKDAY_NAME}\s+)?(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+(?:{MONTH_NAMES})|"
                rf"(?:{WEEKDAY_NAME}\s+)?(?:{MONTH_NAMES})\s+\d{{1,2}}(?:st|nd|rd|th)?")

_ORDINAL_UNITS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
                  "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth").split()
#: A day of the month in words ("july third", "the twenty-second", "thirty first"), as its number.
DAY_WORDS = {word: n for n, word in enumerate(_ORDINAL_UNITS, 1)} | {"twentieth": 20, "thirtieth": 30} | \
    {f"{tens} {word}": base + n for tens, base in (("twenty", 20), ("thirty", 30))
     for n, word in enumerate(_ORDINAL_UNITS[:9], 1) if base + n <= 31}
#: A month's name anywhere.
MONTH_NAME = re.compile(rf"\b(?:{MONTH_NAMES})\b", re.IGNORECASE)
#: A day of the month in words as a pattern, and one not before a weekday or "week" ("the second week").
DAY_WORD_NAMES = "|".join(w.replace(" ", "[- ]") for w in sorted(DAY_WORDS, key=len, reverse=True))
ORDINAL_WORD = re.compile(rf"\b({DAY_WORD_NAMES})\b(?!\s+(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|week(?:end)?s?)\b)",
                          re.IGNORECASE)


_SUFFIX = {1: "st", 2: "nd", 3: "rd"}


def ordinal(number: int) -> str:
    """A day of the month as a rank: 1 -> "1st", 12 -> "12th", 23 -> "23rd"."""
    return f"{number}{_SUFFIX.get(number % 10 if number // 10 != 1 else 0, 'th')}"


def month_number(name: str) -> int:
    """The number of a month said as MONTH_NAMES matches it ("Sept." -> 9)."""
    name = name.lower().rstrip(".")
    return MONTHS.get(name) or next(n for full, n in MONTHS.items() if full.startswith(name[:3]))

STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are aren't as at be because been before
    being below between both but by can can't cannot could couldn't did didn't do does doesn't doing
    don't down during each even ever few for from further get gets getting got had hadn't has hasn't
    have haven't having he he'd he'll he's her here here's hers herself him himself his how how's i
    i'd i'll i'm i've if in into is isn't it it's its itself just let's like me more most much
    mustn't my myself no nor not now of off on once only or other ought our ours ourselves out over
    own really same shan't she she'd she'll she's should shouldn't so some such than that that's the
    their theirs them themselves then there there's these they they'd they'll they're they've this
    those through to too under until up us very was wasn't we we'd we'll we're we've were weren't
    what what's when when's where where's which while who who's whom why why's will with won't would
    wouldn't yes yet you you'd you'll you're you've your yours yourself yourselves oh ok okay yeah
    hey hi hello thanks thank lot well sure know think going go one thing things way wow cool good
    great nice awesome amazing glad see anything something everything really totally definitely
    also still lots kind bit got gonna wanna yeah yep nope hmm haha lol
    """.split()
)


def tokenize(text: str) -> list[str]:
    """Lowercase word tokens; apostrophes stay inside words so "don't" is one token."""
    return [m.group(0).replace("’", "'") for m in _WORD.finditer(text.lower())]


def content_words(text: str) -> list[str]:
    """Tokens that carry meaning: no stopwords, no one-letter tokens."""
    return [t for t in tokenize(text) if len(t) >= 2 and t not in STOPWORDS]


def cjk_terms(text: str) -> list[str]:
    """Overlapping character pairs of each CJK run (a one-character run stays itself).

    "서울에서" gives 서울, 울에, 에서 and "王伟住在北京" gives 王伟, 伟住, 住在, 在北, 北京: a two-character
    name or place is one term whatever is glued to it, with no dictionary or segmenter to install.
    """
    terms: list[str] = []
    for run in _CJK_RUN.findall(text):
        terms += [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]
    return terms


def identifiers(text: str) -> list[str]:
    """Words written as names or codes: with a digit (TP1234, 3b), or a capital letter anywhere but at the
    start of a sentence (Lisbon mid-sentence, iPhone, QX-7). Lowercased, like `tokenize`.

    A plain English word that happens to occur once says little about which page is meant; these do.
    """
    found = []
    for match in _WORD.finditer(text):
        word = match.group(0)
        before = text[: match.start()].rstrip()
        sentence_start = not before or before[-1] in ".!?\n\"'“‘("
        if any(c.isdigit() for c in word) or any(c.isupper() for c in word[1:]) or (
                word[0].isupper() and not sentence_start):
            found.append(word.lower().replace("’", "'"))
    return [w for w in found if len(w) >= 2 and w not in STOPWORDS]


def keywords(texts: str | Iterable[str], k: int = 8) -> list[str]:
    """The most frequent content words, ties broken by first appearance so output is deterministic."""
    if isinstance(texts, str):
        texts = [texts]
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(content_words(text))
    return [word for word, _ in counts.most_common(k)]


def sentences(text: str) -> list[str]:
    """Sentences split at end punctuation or line breaks, stripped, empty ones dropped."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def sentence_around(text: str, start: int, end: int, marks: str = ".!?") -> tuple[int, int]:
    """Where the sentence holding text[start:end] begins and ends: just after the last of `marks` before `start`, and
    at the first at or after `end` (the text's end if none); with ";" among the marks, its clause."""
    begin = max(text.rfind(mark, 0, start) for mark in marks) + 1
    return begin, min((at for mark in marks if (at := text.find(mark, end)) >= 0), default=len(text))


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    """|A ∩ B| / |A ∪ B|, 0 for two empty sets."""
    set_a, set_b = set(a), set(b)
    union = set_a | set_b
    return len(set_a & set_b) / len(union) if union else 0.0
