"""A configured model helps and never hurts: its answers are used only when they mean something, the offline
rules' result stands in at once otherwise, and the model's health is in the open.

Exact answers from the scripted endpoint (tests/fake_openai.py); the end-to-end check drives two real
servers over MCP, one offline and one pointed at an endpoint that answers garbage, prose, echoes,
placeholders, timeouts and 500s, and finds the same facts and profile in both.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from memoryos_mcp.config import MemoryConfig
from memoryos_mcp.language.health import PROBE_EVERY
from memoryos_mcp.language.offline import OfflineLLM
from memoryos_mcp.language.openai_llm import OpenAILLM
from memoryos_mcp.models import PageText
from tests.fake_openai import FakeOpenAI
from tests.support import blocking_client
from tests.test_comprehensive import stdio_client_for, write_config
from tests.test_llm import by_task

TRIP = PageText("I'm planning a trip to Japan in April with my sister Mei. Which cities should I visit?",
                "Tokyo and Kyoto are great choices for a first trip to Japan.", "2024-03-01 10:00:00")
FOLLOW_UP = PageText("How many days should I spend in Kyoto?", "Three days in Kyoto is enough.", "2024-03-01 10:05:00")
#: What a weak model gives back when it fills the prompt's shape with placeholders of its own.
PLACEHOLDERS = {
    "summary": '{"summary": "<summary>"}',
    "themes": '{"themes": [{"summary": "<theme>", "keywords": ["<keyword>", "..."]}]}',
    "profile": '{"profile": "<the updated profile>"}',
    "facts": '{"facts": ["<a fact>", "..."]}',
}


def model(fake: FakeOpenAI, **settings: Any) -> OpenAILLM:
    """A model of its own name: the answer format found for an endpoint is remembered per process."""
    return OpenAILLM(MemoryConfig(openai_base_url=fake.base_url, openai_api_key="test",
                                  llm_model=f"m-{uuid.uuid4().hex[:8]}", llm_max_retries=0, **settings))


def test_placeholders_of_the_prompt_are_never_used(fake_openai: FakeOpenAI) -> None:
    fake_openai.chat_handler = by_task(PLACEHOLDERS)
    llm, rules = model(fake_openai), OfflineLLM()
    assert llm.chain_meta("", TRIP) == rules.chain_meta("", TRIP)
    assert llm.themes([TRIP]) == rules.themes([TRIP])
    assert llm.profile("Who they are: plans a trip to Japan", [TRIP], []) == "Who they are: plans a trip to Japan"
    assert llm.user_facts([TRIP]) == []
    assert llm.status()["rejections"] == {"placeholder": 5, "empty": 1, "no_valid_fact": 1}
    assert llm.status()["answers_used"] == 0


def test_the_prompt_echoed_to_the_user_model_task_is_no_answer(fake_openai: FakeOpenAI) -> None:
    fake_openai.chat_handler = lambda messages: messages[-1]["content"]  # its example update: home Porto
    llm = model(fake_openai)
    assert llm.model_updates([TRIP]) == OfflineLLM().model_updates([TRIP])
    assert llm.status()["answers_used"] == 0 and "no_valid_update" in llm.status()["rejections"]


def test_facts_that_say_nothing_or_copy_the_prompt_are_dropped(fake_openai: FakeOpenAI) -> None:
    facts = ["2024-03-01", "User", "Mei", "User adopted a dog named Max in May 2023", "User is 34 years old",
             "User plans a trip to Japan in April 2024 with her sister Mei"]
    fake_openai.chat_handler = lambda messages: json.dumps({"facts": facts})
    llm = model(fake_openai)
    assert llm.user_facts([TRIP]) == ["User plans a trip to Japan in April 2024 with her sister Mei"]
    assert llm.status()["rejections"] == {"bare_date": 1, "bare_name": 2, "copied_from_instructions": 1,
                                          "unsupported": 1}
    assert llm.status()["answers_used"] == 1


def test_a_profile_naming_what_no_source_says_is_refused(fake_openai: FakeOpenAI) -> None:
    card = "Who they are: plans a trip to Japan"
    fake_openai.chat_handler = lambda messages: json.dumps({"profile": "Who they are: Mei, 34, lives in Osaka"})
    llm = model(fake_openai)
    assert llm.profile(card, [TRIP], ["User plans a trip to Japan"]) == card
    assert llm.status()["last_rejection"].startswith("unsupported")
    grounded = "Who they are: plans a trip to Japan in April.\nPeople and pets: sister Mei."
    fake_openai.chat_handler = lambda messages: json.dumps({"profile": grounded})
    assert llm.profile(card, [TRIP], ["User plans a trip to Japan"]) == grounded
    forgetful = "People and pets: sister Mei."
    fake_openai.chat_handler = lambda messages: json.dumps({"profile": forgetful})
    assert llm.profile(grounded, [TRIP], []) == grounded, "a card that forgets Japan is no refinement"
    assert llm.status()["last_rejection"].startswith("drops_known")


def test_an_echo_of_the_instructions_is_refused(fake_openai: FakeOpenAI) -> None:
    echo = "A running summary of the whole conversation: the subjects discussed, decisions, names and places."
    fake_openai.chat_handler = lambda messages: json.dumps({"summary": echo})
    llm = model(fake_openai)
    assert llm.chain_meta("", TRIP) == OfflineLLM().chain_meta("", TRIP)
    assert llm.status()["rejections"] == {"echo": 1}


def test_the_prompts_example_given_back_is_refused_even_when_the_chat_names_its_values(
        fake_openai: FakeOpenAI) -> None:
    fake_openai.chat_handler = lambda messages: messages[-1]["content"].split("of this shape: ", 1)[1].split("\n")[0]
    llm = model(fake_openai)
    moved = PageText("I just moved to Porto for a new job.", "Welcome to Porto!", "2024-03-01 10:00:00")
    assert llm.model_updates([moved]) == [[]]
    assert llm.status()["rejections"] == {"placeholder": 1} and llm.status()["answers_used"] == 0


def test_user_model_updates_outside_the_list_or_the_chat_are_dropped(fake_openai: FakeOpenAI) -> None:
    updates = [{"exchange": 1, "subject": "user", "attribute": "home", "value": "Porto", "change": "set"},
               {"exchange": 1, "subject": "user", "attribute": "hair colour", "value": "Japan"},
               {"exchange": 1, "subject": "user", "attribute": "age", "value": "34"},
               {"exchange": 1, "subject": "user", "attribute": "plan", "value": "trip to Japan", "change": "add",
                "when": "2024-04-01"}]
    fake_openai.chat_handler = lambda messages: json.dumps({"updates": updates})
    llm = model(fake_openai)
    [found] = llm.model_updates([TRIP])
    assert [(u.attribute, u.value) for u in found] == [("plan", "trip to Japan")]
    assert llm.status()["rejections"] == {"unsupported": 2, "attribute": 1}


def test_each_request_is_bounded_and_states_its_schema_before_the_data(fake_openai: FakeOpenAI) -> None:
    fake_openai.chat_handler = by_task({"continues": '{"continues": true}',
                                         "facts": '{"facts": ["User plans a trip to Japan"]}'})
    llm = model(fake_openai)
    assert llm.is_continuation(TRIP, FOLLOW_UP) is True
    assert llm.user_facts([TRIP]) == ["User plans a trip to Japan"]
    bodies = [body for path, body in fake_openai.requests if path.endswith("/chat/completions")]
    assert [body["max_tokens"] for body in bodies] == [200, 600]
    assert [body["response_format"]["type"] for body in bodies] == ["json_schema", "json_schema"]
    assert bodies[1]["response_format"]["json_schema"]["schema"]["properties"]["facts"]["type"] == "array"
    prompt = bodies[1]["messages"][-1]["content"]
    assert prompt.index("of this shape") < prompt.index("EXCHANGES:") < prompt.index(TRIP.user_input)


@pytest.mark.parametrize(("takes", "found", "sent"), [
    ({"json_object"}, "json_object_schema", ["json_schema", "json_object"]),
    (set(), "plain", ["json_schema", "json_object", "json_object", "plain"])])
def test_the_answer_format_is_found_once_per_endpoint(fake_openai: FakeOpenAI, takes: set[str], found: str,
                                                     sent: list[str]) -> None:
    fake_openai.response_formats = takes
    fake_openai.chat_handler = lambda messages: '{"continues": false}'
    first = model(fake_openai)
    second = OpenAILLM(MemoryConfig(openai_base_url=fake_openai.base_url, openai_api_key="test",
                                    llm_model=first.model))
    for llm in (first, second, first):
        assert llm.is_continuation(TRIP, FOLLOW_UP) is False
    kinds = [(body.get("response_format") or {}).get("type", "plain") for _, body in fake_openai.requests]
    assert kinds == [*sent, sent[-1], sent[-1]], "refused kinds are tried once per endpoint, not per request"
    assert first.status()["structured_output"] == second.status()["structured_output"] == found
    assert first.status()["rejections"] == {}


def test_a_mostly_failing_model_puts_the_memory_on_the_floor_with_one_warning(
        fake_openai: FakeOpenAI, caplog: pytest.LogCaptureFixture) -> None:
    fake_openai.chat_handler = lambda messages: "Sure! Here is what I found about the conversation."
    llm, rules = model(fake_openai), OfflineLLM()
    with caplog.at_level(logging.DEBUG, logger="memoryos_mcp"):
        for _ in range(40):
            assert llm.themes([TRIP]) == rules.themes([TRIP])
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "mostly failing" in warnings[0].getMessage()
    assert "Sure! Here is" not in warnings[0].getMessage(), "the warning names reasons, never an answer"
    assert any("Sure! Here is" in r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG)
    status = llm.status()
    assert status["on_offline_floor"] is True and status["recent_success_rate"] == 0.0
    assert status["last_rejection"].startswith("unparseable")
    asked = len(fake_openai.requests)
    assert asked < 6 + 40 // PROBE_EVERY + 2, "on the floor the model is asked one task in PROBE_EVERY"
    fake_openai.chat_handler = lambda messages: '{"themes": [{"summary": "Trip to Japan", "keywords": []}]}'
    for _ in range(200):
        llm.themes([TRIP])
        if not llm.status()["on_offline_floor"]:
            break
    assert llm.status()["on_offline_floor"] is False, "a model that recovers does the work again"
    assert llm.themes([TRIP])[0].summary == "Trip to Japan"


# -- end to end over MCP: a useless endpoint leaves the memory at offline quality --------------------------

CHAT = [
    ("Hi! I'm Lena, I just moved to Porto for a job at Tidewater Labs.", "Welcome to Porto, Lena!"),
    ("My sister Mei is visiting next week.", "How nice, enjoy her visit."),
    ("I'm allergic to peanuts, so restaurants are tricky.", "I'll keep the peanut allergy in mind."),
    ("I run along the river every morning.", "Running by the Douro sounds lovely."),
    ("My cat Biscuit hates the new flat.", "Cats need time to settle."),
    ("I started a pottery course on Thursdays.", "Pottery is relaxing."),
    ("Mei arrives on Friday by train.", "Have a great weekend with Mei."),
    ("I drive an old blue Fiat.", "Classic choice."),
]


def useless_answer(messages: list[dict[str, Any]]) -> str:
    """Garbage, prose, the prompt echoed, or its shape filled with its own placeholders, in turn."""
    prompt = messages[-1]["content"]
    shape = prompt.split("of this shape: ", 1)[-1].split("\n", 1)[0]
    useless_answer.turn = getattr(useless_answer, "turn", 0) + 1  # type: ignore[attr-defined]
    return ['{"sum', "Sure! The user seems to enjoy life.", prompt, shape][useless_answer.turn % 4]  # type: ignore


def settled(client: Any, patience: float) -> dict[str, Any]:
    """The status once nothing waits (`patience` guards against a hung test; it is no speed requirement)."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        status = client.resource("memoryos://status")
        assert status["quarantined_pages"] == 0, "no page is given up on"
        if status["enrichment_backlog"] == 0 and status["learning_backlog"] == 0:
            return status
        time.sleep(0.3)
    raise AssertionError(f"the memory did not settle: {status}")


def learnt(folder: Path, log: Path, chat: list[tuple[str, str]] = CHAT, patience: float = 180.0,
           **settings: Any) -> tuple[dict[str, Any], list[str], str, list[str]]:
    """The chat told to a real server; its status, facts, profile and every text it stored about the chat."""
    folder.mkdir(parents=True, exist_ok=True)
    config = write_config(folder, short_term_capacity=2, mid_term_heat_threshold=1.0, **settings)
    with open(log, "w", encoding="utf-8") as errlog, blocking_client(stdio_client_for(config, errlog)) as client:
        for n, (said, answer) in enumerate(chat):
            added = client.call("add_memory", {"user_input": said, "agent_response": answer,
                                               "timestamp": f"2024-05-{n % 28 + 1:02d}T10:00:00"})
            assert not added.is_error
        status = settled(client, patience)
        facts = client.call("list_knowledge", {"kind": "user", "limit": 100}).structured_content["facts"]
        profile = client.call("get_user_profile", {"include_assistant_knowledge": True}).structured_content
        found = client.call("retrieve_memory", {"query": "Lena Porto Mei", "max_results": 10}).structured_content
    stored = [f["knowledge"] for f in facts] + [k["knowledge"] for k in profile["assistant_knowledge"]]
    stored += [page["meta_info"] for page in found["retrieved_pages"]] + [profile["user_profile"]]
    return status, sorted(f["knowledge"] for f in facts), profile["user_profile"], stored


def placeholder_like(texts: list[str]) -> list[str]:
    """Texts holding a prompt's blank ("<summary>") or only punctuation ("..."); an empty summary is none."""
    return [text for text in texts if re.search(r"<[^<>]+>|^\W+$", text)]


@pytest.mark.slow
def test_a_useless_endpoint_leaves_the_memory_at_offline_quality_over_mcp(tmp_path: Path) -> None:
    offline_status, offline_facts, offline_profile, _ = learnt(tmp_path / "offline", tmp_path / "offline.log")
    assert offline_facts and offline_profile
    with FakeOpenAI() as fake:
        fake.chat_handler = useless_answer
        fake.timeout_sleep = 1.0
        fake.fail_path("/v1/chat", "500", 1)
        fake.fail_path("/v1/chat", "timeout", 1)
        status, facts, profile, stored = learnt(
            tmp_path / "model", tmp_path / "model.log", openai_base_url=fake.base_url, openai_api_key="sk-test",
            embedding_provider="local", llm_timeout=0.5, llm_max_retries=0)
    assert facts == offline_facts
    assert profile == offline_profile
    assert not placeholder_like(stored), "nothing placeholder-like is stored"
    state = status["llm_state"]
    assert state["on_offline_floor"] is True and state["answers_used"] == 0
    assert {"no_answer", "unparseable", "placeholder"} <= set(state["rejections"])
    log = (tmp_path / "model.log").read_text(encoding="utf-8")
    assert log.count("is mostly failing") == 1
    assert "sk-test" not in log
