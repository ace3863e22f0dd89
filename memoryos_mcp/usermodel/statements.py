"""The user model's current values said as facts ("User works at Safaricom", "Danny lives in Dublin"), each with
the questions it answers ("Where do I work now?", "Where does my brother live?"), so retrieval can answer
from what is known now rather than from what was once said. A question is matched against the questions,
not the fact: a value's words (a company's name) say nothing of what it answers."""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Value
from . import cues
from .card import with_detail
from .starts import STARTED
from .values import USER

#: What a value that replaced an older one also answers: when it changed ("When did I move house?"), said with
#: the day it began. A value known from the start has no such day (the first mention is not when it began), unless
#: the day it starts was said with it (STARTED).
_USER_SINCE: dict[str, tuple[str, ...]] = {
    "home": ("When did I move to {v}?", "When did I move house?"),
    "employer": ("When did I start at {v}?", "What was my first day at {v}?", "When did I start my new job?"),
    "job": ("When did I start working as {v}?", "When did I start my new job?"),
    "diet": ("When did I start {v}?", "When did I change my diet?"),
    "exercise": ("When did I take up {v}?",),
    "course": ("When did I start {v}?",),
    "studies": ("When did I switch to {v}?", "When did I change my major?"),
}
#: Roles a person is also asked about by ("Who is my boss?" for a team lead, "Where do my parents live?" for
#: a mum): each group's words name one relation ("mum", "mother"), the words after "|" the wider one it
#: belongs to ("parents"), so the question need not use the word the user did (a dad is not a mum).
_ALIKE: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (frozenset(same.split(",")), frozenset(wider.split(",")) - {""}) for same, wider in (
        group.split("|") for group in (
            "boss,manager,line manager,team lead,tech lead,team leader,supervisor,pi|",
            "husband|partner,other half,better half,spouse,fella", "wife|partner,other half,better half,spouse,lady",
            "boyfriend|partner,other half,sweetheart,fella", "girlfriend|partner,other half,sweetheart,lady",
            "fiance,fiancé|partner,other half", "fiancee,fiancée|partner,other half",
            "partner,other half,better half,spouse|",
            "mum,mom,mother|parents", "dad,father|parents",
            "son|child,children,kid,kids", "daughter|child,children,kid,kids",
            "grandson|grandchild,grandchildren", "granddaughter|grandchild,grandchildren",
            "friend,best friend,pal,oldest friend|")))
#: The attributes asked about by the wider words too: who someone is and where they live ("Where do my parents
#: work?" is too near "Where do my parents live?" to answer it with a mum's employer); a partner's, all of them (the
#: wider words are that one person: "What does my other half do?").
_WIDER = frozenset({"role", "home"})
_OTHERS_SINCE: dict[str, tuple[str, ...]] = {
    "home": ("When did {s} move to {v}?",),
    "employer": ("When did {s} start at {v}?",),
    "job": ("When did {s} start working as {v}?",),
}

#: Each attribute of the user: how it is said (`{v}` is the value) and the questions it answers.
_USER: dict[str, tuple[str, tuple[str, ...]]] = {
    "name": ("User's name is {v}", ("What is my name?",)),
    "surname": ("User's surname is {v}", ("What is my surname?",)),
    "home": ("User lives in {v}", ("Where do I live now?", "Which city or neighbourhood do I live in?")),
    "origin": ("User is from {v}", ("Where am I from originally?", "Which city did I grow up in?",
                                    "What is my hometown?")),
    "employer": ("User works at {v}", ("Where do I work now?", "Which company do I work for?")),
    "job": ("User works as {v}", ("What is my job?", "What do I do for a living?")),
    "marital": ("User is {v}", ("Am I married?", "Am I divorced?", "Am I seeing anyone?")),
    "diet": ("User's diet: {v}", ("What diet am I following?",)),
    "allergy": ("User is allergic to {v}", ("What am I allergic to?",)),
    "condition": ("User has {v}", ("What health condition do I have?",)),
    "avoids": ("User does not eat {v}", ("What don't I eat?", "What food do I avoid?")),
    "limits": ("User is cutting down on {v}", ("What am I cutting down on?", "What should I eat less of?")),
    "medication": ("User takes {v}", ("What medication do I take?", "Which medicine am I on?")),
    "volunteer": ("User volunteers as {v}", ("What is my role at the club?", "What do I volunteer as?")),
    "club": ("User is a member of {v}", ("Which club am I a member of?",)),
    "exercise": ("User's exercise now: {v}", ("What exercise do I do?", "What sport do I do these days?",
                                              "What's my hobby these days?")),
    "car": ("User drives a {v}", ("What car do I drive?",)),
    "hours": ("User's working hours: {v}", ("What are my working hours?", "When do I work?")),
    "prefers": ("User prefers {v}", ("What do I prefer?", "What do I insist on?")),
    "hobby": ("User's hobby: {v}", ("What are my hobbies?", "What do I do in my spare time?")),
    "course": ("User is doing {v}", ("What course am I doing?",)),
    "studies": ("User studies {v}", ("What do I study?", "What is my major?")),
    "uses": ("User uses {v}", ("What do we use now?",)),
    "age": ("User is {v} years old", ("How old am I?",)),
}
#: Each attribute of someone in the user's life (`{s}` is who: a name or "my brother").
_OTHERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "role": ("{s} is the user's {v}", ("Who is my {v}?", "What is my {v}'s name?")),
    # one question naming the job twice: MiniLM weighs a name heavily, and "What is {s}'s job?" is 0.72 from
    # "When is Tiago's birthday?", "What does {s} do for a living?" 0.72 from "What's Ross's surname?" (this: 0.65)
    "job": ("{s} works as {v}", ("What job does {s} do for a living?",)),
    "employer": ("{s} works at {v}", ("Where does {s} work?",)),
    "home": ("{s} lives in {v}", ("Where does {s} live?",)),
    "origin": ("{s} is from {v}", ("Where is {s} from?",)),
    "age": ("{s} is {v}", ("How old is {s}?",)),
    "fullname": ("{s}'s full name is {v}", ("What is {s}'s full name?",)),
    "kind": ("{s} is a {v}", ("What breed is {s}?", "What kind of animal is {s}?")),
    "condition": ("{s} has {v}", ("What health condition does {s} have?",)),
}


@dataclass(frozen=True)
class Statement:
    """A current value said as a fact, since when it holds, the questions it answers and the pages it was read
    from."""

    text: str
    since: str
    questions: tuple[str, ...]
    sources: tuple[int, ...] = ()
    #: Whose value it is ("user" or someone in their life), what it is ("job", "role", "favourite:band"), the value.
    subject: str = USER
    attribute: str = ""
    value: str = ""


def statements(values: list[Value]) -> list[Statement]:
    """Each current value of the user and of the people in their life (plans and commitments are facts
    already); one that replaced an older value says since when it holds and answers when it changed."""
    current = [v for v in values if v.current]
    began: dict[tuple[str, str], str] = {}
    for old in values:
        if old.status == "past":
            key = (old.subject, old.attribute)
            began[key] = min(began.get(key, old.valid_from[:10]), old.valid_from[:10])
    roles = {v.subject: v.value for v in current if v.attribute == "role"}
    found = []
    for value in current:
        said = _said(value, roles.get(value.subject, ""))
        if said is None:
            continue
        text, questions = said
        before = began.get((value.subject, value.attribute))
        started = value.when if value.subject == USER and value.attribute in STARTED else None
        if started or before is not None and before < value.valid_from[:10]:
            text, questions = f"{text} (since {started or value.valid_from[:10]})", questions + _since(value)
        found.append(Statement(text, value.valid_from, questions, tuple(value.sources), value.subject,
                                 value.attribute, value.value))
    return found + _groups([v for v in current if v.attribute == "role" and v.subject[:1].isupper()])


#: Relations several people share, by the role's last word, and what they are called together.
_GROUPS = {"son": "children", "daughter": "children", "child": "children", "kid": "children", "stepson": "children",
           "stepdaughter": "children", "step-son": "children", "step-daughter": "children",
           "grandson": "grandchildren", "granddaughter": "grandchildren", "grandchild": "grandchildren",
           "brother": "siblings", "sister": "siblings"}
#: Words a role may say before its relation ("youngest daughter", "little brother"); "god daughter" is none.
_ORDER = frozenset("eldest oldest youngest middle little baby big older younger twin".split())
#: The words a question asks for a whole relation by ("Who are my kids?"; not "Is my brother married?").
GROUP_WORDS = {"children": frozenset("children kids child kid".split()),
               "grandchildren": frozenset("grandchildren grandkids grandchild grandkid".split()),
               "siblings": frozenset("siblings sibling".split())}
_COUNTS = "two three four five six seven eight nine ten eleven twelve".split()


def _groups(roles: list[Value]) -> list[Statement]:
    """The named people of one relation said together ("The user's grandchildren: Emil, Sofie and Liv (three
    named)"), when two or more are: "Who are all my grandchildren?" is answered by one fact, not by the best three
    of four. How many there are is how many are named (a child never named is not counted)."""
    members: dict[str, list[Value]] = {}
    for role in roles:
        *before, last = role.value.lower().split() or [""]
        group = _GROUPS.get(last) if "'s" not in role.value and set(before) <= _ORDER else None  # not "mum's sister"
        if group:
            members.setdefault(group, []).append(role)
    found = []
    for group, people in members.items():
        if not 2 <= len(people) <= len(_COUNTS) + 1:
            continue
        names = [v.subject for v in people]
        listed = ", ".join(names[:-1]) + f" and {names[-1]}"
        found.append(Statement(
            f"The user's {group}: {listed} ({_COUNTS[len(people) - 2]} named)", max(v.valid_from for v in people),
            (f"Who are my {group}?", f"What are my {group}'s names?", f"How many {group} do I have?"),
            tuple(sorted({page for v in people for page in v.sources})), USER, "group", group))
    return found


def alike(role: str) -> list[str]:
    """The role and the other words its relation goes by ("team lead" -> "boss", "manager", ...; a pet's kind ->
    its animal: "blue heeler" -> "dog")."""
    low = role.lower()
    return [role] + sorted(next(((same | wider) - {low} for same, wider in _ALIKE if low in same), _animal(low)))


#: What a partner is asked about by, with no word for them ("Who am I courting?"; not "Who am I seeing?", asked of a
#: doctor too).
_COURTED = ("Who am I dating?", "Who am I courting?")
#: The words a dog and a cat go by ("What breed is my pooch?").
_DOG_WORDS = frozenset("dog pooch pup hound".split())
_CAT_WORDS = frozenset("cat kitty".split())


def _animal(kind: str) -> frozenset[str]:
    """The words for the animal a dog or cat of this kind is ("rescue greyhound" -> dog, pooch ...); not "pet",
    which a question about the dog would find the cat by."""
    words = kind.split()
    if len(words) > 1 and words[-1] in cues.CROSSBREEDS:  # "jack russell cross"
        words.pop()
    if len(words) > 1 and words[-1] == "lab":  # "black lab", "chocolate lab": a labrador (alone, "lab" is a place)
        words[-1] = "labrador"
    said = {" ".join(words[n:]) for n in range(len(words))}  # "rescue greyhound": its last word, "blue heeler": both
    animals = _DOG_WORDS if said & cues.DOG_KINDS else _CAT_WORDS if said & cues.CAT_KINDS else frozenset()
    return animals - {kind}


def _pet(kind: str) -> bool:
    """The role is a pet's kind ("tortoise", "blue heeler", "grey tabby"): asked of by its breed too."""
    return kind.lower() in cues.PET_WORDS or bool(_animal(kind.lower()))


def _since(value: Value) -> tuple[str, ...]:
    """The questions about when a changed value began."""
    if value.subject == USER:
        return tuple(q.format(v=value.value) for q in _USER_SINCE.get(value.attribute, ()))
    who = value.subject if value.subject[:1].isupper() else f"my {value.subject}"
    return tuple(q.format(s=who, v=value.value) for q in _OTHERS_SINCE.get(value.attribute, ()))


def _said(value: Value, role: str) -> tuple[str, tuple[str, ...]] | None:
    if value.subject == USER:
        if value.attribute.startswith("favourite:"):
            kind = value.attribute.split(":", 1)[1]
            favourite = f"favourite {kind}" if kind else "favourite"
            return f"User's {favourite} is {value.value}", (f"What is my {favourite}?",)
        text, questions = _USER.get(value.attribute, ("", ()))
        if value.attribute == "allergy" and value.value.lower().endswith("allergy"):  # "dust allergy", as said
            text = "User has a {v}"
        return (text.format(v=with_detail(value)), questions) if text else None
    text, questions = _OTHERS.get(value.attribute, ("", ()))
    if not text:
        return None
    named = value.subject[:1].isupper()
    who = value.subject if named else f"The user's {value.subject}"
    ways = [value.subject] if named else []
    relation = role or value.subject
    wider = alike(relation) if value.attribute in _WIDER or relation.lower() in cues.PARTNER_ROLES else [relation]
    ways += [f"my {word}" for word in wider] if role or not named else []
    if value.attribute == "role" and "'s " in value.value:  # "Priya is Steve's wife", not "the user's Steve's"
        whose, kind = value.value.split("'s ", 1)
        ways = [f"{whose}'s {word}" for word in alike(kind)]  # "Bruno is Ross's staffy": Ross's dog too
        bred = tuple(q.format(s=who) for q in _OTHERS["kind"][1]) if _pet(kind) else ()
        return f"{who} is {value.value}", tuple(
            q for way in ways for q in (f"Who is {way}?", f"What is {way}'s name?")) + bred
    if value.attribute == "role":
        questions = tuple(q.replace("{v}", word) for q in questions for word in alike(value.value))
        questions += _COURTED if value.value.lower() in cues.PARTNER_ROLES else ()
        questions += _OTHERS["kind"][1] if _pet(value.value) else ()  # "What breed is Biltong?"
    asked = tuple(dict.fromkeys(q.format(s=way, v=value.value) for q in questions for way in ways or [value.subject]))
    return text.format(s=who, v=value.value), asked
