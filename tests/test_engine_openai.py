"""The LLM path end to end: the engine against a local OpenAI-compatible server (chat + embeddings)."""

from __future__ import annotations

import json
import time

import pytest

from memoryos_mcp import Memoryos
from memoryos_mcp.config import MemoryConfig
from memoryos_mcp.errors import LLMUnavailableError
from tests.support import all_pages

HIKES = [
    ("I hiked the Matterhorn trail last weekend", "That is a tough trail!"),
    ("Next summer I want to hike in the Dolomites", "The Dolomites are stunning"),
    ("My hiking boots are worn out after the Alps", "Time for new boots"),
    ("I plan hiking trips with my brother Tomas", "Hiking with family is fun"),
    ("We camped near Zermatt after the hike", "Zermatt is lovely"),
    ("I always pack trail mix for hikes", "Good fuel for hiking"),
]


def scripted(messages: list[dict]) -> str:
    """Answers in the shapes the prompts ask for, with the wrappers real models add."""
    prompt = messages[-1]["content"]
    if '{"continues"' in prompt:
        return '<think>same topic?</think>{"continues": true}'
    if '{"themes"' in prompt:
        return '```json\n{"themes": [{"summary": "Hiking trips and trails", "keywords": ["hiking", "alps"]}]}\n```'
    if '{"summary"' in prompt:
        return '{"summary": "The user talks about hiking trips."}'
    if '{"profile"' in prompt:  # a refinement keeps what the rules' card knew
        card = prompt.split("CURRENT CARD:\n", 1)[1].split("\n\nKNOWN FACTS:", 1)[0]
        card = "" if card.startswith("(empty") else card
        return json.dumps({"profile": f"Outdoor person who loves hiking in the Alps; plans trips with family.\n{card}"})
    if "about the USER" in prompt:
        return '{"facts": ["User hikes in the Alps with his brother Tomas"]}'
    if '{"facts"' in prompt:
        return '{"facts": ["Assistant suggested buying new hiking boots"]}'
    return "You hiked the Matterhorn trail last weekend."


def wait_for_backlog(memory: Memoryos, deadline_s: float = 120.0) -> int:
    """Poll until enrichment and learning have caught up, then let the pass in progress end."""
    end = time.monotonic() + deadline_s
    while (memory.status()["enrichment_backlog"] or memory.status()["learning_backlog"]) and time.monotonic() < end:
        memory.flush(timeout=5)
        time.sleep(0.2)
    memory.flush()
    return memory.status()["enrichment_backlog"]


def open_llm_memory(tmp_path, fake, embeddings: str = "local", local_embedder=None, **settings) -> Memoryos:
    config = MemoryConfig(
        data_storage_path=tmp_path, openai_base_url=fake.base_url, openai_api_key="sk-test",
        embedding_provider=embeddings, short_term_capacity=2,
        embedding_model_name="fake-embedding" if embeddings == "openai" else "all-MiniLM-L6-v2",
        mid_term_heat_threshold=3, llm_timeout=1.0, llm_max_retries=0, **settings,
    )
    return Memoryos.from_config(config, embedder=local_embedder if embeddings == "local" else None)


def add(memory: Memoryos, exchanges) -> list[int]:
    return [memory.add_memory(u, a, timestamp=f"2024-06-{n + 1:02d} 18:00:00").details["page_id"]
            for n, (u, a) in enumerate(exchanges)]


def test_llm_enriches_in_the_background(tmp_path, fake_openai):
    fake_openai.chat_handler = scripted
    memory = open_llm_memory(tmp_path, fake_openai, embeddings="openai")
    add(memory, HIKES)
    assert wait_for_backlog(memory) == 0
    paths = fake_openai.request_paths()
    assert "/v1/embeddings" in paths and "/v1/chat/completions" in paths
    page = memory.retrieve("Matterhorn", max_results=3).retrieved_pages[0]
    assert page.meta_info == "The user talks about hiking trips."
    profile = memory.get_user_profile(include_assistant_knowledge=True)
    assert profile.user_profile.startswith("Outdoor person")
    user_facts = [k.knowledge for k in profile.user_knowledge]
    assert "User hikes in the Alps with his brother Tomas" in user_facts
    assert len(user_facts) > 1, "the rules learn every page's facts under a model too"
    assert "Assistant suggested buying new hiking boots" in [k.knowledge for k in profile.assistant_knowledge]
    [fact] = [f for f in memory.knowledge("user") if f.knowledge == "User hikes in the Alps with his brother Tomas"]
    analysed = {page.id for page in all_pages(memory) if page.analyzed}
    assert set(fact.sources) < analysed, "an LLM fact is traced to the analysed pages closest to it, not to all"
    assert memory.status()["mid_term_segments"] == 1
    memory.close()


@pytest.mark.parametrize("fault", ["500", "timeout", "garbled"])
def test_llm_faults_lose_no_page_and_enrichment_catches_up(tmp_path, fake_openai, local_embedder, fault):
    fake_openai.timeout_sleep = 2.0
    answers = {"broken": True}

    def flaky(messages: list[dict]) -> str:
        return "Sure! Here are the themes: hiking, mountains" if answers["broken"] else scripted(messages)

    if fault == "garbled":
        fake_openai.chat_handler = flaky
    else:
        fake_openai.chat_handler = scripted
        fake_openai.fail_path("/v1/chat", fault, 3)
    memory = open_llm_memory(tmp_path, fake_openai, local_embedder=local_embedder)
    ids = add(memory, HIKES[:4])
    memory.flush(timeout=10)
    assert memory.status()["short_term_pages"] + memory.status()["mid_term_pages"] == 4
    found = memory.retrieve("Dolomites next summer", max_results=5)
    assert ids[1] in [p.page_id for p in found.retrieved_pages], "pages are searchable before enrichment"
    answers["broken"] = False
    assert wait_for_backlog(memory) == 0
    assert memory.retrieve("Matterhorn", max_results=1).retrieved_pages[0].meta_info
    memory.close()


def test_get_response_answers_from_memory_and_remembers(tmp_path, fake_openai, local_embedder):
    fake_openai.chat_handler = scripted
    memory = open_llm_memory(tmp_path, fake_openai, local_embedder=local_embedder)
    add(memory, HIKES[:3])
    answer = memory.get_response("Which trail did I hike last weekend?")
    assert answer == "You hiked the Matterhorn trail last weekend."
    prompt = fake_openai.requests[-1][1]["messages"][-1]["content"]
    assert "Matterhorn" in prompt
    assert memory.list_memories(tier="short").pages[0].agent_response == answer  # newest first
    memory.close()


def test_get_response_without_llm_says_how_to_configure(tmp_path, local_embedder):
    memory = Memoryos.from_config(MemoryConfig(data_storage_path=tmp_path), embedder=local_embedder)
    with pytest.raises(LLMUnavailableError, match="openai_api_key"):
        memory.get_response("hello")
    memory.close()


def test_offline_end_to_end_with_the_real_model(tmp_path, local_embedder):
    memory = Memoryos.from_config(MemoryConfig(data_storage_path=tmp_path, short_term_capacity=2,
                                               mid_term_heat_threshold=3), embedder=local_embedder)
    add(memory, [
        ("I adopted a beagle puppy called Waffles", "Congratulations on the new dog!"),
        ("My flight to Nairobi leaves on gate 47B", "Safe travels"),
        ("I'm training for a marathon in October", "Keep up the running"),
        ("I work as a pharmacist in Leeds", "Pharmacy is important work"),
        ("The weather is grey today", "Hope it clears up"),
        ("Nothing much else", "ok"),
    ])
    paraphrase = memory.retrieve("does the user own any pets?", max_results=1).retrieved_pages[0]
    assert "Waffles" in paraphrase.user_input
    exact = memory.retrieve("47B", max_results=1).retrieved_pages[0]
    assert "Nairobi" in exact.user_input
    facts = " ".join(k.knowledge for k in memory.get_user_profile().user_knowledge)
    assert "beagle" in facts and "pharmacist" in facts, "offline, every page that left short-term gives facts"
    card = memory.get_user_profile().user_profile
    assert "works as pharmacist" in card and "Waffles (beagle puppy)" in card
    memory.close()
