"""The assistant's promises kept: a reply that does what was promised ("Here's the checklist ...") marks the promise
it keeps done, by the words they share, and those promised with it in other words; a reminder is kept on its day or
the evening before, not by a reply days ahead of it. Pure, as apply.py, which hands the promises here.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..records import Changes, Value
from .commitments import DELIVERED, WRITES, about
from .values import Update, same_value

#: How recent a promise a reply keeping one in other words keeps: made that day or the one before.
KEPT_WITHIN_DAYS = 1
#: Fewest words a kept reply and the promise it keeps best share for a second open promise naming them all to be
#: kept with it ("I'll put together a study calendar", then "I'll build the study calendar around your shifts"; not
#: "remind you about Mia's school photo appointment" for a reply keeping "... Mia's dentist appointment").
_TWICE = 2


#: A promise to remind: kept on its day or the evening before, not by a reply days before it ("You asked me to remind
#: you on Friday ..." said on Wednesday repeats it).
_REMINDS = re.compile(r"^(?:remind|nudge|prompt|ping)\b", re.IGNORECASE)
REMINDED_EARLY_DAYS = 1


def _reminds_after(value: Value, day: str) -> bool:
    """A promise to remind on a day after `day` (YYYY-MM-DD)."""
    return bool(value.when and value.when > day and _REMINDS.match(value.value))


def commitment(current: list[Value], update: Update, changes: Changes, day: str) -> Value | None:
    """A reply's keeping of a promise (an end) marks the one it keeps done, and those promised with it; a new
    promise is the value to add (None when it is open already or an end)."""
    open_ = [v for v in current if v.attribute == "commitment" and v.current]
    if update.change == "end":
        words = about(update.value + " " + update.detail)  # the reply's words and those the user asked it in
        early = (date.fromisoformat(day[:10]) + timedelta(days=REMINDED_EARLY_DAYS)).isoformat()
        keepable = [v for v in open_ if not _reminds_after(v, early)]
        told = {v.id: about(v.value + " " + v.detail) for v in keepable}
        scored = [(len(told[v.id] & words), v.id, v) for v in keepable]
        best = max(scored, default=None, key=lambda item: (item[0], -item[1]))
        if best is None or best[0] == 0:
            if DELIVERED.search(update.value):  # a hand-over ("Here you go: ...") keeps no reminder before its day
                _kept_latest([v for v in keepable if not _reminds_after(v, day[:10])], changes, day)
            return None
        kept = told[best[2].id] & words
        for score, _, value in scored:  # the same thing promised twice in other words is kept once for both, and
            # one of the same talk that said it by less: by nothing but what it does ("I'll write a draft", then
            # "I'll write the cover letter draft") or by a pronoun whose context the reply shares ("I'll write you a
            # lower-salt chicken and noodles", then "I'll have it for you soon")
            if value is best[2] or len(kept) >= _TWICE and kept <= told[value.id] or \
                    _same_talk(value, best[2]) and (score and value.detail or not told[value.id] or
                                                    _both_write(value, best[2])):
                changes.closed[value.id] = value.status = "done"
        return None
    if any(same_value(v.value, update.value) for v in open_):
        return None
    return Value(-len(changes.added) - 1, update.subject, "commitment", update.value, update.detail, update.when, day,
                 None, "current")


def _kept_latest(open_: list[Value], changes: Changes, day: str) -> None:
    """A reply handing over what was promised in words none shares ("I'll draft one tonight", then "Here you go:
    'Dear Graham, ...'") keeps the latest one, made that day or the day before, and, if it is one to write, those
    to write made within a day of it ("I'll turn them into a 300-word draft", then "I'll write the draft and send it
    tomorrow")."""
    since = (date.fromisoformat(day[:10]) - timedelta(days=KEPT_WITHIN_DAYS)).isoformat()
    recent = [v for v in open_ if v.valid_from[:10] >= since]
    if recent:
        latest = max(recent, key=lambda v: (v.valid_from, v.id))
        for value in open_:
            if value is latest or _same_talk(value, latest) and _both_write(value, latest):
                changes.closed[value.id] = value.status = "done"


def _both_write(value: Value, kept: Value) -> bool:
    """Two promises to write ("turn them into a draft", "write the draft and send it tomorrow")."""
    return bool(WRITES.search(value.value) and WRITES.search(kept.value))


def _same_talk(value: Value, kept: Value) -> bool:
    """Another promise, not to remind, made within a day of the one kept: of the same talk."""
    gap = abs(date.fromisoformat(value.valid_from[:10]) - date.fromisoformat(kept.valid_from[:10]))
    return value is not kept and gap <= timedelta(days=KEPT_WITHIN_DAYS) and not _REMINDS.match(value.value)
