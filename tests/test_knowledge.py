"""Long-term knowledge: facts from every page, provenance, merging, superseding, capacity, a readable and
stable profile, relevant facts only, and privacy between users sharing a store."""

from __future__ import annotations

import pytest

from memoryos_mcp.language.facts.slots import slot_of
from memoryos_mcp.language.profile import write_profile
from memoryos_mcp.memory.long_term import NewFact
from tests.support import all_pages, open_memory

pytestmark = pytest.mark.usefixtures("backend")

#: A realistic chat: the facts a friend would remember are spread over many pages and topics.
CHAT = [
    ("Morning! I missed the tram again, ugh.", "Oh no, that is annoying."),
    ("I work at Acme Robotics as a data engineer.", "That sounds like an interesting job."),
    ("My boss is called Maria and she is great.", "A good boss makes a big difference."),
    ("I'm allergic to peanuts, so I always check labels.", "That is wise, peanut allergies can be serious."),
    ("I live in Berlin with my cat Miso.", "Berlin is a great city and Miso is a lovely name."),
    ("I missed the tram again this morning.", "Maybe leave a few minutes earlier?"),
    ("My sister Anna is visiting next month.", "How nice, what will you do together?"),
    ("I am vegetarian, so we will cook a lot of vegetables.", "Sounds delicious."),
    ("I missed the tram again. Third time this week.", "That is frustrating."),
    ("I love hiking in the mountains on weekends.", "Hiking is a great way to unwind."),
    ("I moved to Porto last week!", "Congratulations on the move to Porto!"),
    ("The weather is nice today.", "Enjoy the sunshine."),
    ("Any podcast recommendations?", "Try a history podcast."),
    ("Thanks, talk soon!", "Bye!"),
]


def chat_memory(tmp_path, local_embedder, **settings):
    memory = open_memory(tmp_path, embedder=local_embedder, short_term_capacity=2, **settings)
    for day, (user, assistant) in enumerate(CHAT, start=1):
        memory.add_memory(user, assistant, timestamp=f"2024-05-{day:02d} 09:00:00")
    memory.flush()
    return memory


def user_facts(memory) -> list[str]:
    return [fact.knowledge for fact in memory.knowledge("user")]


def test_every_page_that_left_short_term_memory_gives_its_facts(tmp_path, local_embedder):
    memory = chat_memory(tmp_path, local_embedder)
    facts = " | ".join(user_facts(memory))
    for expected in ("Acme Robotics", "Maria", "allergic to peanuts", "vegetarian", "sister Anna", "hiking"):
        assert expected in facts, (expected, facts)
    stored = {fact.knowledge: fact for fact in memory.knowledge("user")}
    acme = next(fact for text, fact in stored.items() if "Acme" in text)
    page = next(page.id for page in all_pages(memory) if "acme" in page.user_input.lower())
    assert acme.sources == [page] and acme.first_seen == acme.last_seen == "2024-05-02 09:00:00"
    assert memory.status()["facts_extracted"] >= len(stored)


def test_near_duplicates_merge_into_one_fact_with_every_source(tmp_path, local_embedder):
    memory = chat_memory(tmp_path, local_embedder)
    tram = [fact for fact in memory.knowledge("user") if "tram" in fact.knowledge]
    assert len(tram) == 1, [fact.knowledge for fact in tram]
    assert tram[0].mentions == 3 and len(tram[0].sources) == 3
    assert (tram[0].first_seen, tram[0].last_seen) == ("2024-05-01 09:00:00", "2024-05-09 09:00:00")
    assert memory.status()["facts_merged"] >= 2


def test_a_fact_close_in_meaning_that_says_a_new_number_or_name_is_kept(tmp_path, local_embedder):
    """Merged, "Parkrun three: 31:48" would be lost under the text of "Parkrun two: 33:05"."""
    memory = open_memory(tmp_path, embedder=local_embedder, short_term_capacity=1)
    memory.add_memory("Parkrun two: 33:05! Bernie beat me again, by twenty seconds this time.", "Next time!",
                      timestamp="2024-05-01 09:00:00")
    memory.add_memory("Parkrun three: 31:48! A new PB, and I beat Bernie by nine seconds.", "Brilliant!",
                      timestamp="2024-05-08 09:00:00")
    memory.add_memory("Thanks!", "Any time.", timestamp="2024-05-09 09:00:00")
    memory.flush()
    facts = " | ".join(user_facts(memory))
    assert "33:05" in facts and "31:48" in facts, facts
    assert "31:48" in " ".join(f.knowledge for f in memory.retrieve("What was my time at parkrun three?")
                               .retrieved_user_knowledge)


def test_a_newer_contradicting_fact_supersedes_the_old_one(tmp_path, local_embedder):
    memory = chat_memory(tmp_path, local_embedder)
    current = " | ".join(user_facts(memory))
    assert "Porto" in current and "lives in Berlin" not in current
    history = {fact.knowledge: fact for fact in memory.knowledge("user", include_history=True)}
    berlin = next(fact for text, fact in history.items() if "Berlin" in text)
    assert berlin.status == "superseded"
    found = memory.retrieve("Where do I live?").retrieved_user_knowledge
    assert found and "Porto" in found[0].knowledge and all("Berlin" not in k.knowledge for k in found)


def test_an_older_fact_arriving_late_does_not_replace_the_newer(tmp_path, local_embedder):
    memory = open_memory(tmp_path, embedder=local_embedder)
    texts = ["User lives in Porto", "User lives in Berlin"]
    with memory.store.transaction():
        memory.long.learn("user", [NewFact(texts[0], (1,), "2024-06-01 00:00:00"),
                                         NewFact(texts[1], (2,), "2023-01-01 00:00:00")],
                          local_embedder.embed_batch(texts))
    assert user_facts(memory) == ["User lives in Porto"]


def test_slots_name_single_valued_subjects():
    assert slot_of("User lives in Berlin") == ("home", "berlin")
    assert slot_of("User moved to Porto on 2024-05-04") == ("home", "porto on 2024-05-04")
    assert slot_of("User's favorite color is green") == ("favourite:favorite color", "green")
    assert slot_of("User likes green tea") is None


def test_capacity_evicts_the_least_useful_and_counts_it(tmp_path, local_embedder):
    memory = open_memory(tmp_path, embedder=local_embedder, long_term_knowledge_capacity=3)
    texts = ["User plays the cello", "User has a dog named Rex", "User speaks Japanese", "User collects stamps"]
    facts = [NewFact(text, (n,), f"2024-01-0{n} 00:00:00") for n, text in enumerate(texts, start=1)]
    facts.insert(1, NewFact("User plays the cello", (9,), "2024-01-09 00:00:00"))  # mentioned twice
    vectors = local_embedder.embed_batch([fact.text for fact in facts])
    with memory.store.transaction():
        memory.long.learn("user", facts, vectors)
    kept = user_facts(memory)
    assert len(kept) == 3 and "User plays the cello" in kept and "User has a dog named Rex" not in kept
    assert memory.status()["facts_evicted"] == 1


def test_profile_reads_like_a_person_wrote_it_and_is_stable(tmp_path, local_embedder):
    memory = chat_memory(tmp_path, local_embedder)
    day = memory.model.latest_day()  # read on the day of the last page: the move is a recent change
    profile = memory.get_user_profile(reference_time=day).user_profile
    assert profile.startswith("Who they are: lives in Porto; works as data engineer at Acme Robotics."), profile
    for line in ("- Maria (boss)", "- Anna (sister)", "- Miso (cat)",
                 "Health and diet: vegetarian; allergic to peanuts.",
                 "- Lives in: Porto since Sat 11 May; before: Berlin"):
        assert line in profile, profile
    assert "tram" not in profile and "weather" not in profile
    lines = [line for line in profile.splitlines() if line.startswith("- ")]
    assert len(lines) == len(set(lines)), profile
    memory.close()
    reopened = open_memory(tmp_path, embedder=local_embedder, short_term_capacity=2)
    assert reopened.get_user_profile(reference_time=day).user_profile == profile


def test_profile_writer_is_a_pure_function_of_the_facts():
    facts = [("User works at Acme", 2, "2024-01-02"), ("User is allergic to peanuts", 1, "2024-01-01"),
             ("User went to a concert (mentioned on 2024-02-01)", 1, "2024-02-01")]
    profile = write_profile(facts)
    assert profile == write_profile(list(facts))
    assert "Work and studies:\n- Works at Acme." in profile
    assert "- Went to a concert (2024-02-01)." in profile
    assert write_profile([]) == ""
    vague = write_profile([*facts, ("User has thought a lot about how much they need them", 5, "2024-03-01")])
    assert vague == profile, "a fact pointing outside itself stays out of the profile"


def test_profile_lists_a_messages_statements_one_by_one_without_what_was_merely_said():
    message = ("User is allergic to peanuts; User works at Acme; User said life is too short for bad coffee",
               1, "2024-01-01")
    profile = write_profile([message])
    assert "Health and diet:\n- Is allergic to peanuts." in profile
    assert "Work and studies:\n- Works at Acme." in profile
    assert "coffee" not in profile and ";" not in profile


def test_facts_for_an_unrelated_query_are_left_out(tmp_path, local_embedder):
    memory = chat_memory(tmp_path, local_embedder)
    boss = memory.retrieve("Who is my boss?").retrieved_user_knowledge
    assert boss and all("tram" not in k.knowledge for k in boss)
    assert any("Maria" in k.knowledge or "Acme" in k.knowledge for k in boss[:2]), boss
    assert all(k.score is not None for k in boss)
    assert all(k.id is not None for k in boss if k.knowledge != "Maria is the user's boss")  # a model value: no id
    assert [k.score for k in boss] == sorted((k.score for k in boss), reverse=True)
    assert memory.retrieve("quantum chromodynamics lecture notes").retrieved_user_knowledge == []
    food = memory.retrieve("Is there any food I must avoid?").retrieved_user_knowledge
    assert any("peanut" in k.knowledge for k in food[:3]), food


def test_deleting_pages_deletes_the_facts_derived_only_from_them(tmp_path, local_embedder):
    memory = chat_memory(tmp_path, local_embedder)
    facts = memory.knowledge("user")
    tram = next(fact for fact in facts if "tram" in fact.knowledge)
    peanut = next(fact for fact in facts if "peanut" in fact.knowledge)
    with memory.store.transaction():
        deleted, _, _ = memory.long.forget_pages([*peanut.sources, tram.sources[0]], local_embedder.embed_batch)
        memory.model.forget_pages([*peanut.sources, tram.sources[0]])
        memory.long.rebuild_profile()
    assert deleted == [peanut.id]
    left = {fact.id: fact for fact in memory.knowledge("user")}
    assert peanut.id not in left and len(left[tram.id].sources) == 2
    assert "peanut" not in memory.get_user_profile().user_profile


def test_a_corrected_fact_is_not_overwritten_by_extraction(tmp_path, local_embedder):
    memory = chat_memory(tmp_path, local_embedder)
    home = next(fact for fact in memory.knowledge("user") if "Porto" in fact.knowledge)
    text = "User lives in Vila Nova de Gaia, next to Porto"
    with memory.store.transaction():
        assert memory.long.correct(home.id, text, local_embedder.embed_batch([text])[0])
    memory.add_memory("I live in Lisbon now, I think.", "Oh, really?", timestamp="2024-05-20 09:00:00")
    for n in range(2):
        memory.add_memory(f"filler {n}", "ok", timestamp=f"2024-05-2{n + 1} 09:00:00")
    memory.flush()
    corrected = next(fact for fact in memory.knowledge("user") if fact.id == home.id)
    assert corrected.knowledge == text and corrected.corrected and corrected.status == "current"


def test_assistant_facts_of_one_user_never_reach_another(tmp_path, local_embedder):
    alice = open_memory(tmp_path, embedder=local_embedder, user_id="alice", short_term_capacity=1)
    bob = open_memory(tmp_path, embedder=local_embedder, user_id="bob", short_term_capacity=1)
    alice.add_memory("My chemo appointment is on Friday.", "I'll remind you about your chemo appointment on Friday.")
    alice.add_memory("I'm allergic to penicillin.", "I will keep that in mind.")
    alice.add_memory("Thanks.", "You're welcome.")
    alice.flush()
    assert any("chemo" in fact.knowledge for fact in alice.knowledge("assistant"))
    bob.add_memory("Remind me of my appointments", "Sure.")
    bob.flush()
    everything = bob.retrieve("chemo appointment Friday reminder").model_dump_json(exclude={"query"})
    everything += bob.get_user_profile(include_assistant_knowledge=True).model_dump_json()
    assert "chemo" not in everything and "penicillin" not in everything
    assert bob.knowledge("assistant") == [] and bob.status()["assistant_knowledge"] == 0


def test_the_assistant_persona_is_the_only_shared_knowledge(tmp_path, local_embedder):
    alice = open_memory(tmp_path, embedder=local_embedder, user_id="alice")
    bob = open_memory(tmp_path, embedder=local_embedder, user_id="bob")
    alice.set_assistant_persona(["Assistant is a friendly cooking coach named Chef Remy"])
    found = bob.retrieve("Who is the cooking coach?").retrieved_assistant_knowledge
    assert [k.knowledge for k in found] == ["Assistant is a friendly cooking coach named Chef Remy"]
    with pytest.raises(Exception, match="facts must be a list"):
        bob.set_assistant_persona("not a list")  # type: ignore[arg-type]


def test_profile_keeps_a_pronoun_that_points_back_and_ignores_section_words_inside_names():
    facts = [("User is allergic to peanuts, even a trace of them", 1, "2024-01-01"),
             ("User just started a new job as a data analyst at Harbor Health Insurance", 1, "2024-01-02"),
             ("User is taking him to the new tasting menu place", 1, "2024-01-03")]
    profile = write_profile(facts)
    assert "Health and diet:\n- Is allergic to peanuts, even a trace of them." in profile
    assert "Work and studies:\n- Just started a new job as a data analyst at Harbor Health Insurance." in profile
    assert "taking him" not in profile, "a pronoun before anything is named points outside the fact"


def test_a_word_in_every_fact_is_no_lexical_match(tmp_path, local_embedder):
    memory = chat_memory(tmp_path, local_embedder)
    vector = local_embedder.embed_batch(["user"])[0]
    found = memory.long.search("user", "user", vector, 10)
    assert len(found) < len(memory.knowledge("user"))
    for item in found:  # ranked by meaning alone: no fact gains a lexical share for "user"
        cosine = float(local_embedder.embed_batch([item.knowledge])[0] @ vector)
        assert item.score == pytest.approx(cosine, abs=2e-3), item
