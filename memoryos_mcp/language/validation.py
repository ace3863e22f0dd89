"""What a model's answer means, checked before anything of it is stored.

A small model fills the prompt's shape with the prompt itself ("<summary>", ["<fact>", "..."]), restates
the instructions, gives a date or a bare name as a fact, or adds an age nobody mentioned. Each check here
names its reason (counted in the model's health, health.py): 'placeholder', 'echo' (more words of the
instructions than of the quoted data), 'copied_from_instructions' (an example of the prompt),
'bare_date', 'bare_name', 'unsupported' (a name or number no quoted text holds), 'drops_known' (a
rewritten card that forgets a name or number of the rules' card) and 'attribute' (a user-model
attribute outside the list). A value is supported when the quoted data holds it: its numbers
exactly, its names and words by a crude stem ("hiking" / "hiked"), months and years also by the pages'
timestamps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import text as tx
from .answers import Rejected
from .prompts import UPDATE_ATTRIBUTES, Prompt

_TAG = re.compile(r"<[^<>\n]{1,40}>")
_PLACEHOLDER_WORDS = frozenset({"", "string", "text", "summary", "fact", "facts", "kw", "keyword", "keywords",
                                "value", "n/a", "none", "null", "unknown", "todo", "tbd", "example"})
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_NUMBER = re.compile(r"\d+")
_TIMESTAMP_MONTH = re.compile(r"\b\d{4}-(\d\d)-\d\d")
_ISO_DATE = re.compile(r"\b(\d{4})-\d\d?-\d\d?\b")
_DAY_OF_MONTH = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+((?:{tx.MONTH_NAMES})\b)"
                           rf"|\b((?:{tx.MONTH_NAMES}))\s+\d{{1,2}}(?:st|nd|rd|th)?\b", re.IGNORECASE)
#: Words a fact's subject is written with; a fact must say more than them.
_SUBJECTS = frozenset({"user", "user's", "the", "assistant", "assistant's", "is", "was", "named", "called"})
#: Words that leave a fact a date when nothing else is said.
_DATE_WORDS = frozenset({"on", "in", "at", "of", "the", "date", "st", "nd", "rd", "th", "is", "was", "am", "pm"})
#: Capitalised words that are no name: never "unsupported".
_COMMON_CAPITALS = frozenset({"user", "assistant", "i", "the", "a", "an", "and", "or", "on", "in", "at", "of",
                              "with", "who", "people", "health", "activities", "coming", "open", "recent", "since",
                              "before", "none", "nothing", "he", "she", "they", "his", "her", "their"})
_SUFFIXES = ("ing", "ed", "es", "s", "er", "ly")


def stem(word: str) -> str:
    """A crude stem, enough to see "hiking" in "hiked" and "lives" in "live"."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) >= 4 else word


def _is_number(word: str) -> bool:
    return word.isdigit()


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


@dataclass
class Grounds:
    """What an answer to `prompt` may draw on (its quoted data) and what it must not copy (the rest)."""

    prompt: Prompt
    data_stems: set[str] = field(default_factory=set)
    numbers: set[str] = field(default_factory=set)
    instruction_stems: set[str] = field(default_factory=set)
    instructions: str = ""

    @classmethod
    def of(cls, prompt: Prompt) -> Grounds:
        data = prompt.data
        for month in _TIMESTAMP_MONTH.findall(data):  # "in May 2024" is grounded by a page of 2024-05-..
            number = int(month)
            if 1 <= number <= 12:
                data += " " + list(tx.MONTHS)[number - 1]
        words = _words(f"{data} {prompt.vocabulary}")
        instructions = " ".join((prompt.system, prompt.instructions, prompt.shape))
        return cls(prompt, {stem(w) for w in words if not _is_number(w)},
                   {str(int(w)) for w in _NUMBER.findall(data)},
                   {stem(w) for w in tx.content_words(instructions)}, _squash(instructions))

    def unsupported(self, text: str) -> list[str]:
        """The names and numbers of `text` that the quoted data does not hold. A date's day and month are
        free (a model resolves "next Friday" from the timestamp); its year is not."""
        text = _ISO_DATE.sub(lambda m: m.group(1), _DAY_OF_MONTH.sub(lambda m: m.group(1) or m.group(2), text))
        missing = [n for n in _NUMBER.findall(text) if str(int(n)) not in self.numbers]
        return missing + [w for w in _names(text) if stem(w) not in self.data_stems]

    def echoes(self, text: str) -> bool:
        """More of the instructions' words than of the data's: the prompt restated, not answered."""
        stems = {stem(w) for w in tx.content_words(text)}
        from_data = stems & self.data_stems
        from_instructions = (stems & self.instruction_stems) - self.data_stems
        return len(from_instructions) >= 2 and len(from_instructions) > len(from_data)

    def restates_shape(self, text: str) -> bool:
        """The answer is the prompt's example shape given back: its example values may be in the data by chance
        ("Porto" in the user model's example, said by a user who moved to Porto)."""
        return _squash(text) == _squash(self.prompt.shape)

    def copies_instructions(self, text: str) -> bool:
        squashed = _squash(text)
        return len(squashed) >= 12 and squashed in self.instructions

    def check_short_answer(self, text: str) -> str:
        """`text` unless it holds the prompt's own answer shape (the shape or the whole prompt echoed): a
        yes/no copied, not given."""
        if self.prompt.shape in text:
            raise Rejected("echo", f"the {self.prompt.task} answer restates the prompt")
        return text

    def check_text(self, text: str, what: str) -> str:
        """`text` if it is a real answer, else Rejected naming the reason."""
        if is_placeholder(text):
            raise Rejected("placeholder", f"the {what} is a placeholder of the prompt: {text[:60]!r}")
        if self.copies_instructions(text):
            raise Rejected("copied_from_instructions", f"the {what} copies the prompt's instructions")
        if self.echoes(text):
            raise Rejected("echo", f"the {what} restates the prompt instead of the conversation")
        missing = self.unsupported(text)
        if missing:
            raise Rejected("unsupported", f"the {what} names what no exchange says: {', '.join(missing[:3])}")
        return text

    def check_fact(self, fact: str) -> str:
        if is_placeholder(fact):
            raise Rejected("placeholder", f"the fact is a placeholder of the prompt: {fact[:60]!r}")
        rest = [w for w in _words(fact) if w.lower() not in _SUBJECTS]
        if rest and all(_is_number(w) or w.lower() in tx.MONTHS or w.lower() in tx.WEEKDAYS
                        or w.lower() in _DATE_WORDS for w in rest):
            raise Rejected("bare_date", f"the fact is a date only: {fact[:60]!r}")
        if len(_words(fact)) < 3 or all(w[:1].isupper() for w in rest):
            raise Rejected("bare_name", f"the fact is a name or a subject only: {fact[:60]!r}")
        return self.check_text(fact, "fact")

    def check_keeps(self, old: str, new: str) -> str:
        """`new` if it still names every name and number of `old` (a card rewritten by a model keeps what
        the rules' card knew: a model that forgets is no refinement)."""
        kept = {stem(w) for w in _words(new)}
        dropped = [w for w in _names(old) + _NUMBER.findall(old) if stem(w) not in kept]
        if dropped:
            raise Rejected("drops_known", f"the rewritten text drops what was known: {', '.join(dropped[:3])}")
        return new

    def check_keyword(self, word: str) -> bool:
        return not is_placeholder(word) and stem(word) not in {"kw", "keyword"}

    def check_update(self, subject: str, attribute: str, value: str) -> None:
        """A listed attribute, and a value (and a subject other than user or assistant) in the chat's words:
        most of its words in the exchanges, every name and number."""
        if attribute not in UPDATE_ATTRIBUTES and not re.fullmatch(r"favourite:[a-z][a-z ]{0,30}", attribute):
            raise Rejected("attribute", f"the update names an attribute outside the list: {attribute[:40]!r}")
        for text in (value, subject) if subject not in ("user", "assistant") else (value,):
            self.check_text(text, "update")
            stems = [stem(w) for w in tx.content_words(text)]
            unheld = [w for w in stems if w not in self.data_stems]
            if len(unheld) * 2 > len(stems):
                raise Rejected("unsupported", f"the update's words are not the chat's: {', '.join(unheld[:3])}")


def is_placeholder(text: str) -> bool:
    """A value that only repeats the prompt's blanks: "<summary>", "...", "<kw>", "string"."""
    bare = text.strip().strip(".…'\"`*-_ ").lower()
    return bool(_TAG.search(text)) or bare in _PLACEHOLDER_WORDS


def _names(text: str) -> list[str]:
    """Capitalised words that do not start a sentence or a line: names, places, brands."""
    names = []
    for match in _WORD.finditer(text):
        word = match.group(0)
        before = text[: match.start()].rstrip(" \t\"'(*")
        starts = not before or before[-1] in ".!?\n-•"
        if word[:1].isupper() and not starts and word.lower() not in _COMMON_CAPITALS \
                and word.lower() not in tx.MONTHS and word.lower() not in tx.WEEKDAYS:
            names.append(word)
    return names


def _squash(text: str) -> str:
    return " ".join(tx.tokenize(text))
