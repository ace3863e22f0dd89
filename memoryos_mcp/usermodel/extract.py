"""What one page says about the user and the people in their life, as updates to the user model.

The page is read with the assistant's question before it ("What do you do?" -> "nurse, at st james's"),
with names re-cased from the assistant's reply ("my brother danny" -> Danny, as the assistant wrote it),
then sentence by sentence: spaCy gives the sentences, whether one is a request, and its dates; the
phrasings that say which attribute a value fills are data (cues.py).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import cast

from ..language.nlp import Sentence, moment, parse
from ..language.text import sentence_around
from . import cues, exercise, health_said, medication, people_rules, tree, wellbeing, work_rules
from .answers import answer, asked_whom
from .corrections import actual_roles, correction, retraction
from .couples import partnered
from .described import described
from .details import placed, sited, treated
from .doings import doings
from .doses import dosed
from .endings import endings
from .farewells import farewells
from .favourites import PEOPLE_KINDS, favourite_of_named
from .identity import identity_updates
from .kin import (
    ANIMAL,
    answered_name,
    asked_about,
    introduced,
    kin_updates,
    mention,
    name_given,
    places_named,
)
from .own_name import agreed_name, goes_by, surname_said
from .own_words import signature, stated_parts
from .people_said import people_said, resolved, value_span
from .phrase import PROPER, value_of
from .plans import plans, redated
from .spelling import shouted_out, signs_and_emojis_read, spelt_out, unshouted
from .values import USER, Change, Update
from .voice import offsets, users
from .work_said import work_in_passing


@cache
def _rules(caseless: bool) -> tuple[cues.Rules, cues.Rules]:
    """The user's and the people's rules, compiled when first read (0.1 s each way): a server that only answers,
    or never sees text written without capitals, never compiles them."""
    return cues.compiled(cues.USER_RULES + work_rules.RULES + wellbeing.RULES + exercise.RULES, caseless), \
        cues.compiled(people_rules.RULES, caseless)


#: "my mom", and "my moms birthday" (a possessive written without its apostrophe): the role is who "she" is next.
_MY_ROLE = re.compile(rf"\bmy\s+({cues.ROLES})(?:s(?=\s))?\b(\s*,?\s+{cues.NAME})?", re.IGNORECASE)
_WORD = re.compile(r"[\w'’]+")
#: A pet of a breed written as a name ("our Jack Russell", "my Border Collie"), which the tagger takes for a person.
_OUR_BREED = re.compile(rf"\b(?:my|our)\s+(?=(?-i:[A-Z]))({cues.PETS})\b", re.IGNORECASE)
#: The user engaged to someone not named yet ("I am engaged again ... Her name is Margarete").
_ENGAGED = re.compile(r"\b(?:im|(?:i|we)(?:['’]m|['’]re| am| are|(?:['’]ve| have)?(?=\s+(?:\w+\s+)?got\b)))\s+"
                      r"(?:(?:now|finally|officially|just|actually|also|newly|happily|recently)\s+)?"
                      r"(?:got\s+|getting\s+)?engaged\b(?!\s+(?:with|by)\b|\s+in\s+(?:the|this|that|a|an|what|how)\b)",
                      re.IGNORECASE)
_I = re.compile(r"\b(?:i|i'm|im|i've|my|me|we|we're|our)\b", re.IGNORECASE)
#: Words a rule reads that say their value in other words ("I swim every morning": swimming).
#: A favourite said as a question's words, no question ("Is my favourite series ever, la Paquita is my spirit animal").
_EXCLAIMED = re.compile(r"^\W*is\s+my\s+(?:favou?rite|fave|fav)\s+\w+\s+(?:ever|of\s+all\s+time)\b(?![^?]*\?)",
                        re.IGNORECASE)
_AS_VALUE = {**exercise.HABITS, **wellbeing.DIET_NAMES, **cues.AS_VALUE}
_CALLED = re.compile(r"\b(\w+)'s\s+(called|named)\b", re.IGNORECASE)
#: "the wife" opening a clause in chat is the user's own ("The wife can't have gluten"); not "the wife of the owner",
#: nor "Dave brought the wife" (his).
_THE_PARTNER = re.compile(r"(?:^|(?<=[.!?;:]\s))(?:(T)|t)he\s+(wife|missus|hubby|husband|other half|better half)\b"
                          r"(?!\s+of\b)")
#: A message about another couple or a story, whose "the wife" may be theirs ("The wife in that show is a vet").
_OTHER_COUPLE = re.compile(r"\b(?:neighbou?rs?|couple|show|film|movie|episode|series|novel|book|their|the\s+wife\b.*"
                           r"\bthe\s+husband|the\s+husband\b.*\bthe\s+wife)\b", re.IGNORECASE | re.DOTALL)
#: Another couple said before "the wife" ("Met the neighbours. The wife is a nurse"; not "a couple of days"): theirs.
_ANOTHER_COUPLE = re.compile(r"\b(?:neighbou?rs?|couple(?!\s+of\b))\b", re.IGNORECASE)


#: Words a feast's name capitalises ("Mother's Day", "Christmas Eve", "New Year"): the user's "last day is friday"
#: stays lower case, or the parse reads an order in it.
_SEASONAL = frozenset("day eve night week weekend year month morning".split())


#: The most words of a first sentence that answers one part of a question asking two ("Tessa." then her job).
_SHORT_ANSWER = 3
#: A sentence that opens with the user speaking of themself ("Not sure. I'm a teacher myself.").
_OF_ME = re.compile(r"\W*" + _I.pattern, re.IGNORECASE)
#: The assistant's question asks about someone ("Where does he live?", "What's her name?").
_ABOUT_SOMEONE = re.compile(r"\b(?:he|she|his|her|him)\b[^.!?]*\?", re.IGNORECASE)
#: What an answer about someone says of them when it names no one ("26. lives in partick wi two pals").
_OF_THEM = frozenset({"home", "job", "employer", "age", "condition"})


def recase(text: str, references: list[str], names: set[str] | frozenset[str] = frozenset()) -> str:
    """The user's words with the capitals the assistant gave them (in `references`, or among the `names` it
    used before), a product's short name with the full one the assistant wrote ("postgres" -> "PostgreSQL"),
    chat spellings ("im") and texting shorthand ("w/", "n", "bday") spelt out, and "the wife" said as the user's (or
    as another couple's met)."""
    capitals: dict[str, str] = {name.lower(): name for name in names if name.lower() not in _SEASONAL}
    products: list[str] = []  # names with capitals inside ("PostgreSQL", "GitHub")
    for reference in references:
        for match in _WORD.finditer(reference):
            word = match.group(0)
            opens_sentence = match.start() == 0 or reference[match.start() - 2 : match.start()].strip() in ".!?"
            if word[:1].isupper() and not word.isupper() and not opens_sentence and word.lower() not in _SEASONAL:
                stem = word.removesuffix("'s").removesuffix("’s")  # "So Biddy's a lurcher": Biddy
                capitals.setdefault(stem.lower(), stem)
            if any(c.isupper() for c in word[1:]) and not word.isupper():
                products.append(word)

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        if word != word.lower() or word.endswith(("ing", "ed")):
            return word
        stem, possessive = (word[:-2], word[-2:]) if word[-2:] in ("'s", "’s") else (word, "")
        longer = next((p for p in products if len(word) >= 5 and p.lower().startswith(word)), "")
        return spelt_out(match) or longer or capitals.get(stem, stem) + possessive  # "nadia's": "Nadia's"

    text = unshouted(signs_and_emojis_read(text))
    partner = _THE_PARTNER.search(text)
    if partner and _ANOTHER_COUPLE.search(text, 0, partner.start()):
        text = _THE_PARTNER.sub(lambda m: f"{'T' if m.group(1) else 't'}heir {m.group(2)}", text)
    elif not _OTHER_COUPLE.search(text):
        text = _THE_PARTNER.sub(lambda m: f"{'M' if m.group(1) else 'm'}y {m.group(2)}", text)
    return _CALLED.sub(r"\1 is \2", _WORD.sub(fix, text))  # "my dad's called Jan": not a possessive


def caseless(text: str) -> bool:
    """True for a message written without capitals (names cannot be told by them); words shouted in capitals
    ("WE GOT THE KEYS!!! bartek is measuring") tell none."""
    words = [w for w in _WORD.findall(shouted_out(text)) if w not in ("I", "I'm", "I've", "I'll", "I'd")]
    return sum(1 for w in words if w[:1].isupper()) <= len(words) // 25


#: A birthday exclaimed, its age the next sentence ("it's my birthday!! 36 😩 dan's taking me out"): an age, not a
#: day, a time, a price or a count of something.
_BIRTHDAY_SAID = re.compile(r"\bmy\s+birthday(?:\s+today)?\W*$", re.IGNORECASE)
_AGE_NEXT = re.compile(r"^\W*(?P<v>1[3-9]|[2-9]\d)\b"
                       r"(?!\s*(?:[/.:,-]\d|%|(?!(?:today|now|and|already|yay|lol)\b)[a-z]))", re.IGNORECASE)


def _birthday_age(sentences: list[Sentence], index: int) -> list[Update]:
    """The user's age said alone after their birthday is exclaimed (the rules read one sentence at a time)."""
    if index == 0 or not _BIRTHDAY_SAID.search(sentences[index - 1].text):
        return []
    age = _AGE_NEXT.match(sentences[index].text)
    return [Update(USER, "age", age.group("v"))] if age else []


def page_updates(sentences: list[Sentence], question: str, said_at: str, lowercase: bool,
                 known: frozenset[str] = frozenset(), last_person: list[str] | None = None,
                 reply: str = "") -> list[Update]:
    """The updates in one user message (already re-cased and parsed), given the assistant's question before it
    and its `reply`, the names already known and the last person named (a one-item list, carried on to the next
    message)."""
    base = moment(said_at)
    user_rules, people_rules = _rules(lowercase)
    updates: list[Update] = []
    last_person = [] if last_person is None else last_person
    sentences = _with_stated_parts(sentences)
    theirs: set[tuple[str, str]] = set()  #: what the answer to a question about someone else says of them
    answered: list[Update] = []  #: what the first sentence says as the answer to the assistant's question
    answering = bool(_ABOUT_SOMEONE.search(question))  #: the question asks about "he" or "she"
    whom = asked_whom(question, known)  #: whom the answer speaks of while it says no "I"
    for index, sentence in enumerate(sentences):
        if _asks(sentence):
            _mention_named(sentence, last_person, known)  # "Madhura is asking for books. She is a teacher."
            updates += identity_updates(sentence, reply, asking=True)  # "My wife Thao asks: is it free?"
            updates += [u for u in _user(sentence, user_rules) if _said_in_passing(u, sentence.text)]  # "my asthma?"
            updates += health_said.said_of_named(sentences, index)  # "does it have peanuts? I'm allergic"
            if _EXCLAIMED.match(sentence.text):  # "Is my favourite series ever, ...": said, not asked
                updates += favourite_of_named(sentences, index)
            updates += redated(sentence.text, base) if base is not None else []
            continue
        text = sentence.text
        if index == 0 and question:
            answered = answer(text, question, lowercase)
            asked_about(question, last_person, set(known))  # "Does Tiago cook?" -> "he's an architect"
            updates += answered_name(question, text, last_person)  # "your wife ... what's her name?": the wife's
            updates += resolved(answered, last_person)  # "What does she do?": she is whom the question names
            theirs = {(u.attribute, u.value.lower()) for u in answered if u.subject != USER
                      and not any(_I.search(s.text) for s in sentences)}  # "... and I'm at Arup too": also mine
        elif index == 1 and question and (answered or name_given(sentences[0].text)) and \
                len(_WORD.findall(sentences[0].text)) <= _SHORT_ANSWER and not _OF_ME.match(text):
            # "What's her name, and what does she do?" -> "Tessa. Textile conservator at Te Papa.": the rest of it
            told = {u.attribute for u in answered}  # "Nelson. Tāhunanui, ...": where in it, not a second answer
            updates += resolved([u for u in answer(text, question, lowercase) if u.attribute not in told], last_person)
        before = list(last_person)  # "she's my novia, nurse at Ben Taub": she was named before, not Ben
        _mention_named(sentence, last_person, known)
        # "Where does he live?" -> "Nelson.": a place, not whom "he" next is
        places = {u.value for u in answered if u.attribute in ("home", "employer")} if index == 0 else set()
        last_person[:] = [p for p in last_person if p.split(":")[0] not in places]
        said = actual_roles(identity_updates(sentence, reply), text) + favourite_of_named(sentences, index) + \
            health_said.said_of_named(sentences, index) + wellbeing.diet_by_parts(text) + \
            _birthday_age(sentences, index)
        ruled = [u for u in _user(sentence, user_rules) if _fits(u, sentence)]
        ruled = health_said.diagnosed_after(sentences, index, ruled)  # "Celiac. Owen was diagnosed at 19."
        if whom and _I.search(text):
            whom = ""  # "26. I'm proud of her": the user speaks of themself again
        if whom:  # "How old is Eilidh?" -> "26. lives in partick": hers
            of_them = [replace(u, subject=whom) for u in said + ruled if u.subject == USER and u.attribute in _OF_THEM]
            said, ruled = [u for u in said if u.subject != USER or u.attribute not in _OF_THEM], \
                [u for u in ruled if u.subject != USER or u.attribute not in _OF_THEM] + resolved(of_them, last_person)
        said += work_in_passing(sentence.tokens, said + ruled)
        updates += placed(said + ruled, sentence.tokens)
        people = [u for u in said if u.attribute == "role"]
        for person in people:  # "my sister Ines ... she": Ines
            mention(last_person, person.subject, person.value)
        names = {cues.called(e.text) for e in sentence.entities if e.label == "PERSON"} | known | {
            p.subject for p in people}
        opens_with_pronoun = _WORD.findall(text.lower())[:1] in (["he's"], ["she's"], ["he"], ["she"])
        found = people_said(sentence, people_rules, before if opens_with_pronoun else last_person, names)
        found += kin_updates(text, last_person, names, answering) + doings(sentence, before, last_person, names)
        found += described(text, sentences[index - 1].text if index else "", last_person, names)
        found = actual_roles(found + resolved(endings(sentence), before) + farewells(text), text)
        updates += found + correction(text, said + found + updates)
        if base is not None:
            updates += plans(sentences, index, base)
    updates += partnered([s for s in sentences if not _asks(s)], last_person)
    whole = " ".join(s.text for s in sentences)
    stated = [s.text for s in sentences if not _asks(s)]  # what the message states, not asks
    updates += retraction(" ".join(stated), whole, updates)
    updates += agreed_name(whole, reply) + surname_said(whole, reply, [e for s in sentences for e in s.entities])
    updates = exercise.with_club_sports(updates, whole)  # "joined Kings Heath Running Club": running
    updates = goes_by(sited(treated(updates, whole), sentences))
    updates = medication.not_theirs(whole, medication.not_taken(medication.stopped(stated, updates)))
    updates = dosed(whole, medication.stopped_for_another(whole, medication.also_taken(stated, updates)))
    # "What does your husband do?" -> "Engineer at Arup.": his, not also the user's (a fragment "<job> at <org>")
    updates = [u for u in updates if u.subject != USER or (u.attribute, u.value.lower()) not in theirs]
    return updates + signature(" ".join(s.text for s in sentences[-3:]))  # "Thanks!", "- Carol": split apart


def _mention_named(sentence: Sentence, last_person: list[str], known: frozenset[str]) -> None:
    """The people the sentence names become the last named (what "he" or "she" next stands for): the names the
    tagger knows, then the subjects ("Cian was thrilled. He's five"), a role among them ("Wife is asking ..."),
    then someone named after who they are ("a guy from work, Tomás") or with it in brackets ("Ines (7)"), then a
    relative said by their role alone ("my mom"), in a question too; not a word of a job ("a Garda sergeant"), nor
    a place the tagger took for a person ("she lives in Worcester with her husband")."""
    tokens = sentence.tokens
    jobs = {t.text for t in tokens if t.dep == "compound" and tokens[t.head].pos == "NOUN"}
    places = places_named([t.text for t in tokens])
    for entity in sentence.entities:
        if entity.label == "PERSON" and entity.text[:1].isupper() and entity.text.lower() not in cues.NOT_NAMES \
                and entity.text.split()[-1] not in jobs and entity.text.lower() not in cues.PET_WORDS and \
                (entity.text.split()[0] not in places or entity.text.split()[0] in known):
            mention(last_person, cues.called(entity.text))  # not "our Jack Russell", a dog
    for n, token in enumerate(tokens):  # whatever the tagger thought
        # a relative by a role written as a name: "Mom turns 70", "Mam's 80th is coming up" (not "his Mom")
        if token.dep in ("nsubj", "nsubjpass", "poss") and token.lower in cues.ROLE_SET and token.text[:1].isupper() \
                and token.pos in ("NOUN", "PROPN") and \
                all(t.lower in ("my", "our") for t in tokens if t.head == n and t.dep in ("poss", "det")):
            mention(last_person, cues.role_word(token.lower), token.lower)
        elif token.dep in ("nsubj", "nsubjpass") and token.pos == "PROPN" and token.text[:1].isupper() and \
                token.lower not in cues.NOT_NAMES | cues.ROLE_SET and (token.text in known or
                                                        token.entity not in ("GPE", "LOC", "FAC", "DATE")):
            mention(last_person, token.text)
        elif token.pos == "PROPN" and token.text in known and token.lower not in cues.NOT_NAMES and \
                not any(t.pos in ("VERB", "AUX") for t in tokens):
            mention(last_person, token.text)  # someone known, in words without a verb ("Tanya news! She's been ...")
    introduced(sentence.text, last_person)
    for noted in cues.NOTED_NAME.finditer(sentence.text):  # "Ines (7) lost a tooth": a name the tagger missed
        mention(last_person, noted.group(1))
    # a relative said by their role ("called my mom. she's a nurse") and a pet not yet named ("we got a dog!!" ->
    # "What's her name?" -> "Luna"), in the order said: "got a puppy and my brother came over. His name is Ollie"
    role = _MY_ROLE.search(sentence.text)
    said = [(role.start(), cues.role_word(role.group(1)), "")] if role and not role.group(2) else []
    engaged = _ENGAGED.search(sentence.text)
    if engaged and not any(e.label == "PERSON" for e in sentence.entities):  # whoever "her name is" names next
        said.append((engaged.start(), "partner", ""))
    starts = offsets(tokens)
    said += [(starts[n], token.lower, ANIMAL) for n, token in enumerate(tokens) if token.lower in cues.PET_WORDS
             and token.pos == "NOUN" and (tree.taken(tokens, n) or tree.owned(tokens, n))]
    said += [(match.start(), match.group(1).lower(), ANIMAL) for match in _OUR_BREED.finditer(sentence.text)]
    for _, who, gender in sorted(said):
        mention(last_person, who, gender=gender)


def _asks(sentence: Sentence) -> bool:
    """The sentence is a request or a question (with or without its question mark)."""
    return sentence.request or _WORD.findall(sentence.text.lower())[:1] in ([w] for w in cues.QUESTION_OPENERS)


def _with_stated_parts(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences, each request followed by the parts of it that state something, parsed on their own."""
    parts = {n: stated_parts(s.text) for n, s in enumerate(sentences) if _asks(s)}
    if not any(parts.values()):
        return sentences
    parsed = iter(parse([part for n in sorted(parts) for part in parts[n]]))
    expanded: list[Sentence] = []
    for n, sentence in enumerate(sentences):
        expanded.append(sentence)
        for _ in parts.get(n, []):
            expanded += [replace(s, request=False) for s in next(parsed)]
    return expanded


def _said_in_passing(update: Update, text: str) -> bool:
    """A value a question states all the same: a condition, an allergy, a favourite, a club, an age ("any tips for
    my asthma?", "they changed it at our club the Brookside bowls club", "at 27 I shouldn't be this tired??"), and a
    diet said before what is asked ("vegan so no eggs, can you swap them?"; not "what do I eat if I'm doing keto?")."""
    if update.attribute in ("diet", "avoids", "limits"):
        return wellbeing.said_before_asking(update.value, text)
    return update.attribute in ("condition", "allergy", "club", "age") or update.attribute.startswith("favourite:")


def _user(sentence: Sentence, rules: cues.Rules) -> list[Update]:
    """The user's values the rules read in a sentence, where the parse says they are the user's and said as so."""
    found = []
    text = sentence.text
    correction = cues.CORRECTION.search(text)
    corrected = cues.CORRECTED.search(text)
    for attribute, pattern, change in rules:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            if not users(sentence.tokens, match.span(), value_span(match), mood=change != "end"):
                continue  # "my sister started yoga", "if I joined a boxing class"
            if corrected and corrected.start("old") <= value_span(match)[0] < corrected.end("old"):
                continue  # "I'm a bookkeeper, not an accountant": the value said wrong is no value
            if attribute in ("employer", "job") and change == "set" and _sought(text, match.start()):
                continue  # "applying for a job at Tesco": not where the user works
            if change == "end":  # no value ended ("handed in my notice"): whatever holds now; a name as one
                old = groups.get("old") or ""  # ("last day at Northwind" ends "Northwind Freight")
                found.append(Update(USER, attribute, value_of(old, attribute) if attribute in PROPER else old.lower(),
                                    "end"))
                continue
            raw = groups.get("v") or groups.get("old") or ""
            value = value_of(_AS_VALUE.get(raw.lower(), raw), attribute)  # "I swim every morning": swimming
            if not value:
                continue
            name = f"favourite:{(groups.get('k') or '').lower()}" if attribute == "favourite" else attribute
            old = groups.get("old") or (corrected.group("old") if corrected else None)
            kind = "correct" if correction and change == "set" else change
            found.append(Update(USER, name, value, cast(Change, kind), old=old, detail=groups.get("d") or ""))
    return found


def _sought(text: str, at: int) -> bool:
    """Whether the clause holding `at` says a job is sought ("also applying for a front desk job at the rpac")."""
    return cues.SOUGHT.search(text, sentence_around(text, at, at, ".;!?")[0], at) is not None


def _fits(update: Update, sentence: Sentence) -> bool:
    """A value a rule read is not one the tagger calls a people, a date or a number (an employer) or a group, nor a
    relative or someone named by one name said to be a favourite of no kind or of a kind no person is ("Listening
    to Dad in the car, my favourite podcast", "Watching Lily at her recital, my favourite show")."""
    kind = update.attribute.removeprefix("favourite:")
    if kind != update.attribute and kind not in PEOPLE_KINDS and (update.value.lower() in cues.ROLE_SET or any(
            e.label == "PERSON" and update.value == e.text and " " not in e.text for e in sentence.entities)):
        return False
    refused = tree.NOT_EMPLOYER if update.attribute == "employer" and update.value else frozenset()
    return not any(e.label in refused and update.value.lower() in e.text.lower() for e in sentence.entities)
