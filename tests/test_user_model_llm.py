"""The user model on the LLM path: one structured-extraction prompt returns the same updates as the rules."""

from __future__ import annotations

import json

from tests.test_engine_openai import add, open_llm_memory, scripted, wait_for_backlog

CHAT = [
    ("Guess who got the job at Halden Health!", "Congratulations! When do you start?"),
    ("The 19th of October. Bye bye Northwind.", "Exciting! I'll remind you on 18 October to pack your badge."),
    ("Anyway, ceramics class tonight", "Enjoy the ceramics class!"),
    ("Back from class", "How did it go?"),
    ("I made a wonky mug in class", "Wonky mugs have character."),
    ("Class again next week", "Enjoy it!"),
]


def model_answer(messages: list[dict]) -> str:
    """The model's updates for the numbered exchanges, in the shape the prompt asks for."""
    prompt = messages[-1]["content"]
    if '{"updates"' not in prompt:
        return scripted(messages)
    updates = []
    if "Halden Health" in prompt:
        updates.append({"exchange": 1, "subject": "user", "attribute": "employer", "value": "Halden Health",
                        "change": "set", "when": None, "old": "Northwind"})
    if "pack your badge" in prompt:
        updates.append({"exchange": 2, "subject": "assistant", "attribute": "commitment",
                        "value": "Remind the user to pack their badge", "change": "add", "when": "2024-10-18"})
    updates.append({"exchange": 99, "subject": "user", "attribute": "home", "value": "nowhere"})  # no such exchange
    updates.append({"subject": "user"})  # malformed: dropped, never stored
    return "<think>updates</think>" + json.dumps({"updates": updates})


def test_the_llm_fills_the_same_model_and_the_card_is_written_from_it(tmp_path, fake_openai):
    fake_openai.chat_handler = model_answer
    memory = open_llm_memory(tmp_path, fake_openai, embeddings="openai")
    add(memory, CHAT)
    assert wait_for_backlog(memory) == 0
    memory.flush()
    values = {(v.subject, v.attribute): v for v in memory.model.values() if v.current}
    assert values[("user", "employer")].value == "Halden Health"
    assert values[("assistant", "commitment")].when == "2024-10-18"
    assert not any(v.value == "nowhere" for v in memory.model.values())
    asked = [body["messages"][-1]["content"] for path, body in fake_openai.requests
             if path.endswith("/chat/completions")]
    assert any('{"updates"' in prompt for prompt in asked), "the model was asked for updates"
    card = [prompt for prompt in asked if "CURRENT CARD" in prompt]
    assert card and "Halden Health" in card[-1], "the LLM rewrites the card written from the model"
