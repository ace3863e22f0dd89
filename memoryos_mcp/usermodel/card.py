"""The profile card: a short readable page written from the user model's values.

Who they are first, then the people and pets in their life, health and diet, activities and favourites,
what the statement facts know and the model does not (card_facts.py, in the room left), what is coming up
(with dates), the assistant's open commitments and recent changes. Current values only, each in the section
its attribute belongs to; a pure function of the values, the notes and the reference day, so the same
memory always reads the same.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

from ..records import Value
from . import cues
from .card_facts import fitting
from .cues import PARTNER_ROLES
from .doses import dose_in
from .exercise import done_where
from .values import USER, same_plan, same_value, single
from .wellbeing import LOW_IN, reading_of

#: Events a plan names that make it one to list as coming up.
_EVENTS = frozenset("""trip holiday holidays flight flying wedding appointment surgery operation interview birthday
    party concert gig visit visiting graduation exam exams defence defense moving ceremony scan mri race camping
    festival prom anniversary funeral christening conference cruise caravan getaway reunion tournament regatta
    marathon deadline""".split())
#: A plan said as a supposition ("If we finish the fence by Friday ...").
_SUPPOSED = re.compile(r"\W*(?:if|whether|maybe|perhaps)\b", re.IGNORECASE)
#: A plan this close ahead counts as more notable (_notable).
SOON = timedelta(days=14)
#: Longest card, in characters: a summary for a prompt, the model and the facts hold the rest.
MAX_CHARS = 1500
PEOPLE = 12
COMING_UP = 5
COMMITMENTS = 5
CHANGES = 4
#: A change shows under "Recent changes" for this long after it happened.
RECENT = timedelta(days=90)
LINE_CHARS = 150
#: A plan's or a promise's line when the card is over its length: each said shorter, in steps, down to this at
#: most, none cut off the end.
SHORT_LINE_CHARS = 70
#: The (plan, promise) lengths tried in turn: the plans are said shorter first, as a promise left open is the
#: assistant's to keep.
_SHORTER = [(width, LINE_CHARS) for width in range(LINE_CHARS - 20, SHORT_LINE_CHARS - 1, -20)] + [
    (SHORT_LINE_CHARS, width) for width in range(LINE_CHARS - 20, SHORT_LINE_CHARS - 1, -20)]
#: Jobs that are a state, not a title: said as they are ("retired", not "works as retired"; "works freelance").
_STATES = frozenset(["retired", "unemployed", "self-employed", "between jobs"])
#: Words opening a job that is a state too ("stay-at-home dad", "full-time mum"): no "works as" before it.
_AT_HOME = ("stay-at-home ", "stay at home ", "full-time ", "full time ")
_LABELS = {"exercise": "Exercise", "course": "Course", "car": "Car", "condition": "Health", "allergy": "Allergic to",
           "diet": "Diet", "medication": "Takes", "home": "Lives in", "hours": "Hours", "employer": "Works at",
           "job": "Job", "age": "Age", "volunteer": "Volunteers as", "studies": "Studies"}
#: The user's attributes the health line shows, in order.
_HEALTH = ("diet", "avoids", "limits", "condition", "medication", "allergy")
#: What a person does, each value said as a phrase ("plays goal defence").
_DOINGS = ("volunteer", "plays")
#: Subjects that are several people ("parents live in Utrecht").
_GROUPS = frozenset("parents grandparents kids children in-laws cousins".split())
_PETS = frozenset("cat dog kitten puppy rabbit hamster parrot tortoise horse budgie bunny".split())


def write_card(values: list[Value], today: str, notes: Sequence[str] = ()) -> str:
    """The card for the values as they stand on `today` (YYYY-MM-DD); '' when nothing is known. `notes`
    (card_facts.py: what the statement facts know and the model does not) fill what room is left, after
    what the model knows (plans and promises in full: none left when they had to be said shorter) and before what
    is coming up."""
    sections = _sections(values, today, LINE_CHARS, LINE_CHARS)
    card = "\n".join(s for s in sections if s)
    room = MAX_CHARS - len(card) - 1  # what the model knows, said in full, comes before the notes
    for plans, promises in _SHORTER:  # plans, then promises, said only as much shorter as makes room, before a
        if len(card) <= MAX_CHARS:  # section is cut off the end
            break
        sections = _sections(values, today, plans, promises)
        card = "\n".join(s for s in sections if s)
    more = fitting(list(notes), card, room) if notes and room > 0 else ""
    if more:
        sections.insert(5, more)
        card = "\n".join(s for s in sections if s)
    return card if len(card) <= MAX_CHARS else card[:MAX_CHARS].rsplit("\n", 1)[0]


def _sections(values: list[Value], today: str, plan_chars: int, promise_chars: int) -> list[str]:
    """The card's sections in order, plans and promises clipped to so many characters."""
    current = [v for v in values if v.current]
    user = {v.attribute: v for v in current if v.subject == USER}
    return [
        _who(user, today),
        _people(current, {v.value for v in values if v.attribute == "home"}),
        _join("Health and diet", _health(user, current)),
        _join("Activities and favourites", [_phrase(v) for a, v in sorted(user.items())
                                            if a in ("exercise", "course", "car") or a.startswith("favourite:")
                                            and a != "favourite:"] + [_kindless(current)]
              + [_phrase(v) for v in current if v.subject == USER and v.attribute in ("hobby", "prefers", "club")
                 and not (v.attribute == "club" and "exercise" in user and user["exercise"].detail == v.value)]),
        _join("Uses", [v.value for v in current if v.subject == USER and v.attribute == "uses"]),
        _list("Coming up", _coming_up(current, today, plan_chars)),
        _list("Open commitments", [f"{_clip(v.value, promise_chars)}" + (f" (by {_day(v.when)})" if v.when else "")
                                   for v in _upcoming(current, "commitment", today)][:COMMITMENTS]),
        _list("Recent changes", _changes(values, today)),
    ]


def _who(user: dict[str, Value], today: str) -> str:
    parts = []
    if "name" in user:
        parts.append(_full_name(user))
    elif "surname" in user:  # "Mr Okonkwo": a surname alone, with the title it was said with
        parts.append(f"{user['surname'].detail} {user['surname'].value}".strip())
    if "age" in user:
        parts.append(f"age {user['age'].value}")
    if "marital" in user:  # "divorced", "engaged"
        parts.append(user["marital"].value)
    if "home" in user:
        home = user["home"]
        parts.append(f"lives in {home.value}" + (f" ({home.detail})" if home.detail else ""))
    if "origin" in user and ("home" not in user or user["origin"].value != user["home"].value):
        parts.append(f"from {user['origin'].value}")  # "lives in Toronto; from Kumasi"
    job = user["job"].value if "job" in user else ""
    work = " ".join(p for p in (job, f"at {with_detail(user['employer'])}" if "employer" in user else "") if p)
    ahead = max((user[a].when or "" for a in ("job", "employer") if a in user), default="")
    if work and ahead > today:  # "Process engineer at Ventus Carbon from 1 September", said in May
        parts.append(f"starts {'as ' if job else ''}{work} on {_day(ahead)}")
    elif work:
        state = job in _STATES or job.startswith(_AT_HOME)
        parts.append(("" if state else "works " if job in ("", "freelance") else "works as ") + work)
    if "studies" in user:
        parts.append(f"studies {user['studies'].value}")
    if "hours" in user:
        parts.append(f"hours {user['hours'].value}")
    if "volunteer" in user:  # "volunteers as reading tutor at Westport Literacy", "volunteers as selector"
        parts.append(f"volunteers as {_with(user['volunteer'], 'at')}")
    return f"Who they are: {'; '.join(parts)}." if parts else ""


def _full_name(user: dict[str, Value]) -> str:
    """"Aditya Kulkarni", as a person writes their name (the surname once, when the name does not hold it); the name
    they go by with their full name beside it ("Kip (Kipchoge Rotich)")."""
    name, full = user["name"].value, user["name"].detail
    surname = user["surname"].value if "surname" in user else ""
    if full and full.lower() != name.lower():
        return f"{name} ({full})" if not surname or surname.lower() in full.lower() else f"{name} {surname} ({full})"
    return name if not surname or surname.lower() in name.lower().split() else f"{name} {surname}"


def _health(user: dict[str, Value], current: list[Value]) -> list[str]:
    """The user's health and diet, the latest of each attribute first; a food cut down on that the diet names
    already ("low-salt diet") is said once."""
    values = [user[a] for a in _HEALTH if a in user] + [
        v for v in current if v.subject == USER and v.attribute in _HEALTH and v is not user.get(v.attribute)]
    diet = user["diet"].value.lower().replace(" ", "-") if "diet" in user else ""
    return [_phrase(v) for v in values if not (v.attribute == "limits" and diet and _phrase(v) in diet)]


def _people(current: list[Value], homes: set[str]) -> str:
    """The people and pets in the user's life; not a place someone lives or lived in, taken for a person by a
    pronoun ("He is chef in a restaurant in Valencia ... He is 29": "Valencia: age 29"), with no role, job or more
    said of it than an age and a home."""
    mentions: Counter[str] = Counter()
    facts: dict[str, dict[str, str]] = {}
    for value in current:
        if value.subject in (USER, "assistant"):
            continue
        mentions[value.subject] += len(value.sources) or 1
        facts.setdefault(value.subject, {})[value.attribute] = value.value
    lines = []
    for subject, _ in sorted(mentions.items(), key=lambda item: (-item[1], item[0])):
        known = facts[subject]
        role = known.get("role", "")
        if role == "ex":  # someone the user has broken up with is no longer in their life's card
            continue
        job = known.get("job", "") if known.get("job") != role else ""  # "Priya (team lead)", said once
        about = [job + (f" at {known['employer']}" if "employer" in known else "")] if job \
            else ([f"works at {known['employer']}"] if "employer" in known else [])
        about = ([known["kind"]] if "kind" in known else []) + about  # a pet's breed or coat first: "yellow lab"
        about += [f"lives in {known['home']}"] if "home" in known else []
        about += [f"age {known['age']}"] if "age" in known else []
        about += [f"studies {known['studies']}"] if "studies" in known else []
        about += [f"from {known['origin']}"] if "origin" in known else []
        about += [known["condition"]] if "condition" in known else []  # "Owen (husband): ..., celiac"
        about += [known[a] for a in _DOINGS if a in known]  # "volunteers at RNLI shop", "plays goal defence"
        if not role and (not about or subject in homes and set(known) <= {"age", "home"}) or \
                not _in_circle(role, facts):
            continue
        role = _whose(role, facts)
        if subject in _GROUPS:
            about = [a.replace("lives in", "live in", 1) for a in about]
        name = subject if subject[:1].isupper() else subject.capitalize()
        full = known.get("fullname", "")
        name, full = (full, "") if full.startswith(f"{name} ") else (name, full)  # "Priya Raman (boss)"
        said = ", ".join(w for w in (full, role if subject[:1].isupper() else "") if w)
        label = f"{name} ({said})" if said else name  # "Ju (Juliana, sister)"
        lines.append(f"{label}: {', '.join(about)}" if about else label)
    return _list("People and pets", lines[:PEOPLE])


def _whose(role: str, facts: dict[str, dict[str, str]]) -> str:
    """"boyfriend's staffy" with the boyfriend's name once it is known ("Ross's staffy"); the partner by
    whichever word named them."""
    if "'s " not in role:
        return role
    owner, what = role.split("'s ", 1)
    partner = owner in PARTNER_ROLES
    named = [s for s, f in facts.items() if s[:1].isupper() and (f.get("role") == owner or partner and
                                                                  f.get("role") in PARTNER_ROLES)]
    return f"{named[0]}'s {what}" if owner.islower() and len(named) == 1 else role


def _in_circle(role: str, facts: dict[str, dict[str, str]], depth: int = 0) -> bool:
    """A relative of someone ("Steve's wife") belongs on the card when that someone is in the user's life: a
    role of theirs is known ("Dot's husband" of a Dot said once in passing is not, nor her sister's husband)."""
    owner = role.split("'s ", 1)[0] if "'s " in role else ""
    if not owner[:1].isupper():
        return True
    theirs = facts.get(owner, {}).get("role", "")
    return bool(theirs) and depth < 3 and _in_circle(theirs, facts, depth + 1)


def _coming_up(current: list[Value], today: str, line_chars: int) -> list[str]:
    """One plan a day (the first said), the most notable few (_notable), soonest first, with the days it spans as
    said ("Fri 10 Dec (10 to 12 december)"); a plan said again later on another day with a change ("the Vienna trip
    is now the 17th") is shown on its new day only."""
    plans = _upcoming(current, "plan", today)
    days: dict[str | None, Value] = {}
    for value in plans:
        if not any(later.valid_from > value.valid_from and later.when != value.when and cues.CHANGE.search(later.value)
                   and same_plan(later.value, value.value) for later in plans):
            days.setdefault(value.when, value)
    shown = sorted(days.values(), key=lambda v: -_notable(v, today))[:COMING_UP]
    return [f"{_day(v.when)}{f' ({v.detail})' if v.detail else ''}: {_clip(v.value, line_chars)}"
            for v in sorted(shown, key=lambda v: (v.when or "9999", v.id))]


def _notable(plan: Value, today: str) -> int:
    """How much a plan is one a person would list as coming up: an event by name (a trip, a wedding, an
    appointment), soon, on a day (not only a month) or over days, said more than once; not a supposition ("If they
    dry off 180 cows this week ...")."""
    words = set(re.findall(r"[a-z]+", plan.value.lower()))
    day = len(plan.when or "") == len("2027-08-14")
    try:
        soon = day and date.fromisoformat(plan.when or "") - date.fromisoformat(today) <= SOON
    except ValueError:
        soon = False
    return (2 * bool(words & _EVENTS) + soon + day + bool(plan.detail) + min(len(plan.sources), 3) - 1
            - 2 * bool(_SUPPOSED.match(plan.value)))


def _upcoming(current: list[Value], attribute: str, today: str) -> list[Value]:
    chosen = [v for v in current if v.attribute == attribute and (v.when is None or v.when >= today)]
    return sorted(chosen, key=lambda v: (v.when or "9999", v.id))


def _changes(values: list[Value], today: str) -> list[str]:
    """"Works at: Ouse Bank Clinic since 23 Mar; before: St James's" for recent closes of user attributes."""
    try:
        since = (date.fromisoformat(today) - RECENT).isoformat()
    except (OverflowError, ValueError):  # a page dated in year 1
        since = ""
    lines = []
    for value in sorted(values, key=lambda v: v.valid_to or "", reverse=True):
        if (value.subject != USER or value.status != "past" or not value.valid_to or value.valid_to[:10] < since
                or value.attribute in ("plan", "commitment", "name") or reading_of(value.value)):
            continue  # a second name is no change of name, nor a new blood pressure reading a change of health
        label = _LABELS.get(value.attribute, _favourite(value.attribute).capitalize())
        after = _successor(value, values)
        if after is None:
            line = f"{label}: no longer {value.value}"
        else:
            start = _day(after.when or max(after.valid_from[:10], value.valid_to[:10]))  # the day a new job began
            held = (f"from {start}" if (after.when or "") > today else f"since {start}") if after.current else \
                f"from {start} until {_day(after.valid_to)}"
            line = f"{label}: {_dosed(after)} {held}; before: {_dosed(value)}"
        if line not in lines:
            lines.append(line)
    return lines[:CHANGES]


def _successor(value: Value, values: list[Value]) -> Value | None:
    """The value that came after a closed one: the first of the same single-valued attribute to start after it
    began (a job changed twice reads "quality engineer since April; before: test engineer" and "test engineer
    from March until April; before: contractor", not today's job after each), or None when nothing replaced it
    (one of several, "Uses", replaces none; a drug's new dose replaces its old one)."""
    dosed = value.attribute == "medication"  # one of several drugs: the same drug at its next dose
    if not single(value.attribute) and not dosed:
        return None
    later = [v for v in values if v.subject == USER and v.attribute == value.attribute
             and v.status in ("current", "past") and (v.valid_from, v.id) > (value.valid_from, value.id)
             and (not dosed or same_value(v.value, value.value))]
    return min(later, key=lambda v: (v.valid_from, v.id), default=None)  # two from one moment: stored after it


def _dosed(value: Value) -> str:
    """A value as a change shows it: a drug with its dose ("lisinopril 20 mg")."""
    dose = dose_in(value.detail) if value.attribute == "medication" else ""
    return f"{value.value} {dose}" if dose else value.value


def _phrase(value: Value) -> str:
    if value.attribute.startswith("favourite:"):  # "favourite: X" when the kind was not said
        return f"{_favourite(value.attribute)}: {value.value}"
    if value.attribute == "allergy":  # "dust allergy" as said
        return value.value if value.value.lower().endswith("allergy") else f"allergic to {value.value}"
    if value.attribute in ("condition", "medication") and value.detail:  # "LDL is 162 (Dr Rao)"
        return f"{'takes ' if value.attribute == 'medication' else ''}{value.value} ({value.detail})"
    if value.attribute == "medication":
        return f"takes {value.value}"
    if value.attribute == "avoids":
        return f"no {value.value}"
    if value.attribute == "limits":  # "low-salt", "less coffee"
        return f"low-{value.value}" if value.value in LOW_IN else f"less {value.value}"
    if value.attribute == "club":
        return f"member of {value.value}"
    if value.attribute == "prefers":
        return f"prefers {value.value}"
    if value.attribute == "hobby":
        return with_detail(value)
    if value.attribute == "course" and value.detail:
        return f"learning {value.detail}: {value.value}"
    if value.attribute in ("course", "car"):
        return f"{value.attribute}: {value.value}"
    return with_detail(value) if value.attribute == "exercise" else _with(value, "at")


def with_detail(value: Value) -> str:
    """A value of the user's with the detail that places it, as the card and the value's statement say it: the
    exercise with where it is done ("cycling with Wreake Valley Wheelers"), the hobby with its kind ("painting
    (watercolour)"), the employer with its place ("LMU in Martinsried")."""
    if value.attribute == "exercise":
        return done_where(value.value, value.detail)
    if value.attribute == "hobby":
        return f"{value.value} ({value.detail})" if value.detail else value.value
    return _with(value, "in") if value.attribute == "employer" else value.value


def _kindless(current: list[Value]) -> str:
    """"favourites: Nina Simone, Radiolab": the favourites said without their kind, each said once."""
    said = list(dict.fromkeys(v.value for v in current if v.subject == USER and v.attribute == "favourite:"))
    return f"favourite{'s' if len(said) > 1 else ''}: {', '.join(said)}" if said else ""


def _favourite(attribute: str) -> str:
    return " ".join(attribute.replace("favourite:", "favourite ").split())


def _with(value: Value, preposition: str) -> str:
    """The value with where it is ("Tessela in Lisbon", "aqua aerobics at Leisureland")."""
    return f"{value.value} {preposition} {value.detail}" if value.detail and value.subject == USER else value.value


def _join(title: str, parts: list[str]) -> str:
    parts = list(dict.fromkeys(p for p in parts if p))
    return f"{title}: {'; '.join(parts)}." if parts else ""


def _list(title: str, lines: list[str]) -> str:
    return "\n".join([f"{title}:"] + [f"- {line}" for line in lines]) if lines else ""


def _day(iso: str | None) -> str:
    if not iso:
        return ""
    if len(iso) == 7:  # a month: "2027-09" -> "Sep 2027"
        return f"{date.fromisoformat(iso + '-01'):%b %Y}"
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{day:%a} {day.day} {day:%b}"


def _clip(text: str, line_chars: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= line_chars else text[:line_chars].rsplit(" ", 1)[0] + "..."
