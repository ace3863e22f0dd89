"""Faults of the LLM and embedding endpoint, through the real server: a fake OpenAI-compatible server in
this process (tests/fake_openai.py) and the server subprocess pointed at it with a short timeout.

- LLM down, slow, rate-limited, failing or garbling: add_memory still succeeds, the page is stored and
  retrievable at once, and the offline rules enrich it meanwhile (the backlog drains while the endpoint is
  broken); `memoryos://status` shows the memory on the offline floor, the log one warning, and the model
  does the work again once it recovers.
- Remote embeddings down: a page cannot be indexed without its vector, so add_memory (and retrieval)
  fail with a clean tool error naming the endpoint, nothing is half-stored, and the next call after
  recovery works. The caller was never told "success", so nothing acknowledged is lost.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fake_openai import FakeOpenAI
from tests.support import BlockingClient, blocking_client, tool_error
from tests.test_comprehensive import free_port, stdio_client_for, write_config
from tests.test_engine_openai import scripted

pytestmark = pytest.mark.slow  # real server processes

#: A guard against a hung test, not a speed requirement.
PATIENCE = 90.0
LLM_FAULTS = ["refused", "timeout", "429", "500", "garbled", "truncated"]
EMBEDDING_FAULTS = ["500", "429", "timeout", "garbled", "truncated", "empty", "refused"]


def wait_until(condition: Callable[[], Any], what: str) -> Any:
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting for {what}")


def endpoint_config(folder: Path, port: int, **settings: Any) -> Path:
    return write_config(folder, openai_base_url=f"http://127.0.0.1:{port}/v1", openai_api_key="sk-test",
                        llm_timeout=0.5, llm_max_retries=1, short_term_capacity=2, mid_term_heat_threshold=1000,
                        **settings)


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    """Not started yet: the first scenario begins with nothing listening on its port."""
    endpoint = FakeOpenAI(port=free_port())
    endpoint.chat_handler = scripted
    endpoint.timeout_sleep = 2.0
    yield endpoint
    endpoint.stop()


def break_endpoint(fake: FakeOpenAI, path: str, kind: str) -> None:
    if kind == "refused":
        fake.stop()
    else:
        fake.fail_path(path, kind, 10**6)


def repair_endpoint(fake: FakeOpenAI, kind: str) -> None:
    if kind == "refused":
        fake.start()  # the same port again
    fake.reset()


def test_llm_faults_keep_every_page_and_the_offline_floor_does_the_work(tmp_path: Path, fake: FakeOpenAI) -> None:
    log = tmp_path / "server.log"
    with open(log, "w", encoding="utf-8") as errlog, \
            blocking_client(stdio_client_for(endpoint_config(tmp_path, fake.port), errlog)) as client:
        for number, kind in enumerate(LLM_FAULTS):
            check_llm_fault(client, fake, [f"tok{number}x{n}q" for n in range(3)], kind)
        status = client.resource("memoryos://status")
        assert status["short_term_pages"] + status["mid_term_pages"] == 3 * len(LLM_FAULTS)
        assert status["llm_state"]["on_offline_floor"] is True
        assert status["llm_state"]["rejections"]["no_answer"] >= len(LLM_FAULTS)
        assert log.read_text(encoding="utf-8").count("is mostly failing") == 1, "one warning, not one per page"

        def model_summary() -> bool:  # the endpoint is back: a probe finds it and it does the work again
            client.call("add_memory", {"user_input": "Back on the hiking trail today", "agent_response": "Ok."})
            found = client.call("retrieve_memory", {"query": "hiking trail", "max_results": 3}).structured_content
            return any(p["meta_info"] == "The user talks about hiking trips." for p in found["retrieved_pages"])

        wait_until(model_summary, "the recovered model to write summaries again")
        assert client.resource("memoryos://status")["llm_state"]["on_offline_floor"] is False


def check_llm_fault(client: BlockingClient, fake: FakeOpenAI, tokens: list[str], kind: str) -> None:
    """While the endpoint is broken, pages are stored, found and enriched by the rules: no backlog waits."""
    break_endpoint(fake, "/v1/chat", kind)
    for token in tokens:
        added = client.call("add_memory", {"user_input": f"Note {token}: hiking gear list", "agent_response": "Ok."})
        assert not added.is_error and added.structured_content["status"] == "success", kind
    wait_until(lambda: client.resource("memoryos://status")["enrichment_backlog"] == 0,
               f"the backlog to drain while the endpoint is broken ({kind})")
    for token in tokens:
        found = client.call("retrieve_memory", {"query": token}).structured_content
        pages = found["retrieved_pages"] + found["short_term_memory"]
        assert any(token in page["user_input"] for page in pages), (kind, token)
    repair_endpoint(fake, kind)


def test_embedding_faults_are_clean_tool_errors(tmp_path: Path) -> None:
    with FakeOpenAI(port=free_port()) as fake, open(tmp_path / "server.log", "w", encoding="utf-8") as errlog:
        fake.timeout_sleep = 2.0
        config = endpoint_config(tmp_path, fake.port, embedding_provider="openai", llm_provider="offline",
                                 embedding_model_name="fake-embedding")
        with blocking_client(stdio_client_for(config, errlog)) as client:
            for kind in EMBEDDING_FAULTS:
                check_embedding_fault(client, fake, kind)
            assert client.resource("memoryos://status")["short_term_pages"] == 2
            assert client.resource("memoryos://status")["mid_term_pages"] == len(EMBEDDING_FAULTS) - 2


def check_embedding_fault(client: BlockingClient, fake: FakeOpenAI, kind: str) -> None:
    before = client.resource("memoryos://status")
    break_endpoint(fake, "/v1/embeddings", kind)
    failed = client.call("add_memory", {"user_input": f"My {kind} note", "agent_response": "ok"}, timeout=PATIENCE)
    message = tool_error(failed)
    assert "embedding" in message and "127.0.0.1" in message, kind
    assert "embedding" in tool_error(client.call("retrieve_memory", {"query": "note"}, timeout=PATIENCE))
    assert client.call("get_user_profile", {}).structured_content["status"] == "success", "no embedding needed"
    after = client.resource("memoryos://status")
    assert (after["short_term_pages"], after["mid_term_pages"]) == (before["short_term_pages"],
                                                                    before["mid_term_pages"]), "nothing half-stored"
    repair_endpoint(fake, kind)
    added = client.call("add_memory", {"user_input": f"My {kind} note, again", "agent_response": "ok"})
    assert not added.is_error, (kind, added.content[0].text)
    found = client.call("retrieve_memory", {"query": f"{kind} note again"}).structured_content
    assert any(f"My {kind} note, again" == page["user_input"] for page in found["short_term_memory"])
