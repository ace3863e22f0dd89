"""Deterministic synthetic conversation pages: varied names, places, numbers and dates.

Page `i` of seed `s` is always the same text (each page has its own `random.Random`), so a
query can be built from any stored page without keeping the pages in memory.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

FIRST = """Aarav Abebe Adele Ahmed Aiko Alejandro Amara Anika Astrid Beatriz Bjorn Camille Chen Chiara Dmitri
Elif Emeka Esther Farah Felix Freya Gabriel Hana Hugo Imani Ines Isaac Jamal Javier Jin Kai Kamala Kofi Lars
Layla Leila Liam Lucia Mateo Mei Mila Nadia Naveen Niamh Noor Olga Omar Oscar Priya Rafael Ravi Rosa Saanvi Sakura
Samir Sofia Soren Tariq Thandiwe Tomas Valentina Wei Yara Yusuf Zainab Zoe""".split()
LAST = """Okafor Novak Tanaka Silva Kowalski Haddad Lindqvist Moreau Rossi Nakamura Mensah Petrov Garcia O'Brien
Fischer Dubois Kim Patel Nguyen Jensen Alvarez Costa Ivanova Schmidt Bianchi Adeyemi Sato Larsen Horvat""".split()
CITIES = """Lisbon Nairobi Osaka Toronto Valparaiso Krakow Marrakesh Reykjavik Hanoi Tbilisi Porto Seville Bergen
Melbourne Montreal Cusco Istanbul Edinburgh Ljubljana Kyoto Oaxaca Tallinn Zanzibar Dubrovnik Bruges Chiang-Mai
Cape-Town Vancouver Salzburg Cartagena Wellington Tromso Granada Mombasa Hobart Quebec""".split()
ACTIVITIES = """hiking kayaking pottery baking climbing sketching birdwatching cycling fencing gardening knitting
surfing chess photography salsa woodworking running swimming calligraphy archery sailing skiing yoga
stargazing beekeeping origami bouldering snorkeling""".split()
FOODS = """ramen paella dumplings tagine ceviche risotto pho kimchi empanadas falafel goulash pierogi laksa
shakshuka tamales gnocchi bibimbap moussaka jollof biryani""".split()
PETS = "dog cat parrot rabbit tortoise hamster ferret goldfish gecko horse".split()
PET_NAMES = "Biscuit Pepper Luna Mochi Rocket Ziggy Clover Nacho Pixel Waffle Juniper Tofu".split()
JOBS = """nurse architect teacher carpenter data-analyst pilot chef librarian electrician journalist
paramedic translator geologist accountant violinist""".split()
COMPANIES = """Brightwave Northwind Kestrel Lumen Halcyon Vantage Corvid Meridian Tessellate Bluefin Quarry
Ironbark""".split()
THINGS = """bicycle guitar telescope camera laptop tent kayak sewing-machine espresso-maker drone piano
backpack microscope easel headphones""".split()
BOOKS = """Dune Beloved Middlemarch Rebecca Siddhartha Solaris Persuasion Kindred Ulysses Neuromancer Frankenstein
Emma Watership-Down The-Hobbit Things-Fall-Apart""".split()
ADJECTIVES = """quiet noisy exhausting wonderful chaotic peaceful surprising rainy sunny freezing humid
memorable frustrating relaxing ambitious tiny enormous colourful""".split()
FEELINGS = "proud nervous thrilled anxious grateful relieved curious tired excited homesick".split()
NOUNS = """window garden kitchen harbour market bridge museum library station festival concert ferry bakery
balcony workshop studio meadow lighthouse cathedral stadium orchard vineyard canal tram cafe gallery
rooftop bookshop greenhouse playground courtyard tunnel glacier waterfall island forest desert valley
volcano reef lagoon temple castle village suburb neighbourhood apartment cottage cabin farmhouse
hostel airport pharmacy clinic office warehouse laboratory classroom theatre cinema arena""".split()
DETAILS = [
    "The {noun} by the {noun2} was {adjective}.",
    "Afterwards we stopped at a {noun} that sold {food}.",
    "It rained near the {noun} so we waited {small} minutes.",
    "{friend} took a photo of the {noun2} at sunset.",
    "We met a {job} who grew up near the {noun}.",
    "",
    "",
]
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()

USER_TEMPLATES = [
    "On {weekday} I went {activity} near {city} with {friend}; we covered {number} km and it was {adjective}.",
    "My {pet} {pet_name} turned {small} today, and {friend} brought a cake shaped like a {thing}.",
    "I started a new job as a {job} at {company} on {date}, and honestly I feel {feeling}.",
    "I cooked {food} for {number} people last night; {friend} asked for the recipe twice.",
    "I just finished reading {book} and I can't stop thinking about the ending.",
    "We booked flights to {city} for {date}; the tickets cost {price} dollars each.",
    "{friend} lent me a {thing} so I can try {activity} this weekend.",
    "I've been saving for a {thing} and I'm at {price} dollars now, about {small} months to go.",
    "My sister moved to {city} in {month} and works as a {job} there.",
    "I ran {number} km on {weekday} morning, my best time since {month}.",
    "Do you remember the {food} place in {city}? {friend} said it closed in {month}.",
    "I'm {feeling} about the {activity} competition on {date}; {number} people signed up.",
]
AGENT_TEMPLATES = [
    "That sounds {adjective}! How did {friend} find it?",
    "Congratulations! {number} is a lot; are you planning to do it again before {month}?",
    "I'll remember that you like {activity}. Would you like tips for {city}?",
    "Noted: {date} for {city}. I can remind you a week before.",
    "{book} is a great pick. Did the ending feel earned to you?",
    "Feeling {feeling} is natural. What part of the {job} role worries you most?",
    "A {thing} is a good investment for {activity}. Do you want me to compare a few models?",
    "{food} for {number} people is ambitious! What was the secret ingredient?",
]
QUERY_TEMPLATES = [
    "When did I go {activity} with {friend}?",
    "What happened in {city}?",
    "How old is my {pet} {pet_name}?",
    "Where does my sister work as a {job}?",
    "What did {friend} lend me?",
    "How much did the tickets to {city} cost?",
    "What did I think of {book}?",
    "Who asked for the {food} recipe?",
    "When did I start at {company}?",
    "How far did I run on {weekday}?",
]
_START = datetime(2019, 1, 1, 8, 0, 0)


@dataclass
class SynthPage:
    user_input: str
    agent_response: str
    timestamp: str

    def as_memory(self) -> dict[str, str]:
        return {"user_input": self.user_input, "agent_response": self.agent_response, "timestamp": self.timestamp}


def _slots(rng: random.Random, when: datetime) -> dict[str, str]:
    event = when + timedelta(days=rng.randint(-60, 120))
    return {
        "friend": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "city": rng.choice(CITIES).replace("-", " "),
        "activity": rng.choice(ACTIVITIES),
        "food": rng.choice(FOODS),
        "pet": rng.choice(PETS),
        "pet_name": rng.choice(PET_NAMES),
        "job": rng.choice(JOBS).replace("-", " "),
        "company": rng.choice(COMPANIES),
        "thing": rng.choice(THINGS).replace("-", " "),
        "book": rng.choice(BOOKS).replace("-", " "),
        "adjective": rng.choice(ADJECTIVES),
        "feeling": rng.choice(FEELINGS),
        "weekday": rng.choice(WEEKDAYS),
        "number": str(rng.randint(2, 60)),
        "small": str(rng.randint(2, 14)),
        "price": str(rng.randint(40, 2400)),
        "date": f"{event.day} {event:%B} {event.year}",
        "month": f"{event:%B}",
        "noun": rng.choice(NOUNS),
        "noun2": rng.choice(NOUNS),
    }


def page(seed: int, index: int) -> SynthPage:
    """The `index`-th page of the synthetic history of `seed`, about 17 minutes after the previous."""
    rng = random.Random(seed * 1_000_003 + index)
    when = _START + timedelta(minutes=17 * index)
    slots = _slots(rng, when)
    return SynthPage(
        user_input=f"{rng.choice(USER_TEMPLATES)} {rng.choice(DETAILS)}".strip().format(**slots),
        agent_response=rng.choice(AGENT_TEMPLATES).format(**slots),
        timestamp=when.strftime("%Y-%m-%d %H:%M:%S"),
    )


def pages(seed: int, start: int, count: int) -> list[SynthPage]:
    return [page(seed, i) for i in range(start, start + count)]


def queries(seed: int, count: int) -> list[str]:
    """Questions in the pages' vocabulary (names, places, numbers), deterministic per seed."""
    rng = random.Random(seed ^ 0x5EED)
    return [rng.choice(QUERY_TEMPLATES).format(**_slots(rng, _START)) for _ in range(count)]
