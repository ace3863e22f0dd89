"""The card carries what the statement facts know and the user model does not, by meaning: the newest line per
attribute, within the card's length; never a request, a dated event, someone outside the user's life, or what the
model says."""

from __future__ import annotations

from itertools import takewhile

import numpy as np
import pytest

from memoryos_mcp.memory.long_term import NewFact
from memoryos_mcp.usermodel.card import MAX_CHARS
from memoryos_mcp.usermodel.card_facts import ASPECTS, CACHE, DIARY, FactNotes
from tests.support import open_memory
from tests.test_user_model import card as card_of
from tests.test_user_model import chat_memory

CHAT = [
    ("I take the bus to work every day, the number 6.", "Handy."),
    ("Hi, I'm Kayla, I work as a colour technician at Halo in Finnieston.", "Nice to meet you, Kayla!"),
    ("I drink two flat whites every morning, oat milk.", "Nice!"),
    ("I'm commuting by train now.", "Makes sense."),
    ("Can you remind me to ring the dentist on Friday?", "Sure, I'll remind you on Friday."),
    ("Ross is a bus driver, he drives the number 6.", "Nice."),
    ("I went to the cinema with Ross on Saturday and cried.", "Sounds emotional."),
    ("I grew up in Galway, by the sea, and I still miss it.", "Galway is lovely."),
    ("My sister Orla lives in Cork, she teaches piano there.", "Lovely."),
]


@pytest.fixture(scope="module")
def card(tmp_path_factory, local_embedder) -> str:
    memory = chat_memory(tmp_path_factory.mktemp("card_facts"), local_embedder, pages=CHAT)
    text = card_of(memory)
    memory.close()
    return text


def more(card: str) -> list[str]:
    """The card's lines from the statement facts."""
    lines = card.splitlines()
    return list(takewhile(lambda line: line.startswith("- "), lines[lines.index("More about them:") + 1 :]))


def test_a_value_only_the_facts_hold_is_on_the_card(card):
    assert "Drinks two flat whites every morning" in card
    assert card.index("Who they are") < card.index("More about them") and len(card) <= MAX_CHARS


def test_the_newest_line_of_an_attribute_is_shown_and_not_the_older(card):
    assert any("commuting by train" in line for line in more(card))
    assert not any("bus to work every day" in line for line in more(card))


def test_where_they_are_from_and_what_a_sister_does_are_on_the_card(card):
    """Before, no attribute held where the user grew up, and a line of their people was dropped for its "she"
    (the sister's name and home were on the card, not her work); her work is now hers in the model."""
    assert "Grew up in Galway" in " ".join(more(card))
    assert "Orla (sister): teaches piano" in card


def test_no_request_event_someone_else_or_what_the_model_shows(card):
    lines = " ".join(more(card))
    for said in ("dentist", "cinema", "driver", "colour technician"):
        assert said not in lines, said


def test_a_card_reads_only_the_newest_statements_so_its_cost_does_not_grow_with_the_store():
    """A months-long store holds thousands of statements: before, every card (written after each learnt batch,
    inside the learner's write) embedded them all again once past the vector cache (45 s at 5,000)."""
    embedded: list[str] = []

    def embed(texts: list[str]) -> np.ndarray:
        embedded.extend(texts)
        rows = np.random.default_rng(len(embedded)).normal(size=(len(texts), 8)).astype(np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)

    facts = [(f"User drives car number {i} to the club in Porto every week", f"2026-05-{1 + i % 28:02d} 10:00")
             for i in range(CACHE + 1000)]
    notes = FactNotes(embed)
    notes.lines(facts, [])
    first = len(embedded)
    notes.lines(facts + [("User takes the tram to work in Lisbon", "2026-06-01 10:00")], [])
    examples = sum(len(said) for _, said in ASPECTS.values()) + len(DIARY)
    assert first <= 1000 + examples  # the 1,000 newest statements and the examples, once
    assert embedded[first:] == ["User takes the tram to work in Lisbon"]


def test_the_aspects_examples_are_embedded_once_for_every_memory_of_the_process():
    """Every memory opened (one per user) embedded the aspects' examples and diary lines again for its first card:
    146 lines, 1.1 s of CPU on a loaded machine."""
    embedded: list[str] = []

    def embed(texts: list[str]) -> np.ndarray:
        embedded.extend(texts)
        rows = np.random.default_rng(len(texts)).normal(size=(len(texts), 8)).astype(np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)

    FactNotes(embed).lines([("User drives a Fiat Panda", "2026-05-01 10:00")], [])
    embedded.clear()
    FactNotes(embed).lines([("User drives a Fiat Panda", "2026-05-01 10:00")], [])
    assert embedded == ["User drives a Fiat Panda"]


class LockWatch:
    """The real model, noting what it embeds while the engine lock is held (inside a write, where adds wait)."""

    def __init__(self, model) -> None:
        self.model = model
        self.name, self.dimension = model.name, model.dimension
        self.lock = None
        self.under_lock: list[str] = []

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        if self.lock is not None and self.lock._is_owned():
            self.under_lock += texts
        return self.model.embed_batch(texts)


def test_after_a_restart_the_first_card_embeds_its_statements_before_the_write_not_inside(tmp_path,
                                                                                        local_embedder):
    """The first card after a start embedded the 1,000 newest statements inside the learner's write (9 s under
    load, every add_memory waiting behind it): now stored vectors are reused and the rest embedded before it."""
    watch = LockWatch(local_embedder)
    chat_memory(tmp_path, watch, pages=CHAT).close()
    memory = chat_memory(tmp_path, watch, pages=[])
    watch.lock = memory._engine.uow.lock
    memory.add_memory("I have a bad knee from football years ago.", "Take care of it.", "2024-05-20 09:00:00")
    memory.flush()
    assert "Drinks two flat whites every morning" in card_of(memory)
    assert watch.under_lock == []
    memory.close()


def test_the_store_gives_the_newest_current_facts_with_their_vectors(tmp_path, local_embedder, backend):
    memory = open_memory(tmp_path, embedder=local_embedder)
    texts = ["User lives in Porto", "User drives a Baleno", "User plays padel every week"]
    vectors = local_embedder.embed_batch(texts)
    days = ["2024-06-03 09:00:00", "2024-06-01 09:00:00", "2024-06-02 09:00:00"]
    with memory.store.transaction():
        memory.long.learn("user", [NewFact(t, (n + 1,), d) for n, (t, d) in enumerate(zip(texts, days, strict=True))],
                          vectors)
    newest = memory.long.newest("user", 2)
    assert [(text, seen) for text, seen, _ in newest] == [(texts[0], days[0]), (texts[2], days[2])]
    assert np.array_equal(newest[1][2], vectors[2])
    memory.close()


def test_a_condition_said_in_few_words_is_on_the_card_and_a_favourite_of_any_kind_once(tmp_path, local_embedder):
    """"User has had psoriasis" was left out for having too few words to say something, whatever its meaning; a
    favourite the model holds of a kind no attribute names ("singer") came back from the facts a second time."""
    pages = [("I've had psoriasis since my twenties, it flares up in winter.", "That sounds tough."),
             ("My favourite singer is Dolly Parton, always has been.", "A legend."),
             ("The bus was packed this morning.", "Ugh.")]
    memory = chat_memory(tmp_path, local_embedder, pages=pages)
    text = card_of(memory)
    memory.close()
    assert "- Has had psoriasis" in more(text), text
    assert text.count("Dolly Parton") == 1 and "bus" not in text, text


def test_a_statement_a_newer_one_says_changed_is_no_line_though_said_with_others(local_embedder):
    """A message's statements are one fact, so the older one stays current beside the change; its line must not."""
    older = ("User drives a Vauxhall Corsa; User's sister Jan lives in Hull", "2026-05-01 10:00")
    newer = ("User sold the Corsa, the clutch went again; User said cycling to work is fine", "2026-06-01 10:00")
    notes = FactNotes(local_embedder.embed_batch)
    assert any("Vauxhall Corsa" in line for line in notes.lines([older], [])), notes.lines([older], [])
    assert not any("Vauxhall Corsa" in line for line in notes.lines([newer, older], []))
