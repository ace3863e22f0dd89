"""How a plan changes day: which plans a correction or a move replaces, and what the plan is on its new day.

Pure, like apply.py, which uses it: each function looks at the current plans and says which close and what
comes instead; apply.py writes the changes.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from ..language.text import MONTH_NAME, ordinal
from ..records import Value
from . import cues
from .values import Update, plan_words


def replaced_plans(plans: list[Value], update: Update, day: str) -> list[Value]:
    """The plans a corrected or moved one replaces: those about the same thing, else the plan on the old day it
    names ("the 15th, not the 14th"), else ("no, excuse me, it is the 24th") the plan said last, that day, or,
    for a day said as what it is now ("venue double booked so its now oct 4", weeks after "the wedding on sept
    20"), the only one still to come."""
    if update.change != "correct":
        return []
    same = [v for v in plans if plan_words(v.value) & plan_words(update.value)]
    if same or not plans:
        return same
    if update.old:
        number = re.search(r"\d+", update.old)
        return [v for v in plans if number and v.when and len(v.when) == 10 and int(v.when[8:]) == int(number[0])]
    last = max(plans, key=_said_last)
    if last.valid_from[:10] == day:
        return [last]
    ahead = [v for v in plans if v.when and v.when[:10] >= day]
    return ahead if len(ahead) == 1 and cues.NOW_ON_A_DAY.search(update.value) else []


def put_on_its_day(replaced: list[Value], update: Update) -> Update:
    """A correction that says only the day ("actually it's the 21st to the 23rd, not the 14th!") is the plan it
    replaces on that day: its words, the old day in them put right, and its month when the correction names none
    (the Fredericksburg trip of "January 14th" said right in December moves to 21 January, not 21 December)."""
    if len(replaced) != 1 or plan_words(update.value) or not update.when or len(update.when) != 10:
        return update
    [old] = replaced
    when = update.when
    if old.when and len(old.when) == 10 and not MONTH_NAME.search(f"{update.value} {update.detail}"):
        try:
            when = date.fromisoformat(old.when).replace(day=int(update.when[8:])).isoformat()
        except ValueError:  # no 31st in the old month
            return update
    number, day = re.search(r"\d+", update.old or ""), int(when[8:])
    value = old.value if number is None else re.sub(  # "the wedding is January 14th" moved: "January 21st"
        rf"\b{number[0]}(st|nd|rd|th)?\b", lambda m: ordinal(day) if m.group(1) else str(day), old.value)
    return replace(update, value=value, when=when, detail=update.detail or old.detail or "")


def _said_last(value: Value) -> tuple[str, int]:
    """When a value was said, the one added last in this batch (the lowest new id) the latest of a day."""
    return value.valid_from, -value.id if value.id < 0 else 0


def redated(plans: list[Value], update: Update) -> tuple[Value, str] | None:
    """The plan a day put right moves ("it's Tuesday not Monday"): the plan of the old day (or the soonest one on
    that weekday in the next weeks), and its new day, as far from it as the new day is from the old one."""
    if not update.when or not update.old:
        return None
    old, new = date.fromisoformat(update.old), date.fromisoformat(update.when)
    dated = [(date.fromisoformat(v.when), v) for v in plans if v.when and len(v.when) == 10]
    moved = [(d, v) for d, v in dated if d == old] or sorted(
        ((d, v) for d, v in dated if d.weekday() == old.weekday() and 0 <= (d - old).days <= 21), key=lambda p: p[0])
    return next(((value, (when + (new - old)).isoformat()) for when, value in moved), None)
