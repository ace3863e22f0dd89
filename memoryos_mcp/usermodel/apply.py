"""Updates applied to the user model's current values: what is added, what is confirmed, what closes.

Pure: it works on the current values handed to it and returns the changes, which the store writes.
A newer value of a single-valued attribute, a correction or a stated end closes the old value (it stays
as history with its interval); a plan or a commitment whose date has passed closes; a reply that keeps a
promise marks it done (keeping.py).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..records import DATED, Changes, Value
from . import cues
from .corrections import misnamed, named_wrong, put_right, resolved
from .doses import dose_in, same_dose
from .keeping import commitment
from .pets import says_less
from .plan_moves import put_on_its_day, redated, replaced_plans
from .values import USER, Update, plan_words, same_plan, same_value, shortened, single
from .wellbeing import reading_of


def apply(current: list[Value], updates: list[Update], day: str) -> Changes:
    """The changes `updates` (from a page of date `day`, YYYY-MM-DD) make to the `current` values.

    `current` is updated in place with placeholders for added values, so later updates of the same page
    see them.
    """
    changes = Changes()
    named_ends = [u for u in updates if not u.attribute and u.change == "end"]  # "quit swimming": whichever value
    updates = [_of_the_kind_replaced(current, u, named_ends) for u in updates]
    for said in updates:
        if said in named_ends:  # the words name; applied last, so a mention of the value on the page reopens none
            continue
        update = said if said.attribute or not said.value else resolved(said, current)  # "not seven": whose seven
        update = _held_by(current, update) if update is not None and update.old and update.guessed else update
        if update is None or not update.attribute:  # "not penicillin": whatever said it before
            if not _rename(current, said, changes):
                _retract(current, said, changes, day)
            continue
        if update.attribute == "role" and update.subject[:1].isupper():
            _adopt(current, update, changes)
        if update.attribute == "commitment":
            promised = commitment(current, update, changes, day)
            if promised is not None:
                _add(current, changes, promised)
        else:
            _value(current, update, _resolve(current, update.subject), changes, day)
    for ending in named_ends:
        _close_named(current, ending, changes)
    for value in current:  # plans and promises whose day has gone by
        if value.attribute in DATED and value.current and value.when and value.when < day:
            value.status = "past" if value.attribute == "plan" else "expired"
            changes.closed[value.id] = value.status
    changes.closed = {i: s for i, s in changes.closed.items() if i > 0}
    return changes


def _of_the_kind_replaced(current: list[Value], update: Update, named_ends: list[Update]) -> Update:
    """A favourite of no kind said with the favourite it replaces given up ("Search Engine is my new favourite.
    Knocked 99% Invisible off the top spot"): of that favourite's kind (favourite podcast)."""
    if update.attribute != "favourite:" or update.change == "end":
        return update
    kinds = {v.attribute for v in current for end in named_ends if v.current and v.subject == update.subject
             and v.attribute.startswith("favourite:") and v.attribute != "favourite:" and end.detail == "favourite"
             and _names(_stems(end.value), v.value)}
    return replace(update, attribute=kinds.pop()) if len(kinds) == 1 else update


def _without_year(known: str, said: str) -> bool:
    """A car known with its year said again without it ("2013 Corolla", then "my corolla"): the same car."""
    return known.lower().endswith(" " + said.lower()) and known.split()[0].isdigit()


def _of_no_value(current: list[Value], mine: list[Value], update: Update, changes: Changes,
                 day: str) -> Update | None:
    """An update that names no value: a day put right moves its plan ("it's Tuesday not Monday"), and a new dose of
    no drug named ("she increased dose to 75 mcg") is of the one drug taken at a dose; None when it is done with."""
    if update.attribute == "medication":
        dosed = [v for v in mine if dose_in(v.detail)]
        return replace(update, value=dosed[0].value) if len(dosed) == 1 else None
    moved = redated(mine, update) if update.attribute == "plan" else None
    if moved is not None:
        value, when = moved
        changes.closed[value.id] = value.status = "past"
        _add(current, changes, Value(-len(changes.added) - 1, value.subject, "plan", value.value, value.detail, when,
                                     day, None, "current"))
    return None


def _new_dose(known: Value, update: Update) -> bool:
    """The drug taken, said with a dose other than the one known ("upped the amlodipine to 10mg"; not "5 mg" after
    "5mg")."""
    dose = dose_in(update.detail) if update.attribute == "medication" else ""
    return bool(dose) and same_value(known.value, update.value) and not same_dose(dose, dose_in(known.detail))


def _before(current: list[Value], changes: Changes) -> list[Value]:
    """The values as they stood before this page: a correction is of what was said before it."""
    return [v for v in current if not any(v is new for new in changes.added)]


def _value(current: list[Value], update: Update, subject: str, changes: Changes, day: str) -> None:
    """A value said again is confirmed; a new one is added, closing what it replaces; an end closes."""
    mine = [v for v in current if v.subject == subject and v.attribute == update.attribute and v.current]
    if update.change == "end":
        _end(current, mine, update, subject, changes)
        return
    if not update.value:
        named = _of_no_value(current, mine, update, changes, day)
        if named is None:
            return
        update = named
    same = next((v for v in mine if (same_value(v.value, update.value) or shortened(v.value, update.value)
                                     or update.attribute == "job" and _said_less(v.value, update.value)
                                     or update.attribute == "role" and says_less(v.value, update.value)
                                     or update.attribute == "car" and _without_year(v.value, update.value))
                 and (v.attribute not in DATED or v.when == update.when) and not _new_dose(v, update)), None)
    if same is not None:
        if same.id > 0:
            changes.confirmed.append(same.id)
        return
    if update.weak and mine or _first_name(current, update):
        return
    if update.change == "correct" and update.old:
        changes.retracted.append(update.old)
    if update.attribute == "plan":
        stale = replaced_plans(mine, update, day)
        update = put_on_its_day(stale, update)
    else:
        # of several values, a correction closes the one it names, a reading the last of its test, and a drug's new
        # dose the old one
        stale = mine if single(update.attribute) else [
            v for v in mine if reading_of(v.value) and reading_of(v.value) == reading_of(update.value)
            or _new_dose(v, update)]
        if update.old:
            stale = [v for v in mine if same_value(v.value, update.old)] or stale
    for value in stale:
        changes.closed[value.id] = value.status = "past"
    if stale and subject == USER and update.attribute in _PLACE_ROLES and update.change != "correct":
        _leave_roles(current, _PLACE_ROLES[update.attribute], changes, day)
    _add(current, changes, Value(-len(changes.added) - 1, subject, update.attribute, update.value, update.detail,
                                 update.when, day, None, "current"))


#: The roles a place of the user's brings: a new employer ends the boss and colleagues of the old one, a new home
#: the landlord of the old; a place put right ("at Asda, not Tesco") ends none.
_PLACE_ROLES = {"employer": cues.WORK_ROLES, "home": cues.HOME_ROLES}


def _leave_roles(current: list[Value], roles: frozenset[str], changes: Changes, day: str) -> None:
    """The roles of the place left, known before the day it was left ("Mr Zając (boss)" after a move to a new hotel;
    not the new boss named that day)."""
    for value in current:
        if value.attribute == "role" and value.current and value.value in roles and value.valid_from[:10] < day[:10]:
            changes.closed[value.id] = value.status = "past"


def _end(current: list[Value], mine: list[Value], update: Update, subject: str, changes: Changes) -> None:
    """An end naming no value ends whatever held before the page ("handed in my notice, I start at Kestrel in
    January": not Kestrel), of several only the one there was ("since the switch to ramipril"); a plan called off,
    by its words."""
    held = [v for v in current if v.subject == subject and v.attribute == update.attribute and v.id > 0
            and (v.current or v.id in changes.closed)]
    if update.value or single(update.attribute) or len(held) == 1:
        for value in mine:
            if _ends(value, update) and (update.value or value.id > 0):
                changes.closed[value.id] = value.status = "past"


def _first_name(current: list[Value], update: Update) -> bool:
    """A surname that is the user's own name is none: a table booked "under Laura" by Laura."""
    return update.attribute == "surname" and update.subject == USER and any(
        v.subject == USER and v.attribute == "name" and v.current and same_value(v.value, update.value)
        for v in current)


#: A role that makes its subject a pet ("cat", "old beagle", "collie cross").
_PET = re.compile(rf"\b(?:{cues.PETS})(?:s|\s+(?:{'|'.join(cues.CROSSBREEDS)}))?$", re.IGNORECASE)
#: Attributes no ending closes by its words: who someone is, the assistant's promises (closed when kept), and what
#: the user goes without ("I have stopped the sugar" begins it).
_NOT_ENDED = frozenset({"name", "surname", "fullname", "age", "role", "commitment", "avoids", "limits"})


def _close_named(current: list[Value], update: Update, changes: Changes) -> None:
    """An ending naming only words ("quit swimming", "the lisbon trip's off") closes the current values of its
    subject those words name; an ended partnership ("Kieran and I broke up") the partner's role, of the one
    named if a name was said; a pet's death ("Bear passed") all that was said of it; a favourite given up ("I've
    gone off Gumboot Diaries") only a favourite; a thing called off by
    others ("the class was cancelled") only a plan, as a habit outlives one occasion."""
    words = _stems(update.value)
    subject = _resolve(current, update.subject)
    pets = {v.subject for v in current if v.current and v.attribute == "role" and _PET.search(v.value)}
    for value in current:
        if not value.current or value.id in changes.closed:
            continue
        if update.detail == "partner":
            ends = value.attribute == "role" and value.value in cues.PARTNER_ROLES and \
                (not words or _stems(value.subject) <= words)
        elif update.detail == "occasion" and value.attribute not in DATED:  # "German was cancelled": one lesson
            continue
        elif update.detail == "died":  # "Bear passed": all said of a pet is past; a late wife stays in their life
            ends = value.subject in pets and value.subject.lower() == update.value.lower()
        elif update.detail == "healed":  # "the wrist has healed": an ailment, not all else said of the wrist
            ends = value.subject == subject and value.attribute == "condition" and _names(words, value.value)
        elif update.detail == "favourite":  # "I've gone off Gumboot Diaries": a favourite, nothing else it names
            ends = value.subject == subject and value.attribute.startswith("favourite") and _names(words, value.value)
        else:
            ends = value.subject == subject and value.attribute not in _NOT_ENDED and _names(words, value.value)
        if ends:
            changes.closed[value.id] = value.status = "past"


def _names(words: set[str], value: str) -> bool:
    """The ending's words name the value: a word of it, or of a name its own first word ("sold eleven books"
    names no "Tidewater Books")."""
    if all(word[:1].isupper() for word in value.split()):
        return bool(words & _stems(value.split()[0]))
    return bool(words & _stems(value))


def _stems(text: str) -> set[str]:
    """What a value or an ending is about, each word cut to a stem ("swimming", "swim", "swims" -> "swim")."""
    return {_stem(word) for word in plan_words(text) if len(word) > 2}


def _stem(word: str) -> str:
    for ending in ("ing", "ers", "er", "es", "ed", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)]
            break
    return word[:-1] if len(word) > 3 and (word[-1] == word[-2] or word[-1] == "e") else word  # "bake", "baking"


def _said_less(known: str, said: str) -> bool:
    """"chef" said of a "sous chef", "retired" of a "retired teacher": the same job with less said, not a new one
    ("charge nurse" after "nurse" is)."""
    a, b = known.lower().split(), said.lower().split()
    return len(b) < len(a) and any(a[i:i + len(b)] == b for i in range(len(a) - len(b) + 1))


def _ends(value: Value, update: Update) -> bool:
    """The end names this value; a plan called off is named by two of its words or by a name ("the Porto trip")."""
    if update.attribute != "plan":  # a name cut short names it ("left Northwind": "Northwind Freight")
        return not update.value or same_value(value.value, update.value) or shortened(value.value, update.value)
    return same_plan(value.value, update.value)


def _resolve(current: list[Value], subject: str) -> str:
    """A role ("brother") stands for the person known to have it ("Danny"), when there is one; a partner's role
    ("boyfriend") for the partner, whichever word named them."""
    if subject == USER or subject[:1].isupper():
        return subject
    named = {v.subject for v in current if v.attribute == "role" and v.current and _same_role(v.value, subject)}
    return named.pop() if len(named) == 1 else subject


def _same_role(a: str, b: str) -> bool:
    return a == b or a in cues.PARTNER_ROLES and b in cues.PARTNER_ROLES


def _held_by(current: list[Value], update: Update) -> Update:
    """A correction's subject as the one who holds the old value ("Róisín is seven ... Sinéad was mortified:
    actually she's eight, not seven": "she" was read as Sinéad, but the seven is Róisín's); only a pronoun's guess
    moves ("actually Mia is 8, not 7" is Mia's, whoever else is 7)."""
    if any(v.subject == update.subject and v.attribute == update.attribute and same_value(v.value, update.old or "")
           for v in current if v.current):
        return update
    holder = resolved(replace(update, subject="", attribute=""), current)
    return holder if holder is not None and holder.attribute == update.attribute else update


def _rename(current: list[Value], update: Update, changes: Changes) -> bool:
    """"Sorry, she's Bonnie not Bella": what was known of Bella is Bonnie's, and Bella was a wrong name."""
    subject = misnamed(update, current) if update.change == "correct" else None
    if subject is None:
        return False
    changes.renamed.append((subject, update.value))
    changes.retracted.append(subject)
    for value in current:
        if value.subject == subject:
            value.subject = update.value
    return True


def _retract(current: list[Value], update: Update, changes: Changes, day: str) -> None:
    """A value said wrong that no one value holds as it is ("peanut" of a "peanut allergy"), or with nothing said in
    its place ("I told you Munich"): the values said before that name it close, and with them the statements that
    name it; what was said in its place is the value of the one that held it."""
    wrong = named_wrong(update, _before(current, changes))
    if update.change != "correct" or not update.old or len({v.subject for v in wrong}) > 1 or any(
            same_value(v.subject, update.old) for v in current if v.current):
        return  # whose is it? ("she's eight, not seven" of two who are seven; "Bonnie not Bella" of two dogs)
    for value in wrong:
        changes.closed[value.id] = value.status = "past"
    if wrong:  # a statement tells of more than the one word: it goes only with a value that held it
        changes.retracted.append(update.old)
    for plan in (v for v in wrong if v.attribute == "plan" and update.value):  # "in Stirling! Not Dundee."
        _add(current, changes, replace(plan, id=-len(changes.added) - 1, value=put_right(plan, update),
                                       valid_from=day, status="current", sources=[]))
    held = {(v.subject, v.attribute) for v in wrong if v.attribute != "plan"}
    if update.value and len(held) == 1:
        subject, attribute = held.pop()
        _add(current, changes, Value(-len(changes.added) - 1, subject, attribute, update.value, "", None, day, None,
                                     "current"))


def _adopt(current: list[Value], update: Update, changes: Changes) -> None:
    """"My brother Danny": what was known of "brother" is now Danny's (of "boyfriend", the partner's). A new
    partner's role closes another person's: the user has one partner at a time; so does a corrected role of those
    one person holds."""
    role = update.value
    for subject in sorted({v.subject for v in current if v.current and _same_role(v.subject, role)}):
        changes.renamed.append((subject, update.subject))
        known = {v.attribute for v in current if v.subject == update.subject and v.current}
        for value in current:  # what was said of the person by name is kept over what was said of the role
            if value.subject == subject and value.current and value.attribute in known and single(value.attribute):
                changes.closed[value.id] = value.status = "past"
        for value in current:
            if value.subject == subject:
                value.subject = update.subject
    corrected = update.change == "correct" and role in cues.ONE_HOLDER_ROLES  # "my boss is actually Margaret"
    if role in cues.PARTNER_ROLES and update.change != "end" or corrected:
        for value in current:
            if value.attribute == "role" and value.current and value.subject != update.subject and (
                    _same_role(value.value, role) if corrected else value.value in cues.PARTNER_ROLES):
                changes.closed[value.id] = value.status = "past"
            unpartnered = value.attribute == "marital" and value.value == "single" and value.subject == USER
            if unpartnered and value.current and not corrected:  # a partner now: no longer single
                changes.closed[value.id] = value.status = "past"


def _add(current: list[Value], changes: Changes, value: Value) -> None:
    changes.added.append(value)
    current.append(value)
