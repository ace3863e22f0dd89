"""The LLM layer: offline rules, and the OpenAI-compatible provider against a local fake server."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from memoryos_mcp.config import MemoryConfig
from memoryos_mcp.errors import LLMError, LLMUnavailableError
from memoryos_mcp.language.answers import parse_json_answer, strip_think
from memoryos_mcp.language.offline import OfflineLLM
from memoryos_mcp.language.openai_llm import OpenAILLM
from memoryos_mcp.language.policy import make_llm
from memoryos_mcp.models import PageText
from tests.fake_openai import FakeOpenAI

WHEN = "2023-05-08 13:56:00"

TRIP = PageText(
    "I'm planning a trip to Japan in April. Which cities should I visit?",
    "Tokyo and Kyoto are great choices for a first trip to Japan.",
    "2024-03-01 10:00:00",
)
FOLLOW_UP = PageText(
    "How many days should I spend in Kyoto?",
    "Three days in Kyoto is enough to see the main temples.",
    "2024-03-09 18:30:00",
)
LAPTOP = PageText(
    "My laptop won't turn on after the update.",
    "Try holding the power button for 30 seconds, then plug it in again.",
    "2024-03-09 18:30:00",
)


def page(user: str, agent: str = "That's great to hear.", when: str = WHEN) -> PageText:
    return PageText(user, agent, when)


def embedded(embedder: Any, *pages: PageText) -> list[PageText]:
    vectors = embedder.embed_batch([p.text for p in pages])
    return [PageText(p.user_input, p.agent_response, p.timestamp, v) for p, v in zip(pages, vectors, strict=True)]


# -- offline provider -------------------------------------------------------------------------------


def test_offline_user_facts_restate_first_person_sentences_in_third_person() -> None:
    facts = OfflineLLM().user_facts([
        page("Yeah, I adopted a dog named Max last month. I'm a nurse and I work night shifts at the "
             "city hospital. My favorite band is Queen. I don't eat meat.")
    ])
    assert facts[1] == "User's favorite band is Queen", "a single-valued subject stays a fact of its own"
    facts = facts[0].split("; ")  # the rest of the message is one fact
    assert "User adopted a dog named Max in April 2023" in facts
    assert "User is a nurse" in facts
    assert "User works night shifts at the city hospital" in facts
    assert "User doesn't eat meat" in facts


def test_offline_user_facts_date_relative_times_from_the_page_timestamp() -> None:
    facts = OfflineLLM().user_facts([page("I went to a support group yesterday. I moved to Boston in 2019.")])
    assert facts == [
        "User went to a support group on 2023-05-07",
        "User moved to Boston in 2019",  # when it was said is the fact's first_seen
    ]


def test_offline_user_facts_skip_questions_reactions_and_the_assistants_words() -> None:
    llm = OfflineLLM()
    assert llm.user_facts([page("Do I need a visa for Japan? Am I too late to book?")]) == []
    assert llm.user_facts([page("I'm so happy for you! I love that. I think so. I can't wait!")]) == []
    assert llm.user_facts([page("Tell me more.", "I adopted a cat last year and I live in Oslo.")]) == []


def test_offline_user_facts_are_deduplicated_across_pages() -> None:
    facts = OfflineLLM().user_facts([page("I live in Oslo."), page("I live in Oslo!")])
    assert facts == ["User lives in Oslo"]


def test_offline_assistant_facts_keep_recommendations_and_promises_not_courtesies() -> None:
    facts = OfflineLLM().assistant_facts([
        page("Any book ideas?", "I'd recommend reading Dune by Frank Herbert. I'll send you a list of "
             "sci-fi classics tomorrow. I'll never forget that trip. You should be proud!"),
    ])
    assert facts == [
        "Assistant recommended reading Dune by Frank Herbert; "
        "Assistant promised to send the user a list of sci-fi classics on 2023-05-09",
    ]


def test_offline_themes_give_one_extractive_theme_with_keywords() -> None:
    pages = [
        page("I adopted a puppy named Max. The puppy chews everything.",
             "Puppies chew when teething; give Max chew toys."),
        page("Max the puppy also barks at night.", "Crate training helps a puppy settle at night."),
    ]
    themes = OfflineLLM().themes(pages)
    assert len(themes) == 1
    assert "puppy" in themes[0].keywords and "max" in themes[0].keywords
    assert 0 < len(themes[0].summary) <= OfflineLLM.THEME_SUMMARY_CHARS
    text = " ".join(p.text for p in pages)
    assert themes[0].summary.split(". ")[0].rstrip(".") in text


def test_offline_themes_of_empty_pages_are_none() -> None:
    assert OfflineLLM().themes([page("", "")]) == []


def test_offline_continuity_follows_meaning(local_embedder: Any) -> None:
    trip, follow_up, laptop = embedded(local_embedder, TRIP, FOLLOW_UP, LAPTOP)
    llm = OfflineLLM()
    assert llm.is_continuation(trip, follow_up)  # days apart, same subject
    assert not llm.is_continuation(trip, laptop)


def test_offline_continuity_without_embeddings_uses_time_and_shared_words() -> None:
    llm = OfflineLLM()
    assert not llm.is_continuation(TRIP, LAPTOP)
    same_minute = PageText("Is Kyoto expensive?", "Hotels are cheaper outside the centre.", TRIP.timestamp)
    assert llm.is_continuation(TRIP, same_minute)  # minutes apart and "kyoto" in both
    unrelated_now = PageText(LAPTOP.user_input, LAPTOP.agent_response, TRIP.timestamp)
    assert not llm.is_continuation(TRIP, unrelated_now)


def test_offline_chain_meta_is_a_bounded_running_summary() -> None:
    llm = OfflineLLM()
    meta = llm.chain_meta("", TRIP)
    assert "trip to Japan" in meta
    assert llm.chain_meta(meta, TRIP) == meta  # the same sentence is not added twice
    for i in range(60):
        meta = llm.chain_meta(meta, page(f"Day {i}: we visited temple number {i} near Kyoto station."))
    assert len(meta) <= OfflineLLM.META_CHARS
    assert "temple number 59" in meta


def test_offline_chat_says_how_to_configure_a_model() -> None:
    with pytest.raises(LLMUnavailableError, match="openai_api_key"):
        OfflineLLM().chat("system", "hello")


def test_make_llm_picks_offline_without_endpoint_and_openai_with_one() -> None:
    assert make_llm(MemoryConfig()).name == "offline"
    llm = make_llm(MemoryConfig(openai_base_url="http://127.0.0.1:9/v1", llm_model="qwen3:8b"))
    assert isinstance(llm, OpenAILLM) and llm.name == "openai:qwen3:8b"
    assert make_llm(MemoryConfig(openai_api_key="k", llm_provider="offline")).name == "offline"


# -- tolerant parsing -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ('{"facts": ["a"]}', {"facts": ["a"]}),
        ('```json\n{"Facts": ["a"]}\n```', {"facts": ["a"]}),
        ('<think>{"facts": []} maybe?</think>\nHere you go: {"FACTS": ["a"]} Hope this helps!', {"facts": ["a"]}),
        ('reasoning first</think>["a", "b"]', ["a", "b"]),
        ('Note [1]: the answer is {"Is Continuation": true}', {"is_continuation": True}),
    ],
)
def test_parse_json_answer_finds_the_json(answer: str, expected: Any) -> None:
    assert parse_json_answer(answer) == expected


@pytest.mark.parametrize("answer", ["", "I cannot help with that.", "<think>still thinking {\"facts\": []}", "{oops"])
def test_parse_json_answer_refuses_non_json(answer: str) -> None:
    with pytest.raises(LLMError):
        parse_json_answer(answer)


def test_strip_think_removes_reasoning_blocks() -> None:
    assert strip_think("<think>a\nb</think>\n\nAnswer") == "Answer"
    assert strip_think("<THINKING>x</THINKING>Yes") == "Yes"
    assert strip_think("<think>never closed") == ""


# -- OpenAI-compatible provider against the fake server ----------------------------------------------

ANSWERS = {
    "continues": '{"continues": true}',
    "summary": '{"summary": "User plans a spring trip to Japan."}',
    "themes": '{"themes": [{"summary": "Trip to Japan", "keywords": ["Japan", "kyoto", "Japan"]}]}',
    "profile": '{"profile": "Interests: travel, Japan"}',
    "facts": '{"facts": ["User plans a trip to Japan in April 2024", " "]}',
}


def by_task(answers: dict[str, str]) -> Callable[[list[dict[str, Any]]], str]:
    """A chat handler answering each prompt by the JSON key it asks for."""

    def handler(messages: list[dict[str, Any]]) -> str:
        asked = re.search(r'of this shape: \{"(\w+)"', messages[-1]["content"])
        assert asked, "every structured prompt names the JSON key it wants"
        return answers[asked.group(1)]

    return handler


def openai_llm(fake: FakeOpenAI, **settings: Any) -> OpenAILLM:
    return OpenAILLM(MemoryConfig(openai_base_url=fake.base_url, openai_api_key="test", **settings))


def test_openai_llm_parses_every_task(fake_openai: FakeOpenAI) -> None:
    fake_openai.chat_handler = by_task(ANSWERS)
    llm = openai_llm(fake_openai, llm_model="fake-model")
    assert llm.is_continuation(TRIP, FOLLOW_UP) is True
    assert llm.chain_meta("", TRIP) == "User plans a spring trip to Japan."
    [theme] = llm.themes([TRIP])
    assert theme.summary == "Trip to Japan" and theme.keywords == ["japan", "kyoto"]
    assert llm.profile("", [TRIP], ["User plans a trip"]) == "Interests: travel, Japan"
    assert llm.user_facts([TRIP]) == ["User plans a trip to Japan in April 2024"]
    assert llm.assistant_facts([TRIP]) == ["User plans a trip to Japan in April 2024"]
    path, body = fake_openai.requests[0]
    assert path == "/v1/chat/completions"
    assert body["model"] == "fake-model" and body["temperature"] == OpenAILLM.TEMPERATURE
    assert TRIP.timestamp in body["messages"][-1]["content"]


def test_openai_llm_tolerates_fences_think_blocks_and_odd_shapes(fake_openai: FakeOpenAI) -> None:
    fake_openai.chat_handler = by_task({
        "continues": "<think>The second asks about Kyoto.</think>\nYes.",
        "themes": '<think>two topics?</think>\n```json\n[{"Summary": "Trip", "Keywords": "japan, kyoto"},'
                  ' {"summary": "Food", "keywords": []}, {"summary": "Extra", "keywords": []}]\n```',
        "facts": 'Sure! Here they are:\n```\n[{"fact": "User plans a trip"}, "User likes Kyoto"]\n```',
    })
    llm = openai_llm(fake_openai)
    assert llm.is_continuation(TRIP, FOLLOW_UP) is True
    themes = llm.themes([TRIP])
    assert [t.summary for t in themes] == ["Trip", "Food"]
    assert themes[0].keywords == ["japan", "kyoto"]
    assert llm.user_facts([TRIP]) == ["User plans a trip", "User likes Kyoto"]


def test_openai_llm_refused_answers_give_the_rules_result_at_once(fake_openai: FakeOpenAI) -> None:
    rules = OfflineLLM()
    llm = openai_llm(fake_openai)
    fake_openai.chat_handler = lambda messages: "The user seems to like travel, I think."
    assert llm.chain_meta("", TRIP) == rules.chain_meta("", TRIP)
    assert llm.user_facts([TRIP]) == [], "the rules learn every page's facts already: a refused answer adds none"
    fake_openai.chat_handler = lambda messages: json.dumps({"themes": []})
    assert llm.themes([TRIP]) == rules.themes([TRIP])
    fake_openai.chat_handler = lambda messages: '{"continues": "perhaps"}'
    assert llm.is_continuation(TRIP, FOLLOW_UP) is rules.is_continuation(TRIP, FOLLOW_UP)
    assert llm.status()["rejections"] == {"unparseable": 2, "wrong_shape": 2}
    assert len(fake_openai.requests) == 4, "no retry of an answer that came"


@pytest.mark.parametrize("kind", ["garbled", "truncated", "empty", "no_choices", "500"])
def test_openai_llm_broken_responses_give_the_rules_result(fake_openai: FakeOpenAI, kind: str) -> None:
    fake_openai.chat_handler = by_task(ANSWERS)
    fake_openai.fail_next(10, kind)
    llm = openai_llm(fake_openai, llm_max_retries=0)
    assert llm.themes([TRIP]) == OfflineLLM().themes([TRIP])
    assert llm.status()["rejections"] == {"no_answer": 1}, kind


def test_openai_llm_retries_a_server_error(fake_openai: FakeOpenAI) -> None:
    fake_openai.chat_handler = by_task(ANSWERS)
    fake_openai.fail_next(1, "500")
    assert openai_llm(fake_openai, llm_max_retries=2).user_facts([TRIP]) == [
        "User plans a trip to Japan in April 2024"
    ]
    assert len(fake_openai.requests) == 2


def test_openai_llm_gives_up_after_its_retries(fake_openai: FakeOpenAI) -> None:
    fake_openai.fail_next(3, "429")
    with pytest.raises(LLMError, match="HTTP 429"):
        openai_llm(fake_openai, llm_max_retries=1).chat("system", "hello")
    assert len(fake_openai.requests) == 2


def test_openai_llm_timeout_raises_llm_error(fake_openai: FakeOpenAI) -> None:
    fake_openai.timeout_sleep = 2.0
    fake_openai.fail_next(1, "timeout")
    with pytest.raises(LLMError, match="did not answer the chat prompt within 0.5 s"):
        openai_llm(fake_openai, llm_timeout=0.5, llm_max_retries=0).chat("system", "hello")
    assert len(fake_openai.requests) == 1


def test_openai_llm_errors_never_show_the_key(fake_openai: FakeOpenAI) -> None:
    secret = "sk-test-0123456789abcdef"
    fake_openai.api_key = "another-key"
    llm = OpenAILLM(MemoryConfig(openai_base_url=fake_openai.base_url, openai_api_key=secret))
    with pytest.raises(LLMError, match="HTTP 401") as caught:
        llm.chat("system", "hello")
    assert secret not in str(caught.value)


def test_openai_llm_chat_strips_reasoning(fake_openai: FakeOpenAI) -> None:
    fake_openai.chat_handler = lambda messages: "<think>Let me recall.</think>\n\nYou adopted Max in May."
    assert openai_llm(fake_openai).chat("system", "When did I adopt Max?") == "You adopted Max in May."
    fake_openai.chat_handler = lambda messages: "<think>Let me recall... forever"
    with pytest.raises(LLMError, match="reasoning"):
        openai_llm(fake_openai).chat("system", "When did I adopt Max?")


def test_openai_llm_unreachable_server_raises_llm_error() -> None:
    url = "http://user:hunter22@127.0.0.1:9/v1"
    llm = OpenAILLM(MemoryConfig(openai_base_url=url, llm_max_retries=0, llm_timeout=2))
    with pytest.raises(LLMError, match="cannot connect to .*127.0.0.1:9/v1") as caught:
        llm.chat("system", "hello")
    assert "hunter22" not in str(caught.value)
    llm.close()
