"""The drugs the user takes: the names and endings that tell a drug, and what the rules' readings of a message are
checked against (wellbeing.py holds the rules): a drug the user is allergic to or that is someone else's is not
taken, one stopped "it" ends, and the drugs said with one taken are taken too ("metformin and gliclazide").
"""

from __future__ import annotations

import re
from itertools import pairwise

from .values import USER, Update

#: Endings of drug names, by family: ACE inhibitors, sartans, beta blockers, statins, calcium blockers, proton
#: pump inhibitors, penicillins, NSAIDs (coxibs too), triptans, SSRIs, biguanides, gliptins, antihistamines,
#: benzodiazepines, antibiotics, gabapentinoids, anticoagulants, diuretics, steroids, tricyclics, antifungals, SGLT2
#: and GLP-1 drugs, opioids; sulfonylureas, antipsychotics, anticonvulsants, bronchodilators, alpha blockers,
#: antiplatelets, bisphosphonates, SNRIs, gout and potassium-sparing drugs.
DRUG_ENDINGS = ("pril|sartan|olol|statin|dipine|prazole|cillin|proxen|profen|triptan|oxetine|alopram|formin|gliptin|"
                "tadine|lukast|thyroxine|izine|coxib|traline|zepam|oxacin|mycin|cycline|gabalin|apentin|xaban|gatran|"
                "semide|thiazide|olone|nisone|triptyline|conazole|gliflozin|glutide|farin|adol|"
                "clazide|mepiride|pizide|zapine|trigine|racetam|butamol|sulosin|azosin|pidogrel|dronate|faxine|"
                "purinol|nolactone")
#: Drugs known by a name no family ending tells: brands and a few old ones ("my Symbicort", "on Eliquis").
DRUG_NAMES = ("eliquis|xarelto|marevan|ventolin|symbicort|fostair|seretide|flixotide|qvar|euthyrox|synthroid|ozempic|"
              "wegovy|mounjaro|jardiance|lipitor|crestor|zoloft|prozac|lexapro|"
              "adderall|ritalin|concerta|co-codamol")
#: A drug known by its family's ending ("lisinopril", "the ramipril") or by its name.
DRUG_WORD = rf"(?:[a-z]{{2,}}(?:{DRUG_ENDINGS})|{DRUG_NAMES})"
#: Words before a drug the user no longer takes ("off the metformin", "from amlodipine to", "instead of the statin")
#: or does not ("it's not ibuprofen").
NOT_LEFT = "".join(rf"(?<!\b{words} )" for words in ("off", "off the", "off my", "from", "from the", "from my", "of",
                                                       "of the", "of my", "not", "no", "swapped", "swapped the",
                                                       "swapped my"))
#: Whom a dose is worked out for by weight: a patient, not the user.
PATIENTS = "cat|dog|child|kid|baby|patient|puppy|kitten"
#: Words between two drugs that join them as taken alike ("metformin and gliclazide", "amlodipine for my blood
#: pressure and atorvastatin for cholesterol"), not a change or a refusal between them ("stopped", "instead of",
#: "swapped ... for", "not").
_JOINED = re.compile(r"^(?:\s+(?:(?:for|in|at|with|every|each|once|twice|daily|a|an|the|my|morning|night|evening|"
                     r"day)\b|\d)[^.!?;:]*?)?\s*(?:,|\band\b|\bplus\b|&|\bas well as\b)\s*(?:also\s+)?"
                     r"(?:the\s+|my\s+|some\s+)?$", re.IGNORECASE)
_CHANGED = re.compile(r"\b(?:stop\w*|off|quit|instead|switch\w*|swap\w*|chang\w*|replac\w*|from|not|no|never|"
                      r"allerg\w*|react\w*|rash|his|her|their)\b|n't\b", re.IGNORECASE)

def not_taken(updates: list[Update]) -> list[Update]:
    """The updates without a drug the user is allergic to as one they take ("Penicillin. Blew up like a balloon")."""
    allergic = {u.value.lower() for u in updates if u.subject == USER and u.attribute == "allergy"}
    return [u for u in updates if not (u.subject == USER and u.attribute == "medication" and u.change == "add"
                                       and u.value.lower() in allergic)]


def not_theirs(text: str, updates: list[Update]) -> list[Update]:
    """The updates without a drug the message only ever says is someone else's ("Papa had not taken his evening
    metformin", "His medicines are metformin 500 mg", "Mum's amlodipine")."""
    return [u for u in updates if not (u.subject == USER and u.attribute == "medication" and u.change == "add"
                                       and _only_theirs(text, u.value))]


def _only_theirs(text: str, drug: str) -> bool:
    said = list(re.finditer(rf"\b{re.escape(drug)}\b", text, re.IGNORECASE))
    return bool(said) and all(_THEIRS.search(text[max(0, m.start() - 40) : m.start()]) for m in said)


#: Someone else's, up to two words before a drug ("his evening ", "Papa's ", "her medicines are ").
_THEIRS = re.compile(r"\b(?:his|her|their|\w+['’]s)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
#: A drug stopped said by a pronoun ("she has stopped it", "she's taking me OFF it").
_STOPPED_IT = re.compile(r"\b(?:stopped|stopping|stop|(?:taking|taken|took|takes|came|coming|come)\s+(?:me\s+)?off)\s+"
                         r"it\b", re.IGNORECASE)
_DRUG = re.compile(rf"\b{DRUG_WORD}\b", re.IGNORECASE)
_SENTENCE_ENDS = re.compile(r"(?<=[.!?])\s+")


def stopped_for_another(text: str, updates: list[Update]) -> list[Update]:
    """A drug stopped, said by "it", for another started in the same message ("the lisinopril is most likely the
    cause of my cough. She has stopped it and started me on amlodipine"; "she's taking me OFF it and putting me on
    amlodipine instead"): the drugs named before "it", in its sentence or the one before, end; those named after it
    are taken."""
    stop = _STOPPED_IT.search(text)
    if stop is None:
        return updates
    said = _SENTENCE_ENDS.split(text[:stop.start()])
    before = {d.lower() for d in _DRUG.findall(" ".join(said[-2:]))}  # its sentence and the one before
    after = {d.lower() for d in _DRUG.findall(text[stop.end():])} - before
    if not before or not after:
        return updates
    drugs = [u for u in updates if u.subject == USER and u.attribute == "medication"]
    kept = [u for u in updates if u not in drugs or u.value.lower() in after and u.change != "end"]
    taken = {u.value.lower() for u in kept if u in drugs}
    return kept + [Update(USER, "medication", drug, "end") for drug in sorted(before)] + \
        [Update(USER, "medication", drug) for drug in sorted(after - taken)]


#: A drug stopped by whoever said so, the doctor mostly ("The GP stopped the gliclazide", "she stop the gliclazide"),
#: said as done: not asked, wished, warned against or still to come ("should I stop", "not to stop", "if it goes on
#: she'll stop"); "stop" alone only after who stopped it (chat English for "stopped").
_STOPPED = re.compile(rf"(?<!\bto )(?<!n't )(?<!\bnot )(?<!\bnever )(?<!'ll )(?<!\bwill )(?<!\bmay )(?<!\bmight )"
                      rf"(?<!\bcould )(?<!\bwould )(?<!\bshould )(?<!\bmust )(?:\b(?:stopped|stops|discontinued)|"
                      rf"\b(?:she|he|they|doctor|gp|dr|nurse)\s+stop)\s+(?:the\s+|my\s+)?(?P<old>{DRUG_WORD})\b",
                      re.IGNORECASE)
_IF = re.compile(r"\b(?:if|unless|whether|when)\b", re.IGNORECASE)


def stopped(text: str, updates: list[Update]) -> list[Update]:
    """The updates with the drugs a sentence says were stopped, by the user or by their doctor ("The GP stopped the
    gliclazide"): ended, and not taken; a drug of someone else's ("stopped his metformin") is not the user's."""
    ended = {m.group("old").lower() for sentence in _SENTENCE_ENDS.split(text) if not sentence.rstrip().endswith("?")
             and not _IF.search(sentence) for m in _STOPPED.finditer(sentence)}
    if not ended:
        return updates
    kept = [u for u in updates if not (u.attribute == "medication" and u.value.lower() in ended)]
    return kept + [Update(USER, "medication", drug, "end") for drug in sorted(ended)]


def also_taken(text: str, updates: list[Update]) -> list[Update]:
    """The drugs said in the same breath as one the user takes are taken too ("I take metformin and gliclazide",
    "amlodipine for my blood pressure and atorvastatin for cholesterol"): each rule reads one drug of a sentence.
    Not a drug after a change, a refusal or someone else's between them ("stopped", "instead of", "not", "his")."""
    drugs = [u for u in updates if u.attribute == "medication"]
    taken = {u.value.lower() for u in drugs if u.subject == USER and u.change == "add"}
    named = {u.value.lower() for u in drugs}
    found: list[Update] = []
    for sentence in _SENTENCE_ENDS.split(text):
        for first, then in pairwise(_DRUG.finditer(sentence)):
            between = sentence[first.end():then.start()]
            drug = then.group(0).lower()
            if first.group(0).lower() in taken and drug not in named and _JOINED.match(between) and \
                    not _CHANGED.search(between):
                found.append(Update(USER, "medication", drug))
                taken.add(drug)
                named.add(drug)
    return updates + found

