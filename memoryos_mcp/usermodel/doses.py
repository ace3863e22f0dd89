"""The dose of a drug the user takes, said with it ("losartan, 50mg once a day", "upped the amlodipine to 10mg",
"bumped me up to 20 mg of lisinopril"), kept as the detail of the drug: a new dose replaces the old (apply.py), a
mention without one keeps it. A dose is the user's now only when its clause says so: not someone else's ("my mum
takes metformin 1000mg"), not a past, supposed, wanted or general one ("back in 2019 I was on amlodipine 10mg", "if
they put me on 10mg", "the GP wants me on 10mg", "10mg is the usual max dose"), nor the drug said to do something
("lisinopril 10mg made me cough")."""

from __future__ import annotations

import re
from dataclasses import replace

from .medication import DRUG, DRUG_WORD, SOMEONE
from .values import USER, Update

_UNIT = r"(?:mg|mcg|µg|micrograms?|milligrams?|ml|units?)"
#: A dose, as said ("50mg", "5 mg", "75 mcg").
DOSE = re.compile(rf"\b\d+(?:\.\d+)?\s*{_UNIT}\b", re.IGNORECASE)
#: A dose right after the drug ("losartan, 50mg") or as what it was changed to ("upped the amlodipine to 10mg",
#: "upping my levothyroxine from 50 to 75 mcg").
_AFTER = re.compile(rf"(?:,?\s*|\s+(?:(?:from\s+)?\d+(?:\.\d+)?\s*{_UNIT}?\s+)?(?:up\s+|down\s+)?to\s+)"
                    rf"(?P<d>{DOSE.pattern})", re.IGNORECASE)
#: A dose before the drug ("20 mg of lisinopril"), and the drug it names.
_BEFORE = re.compile(rf"(?P<d>{DOSE.pattern})\s+of\s+(?:the\s+|my\s+)?$", re.IGNORECASE)
_DOSE_OF = re.compile(rf"(?P<d>{DOSE.pattern})\s+of\s+(?:the\s+|my\s+)?(?P<v>{DRUG_WORD})\b", re.IGNORECASE)
#: A dose changed, said of no drug ("she increased dose to 75 mcg", "upped it to 10mg", "my dose is now 75 mcg"),
#: not of something named after it ("to 20mg of melatonin", "to 75 mcg for my mum").
_CHANGED = re.compile(r"(?:\b(?:increas|rais|upp|bump|lower|reduc|decreas|dropp|cut|chang)\w*\s+(?:me\s+)?"
                      r"(?:up\s+|down\s+)?(?:my\s+|the\s+|it\s+)?(?:dose\s+)?(?:up\s+|down\s+)?"
                      rf"(?:from\s+[\d.]+\s*{_UNIT}?\s+)?to\s+(?P<d>{DOSE.pattern})|"
                      rf"\bmy\s+dose\s+(?:is\s+now|went\s+up\s+to|is\s+up\s+to)\s+(?P<e>{DOSE.pattern}))"
                      r"(?!\s+(?:of|for)\b)", re.IGNORECASE)
#: Words of a clause whose dose is no regimen of the user's now: past, supposed, wanted, general or denied.
_NOT_NOW = re.compile(r"\b(?:was|were|used\s+to|took|tried|if|would|could|might|suggested|suggests|wants?|usual|"
                      r"usually|max|maximum|recommended|standard|typical|leaflet|people|not|never|no\s+longer|"
                      r"anymore|any\s+more)\b|n't\b", re.IGNORECASE)
#: The user in the clause of a dose said before its drug: "bumped me up to 20 mg of lisinopril" is theirs.
_MINE = re.compile(r"\b(?:me|my|i|i'm|im)\b", re.IGNORECASE)
#: Where a clause ends.
_CLAUSE_ENDS = re.compile(r"[;.!?]|,\s+(?=(?:and|but|so|if|when|though|although)\b)|\s(?:and|but|so)\s",
                          re.IGNORECASE)
#: After the dose, a verb that makes the drug the subject of what follows ("lisinopril 10mg made me cough").
_DOES = re.compile(r"\s*(?:is|was|gives|gave|makes|made|causes|caused|upsets|upset)\b", re.IGNORECASE)


def dosed(text: str, updates: list[Update]) -> list[Update]:
    """The updates with the dose of each drug the user takes said with it; a drug said after its dose ("up to 20 mg
    of lisinopril"), which the rules, wary of "instead of lisinopril", do not read, is taken; a new dose of no drug
    named ("she increased dose to 75 mcg") is an update with no value, of the one drug taken at a dose (apply.py)."""
    named = {u.value.lower() for u in updates if u.attribute == "medication"}
    for match in _DOSE_OF.finditer(text):
        clause = _clause(text, match.start(), match.end())
        if match.group("v").lower() not in named and _MINE.search(clause) and _now(text, match.start(), match.end()):
            updates = [*updates, Update(USER, "medication", match.group("v").lower())]
    changed = _CHANGED.search(text)
    if changed is not None and not DRUG.search(text) and _now(text, changed.start(), changed.end()):
        updates = [*updates, Update(USER, "medication", "", detail=_written(changed.group("d") or changed.group("e")))]
    found = []
    for update in updates:
        if update.subject == USER and update.attribute == "medication" and update.change != "end" and update.value:
            dose = next((d for m in re.finditer(rf"\b{re.escape(update.value)}\b", text, re.IGNORECASE)
                         if (d := _dose_beside(text, m.start(), m.end()))), "")
            update = replace(update, detail=", ".join(filter(None, (dose, update.detail)))) if dose else update
        found.append(update)
    return found


def same_dose(a: str, b: str) -> bool:
    """Two doses said alike ("5mg", "5 mg"); "5mg" is not "2.5mg"."""
    return a.replace(" ", "").lower() == b.replace(" ", "").lower()


def dose_in(detail: str) -> str:
    """The dose a drug's detail holds ("50mg, Dr Malik" -> "50mg"), or ''."""
    dose = DOSE.search(detail)
    return dose.group(0) if dose else ""


def _dose_beside(text: str, start: int, end: int) -> str:
    """The dose said with the drug at `start`-`end`, when its clause says it is taken now."""
    said = _AFTER.match(text, end) or _BEFORE.search(text, max(0, start - 30), start)
    if said is None:
        return ""
    lo, hi = min(start, said.start()), max(end, said.end())
    return _written(said.group("d")) if _now(text, lo, hi) and not _DOES.match(text, hi) else ""


def _now(text: str, start: int, end: int) -> bool:
    """The clause holding `start`-`end` says a dose the user takes now, not someone else's before it."""
    clause = _clause(text, start, end)
    return not _NOT_NOW.search(clause) and not SOMEONE.search(text[_clause_start(text, start) : start])


def _clause(text: str, start: int, end: int) -> str:
    after = _CLAUSE_ENDS.search(text, end)
    return text[_clause_start(text, start) : after.start() if after else len(text)]


def _clause_start(text: str, at: int) -> int:
    return max((m.end() for m in _CLAUSE_ENDS.finditer(text, 0, at)), default=0)


def _written(dose: str) -> str:
    return " ".join(dose.split())
