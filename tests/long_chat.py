"""A long, LoCoMo-like conversation written for the tests: sessions on a dozen recurring subjects.

Two friends talk over months: each session is one evening of 6-9 exchanges, mostly on one subject,
and subjects come back across sessions, as in LoCoMo. Deterministic (a seeded generator), so the
segment bounds it is used for are a property of the engine, not of luck.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

#: Subject -> (things the user says, things the friend answers); "{x}" takes one of the subject's details.
SUBJECTS: dict[str, tuple[list[str], list[str], list[str]]] = {
    "pottery": (
        ["I spent the evening at the pottery studio throwing {x} on the wheel.",
         "My glaze on the {x} came out of the kiln cracked again.",
         "The pottery teacher showed us how to trim {x} with a loop tool."],
        ["Clay takes patience, your {x} will get better.", "Did you fire the {x} in the big kiln?"],
        ["bowls", "mugs", "a vase", "plates", "a teapot"],
    ),
    "marathon": (
        ["I ran {x} this morning as part of my marathon training plan.",
         "My knee hurt after {x}, so I iced it and skipped the tempo run.",
         "The running club is doing {x} before the city marathon."],
        ["Keep your pace easy on {x}.", "Marathon training is brutal, rest after {x}."],
        ["twenty kilometres", "hill repeats", "interval sprints", "a long slow run", "a recovery jog"],
    ),
    "garden": (
        ["The {x} in my vegetable garden finally sprouted.",
         "Slugs ate half of my {x} in the garden bed overnight.",
         "I built a raised bed for the {x} and added compost."],
        ["Try copper tape around the {x}.", "Your garden must smell great with the {x}."],
        ["tomatoes", "courgettes", "basil", "lettuce", "strawberries"],
    ),
    "sister_wedding": (
        ["My sister Julia picked {x} for her wedding.",
         "Julia's wedding planner changed the {x} again.",
         "I am giving a speech at my sister's wedding and I worry about the {x}."],
        ["The wedding {x} sounds lovely.", "Julia is lucky to have you help with the {x}."],
        ["a lakeside venue", "the flower arrangements", "the seating plan", "a jazz band", "the cake"],
    ),
    "job": (
        ["At the bank my manager asked me to lead {x}.",
         "Work was stressful, the {x} deadline moved up.",
         "I presented {x} to the whole department at the bank."],
        ["Leading {x} is a big step in your career.", "Your manager trusts you with {x}."],
        ["the payments migration", "the fraud dashboard", "the quarterly audit", "a new hiring round"],
    ),
    "cat": (
        ["My cat Miso knocked {x} off the shelf.",
         "I took Miso to the vet because of {x}.",
         "Miso sleeps on {x} every afternoon."],
        ["Miso sounds like a character, poor {x}.", "Cats love {x}, Miso is no exception."],
        ["a plant pot", "the laptop", "a sore paw", "the radiator", "my sweater"],
    ),
    "japan_trip": (
        ["For the Japan trip I booked {x}.", "I am reading about {x} before we fly to Tokyo.",
         "In Kyoto we want to see {x}."],
        ["Japan in spring is beautiful, {x} is a good plan.", "Tokyo and Kyoto with {x}, what a trip."],
        ["a ryokan in Kyoto", "the bullet train", "the cherry blossoms", "the Fushimi Inari shrine"],
    ),
    "guitar": (
        ["I practised {x} on my guitar for an hour.", "My guitar teacher says my {x} is improving.",
         "I bought new strings and worked on {x}."],
        ["Guitar practice pays off, {x} is hard.", "Play me {x} next time."],
        ["barre chords", "a fingerpicking pattern", "the blues scale", "a Beatles song"],
    ),
    "cooking": (
        ["I cooked {x} for dinner from my grandmother's recipe.", "My {x} burned because I forgot the oven.",
         "I am learning to make {x} from scratch."],
        ["Homemade {x} is the best.", "Your grandmother's {x} recipe sounds amazing."],
        ["lasagne", "sourdough bread", "a curry", "dumplings", "paella"],
    ),
    "apartment": (
        ["We are repainting {x} in the apartment.", "The landlord finally fixed {x}.",
         "I found a second-hand sofa for {x}."],
        ["Fresh paint in {x} changes everything.", "Good landlords are rare, glad about {x}."],
        ["the living room", "the leaking bathroom tap", "the kitchen", "the bedroom"],
    ),
    "book_club": (
        ["Our book club is reading {x} this month.", "I could not put down {x} last night.",
         "At book club we argued about the ending of {x}."],
        ["I loved {x} when I read it.", "Book clubs make you read {x} more closely."],
        ["a Murakami novel", "Middlemarch", "a thriller by Tana French", "a memoir about climbing"],
    ),
    "volunteering": (
        ["On Saturday I volunteered at {x}.", "The food bank needs more help with {x}.",
         "I organised {x} for the animal shelter."],
        ["Volunteering at {x} is generous of you.", "They are lucky to have you for {x}."],
        ["the food bank", "sorting donations", "a charity run", "the soup kitchen"],
    ),
}


def long_conversation(sessions: int = 26, seed: int = 7) -> list[dict[str, Any]]:
    """About 200 exchanges as `add_memories` items, in time order; `meta_data.subject` names the subject."""
    rng = random.Random(seed)
    names = list(SUBJECTS)
    start = datetime(2024, 1, 6, 19, 0)
    pages: list[dict[str, Any]] = []
    for session in range(sessions):
        subject = names[(session * 5) % len(names)] if session % 3 else rng.choice(names)
        said, answers, details = SUBJECTS[subject]
        moment = start + timedelta(days=6 * session)
        for turn in range(rng.randint(6, 9)):
            detail = rng.choice(details)
            pages.append({
                "user_input": rng.choice(said).format(x=detail),
                "agent_response": rng.choice(answers).format(x=detail),
                "timestamp": (moment + timedelta(minutes=3 * turn)).strftime("%Y-%m-%d %H:%M:%S"),
                "meta_data": {"subject": subject},
            })
    return pages
