"""The drugs the user takes: the names and endings that tell a drug, and what the rules' readings of a message are
checked against (wellbeing.py holds the rules): a drug stopped ends, the drugs said with one taken are taken too
("metformin and gliclazide"), a drug the user is allergic to or that is someone else's is not taken, and one
stopped as "it" ends.
"""

from __future__ import annotations

import re
from itertools import pairwise

from .cues import ROLES
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
              "adderall|ritalin|concerta|co-codamol|thyroxine|thyronorm|eltroxin")
#: A drug known by its family's ending ("lisinopril", "the ramipril") or by its name.
DRUG_WORD = rf"(?:[a-z]{{2,}}(?:{DRUG_ENDINGS})|{DRUG_NAMES})"
#: Words before a drug the user no longer takes ("off the metformin", "from amlodipine to", "instead of the statin")
#: or does not ("it's not ibuprofen").
NOT_LEFT = "".join(rf"(?<!\b{words} )" for words in ("off", "off the", "off my", "from", "from the", "from my", "of",
                                                       "of the", "of my", "not", "no", "swapped", "swapped the",
                                                       "swapped my", "stopped", "stopped the", "stopped my"))
#: Whom a dose is worked out for by weight: a patient, not the user.
PATIENTS = "cat|dog|child|kid|baby|patient|puppy|kitten"
#: Words between two drugs that join them as taken alike ("metformin and gliclazide", "amlodipine for my blood
#: pressure and atorvastatin for cholesterol"), not a change or a refusal between them ("stopped", "instead of",
#: "swapped ... for", "not").
_JOINED = re.compile(r"^(?:\s+(?:(?:for|in|at|with|every|each|once|twice|daily|a|an|the|my|morning|night|evening|"
                     r"day)\b|\d)[^.!?;:]*?)?\s*(?:,?\s*(?:\band\b|\bplus\b|&|\bas well as\b)|,)\s*(?:also\s+)?"
                     r"(?:the\s+|my\s+|some\s+)?$", re.IGNORECASE)
_CHANGED = re.compile(rf"\b(?:stop\w*|off|quit|instead|switch\w*|swap\w*|chang\w*|replac\w*|from|not|no|never|"
                      rf"allerg\w*|react\w*|rash|his|her|their|he|she|they|{ROLES})\b|n't\b", re.IGNORECASE)


def not_taken(updates: list[Update]) -> list[Update]:
    """The updates without a drug the user is allergic to as one they take ("Penicillin. Blew up like a balloon")."""
    allergic = {u.value.lower() for u in updates if u.subject == USER and u.attribute == "allergy"}
    return [u for u in updates if not (u.subject == USER and u.attribute == "medication" and u.change == "add"
                                       and u.value.lower() in allergic)]


def not_theirs(text: str, updates: list[Update]) -> list[Update]:
    """The updates without a drug the message only ever says is someone else's ("Papa had not taken his evening
    metformin", "His medicines are metformin 500 mg", "Mum's amlodipine", "my mum takes metformin")."""
    return [u for u in updates if not (u.subject == USER and u.attribute == "medication" and u.change == "add"
                                       and _only_theirs(text, u.value))]


def _only_theirs(text: str, drug: str) -> bool:
    said = list(re.finditer(rf"\b{re.escape(drug)}\b", text, re.IGNORECASE))
    return bool(said) and all(_THEIRS.search(text[max(0, m.start() - 40) : m.start()]) or
                              _TAKEN_BY.search(text[max(0, m.start() - 40) : m.start()]) for m in said)


#: Someone else's, up to two words before a drug ("his evening ", "Papa's ", "her medicines are "; not "she's
#: upping my ").
_PRONOUN_IS = r"(?:he|she|it|that|what|there|who|here|let)['’]s"
_THEIRS = re.compile(rf"\b(?:his|her|their|(?!{_PRONOUN_IS})\w+['’]s)\s+(?:[\w-]+\s+){{0,2}}$", re.IGNORECASE)
#: A relative said to take the drug ("my mum takes metformin", "my husband is on amlodipine").
_TAKEN_BY = re.compile(rf"\b(?:my|our)\s+(?:{ROLES})\s+(?:takes|is\s+on|has\s+been\s+on|uses)\s+(?:the\s+)?$",
                       re.IGNORECASE)
#: A drug stopped said by a pronoun ("she has stopped it", "she's taking me OFF it").
_STOPPED_IT = re.compile(r"\b(?:stopped|stopping|stop|(?:taking|taken|took|takes|came|coming|come)\s+(?:me\s+)?off)\s+"
                         r"it\b", re.IGNORECASE)
DRUG = re.compile(rf"\b{DRUG_WORD}\b", re.IGNORECASE)
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
    before = {d.lower() for d in DRUG.findall(" ".join(said[-2:]))}  # its sentence and the one before
    after = {d.lower() for d in DRUG.findall(text[stop.end():])} - before
    if not before or not after:
        return updates
    drugs = [u for u in updates if u.subject == USER and u.attribute == "medication"]
    kept = [u for u in updates if u not in drugs or u.value.lower() in after and u.change != "end"]
    taken = {u.value.lower() for u in kept if u in drugs}
    return kept + [Update(USER, "medication", drug, "end") for drug in sorted(before)] + \
        [Update(USER, "medication", drug) for drug in sorted(after - taken)]


#: A drug stopped, said as done by the user or their doctor ("The GP stopped the gliclazide", and in chat English
#: "she stop the gliclazide"); not "they stop ... before a scan", a habit.
_STOPPED = re.compile(rf"\b(?:stopped|discontinued|(?:she|he|doctor|gp|dr|nurse)\s+stop)\s+(?:taking\s+)?"
                      rf"(?:the\s+|my\s+)?(?P<old>{DRUG_WORD})\b", re.IGNORECASE)
#: Words before a stop in its sentence that make it not done, or not the user's: a negation, a modal, a wish, a
#: condition, a time still to come, or someone else's doctor ("hasn't stopped", "should have stopped", "I hope she
#: stops", "once the GP stops", "Dad's GP stopped").
_NOT_DONE = re.compile(r"\b(?:not|never|did|does|do|should|might|may|could|would|will|can|must|hope|"
                       r"hoping|hopes|once|until|want|wants|wanted|if|unless|whether)\b|n't\b|['’]ll\b|"
                       r"\b\w+['’]s\s+(?:gp|doctor|dr|nurse)\b", re.IGNORECASE)
#: What the user has been said to take again after a stop ("... but I'm back on gliclazide now").
_BACK_ON = r"\b(?:back\s+on|restarted|started\s+(?:me\s+)?(?:on\s+)?)\s*(?:the\s+|my\s+)?(?:{drug}|it)\b"
#: Words of a sentence that make its drugs none the user takes now: taken before, tried, suggested, to come.
_NOT_NOW = re.compile(r"\b(?:was|were|used\s+to|took|tried|suggested|suggests|wants|want|going\s+to|will|might|"
                      r"may|could|would|should|if)\b|['’]ll\b", re.IGNORECASE)
#: After the next drug, a verb that makes it the subject of what follows ("amoxicillin gives me a rash").
_SUBJECT_OF = re.compile(r"^\s*[-–—:]?\s*(?:is|was|gives|gave|makes|made|causes|caused|does|did|upsets|upset|blew|"
                         r"brought|brings)\b", re.IGNORECASE)
#: Someone else named before a drug ("My husband is on amlodipine and atorvastatin", "Mum's ..."): theirs.
SOMEONE = re.compile(rf"\b(?:my|our|his|her|their)\s+(?:{ROLES})\b|\b(?!{_PRONOUN_IS})\w+['’]s\s", re.IGNORECASE)


def stopped(sentences: list[str], updates: list[Update]) -> list[Update]:
    """The updates with the drugs stopped ended, and not taken: "The GP stopped the gliclazide", and the drugs said
    with one stopped ("stopped the metformin and the gliclazide"); not asked, wished or not done (`_NOT_DONE`), not
    a drug the message says the user is back on, nor someone else's ("stopped his metformin")."""
    ended: set[str] = set()
    for n, sentence in enumerate(sentences):
        for stop in _STOPPED.finditer(sentence):
            drug = stop.group("old").lower()
            later = " ".join([sentence[stop.end():], *sentences[n + 1:]])
            if _NOT_DONE.search(sentence[:stop.start()]) or \
                    re.search(_BACK_ON.format(drug=re.escape(drug)), later, re.IGNORECASE):
                continue
            ended |= {drug} | _joined(sentence, stop.start("old"), {drug})
    if not ended:
        return updates
    kept = [u for u in updates if not (u.attribute == "medication" and u.value.lower() in ended)]
    return kept + [Update(USER, "medication", drug, "end") for drug in sorted(ended)]


def also_taken(sentences: list[str], updates: list[Update]) -> list[Update]:
    """The updates with the drugs said in the same breath as one the user takes, taken too: a rule reads one drug a
    sentence ("I take metformin and gliclazide", "amlodipine for my blood pressure and atorvastatin for
    cholesterol"); not in a sentence of drugs taken before, tried or to come (`_NOT_NOW`)."""
    drugs = [u for u in updates if u.attribute == "medication"]
    taken = {u.value.lower() for u in drugs if u.subject == USER and u.change == "add"}
    named = {u.value.lower() for u in drugs}
    found = {drug for sentence in sentences if not _NOT_NOW.search(sentence)
             for drug in _joined(sentence, _first_own(sentence), taken)} - named
    return updates + [Update(USER, "medication", drug, "add") for drug in sorted(found)]


def _first_own(sentence: str) -> int:
    """Where the sentence's drugs start to be read as the user's: past its end when someone else is named before its
    first drug."""
    first = DRUG.search(sentence)
    return len(sentence) if first is None or SOMEONE.search(sentence[:first.start()]) else first.start()


def _joined(sentence: str, start: int, drugs: set[str]) -> set[str]:
    """The drugs of the sentence from `start` joined to one of `drugs` as alike (`_JOINED`): not after a change, a
    refusal or someone else's between them (`_CHANGED`), nor one that is the subject of what follows."""
    alike = set(drugs)
    for first, then in pairwise(DRUG.finditer(sentence, start)):
        between = sentence[first.end():then.start()]
        if first.group(0).lower() in alike and _JOINED.match(between) and not _CHANGED.search(between) and \
                not _SUBJECT_OF.match(sentence[then.end():]):
            alike.add(then.group(0).lower())
    return alike - drugs
